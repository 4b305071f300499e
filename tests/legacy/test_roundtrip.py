"""Every PermenPANRB 8/2021 format through ``skp-xl new``, a user's typing, LibreOffice
recalculation and ``skp-xl validate``: the formulas agree with Python, what a form needs
survives the round trip, and the rules of 2021 are the ones checked."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from skp_xl.cli.app import app
from skp_xl.domain.legacy2021 import KATEGORI_LEVEL, TIDAK_SESUAI, level_kategori
from skp_xl.domain.vocabulary import JenisJabatan
from skp_xl.forms import legacy2021 as f
from tests.legacy.fill2021 import build, fill, table_of
from tests.libreoffice import LibreOffice, Recalculated
from tests.workbook.fill import put

FORMATS = [(j, m) for j in JenisJabatan for m in f.Model]
runner = CliRunner()


def _new(path: Path, jenis: JenisJabatan, model: f.Model) -> None:
    result = runner.invoke(
        app,
        [
            "new",
            "--regulasi",
            "8/2021",
            "--jenis",
            jenis.value.lower(),
            "--model",
            model.value.lower(),
            "--tahun",
            "2021",
            "-o",
            str(path),
        ],
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def recalculated(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[JenisJabatan, f.Model], Recalculated]:
    folder = tmp_path_factory.mktemp("legacy")
    paths = {}
    for jenis, model in FORMATS:
        path = folder / f"skp2021-{jenis.value.lower()}-{model.value.lower()}.xlsx"
        _new(path, jenis, model)
        wb = openpyxl.load_workbook(path)
        fill(wb, jenis, model)
        wb.save(path)
        paths[jenis, model] = path
    done = recalculate(list(paths.values()))
    return {key: done[path] for key, path in paths.items()}


@pytest.mark.parametrize(("jenis", "model"), FORMATS)
def test_new_writes_the_8_2021_sheets(tmp_path: Path, jenis: JenisJabatan, model: f.Model) -> None:
    path = tmp_path / "skp.xlsx"
    _new(path, jenis, model)
    wb = openpyxl.load_workbook(path)
    jpt = jenis is JenisJabatan.JPT
    forms = ["SKP 2021", *(["Manual IK 2021"] if jpt else []), "Reviu 2021"]
    forms += ["Verifikasi AK"] if jenis is JenisJabatan.JF else []
    assert wb.sheetnames == ["Petunjuk", "Identitas", *forms, "_ref", "_ref2021", "_meta"]
    meta = {row[0].value: row[1].value for row in wb["_meta"].iter_rows()}
    assert meta["template_id"] == f"skp2021-{jenis.value.lower()}-{model.value.lower()}"
    assert meta["regulasi"] == "8/2021"
    assert meta["template_version"] == f.TEMPLATE_VERSION_2021
    assert wb["_meta"].sheet_state == wb["_ref2021"].sheet_state == "hidden"
    for sheet in forms:
        ws = wb[sheet]
        assert ws.protection.sheet
        assert ws.page_setup.paperSize == 9
        assert ws.page_setup.orientation == "landscape"
        assert ws.print_area
        assert ws.print_title_rows
    skp = table_of(wb, f.SKP_2021_TABLE)
    assert wb[skp.sheet][f"A{skp.top}"].value == f.KINERJA_UTAMA
    assert wb[skp.sheet][f"A{skp.tambahan_row}"].value == f.KINERJA_TAMBAHAN
    assert (skp.utama, skp.tambahan) == (f.UTAMA_2021, f.TAMBAHAN_2021)
    lists = {dv.formula1 for dv in wb[skp.sheet].data_validations.dataValidation}
    if jenis is not JenisJabatan.JPT:
        assert "LIST_ASPEK" in lists
    if jenis is JenisJabatan.JPT and model is f.Model.PENGEMBANGAN:
        assert "LIST_PERSPEKTIF" in lists
    if jenis is not JenisJabatan.JPT and model is f.Model.PENGEMBANGAN:
        assert f.LIST_KATEGORI_2021 in lists


@pytest.mark.parametrize("model", list(f.Model))
def test_the_jpt_manual_ik_has_only_its_inputs_unlocked(tmp_path: Path, model: f.Model) -> None:
    path = tmp_path / "skp.xlsx"
    _new(path, JenisJabatan.JPT, model)
    wb = openpyxl.load_workbook(path)
    manual = table_of(wb, f.MANUAL_IK_2021_TABLE)
    skp = table_of(wb, f.SKP_2021_TABLE)
    assert (manual.utama, manual.tambahan, len(manual.rows(0))) == (
        skp.utama,
        skp.tambahan,
        len(skp.rows(0)),
    )
    ws = wb[manual.sheet]
    inputs = (f.DESKRIPSI_RENCANA, f.DEFINISI, f.FORMULA, f.TUJUAN)
    copied = (f.RENCANA_KINERJA, "INDIKATOR KINERJA INDIVIDU")
    for block in (0, skp.utama):
        for header in inputs:
            cell = ws[manual.cell(header, block)[1]]
            assert not cell.protection.locked
            assert cell.alignment.wrap_text
        for header in copied:
            cell = ws[manual.cell(header, block)[1]]
            assert cell.protection.locked
            assert str(cell.value).startswith("=")
            assert "'SKP 2021'!" in str(cell.value)
    petunjuk = [str(c.value) for row in wb["Petunjuk"].iter_rows() for c in row]
    assert any("Manual IK 2021" in line for line in petunjuk)
    assert any(f"versi {f.TEMPLATE_VERSION_2021}" in line for line in petunjuk)


def test_default_regulasi_is_still_6_2022(tmp_path: Path) -> None:
    path = tmp_path / "skp.xlsx"
    result = runner.invoke(
        app, ["new", "--jenis", "ja", "--pendekatan", "kuantitatif", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(path)
    assert "SKP" in wb.sheetnames
    assert "SKP 2021" not in wb.sheetnames


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--model", "dasar", "--pendekatan", "kuantitatif"], "--pendekatan"),
        (["--model", "lanjutan"], "--model 'lanjutan'"),
        (["--model", "dasar", "--tahun", "2023"], "2021-2022"),
        (["--model", "dasar", "--regulasi", "7/2020"], "7/2020"),
    ],
)
def test_new_refuses_options_of_the_other_regulation(
    tmp_path: Path, args: list[str], words: str
) -> None:
    if "--regulasi" not in args:
        args = ["--regulasi", "8/2021", *args]
    result = runner.invoke(app, ["new", "--jenis", "ja", "-o", str(tmp_path / "x.xlsx"), *args])
    assert result.exit_code != 0
    assert words in result.output
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.libreoffice
@pytest.mark.parametrize(("jenis", "model"), FORMATS)
def test_formulas_recalculated_show_what_was_typed(
    recalculated: dict[tuple[JenisJabatan, f.Model], Recalculated],
    jenis: JenisJabatan,
    model: f.Model,
) -> None:
    result = recalculated[jenis, model]
    values = result.values
    wb = openpyxl.load_workbook(result.path)
    skp = table_of(wb, f.SKP_2021_TABLE)
    reviu = table_of(wb, f.REVIU_2021_TABLE)

    def at(cell: tuple[str, str]) -> object:
        return values[cell[0]].get(cell[1])

    assert at(skp.cell("TARGET", 0)) == "90%"
    assert at(skp.cell("TARGET", 1)) == "4 dasbor"
    assert at(skp.cell("TARGET", skp.utama)) == "1 sertifikat"
    assert [at(skp.cell("NO", b)) or "" for b in (0, 1, 2)] == [1, 2, ""]
    # The Reviu shows the SKP's rows by formula.
    for block in (0, 1, skp.utama):
        for header in (f.RENCANA_KINERJA, "INDIKATOR KINERJA INDIVIDU", "TARGET"):
            assert at(reviu.cell(header, block)) == at(skp.cell(header, block))
    if jenis is not JenisJabatan.JPT and model is f.Model.PENGEMBANGAN:
        for block in (0, 1, 2, skp.utama):
            typed = [at(c) for c in (skp.cell(f.KATEGORI, block, o) for o in range(5))]
            assert (at(skp.cell(f.LEVEL_KATEGORI, block)) or "") == level_kategori(typed)
        assert at(skp.cell(f.LEVEL_KATEGORI, 0)) == "3 level"
    if jenis is JenisJabatan.JF:
        ak = table_of(wb, f.VERIFIKASI_AK_TABLE)
        assert at(ak.cell(f.RENCANA_KINERJA, 0)) == "Layanan data terpadu tersedia"
    if jenis is JenisJabatan.JPT:
        # The Manual IK shows the SKP's rencana kinerja and indicators, and numbers them.
        manual = table_of(wb, f.MANUAL_IK_2021_TABLE)
        for block in (0, 1, skp.utama):
            for header in (f.RENCANA_KINERJA, "INDIKATOR KINERJA INDIVIDU"):
                assert at(manual.cell(header, block)) == at(skp.cell(header, block))
            assert at(manual.cell(f.DEFINISI, block)) == f"Definisi indikator rencana {block + 1}"
        assert [at(manual.cell("NO", b)) or "" for b in (0, 1, 2)] == [1, 2, ""]
    # The signatures show the names typed on Identitas, or the placeholders.
    texts = {v for v in values[reviu.sheet].values() if isinstance(v, str)}
    assert "Dewi Lestari" in texts
    assert "NIP. 198502022010012003" in texts
    # NIPs stay text, defined names and lists survive LibreOffice.
    ident = wb["Identitas"]
    nip = wb.defined_names["PEGAWAI_NIP"].attr_text.split("!")[1].replace("$", "")
    assert ident[nip].value == "199001012015032001"
    assert ident[nip].data_type == "s"
    assert f.LIST_KATEGORI_2021 in wb.defined_names
    assert wb[skp.sheet].protection.sheet


@pytest.mark.libreoffice
@pytest.mark.parametrize(("jenis", "model"), FORMATS)
def test_validate_checks_the_recalculated_workbook_by_the_2021_rules(
    recalculated: dict[tuple[JenisJabatan, f.Model], Recalculated],
    jenis: JenisJabatan,
    model: f.Model,
) -> None:
    path = recalculated[jenis, model].path
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    codes = sorted(x["code"] for x in report["files"][0]["findings"])
    expected = ["regulasi-2021"]
    if jenis is JenisJabatan.JPT and model is f.Model.PENGEMBANGAN:
        expected.append("perspektif-tidak-lengkap")  # two of the four perspektif
    assert codes == sorted(expected)


@pytest.mark.libreoffice
def test_level_formula_and_python_agree_on_every_pattern(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    cases = [
        ("Baik", "Sangat Kurang"),
        ("Sangat Baik", "Baik", "Sangat Kurang"),
        ("Sangat Baik", "Baik", "Cukup", "Sangat Kurang"),
        KATEGORI_LEVEL,
        ("baik", "SANGAT KURANG"),  # case does not matter
        ("Baik",),  # one level is no pattern
        ("Baik", "Cukup"),  # no Sangat Kurang
        ("Baik", "Baik", "Sangat Kurang"),  # a level twice
        ("Sangat Baik", "Baik", "Kurang", "Sangat Kurang"),  # 4 levels, the wrong one
        ("Baik", "Sangat  Kurang"),  # misspelt: filled, names no level
        ("Baik ", "Sangat Kurang"),  # a trailing space is another text
        ("Baik", None, "Sangat Kurang"),  # a gap between levels
        (),
    ]
    wb = build(JenisJabatan.JA, f.Model.PENGEMBANGAN)
    skp = table_of(wb, f.SKP_2021_TABLE)
    for block, case in enumerate(cases):
        put(wb, skp.cell(f.RENCANA_KINERJA, block), f"Rencana {block + 1}")
        for offset, level in enumerate(case):
            if level is not None:
                put(wb, skp.cell(f.KATEGORI, block, offset), level)
    path = tmp_path / "level.xlsx"
    wb.save(path)
    values = recalculate([path])[path].values
    got = [values[skp.sheet].get(skp.cell(f.LEVEL_KATEGORI, b)[1]) or "" for b in range(len(cases))]
    want = [level_kategori(list(case)) for case in cases]
    assert got == want
    assert want[:5] == ["2 level", "3 level", "4 level", "5 level", "2 level"]
    assert set(want[5:11]) == {TIDAK_SESUAI}
    assert want[11] == "2 level"
    assert want[12] == ""
