"""Row heights for wrapped text, which neither Excel nor LibreOffice fits on opening."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from skp_xl.summary import SummaryData, tables, write_summary
from skp_xl.summary.tables import LINE_HEIGHT, text_lines
from tests.summary.sample import sample_data


@pytest.mark.parametrize(
    ("value", "width", "lines"),
    [
        (None, 10, 1),
        ("", 10, 1),
        ("a" * 9, 10, 1),
        ("a" * 11, 10, 2),  # 77 pixels of "a" in a 75-pixel column
        ("a" * 12, 10, 2),
        ("a" * 45, 10, 5),
        ("satu\ndua", 60, 2),
        (12.5, 10, 1),
    ],
)
def test_text_lines(value: str | float | None, width: float, lines: int) -> None:
    assert text_lines(value, width) == lines


@pytest.mark.parametrize("width", [3, 8.5, 10, 20, 61])
def test_a_word_at_the_edge_of_its_line(width: float) -> None:
    """A text that fits is one line without the word-by-word count; just past the room,
    it is not (a word longer than the line is broken inside)."""
    room = width - 1
    for count in range(1, 80):
        word = "a" * count
        size = count * 981 / 1038  # "a" in digit widths
        assert text_lines(word, width) == max(1, math.ceil(size / room)), count
        assert text_lines(f"{word} {word}", width) >= text_lines(word, width)


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
    # The four rules broken go to "Aturan yang Dilanggar", one a line.
    assert wb["Ringkasan"].row_dimensions[5].height == 4 * LINE_HEIGHT
    assert wb["Ringkasan"].row_dimensions[6].height is None
    assert wb["Temuan"].row_dimensions[2].height == 3 * LINE_HEIGHT
    assert wb["Temuan"].row_dimensions[3].height is None


def test_a_table_past_the_sheet_limit_is_cut_with_a_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Excel's limit is 1,048,575 data rows; a lower one keeps the test small.
    monkeypatch.setattr(tables, "MAX_DATA_ROWS", 2)
    data = sample_data(tmp_path)
    cascading = pd.DataFrame(
        {"NIP": [f"19800101200001100{i}" for i in range(5)], "Berkas": ["a.xlsx"] * 5}
    )
    path = tmp_path / "out.xlsx"
    write_summary(path, replace(data, cascading=cascading))
    ws = openpyxl.load_workbook(path)["Cascading"]
    assert ws.tables["CASCADING"].ref == "A1:B3"
    assert ws.max_row == 3
    note = ws.cell(1, 4).value
    assert isinstance(note, str)
    assert note.startswith("Tabel ini dipotong: hanya 2 dari 5 baris")
    assert "paling banyak 3 baris" in note  # the patched limit, header included
    assert "--csv atau --parquet" in note
    pegawai = openpyxl.load_workbook(path)["Pegawai"]
    assert pegawai.tables["PEGAWAI"].ref == "A1:G3"
    assert str(pegawai["I1"].value).startswith("Tabel ini dipotong: hanya 2 dari ")


def test_the_cut_note_names_the_real_limit() -> None:
    note = tables.cut_note(1_048_575, 1_300_000, "cascading.parquet")
    assert note == (
        "Tabel ini dipotong: hanya 1.048.575 dari 1.300.000 baris ditampilkan karena satu "
        "sheet Excel memuat paling banyak 1.048.576 baris. Tabel lengkap ada di "
        "cascading.parquet."
    )
