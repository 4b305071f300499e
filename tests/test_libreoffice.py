"""The package's LibreOffice runner (the harness in tests/libreoffice.py tests batching)."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from skp_xl import libreoffice
from skp_xl.settings import SOFFICE_ENV
from tests.libreoffice import find_soffice


def test_the_environment_variable_names_soffice() -> None:
    assert libreoffice.find_soffice({SOFFICE_ENV: "/opt/lo/soffice"}) == "/opt/lo/soffice"


@pytest.mark.libreoffice
def test_recalculate_writes_the_computed_workbook(tmp_path: Path) -> None:
    source = tmp_path / "book.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["A2"] = 21, "=A1*2"
    wb.save(source)
    target = tmp_path / "out" / "recalculated.xlsx"
    target.parent.mkdir()
    executable = find_soffice(os.environ)
    assert libreoffice.recalculate(source, target, executable=executable) == target
    computed = openpyxl.load_workbook(target, data_only=True).active
    assert computed is not None
    assert computed["A2"].value == 42


@pytest.mark.libreoffice
def test_a_pdf_soffice_cannot_make_is_an_error_and_no_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04broken")
    target = tmp_path / "broken.pdf"
    executable = find_soffice(os.environ)
    with pytest.raises(libreoffice.LibreOfficeError, match="1 dari 1 masukan"):
        libreoffice.export_pdf(broken, target, executable=executable)
    assert not target.exists()
