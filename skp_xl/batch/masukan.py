"""What a consolidation reads and how: the options (:class:`Opsi`), the engine
(:class:`Mesin`) and the files found under the agency's folder with their content hashes
(:class:`Masukan`, :func:`kumpulkan`).

Kept apart from :mod:`skp_xl.batch.konsolidasi` (which re-exports them) so that a re-run
answered from the result cache (``skp-xl consolidate`` with nothing changed) finds its
files, hashes them and answers without importing pandas, pandera, pyarrow or the summary's
writers: those imports were most of such a run (measured: benchmarks/README.md,
bench_consolidate.py's "Wave 16").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from skp_xl.batch.cache import ciri_jalan, sidik_semua
from skp_xl.batch.cache import sidik as cache_sidik
from skp_xl.batch.cari import temukan
from skp_xl.domain.ekspor import UnitEkspor
from skp_xl.domain.findings import Finding
from skp_xl.domain.pola_distribusi import PolaDistribusi
from skp_xl.domain.rekap import AturanGanda, Periode
from skp_xl.settings import BATAS_DETIK, BATAS_MEMORI, POLA_MINIMAL, TINGKAT_UNIT

if TYPE_CHECKING:
    from skp_xl.batch.berkas import HasilBerkas
    from skp_xl.batch.cache import Cache


class Mesin(StrEnum):
    """What reads the files."""

    PROSES = "proses"
    """Supervised worker processes on this machine (:mod:`skp_xl.batch.pengawas`)."""
    DASK = "dask"
    """A dask.distributed cluster, local or remote (:mod:`skp_xl.batch.klaster`)."""


@dataclass(frozen=True)
class Opsi:
    """How to consolidate.

    Attributes:
        jobs: Reader processes; None for one per core. Every file is read in a
            supervised process (:mod:`skp_xl.batch.pengawas`), even with 1.
        periode: The period the Ringkasan counts; None for the latest rated one.
        nip_ganda: How a NIP found in several workbooks is counted.
        pola: The distribution guideline; None for the shipped SE MenPANRB 3/2023.
        capaian: Capaian kinerja organisasi per unit (folder path, or ``(Instansi)``),
            overriding the workbooks' values.
        batas_detik: Time limit per file.
        batas_memori: Address space one reader process may take, in bytes (None: no cap).
        cache: Keep each file's result and reuse it while the file's bytes (and skp-xl)
            stay the same (:mod:`skp_xl.batch.cache`).
        folder_cache: Where the cache lives (None: the user's cache folder).
        mesin: What reads the files: this machine's supervised pool, or Dask.
        scheduler: With Dask, a running scheduler's address (None: a local cluster of
            ``jobs`` workers).
        tingkat_unit: Folder levels below the root that make a unit (1: each top folder
            is a unit and its subfolders are its sub-units; 0: every folder is a unit).
        pola_minimal: Fewest counted pegawai a unit needs for its distribution to be
            compared with the guideline (a unit of one or two says nothing about a
            distribution); the agency row is always compared.
        unit_ekspor: Which export column is an export row's unit (``skp_unor_induk`` by
            default, its ``skp_unor`` the sub-unit).
    """

    jobs: int | None = None
    periode: Periode | None = None
    nip_ganda: AturanGanda = AturanGanda.TERAKHIR
    pola: PolaDistribusi | None = None
    capaian: Mapping[str, str] = field(default_factory=dict)
    batas_detik: float | None = BATAS_DETIK
    tingkat_unit: int = TINGKAT_UNIT
    pola_minimal: int = POLA_MINIMAL
    batas_memori: int | None = BATAS_MEMORI
    cache: bool = True
    folder_cache: Path | None = None
    mesin: Mesin = Mesin.PROSES
    scheduler: str | None = None
    unit_ekspor: UnitEkspor = UnitEkspor.INDUK


@dataclass(frozen=True)
class Masukan:
    """What a consolidation of ``root`` reads: the files found, in order, the notes on
    files skipped, and each file's content hash (when the result cache is used).

    Taken before reading, so a re-run can be answered from the cache's whole runs
    (:class:`~skp_xl.batch.cache.Jalan`) when nothing in it changed.
    """

    root: Path
    paths: list[Path]
    catatan: list[Finding]
    sidik: list[str | None] | None = None
    tunda: bool = False
    """Whether the hashes are taken as the files are read (:meth:`lengkapi`), not before."""

    def lengkapi(self, hasil: Sequence[HasilBerkas]) -> Masukan:
        """These inputs with the hashes put off (:attr:`tunda`) taken from the results:
        each file's bytes as its reader hashed them (a file read without one, e.g. one
        whose reader died, hashed here)."""
        if not self.tunda:
            return self
        taken = {h.path: h.isi for h in hasil if h.isi}
        hashes = [taken.get(str(p)) or cache_sidik(p) for p in self.paths]
        return replace(self, sidik=hashes, tunda=False)

    def ciri(self, opsi: Opsi, *lain: object) -> str | None:
        """The key of a run over these inputs with ``opsi`` (and ``lain``: what else the
        run's output depends on, e.g. its place), or None without content hashes."""
        if self.sidik is None:
            return None
        # Everything that can change a result; not how it is computed (jobs, engine).
        pilihan = (
            opsi.periode,
            opsi.nip_ganda,
            opsi.pola,
            sorted(opsi.capaian.items()),
            opsi.batas_detik,
            opsi.tingkat_unit,
            opsi.pola_minimal,
            opsi.batas_memori,
            opsi.unit_ekspor,
            [(f.code, f.path, f.message) for f in self.catatan],
            lain,
        )
        names = [str(p) for p in self.paths]
        return ciri_jalan(str(self.root), zip(names, self.sidik, strict=True), repr(pilihan))

    def utuh(self, hasil: Sequence[HasilBerkas]) -> bool:
        """Whether every result was read from the bytes hashed here (no file changed
        between hashing and reading): only then may the run be stored whole."""
        if self.sidik is None:
            return False
        by_path = dict(zip((str(p) for p in self.paths), self.sidik, strict=True))
        return all(not h.isi or h.isi == by_path.get(h.path) for h in hasil)


def kumpulkan(root: Path, opsi: Opsi = Opsi(), cache: Cache | None = None) -> Masukan:
    """Find the files under ``root`` and, when ``opsi`` uses the cache, hash each one;
    unless ``cache`` (the cache the run will use) holds nothing of ``root``
    (:meth:`~skp_xl.batch.cache.Cache.kenal`): then nothing can be found in it, and each
    file's hash is the one its reader takes (:meth:`Masukan.lengkapi`), which spares a
    first run over a folder (on a network share, above all) reading every file twice."""
    paths, notes = temukan(root)
    if not opsi.cache or (cache is not None and not cache.kenal(str(root))):
        return Masukan(root, paths, notes, None, tunda=opsi.cache)
    return Masukan(root, paths, notes, sidik_semua(paths, opsi.jobs))
