"""The Kurva sheet: each unit's distribution curve, as e-Kinerja draws its "kurva".

Per unit (and the whole agency, as the Ringkasan lists them): the share of each predikat
against the guideline band of the unit's capaian kinerja organisasi, in a small table
(head counts and shares are formulas over the Ringkasan's cells, so the sheet stays live)
and a native line chart beside it: the actual share as a solid line, the band as two
dashed lines. Rules that are no band on one predikat (the most common predikat, a head
count over two predikat) are listed in words under the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl.chart import LineChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.pola_distribusi import JenisAturan, PolaDistribusi
from skp_xl.domain.vocabulary import CapaianOrganisasi, Predikat, normalize_capaian_organisasi
from skp_xl.summary import ringkasan
from skp_xl.summary.data import (
    CAPAIAN_ORGANISASI,
    JUMLAH,
    POLA_DISTRIBUSI,
    UNIT_KERJA,
    SummaryData,
    headers_of,
    rows_of,
)
from skp_xl.summary.skema import SESUAI, TIDAK_SESUAI
from skp_xl.summary.tables import (
    BILANGAN_FORMAT,
    LINE_HEIGHT,
    PERSEN_FORMAT,
    a4_landscape,
    font,
    literal,
    style_header,
    sumbu_persen,
    text_lines,
)

HEADERS = ("Predikat", "Jumlah", "Aktual", "Batas Bawah", "Batas Atas")
"""Columns of each unit's table."""
WIDTHS = (20.0, 10.0, 10.0, 12.0, 12.0)
BLOCK_ROWS = 13
"""Rows per unit: title, header, five predikat, the rules in words, then space for the
chart's height. Two blocks and the sheet's heading fit an A4 landscape page at full
scale (measured in LibreOffice's PDF); more rows and a block splits over pages."""
BLOCKS_PER_PAGE = 2
CHART_COLUMN = len(HEADERS) + 2
"""The chart starts one column right of the table."""
ACTUAL_COLOR, LOWER_COLOR, UPPER_COLOR = "1F4E78", "1E7B34", "C00000"


@dataclass(frozen=True, slots=True)
class Pita:
    """The guideline band of one predikat: its share must lie in ``bawah``..``atas``
    (percent, 0..100)."""

    bawah: Decimal = Decimal(0)
    atas: Decimal = Decimal(100)


def pita(
    capaian: CapaianOrganisasi, pola: PolaDistribusi
) -> tuple[dict[Predikat, Pita], list[str]]:
    """The band per predikat of ``capaian``'s rules, and the rules no band shows.

    A limit on one predikat's share (``minimal_persen``, ``maksimal_persen``) or "none of
    it" (``maksimal_jumlah`` 0) narrows that predikat's band; the others (the most common
    predikat, a count over several predikat) are returned in words.
    """
    bands = dict.fromkeys(Predikat, Pita())
    others: list[str] = []
    for rule in pola.aturan.get(capaian, ()):
        single = rule.predikat[0] if len(rule.predikat) == 1 else None
        band = bands[single] if single is not None else None
        match rule.jenis:
            case JenisAturan.MINIMAL_PERSEN if single is not None and band is not None:
                bands[single] = Pita(max(band.bawah, rule.batas), band.atas)
            case JenisAturan.MAKSIMAL_PERSEN if single is not None and band is not None:
                bands[single] = Pita(band.bawah, min(band.atas, rule.batas))
            case JenisAturan.MAKSIMAL_JUMLAH if (
                single is not None and band is not None and rule.batas == 0
            ):
                bands[single] = Pita(band.bawah, Decimal(0))
            case _:
                others.append(rule.keterangan)
    return bands, others


def write_kurva(
    ws: Worksheet, data: SummaryData, *, source: str, pola: PolaDistribusi | None = None
) -> None:
    """Fill the Kurva sheet: one block per Ringkasan row, two blocks a page.

    Args:
        ws: An empty sheet.
        data: What the summary shows; its ``ringkasan`` rows are the units.
        source: The title of the Ringkasan sheet, whose cells the formulas read.
        pola: The guideline; the shipped SE MenPANRB 3/2023 one when omitted.
    """
    pola = pola or PolaDistribusi.bawaan()
    a4_landscape(ws, footer=data.judul)
    ws.cell(1, 1, "Kurva distribusi predikat per unit kerja").font = font(bold=True, size=14)
    ws.cell(
        2,
        1,
        "Garis biru: persentase pegawai per predikat; garis putus-putus hijau dan merah: "
        "batas bawah dan batas atas panduan pola distribusi untuk capaian kinerja "
        f"organisasi unit itu ({pola.sumber.split(':')[0]}).",
    ).font = font(italic=True)
    for column, width in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width
    headers = headers_of(data.ringkasan, "ringkasan")
    if UNIT_KERJA not in headers:
        return
    rows = [dict(zip(headers, row, strict=True)) for row in rows_of(data.ringkasan, headers)]
    if not rows:
        ws.cell(4, 1, "Belum ada data unit kerja.").font = font(italic=True)
        return
    for index, row in enumerate(rows):
        top = 4 + index * BLOCK_ROWS
        if index and index % BLOCKS_PER_PAGE == 0:
            ws.row_breaks.append(Break(id=top - 1))
        _block(ws, top, (source, ringkasan.FIRST_ROW + index), row, pola)


def _block(
    ws: Worksheet,
    top: int,
    origin: tuple[str, int],
    row: Mapping[str, object],
    pola: PolaDistribusi,
) -> None:
    """One unit: its title, table and chart from row ``top``; ``origin`` is its
    Ringkasan row (sheet title, row number)."""
    unit = str(row.get(UNIT_KERJA) or "")
    capaian_text = str(row.get(CAPAIAN_ORGANISASI) or "")
    try:
        capaian: CapaianOrganisasi | None = normalize_capaian_organisasi(capaian_text)
    except InvalidValueError:
        capaian = None
    status = str(row.get(POLA_DISTRIBUSI) or "")
    title = f"{unit}: capaian kinerja organisasi {capaian_text or '(belum diisi)'}"
    verdict = {SESUAI: "sesuai panduan", TIDAK_SESUAI: "TIDAK sesuai panduan"}.get(
        status, "tidak dibandingkan"
    )
    literal(ws.cell(top, 1, f"{title}; pola distribusi {verdict}"))
    ws.cell(top, 1).font = font(bold=True, size=12)
    for column, header in enumerate(HEADERS, start=1):
        ws.cell(top + 1, column, header)
    style_header(ws[top + 1][: len(HEADERS)])
    bands, others = pita(capaian, pola) if capaian else ({}, [])
    sheet, source = quote_sheetname(origin[0]), origin[1]
    jumlah = f"{sheet}!${ringkasan.letter(JUMLAH)}${source}"
    first = top + 2
    for offset, predikat in enumerate(Predikat):
        r = first + offset
        ws.cell(r, 1, predikat.value)
        count = ws.cell(r, 2, f"={sheet}!${ringkasan.letter(predikat.value)}${source}")
        count.number_format = BILANGAN_FORMAT
        share = ws.cell(r, 3, f'=IF({jumlah}>0,B{r}/{jumlah},"")')
        share.number_format = PERSEN_FORMAT
        band = bands.get(predikat)
        for column, limit in ((4, band.bawah if band else None), (5, band.atas if band else None)):
            cell = ws.cell(r, column, None if limit is None else float(limit / 100))
            cell.number_format = PERSEN_FORMAT
    notes = (
        ["Aturan lain: " + " ".join(others)]
        if others
        else []
        if capaian
        else ["Capaian kinerja organisasi belum diisi: tanpa batas panduan."]
    )
    note_row = first + len(Predikat)
    if notes:
        cell = ws.cell(note_row, 1, notes[0])
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=note_row, start_column=1, end_row=note_row, end_column=5)
        ws.row_dimensions[note_row].height = LINE_HEIGHT * text_lines(notes[0], sum(WIDTHS))
    ws.add_chart(_chart(ws, first, unit), f"{get_column_letter(CHART_COLUMN)}{top + 1}")


def _chart(ws: Worksheet, first: int, unit: str) -> LineChart:
    chart = LineChart()
    chart.title = f"Kurva {unit}"
    last = first + len(Predikat) - 1
    chart.add_data(
        Reference(ws, min_col=3, max_col=5, min_row=first - 1, max_row=last), titles_from_data=True
    )
    categories = Reference(ws, min_col=1, min_row=first, max_row=last)
    styles: Sequence[tuple[str, str | None, int]] = (
        (ACTUAL_COLOR, None, 38100),
        (LOWER_COLOR, "dash", 22225),
        (UPPER_COLOR, "dash", 22225),
    )
    for series, (color, dash, width) in zip(chart.series, styles, strict=True):
        series.cat = AxDataSource(strRef=StrRef(f=str(categories)))
        series.smooth = False
        series.graphicalProperties.line.solidFill = color
        series.graphicalProperties.line.width = width
        if dash:
            series.graphicalProperties.line.dashStyle = dash
            series.marker.symbol = "none"
        else:
            series.marker.symbol = "circle"
            series.marker.size = 7
            series.marker.graphicalProperties = None
            labels = DataLabelList(numFmt=PERSEN_FORMAT, showVal=True)
            for flag in ("showSerName", "showCatName", "showLegendKey", "showPercent"):
                setattr(labels, flag, False)
            labels.position = "t"
            series.dLbls = labels
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 1
    chart.y_axis.majorUnit = 0.2
    sumbu_persen(chart)
    chart.width = 18.0
    chart.height = 6.8
    return chart
