"""The summary's plain tables written with XlsxWriter, the faster writer for large sheets.

The same Table as :func:`skp_xl.summary.tables.write_table` writes with openpyxl (filter
buttons, frozen header, text NIPs, wrapped long texts with fitted rows, links to a file and
a cell in it, fitted widths, a note when cut to the sheet's row limit) and the same print
setup as :func:`~skp_xl.summary.tables.a4_landscape`; ``tests/summary/test_xlsx_tables.py``
compares the two cell by cell.

Two things XlsxWriter does its own way, checked in its source (3.3):

- ``add_table`` refuses ``constant_memory`` mode (``worksheet.add_table``: "isn't
  supported in 'constant_memory' mode"), and records every cell of the Table's range in
  a dict (``table_cells``, to refuse an overlapping Table or merge). A large summary is
  written in ``constant_memory`` mode all the same (each row's XML written when the next
  row starts, text as inline strings; benchmarks/README.md): :func:`_add_table` lets
  ``add_table`` run as in the ordinary mode, before any row is written, without the
  per-cell dict (one Table a sheet, no merges), and writes the header row again as
  inline strings.
- An ``external:`` link's relative target is written with backslashes (``url.py``,
  ``link_path.replace("/", "\\")``), a Windows path where the relationship part holds a
  URI. LibreOffice 7.4 follows either (measured with the fix left out); Excel on other
  systems and other readers are not relied on to, so the graft into the summary
  (:mod:`skp_xl.summary.graft`) turns them back into ``/``, as the openpyxl writer writes
  them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from skp_xl.summary import tables
from skp_xl.summary.data import Cell
from skp_xl.summary.links import Link
from skp_xl.summary.tables import (
    BILANGAN_FORMAT,
    DESIMAL_FORMAT,
    FONT_NAME,
    FULL_TABLE_HINT,
    LINE_HEIGHT,
    LINK_WIDTH,
    MAX_WIDTH,
    TEXT_FORMAT,
    column_width,
    cut_note,
    text_lines,
)
from skp_xl.workbook.kit import PAGE_NUMBERS

TABLE_STYLE = "Table Style Medium 2"
"""XlsxWriter's name of openpyxl's ``TableStyleMedium2``."""
A4 = 9
"""XlsxWriter's paper index of A4."""
MAX_LINKS = 65_530
"""Hyperlinks a sheet holds in Excel (XlsxWriter's ``write_url`` refuses more)."""
PADDING = 5 / 7
"""XlsxWriter adds 5 pixels of a 7-pixel digit to a width (``_write_col_info``);
less that, the XML holds the width openpyxl writes (``20`` for 20)."""


def write_table(
    book: Workbook,
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
    decimal_columns: Collection[str] = (),
    note: tuple[str, dict[str, object]] | None = None,
) -> str:
    """Write ``rows`` from A1 as an Excel Table, as :func:`.tables.write_table` does.

    Args:
        book: The workbook ``ws`` belongs to (formats are made by the workbook).
        ws: An empty sheet.
        name: The Table's displayName, unique in the workbook.
        headers: Column headers, unique and non-blank.
        rows: Data rows, as long as ``headers``.
        text_columns: Columns stored and formatted as text.
        wrap_columns: Columns whose long text wraps instead of widening the column.
        link_column: The column whose cells get ``links``.
        links: One hyperlink (or ``None``) per row, for ``link_column``.
        full_table: Where every row is, named in the note of a cut table.
        decimal_columns: Columns whose every cell, blank or not, has the two-decimal
            format (as the Angka Kredit sheet sets it on the openpyxl Table).
        note: A text and its format's properties, written right of the header (after
            the cut table's note, if any).

    Rows are written in order, the header row first (as ``constant_memory`` mode needs).

    Returns:
        The Table's range, e.g. ``A1:L9``.
    """
    total = len(rows)
    rows = rows[: tables.MAX_DATA_ROWS]
    links = links[: tables.MAX_DATA_ROWS]
    base = {"font_name": FONT_NAME, "font_size": 11}
    header_format = book.add_format(
        {**base, "bold": True, "font_color": "#FFFFFF", "bg_color": "#1F4E78"}
        | {"text_wrap": True, "valign": "vcenter"}
    )
    wrapped = [(i, h) for i, h in enumerate(headers) if h in wrap_columns]
    link_at = headers.index(link_column) if link_column in headers else None
    # Per column: the format of a text (or blank), of a whole number and of a decimal one,
    # as tables.write_table gives them (a text column keeps "@" for numbers too).
    formats: list[tuple[Format, Format, Format]] = []
    for c, header in enumerate(headers):
        props: dict[str, object] = dict(base)
        if wrapped:  # tall rows: every cell at the top, the long texts wrapped
            props |= {"valign": "top", "text_wrap": header in wrap_columns}
        if c == link_at:  # a long path shrinks to fit its cell, whole
            props |= {"valign": "top", "shrink": True, "text_wrap": False}
        if header in text_columns:
            text = book.add_format(props | {"num_format": TEXT_FORMAT})
            formats.append((text, text, text))
        elif header in decimal_columns:
            decimal = book.add_format(props | {"num_format": DESIMAL_FORMAT})
            formats.append((decimal, decimal, decimal))
        else:
            formats.append(
                (
                    book.add_format(props),
                    book.add_format(props | {"num_format": BILANGAN_FORMAT}),
                    book.add_format(props | {"num_format": DESIMAL_FORMAT}),
                )
            )
    # "hyperlink" gives XlsxWriter's Hyperlink cell style (theme colour 10, underlined);
    # the font then as openpyxl's Hyperlink style has it (12 points, not underlined), so
    # that both writers' sheets print alike (LibreOffice fits a row to its 12-point link).
    link_format = book.add_format(
        {"hyperlink": True, "underline": 0, "font_size": 12, "shrink": True, "valign": "top"}
    )

    widths = []
    for index, header in enumerate(headers):
        maximum = MAX_WIDTH if header in wrap_columns else MAX_WIDTH + 20
        if index == link_at:
            maximum = LINK_WIDTH
        width = column_width(header, [row[index] for row in rows], maximum=maximum)
        ws.set_column(index, index, width - PADDING)
        widths.append(width)
    last_row = max(len(rows) + 1, 2)
    ws.freeze_panes(1, 0)
    _add_table(
        ws,
        last_row - 1,
        headers,
        header_format,
        {
            "name": name,
            "style": TABLE_STYLE,
            "columns": [{"header": h, "header_format": header_format} for h in headers],
        },
    )
    if total > len(rows):
        bold = book.add_format({**base, "bold": True})
        ws.write_string(0, len(headers) + 1, cut_note(len(rows), total, full_table), bold)
    if note is not None:
        ws.write_string(0, len(headers) + 1, note[0], book.add_format(note[1]))
    blank_styled = [
        bool(wrapped) or c == link_at or h in text_columns or h in decimal_columns
        for c, h in enumerate(headers)
    ]
    linked = 0
    for r, row in enumerate(rows, start=1):
        lines = max((text_lines(row[i], widths[i]) for i, _ in wrapped), default=1)
        if lines > 1:
            ws.set_row(r, LINE_HEIGHT * lines)
        for c, value in enumerate(row):
            link = links[r - 1] if c == link_at and r - 1 < len(links) else None
            text, whole, decimal = formats[c]
            if link is not None:
                url = "external:" + link.target
                if link.location:
                    url += "#" + link.location
                # Past Excel's links a sheet, plain text, without asking XlsxWriter: it
                # warns for each, and the warnings module keeps every distinct message.
                if linked >= MAX_LINKS or ws.write_url(r, c, url, link_format, str(value)) < 0:
                    ws.write_string(r, c, str(value), text)
                else:
                    linked += 1
            elif value is None:
                if blank_styled[c]:
                    ws.write_blank(r, c, None, text)
            elif isinstance(value, str):
                # write_string, never write(): a text starting with "=" stays text.
                ws.write_string(r, c, value, text)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, whole)
            elif isinstance(value, float):
                ws.write_number(r, c, value, decimal)
            else:
                ws.write_number(r, c, value, whole)
    if not rows:
        for c in range(len(headers)):
            ws.write_blank(1, c, None, formats[c][0])
    return f"A1:{xl_col_to_name(len(headers) - 1)}{last_row}"


class _Unchecked(dict[tuple[int, int], str]):
    """A ``table_cells`` that keeps nothing: ``add_table`` looks each cell up in it and
    stores it (one entry a cell, hundreds of MB for a large Cascading sheet), to refuse
    a second Table over the same cells; a summary sheet holds one Table and no merge."""

    def __setitem__(self, key: tuple[int, int], value: str) -> None:
        pass


def _add_table(
    ws: Worksheet,
    last_row: int,
    headers: Sequence[str],
    header_format: Format,
    options: dict[str, object],
) -> None:
    """``ws.add_table`` from A1 to ``last_row``, also in ``constant_memory`` mode.

    Called before any row is written. ``add_table`` writes the header cells as shared
    strings (its ordinary mode); in ``constant_memory`` mode they are written again, as
    the inline strings that mode writes (the shared string table is not written then,
    and a sheet's shared string indices would point at nothing).
    """
    streamed, cells = ws.constant_memory, ws.table_cells
    ws.constant_memory, ws.table_cells = False, _Unchecked()
    try:
        ws.add_table(0, 0, last_row, len(headers) - 1, options)
    finally:
        ws.constant_memory, ws.table_cells = streamed, cells
    if streamed:
        for c, header in enumerate(headers):
            ws.write_string(0, c, header, header_format)


def a4_landscape(ws: Worksheet, *, title_rows: bool = False, footer: str = "") -> None:
    """The print setup of :func:`.tables.a4_landscape`: A4 landscape, one page wide, the
    header row repeated when ``title_rows``, ``footer`` left and the page numbers right."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if title_rows:
        ws.repeat_rows(0)
    # openpyxl's default margins otherwise (top and bottom 1", header and footer 0.5"),
    # not XlsxWriter's (0.75", 0.3"): the same page either way.
    ws.set_margins(left=0.4, right=0.4, top=1, bottom=1)
    ws.margin_header = 0.5
    left = "&L" + footer.replace("&", "&&") if footer else ""
    ws.set_footer(left + "&R" + PAGE_NUMBERS, {"margin": 0.5})
