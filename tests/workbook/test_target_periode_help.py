"""What a kuantitatif workbook tells its user about "Target periode" (issue 12, part 1's
explanation): the Petunjuk sheet's steps, and the input message of each Target periode
cell (docs/rules.md section 5 is the rule itself)."""

from __future__ import annotations

import pytest
from openpyxl.workbook.workbook import Workbook

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, SiklusEvaluasi
from skp_xl.forms import text as t
from skp_xl.forms.model import eval_name
from skp_xl.workbook.writer import Options, build_workbook
from tests.workbook.fill import table


@pytest.fixture(scope="module")
def books() -> dict[str, Workbook]:
    return {
        "ja-kuantitatif": build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF)),
        "jpt-kuantitatif-bulanan": build_workbook(
            Options(JenisJabatan.JPT, Pendekatan.KUANTITATIF, siklus=SiklusEvaluasi.BULANAN)
        ),
        "jf-kualitatif": build_workbook(Options(JenisJabatan.JF, Pendekatan.KUALITATIF)),
    }


def _petunjuk(wb: Workbook) -> str:
    ws = wb["Petunjuk"]
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)


@pytest.mark.parametrize("name", ["ja-kuantitatif", "jpt-kuantitatif-bulanan"])
def test_petunjuk_explains_target_periode(books: dict[str, Workbook], name: str) -> None:
    text = _petunjuk(books[name])
    for words in (
        "Target periode (angka)",  # the helper column, by its header
        "target trajectory",
        "TARGET PERIODIK PRO RATA",  # the option, by its label and its name
        "SKP_TARGET_PRO_RATA",
        "'Progres' artinya",  # what progres means
        "tidak menjadi temuan",
        "Evaluasi Akhir selalu dinilai terhadap target tahunan",
    ):
        assert words in text, words


def test_kualitatif_petunjuk_has_no_target_periode(books: dict[str, Workbook]) -> None:
    assert "Target periode" not in _petunjuk(books["jf-kualitatif"])


@pytest.mark.parametrize("name", ["ja-kuantitatif", "jpt-kuantitatif-bulanan"])
def test_target_periode_cells_say_what_to_type(books: dict[str, Workbook], name: str) -> None:
    wb = books[name]
    siklus = SiklusEvaluasi.BULANAN if "bulanan" in name else SiklusEvaluasi.TRIWULANAN
    periodic = [eval_name(p, "HASIL_KERJA") for p in siklus.periode]
    checked = 0
    for table_name in periodic:
        tbl = table(wb, table_name)
        column = tbl.columns.get("Target periode (angka)")
        if table_name == "EVAL_AKHIR_HASIL_KERJA":
            assert column is None  # the akhir is judged against the annual target
            continue
        assert column is not None
        ws = wb[tbl.sheet]
        for block in (0, len(tbl.blocks) - 1):
            for offset in range(tbl.rows_per_block):
                coordinate = ws.cell(tbl.row(block, offset), column).coordinate
                prompts = [
                    dv
                    for dv in ws.data_validations.dataValidation
                    if coordinate in dv.sqref and dv.showInputMessage
                ]
                assert len(prompts) == 1, coordinate
                dv = prompts[0]
                assert dv.prompt == t.PROMPT_TARGET_PERIODE
                assert dv.type == "decimal"  # still a number only
                assert len(dv.prompt) <= 255  # Excel's limit for an input message
                checked += 1
    assert checked >= 8
    # The other number inputs (the annual target) carry no such message.
    skp = table(wb, "SKP_HASIL_KERJA")
    target = wb["SKP"].cell(skp.row(0), skp.columns["Target (angka)"]).coordinate
    assert not any(
        target in dv.sqref and dv.prompt == t.PROMPT_TARGET_PERIODE
        for dv in wb["SKP"].data_validations.dataValidation
    )


@pytest.mark.parametrize("name", ["ja-kuantitatif", "jpt-kuantitatif-bulanan"])
@pytest.mark.parametrize(
    ("table_name", "header", "prompt"),
    [
        ("SKP_HASIL_KERJA", "Target (angka)", t.PROMPT_TARGET_ANGKA),
        ("SKP_HASIL_KERJA", "s.d. (angka, bila rentang)", t.PROMPT_TARGET_MAKS),
        ("SKP_HASIL_KERJA", "Satuan", t.PROMPT_SATUAN),
        ("EVAL_TW1_HASIL_KERJA", "Realisasi (angka)", t.PROMPT_REALISASI_ANGKA),
        ("EVAL_AKHIR_HASIL_KERJA", "Realisasi (angka)", t.PROMPT_REALISASI_ANGKA),
    ],
)
def test_the_helper_columns_say_what_to_type(
    books: dict[str, Workbook], name: str, table_name: str, header: str, prompt: str
) -> None:
    """Issue 18: each helper input where a person could wonder what to type carries an
    input message (the numbers the formulas compute with, beside the printed form)."""
    wb = books[name]
    if "bulanan" in name:
        table_name = table_name.replace("TW1", "JAN")
    tbl = table(wb, table_name)
    ws = wb[tbl.sheet]
    for block in (0, len(tbl.blocks) - 1):
        coordinate = ws.cell(tbl.row(block, 0), tbl.columns[header]).coordinate
        [dv] = [
            dv
            for dv in ws.data_validations.dataValidation
            if coordinate in dv.sqref and dv.showInputMessage
        ]
        assert dv.prompt == prompt
        assert len(prompt) <= 255


def test_the_arah_dropdown_says_which_way(books: dict[str, Workbook]) -> None:
    wb = books["ja-kuantitatif"]
    tbl = table(wb, "SKP_HASIL_KERJA")
    column = next(c for h, c in tbl.columns.items() if h.startswith("Arah"))
    coordinate = wb["SKP"].cell(tbl.row(0, 0), column).coordinate
    [dv] = [dv for dv in wb["SKP"].data_validations.dataValidation if coordinate in dv.sqref]
    assert dv.type == "list"  # still the dropdown
    assert dv.prompt == t.PROMPT_ARAH
