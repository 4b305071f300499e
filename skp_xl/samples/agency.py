"""Write a synthetic agency: one filled SKP workbook per pegawai, in one folder per unit.

:func:`generate_agency` plans the agency (:func:`~skp_xl.samples.plan.plan_agency`, pure)
and writes the workbooks over several processes; it returns an :class:`AgencyManifest`
of what it wrote, so tests can check a consolidation against it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from skp_xl.domain.vocabulary import (
    CapaianOrganisasi,
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
    Predikat,
    SiklusEvaluasi,
)
from skp_xl.samples.plan import Agency, Isian, plan_agency, pola_sesuai
from skp_xl.samples.render import TemplateWriter
from skp_xl.settings import TAHUN_MAX, TAHUN_MIN

BATCH = 25
"""Workbooks one worker process writes per task."""


@dataclass(frozen=True, slots=True)
class UnitManifest:
    """One top unit as written.

    Attributes:
        nama: The unit's name; "" for the agency's own level (the kepala).
        folder: Its folder.
        capaian: Its capaian kinerja organisasi per evaluated period (the same in every
            workbook of the unit).
        pola_sesuai: Per period, whether its predikat follow the pola distribusi
            guideline (None when nobody was rated).
        lunak: Its ratings were drawn leniently, against the guideline, on purpose.
    """

    nama: str
    folder: Path
    capaian: Mapping[PeriodeEvaluasi, CapaianOrganisasi]
    pola_sesuai: Mapping[PeriodeEvaluasi, bool | None]
    lunak: bool


@dataclass(frozen=True, slots=True)
class BerkasManifest:
    """One workbook as written.

    Attributes:
        path: The file.
        nip: The pegawai's NIP (also where the workbook holds it as a number).
        nama: The pegawai's name, with titles.
        jabatan: The jabatan printed ("Plt. ..." for an acting head).
        jenis: Jenis jabatan of the workbook.
        pendekatan: Its pendekatan.
        unit: The top unit ("" for the kepala).
        folder: Folder names from the agency's folder to the file.
        penilai_nip: NIP of the pejabat penilai (None for the kepala, rated by a minister).
        atasan_nip: NIP of the atasan pejabat penilai, if any.
        predikat: The predikat kinerja per evaluated period.
        masalah: Codes of the deliberate problems in this workbook (see
            :data:`skp_xl.samples.plan.MASALAH`).
    """

    path: Path
    nip: str
    nama: str
    jabatan: str
    jenis: JenisJabatan
    pendekatan: Pendekatan
    unit: str
    folder: tuple[str, ...]
    penilai_nip: str | None
    atasan_nip: str | None
    predikat: Mapping[PeriodeEvaluasi, Predikat]
    masalah: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AgencyManifest:
    """What :func:`generate_agency` wrote.

    Attributes:
        folder: The agency's folder.
        instansi: The agency's name.
        tahun: The SKP year.
        seed: The seed it was generated from.
        units: The top units, the agency's own level first.
        berkas: Every workbook, superiors first.
        masalah: Code of each deliberate problem -> the workbooks it is in (empty when
            the agency was too small for it).
        detik: Seconds the generation took.
    """

    folder: Path
    instansi: str
    tahun: int
    seed: int
    units: tuple[UnitManifest, ...]
    berkas: tuple[BerkasManifest, ...]
    masalah: Mapping[str, tuple[Path, ...]]
    detik: float

    @property
    def pegawai(self) -> int:
        """How many people (distinct NIPs) the workbooks belong to."""
        return len({b.nip for b in self.berkas})


def timestamp(tahun: int) -> str:
    """The created and modified date stored in every workbook of an SKP year."""
    return f"{tahun}-01-02T00:00:00Z"


_writers: dict[tuple[JenisJabatan, Pendekatan, SiklusEvaluasi, str], TemplateWriter] = {}


def _write(batch: Sequence[tuple[Isian, str]], stamp: str) -> int:
    """Write workbooks; one template writer per kind and process, built when first needed."""
    for isian, path in batch:
        key = (isian.rencana.jenis, isian.rencana.pendekatan, isian.berkas.siklus, stamp)
        writer = _writers.get(key)
        if writer is None:
            writer = _writers[key] = TemplateWriter(key[0], key[1], timestamp=stamp, siklus=key[2])
        writer.write(isian, Path(path))
    return len(batch)


def _batches(tasks: Sequence[tuple[Isian, str]]) -> Iterator[Sequence[tuple[Isian, str]]]:
    for start in range(0, len(tasks), BATCH):
        yield tasks[start : start + BATCH]


def _manifest(agency: Agency, folder: Path, seed: int, seconds: float) -> AgencyManifest:
    berkas = []
    for isian in agency.isian:
        b = isian.berkas
        berkas.append(
            BerkasManifest(
                path=folder / b.path,
                nip=b.pegawai.nip,
                nama=b.pegawai.nama,
                jabatan=b.jabatan,
                jenis=isian.rencana.jenis,
                pendekatan=isian.rencana.pendekatan,
                unit=b.unit,
                folder=b.folder,
                penilai_nip=b.penilai.nip,
                atasan_nip=b.atasan.nip if b.atasan is not None else None,
                predikat={e.periode: e.predikat for e in isian.evaluasi},
                masalah=b.masalah,
            )
        )
    units = []
    for name in ["", *(u.nama for u in agency.organisasi.units)]:
        capaian = {p: c for (u, p), c in agency.capaian.items() if u == name}
        pola = {
            p: pola_sesuai(c, [b.predikat[p] for b in berkas if b.unit == name and p in b.predikat])
            for p, c in capaian.items()
        }
        units.append(
            UnitManifest(
                name,
                folder / name if name else folder,
                dict(sorted(capaian.items(), key=lambda item: item[0].urutan)),
                pola,
                name in agency.lunak,
            )
        )
    by_key = {i.berkas.kunci: folder / i.berkas.path for i in agency.isian}
    return AgencyManifest(
        folder=folder,
        instansi=agency.organisasi.instansi,
        tahun=agency.isian[0].tahun,
        seed=seed,
        units=tuple(units),
        berkas=tuple(berkas),
        masalah={code: tuple(by_key[k] for k in keys) for code, keys in agency.masalah.items()},
        detik=seconds,
    )


def generate_agency(
    folder: Path,
    *,
    pegawai: int = 50,
    seed: int = 1,
    tahun: int = 2025,
    sampai: PeriodeEvaluasi = PeriodeEvaluasi.AKHIR,
    masalah: bool = True,
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    seed_penilaian: int | None = None,
    tahun_pegawai: int | None = None,
) -> AgencyManifest:
    """Write a fictional agency's filled SKP workbooks, one folder per unit.

    The same arguments give the same files, byte for byte (with the same openpyxl and
    zlib). Files already in ``folder`` under the same names are replaced; others are left.

    Args:
        folder: Where to write; created when missing.
        pegawai: Number of positions (at least 1); about 10 per unit, 5 units for 50.
        seed: Seed of every random choice.
        tahun: The SKP year (``settings.TAHUN_MIN`` to ``settings.TAHUN_MAX``).
        sampai: The last period evaluated; every earlier one is evaluated too.
        masalah: Add the deliberate problems of :data:`skp_xl.samples.plan.MASALAH`;
            without them every workbook is clean except for the known finding on the
            kepala's (see samples/README.md).
        siklus: Evaluation sheets per quarter (the default) or per month.
        jobs: Worker processes; None for one per CPU, 1 to write in this process.
        progress: Called with (workbooks written, total) as the work advances.
        seed_penilaian: Seed of the plans and ratings (None: ``seed``): another value
            gives the same people, rated otherwise.
        tahun_pegawai: The year the people are drawn for (None: ``tahun``); e.g.
            ``tahun=2024, tahun_pegawai=2025, seed_penilaian=2`` writes the default
            agency's year before.

    Returns:
        What was written.

    Raises:
        ValueError: ``pegawai`` below 1 or ``tahun`` outside the SKP years.
    """
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ValueError(f"tahun {tahun} outside {TAHUN_MIN}-{TAHUN_MAX}")
    started = time.perf_counter()
    agency = plan_agency(
        pegawai,
        seed=seed,
        tahun=tahun,
        sampai=sampai,
        masalah=masalah,
        siklus=siklus,
        seed_penilaian=seed_penilaian,
        tahun_pegawai=tahun_pegawai,
    )
    tasks = [(isian, str(folder / isian.berkas.path)) for isian in agency.isian]
    for directory in sorted({Path(path).parent for _, path in tasks}):
        directory.mkdir(parents=True, exist_ok=True)
    stamp = timestamp(tahun)
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    done = 0
    if workers <= 1 or len(tasks) <= BATCH:
        for batch in _batches(tasks):
            done += _write(batch, stamp)
            if progress is not None:
                progress(done, len(tasks))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            batches = list(_batches(tasks))
            for written in pool.map(_write, batches, [stamp] * len(batches)):
                done += written
                if progress is not None:
                    progress(done, len(tasks))
    return _manifest(agency, folder, seed, time.perf_counter() - started)
