"""Row heights for wrapped text, which neither Excel nor LibreOffice fits on opening."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from skp_xl.summary import SummaryData, write_summary
from skp_xl.summary.tables import LINE_HEIGHT, text_lines
from tests.summary.sample import sample_data


@pytest.mark.parametrize(
    ("value", "width", "lines"),
    [
        (None, 10, 1),
        ("", 10, 1),
        ("a" * 11, 10, 1),
        ("a" * 12, 10, 2),
        ("a" * 45, 10, 5),
        ("satu\ndua", 60, 2),
        (12.5, 10, 1),
    ],
)
def test_text_lines(value: str | float | None, width: float, lines: int) -> None:
    assert text_lines(value, width) == lines


def test_rows_with_long_text_are_made_taller(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    ringkasan = data.ringkasan.copy()
    ringkasan.loc[0, "Keterangan"] = "✗ Predikat Sangat Baik paling banyak 10%. " * 4
    temuan = data.temuan.copy()
    temuan.loc[0, "Pesan"] = "Rating hasil kerja berbeda dengan saran. " * 5
    path = tmp_path / "out.xlsx"
    write_summary(
        path,
        SummaryData(
            judul=data.judul,
            periode=data.periode,
            ringkasan=ringkasan,
            pegawai=data.pegawai,
            temuan=temuan,
        ),
    )
    wb = openpyxl.load_workbook(path)
    assert wb["Ringkasan"].row_dimensions[5].height == 3 * LINE_HEIGHT
    assert wb["Ringkasan"].row_dimensions[6].height is None
    assert wb["Temuan"].row_dimensions[2].height == 3 * LINE_HEIGHT
    assert wb["Temuan"].row_dimensions[3].height is None
