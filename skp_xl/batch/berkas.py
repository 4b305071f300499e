"""The per-file step of the consolidation: a pure function from a path to what it says.

:func:`proses_berkas` takes a path and returns a small picklable :class:`HasilBerkas`
(identity, one row per rated period, the plan for the cascading check, findings), so any
engine can map it over files: a process pool here, Dask or Spark later. It never raises
for bad input, and a time limit keeps one hostile file from stalling a run.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType
from typing import TypeVar

from skp_xl.batch.pengawas import JenisKegagalan, Kegagalan
from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import (
    Ekspor,
    JenisEkspor,
    KolomEkspor,
    Nilai,
    periksa_ekspor,
    periksa_kolom,
)
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.rekap import BarisPeriode, Letak, Rencana, periode_dinilai, rencana_dari
from skp_xl.domain.salinan import pickle_ringkas
from skp_xl.reader.ekspor import Dikenali, kenali_berkas
from skp_xl.settings import BATAS_DETIK


@pickle_ringkas
@dataclass(frozen=True, slots=True)
class HasilBerkas:
    """What one file gave.

    Attributes:
        path: The file, as found.
        unit: Its folder relative to the agency root ("" for the root itself).
        terbaca: Whether it was read as an SKP (else ``temuan`` says why).
        identitas: Identity fields by defined-name key (``nip``, ``nama``, ``jabatan``...,
            ``penilai_nip``), as trimmed text.
        jenis_jabatan, pendekatan, tahun: From the workbook.
        periode: One row per rated period.
        rencana: The filled rencana hasil kerja, for the cascading check.
        temuan: Every finding of the file.
        isi: SHA-256 of the file's bytes (two copies of one file have the same).
        sel: Where each identity field was read: key -> (sheet, cell).
        ekspor: The export, when the file is an e-Kinerja or SIASN export (then
            ``terbaca`` is false: it is not an SKP, and not a problem either). A rated
            export's rows are in ``kolom`` (its ``baris`` is then empty); the master
            list keeps its rows.
        nilai: The rated-export rows with findings, after HR's rules (every row is in
            ``kolom``).
        regulasi: The PermenPANRB of an SKP workbook's formats ("6/2022", "8/2021").
        kolom: A rated export's rows after HR's rules, as columns.
        jumlah_baris: The export's data rows.
    """

    path: str
    unit: str
    terbaca: bool
    identitas: dict[str, str] = field(default_factory=dict)
    jenis_jabatan: str = ""
    pendekatan: str = ""
    tahun: str = ""
    periode: tuple[BarisPeriode, ...] = ()
    rencana: tuple[Rencana, ...] = ()
    temuan: tuple[Finding, ...] = ()
    isi: str = ""
    sel: dict[str, Letak] = field(default_factory=dict)
    ekspor: Ekspor | None = None
    nilai: tuple[Nilai, ...] = ()
    regulasi: str = ""
    kolom: KolomEkspor | None = None
    jumlah_baris: int = 0


_T = TypeVar("_T")


class _WaktuHabis(BaseException):
    """The time limit of one file: a BaseException, so no ``except Exception`` on the
    way (the reader's, :func:`~skp_xl.validation.check_file`'s) takes it for a bug."""


@contextlib.contextmanager
def _batas_waktu(seconds: float | None) -> Iterator[None]:
    """Raise :class:`_WaktuHabis` in this thread after ``seconds`` (POSIX main thread only;
    elsewhere, no limit: triage's size limits still bound the work)."""
    usable = (
        seconds is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _alarm(signum: int, frame: FrameType | None) -> None:
        raise _WaktuHabis

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)  # type: ignore[arg-type]
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


PRAMUAT = ("skp_xl.validation",)
"""What :func:`proses_berkas` imports only for an SKP workbook (the SKP reader and its
checks): a reader process's server imports it beforehand unless every file is an export
(``petakan(pramuat=...)``), whose reader then starts a tenth of a second sooner."""


def proses_berkas(
    path: str, root: str = "", *, batas_detik: float | None = BATAS_DETIK
) -> HasilBerkas:
    """Read and check one workbook found under ``root``.

    Never raises for bad input or a bug: both become findings with ``path`` set.
    """
    file = Path(path)
    unit = _unit(file, root)
    try:
        with _batas_waktu(batas_detik):
            found = kenali_berkas(file)
            if found.teks:
                return _tabel(file, unit, found)
            if found.ekspor is not None:
                return hasil_ekspor(found.ekspor, unit, found.isi)
            from skp_xl.validation import check_file  # see PRAMUAT

            # Triaged there, not in check_file, to keep the hash it took while streaming.
            triaged = found.triaged
            assert triaged is not None  # a workbook that is no export was triaged
            record, findings = check_file(file, triaged=triaged)
            if record is None:
                return HasilBerkas(path, unit, False, temuan=_with_path(findings, path))
            rows = tuple(periode_dinilai(record))
            plan = rencana_dari(record)
            isi = triaged.sha256 or ""
    except _WaktuHabis:
        kegagalan = Kegagalan(JenisKegagalan.WAKTU, "alarm", batas_detik, None)
        return HasilBerkas(path, unit, False, temuan=(temuan_gagal(path, kegagalan),))
    except Exception as error:  # a bug must not stop an agency's run
        from skp_xl.validation import internal_error

        return HasilBerkas(path, unit, False, temuan=(internal_error(file, error),))
    people = {"": record.pegawai, "penilai_": record.penilai}
    fields = {
        f"{prefix}{key}": getattr(orang, key)
        for prefix, orang in people.items()
        for key in ("nama", "nip", "pangkat", "jabatan", "unit_kerja")
    }
    identitas = {key: sel.teks for key, sel in fields.items()}
    where = {key: (sel.sheet, sel.cell) for key, sel in fields.items() if sel.cell}
    identitas["instansi"] = record.instansi.teks
    return HasilBerkas(
        path,
        unit,
        True,
        identitas,
        record.jenis_jabatan,
        record.pendekatan,
        record.tahun.teks,
        rows,
        plan,
        _with_path(findings, path),
        isi,
        where,
        regulasi=record.regulasi,
    )


def _tabel(file: Path, unit: str, found: Dikenali) -> HasilBerkas:
    """A CSV or JSON file the walk found to hold an export's header."""
    path = str(file)
    galat = found.temuan_galat(path)
    if galat is not None:
        return HasilBerkas(path, unit, False, temuan=(galat,))
    if found.ekspor is None:
        return HasilBerkas(
            path,
            unit,
            False,
            temuan=(
                Finding(
                    Code.BERKAS_DILEWATI,
                    Severity.INFO,
                    f"'{path}' bukan buku kerja Excel maupun ekspor e-Kinerja/SIASN; dilewati.",
                    path=path,
                ),
            ),
        )
    return hasil_ekspor(found.ekspor, unit)


def hasil_ekspor(ekspor: Ekspor, unit: str = "", isi: str = "") -> HasilBerkas:
    """What an export gives: each rated row after HR's rules, and a note of what was read
    (:func:`~skp_xl.domain.ekspor.periksa_ekspor`).

    Args:
        ekspor: The export as read.
        unit: The folder it was found in.
        isi: SHA-256 of its bytes, when known.
    """
    rows = len(ekspor.baris)
    if ekspor.jenis is JenisEkspor.MASTER:
        _, findings = periksa_ekspor(ekspor)
        return HasilBerkas(
            ekspor.path, unit, False, temuan=findings, isi=isi, ekspor=ekspor, jumlah_baris=rows
        )
    # Columns, not 50,000 row objects, go back to the consolidating process.
    kolom, nilai, findings = periksa_kolom(ekspor)
    return HasilBerkas(
        ekspor.path,
        unit,
        False,
        temuan=findings,
        isi=isi,
        ekspor=replace(ekspor, baris=()),
        nilai=nilai,
        kolom=kolom,
        jumlah_baris=rows,
    )


def _with_path(findings: list[Finding], path: str) -> tuple[Finding, ...]:
    return tuple(f if f.path == path else replace(f, path=path) for f in findings)


def berkas_gagal(path: str, kegagalan: Kegagalan, root: str = "") -> HasilBerkas:
    """What a file gave when its reader process died, hung or ran out of memory: not read,
    with one finding saying which, so the batch lists it and goes on."""
    return HasilBerkas(
        path, _unit(Path(path), root), False, temuan=(temuan_gagal(path, kegagalan),)
    )


def temuan_gagal(path: str, kegagalan: Kegagalan) -> Finding:
    """The finding for a file whose reader process died, hung or ran out of memory."""
    if kegagalan.jenis is JenisKegagalan.WAKTU:
        batas = f"{kegagalan.batas_detik:g}" if kegagalan.batas_detik else "?"
        return Finding(
            Code.BERKAS_WAKTU_HABIS,
            Severity.ERROR,
            f"Membaca '{path}' melebihi {batas} detik dan prosesnya dihentikan; buka dan "
            "simpan ulang berkas itu di Excel, atau periksa sendiri dengan skp-xl validate.",
            path=path,
        )
    if kegagalan.jenis is JenisKegagalan.MEMORI:
        batas = (
            f"{kegagalan.batas_memori // (1024 * 1024)} MiB"
            if kegagalan.batas_memori
            else "memori mesin"
        )
        return Finding(
            Code.BERKAS_MEMORI_HABIS,
            Severity.ERROR,
            f"Membaca '{path}' memerlukan memori melebihi batas ({batas}); prosesnya "
            "dihentikan. Biasanya ada isi di sel yang sangat jauh (mis. XFD1048576): buka "
            "berkas itu di Excel, hapus baris dan kolom kosong di luar formulir, simpan, "
            "lalu kirim ulang.",
            path=path,
        )
    return Finding(
        Code.BERKAS_PROSES_BERHENTI,
        Severity.ERROR,
        f"Proses yang membaca '{path}' berhenti tanpa hasil ({kegagalan.detail}). Buka "
        "dan simpan ulang berkas itu di Excel lalu ulangi; bila tetap terjadi, "
        "laporkan ke pengelola skp-xl beserta berkasnya.",
        path=path,
    )


def _unit(file: Path, root: str) -> str:
    if not root:
        return ""
    try:
        unit = file.parent.relative_to(root).as_posix()
    except ValueError:
        return ""
    return "" if unit == "." else unit


class Kamus:
    """One copy of each repeated value of many results, shared by all of them.

    A result arrives unpickled from its reader process with its own copy of every text:
    the sheet names and cells each value was read from, the dict keys, the labels (a
    rating, a jabatan, a unit). In a consolidation of 30,000 files those copies were
    most of the 11 KiB a file the parent held (``benchmarks/bench_memori.py``).
    :meth:`ringkas` gives back the same result made of shared copies.
    """

    def __init__(self) -> None:
        self._values: dict[object, object] = {}

    def _satu(self, value: _T) -> _T:
        return self._values.setdefault(value, value)  # type: ignore[return-value]

    def _sel(self, sel: Mapping[str, Letak]) -> dict[str, Letak]:
        one = self._satu
        return {one(key): one((one(place[0]), one(place[1]))) for key, place in sel.items()}

    def ringkas(self, h: HasilBerkas) -> HasilBerkas:
        """``h`` with its repeated texts replaced by the shared copies (equal, not changed)."""
        one = self._satu
        periode = tuple(
            replace(
                r,
                capaian_organisasi=one(r.capaian_organisasi),
                rating_hasil_kerja=one(r.rating_hasil_kerja),
                rating_perilaku=one(r.rating_perilaku),
                predikat=one(r.predikat),
                sel=self._sel(r.sel),
            )
            for r in h.periode
        )
        return replace(
            h,
            unit=one(h.unit),
            identitas={one(k): one(v) for k, v in h.identitas.items()},
            jenis_jabatan=one(h.jenis_jabatan),
            pendekatan=one(h.pendekatan),
            tahun=one(h.tahun),
            regulasi=one(h.regulasi),
            periode=periode,
            sel=self._sel(h.sel),
        )
