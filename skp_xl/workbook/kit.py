"""The public kit every sheet renderer uses: render context, defined names, protection,
page setup, the shared styles and a cell writer that styles and merges cells cheaply.

The SKP writer (:mod:`skp_xl.workbook.writer`), its block renderers
(:mod:`skp_xl.workbook.blocks`) and the Matriks workbook (:mod:`skp_xl.workbook.matriks`)
all draw on this module, so every workbook looks, prints and locks alike.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from copy import copy
from dataclasses import dataclass, field
from typing import Final, Literal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.forms import text as t
from skp_xl.forms.model import Form, WorkbookSpec
from skp_xl.reader.tables import Table
from skp_xl.settings import TAHUN_MAX, TAHUN_MIN
from skp_xl.workbook import formulas as fx

FONT = "Calibri"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
HELPER_FILL = PatternFill("solid", fgColor="FFF2CC")
REQUIRED_FILL = PatternFill("solid", fgColor="FFEB9C")
DIFFERS_FILL = PatternFill("solid", fgColor="F8CBAD")
INPUT = Protection(locked=False)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")


@dataclass
class RenderContext:
    """One workbook being rendered.

    Attributes:
        wb: The workbook.
        spec: What it holds.
        isian: Values the inputs start with, by defined name (identity, period...).
        password: Sheet protection password of the forms; None protects without one.
        tables: The hasil kerja tables rendered so far, by name: where each keeps its
            cells, as the reader will locate them in the saved workbook.
        styles: Computed cell styles, shared by cells that look alike.
    """

    wb: Workbook
    spec: WorkbookSpec
    isian: Mapping[str, str | int] = field(default_factory=dict)
    password: str | None = None
    tables: dict[str, Table] = field(default_factory=dict)
    styles: dict[tuple[object, ...], StyleArray] = field(default_factory=dict)


# Advance widths of Calibri (= Carlito, metric-compatible) in em, for the printable ASCII
# characters from " " to "~", read from Carlito-Regular.ttf (hmtx); bold is about 3 %
# wider. Other characters count as a wide 0.6 em.
_CALIBRI: Final = """
226 326 401 498 507 715 682 221 303 303 498 498 250 306 252 386 507 507 507 507 507 507
507 507 507 507 268 268 498 498 498 463 894 579 544 533 615 488 459 631 623 252 319 520 420
855 646 662 517 673 543 459 487 642 567 890 519 487 468 307 386 307 498 498 291 479 525 423
525 498 305 471 525 229 239 455 229 799 525 527 525 525 349 391 335 525 452 715 433 453 395
314 460 314 498
"""
_WIDTHS: Final = {chr(32 + i): int(w) for i, w in enumerate(_CALIBRI.split())}
_OTHER_WIDTH: Final = 600
_BOLD: Final = 1.03
DIGIT_PX: Final = 7
"""Width in pixels (96 dpi) of one unit of column width: the digit width of Calibri 11,
the workbook's default font, as Excel and LibreOffice count column widths."""
PADDING_PX: Final = 6
"""Pixels of a cell's width that text does not use (margins on both sides)."""
_SAFETY: Final = 1.06
"""Text is measured 6 % wider than its font says: LibreOffice and Excel wrap a little
earlier than an ideal greedy wrap (kerning, hinting, their own margins)."""
LINE_FACTOR: Final = 1.25
"""Height of one line of text, in points, per point of font size (Calibri 10 pt: 12.5 pt;
Carlito's line spacing is 1.22 em)."""
ROW_PADDING: Final = 3.0
"""Points added to a row's text height: the space above the first line and below the last."""
TABLE_ROW: Final = 30.0
"""Height in points of a hasil kerja table's row at least: two lines of the forms' 10 pt
text with room to spare (an indicator rarely fits one line, a realisasi prints its figure
and evidence), as the tables have had since template 1.0."""


def _text_px(text: str, size: float, bold: bool) -> float:
    em = size * 96 / 72
    width = sum(_WIDTHS.get(char, _OTHER_WIDTH) for char in text) / 1000 * em
    return width * (_BOLD if bold else 1) * _SAFETY


def lines_needed(text: str, width: float, *, size: float = 10, bold: bool = False) -> int:
    """Lines a wrapped cell needs to show ``text`` whole, wrapping at spaces as Excel does.

    Args:
        text: The text as the cell shows it; line breaks in it are kept.
        width: The cell's width in Excel units (the sum over a merged range).
        size: Font size in points.
        bold: Bold text.

    Returns:
        The number of lines, at least 1.
    """
    room = max(width * DIGIT_PX + 5 - PADDING_PX, 1.0)
    space = _text_px(" ", size, bold)
    lines = 0
    for paragraph in str(text).split("\n"):
        lines += 1
        used = 0.0
        for word in paragraph.split():
            length = _text_px(word, size, bold)
            if used and used + space + length > room:
                lines += 1
                used = 0.0
            if used:
                used += space + length
            else:
                # A word wider than the cell is broken over several lines.
                extra = max(math.ceil(length / room) - 1, 0)
                lines += extra
                used = length - extra * room
    return max(lines, 1)


def text_height(text: str, width: float, *, size: float = 10, bold: bool = False) -> float:
    """Points a row needs to show ``text`` whole in a wrapped cell ``width`` units wide.

    Neither engine grows a row for a formula's text or for a merged cell, and
    LibreOffice none for text a program wrote, so the writer (rows that will receive
    copied text) and the print copy (rows that hold it) size them with this one measure:
    the lines the text wraps to at its font's widths, one line's pitch each, plus the
    cell's own margins.

    Args:
        text: The text as the cell shows it; line breaks in it are kept.
        width: The cell's width in Excel units (the sum over a merged range).
        size: Font size in points.
        bold: Bold text.

    Returns:
        The height in points.
    """
    return lines_height(lines_needed(text, width, size=size, bold=bold), size)


def lines_height(lines: int, size: float = 10) -> float:
    """Points a row needs for ``lines`` lines of text at ``size`` points (with margins)."""
    return lines * size * LINE_FACTOR + ROW_PADDING


def ref(sheet: str, row: int, column: int) -> str:
    """Absolute reference to one cell, e.g. ``'Evaluasi TW1'!$B$12``."""
    return f"{quote_sheetname(sheet)}!${get_column_letter(column)}${row}"


def a1(row: int, column: int) -> str:
    """Relative A1 address of one cell, e.g. ``B12``."""
    return f"{get_column_letter(column)}{row}"


def define_name(
    wb: Workbook,
    name: str,
    sheet: str,
    row: int,
    column: int,
    row2: int | None = None,
    column2: int | None = None,
) -> None:
    """Define a workbook-scope name for one cell, or a range when ``row2``/``column2`` given."""
    target = ref(sheet, row, column)
    if row2 is not None and column2 is not None and (row2, column2) != (row, column):
        target += f":${get_column_letter(column2)}${row2}"
    wb.defined_names[name] = DefinedName(name, attr_text=target)


class SheetWriter:
    """Writes one form sheet top to bottom: ``row`` is the next free row.

    Block renderers (:mod:`skp_xl.workbook.blocks`) write through it; it creates the
    sheet with the form's column widths (and the narrow spacer column after the grid).
    A block may narrow what prints by setting ``print_first`` or ``print_last``; by
    default the sheet prints from row 1 to ``row``.
    """

    def __init__(self, ctx: RenderContext, form: Form) -> None:
        self.ctx = ctx
        self.form = form
        self.ws = ctx.wb.create_sheet(form.sheet)
        self.row = 1
        self.width = len(form.lebar)
        self.helper_start = self.width + 2
        self.validations: dict[str, DataValidation] = {}
        self.header_rows: tuple[int, int] | None = None
        self.print_first = 1
        self.print_last: int | None = None
        self.later: dict[str, list[str]] = {}  # input message -> ranges, added by finish()
        if form.tersembunyi:
            self.ws.sheet_state = "hidden"
        for index, width in enumerate(form.lebar, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        if form.jarak:
            self.ws.column_dimensions[get_column_letter(self.width + 1)].width = 2

    # -- cells -------------------------------------------------------------------------

    def put(
        self,
        row: int,
        column: int,
        value: object,
        *,
        span: int = 1,
        rows: int = 1,
        bold: bool = False,
        size: float = 10,
        italic: bool = False,
        align: Alignment = WRAP_TOP,
        border: bool = False,
        fill: PatternFill | None = None,
        unlocked: bool = False,
    ) -> None:
        """Write ``value`` at (row, column), merged over ``span`` columns and ``rows`` rows.

        Text not starting with ``=`` is stored as text; ``unlocked`` makes it an input of
        the protected sheet; ``border`` frames every cell of the merged range.
        """
        ws = self.ws
        cell = ws.cell(row=row, column=column, value=value)
        if isinstance(value, str) and not value.startswith("="):
            cell.data_type = "s"
        self._style(cell, (bold, size, italic, align, border, fill, unlocked))
        last_row, last_col = row + rows - 1, column + span - 1
        if (last_row, last_col) != (row, column):
            # Registered directly: ws.merge_cells() would restyle every edge cell again
            # (openpyxl's MergedCellRange.format), which cost most of the build time;
            # the borders are set below, once.
            ws.merged_cells.add(MergedCellRange(ws, f"{a1(row, column)}:{a1(last_row, last_col)}"))
        if border:
            edge = (False, 10, False, align, True, None, unlocked)
            for r in range(row, last_row + 1):
                for c in range(column, last_col + 1):
                    if (r, c) != (row, column):
                        self._style(ws.cell(row=r, column=c), edge)

    def _style(self, cell: Cell, key: tuple[object, ...]) -> None:
        # Setting font, border... hashes every style object each time, which dominated
        # build time; cells with the same look share one computed style array instead.
        bold, size, italic, align, border, fill, unlocked = key
        assert isinstance(align, Alignment)
        # Style objects hash slowly: key on plain values (fills are module constants).
        fast = (
            bold,
            size,
            italic,
            align.horizontal,
            align.vertical,
            align.wrap_text,
            border,
            id(fill),
            unlocked,
        )
        cached = self.ctx.styles.get(fast)
        if cached is not None:
            cell._style = copy(cached)
            return
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = align
        if border:
            cell.border = BORDER
        if unlocked:
            cell.protection = INPUT
        if fill is not None:
            cell.fill = fill
        self.ctx.styles[fast] = copy(cell._style)

    def dropdown(
        self, list_name: str, cell: str, *, strict: bool = True, prompt: str | None = None
    ) -> None:
        """A dropdown of the named list on ``cell``; other text is refused when ``strict``,
        otherwise only warned about."""
        key = f"{list_name}:{strict}:{prompt}"
        dv = self.validations.get(key)
        if dv is None:
            dv = DataValidation(
                type="list",
                formula1=list_name,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if strict else "warning",
            )
            dv.errorTitle = "Pilihan tidak dikenal"
            dv.error = "Pilih salah satu nilai dari daftar."
            if prompt:
                dv.promptTitle = "Petunjuk"
                dv.prompt = prompt
                dv.showInputMessage = True
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(cell)

    def number(self, cell: str, prompt: str | None = None) -> None:
        """Accept only a number of zero or more in ``cell``; ``prompt``: the input message
        shown when the cell is selected."""
        key = "number" if prompt is None else f"number:{prompt}"
        dv = self.validations.get(key)
        if dv is None:
            dv = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
            )
            dv.errorTitle = "Bukan angka"
            dv.error = "Isi dengan angka saja (mis. 20 atau 2,5); satuan di kolom Satuan."
            if prompt:
                dv.promptTitle = "Petunjuk"
                dv.prompt = prompt
                dv.showInputMessage = True
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(cell)

    def panjang(self, cell: str, maks: int, prompt: str | None = None) -> None:
        """Accept at most ``maks`` characters in ``cell``; ``prompt``: the input message
        (by default one that names the limit and why)."""
        key = f"panjang:{maks}:{prompt}"
        dv = self.validations.get(key)
        if dv is None:
            dv = DataValidation(
                type="textLength",
                operator="lessThanOrEqual",
                formula1=str(maks),
                allow_blank=True,
                showErrorMessage=True,
                showInputMessage=True,
            )
            dv.errorTitle = "Teks terlalu panjang"
            dv.error = t.PANJANG_MAKS.format(maks=maks)
            dv.promptTitle = "Petunjuk"
            dv.prompt = prompt or t.PROMPT_PANJANG.format(maks=maks)
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(cell)

    def required(self, cell: str) -> None:
        """Colour ``cell`` while it is blank: it must be filled."""
        self.ws.conditional_formatting.add(
            cell, FormulaRule(formula=[f"LEN(TRIM({cell}))=0"], fill=REQUIRED_FILL)
        )

    def label_value(
        self, label: str, value: object, *, bold: bool = False, unlocked: bool = False
    ) -> int:
        """A label over the left part of the grid and a value over the rest; the value column."""
        split = max(2, self.width // 2)
        self.put(
            self.row,
            1,
            label,
            span=split,
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=Alignment(vertical="center", wrap_text=True),
        )
        self.put(
            self.row,
            split + 1,
            value,
            span=self.width - split,
            bold=bold,
            border=True,
            unlocked=unlocked,
            align=Alignment(vertical="center", wrap_text=True),
        )
        return split + 1

    def prompt(self, prompt: str, ranges: Iterable[str]) -> None:
        """An input message (no restriction) on each of ``ranges``."""
        add_prompt(self.ws, prompt, ranges)

    def prompt_later(self, prompt: str, cells: str) -> None:
        """An input message on ``cells``, sharing one validation with every other range
        given the same message; the validations are added after the sheet's others."""
        self.later.setdefault(prompt, []).append(cells)

    def print_setup(self) -> None:
        """A4 in the form's orientation over the grid written so far, its code in the footer."""
        ws = self.ws
        kode = self.form.kode
        last = self.row if self.print_last is None else self.print_last
        page_setup(
            ws,
            f"A{self.print_first}:{get_column_letter(self.width)}{last}",
            self.form.orientasi.value,
            footer=f"Format {kode}" if "." in kode else kode,
            centred=self.form.tengah,
        )
        if self.header_rows is not None:
            ws.print_title_rows = f"{self.header_rows[0]}:{self.header_rows[1]}"
        if self.form.zoom is not None:
            ws.sheet_view.zoomScale = self.form.zoom

    def finish(self) -> None:
        """Input messages left for later, print setup (when the form prints) and
        protection, once every block is written."""
        for prompt, ranges in self.later.items():
            add_prompt(self.ws, prompt, ranges)
        if self.form.cetak:
            self.print_setup()
        protect(self.ws, self.ctx.password if self.form.sandi else None)


def nip_check(ws: Worksheet, first: str) -> DataValidation:
    """The 18-digit NIP check, added to ``ws``; ``first`` is the first cell it will cover
    (a custom rule is written for its range's first cell and applies relative to it)."""
    dv = DataValidation(
        type="custom",
        formula1=fx.nip_valid_formula(first),
        allow_blank=True,
        showErrorMessage=True,
    )
    dv.errorTitle = "NIP tidak valid"
    dv.error = "NIP harus 18 digit angka, diketik sebagai teks (tanpa spasi)."
    ws.add_data_validation(dv)
    return dv


def add_prompt(ws: Worksheet, prompt: str, ranges: Iterable[str]) -> None:
    """An input message (no restriction) on each of ``ranges``."""
    dv = DataValidation(allow_blank=True, showInputMessage=True)
    dv.promptTitle = "Petunjuk"
    dv.prompt = prompt[:255]
    ws.add_data_validation(dv)
    for cells in ranges:
        dv.add(cells)


PAGE_NUMBERS: Final = "Halaman &P dari &N"
"""The page-number footer (Excel fills in ``&P`` and ``&N``)."""


def page_setup(
    ws: Worksheet,
    area: str | None = None,
    orientation: str = "landscape",
    *,
    title_rows: str | None = None,
    footer: str = "",
    footer_side: Literal["left", "right"] = "right",
    page_numbers: Literal["center", "right"] | None = "center",
    footer_size: int | None = 8,
    margins: tuple[float, float | None] | None = (0.4, 0.6),
    centred: bool = True,
    gridlines: bool = False,
) -> None:
    """Print on A4 in ``orientation``, one page wide and as many pages long as needed.

    The one home of the print setup: the official forms use the defaults, the plain
    tables (summary, findings report, ``--output`` tables) switch parts off. An option
    left off leaves openpyxl's default untouched, so the saved XML stays as it was.

    Args:
        ws: The sheet.
        area: The print area, or ``None`` for the whole used range.
        orientation: ``"portrait"`` or ``"landscape"``.
        title_rows: Rows repeated on every page, such as ``"1:1"``.
        footer: Text for the footer (``&`` is printed as is, not read as a code).
        footer_side: Where ``footer`` goes.
        page_numbers: Where "Halaman &P dari &N" goes, or ``None`` for no page numbers.
        footer_size: Font size of the footer parts, or ``None`` for Excel's default.
        margins: ``(left and right, top and bottom)`` in inches, ``None`` keeping
            Excel's default for that pair, or ``None`` for every default margin.
        centred: Centre the print horizontally on the page.
        gridlines: Show the gridlines; the forms hide them, being bordered already.
    """
    if area is not None:
        ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
    if margins is not None:
        sides, top_bottom = margins
        ws.page_margins.left = ws.page_margins.right = sides
        if top_bottom is not None:
            ws.page_margins.top = ws.page_margins.bottom = top_bottom
    if centred:
        ws.print_options.horizontalCentered = True
    parts: dict[str, str] = {page_numbers: PAGE_NUMBERS} if page_numbers else {}
    if footer:
        parts[footer_side] = footer.replace("&", "&&")
    for side, text in parts.items():
        part = getattr(ws.oddFooter, side)
        part.text = text
        if footer_size is not None:
            part.size = footer_size
    if not gridlines:
        ws.sheet_view.showGridLines = False


def validate_tahun(ws: Worksheet, cell: str) -> None:
    """A whole-number validation for the SKP year, from ``settings.TAHUN_MIN`` to
    ``settings.TAHUN_MAX``."""
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1=str(TAHUN_MIN),
        formula2=str(TAHUN_MAX),
        allow_blank=True,
        showErrorMessage=True,
    )
    dv.error = f"Tahun SKP: {TAHUN_MIN} sampai {TAHUN_MAX} (PermenPANRB 6/2022)."
    ws.add_data_validation(dv)
    dv.add(cell)


def protect(ws: Worksheet, password: str | None) -> None:
    """Lock the sheet (with ``password`` when given); unlocked cells stay the inputs."""
    ws.protection.sheet = True
    if password:
        ws.protection.password = password
    # Let people resize rows and columns to read long text; everything else stays locked.
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.protection.formatCells = True
