"""Defined names and sheets straight from workbook.xml, checked against openpyxl."""

from __future__ import annotations

import re
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries

from skp_xl.reader.names import (
    DefinedRange,
    SkipReason,
    WorkbookXmlError,
    parse_target,
    read_defined_names,
    read_workbook_index,
)
from skp_xl.reader.triage import triage
from tests.libreoffice import LibreOffice
from tests.reader import hostile
from tests.reader.hostile import minimal_parts, workbook_xml

TEMPLATES = sorted((Path(__file__).parents[2] / "workbook_templates").glob("*.xlsx"))


def openpyxl_names(path: Path) -> dict[str, tuple[str, int, int, int, int]]:
    """openpyxl's reading of the same names, as (sheet, min_row, min_col, max_row, max_col)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    names = {}
    for name, defined in wb.defined_names.items():
        ((sheet, coordinates),) = defined.destinations
        min_col, min_row, max_col, max_row = range_boundaries(coordinates.replace("$", ""))
        names[name] = (sheet, min_row, min_col, max_row, max_col)
    wb.close()
    return names


def bounds(names: dict[str, DefinedRange]) -> dict[str, tuple[str, int, int, int, int]]:
    return {
        name: (r.sheet, r.min_row, r.min_col, r.max_row, r.max_col) for name, r in names.items()
    }


def index_of(tmp_path: Path, workbook: str) -> Path:
    path = tmp_path / "buku.xlsx"
    hostile.write_zip(path, minimal_parts(workbook=workbook))
    return path


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_names_match_openpyxl_on_every_template(template: Path) -> None:
    names = read_defined_names(template)

    assert len(names) > 20
    assert bounds(names) == openpyxl_names(template)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_sheets_match_openpyxl_in_order_and_state(template: Path) -> None:
    wb = openpyxl.load_workbook(template, read_only=True)
    expected = [(ws.title, ws.sheet_state) for ws in wb.worksheets]
    wb.close()

    index = read_workbook_index(template)

    assert [(sheet.title, sheet.state) for sheet in index.sheets] == expected
    with zipfile.ZipFile(template) as zf:
        assert all(sheet.part in zf.namelist() for sheet in index.sheets)


def test_template_names_and_print_areas(tmp_path: Path) -> None:
    template = next(p for p in TEMPLATES if p.name == "skp-ja-kuantitatif.xlsx")

    index = read_workbook_index(template)

    assert index.names["SKP_HASIL_KERJA"] == DefinedRange("SKP_HASIL_KERJA", "SKP", 18, 1, 79, 11)
    assert index.names["PEGAWAI_NIP"].ref == "C6"
    assert index.names["SKP_HASIL_KERJA"].ref == "A18:K79"
    assert {s.reason for s in index.skipped} == {SkipReason.LOCAL}
    assert {s.name for s in index.skipped} == {"_xlnm.Print_Area", "_xlnm.Print_Titles"}
    assert [s.title for s in index.sheets if not s.visible] == ["_ref", "_meta"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("'Evaluasi TW1'!$D$40", ("Evaluasi TW1", 40, 4, 40, 4)),
        ("SKP!$A$20:$K$90", ("SKP", 20, 1, 90, 11)),
        ("'SKP'!A20:K90", ("SKP", 20, 1, 90, 11)),
        ("SKP!$K$90:$A$20", ("SKP", 20, 1, 90, 11)),
        ("'O''Brien'!$B$2", ("O'Brien", 2, 2, 2, 2)),
        ("'Data (2)'!$a$1", ("Data (2)", 1, 1, 1, 1)),
        ("Lembar_1.x!$XFD$1048576", ("Lembar_1.x", 1048576, 16384, 1048576, 16384)),
        ("'SKP'!$15:$16", ("SKP", 15, 1, 16, 16384)),
        ("SKP!$B:$C", ("SKP", 1, 2, 1048576, 3)),
        (" SKP!$A$1 ", ("SKP", 1, 1, 1, 1)),
    ],
)
def test_parse_target_resolves_cells_and_ranges(
    text: str, expected: tuple[str, int, int, int, int]
) -> None:
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "#REF!",
        "SKP!#REF!",
        "SUM(SKP!$A$1:$A$3)",
        "[1]Data!$A$1",
        "SKP!$A$1,SKP!$B$2",
        "SKP:Lampiran!$A$1",
        "SKP!$XFE$1",
        "SKP!$A$1048577",
        "SKP!$A$0",
        "1.5",
        '"teks"',
        "SKP",
        "",
    ],
)
def test_parse_target_refuses_what_is_not_one_area(text: str) -> None:
    assert parse_target(text) is None


SHEET_TITLES = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="[]:*?/\\"),
    min_size=1,
    max_size=31,
).filter(lambda title: title.strip() == title and not title.startswith("'"))


@given(
    title=SHEET_TITLES,
    first=st.tuples(st.integers(1, 1048576), st.integers(1, 16384)),
    last=st.tuples(st.integers(1, 1048576), st.integers(1, 16384)),
    quote_always=st.booleans(),
)
def test_parse_target_reads_back_what_excel_writes(
    title: str, first: tuple[int, int], last: tuple[int, int], quote_always: bool
) -> None:
    simple = re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", title) is not None
    bare = simple and not quote_always
    sheet = title if bare else "'" + title.replace("'", "''") + "'"
    ref = f"${get_column_letter(first[1])}${first[0]}:${get_column_letter(last[1])}${last[0]}"

    parsed = parse_target(f"{sheet}!{ref}")

    rows, cols = sorted((first[0], last[0])), sorted((first[1], last[1]))
    assert parsed == (title, rows[0], cols[0], rows[1], cols[1])


def test_names_that_are_not_one_area_are_skipped_with_the_reason(tmp_path: Path) -> None:
    names = "".join(
        f'<definedName name="{name}"{extra}>{text}</definedName>'
        for name, extra, text in [
            ("BAIK", "", "'SKP'!$C$5"),
            ("HURUF_KECIL", "", "skp!$C$6"),
            ("LOKAL", ' localSheetId="1"', "Identitas!$A$1"),
            ("HILANG", "", "SKP!#REF!"),
            ("RUMUS", "", "SUM(SKP!$A$1:$A$3)"),
            ("LUAR", "", "[1]Data!$A$1"),
            ("LUAR_KUTIP", "", "'[1]Data lain'!$A$1"),
            ("TANPA_LEMBAR", "", "Lampiran!$A$1"),
            ("BAIK", "", "SKP!$D$9"),
            ("TERSEMBUNYI", ' hidden="1"', "Identitas!$B$2:$C$3"),
        ]
    )
    path = index_of(tmp_path, workbook_xml(names))

    index = read_workbook_index(path)

    assert bounds(dict(index.names)) == {
        "BAIK": ("SKP", 5, 3, 5, 3),
        "HURUF_KECIL": ("SKP", 6, 3, 6, 3),
        "TERSEMBUNYI": ("Identitas", 2, 2, 3, 3),
    }
    assert [(s.name, s.reason, s.local_sheet) for s in index.skipped] == [
        ("LOKAL", SkipReason.LOCAL, 1),
        ("HILANG", SkipReason.REF_ERROR, None),
        ("RUMUS", SkipReason.FORMULA, None),
        ("LUAR", SkipReason.EXTERNAL, None),
        ("LUAR_KUTIP", SkipReason.EXTERNAL, None),
        ("TANPA_LEMBAR", SkipReason.NO_SHEET, None),
        ("BAIK", SkipReason.DUPLICATE, None),
    ]


def test_sheets_come_with_states_and_parts_from_relative_and_absolute_targets(
    tmp_path: Path,
) -> None:
    index = read_workbook_index(index_of(tmp_path, workbook_xml()))

    assert [(s.title, s.state, s.part) for s in index.sheets] == [
        ("SKP", "visible", "xl/worksheets/sheet1.xml"),
        ("Identitas", "hidden", "xl/worksheets/sheet2.xml"),
    ]
    assert index.sheet("identitas") == index.sheets[1]
    assert index.sheet("Lampiran") is None


def test_strict_ooxml_namespaces_are_read(tmp_path: Path) -> None:
    strict = workbook_xml('<definedName name="NIP">SKP!$C$6</definedName>').replace(
        hostile.MAIN_NS, "http://purl.oclc.org/ooxml/spreadsheetml/main"
    )
    strict = strict.replace(
        hostile.REL_NS, "http://purl.oclc.org/ooxml/officeDocument/relationships"
    )

    index = read_workbook_index(index_of(tmp_path, strict))

    assert [s.title for s in index.sheets] == ["SKP", "Identitas"]
    assert index.sheets[0].part == "xl/worksheets/sheet1.xml"
    assert bounds(dict(index.names)) == {"NIP": ("SKP", 6, 3, 6, 3)}


def test_sources_may_be_a_path_a_string_or_an_open_zip(tmp_path: Path) -> None:
    path = index_of(tmp_path, workbook_xml('<definedName name="NIP">SKP!$C$6</definedName>'))

    with zipfile.ZipFile(path) as zf:
        from_zip = read_defined_names(zf)
        assert zf.fp is not None  # left open for the caller

    assert read_defined_names(path) == read_defined_names(str(path)) == from_zip


def test_billion_laughs_is_refused_at_once(tmp_path: Path) -> None:
    path = hostile.write(
        next(s for s in hostile.SAMPLES if s.filename == "billion-laughs.xlsx"), tmp_path
    )

    start = time.perf_counter()
    with pytest.raises(WorkbookXmlError) as raised:
        read_defined_names(path)

    assert time.perf_counter() - start < 1.0
    assert raised.value.code == "berkas-xml-berbahaya"
    assert path.name in raised.value.message


@pytest.mark.parametrize(
    ("parts", "code"),
    [
        ({"[Content_Types].xml": b"<Types/>"}, "berkas-rusak"),
        ({"xl/workbook.xml": b"<workbook><sheets>"}, "berkas-rusak"),
        (
            {"xl/workbook.xml": b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://x"><workbook/>'},
            "berkas-xml-berbahaya",
        ),
    ],
)
def test_unreadable_workbook_xml_raises_with_a_code(
    tmp_path: Path, parts: dict[str, bytes], code: str
) -> None:
    path = tmp_path / "buruk.xlsx"
    hostile.write_zip(path, parts)

    with pytest.raises(WorkbookXmlError) as raised:
        read_workbook_index(path)

    assert raised.value.code == code


def test_a_file_that_is_not_a_zip_raises_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "bukan.xlsx"
    path.write_bytes(b"bukan zip")

    with pytest.raises(WorkbookXmlError) as raised:
        read_workbook_index(path)

    assert raised.value.code == "berkas-rusak"


def test_an_oversized_workbook_xml_raises_too_big(tmp_path: Path) -> None:
    path = index_of(tmp_path, workbook_xml())

    with pytest.raises(WorkbookXmlError) as raised:
        read_workbook_index(path, max_bytes=100)

    assert raised.value.code == "berkas-terlalu-besar"


@pytest.fixture(scope="module")
def libreoffice_template(recalculate: LibreOffice) -> tuple[Path, Path]:
    template = next(p for p in TEMPLATES if p.name == "skp-ja-kuantitatif.xlsx")
    return template, recalculate.convert([template], "xlsx")[template]


def test_names_survive_a_libreoffice_save(libreoffice_template: tuple[Path, Path]) -> None:
    template, saved = libreoffice_template

    assert triage(saved).findings == ()
    assert read_defined_names(saved) == read_defined_names(template)
    assert read_workbook_index(saved).sheets == read_workbook_index(template).sheets
