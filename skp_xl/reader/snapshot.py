"""One reading path, two engines: a workbook as a plain snapshot of values and names.

The file engine reads cell values with python-calamine (cached results of formulas, as
Excel or LibreOffice last computed them; .xlsx and Excel 97-2003 .xls alike) and takes the
defined names from the triage, which read ``xl/workbook.xml`` (or the .xls's NAME records,
which calamine does not give) already; a live engine (xlwings, in the add-in) fills the
same :class:`Snapshot`. Everything downstream (records, checks) sees only the snapshot.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from skp_xl.reader.names import DefinedRange, WorkbookIndex, column_letter, read_defined_names
from skp_xl.reader.triage import Triage
from skp_xl.settings import MAX_ROWS


class Engine(Protocol):
    """What a reading engine provides: names, and per sheet its values and merged ranges."""

    def names(self) -> Mapping[str, DefinedRange]: ...

    def rows(self, sheet: str) -> Sequence[Sequence[object]]: ...

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]: ...


@dataclass
class Snapshot:
    """Values of the sheets a reader asks for, addressed 1-based, and the defined names.

    Empty cells and formulas that computed ``""`` read as None. ``titles`` are the
    sheets' titles in workbook order, when the engine's caller knows them (a file's
    triage does), for telling what a workbook that is not an SKP looks like.
    """

    path: str
    engine: Engine
    titles: tuple[str, ...] = ()
    _rows: dict[str, Sequence[Sequence[object]]] = field(default_factory=dict, repr=False)
    _names: Mapping[str, DefinedRange] | None = field(default=None, repr=False)

    @property
    def names(self) -> Mapping[str, DefinedRange]:
        """Workbook-scope defined names."""
        if self._names is None:
            self._names = self.engine.names()
        return self._names

    def grid(self, sheet: str) -> Sequence[Sequence[object]]:
        """All rows of ``sheet`` (0-based), read once."""
        if sheet not in self._rows:
            self._rows[sheet] = self.engine.rows(sheet)
        return self._rows[sheet]

    def value(self, sheet: str, row: int, column: int) -> object:
        """The value at 1-based ``row``, ``column`` of ``sheet``; None when empty."""
        # Called for every cell the reader looks at: the grid without a method call.
        grid = self._rows.get(sheet)
        if grid is None:
            grid = self.grid(sheet)
        if row > len(grid):
            return None
        line = grid[row - 1]
        if column > len(line):
            return None
        value = line[column - 1]
        return None if value == "" else value

    def values(self, sheet: str, rows: range, column: int) -> list[object]:
        """:meth:`value` of ``column`` in each of ``rows``: one call for a table's column
        (a table's labels, a block's inputs), not one a cell."""
        grid = self._rows.get(sheet)
        if grid is None:
            grid = self.grid(sheet)
        found: list[object] = []
        for row in rows:
            line = grid[row - 1] if row <= len(grid) else ()
            value = line[column - 1] if column <= len(line) else None
            found.append(None if value == "" else value)
        return found

    def named(self, name: str) -> tuple[str, int, int] | None:
        """Sheet, row and column of the first cell of a defined name, if it exists."""
        found = self.names.get(name)
        if found is None:
            return None
        return found.sheet, found.min_row, found.min_col

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        """Merged ranges of ``sheet`` as 1-based (min_row, min_col, max_row, max_col)."""
        return self.engine.merged(sheet)


@functools.lru_cache(maxsize=65536)
def a1(row: int, column: int) -> str:
    """``D7`` from row 7, column 4.

    Raises:
        ValueError: ``column`` is outside Excel's A..ZZZ (as openpyxl's
            ``get_column_letter`` did; openpyxl itself is not imported by the reader,
            whose process starts with this module).
    """
    if not 1 <= column <= 18278:
        raise ValueError(f"Invalid column index {column}")
    return f"{column_letter(column)}{row}"


class CalamineEngine:
    """The file engine: python-calamine for values and merges, and the names of ``index``
    (the triage's) or, without one, of the zip's ``xl/workbook.xml``.

    ``paket`` is the file's bytes as the triage read and checked them
    (:attr:`~skp_xl.reader.triage.Triage.paket`), read instead of the file when given:
    the same bytes, not read from disk a second time.
    """

    def __init__(
        self,
        path: Path,
        *,
        index: WorkbookIndex | None = None,
        max_rows: int = MAX_ROWS,
        paket: bytes | None = None,
    ) -> None:
        import python_calamine

        self.path = path
        self.index = index
        self.max_rows = max_rows
        self._sheets: dict[str, Any] = {}
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}
        if paket is not None:
            self.workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(paket))
            return
        # from_filelike: from_path picks its parser by the file's suffix.
        with path.open("rb") as handle:
            self.workbook = python_calamine.CalamineWorkbook.from_filelike(handle)

    def names(self) -> Mapping[str, DefinedRange]:
        if self.index is not None:
            return dict(self.index.names)
        return read_defined_names(self.path)

    def _sheet(self, sheet: str) -> Any:
        # get_sheet_by_name parses the sheet each time: once per sheet is enough.
        if sheet not in self._sheets:
            self._sheets[sheet] = self.workbook.get_sheet_by_name(sheet)
        return self._sheets[sheet]

    def rows(self, sheet: str) -> Sequence[Sequence[object]]:
        rows: Sequence[Sequence[object]] = self._sheet(sheet).to_python(
            skip_empty_area=False, nrows=self.max_rows
        )
        return rows

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        # Once per sheet: python-calamine builds the list anew on each access, and the
        # reader locates several tables on one sheet.
        if sheet not in self._merged:
            ranges = self._sheet(sheet).merged_cell_ranges or []
            self._merged[sheet] = [
                (r1 + 1, c1 + 1, r2 + 1, c2 + 1) for (r1, c1), (r2, c2) in ranges
            ]
        return self._merged[sheet]

    def close(self) -> None:
        self.workbook.close()


def open_snapshot(path: Path, triaged: Triage) -> Snapshot:
    """A snapshot of the workbook at ``path``, read with the file engine.

    Args:
        path: The workbook.
        triaged: What :func:`~skp_xl.reader.triage.triage` found for ``path``: its
            workbook index gives the defined names, so ``xl/workbook.xml`` is not read
            again; its package, when it kept one, is read instead of the file.

    Raises:
        ValueError: ``triaged`` says the file cannot be read (it has no workbook index).
    """
    if triaged.index is None:
        raise ValueError(f"'{path}' tidak lolos triase; berkas itu tidak dibaca.")
    titles = tuple(sheet.title for sheet in triaged.index.sheets)
    engine = CalamineEngine(path, index=triaged.index, paket=triaged.paket)
    return Snapshot(str(path), engine, titles)
