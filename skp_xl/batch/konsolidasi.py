"""Consolidate an agency: find every workbook under a folder, read them in parallel, and
bring them together as the tables the summary workbook and the exports show.

Nothing is lost: every file found is a row of the Pegawai table, a problem (a file that
could not be read as an SKP, with the reason), or a note (skipped: lock files, hidden
files, files that are not workbooks).
"""

from __future__ import annotations

import contextlib
import os
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from itertools import accumulate, chain, islice
from pathlib import Path
from typing import overload

import numpy as np
import pandas as pd
import pyarrow as pa

from skp_xl.batch.berkas import PRAMUAT, HasilBerkas, berkas_gagal, proses_berkas
from skp_xl.batch.cache import Cache, dibuka, sidik_semua
from skp_xl.batch.cache import sidik as cache_sidik
from skp_xl.batch.cari import dilewati
from skp_xl.batch.gudang import Gudang, Saring, Simpanan
from skp_xl.batch.klaster import (
    UrlTidakTerbaca,
    adalah_url,
    daftar_url,
    petakan_dask,
    salinan,
    sebagai_url,
)

# Re-exported: the public interface names them here (skp_xl.batch.masukan says why they
# live there).
from skp_xl.batch.masukan import Masukan as Masukan
from skp_xl.batch.masukan import Mesin as Mesin
from skp_xl.batch.masukan import Opsi as Opsi
from skp_xl.batch.masukan import kumpulkan as kumpulkan
from skp_xl.batch.pengawas import Batas, petakan
from skp_xl.batch.skema import pemanasan, periksa_pegawai
from skp_xl.batch.tabel import POTONGAN, Tabel
from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import (
    BarisEkspor,
    Calon,
    Ekspor,
    JenisEkspor,
    KolomEkspor,
    Penunjuk,
    Status,
    UnitEkspor,
    calon_kolom,
    hitung_sekali,
    nip_dipulihkan,
)
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.legacy2021 import REGULASI_2021
from skp_xl.domain.nip import NIP_LENGTH, awalan_angka
from skp_xl.domain.pola_distribusi import PolaDistribusi, periksa_pola_distribusi
from skp_xl.domain.rekap import (
    BarisCascading,
    Kandidat,
    Keputusan,
    Letak,
    Penugasan,
    Periode,
    Rencana,
    RencanaPegawai,
    baris_cascading_pimpinan,
    capaian_unit,
    penugasan,
    periode_terakhir,
    selesaikan_ganda,
)
from skp_xl.domain.targets import format_angka
from skp_xl.domain.vocabulary import (
    Predikat,
    normalize_capaian_organisasi,
)
from skp_xl.reader.ekspor import tanpa_pembaca_skp
from skp_xl.reader.triage import is_candidate
from skp_xl.settings import (
    BATAS_DETIK,
    BATAS_MEMORI,
    TENGGANG_DETIK,
)
from skp_xl.summary.data import SummaryData, lepaskan
from skp_xl.summary.ringkasan import TIDAK_MEMBUAT_SKP
from skp_xl.summary.skema import (
    CASCADING_COLUMNS,
    PEGAWAI_COLUMNS,
    SESUAI,
    TANPA_POLA,
    TEMUAN_COLUMNS,
    TIDAK,
    TIDAK_SESUAI,
    YA,
    Pegawai,
    Ringkasan,
    kolom,
    periksa,
)
from skp_xl.workbook.laporan import TINGKAT

INSTANSI = "(Instansi)"
"""The Ringkasan row of the whole agency (and its key in a capaian override file)."""
AKAR = "Pimpinan Instansi"
"""The unit name of workbooks lying directly in the agency folder: there an agency keeps its
head's (and the head's staff office's) workbooks, so the label is the one people use for
them, not a folder artefact. It sorts first in the Ringkasan, as the head leads the list."""

_PERIOD_COLUMNS = (
    Pegawai.periode,
    Pegawai.capaian_organisasi,
    Pegawai.rating_hasil_kerja,
    Pegawai.rating_perilaku,
    Pegawai.predikat,
    Pegawai.angka_kredit,
)
"""The Pegawai columns that belong to one period's evaluation."""

_SUMBER = {
    Pegawai.nip: "nip",
    Pegawai.nama: "nama",
    Pegawai.unit_kerja_isian: "unit_kerja",
    Pegawai.jabatan: "jabatan",
    Pegawai.pangkat: "pangkat",
    Pegawai.capaian_organisasi: "capaian_organisasi",
    Pegawai.rating_hasil_kerja: "rating_hasil_kerja",
    Pegawai.rating_perilaku: "rating_perilaku",
    Pegawai.predikat: "predikat",
    Pegawai.nip_penilai: "penilai_nip",
    Pegawai.nama_penilai: "penilai_nama",
}
"""Pegawai column -> the key of its source cell in a file's and a period's ``sel``."""

Progres = Callable[[int], None]
"""Called with the number of files just finished."""


TANPA_UNIT = "(tanpa unit)"
"""The unit of an export row that names none."""


@dataclass(init=False)
class Konsolidasi:
    """The result: the tables, and what every file became.

    The Pegawai and Cascading tables, the large ones (a row per workbook and period, per
    rencana), are held compactly (:class:`~skp_xl.batch.tabel.Tabel`: Arrow, their
    repeated texts dictionary-encoded); :attr:`pegawai` and :attr:`cascading` make the
    DataFrame on each access, so read one once and keep it while it is needed. What needs
    part of Pegawai asks for that part: :meth:`pegawai_periode`, :meth:`summary_data`
    (the Angka Kredit sheet's rows), :attr:`tabel_pegawai`.

    Attributes:
        root: The agency folder (an fsspec URL when read from one).
        periode: The period counted (None when nothing is rated anywhere).
        hasil: One result per workbook-like file read.
        catatan: Files skipped on purpose (lock, hidden, not a workbook).
        temuan, ringkasan: The tables (the Ringkasan with a ``Tidak Membuat SKP`` column
            when a master list was read).
        distribusi: Unit -> predikat -> head count, for the chosen period.
        tidak_membuat_skp: Unit -> pegawai of the master list (e-Kinerja Laporan SKP)
            with no counted rating for the period (empty without a master list).
        pola: The guideline the units were checked against (None: the shipped one), which
            the Kurva sheet draws.
        tabel_pegawai, tabel_cascading: The Pegawai and Cascading tables as held.
    """

    root: Path | str
    periode: Periode | None
    hasil: Sequence[HasilBerkas]
    catatan: list[Finding]
    temuan: pd.DataFrame
    ringkasan: pd.DataFrame
    distribusi: dict[str, dict[str, int]]
    instansi: str
    tidak_membuat_skp: dict[str, int]
    pola: PolaDistribusi | None
    tabel_pegawai: Tabel = field(repr=False)
    tabel_cascading: Tabel = field(repr=False)

    def __init__(
        self,
        root: Path | str,
        periode: Periode | None,
        hasil: Sequence[HasilBerkas],
        catatan: list[Finding],
        pegawai: pd.DataFrame | Tabel,
        temuan: pd.DataFrame,
        ringkasan: pd.DataFrame,
        cascading: pd.DataFrame | Tabel,
        distribusi: dict[str, dict[str, int]],
        instansi: str = "",
        tidak_membuat_skp: dict[str, int] | None = None,
        pola: PolaDistribusi | None = None,
    ) -> None:
        """Hold the tables; ``pegawai`` and ``cascading`` are kept compactly (a frame given
        is not kept; a table already held, whose frame the caller may then drop before the
        end, is kept as it is)."""
        self.root = root
        self.periode = periode
        self.hasil = hasil
        self.catatan = catatan
        self.temuan = temuan
        self.ringkasan = ringkasan
        self.distribusi = distribusi
        self.instansi = instansi
        self.tidak_membuat_skp = {} if tidak_membuat_skp is None else tidak_membuat_skp
        self.pola = pola
        self.tabel_pegawai = pegawai if isinstance(pegawai, Tabel) else Tabel.dari(pegawai)
        self.tabel_cascading = cascading if isinstance(cascading, Tabel) else Tabel.dari(cascading)

    @property
    def pegawai(self) -> pd.DataFrame:
        """The Pegawai table, every period: one row per workbook and rated period (made
        anew from the compact table on each access)."""
        return self.tabel_pegawai.frame()

    @property
    def cascading(self) -> pd.DataFrame:
        """The Cascading table (made anew from the compact table on each access)."""
        return self.tabel_cascading.frame()

    @property
    def nama(self) -> str:
        """The agency folder's name (the last part of its URL)."""
        if isinstance(self.root, Path):
            return self.root.name
        return self.root.rstrip("/").rpartition("/")[2]

    @cached_property
    def _tinjauan(self) -> tuple[int, int, list[Finding]]:
        """The SKP workbooks read, the pegawai among them (by NIP, else file), and one
        finding per file that could not be read as an SKP: one pass over the results,
        which may wait on disk (:class:`~skp_xl.batch.gudang.Gudang`), made once."""
        workbooks = 0
        pegawai: set[str] = set()
        problems = []
        for item in self.hasil:
            if item.terbaca:
                workbooks += 1
                pegawai.add(item.identitas.get("nip") or item.path)
            elif item.ekspor is None:
                worst = sorted(item.temuan, key=lambda f: f.severity is not Severity.ERROR)
                problems.append(worst[0])
        return workbooks, len(pegawai), problems

    @property
    def jumlah_skp(self) -> int:
        """How many files were read as SKP workbooks."""
        return self._tinjauan[0]

    @property
    def masalah(self) -> list[Finding]:
        """One finding per file that could not be read as an SKP."""
        return list(self._tinjauan[2])

    @property
    def ekspor(self) -> list[HasilBerkas]:
        """The files read as exports (held in memory even when the rest wait on disk)."""
        return [h for _, h in _di_memori(self.hasil) if h.ekspor is not None]

    @property
    def kosong(self) -> bool:
        """Whether nothing was found to consolidate: no SKP workbook, no export row."""
        return not self.jumlah_skp and not any(h.jumlah_baris for h in self.ekspor)

    def pegawai_periode(self) -> pd.DataFrame:
        """The Pegawai rows of the period counted: one per workbook, those not rated in
        that period with an empty period and a note (so nobody drops out of the table).

        Chosen from the period and file columns alone; only the rows kept are decoded.
        Every row when no period is counted.
        """
        return self.tabel_pegawai_periode().frame()

    def tabel_pegawai_periode(self) -> Tabel:
        """:meth:`pegawai_periode`, held compactly and made a slice at a time: the rows
        are chosen and ordered from the key columns alone, then decoded
        :data:`~skp_xl.batch.tabel.POTONGAN` at a time (the summary's table of a
        100,000-file run, decoded whole, was a sixth of its peak); every row when no
        period is counted."""
        tabel = self.tabel_pegawai
        if self.periode is None:
            return tabel
        # From each key column's codes into its distinct values: no row's text decoded.
        periode, periodes = tabel.faktor(Pegawai.periode)
        chosen = periode == _kode(periodes, self.periode.value)
        berkas, paths = tabel.faktor(Pegawai.berkas)
        exported = {h.path for h in self.ekspor}
        skipped = np.zeros(len(paths) + 1, dtype=bool)  # the last: a blank Berkas (-1)
        skipped[np.unique(berkas[chosen])] = True
        skipped[[i for i, path in enumerate(paths) if path in exported]] = True
        # One row of each file not rated in the period: its first.
        firsts = np.unique(berkas, return_index=True)[1]
        absent = np.sort(firsts[~skipped[berkas[firsts]]])
        # The rows of the period in the table's order, then those, ordered (stably) as one
        # frame of them would be: by the keys of those rows alone.
        positions = np.concatenate([np.flatnonzero(chosen), absent])
        del periode, firsts, absent
        kosong = np.zeros(len(positions), dtype=bool)
        kosong[int(chosen.sum()) :] = True
        order = [Pegawai.unit_kerja, Pegawai.sub_unit, Pegawai.berkas]
        urutan = _urutan(tabel, positions, order, {Pegawai.berkas: (berkas, paths)})
        del berkas, paths
        parts = []
        for start in range(0, len(urutan), POTONGAN):
            at = urutan[start : start + POTONGAN]
            part = tabel.baris(positions[at])
            missing = kosong[at]
            if missing.any():
                dtypes = part.dtypes.to_dict()
                for column in _PERIOD_COLUMNS:
                    part.loc[missing, column] = pd.NA
                part.loc[missing, Pegawai.keterangan] = (
                    f"belum dinilai pada periode {self.periode.value}"
                )
                part = part.astype(dtypes)
            # Kept as the table it is chosen from is: on disk, a part at a time.
            parts.append(Tabel.dari(part, ke_disk=tabel.di_disk))
            del part
            if tabel.di_disk:
                lepaskan()  # the part's memory, now on disk
        if not parts:
            return Tabel.dari(tabel.baris(np.arange(0)))
        joined = Tabel.sambung(parts, ke_disk=tabel.di_disk)
        del parts
        lepaskan()  # the rows decoded for it
        return joined

    def summary_data(self, *, semua_periode: bool = False) -> SummaryData:
        """What the summary workbook shows.

        Args:
            semua_periode: Put every rated period's rows on the Pegawai sheet (and in the
                PivotTable's cache, filtered to the period). By default the sheet holds
                the counted period only, one row per workbook, which keeps an agency of
                10,000 pegawai a workbook Excel opens quickly; the exports (``--csv``,
                ``--parquet``) always hold every period.
        """
        periode = self.periode.value if self.periode else "-"
        return SummaryData(
            judul=f"Rekapitulasi SKP {self.instansi or self.nama}",
            periode=periode,
            ringkasan=self.ringkasan,
            # Held compactly, its rows decoded as the sheet is made.
            pegawai=self.tabel_pegawai if semua_periode else self.tabel_pegawai_periode(),
            temuan=self.temuan,
            # Its rows taken a slice at a time by the Cascading sheet.
            cascading=self.tabel_cascading,
            # A URL's files show whole: a Berkas cell is then a URL, not a local path.
            akar=self.root if isinstance(self.root, Path) else None,
            pola=self.pola,
            # Count what the Ringkasan counts: the period, and each pegawai once.
            pivot_filters=(
                {Pegawai.periode: periode, Pegawai.dihitung: YA} if self.periode else None
            ),
            # The Angka Kredit sheet decodes the rows it reads (the JF's) of every period.
            semua_periode=self.tabel_pegawai,
        )

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` document of design.md (and a little more)."""
        workbooks, pegawai, _ = self._tinjauan
        return {
            "root": str(self.root),
            "instansi": self.instansi,
            "periode": self.periode.value if self.periode else None,
            "files": len(self.hasil),
            "pegawai": pegawai,
            "workbooks": workbooks,
            "exports": [
                {"path": h.path, "jenis": h.ekspor.jenis.value, "rows": h.jumlah_baris}
                for h in self.ekspor
                if h.ekspor is not None
            ],
            "problems": [
                {"path": f.path, "code": f.code, "message": f.message} for f in self.masalah
            ],
            "skipped": [{"path": f.path, "code": f.code} for f in self.catatan],
            "distribusi": self.distribusi,
            "tidak_membuat_skp": self.tidak_membuat_skp,
            "temuan": len(self.temuan),
        }


def temukan_url(url: str) -> tuple[list[str], list[Finding]]:
    """:func:`temukan` for an fsspec URL (``s3://bucket/instansi``): the same files, as
    URLs, and the same notes.

    A workbook is known by its name. Any other file (an export, a stray PDF) is looked at
    as a private local copy, like :func:`temukan` looks at it on disk: an agency holds
    few of them.

    Raises:
        UrlTidakTerbaca: The URL cannot be listed.
    """
    found: list[str] = []
    notes: list[Finding] = []
    for item in daftar_url(url):
        if is_candidate(Path(item.rpartition("/")[2])):
            found.append(item)
            continue
        try:
            with salinan(item) as copy:
                note = dilewati(copy)
        except OSError:  # sent on: its worker tries again, or names it in a finding
            note = None
        if note is None:
            found.append(item)
        else:
            notes.append(sebagai_url(note, str(copy), item))
    return found, notes


def baca_semua(
    paths: Sequence[Path] | Sequence[str],
    root: Path | str,
    *,
    jobs: int | None = None,
    batas_detik: float | None = BATAS_DETIK,
    batas_memori: int | None = BATAS_MEMORI,
    progres: Progres | None = None,
    cache: Cache | None = None,
    mesin: Mesin = Mesin.PROSES,
    scheduler: str | None = None,
    sidik: Sequence[str | None] | None = None,
) -> Gudang:
    """:func:`~skp_xl.batch.berkas.proses_berkas` over ``paths`` in supervised processes, in
    order: a file whose process dies, hangs or runs out of memory is a finding for that
    file, and every other file is still read. With a ``cache``, a file whose bytes were
    read before is not read again (``sidik``: each path's content hash, when already
    taken; else taken here, unless the cache holds nothing of ``root``: then each result
    is stored under the hash its reader took). ``paths`` may be fsspec URLs under the URL
    ``root`` (Dask only: the workers fetch them; :mod:`skp_xl.batch.klaster`)."""
    names = [str(p) for p in paths]
    # Each result is stored as it arrives (past DI_DISK_SEJAK files in a temporary file,
    # not memory), and stored in the cache a part at a time: neither list holds them all.
    gudang = Gudang(len(names))
    hashes: list[str | None] = [None] * len(names)
    todo = list(range(len(names)))
    # A file stopped by one limit is read again under another.
    batas_teks = f"{batas_detik}/{batas_memori}"
    found = [False] * len(names)
    stored: list[int] = []
    muat: Iterator[None] = iter(())
    tunda = False
    if cache is not None and sidik is None and not cache.kenal(str(root)):
        # Nothing of this folder is stored: each result is stored under the hash its
        # reader took of the bytes it read (the file hashed here when it has none).
        tunda = True
    elif cache is not None:
        hashes = list(sidik) if sidik is not None else sidik_semua([Path(n) for n in names], jobs)
        berkas = list(zip(names, hashes, strict=True))
        stored = sorted(cache.tersimpan(berkas, str(root), batas=batas_teks))
        held = set(stored)
        todo = [index for index in range(len(names)) if index not in held]
        # The stored results are loaded (checked, unpickled, kept) while the readers
        # start and read the others, not before them: the parent would only wait.
        muat = _muat(cache, berkas, stored, str(root), batas_teks, gudang, found, progres)
    baca = partial(
        _baca,
        names=names,
        root=str(root),
        jobs=jobs,
        batas_detik=batas_detik,
        batas_memori=batas_memori,
        mesin=mesin,
        scheduler=scheduler,
    )

    def lalu() -> Iterator[tuple[int, HasilBerkas]]:
        for _ in muat:  # what was left of it when the reading ended (or all of it)
            pass
        # A stored row whose result did not check (another key, a damaged blob): that
        # file is read after all.
        yield from baca([index for index in stored if not found[index]], sambil=None)

    fresh: list[tuple[str | None, HasilBerkas]] = []
    for index, result in chain(baca(todo, sambil=muat), lalu()):
        gudang.taruh(index, result)
        if cache is not None:
            if tunda:
                hashes[index] = result.isi or cache_sidik(Path(names[index]))
            fresh.append((hashes[index], result))
            if len(fresh) >= _SIMPAN_SEKALI:
                cache.simpan(str(root), fresh, batas=batas_teks)
                fresh = []
        if progres:
            progres(1)
    if cache is not None and fresh:
        cache.simpan(str(root), fresh, batas=batas_teks)
    return gudang


def _muat(
    cache: Cache,
    berkas: Sequence[tuple[str, str | None]],
    indices: Sequence[int],
    root: str,
    batas: str,
    gudang: Gudang,
    found: list[bool],
    progres: Progres | None,
) -> Iterator[None]:
    """Keep the stored result of each file of ``indices`` that checks, one a step."""
    for at, result in cache.ambil_bertahap([berkas[i] for i in indices], root, batas=batas):
        index = indices[at]
        gudang.taruh(index, result)
        found[index] = True
        if progres:
            progres(1)
        yield


def _baca(
    todo: Sequence[int],
    *,
    names: Sequence[str],
    root: str,
    jobs: int | None,
    batas_detik: float | None,
    batas_memori: int | None,
    mesin: Mesin,
    scheduler: str | None,
    sambil: Iterator[None] | None,
) -> Iterator[tuple[int, HasilBerkas]]:
    """Read the files of ``todo`` (indices into ``names``): ``(index, result)`` as they
    come. ``sambil``: steps of other work for the wait (the built-in pool only)."""
    if not todo:
        return
    sent = [names[i] for i in todo]
    batas = Batas(detik=batas_detik, tenggang=TENGGANG_DETIK, memori=batas_memori)
    answers: Iterable[tuple[int, HasilBerkas]]
    if mesin is Mesin.DASK:
        for _ in sambil or ():  # Dask's client waits its own way
            pass
        answers = petakan_dask(
            sent, root, batas_detik=batas_detik, batas=batas, scheduler=scheduler, jobs=jobs
        )
    else:
        # Exports alone (a province's e-Kinerja export) need no SKP reader: its import
        # left out, the reader process starts a tenth of a second sooner. The first SKP
        # workbook (the usual folder's first file) stops the look.
        pramuat = () if all(tanpa_pembaca_skp(Path(name)) for name in sent) else PRAMUAT
        answers = petakan(
            partial(proses_berkas, root=root, batas_detik=batas_detik),
            sent,
            partial(berkas_gagal, root=root),
            jobs=jobs or os.cpu_count() or 1,
            batas=batas,
            pramuat=pramuat,
            sambil=sambil,
        )
    for at, result in answers:
        yield todo[at], result


_SIMPAN_SEKALI = 2_000
"""Fresh results stored in the cache at once (one transaction)."""


def konsolidasi(
    root: Path | str,
    opsi: Opsi = Opsi(),
    *,
    progres: Progres | None = None,
    ditemukan: Progres | None = None,
    masukan: Masukan | None = None,
    cache: Cache | None = None,
) -> Konsolidasi:
    """Find, read and bring together every SKP workbook under ``root``.

    Args:
        root: The agency folder, or an fsspec URL of it (``s3://bucket/instansi``; Dask
            only).
        opsi: How to consolidate.
        progres: Called with the number of files just read.
        ditemukan: Called once with the number of files to read, before reading.
        masukan: The files of ``root`` already found (and hashed) by :func:`kumpulkan`.
        cache: The result cache, already open (else opened here when ``opsi.cache``).

    Raises:
        UrlTidakTerbaca: ``root`` is a URL that cannot be listed, or the engine is not Dask.
    """
    paths: list[Path] | list[str]
    sidik: list[str | None] | None = None
    url = isinstance(root, str) and adalah_url(root)
    if url:
        if opsi.mesin is not Mesin.DASK:
            raise UrlTidakTerbaca(
                f"Alamat '{root}' hanya dapat dibaca dengan --engine dask: pekerja Dask "
                "mengambil berkasnya sendiri. Ulangi dengan --engine dask."
            )
        paths, notes = temukan_url(str(root))
    with contextlib.ExitStack() as stack:
        # A URL's bytes are on the workers: hashing them here would fetch every file twice.
        if url:
            cache = None
        elif cache is None and opsi.cache:
            cache = stack.enter_context(dibuka(opsi.folder_cache))
        if not url:
            root = Path(root)
            masukan = masukan or kumpulkan(root, opsi, cache)
            paths, notes, sidik = masukan.paths, list(masukan.catatan), masukan.sidik
        if ditemukan:
            ditemukan(len(paths))
        siap = pemanasan()  # pandera's first use, while the readers start and read
        hasil = baca_semua(
            paths,
            root,
            jobs=opsi.jobs,
            batas_detik=opsi.batas_detik,
            batas_memori=opsi.batas_memori,
            progres=progres,
            cache=cache,
            mesin=opsi.mesin,
            scheduler=opsi.scheduler,
            sidik=sidik,
        )
        for note in cache.catatan if cache else ():
            notes.append(Finding(Code.CACHE_DIABAIKAN, Severity.INFO, note))
    siap.join()
    return rangkum(root, hasil, notes, opsi)


def unit_of(folder: str, tingkat: int) -> str:
    """The unit a workbook counts in: its folder cut to ``tingkat`` levels below the root."""
    parts = [p for p in folder.split("/") if p]
    return "/".join(parts[:tingkat]) if parts and tingkat > 0 else (folder or AKAR)


def _kode(values: Sequence[object], value: object) -> int:
    """The code of ``value`` among a column's distinct ``values`` (-2: none; -1 is a
    blank's)."""
    for code, item in enumerate(values):
        if item == value:
            return code
    return -2


def _urutan(
    tabel: Tabel,
    positions: np.ndarray,
    labels: Sequence[str],
    known: Mapping[str, tuple[np.ndarray, list[object]]],
) -> np.ndarray:
    """The order (into ``positions``) that sorts those rows by ``labels``, stably, blanks
    last: ``sort_values(labels, kind="stable")`` of those rows, from the columns' codes
    (``Tabel.faktor``, or ``known`` for the columns already factored) when their values
    are all text (they sort as Arrow and pandas sort them, by code point), else from the
    decoded rows."""
    ranks = []
    for label in reversed(labels):  # np.lexsort sorts by the last key first
        codes, values = known[label] if label in known else tabel.faktor(label)
        if not all(isinstance(v, str) for v in values):
            frame = tabel.baris(positions, labels)
            return frame.sort_values(list(labels), kind="stable").index.to_numpy()
        rank = np.empty(len(values) + 1, dtype=np.int64)
        rank[np.argsort(np.array(values, dtype=object), kind="stable")] = np.arange(len(values))
        rank[-1] = len(values)  # a blank (code -1): last
        ranks.append(rank[codes[positions]])
    return np.lexsort(ranks) if ranks else np.arange(len(positions))


def rangkum(
    root: Path | str,
    hasil: Sequence[HasilBerkas],
    catatan: list[Finding],
    opsi: Opsi = Opsi(),
) -> Konsolidasi:
    """The tables from the per-file results (no file is read here).

    ``hasil`` may wait on disk (:class:`~skp_xl.batch.gudang.Gudang`): each rule then
    passes over it keeping only what it needs, never the results themselves."""
    hasil, pulih = _pulihkan_nip(hasil)
    every_read = _saring(hasil, _terbaca)
    # PermenPANRB 8/2021 plans (2021-2022) have no predikat: listed in Pegawai with their
    # year, but kept out of the duplicate NIPs, the roster and the cascading of the
    # 6/2022 workbooks, whose rules they do not follow.
    read = _saring(every_read, _regulasi_2022)
    exports = [h for _, h in _di_memori(hasil) if h.ekspor is not None]
    # One pass over the workbooks for what the rules below start from.
    rated: list[Periode] = []
    kandidat: list[Kandidat] = []
    lama: dict[str, Keputusan] = {}
    tahun: set[str] = set()
    leaders: set[str] = set()  # the pejabat penilai the cascading check looks up
    for h in every_read:
        if h.regulasi == REGULASI_2021:
            lama[h.path] = Keputusan(
                False,
                f"SKP PermenPANRB 8/2021 tahun {h.tahun or '?'}: rencana kinerja tanpa "
                "predikat, tidak dihitung dalam distribusi",
            )
            continue
        rated += (r.periode for r in h.periode)
        kandidat.append(
            Kandidat(
                h.path,
                h.identitas.get("nip", ""),
                unit_of(h.unit, opsi.tingkat_unit),
                periode_terakhir(r.periode for r in h.periode),
                h.isi,
                penugasan(h.identitas.get("jabatan", "")),
            )
        )
        if len(h.tahun) == 4 and h.tahun.isdigit():
            tahun.add(h.tahun)
        if _definitif(h):
            leaders.add(h.identitas.get("penilai_nip", ""))
    periode = opsi.periode or periode_terakhir(
        [*rated, *{p for k in _kolom(exports) for p in k.periode_dinilai()}]
    )
    del rated
    decisions, findings = selesaikan_ganda(kandidat, opsi.nip_ganda)
    del kandidat
    decisions.update(lama)
    # One year's distribution: export rows of another year (a SIASN riwayat lists every
    # year of a pegawai) are listed but neither counted nor taken for a duplicate NIP.
    lain_tahun = _tahun_lain(tahun, exports)
    apart, once = hitung_sekali(
        [c for c in _calon(read, decisions, exports) if c.kunci not in lain_tahun]
    )
    apart = {**apart, **lain_tahun}
    findings += once
    roster, roster_letak, tidak_membuat = _tidak_membuat(
        read, decisions, exports, periode, opsi.unit_ekspor
    )
    made = _pegawai(
        every_read,
        decisions,
        opsi.tingkat_unit,
        periode,
        exports,
        apart,
        opsi.unit_ekspor,
        roster,
        roster_letak,
    )
    tabel_pegawai = made.tabel  # on disk where the results are (_Irisan)
    # Where the results wait on disk, so do the tables made from them (Tabel.ke_disk).
    di_disk = isinstance(read, Saring)
    lepaskan()
    # One pass over every result for what the rest reads of them.
    found_in_files: list[Finding] = []
    known: set[tuple[str, str | None, str | None]] = set()
    values: dict[str, dict[str, str]] = defaultdict(dict)  # unit -> file -> capaian
    instansi: Counter[str] = Counter()
    for h in hasil:
        found_in_files += h.temuan
        if h.terbaca or h.ekspor is not None:
            known.update(
                (f.path or "", f.sheet, f.cell) for f in h.temuan if f.severity is Severity.ERROR
            )
        if not h.terbaca:
            continue
        if name := h.identitas.get("instansi", ""):
            instansi[name] += 1
        if h.regulasi != REGULASI_2021:
            for r in h.periode:
                if r.periode is periode:
                    values[unit_of(h.unit, opsi.tingkat_unit)][h.path] = r.capaian_organisasi
    if made.ditolak:
        # The rows the schema refused, checked again together: the same findings in the
        # same order (by column, check, row) as the whole table checked at once.
        ditolak = sorted(made.ditolak)
        refused = tabel_pegawai.baris(ditolak)
        refused.index = pd.Index(ditolak)
        findings += periksa_pegawai(refused, made.letak, known)
        del refused
    del made.letak, known
    capaian, capaian_findings = _capaian(values, periode, opsi.capaian)
    findings += capaian_findings
    units = sorted(made.unit, key=lambda u: (u != AKAR, u))
    ringkasan, distribusi, pola_findings = _ringkasan(
        units, made.dihitung, capaian, opsi.pola, opsi.pola_minimal
    )
    findings += pola_findings
    per_unit = {unit: len(names) for unit, names in tidak_membuat.items()}
    if periode is not None and any(e.jenis is JenisEkspor.MASTER for e in _ada(exports)):
        # Known only from a master list: without one the column is left out, not 0.
        counts = {**per_unit, INSTANSI: sum(per_unit.values())}
        ringkasan.insert(
            list(ringkasan.columns).index(Ringkasan.pola_distribusi),
            TIDAK_MEMBUAT_SKP,
            [counts.get(unit, 0) for unit in ringkasan[Ringkasan.unit_kerja]],
        )
    if tidak_membuat:
        for unit, names in [*tidak_membuat.items(), (INSTANSI, _semua(tidak_membuat))]:
            where = ringkasan[Ringkasan.unit_kerja] == unit
            note = (
                f"Tidak Membuat SKP: {len(names)} pegawai; daftarnya di sheet Pegawai "
                "(Keterangan diawali 'Tidak Membuat SKP'). "
            )
            ringkasan.loc[where, Ringkasan.keterangan] = note + ringkasan.loc[
                where, Ringkasan.keterangan
            ].astype(str)
    if any(len(k) for k in _kolom(exports)):
        differ = sum(
            1 for h in exports for f in h.temuan if f.code == Code.EKSPOR_HASIL_AKHIR_BERBEDA
        )
        agency = ringkasan[Ringkasan.unit_kerja] == INSTANSI
        note = (
            "Predikat baris ekspor e-Kinerja/SIASN dihitung dari kedua rating (kuadran), bukan "
            f"diambil dari hasil_akhir ekspor; {differ} hasil_akhir berbeda (lihat Temuan). "
        )
        ringkasan.loc[agency, Ringkasan.keterangan] = note + ringkasan.loc[
            agency, Ringkasan.keterangan
        ].astype(str)
    cascade_findings: list[Finding] = []
    # Two passes over the results: the leaders' plans, then every plan as it is made and
    # checked (a 100,000-file agency's plans, held at once, were 115 MB).
    pimpinan = _pimpinan(read, leaders)
    try:
        tabel_cascading = _tabel_cascading(
            baris_cascading_pimpinan(pimpinan, _rencana(read, leaders, pimpinan), cascade_findings),
            di_disk=di_disk,
        )
    finally:
        pimpinan.tutup()
    findings += cascade_findings
    every = found_in_files + pulih + findings + catatan
    del found_in_files, findings
    temuan = _tabel_temuan(every)
    del every
    lepaskan()
    if not instansi:
        instansi = Counter(
            h.ekspor.judul.instansi for h in exports if h.ekspor and h.ekspor.judul.instansi
        )
    return Konsolidasi(
        root,
        periode,
        hasil,
        catatan,
        tabel_pegawai,
        temuan,
        ringkasan,
        tabel_cascading,
        distribusi,
        instansi.most_common(1)[0][0] if instansi else "",
        per_unit,
        opsi.pola,
    )


def _tabel_temuan(every: Sequence[Finding]) -> pd.DataFrame:
    """The Temuan table of ``every`` finding, a column at a time: a frame of rows (tuples)
    went through a 2-D array of objects, +48 MiB for 42,623 findings at 100,000 files (the
    last of rangkum's peaks)."""
    if not every:
        return pd.DataFrame([], columns=list(TEMUAN_COLUMNS))
    columns = (
        [f.path or "" for f in every],
        [f.sheet or "" for f in every],
        [f.cell or "" for f in every],
        [str(f.code) for f in every],
        [TINGKAT[f.severity] for f in every],
        [f.message for f in every],
    )
    dtype = pd.StringDtype(na_value=np.nan)  # pandas' default text, as a frame of rows has
    return pd.DataFrame(
        {
            # Arrow's strings made POTONGAN at a time: made at once, the builder's copies
            # as it grew doubled the column for a moment.
            label: dtype.__from_arrow__(  # type: ignore[attr-defined]
                pa.chunked_array(
                    [
                        pa.array(cells[start : start + POTONGAN], type=pa.large_string())
                        for start in range(0, len(cells), POTONGAN)
                    ],
                    type=pa.large_string(),
                )
            )
            for label, cells in zip(TEMUAN_COLUMNS, columns, strict=True)
        }
    )


def _tabel_cascading(rows: Iterable[BarisCascading], *, di_disk: bool = False) -> Tabel:
    """The Cascading table of ``rows``, taken and made a slice at a time, each slice's rows
    let go of: 388,515 rows at 100,000 files, as objects, then lists of texts, then a
    frame, were each a copy of the table at once."""
    parts = []
    stream = iter(rows)
    while part := list(islice(stream, POTONGAN)):
        places = [r.sel or ("", "") for r in part]
        frame = pd.DataFrame(
            {
                CASCADING_COLUMNS[0]: [r.kunci for r in part],
                CASCADING_COLUMNS[1]: [r.nip for r in part],
                CASCADING_COLUMNS[2]: [r.nama for r in part],
                CASCADING_COLUMNS[3]: [r.arah.value for r in part],
                CASCADING_COLUMNS[4]: [sheet for sheet, _ in places],
                CASCADING_COLUMNS[5]: [cell for _, cell in places],
                CASCADING_COLUMNS[6]: [r.rencana for r in part],
                CASCADING_COLUMNS[7]: [r.status.value for r in part],
                CASCADING_COLUMNS[8]: [r.keterangan for r in part],
            },
            columns=list(CASCADING_COLUMNS),
        )
        del part, places
        parts.append(Tabel.dari(frame, ke_disk=di_disk))
        del frame
        if di_disk:
            lepaskan()  # the part's memory, now on disk
    if not parts:
        # As a frame of no rows (object dtype): none to infer a text dtype from.
        return Tabel.dari(pd.DataFrame(columns=list(CASCADING_COLUMNS), dtype=object))
    joined = Tabel.sambung(parts, ke_disk=di_disk)
    del parts
    lepaskan()
    return joined


def _pimpinan(read: Sequence[HasilBerkas], leaders: Set[str]) -> Simpanan[RencanaPegawai]:
    """The plans of the leaders' workbooks (``leaders``: the penilai NIPs of the definitif
    workbooks of ``read``) by NIP, the last of each NIP: who the cascading check looks
    up. One pass over ``read``, holding no result; where the results wait on disk, so do
    these plans (:class:`~skp_xl.batch.gudang.Simpanan`)."""
    theirs = (h for h in read if h.identitas.get("nip", "") in leaders)
    return Simpanan(
        ((plan.nip, plan) for plan in _rencana(theirs, leaders) if plan.nip),
        di_disk=isinstance(read, Saring),
    )


def _rencana(
    read: Iterable[HasilBerkas],
    leaders: Set[str],
    pimpinan: Mapping[str, RencanaPegawai] | None = None,
) -> Iterator[RencanaPegawai]:
    """The definitif workbooks' plans, as the cascading check reads them, made as they are
    walked (a leader's plan already in ``pimpinan`` given again).

    Of a workbook whose NIP is nobody's pejabat penilai the check reads only the rencana
    that name their leader's (``pimpinan`` and its cell): the rest (their texts,
    indicators and cells, most of a result's memory) is left out, and the leaders' texts
    their staff repeat are kept once, as is each cell address (the workbooks share a
    template's layout). ``leaders``: the penilai NIPs of the definitif workbooks of
    ``read``. One pass over ``read``, holding no result."""
    texts: dict[str, str] = {}
    cells: dict[Letak | None, Letak | None] = {}  # one (sheet, cell) for each address
    pimpinan = pimpinan or {}
    for h in read:
        if not _definitif(h):
            continue
        nip = h.identitas.get("nip", "")
        if nip in leaders:
            made = pimpinan.get(nip)
            if made is not None and made.kunci == h.path:
                yield made
                continue
            rencana = tuple(
                replace(
                    r,
                    sel=cells.setdefault(r.sel, r.sel),
                    sel_pimpinan=cells.setdefault(r.sel_pimpinan, r.sel_pimpinan),
                )
                for r in h.rencana
            )
        else:
            rencana = tuple(
                Rencana(
                    "",
                    None,
                    pimpinan=texts.setdefault(r.pimpinan, r.pimpinan),
                    sel_pimpinan=cells.setdefault(r.sel_pimpinan, r.sel_pimpinan),
                )
                for r in h.rencana
                if r.pimpinan is not None
            )
        yield RencanaPegawai(
            h.path,
            nip,
            h.identitas.get("nama", ""),
            h.identitas.get("penilai_nip", ""),
            rencana,
        )


def _definitif(h: HasilBerkas) -> bool:
    return penugasan(h.identitas.get("jabatan", "")) is Penugasan.DEFINITIF


def _terbaca(h: HasilBerkas) -> bool:
    return h.terbaca


def _regulasi_2022(h: HasilBerkas) -> bool:
    return h.regulasi != REGULASI_2021


def _saring(
    hasil: Sequence[HasilBerkas], pilih: Callable[[HasilBerkas], bool]
) -> Sequence[HasilBerkas]:
    """The results for which ``pilih`` holds: a list of those held in memory, a view
    (found again on each pass) of those that wait on disk."""
    if isinstance(hasil, Saring) or (isinstance(hasil, Gudang) and hasil.di_disk):
        return Saring(hasil, pilih)
    return [h for h in hasil if pilih(h)]


def _di_memori(hasil: Sequence[HasilBerkas]) -> Iterable[tuple[int, HasilBerkas]]:
    """``(index, result)`` of the results held in memory (all but a Gudang's on disk)."""
    if isinstance(hasil, Gudang):
        return hasil.di_memori()
    return enumerate(hasil)


def _tahun_lain(tahun: Iterable[str], exports: Iterable[HasilBerkas]) -> dict[str, str]:
    """Export rows of a year before the latest of the input (``tahun``: its 6/2022
    workbooks' years, and its rated export rows'): key -> why they are not counted."""
    columns = [k for k in _kolom(exports) if k.tahun]
    years = set(tahun)
    for k in columns:
        years |= set(k.tahun)
    years.discard("")
    if len(years) < 2:  # one year (the usual input): nothing to set apart, rows unread
        return {}
    latest = max(years)
    return {
        f"{k.path}#{k.nomor[i]}": (
            f"tahun {k.tahun[i]}, bukan tahun ringkasan {latest}: tidak dihitung dalam "
            "distribusi (predikat lintas tahun: skp-xl tindak-lanjut)"
        )
        for k in columns
        for i in k.dinilai()
        if k.tahun[i] and k.tahun[i] != latest
    }


def _pulihkan_nip(
    hasil: Sequence[HasilBerkas],
) -> tuple[Sequence[HasilBerkas], list[Finding]]:
    """Export rows whose NIP Excel stored as a number, given the whole NIP where the rest
    of the input names it for sure (:func:`~skp_xl.domain.ekspor.nip_dipulihkan`), so
    the pegawai counts once; a finding at each such cell says so.

    Without this, the damaged row ("198807202018031808") and the same pegawai's row in
    another export (SIASN's "198807202018031762") were two pegawai, both counted.
    """
    damaged: list[tuple[int, int, str, str]] = []  # (result, row, as read, name)
    held = dict(_di_memori(hasil))  # the exports among them
    for at, h in held.items():
        k = h.kolom
        if k is None:
            continue
        rows = {nomor: i for i, nomor in enumerate(k.nomor)}
        for n in h.nilai:
            if any(f.code == Code.NIP_RUSAK_EXCEL for f in n.temuan):
                i = rows[n.baris.nomor]
                damaged.append((at, i, n.nip, k.nama[i]))
    if not damaged:
        return hasil, []
    skip = {(at, i) for at, i, _, _ in damaged}
    # Only NIPs that share digits with a damaged one can match: a 50,000-row export's
    # other NIPs are not looked at twice.
    wanted = {prefix for _, _, text, _ in damaged if (prefix := awalan_angka(text))}
    known = [
        (nip, h.identitas.get("nama", ""), f"'{h.path}'")
        for h in hasil
        if h.terbaca and len(nip := h.identitas.get("nip", "")) == NIP_LENGTH and nip[:15] in wanted
    ]
    for at, h in held.items():
        k = h.kolom
        if k is not None:
            known += [
                (nip, k.nama[i], f"'{k.path}' baris {k.nomor[i]}")
                for i, nip in enumerate(k.nip)
                if nip[:15] in wanted
                and (at, i) not in skip
                and len(nip) == NIP_LENGTH
                and nip.isdigit()
            ]
    found = nip_dipulihkan([(text, nama) for _, _, text, nama in damaged], known)
    nips = {at: list(k.nip) for at, h in held.items() if (k := h.kolom) is not None}
    findings = []
    for (at, i, text, nama), match in zip(damaged, found, strict=True):
        if match is None:
            continue
        k = held[at].kolom
        assert k is not None
        nips[at][i] = match[0]
        sheet, cell = k.letak(i, "nip") or (None, None)
        findings.append(
            Finding(
                Code.EKSPOR_NIP_DIPULIHKAN,
                Severity.INFO,
                f"NIP '{text}' ({nama or 'tanpa nama'}) rusak karena tersimpan sebagai angka; "
                f"15 digit awalnya dan namanya cocok dengan NIP {match[0]} di {match[1]}, jadi "
                "baris ini dihitung sebagai pegawai itu, sekali. Tetap perbaiki NIP di "
                "sumbernya (ketik ulang sebagai teks).",
                sheet,
                cell,
                path=k.path,
                field="nip",
            )
        )
    if not findings:
        return hasil, []
    pengganti = {
        at: replace(h, kolom=replace(h.kolom, nip=tuple(nips[at])))
        for at, h in held.items()
        if h.kolom is not None and nips.get(at) != list(h.kolom.nip)
    }
    if isinstance(hasil, Gudang):
        return hasil.dengan(pengganti), findings
    return [pengganti.get(at, h) for at, h in enumerate(hasil)], findings


def _tempat(path: str, sheet: str | None, cell: str | None) -> tuple[str, str | None, str | None]:
    return path, sheet, cell


def _ada(exports: Iterable[HasilBerkas]) -> list[Ekspor]:
    """The exports read."""
    return [h.ekspor for h in exports if h.ekspor is not None]


def _kolom(exports: Iterable[HasilBerkas]) -> list[KolomEkspor]:
    """The rated exports' columns (the master list has none)."""
    return [h.kolom for h in exports if h.kolom is not None]


def _calon(
    read: Iterable[HasilBerkas],
    decisions: Mapping[str, Keputusan],
    exports: Iterable[HasilBerkas],
) -> list[Calon]:
    """The counted ratings the count-once rule has to decide between: those whose (NIP,
    period) is rated more than once across workbooks and exports, in the order the files
    and rows come (which the rule's ties follow).

    Of a 50,000-row export only the few duplicated rows become :class:`Calon` objects:
    the pairs are compared as columns first (``duplicated``)."""

    def counted(h: HasilBerkas) -> bool:
        return decisions.get(h.path, Keputusan(True)).dihitung

    # The pairs first, as columns; a Calon only for a pair found twice (a workbook's
    # rated periods are half a million pairs in an agency of 100,000).
    nips: list[str] = []
    periods: list[str] = []
    for h in read:
        if counted(h):
            nip = h.identitas.get("nip", "")
            for r in h.periode:
                nips.append(nip)
                periods.append(r.periode.value)
    ours_at = len(nips)
    columns = _kolom(exports)
    rated = [list(k.dinilai()) for k in columns]
    for k, rows in zip(columns, rated, strict=True):
        nips += [k.nip[i] for i in rows]
        value = {p: p.value for p in set(k.periode)}  # an enum's .value is a slow property
        periods += [value[k.periode[i]] for i in rows]
    pairs = pd.DataFrame({"nip": nips, "periode": periods})
    # A rating without a NIP is left alone by the rule.
    chosen = (pairs.duplicated(keep=False) & (pairs["nip"] != "")).tolist()
    del nips, periods, pairs
    ours: list[Calon] = []
    if any(chosen[:ours_at]):
        row = 0
        for h in read:
            if not counted(h):
                continue
            sheet, cell = h.sel.get("nip", (None, None))
            for r in h.periode:
                if chosen[row]:
                    ours.append(
                        Calon(
                            f"{h.path}#{r.periode.value}",
                            h.identitas.get("nip", ""),
                            r.periode,
                            0,
                            ("", 0),
                            r.predikat,
                            partial(_tempat, h.path, sheet, cell),
                            f"SKP '{h.path}'",
                        )
                    )
                row += 1
    at = ours_at
    for k, rows in zip(columns, rated, strict=True):
        keep = chosen[at : at + len(rows)]
        at += len(rows)
        ours += calon_kolom(k, (row for row, twice_ in zip(rows, keep, strict=True) if twice_))
    return ours


_KETERANGAN = {
    Status.BELUM_DINILAI: "belum dinilai ('-' atau kosong)",
    Status.PLT: "Plt./Plh.: ditampilkan terpisah, tidak dihitung",
    Status.TANPA_NIP: "tanpa NIP: tidak dihitung",
}
_SUMBER_EKSPOR = {
    Pegawai.nip: "nip",
    Pegawai.nama: "nama",
    Pegawai.unit_kerja_isian: "unor",
    Pegawai.jabatan: "jabatan",
    Pegawai.rating_hasil_kerja: "rating_hasil_kerja",
    Pegawai.rating_perilaku: "rating_perilaku",
    Pegawai.predikat: "hasil_akhir",
}
"""Pegawai column -> the export field it is read from (for the schema's findings)."""


class _LetakSkp(Mapping[str, Letak]):
    """Where a workbook row's Pegawai values were read: its period's cells over its
    file's (made only when the schema asks, as :class:`_LetakEkspor`)."""

    __slots__ = ("berkas", "periode")

    def __init__(self, berkas: Mapping[str, Letak], periode: Mapping[str, Letak]) -> None:
        self.berkas = berkas
        self.periode = periode

    def __getitem__(self, column: str) -> Letak:
        key = _SUMBER.get(column, "")
        place = self.periode.get(key) or self.berkas.get(key)
        if place is None:
            raise KeyError(column)
        return place

    def __iter__(self) -> Iterator[str]:
        return (c for c, k in _SUMBER.items() if k in self.periode or k in self.berkas)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _Tempat(Sequence[Mapping[str, Letak]]):
    """Rows' places, each made when asked for (:meth:`_baris`); a slice, a list of them."""

    __slots__ = ()

    def _baris(self, row: int) -> Mapping[str, Letak]:
        raise NotImplementedError

    @overload
    def __getitem__(self, row: int) -> Mapping[str, Letak]: ...

    @overload
    def __getitem__(self, row: slice) -> Sequence[Mapping[str, Letak]]: ...

    def __getitem__(self, row: int | slice) -> Mapping[str, Letak] | Sequence[Mapping[str, Letak]]:
        if isinstance(row, slice):
            return [self._baris(i) for i in range(len(self))[row]]
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        return self._baris(row)


class _LetakNanti(_Tempat):
    """Where the Pegawai rows of results on disk were read: each row's file (its index in
    ``hasil``) and period (-1: none), its cells read back when asked for (the schema asks
    only of a row it finds wrong)."""

    __slots__ = ("files", "hasil", "periods")

    def __init__(
        self, hasil: Sequence[HasilBerkas], files: Sequence[int], periods: Sequence[int]
    ) -> None:
        self.hasil = hasil
        self.files = files
        self.periods = periods

    def __len__(self) -> int:
        return len(self.files)

    def _baris(self, row: int) -> Mapping[str, Letak]:
        h = self.hasil[self.files[row]]
        at = self.periods[row]
        return _LetakSkp(h.sel, h.periode[at].sel if at >= 0 else {})


class _LetakEkspor(Mapping[str, Letak]):
    """Where an export row's Pegawai values were read, made only when the schema asks (a
    50,000-row export would otherwise build 350,000 places nobody reads). The same for a
    :class:`BarisEkspor` and a row of a :class:`KolomEkspor`: the table's columns, its
    cell namer and the row's index in the table."""

    __slots__ = ("indeks", "kolom", "penunjuk")

    def __init__(self, kolom: Mapping[str, int], penunjuk: Penunjuk, indeks: int) -> None:
        self.kolom = kolom
        self.penunjuk = penunjuk
        self.indeks = indeks

    def __getitem__(self, column: str) -> Letak:
        index = self.kolom.get(_SUMBER_EKSPOR.get(column, ""))
        if index is None:
            raise KeyError(column)
        return self.penunjuk(self.indeks, index)

    def __iter__(self) -> Iterator[str]:
        return (c for c, k in _SUMBER_EKSPOR.items() if k in self.kolom)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class _LetakKolom(_Tempat):
    """Where each row of an export's columns was read: row ``i``'s :class:`_LetakEkspor`,
    made when the schema asks for it (a 50,000-row export needs a handful)."""

    __slots__ = ("kolom",)

    def __init__(self, kolom: KolomEkspor) -> None:
        self.kolom = kolom

    def __len__(self) -> int:
        return len(self.kolom)

    def _baris(self, row: int) -> Mapping[str, Letak]:
        k = self.kolom
        return _LetakEkspor(k.kolom, k.penunjuk, k.indeks[row])


class _Sambungan(_Tempat):
    """Sequences of places one after another, as one (their rows are not copied)."""

    __slots__ = ("awal", "bagian")

    def __init__(self, bagian: Iterable[Sequence[Mapping[str, Letak]]]) -> None:
        self.bagian = [part for part in bagian if len(part)]
        self.awal = list(accumulate((len(part) for part in self.bagian), initial=0))

    def __len__(self) -> int:
        return self.awal[-1]

    def _baris(self, row: int) -> Mapping[str, Letak]:
        part = bisect_right(self.awal, row) - 1
        return self.bagian[part][row - self.awal[part]]


def unit_ekspor(baris: BarisEkspor, pilihan: UnitEkspor) -> tuple[str, str]:
    """The unit and sub-unit an export row counts in."""
    return _unit_ekspor(baris.teks("unor_induk"), baris.teks("unor"), pilihan)


def _unit_ekspor(induk: str, unor: str, pilihan: UnitEkspor) -> tuple[str, str]:
    [unit], [sub] = _unit_kolom([induk], [unor], pilihan)
    return unit, sub


def _unit_kolom(
    induk: Sequence[str], unor: Sequence[str], pilihan: UnitEkspor
) -> tuple[list[str], list[str]]:
    """The unit and sub-unit of each export row, from its ``unor_induk`` and ``unor``
    (column by column: no pair per row, whose 50,000 tuples woke the garbage collector
    over the whole heap)."""
    if pilihan is UnitEkspor.UNOR:
        unit = [u or i or TANPA_UNIT for i, u in zip(induk, unor, strict=True)]
        return unit, unit
    unit = [i or u or TANPA_UNIT for i, u in zip(induk, unor, strict=True)]
    return unit, [u or w for u, w in zip(unor, unit, strict=True)]


def _baris_ekspor(
    exports: Iterable[HasilBerkas], apart: Mapping[str, str], pilihan: UnitEkspor
) -> tuple[dict[str, list[object]], list[Sequence[Mapping[str, Letak]]]]:
    """The Pegawai rows of the rated exports, column by column from each export's
    :class:`~skp_xl.domain.ekspor.KolomEkspor`, and where each row was read (per export,
    a :class:`_LetakKolom`).

    A column's values repeat a few texts (units, jabatan, statuses): what each distinct
    value becomes is worked out once, then looked up per row."""
    columns: dict[str, list[object]] = {c: [] for c in PEGAWAI_COLUMNS}
    letak: list[Sequence[Mapping[str, Letak]]] = []
    acting_of: dict[str, tuple[str, str]] = {}  # jabatan -> (as written, on a Plt. row)
    plt, dinilai = Status.PLT, Status.DINILAI
    for k in _kolom(exports):
        path, jenis, size = k.path, k.jenis.value, len(k)
        # The few rows the count-once rule set apart, by their row number.
        prefix = f"{path}#"
        aside = {
            int(key[len(prefix) :]): why
            for key, why in apart.items()
            if key.startswith(prefix) and key[len(prefix) :].isdigit()
        }
        unit_col, sub_col = _unit_kolom(k.induk, k.unor, pilihan)
        for jabatan in set(k.jabatan).difference(acting_of):
            acting = penugasan(jabatan)
            # A Plt./Plh. row whose jabatan does not say so is still acting.
            as_plt = Penugasan.PLT if acting is Penugasan.DEFINITIF else acting
            acting_of[jabatan] = (acting.value, as_plt.value)
        acting_col = [
            acting_of[jabatan][status is plt]
            for jabatan, status in zip(k.jabatan, k.status, strict=True)
        ]
        reason_of = {status: _KETERANGAN.get(status, "") for status in set(k.status)}
        keterangan = [
            f"{jenis}, baris {nomor}; {reason}"
            if (reason := aside.get(nomor) or reason_of[status])
            else f"{jenis}, baris {nomor}"
            for nomor, status in zip(k.nomor, k.status, strict=True)
        ]
        dihitung = [
            YA if status is dinilai and nomor not in aside else TIDAK
            for nomor, status in zip(k.nomor, k.status, strict=True)
        ]
        columns[Pegawai.nip] += [nip or None for nip in k.nip]
        columns[Pegawai.nama] += [nama or None for nama in k.nama]
        columns[Pegawai.unit_kerja] += unit_col
        columns[Pegawai.sub_unit] += sub_col
        columns[Pegawai.unit_kerja_isian] += [unor or None for unor in k.unor]
        columns[Pegawai.jabatan] += [jabatan or None for jabatan in k.jabatan]
        columns[Pegawai.penugasan] += acting_col
        value = {p: p.value for p in set(k.periode)}
        columns[Pegawai.periode] += map(value.__getitem__, k.periode)
        columns[Pegawai.rating_hasil_kerja] += k.hasil
        columns[Pegawai.rating_perilaku] += k.perilaku
        columns[Pegawai.predikat] += k.predikat
        columns[Pegawai.dihitung] += dihitung
        columns[Pegawai.keterangan] += keterangan
        columns[Pegawai.galat] += k.galat
        columns[Pegawai.tahun] += [year or None for year in k.tahun] or [None] * size
        columns[Pegawai.berkas] += [path] * size
        letak.append(_LetakKolom(k))
    size = len(columns[Pegawai.berkas])
    for values in columns.values():
        if not values:
            values.extend([None] * size)
    return columns, letak


def _semua(by_unit: Mapping[str, list[str]]) -> list[str]:
    return [nip for names in by_unit.values() for nip in names]


def _tidak_membuat(
    read: Sequence[HasilBerkas],
    decisions: Mapping[str, Keputusan],
    exports: Sequence[HasilBerkas],
    periode: Periode | None,
    pilihan: UnitEkspor,
) -> tuple[list[dict[str, object]], list[Mapping[str, Letak]], dict[str, list[str]]]:
    """Pegawai of the master list with no counted rating for ``periode`` (Tidak Membuat
    SKP): their Pegawai rows, where they were read, and their NIPs per unit."""
    masters = [h for h in exports if h.ekspor is not None and h.ekspor.jenis is JenisEkspor.MASTER]
    if periode is None or not masters:
        return [], [], {}
    rated = {
        h.identitas.get("nip", "")
        for h in read
        if decisions.get(h.path, Keputusan(True)).dihitung
        and any(r.periode is periode and r.predikat for r in h.periode)
    } | {k.nip[i] for k in _kolom(exports) for i in k.dinilai(periode)}
    rows: list[dict[str, object]] = []
    letak: list[Mapping[str, Letak]] = []
    by_unit: dict[str, list[str]] = defaultdict(list)
    seen: set[str] = set()
    for h in masters:
        assert h.ekspor is not None
        for b in h.ekspor.baris:
            nip = b.teks("nip")
            acting = b.teks("plt").casefold() not in ("", "0", "false", "tidak")
            if not nip or nip in rated or nip in seen or acting:
                continue
            seen.add(nip)
            unit, sub = unit_ekspor(b, pilihan)
            by_unit[unit].append(nip)
            status = b.teks("skp_status") or "-"
            rows.append(
                {
                    Pegawai.nip: nip,
                    Pegawai.nama: b.teks("nama") or None,
                    Pegawai.unit_kerja: unit,
                    Pegawai.sub_unit: sub,
                    Pegawai.unit_kerja_isian: b.teks("unor") or None,
                    Pegawai.jabatan: b.teks("jabatan") or None,
                    Pegawai.penugasan: Penugasan.DEFINITIF.value,
                    Pegawai.periode: periode.value,
                    Pegawai.dihitung: TIDAK,
                    Pegawai.keterangan: (
                        f"Tidak Membuat SKP: tidak ada SKP yang dinilai pada periode "
                        f"{periode.value} ({h.ekspor.jenis.value}, baris {b.nomor}, status "
                        f"SKP {status})"
                    ),
                    Pegawai.galat: 0,
                    Pegawai.berkas: h.path,
                }
            )
            letak.append(_LetakEkspor(b.kolom, b.penunjuk, b.indeks))
    return rows, letak, dict(by_unit)


_IRISAN = 10_000
"""Workbooks whose Pegawai rows are made a frame, checked and held at once: at 100,000
files the whole table as a frame was 311 MiB (with its lists and pandera's work on it,
most of the consolidation's peak); a slice is a tenth of that."""


@dataclass
class _TabelPegawai:
    """The Pegawai table as :func:`_pegawai` made it, a slice at a time.

    Attributes:
        tabel: The whole table, held compactly.
        letak: Per row, where its values were read (column -> (sheet, cell)).
        ditolak: The rows (positions) with a value the schema refuses, or the first row
            when it refuses the table itself (a fault of skp-xl).
        dihitung: The counted rows, by (unit, predikat): all the Ringkasan reads.
        unit: Every unit kerja of the rows.
    """

    tabel: Tabel
    letak: Sequence[Mapping[str, Letak]]
    ditolak: set[int]
    dihitung: Counter[tuple[object, object]]
    unit: set[str]


def _pegawai(
    read: Iterable[HasilBerkas],
    decisions: Mapping[str, Keputusan],
    tingkat: int,
    periode: Periode | None,
    exports: Iterable[HasilBerkas] = (),
    apart: Mapping[str, str] | None = None,
    pilihan: UnitEkspor = UnitEkspor.INDUK,
    roster: Sequence[dict[str, object]] = (),
    roster_letak: Sequence[Mapping[str, Letak]] = (),
) -> _TabelPegawai:
    """The Pegawai table, made, checked by its schema and held :data:`_IRISAN` workbooks
    at a time (the export and roster rows as one last slice)."""
    # Column by column, and each row's places as a view of its file's and period's own:
    # a dict per row and per place took 9 KiB a workbook at its peak (bench_memori.py).
    columns: dict[str, list[object]] = {c: [] for c in PEGAWAI_COLUMNS}
    letak: list[Mapping[str, Letak]] = []
    per_file = (
        Pegawai.nip,
        Pegawai.nama,
        Pegawai.unit_kerja,
        Pegawai.sub_unit,
        Pegawai.unit_kerja_isian,
        Pegawai.jabatan,
        Pegawai.pangkat,
        Pegawai.jenis_jabatan,
        Pegawai.pendekatan,
        Pegawai.tahun,
        Pegawai.regulasi,
        Pegawai.penugasan,
        Pegawai.nip_penilai,
        Pegawai.nama_penilai,
        Pegawai.dihitung,
        Pegawai.keterangan,
        Pegawai.galat,
        Pegawai.berkas,
    )
    per_period = _PERIOD_COLUMNS
    # Results read back from disk (a Gudang's) are fresh objects a pass: the rows keep
    # where they came from and find their cells again when the schema asks, and the
    # texts repeated across workbooks (units, jabatan, ratings) are kept once. The
    # table's slices wait on disk too (Tabel.ke_disk).
    lazy = isinstance(read, Saring)
    slices = _Irisan(periode, di_disk=lazy)
    files = array("q")
    periods_at = array("b")
    shared: dict[object, object] = {}
    one = shared.setdefault
    unique = {0, 1, len(per_file) - 1}  # NIP, name and file: each a workbook's own
    in_slice = 0
    for at, h in read.dengan_indeks() if isinstance(read, Saring) else enumerate(read):
        ident = h.identitas
        decision = decisions.get(h.path, Keputusan(True))
        errors = sum(1 for f in h.temuan if f.severity is Severity.ERROR)
        base: tuple[object, ...] = (
            ident.get("nip", ""),
            ident.get("nama", ""),
            unit_of(h.unit, tingkat),
            h.unit or AKAR,
            ident.get("unit_kerja", ""),
            ident.get("jabatan", ""),
            ident.get("pangkat", ""),
            h.jenis_jabatan,
            h.pendekatan,
            h.tahun or None,
            h.regulasi or None,
            penugasan(ident.get("jabatan", "")).value,
            ident.get("penilai_nip", ""),
            ident.get("penilai_nama", ""),
            YA if decision.dihitung else TIDAK,
            decision.keterangan,
            errors,
            h.path,
        )
        periods: list[tuple[object, ...]] = [
            (
                r.periode.value,
                r.capaian_organisasi,
                r.rating_hasil_kerja,
                r.rating_perilaku,
                r.predikat,
                r.angka_kredit,
            )
            for r in h.periode
        ]
        if lazy:
            base = tuple(v if i in unique else one(v, v) for i, v in enumerate(base))
            periods = [tuple(one(v, v) for v in row) for row in periods]
            files.extend([at] * max(len(h.periode), 1))
            periods_at.extend(range(len(h.periode)) if h.periode else [-1])
        elif not h.periode:
            letak.append(_LetakSkp(h.sel, {}))
        else:
            letak += [_LetakSkp(h.sel, r.sel) for r in h.periode]
        if not h.periode:
            periods = [(None,) * len(per_period)]
        for column, value in zip(per_file, base, strict=True):
            columns[column] += [value] * len(periods)
        for column, values in zip(per_period, zip(*periods, strict=True), strict=True):
            columns[column] += values
        if not h.periode:
            columns[Pegawai.keterangan][-1] = decision.keterangan or "belum dinilai"
        in_slice += 1
        if in_slice == _IRISAN:
            slices.tambah(columns)
            in_slice = 0
    del shared
    extra, extra_letak = _baris_ekspor(exports, apart or {}, pilihan)
    places = _LetakNanti(read.sumber, files, periods_at) if isinstance(read, Saring) else letak
    every = _Sambungan([places, *extra_letak, roster_letak])
    if in_slice:
        slices.tambah(columns)
    for column in PEGAWAI_COLUMNS:
        columns[column] += extra.pop(column)
        columns[column] += [row.get(column) for row in roster]
    if columns[Pegawai.berkas] or not slices.bagian:
        slices.tambah(columns)
    return _TabelPegawai(
        Tabel.sambung(slices.bagian, ke_disk=slices.di_disk),
        every,
        slices.ditolak,
        slices.dihitung,
        slices.unit,
    )


class _Irisan:
    """The Pegawai table's slices as they are made: each checked by the schema, what the
    Ringkasan reads taken, and held compactly before the next is made."""

    def __init__(self, periode: Periode | None, *, di_disk: bool = False) -> None:
        self.periode = periode.value if periode else None
        self.di_disk = di_disk
        self.bagian: list[Tabel] = []
        self.awal = 0
        self.ditolak: set[int] = set()
        self.dihitung: Counter[tuple[object, object]] = Counter()
        self.unit: set[str] = set()

    def tambah(self, columns: dict[str, list[object]]) -> None:
        """Make the rows in ``columns`` a slice (the lists are emptied)."""
        # One column at a time, its list dropped once it is an array: an object frame of
        # every column, its concatenation and its conversion were each a copy of the
        # table at once (bench_memori.py).
        dtypes = {Pegawai.angka_kredit: "Float64", Pegawai.galat: "Int64"}
        frame = pd.DataFrame(index=pd.RangeIndex(len(columns[Pegawai.berkas])))
        for column in PEGAWAI_COLUMNS:
            cells, columns[column] = columns[column], []
            frame[column] = _larik(cells, dtypes.get(column, "string"))
            del cells
        failures = periksa(Pegawai, frame)["index"].tolist()
        rows = {int(i) for i in failures if pd.api.types.is_integer(i)}
        if failures and not rows and len(frame):
            rows = {0}  # the table itself refused: found again on its first row
        self.ditolak.update(self.awal + i for i in rows)
        counted = (frame[Pegawai.periode] == self.periode) & (frame[Pegawai.dihitung] == YA)
        # As lists: iterating an Arrow-backed column makes a Python object per step.
        self.dihitung.update(
            zip(
                frame.loc[counted, Pegawai.unit_kerja].tolist(),
                frame.loc[counted, Pegawai.predikat].tolist(),
                strict=True,
            )
        )
        self.unit.update(frame[Pegawai.unit_kerja].dropna().unique())
        self.bagian.append(Tabel.dari(frame, ke_disk=self.di_disk))
        self.awal += len(frame)
        del frame
        lepaskan()


def _larik(cells: list[object], dtype: str) -> pd.api.extensions.ExtensionArray:
    """A Pegawai column as its array: ``pd.array(cells, dtype=dtype)``.

    A text column of text and None (every one, but for odd input) goes to Arrow
    directly: pandas' own way first checks and copies every value in Python, a tenth of
    a second per 50,000 rows of repeated units and labels. The array is the same (large
    strings, None as NA)."""
    if dtype == "string" and set(map(type, cells)) <= _TEKS_ATAU_KOSONG:
        return pd.arrays.ArrowStringArray(pa.array(cells, type=pa.large_string()))
    # pandas-stubs type pd.array's data as one kind of value; these mix text and None.
    return pd.array(cells, dtype=dtype)  # type: ignore[call-overload,no-any-return]


_TEKS_ATAU_KOSONG = frozenset({str, type(None)})


def _capaian(
    values: Mapping[str, Mapping[str, str]],
    periode: Periode | None,
    override: Mapping[str, str],
) -> tuple[dict[str, str], list[Finding]]:
    """Capaian kinerja organisasi per unit: the override, else the workbooks' agreed value
    (``values``: unit -> workbook -> its value for ``periode``)."""
    chosen: dict[str, str] = {}
    findings = []
    for unit, by_file in sorted(values.items()):
        if unit in override:
            chosen[unit] = override[unit]
            continue
        value, disagree = capaian_unit(by_file)
        chosen[unit] = value
        for path, other in disagree:
            findings.append(
                Finding(
                    Code.CAPAIAN_ORGANISASI_BERBEDA,
                    Severity.WARNING,
                    f"Capaian kinerja organisasi {unit} di '{path}' adalah '{other}', padahal "
                    f"SKP lain di unit itu '{value}'; yang dipakai '{value}'. Samakan isiannya "
                    "atau tetapkan dengan --capaian.",
                    path=path,
                    field=f"EVAL_{periode.name if periode else ''}_CAPAIAN_ORGANISASI",
                )
            )
    for unit, value in override.items():
        chosen.setdefault(unit, value)
    return chosen, findings


def _ringkasan(
    units: Sequence[str],
    counted: Counter[tuple[object, object]],
    capaian: Mapping[str, str],
    pola: PolaDistribusi | None,
    minimal: int,
) -> tuple[pd.DataFrame, dict[str, dict[str, int]], list[Finding]]:
    predikat = [p.value for p in Predikat]
    distribusi: dict[str, dict[str, int]] = {}
    rows = []
    findings: list[Finding] = []
    agency = capaian.get(INSTANSI) or _most_common(capaian[u] for u in units if capaian.get(u))
    # The counted rows by (unit, predikat) (an agency of 50,000 has 150 units).
    by_unit: dict[str, dict[str, int]] = defaultdict(dict)
    for (unit_key, label), n in counted.items():
        by_unit[str(unit_key)][str(label)] = n
    overall = {p: sum(c.get(p, 0) for c in by_unit.values()) for p in predikat}
    for unit in [*units, INSTANSI]:
        found = overall if unit == INSTANSI else by_unit.get(unit, {})
        counts = {p: found.get(p, 0) for p in predikat}
        value = agency if unit == INSTANSI else capaian.get(unit, "")
        if unit != INSTANSI and 0 < sum(counts.values()) < minimal:
            status, note = (
                TANPA_POLA,
                (
                    f"Hanya {sum(counts.values())} pegawai (kurang dari {minimal}): pola "
                    "distribusi tidak dibandingkan; mereka dihitung di baris instansi."
                ),
            )
        else:
            status, note = _pola(unit, value, counts, pola, findings)
        distribusi[unit] = counts
        rows.append(
            {
                Ringkasan.unit_kerja: unit,
                Ringkasan.capaian_organisasi: value,
                **counts,
                Ringkasan.jumlah: sum(counts.values()),
                Ringkasan.pola_distribusi: status,
                Ringkasan.keterangan: note,
            }
        )
    return pd.DataFrame(rows, columns=list(kolom(Ringkasan))), distribusi, findings


def _most_common(values: Iterable[str]) -> str:
    found = Counter(values).most_common(1)
    return found[0][0] if found else ""


def _pola(
    unit: str,
    capaian: str,
    counts: Mapping[str, int],
    pola: PolaDistribusi | None,
    findings: list[Finding],
) -> tuple[str, str]:
    if not capaian:
        note = "Capaian kinerja organisasi belum diisi; pola distribusi tidak dibandingkan."
        return TANPA_POLA, note
    try:
        normalize_capaian_organisasi(capaian)
        tally: dict[object, int] = dict(counts.items())
        results = periksa_pola_distribusi(capaian, tally, pola)
    except InvalidValueError as error:
        return TANPA_POLA, error.message
    if not results:
        return TANPA_POLA, "Belum ada predikat pada periode ini."
    notes = []
    for result in results:
        mark = "✓" if result.terpenuhi else "✗"
        unit_text = " pegawai" if result.aturan.jenis.value.endswith("jumlah") else "%"
        notes.append(
            f"{mark} {result.aturan.keterangan} (angka {format_angka(result.angka)}{unit_text}; "
            f"batas {result.batas_teks})"
        )
        if not result.terpenuhi:
            findings.append(result.finding(unit_kerja=unit))
    ok = all(r.terpenuhi for r in results)
    return (SESUAI if ok else TIDAK_SESUAI), " ".join(notes)
