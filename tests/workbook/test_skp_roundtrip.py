"""What a generated SKP workbook keeps after LibreOffice saves it again.

People open the workbook in LibreOffice as well as Excel and save it; the names, dropdowns,
protection, text NIPs, hidden sheets and print setup must come back unchanged. One soffice
run re-saves every workbook of this module; each test compares before and after.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import openpyxl
import pytest
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms import text as t
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice
from tests.workbook.fill import Cell, named, put, put_named, table

NIP = "199001012015032001"


@dataclass(frozen=True)
class Kind:
    name: str
    jenis: JenisJabatan
    pendekatan: Pendekatan
    password: str | None = None


KINDS = [
    Kind("ja-kuantitatif", JenisJabatan.JA, Pendekatan.KUANTITATIF),
    Kind("jpt-kualitatif", JenisJabatan.JPT, Pendekatan.KUALITATIF, password="sandi-contoh"),
]


def _filled(kind: Kind) -> Workbook:
    wb = build_workbook(Options(kind.jenis, kind.pendekatan, password=kind.password))
    put_named(
        wb,
        {
            "PEGAWAI_NAMA": "Sri Lestari Contoh",
            "PEGAWAI_NIP": NIP,
            "SKP_TAHUN": 2024,
            "EVAL_TW1_RATING_HASIL_KERJA": "Sesuai Ekspektasi",
            "EVAL_TW1_RATING_PERILAKU": "Diatas Ekspektasi",
        },
    )
    if kind.pendekatan is Pendekatan.KUANTITATIF:
        skp = table(wb, "SKP_HASIL_KERJA")
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA, 0), "Rencana hasil kerja fiktif")
        put(wb, skp.cell("Target (angka)", 0), 20)
        put(wb, skp.cell("Satuan", 0), "dokumen")
    return wb


@dataclass(frozen=True)
class Pair:
    kind: Kind
    before: Workbook
    after: Workbook


@pytest.fixture(scope="module")
def pairs(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> list[Pair]:
    folder = tmp_path_factory.mktemp("skp-roundtrip")
    paths = {}
    for kind in KINDS:
        path = folder / f"{kind.name}.xlsx"
        _filled(kind).save(path)
        paths[kind.name] = path
    results = recalculate.convert(paths.values(), "xlsx")
    return [
        Pair(
            kind,
            openpyxl.load_workbook(paths[kind.name]),
            openpyxl.load_workbook(results[paths[kind.name]]),
        )
        for kind in KINDS
    ]


def _ids(pairs: list[Pair]) -> Iterator[tuple[str, Worksheet, Worksheet]]:
    for pair in pairs:
        for ws in pair.before.worksheets:
            yield pair.kind.name, ws, pair.after[ws.title]


def _cells(sqref: object) -> frozenset[str]:
    """Every cell of a space-separated list of ranges, so "A1:A3" equals "A1 A2 A3"."""
    cells = set()
    for area in str(sqref).split():
        left, top, right, bottom = range_boundaries(area)
        assert None not in (left, top, right, bottom)
        for row in range(top or 0, (bottom or 0) + 1):
            for column in range(left or 0, (right or 0) + 1):
                cells.add(f"{get_column_letter(column)}{row}")
    return frozenset(cells)


@pytest.mark.libreoffice
def test_every_defined_name_keeps_its_destination(pairs: list[Pair]) -> None:
    for pair in pairs:
        before = {n: list(d.destinations) for n, d in pair.before.defined_names.items()}
        after = {n: list(d.destinations) for n, d in pair.after.defined_names.items()}
        assert after == before, pair.kind.name
        assert len(before) > 100


BOUNDED = {"whole", "decimal", "date", "time", "textLength"}


def _validations(ws: Worksheet) -> dict[tuple[object, ...], frozenset[str]]:
    """Each distinct validation -> the cells it covers.

    LibreOffice merges equal validations and their ranges, writes the default error style
    ("stop") and operator ("between") explicitly and gives a rule without a bound a
    formula of 0; none of that changes what a user sees.
    """
    found: dict[tuple[object, ...], set[str]] = {}
    for dv in ws.data_validations.dataValidation:
        operator = (dv.operator or "between") if dv.type in BOUNDED else None
        key = (
            dv.type,
            dv.formula1 if dv.type else None,
            dv.formula2 if operator in ("between", "notBetween") else None,
            operator,
            dv.errorStyle or "stop",
            dv.allow_blank,
            dv.showErrorMessage,
            dv.error,
            dv.prompt,
        )
        found.setdefault(key, set()).update(_cells(dv.sqref))
    return {key: frozenset(cells) for key, cells in found.items()}


@pytest.mark.libreoffice
def test_data_validations_keep_their_rules_cells_and_list_sources(pairs: list[Pair]) -> None:
    lists = {}
    for name, before, after in _ids(pairs):
        assert _validations(after) == _validations(before), (name, before.title)
        assert len(after.data_validations.dataValidation) >= len(_validations(before))
        lists[name, before.title] = {
            dv.formula1 for dv in after.data_validations.dataValidation if dv.type == "list"
        }
    assert lists["ja-kuantitatif", "SKP"] == {"LIST_ASPEK", "LIST_ARAH"}
    assert lists["ja-kuantitatif", "Evaluasi TW1"] == {"LIST_CAPAIAN_ORGANISASI", "LIST_RATING"}
    assert lists["jpt-kualitatif", "Evaluasi Akhir"] == {"LIST_CAPAIAN_ORGANISASI", "LIST_RATING"}
    assert lists["jpt-kualitatif", "Identitas"] == {"LIST_PANGKAT"}
    assert lists["jpt-kualitatif", "Dokumen Evaluasi"] == {"LIST_PERIODE"}


def _conditional_formats(ws: Worksheet) -> list[tuple[str, tuple[str, ...]]]:
    # LibreOffice writes VLOOKUP's FALSE as 0.
    return sorted(
        (str(cf.sqref), tuple(re.sub(r",FALSE\)", ",0)", f) for f in rule.formula or ()))
        for cf in ws.conditional_formatting
        for rule in cf.rules
    )


@pytest.mark.libreoffice
def test_conditional_formats_survive(pairs: list[Pair]) -> None:
    for name, before, after in _ids(pairs):
        assert _conditional_formats(after) == _conditional_formats(before), (name, before.title)


def _unlocked(ws: Worksheet) -> set[str]:
    return {c.coordinate for row in ws.iter_rows() for c in row if c.protection.locked is False}


PROTECTION = ("sheet", "formatCells", "formatRows", "formatColumns", "objects")


def _protection(ws: Worksheet) -> list[object]:
    # The password hash is hexadecimal; LibreOffice writes it in lower case.
    password = ws.protection.password
    return [getattr(ws.protection, key) for key in PROTECTION] + [password and password.upper()]


@pytest.mark.libreoffice
def test_sheet_protection_and_unlocked_inputs_survive(pairs: list[Pair]) -> None:
    for name, before, after in _ids(pairs):
        assert _protection(after) == _protection(before), (name, after.title)
        assert after.protection.sheet, (name, after.title)
        assert _unlocked(after) == _unlocked(before), (name, after.title)


def _locked(wb: Workbook, cell: Cell) -> bool:
    sheet, coordinate = cell
    return bool(wb[sheet][coordinate].protection.locked)


@pytest.mark.libreoffice
def test_inputs_stay_unlocked_and_formulas_locked(pairs: list[Pair]) -> None:
    pair = pairs[0]
    wb = pair.after
    skp = table(wb, "SKP_HASIL_KERJA")
    evaluation = table(wb, "EVAL_AKHIR_HASIL_KERJA")
    inputs = [
        named(wb, "PEGAWAI_NIP"),
        named(wb, "EVAL_TW1_RATING_HASIL_KERJA"),
        named(wb, "EVAL_AKHIR_RATING_PERILAKU"),
        named(wb, "EVAL_TW3_CAPAIAN_ORGANISASI"),
        named(wb, "DOKUMEN_PERIODE"),
        skp.cell(t.RENCANA_HASIL_KERJA, 0),
        skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, 14, 3),
        skp.cell(t.ASPEK, 9, 2),
        skp.cell("Target (angka)", 0),
        skp.cell("s.d. (angka, bila rentang)", 14, 3),
        skp.cell("Satuan", 10, 1),
        skp.cell("Arah", 5, 0),
        evaluation.cell("Realisasi (angka)", 0, 0),
        evaluation.cell("Bukti dukung", 14, 3),
        evaluation.cell(t.UMPAN_BALIK_BERKELANJUTAN, 3),
    ]
    formulas = [
        named(wb, "EVAL_TW1_PREDIKAT"),
        named(wb, "EVAL_TW1_SARAN_HASIL_KERJA"),
        named(wb, "EVAL_TW1_POLA_DISTRIBUSI"),
        named(wb, "DOKUMEN_PREDIKAT"),
        skp.cell(t.TARGET, 0),
        (skp.sheet, f"A{skp.row(0)}"),  # the number column, "NO" or "NO."
        evaluation.cell(t.RENCANA_HASIL_KERJA, 0),
        evaluation.cell("Capaian IKI", 0, 0),
        evaluation.cell("Penilaian hasil kerja", 0),
    ]
    assert [cell for cell in inputs if _locked(wb, cell)] == []
    assert [cell for cell in formulas if not _locked(wb, cell)] == []
    assert [cell for cell in formulas if not str(wb[cell[0]][cell[1]].value).startswith("=")] == []


@pytest.mark.libreoffice
def test_a_text_nip_stays_eighteen_digits_of_text(pairs: list[Pair]) -> None:
    for pair in pairs:
        sheet, coordinate = named(pair.after, "PEGAWAI_NIP")
        cell = pair.after[sheet][coordinate]
        assert (cell.value, cell.data_type, cell.number_format) == (NIP, "s", "@")


@pytest.mark.libreoffice
def test_hidden_sheets_stay_hidden(pairs: list[Pair]) -> None:
    for pair in pairs:
        states = {ws.title: ws.sheet_state for ws in pair.after.worksheets}
        assert states == {ws.title: ws.sheet_state for ws in pair.before.worksheets}
        assert {title for title, state in states.items() if state != "visible"} == {
            "_ref",
            "_meta",
        }


def _print_setup(ws: Worksheet) -> tuple[object, ...]:
    setup = ws.page_setup
    fit = ws.sheet_properties.pageSetUpPr
    return (
        setup.paperSize,
        setup.orientation,
        setup.fitToWidth,
        setup.fitToHeight,
        fit.fitToPage if fit is not None else None,
        ws.print_area,
        ws.print_title_rows,
    )


@pytest.mark.libreoffice
def test_print_setup_survives(pairs: list[Pair]) -> None:
    checked = 0
    for name, before, after in _ids(pairs):
        if before.sheet_state != "visible":
            continue
        assert _print_setup(after) == _print_setup(before), (name, before.title)
        assert (after.page_setup.paperSize, after.page_setup.fitToWidth) == (9, 1)
        checked += 1
    assert checked == 2 * 11 + 1  # the JPT workbook has a Manual IKI sheet
