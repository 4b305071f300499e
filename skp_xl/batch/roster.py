"""A roster's workbooks: one SKP per pegawai in one folder per unit, one Matriks per leader.

The rules (:func:`skp_xl.domain.roster.periksa_roster`) decide who gets a workbook; here
each is planned (:func:`rencana`: the identity by defined name, the file a person finds)
and written over every core (:func:`tulis_roster`) by patching a template saved once per
kind (:class:`~skp_xl.samples.render.PatchWriter`, the samples' writer). A file already
there is compared with what would be written: the same bytes are left alone, different
ones (the pegawai started filling it, or the roster changed) are kept unless ``force``,
and each kept file is reported. Every file is written atomically.
"""

from __future__ import annotations

import contextlib
import csv
import io
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from openpyxl.utils.cell import get_column_letter, range_boundaries

from skp_xl.batch.pengawas import Kegagalan, pekerja_bawaan, petakan
from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.roster import Masalah, Pegawai, Roster
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, SiklusEvaluasi
from skp_xl.fileio import atomic_output
from skp_xl.forms.matriks import (
    MATRIKS_PEGAWAI,
    MATRIKS_PIMPINAN_JABATAN,
    MATRIKS_PIMPINAN_NAMA,
    MATRIKS_PIMPINAN_NIP,
    MATRIKS_PIMPINAN_PANGKAT,
    MATRIKS_UNIT_KERJA,
)
from skp_xl.forms.model import identity_name
from skp_xl.reader.matriks import baca_matriks
from skp_xl.reader.snapshot import open_snapshot
from skp_xl.reader.triage import triage
from skp_xl.samples.agency import timestamp
from skp_xl.samples.layout import Value
from skp_xl.samples.render import PatchWriter, TemplateWriter
from skp_xl.workbook.bawahan import SkpBawahan, nama_berkas, nama_folder, tulis_skp_bawahan
from skp_xl.workbook.fill import destination, named
from skp_xl.workbook.laporan import TINGKAT
from skp_xl.workbook.matriks import MatriksOptions, build_matriks_workbook

__all__ = [
    "BERKAS_MASALAH",
    "DariMatriks",
    "HasilRoster",
    "OpsiRoster",
    "Status",
    "Tertulis",
    "Tugas",
    "dari_matriks",
    "rencana",
    "tulis_roster",
]

BATCH = 50
"""Workbooks one worker writes per task: few enough for a smooth progress bar, enough
that sending tasks costs little."""
MATRIKS_BARIS = (30, 60, 120, 250, 500)
"""Pegawai rows of a leader's Matriks: the first that holds the staff (30 is the default
of ``new --matriks``). Few sizes, because each is a template every worker builds once."""
MATRIKS_BARIS_MAKS = MATRIKS_BARIS[-1]
"""Most pegawai rows a Matriks holds (:class:`~skp_xl.workbook.matriks.MatriksOptions`)."""
BERKAS_MASALAH = "Masalah roster.csv"
"""The problem list written into the output folder."""
PERIODE_MULAI = "1 Januari"
PERIODE_SELESAI = "31 Desember"


@dataclass(frozen=True, slots=True)
class OpsiRoster:
    """How a roster is written.

    Attributes:
        tahun: The SKP year (names the files).
        instansi: The agency's name (SKP_INSTANSI; the unit kerja of a pegawai without one).
        siklus: Evaluation sheets per quarter or per month.
        password: Sheet protection password; None protects without one.
        tempat: Where the forms are signed (SKP_TEMPAT), "" to leave it to type.
        unit: Write only this unit's workbooks (matched case-blind); None for all.
        force: Rewrite files that differ from what would be written.
        jobs: Worker processes; None for one per core, 1 to write in this process.
        penilai_pimpinan: (nama, jabatan) of the head of the agency's pejabat penilai (a
            minister, governor, regent), who is in no roster; ("", "") to leave it to type.
    """

    tahun: int
    instansi: str = ""
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN
    password: str | None = None
    tempat: str = ""
    unit: str | None = None
    force: bool = False
    jobs: int | None = None
    penilai_pimpinan: tuple[str, str] = ("", "")


class Status(StrEnum):
    """What became of one workbook."""

    DIBUAT = "dibuat"
    SAMA = "tidak berubah"
    DITIMPA = "ditimpa"
    DIPERTAHANKAN = "dipertahankan"
    GAGAL = "gagal"


@dataclass(frozen=True, slots=True)
class Tugas:
    """One workbook to write (small and picklable: it goes to a worker).

    Attributes:
        baris: The roster row of its pegawai (the leader's, for a Matriks).
        path: Where it goes: the file already there for this NIP, else a new name.
        ada: A file is at ``path`` already.
        matriks: A leader's Matriks rather than an SKP.
        jenis, pendekatan: The SKP template.
        nilai: Defined name -> value (the identity).
        staf: A Matriks's pegawai rows: (nama, NIP, jabatan).
    """

    baris: int
    path: str
    ada: bool
    matriks: bool
    jenis: JenisJabatan
    pendekatan: Pendekatan
    nilai: tuple[tuple[str, Value], ...]
    staf: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Tertulis:
    """What became of one :class:`Tugas`: its row, file, status and (when failed) why."""

    baris: int
    path: str
    matriks: bool
    status: Status
    alasan: str = ""


@dataclass(frozen=True, slots=True)
class HasilRoster:
    """A roster run.

    Attributes:
        roster: The roster after its rules.
        tertulis: Every workbook planned, with what became of it, in roster order.
        masalah: The roster's problems and those of the writing (kept, failed), by row.
        detik: Seconds the writing took.
        hitung: How many workbooks ended in each :class:`Status`.
    """

    roster: Roster
    tertulis: tuple[Tertulis, ...]
    masalah: tuple[Masalah, ...]
    detik: float = 0.0
    hitung: Mapping[Status, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        """No problem of severity error (every row written or kept)."""
        return all(m.temuan.severity is not Severity.ERROR for m in self.masalah)


def _orang(peran: str, p: Pegawai, instansi: str) -> dict[str, Value]:
    return {
        identity_name(peran, "NAMA"): p.nama,
        identity_name(peran, "NIP"): p.nip,
        identity_name(peran, "PANGKAT"): p.pangkat,
        identity_name(peran, "JABATAN"): p.jabatan,
        identity_name(peran, "UNIT_KERJA"): p.unit or instansi,
    }


def identitas(roster: Roster, p: Pegawai, opsi: OpsiRoster) -> dict[str, Value]:
    """The Identitas inputs of ``p``'s SKP by defined name (blank values left out)."""
    values = _orang("PEGAWAI", p, opsi.instansi)
    nama, jabatan = opsi.penilai_pimpinan
    kepala = {
        "NAMA": nama,
        "JABATAN": jabatan,
        "UNIT_KERJA": opsi.instansi if nama else "",
    }
    penilai = roster.penilai(p)
    if penilai is None:
        values |= {identity_name("PENILAI", k): v for k, v in kepala.items()}
    else:
        values |= _orang("PENILAI", penilai, opsi.instansi)
        atasan = roster.penilai(penilai)
        if atasan is None:
            values |= {identity_name("ATASAN", k): v for k, v in kepala.items()}
        else:
            values |= _orang("ATASAN", atasan, opsi.instansi)
    values |= {
        "SKP_INSTANSI": opsi.instansi,
        "SKP_TAHUN": opsi.tahun,
        "SKP_PERIODE_MULAI": PERIODE_MULAI,
        "SKP_PERIODE_SELESAI": PERIODE_SELESAI,
        "SKP_TEMPAT": opsi.tempat,
    }
    return {k: v for k, v in values.items() if v != ""}


def nama_matriks(tahun: int, nip: str, nama: str) -> str:
    """A leader's Matriks file name: ``Matriks 2026 NIP Nama.xlsx``."""
    return "Matriks" + nama_berkas(tahun, nip, nama).removeprefix("SKP")


def _ada(folder: Path, tahun: int) -> dict[tuple[str, str], Path]:
    """(``SKP`` or ``Matriks``, NIP) -> the file already in ``folder`` (renamed after its
    NIP is fine: a pegawai may have added to the name)."""
    found: dict[tuple[str, str], Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.xlsx")):
        words = path.stem.split()
        if len(words) >= 3 and words[0] in ("SKP", "Matriks") and words[1] == str(tahun):
            found.setdefault((words[0], words[2]), path)
    return found


def rencana(roster: Roster, folder: Path, opsi: OpsiRoster) -> list[Tugas]:
    """Every workbook to write: an SKP per accepted pegawai, then a Matriks per leader.

    Args:
        roster: The roster after its rules.
        folder: The output folder; each unit a folder under it (the head's unit, or a
            pegawai without one, at its top).
        opsi: The run's options.
    """
    unit = None if opsi.unit is None else opsi.unit.casefold()
    existing: dict[Path, dict[tuple[str, str], Path]] = {}

    def place(kind: str, p: Pegawai, name: str) -> tuple[str, bool]:
        where = folder / nama_folder(p.unit) if p.unit else folder
        if where not in existing:
            existing[where] = _ada(where, opsi.tahun)
        found = existing[where].get((kind, p.nip))
        return (str(found), True) if found is not None else (str(where / name), False)

    def chosen(p: Pegawai) -> bool:
        return unit is None or unit in (p.unit.casefold(), nama_folder(p.unit).casefold())

    tasks = []
    for p in roster.pegawai:
        if not chosen(p):
            continue
        path, ada = place("SKP", p, nama_berkas(opsi.tahun, p.nip, p.nama))
        named = tuple(identitas(roster, p, opsi).items())
        tasks.append(Tugas(p.baris, path, ada, False, p.jenis, p.pendekatan, named))
    for nip, staff in roster.bawahan().items():
        leader = roster.cari(nip)
        if leader is None or not chosen(leader):
            continue
        path, ada = place("Matriks", leader, nama_matriks(opsi.tahun, leader.nip, leader.nama))
        values: dict[str, Value] = {
            MATRIKS_PIMPINAN_NAMA: leader.nama,
            MATRIKS_PIMPINAN_NIP: leader.nip,
            MATRIKS_PIMPINAN_JABATAN: leader.jabatan,
            MATRIKS_PIMPINAN_PANGKAT: leader.pangkat,
            MATRIKS_UNIT_KERJA: leader.unit or opsi.instansi,
            "SKP_INSTANSI": opsi.instansi,
            "SKP_TAHUN": opsi.tahun,
            "SKP_PERIODE_MULAI": PERIODE_MULAI,
            "SKP_PERIODE_SELESAI": PERIODE_SELESAI,
        }
        tasks.append(
            Tugas(
                leader.baris,
                path,
                ada,
                True,
                leader.jenis,
                leader.pendekatan,
                tuple((k, v) for k, v in values.items() if v != ""),
                tuple((s.nama, s.nip, s.jabatan) for s in staff[:MATRIKS_BARIS_MAKS]),
            )
        )
    return tasks


class MatriksWriter(PatchWriter):
    """Writes a leader's Matriks Peran Hasil with the leader and the staff filled in."""

    def __init__(self, baris: int, *, password: str | None, timestamp: str) -> None:
        wb = build_matriks_workbook(MatriksOptions(password=password, pegawai=baris))
        self.names = {name: named(wb, name) for name in wb.defined_names}
        self.body = destination(wb, MATRIKS_PEGAWAI)
        super().__init__(wb, timestamp=timestamp)

    def cells(
        self, values: Mapping[str, Value], staf: Sequence[tuple[str, str, str]]
    ) -> dict[tuple[str, str], Value]:
        """The cells of the leader's identity and of one pegawai row per staff member."""
        cells: dict[tuple[str, str], Value] = {self.names[k]: v for k, v in values.items()}
        sheet, area = self.body
        first_col, first_row, _, _ = range_boundaries(area)
        if first_col is None or first_row is None:
            raise ValueError(f"{MATRIKS_PEGAWAI} is not a range: {area}")
        for offset, person in enumerate(staf):
            for column, value in enumerate(person):
                if value:
                    cells[sheet, f"{get_column_letter(first_col + column)}{first_row + offset}"] = (
                        value
                    )
        return cells


@dataclass(frozen=True, slots=True)
class _Kumpulan:
    tugas: tuple[Tugas, ...]
    stamp: str
    siklus: SiklusEvaluasi
    password: str | None
    force: bool


_skp: dict[tuple[object, ...], TemplateWriter] = {}
_matriks: dict[tuple[object, ...], MatriksWriter] = {}


def _content(t: Tugas, k: _Kumpulan) -> bytes:
    """The bytes of one workbook; one writer per template and process, made when needed."""
    if t.matriks:
        rows = next(n for n in MATRIKS_BARIS if n >= len(t.staf))
        key: tuple[object, ...] = (rows, k.password, k.stamp)
        matriks = _matriks.get(key)
        if matriks is None:
            matriks = _matriks[key] = MatriksWriter(rows, password=k.password, timestamp=k.stamp)
        return matriks.content(matriks.cells(dict(t.nilai), t.staf))
    key = (t.jenis, t.pendekatan, k.siklus, k.password, k.stamp)
    writer = _skp.get(key)
    if writer is None:
        writer = _skp[key] = TemplateWriter(
            t.jenis, t.pendekatan, timestamp=k.stamp, siklus=k.siklus, password=k.password
        )
    return writer.content({writer.layout.names[n]: v for n, v in t.nilai})


def tulis_kumpulan(kumpulan: _Kumpulan) -> list[Tertulis]:
    """Write one batch of workbooks (in a worker); a failure is an answer, not an error."""
    done = []
    for t in kumpulan.tugas:
        path = Path(t.path)
        try:
            data = _content(t, kumpulan)
            status = Status.DIBUAT
            if t.ada:
                if path.read_bytes() == data:
                    done.append(Tertulis(t.baris, t.path, t.matriks, Status.SAMA))
                    continue
                if not kumpulan.force:
                    done.append(Tertulis(t.baris, t.path, t.matriks, Status.DIPERTAHANKAN))
                    continue
                status = Status.DITIMPA
            with atomic_output(path, force=True) as temporary:
                temporary.write_bytes(data)
            done.append(Tertulis(t.baris, t.path, t.matriks, status))
        except Exception as error:  # one file's failure must not stop ten thousand
            reason = getattr(error, "strerror", None) or f"{type(error).__name__}: {error}"
            done.append(Tertulis(t.baris, t.path, t.matriks, Status.GAGAL, str(reason)))
    return done


def _mati(kumpulan: _Kumpulan, kegagalan: Kegagalan) -> list[Tertulis]:
    reason = f"proses penulis berhenti ({kegagalan.jenis.value})"
    return [Tertulis(t.baris, t.path, t.matriks, Status.GAGAL, reason) for t in kumpulan.tugas]


def _batches(tasks: Sequence[Tugas], opsi: OpsiRoster) -> Iterator[_Kumpulan]:
    stamp = timestamp(opsi.tahun)
    for start in range(0, len(tasks), BATCH):
        yield _Kumpulan(
            tuple(tasks[start : start + BATCH]), stamp, opsi.siklus, opsi.password, opsi.force
        )


def _masalah(item: Tertulis, folder: Path) -> Masalah | None:
    shown = Path(item.path)
    with contextlib.suppress(ValueError):
        shown = shown.relative_to(folder)
    what = "Matriks" if item.matriks else "SKP"
    if item.status is Status.DIPERTAHANKAN:
        return Masalah(
            item.baris,
            Finding(
                Code.ROSTER_DIPERTAHANKAN,
                Severity.INFO,
                f"Baris {item.baris}: {what} '{shown}' sudah ada dan berbeda dari yang akan "
                "ditulis (sudah mulai diisi, atau roster berubah); dipertahankan. Pakai "
                "--force untuk menulis ulang.",
                path=item.path,
            ),
        )
    if item.status is Status.GAGAL:
        return Masalah(
            item.baris,
            Finding(
                Code.ROSTER_GAGAL_DITULIS,
                Severity.ERROR,
                f"Baris {item.baris}: {what} '{shown}' gagal ditulis ({item.alasan}); tidak ada "
                "berkas setengah jadi. Periksa ruang disk dan izin folder, tutup berkas itu bila "
                "terbuka di Excel, lalu jalankan ulang.",
                path=item.path,
            ),
        )
    return None


def _matriks_terpotong(roster: Roster, written: set[int]) -> list[Masalah]:
    """A warning for each Matriks written with fewer rows than its leader has staff."""
    found = []
    for nip, staff in roster.bawahan().items():
        leader = roster.cari(nip)
        if leader is None or leader.baris not in written or len(staff) <= MATRIKS_BARIS_MAKS:
            continue
        found.append(
            Masalah(
                leader.baris,
                Finding(
                    Code.ROSTER_MATRIKS_TERPOTONG,
                    Severity.WARNING,
                    f"Baris {leader.baris}: {leader.nama} menilai {len(staff)} pegawai, tetapi "
                    f"Matriks Peran Hasil memuat paling banyak {MATRIKS_BARIS_MAKS}; hanya "
                    f"{MATRIKS_BARIS_MAKS} pertama (urutan roster) yang tercantum. Tambahkan "
                    "sisanya dengan tangan atau bagi ke Matriks kedua.",
                    field="nip_penilai",
                ),
            )
        )
    return found


def tulis_roster(
    roster: Roster,
    folder: Path,
    opsi: OpsiRoster,
    *,
    progress: Callable[[int, int], None] | None = None,
) -> HasilRoster:
    """Write every workbook of ``roster`` under ``folder``.

    Args:
        roster: The roster after its rules.
        folder: The output folder (created when missing).
        opsi: The run's options.
        progress: Called with (workbooks done, total) as the work advances.

    Returns:
        Every workbook with what became of it, and every problem by roster row.
    """
    started = time.perf_counter()
    tasks = rencana(roster, folder, opsi)
    for directory in sorted({Path(t.path).parent for t in tasks}):
        directory.mkdir(parents=True, exist_ok=True)
    batches = list(_batches(tasks, opsi))
    jobs = opsi.jobs if opsi.jobs is not None else pekerja_bawaan()
    results: dict[int, list[Tertulis]] = {}
    done = 0
    if jobs <= 1 or len(batches) <= 1:
        answers: Iterator[tuple[int, list[Tertulis]]] = (
            (i, tulis_kumpulan(b)) for i, b in enumerate(batches)
        )
    else:
        answers = petakan(tulis_kumpulan, batches, _mati, jobs=jobs)
    for index, written in answers:
        results[index] = written
        done += len(written)
        if progress is not None:
            progress(done, len(tasks))
    tertulis = [item for index in sorted(results) for item in results[index]]
    masalah = list(roster.masalah)
    if opsi.penilai_pimpinan[0]:  # the head's pejabat penilai was given: nothing to warn
        masalah = [m for m in masalah if m.temuan.code != Code.ROSTER_TANPA_PENILAI]
    masalah += [m for item in tertulis if (m := _masalah(item, folder)) is not None]
    masalah += _matriks_terpotong(roster, {t.baris for t in tasks if t.matriks})
    masalah.sort(key=lambda m: m.baris)
    counts: dict[Status, int] = defaultdict(int)
    for item in tertulis:
        counts[item.status] += 1
    return HasilRoster(
        roster, tuple(tertulis), tuple(masalah), time.perf_counter() - started, dict(counts)
    )


def daftar_masalah(masalah: Sequence[Masalah]) -> str:
    """The problem list as CSV text (``;``, as Excel in an Indonesian locale reads it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["baris", "kode", "tingkat", "sel", "pesan"])
    for m in masalah:
        f = m.temuan
        writer.writerow([m.baris, f.code, TINGKAT[f.severity], f.location, f.message])
    return buffer.getvalue()


def tulis_daftar_masalah(folder: Path, masalah: Sequence[Masalah]) -> Path:
    """Write the problem list into ``folder`` (atomically, replacing the last run's)."""
    path = folder / BERKAS_MASALAH
    with atomic_output(path, force=True) as temporary:
        temporary.write_text(daftar_masalah(masalah), encoding="utf-8-sig")
    return path


@dataclass(frozen=True, slots=True)
class DariMatriks:
    """What ``--dari-matriks`` did for one subordinate of a Matriks.

    Attributes:
        nama, nip: The subordinate as the Matriks names them.
        skp: The workbook made or refreshed (through the add-in's Buat SKP Bawahan code).
        tidak_muat: Roles that found no empty hasil kerja utama block.
        catatan: Problems found while reading the subordinate's Matriks rows.
    """

    nama: str
    nip: str | None
    skp: SkpBawahan
    tidak_muat: int
    catatan: tuple[str, ...]


def dari_matriks(
    matriks: Path, root: Path | None = None, *, pendekatan: Pendekatan = Pendekatan.KUANTITATIF
) -> list[DariMatriks]:
    """Write or refresh every subordinate's SKP from a leader's filled Matriks Peran Hasil.

    The same steps as the add-in's Buat SKP Bawahan
    (:func:`~skp_xl.workbook.bawahan.tulis_skp_bawahan`): each role becomes a rencana
    hasil kerja with the leader's IKI above its column as the rencana hasil kerja pimpinan
    yang diintervensi; nothing the pegawai typed is overwritten.

    Args:
        matriks: The Matriks workbook.
        root: Where the subordinates' workbooks are looked for by NIP (in any folder below
            it, as ``skp-xl roster`` wrote them); a new one goes beside the Matriks. None:
            the Matriks's folder.
        pendekatan: Pendekatan of a new workbook.

    Raises:
        InvalidValueError: The file is not safe to read (its triage code).
        NotAMatriks: The workbook is not a Matriks Peran Hasil of skp-xl.
    """
    triaged = triage(matriks)
    if triaged.blocking is not None:
        raise InvalidValueError(triaged.blocking.code, triaged.blocking.message)
    identitas, people = baca_matriks(open_snapshot(matriks, triaged))
    root = matriks.parent if root is None else root
    tahun = identitas.get("SKP_TAHUN", "")
    done = []
    # One walk of the tree for all the staff, not one per person.
    skps = sorted(root.rglob(f"SKP {tahun} *.xlsx")) if any(p.nip for p in people) else []
    for person in people:
        prefix = f"SKP {tahun} {person.nip}"
        found = [path for path in skps if path.name.startswith(prefix)] if person.nip else []
        folder = found[0].parent if found else matriks.parent
        made = tulis_skp_bawahan(folder, person, identitas, pendekatan=pendekatan)
        left = len(person.peran) - made.ditulis - made.sudah_ada
        done.append(DariMatriks(person.nama, person.nip, made, left, tuple(person.catatan)))
    return done
