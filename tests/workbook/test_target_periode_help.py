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
