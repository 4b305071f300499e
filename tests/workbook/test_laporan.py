"""Findings as workbooks: the report with links, and the annotated copy of an input."""

from __future__ import annotations

import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from skp_xl.domain.findings import Report
from skp_xl.validation import validate_file
from skp_xl.workbook.laporan import (
    LINE_HEIGHT,
    RECORD_SHEET,
    annotate,
    clear,
    message_lines,
    write_laporan,
    write_salinan,
)
from tests.libreoffice import LibreOffice

TEMPLATES = Path(__file__).parents[2] / "workbook_templates"


@pytest.fixture
def blank(tmp_path: Path) -> Path:
    path = tmp_path / "masuk" / "skp.xlsx"
    path.parent.mkdir()
    shutil.copy(TEMPLATES / "skp-ja-kuantitatif.xlsx", path)
    return path


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_lists_every_finding_with_a_relative_link_to_its_cell(
    blank: Path, tmp_path: Path
) -> None:
    report = validate_file(blank)
    out = tmp_path / "laporan" / "temuan.xlsx"
    write_laporan(out, [report])
    ws = load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(min_row=5))
    assert len(rows) == len(report.findings)
    by_cell = {(r[1].value, r[2].value, r[4].value): r for r in rows}
    nip = by_cell["Identitas", "C6", "nip-kosong"]
    assert nip[2].hyperlink.target == "../masuk/skp.xlsx"
    assert nip[2].hyperlink.location == "'Identitas'!C6"
    assert nip[3].value == "Galat"
    assert list(ws.tables) == ["TEMUAN"]


def test_copy_highlights_the_cells_and_never_touches_the_input(blank: Path, tmp_path: Path) -> None:
    before = _digest(blank)
    report = validate_file(blank)
    out = tmp_path / "salinan.xlsx"
    sheet, count = write_salinan(blank, out, report)
    assert _digest(blank) == before
    wb = load_workbook(out)
    assert wb.sheetnames[0] == sheet == "Temuan"
    assert wb[RECORD_SHEET].sheet_state == "hidden"
    cells = {(f.sheet, f.cell) for f in report.findings if f.sheet and f.cell}
    assert count == len(cells)
    nip = wb["Identitas"]["C6"]
    assert nip.fill.fgColor.rgb == "00FF7C80"
    assert nip.comment is not None
    assert "NIP" in nip.comment.text
    links = [c.hyperlink.location for c in wb[sheet]["C"] if c.hyperlink is not None]
    assert "'Identitas'!C6" in links
    # The copy still reads as the same SKP: same findings, none about the new sheets.
    again = validate_file(out)
    assert {(f.sheet, f.cell, f.code) for f in again.findings} == {
        (f.sheet, f.cell, f.code) for f in report.findings
    }


def test_a_second_run_takes_the_first_run_off(blank: Path) -> None:
    wb = load_workbook(blank)
    original = wb["Identitas"]["C6"].fill.fgColor.rgb
    report = validate_file(blank)
    annotate(wb, report.findings)
    title, count = annotate(wb, report.findings[:1])
    assert (title, count) == ("Temuan", 1)
    assert wb.sheetnames.count("Temuan") == 1
    assert clear(wb) == 1
    assert "Temuan" not in wb.sheetnames
    assert RECORD_SHEET not in wb.sheetnames
    assert wb["Identitas"]["C6"].fill.fgColor.rgb == original
    assert wb["Identitas"]["C6"].comment is None


def test_a_users_own_temuan_sheet_is_kept(blank: Path) -> None:
    wb = load_workbook(blank)
    wb.create_sheet("Temuan")["A1"] = "catatan saya"
    report = validate_file(blank)
    title, _ = annotate(wb, report.findings)
    assert title == "Temuan (2)"
    annotate(wb, report.findings)
    clear(wb)
    assert wb["Temuan"]["A1"].value == "catatan saya"
    assert "Temuan (2)" not in wb.sheetnames


@pytest.mark.libreoffice
def test_libreoffice_opens_the_copy_and_the_report(
    recalculate: LibreOffice, blank: Path, tmp_path: Path
) -> None:
    report = validate_file(blank)
    copy, listing = tmp_path / "salinan.xlsx", tmp_path / "laporan.xlsx"
    write_salinan(blank, copy, report)
    write_laporan(listing, [report])
    done = recalculate([copy, listing])
    assert "nip-kosong" in done[copy].values["Temuan"].values()
    assert "nip-kosong" in done[listing].values["Temuan"].values()
    # Saved again by LibreOffice, the copy is still the same SKP to the reader.
    resaved = validate_file(done[copy].path)
    assert {(f.sheet, f.cell, f.code) for f in resaved.findings} == {
        (f.sheet, f.cell, f.code) for f in report.findings
    }


def test_rows_are_tall_enough_for_their_messages(blank: Path, tmp_path: Path) -> None:
    checked = validate_file(blank)
    first = checked.findings[0]
    long = replace(first, message="Isian ini perlu diperbaiki sebelum dinilai. " * 8)
    report = Report.of([*checked.findings, long], path=str(blank))
    out = tmp_path / "temuan.xlsx"
    write_laporan(out, [report])
    ws = load_workbook(out).active
    assert ws is not None
    rows = list(ws.iter_rows(min_row=5))
    for row in rows:
        lines = message_lines(str(row[5].value), 90)
        height = ws.row_dimensions[row[0].row].height
        assert (height or LINE_HEIGHT) == LINE_HEIGHT * lines, row[5].value
        assert row[0].alignment.vertical == row[5].alignment.vertical == "top"
    assert any(message_lines(str(row[5].value), 90) > 1 for row in rows)
    wb = load_workbook(blank)
    annotate(wb, report.findings)
    sheet = wb["Temuan"]
    tall = [sheet.row_dimensions[r].height for r in range(5, sheet.max_row + 1)]
    assert [h or LINE_HEIGHT for h in tall] == [
        LINE_HEIGHT * message_lines(str(sheet.cell(r, 6).value), 100)
        for r in range(5, sheet.max_row + 1)
    ]


@pytest.mark.parametrize(
    ("message", "width", "lines"), [("", 10, 1), ("a" * 11, 10, 1), ("a" * 12, 10, 2)]
)
def test_message_lines(message: str, width: float, lines: int) -> None:
    assert message_lines(message, width) == lines
