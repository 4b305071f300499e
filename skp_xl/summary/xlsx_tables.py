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
- In ``constant_memory`` mode most of a large summary's time went to XlsxWriter's work
  per cell (a tuple, checks, attribute lists, escapes, regular expressions), so the data
  rows are written by :class:`_RowWriter`, a row's XML at once, the bytes XlsxWriter's
  calls write (``test_rows_written_at_once_are_xlsxwriters_bytes`` compares every part of
  the package with ``own_calls``). The ordinary mode, a small summary's, keeps the calls.
- An ``external:`` link's relative target is written with backslashes (``url.py``,
  ``link_path.replace("/", "\\")``), a Windows path where the relationship part holds a
  URI. LibreOffice 7.4 follows either (measured with the fix left out); Excel on other
  systems and other readers are not relied on to, so the graft into the summary
  (:mod:`skp_xl.summary.graft`) turns them back into ``/``, as the openpyxl writer writes
  them.
"""

from __future__ import annotations

import io
import re
from array import array
from collections.abc import Callable, Collection, Iterator, Sequence
from functools import partial
from math import isfinite
from operator import itemgetter
from types import MethodType
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from xlsxwriter.format import Format
from xlsxwriter.url import Url, UrlTypes
from xlsxwriter.utility import (
    _preserve_whitespace,
    _utf16_len,
    _utf16_truncate,
    xl_col_to_name,
    xl_range,
    xl_rowcol_to_cell,
)
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from skp_xl.summary import tables
from skp_xl.summary.data import Bertahap, Cell, Potongan
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
    rows: Sequence[Sequence[Cell]] | Bertahap,
    text_columns: Collection[str] = (),
    wrap_columns: Collection[str] = (),
    link_column: str | None = None,
    links: Sequence[Link | None] = (),
    full_table: str = FULL_TABLE_HINT,
    decimal_columns: Collection[str] = (),
    note: tuple[str, dict[str, object]] | None = None,
    own_calls: bool = False,
) -> str:
    """Write ``rows`` from A1 as an Excel Table, as :func:`.tables.write_table` does.

    Args:
        book: The workbook ``ws`` belongs to (formats are made by the workbook).
        ws: An empty sheet.
        name: The Table's displayName, unique in the workbook.
        headers: Column headers, unique and non-blank.
        rows: Data rows, as long as ``headers``; or, for a big sheet, its rows and links
            made a slice at a time (``links`` then unused): walked once for the widths and
            once for the cells in ``constant_memory`` mode, taken whole otherwise.
        text_columns: Columns stored and formatted as text.
        wrap_columns: Columns whose long text wraps instead of widening the column.
        link_column: The column whose cells get ``links``.
        links: One hyperlink (or ``None``) per row, for ``link_column``.
        full_table: Where every row is, named in the note of a cut table.
        decimal_columns: Columns whose every cell, blank or not, has the two-decimal
            format (as the Angka Kredit sheet sets it on the openpyxl Table).
        note: A text and its format's properties, written right of the header (after
            the cut table's note, if any).
        own_calls: Write every row through XlsxWriter's own calls, also in
            ``constant_memory`` mode (the reference :class:`_RowWriter`'s rows are
            compared with, byte for byte, in ``tests/summary/test_xlsx_tables.py``).

    Rows are written in order, the header row first (as ``constant_memory`` mode needs).
    In ``constant_memory`` mode the rows but the last are written by :class:`_RowWriter`,
    the XML XlsxWriter's calls would write, made a row at a time.

    Returns:
        The Table's range, e.g. ``A1:L9``.
    """
    total = len(rows)
    shown = min(total, tables.MAX_DATA_ROWS)
    streamed = ws.constant_memory and not own_calls
    if isinstance(rows, Bertahap) and not streamed:
        rows, links = rows.semua()
    if isinstance(rows, Bertahap):
        walk = rows.buat
    else:
        whole = (rows, links)

        def walk(tautan: bool) -> Iterator[Potongan]:
            yield whole

    def parts(tautan: bool = True) -> Iterator[Potongan]:
        return _cut(walk, shown, tautan)

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

    maxima = []
    for index, header in enumerate(headers):
        maximum = MAX_WIDTH if header in wrap_columns else MAX_WIDTH + 20
        if index == link_at:
            maximum = LINK_WIDTH
        maxima.append(maximum)
    blank_styled = [
        bool(wrapped) or c == link_at or h in text_columns or h in decimal_columns
        for c, h in enumerate(headers)
    ]
    widths = [column_width(h, (), maximum=m) for h, m in zip(headers, maxima, strict=True)]
    first = 0  # the last row that writes a cell (see _last_written)
    done = 0
    # The links matter here only to find that row, when no column writes every row's cell.
    for part, part_links in parts(streamed and not any(blank_styled)):
        for index, (header, maximum) in enumerate(zip(headers, maxima, strict=True)):
            width = column_width(header, map(itemgetter(index), part), maximum=maximum)
            widths[index] = max(widths[index], width)
        if streamed:
            last = _last_written(part, part_links, link_at, blank_styled)
            first = done + last if last else first
        done += len(part)
    for index, width in enumerate(widths):
        ws.set_column(index, index, width - PADDING)
    last_row = max(shown + 1, 2)
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
    if total > shown:
        bold = book.add_format({**base, "bold": True})
        ws.write_string(0, len(headers) + 1, cut_note(shown, total, full_table), bold)
    if note is not None:
        ws.write_string(0, len(headers) + 1, note[0], book.add_format(note[1]))
    lines_of = _Lines([i for i, _ in wrapped], widths)
    # The first row written through XlsxWriter's calls: in constant_memory mode, the last
    # that writes a cell, the rows before it written by _RowWriter.
    first = max(first, 1) if streamed else 1
    writer: _RowWriter | None = None
    tail: list[tuple[Sequence[Cell], Link | None]] = []
    done = 0
    for part, part_links in parts():
        cut = min(max(first - 1 - done, 0), len(part))
        if cut:
            if writer is None:
                urls = _URLS.setdefault(book, {})
                writer = _RowWriter(ws, formats, link_format, link_at, blank_styled, urls)
            writer.write(part[:cut], part_links[:cut], lines_of, start=done + 1)
        tail.extend(
            (row, part_links[i] if i < len(part_links) else None)
            for i, row in enumerate(part[cut:], start=cut)
        )
        done += len(part)
    # Past Excel's links a sheet, plain text, without asking XlsxWriter: it warns for
    # each, and the warnings module keeps every distinct message.
    linked = 0 if writer is None else writer.linked
    for r, (row, link_of_row) in enumerate(tail, start=first):
        lines = lines_of(row)
        if lines > 1:
            ws.set_row(r, LINE_HEIGHT * lines)
        for c, value in enumerate(row):
            link = link_of_row if c == link_at else None
            text, whole, decimal = formats[c]
            if link is not None:
                url = "external:" + link.target
                if link.location:
                    url += "#" + link.location
                shown_text = _inert(str(value))
                if linked >= MAX_LINKS or ws.write_url(r, c, url, link_format, shown_text) < 0:
                    ws.write_string(r, c, shown_text, text)
                else:
                    linked += 1
            elif value is None:
                if blank_styled[c]:
                    ws.write_blank(r, c, None, text)
            elif isinstance(value, str):
                # write_string, never write(): a text starting with "=" stays text.
                ws.write_string(r, c, _inert(value), text)
            elif isinstance(value, bool):
                ws.write_boolean(r, c, value, whole)
            elif isinstance(value, float):
                ws.write_number(r, c, value, decimal)
            else:
                ws.write_number(r, c, value, whole)
    if not shown:
        for c in range(len(headers)):
            ws.write_blank(1, c, None, formats[c][0])
    return f"A1:{xl_col_to_name(len(headers) - 1)}{last_row}"


def _cut(
    walk: Callable[[bool], Iterator[Potongan]], shown: int, tautan: bool
) -> Iterator[Potongan]:
    """The first ``shown`` rows of a new walk, and their links (``tautan``: wanted)."""
    done = 0
    for part, part_links in walk(tautan):
        if done >= shown:
            return
        keep = shown - done
        yield part[:keep], part_links[:keep]
        done += len(part)


def _last_written(
    rows: Sequence[Sequence[Cell]],
    links: Sequence[Link | None],
    link_at: int | None,
    blank_styled: Sequence[bool],
) -> int:
    """The number (from 1) of the last data row that writes a cell, 0 when none does."""
    if any(blank_styled):  # every row writes that column's cell, blank or not
        return len(rows)
    for index in range(len(rows) - 1, -1, -1):
        if link_at is not None and index < len(links) and links[index] is not None:
            return index + 1
        if any(value is not None for value in rows[index]):
            return index + 1
    return 0


_PLAIN = re.compile(r"[\x00-\x08\x0b-\x1f&<>\ufffe\uffff]|_x[0-9a-fA-F]{4}_")


def _inert(text: str) -> str:
    """``text`` as XlsxWriter must be given it to show it as it is.

    XlsxWriter takes a text that starts with ``<r>`` and ends with ``</r>`` for a rich
    string it made itself and writes it unescaped (``_write_cell`` in ``constant_memory``
    mode, ``sharedstrings._write_si`` otherwise): a pegawai's name typed that way would
    put raw XML into the sheet, and Excel, LibreOffice and openpyxl then refuse the whole
    summary (measured). Such a text is given as the rich string of one plain run that
    holds it, escaped: the cell shows the same text. Any other text is returned as is.
    """
    if text.startswith("<r>") and text.endswith("</r>"):
        return f'<r><t xml:space="preserve">{escape(text)}</t></r>'
    return text


"""What makes XlsxWriter change a text in a cell's XML: a control character or a literal
``_xHHHH_`` (``_escape_control_characters``), ``&``, ``<`` or ``>`` (``_escape_data``)."""


class _RowWriter:
    """Data rows of a ``constant_memory`` sheet, written as XlsxWriter's own calls write
    them, one piece of XML a row.

    XlsxWriter keeps a row's cells in ``table`` and writes them when a cell of a later row
    is written (``_write_single_row``, ``_write_cell``, ``_xml_inline_string``,
    ``_xml_number_element``: per cell a tuple, a check of the sheet's dimensions, a list
    of attributes, escapes and regular expressions, a write). This makes each row's XML
    at once, the same bytes, and writes it where XlsxWriter does (``ws.fh``, the row data
    file), with what the sheet needs for the parts written at close: the links (counted in
    ``hlink_count``, kept in :class:`_Tautan` rather than ``hyperlinks`` and written from
    there by :func:`_write_hyperlinks`); a tall row's height is set through ``set_row``
    for its row tag and let go once the row is written. The sheet's dimensions are not
    changed: the header row (every column) and the last row that writes a cell, written
    through XlsxWriter's calls after these, bound them. A style index is asked of its
    Format when a cell first uses it, as a row's flush asks, so the workbook's styles are
    numbered in the same order.

    The last row that writes a cell is left to XlsxWriter's calls (as ``first`` in
    :func:`write_table`): XlsxWriter writes it at close, after the later sheets' rows,
    and the styles it first uses are numbered then.
    """

    def __init__(
        self,
        ws: Worksheet,
        formats: Sequence[tuple[Format, Format, Format]],
        link_format: Format,
        link_at: int | None,
        blank_styled: Sequence[bool],
        urls: dict[str, str],
    ) -> None:
        self.ws = ws
        self.formats = formats
        self.link_format = link_format
        self.link_at = link_at
        self.blank_styled = blank_styled
        self.styles: dict[int, str] = {}  # id(Format) -> ' s="N"', at its first use
        self.tags: dict[tuple[object, ...], str] = {}  # a row tag's attributes past r
        self.urls = urls  # a file's relationship target, for every table of the workbook
        self.links = _Tautan()
        self.linked = 0  # links written, of MAX_LINKS
        ws._write_hyperlinks = MethodType(partial(_write_hyperlinks, links=self.links), ws)

    def style(self, fmt: Format) -> str:
        """The ``s`` attribute of a cell of format ``fmt`` (``_write_cell``)."""
        style = self.styles.get(id(fmt))
        if style is None:
            style = self.styles[id(fmt)] = f' s="{fmt._get_xf_index()}"'
        return style

    def row_tag(self, r: int) -> str:
        """Row ``r``'s start tag, as ``_write_row`` writes it (its height, if set)."""
        info = self.ws.row_info.get(r)
        key: tuple[object, ...] = (
            ()
            if info is None
            else (info.height, id(info.row_format), info.hidden, info.level, info.collapsed)
        )
        rest = self.tags.get(key)
        if rest is None:
            fh, buffer = self.ws.fh, io.StringIO()
            self.ws.fh = buffer
            try:
                self.ws._write_row(0, None, info)
            finally:
                self.ws.fh = fh
            written = buffer.getvalue()
            assert written.startswith('<row r="1"'), written
            rest = self.tags[key] = written[len('<row r="1"') :]
        return f'<row r="{r + 1}"{rest}'

    def text(self, ref: str, style: str, string: str) -> str:
        """A text cell, as ``_write_string`` and ``_write_cell`` write it inline (given
        the text as :func:`write_table` gives it to them: made :func:`_inert`)."""
        ws = self.ws
        if len(string) > ws.xls_strmax // 2 and _utf16_len(string) > ws.xls_strmax:
            string = _utf16_truncate(string, ws.xls_strmax)
        if _PLAIN.search(string) is None:
            # Nothing to escape; ``\\s`` is what str.isspace() is (Py_UNICODE_ISSPACE).
            preserve = string[:1].isspace() or string[-1:].isspace()
        else:
            string = ws._escape_control_characters(string)
            if string.startswith("<r>") and string.endswith("</r>"):  # a rich string
                return f'<c r="{ref}"{style} t="inlineStr"><is>{string}</is></c>'
            preserve = bool(_preserve_whitespace(string))
            string = ws._escape_data(string)
        space = ' xml:space="preserve"' if preserve else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{string}</t></is></c>'

    def url(self, r: int, c: int, url: str, text: str) -> Url | tuple[str, str] | None:
        """The Url ``write_url`` would store for ``url`` shown as ``text``, or ``None``
        when it refuses the link (too long: then it is asked, and warns); for a link to
        a file and a cell in it (nearly every link), only what ``<hyperlink>`` and its
        relationship take of that Url: its target and its anchor."""
        ws = self.ws
        target, _, anchor = url.partition("#")
        limit = ws.max_url_length
        if (len(target) > limit // 2 and _utf16_len(target) > limit) or (
            len(anchor) > limit // 2 and _utf16_len(anchor) > limit
        ):
            refused = ws._write_url(r, c, url, self.link_format, text)
            assert refused == -3, refused
            return None
        if "/" in anchor or "#" in anchor or ":" in anchor:  # not a sheet and cell
            made = Url(url)
        else:
            # A file's rows link to its cells: its Url parsed once, for its relationship
            # target, and each row's link that and the cell (``_parse_url`` splits an
            # ``external:`` link at its first "#", and changes nothing else in the anchor
            # without "/", "#" or ":").
            relationship = self.urls.get(target)
            if relationship is None:
                if len(self.urls) >= _URLS_MAKS:  # a large summary: memory, not time
                    self.urls.clear()
                relationship = self.urls[target] = Url(target)._target()
            return relationship, anchor
        made._text = text  # write_url's ``string``
        return made

    def write(
        self,
        rows: Sequence[Sequence[Cell]],
        links: Sequence[Link | None],
        lines_of: _Lines,
        *,
        start: int = 1,
    ) -> None:
        """Write ``rows`` as the data rows ``start``, ``start + 1``... (the first, 1, is
        the sheet's row 2, after the header row), as :func:`write_table`'s loop over
        XlsxWriter's calls does; :attr:`linked` counts the links written so far."""
        ws = self.ws
        if start == 1:
            ws._write_single_row(1)  # the header row, as row 2's first cell flushes it
        formats = self.formats
        names = [xl_col_to_name(c) for c in range(len(formats))]
        styles: list[list[str | None]] = [[None, None, None] for _ in formats]

        def style(c: int, kind: int) -> str:  # kind: 0 text or blank, 1 whole, 2 decimal
            made = styles[c][kind] = self.style(formats[c][kind])
            return made

        link_at = -1 if self.link_at is None else self.link_at
        blank_styled, half, plain, text = (
            self.blank_styled,
            ws.xls_strmax // 2,
            _PLAIN.search,
            self.text,
        )
        linked = self.linked
        fh = ws.fh
        for r, row in enumerate(rows, start=start):
            lines = lines_of(row)
            if lines > 1:
                ws.set_row(r, LINE_HEIGHT * lines)
            number = str(r + 1)
            cells: list[str] = []
            add = cells.append
            for c, value in enumerate(row):
                if c == link_at and r - start < len(links) and (link := links[r - start]):
                    shown = _inert(str(value))
                    url = "external:" + link.target
                    if link.location:
                        url += "#" + link.location
                    made = None if linked >= MAX_LINKS else self.url(r, c, url, shown)
                    if made is None:
                        add(text(names[c] + number, styles[c][0] or style(c, 0), shown))
                    else:
                        ws.hlink_count += 1
                        self.links.tambah(r, c, made)
                        linked += 1
                        add(text(names[c] + number, self.style(self.link_format), shown))
                    continue
                kind = value.__class__
                if kind is str:
                    assert isinstance(value, str)
                    st = styles[c][0] or style(c, 0)
                    if len(value) > half or plain(value) is not None:
                        add(text(names[c] + number, st, _inert(value)))
                    elif value and (value[0].isspace() or value[-1].isspace()):
                        # ``\s`` is what str.isspace() is (both Py_UNICODE_ISSPACE).
                        add(
                            f'<c r="{names[c]}{number}"{st} t="inlineStr">'
                            f'<is><t xml:space="preserve">{value}</t></is></c>'
                        )
                    else:
                        add(
                            f'<c r="{names[c]}{number}"{st} t="inlineStr">'
                            f"<is><t>{value}</t></is></c>"
                        )
                elif value is None:
                    if blank_styled[c]:
                        add(f'<c r="{names[c]}{number}"{styles[c][0] or style(c, 0)}/>')
                elif kind is int or kind is float:
                    assert isinstance(value, int | float)
                    _finite(value)
                    st = (
                        styles[c][2] or style(c, 2)
                        if kind is float
                        else styles[c][1] or style(c, 1)
                    )
                    add(f'<c r="{names[c]}{number}"{st}><v>{value:.16G}</v></c>')
                elif isinstance(value, str):
                    add(text(names[c] + number, styles[c][0] or style(c, 0), _inert(value)))
                elif isinstance(value, bool):
                    st = styles[c][1] or style(c, 1)
                    add(f'<c r="{names[c]}{number}"{st} t="b"><v>{int(value)}</v></c>')
                else:
                    _finite(value)
                    st = (
                        styles[c][2] or style(c, 2)
                        if isinstance(value, float)
                        else styles[c][1] or style(c, 1)
                    )
                    add(f'<c r="{names[c]}{number}"{st}><v>{value:.16G}</v></c>')
            if cells:
                fh.write(self.row_tag(r) + "".join(cells) + "</row>")
            if lines > 1:  # its height is in the row written: not kept to the end
                ws.row_info.pop(r, None)
                ws.row_sizes.pop(r, None)
        ws.previous_row = start + len(rows)  # the next row's, by XlsxWriter's calls
        self.linked = linked


def _finite(number: float) -> None:
    """Refuse NaN and infinities, as ``_write_number`` does (the summary's workbook has no
    ``nan_inf_to_errors``)."""
    if not isfinite(number):
        raise TypeError(
            "NAN/INF not supported in write_number() without 'nan_inf_to_errors' Workbook() option"
        )


_URLS: WeakKeyDictionary[Workbook, dict[str, str]] = WeakKeyDictionary()
"""Each workbook's link targets (a file, without a cell) and their relationship targets
as a parsed ``Url`` gives them, for all its tables: a file has rows in Pegawai, Temuan
and Cascading, and parsing a target is most of what a link costs (``Url`` escapes it with
regular expressions)."""
_URLS_MAKS = 20_000
"""The most parsed targets kept at once; past it they are let go and parsed again as met.
Kept for every table (as ``Url`` objects, about 1 KB each), 100,000 files' targets raised
the peak of a 100,000-file summary by tens of MB (benchmarks/bench_memori.py)."""


class _Tautan:
    """The links :class:`_RowWriter` wrote, held compactly until the sheet is closed (its
    ``<hyperlinks>`` come after its rows): a row, a column, and a link to a file's cell
    as its relationship target (one text per file) and its anchor (one text per cell
    address), or a whole ``Url`` for another. XlsxWriter keeps a ``Url`` of about a
    kilobyte in a dict per row for each: at 100,000 files, 65,530 links a sheet in three
    sheets (benchmarks/bench_memori.py)."""

    def __init__(self) -> None:
        self.rows = array("l")
        self.columns = array("H")
        self.targets: list[str | Url] = []
        self.anchors: list[str] = []
        self._anchors: dict[str, str] = {}

    def tambah(self, r: int, c: int, made: Url | tuple[str, str]) -> None:
        self.rows.append(r)
        self.columns.append(c)
        if isinstance(made, Url):
            self.targets.append(made)
            self.anchors.append("")
        else:
            target, anchor = made
            self.targets.append(target)
            self.anchors.append(self._anchors.setdefault(anchor, anchor))

    def __len__(self) -> int:
        return len(self.rows)


def _write_hyperlinks(ws: Worksheet, *, links: _Tautan) -> None:
    """The ``<hyperlinks>`` element, as ``Worksheet._write_hyperlinks`` writes it, made
    as one text rather than a write and an attribute list for each link (tens of
    thousands in a large Cascading sheet): the same elements, in the same order, with the
    same relationship ids (``test_rows_written_at_once_are_xlsxwriters_bytes``). The
    links :class:`_RowWriter` wrote (``links``) come first: XlsxWriter's calls write the
    rows after them."""
    rows = sorted(ws.hyperlinks)
    if not rows and not links:
        return
    parts = ["<hyperlinks>"]
    for r, c, target, anchor in zip(
        links.rows, links.columns, links.targets, links.anchors, strict=True
    ):
        if isinstance(target, Url):
            _hyperlink(ws, parts, r, c, target)
        else:
            _external(ws, parts, r, c, target, anchor)
    for r in rows:
        cells = ws.hyperlinks[r]
        for c in sorted(cells):
            url = cells[c]
            cell = ws.table[r].get(c) if ws.table and ws.table[r] else None
            if cell and cell.__class__.__name__ != "String":
                url._is_object_link = True
            _hyperlink(ws, parts, r, c, url)
    parts.append("</hyperlinks>")
    ws.fh.write("".join(parts))


def _hyperlink(ws: Worksheet, parts: list[str], r: int, c: int, url: Url) -> None:
    """One ``<hyperlink>`` of ``url`` at ``(r, c)``, added to ``parts`` (an internal
    one written by XlsxWriter, after ``parts`` so far)."""
    if url._link_type not in (UrlTypes.URL, UrlTypes.EXTERNAL):
        ws.fh.write("".join(parts))
        parts.clear()
        ws._write_hyperlink_internal(r, c, url)
        return
    display = url._text if url._is_object_link else None
    _external(ws, parts, r, c, url._target(), url._anchor, display, url._tip)


def _external(
    ws: Worksheet,
    parts: list[str],
    r: int,
    c: int,
    target: str,
    anchor: str,
    display: str | None = None,
    tip: str = "",
) -> None:
    """One ``<hyperlink>`` to ``target`` (a relationship of its own), added to ``parts``,
    with its attributes as ``_write_hyperlink_external`` writes them (``display``: None
    when the link's cell holds its text, the attribute's value otherwise)."""
    escape_attribute = ws._escape_attributes
    ws.rel_count += 1
    tag = f'<hyperlink ref="{xl_rowcol_to_cell(r, c)}" r:id="rId{ws.rel_count}"'
    if anchor:
        tag += f' location="{escape_attribute(anchor)}"'
    if display is not None:
        tag += f' display="{escape_attribute(display)}"'
    if tip:
        tag += f' tooltip="{escape_attribute(tip)}"'
    parts.append(tag + "/>")
    ws.external_hyper_links.append(["/hyperlink", target, "External"])


class _Lines:
    """The lines of a row's tallest wrapped cell (:func:`.tables.text_lines`), each
    distinct text of a column measured once: a table repeats its texts (a pegawai's name
    on each of their rows, a plan cascaded to several pegawai, a finding's message)."""

    def __init__(self, wrapped: Sequence[int], widths: Sequence[float]) -> None:
        self.columns: list[tuple[int, float, dict[Cell, int]]] = [
            (i, widths[i], {}) for i in wrapped
        ]

    def __call__(self, row: Sequence[Cell]) -> int:
        tallest = 1
        for i, width, measured in self.columns:
            value = row[i]
            lines = measured.get(value)
            if lines is None:
                lines = measured[value] = text_lines(value, width)
            tallest = max(tallest, lines)
        return tallest


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

    ``add_table`` looks up every cell of its range in two dicts and stores each in one, to
    refuse a Table over another or a merge: 0.25 s for the Cascading sheet of 10,000
    files, about 2.5 s and one entry a cell for 100,000 files' (a summary sheet holds one
    Table and no merge). So the Table is made over its header and first row, then given
    its whole range: the range, the data range and the autofilter, which are one range
    for a Table without a total row and with no column formula (the only ones made here).
    """
    unsupported = ("total_row", "header_row", "autofilter", "data")
    assert not any(key in options for key in unsupported), options
    columns = options.get("columns", [])
    assert isinstance(columns, list), options
    assert all("formula" not in column for column in columns), options
    last_col = len(headers) - 1
    made = min(last_row, 1)
    streamed = ws.constant_memory
    ws.constant_memory = False
    try:
        ws.add_table(0, 0, made, last_col, options)
    finally:
        ws.constant_memory = streamed
    if made != last_row:
        table = ws.tables[-1]
        short = xl_range(0, 0, made, last_col)
        assert table["range"] == table["a_range"] == table["autofilter"] == short, table
        whole = xl_range(0, 0, last_row, last_col)
        table["range"] = table["a_range"] = table["autofilter"] = whole
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
