"""Reading and checking filled workbooks: a clean round trip, and one tampering per check.

The round trip is the user's: ``skp-xl new``, fill every input, save again through
LibreOffice, validate. Tampering tests change one thing and assert the exact
``(sheet, cell, code)`` of the finding it must produce.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from skp_xl.domain.findings import Severity
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import workbook_spec
from skp_xl.validation import read_file, validate_file
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice
from tests.workbook.fill import named, put, put_named, table
from tests.workbook.test_print import fill

KINDS = [(j, p) for j in JenisJabatan for p in Pendekatan]


@pytest.fixture(scope="module")
def resaved(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[JenisJabatan, Pendekatan], Path]:
    folder = tmp_path_factory.mktemp("terisi")
    sources = {}
    for jenis, pendekatan in KINDS:
        wb = build_workbook(Options(jenis, pendekatan))
        fill(wb, workbook_spec(jenis, pendekatan))
        path = folder / f"skp-{jenis.value}-{pendekatan.value}.xlsx".lower()
        wb.save(path)
        sources[jenis, pendekatan] = path
    done = recalculate(list(sources.values()))
    return {kind: done[path].path for kind, path in sources.items()}


@pytest.mark.parametrize(("jenis", "pendekatan"), KINDS)
def test_filled_workbook_saved_by_libreoffice_has_no_error(
    resaved: dict[tuple[JenisJabatan, Pendekatan], Path],
    jenis: JenisJabatan,
    pendekatan: Pendekatan,
) -> None:
    report = validate_file(resaved[jenis, pendekatan])
    errors = [(f.sheet, f.cell, f.code, f.message) for f in report.errors()]
    assert errors == []
    record, _ = read_file(resaved[jenis, pendekatan])
    assert record is not None
    assert record.pegawai.nip.value == "199003152015032004"
    assert len(record.hasil_kerja_terisi) >= 2


def test_blank_template_lists_what_is_missing() -> None:
    root = Path(__file__).parents[2]
    report = validate_file(root / "workbook_templates" / "skp-ja-kuantitatif.xlsx")
    found = {(f.sheet, f.cell, f.code) for f in report.findings}
    assert ("Identitas", "C6", "nip-kosong") in found
    assert ("SKP", "C18", "hasil-kerja-utama-kosong") in found
    assert not report.valid


def tampered(
    source: Path, folder: Path, change: object
) -> list[tuple[str | None, str | None, str]]:
    wb = load_workbook(source)
    change(wb)  # type: ignore[operator]
    path = folder / "diubah.xlsx"
    wb.save(path)
    return [(f.sheet, f.cell, f.code) for f in validate_file(path).findings]


@pytest.fixture
def ja(resaved: dict[tuple[JenisJabatan, Pendekatan], Path]) -> Path:
    return resaved[JenisJabatan.JA, Pendekatan.KUANTITATIF]


def test_numeric_nip_is_reported_with_its_cell(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        sheet, cell = named(wb, "PEGAWAI_NIP")  # type: ignore[arg-type]
        wb[sheet][cell].value = 199003152015032000  # type: ignore[index]

    assert ("Identitas", "C6", "nip-rusak-excel") in tampered(ja, tmp_path, change)


def test_penilai_with_the_pegawai_nip_is_an_error(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        put_named(wb, {"PENILAI_NIP": "199003152015032004"})  # type: ignore[arg-type]

    assert ("Identitas", "C13", "nip-penilai-sama") in tampered(ja, tmp_path, change)


def test_one_rating_without_the_other_is_an_error(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        put_named(wb, {"EVAL_TW1_RATING_PERILAKU": None})  # type: ignore[arg-type]

    found = tampered(ja, tmp_path, change)
    sheet, cell = named(load_workbook(ja), "EVAL_TW1_RATING_PERILAKU")
    assert (sheet, cell.replace("$", ""), "rating-kosong") in found


def test_variant_rating_is_a_warning_naming_the_canonical_value(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        put_named(wb, {"EVAL_TW1_RATING_HASIL_KERJA": "di atas ekspektasi"})  # type: ignore[arg-type]

    found = tampered(ja, tmp_path, change)
    sheet, cell = named(load_workbook(ja), "EVAL_TW1_RATING_HASIL_KERJA")
    assert (sheet, cell.replace("$", ""), "label-varian") in found


def test_overwritten_predikat_formula_is_an_error(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        put_named(wb, {"EVAL_TW1_PREDIKAT": "Sangat Kurang"})  # type: ignore[arg-type]

    found = tampered(ja, tmp_path, change)
    sheet, cell = named(load_workbook(ja), "EVAL_TW1_PREDIKAT")
    assert (sheet, cell.replace("$", ""), "predikat-tidak-sesuai") in found


def test_target_that_is_not_a_number_is_an_error(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        skp = table(wb, "SKP_HASIL_KERJA")  # type: ignore[arg-type]
        put(wb, skp.cell("Target (angka)", 0, 0), "dua puluh")  # type: ignore[arg-type]

    found = tampered(ja, tmp_path, change)
    skp = table(load_workbook(ja), "SKP_HASIL_KERJA")
    assert (*skp.cell("Target (angka)", 0, 0), "target-bukan-angka") in found


def test_hasil_kerja_without_its_rencana_is_an_error(ja: Path, tmp_path: Path) -> None:
    def change(wb: object) -> None:
        skp = table(wb, "SKP_HASIL_KERJA")  # type: ignore[arg-type]
        put(wb, skp.cell("RENCANA HASIL KERJA", 0), None)  # type: ignore[arg-type]

    found = tampered(ja, tmp_path, change)
    skp = table(load_workbook(ja), "SKP_HASIL_KERJA")
    assert (*skp.cell("RENCANA HASIL KERJA", 0), "rencana-hasil-kerja-kosong") in found


def test_a_file_that_is_not_an_skp_workbook_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "lain.xlsx"
    from openpyxl import Workbook

    Workbook().save(path)
    report = validate_file(path)
    assert [(f.code, f.severity) for f in report.findings] == [("bukan-skp-xl", Severity.ERROR)]
