"""The forms a person signs: a print copy of an SKP workbook, and its PDF through LibreOffice.

The copy is a transformation of the workbook, never of the file itself: empty hasil kerja
blocks (and the empty IKI rows after the last filled one) are hidden, every printed row
is made tall enough for the text it shows (typed, or copied by a formula: the text is
taken from a LibreOffice recalculation), helper fills (input reminders, the orange of a
rating that differs from the suggestion) and the PERIODE input box are taken off, and a
form whose table header repeats on every page is split before its PERILAKU block into a
second sheet without print titles, so the header never stands above a non-table block.
The tables are found by the one table locator (:mod:`skp_xl.reader.tables`).
"""

from __future__ import annotations

import math
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import openpyxl
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.styles import Border, PatternFill
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import PeriodeEvaluasi, normalize_periode
from skp_xl.errors import CetakError, LibreOfficeError, NotAnSkpWorkbook
from skp_xl.fileio import atomic_output
from skp_xl.forms.catalog import (
    MANUAL_IKI_TABLE,
    SKP_TABLE,
    UMPAN_BALIK_TABLE,
    dokumen_evaluasi_form,
    umpan_balik_form,
)
from skp_xl.forms.legacy2021 import (
    MANUAL_IK_2021_TABLE,
    REVIU_2021_TABLE,
    SKP_2021_TABLE,
    VERIFIKASI_AK_TABLE,
)
from skp_xl.forms.model import PeriodeLabel, eval_name
from skp_xl.libreoffice import Soffice, find_soffice
from skp_xl.reader.read import read_record
from skp_xl.reader.snapshot import Snapshot, open_snapshot
from skp_xl.reader.tables import Table, locate
from skp_xl.reader.triage import triage
from skp_xl.settings import SOFFICE_ENV, SOFFICE_TIMEOUT
from skp_xl.workbook import fill
from skp_xl.workbook.kit import (
    DIFFERS_FILL,
    HELPER_FILL,
    REQUIRED_FILL,
    TABLE_ROW,
    lines_height,
    lines_needed,
    text_height,
)
from skp_xl.workbook.kit import DIGIT_PX as _DIGIT_PX

__all__ = [
    "NOT_PRINTED",
    "TIDAK_ADA_LIBREOFFICE",
    "CetakError",
    "Cetakan",
    "cetak",
    "lines_needed",
    "print_copy",
    "sheets_to_print",
    "write_print_copy",
]

NOT_PRINTED: Final = ("Petunjuk", "Identitas", "SKP Bawahan")
"""Visible sheets printed only when asked for by name: they are not forms."""

TIDAK_ADA_LIBREOFFICE: Final = (
    "LibreOffice (soffice) tidak ditemukan; skp-xl memakainya untuk mencetak formulir ke PDF. "
    "Pasang LibreOffice Calc (Debian/Ubuntu: 'sudo apt-get install libreoffice-calc'; "
    "Windows dan macOS: unduh dari https://www.libreoffice.org/download/), atau sebutkan "
    f"letak soffice di variabel lingkungan {SOFFICE_ENV}. Tanpa LibreOffice: buka berkas "
    "di Excel dan pakai File > Simpan Sebagai > PDF."
)
"""What to do when LibreOffice is missing, in the words the command prints."""

TABLES: Final = (
    SKP_TABLE,
    UMPAN_BALIK_TABLE,
    MANUAL_IKI_TABLE,
    *(eval_name(periode, "HASIL_KERJA") for periode in PeriodeEvaluasi),
    # PermenPANRB 8/2021 workbooks (docs/legacy.md): the same blocks, the same hiding.
    SKP_2021_TABLE,
    MANUAL_IK_2021_TABLE,
    REVIU_2021_TABLE,
    VERIFIKASI_AK_TABLE,
)
"""The defined names of the hasil kerja tables a printed form may hold (6/2022 and
8/2021)."""
TABLES_2021: Final = frozenset(
    {SKP_2021_TABLE, MANUAL_IK_2021_TABLE, REVIU_2021_TABLE, VERIFIKASI_AK_TABLE}
)
"""The 8/2021 tables: on their sheets only a signature follows the table, and it prints
with the table's last block, never alone under the repeated header."""

PERIODE_INPUTS: Final = tuple(
    block.name
    for form in (umpan_balik_form(), dokumen_evaluasi_form())
    for block in form.blok
    if isinstance(block, PeriodeLabel) and block.name
)
"""The PERIODE dropdowns: an input box on screen, plain text on paper."""

HELPER_COLOURS: Final = frozenset(
    str(f.fgColor.rgb)[-6:] for f in (HELPER_FILL, REQUIRED_FILL, DIFFERS_FILL)
)
"""Fills that help on screen and have no place on the official form."""

DEFAULT_WIDTH: Final = 8.43
"""Excel's width of a column without one set."""
A4_POINTS: Final = (595.3, 841.9)
"""Width and height of an A4 page in points (portrait)."""
PAGE_FILL: Final = 0.95
"""Share of a page's printable height the copy plans to fill: LibreOffice's row heights
and scaling differ a little from the estimate, and a page it must break itself would cut
a block."""
DEFAULT_HEIGHT: Final = 15.0
"""Height in points of a row without one set: Excel's for Calibri 11, and the pitch
LibreOffice printed such rows of the forms' 10 pt text at (measured in a PDF at 100 %)."""


@dataclass(frozen=True)
class Cetakan:
    """What :func:`cetak` printed.

    Attributes:
        pdf: The PDF written.
        lembar: The sheets printed, in workbook order.
    """

    pdf: Path
    lembar: tuple[str, ...]


# -- choosing the sheets -----------------------------------------------------------------------


Values = Mapping[str, Mapping[str, object]]
"""Displayed values: sheet title -> A1 coordinate -> value (blank cells left out)."""


def _read_values(path: Path) -> dict[str, dict[str, object]]:
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        values: dict[str, dict[str, object]] = {}
        for ws in wb.worksheets:
            cells: dict[str, object] = {}
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None and hasattr(cell, "coordinate"):
                        cells[cell.coordinate] = cell.value
            values[ws.title] = cells
        return values
    finally:
        wb.close()


def _named_value(wb: Workbook, values: Values, name: str) -> object:
    try:
        sheet, cell = fill.named(wb, name)
    except (KeyError, ValueError):
        return None
    return values.get(sheet, {}).get(cell)


def _periode_of(value: object) -> PeriodeEvaluasi | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        return normalize_periode(value)
    except InvalidValueError:
        return None


def sheets_to_print(
    wb: Workbook,
    values: Values,
    *,
    lembar: Sequence[str] = (),
    periode: PeriodeEvaluasi | None = None,
    dinilai: Iterable[PeriodeEvaluasi] | None = None,
) -> list[str]:
    """The sheets to print, in workbook order.

    Args:
        wb: The workbook.
        values: Its displayed values (for the PERIODE inputs).
        lembar: Sheets asked for by name (case and spaces as typed are forgiven).
        periode: Print the forms of this period: its evaluation sheet, and the Umpan
            Balik and Dokumen Evaluasi when their PERIODE names it.
        dinilai: Periods something is filled in for; without ``lembar`` and ``periode``
            every visible form prints except :data:`NOT_PRINTED` and evaluation sheets
            of other periods. None: every evaluation sheet.

    Returns:
        Sheet titles.

    Raises:
        CetakError: A sheet asked for does not exist, or nothing is left to print.
    """
    titles = {" ".join(title.split()).casefold(): title for title in wb.sheetnames}
    chosen: set[str] = set()
    for name in lembar:
        title = titles.get(" ".join(name.split()).casefold())
        if title is None:
            forms = ", ".join(_printable(wb))
            raise CetakError(
                f"Sheet '{name}' tidak ada di buku kerja ini. Sheet formulir: {forms}."
            )
        chosen.add(title)
    if periode is not None:
        table = _sheet_of(wb, eval_name(periode, "HASIL_KERJA"))
        if table is None:
            raise CetakError(f"Buku kerja ini tidak punya sheet evaluasi periode {periode.value}.")
        chosen.add(table)
        for name in PERIODE_INPUTS:
            sheet = _sheet_of(wb, name)
            if sheet is not None and _periode_of(_named_value(wb, values, name)) is periode:
                chosen.add(sheet)
    if not lembar and periode is None:
        filled = None if dinilai is None else set(dinilai)
        evaluations = {
            sheet: p
            for p in PeriodeEvaluasi
            if (sheet := _sheet_of(wb, eval_name(p, "HASIL_KERJA"))) is not None
        }
        for title in _printable(wb):
            p = evaluations.get(title)
            if title in NOT_PRINTED or (filled is not None and p is not None and p not in filled):
                continue
            chosen.add(title)
    ordered = [title for title in wb.sheetnames if title in chosen]
    if not ordered:
        raise CetakError("Tidak ada sheet formulir untuk dicetak.")
    return ordered


def _printable(wb: Workbook) -> list[str]:
    """Visible sheets that have a print area."""
    return [ws.title for ws in wb.worksheets if ws.sheet_state == "visible" and ws.print_area]


def _sheet_of(wb: Workbook, name: str) -> str | None:
    try:
        return fill.destination(wb, name)[0]
    except (KeyError, ValueError):
        return None


# -- the print copy ------------------------------------------------------------------------


def print_copy(wb: Workbook, values: Values, sheets: Sequence[str]) -> Workbook:
    """Turn ``wb`` (loaded with its formulas) into the copy that prints ``sheets``.

    ``wb`` is changed in place and returned: load a fresh one from the file for this.

    Args:
        wb: The workbook, loaded with openpyxl (formulas kept).
        values: Its displayed values, from a recalculation (:func:`cetak` asks LibreOffice).
        sheets: The sheets to print; every other sheet is hidden and loses its print area.

    Returns:
        ``wb``.
    """
    wanted = set(sheets)
    tables: dict[str, list[Table]] = {}
    sheets_2021: set[str] = set()
    for name in TABLES:
        found = _table(wb, name)
        if found is not None:
            tables.setdefault(found.sheet, []).append(found)
            if name in TABLES_2021:
                sheets_2021.add(found.sheet)
    for name in PERIODE_INPUTS:
        sheet = _sheet_of(wb, name)
        if sheet in wanted:
            _plain_periode(wb[sheet], fill.named(wb, name)[1])
    for ws in list(wb.worksheets):
        if ws.title not in wanted:
            # LibreOffice prints a hidden sheet that has a print area: take it off too.
            ws.sheet_state = "hidden"
            ws.print_area = None
            ws.sheet_view.tabSelected = False
            continue
        shown = values.get(ws.title, {})
        _off_paper(ws)
        glue = None
        heads: set[int] = set()
        for table in tables.get(ws.title, []):
            _hide_empty(ws, table, shown)
            _unsize_blocks(ws, table)
            body = [r for r in range(table.top, table.bottom + 1) if _row_height(ws, r)]
            glue = max(body, default=None)
            # The heading above the header ("HASIL KERJA"), the header, "A. UTAMA" and
            # "B. TAMBAHAN" (with the headers repeated under it) print with the block
            # below them.
            heads.update(range(table.header_row - 1, table.top + 1))
            if table.tambahan_row is not None and table.tambahan:
                heads.update(range(table.tambahan_row, table.blocks[table.utama]))
        _fit_rows(ws, shown)
        parts = _split_after_table(wb, ws)
        for part in parts:
            # The rows after a split table (its rating) print with its last block, never
            # alone under a repeated header.
            split = len(parts) > 1 and part is ws
            after = split or ws.title in sheets_2021
            _keep_together(part, glue=glue if after else None, heads=heads)
    wb.active = next(i for i, ws in enumerate(wb.worksheets) if ws.sheet_state == "visible")
    return wb


def _table(wb: Workbook, name: str) -> Table | None:
    """The table ``name`` of ``wb`` as the reader locates it, or None when it has none.

    The Verifikasi AK of 8/2021 has kinerja utama only: no "B. TAMBAHAN" row, which
    :func:`~skp_xl.workbook.fill.table` asks of every table it fills; it is found by the
    reader's locator itself.
    """
    try:
        return fill.table(wb, name)
    except KeyError:
        return None
    except ValueError:
        if name != VERIFIKASI_AK_TABLE:
            return None
        return locate(Snapshot(f"<{name}>", fill.WorkbookEngine(wb)), name)


def _print_box(ws: Worksheet) -> tuple[int, int, int, int]:
    """(first column, first row, last column, last row) of the sheet's print area (its
    used range when it has none)."""
    area = ws.dimensions
    if ws.print_area:
        area = str(ws.print_area).split(",")[0].split("!")[-1].replace("$", "")
    min_col, min_row, max_col, max_row = range_boundaries(area)
    assert min_col is not None
    assert min_row is not None
    assert max_col is not None
    assert max_row is not None
    return min_col, min_row, max_col, max_row


def _off_paper(ws: Worksheet) -> None:
    """Take helper fills and conditional colours off the printed cells."""
    ws.conditional_formatting = ConditionalFormattingList()
    for row in ws.iter_rows():
        for cell in row:
            solid = cell.has_style and cell.fill.fill_type == "solid"
            if solid and str(cell.fill.fgColor.rgb)[-6:] in HELPER_COLOURS:
                cell.fill = PatternFill()


def _plain_periode(ws: Worksheet, coordinate: str) -> None:
    """The PERIODE input prints as text: no box around it."""
    merged = next((r for r in ws.merged_cells.ranges if coordinate in r), None)
    cells = merged.cells if merged is not None else [ws[coordinate]]
    for item in cells:
        row, column = item if isinstance(item, tuple) else (item.row, item.column)
        ws.cell(row=row, column=column).border = Border()


def _has_text(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _hide_empty(ws: Worksheet, table: Table, shown: Mapping[str, object]) -> None:
    """Hide blocks with nothing to show, and the empty IKI rows after a block's last line.

    Only inputs and formulas count: a printed label (the "Ukuran keberhasilan" line of a
    kualitatif item) does not fill a block. A section with no filled block keeps its
    first block, so a blank form still shows one empty line under "A. UTAMA" and under
    "B. TAMBAHAN".
    """
    _, _, last_column, _ = _print_box(ws)
    # The number column is left out: it shows a number only beside a filled block.
    columns = range(2, last_column + 1)

    def counts(row: int, column: int) -> bool:
        cell = ws._cells.get((row, column))
        if cell is None or not _has_text(shown.get(cell.coordinate)):
            return False
        formula = isinstance(cell.value, str) and cell.value.startswith("=")
        return formula or not cell.protection.locked

    def filled(row: int) -> bool:
        return any(counts(row, column) for column in columns)

    sections = (range(table.utama), range(table.utama, len(table.blocks)))
    for section in sections:
        kept = [block for block in section if any(filled(r) for r in table.rows(block))]
        if not kept and len(section):
            kept = [section[0]]
        for block in section:
            rows = table.rows(block)
            if block not in kept:
                last = rows.start - 1
            elif _narrative(ws, table, block):
                # A narrative item prints all its rows: text, label, text.
                last = rows.stop - 1
            else:
                last = max((r for r in rows if filled(r)), default=rows.start)
            for row in range(last + 1, rows.stop):
                ws.row_dimensions[row].hidden = True
    # A table of one section (the 8/2021 Verifikasi AK) ends in the row its absent
    # "B." label would take: nothing prints there, and the signature must follow the
    # last block, not that row.
    for row in range(max(table.ends, default=table.bottom) + 1, table.bottom + 1):
        ws.row_dimensions[row].hidden = True


def _narrative(ws: Worksheet, table: Table, block: int) -> bool:
    """A block of one text across the table (kualitatif SKP): B merged beyond column C."""
    first = table.blocks[block]
    return any(
        r.min_row == first + 2 and r.min_col == 2 and r.max_col > 3 for r in ws.merged_cells.ranges
    )


def _unsize_blocks(ws: Worksheet, table: Table) -> None:
    """Bring the table's block rows down to the table's least height, for
    :func:`_fit_rows` to size them to the text they show.

    The workbook builds rows that copy the SKP's texts tall enough for the longest text
    allowed (so that printing it directly loses nothing); the print copy knows the text
    and keeps the pages few.
    """
    for block in range(len(table.blocks)):
        for row in table.rows(block):
            dimension = ws.row_dimensions[row]
            if dimension.height is not None and dimension.height > TABLE_ROW:
                dimension.height = TABLE_ROW


def _width(ws: Worksheet, first: int, last: int) -> float:
    total = 0.0
    for column in range(first, last + 1):
        dimension = ws.column_dimensions.get(get_column_letter(column))
        width = dimension.width if dimension is not None and dimension.width else DEFAULT_WIDTH
        total += width
    return total


def _fit_rows(ws: Worksheet, shown: Mapping[str, object]) -> None:
    """Make every visible printed row tall enough for the wrapped text it shows.

    A cell merged over one row sets that row's need; a cell merged over several rows
    (a rencana hasil kerja beside its IKI rows) shares its need among its visible rows,
    growing each by the same amount when together they are too low.
    """
    first_col, first_row, last_col, last_row = _print_box(ws)
    spans = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
    tall: list[tuple[int, int, float]] = []  # (first row, last row, points needed)
    for (row, column), cell in list(ws._cells.items()):
        if not (first_row <= row <= last_row and first_col <= column <= last_col):
            continue
        text = shown.get(cell.coordinate)
        if not _has_text(text) or not (cell.alignment and cell.alignment.wrap_text):
            continue
        merged = spans.get((row, column))
        end_col = merged.max_col if merged is not None else column
        end_row = merged.max_row if merged is not None else row
        size = float(cell.font.sz or 11) if cell.font else 11.0
        bold = bool(cell.font and cell.font.b)
        need = text_height(
            str(text), _width(ws, column, min(end_col, last_col)), size=size, bold=bold
        )
        tall.append((row, end_row, need))
    for row, end_row, need in tall:
        if row == end_row and not ws.row_dimensions[row].hidden:
            current = ws.row_dimensions[row].height
            # A row without a height grows to one line by itself.
            if current is None and need <= max(DEFAULT_HEIGHT, lines_height(1)):
                continue
            if current is None or current < need:
                ws.row_dimensions[row].height = need
    for row, end_row, need in tall:
        if row == end_row:
            continue
        visible = [r for r in range(row, end_row + 1) if not ws.row_dimensions[r].hidden]
        if not visible:
            continue
        heights = [ws.row_dimensions[r].height or DEFAULT_HEIGHT for r in visible]
        short = need - sum(heights)
        if short > 0:
            for r, height in zip(visible, heights, strict=True):
                ws.row_dimensions[r].height = height + short / len(visible)


def _split_after_table(wb: Workbook, ws: Worksheet) -> list[Worksheet]:
    """Print the blocks after a repeated table header from a second sheet without it.

    Print titles repeat on every page after they first appear, and neither Excel nor
    LibreOffice can stop them at a row; so the copy prints the rows up to the page break
    before PERILAKU from this sheet (header repeated) and the rest from a copy of it
    that repeats nothing. The pages follow each other in the PDF.

    Returns:
        The sheets that print the form: ``ws``, and the copy when there is one.
    """
    if not ws.print_title_rows or not ws.row_breaks.brk:
        return [ws]
    first_col, first_row, last_col, last_row = _print_box(ws)
    title_last = int(re.findall(r"\d+", str(ws.print_title_rows))[-1])
    after = [b.id for b in ws.row_breaks.brk if b.id is not None and b.id > title_last]
    if not after:
        return [ws]
    cut = min(after)
    rest = wb.copy_worksheet(ws)
    rest.title = _fresh_title(wb, f"{ws.title} (2)")
    wb.move_sheet(rest, wb.index(ws) + 1 - wb.index(rest))
    rest.print_area = (
        f"{get_column_letter(first_col)}{cut + 1}:{get_column_letter(last_col)}{last_row}"
    )
    rest.print_title_rows = None
    rest.oddFooter = ws.oddFooter
    rest.sheet_view.showGridLines = ws.sheet_view.showGridLines
    rest.sheet_view.tabSelected = False
    for brk in ws.row_breaks.brk:
        if brk.id is not None and brk.id > cut:
            rest.row_breaks.append(brk)
    ws.print_area = f"{get_column_letter(first_col)}{first_row}:{get_column_letter(last_col)}{cut}"
    return [ws, rest]


def _row_height(ws: Worksheet, row: int) -> float:
    dimension = ws.row_dimensions.get(row)
    if dimension is None:
        return DEFAULT_HEIGHT
    if dimension.hidden:
        return 0.0
    return float(dimension.height) if dimension.height else DEFAULT_HEIGHT


def _page_rows(ws: Worksheet) -> float:
    """Points of sheet height one printed page holds (fit to width scales the sheet)."""
    first_col, _, last_col, _ = _print_box(ws)
    landscape = ws.page_setup.orientation == "landscape"
    width, height = A4_POINTS[::-1] if landscape else A4_POINTS
    margins = ws.page_margins
    printable_width = width - (margins.left + margins.right) * 72
    printable_height = height - (margins.top + margins.bottom) * 72
    sheet_width = sum(
        (_width(ws, column, column) * _DIGIT_PX + 5) * 0.75
        for column in range(first_col, last_col + 1)
    )
    scale = min(1.0, printable_width / sheet_width)
    # LibreOffice scales by a whole percentage, rounded down.
    scale = max(math.floor(scale * 100), 10) / 100
    return float(printable_height / scale * PAGE_FILL)


def _keep_together(ws: Worksheet, *, glue: int | None = None, heads: Iterable[int] = ()) -> None:
    """Break pages before a group of rows a merged cell spans, never inside it.

    A merged cell cut by a page break prints its text on the first part only, so a
    rencana hasil kerja beside its IKI rows (or a BerAKHLAK value over two rows) must
    start a page when it does not fit on the current one. Rows repeated as print titles
    take their room on every page after the first that shows them.

    Args:
        ws: A printed sheet, its rows already hidden and sized.
        glue: A row whose group takes every row after it along (the last row of a
            table whose sheet prints nothing else after it).
        heads: Rows that print on the page of the rows below them (a header, a section
            label).
    """
    leading = set(heads)
    _, first_row, _, last_row = _print_box(ws)
    capacity = _page_rows(ws)
    titles: tuple[int, int] | None = None
    if ws.print_title_rows:
        numbers = [int(n) for n in re.findall(r"\d+", str(ws.print_title_rows))]
        titles = (numbers[0], numbers[-1])
    title_height = (
        sum(_row_height(ws, r) for r in range(titles[0], titles[1] + 1)) if titles else 0.0
    )
    ends: dict[int, int] = {}
    for merged in ws.merged_cells.ranges:
        if merged.max_row > merged.min_row:
            ends[merged.min_row] = max(ends.get(merged.min_row, 0), merged.max_row)
    manual = {b.id for b in ws.row_breaks.brk if b.id is not None}
    used, row = 0.0, first_row
    while row <= last_row:
        end = row
        scan = row
        while scan <= end:
            end = max(end, ends.get(scan, scan))
            # A heading row takes the next row (and the group it starts) along.
            if scan == end and scan in leading and end < last_row:
                end += 1
            scan += 1
        if glue is not None and row <= glue <= end:
            end = last_row
        end = min(end, last_row)
        height = sum(_row_height(ws, r) for r in range(row, end + 1))
        if used and used + height > capacity:
            ws.row_breaks.append(Break(id=row - 1))
            used = title_height if titles and row > titles[1] else 0.0
        used += height
        if any(r in manual for r in range(row, end + 1)):
            used = 0.0
            if titles and end >= titles[1]:
                used = title_height
        row = end + 1


def _fresh_title(wb: Workbook, title: str) -> str:
    candidate, number = title, 2
    while candidate in wb.sheetnames:
        number += 1
        candidate = f"{title} {number}"
    return candidate[:31]


# -- the command's work ----------------------------------------------------------------------


def cetak(
    source: Path,
    target: Path,
    *,
    lembar: Sequence[str] = (),
    periode: PeriodeEvaluasi | None = None,
    executable: str | None = None,
    timeout: float = SOFFICE_TIMEOUT,
    force: bool = True,
) -> Cetakan:
    """Print the forms of an SKP workbook to one PDF, through a print copy and LibreOffice.

    The source file is only read. LibreOffice runs twice on one private profile: first to
    recalculate a copy (the text each formula shows sizes its row), then to print the
    transformed copy.

    Args:
        source: The workbook (.xlsx or .xlsm).
        target: The PDF, written atomically.
        lembar: Sheets to print by name (see :func:`sheets_to_print`).
        periode: Print the forms of one evaluation period.
        executable: soffice; found with :func:`~skp_xl.libreoffice.find_soffice` when None.
        timeout: Seconds each soffice run may take.
        force: Replace ``target`` if it exists.

    Returns:
        The PDF and the sheets printed.

    Raises:
        CetakError: LibreOffice is missing (:data:`TIDAK_ADA_LIBREOFFICE`), the file
            cannot be read, a sheet asked for is missing, or LibreOffice made no PDF.
        OutputExistsError: ``target`` exists and ``force`` is False.
    """
    soffice = executable or find_soffice()
    if soffice is None:
        raise CetakError(TIDAK_ADA_LIBREOFFICE)
    checked = triage(source)
    if checked.blocking is not None:
        raise CetakError(checked.blocking.message)
    with tempfile.TemporaryDirectory(prefix="skp-xl-cetak-") as folder:
        work = Path(folder)
        staged = work / f"sumber{source.suffix.lower()}"
        shutil.copyfile(source, staged)
        engine = Soffice(soffice, work / "soffice", timeout=timeout)
        try:
            recalculated = engine.recalculate([staged])[staged]
        except LibreOfficeError as error:
            raise CetakError(
                f"LibreOffice tidak dapat membuka '{source.name}' untuk dihitung ulang: {error}"
            ) from error
        values = _read_values(recalculated)
        wb = openpyxl.load_workbook(staged)
        chosen = sheets_to_print(
            wb, values, lembar=lembar, periode=periode, dinilai=_dinilai(recalculated)
        )
        copy = work / "cetak.xlsx"
        print_copy(wb, values, chosen).save(copy)
        try:
            pdf = engine.pdf([copy])[copy]
        except LibreOfficeError as error:
            raise CetakError(
                f"LibreOffice tidak menghasilkan PDF dari '{source.name}': {error}"
            ) from error
        with atomic_output(target, force=force) as temporary:
            shutil.copyfile(pdf, temporary)
    return Cetakan(target, tuple(chosen))


def write_print_copy(source: Path, target: Path, sheets: Sequence[str]) -> Path:
    """Write the print copy of a workbook whose saved values are current (saved by Excel).

    The add-in's Ekspor PDF in Excel prints this copy with Excel: Excel saved the
    workbook with the values it shows, so no recalculation is needed.

    Args:
        source: The workbook, as Excel last saved it.
        target: The .xlsx to write.
        sheets: The sheets to print (see :func:`sheets_to_print`).

    Returns:
        ``target``.

    Raises:
        CetakError: A sheet asked for is missing.
    """
    values = _read_values(source)
    wb = openpyxl.load_workbook(source)
    chosen = sheets_to_print(wb, values, lembar=sheets)
    with atomic_output(target, force=True) as temporary:
        print_copy(wb, values, chosen).save(temporary)
    return target


def _dinilai(path: Path) -> set[PeriodeEvaluasi] | None:
    """Periods anything is filled in for; None when the file is no SKP the reader knows."""
    checked = triage(path)
    if checked.blocking is not None:
        return None
    snapshot: Snapshot = open_snapshot(path, checked)
    try:
        record, _ = read_record(snapshot)
    except NotAnSkpWorkbook:
        return None
    return {periode for periode, evaluasi in record.evaluasi.items() if evaluasi.dinilai}
