"""The XlsxWriter table writer makes the Table the openpyxl writer makes, cell by cell."""

from __future__ import annotations

import datetime
import math
import re
import shutil
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
import xlsxwriter
from defusedxml.ElementTree import fromstring
from openpyxl.worksheet.worksheet import Worksheet
from xlsxwriter.url import Url, UrlTypes

from skp_xl.summary import tables, xlsx_tables
from skp_xl.summary.data import Bertahap, Cell, Potongan
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
    ws = _table(book, rows, links)
    xlsx_tables.a4_landscape(ws, title_rows=True, footer="Rekap & Contoh")
    book.close()
    _slash_external_targets(path)


def _table(
    book: xlsxwriter.Workbook, rows: Sequence[Sequence[Cell]], links: Sequence[Link | None]
) -> xlsxwriter.worksheet.Worksheet:
    """Sheet T of ``book``: the table of ``rows`` as the tests write it."""
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
    return ws


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


def _every_kind(folder: Path) -> tuple[list[list[Cell]], list[Link | None]]:
    """Rows with every kind of cell a summary table holds, and their links."""
    texts = [
        "Rating berbeda dengan saran. " * 6,  # wrapped over several lines
        " awal",
        "akhir ",
        "baris\n",
        "\u3000lebar\u00a0",
        "=SUM(A1:A2)",
        "<b>&amp; > &",
        'kutip "ganda"',
        "kendali \x01\x1f\x0b\x00",
        "_x0041_ tertulis",
        "\ufffe\uffff",
        "<r>kaya</r>",
        "Résumé ✓ \U0001f600",
        "",
        "x" * 40_000,  # over 32,767: XlsxWriter cuts it
        "\U0001f600" * 20_000,
    ]
    numbers: list[Cell] = [0, -3, 2**70, 12.5, 0.1, -0.0, 1e20, 1e-7, 1 / 3, True, False, None]
    rows: list[list[Cell]] = []
    links: list[Link | None] = []
    for i in range(60):
        berkas = None if i % 7 == 3 else f"unit {i % 4}/SKP #{i % 5}.xlsx"
        rows.append(
            [
                None if i % 5 == 1 else f"19800101200001{i:04d}",
                texts[i % len(texts)],
                texts[(i * 3) % len(texts)] if i % 4 else None,
                numbers[i % len(numbers)],
                numbers[(i + 5) % len(numbers)],
                berkas,
                None if i % 3 else texts[i % len(texts)],
            ]
        )
        if berkas is None:
            links.append(None)
        elif i == 9:  # past XlsxWriter's 2,079 characters: refused, plain text
            links.append(Link("a" * 2100 + ".xlsx", "'SKP'!D7"))
        else:
            links.append(
                file_link(
                    str(folder / berkas), folder, sheet="SKP JA" if i % 2 else None, cell="d7"
                )
            )
    rows += [[None] * 7, [None, None, None, None, None, None, "ekor"], [None] * 7]
    links += [None, None, None]
    return rows, links


def _both_ways(
    path: Path,
    rows: list[list[Cell]],
    links: list[Link | None],
    own: bool,
    sliced: int | None = None,
) -> None:
    """The sheets of ``rows`` by XlsxWriter's own calls, or by the row writer: given
    whole, or ``sliced`` rows at a time (as a big sheet is, :class:`.data.Bertahap`)."""
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    book.set_properties({"created": datetime.datetime(2026, 12, 6)})
    headers = ("NIP", "Nama", "Pesan", "Nilai", "AK", "Berkas", "Catatan")
    for sheet, wrap, decimal, text, linked in (
        ("A", ("Pesan", "Nama"), (), ("NIP",), "Berkas"),
        ("B", (), ("AK",), ("NIP",), "Berkas"),
        ("C", (), (), (), None),  # no styled column: no blanks written, some rows empty
    ):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the refused link
            xlsx_tables.write_table(
                book,
                book.add_worksheet(sheet),
                name="TABEL" + sheet,
                headers=headers,
                rows=rows if sliced is None else _in_slices(rows, links, sliced, linked),
                text_columns=text,
                wrap_columns=wrap,
                link_column=linked,
                links=links if linked else (),
                decimal_columns=decimal,
                note=("Catatan.", {"italic": True}) if sheet == "B" else None,
                own_calls=own,
            )
    book.close()


def _in_slices(
    rows: list[list[Cell]], links: list[Link | None], size: int, linked: str | None
) -> Bertahap:
    def buat(tautan: bool) -> Iterator[Potongan]:
        for start in range(0, len(rows), size):
            wanted = linked and tautan  # as the summary's sheets leave them out
            yield rows[start : start + size], links[start : start + size] if wanted else []

    return Bertahap(len(rows), buat)


@pytest.mark.parametrize(
    "case", ["all", "links past the limit", "cut", "one row", "no rows", "few targets kept"]
)
def test_rows_written_at_once_are_xlsxwriters_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    """The streamed mode's rows, made a row at a time (``_RowWriter``), are the bytes
    XlsxWriter's own calls write: every part of the package, styles and links too."""
    rows, links = _every_kind(tmp_path)
    if case == "links past the limit":
        monkeypatch.setattr(xlsx_tables, "MAX_LINKS", 5)
    elif case == "cut":
        monkeypatch.setattr(tables, "MAX_DATA_ROWS", 40)
    elif case == "one row":
        rows, links = rows[:1], links[:1]
    elif case == "no rows":
        rows, links = [], []
    elif case == "few targets kept":  # let go and parsed again as met
        monkeypatch.setattr(xlsx_tables, "_URLS_MAKS", 2)
    _both_ways(tmp_path / "own.xlsx", rows, links, own=True)
    _both_ways(tmp_path / "rows.xlsx", rows, links, own=False)
    # A big sheet's rows, made a slice at a time: the last slices hold the empty rows.
    _both_ways(tmp_path / "sliced.xlsx", rows, links, own=False, sliced=7)
    for made in ("rows.xlsx", "sliced.xlsx"):
        with (
            zipfile.ZipFile(tmp_path / "own.xlsx") as own,
            zipfile.ZipFile(tmp_path / made) as fast,
        ):
            assert fast.namelist() == own.namelist()
            for name in own.namelist():
                assert fast.read(name) == own.read(name), (made, name)
    if case == "all":
        book = openpyxl.load_workbook(tmp_path / "rows.xlsx")
        assert book["A"].max_row == 64
        assert book["C"].max_row == 63  # its last row writes nothing: not in the sheet
        assert book["A"].row_dimensions[2].height == 3 * tables.LINE_HEIGHT
        linked = [c for row in book["A"].iter_rows() for c in row if c.hyperlink is not None]
        assert len(linked) == 60 - 9 - 1  # no file, and the refused link


def test_a_number_excel_cannot_hold_is_refused_alike(tmp_path: Path) -> None:
    rows, links = _every_kind(tmp_path)
    rows[5][3] = math.nan
    for own in (True, False):
        with pytest.raises(TypeError, match="NAN/INF not supported"):
            _both_ways(tmp_path / f"{own}.xlsx", rows, links, own=own)


@pytest.mark.parametrize(
    "url",
    [
        "external:unit%20a/SKP%20A.xlsx#'SKP JA'!D7",
        "external:unit a/SKP [A].xlsx#'SKP'!A1",
        "external:../masuk/R%C3%A9sum%C3%A9.xlsx",
        "external:file:///C:/agensi/SKP.xlsx#'SKP'!B2",
        "external:a.xlsx#'x/y'!B2#c",
        "external:.\\a.xlsx#Nama",
    ],
)
def test_a_rows_url_is_the_one_write_url_makes(tmp_path: Path, url: str) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "u.xlsx"), {"constant_memory": True})
    ws = book.add_worksheet()
    writer = xlsx_tables._RowWriter(ws, [], book.add_format(), None, [], {})
    for _ in range(2):  # the second from the file's Url, parsed once
        made = writer.url(1, 0, url, "tampil")
        assert made is not None
        ws.write_url(1, 0, url, None, "tampil")
        own = ws.hyperlinks[1][0]
        if isinstance(made, Url):
            assert vars(made) == vars(own)
        else:
            # A link to a file's cell is kept as what its <hyperlink> and relationship
            # take of the Url; the rest of that Url is as the writer's defaults leave it.
            assert made == (own._target(), own._anchor)
            assert (own._link_type, own._tip, own._is_object_link) == (UrlTypes.EXTERNAL, "", False)
    book.close()


RICH_LOOKING = ("<r>Budi</x></r>", "<r><t>Ani</t></r>", "<r>&amp; <b> </r>")


@STREAMED
def test_a_text_that_looks_like_xlsxwriters_rich_string_is_shown_as_typed(
    tmp_path: Path, constant_memory: bool
) -> None:
    # XlsxWriter writes such a text unescaped: the whole summary would not open.
    rows, links = _rows(tmp_path)
    rows = [list(row) for row in rows * 3]
    links = list(links) * 3
    for i, text in enumerate(RICH_LOOKING):
        rows[i * 3 + 1][1] = text  # the first row, a middle one and the last one
    rows[-1][2] = RICH_LOOKING[0]
    rows[3][4] = str(tmp_path / RICH_LOOKING[1])  # a link's shown text
    _openpyxl(tmp_path / "a.xlsx", rows, links)
    _xlsxwriter(tmp_path / "b.xlsx", rows, links, constant_memory=constant_memory)
    a = _seen(openpyxl.load_workbook(tmp_path / "a.xlsx")["T"])
    b = _seen(openpyxl.load_workbook(tmp_path / "b.xlsx")["T"])
    assert b == a
    shown = [cell[0] for cell in b["cells"].values()]
    assert shown.count(RICH_LOOKING[0]) == 2
    assert RICH_LOOKING[1] in shown
    assert RICH_LOOKING[2] in shown


def test_a_streamed_sheet_keeps_its_links_compactly_and_no_written_rows_height(
    tmp_path: Path,
) -> None:
    """The rows written at once leave nothing per row in XlsxWriter's sheet until it is
    closed (a Url and a dict per link, a height per tall row: most of a 100,000-file
    summary's memory, bench_memori.py), and the sheet is still XlsxWriter's own bytes
    (test_rows_written_at_once_are_xlsxwriters_bytes)."""
    rows, links = _rows(tmp_path)
    rows, links = [list(row) for row in rows * 40], list(links) * 40
    book = xlsxwriter.Workbook(str(tmp_path / "b.xlsx"), {"constant_memory": True})
    ws = _table(book, rows, links)
    last = len(rows)  # the last row is written by XlsxWriter's calls, at close
    assert set(ws.hyperlinks) <= {last}
    assert set(ws.row_info) <= {last}
    assert 1 in {r for r, *_ in _tall_rows(rows)}  # the first row is a tall one
    anchors = ws._write_hyperlinks.keywords["links"].anchors
    assert len(anchors) == sum(link is not None for link in links[:-1])
    assert len(set(map(id, anchors))) == len(set(anchors)) == 2  # one text for each cell
    book.close()


def _tall_rows(rows: list[list[Cell]]) -> list[tuple[int, list[Cell]]]:
    return [(r, row) for r, row in enumerate(rows, start=1) if len(str(row[2] or "")) > 60]


def test_a_table_made_over_its_first_row_then_widened_is_add_tables_own(tmp_path: Path) -> None:
    """The Table :func:`xlsx_tables._add_table` makes over its header and first row, then
    gives its whole range (add_table walks every cell of the range it is given), is the
    Table ``add_table`` makes over that range, byte for byte; so are the sheets."""
    parts = []
    for widened in (True, False):
        path = tmp_path / f"{widened}.xlsx"
        book = xlsxwriter.Workbook(str(path))
        ws = book.add_worksheet("Cascading")
        bold = book.add_format({"bold": True})
        headers = ["NIP", "Nama", "Berkas"]
        options = {
            "name": "Cascading",
            "style": xlsx_tables.TABLE_STYLE,
            "columns": [{"header": h, "header_format": bold} for h in headers],
        }
        if widened:
            xlsx_tables._add_table(ws, 40, headers, bold, dict(options))
        else:
            ws.add_table(0, 0, 40, len(headers) - 1, dict(options))
        for r in range(1, 41):
            ws.write_row(r, 0, [f"1990{r:014d}", f"Pegawai {r}", f"unit/{r}.xlsx"])
        book.close()
        with zipfile.ZipFile(path) as package:
            parts.append(
                {
                    name: package.read(name)
                    for name in package.namelist()
                    if name.startswith(("xl/tables/", "xl/worksheets/"))
                }
            )
    assert parts[0] == parts[1]
    assert b'ref="A1:C41"' in parts[0]["xl/tables/table1.xml"]
