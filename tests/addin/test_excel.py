"""The real add-in in real Excel, driven through xlwings: run by hand on Windows.

Needs Windows, Excel, and the add-in installed (``skp-xl addin install``). Run with
``pytest -m excel tests/addin/test_excel.py``; everywhere else these tests skip (CI has no
Excel), which docs/addin.md says.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from skp_xl.addin import actions
from skp_xl.addin.livebook import LiveBook
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.workbook.writer import Options, build_workbook

pytestmark = [
    pytest.mark.excel,
    pytest.mark.skipif(sys.platform != "win32", reason="Excel desktop runs on Windows"),
]


@pytest.fixture
def excel_book(tmp_path: Path) -> Iterator[Any]:
    xw = pytest.importorskip("xlwings")
    try:
        app = xw.App(visible=False, add_book=False)
    except Exception as error:  # no Excel installed
        pytest.skip(f"Excel is not available: {error}")
    path = tmp_path / "skp.xlsx"
    build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF)).save(path)
    book = app.books.open(str(path))
    try:
        yield book
    finally:
        book.close()
        app.quit()


def test_the_addin_is_loaded(excel_book: Any) -> None:
    names = [b.name.lower() for b in excel_book.app.books]
    addins = [a.Name.lower() for a in excel_book.app.api.AddIns2 if a.Installed]
    assert "skp_xl.xlam" in names + addins


def test_periksa_marks_the_open_workbook(excel_book: Any) -> None:
    result = actions.periksa(LiveBook(excel_book))
    assert "Temuan" in [s.name for s in excel_book.sheets]
    assert result.temuan


def test_a_udf_computes_in_a_cell(excel_book: Any) -> None:
    sheet = excel_book.sheets.add("UDF")
    sheet["A1"].formula = '=SKP_PREDIKAT("Diatas Ekspektasi","Sesuai Ekspektasi")'
    excel_book.app.calculate()
    assert sheet["A1"].value == "Baik"


def test_the_ribbon_dispatcher_runs_tentang(excel_book: Any) -> None:
    result = actions.tentang(LiveBook(excel_book))
    assert "skp-xl" in result.pesan
