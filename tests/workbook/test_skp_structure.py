"""The shape of every generated SKP workbook, read with openpyxl (no engine, fast).

Sheets and their order, the defined names docs/names.md promises, formulas that Excel 2010
and LibreOffice can both compute, the capacity of the hasil kerja tables, print setup and
protection.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodeEvaluasi, SiklusEvaluasi
from skp_xl.forms import text as t
from skp_xl.workbook.formulas import nip_valid_formula
from skp_xl.workbook.writer import Options, build_workbook
from tests.workbook.fill import Cell, destination, named, narasi, table

KINDS = [(jenis, pendekatan) for jenis in JenisJabatan for pendekatan in Pendekatan]
IDS = [f"{jenis.value}-{pendekatan.value}" for jenis, pendekatan in KINDS]
PERIODS = SiklusEvaluasi.TRIWULANAN.periode
EVAL_SHEETS = [
    "Evaluasi Akhir" if p is PeriodeEvaluasi.AKHIR else f"Evaluasi {p.name}" for p in PERIODS
]

IDENTITY = [
    f"{peran}_{key}"
    for peran in ("PEGAWAI", "PENILAI", "ATASAN")
    for key in ("NAMA", "NIP", "PANGKAT", "JABATAN", "UNIT_KERJA")
]
PER_PERIOD = [
    "CAPAIAN_ORGANISASI",
    "POLA_DISTRIBUSI",
    "HASIL_KERJA",
    "RATING_HASIL_KERJA",
    "SARAN_HASIL_KERJA",
    "RATING_PERILAKU",
    "PREDIKAT",
    *(f"UMPAN_BALIK_PERILAKU_{n}" for n in range(1, 8)),
]
DESIGN_NAMES = {
    *IDENTITY,
    "SKP_INSTANSI",
    "SKP_TAHUN",
    "SKP_PERIODE_MULAI",
    "SKP_PERIODE_SELESAI",
    "SKP_TEMPAT",
    "SKP_JENIS_JABATAN",
    "SKP_PENDEKATAN",
    "META_TEMPLATE_ID",
    "META_TEMPLATE_VERSION",
    "SKP_HASIL_KERJA",
    *(f"SKP_EKSPEKTASI_{n}" for n in range(1, 8)),
    "LAMPIRAN_DUKUNGAN",
    "LAMPIRAN_SKEMA",
    "LAMPIRAN_KONSEKUENSI",
    "UMPAN_BALIK_PERIODE",
    "UMPAN_BALIK_HASIL_KERJA",
    *(f"UMPAN_BALIK_PERILAKU_{n}" for n in range(1, 8)),
    *(f"EVAL_{p.name}_{key}" for p in PERIODS for key in PER_PERIOD),
    "DOKUMEN_PERIODE",
    "DOKUMEN_CAPAIAN_ORGANISASI",
    "DOKUMEN_PREDIKAT",
    "DOKUMEN_CATATAN",
}
RANGE_NAMES = {
    "SKP_HASIL_KERJA",
    "MANUAL_IKI",
    "UMPAN_BALIK_HASIL_KERJA",
    "LAMPIRAN_DUKUNGAN",
    "LAMPIRAN_SKEMA",
    "LAMPIRAN_KONSEKUENSI",
    *(f"EVAL_{p.name}_HASIL_KERJA" for p in PERIODS),
}

# Functions both Excel 2010 and LibreOffice compute without an _xlfn. prefix.
PORTABLE_FUNCTIONS = {
    *("ABS", "AND", "AVERAGE", "CHAR", "CHOOSE", "CODE", "CONCATENATE", "COUNT", "COUNTA"),
    *("COUNTBLANK", "COUNTIF", "COUNTIFS", "DATE", "DAY", "EXACT", "FIND", "IF", "IFERROR"),
    *("INDEX", "INT", "ISBLANK", "ISERROR", "ISNA", "ISNUMBER", "ISTEXT", "LEFT", "LEN"),
    *("LOWER", "MATCH", "MAX", "MID", "MIN", "MONTH", "NOT", "OR", "PROPER", "REPT", "RIGHT"),
    *("ROUND", "ROW", "SEARCH", "SUBSTITUTE", "SUM", "SUMIF", "SUMPRODUCT", "TRIM", "UPPER"),
    *("VALUE", "VLOOKUP", "YEAR"),
}
STRING = re.compile(r'"(?:[^"]|"")*"')
QUOTED_SHEET = re.compile(r"'(?:[^']|'')*'!")
FUNCTION = re.compile(r"([A-Za-z_][A-Za-z0-9_.]*)\s*\(")
IDENTIFIER = re.compile(r"(?<![A-Za-z0-9_.$!:])([A-Za-z_][A-Za-z0-9_.]*)(?![A-Za-z0-9_.(!])")
CELL_REFERENCE = re.compile(r"^[A-Za-z]{1,3}[0-9]+$")


@pytest.fixture(scope="module")
def workbooks() -> dict[str, Workbook]:
    return {
        ident: build_workbook(Options(jenis, pendekatan))
        for ident, (jenis, pendekatan) in zip(IDS, KINDS, strict=True)
    }


def _kind(ident: str) -> tuple[JenisJabatan, Pendekatan]:
    return KINDS[IDS.index(ident)]


def formulas(wb: Workbook) -> Iterator[tuple[str, str, str]]:
    """(sheet, where, formula) of every cell, validation and conditional format formula."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    yield ws.title, cell.coordinate, cell.value[1:]
        for dv in ws.data_validations.dataValidation:
            for formula in (dv.formula1, dv.formula2):
                if formula:
                    yield ws.title, f"validation {dv.sqref}", formula
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                for formula in rule.formula or ():
                    yield ws.title, f"format {cf.sqref}", formula


def _code(formula: str) -> str:
    """The formula without its string literals and quoted sheet names."""
    return QUOTED_SHEET.sub("S!", STRING.sub('""', formula))


def test_the_scanners_see_functions_and_names() -> None:
    code = _code("IF('SKP Lama'!$B$2=\"X(\",LIST_RATING,_xlfn.XLOOKUP(A1,EVAL_TW1_PREDIKAT))")
    assert FUNCTION.findall(code) == ["IF", "_xlfn.XLOOKUP"]
    names = [n for n in IDENTIFIER.findall(code) if not CELL_REFERENCE.match(n)]
    assert names == ["LIST_RATING", "EVAL_TW1_PREDIKAT"]


@pytest.mark.parametrize("ident", IDS)
def test_sheets_in_order_with_reference_sheets_hidden(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    jenis, _ = _kind(ident)
    wb = workbooks[ident]
    manual = ["Manual IKI"] if jenis is JenisJabatan.JPT else []
    assert wb.sheetnames == [
        "Petunjuk",
        "Identitas",
        "SKP",
        "Lampiran",
        *manual,
        "Umpan Balik",
        *EVAL_SHEETS,
        "Dokumen Evaluasi",
        "_ref",
        "_meta",
    ]
    hidden = {ws.title for ws in wb.worksheets if ws.sheet_state != "visible"}
    assert hidden == {"_ref", "_meta"}
    assert all(wb[title].sheet_state == "hidden" for title in hidden)  # not "very hidden"


@pytest.mark.parametrize("ident", IDS)
def test_every_design_name_is_defined_for_the_workbook(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    jenis, pendekatan = _kind(ident)
    wb = workbooks[ident]
    expected = DESIGN_NAMES | ({"MANUAL_IKI"} if jenis is JenisJabatan.JPT else set())
    assert expected - set(wb.defined_names) == set()
    assert all(wb.defined_names[name].localSheetId is None for name in expected)
    shapes = {name: ":" in destination(wb, name)[1] for name in expected}
    assert {name for name, is_range in shapes.items() if is_range} == RANGE_NAMES & expected
    fixed = {
        name: _value(wb, named(wb, name))
        for name in ("META_TEMPLATE_ID", "SKP_JENIS_JABATAN", "SKP_PENDEKATAN")
    }
    assert fixed == {
        "META_TEMPLATE_ID": f"skp-{jenis.value}-{pendekatan.value}".lower(),
        "SKP_JENIS_JABATAN": jenis.value,
        "SKP_PENDEKATAN": pendekatan.value,
    }
    assert re.fullmatch(r"\d+\.\d+\.\d+", str(_value(wb, named(wb, "META_TEMPLATE_VERSION"))))


def _value(wb: Workbook, cell: Cell) -> object:
    sheet, coordinate = cell
    return wb[sheet][coordinate].value


@pytest.mark.parametrize("ident", IDS)
def test_formulas_use_only_functions_of_excel_2010_and_libreoffice(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    wb = workbooks[ident]
    used: set[str] = set()
    for sheet, where, formula in formulas(wb):
        assert "_xl" not in formula.lower(), (sheet, where, formula)
        used |= {name.upper() for name in FUNCTION.findall(_code(formula))}
    assert used - PORTABLE_FUNCTIONS == set()
    assert {"IF", "IFERROR", "VLOOKUP", "COUNTIF", "INDEX", "MATCH"} <= used


@pytest.mark.parametrize("ident", IDS)
def test_every_name_a_formula_uses_is_defined(workbooks: dict[str, Workbook], ident: str) -> None:
    wb = workbooks[ident]
    missing, used = [], set()
    for sheet, where, formula in formulas(wb):
        for name in IDENTIFIER.findall(_code(formula)):
            if CELL_REFERENCE.match(name) or name.upper() in ("TRUE", "FALSE"):
                continue
            used.add(name)
            if name not in wb.defined_names:
                missing.append((sheet, where, name))
    assert missing == []
    assert {"LIST_RATING", "ALIAS_RATING", "KUADRAN_PREDIKAT", "PEGAWAI_NAMA"} <= used


TABLES = [
    "SKP_HASIL_KERJA",
    "UMPAN_BALIK_HASIL_KERJA",
    *(f"EVAL_{p.name}_HASIL_KERJA" for p in PERIODS),
]


@pytest.mark.parametrize("ident", IDS)
def test_every_table_holds_10_utama_and_5_tambahan_blocks(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    jenis, pendekatan = _kind(ident)
    wb = workbooks[ident]
    kuantitatif = pendekatan is Pendekatan.KUANTITATIF
    expected = {
        "SKP_HASIL_KERJA": 4 if kuantitatif else 3,
        "UMPAN_BALIK_HASIL_KERJA": 1,
        **dict.fromkeys(TABLES[2:], 4 if kuantitatif else 1),
    }
    if jenis is JenisJabatan.JPT:
        expected["MANUAL_IKI"] = 4 if kuantitatif else 1
    got = {}
    for name in expected:
        tbl = table(wb, name)
        got[name] = tbl.rows_per_block
        assert (tbl.utama, tbl.tambahan) == (10, 5), name
        # Blocks follow each other, a section row between utama and tambahan (and on
        # C.1.3 the header and its column numbers again, as seed 001 prints them).
        repeated = (
            2 if name.startswith("EVAL_") and kuantitatif and jenis is not JenisJabatan.JPT else 0
        )
        assert tbl.blocks[0] == tbl.top + 1, name
        assert tbl.tambahan_row == tbl.blocks[tbl.utama - 1] + tbl.rows_per_block, name
        assert tbl.blocks[tbl.utama] == tbl.tambahan_row + 1 + repeated, name
        assert tbl.bottom == tbl.blocks[-1] + tbl.rows_per_block - 1, name
        sheet = wb[tbl.sheet]
        labels = (sheet.cell(tbl.top, 1).value, sheet.cell(tbl.tambahan_row, 1).value)
        jpt_evaluasi = name.startswith("EVAL_") and kuantitatif and jenis is JenisJabatan.JPT
        assert labels == ((t.UTAMA_JPT, t.TAMBAHAN_JPT) if jpt_evaluasi else (t.UTAMA, t.TAMBAHAN))
    assert got == expected


def _input_cells(wb: Workbook, pendekatan: Pendekatan) -> list[Cell]:
    """Every cell of the SKP table a user types into."""
    skp = table(wb, "SKP_HASIL_KERJA")
    cells: list[Cell] = []
    for block in range(len(skp.blocks)):
        if pendekatan is Pendekatan.KUALITATIF:
            cells += narasi(skp, block)
            continue
        for header in skp.columns:
            per_iki = header not in (
                t.NO,
                t.TARGET,
                t.RENCANA_HASIL_KERJA,
                t.RENCANA_HASIL_KERJA_PIMPINAN + "*",
            )
            if header in (t.NO, t.NO_A17, t.TARGET):
                continue
            offsets = range(skp.rows_per_block) if per_iki else range(1)
            cells += [skp.cell(header, block, offset) for offset in offsets]
    return cells


@pytest.mark.parametrize("ident", IDS)
def test_skp_table_inputs_are_unlocked_and_formulas_locked(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    _, pendekatan = _kind(ident)
    wb = workbooks[ident]
    inputs = _input_cells(wb, pendekatan)
    per_block = 4 * 6 + 2 if pendekatan is Pendekatan.KUANTITATIF else 2
    if ident.startswith("JPT") and pendekatan is Pendekatan.KUANTITATIF:
        per_block = 4 * 6 + 1  # no aspek, no rhk pimpinan; a perspektif
    assert len(inputs) == 15 * per_block
    ws = wb["SKP"]
    assert [c for c in inputs if ws[c[1]].protection.locked] == []
    assert [c for c in inputs if isinstance(ws[c[1]].value, str)] == []  # blank, no formula
    skp = table(wb, "SKP_HASIL_KERJA")
    formula_cells = [
        cell
        for row in ws.iter_rows(min_row=skp.top, max_row=skp.bottom)
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]
    assert len(formula_cells) >= 15
    assert [c.coordinate for c in formula_cells if not c.protection.locked] == []


DATE_LINE = '=IF(SKP_TEMPAT="","(tempat)",SKP_TEMPAT)'
"""The signature date line: a formula people may overwrite with the real date."""


@pytest.mark.parametrize("ident", IDS)
def test_formulas_are_locked_and_named_inputs_unlocked(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    wb = workbooks[ident]
    unlocked_formulas = [
        (ws.title, cell.coordinate)
        for ws in wb.worksheets
        for row in ws.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
        and cell.value.startswith("=")
        and not cell.protection.locked
        and not cell.value.startswith(DATE_LINE)
    ]
    assert unlocked_formulas == []
    wrong = []
    for name in DESIGN_NAMES - RANGE_NAMES:
        sheet, coordinate = named(wb, name)
        cell = wb[sheet][coordinate]
        formula = isinstance(cell.value, str) and cell.value.startswith("=")
        fixed = sheet in ("_meta", "_ref")
        if bool(cell.protection.locked) != (formula or fixed):
            wrong.append((name, sheet, coordinate, cell.protection.locked))
    assert wrong == []


def _validation_of(ws: Worksheet, coordinate: str) -> tuple[object, object] | None:
    for dv in ws.data_validations.dataValidation:
        if coordinate in dv.sqref:
            return dv.type, dv.formula1
    return None


@pytest.mark.parametrize("ident", IDS)
def test_inputs_have_their_dropdowns_and_checks(workbooks: dict[str, Workbook], ident: str) -> None:
    jenis, pendekatan = _kind(ident)
    wb = workbooks[ident]
    expected: dict[str, tuple[object, object]] = {
        "PEGAWAI_PANGKAT": ("list", "LIST_PANGKAT"),
        "DOKUMEN_PERIODE": ("list", "LIST_PERIODE"),
        "UMPAN_BALIK_PERIODE": ("list", "LIST_PERIODE"),
        "SKP_TAHUN": ("whole", "2022"),
    }
    for periode in PERIODS:
        expected[f"EVAL_{periode.name}_RATING_HASIL_KERJA"] = ("list", "LIST_RATING")
        expected[f"EVAL_{periode.name}_RATING_PERILAKU"] = ("list", "LIST_RATING")
        expected[f"EVAL_{periode.name}_CAPAIAN_ORGANISASI"] = ("list", "LIST_CAPAIAN_ORGANISASI")
    got = {name: _validation_of(wb[named(wb, name)[0]], named(wb, name)[1]) for name in expected}
    assert got == expected
    for peran in ("PEGAWAI", "PENILAI", "ATASAN"):
        sheet, coordinate = named(wb, f"{peran}_NIP")
        assert wb[sheet][coordinate].number_format == "@"
        validation = _validation_of(wb[sheet], coordinate)
        assert validation is not None
        assert validation[0] == "custom"
        assert str(validation[1]).startswith("AND(ISTEXT(")
    first_nip = named(wb, "PEGAWAI_NIP")[1]
    assert _validation_of(wb["Identitas"], first_nip) == ("custom", nip_valid_formula(first_nip))
    if pendekatan is Pendekatan.KUANTITATIF:
        skp = table(wb, "SKP_HASIL_KERJA")
        cells = {
            "Target (angka)": ("decimal", "0"),
            "s.d. (angka, bila rentang)": ("decimal", "0"),
            "Arah": ("list", "LIST_ARAH"),
        }
        cells[t.PERSPEKTIF if jenis is JenisJabatan.JPT else t.ASPEK] = (
            ("list", "LIST_PERSPEKTIF") if jenis is JenisJabatan.JPT else ("list", "LIST_ASPEK")
        )
        for header, validation in cells.items():
            for block, offset in ((0, 0), (14, 3)):
                assert _validation_of(wb["SKP"], skp.cell(header, block, offset)[1]) == validation
        evaluation = table(wb, "EVAL_TW2_HASIL_KERJA")
        realisasi = evaluation.cell("Realisasi (angka)", 14, 3)
        assert _validation_of(wb[realisasi[0]], realisasi[1]) == ("decimal", "0")
    else:
        evaluation = table(wb, "EVAL_TW2_HASIL_KERJA")
        penilaian = evaluation.cell("Penilaian hasil kerja (untuk saran rating)", 14)
        assert _validation_of(wb[penilaian[0]], penilaian[1]) == ("list", "LIST_RATING")


@pytest.mark.parametrize("ident", IDS)
def test_every_sheet_prints_on_a4_fit_to_page_width(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    _, pendekatan = _kind(ident)
    wb = workbooks[ident]
    setups = {
        ws.title: (
            ws.page_setup.paperSize,
            ws.page_setup.fitToWidth,
            ws.page_setup.fitToHeight,
            ws.sheet_properties.pageSetUpPr.fitToPage,
            ws.print_area is not None,
        )
        for ws in wb.worksheets
        if ws.sheet_state == "visible"
    }
    assert setups == dict.fromkeys(setups, (9, 1, 0, True, True))
    orientation = {ws.title: ws.page_setup.orientation for ws in wb.worksheets}
    skp = "landscape" if pendekatan is Pendekatan.KUANTITATIF else "portrait"
    assert (orientation["SKP"], orientation["Evaluasi TW1"], orientation["Lampiran"]) == (
        skp,
        "landscape",
        "portrait",
    )


@pytest.mark.parametrize("ident", IDS)
def test_every_sheet_is_protected_without_a_password_by_default(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    wb = workbooks[ident]
    protection = {ws.title: (ws.protection.sheet, ws.protection.password) for ws in wb.worksheets}
    assert protection == dict.fromkeys(wb.sheetnames, (True, None))


def test_the_password_option_protects_every_sheet_with_it() -> None:
    """The quadrant and alias tables on _ref decide the predikat: they need the password too."""
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF, password="sandi-contoh"))
    reference = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    hashes = {ws.title: ws.protection.password for ws in wb.worksheets}
    assert {hashes["SKP"]} == {h for title, h in hashes.items() if title != "Petunjuk"}
    assert hashes["SKP"] is not None
    assert all(ws.protection.sheet for ws in wb.worksheets)
    assert reference["SKP"].protection.password is None


def _required_cells(ws: Worksheet) -> set[str]:
    return {str(cf.sqref) for cf in ws.conditional_formatting}


@pytest.mark.parametrize("ident", IDS)
def test_only_a_jpt_leaves_the_penilai_nip_optional(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    # The rule lives in nip_penilai_wajib; the Identitas sheet and the printed forms follow it.
    jenis, _ = _kind(ident)
    wb = workbooks[ident]
    identitas = _required_cells(wb["Identitas"])
    assert (named(wb, "PENILAI_NIP")[1] in identitas) is (jenis is not JenisJabatan.JPT)
    assert named(wb, "PEGAWAI_NIP")[1] in identitas
    labels = {c.value for row in wb["SKP"].iter_rows() for c in row}
    assert (t.NIP_OPSIONAL in labels) is (jenis is JenisJabatan.JPT)


def _prompts(ws: Worksheet) -> dict[str, str]:
    """Cell -> the input message shown when it is selected."""
    found: dict[str, str] = {}
    for dv in ws.data_validations.dataValidation:
        for cells in dv.sqref.ranges:
            for row in ws[cells.coord] if ":" in cells.coord else [[ws[cells.coord]]]:
                for cell in row:
                    found[cell.coordinate] = dv.prompt
    return found


@pytest.mark.parametrize("ident", [i for i in IDS if i.endswith("Kualitatif")])
def test_each_kualitatif_hasil_kerja_input_gives_the_seed_hint(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    jenis, _ = _kind(ident)
    skp = table(workbooks[ident], "SKP_HASIL_KERJA")
    prompts = _prompts(workbooks[ident]["SKP"])
    got = [prompts.get(f"B{first}") for first in skp.blocks]
    if jenis is JenisJabatan.JPT:
        utama, tambahan = t.PETUNJUK_HASIL_KERJA_JPT
    else:
        utama = tambahan = t.PETUNJUK_HASIL_KERJA_JA_JF
    assert got == [utama] * skp.utama + [tambahan] * skp.tambahan


def test_the_lampiran_prints_each_distinct_hint_on_its_own_line(
    workbooks: dict[str, Workbook],
) -> None:
    ws = workbooks[IDS[0]]["Lampiran"]
    lines = [
        cell.value.split("\n")
        for (cell,) in ws.iter_rows(min_col=2, max_col=2)
        if isinstance(cell.value, str) and cell.value.startswith("(")
    ]
    assert lines == [[t.PETUNJUK_DUKUNGAN], [t.PETUNJUK_SKEMA], list(t.PETUNJUK_KONSEKUENSI)]


@pytest.mark.parametrize("ident", IDS)
def test_only_the_dokumen_evaluasi_dates_each_signature(
    workbooks: dict[str, Workbook], ident: str
) -> None:
    dates = {
        ws.title: sum(
            isinstance(cell.value, str) and "(tanggal, bulan, tahun)" in cell.value
            for row in ws.iter_rows()
            for cell in row
        )
        for ws in workbooks[ident].worksheets
    }
    assert dates.pop("Dokumen Evaluasi") == 2
    assert set(dates.values()) <= {0, 1}
