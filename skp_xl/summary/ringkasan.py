"""The Ringkasan sheet: each unit's predikat distribution, its check against the guideline,
and a native bar chart of the distribution."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.vocabulary import Predikat
from skp_xl.errors import SummaryDataError
from skp_xl.summary.data import (
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
    a4_landscape,
    column_width,
    fit_row_height,
    font,
    literal,
    style_header,
)

TITLE_ROW = 1
PERIODE_ROW = 2
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
"""The first unit's row; the agency's row follows the last unit."""

COLUMN = {header: index for index, header in enumerate(RINGKASAN_COLUMNS, start=1)}
"""Column number of each header of the Ringkasan table."""

PREDIKAT_COLORS = {
    Predikat.SANGAT_BAIK: "1E7B34",
    Predikat.BAIK: "8BC34A",
    Predikat.BUTUH_PERBAIKAN: "FFC000",
    Predikat.KURANG: "ED7D31",
    Predikat.SANGAT_KURANG: "C00000",
}
"""Bar colour of each predikat in the chart: green (best) to red (worst)."""

WRAPPED = (UNIT_KERJA, CAPAIAN_ORGANISASI, POLA_DISTRIBUSI, KETERANGAN)
"""Text columns that wrap; their rows are made tall enough."""
PERCENT_FORMAT = "0.0%"
COUNT_FORMAT = "0"
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOTAL_BORDER = Border(left=_THIN, right=_THIN, top=Side(style="medium"), bottom=_THIN)
_TOTAL_FILL = PatternFill("solid", fgColor="D9E1F2")
_WARNING_FILL = PatternFill("solid", fgColor="FFC7CE")
_WARNING_FONT = Font(color="9C0006")


def _letter(header: str) -> str:
    return str(get_column_letter(COLUMN[header]))


def persen_formula(predikat: str, row: int) -> str:
    """The formula of a predikat's share of the unit's Jumlah, blank when Jumlah is 0."""
    count, jumlah = _letter(predikat), _letter(JUMLAH)
    return f'=IF({jumlah}{row}>0,{count}{row}/{jumlah}{row},"")'


def write_ringkasan(ws: Worksheet, data: SummaryData) -> None:
    """Fill the Ringkasan sheet: title, the distribution table, the chart, print setup.

    Head counts, Jumlah and the texts are the caller's values; each percentage is a
    formula over the row's counts, so the sheet stays live. The last row (the agency)
    is bold and left out of the chart.

    Raises:
        SummaryDataError: ``data.ringkasan`` lacks a column of
            :data:`~skp_xl.summary.data.RINGKASAN_INPUT_COLUMNS` or has an unknown one.
    """
    headers = headers_of(data.ringkasan, "ringkasan", RINGKASAN_INPUT_COLUMNS)
    require_columns(headers, RINGKASAN_INPUT_COLUMNS, "ringkasan")
    unknown = [h for h in headers if h not in RINGKASAN_INPUT_COLUMNS + PERSEN_COLUMNS]
    if unknown:
        raise SummaryDataError(
            f"ringkasan: unknown column(s) {unknown!r}; allowed: {list(RINGKASAN_COLUMNS)!r}"
        )
    rows = rows_of(data.ringkasan, headers)

    literal(ws.cell(TITLE_ROW, 1, data.judul)).font = font(bold=True, size=14)
    ws.cell(PERIODE_ROW, 1, f"Periode: {data.periode}").font = font(italic=True)
    for column, header in enumerate(RINGKASAN_COLUMNS, start=1):
        ws.cell(HEADER_ROW, column, header)
    style_header(ws[HEADER_ROW])
    ws.row_dimensions[HEADER_ROW].height = 48

    last_row = FIRST_ROW + len(rows) - 1
    for row_number, row in enumerate(rows, start=FIRST_ROW):
        for header, value in zip(headers, row, strict=True):
            if header in RINGKASAN_INPUT_COLUMNS:
                literal(ws.cell(row_number, COLUMN[header], value))
        for predikat in PREDIKAT_COLUMNS:
            ws.cell(
                row_number, COLUMN[persen_column(predikat)], persen_formula(predikat, row_number)
            )
        _format_row(ws, row_number, total=row_number == last_row)
    if not rows:
        ws.cell(FIRST_ROW, 1, "Belum ada data unit kerja.").font = font(italic=True)
    else:
        pola = _letter(POLA_DISTRIBUSI)
        ws.conditional_formatting.add(
            f"{pola}{FIRST_ROW}:{pola}{last_row}",
            FormulaRule(
                formula=[f'${pola}{FIRST_ROW}="{TIDAK_SESUAI}"'],
                fill=_WARNING_FILL,
                font=_WARNING_FONT,
            ),
        )

    _widths(ws, [row[headers.index(UNIT_KERJA)] for row in rows])
    wrapped = [(headers.index(h), ws.column_dimensions[_letter(h)].width) for h in WRAPPED]
    for row_number, row in enumerate(rows, start=FIRST_ROW):
        narrowing = 0.85 if row_number == last_row else 1.0  # bold text is wider
        cells = ((row[index], width * narrowing) for index, width in wrapped)
        fit_row_height(ws, row_number, cells)
    ws.freeze_panes = ws.cell(FIRST_ROW, 2).coordinate
    units = len(rows) - 1  # the last row is the whole agency
    if units > 0:
        chart = distribution_chart(ws, FIRST_ROW, FIRST_ROW + units - 1)
        ws.add_chart(chart, f"A{last_row + 3}")
    a4_landscape(ws, title_rows=f"{HEADER_ROW}:{HEADER_ROW}", footer=data.judul)


def _format_row(ws: Worksheet, row: int, *, total: bool) -> None:
    for header, column in COLUMN.items():
        cell = ws.cell(row, column)
        cell.border = _TOTAL_BORDER if total else _BORDER
        if header in PREDIKAT_COLUMNS or header == JUMLAH:
            cell.number_format = COUNT_FORMAT
        elif header in PERSEN_COLUMNS:
            cell.number_format = PERCENT_FORMAT
        cell.alignment = Alignment(wrap_text=header in WRAPPED, vertical="top")
        if total:
            cell.font = font(bold=True)
            cell.fill = _TOTAL_FILL


def _widths(ws: Worksheet, units: list[object]) -> None:
    for header, column in COLUMN.items():
        letter = get_column_letter(column)
        if header == UNIT_KERJA:
            texts = [str(u) for u in units if u is not None]
            width = column_width(header, texts, maximum=40)
        elif header == KETERANGAN:
            width = 60.0
        elif header in PREDIKAT_COLUMNS or header in PERSEN_COLUMNS:
            width = 14.0
        else:
            width = 14.0
        ws.column_dimensions[letter].width = width


def distribution_chart(ws: Worksheet, first_row: int, last_row: int) -> BarChart:
    """A 100% stacked bar per unit (rows ``first_row``..``last_row``), one series per predikat.

    The series are the head counts; the chart itself turns them into shares, so it needs
    no computed cell and is right before any recalculation.
    """
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "percentStacked"
    chart.overlap = 100
    chart.gapWidth = 50
    chart.title = "Distribusi predikat kinerja per unit kerja"
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
    # Units from top to bottom, in the table's order; the percent axis stays at the bottom.
    chart.x_axis.scaling.orientation = "maxMin"
    chart.y_axis.crosses = "max"
    chart.y_axis.axPos = "b"
    chart.y_axis.number_format = "0%"
    chart.y_axis.title = "Persentase pegawai"
    # openpyxl 3.1 writes no <c:delete> for the axes, and Excel is reported to hide them
    # then; say plainly that they are shown.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.legend.position = "b"
    chart.width = 24.0
    chart.height = max(8.0, 3.5 + 0.8 * (last_row - first_row + 1))
    return chart
