"""The Ringkasan sheet: each unit's predikat distribution, its check against the guideline,
and a native bar chart of the distribution."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.shapes import GraphicalProperties
from openpyxl.chart.text import RichText
from openpyxl.drawing.line import LineProperties
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.vocabulary import Predikat
from skp_xl.errors import SummaryDataError
from skp_xl.summary.data import (
    ATURAN_DILANGGAR,
    CAPAIAN_ORGANISASI,
    JUMLAH,
    KETERANGAN,
    PERSEN_COLUMNS,
    POLA_DISTRIBUSI,
    RINGKASAN_COLUMNS,
    RINGKASAN_INPUT_COLUMNS,
    UNIT_KERJA,
    SummaryData,
    headers_of,
    persen_column,
    require_columns,
    rows_of,
)
from skp_xl.summary.skema import PREDIKAT_COLUMNS, TIDAK_SESUAI
from skp_xl.summary.tables import (
    BILANGAN_FORMAT,
    FONT_NAME,
    LINE_HEIGHT,
    PERSEN_FORMAT,
    a4_landscape,
    fit_row_height,
    font,
    header_width,
    literal,
    style_header,
    sumbu_persen,
)

TITLE_ROW = 1
PERIODE_ROW = 2
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
"""The first unit's row; the agency's row follows the last unit."""

COLUMN = {header: index for index, header in enumerate(RINGKASAN_COLUMNS, start=1)}
"""Column number of each header of the Ringkasan table (without the optional
:data:`TIDAK_MEMBUAT_SKP`, which comes after every column :func:`letter` is asked for)."""

TIDAK_MEMBUAT_SKP = "Tidak Membuat SKP"
"""The optional column of the pegawai on the master list (e-Kinerja "Laporan SKP") with
no rated SKP for the period, per unit, as the agencies' own summaries count them. Only a
consolidation given a master list knows it; without one the column is left out (a 0
would claim that everybody made an SKP)."""
PEGAWAI_SHEET = "Pegawai"
"""Where those pegawai are listed (skp_xl.summary.workbook.PEGAWAI, which imports this
module): each count links there."""

PREDIKAT_COLORS = {
    Predikat.SANGAT_BAIK: "1E7B34",
    Predikat.BAIK: "8BC34A",
    Predikat.BUTUH_PERBAIKAN: "FFC000",
    Predikat.KURANG: "ED7D31",
    Predikat.SANGAT_KURANG: "C00000",
}
"""Bar colour of each predikat in the chart: green (best) to red (worst)."""

WRAPPED = (UNIT_KERJA, CAPAIAN_ORGANISASI, POLA_DISTRIBUSI, ATURAN_DILANGGAR, KETERANGAN)
"""Text columns that wrap; their rows are made tall enough."""
LABEL_FORMAT = BILANGAN_FORMAT + ";-#,##0;;"
"""The counts on the bars; an empty section hides the label of a predikat nobody has."""
ONE_PAGE_UNITS = 30
"""Up to this many units the table and its chart print on one page; more, and the table
runs over pages under its repeated header, the chart on a page of its own."""
BREACH_LINE = "C00000"
BREACH_WIDTH = 38100
"""The frame (3 pt, in EMU) around the bar of a unit outside the guideline."""
WIDTHS = {UNIT_KERJA: 30.0, ATURAN_DILANGGAR: 34.0, KETERANGAN: 40.0}
"""Fixed widths of the long text columns; the others fit their header's words."""
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOTAL_BORDER = Border(left=_THIN, right=_THIN, top=Side(style="medium"), bottom=_THIN)
_TOTAL_FILL = PatternFill("solid", fgColor="D9E1F2")
_WARNING_FILL = PatternFill("solid", fgColor="FFC7CE")
_WARNING_FONT = Font(color="9C0006")
_MARK = re.compile(r"(?=[✓✗] )")


def letter(header: str) -> str:
    """The column letter of a header of the Ringkasan table."""
    return str(get_column_letter(COLUMN[header]))


def persen_formula(predikat: str, row: int) -> str:
    """The formula of a predikat's share of the unit's Jumlah, blank when Jumlah is 0."""
    count, jumlah = letter(predikat), letter(JUMLAH)
    return f'=IF({jumlah}{row}>0,{count}{row}/{jumlah}{row},"")'


def split_keterangan(keterangan: object) -> tuple[str, str]:
    """A unit's ``Keterangan`` as two cells: the rules it breaks (its ``✗`` parts, one a
    line, without the mark) and the rest (the rules met, other notes)."""
    if not isinstance(keterangan, str):
        return "", "" if keterangan is None else str(keterangan)
    parts = [p.strip() for p in _MARK.split(keterangan) if p.strip()]
    broken = [p[1:].strip() for p in parts if p.startswith("✗")]
    rest = [p for p in parts if not p.startswith("✗")]
    return "\n".join(broken), " ".join(rest)


def kolom_sheet(headers: Sequence[str]) -> tuple[str, ...]:
    """The Ringkasan sheet's columns for a frame with ``headers``: :data:`RINGKASAN_COLUMNS`,
    and :data:`TIDAK_MEMBUAT_SKP` before ``Pola Distribusi`` when the frame has it."""
    if TIDAK_MEMBUAT_SKP not in headers:
        return RINGKASAN_COLUMNS
    at = RINGKASAN_COLUMNS.index(POLA_DISTRIBUSI)
    return (*RINGKASAN_COLUMNS[:at], TIDAK_MEMBUAT_SKP, *RINGKASAN_COLUMNS[at:])


def write_ringkasan(ws: Worksheet, data: SummaryData) -> None:
    """Fill the Ringkasan sheet: title, the distribution table, the chart, print setup.

    Head counts, Jumlah and the texts are the caller's values; each percentage is a
    formula over the row's counts, so the sheet stays live. The last row (the agency)
    is bold and has its own bar in the chart. A unit whose ``Pola Distribusi`` is
    "Tidak sesuai" is marked in the table (red fill, the rules it breaks in words) and in
    the chart (a red frame around its bar). With a :data:`TIDAK_MEMBUAT_SKP` column, each
    count above 0 links to the Pegawai sheet, where those pegawai are listed.

    Raises:
        SummaryDataError: ``data.ringkasan`` lacks a column of
            :data:`~skp_xl.summary.data.RINGKASAN_INPUT_COLUMNS` or has an unknown one.
    """
    headers = headers_of(data.ringkasan, "ringkasan", RINGKASAN_INPUT_COLUMNS)
    require_columns(headers, RINGKASAN_INPUT_COLUMNS, "ringkasan")
    allowed = (*RINGKASAN_INPUT_COLUMNS, *PERSEN_COLUMNS, TIDAK_MEMBUAT_SKP)
    unknown = [h for h in headers if h not in allowed]
    columns = kolom_sheet(headers)
    column_of = {header: index for index, header in enumerate(columns, start=1)}
    if unknown:
        raise SummaryDataError(
            f"ringkasan: unknown column(s) {unknown!r}; allowed: {list(kolom_sheet(allowed))!r}"
        )
    rows = [dict(zip(headers, row, strict=True)) for row in rows_of(data.ringkasan, headers)]
    for row in rows:
        row[ATURAN_DILANGGAR], row[KETERANGAN] = split_keterangan(row[KETERANGAN])

    literal(ws.cell(TITLE_ROW, 1, data.judul)).font = font(bold=True, size=14)
    ws.cell(PERIODE_ROW, 1, f"Periode: {data.periode}").font = font(italic=True)
    for column, header in enumerate(columns, start=1):
        ws.cell(HEADER_ROW, column, header)
    style_header(ws[HEADER_ROW])
    widths = _widths(ws, column_of)
    header_lines = max(_wrapped_lines(h, widths[h], bold=True) for h in columns)
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * header_lines + 4

    last_row = FIRST_ROW + len(rows) - 1
    breaches: list[int] = []
    for row_number, row in enumerate(rows, start=FIRST_ROW):
        for header, value in row.items():
            if header in column_of and header not in PERSEN_COLUMNS:
                literal(ws.cell(row_number, column_of[header], None if value == "" else value))
        for predikat in PREDIKAT_COLUMNS:
            ws.cell(
                row_number, COLUMN[persen_column(predikat)], persen_formula(predikat, row_number)
            )
        breach = row[POLA_DISTRIBUSI] == TIDAK_SESUAI
        if breach:
            breaches.append(row_number - FIRST_ROW)
        _format_row(ws, row_number, column_of, total=row_number == last_row, breach=breach)
        if isinstance(row.get(TIDAK_MEMBUAT_SKP), int) and row[TIDAK_MEMBUAT_SKP]:
            cell = ws.cell(row_number, column_of[TIDAK_MEMBUAT_SKP])
            cell.hyperlink = Hyperlink(
                ref=cell.coordinate,
                location=f"{PEGAWAI_SHEET}!A1",
                tooltip=f"Daftarnya di sheet {PEGAWAI_SHEET}: Keterangan 'Tidak Membuat SKP'",
            )
        bold = row_number == last_row
        fit_row_height(
            ws,
            row_number,
            ((row[h], widths[h] * (0.85 if bold else 1.0)) for h in WRAPPED),
        )
    if not rows:
        ws.cell(FIRST_ROW, 1, "Belum ada data unit kerja.").font = font(italic=True)
    else:
        pola = get_column_letter(column_of[POLA_DISTRIBUSI])
        ws.conditional_formatting.add(
            f"{pola}{FIRST_ROW}:{pola}{last_row}",
            FormulaRule(
                formula=[f'${pola}{FIRST_ROW}="{TIDAK_SESUAI}"'],
                fill=_WARNING_FILL,
                font=_WARNING_FONT,
            ),
        )
    ws.freeze_panes = ws.cell(FIRST_ROW, 2).coordinate
    one_page = len(rows) <= ONE_PAGE_UNITS + 1
    a4_landscape(
        ws, title_rows=None if one_page else f"{HEADER_ROW}:{HEADER_ROW}", footer=data.judul
    )
    if len(rows) > 1:  # a unit beside the agency: an agency alone needs no chart
        chart = distribution_chart(ws, FIRST_ROW, last_row, breaches=breaches)
        chart.width = _table_cm(widths.values())
        ws.add_chart(chart, f"A{last_row + 2}")
        if one_page:  # the table and its chart: one page, however tall
            ws.page_setup.fitToHeight = 1
        else:
            ws.row_breaks.append(Break(id=last_row))


def _format_row(
    ws: Worksheet, row: int, column_of: Mapping[str, int], *, total: bool, breach: bool
) -> None:
    for header, column in column_of.items():
        cell = ws.cell(row, column)
        cell.border = _TOTAL_BORDER if total else _BORDER
        if header in PREDIKAT_COLUMNS or header in (JUMLAH, TIDAK_MEMBUAT_SKP):
            cell.number_format = BILANGAN_FORMAT
        elif header in PERSEN_COLUMNS:
            cell.number_format = PERSEN_FORMAT
        cell.alignment = Alignment(wrap_text=header in WRAPPED, vertical="top")
        if total:
            cell.font = font(bold=True)
            cell.fill = _TOTAL_FILL
        if breach and header in (UNIT_KERJA, POLA_DISTRIBUSI, ATURAN_DILANGGAR):
            cell.fill = _WARNING_FILL
            cell.font = Font(name=FONT_NAME, bold=total, color=_WARNING_FONT.color)


def _widths(ws: Worksheet, column_of: Mapping[str, int]) -> dict[str, float]:
    widths = {}
    for header, column in column_of.items():
        if header in WIDTHS:
            width = WIDTHS[header]
        elif header in PREDIKAT_COLUMNS or header in PERSEN_COLUMNS or header == JUMLAH:
            width = header_width(header, minimum=8)
        else:
            width = header_width(header, minimum=12)
        ws.column_dimensions[get_column_letter(column)].width = width
        widths[header] = width
    return widths


def _wrapped_lines(text: str, width: float, *, bold: bool = False) -> int:
    """Lines of ``text`` wrapped between words in a column ``width`` characters wide."""
    per_line = (width - 1) * (1.0 if bold else 1.2)  # bold is about a fifth wider
    lines, used = 1, 0.0
    for word in text.split():
        needed = len(word) if used == 0 else used + 1 + len(word)
        if used and needed > per_line:
            lines, used = lines + 1, len(word)
        else:
            used = needed
    return lines


def _table_cm(widths: Iterable[float]) -> float:
    """The printed width of columns ``widths`` characters wide, in cm: a character is
    7 pixels plus 5 of padding per column, at 96 pixels to the inch."""
    return sum((w * 7 + 5) / 96 * 2.54 for w in widths)


def distribution_chart(
    ws: Worksheet, first_row: int, last_row: int, *, breaches: Sequence[int] = ()
) -> BarChart:
    """A 100% stacked bar per row ``first_row``..``last_row`` (the units, then the agency),
    one series per predikat, the head count on each part of a bar.

    The series are the head counts; the chart itself turns them into shares, so it needs
    no computed cell and is right before any recalculation.

    Args:
        ws: The Ringkasan sheet.
        first_row: The first unit's row.
        last_row: The agency's row.
        breaches: Positions (0 = ``first_row``) of the bars outside the guideline; each
            part of such a bar gets a red frame.
    """
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "percentStacked"
    chart.overlap = 100
    chart.gapWidth = 40
    chart.title = (
        "Distribusi predikat kinerja per unit kerja (angka: jumlah pegawai; "
        "bingkai merah: tidak sesuai pola distribusi)"
    )
    first_count = COLUMN[PREDIKAT_COLUMNS[0]]
    counts = Reference(
        ws,
        min_col=first_count,
        max_col=first_count + len(PREDIKAT_COLUMNS) - 1,
        min_row=HEADER_ROW,
        max_row=last_row,
    )
    chart.add_data(counts, titles_from_data=True)
    units = Reference(ws, min_col=COLUMN[UNIT_KERJA], min_row=first_row, max_row=last_row)
    for series, predikat in zip(chart.series, Predikat, strict=True):
        # Unit names are text: a string reference, or Excel may number the categories.
        series.cat = AxDataSource(strRef=StrRef(f=str(units)))
        series.graphicalProperties.solidFill = PREDIKAT_COLORS[predikat]
        series.graphicalProperties.line.solidFill = PREDIKAT_COLORS[predikat]
        labels = DataLabelList(numFmt=LABEL_FORMAT, showVal=True)
        for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
            setattr(labels, flag, False)
        labels.txPr = _label_text("FFFFFF" if predikat in _DARK else "000000")
        series.dLbls = labels
        series.dPt = [
            DataPoint(
                idx=index,
                spPr=GraphicalProperties(
                    solidFill=PREDIKAT_COLORS[predikat],
                    ln=LineProperties(solidFill=BREACH_LINE, w=BREACH_WIDTH),
                ),
            )
            for index in breaches
        ]
    # Units from top to bottom, in the table's order; the percent axis stays at the bottom.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.y_axis.axPos = "b"
    sumbu_persen(chart)
    chart.width = 24.0
    chart.height = max(8.0, 4.0 + 0.9 * (last_row - first_row + 1))
    return chart


_DARK = (Predikat.SANGAT_BAIK, Predikat.SANGAT_KURANG)
"""Predikat whose bar colour needs white labels."""


def _label_text(color: str) -> RichText:
    run = CharacterProperties(sz=900, b=True, solidFill=color)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=run), endParaRPr=run)])
