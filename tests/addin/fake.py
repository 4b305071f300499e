"""A stand-in for ``xlwings.Book`` (Excel cannot run here), backed by an openpyxl workbook.

:class:`FakeLiveBook` answers the part of xlwings' API that
:class:`skp_xl.addin.livebook.LiveBook` uses, the way Excel would: a formula's value is what
the file has cached (LibreOffice-saved files have them), ``.value`` of one cell is a
scalar and ``.options(ndim=2)`` a list of rows, sheet protection refuses writes to locked
cells and any formatting, and a locked structure refuses adding, deleting or hiding
sheets. Every call that changes something is appended to :attr:`FakeLiveBook.calls` with
the arguments xlwings would receive, so tests assert on them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries
from openpyxl.worksheet.worksheet import Worksheet

Call = tuple[Any, ...]


class ProtectionError(Exception):
    """What Excel answers (a COM error) when a protected sheet or structure is written."""


class FakeLiveBook:
    """A workbook "open in Excel": ``FakeLiveBook(path)`` stands for ``xw.Book(path)``.

    Args:
        path: The workbook; its cached formula results are the values Excel would show.
        password: Make every protected sheet refuse ``Unprotect()`` without it.
        mac: Give ``.api`` objects as appscript does on macOS instead of pywin32's.
        addin: Stand for the add-in ``skp_xl.xlam`` (``IsAddin`` on Windows), as
            ``xw.Book.caller()`` gives it; its ``app.books.active`` is set with
            :func:`activate`.
    """

    def __init__(
        self, path: Path, *, password: bool = False, mac: bool = False, addin: bool = False
    ) -> None:
        self.path = Path(path)
        self.is_addin = addin
        self.xl: Workbook = load_workbook(self.path, data_only=True)
        self.calls: list[Call] = []
        self.password = password
        self.mac = mac
        self.app = FakeApp(self)
        self.sheets = FakeSheets(self)
        self.api: Any = FakeMacBookApi(self) if mac else FakeBookApi(self)
        self.selection: FakeRange | None = None
        self.typed: set[tuple[str, str]] = set()

    @property
    def fullname(self) -> str:
        return str(self.path)

    @property
    def name(self) -> str:
        return "skp_xl.xlam" if self.is_addin else self.path.name

    @property
    def names(self) -> list[FakeName]:
        found = [
            FakeName(name, "=" + defined.attr_text)
            for name, defined in self.xl.defined_names.items()
        ]
        # Excel lists sheet-scope names as "Sheet!Name"; print areas are such names.
        for ws in self.xl.worksheets:
            if ws.print_area:
                found.append(FakeName(f"{quote_sheetname(ws.title)}!Print_Area", ws.print_area))
        return found

    def record(self, *call: Any) -> None:
        self.calls.append(call)

    def calls_of(self, kind: str) -> list[Call]:
        """The recorded calls of one kind, e.g. ``"color"``."""
        return [c for c in self.calls if c[0] == kind]

    def check_structure(self) -> None:
        if self.xl.security is not None and self.xl.security.lockStructure:
            raise ProtectionError("The workbook's structure is protected")

    def save(self, path: str | None = None) -> None:
        self.record("save", path)
        wb = load_workbook(self.path)
        for sheet, cell in self.typed:
            if sheet in wb.sheetnames and sheet in self.xl.sheetnames:
                wb[sheet][cell].value = self.xl[sheet][cell].value
        wb.save(path or self.path)

    def close(self) -> None:
        self.record("close")

    def to_pdf(self, path: str | None = None, include: list[str] | None = None) -> str:
        self.record("to_pdf", path, include)
        # xlwings hides the sheets left out: that needs the structure unprotected.
        for sheet in self.sheets:
            if include and sheet.name not in include:
                self.check_structure()
        Path(str(path)).write_bytes(b"%PDF-1.4 fake\n")
        return str(path)


class FakeName:
    def __init__(self, name: str, refers_to: str) -> None:
        self.name = name
        self.refers_to = refers_to


class FakeApp:
    def __init__(self, book: FakeLiveBook) -> None:
        self.book = book
        self.books = FakeBooks(book)
        self._status: str | bool = False

    def alert(
        self,
        prompt: str,
        title: str | None = None,
        buttons: str = "ok",
        mode: str | None = None,
        callback: str | None = None,
    ) -> str:
        self.book.record("alert", prompt, title, mode)
        return "ok"

    @property
    def status_bar(self) -> str | bool:
        return self._status

    @status_bar.setter
    def status_bar(self, value: str | bool) -> None:
        self.book.record("status_bar", value)
        self._status = value


class FakeBooks:
    def __init__(self, book: FakeLiveBook) -> None:
        self.book = book
        # The workbook in front: this one, unless it is an add-in (never the active one).
        self.active: FakeLiveBook | NoWorkbook = NoWorkbook() if book.is_addin else book
        self.opened: list[FakeLiveBook] = []

    def open(self, path: str) -> FakeLiveBook | None:
        self.book.record("open", path)
        if Path(path).suffix.lower() not in (".xlsx", ".xlsm") or not Path(path).is_file():
            return None
        opened = FakeLiveBook(Path(path))
        self.opened.append(opened)
        return opened


class NoWorkbook:
    """``app.books.active`` with no workbook open: xlwings wraps ``ActiveWorkbook``, which
    is Nothing, and fails on first use (Windows: pywin32's None has no ``Name``)."""

    @property
    def name(self) -> str:
        raise AttributeError("'NoneType' object has no attribute 'Name'")


def activate(addin: FakeLiveBook, book: FakeLiveBook | None) -> None:
    """Make ``book`` Excel's active workbook beside ``addin`` (None: no workbook open)."""
    addin.app.books.active = NoWorkbook() if book is None else book


class FakeBookApi:
    """``book.api`` as pywin32 gives it on Windows: structure protection only."""

    def __init__(self, book: FakeLiveBook) -> None:
        self.book = book

    @property
    def IsAddin(self) -> bool:
        return self.book.is_addin

    @property
    def ProtectStructure(self) -> bool:
        security = self.book.xl.security
        return bool(security is not None and security.lockStructure)

    @property
    def ProtectWindows(self) -> bool:
        security = self.book.xl.security
        return bool(security is not None and security.lockWindows)

    def Unprotect(self, Password: str | None = None) -> None:
        if self.book.password and Password is None:
            raise ProtectionError("The password you supplied is not correct")
        self.book.record("Unprotect", None)
        if self.book.xl.security is not None:
            self.book.xl.security.lockStructure = False

    def Protect(self, **settings: Any) -> None:
        self.book.record("Protect", None, settings)
        assert self.book.xl.security is not None
        self.book.xl.security.lockStructure = bool(settings.get("Structure"))


class FakeSheets:
    def __init__(self, book: FakeLiveBook) -> None:
        self.book = book

    def __iter__(self) -> Iterator[FakeSheet]:
        return iter([FakeSheet(self.book, ws) for ws in self.book.xl.worksheets])

    def __len__(self) -> int:
        return len(self.book.xl.worksheets)

    def __getitem__(self, key: int | str) -> FakeSheet:
        if isinstance(key, int):
            return FakeSheet(self.book, self.book.xl.worksheets[key])
        return FakeSheet(self.book, self.book.xl[key])

    def add(
        self,
        name: str | None = None,
        before: FakeSheet | None = None,
        after: FakeSheet | None = None,
    ) -> FakeSheet:
        self.book.check_structure()
        titles = self.book.xl.sheetnames
        if name is not None and name.lower() in (t.lower() for t in titles):
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        if before is not None:
            index = titles.index(before.name)
        elif after is not None:
            index = titles.index(after.name) + 1
        else:
            index = titles.index(self.book.xl.active.title)  # type: ignore[union-attr]
        ws = self.book.xl.create_sheet(name, index)
        self.book.record(
            "sheets.add",
            name,
            before.name if before is not None else None,
            after.name if after is not None else None,
        )
        return FakeSheet(self.book, ws)


class FakeSheet:
    def __init__(self, book: FakeLiveBook, ws: Worksheet) -> None:
        self.book = book
        self.ws = ws
        self.api: Any = FakeMacSheetApi(self) if book.mac else FakeSheetApi(self)

    @property
    def name(self) -> str:
        return self.ws.title

    @property
    def visible(self) -> bool:
        return self.ws.sheet_state == "visible"

    @visible.setter
    def visible(self, value: bool) -> None:
        self.book.check_structure()
        self.book.record("visible", self.name, value)
        self.ws.sheet_state = "visible" if value else "hidden"

    def delete(self) -> None:
        self.book.check_structure()
        self.book.record("delete", self.name)
        self.book.xl.remove(self.ws)

    def activate(self) -> None:
        self.book.record("activate", self.name)
        self.book.xl.active = self.book.xl.worksheets.index(self.ws)

    @property
    def used_range(self) -> FakeRange:
        return FakeRange(self, 1, 1, max(self.ws.max_row, 1), max(self.ws.max_column, 1))

    def range(self, first: str | tuple[int, int], last: tuple[int, int] | None = None) -> FakeRange:
        if isinstance(first, str):
            min_col, min_row, max_col, max_row = range_boundaries(first.replace("$", ""))
            assert min_row is not None
            assert min_col is not None
            return FakeRange(self, min_row, min_col, max_row or min_row, max_col or min_col)
        bottom, right = last if last is not None else first
        return FakeRange(self, first[0], first[1], bottom, right)

    def check(self, row: int, column: int, *, formatting: bool = False) -> None:
        """Refuse what Excel refuses on a protected sheet."""
        if not self.ws.protection.sheet:
            return
        if formatting and self.ws.protection.formatCells:
            raise ProtectionError(f"{self.name}: formatting cells is protected")
        if self.ws.cell(row=row, column=column).protection.locked:
            raise ProtectionError(f"{self.name}!{get_column_letter(column)}{row} is locked")


class FakeSheetApi:
    """``sheet.api`` as pywin32 gives it on Windows: protection only."""

    def __init__(self, sheet: FakeSheet) -> None:
        self.sheet = sheet
        self.Protection = FakeProtectionSettings(sheet)

    @property
    def ProtectContents(self) -> bool:
        return bool(self.sheet.ws.protection.sheet)

    @property
    def ProtectDrawingObjects(self) -> bool:
        return bool(self.sheet.ws.protection.objects)

    @property
    def ProtectScenarios(self) -> bool:
        return bool(self.sheet.ws.protection.scenarios)

    def Unprotect(self, Password: str | None = None) -> None:
        if self.sheet.book.password and Password is None:
            raise ProtectionError("The password you supplied is not correct")
        self.sheet.book.record("Unprotect", self.sheet.name)
        self.sheet.ws.protection.sheet = False

    def Protect(self, **settings: Any) -> None:
        self.sheet.book.record("Protect", self.sheet.name, settings)
        protection = self.sheet.ws.protection
        protection.sheet = bool(settings.get("Contents"))
        protection.objects = bool(settings.get("DrawingObjects"))
        protection.scenarios = bool(settings.get("Scenarios"))
        protection.formatCells = not settings.get("AllowFormattingCells")
        protection.formatColumns = not settings.get("AllowFormattingColumns")
        protection.formatRows = not settings.get("AllowFormattingRows")


class FakeProtectionSettings:
    """``sheet.api.Protection``: what a protected sheet still allows."""

    def __init__(self, sheet: FakeSheet) -> None:
        self._protection = sheet.ws.protection

    def __getattr__(self, name: str) -> bool:
        attribute = {
            "AllowFormattingCells": "formatCells",
            "AllowFormattingColumns": "formatColumns",
            "AllowFormattingRows": "formatRows",
            "AllowInsertingColumns": "insertColumns",
            "AllowInsertingRows": "insertRows",
            "AllowInsertingHyperlinks": "insertHyperlinks",
            "AllowDeletingColumns": "deleteColumns",
            "AllowDeletingRows": "deleteRows",
            "AllowSorting": "sort",
            "AllowFiltering": "autoFilter",
            "AllowUsingPivotTables": "pivotTables",
        }[name]
        return not getattr(self._protection, attribute)


class Prop:
    """An appscript property reference: ``.get()`` reads it."""

    def __init__(self, value: object) -> None:
        self.value = value

    def get(self) -> object:
        return self.value


class FakeMacSheetApi:
    """``sheet.api`` as appscript gives it on macOS (terms of xlwings' mac_dict.py)."""

    def __init__(self, sheet: FakeSheet) -> None:
        self.sheet = sheet
        self.windows = FakeSheetApi(sheet)

    @property
    def protect_contents(self) -> Prop:
        return Prop(self.windows.ProtectContents)

    @property
    def protect_drawing_objects(self) -> Prop:
        return Prop(self.windows.ProtectDrawingObjects)

    @property
    def protect_scenarios(self) -> Prop:
        return Prop(self.windows.ProtectScenarios)

    @property
    def protection(self) -> Any:
        settings = self.windows.Protection

        class Allows:
            allow_formatting_cells = Prop(settings.AllowFormattingCells)
            allow_formatting_columns = Prop(settings.AllowFormattingColumns)
            allow_formatting_rows = Prop(settings.AllowFormattingRows)

        return Allows()

    def unprotect(self, password: str | None = None) -> None:
        self.windows.Unprotect(Password=password)

    def protect_worksheet(self, **settings: Any) -> None:
        names = {
            "drawing_objects": "DrawingObjects",
            "worksheet_contents": "Contents",
            "scenarios": "Scenarios",
            "allow_formatting_cells": "AllowFormattingCells",
            "allow_formatting_columns": "AllowFormattingColumns",
            "allow_formatting_rows": "AllowFormattingRows",
        }
        self.windows.Protect(**{names[k]: v for k, v in settings.items()})


class FakeMacBookApi:
    """``book.api`` as appscript gives it on macOS."""

    def __init__(self, book: FakeLiveBook) -> None:
        self.windows = FakeBookApi(book)

    @property
    def protect_structure(self) -> Prop:
        return Prop(self.windows.ProtectStructure)

    def unprotect(self, password: str | None = None) -> None:
        self.windows.Unprotect(Password=password)

    def protect_workbook(self, **settings: Any) -> None:
        self.windows.Protect(Structure=settings.get("structure"))


class FakeNote:
    def __init__(self, cell: FakeRange) -> None:
        self.cell = cell

    @property
    def text(self) -> str:
        comment = self.cell.xl_cell.comment
        return "" if comment is None else str(comment.text)

    def delete(self) -> None:
        self.cell.sheet.check(self.cell.row, self.cell.column, formatting=True)
        self.cell.sheet.book.record("note.delete", self.cell.sheet.name, self.cell.address1)
        self.cell.xl_cell.comment = None


class FakeRange:
    def __init__(
        self, sheet: FakeSheet, row: int, column: int, last_row: int, last_column: int
    ) -> None:
        self.sheet = sheet
        self.row, self.column = row, column
        self.last_row, self.last_column = last_row, last_column
        self.ndim: int | None = None

    @property
    def xl_cell(self) -> Any:
        return self.sheet.ws.cell(row=self.row, column=self.column)

    @property
    def address1(self) -> str:
        return f"{get_column_letter(self.column)}{self.row}"

    @property
    def address(self) -> str:
        first = f"${get_column_letter(self.column)}${self.row}"
        if (self.row, self.column) == (self.last_row, self.last_column):
            return first
        return f"{first}:${get_column_letter(self.last_column)}${self.last_row}"

    @property
    def last_cell(self) -> FakeRange:
        return FakeRange(
            self.sheet, self.last_row, self.last_column, self.last_row, self.last_column
        )

    def options(self, ndim: int | None = None, **_: Any) -> FakeRange:
        copy = FakeRange(self.sheet, self.row, self.column, self.last_row, self.last_column)
        copy.ndim = ndim
        return copy

    def _cells(self) -> Iterator[tuple[int, int]]:
        for row in range(self.row, self.last_row + 1):
            for column in range(self.column, self.last_column + 1):
                yield row, column

    @property
    def value(self) -> Any:
        ws = self.sheet.ws
        rows = [
            [
                _as_excel(ws.cell(row=r, column=c).value)
                for c in range(self.column, self.last_column + 1)
            ]
            for r in range(self.row, self.last_row + 1)
        ]
        if self.ndim == 2:
            return rows
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        return rows

    @value.setter
    def value(self, data: Any) -> None:
        self.sheet.book.record("value", self.sheet.name, self.address1, data)
        block = data if isinstance(data, list) else [[data]]
        for r, line in enumerate(block):
            for c, item in enumerate(line):
                self.sheet.check(self.row + r, self.column + c)
                cell = self.sheet.ws.cell(row=self.row + r, column=self.column + c, value=item)
                self.sheet.book.typed.add((self.sheet.name, cell.coordinate))

    @property
    def color(self) -> tuple[int, int, int] | None:
        fill = self.xl_cell.fill
        if fill.fill_type != "solid" or fill.fgColor.type != "rgb":
            return None
        value = str(fill.fgColor.rgb)[-6:]
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)

    @color.setter
    def color(self, rgb: tuple[int, int, int] | None) -> None:
        self.sheet.book.record("color", self.sheet.name, self.address1, rgb)
        for row, column in self._cells():
            self.sheet.check(row, column, formatting=True)
            cell = self.sheet.ws.cell(row=row, column=column)
            cell.fill = (
                PatternFill()
                if rgb is None
                else PatternFill("solid", fgColor="FF{:02X}{:02X}{:02X}".format(*rgb))
            )

    @property
    def number_format(self) -> str:
        return str(self.xl_cell.number_format)

    @number_format.setter
    def number_format(self, value: str) -> None:
        self.sheet.book.record("number_format", self.sheet.name, self.address, value)
        for row, column in self._cells():
            self.sheet.check(row, column, formatting=True)
            self.sheet.ws.cell(row=row, column=column).number_format = value

    @property
    def column_width(self) -> float:
        return 8.43

    @column_width.setter
    def column_width(self, value: float) -> None:
        self.sheet.book.record("column_width", self.sheet.name, self.address1, value)

    @property
    def wrap_text(self) -> bool:
        return bool(self.xl_cell.alignment.wrap_text)

    @wrap_text.setter
    def wrap_text(self, value: bool) -> None:
        self.sheet.book.record("wrap_text", self.sheet.name, self.address, value)
        for row, column in self._cells():
            self.sheet.check(row, column, formatting=True)
            cell = self.sheet.ws.cell(row=row, column=column)
            old = cell.alignment
            cell.alignment = Alignment(
                horizontal=old.horizontal, vertical=old.vertical, wrap_text=value
            )

    @property
    def rows(self) -> FakeRows:
        return FakeRows(self)

    @property
    def note(self) -> FakeNote | None:
        return FakeNote(self) if self.xl_cell.comment is not None else None

    def add_note(self, text: str) -> FakeNote:
        if self.note is not None:
            raise ValueError("This cell already has a note")
        self.sheet.check(self.row, self.column, formatting=True)
        self.sheet.book.record("add_note", self.sheet.name, self.address1, text)
        self.xl_cell.comment = Comment(text, "Excel")
        return FakeNote(self)

    @property
    def merge_cells(self) -> bool:
        return any(self.address1 in area for area in self.sheet.ws.merged_cells.ranges)

    @property
    def merge_area(self) -> FakeRange:
        for area in self.sheet.ws.merged_cells.ranges:
            if self.address1 in area:
                return FakeRange(self.sheet, area.min_row, area.min_col, area.max_row, area.max_col)
        return self


class FakeRows:
    """``range.rows``: xlwings' ``RangeRows``, of which the add-in uses ``autofit``."""

    def __init__(self, cells: FakeRange) -> None:
        self.cells = cells

    def autofit(self) -> None:
        sheet = self.cells.sheet
        for row in range(self.cells.row, self.cells.last_row + 1):
            sheet.check(row, self.cells.column, formatting=True)
        sheet.book.record("rows.autofit", sheet.name, self.cells.address)


def _as_excel(value: object) -> object:
    """A cell value as xlwings reads it from Excel: every number a float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def select(book: FakeLiveBook, sheet: str, cell: str) -> None:
    """Make ``sheet!cell`` the active cell, as a click in Excel would."""
    row, column = coordinate_to_tuple(cell)
    book.selection = FakeRange(book.sheets[sheet], row, column, row, column)
