"""Where a consolidation keeps its per-file results: in memory, or past
:data:`DI_DISK_SEJAK` files in a temporary file, so that the consolidating process's memory
does not grow with the number of files (issue 15: under 1 GiB at 100,000 files).

A result is a few KiB in memory (its identity, every rated period with the cell of each
value, its plans for the cascading check, its findings): 0.55 GiB at 100,000 files, held
from the first file read until the summary is written. On disk it is its pickle (about
2.5 KB), read back when a rule passes over the files: each pass over 100,000 results
costs about 5 seconds of unpickling, against the twenty minutes and more their reading
takes. The rules that run over the results (:func:`~skp_xl.batch.konsolidasi.rangkum`)
keep only what they need from each, never the results themselves.

Exports stay in memory: they are few (one file may hold 50,000 rows), their rows are read
column by column many times, and replacing a damaged NIP in one
(:meth:`Gudang.ganti`) needs no rewrite of the file.
"""

from __future__ import annotations

import errno
import mmap
import pickle
import tempfile
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import IO, Any, Generic, TypeVar, overload

from skp_xl.batch.berkas import HasilBerkas, Kamus
from skp_xl.domain.errors import SkpError

DI_DISK_SEJAK = 20_000
"""Files from which the results wait in a temporary file instead of memory."""

_V = TypeVar("_V")

_KOSONG = -1
"""The place of a result not (yet) stored, or stored in memory."""


class GudangGagal(SkpError, OSError):
    """The results' temporary file could not be made or written (a full disk, no right
    to write in the temporary folder): an ``OSError`` naming that folder, so the user is
    told which disk to free or which folder to choose (``TMPDIR``)."""

    @property
    def pesan(self) -> str:
        """What to tell the user, in Indonesian: where, why, and what to do."""
        sebab = {
            errno.ENOSPC: "disk penuh",
            errno.EACCES: "tidak ada izin menulis",
            errno.EPERM: "tidak ada izin menulis",
            getattr(errno, "EDQUOT", -1): "kuota disk habis",
        }.get(self.errno or 0, self.strerror or "galat sistem")
        return (
            f"Hasil pembacaan tidak dapat disimpan sementara di '{self.filename}' ({sebab}). "
            "Kosongkan ruang di folder itu, atau arahkan variabel lingkungan TMPDIR (Windows: "
            "TEMP) ke folder di disk lain, lalu ulangi."
        )


@contextmanager
def _menulis() -> Iterator[None]:
    """Writing to the temporary folder: an ``OSError`` there (a full disk, no right to
    write) raised as :class:`GudangGagal`, naming the folder."""
    try:
        yield
    except OSError as error:
        raise GudangGagal(error.errno, error.strerror, tempfile.gettempdir()) from error


def _berkas_sementara(awalan: str) -> IO[bytes]:
    """A temporary file, unlinked at once: nothing is left behind, whatever ends the
    process.

    Raises:
        GudangGagal: The temporary folder cannot be written.
    """
    with _menulis():
        return tempfile.TemporaryFile(prefix=awalan)


class _Acar:
    """Pickles appended to a temporary file (made with the first), each read back by its
    place: what :class:`Gudang` and :class:`Simpanan` keep on disk."""

    def __init__(self, awalan: str) -> None:
        self._awalan = awalan
        self.berkas: IO[bytes] | None = None
        self._ujung = 0

    def taruh(self, nilai: object) -> tuple[int, int]:
        """Append ``nilai``'s pickle; its place (start, length).

        Raises:
            GudangGagal: The temporary folder cannot be written.
        """
        data = pickle.dumps(nilai, protocol=pickle.HIGHEST_PROTOCOL)
        if self.berkas is None:
            self.berkas = _berkas_sementara(self._awalan)
        with _menulis():
            # seek and write, not os.pwrite: Windows (the add-in's) has no pwrite/pread.
            self.berkas.seek(self._ujung)
            self.berkas.write(data)
        awal = self._ujung
        self._ujung += len(data)
        return awal, len(data)

    def ambil(self, awal: int, panjang: int) -> Any:
        """The value whose pickle is at ``awal``, ``panjang`` bytes."""
        assert self.berkas is not None
        self.berkas.seek(awal)
        return pickle.loads(self.berkas.read(panjang))

    def tutup(self) -> None:
        """Let go of the file (its values are gone)."""
        if self.berkas is not None:
            self.berkas.close()
            self.berkas = None


def dipetakan(tulis: Callable[[IO[bytes]], None], awalan: str) -> mmap.mmap:
    """What ``tulis`` writes into a temporary file, mapped read-only: its pages are the
    file's, which the system may drop and read again, not this process's own memory;
    :func:`lepas_halaman` drops those read so far. The file is unlinked at once, and gone
    once the map is.

    Raises:
        GudangGagal: The temporary folder cannot be written (full, or no right to).
    """
    with _berkas_sementara(awalan) as berkas:
        with _menulis():
            tulis(berkas)
            berkas.flush()
            if not berkas.tell():
                berkas.write(b"\0")  # nothing to map in an empty file
                berkas.flush()
        return mmap.mmap(berkas.fileno(), 0, access=mmap.ACCESS_READ)


def lepas_halaman(peta: mmap.mmap) -> None:
    """Drop the pages of ``peta`` this process holds (read again from the file when next
    touched), where the system allows it (Linux; elsewhere they stay until the system
    needs them)."""
    if hasattr(peta, "madvise") and hasattr(mmap, "MADV_DONTNEED"):
        peta.madvise(mmap.MADV_DONTNEED)


class Simpanan(Mapping[str, _V], Generic[_V]):
    """Values by key, the last given for each key kept: in memory, or (``di_disk``) each
    pickled in a temporary file and read back when asked for, the last
    :data:`SIMPANAN_TERAKHIR` asked for kept decoded.

    For what a rule looks up across a whole agency's results (the leaders' plans of the
    cascading check: 89 MB of Python objects at 100,000 replicated files, the largest
    thing held while that check ran).
    """

    def __init__(self, isi: Iterable[tuple[str, _V]], *, di_disk: bool) -> None:
        self._memori: dict[str, _V] = {}
        self._letak: dict[str, tuple[int, int]] = {}
        self._terakhir: OrderedDict[str, _V] = OrderedDict()
        self._acar = _Acar("skp-xl-simpanan-")
        if not di_disk:
            self._memori.update(isi)
            return
        for kunci, nilai in isi:
            self._letak[kunci] = self._acar.taruh(nilai)

    def __getitem__(self, kunci: str) -> _V:
        if not self._letak:
            return self._memori[kunci]
        nilai = self._terakhir.get(kunci)
        if nilai is not None:
            self._terakhir.move_to_end(kunci)
            return nilai
        dibaca: _V = self._acar.ambil(*self._letak[kunci])
        self._terakhir[kunci] = dibaca
        if len(self._terakhir) > SIMPANAN_TERAKHIR:
            self._terakhir.popitem(last=False)
        return dibaca

    def __contains__(self, kunci: object) -> bool:
        return kunci in self._letak or kunci in self._memori

    def __iter__(self) -> Iterator[str]:
        return iter(self._letak or self._memori)

    def __len__(self) -> int:
        return len(self._letak or self._memori)

    def tutup(self) -> None:
        """Let go of the values and their temporary file."""
        self._memori.clear()
        self._letak.clear()
        self._terakhir.clear()
        self._acar.tutup()


SIMPANAN_TERAKHIR = 256
"""Values a :class:`Simpanan` on disk keeps decoded, the last asked for: a leader's staff
come together (folder by folder), so their lookups of the leader's plan read it once."""


class Gudang(Sequence[HasilBerkas]):
    """The results of ``jumlah`` files, each stored at its file's index as it arrives
    (in any order), then read in the files' order. Indexes never given a result are left
    out (a file no reader answered for).

    In memory, results share their repeated texts (:class:`~skp_xl.batch.berkas.Kamus`);
    on disk each is its own pickle, and a pass over them makes fresh objects that the pass
    lets go of.
    """

    def __init__(self, jumlah: int, *, di_disk: bool | None = None) -> None:
        self._disk = jumlah >= DI_DISK_SEJAK if di_disk is None else di_disk
        self._memori: list[HasilBerkas | None] = [None] * jumlah
        self._awal = array("q", [_KOSONG]) * jumlah
        self._panjang = array("q", [0]) * jumlah
        self._acar = _Acar("skp-xl-hasil-")
        self._kamus = Kamus()
        self._urutan: array[int] | None = None

    @property
    def di_disk(self) -> bool:
        """Whether the results (exports aside) wait in a temporary file."""
        return self._disk

    def taruh(self, index: int, hasil: HasilBerkas) -> None:
        """Keep ``hasil`` as the result of file ``index``."""
        self._urutan = None
        if not self._disk or hasil.ekspor is not None:
            self._memori[index] = self._kamus.ringkas(hasil)
            self._awal[index] = _KOSONG
            return
        self._awal[index], self._panjang[index] = self._acar.taruh(hasil)
        self._memori[index] = None

    def di_memori(self) -> Iterator[tuple[int, HasilBerkas]]:
        """``(index, result)`` of the results held in memory (all of them, or on disk
        the exports), without reading the others."""
        for at, index in enumerate(self._letak()):
            held = self._memori[index]
            if held is not None:
                yield at, held

    def dengan(self, pengganti: Mapping[int, HasilBerkas]) -> Gudang:
        """These results with those at the indexes of ``pengganti`` (results held in
        memory) replaced: a new sequence sharing the same file; this one is unchanged."""
        places = self._letak()
        other = Gudang.__new__(Gudang)  # not copy.copy: pickling makes it a list
        other.__dict__.update(self.__dict__)
        other._memori = list(self._memori)
        for at, hasil in pengganti.items():
            index = places[at]
            if other._memori[index] is None:
                raise ValueError(f"hasil ke-{at} tersimpan di disk, bukan di memori")
            other._memori[index] = hasil
        return other

    def _letak(self) -> array[int]:
        """The file index of each stored result, in the files' order."""
        if self._urutan is None:
            self._urutan = array(
                "q",
                (
                    i
                    for i, (held, at) in enumerate(zip(self._memori, self._awal, strict=True))
                    if held is not None or at != _KOSONG
                ),
            )
        return self._urutan

    def _ambil(self, index: int) -> HasilBerkas:
        held = self._memori[index]
        if held is not None:
            return held
        result: HasilBerkas = self._acar.ambil(self._awal[index], self._panjang[index])
        return result

    def __len__(self) -> int:
        return len(self._letak())

    @overload
    def __getitem__(self, index: int) -> HasilBerkas: ...

    @overload
    def __getitem__(self, index: slice) -> list[HasilBerkas]: ...

    def __getitem__(self, index: int | slice) -> HasilBerkas | list[HasilBerkas]:
        places = self._letak()
        if isinstance(index, slice):
            return [self._ambil(i) for i in places[index]]
        return self._ambil(places[index])

    def __iter__(self) -> Iterator[HasilBerkas]:
        for index in self._letak():
            yield self._ambil(index)

    def __reduce__(self) -> tuple[type[list[HasilBerkas]], tuple[list[HasilBerkas]]]:
        # Pickled as the list it stands for: its file is this process's own.
        return list, (list(self),)

    def tutup(self) -> None:
        """Let go of the temporary file (the results on disk are gone)."""
        self._acar.tutup()


class Saring(Sequence[HasilBerkas]):
    """The results of ``semua`` for which ``pilih`` holds, found again on each pass (a
    list of them would hold every result at once)."""

    def __init__(self, semua: Sequence[HasilBerkas], pilih: Callable[[HasilBerkas], bool]) -> None:
        self._semua = semua
        self._pilih = pilih
        self._jumlah: int | None = None

    @property
    def sumber(self) -> Sequence[HasilBerkas]:
        """The sequence the results are chosen from (past any view)."""
        return self._semua.sumber if isinstance(self._semua, Saring) else self._semua

    def dengan_indeks(self) -> Iterator[tuple[int, HasilBerkas]]:
        """``(index in sumber, result)`` of the results chosen, in order."""
        found = (
            self._semua.dengan_indeks()
            if isinstance(self._semua, Saring)
            else enumerate(self._semua)
        )
        return ((at, h) for at, h in found if self._pilih(h))

    def __iter__(self) -> Iterator[HasilBerkas]:
        return (h for h in self._semua if self._pilih(h))

    def __len__(self) -> int:
        if self._jumlah is None:
            self._jumlah = sum(1 for _ in self)
        return self._jumlah

    @overload
    def __getitem__(self, index: int) -> HasilBerkas: ...

    @overload
    def __getitem__(self, index: slice) -> list[HasilBerkas]: ...

    def __getitem__(self, index: int | slice) -> HasilBerkas | list[HasilBerkas]:
        # Found by passing over them, never a list of every result chosen.
        chosen = range(len(self))[index]
        if isinstance(chosen, int):
            return next(islice(self, chosen, None))
        wanted = set(chosen)
        found = {at: h for at, h in enumerate(self) if at in wanted}
        return [found[at] for at in chosen]
