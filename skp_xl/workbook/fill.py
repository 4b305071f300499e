"""Find the cells of a generated SKP workbook and type inputs into them, as a user would.

Cells are found the way docs/names.md tells readers to: single fields by their
workbook-scope defined name, table cells by the table's defined body range, the column
header above it and the block (one rencana hasil kerja) counted from the top. Nothing here
reads the form catalog, so a layout the writer got wrong cannot hide behind it. The tests
fill workbooks with it, and so does the sample agency (:mod:`skp_xl.samples`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook

from skp_xl.forms import text as t

__all__ = [
    "Cell",
    "Table",
    "destination",
    "named",
    "narasi",
    "put",
    "put_named",
    "table",
    "value",
]

Cell = tuple[str, str]
"""A cell as (sheet title, A1 coordinate without dollars)."""

_COLUMN_NUMBER = re.compile(r"^\(\d+\)$")


def destination(wb: Workbook, name: str) -> tuple[str, str]:
    """The (sheet, range without dollars) a workbook-scope defined name points to.

    Args:
        wb: The workbook.
        name: A workbook-scope defined name, e.g. ``SKP_HASIL_KERJA``.

    Returns:
        The sheet title and the A1 range, e.g. ``("SKP", "A17:K78")``.

    Raises:
        KeyError: ``wb`` has no such name.
        ValueError: The name points to more than one area.
    """
    destinations = list(wb.defined_names[name].destinations)
    if len(destinations) != 1:
        raise ValueError(f"{name} points to {destinations!r}, not one area")
    [(sheet, area)] = destinations
    return sheet, area.replace("$", "")


def named(wb: Workbook, name: str) -> Cell:
    """The single cell a defined name points to (the first cell of a range).

    Raises:
        KeyError: ``wb`` has no such name.
        ValueError: The name points to more than one area.
    """
    sheet, area = destination(wb, name)
    return sheet, area.split(":")[0]


@dataclass(frozen=True)
class Table:
    """Where a hasil kerja table keeps its cells, read from the workbook itself.

    Attributes:
        sheet: Sheet title.
        top: First row of the body (the "A. UTAMA" row).
        bottom: Last row of the body.
        header_row: Row of the column headers (above the "(1) (2) ..." row, if any).
        columns: Header text -> column index (merged headers: their first column).
        blocks: First row of each block, utama then tambahan.
        utama: How many of the blocks are hasil kerja utama.
        rows_per_block: Rows of one block (IKI rows, or the rows of one narrative).
    """

    sheet: str
    top: int
    bottom: int
    header_row: int
    columns: Mapping[str, int]
    blocks: tuple[int, ...]
    utama: int
    rows_per_block: int

    @property
    def tambahan(self) -> int:
        """How many blocks are hasil kerja tambahan."""
        return len(self.blocks) - self.utama

    def row(self, block: int, offset: int = 0) -> int:
        """Row of line ``offset`` (an IKI, 0-based) of ``block`` (0-based, utama first)."""
        if not 0 <= offset < self.rows_per_block:
            raise IndexError(f"offset {offset} outside a block of {self.rows_per_block} rows")
        return self.blocks[block] + offset

    def cell(self, header: str, block: int, offset: int = 0) -> Cell:
        """The cell of column ``header`` on line ``offset`` of ``block``.

        ``header`` may leave out a trailing note in brackets: "Arah" finds
        "Arah (kosong = menurut aspek)".

        Raises:
            KeyError: No column has that header.
        """
        if header not in self.columns:
            noted = [h for h in self.columns if h.startswith(header + " (")]
            if len(noted) == 1:
                header = noted[0]
        column = get_column_letter(self.columns[header])
        return self.sheet, f"{column}{self.row(block, offset)}"


def table(wb: Workbook, name: str) -> Table:
    """Locate the table whose body is the defined range ``name``.

    Blocks start where column A holds the numbering formula; the section rows hold
    "A. UTAMA" and "B. TAMBAHAN". The header row is the nearest row above the body that is
    not the row of column numbers.

    Args:
        wb: The workbook.
        name: The defined name of the table body (``SKP_HASIL_KERJA``,
            ``EVAL_TW1_HASIL_KERJA``, ``MANUAL_IKI``...).

    Returns:
        Where the table keeps its columns and blocks.

    Raises:
        KeyError: ``wb`` has no such name.
        ValueError: The body has no "B. TAMBAHAN" row or fewer than two blocks.
    """
    sheet, area = destination(wb, name)
    ws = wb[sheet]
    _, top, _, bottom = range_boundaries(area)
    assert top is not None
    assert bottom is not None
    header_row = top - 1
    while _COLUMN_NUMBER.match(str(ws.cell(row=header_row, column=1).value)):
        header_row -= 1
    columns = {
        cell.value: cell.column
        for cell in ws[header_row]
        if isinstance(cell.value, str) and cell.value
    }
    blocks: list[int] = []
    utama = -1
    for row in range(top, bottom + 1):
        value = ws.cell(row=row, column=1).value
        if value == t.TAMBAHAN:
            utama = len(blocks)
        elif isinstance(value, str) and value.startswith("="):
            blocks.append(row)
    if utama < 0 or len(blocks) < 2:
        raise ValueError(f"{name} on {sheet} has no '{t.TAMBAHAN}' row or too few blocks")
    return Table(
        sheet=sheet,
        top=top,
        bottom=bottom,
        header_row=header_row,
        columns=columns,
        blocks=tuple(blocks),
        utama=utama,
        rows_per_block=blocks[1] - blocks[0],
    )


def narasi(table: Table, block: int) -> tuple[Cell, Cell]:
    """The hasil kerja and ukuran keberhasilan cells of a kualitatif SKP block.

    There a block is three rows of one text across the table (the hasil kerja, a printed
    "Ukuran keberhasilan..." label, the narrative), typed in column B.
    """
    row = table.row(block)
    return (table.sheet, f"B{row}"), (table.sheet, f"B{row + 2}")


def put(wb: Workbook, cell: Cell, value: object) -> None:
    """Type ``value`` into ``cell``; text stays text (an 18-digit NIP, "=1", "001")."""
    sheet, coordinate = cell
    target = wb[sheet][coordinate]
    target.value = value
    if isinstance(value, str):
        target.data_type = "s"


def put_named(wb: Workbook, values: Mapping[str, object]) -> None:
    """Type each value into the cell its defined name points to."""
    for name, value in values.items():
        put(wb, named(wb, name), value)


def value(values: Mapping[str, Mapping[str, object]], cell: Cell) -> object:
    """A recalculated value (``Recalculated.values``) of ``cell``; None when blank."""
    sheet, coordinate = cell
    return values[sheet].get(coordinate)
