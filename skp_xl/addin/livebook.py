"""The live engine of the add-in's :class:`~skp_xl.addin.book.Book`: the workbook open in
Excel, through xlwings' documented ``Book`` API (Windows and macOS)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from openpyxl.styles import PatternFill

from skp_xl.addin.book import RGB, Link, fill_record, free_path, rgb_of_record
from skp_xl.addin.filebook import FileBook
from skp_xl.addin.logs import logger
from skp_xl.domain.findings import Finding
from skp_xl.errors import AddinError
from skp_xl.reader.names import DefinedRange, parse_target
from skp_xl.settings import MAX_ROWS
from skp_xl.workbook.cetak import write_print_copy
from skp_xl.workbook.laporan import (
    CELL_FILL,
    HEADERS,
    RECORD_HEADERS,
    RECORD_SHEET,
    ROW_FILL,
    TINGKAT,
    WIDTHS,
    free_title,
    heading,
    location,
    sort_findings,
    worst_cells,
)

__all__ = ["ADDIN_SUFFIXES", "NO_WORKBOOK", "LiveBook", "excel_caller", "is_addin"]


ADDIN_SUFFIXES: Final = (".xlam", ".xla")
"""File extensions of Excel add-ins."""
NO_WORKBOOK: Final = (
    "Tidak ada buku kerja yang aktif. Buka atau aktifkan dulu buku kerja SKP (klik di "
    "jendelanya), lalu tekan lagi tombol pada tab SKP."
)
"""What a button that needs a workbook says when none is open or active."""


def excel_caller() -> Any:
    """``xw.Book.caller()``: the book whose VBA ran the button (raises outside Excel)."""
    import xlwings as xw

    return xw.Book.caller()


def is_addin(book: Any, *, platform: str = sys.platform) -> bool:
    """Whether an ``xlwings.Book`` is an add-in: named ``.xlam``/``.xla``, or (Windows,
    where pywin32 exposes it) ``Workbook.IsAddin`` set on a workbook of another name."""
    if str(book.name).casefold().endswith(ADDIN_SUFFIXES):
        return True
    if not platform.startswith("win"):
        # appscript has no IsAddin term; the name is what macOS gives.
        return False
    try:
        return book.api.IsAddin is True
    except Exception:
        return False


def _active_workbook(caller: Any, *, platform: str) -> Any | None:
    """The app's active workbook, or None when no (other) workbook is open.

    xlwings gives ``Book(ActiveWorkbook)`` even when that is Nothing (Windows) or
    missing (macOS); it fails on first use, so the name is read here to find out.
    """
    try:
        active = caller.app.books.active
        name = active.name
    except Exception as error:
        logger.info("no active workbook: %s", error)
        return None
    if not isinstance(name, str) or not name or is_addin(active, platform=platform):
        return None
    return active


class _Protection:
    """Lifts a sheet's, or the workbook structure's, protection while the add-in writes, and
    puts the same protection back. Through ``.api``: pywin32 names on Windows, the
    AppleScript terms xlwings ships (``mac_dict.py``) on macOS. A password stops it, with a
    message saying which sheet to unprotect by hand.
    """

    _SHEET_ALLOWS: Final = (
        "AllowFormattingCells",
        "AllowFormattingColumns",
        "AllowFormattingRows",
        "AllowInsertingColumns",
        "AllowInsertingRows",
        "AllowInsertingHyperlinks",
        "AllowDeletingColumns",
        "AllowDeletingRows",
        "AllowSorting",
        "AllowFiltering",
        "AllowUsingPivotTables",
    )
    _MAC_ALLOWS: Final = (
        "allow_formatting_cells",
        "allow_formatting_columns",
        "allow_formatting_rows",
    )

    def __init__(self, platform: str) -> None:
        self.windows = platform.startswith("win")

    @contextlib.contextmanager
    def sheet(self, sheet: Any) -> Iterator[None]:
        api = sheet.api
        if self.windows:
            if not api.ProtectContents:
                yield
                return
            settings = {
                "DrawingObjects": bool(api.ProtectDrawingObjects),
                "Contents": True,
                "Scenarios": bool(api.ProtectScenarios),
                **{name: bool(getattr(api.Protection, name)) for name in self._SHEET_ALLOWS},
            }
            self._lift(lambda: api.Unprotect(), f"sheet '{sheet.name}'")
            try:
                yield
            finally:
                api.Protect(**settings)
            return
        if not api.protect_contents.get():
            yield
            return
        mac = {
            "drawing_objects": bool(api.protect_drawing_objects.get()),
            "worksheet_contents": True,
            "scenarios": bool(api.protect_scenarios.get()),
            **{name: bool(getattr(api.protection, name).get()) for name in self._MAC_ALLOWS},
        }
        self._lift(lambda: api.unprotect(), f"sheet '{sheet.name}'")
        try:
            yield
        finally:
            api.protect_worksheet(**mac)

    @contextlib.contextmanager
    def structure(self, book: Any) -> Iterator[None]:
        api = book.api
        if self.windows:
            if not api.ProtectStructure:
                yield
                return
            windows = bool(api.ProtectWindows)
            self._lift(lambda: api.Unprotect(), "struktur buku kerja")
            try:
                yield
            finally:
                api.Protect(Structure=True, Windows=windows)
            return
        if not api.protect_structure.get():
            yield
            return
        self._lift(lambda: api.unprotect(), "struktur buku kerja")
        try:
            yield
        finally:
            api.protect_workbook(structure=True)

    @staticmethod
    def _lift(unprotect: Any, what: str) -> None:
        try:
            unprotect()
        except Exception as error:
            logger.info("cannot unprotect %s: %s", what, error)
            raise AddinError(
                f"Proteksi {what} memakai kata sandi, sehingga skp-xl tidak dapat menulis di "
                "sana. Buka proteksinya dulu (Tinjau > Buka Proteksi), lalu ulangi; pasang "
                "lagi sesudahnya."
            ) from error


class LiveBook:
    """The workbook open in Excel, through xlwings' ``Book`` (Windows and macOS).

    Only xlwings' documented, BSD-licensed API is used: ``sheets``, ``names``,
    ``range(...).value``/``.formula``/``.color``/``.note``/``.add_note``, ``merge_area``,
    ``used_range``, ``to_pdf``, ``save``, ``app.alert``, ``app.status_bar``,
    ``app.books.open``; protection through ``.api`` (see :class:`_Protection`).

    Args:
        book: An ``xlwings.Book`` (or a stand-in with the same API, in tests).
        platform: ``sys.platform`` of the Excel; decides how protection is lifted.
    """

    interactive = True

    def __init__(self, book: Any, *, platform: str = sys.platform) -> None:
        self.wb = book
        self.protection = _Protection(platform)
        self._names: dict[str, DefinedRange] | None = None
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}

    @classmethod
    def caller(cls, *, need_workbook: bool = True) -> LiveBook:
        """The workbook a ribbon button acts on: see :meth:`for_button`.

        Raises:
            AddinError: No workbook to act on and ``need_workbook``.
        """
        return cls.for_button(excel_caller(), need_workbook=need_workbook)

    @classmethod
    def for_button(
        cls, caller: Any, *, need_workbook: bool = True, platform: str = sys.platform
    ) -> LiveBook:
        """The workbook a button pressed in ``caller`` acts on.

        The add-in carries xlwings' workbook ``xlwings.bas``, which names ``ThisWorkbook``
        as the caller: inside an add-in that is the add-in itself, never what the user is
        looking at. So when the caller is an add-in the target is Excel's active workbook
        (an add-in is never the active one). xlwings' custom-add-in ``xlwings.bas`` would
        do that in VBA, but it also reads the active workbook's ``xlwings.conf`` sheet and
        puts its folder first on ``sys.path``: a workbook received by mail could then run
        its own Python. Choosing here keeps the configuration the add-in's alone.

        Args:
            caller: ``xw.Book.caller()``: the add-in, or a workbook carrying the macros.
            need_workbook: False for a button that works without a workbook (Tentang):
                with none open it runs on the add-in itself.
            platform: ``sys.platform`` of the Excel.

        Raises:
            AddinError: The caller is an add-in, no workbook is open or active, and
                ``need_workbook``.
        """
        if not is_addin(caller, platform=platform):
            return cls(caller, platform=platform)
        target = _active_workbook(caller, platform=platform)
        if target is not None:
            return cls(target, platform=platform)
        if need_workbook:
            raise AddinError(NO_WORKBOOK)
        return cls(caller, platform=platform)

    # Engine ---------------------------------------------------------------------------------

    def names(self) -> Mapping[str, DefinedRange]:
        if self._names is None:
            titles = {title.casefold(): title for title, _ in self.sheets()}
            found: dict[str, DefinedRange] = {}
            for name in self.wb.names:
                # Sheet-scope names read "Sheet!Name"; formulas and constants do not parse.
                text = name.refers_to or ""
                target = parse_target(text.removeprefix("="))
                if "!" in name.name or target is None:
                    continue
                sheet = titles.get(target[0].casefold())
                if sheet is not None and name.name not in found:
                    found[name.name] = DefinedRange(name.name, sheet, *target[1:])
            self._names = found
        return self._names

    def rows(self, sheet: str) -> Sequence[Sequence[object]]:
        ws = self.wb.sheets[sheet]
        last = ws.used_range.last_cell
        bottom = min(last.row, MAX_ROWS)
        values = ws.range((1, 1), (bottom, last.column)).options(ndim=2).value
        return values if isinstance(values, list) else [[values]]

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        """Merged areas starting in column A of the tables on ``sheet``: what the reader
        uses to find blocks (scanning a whole sheet cell by cell would be slow live).
        Read once per sheet: the add-in never merges or unmerges cells."""
        if sheet not in self._merged:
            self._merged[sheet] = self._scan_merged(sheet)
        return self._merged[sheet]

    def _scan_merged(self, sheet: str) -> list[tuple[int, int, int, int]]:
        ws = self.wb.sheets[sheet]
        found: set[tuple[int, int, int, int]] = set()
        for defined in self.names().values():
            if defined.sheet != sheet or defined.is_cell or defined.min_col != 1:
                continue
            row = defined.min_row
            while row <= defined.max_row:
                cell = ws.range((row, 1))
                if cell.merge_cells:
                    area = cell.merge_area
                    last = area.last_cell
                    found.add((area.row, area.column, last.row, last.column))
                    row = max(last.row, row) + 1
                else:
                    row += 1
        return sorted(found)

    # Book -----------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return str(self.wb.fullname)

    @property
    def path(self) -> Path | None:
        path = Path(str(self.wb.fullname))
        return path if path.parent != Path() and "://" not in str(self.wb.fullname) else None

    def sheets(self) -> list[tuple[str, bool]]:
        return [(s.name, bool(s.visible)) for s in self.wb.sheets]

    def read(self, sheet: str, cell: str) -> object:
        return self.wb.sheets[sheet].range(cell).value

    def write(self, sheet: str, cell: str, value: object) -> None:
        ws = self.wb.sheets[sheet]
        with self.protection.sheet(ws):
            ws.range(cell).value = value

    def _rows_of(self, sheet: Any) -> list[list[object]]:
        last = sheet.used_range.last_cell
        values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
        return values if isinstance(values, list) else [[values]]

    def clear_annotations(self) -> int:
        """Take off what the previous :meth:`annotate` (live or from a file) added.

        Returns:
            How many cells were restored.
        """
        titles = [title for title, _ in self.sheets()]
        if RECORD_SHEET not in titles:
            return 0
        record = self.wb.sheets[RECORD_SHEET]
        rows = self._rows_of(record)
        listing = rows[0][4] if rows and len(rows[0]) > 4 else None
        by_sheet: dict[str, list[list[object]]] = {}
        for row in rows[1:]:
            if len(row) >= 4 and isinstance(row[0], str) and row[0] in titles:
                by_sheet.setdefault(row[0], []).append(row)
        restored = 0
        for title, entries in by_sheet.items():
            ws = self.wb.sheets[title]
            with self.protection.sheet(ws):
                for _, cell, recorded, commented, *_ in entries:
                    target = ws.range(str(cell))
                    target.color = rgb_of_record(recorded)
                    note = target.note
                    if commented and note is not None and _is_ours(note.text):
                        note.delete()
                    restored += 1
        with self.protection.structure(self.wb):
            record.delete()
            if isinstance(listing, str) and listing in titles:
                self.wb.sheets[listing].delete()
        return restored

    def annotate(self, findings: Sequence[Finding], *, title: str = "") -> tuple[str, int]:
        self.clear_annotations()
        titles = [t for t, _ in self.sheets()]
        listing = free_title(titles)
        ordered = sort_findings(findings)
        rows: list[list[object]] = [[line] for line in heading(findings, title)]
        rows += [[], list(HEADERS)]
        links: dict[tuple[int, int], Link] = {}
        for number, finding in enumerate(ordered, start=1):
            rows.append(
                [
                    number,
                    finding.sheet,
                    finding.cell,
                    TINGKAT[finding.severity],
                    finding.code,
                    finding.message,
                ]
            )
            if finding.sheet in titles and finding.cell:
                first = finding.cell.split(":")[0].replace("$", "")
                links[4 + number, 3] = Link(location=location(finding.sheet, first))
        worst = worst_cells(findings, titles)
        record_rows: list[list[object]] = [[*RECORD_HEADERS, listing]]
        marks: dict[str, list[tuple[str, Finding, bool]]] = {}
        for (sheet, coordinate), finding in worst.items():
            target = self.wb.sheets[sheet].range(coordinate)
            fresh = target.note is None
            record_rows.append([sheet, coordinate, fill_record(target.color), fresh, None])
            marks.setdefault(sheet, []).append((coordinate, finding, fresh))
        with self.protection.structure(self.wb):
            record = self.wb.sheets.add(RECORD_SHEET, after=self.wb.sheets[len(titles) - 1])
            self._write_rows(record, record_rows, text_columns=2)
            record.visible = False
        self.replace_sheet(listing, rows, links=links, widths=WIDTHS)
        ws = self.wb.sheets[listing]
        ws.range((4, 1), (4, len(HEADERS))).color = (31, 78, 120)
        for number, finding in enumerate(ordered, start=1):
            ws.range((4 + number, 4)).color = _rgb(ROW_FILL[finding.severity])
        if ordered:
            # The message wraps in its column, and Excel fits each row to it (the file
            # path estimates heights instead: there no Excel measures the text).
            last = 4 + len(ordered)
            ws.range((5, len(HEADERS)), (last, len(HEADERS))).wrap_text = True
            ws.range((5, 1), (last, len(HEADERS))).rows.autofit()
        for sheet, cells in marks.items():
            target_sheet = self.wb.sheets[sheet]
            with self.protection.sheet(target_sheet):
                for coordinate, finding, fresh in cells:
                    cell = target_sheet.range(coordinate)
                    cell.color = _rgb(CELL_FILL[finding.severity])
                    if fresh:
                        cell.add_note(f"{TINGKAT[finding.severity]}: {finding.message}")
        ws.activate()
        return listing, len(worst)

    @staticmethod
    def _write_rows(sheet: Any, rows: Sequence[Sequence[object]], *, text_columns: int) -> None:
        """Write ``rows`` from A1 in one call (padded: xlwings refuses ragged lists);
        the first ``text_columns`` columns as text, so a sheet named "2025" stays text."""
        width = max((len(r) for r in rows), default=0)
        if not rows or not width:
            return
        if text_columns:
            sheet.range((1, 1), (len(rows), text_columns)).number_format = "@"
        sheet.range("A1").value = [[*r, *([None] * (width - len(r)))] for r in rows]

    def replace_sheet(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        links: Mapping[tuple[int, int], Link] | None = None,
        widths: Sequence[float] = (),
    ) -> None:
        titles = [t for t, _ in self.sheets()]
        with self.protection.structure(self.wb):
            if title in titles:
                position = titles.index(title)
                self.wb.sheets[title].delete()
                after = self.wb.sheets[position - 1] if position else None
                before = None if position else self.wb.sheets[0]
            else:
                after, before = None, self.wb.sheets[0]
            ws = self.wb.sheets.add(title, before=before, after=after)
        cells = [list(r) for r in rows]
        for (row, column), link in (links or {}).items():
            # A HYPERLINK formula: the same on Windows and macOS, and it survives a copy.
            address = (link.file or "") + (f"#{link.location}" if link.location else "")
            shown = cells[row - 1][column - 1]
            text = address if shown is None else str(shown)
            cells[row - 1][column - 1] = f'=HYPERLINK("{_quoted(address)}","{_quoted(text)}")'
        self._write_rows(ws, cells, text_columns=0)
        for column, width in enumerate(widths, start=1):
            ws.range((1, column)).column_width = width
        ws.activate()

    def selection(self) -> tuple[str, str] | None:
        chosen = self.wb.selection
        if chosen is None:
            return None
        return chosen.sheet.name, str(chosen.address).replace("$", "").split(":")[0]

    def grow(self, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Path:
        """Save the workbook, then write the grown copy beside it and open that.

        Excel keeps a file it has open locked, and inserting rows live would leave the
        evaluation sheets pointing at the wrong SKP rows; so the grown workbook is a new
        file, made from the saved one as :meth:`FileBook.grow` makes it.
        """
        path = self.path
        if path is None:
            raise AddinError("Simpan buku kerja ini dulu (File > Simpan), lalu ulangi.")
        self.wb.save()
        grown = free_path(path.with_name(f"{path.stem} (baris baru).xlsx"))
        book = FileBook.open(path, output=grown)
        book.grow(utama=utama, tambahan=tambahan, iki=iki)
        book.commit()
        self.open_other(grown)
        return grown

    def export_pdf(self, path: Path, sheets: Sequence[str]) -> Path:
        """Save the workbook, write its print copy (as ``skp-xl cetak`` makes it) and let
        Excel print that copy.

        Excel saves the values it shows, so the copy sizes rows to the text formulas
        show without a recalculation; the copy is opened, printed with xlwings'
        ``Book.to_pdf`` (its visible sheets: the chosen forms) and closed.
        """
        source = self.path
        if source is None:
            raise AddinError("Simpan buku kerja ini dulu (File > Simpan), lalu ulangi.")
        self.wb.save()
        with tempfile.TemporaryDirectory(prefix="skp-xl-pdf-") as folder:
            copy = write_print_copy(source, Path(folder) / f"{source.stem} (cetak).xlsx", sheets)
            printed = self.wb.app.books.open(str(copy))
            try:
                printed.to_pdf(path=str(path))
            finally:
                printed.close()
        return path

    def commit(self) -> None:
        """Nothing: Excel shows the changes; the person saves when ready."""

    def open_other(self, path: Path) -> None:
        self.wb.app.books.open(str(path))

    def tell(self, message: str, *, error: bool = False) -> None:
        shown = message if len(message) <= 900 else message[:900] + " ... (selengkapnya di log)"
        self.wb.app.alert(shown, title="skp-xl", mode="critical" if error else "info")

    def status(self, text: str) -> None:
        # False hands the status bar back to Excel.
        self.wb.app.status_bar = text or False


def _quoted(text: str) -> str:
    """Text inside an Excel string literal: double quotes doubled."""
    return text.replace('"', '""')


def _is_ours(text: object) -> bool:
    """Whether a note's text is one :meth:`LiveBook.annotate` wrote."""
    return isinstance(text, str) and any(text.startswith(f"{t}: ") for t in TINGKAT.values())


def _rgb(fill: PatternFill) -> RGB:
    value = str(fill.fgColor.rgb)[-6:]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
