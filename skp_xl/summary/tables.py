"""Excel Tables and page setup shared by the summary's sheets."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, LineChart
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.summary.data import Cell
from skp_xl.summary.links import Link
from skp_xl.workbook.kit import page_setup

FONT_NAME = "Calibri"
"""The workbook's font (openpyxl's default); a font without a name falls back to a serif
face in LibreOffice."""


def font(*, bold: bool = False, italic: bool = False, size: float = 11) -> Font:
    """A cell font of the workbook's face."""
    return Font(name=FONT_NAME, size=size, bold=bold, italic=italic)


HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
TEXT_FORMAT = "@"
INDONESIA = "[$-421]"
"""Indonesian (LCID 0x421) tag of a number format. LibreOffice shows a tagged format with
that locale's separators whatever the viewer's locale (61,5%; 1.234; measured, 7.4);
Excel takes the separators from the viewer's regional settings whatever the format says
(Indonesian Windows: comma), and keeps the tag for dates and names. The value stays a
number either way."""
PERSEN_FORMAT = INDONESIA + "0.0%"
"""A share: ``61,5%``."""
BILANGAN_FORMAT = INDONESIA + "#,##0"
"""A count: ``1.234``."""
DESIMAL_FORMAT = INDONESIA + "#,##0.00"
"""A number with decimals (angka kredit): ``12,50``."""
MIN_WIDTH = 8
"""The narrowest column (wider than a blank's "None" and the padding: see
:func:`column_width`)."""
MAX_WIDTH = 60
LINK_WIDTH = 70
"""The widest a column of file links gets. LibreOffice neither wraps nor clips a cell
holding a hyperlink (7.4, measured: its text prints over the next cells), so a longer
path is shrunk to fit its cell, whole (Excel and LibreOffice both shrink to fit)."""
LINE_HEIGHT = 15.0
"""Points per line of 11-point text. LibreOffice does not fit a row to its wrapped text
when it opens an .xlsx (measured), and Excel is not relied on to, so rows with long text
get their height set."""
MAX_DATA_ROWS = 1_048_575
"""Data rows a Table from A1 can hold: Excel's 1,048,576 rows less the header row."""
FULL_TABLE_HINT = "ekspor --csv atau --parquet dari skp-xl consolidate"
"""Where a cut table's full rows are, when the caller names no file."""


def cut_note(shown: int, total: int, full_table: str) -> str:
    """The note beside a table cut to Excel's row limit: what is shown and where the rest is."""

    def ribuan(n: int) -> str:  # Indonesian thousands separator
        return f"{n:,}".replace(",", ".")

    return (
        f"Tabel ini dipotong: hanya {ribuan(shown)} dari {ribuan(total)} baris ditampilkan "
        f"karena satu sheet Excel memuat paling banyak {ribuan(MAX_DATA_ROWS + 1)} baris. "
        f"Tabel lengkap ada di {full_table}."
    )


def literal(cell: Any) -> Any:
    """Keep a text that starts with ``=`` as text: openpyxl would write it as a formula."""
    if cell.data_type == "f":
        cell.data_type = "s"
    return cell


def style_header(cells: Iterable[Any]) -> None:
    """Dark fill, white bold text, wrapped: the header row of every summary table."""
    for cell in cells:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT


def column_width(header: str, values: Iterable[Cell], *, maximum: int = MAX_WIDTH) -> float:
    """A column width (in characters) that fits the header and the values, up to ``maximum``."""
    # A blank counts as "None", 4 characters: narrower than MIN_WIDTH, so as if left out.
    longest = max(len(header), max(map(len, map(str, values)), default=0))
    return float(min(max(longest + 2, MIN_WIDTH), maximum))


def header_width(header: str, *, minimum: float = MIN_WIDTH) -> float:
    """The narrowest column whose wrapped bold header breaks between words, never inside
    one: its longest word, a tenth wider for bold, plus the cell's padding (measured in
    LibreOffice's PDF: "Kurang/Misconduct" fits in 20)."""
    longest = max((len(word) for word in header.split()), default=0)
    return float(max(math.ceil(longest * 1.1) + 1, minimum))


def shown_path(berkas: Cell, akar: Path | None) -> Cell:
    """A ``Berkas`` as a person reads it: relative to the consolidated folder ``akar``
    with ``/`` separators, or as given when it lies outside ``akar`` (or no ``akar``)."""
    if akar is None or not isinstance(berkas, str) or not berkas.strip():
        return berkas
    relative = relative_path(berkas, akar)
    return berkas if relative is None else relative


def relative_path(path: str, akar: Path) -> str | None:
    """``path`` relative to ``akar`` with ``/`` separators (``.``: ``akar`` itself), or
    ``None`` when it lies outside ``akar``."""
    try:
        return Path(path).absolute().relative_to(Path(akar).absolute()).as_posix()
    except ValueError:
        return None


_ADVANCE = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyz",
        (
            981,
            1076,
            866,
            1076,
            1019,
            625,
            964,
            1076,
            470,
            490,
            931,
            470,
            1636,
            1076,
            1080,
            1076,
            1076,
            714,
            801,
            686,
            1076,
            925,
            1464,
            887,
            927,
            809,
        ),
        strict=True,
    )
)
"""Advance widths of Calibri's (and Carlito's) lowercase letters, in 1/2048 em; a digit
is 1038."""
_DIGIT = 1038


class _Advances(dict[str, int]):
    """Advance width of each character met, from :data:`_ADVANCE` and the rules of
    :func:`text_units`, worked out once a character."""

    def __missing__(self, char: str) -> int:
        if char.isupper():
            width = 1210
        elif char.isspace() or char in ".,:;'!|()[]/-":
            width = 520
        else:
            width = _DIGIT
        self[char] = width
        return width


_ADVANCES = _Advances(_ADVANCE)


def text_units(text: str) -> float:
    """The width of ``text`` in 11-point Calibri, in digit widths (a column width's unit).

    Lowercase letters by their advance width; capitals a sixth wider than a digit, spaces
    and punctuation about half, anything else a digit.
    """
    return sum(map(_ADVANCES.__getitem__, text)) / _DIGIT


def text_lines(value: Cell, width: float) -> int:
    """How many lines ``value`` takes, wrapped in a column ``width`` characters wide.

    An estimate from the font's letter widths (:func:`text_units`); lines break between
    words, as LibreOffice and Excel wrap, so a word that does not fit on a line starts
    the next, and a word longer than a line is broken inside.
    """
    if value is None:
        return 1
    room = max(width - 1.0, 1.0)  # the cell's padding
    text = str(value)
    # Most cells fit on one line: a text without line breaks whose whole width is below
    # the room (the margin covers the rounding of the sum below, word by word) has
    # words and spaces between them no wider.
    if text_units(text) < room - 1e-6 and len(text.splitlines()) <= 1:
        return 1
    space = text_units(" ")
    lines = 0
    for part in text.splitlines() or [""]:
        lines += 1
        used = 0.0
        for word in part.split():
            size = text_units(word)
            needed = size if used == 0 else used + space + size
            if needed <= room:
                used = needed
                continue
            if used:  # the word starts a new line
                lines += 1
            extra = math.ceil(size / room) - 1  # a word longer than a line
            lines += extra
            used = size - extra * room
    return lines


def fit_row_height(ws: Worksheet, row: int, cells: Iterable[tuple[Cell, float]]) -> None:
    """Make ``row`` tall enough for its wrapped ``(value, column width)`` cells."""
    lines = max((text_lines(value, width) for value, width in cells), default=1)
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines


def write_table(
    ws: Worksheet,
    *,
    name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    text_columns: Collection[str] = (),
    wrap_columns: Collection[str] = (),
    link_column: str | None = None,
    links: Sequence[Link | None] = (),
    full_table: str = FULL_TABLE_HINT,
) -> str:
    """Write ``rows`` from A1 as an Excel Table with filter buttons and a frozen header.

    Excel wants at least one data row, so an empty table gets one blank row. More rows
    than a sheet holds (:data:`MAX_DATA_ROWS`) are cut, and a note right of the header
    says so and where the full table is, rather than writing a file Excel refuses.

    Args:
        ws: An empty sheet.
        name: The Table's displayName, unique in the workbook (``PEGAWAI``).
        headers: Column headers, unique and non-blank.
        rows: Data rows, as long as ``headers``.
        text_columns: Columns stored and formatted as text (NIP: Excel would round an
            18-digit number to 15 significant digits).
        wrap_columns: Columns whose long text wraps instead of widening the column.
        link_column: The column whose cells get ``links``.
        links: One hyperlink (or ``None``) per row, for ``link_column``.
        full_table: Where every row is, named in the note of a cut table.

    Returns:
        The Table's range, e.g. ``A1:L9``.
    """
    total = len(rows)
    rows = rows[:MAX_DATA_ROWS]
    links = links[:MAX_DATA_ROWS]
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    for cells in ws.iter_rows(max_row=len(rows) + 1):
        for cell in cells:
            literal(cell)
    last_row = max(len(rows) + 1, 2)
    widths = []
    for index, header in enumerate(headers, start=1):
        maximum = MAX_WIDTH if header in wrap_columns else MAX_WIDTH + 20
        if header == link_column:
            maximum = LINK_WIDTH
        width = column_width(header, [row[index - 1] for row in rows], maximum=maximum)
        ws.column_dimensions[get_column_letter(index)].width = width
        widths.append(width)
    if link_column in headers:
        column = headers.index(link_column) + 1
        for offset, link in enumerate(links, start=2):
            if link is not None:
                cell = ws.cell(row=offset, column=column)
                cell.hyperlink = Hyperlink(
                    ref=cell.coordinate, target=link.target, location=link.location
                )
                cell.style = "Hyperlink"
    wrapped = [(index, widths[index]) for index, h in enumerate(headers) if h in wrap_columns]
    for cells in ws.iter_rows(min_row=2, max_row=last_row, max_col=len(headers)):
        for cell, header in zip(cells, headers, strict=True):
            if header in text_columns:
                cell.number_format = TEXT_FORMAT
            elif isinstance(cell.value, float):
                cell.number_format = DESIMAL_FORMAT
            elif isinstance(cell.value, int):
                cell.number_format = BILANGAN_FORMAT
            if wrapped:  # tall rows: every cell at the top, the long texts wrapped
                cell.alignment = Alignment(wrap_text=header in wrap_columns, vertical="top")
    for offset, row in enumerate(rows, start=2):
        fit_row_height(ws, offset, ((row[index], width) for index, width in wrapped))
    if link_column in headers:
        column = headers.index(link_column) + 1
        for cells in ws.iter_rows(min_row=2, max_row=last_row, min_col=column, max_col=column):
            cells[0].alignment = Alignment(shrink_to_fit=True, vertical="top")
    style_header(ws[1])
    ws.freeze_panes = "A2"
    ref = f"A1:{get_column_letter(len(headers))}{last_row}"
    table = Table(displayName=name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    if total > len(rows):
        note = ws.cell(1, len(headers) + 2, cut_note(len(rows), total, full_table))
        note.font = font(bold=True)
    return ref


def a4_landscape(ws: Worksheet, *, title_rows: str | None = None, footer: str = "") -> None:
    """The summary's print setup: A4 landscape, one page wide, the header rows repeated,
    its title on the left of the footer and the page numbers on the right."""
    page_setup(
        ws,
        title_rows=title_rows,
        footer=footer,
        footer_side="left",
        page_numbers="right",
        footer_size=None,
        margins=(0.4, None),
        centred=False,
        gridlines=True,
    )


def sumbu_persen(chart: BarChart | LineChart) -> None:
    """A chart of shares per predikat: the value axis in Indonesian percent, titled, both
    axes shown and the legend below (the Ringkasan's bars and the Kurva's lines)."""
    chart.y_axis.number_format = INDONESIA + "0%"
    chart.y_axis.title = "Persentase pegawai"
    # openpyxl 3.1 writes no <c:delete> for the axes, and Excel is reported to hide them
    # then; say plainly that they are shown.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
