"""The predikat formula and the ``_ref`` sheet it reads, checked against Python in LibreOffice."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, NamedTuple

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

import skp_xl
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.quadrant import KUADRAN
from skp_xl.domain.vocabulary import (
    RATING,
    VOCABULARIES,
    Predikat,
    Rating,
    SiklusEvaluasi,
    Vocabulary,
)
from skp_xl.workbook.formulas import UNKNOWN, canonical_formula, predikat_formula
from skp_xl.workbook.reference import ReferenceSheet, write_reference_sheet
from tests.libreoffice import LibreOffice, Recalculated

PERIODS = SiklusEvaluasi.TRIWULANAN.periode

CANONICAL = [rating.value for rating in Rating]

# Texts people type or paste; each must give what Python gives.
TYPED = [
    "Di Atas Ekspektasi",
    "DIATAS EKSPETASI",
    "  sesuai  ekspektasi ",
    "Di Bawah Ekspektasi",
    "dibawah ekpektasi",
    "Sesuai Ekspektasi Pimpinan",
    "Kurang Dari Ekspektasi",
    "Melebihi Ekspektasi",
    "DIATSS EKSPEKTASI",
    "Sesuai",
]

# Spaces Python's compact() removes and the formula must remove too. Not here: a carriage
# return (openpyxl writes it raw and XML reads it as a line feed); a tab next to a line
# feed (LibreOffice reads a tab in a multi-line cell as another character); other Unicode
# spaces such as U+2009, which Python removes and the formula does not (a known gap).
WHITESPACE = [" ", "\u00a0", "\t", "\n", "  \u00a0\n"]

JUNK: list[object] = [
    "Baik",
    "x",
    "Sangat Baik",
    "Ekspektasi",
    "Diatas Ekspektasi!",
    "*",
    "?",
    "~",
    "Di*",
    "*Ekspektasi",
    "Sesuai?Ekspektasi",
    "Sesuai~Ekspektasi",
    0,
    3,
    True,
]

BLANK: list[object] = [None, "", "   ", "\u00a0", "\n"]


def _cases() -> list[tuple[object, object]]:
    cases: list[tuple[object, object]] = [(h, p) for h in CANONICAL for p in CANONICAL]
    for index, key in enumerate(sorted(RATING.aliases)):
        other = CANONICAL[index % len(CANONICAL)]
        for text in (key, key.upper(), key.title(), f"  {' '.join(key)} "):
            cases += [(text, other), (other, text)]
    for index, text in enumerate(TYPED):
        other = CANONICAL[index % len(CANONICAL)]
        cases += [(text, other), (other, text)]
    for space in WHITESPACE:
        cases.append((f"Sesuai{space}Ekspektasi", f"{space}Diatas Ekspektasi{space}"))
    for junk in JUNK:
        cases += [(junk, "Sesuai Ekspektasi"), ("Diatas Ekspektasi", junk), (junk, junk)]
    for blank in BLANK:
        cases += [(blank, "Sesuai Ekspektasi"), ("Dibawah Ekspektasi", blank), (blank, blank)]
        cases += [(blank, "Baik"), ("x", blank)]  # blank wins over junk: not filled yet
    return cases


def _rating_error(value: object) -> str | None:
    try:
        RATING.normalize(value)
    except InvalidValueError as error:
        return error.code
    return None


def expected_predikat(hasil: object, perilaku: object) -> str:
    """What the cell must show: Python's predikat, "" until both are filled, else UNKNOWN."""
    errors = {_rating_error(hasil), _rating_error(perilaku)} - {None}
    if "rating-kosong" in errors:
        return ""
    if errors:
        return UNKNOWN
    return skp_xl.predikat_kinerja(hasil, perilaku)


def _canonical_cases() -> list[tuple[Vocabulary[Any], str, str]]:
    """(vocabulary, text, expected) for every alias of every vocabulary, and junk."""
    cases = []
    for vocabulary in VOCABULARIES.values():
        for key in vocabulary.aliases:
            for text in (key.upper(), f" {key} "):
                cases.append((vocabulary, text, vocabulary.normalize(text).value))
        cases.append((vocabulary, "zz tidak ada", UNKNOWN))
    return cases


def _write_cell(ws: Worksheet, coordinate: str, value: object) -> None:
    cell = ws[coordinate]
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # "=..." or "1" typed by a user is text


class Roundtrip(NamedTuple):
    result: Recalculated
    reference: ReferenceSheet
    last_row: int


def build_workbook(path: Path) -> tuple[ReferenceSheet, int]:
    """Rows of ratings with the predikat formula, and every alias through canonical_formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Predikat"
    ws.append(["rating hasil kerja", "rating perilaku kerja", "predikat"])
    cases = _cases()
    for row, (hasil, perilaku) in enumerate(cases, start=2):
        _write_cell(ws, f"A{row}", hasil)
        _write_cell(ws, f"B{row}", perilaku)
        ws[f"C{row}"] = predikat_formula(f"A{row}", f"B{row}")
    last = len(cases) + 1
    reference = write_reference_sheet(wb)
    dropdown = DataValidation(type="list", formula1=reference.lists["rating"], allow_blank=True)
    ws.add_data_validation(dropdown)
    dropdown.add(f"A2:B{last}")

    kanonik = wb.create_sheet("Kanonik")
    for row, (vocabulary, text, _) in enumerate(_canonical_cases(), start=1):
        _write_cell(kanonik, f"A{row}", text)
        kanonik[f"B{row}"] = f'=IFERROR({canonical_formula(f"A{row}", vocabulary)},"{UNKNOWN}")'
    wb.save(path)
    return reference, last


@pytest.fixture(scope="module")
def roundtrip(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> Roundtrip:
    """The workbook after one LibreOffice run (soffice is slow to start)."""
    path = tmp_path_factory.mktemp("quadrant") / "predikat.xlsx"
    reference, last_row = build_workbook(path)
    return Roundtrip(recalculate([path])[path], reference, last_row)


@pytest.mark.libreoffice
def test_predikat_formula_agrees_with_python_on_every_row(
    roundtrip: Roundtrip,
) -> None:
    sheet = roundtrip.result.values["Predikat"]
    cases = _cases()
    assert len(cases) == roundtrip.last_row - 1
    wrong = [
        (row, hasil, perilaku, sheet.get(f"C{row}"), expected_predikat(hasil, perilaku))
        for row, (hasil, perilaku) in enumerate(cases, start=2)
        if sheet.get(f"C{row}") != expected_predikat(hasil, perilaku)
    ]
    assert wrong == []


@pytest.mark.libreoffice
def test_canonical_formula_agrees_with_python_for_every_alias_of_every_list(
    roundtrip: Roundtrip,
) -> None:
    sheet = roundtrip.result.values["Kanonik"]
    wrong = [
        (row, vocabulary.kode, text, sheet.get(f"B{row}"), expected)
        for row, (vocabulary, text, expected) in enumerate(_canonical_cases(), start=1)
        if sheet.get(f"B{row}") != expected
    ]
    assert wrong == []


def test_the_rows_reach_every_predikat_the_marker_and_blank() -> None:
    shown = {expected_predikat(hasil, perilaku) for hasil, perilaku in _cases()}
    assert shown == {p.value for p in Predikat} | {UNKNOWN, ""}


@pytest.mark.libreoffice
def test_dropdown_hidden_sheet_and_names_survive_libreoffice(
    roundtrip: Roundtrip,
) -> None:
    result, reference, last = roundtrip
    before = openpyxl.load_workbook(result.source)
    after = openpyxl.load_workbook(result.path)
    assert after[reference.title].sheet_state == "hidden"
    assert after["Predikat"].sheet_state == "visible"
    assert {name: list(after.defined_names[name].destinations) for name in reference.names} == {
        name: list(before.defined_names[name].destinations) for name in reference.names
    }
    assert [
        (dv.type, dv.formula1, str(dv.sqref))
        for dv in after["Predikat"].data_validations.dataValidation
    ] == [("list", "LIST_RATING", f"A2:B{last}")]
    assert _range_values(after, "LIST_RATING") == [[r] for r in CANONICAL]


def _range_values(wb: Workbook, name: str) -> list[list[object]]:
    [(title, coordinates)] = wb.defined_names[name].destinations
    return [[cell.value for cell in row] for row in wb[title][coordinates.replace("$", "")]]


@pytest.fixture
def reference_workbook() -> tuple[Workbook, ReferenceSheet]:
    wb = openpyxl.Workbook()
    return wb, write_reference_sheet(wb)


def test_every_list_holds_its_canonical_values_in_order(
    reference_workbook: tuple[Workbook, ReferenceSheet],
) -> None:
    wb, reference = reference_workbook
    assert reference.lists.keys() == VOCABULARIES.keys()
    assert reference.lists["rating"] == "LIST_RATING"
    assert reference.lists["capaian-organisasi"] == "LIST_CAPAIAN_ORGANISASI"
    for kode, name in reference.lists.items():
        members = PERIODS if kode == "periode" else VOCABULARIES[kode].enum
        assert _range_values(wb, name) == [[m.value] for m in members]


def test_the_period_list_is_the_workbooks_cycle() -> None:
    wb = Workbook()
    write_reference_sheet(wb, periode=SiklusEvaluasi.BULANAN.periode)
    listed = [row[0] for row in _range_values(wb, "LIST_PERIODE")]
    assert listed == ["Januari", "Februari", "Maret", *listed[3:12], "Akhir"]
    assert listed[11] == "Desember"


def test_every_alias_table_maps_each_key_to_its_value(
    reference_workbook: tuple[Workbook, ReferenceSheet],
) -> None:
    wb, reference = reference_workbook
    assert reference.aliases["predikat"] == "ALIAS_PREDIKAT"
    for kode, name in reference.aliases.items():
        table = {row[0]: row[1] for row in _range_values(wb, name)}
        assert table == {k: m.value for k, m in VOCABULARIES[kode].aliases.items()}


def test_quadrant_table_is_kuadran_as_in_the_figure(
    reference_workbook: tuple[Workbook, ReferenceSheet],
) -> None:
    wb, reference = reference_workbook
    [hasil] = zip(*_range_values(wb, reference.kuadran_hasil), strict=True)
    [perilaku] = _range_values(wb, reference.kuadran_perilaku)
    body = _range_values(wb, reference.kuadran_predikat)
    assert hasil == ("Diatas Ekspektasi", "Sesuai Ekspektasi", "Dibawah Ekspektasi")
    assert perilaku == ["Dibawah Ekspektasi", "Sesuai Ekspektasi", "Diatas Ekspektasi"]
    assert {(h, p): body[i][j] for i, h in enumerate(hasil) for j, p in enumerate(perilaku)} == {
        (h.value, p.value): predikat.value for (h, p), predikat in KUADRAN.items()
    }


def test_reference_sheet_is_hidden_and_names_are_workbook_scope(
    reference_workbook: tuple[Workbook, ReferenceSheet],
) -> None:
    wb, reference = reference_workbook
    assert wb[reference.title].sheet_state == "hidden"
    assert sorted(wb.defined_names) == sorted(reference.names)
    assert all(wb.defined_names[name].localSheetId is None for name in reference.names)


def test_a_second_reference_sheet_is_refused(
    reference_workbook: tuple[Workbook, ReferenceSheet],
) -> None:
    wb, _ = reference_workbook
    with pytest.raises(ValueError, match="_ref"):
        write_reference_sheet(wb)
    with pytest.raises(ValueError, match="LIST_RATING"):
        write_reference_sheet(wb, "_ref2")
    assert "_ref2" not in wb.sheetnames


# Functions Excel 2010 and LibreOffice both have, none needing an _xlfn. prefix.
PORTABLE_FUNCTIONS = {"IF", "IFERROR", "OR", "INDEX", "MATCH", "VLOOKUP", "LOWER"}
PORTABLE_FUNCTIONS |= {"SUBSTITUTE", "CHAR"}


def test_formulas_use_only_functions_of_excel_2010_and_libreoffice() -> None:
    formula = predikat_formula("A2", "$B$2") + canonical_formula("A2", RATING)
    without_strings = re.sub(r'"[^"]*"', '""', formula)
    assert set(re.findall(r"([A-Za-z_][A-Za-z0-9_.]*)\(", without_strings)) <= PORTABLE_FUNCTIONS
    assert formula.startswith("=IFERROR(")
