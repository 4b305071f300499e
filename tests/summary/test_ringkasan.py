"""The Ringkasan sheet as a manager reads it: the breach marked, labels, widths, formats."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from skp_xl.summary import write_summary
from skp_xl.summary.ringkasan import COLUMN, split_keterangan
from skp_xl.summary.tables import header_width, text_units
from tests.summary.ooxml import CHART, Package
from tests.summary.sample import KEUANGAN, sample_data

BROKEN = (
    "✓ Sebagian besar pegawai berpredikat Baik. (angka 40%; batas terbanyak) "
    "✗ Harus ada paling sedikit satu pegawai berpredikat Butuh Perbaikan. (angka 0 pegawai; "
    "batas ≥ 1 pegawai) ✗ Predikat Baik paling banyak 70%. (angka 75%; batas ≤ 70%)"
)


def test_the_rules_broken_are_split_from_the_rest() -> None:
    broken, rest = split_keterangan(BROKEN)
    assert broken.splitlines() == [
        "Harus ada paling sedikit satu pegawai berpredikat Butuh Perbaikan. (angka 0 pegawai; "
        "batas ≥ 1 pegawai)",
        "Predikat Baik paling banyak 70%. (angka 75%; batas ≤ 70%)",
    ]
    assert rest == "✓ Sebagian besar pegawai berpredikat Baik. (angka 40%; batas terbanyak)"
    assert split_keterangan("Belum ada penilaian.") == ("", "Belum ada penilaian.")
    assert split_keterangan(None) == ("", "")


@pytest.fixture(scope="module")
def breach(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("breach")
    data = sample_data(folder)
    ringkasan = data.ringkasan.copy()
    ringkasan.loc[1, "Pola Distribusi"] = "Tidak sesuai"
    ringkasan.loc[1, "Keterangan"] = BROKEN
    path = folder / "ringkasan.xlsx"
    write_summary(path, replace(data, ringkasan=ringkasan))
    return path


def test_a_unit_outside_the_guideline_is_marked_in_the_table(breach: Path) -> None:
    ws = openpyxl.load_workbook(breach)["Ringkasan"]
    aturan = COLUMN["Aturan yang Dilanggar"]
    assert ws.cell(4, aturan).value == "Aturan yang Dilanggar"
    assert ws.cell(6, 1).value == KEUANGAN
    assert ws.cell(6, aturan).value.count("\n") == 1  # two rules, one a line
    assert ws.cell(6, COLUMN["Keterangan"]).value.startswith("✓ Sebagian besar")
    assert ws.cell(6, 1).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(6, aturan).fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(5, aturan).value is None
    assert not ws.cell(5, 1).fill.fgColor.rgb.endswith("FFC7CE")


def test_its_bar_is_framed_and_every_bar_shows_its_counts(breach: Path) -> None:
    package = Package(breach)
    (drawing,) = package.related(package.sheet_part("Ringkasan"), "drawing")
    (chart,) = package.related(drawing, "chart")
    series = list(package.xml(chart).iter(f"{CHART}ser"))
    assert len(series) == 5
    for ser in series:
        points = ser.findall(f"{CHART}dPt")
        assert [p.find(f"{CHART}idx").get("val") for p in points] == ["1"]  # type: ignore[union-attr]
        assert (
            points[0].find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}ln")
            is not None
        )
        labels = ser.find(f"{CHART}dLbls")
        assert labels is not None
        assert labels.find(f"{CHART}showVal").get("val") == "1"  # type: ignore[union-attr]
        assert labels.find(f"{CHART}numFmt").get("formatCode").endswith(";;")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "header", ["% Kurang/Misconduct", "Kurang/Misconduct", "Capaian Kinerja Organisasi", "Jumlah"]
)
def test_a_header_column_holds_its_longest_word(header: str) -> None:
    longest = max(header.split(), key=text_units)
    assert header_width(header) >= text_units(longest) * 1.1 + 1


def test_header_columns_are_as_wide_as_their_words_need(breach: Path) -> None:
    ws = openpyxl.load_workbook(breach)["Ringkasan"]
    for cell in ws[4]:
        width = ws.column_dimensions[cell.column_letter].width
        longest = max(len(word) for word in str(cell.value).split())
        assert width >= longest * 1.1 + 1, (cell.value, width)
