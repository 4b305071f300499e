"""Where a hasil kerja table keeps its cells, found in the workbook itself by one rule.

A table is found by the defined name of its body; its columns by the header row above
the body; its blocks (one rencana hasil kerja each, utama then tambahan) by the cells of
column A merged over a block's rows, so rows inserted inside a block stay in it; and its
sections by the "B. TAMBAHAN" row. Only values and merged ranges are used, so the same
rule works on every reading engine (:class:`~skp_xl.reader.snapshot.Engine`): a file read
with python-calamine, an openpyxl workbook, the workbook open in Excel. Nothing here reads
the form catalog, so a layout the writer got wrong cannot hide behind it; a form
description only names the columns found (:func:`columns_by_key`), for the reader and the
writer alike.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from skp_xl.domain.vocabulary import compact
from skp_xl.forms import text as t
from skp_xl.forms.model import TabelHasilKerja
from skp_xl.reader.snapshot import Snapshot, a1

__all__ = ["HEADER_SEARCH", "Columns", "Table", "columns_by_key", "locate"]

Cell = tuple[str, str]
"""A cell as (sheet title, A1 coordinate without dollars)."""

HEADER_SEARCH = 3
"""Rows above the body searched for the header row (a column-number row "(1) (2) ..."
and a row inserted by hand may stand between them)."""

Columns = dict[str, int]
"""A table's columns by the key of the form's column (``rhk``, ``target_min``...)."""

_COLUMN_NUMBER = re.compile(r"^\(\d+\)$")
# PermenPANRB 8/2021 prints "A. KINERJA UTAMA" and "B. KINERJA TAMBAHAN" (seed 000), and
# "KINERJA UTAMA" alone over the Verifikasi Angka Kredit.
_SECTIONS_2021 = (
    compact("A. KINERJA UTAMA"),
    compact("B. KINERJA TAMBAHAN"),
    compact("KINERJA UTAMA"),
)
_TAMBAHAN = frozenset({compact(t.TAMBAHAN), compact(t.TAMBAHAN_JPT), _SECTIONS_2021[1]})
"""The tambahan section's label: "B. TAMBAHAN", as the Evaluasi JPT (1.2) words it, or 8/2021."""
_SECTIONS = frozenset({compact(t.UTAMA), compact(t.UTAMA_JPT), *_SECTIONS_2021}) | _TAMBAHAN


@dataclass(frozen=True)
class Table:
    """Where a hasil kerja table keeps its cells.

    Attributes:
        sheet: Sheet title.
        top: First row of the body (the "A. UTAMA" row).
        bottom: Last row of the body.
        header_row: Row of the column headers (above the "(1) (2) ..." row, if any).
        columns: Header text, as printed -> its column (merged headers: their first
            column; a header printed twice: the first).
        blocks: First row of each block, utama then tambahan.
        ends: Last row of each block, in the same order.
        utama: How many of the blocks are hasil kerja utama.
        tambahan_row: Row of the "B. TAMBAHAN" label; None when the body has none.
    """

    sheet: str
    top: int
    bottom: int
    header_row: int
    columns: Mapping[str, int]
    blocks: tuple[int, ...]
    ends: tuple[int, ...]
    utama: int
    tambahan_row: int | None

    @property
    def tambahan(self) -> int:
        """How many blocks are hasil kerja tambahan."""
        return len(self.blocks) - self.utama

    @property
    def rows_per_block(self) -> int:
        """Rows of the first block (IKI rows, or the rows of one narrative); 0 without one.

        Every block of a workbook as written has this many rows; use :meth:`rows` for a
        block a person may have grown.
        """
        return len(self.rows(0)) if self.blocks else 0

    def rows(self, block: int) -> range:
        """The rows of ``block`` (0-based, utama first)."""
        return range(self.blocks[block], self.ends[block] + 1)

    def row(self, block: int, offset: int = 0) -> int:
        """Row of line ``offset`` (an IKI, 0-based) of ``block`` (0-based, utama first).

        Raises:
            IndexError: The block has no such line.
        """
        rows = self.rows(block)
        if not 0 <= offset < len(rows):
            raise IndexError(f"offset {offset} outside a block of {len(rows)} rows")
        return rows[offset]

    def column(self, header: str) -> int:
        """The column of ``header``, which may leave out a trailing note in brackets:
        "Arah" finds "Arah (kosong = menurut aspek)".

        Raises:
            KeyError: No column has that header.
        """
        if header not in self.columns:
            noted = [h for h in self.columns if h.startswith(header + " (")]
            if len(noted) == 1:
                header = noted[0]
        return self.columns[header]

    def cell(self, header: str, block: int, offset: int = 0) -> Cell:
        """The cell of column ``header`` (see :meth:`column`) on line ``offset`` of ``block``.

        Raises:
            KeyError: No column has that header.
            IndexError: The block has no such line.
        """
        return self.sheet, a1(self.row(block, offset), self.column(header))


def locate(snapshot: Snapshot, name: str) -> Table | None:
    """Locate the table whose body is the defined range ``name``.

    The header row is the nearest of the :data:`HEADER_SEARCH` rows above the body that
    holds text other than column numbers. Blocks are the ranges of column A merged over
    rows and starting in the body; a table without any (one row per block) has a block
    in each row other than the "A. UTAMA" and "B. TAMBAHAN" labels. Blocks above the
    "B. TAMBAHAN" row are utama (all of them when there is no such row).

    Args:
        snapshot: The workbook, read through any engine
            (``Snapshot(label, engine)``).
        name: The defined name of the table body (``SKP_HASIL_KERJA``,
            ``EVAL_TW1_HASIL_KERJA``, ``MANUAL_IKI``...).

    Returns:
        Where the table keeps its columns and blocks; None when the workbook has no
        such name (or it is not one area of one sheet).
    """
    body = snapshot.names.get(name)
    if body is None:
        return None
    sheet, top, bottom = body.sheet, body.min_row, body.max_row
    header_row, columns = top - 1, {}
    for row in range(top - 1, max(top - 1 - HEADER_SEARCH, 0), -1):
        found = _headers(snapshot, sheet, row)
        if found:
            header_row, columns = row, found
            break
    rows = range(top, bottom + 1)
    labels = {
        row: compact(value) if isinstance(value, str) else ""
        for row, value in zip(rows, snapshot.values(sheet, rows, 1), strict=True)
    }
    tambahan_row = next((row for row, label in labels.items() if label in _TAMBAHAN), None)
    merged = sorted(
        (r1, r2)
        for r1, c1, r2, c2 in snapshot.merged(sheet)
        if c1 == 1 and c2 == 1 and top <= r1 <= bottom
    )
    spans = merged or [(row, row) for row, label in labels.items() if label not in _SECTIONS]
    section = bottom + 1 if tambahan_row is None else tambahan_row
    return Table(
        sheet=sheet,
        top=top,
        bottom=bottom,
        header_row=header_row,
        columns=columns,
        blocks=tuple(first for first, _ in spans),
        ends=tuple(last for _, last in spans),
        utama=sum(1 for first, _ in spans if first < section),
        tambahan_row=tambahan_row,
    )


def columns_by_key(table: Table, form: TabelHasilKerja) -> Columns:
    """The columns of ``table`` by the keys of ``form``, the description it was written from.

    Each header is matched to the form column of the same title (compared without case
    or whitespace, see :func:`~skp_xl.domain.vocabulary.compact`); a title the table
    lacks has no key, a header the form lacks is left out, and a key found under two
    headers keeps the first. The writer uses this on the table it records, so its
    formulas and the reader find the same columns.

    Args:
        table: A located (or just written) table.
        form: The description of that table.

    Returns:
        Form column key -> column. A narasi table (one text across the table, typed in
        column B under a header that names no column) gives ``no`` and ``hasil_kerja``.
    """
    if form.narasi:
        return {"no": 1, "hasil_kerja": 2}
    # Headers of older templates ("NO" before "NO.") name the same column.
    wanted = {compact(judul): k.key for k in form.kolom for judul in (*k.lama, k.judul)}
    columns: Columns = {}
    for header, column in table.columns.items():
        key = wanted.get(compact(header))
        if key is not None:
            columns.setdefault(key, column)
    return columns


def _headers(snapshot: Snapshot, sheet: str, row: int) -> dict[str, int]:
    """Header text -> column of ``row``; empty when it holds none (or column numbers)."""
    found: dict[str, int] = {}
    for column, value in enumerate(_line(snapshot, sheet, row), start=1):
        if isinstance(value, str) and value and not _COLUMN_NUMBER.match(value):
            found.setdefault(value, column)
    return found


def _line(snapshot: Snapshot, sheet: str, row: int) -> list[object]:
    grid = snapshot.grid(sheet)
    return list(grid[row - 1]) if row - 1 < len(grid) else []
