"""A sheet that is one Excel Table from A1, for either of the summary's writers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import xlsxwriter
from openpyxl.styles import Color, Font
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.summary import xlsx_tables
from skp_xl.summary.data import BERKAS, Bertahap, Cell
from skp_xl.summary.links import Link
from skp_xl.summary.tables import DESIMAL_FORMAT, FONT_NAME, a4_landscape, write_table

NOTE_FONT = Font(name=FONT_NAME, size=11, italic=True, color=Color(theme=1))
"""The note's font; theme colour 1 (the text's) as XlsxWriter writes every font."""
TITLE_ROWS = "1:1"
"""The rows printed on top of every page of a table sheet."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlainTable:
    """A sheet that is one Excel Table from A1 (Pegawai, Temuan, Cascading), ready for
    either writer: openpyxl's :func:`.tables.write_table` or XlsxWriter's
    :func:`.xlsx_tables.write_table`, which make the same sheet.

    Attributes:
        title: The sheet's title.
        name: The Table's displayName.
        headers: The Table's headers.
        rows: Its rows, as shown (``Berkas`` relative to the consolidated folder); for a
            big sheet, its rows and their links made a slice at a time (``links`` unused).
        text_columns: Columns stored as text.
        wrap_columns: Columns whose long text wraps.
        links: The ``Berkas`` link of each row.
        footer: The printed page's footer title.
        decimal_columns: Columns whose every cell shows two decimals (angka kredit),
            whole numbers and blanks too.
        note: An italic note right of the header (in place of a cut table's note).
        link_column: The column whose cells get ``links`` (shrunk to fit), if any.
    """

    title: str
    name: str
    headers: tuple[str, ...]
    rows: Sequence[Sequence[Cell]] | Bertahap
    text_columns: tuple[str, ...]
    wrap_columns: tuple[str, ...]
    links: Sequence[Link | None]
    footer: str
    decimal_columns: tuple[str, ...] = ()
    note: str | None = None
    link_column: str | None = BERKAS

    def to_openpyxl(self, ws: Worksheet) -> None:
        """Write the sheet with openpyxl."""
        rows, links = (
            self.rows.semua() if isinstance(self.rows, Bertahap) else (self.rows, self.links)
        )
        write_table(
            ws,
            name=self.name,
            headers=self.headers,
            rows=rows,
            text_columns=self.text_columns,
            wrap_columns=self.wrap_columns,
            link_column=self.link_column,
            links=links,
        )
        for index, header in enumerate(self.headers, start=1):
            if header in self.decimal_columns:
                for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = DESIMAL_FORMAT
        if self.note is not None:
            ws.cell(1, len(self.headers) + 2, self.note).font = NOTE_FONT
        a4_landscape(ws, title_rows=TITLE_ROWS, footer=self.footer)

    def to_xlsxwriter(self, book: xlsxwriter.Workbook, ws: xlsxwriter.worksheet.Worksheet) -> None:
        """Write the sheet with XlsxWriter (its print titles are openpyxl's: see
        :func:`.workbook.write_summary`)."""
        xlsx_tables.write_table(
            book,
            ws,
            name=self.name,
            headers=self.headers,
            rows=self.rows,
            text_columns=self.text_columns,
            wrap_columns=self.wrap_columns,
            link_column=self.link_column,
            links=self.links,
            decimal_columns=self.decimal_columns,
            note=None
            if self.note is None
            else (self.note, {"font_name": FONT_NAME, "font_size": 11, "italic": True}),
        )
        xlsx_tables.a4_landscape(ws, footer=self.footer)


PlainWriter = Callable[[Worksheet, PlainTable], None]
"""What the workbook builder does with a plain table's sheet."""


def to_openpyxl(ws: Worksheet, table: PlainTable) -> None:
    """The plain writer that writes the sheet at once, with openpyxl."""
    table.to_openpyxl(ws)
