"""Validate SKP workbooks: triage the file, read it, check it; every problem a finding.

This is the one reading path every feature uses (``skp-xl validate``, the consolidation,
the add-in's Periksa button). A file that cannot be read gives one finding naming it and
the reason; nothing raises for bad input. ``validate`` also takes an e-Kinerja/SIASN
export or a rekap table (:func:`check_ekspor`): recognised as ``consolidate`` recognises
it, and checked by HR's rules row by row.
"""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import python_calamine

from skp_xl.domain.checks import check_record
from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import Ekspor, calon_ekspor, hitung_sekali, periksa_ekspor
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Report, Severity
from skp_xl.domain.legacy2021 import check_record_2021
from skp_xl.domain.records import SkpRecord
from skp_xl.domain.vocabulary import PeriodeEvaluasi
from skp_xl.errors import NotAnSkpWorkbook
from skp_xl.reader.ekspor import bukan_ekspor, kenali_berkas
from skp_xl.reader.legacy2021 import is_2021, read_record_2021
from skp_xl.reader.read import read_record
from skp_xl.reader.snapshot import Snapshot, open_snapshot
from skp_xl.reader.triage import Triage, triage
from skp_xl.settings import TAHUN_MAX, TAHUN_MIN

_UNREADABLE = (
    OSError,
    zipfile.BadZipFile,
    ValueError,
    KeyError,
    InvalidValueError,
    python_calamine.CalamineError,
)
"""What reading a file that passed triage may still raise on a damaged or odd file."""


def read_file(path: Path, triaged: Triage | None = None) -> tuple[SkpRecord | None, list[Finding]]:
    """Triage and read one workbook: its record (None when unreadable) and the findings.

    The file steps of :func:`check_file`: triage, :func:`open_snapshot`, then
    :func:`read_snapshot`, no rules.

    Args:
        path: The workbook.
        triaged: The triage of ``path``, when the caller needs it too (the consolidation
            keeps its hash); ``path`` is triaged here otherwise.
    """
    if triaged is None:
        triaged = triage(path, paket=True)
    if triaged.blocking is not None:
        return None, [triaged.blocking]
    try:
        record, findings = read_snapshot(open_snapshot(path, triaged))
    except _UNREADABLE as error:
        return None, [
            Finding(
                Code.BERKAS_TIDAK_TERBACA,
                Severity.ERROR,
                f"Berkas '{path}' tidak dapat dibaca ({type(error).__name__}: {error}); buka "
                "dan simpan ulang dengan Excel atau LibreOffice sebagai .xlsx.",
                path=str(path),
            )
        ]
    return record, [*triaged.findings, *findings]


def check_file(
    path: Path,
    *,
    periode: PeriodeEvaluasi | None = None,
    today: datetime.date | None = None,
    debug: bool = False,
    triaged: Triage | None = None,
) -> tuple[SkpRecord | None, list[Finding]]:
    """Read and check one workbook: its record (None when unreadable) and every finding.

    The chain is triage, :func:`open_snapshot`, :func:`read_snapshot` (in
    :func:`read_file`), then the rules (:func:`checked`): the steps of
    :func:`check_snapshot` with the file's own before them. The rules run outside the
    file's read, so a bug in one stays a bug and not an unreadable file: a bug in
    skp-xl itself becomes one ``galat-internal`` finding naming the file (and no
    record), so a batch goes on; ``debug`` lets the exception through instead.
    ``triaged`` is ``path``'s triage when the caller has it (see :func:`read_file`).
    """
    try:
        record, findings = checked(*read_file(path, triaged), periode=periode, today=today)
    except Exception as error:
        if debug:
            raise
        return None, [internal_error(path, error)]
    return record, findings


def validate_file(
    path: Path,
    *,
    periode: PeriodeEvaluasi | None = None,
    today: datetime.date | None = None,
    debug: bool = False,
) -> Report:
    """Every finding of one workbook, or of one export (:func:`check_ekspor`), as a report
    (valid when no finding is an error); see :func:`check_file`."""
    try:
        findings, triaged = check_ekspor(path, periode=periode, today=today)
    except Exception as error:
        if debug:
            raise
        return Report.of([internal_error(path, error)], path=str(path))
    if findings is None:
        _, findings = check_file(path, periode=periode, today=today, debug=debug, triaged=triaged)
    return Report.of(findings, path=str(path))


def check_ekspor(
    path: Path,
    *,
    periode: PeriodeEvaluasi | None = None,
    today: datetime.date | None = None,
) -> tuple[list[Finding] | None, Triage | None]:
    """The findings of ``path`` when it is an e-Kinerja/SIASN export or a rekap table.

    It is recognised as the consolidation recognises it (by its header, whatever its file
    name; a workbook only when it is no skp-xl workbook). Its findings are those
    ``consolidate`` gives it (:func:`~skp_xl.domain.ekspor.periksa_ekspor`: HR's rules and
    the reconciliation of ``hasil_akhir`` with the quadrant, each at its cell) and a NIP
    rated twice for one period within it (:func:`~skp_xl.domain.ekspor.hitung_sekali`).

    Args:
        path: The file.
        periode: Only the rows of this period are checked.
        today: The date NIPs are judged against.

    Returns:
        The findings, None when ``path`` is no export (read it as an SKP); and the
        workbook's triage when one was made, for the SKP reader to reuse.
    """
    try:
        found = kenali_berkas(path)
    except OSError:
        return None, None  # missing or unreadable: triage names it
    galat = found.temuan_galat(str(path))
    if galat is not None:
        return [galat], None
    if found.ekspor is not None:
        return _temuan_ekspor(found.ekspor, periode, today), found.triaged
    if found.teks:
        table = bukan_ekspor(path, Severity.ERROR)  # a CSV of something else
        return (None if table is None else [table]), None
    return None, found.triaged


def _temuan_ekspor(
    ekspor: Ekspor, periode: PeriodeEvaluasi | None, today: datetime.date | None
) -> list[Finding]:
    nilai, findings = periksa_ekspor(ekspor, today=today)
    if periode is not None:
        other = {id(f) for n in nilai if n.periode is not periode for f in n.temuan}
        findings = tuple(f for f in findings if id(f) not in other)
        nilai = tuple(n for n in nilai if n.periode is periode)
    _, twice = hitung_sekali(calon_ekspor(ekspor, nilai))
    return [*findings, *twice]


def internal_error(path: Path, error: BaseException) -> Finding:
    """The finding for an unexpected exception while handling ``path``."""
    return Finding(
        Code.GALAT_INTERNAL,
        Severity.ERROR,
        f"skp-xl gagal memproses '{path}' ({type(error).__name__}: {error}). Ini kesalahan "
        "skp-xl, bukan kesalahan Anda: ulangi dengan --debug dan laporkan keluarannya "
        "beserta berkasnya bila boleh.",
        path=str(path),
    )


def check_snapshot(
    snapshot: Snapshot,
    *,
    periode: PeriodeEvaluasi | None = None,
    today: datetime.date | None = None,
) -> tuple[SkpRecord | None, list[Finding]]:
    """Read and check a workbook already open (a file snapshot or the add-in's live book).

    The same steps as :func:`check_file` after its file steps: :func:`read_snapshot`,
    then the rules (:func:`checked`); a workbook that is not an SKP gives its one
    finding and no record.

    Args:
        snapshot: The workbook, through any reading engine.
        periode: Check only this period's evaluation.
        today: The date NIPs are judged against (today by default).

    Returns:
        The record (None when the workbook is not an SKP) and every finding.
    """
    return checked(*read_snapshot(snapshot), periode=periode, today=today)


def read_snapshot(snapshot: Snapshot) -> tuple[SkpRecord | None, list[Finding]]:
    """Read a workbook already open into its record, without the rules.

    Returns:
        The record and the reader's findings; no record and the one finding saying so
        when the workbook is not an SKP (:class:`~skp_xl.errors.NotAnSkpWorkbook`).
    """
    try:
        if is_2021(snapshot):
            return read_record_2021(snapshot)
        return read_record(snapshot)
    except NotAnSkpWorkbook as error:
        return None, [error.finding]


def checked(
    record: SkpRecord | None,
    findings: list[Finding],
    *,
    periode: PeriodeEvaluasi | None = None,
    today: datetime.date | None = None,
) -> tuple[SkpRecord | None, list[Finding]]:
    """A read's record and findings, with the findings of the rules added when it has a
    record: the check step shared by :func:`check_file` and :func:`check_snapshot`."""
    if record is None:
        return None, findings
    if record.lampiran_2021 is not None:  # PermenPANRB 8/2021: the rules of its time
        return record, findings + check_record_2021(record, today=today)
    checks = check_record(
        record, periode=periode, today=today, tahun_rentang=(TAHUN_MIN, TAHUN_MAX)
    )
    return record, findings + checks
