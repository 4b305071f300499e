"""The Pegawai table checked against its model, lazily; each failure becomes a finding at
the source file and cell, with a code naming the column.

The workbook checks already report most problems at their cells; the model guards what
the summary and the exports promise (a NIP of 18 digits, canonical labels, a period of
the year, angka kredit not negative). A failure where a workbook check already put an
error is not repeated.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping, Sequence

import pandas as pd

from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.rekap import Letak
from skp_xl.summary.skema import PEGAWAI_COLUMNS, Pegawai, periksa

KODE = {
    Pegawai.nip: Code.SKEMA_NIP,
    Pegawai.nama: Code.SKEMA_NAMA,
    Pegawai.jenis_jabatan: Code.SKEMA_JENIS_JABATAN,
    Pegawai.pendekatan: Code.SKEMA_PENDEKATAN,
    Pegawai.periode: Code.SKEMA_PERIODE,
    Pegawai.capaian_organisasi: Code.SKEMA_CAPAIAN_ORGANISASI,
    Pegawai.rating_hasil_kerja: Code.SKEMA_RATING_HASIL_KERJA,
    Pegawai.rating_perilaku: Code.SKEMA_RATING_PERILAKU,
    Pegawai.predikat: Code.SKEMA_PREDIKAT,
    Pegawai.angka_kredit: Code.SKEMA_ANGKA_KREDIT,
}
"""The code of a failing value, by column: the columns whose values come from a workbook
(its cells, or what skp-xl computes from them), so the user can filter the Temuan sheet
on what to fix. A failure elsewhere (a column skp-xl fills itself, a missing column, a
wrong dtype) is ``skema-tabel``: a fault of skp-xl, not of the files."""
TABEL = Code.SKEMA_TABEL


def periksa_pegawai(
    frame: pd.DataFrame,
    letak: Sequence[Mapping[str, Letak]],
    known: set[tuple[str, str | None, str | None]],
) -> list[Finding]:
    """Validate ``frame`` with :class:`~skp_xl.summary.skema.Pegawai`; each failure as a
    finding at its cell.

    Args:
        frame: The Pegawai table (default integer index, aligned with ``letak``).
        letak: Per row, column -> (sheet, cell) where its value was read; a column
            without a cell (computed, or not found) is absent.
        known: (file, sheet, cell) already holding an error finding of the workbook
            checks: not repeated.

    Returns:
        One finding per failing value, coded by its column (:data:`KODE`), at the
        value's source cell (a file's rows of several periods share their identity
        cells: reported once); ``skema-tabel`` for a failure that is skp-xl's own.
    """
    findings = []
    made: set[tuple[str, str, str | None, str | None]] = set()
    for case in periksa(Pegawai, frame).to_dict("records"):
        index, column = case.get("index"), str(case.get("column"))
        code, path = KODE.get(column), _berkas(frame, index)
        if code is None or path is None or not isinstance(index, int):
            findings.append(
                Finding(
                    TABEL,
                    Severity.ERROR,
                    f"Tabel Pegawai tidak sesuai skema (kolom {column}, {case.get('check')}: "
                    f"{case.get('failure_case')}); ini kesalahan skp-xl, laporkan.",
                    path=path,
                )
            )
            continue
        sheet, cell = letak[index].get(column, (None, None))
        if (path, sheet, cell) in known or (path, column, sheet, cell) in made:
            continue
        made.add((path, column, sheet, cell))
        findings.append(
            Finding(
                code,
                Severity.ERROR,
                f"Kolom '{column}' bernilai '{case.get('failure_case')}', tidak sesuai aturan "
                f"tabel Pegawai ({case.get('check')}); perbaiki isian di berkasnya.",
                sheet,
                cell,
                column,
                path,
            )
        )
    return findings


def _berkas(frame: pd.DataFrame, index: object) -> str | None:
    """The file of the failing row, or None for a failure of the whole table."""
    if not isinstance(index, int) or Pegawai.berkas not in frame.columns:
        return None
    path = frame.at[index, Pegawai.berkas]
    return path if isinstance(path, str) and path else None


def pemanasan() -> threading.Thread:
    """Start pandera's first use in a thread, to be joined before :func:`periksa_pegawai`.

    pandera's first ``validate`` in a process registers its backends and imports their
    modules (0.3-0.6 s; hypothesis among them when it is installed). Done once per
    process, on an empty Pegawai table, while the parent only waits for its reader
    processes (their start and their reading), it leaves the path that ends with the
    tables; the check itself is unchanged.
    """
    global _pemanasan
    with _pemanasan_kunci:
        if _pemanasan is None:
            _pemanasan = threading.Thread(target=_hangatkan, name="skp-xl-pandera", daemon=True)
            _pemanasan.start()
        return _pemanasan


def _hangatkan() -> None:
    with contextlib.suppress(Exception):  # only a warm-up: the real check says what is wrong
        periksa(Pegawai, pd.DataFrame(columns=list(PEGAWAI_COLUMNS)))


_pemanasan: threading.Thread | None = None
_pemanasan_kunci = threading.Lock()
