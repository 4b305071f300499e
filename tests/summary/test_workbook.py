"""The summary workbook's structure: sheets, Tables, text NIPs, links, chart and PivotTable parts.

openpyxl reloads what it can (cells, Tables, hyperlinks, the PivotTable definition); the
chart and the package wiring are read from the zip itself.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from openpyxl.workbook.workbook import Workbook

from skp_xl.errors import OutputExistsError, SummaryDataError
from skp_xl.summary import SummaryData, workbook, write_summary
from skp_xl.summary.skema import CASCADING_COLUMNS, PEGAWAI_COLUMNS, TEMUAN_COLUMNS
from tests.summary.ooxml import CHART, MAIN, REL, Package
from tests.summary.sample import (
    AKHIR,
    BP,
    EXPECTED_PIVOT,
    EXPECTED_TOTALS,
    HUKUM,
    KEUANGAN,
    PEGAWAI_HEADERS,
    PEGAWAI_ROWS,
    SB,
    SK,
    TW4,
    UMUM,
    B,
    K,
    sample_data,
    write_sample,
)

PIVOT_TABLE = "xl/pivotTables/pivotTable1.xml"
PIVOT_CACHE = "xl/pivotCache/pivotCacheDefinition1.xml"
PIVOT_RECORDS = "xl/pivotCache/pivotCacheRecords1.xml"


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample(tmp_path_factory.mktemp("summary"))


@pytest.fixture(scope="module")
def package(summary: Path) -> Package:
    return Package(summary)


@pytest.fixture(scope="module")
def wb(summary: Path) -> Workbook:
    return openpyxl.load_workbook(summary)


def test_sheets_in_order_ringkasan_first_and_active(wb: Workbook) -> None:
    assert wb.sheetnames == ["Ringkasan", "Kurva", "Pegawai", "Pivot", "Temuan", "Cascading"]
    assert wb.active is not None
    assert wb.active.title == "Ringkasan"


def test_tables_cover_their_data(wb: Workbook) -> None:
    tables = {
        table.name: (ws.title, table.ref) for ws in wb.worksheets for table in ws.tables.values()
    }
    assert tables == {
        "PEGAWAI": ("Pegawai", f"A1:G{len(PEGAWAI_ROWS) + 1}"),
        "TEMUAN": ("Temuan", "A1:H4"),
        "CASCADING": ("Cascading", "A1:C3"),
    }
    assert [c.value for c in wb["Pegawai"][1]] == PEGAWAI_HEADERS
    assert wb["Pegawai"].freeze_panes == "A2"


def test_nip_cells_are_18_digit_text(wb: Workbook) -> None:
    cells = [row[0] for row in wb["Pegawai"].iter_rows(min_row=2)]
    assert [c.value for c in cells] == [row[0] for row in PEGAWAI_ROWS]
    assert {(c.data_type, c.number_format) for c in cells} == {("s", "@")}


def test_berkas_cells_link_to_the_files_relative_to_the_summary(wb: Workbook) -> None:
    links = [row[-1].hyperlink for row in wb["Pegawai"].iter_rows(min_row=2)]
    assert [(link.target, link.location) for link in links[:2]] == [
        ("unit%20umum/SKP%20Andi.xlsx", None),
        ("unit%20umum/SKP%20Budi%20%232.xlsx", None),
    ]
    assert all(link is not None for link in links)


def test_findings_link_to_the_file_and_cell(wb: Workbook) -> None:
    links = [row[2].hyperlink for row in wb["Temuan"].iter_rows(min_row=2)]
    assert [(link.target, link.location) for link in links] == [
        ("unit%20umum/SKP%20Andi.xlsx", "'SKP JA'!D7"),
        ("keuangan/rusak.xlsx", None),
        ("keuangan/SKP%20Fajar.xlsx", "'Evaluasi ''Akhir'''!A1"),
    ]


def test_findings_come_worst_first_and_name_the_pegawai(wb: Workbook) -> None:
    rows = [[c.value for c in row] for row in wb["Temuan"].iter_rows()]
    assert rows[0][:3] == ["NIP", "Nama", "Berkas"]
    assert [(r[0], r[1], r[6]) for r in rows[1:]] == [
        ("198503122010011001", "Andi Saputra", "error"),
        (None, None, "error"),  # a broken file: nobody's workbook
        ("198808082014031006", "Fajar Nugroho", "warning"),
    ]
    assert wb["Temuan"]["A2"].number_format == "@"


def test_findings_name_the_pegawai_when_the_pegawai_rows_are_walked_a_row_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The names come from the Pegawai rows a slice at a time (a large agency's are
    never decoded at once): with slices of one row, the same names, each file's first."""
    monkeypatch.setattr(workbook, "POTONGAN_BARIS", 1)
    rows = [[c.value for c in row] for row in _write(tmp_path)["Temuan"].iter_rows()]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("198503122010011001", "Andi Saputra"),
        (None, None),
        ("198808082014031006", "Fajar Nugroho"),
    ]


def test_findings_of_a_file_with_several_pegawai_name_no_one(tmp_path: Path) -> None:
    """An export's rows are many pegawai's: its findings (each naming its row's cell) get
    no NIP and Nama, rather than the file's first pegawai's; one pegawai's workbook still
    names its pegawai."""
    pegawai = sample_data(tmp_path).pegawai
    andi = pegawai[pegawai["Nama"] == "Andi Saputra"].iloc[[0]].copy()
    andi["NIP"], andi["Nama"] = "199001012015011002", "Rina Lestari"
    wb = _write(tmp_path, pegawai=pd.concat([pegawai, andi], ignore_index=True))
    rows = [[c.value for c in row] for row in wb["Temuan"].iter_rows(min_row=2)]
    assert [(r[0], r[1]) for r in rows] == [
        (None, None),  # the file holds Andi's rows and Rina's
        (None, None),
        ("198808082014031006", "Fajar Nugroho"),
    ]


def test_berkas_shows_its_path_in_the_consolidated_folder(tmp_path: Path) -> None:
    wb = _write(tmp_path, akar=tmp_path)
    berkas = [row[-1].value for row in wb["Pegawai"].iter_rows(min_row=2)]
    assert berkas[:2] == ["unit umum/SKP Andi.xlsx", "unit umum/SKP Budi #2.xlsx"]
    assert [row[2].value for row in wb["Temuan"].iter_rows(min_row=2)] == [
        "unit umum/SKP Andi.xlsx",
        "keuangan/rusak.xlsx",
        "keuangan/SKP Fajar.xlsx",
    ]
    link = wb["Pegawai"]["G2"].hyperlink
    assert link is not None
    assert link.target == "unit%20umum/SKP%20Andi.xlsx"


def test_ringkasan_table_percentages_are_formulas_over_the_counts(wb: Workbook) -> None:
    ws = wb["Ringkasan"]
    assert ws["A1"].value == "Rekapitulasi SKP Dinas Contoh"
    assert ws["A2"].value == "Periode: Akhir"
    assert [c.value for c in ws[4]][:8] == [
        "Unit Kerja",
        "Capaian Kinerja Organisasi",
        SB,
        B,
        BP,
        K,
        SK,
        "Jumlah",
    ]
    assert [ws.cell(r, 1).value for r in range(5, 9)] == [UMUM, KEUANGAN, HUKUM, "Instansi"]
    assert [ws.cell(5, c).value for c in range(3, 9)] == [1, 3, 1, 0, 0, 5]
    assert ws["I5"].value == '=IF(H5>0,C5/H5,"")'
    assert ws["M8"].value == '=IF(H8>0,G8/H8,"")'
    assert {ws.cell(r, c).number_format for r in range(5, 9) for c in range(9, 14)} == {
        "[$-421]0.0%"
    }
    assert {ws.cell(r, c).number_format for r in range(5, 9) for c in range(3, 9)} == {
        "[$-421]#,##0"
    }
    assert ws["A8"].font.b
    assert not ws["A7"].font.b


def test_every_sheet_prints_on_a4_landscape_one_page_wide(wb: Workbook) -> None:
    setups = {
        (
            str(ws.page_setup.orientation),
            str(ws.page_setup.paperSize),
            # The schema's default is 1 page wide; XlsxWriter's sheets leave it out.
            1 if ws.page_setup.fitToWidth is None else ws.page_setup.fitToWidth,
            ws.sheet_properties.pageSetUpPr.fitToPage,
        )
        for ws in wb.worksheets
    }
    assert setups == {("landscape", "9", 1, True)}
    # Few units: the table and its chart on one page, no header band repeated across it.
    assert wb["Ringkasan"].print_title_rows is None
    assert wb["Ringkasan"].page_setup.fitToHeight == 1


def test_the_chart_is_a_percent_stacked_bar_per_unit(package: Package) -> None:
    ringkasan = package.sheet_part("Ringkasan")
    (drawing,) = package.related(ringkasan, "drawing")
    (chart,) = package.related(drawing, "chart")
    assert chart == "xl/charts/chart1.xml"
    plot = package.xml(chart).find(f"{CHART}chart/{CHART}plotArea/{CHART}barChart")
    assert plot is not None
    assert plot.find(f"{CHART}barDir").get("val") == "bar"  # type: ignore[union-attr]
    assert plot.find(f"{CHART}grouping").get("val") == "percentStacked"  # type: ignore[union-attr]
    series = [
        (
            s.findtext(f"{CHART}tx/{CHART}strRef/{CHART}f"),
            s.findtext(f"{CHART}cat/{CHART}strRef/{CHART}f"),
            s.findtext(f"{CHART}val/{CHART}numRef/{CHART}f"),
        )
        for s in plot.iter(f"{CHART}ser")
    ]
    # Categories are the three units and the agency's row 8, its own bar.
    assert series == [
        (f"'Ringkasan'!{col}4", "'Ringkasan'!$A$5:$A$8", f"'Ringkasan'!${col}$5:${col}$8")
        for col in "CDEFG"
    ]


def test_pivot_parts_are_wired_into_the_package(package: Package) -> None:
    pivot_sheet = package.sheet_part("Pivot")
    assert package.related(pivot_sheet, "pivotTable") == [PIVOT_TABLE]
    assert package.related(PIVOT_TABLE, "pivotCacheDefinition") == [PIVOT_CACHE]
    assert package.related(PIVOT_CACHE, "pivotCacheRecords") == [PIVOT_RECORDS]
    assert package.related("xl/workbook.xml", "pivotCacheDefinition") == [PIVOT_CACHE]
    (cache,) = package.xml("xl/workbook.xml").iter(f"{MAIN}pivotCache")
    assert cache.get("cacheId") == package.xml(PIVOT_TABLE).get("cacheId") == "1"
    kinds = {part: package.content_type(part) for part in (PIVOT_TABLE, PIVOT_CACHE, PIVOT_RECORDS)}
    assert kinds == {
        PIVOT_TABLE: "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml",
        PIVOT_CACHE: "application/vnd.openxmlformats-officedocument.spreadsheetml"
        ".pivotCacheDefinition+xml",
        PIVOT_RECORDS: "application/vnd.openxmlformats-officedocument.spreadsheetml"
        ".pivotCacheRecords+xml",
    }


def test_pivot_cache_reads_the_pegawai_table_and_refreshes_on_load(
    package: Package, wb: Workbook
) -> None:
    cache = package.xml(PIVOT_CACHE)
    assert cache.get("refreshOnLoad") == "1"
    assert cache.get("recordCount") == str(len(PEGAWAI_ROWS))
    source = cache.find(f"{MAIN}cacheSource/{MAIN}worksheetSource")
    assert source is not None
    assert source.attrib == {"name": "PEGAWAI"}
    assert wb["Pegawai"].tables["PEGAWAI"].ref == f"A1:G{len(PEGAWAI_ROWS) + 1}"
    fields = [f.get("name") for f in cache.iter(f"{MAIN}cacheField")]
    assert fields == PEGAWAI_HEADERS


def _shared_items(package: Package) -> list[list[object]]:
    items: list[list[object]] = []
    for field in package.xml(PIVOT_CACHE).iter(f"{MAIN}cacheField"):
        values: list[object] = []
        for item in field.find(f"{MAIN}sharedItems") or []:
            tag = item.tag.removeprefix(MAIN)
            value = item.get("v")
            values.append(None if tag == "m" else float(value) if tag == "n" else value)  # type: ignore[arg-type]
        items.append(values)
    return items


def test_pivot_records_decode_to_the_pegawai_cells(package: Package, wb: Workbook) -> None:
    shared = _shared_items(package)
    decoded = [
        [shared[field][int(x.get("v", "0"))] for field, x in enumerate(record)]
        for record in package.xml(PIVOT_RECORDS).iter(f"{MAIN}r")
    ]
    cells = [list(row) for row in wb["Pegawai"].iter_rows(min_row=2, values_only=True)]
    assert decoded == cells


def test_pivot_items_are_in_ringkasan_and_predikat_order(package: Package) -> None:
    shared = _shared_items(package)
    assert shared[PEGAWAI_HEADERS.index("Unit Kerja")] == [UMUM, KEUANGAN, HUKUM]
    assert shared[PEGAWAI_HEADERS.index("Periode")] == [AKHIR, TW4]
    assert shared[PEGAWAI_HEADERS.index("Predikat")] == [SB, B, BP, K, SK, None]


def test_pivot_table_counts_nip_per_unit_and_predikat_of_the_period(package: Package) -> None:
    pivot = package.xml(PIVOT_TABLE)
    location = pivot.find(f"{MAIN}location")
    assert location is not None
    # The Periode filter on rows 3, a blank row, then the table.
    assert location.attrib == {
        "ref": "A5:H9",
        "firstHeaderRow": "1",
        "firstDataRow": "2",
        "firstDataCol": "1",
        "rowPageCount": "1",
        "colPageCount": "1",
    }
    fields = pivot.findall(f"{MAIN}pivotFields/{MAIN}pivotField")
    assert [(f.get("axis"), f.get("dataField")) for f in fields] == [
        (None, "1"),  # NIP, counted
        (None, None),
        ("axisRow", None),  # Unit Kerja
        ("axisPage", None),  # Periode
        ("axisCol", None),  # Predikat
        (None, None),
        (None, None),
    ]
    unit_items = [(i.get("x"), i.get("t")) for i in fields[2].iter(f"{MAIN}item")]
    assert unit_items == [("0", "data"), ("1", "data"), ("2", "data"), (None, "default")]
    assert len(list(fields[4].iter(f"{MAIN}item"))) == 6 + 1
    assert [f.get("x") for f in pivot.iter(f"{MAIN}field")] == ["2", "4"]  # rows, columns
    (page,) = pivot.iter(f"{MAIN}pageField")
    assert (page.get("fld"), page.get("item")) == ("3", "0")  # Periode = Akhir
    shown = {
        axis: [x.get("v") for x in pivot.findall(f"{MAIN}{axis}/{MAIN}i/{MAIN}x")]
        for axis in ("rowItems", "colItems")
    }
    # Bagian Hukum (item 2) has no Akhir row, so it is not shown; each list ends with the
    # grand total's <x v="0"/>.
    assert shown == {"rowItems": ["0", "1", "0"], "colItems": ["0", "1", "2", "3", "4", "5", "0"]}
    (data_field,) = pivot.iter(f"{MAIN}dataField")
    assert (data_field.get("name"), data_field.get("fld"), data_field.get("subtotal")) == (
        "Jumlah Pegawai",
        "0",
        "count",
    )
    # The schema has no r:id here (openpyxl's writer adds one); the cache is found by
    # cacheId and the relationship part.
    assert f"{REL}id" not in pivot.attrib


def _grid(wb: Workbook, first: int, last: int) -> list[tuple[object, ...]]:
    rows = wb["Pivot"].iter_rows(min_row=first, max_row=last, max_col=8, values_only=True)
    return [tuple(row) for row in rows]


def test_pivot_output_cells_are_written_for_viewers_that_do_not_refresh(wb: Workbook) -> None:
    grid = _grid(wb, 3, 9)
    assert grid[0][:2] == ("Periode", AKHIR)
    assert grid[2][:2] == ("Jumlah Pegawai", "Predikat")
    assert grid[3] == ("Unit Kerja", SB, B, BP, K, SK, "(kosong)", "Total")
    assert grid[4:6] == EXPECTED_PIVOT
    assert grid[6] == ("Total", *EXPECTED_TOTALS)


def test_openpyxl_reads_the_pivot_table_back(wb: Workbook) -> None:
    (pivot,) = wb["Pivot"]._pivots
    assert (pivot.name, pivot.location.ref, pivot.cache.refreshOnLoad) == (
        "PivotPredikat",
        "A5:H9",
        True,
    )


def _write(tmp_path: Path, **changes: object) -> Workbook:
    path = tmp_path / "out.xlsx"
    write_summary(path, replace(sample_data(tmp_path), **changes))  # type: ignore[arg-type]
    return openpyxl.load_workbook(path)


def test_cascading_rows_link_to_their_sheet_and_cell(tmp_path: Path) -> None:
    berkas = str(tmp_path / "unit umum" / "SKP Andi.xlsx")
    andi = (berkas, "198503122010011001", "Andi Saputra")
    cascading = pd.DataFrame(
        [
            (*andi, "ke atas", "SKP JA", "B18", "Layanan prima", "cocok", "Kepala: SKP!C18"),
            (*andi, "ke atas", "", "", "Layanan umum", "penilai tidak ada", "-"),
        ],
        columns=list(CASCADING_COLUMNS),
    )
    wb = _write(tmp_path, cascading=cascading)
    links = [row[0].hyperlink for row in wb["Cascading"].iter_rows(min_row=2)]
    # The problem first, then what matches.
    assert [row[7].value for row in wb["Cascading"].iter_rows(min_row=2)] == [
        "penilai tidak ada",
        "cocok",
    ]
    assert [(link.target, link.location) for link in links] == [
        ("unit%20umum/SKP%20Andi.xlsx", None),
        ("unit%20umum/SKP%20Andi.xlsx", "'SKP JA'!B18"),
    ]


def test_explicit_filters_choose_what_the_pivot_counts(tmp_path: Path) -> None:
    wb = _write(tmp_path, pivot_filters={"Periode": TW4, "Nama": "Andi Saputra"})
    assert _grid(wb, 3, 9) == [
        ("Periode", TW4, *[None] * 6),
        ("Nama", "Andi Saputra", *[None] * 6),
        (None,) * 8,
        ("Jumlah Pegawai", "Predikat", None, None, None, None, None, None),
        ("Unit Kerja", B, "Total", None, None, None, None, None),
        (UMUM, 1, 1, None, None, None, None, None),
        ("Total", 1, 1, None, None, None, None, None),
    ]


def test_no_filters_count_every_row(tmp_path: Path) -> None:
    wb = _write(tmp_path, pivot_filters={})
    assert not wb["Pivot"]._pivots[0].pageFields
    assert _grid(wb, 3, 4)[1] == ("Unit Kerja", SB, B, BP, K, SK, "(kosong)", "Total")
    assert _grid(wb, 8, 8) == [("Total", 3, 5, 1, 1, 1, 1, 12)]


def test_a_filter_value_absent_from_the_data_counts_every_row(tmp_path: Path) -> None:
    wb = _write(tmp_path, periode="Akhir 2025")
    (page,) = wb["Pivot"]._pivots[0].pageFields
    assert page.item is None
    assert _grid(wb, 3, 3) == [("Periode", "(Semua)", *[None] * 6)]


def test_filters_must_name_pegawai_columns(tmp_path: Path) -> None:
    with pytest.raises(SummaryDataError, match="Tahun"):
        _write(tmp_path, pivot_filters={"Tahun": "2025"})


def _empty_data() -> SummaryData:
    return SummaryData(
        judul="Kosong", periode="Akhir 2025", ringkasan=pd.DataFrame(), pegawai=pd.DataFrame()
    )


def test_empty_frames_give_tables_with_one_blank_row_and_no_pivot(tmp_path: Path) -> None:
    path = tmp_path / "kosong.xlsx"
    write_summary(path, _empty_data())
    wb = openpyxl.load_workbook(path)
    assert wb["Pegawai"].tables["PEGAWAI"].ref == f"A1:{chr(64 + len(PEGAWAI_COLUMNS))}2"
    # NIP and Nama of the pegawai come before the findings' own columns.
    assert wb["Temuan"].tables["TEMUAN"].ref == f"A1:{chr(64 + 2 + len(TEMUAN_COLUMNS))}2"
    assert not wb["Cascading"].tables
    assert wb["Pivot"]["A2"].value == "Belum ada data pegawai, jadi PivotTable tidak dibuat."
    names = Package(path).parts
    assert not [n for n in names if n.startswith(("xl/pivot", "xl/charts", "xl/drawings"))]


def test_an_agency_row_alone_makes_no_ringkasan_chart(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    only_agency = SummaryData(
        judul=data.judul,
        periode=data.periode,
        ringkasan=data.ringkasan.tail(1),
        pegawai=data.pegawai,
    )
    path = tmp_path / "instansi.xlsx"
    write_summary(path, only_agency)
    package = Package(path)
    assert not package.related(package.sheet_part("Ringkasan"), "drawing")
    (drawing,) = package.related(package.sheet_part("Kurva"), "drawing")
    assert len(package.related(drawing, "chart")) == 1  # the agency's curve
    assert PIVOT_TABLE in package.parts


def test_an_existing_output_is_kept_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"lama")
    with pytest.raises(OutputExistsError):
        write_summary(path, _empty_data())
    assert path.read_bytes() == b"lama"
    write_summary(path, _empty_data(), force=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == "Ringkasan"


def test_a_refused_frame_leaves_the_old_output_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"lama")
    bad = SummaryData(
        judul="x",
        periode="y",
        ringkasan=pd.DataFrame({"Unit Kerja": ["A"]}),
        pegawai=pd.DataFrame(),
    )
    with pytest.raises(SummaryDataError, match="Jumlah"):
        write_summary(path, bad, force=True)
    assert path.read_bytes() == b"lama"
    assert os.listdir(tmp_path) == ["out.xlsx"]


def test_unknown_ringkasan_columns_are_refused(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    ringkasan = data.ringkasan.assign(**{"Jumlah Dinilai": 1})
    bad = SummaryData(judul="x", periode="y", ringkasan=ringkasan, pegawai=data.pegawai)
    with pytest.raises(SummaryDataError, match="Jumlah Dinilai"):
        write_summary(tmp_path / "out.xlsx", bad)


def test_percentage_columns_given_by_the_caller_become_formulas(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    ringkasan = data.ringkasan.assign(**{f"% {SB}": 0.5})
    path = tmp_path / "out.xlsx"
    write_summary(
        path, SummaryData(judul="x", periode="y", ringkasan=ringkasan, pegawai=data.pegawai)
    )
    assert openpyxl.load_workbook(path)["Ringkasan"]["I5"].value == '=IF(H5>0,C5/H5,"")'


def test_pegawai_rows_need_unit_kerja_and_predikat(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    bad = SummaryData(
        judul="x",
        periode="y",
        ringkasan=data.ringkasan,
        pegawai=data.pegawai.drop(columns="Predikat"),
    )
    with pytest.raises(SummaryDataError, match="Predikat"):
        write_summary(tmp_path / "out.xlsx", bad)


def test_numeric_nips_from_the_caller_are_written_as_text(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    pegawai = data.pegawai.assign(NIP=[int(n) for n in data.pegawai["NIP"]])
    path = tmp_path / "out.xlsx"
    write_summary(
        path, SummaryData(judul="x", periode="y", ringkasan=data.ringkasan, pegawai=pegawai)
    )
    cell = openpyxl.load_workbook(path)["Pegawai"]["A2"]
    assert (cell.value, cell.data_type) == (PEGAWAI_ROWS[0][0], "s")


def test_texts_that_look_like_formulas_stay_text(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    pegawai = data.pegawai.assign(**{"Nama": "=1+1", "Unit Kerja": "=UNIT()"})
    ringkasan = data.ringkasan.assign(Keterangan='=HYPERLINK("http://x")')
    wb = _write(tmp_path, pegawai=pegawai, ringkasan=ringkasan, judul="=JUDUL")
    cells = {
        "judul": wb["Ringkasan"]["A1"],
        "keterangan": wb["Ringkasan"]["P5"],
        "nama": wb["Pegawai"]["B2"],
        "unit in the pivot": wb["Pivot"]["A7"],
    }
    assert {k: (c.value, c.data_type) for k, c in cells.items()} == {
        "judul": ("=JUDUL", "s"),
        "keterangan": ('=HYPERLINK("http://x")', "s"),
        "nama": ("=1+1", "s"),
        "unit in the pivot": ("=UNIT()", "s"),
    }
    assert wb["Ringkasan"]["I5"].data_type == "f"  # our own formulas stay formulas


def test_every_deflated_part_is_zlib_ngs_and_zipfiles_own_compressor_is_back(
    summary: Path,
) -> None:
    """openpyxl's, XlsxWriter's and the graft's parts alike (skp_xl.arsip.deflate_zlib_ng)."""
    import zipfile

    from zlib_ng import zlib_ng

    assert zipfile._get_compressor.__module__ == "zipfile"  # type: ignore[attr-defined]
    from skp_xl.arsip import awal_data

    with summary.open("rb") as raw, zipfile.ZipFile(summary) as package:
        assert package.testzip() is None
        deflated = [i for i in package.infolist() if i.compress_type == zipfile.ZIP_DEFLATED]
        assert {"xl/worksheets/sheet1.xml", PIVOT_RECORDS} <= {i.filename for i in deflated}
        for info in deflated:
            stream = zlib_ng.compressobj(zlib_ng.Z_DEFAULT_COMPRESSION, zlib_ng.DEFLATED, -15)
            ours = stream.compress(package.read(info)) + stream.flush()
            assert awal_data(raw, info.header_offset) is not None
            assert raw.read(info.compress_size) == ours, info.filename
