"""Find the cells of a generated SKP workbook and type inputs into them, as a user would.

Cells are found the way docs/names.md tells readers to: single fields by their
workbook-scope defined name, table cells by the reader's own table locator
(:mod:`skp_xl.reader.tables`: the table's defined body range, the column header above it
and the block, one rencana hasil kerja, counted from the top). Nothing here reads the form
catalog, so a layout the writer got wrong cannot hide behind it. The tests fill workbooks
with it, and so do the sample agency (:mod:`skp_xl.samples`) and the add-in.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from openpyxl.workbook.workbook import Workbook

from skp_xl.forms import text as t
from skp_xl.reader.names import DefinedRange, parse_target
from skp_xl.reader.snapshot import Snapshot
from skp_xl.reader.tables import Cell, Table, locate

__all__ = [
    "Cell",
    "Table",
    "WorkbookEngine",
    "destination",
    "named",
    "narasi",
    "put",
    "put_named",
    "table",
    "value",
]


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


class WorkbookEngine:
    """An openpyxl workbook as a reading engine (:class:`~skp_xl.reader.snapshot.Engine`).

    Formulas read as their text: openpyxl keeps no results. Reading adds no cell to the
    workbook (``ws.iter_rows`` would create every empty one, and the writer then saves
    a row element for each), so a workbook located and then saved is unchanged.
    """

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb

    def names(self) -> Mapping[str, DefinedRange]:
        titles = {title.casefold(): title for title in self.wb.sheetnames}
        found: dict[str, DefinedRange] = {}
        for name, defined in self.wb.defined_names.items():
            target = parse_target(defined.attr_text or "")
            sheet = None if target is None else titles.get(target[0].casefold())
            if target is not None and sheet is not None:
                found[name] = DefinedRange(name, sheet, *target[1:])
        return found

    def rows(self, sheet: str) -> Sequence[Sequence[object]]:
        ws = self.wb[sheet]
        grid: list[list[object]] = [[] for _ in range(ws.max_row)]
        # The cells that exist, without creating the others (see the class docstring).
        for (row, column), cell in ws._cells.items():
            line = grid[row - 1]
            line.extend([None] * (column - len(line)))
            line[column - 1] = cell.value
        return grid

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        return [
            (r.min_row, r.min_col, r.max_row, r.max_col) for r in self.wb[sheet].merged_cells.ranges
        ]


def table(wb: Workbook, name: str) -> Table:
    """Locate the table whose body is the defined range ``name``, by the one rule of
    :func:`skp_xl.reader.tables.locate` (header row above the body, blocks by the merged
    number cells of column A, sections by the "B. TAMBAHAN" row).

    Args:
        wb: The workbook.
        name: The defined name of the table body (``SKP_HASIL_KERJA``,
            ``EVAL_TW1_HASIL_KERJA``, ``MANUAL_IKI``...).

    Returns:
        Where the table keeps its columns and blocks.

    Raises:
        KeyError: ``wb`` has no such name.
        ValueError: The name points to more than one area, or the body has no
            "B. TAMBAHAN" row or fewer than two blocks.
    """
    sheet, _ = destination(wb, name)
    located = locate(Snapshot(f"<{name}>", WorkbookEngine(wb)), name)
    if located is None:
        raise ValueError(f"{name} does not point to one area of one sheet")
    if located.tambahan_row is None or len(located.blocks) < 2:
        raise ValueError(f"{name} on {sheet} has no '{t.TAMBAHAN}' row or too few blocks")
    return located


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
