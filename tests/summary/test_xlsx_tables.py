"""The XlsxWriter table writer makes the Table the openpyxl writer makes, cell by cell."""

from __future__ import annotations

import re
import shutil
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
import xlsxwriter
from defusedxml.ElementTree import fromstring
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.summary import tables, xlsx_tables
from skp_xl.summary.data import Cell
from skp_xl.summary.links import Link, file_link
from skp_xl.summary.plain import PlainTable
from tests.libreoffice import LibreOffice

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"

HEADERS = ("NIP", "Nama", "Pesan", "Nilai", "Berkas")
NIP_ANGKA = "198001012000011001"


def _rows(folder: Path) -> tuple[list[list[Cell]], list[Link | None]]:
    rows: list[list[Cell]] = [
        [
            NIP_ANGKA,
            "Budi Contoh",
            "Rating berbeda dengan saran. " * 6,
            91.5,
            str(folder / "unit a" / "SKP Budi #2.xlsx"),
        ],
        [None, "=SUM(A1:A2)", None, 3, None],
        [
            "198001012000011003",
            "Ani Rekaan",
            "Pendek",
            None,
            str(folder.parent / "masuk" / "Résumé.xlsx"),
        ],
    ]
    links = [
        file_link(row[4], folder, sheet="SKP JA" if i == 0 else None, cell="d7")
        for i, row in enumerate(rows)
    ]
    return rows, links


def _openpyxl(path: Path, rows: Sequence[Sequence[Cell]], links: Sequence[Link | None]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "T"
    tables.write_table(
        ws,
        name="TABEL",
        headers=HEADERS,
        rows=rows,
        text_columns=("NIP",),
        wrap_columns=("Pesan",),
        link_column="Berkas",
        links=links,
    )
    tables.a4_landscape(ws, title_rows="1:1", footer="Rekap & Contoh")
    wb.save(path)


def _xlsxwriter(
    path: Path,
    rows: Sequence[Sequence[Cell]],
    links: Sequence[Link | None],
    *,
    constant_memory: bool = False,
) -> None:
    book = xlsxwriter.Workbook(str(path), {"constant_memory": constant_memory})
    ws = book.add_worksheet("T")
    xlsx_tables.write_table(
        book,
        ws,
        name="TABEL",
        headers=HEADERS,
        rows=rows,
        text_columns=("NIP",),
        wrap_columns=("Pesan",),
        link_column="Berkas",
        links=links,
    )
    xlsx_tables.a4_landscape(ws, title_rows=True, footer="Rekap & Contoh")
    book.close()
    _slash_external_targets(path)


def _colour(colour: Any) -> object:
    """A colour as a reader sees it: RGB without the alpha byte, or a theme colour."""
    if colour is None:
        return None
    if colour.type == "rgb":
        return colour.rgb[-6:]
    return (colour.type, colour.theme if colour.type == "theme" else colour.indexed)


def _seen(ws: Worksheet) -> dict[str, Any]:
    """What a reader of the sheet sees: values, formats, links, sizes, print setup."""
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            link = c.hyperlink
            cells[c.coordinate] = (
                c.value,
                c.data_type if c.value is not None else None,
                c.number_format,
                c.font.b,
                c.font.name,
                c.font.sz,
                c.font.u,
                _colour(c.font.color),
                _colour(c.fill.fgColor) if c.fill.fill_type else None,
                c.alignment.wrap_text or False,
                c.alignment.vertical,
                c.alignment.shrink_to_fit or False,
                (link.target, link.location) if link else None,
            )
    table = ws.tables["TABEL"]
    return {
        "cells": cells,
        "table": (
            table.ref,
            table.tableStyleInfo.name,
            table.tableStyleInfo.showRowStripes,
            [col.name for col in table.tableColumns],
            table.autoFilter is not None,
        ),
        "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "freeze": ws.freeze_panes,
        "print": (
            ws.page_setup.paperSize,
            ws.page_setup.orientation,
            ws.page_setup.fitToWidth or 1,  # XlsxWriter leaves the default 1 out
            ws.page_setup.fitToHeight,
            ws.sheet_properties.pageSetUpPr.fitToPage,
            ws.print_title_rows,
            ws.page_margins.left,
            ws.page_margins.right,
            ws.page_margins.top,
            ws.page_margins.bottom,
            ws.page_margins.header,
            ws.page_margins.footer,
            ws.oddFooter.left.text,
            ws.oddFooter.right.text,
            ws.sheet_view.showGridLines,
        ),
    }


STREAMED = pytest.mark.parametrize("constant_memory", [False, True], ids=["ordinary", "streamed"])
"""XlsxWriter's two modes: cells kept until the end, or each row written as it ends (a
large summary's)."""


@STREAMED
def test_the_two_writers_make_the_same_table(tmp_path: Path, constant_memory: bool) -> None:
    rows, links = _rows(tmp_path)
    _openpyxl(tmp_path / "a.xlsx", rows, links)
    _xlsxwriter(tmp_path / "b.xlsx", rows, links, constant_memory=constant_memory)
    a = _seen(openpyxl.load_workbook(tmp_path / "a.xlsx")["T"])
    b = _seen(openpyxl.load_workbook(tmp_path / "b.xlsx")["T"])
    for key in a:
        assert b[key] == a[key], key
    assert b["cells"]["A2"][:3] == (NIP_ANGKA, "s", "@")
    assert b["cells"]["B3"][:2] == ("=SUM(A1:A2)", "s")
    assert b["cells"]["E2"][-1] == ("unit%20a/SKP%20Budi%20%232.xlsx", "'SKP JA'!D7")


def test_external_targets_get_forward_slashes(tmp_path: Path) -> None:
    rows, links = _rows(tmp_path)
    _xlsxwriter(tmp_path / "b.xlsx", rows, links)
    with zipfile.ZipFile(tmp_path / "b.xlsx") as z:
        rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        assert z.testzip() is None
    assert 'Target="../masuk/R%C3%A9sum%C3%A9.xlsx"' in rels
    assert "\\" not in rels


@STREAMED
def test_a_cut_table_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, constant_memory: bool
) -> None:
    monkeypatch.setattr(tables, "MAX_DATA_ROWS", 2)
    rows, links = _rows(tmp_path)
    _xlsxwriter(tmp_path / "b.xlsx", rows, links, constant_memory=constant_memory)
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["T"]
    assert ws.tables["TABEL"].ref == "A1:E3"
    assert ws.max_row == 3
    assert str(ws["G1"].value).startswith("Tabel ini dipotong: hanya 2 dari 3 baris")


@pytest.mark.libreoffice
@STREAMED
def test_libreoffice_reads_the_xlsxwriter_table(
    recalculate: LibreOffice, tmp_path: Path, constant_memory: bool
) -> None:
    rows, links = _rows(tmp_path)
    path = tmp_path / "b.xlsx"
    _xlsxwriter(path, rows, links, constant_memory=constant_memory)
    (ods,) = recalculate.convert([path], "ods").values()
    with zipfile.ZipFile(ods) as archive:
        content = fromstring(archive.read("content.xml"))
    hrefs = [unquote(a.get(f"{XLINK}href", "")) for a in content.iter(f"{TEXT}a")]
    assert any(h.endswith("/unit a/SKP Budi #2.xlsx#'SKP JA'!D7") for h in hrefs), hrefs
    assert any(h.endswith("/masuk/Résumé.xlsx") for h in hrefs), hrefs
    ranges = [r.get(f"{TABLE}target-range-address") for r in content.iter(f"{TABLE}database-range")]
    assert ranges == ["T.A1:T.E4"], ranges


@STREAMED
def test_decimal_columns_and_the_note_are_written_alike(
    tmp_path: Path, constant_memory: bool
) -> None:
    """The Angka Kredit sheet's extras: every cell of a decimal column (whole numbers and
    blanks too) in two decimals, an italic note right of the header."""
    table = PlainTable(
        title="T",
        name="TABEL",
        headers=("NIP", "AK", "Berkas"),
        rows=[[NIP_ANGKA, 12, "a.xlsx"], ["198001012000011003", None, None], [None, 2.5, "b"]],
        text_columns=("NIP",),
        wrap_columns=(),
        links=(),
        footer="Rekap",
        decimal_columns=("AK",),
        note="Catatan aturan.",
        link_column=None,
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "T"
    table.to_openpyxl(ws)
    wb.save(tmp_path / "a.xlsx")
    book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), {"constant_memory": constant_memory})
    table.to_xlsxwriter(book, book.add_worksheet("T"))
    book.close()
    a = _seen(openpyxl.load_workbook(tmp_path / "a.xlsx")["T"])
    b = _seen(openpyxl.load_workbook(tmp_path / "b.xlsx")["T"])
    for key in ("cells", "table", "heights", "freeze"):  # widths: see the first test
        assert b[key] == a[key], key
    assert {b["cells"][c][2] for c in ("B2", "B3", "B4")} == {tables.DESIMAL_FORMAT}
    assert b["cells"]["E1"][0] == "Catatan aturan."


_BACKSLASHED = re.compile(rb'Target="([^"]*\\[^"]*)" TargetMode="External"')


def _slash_external_targets(path: Path) -> None:
    """What the graft into the summary does to XlsxWriter's external link targets (``\\``
    to ``/``), for a table written alone."""
    tmp = path.with_name(path.name + ".slash")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/_rels/"):
                data = _BACKSLASHED.sub(
                    lambda m: b'Target="' + m[1].replace(b"\\", b"/") + b'" TargetMode="External"',
                    data,
                )
            out.writestr(info, data)
    shutil.move(tmp, path)


def test_links_past_the_sheet_limit_are_plain_text_without_warnings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_tables, "MAX_LINKS", 1)
    rows, links = _rows(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # XlsxWriter warns once a link, past its limit
        _xlsxwriter(tmp_path / "b.xlsx", rows, links, constant_memory=True)
    ws = openpyxl.load_workbook(tmp_path / "b.xlsx")["T"]
    assert ws["E2"].hyperlink is not None
    assert ws["E4"].hyperlink is None
    assert ws["E4"].value == rows[2][4]
