"""The summary workbook in LibreOffice: formulas recalculated, PivotTable and chart kept.

One soffice run recalculates the sample summary and a copy whose pre-rendered pivot cells
were removed (so the counts LibreOffice shows can only come from its own DataPilot over
the Pegawai table); a second run converts the summary to .ods, where the DataPilot and
the chart are plain to read.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote
from xml.etree.ElementTree import Element

import pytest
from defusedxml.ElementTree import fromstring

from tests.libreoffice import LibreOffice, Recalculated, read_values
from tests.summary.ooxml import MAIN, Package
from tests.summary.sample import (
    AKHIR,
    BP,
    EXPECTED_PIVOT,
    EXPECTED_TOTALS,
    KEUANGAN,
    PEGAWAI_HEADERS,
    PEGAWAI_ROWS,
    SB,
    SK,
    UMUM,
    B,
    K,
    ringkasan_frame,
    write_sample,
)

pytestmark = pytest.mark.libreoffice

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
TABLEOOO = "{http://openoffice.org/2009/table}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
CHART = "{urn:oasis:names:tc:opendocument:xmlns:chart:1.0}"
XLINK = "{http://www.w3.org/1999/xlink}"

LAST_PEGAWAI_ROW = len(PEGAWAI_ROWS) + 1


def strip_pivot_output(source: Path, target: Path) -> Path:
    """A copy of ``source`` whose Pivot sheet keeps only its two title rows."""
    package = Package(source)
    sheet = package.sheet_part("Pivot")
    xml = package.parts[sheet].decode()
    cell = re.compile(r'<c r="[A-Z]+(\d+)"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
    stripped = cell.sub(lambda m: m.group(0) if int(m.group(1)) < 3 else "", xml)
    assert stripped != xml
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package.parts.items():
            archive.writestr(name, stripped.encode() if name == sheet else data)
    return target


@dataclass(frozen=True)
class Converted:
    summary: Recalculated
    stripped: Recalculated
    ods: Path


@pytest.fixture(scope="module")
def converted(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> Converted:
    folder = tmp_path_factory.mktemp("summary-libreoffice")
    summary = write_sample(folder)
    stripped = strip_pivot_output(summary, folder / "tanpa keluaran pivot.xlsx")
    results = recalculate.recalculate([summary, stripped])
    (ods,) = recalculate.convert([summary], "ods").values()
    return Converted(results[summary], results[stripped], ods)


def _ods(path: Path, member: str = "content.xml") -> Element:
    with zipfile.ZipFile(path) as archive:
        element: Element = fromstring(archive.read(member))
    return element


def test_percentages_are_recalculated_from_the_counts(converted: Converted) -> None:
    values = converted.summary.values["Ringkasan"]
    expected: dict[str, object] = {}
    for offset, row in enumerate(ringkasan_frame().to_dict("records")):
        for column, predikat in zip("IJKLM", (SB, B, BP, K, SK), strict=True):
            jumlah = row["Jumlah"]
            share = pytest.approx(row[predikat] / jumlah) if jumlah else ""  # "" when 0
            expected[f"{column}{5 + offset}"] = share
    assert {cell: values.get(cell) for cell in expected} == expected
    assert expected["I5"] == pytest.approx(0.2)  # Bagian Umum: 1 of 5 Sangat Baik
    assert expected["I7"] == ""  # Bagian Hukum: nobody rated in Akhir


def _pivot_grid(values: dict[str, object], first: int, last: int) -> list[tuple[object, ...]]:
    return [
        tuple(values.get(f"{col}{row}") for col in "ABCDEFGH") for row in range(first, last + 1)
    ]


def test_libreoffice_computes_the_pivot_from_the_pegawai_table(converted: Converted) -> None:
    assert _pivot_grid(read_values(converted.stripped.source)["Pivot"], 3, 9) == [(None,) * 8] * 7
    grid = _pivot_grid(converted.stripped.values["Pivot"], 3, 9)
    assert grid[0][:2] == ("Periode", AKHIR)
    assert grid[3][:6] == ("Unit Kerja", SB, B, BP, K, SK)  # then LibreOffice's own
    # labels for the blank item and the totals ("(empty)", "Total Result" in 7.4)
    assert [row[1:] for row in grid[4:6]] == [row[1:] for row in EXPECTED_PIVOT]
    assert [row[0] for row in grid[4:6]] == [UMUM, KEUANGAN]
    assert grid[6][1:] == EXPECTED_TOTALS


def test_libreoffice_shows_the_same_pivot_as_the_written_cells(converted: Converted) -> None:
    written = _pivot_grid(read_values(converted.summary.source)["Pivot"], 3, 9)
    computed = _pivot_grid(converted.summary.values["Pivot"], 3, 9)
    differences = {
        (row, col): (w, c)
        for row, (w_row, c_row) in enumerate(zip(written, computed, strict=True), start=3)
        for col, (w, c) in enumerate(zip(w_row, c_row, strict=True), start=1)
        if w != c
    }
    # Only the captions differ: blank item and grand total (the header and the total row).
    assert set(differences.values()) <= {("(kosong)", "(empty)"), ("Total", "Total Result")}


def test_the_pivot_table_survives_a_round_trip_through_libreoffice(converted: Converted) -> None:
    package = Package(converted.summary.path)
    (pivot_part,) = package.related(package.sheet_part("Pivot"), "pivotTable")
    (cache_part,) = package.related(pivot_part, "pivotCacheDefinition")
    cache = package.xml(cache_part)
    source = cache.find(f"{MAIN}cacheSource/{MAIN}worksheetSource")
    assert source is not None
    assert source.attrib == {"ref": f"A1:G{LAST_PEGAWAI_ROW}", "sheet": "Pegawai"}
    assert [f.get("name") for f in cache.iter(f"{MAIN}cacheField")] == PEGAWAI_HEADERS
    pivot = package.xml(pivot_part)
    location = pivot.find(f"{MAIN}location")
    assert location is not None
    assert location.get("ref") == "A5:H9"
    assert [f.get("x") for f in pivot.iter(f"{MAIN}field")] == ["2", "4"]
    assert [p.get("fld") for p in pivot.iter(f"{MAIN}pageField")] == ["3"]
    assert [(d.get("fld"), d.get("subtotal")) for d in pivot.iter(f"{MAIN}dataField")] == [
        ("0", "count")
    ]


def test_libreoffice_reads_a_data_pilot_over_the_pegawai_table(converted: Converted) -> None:
    (pilot,) = _ods(converted.ods).iter(f"{TABLE}data-pilot-table")
    assert pilot.get(f"{TABLE}name") == "PivotPredikat"
    assert pilot.get(f"{TABLE}target-range-address") == "Pivot.A3:Pivot.H9"
    source = pilot.find(f"{TABLE}source-cell-range")
    assert source is not None
    assert source.get(f"{TABLE}cell-range-address") == f"Pegawai.A1:Pegawai.G{LAST_PEGAWAI_ROW}"
    fields = {
        f.get(f"{TABLE}source-field-name"): (
            f.get(f"{TABLE}orientation"),
            f.get(f"{TABLE}function"),
            f.get(f"{TABLE}selected-page"),
            f.get(f"{TABLEOOO}display-name"),
        )
        for f in pilot.iter(f"{TABLE}data-pilot-field")
        if f.get(f"{TABLE}orientation") != "hidden"
    }
    assert fields == {
        "Unit Kerja": ("row", "auto", None, None),
        "Predikat": ("column", "auto", None, None),
        "Periode": ("page", "auto", AKHIR, None),
        "NIP": ("data", "count", None, "Jumlah Pegawai"),
    }
    predikat = next(
        f
        for f in pilot.iter(f"{TABLE}data-pilot-field")
        if f.get(f"{TABLE}source-field-name") == "Predikat"
    )
    members = [m.get(f"{TABLE}name") for m in predikat.iter(f"{TABLE}data-pilot-member")]
    assert members[:5] == [SB, B, BP, K, SK]  # our order, not alphabetical


def test_the_chart_survives_as_a_percent_stacked_bar_chart(converted: Converted) -> None:
    content = _ods(converted.ods)
    sheet = next(t for t in content.iter(f"{TABLE}table") if t.get(f"{TABLE}name") == "Ringkasan")
    (frame,) = sheet.iter(f"{DRAW}object")
    member = frame.get(f"{XLINK}href", "").removeprefix("./") + "/content.xml"
    chart = _ods(converted.ods, member)
    (root,) = chart.iter(f"{CHART}chart")
    assert root.get(f"{CHART}class") == "chart:bar"
    series = [s.get(f"{CHART}values-cell-range-address") for s in chart.iter(f"{CHART}series")]
    assert series == [f"Ringkasan.{col}5:Ringkasan.{col}8" for col in "CDEFG"]
    with zipfile.ZipFile(converted.ods) as archive:
        assert b'chart:percentage="true"' in archive.read(member)


def test_links_keep_their_file_and_cell(converted: Converted) -> None:
    hrefs = [unquote(a.get(f"{XLINK}href", "")) for a in _ods(converted.ods).iter(f"{TEXT}a")]
    assert any(h.endswith("/unit umum/SKP Andi.xlsx#'SKP JA'!D7") for h in hrefs), hrefs
    assert any(h.endswith("/unit umum/SKP Budi #2.xlsx") for h in hrefs), hrefs
