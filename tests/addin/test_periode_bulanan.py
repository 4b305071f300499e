"""The add-in over a monthly workbook: its actions follow the reader's periods."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from skp_xl.addin import actions
from skp_xl.addin.filebook import FileBook
from skp_xl.domain.vocabulary import Pendekatan, SiklusEvaluasi
from skp_xl.samples.plan import plan_agency
from skp_xl.samples.render import render_workbook
from tests.workbook.fill import named


def test_saran_rating_goes_through_the_months_in_order(tmp_path: Path) -> None:
    bulanan = SiklusEvaluasi.BULANAN
    agency = plan_agency(8, seed=2, tahun=2025, masalah=False, siklus=bulanan)
    isian = next(
        i
        for i in agency.isian
        if i.rencana.pendekatan is Pendekatan.KUANTITATIF and len(i.evaluasi) == 13
    )
    path = tmp_path / "bulanan.xlsx"
    render_workbook(isian).save(path)

    hasil = actions.saran_rating(FileBook.open(path))

    lines = hasil.pesan.splitlines()
    assert [line.split(":")[0] for line in lines] == [p.value for p in bulanan.periode]
    maret = next(e for e in isian.evaluasi if e.periode.kode == "MAR")
    assert lines[2].startswith(f"Maret: saran {maret.saran.value}")
    wb = load_workbook(path)
    sheet, cell = named(wb, "EVAL_MAR_SARAN_HASIL_KERJA")
    assert sheet == "Evaluasi Maret"
    right = wb[sheet][cell].offset(column=1)
    assert right.value == maret.saran.value
