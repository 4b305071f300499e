"""What the summary workbook is made of: the consolidation's tables and their columns.

The consolidation hands over pandas DataFrames, whose columns :mod:`.skema` names; this
module checks the ones the writer relies on and turns cells into the plain values openpyxl
writes (``str``, ``int``, ``float`` or ``None`` for a blank).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from skp_xl.domain.pola_distribusi import PolaDistribusi
from skp_xl.errors import SummaryDataError
from skp_xl.summary.links import Link
from skp_xl.summary.skema import (
    PREDIKAT_COLUMNS,
    TIDAK,
    YA,
    Pegawai,
    Ringkasan,
    Temuan,
    kolom,
)

Cell = str | int | float | None
"""A value as written to a cell; ``None`` is a blank cell."""

UNIT_KERJA = Ringkasan.unit_kerja
CAPAIAN_ORGANISASI = Ringkasan.capaian_organisasi
JUMLAH = Ringkasan.jumlah
POLA_DISTRIBUSI = Ringkasan.pola_distribusi
KETERANGAN = Ringkasan.keterangan
PREDIKAT = Pegawai.predikat
PERIODE = Pegawai.periode
NIP = Pegawai.nip
BERKAS = Temuan.berkas
SHEET = Temuan.sheet
SEL = Temuan.sel


def persen_column(predikat: str) -> str:
    """The header of a predikat's percentage column in the Ringkasan table."""
    return f"% {predikat}"


PERSEN_COLUMNS: tuple[str, ...] = tuple(persen_column(p) for p in PREDIKAT_COLUMNS)

RINGKASAN_INPUT_COLUMNS: tuple[str, ...] = kolom(Ringkasan)
"""Columns ``SummaryData.ringkasan`` must have (in any order): the Ringkasan model's."""

ATURAN_DILANGGAR = "Aturan yang Dilanggar"
"""The Ringkasan sheet's column of the guideline rules a unit breaks, in words (the
``✗`` parts of its ``Keterangan``)."""

_AFTER_JUMLAH = RINGKASAN_INPUT_COLUMNS.index(JUMLAH) + 1
_AFTER_POLA = RINGKASAN_INPUT_COLUMNS.index(POLA_DISTRIBUSI) + 1
RINGKASAN_COLUMNS: tuple[str, ...] = (
    *RINGKASAN_INPUT_COLUMNS[:_AFTER_JUMLAH],
    *PERSEN_COLUMNS,
    *RINGKASAN_INPUT_COLUMNS[_AFTER_JUMLAH:_AFTER_POLA],
    ATURAN_DILANGGAR,
    *RINGKASAN_INPUT_COLUMNS[_AFTER_POLA:],
)
"""Columns of the Ringkasan sheet's table, in order; the percentages are formulas and the
rules broken are taken out of ``Keterangan``."""


class TabelBagian(Protocol):
    """A large table handed over compactly and read a part at a time
    (``skp_xl.batch.tabel.Tabel``): the consolidation's Pegawai table of every period, of
    which the Angka Kredit sheet reads the JF's rows only, and its Cascading table, whose
    rows are taken a slice at a time."""

    def __len__(self) -> int:
        """The number of rows."""
        ...

    @property
    def columns(self) -> Sequence[Hashable]:
        """The column labels, in order."""
        ...

    def kolom(self, labels: Sequence[Hashable]) -> pd.DataFrame:
        """These columns, every row."""
        ...

    def baris(
        self, rows: np.ndarray | Sequence[int], labels: Sequence[Hashable] | None = None
    ) -> pd.DataFrame:
        """The rows at these positions (or where a boolean mask is true), of these
        columns (all by default)."""
        ...

    def faktor(self, label: Hashable) -> tuple[np.ndarray, list[object]]:
        """A column as each row's code into its distinct values (-1: blank) and those
        values, none decoded per row."""
        ...


class BagianFrame:
    """A DataFrame read as a table held compactly is read (:class:`TabelBagian`), so that
    the summary reads a caller's frames and the consolidation's held tables one way."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self._frame = frame

    def __len__(self) -> int:
        return len(self._frame)

    @property
    def columns(self) -> Sequence[Hashable]:
        """The column labels, in order."""
        return list(self._frame.columns)

    def kolom(self, labels: Sequence[Hashable]) -> pd.DataFrame:
        """These columns, every row."""
        return self._frame[list(labels)].reset_index(drop=True)

    def baris(
        self, rows: np.ndarray | Sequence[int], labels: Sequence[Hashable] | None = None
    ) -> pd.DataFrame:
        """The rows at these positions (or where a boolean mask is true), of these
        columns (all by default)."""
        positions = np.asarray(rows)
        if positions.dtype == bool:
            positions = np.flatnonzero(positions)
        frame = self._frame.iloc[positions.astype(np.int64, copy=False)]
        if labels is not None:
            frame = frame[list(labels)]
        return frame.reset_index(drop=True)

    def faktor(self, label: Hashable) -> tuple[np.ndarray, list[object]]:
        """A column as each row's code into its distinct values (-1: blank) and those
        values (``pd.factorize``)."""
        codes, uniques = pd.factorize(self._frame[label], use_na_sentinel=True)
        return codes, list(uniques)


def bagian(table: pd.DataFrame | TabelBagian, headers: Sequence[str] = ()) -> TabelBagian:
    """``table`` as a :class:`TabelBagian`: a DataFrame through :class:`BagianFrame`, its
    columns named ``headers`` when given (its labels as :func:`headers_of` makes them
    text, as the sheets name them)."""
    if not isinstance(table, pd.DataFrame):
        return table
    if headers and len(headers) == len(table.columns):  # (no columns: the default ones)
        table = table.set_axis(list(headers), axis=1)
    return BagianFrame(table)


def _empty() -> pd.DataFrame:
    return pd.DataFrame()


@dataclass(frozen=True, eq=False, kw_only=True)
class SummaryData:
    """Everything the summary workbook shows, as the consolidation computed it.

    Frames are read, never modified; their index is ignored.

    Attributes:
        judul: Title line of the Ringkasan sheet, e.g. "Rekapitulasi SKP Dinas X".
        periode: The evaluation period summarised, as the Pegawai table's ``Periode``
            column names it (``"Akhir"``, ``"Triwulan I"``...).
        ringkasan: One row per unit kerja and, last, one row for the whole agency.
            Columns :data:`RINGKASAN_INPUT_COLUMNS` (head counts per predikat and their
            ``Jumlah``); percentage columns named ``"% <predikat>"`` may be present and
            are replaced by live formulas. Other columns are refused.
        pegawai: One row per pegawai and period; columns decided by the caller (the
            consolidation's are :data:`~skp_xl.summary.skema.PEGAWAI_COLUMNS`).
            ``Unit Kerja`` and ``Predikat`` are needed when there are rows (the PivotTable
            counts them); ``NIP`` is written as text; ``Berkas`` paths become hyperlinks.
            A DataFrame, or held compactly (:class:`TabelBagian`, decoded a slice at a
            time).
        temuan: Every finding, columns :data:`~skp_xl.summary.skema.TEMUAN_COLUMNS`;
            ``Berkas`` links to the file and, with ``Sheet`` and ``Sel``, to the cell.
        cascading: Any columns, written as an Excel Table (``Berkas`` paths become links);
            a DataFrame, or held compactly (:class:`TabelBagian`: its rows are taken a
            slice at a time, never the whole frame at once).
        pivot_filters: Report filters of the PivotTable: a Pegawai column and the one value
            the Ringkasan counted, e.g. ``{"Periode": "Akhir", "Dihitung": "Ya"}``, so the
            PivotTable counts what the Ringkasan counts. ``None`` (the default) filters
            ``Periode`` on :attr:`periode` when the Pegawai table has that column; a value
            absent from the column leaves its filter at "(Semua)".
        semua_periode: The Pegawai table with every rated period, for the Angka Kredit
            sheet (the periods and the annual total), as a DataFrame or held compactly
            (:class:`TabelBagian`: only the rows the sheet uses are decoded); None when
            ``pegawai`` holds them.
        akar: The consolidated folder: ``Berkas`` cells show their path relative to it
            (the name at the end stays readable), their links stay relative to the
            summary. ``None`` shows each path as given.
        pola: The pola distribusi guideline the Kurva sheet draws as a band; the shipped
            SE MenPANRB 3/2023 one when ``None``.
    """

    judul: str
    periode: str
    ringkasan: pd.DataFrame
    pegawai: pd.DataFrame | TabelBagian
    temuan: pd.DataFrame = field(default_factory=_empty)
    cascading: pd.DataFrame | TabelBagian = field(default_factory=_empty)
    pivot_filters: Mapping[str, str] | None = None
    semua_periode: pd.DataFrame | TabelBagian | None = None
    akar: Path | None = None
    pola: PolaDistribusi | None = None


def headers_of(
    frame: pd.DataFrame | TabelBagian, what: str, default: Sequence[str] = ()
) -> tuple[str, ...]:
    """The column headers of ``frame`` as text, or ``default`` when it has no columns.

    Raises:
        SummaryDataError: A header is blank or repeated (an Excel Table refuses both).
    """
    if len(frame.columns) == 0:
        return tuple(default)
    labels = (cell_value(column) for column in frame.columns)
    headers = tuple("" if label is None else str(label).strip() for label in labels)
    if "" in headers:
        raise SummaryDataError(f"{what}: a column has a blank header: {list(frame.columns)!r}")
    folded = [h.casefold() for h in headers]
    repeated = sorted({h for h, key in zip(headers, folded, strict=True) if folded.count(key) > 1})
    if repeated:  # an Excel Table compares its headers case-insensitively
        raise SummaryDataError(f"{what}: repeated column headers {repeated!r}")
    return headers


def require_columns(headers: Sequence[str], required: Sequence[str], what: str) -> None:
    """Refuse a frame that lacks one of the ``required`` columns.

    Raises:
        SummaryDataError: The message lists the missing columns.
    """
    missing = [column for column in required if column not in headers]
    if missing:
        raise SummaryDataError(f"{what}: missing column(s) {missing!r}; it has {list(headers)!r}")


def cell_value(value: object) -> Cell:
    """The value to write for one DataFrame cell.

    Blanks (``None``, NaN, ``pd.NA``, NaT, empty text) become ``None``; numpy scalars and
    ``Decimal`` become ``int``/``float``; dates become ISO text (``2025-12-31``) so the
    PivotTable cache stays text and numbers; booleans become "Ya"/"Tidak"; anything else
    becomes its text (an enum member its value), without the control characters XML
    cannot hold (openpyxl reads ``_x000B_`` escapes back as such characters).
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return YA if value else TIDAK
    item = getattr(value, "item", None)
    if callable(item) and not isinstance(value, str | bytes):  # numpy scalar
        value = item()
        if isinstance(value, bool):
            return YA if value else TIDAK
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float | Decimal):
        number = float(value)
        if not math.isfinite(number):
            return None
        return int(number) if isinstance(value, Decimal) and number.is_integer() else number
    if isinstance(value, dt.datetime | dt.date):
        if isinstance(value, dt.datetime) and value.time() != dt.time():
            return value.isoformat(sep=" ")
        return value.strftime("%Y-%m-%d")
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text if text.strip() else None


def nip_text(value: Cell) -> Cell:
    """A NIP as text, also when the caller passed it as a number (18 digits, no ".0")."""
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    if isinstance(value, int | float):
        return str(value)
    return value


def rows_of(frame: pd.DataFrame, headers: Sequence[str]) -> list[list[Cell]]:
    """The cells of ``frame`` row by row, normalised by :func:`cell_value`.

    Columns named ``NIP`` are made text (:func:`nip_text`). A text column's equal values
    become one value, normalised once: a large summary's units, periods, files and NIPs
    repeat on many rows, and each cell read from a pandas string column would otherwise
    be a text of its own (benchmarks/README.md, bench_memori.py). Other columns are read
    cell by cell (an object column's ``1`` and ``True`` are equal keys, not equal cells).
    """
    if len(frame.columns) == 0:
        return []
    columns = [
        cells_of(series, text=headers[index] == NIP)
        for index, (_, series) in enumerate(frame.items())
    ]
    return [list(row) for row in zip(*columns, strict=True)]


def cells_of(series: pd.Series, *, text: bool = False) -> list[Cell]:
    """One column's cells, as :func:`rows_of` makes them (``text``: a NIP column)."""
    if isinstance(series.dtype, pd.StringDtype):
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
        values = cells_of_values(uniques, text=text)
        return [values[code] for code in codes.tolist()]
    cells = [cell_value(value) for value in series]
    return [nip_text(value) for value in cells] if text else cells


def cells_of_values(values: Iterable[object], *, text: bool = False) -> list[Cell]:
    """The cell of each of a column's distinct ``values``, then ``None``: a blank's, whose
    code is -1 (``text``: a NIP column)."""
    cells = [cell_value(value) for value in values] + [None]
    return [nip_text(cell) for cell in cells] if text else cells


POTONGAN_BARIS = 10_000
"""Rows of a big sheet made at a time (:class:`Bertahap`): small beside the 388,515
Cascading rows of 100,000 files, large enough that a slice's own cost is spread thin.
Slices of 50,000 raised the Pegawai sheet's step by 118 MiB at 100,000 files, slices of
10,000 by none (bench_memori.py), in the same time."""

Potongan = tuple[Sequence[Sequence[Cell]], Sequence[Link | None]]
"""A slice of a big sheet's rows, as shown, and each row's ``Berkas`` link."""


@dataclass(frozen=True, slots=True)
class Bertahap:
    """A big sheet's rows, made a slice at a time each time they are walked, so that
    they are never all in memory: the Cascading sheet of 100,000 files has 388,515 rows,
    about 100 MB as lists of cells (benchmarks/bench_memori.py). XlsxWriter's writer
    walks them twice (the columns' widths, then the cells); openpyxl's takes them whole
    (:meth:`semua`), for the small summaries it writes.

    Attributes:
        jumlah: How many rows.
        buat: A new walk over the slices, in order; given false, the slices' links may
            be left out (empty): the widths' walk does not need them.
    """

    jumlah: int
    buat: Callable[[bool], Iterator[Potongan]]

    def __len__(self) -> int:
        return self.jumlah

    def semua(self) -> tuple[list[Sequence[Cell]], list[Link | None]]:
        """Every row and link, as lists."""
        rows: list[Sequence[Cell]] = []
        links: list[Link | None] = []
        for part, part_links in self.buat(True):
            rows.extend(part)
            links.extend(part_links)
        return rows, links


class KolomTabel:
    """The cells of a held table's first rows, a column at a time, as :func:`rows_of`
    makes them: the PivotTable's source (:func:`.pivot.add_pivot`), which counts a column
    at a time, without every row's list of cells."""

    def __init__(self, table: TabelBagian, headers: Sequence[str], limit: int) -> None:
        self._table = table
        self._headers = tuple(headers)
        self._rows = np.arange(min(len(table), limit))

    def __len__(self) -> int:
        return len(self._rows)

    def column(self, index: int) -> list[Cell]:
        """Column ``index``'s cells."""
        header = self._headers[index]
        frame = self._table.baris(self._rows, [header])
        return cells_of(frame[header], text=header == NIP)

    def kode(self, index: int) -> tuple[np.ndarray, list[Cell]] | None:
        """Column ``index`` as each row's code (-1: blank) and the cell of each code (the
        last: a blank's), from the held column's distinct values: no row decoded. None
        when a code could stand for unequal cells (an object column's ``1`` and ``True``
        are one value to ``pd.factorize``, two cells): ask :meth:`column` then."""
        header = self._headers[index]
        codes, uniques = self._table.faktor(header)
        flags = {isinstance(u, bool) for u in uniques if isinstance(u, int | float)}
        if len(flags) > 1:
            return None
        return codes[: len(self._rows)], cells_of_values(uniques, text=header == NIP)


def lepaskan() -> None:
    """Give back to the system what pyarrow's allocator kept of the arrays let go.

    mimalloc (pyarrow's default pool) keeps freed memory for Arrow's next arrays, and the
    Python objects that are made next cannot use it: a 311 MiB Pegawai frame (100,000
    files) stayed resident under the cascading check's rows until this was called. Called
    once a large table is let go; it costs a few milliseconds."""
    pa.default_memory_pool().release_unused()
