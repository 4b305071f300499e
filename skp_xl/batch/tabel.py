"""A large table held compactly, and made a pandas DataFrame again a part at a time.

The consolidation's Pegawai table has a row per workbook and period: each per-file text
(NIP, name, unit, jabatan, path...) is repeated on every period row, and as pandas holds it
(Arrow ``large_string``) each repeat costs its bytes again: 311 MiB at 100,000 files
(benchmarks/README.md, bench_memori.py). Held here as one Arrow table whose repeated text
columns are dictionary-encoded, the same table takes a fraction of that; what reads it
asks for the columns or rows it uses (:meth:`Tabel.kolom`, :meth:`Tabel.baris`), in
slices (:meth:`Tabel.potongan`), or whole (:meth:`Tabel.frame`), each a DataFrame equal to
the one given (dtypes, blanks, order; a fresh ``RangeIndex``).
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

POTONGAN = 10_000
"""Rows a slice of :meth:`Tabel.potongan` holds (and the consolidation's tables are made
and decoded by): small beside a 100,000-file table, large enough that a slice's own cost
(a DataFrame, a CSV or Parquet write) is spread thin. Slices of 50,000 rows, decoded to
choose the period's rows of a 100,000-file run, were that run's memory peak: 458 MiB,
against 442 with slices of 10,000 (bench_memori.py's "Wave 17")."""


@dataclass(frozen=True)
class _Kolom:
    """How one column comes back: from the Arrow table's ``posisi``-th column as ``dtype``,
    or, for a column Arrow cannot hold as it is (an object column), kept as it was."""

    label: Hashable
    dtype: object
    posisi: int | None = None
    asli: pd.Series | None = None


class Tabel:
    """A DataFrame held as an Arrow table, its repeated texts dictionary-encoded.

    Made by :meth:`dari`; every way back gives the given frame's dtypes and blanks, with a
    ``RangeIndex`` (the consolidation's tables have one; another index is kept and given
    back with the rows).
    """

    def __init__(
        self,
        arrow: pa.Table,
        kolom: Sequence[_Kolom],
        index: pd.Index | None,
        jumlah: int,
        peta: mmap.mmap | None = None,
    ) -> None:
        self._arrow = arrow
        self._kolom = tuple(kolom)
        self._index = index
        self._jumlah = jumlah
        self._peta = peta

    @property
    def di_disk(self) -> bool:
        """Whether the Arrow part is read from a temporary file (:meth:`ke_disk`)."""
        return self._peta is not None

    def ke_disk(self) -> Tabel:
        """This table with its Arrow part written to a temporary file (Arrow IPC, a column
        at a time) and read back mapped, not copied: its pages are the file's, and each of
        :meth:`baris`, :meth:`faktor` and the others drops the pages it read once it has
        made its answer (:func:`~skp_xl.batch.gudang.lepas_halaman`). So the process
        holds only the rows it is decoding: a 100,000-file run's Pegawai and Cascading
        tables were 63 MiB held through the cascading check and the summary
        (bench_memori.py).

        Raises:
            GudangGagal: The temporary folder cannot be written.
        """
        if self._peta is not None:
            return self
        arrow, peta = _ke_disk(self._arrow.columns)
        return Tabel(arrow, self._kolom, self._index, self._jumlah, peta)

    def _lepas(self) -> None:
        """Drop the pages of the mapped file read so far (see :meth:`ke_disk`)."""
        if self._peta is not None:
            from skp_xl.batch.gudang import lepas_halaman

            lepas_halaman(self._peta)

    @classmethod
    def dari(cls, frame: pd.DataFrame, *, ke_disk: bool = False) -> Tabel:
        """``frame`` held compactly: each column pandas stores as Arrow (text, ``Int64``,
        ``Float64``...) as an Arrow array, a text column dictionary-encoded where that is
        smaller; any other column (object, numpy) kept as it is. ``ke_disk``: the Arrow
        part then goes to disk (:meth:`ke_disk`).

        Raises:
            ValueError: Two columns share a label (each is asked for by its label).
            GudangGagal: ``ke_disk``, and the temporary folder cannot be written.
        """
        if not frame.columns.is_unique:
            raise ValueError(f"repeated column labels: {list(frame.columns)!r}")
        arrays: list[pa.ChunkedArray | pa.Array] = []
        kolom: list[_Kolom] = []
        for label, series in frame.items():
            dtype = series.dtype
            array = _arrow(series)
            if array is None:
                kolom.append(_Kolom(label, dtype, asli=series.reset_index(drop=True)))
                continue
            kolom.append(_Kolom(label, dtype, posisi=len(arrays)))
            arrays.append(array)
        default = isinstance(frame.index, pd.RangeIndex) and frame.index.equals(
            pd.RangeIndex(len(frame))
        )
        names = [str(i) for i in range(len(arrays))]
        held = cls(
            pa.table(arrays, names=names), kolom, None if default else frame.index, len(frame)
        )
        return held.ke_disk() if ke_disk else held

    @classmethod
    def sambung(cls, bagian: Sequence[Tabel], *, ke_disk: bool = False) -> Tabel:
        """The tables one after another: what :meth:`dari` of the frames they were made
        from concatenated (``pd.concat(..., ignore_index=True)``) gives back, joined a
        column at a time (:func:`_bersambung`): no frame of every row is made.

        A text column pandas held as Arrow strings in some parts and as Python strings in
        others (made from values not all text) is held as pandas' own text dtype, as
        ``pd.array(..., dtype="string")`` of every row would make it.

        ``ke_disk``: the joined table is :meth:`ke_disk`'s, each column written to the
        file as soon as it is joined, a chunk (and a dictionary) a part as the parts had
        them, the parts' pages dropped after each (where they are on disk too): never
        the whole table in memory, nor the parts and it at once. Its rows are then taken
        a chunk at a time (:func:`_ambil`).

        Raises:
            ValueError: No parts, or parts of other columns or with their own index.
            GudangGagal: ``ke_disk``, and the temporary folder cannot be written.
        """
        if not bagian:
            raise ValueError("no tables to join")
        labels = bagian[0].columns
        if any(t.columns != labels or t._index is not None for t in bagian):
            raise ValueError("tables of other columns, or with their own index")
        joined: list[tuple[Hashable, list[pa.ChunkedArray]]] = []
        kolom: list[_Kolom] = []
        for label in labels:
            items = [t._cari(label) for t in bagian]
            dtypes = {item.dtype for item in items}
            dtype = items[0].dtype
            if len(dtypes) > 1:
                if not all(isinstance(d, pd.StringDtype) for d in dtypes):
                    raise ValueError(f"column {label!r} has other dtypes in other parts")
                dtype = pd.StringDtype()
            if any(item.posisi is None for item in items):
                series = pd.concat(
                    [pd.Series(t.kolom([label])[label]) for t in bagian], ignore_index=True
                )
                kolom.append(_Kolom(label, series.dtype, asli=series))
                continue
            columns = []
            for table, item in zip(bagian, items, strict=True):
                assert item.posisi is not None
                columns.append(table._arrow.column(item.posisi))
            kolom.append(_Kolom(label, dtype, posisi=len(joined)))
            joined.append((label, columns))

        def lepas() -> None:
            for table in bagian:
                table._lepas()

        def arrays() -> Iterator[pa.ChunkedArray]:
            for _, columns in joined:
                # On disk, each part's chunk is written as it is, with its own
                # dictionary (and read back one mapped chunk a part): their dictionaries
                # unified to make one chunk held +43 MiB in Arrow's allocator, the
                # Cascading table's peak at 100,000 files.
                array = _bersambung(columns, satu=not ke_disk)
                columns.clear()
                lepas()
                yield array

        jumlah = sum(len(t) for t in bagian)
        names = [str(i) for i in range(len(joined))]
        if ke_disk:
            # The parts' pages dropped after each chunk is written, not each column.
            arrow, peta = _ke_disk(arrays(), sesudah=lepas)
            return cls(arrow, kolom, None, jumlah, peta)
        return cls(pa.table(list(arrays()), names=names), kolom, None, jumlah)

    def __len__(self) -> int:
        return self._jumlah

    @property
    def columns(self) -> list[Hashable]:
        """The column labels, in order."""
        return [k.label for k in self._kolom]

    @property
    def nbytes(self) -> int:
        """The bytes the Arrow part holds (the columns kept as they were not counted)."""
        return int(self._arrow.nbytes)

    def frame(self) -> pd.DataFrame:
        """The whole table, as it was given."""
        return self._buat(None, self.columns)

    def kolom(self, labels: Sequence[Hashable]) -> pd.DataFrame:
        """These columns, every row."""
        return self._buat(None, labels)

    def baris(
        self, rows: np.ndarray | Sequence[int], labels: Sequence[Hashable] | None = None
    ) -> pd.DataFrame:
        """The rows at these positions (or where a boolean mask is true), in that order,
        of these columns (all by default): only they are decoded."""
        positions = np.asarray(rows)
        if positions.dtype == bool:
            positions = np.flatnonzero(positions)
        return self._buat(positions.astype(np.int64, copy=False), labels or self.columns)

    def faktor(self, label: Hashable) -> tuple[np.ndarray, list[object]]:
        """A column as each row's code into its distinct values (-1: blank) and those
        values, as ``pd.factorize`` gives them (in another order, maybe), from the held
        dictionary: no value decoded per row. The Angka Kredit sheet picks the JF rows
        of every period so (500,000 rows at 100,000 files, a few hundred jabatan)."""
        item = self._cari(label)
        if item.posisi is None:
            assert item.asli is not None
            codes, uniques = pd.factorize(item.asli, use_na_sentinel=True)
            return codes, list(uniques)
        column = self._arrow.column(item.posisi)
        if column.num_chunks > 1:
            codes, values = _faktor_potongan(column)
            del column
            self._lepas()
            return codes, values
        if not pa.types.is_dictionary(column.type):
            column = pc.dictionary_encode(column)
        column = _satu(column.unify_dictionaries()) if column.num_chunks else column
        if not column.num_chunks:
            return np.zeros(0, dtype=np.int64), []
        chunk = column.chunk(0)
        codes = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
        values = chunk.dictionary.to_pylist()
        del column, chunk
        self._lepas()
        return codes, values

    def potongan(self, size: int | None = None) -> Iterator[pd.DataFrame]:
        """The table in slices of ``size`` rows (:data:`POTONGAN` by default), in order
        (one empty slice for no rows)."""
        size = size or POTONGAN
        if not len(self):
            yield self._buat(np.arange(0), self.columns)
            return
        for start in range(0, len(self), size):
            yield self._buat(np.arange(start, min(start + size, len(self))), self.columns)

    def _cari(self, label: Hashable) -> _Kolom:
        for item in self._kolom:
            if item.label == label:
                return item
        raise KeyError(label)

    def _buat(self, positions: np.ndarray | None, labels: Sequence[Hashable]) -> pd.DataFrame:
        """The frame of these rows (None: all) and columns, each column as it was given."""
        index = self._index
        if index is not None and positions is not None:
            index = index.take(positions)
        length = len(self) if positions is None else len(positions)
        data: dict[Hashable, object] = {}
        for label in labels:
            item = self._cari(label)
            if item.posisi is None:
                assert item.asli is not None
                series = item.asli if positions is None else item.asli.take(positions)
                data[label] = series.reset_index(drop=True).array
                continue
            column = self._arrow.column(item.posisi)
            if positions is not None:
                column = _ambil(column, positions)
            data[label] = _pandas(column, item.dtype)
            del column
            # A column's pages dropped once it is decoded: rows taken from all over a
            # table on disk read most of its pages, every column's before the last's
            # were the 100,000-file summary's peak (+25 MiB, bench_memori.py's "Wave 18").
            self._lepas()
        frame = pd.DataFrame(data, index=pd.RangeIndex(length), columns=list(labels))
        if index is not None:
            frame.index = index
        self._lepas()
        return frame


def _ke_disk(
    columns: Iterable[pa.ChunkedArray], *, sesudah: Callable[[], None] | None = None
) -> tuple[pa.Table, mmap.mmap]:
    """``columns`` written to a temporary file as they come, each as a stream of its own
    in Arrow's IPC stream format (a record batch a chunk, each with its own dictionary:
    the file format allows one), and read back mapped as one table (see
    :meth:`Tabel.ke_disk`). ``sesudah`` is called after each chunk is written (to drop
    the pages it was read from)."""
    from skp_xl.batch.gudang import dipetakan

    letak: list[tuple[int, int]] = []

    def tulis(berkas: IO[bytes]) -> None:
        for column in columns:
            awal = berkas.tell()
            schema = pa.schema([pa.field("0", column.type)])
            with pa.ipc.new_stream(berkas, schema) as writer:
                for chunk in column.chunks:
                    writer.write_batch(pa.record_batch([chunk], schema=schema))
                    if sesudah is not None:
                        sesudah()
            del column
            ujung = berkas.tell()
            letak.append((awal, ujung - awal))
            berkas.write(bytes(-ujung % _RATA))  # each column's buffers aligned

    peta = dipetakan(tulis, "skp-xl-tabel-")
    isi = pa.py_buffer(peta)
    mapped = [
        pa.ipc.open_stream(isi.slice(awal, panjang)).read_all().column(0) for awal, panjang in letak
    ]
    return pa.table(mapped, names=[str(i) for i in range(len(mapped))]), peta


_RATA = 64
"""Where each column's part of a table's file starts: at a multiple of this, as Arrow
aligns its buffers, so that they are read in place."""


def _arrow(series: pd.Series) -> pa.ChunkedArray | None:
    """A column as held, or None for one to keep as it is.

    Only pandas' extension dtypes that go to Arrow and back by themselves
    (``__arrow_array__``, ``__from_arrow__``) are held: text, ``Int64``, ``Float64``... A
    text column is one chunk, dictionary-encoded when that is the smaller (a per-file text
    repeated on each period's row), its own large strings when not (a row's own note).
    """
    dtype = series.dtype
    values = series.array
    if not hasattr(values, "__arrow_array__") or not hasattr(dtype, "__from_arrow__"):
        return None
    whole = pa.array(values)
    if isinstance(whole, pa.ChunkedArray):
        whole = whole.combine_chunks()
    return _kompak(whole)


def _kompak(whole: pa.Array) -> pa.ChunkedArray:
    """A column's values as held: text dictionary-encoded when that is the smaller."""
    array = pa.chunked_array([whole], type=whole.type)
    if pa.types.is_large_string(array.type) or pa.types.is_string(array.type):
        encoded = pc.dictionary_encode(array).combine_chunks()
        # The narrowest index the dictionary allows: most columns hold a few values.
        narrow = _indeks(len(encoded.dictionary))
        if narrow.bit_width < encoded.type.index_type.bit_width:
            encoded = pa.DictionaryArray.from_arrays(
                encoded.indices.cast(narrow), encoded.dictionary
            )
        if encoded.nbytes < array.nbytes:
            return pa.chunked_array([encoded], type=encoded.type)
    return array


def _bersambung(columns: Sequence[pa.ChunkedArray], *, satu: bool = True) -> pa.ChunkedArray:
    """The parts' columns as one chunk (``satu``; else a chunk a part, see
    :func:`_ambil`), no text decoded where none need be: a dictionary-encoded column's
    parts get one dictionary (their indices widened to hold it) and their indices joined;
    a part not encoded (its texts each its own) makes the encoded parts' texts plain too,
    as do parts of other text types, and they are joined."""
    gabung = _satu if satu else _sendiri
    types = {column.type for column in columns}
    if all(pa.types.is_dictionary(t) for t in types):
        # Wide enough for the dictionaries together: taking rows across chunks unifies
        # them (and refuses an index type the union overflows).
        chunks = [chunk for column in columns for chunk in column.chunks]
        wide = _indeks(sum(len(chunk.dictionary) for chunk in chunks))
        value_types = {t.value_type for t in types}
        if len(value_types) == 1:
            widened = pa.chunked_array(
                [
                    pa.DictionaryArray.from_arrays(chunk.indices.cast(wide), chunk.dictionary)
                    for chunk in chunks
                ],
                type=pa.dictionary(wide, value_types.pop()),
            )
            if not satu:
                # A dictionary a chunk, as the parts had them (one for all, unified,
                # was +43 MiB for the Cascading table's files at 100,000 files).
                return _sendiri(widened)
            # One dictionary for all (small beside the rows), the indices joined.
            return _satu(widened.unify_dictionaries())
    if len(types) > 1:
        plain = []
        for column in columns:
            if pa.types.is_dictionary(column.type):
                column = column.cast(column.type.value_type)
            if pa.types.is_string(column.type):
                column = column.cast(pa.large_string())
            plain.append(column)
        columns = plain
    return gabung(
        pa.chunked_array([c for column in columns for c in column.chunks], type=columns[0].type)
    )


def _indeks(jumlah: int) -> pa.DataType:
    """The narrowest index type of a dictionary of ``jumlah`` values."""
    return next(
        t
        for t in (pa.int8(), pa.int16(), pa.int32(), pa.int64())
        if jumlah <= np.iinfo(t.to_pandas_dtype()).max
    )


def _satu(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """``column`` as one chunk: Arrow's take over several chunks joins them first, a
    copy of the column each time rows are taken; joined here once."""
    return pa.chunked_array([column.combine_chunks()], type=column.type)


def _faktor_potongan(column: pa.ChunkedArray) -> tuple[np.ndarray, list[object]]:
    """:meth:`Tabel.faktor` of a column of several chunks (a table joined on disk), a
    chunk at a time, each value looked up in one dict: a dictionary-encoded chunk's
    values, a plain chunk's cells. The values come in the order Arrow's encoding then
    ``unify_dictionaries`` gives them (the first chunk's, then each next one's new
    ones). They are decoded for the answer anyway; encoding and unifying them in Arrow
    first was +60 MiB at the peak for a 100,000-file summary's file column
    (bench_memori.py's "Wave 18")."""
    index: dict[object, int] = {}
    parts = []
    for chunk in column.chunks:
        if pa.types.is_dictionary(chunk.type):
            values = chunk.dictionary.to_pylist()
            indices = chunk.indices.fill_null(-1).to_numpy(zero_copy_only=False)
        else:
            values = chunk.drop_null().to_pylist()
            indices = np.full(len(chunk), -1)
            indices[chunk.is_valid().to_numpy(zero_copy_only=False)] = np.arange(len(values))
        ke = np.fromiter(
            (index.setdefault(value, len(index)) for value in values), np.int64, len(values)
        )
        indices = indices.astype(np.int64)
        parts.append(np.where(indices < 0, -1, ke[np.maximum(indices, 0)]) if len(ke) else indices)
        del values
    return np.concatenate(parts), list(index)


def _sendiri(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """``column`` as its chunks are (no empty chunk kept)."""
    return pa.chunked_array([c for c in column.chunks if len(c)], type=column.type)


def _ambil(column: pa.ChunkedArray, positions: np.ndarray) -> pa.ChunkedArray:
    """The rows of ``column`` at ``positions``, in that order, as one chunk (a
    dictionary-encoded column's decoded, from several chunks). Over several chunks each
    is taken from by itself: Arrow's take over several chunks joins them first, a copy
    of the whole column (a table joined on disk keeps a chunk a part).

    Raises:
        IndexError: A position outside the column, as Arrow's take raises it.
    """
    if column.num_chunks <= 1:
        return column.take(pa.array(positions, type=pa.int64()))
    if len(positions) and (positions.min() < 0 or positions.max() >= len(column)):
        raise IndexError(f"index out of bounds: {len(column)} rows")
    ends = np.cumsum([len(chunk) for chunk in column.chunks])
    which = np.searchsorted(ends, positions, side="right")
    if len(positions) and which[0] == which[-1] and (which == which[0]).all():
        # One chunk holds them all (a slice of rows, mostly).
        k = int(which[0])
        local = positions - (ends[k] - len(column.chunk(k)))
        return pa.chunked_array([column.chunk(k).take(pa.array(local, type=pa.int64()))])
    order = np.argsort(which, kind="stable")
    bounds = np.searchsorted(which[order], np.arange(column.num_chunks + 1))
    # Dictionary-encoded chunks each keep a dictionary of their own (see _bersambung):
    # their rows are decoded, as _pandas would, not their dictionaries unified (+43 MiB
    # for each slice of the Cascading sheet at 100,000 files).
    kind = column.type.value_type if pa.types.is_dictionary(column.type) else column.type
    pieces = []
    for k in range(column.num_chunks):
        chosen = order[bounds[k] : bounds[k + 1]]
        if len(chosen):
            local = positions[chosen] - (ends[k] - len(column.chunk(k)))
            pieces.append(column.chunk(k).take(pa.array(local, type=pa.int64())).cast(kind))
    grouped = pa.chunked_array(pieces, type=kind).combine_chunks()
    back = np.empty_like(order)
    back[order] = np.arange(len(order))
    return pa.chunked_array([grouped.take(pa.array(back, type=pa.int64()))])


def _pandas(column: pa.ChunkedArray, dtype: object) -> pd.api.extensions.ExtensionArray:
    """A held column back as its pandas array (a text column as the large strings pandas
    made, one chunk)."""
    if pa.types.is_dictionary(column.type):
        column = column.cast(column.type.value_type)
    if column.num_chunks != 1:
        column = _satu(column)
    # Every held dtype has __from_arrow__ (checked by _arrow).
    return dtype.__from_arrow__(column)  # type: ignore[attr-defined,no-any-return]


def potongan(table: Tabel | pd.DataFrame, size: int | None = None) -> Iterator[pd.DataFrame]:
    """``table`` in slices of ``size`` rows (:data:`POTONGAN` by default), in order (one
    empty slice for no rows): a DataFrame's as views of it, a :class:`Tabel`'s each
    decoded when it is reached."""
    size = size or POTONGAN
    if isinstance(table, Tabel):
        yield from table.potongan(size)
        return
    for start in range(0, max(len(table), 1), size):
        yield table.iloc[start : start + size]


def tulis_csv(table: Tabel | pd.DataFrame, path: Path) -> None:
    """Write ``table`` as ``frame.to_csv(path, index=False, encoding="utf-8")`` writes the
    whole frame, byte for byte, a slice at a time (the header with the first): only one
    slice is a DataFrame at once.

    Raises:
        OSError: The file cannot be written.
    """
    # pandas opens a path so too: text, UTF-8, its own line ends (os.linesep) untranslated.
    with path.open("w", encoding="utf-8", newline="") as handle:
        for index, part in enumerate(potongan(table)):
            part.to_csv(handle, index=False, header=index == 0)
