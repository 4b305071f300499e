"""The summary of the bundled sample agency as LibreOffice prints it, checked from the PDF.

The sample agency (samples/instansi) is consolidated as ``skp-xl consolidate`` does it,
its summary written with each sheet's name in the left footer, and printed in one soffice
run; pdftotext -bbox gives every word with its box. Checked: pages per sheet, the
Ringkasan's table and chart on its one page (every unit name and head count visible, the
guideline breach in words), Indonesian numbers, and no text printed over other text.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from skp_xl.batch.konsolidasi import AKAR, INSTANSI, Opsi, konsolidasi
from skp_xl.summary.skema import PREDIKAT_COLUMNS, TIDAK_SESUAI, Ringkasan
from skp_xl.summary.workbook import write_summary
from tests.libreoffice import LibreOffice
from tests.workbook.test_print import (
    PICTURE_DPI,
    PICTURE_MAX_BYTES,
    SHEET_TAG,
    WRITE_PICTURES,
    Page,
    overlaps,
    read_pdf,
    require_poppler,
)
from tests.workbook.test_print import PICTURES as PICTURE_FOLDER
from tests.workbook.test_print import split_by_sheet as by_sheet

SAMPLE = Path(__file__).parents[2] / "samples" / "instansi"

PAGES = {
    "Ringkasan": 1,
    "Kurva": 4,
    "Pegawai": 1,
    "Pivot": 1,
    "Temuan": 2,
    "Cascading": 4,
    "Angka Kredit": 1,
}
"""Pages per sheet as LibreOffice 7.4 prints the sample's summary (A4 landscape, fit to
width). Measured: the Ringkasan one page for table and chart, the Kurva two units a page
(six units and the agency). A deliberate layout change updates these numbers."""

_DOT_DECIMAL = re.compile(r"^\d+\.\d+%?$")


_LEFT_FOOTER = re.compile(r"<oddFooter>(?:&amp;L.*?(?=&amp;[CR]|</oddFooter>))?")


def tag_footers(source: Path, path: Path) -> None:
    """Copy the summary ``source`` to ``path`` with each sheet's name in its left footer
    (as tests.workbook.test_print.save_tagged does for an openpyxl workbook, here on the
    file ``write_summary`` writes, whose sheets come from two writers)."""
    tag = f"<oddFooter>&amp;L&amp;6 {SHEET_TAG}&amp;A"
    with zipfile.ZipFile(source) as z, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in z.infolist():
            data = z.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text, n = _LEFT_FOOTER.subn(tag, data.decode(), count=1)
                assert n == 1, info.filename
                data = text.encode()
            out.writestr(info, data)


class Printed:
    """The sample's summary: the Ringkasan frame, the printed pages of each sheet, and the
    PDF of the summary as the command writes it (for the README pictures)."""

    def __init__(self, ringkasan: pd.DataFrame, pages: dict[str, list[Page]], pdf: Path) -> None:
        self.ringkasan = ringkasan
        self.pages = pages
        self.pdf = pdf


@pytest.fixture(scope="module")
def printed(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    require_poppler()
    folder = tmp_path_factory.mktemp("ringkasan")
    result = konsolidasi(SAMPLE, Opsi(jobs=1))
    path, plain = folder / "ringkasan-lembar.xlsx", folder / "ringkasan.xlsx"
    write_summary(plain, result.summary_data())
    tag_footers(plain, path)
    pdfs = recalculate.pdf([path, plain])
    return Printed(result.ringkasan, by_sheet(read_pdf(pdfs[path])), pdfs[plain])


def test_pages_per_sheet(printed: Printed) -> None:
    assert {sheet: len(pages) for sheet, pages in printed.pages.items()} == PAGES


def test_the_ringkasan_chart_is_on_the_page_of_its_table(printed: Printed) -> None:
    (page,) = printed.pages["Ringkasan"]
    assert page.has_line("Distribusi predikat kinerja per unit kerja")
    assert page.has_line("Persentase pegawai")
    header = next(w for w in page.words if w.text == "Keterangan")
    title = next(
        w
        for w in page.words
        if w.text == "Distribusi" and "kinerja" in [x.text for x in page.line_of(w)]
    )
    assert title.y_min > header.y_max  # below the table, on the same page


def test_every_unit_name_and_count_is_printed(printed: Printed) -> None:
    (page,) = printed.pages["Ringkasan"]
    units = list(printed.ringkasan[Ringkasan.unit_kerja])
    assert units[0] == AKAR
    assert units[-1] == INSTANSI
    for row in printed.ringkasan.itertuples(index=False):
        values = dict(zip(printed.ringkasan.columns, row, strict=True))
        unit = str(values[Ringkasan.unit_kerja])
        assert page.has_line(unit), unit  # the chart's label: the whole name on one line
        counts = [str(values[p]) for p in PREDIKAT_COLUMNS] + [str(values[Ringkasan.jumlah])]
        first = unit.split()[0]
        lines = [[w.text for w in page.line_of(w)] for w in page.words if w.text == first]
        assert any(_contains(line, counts) for line in lines), (unit, counts, lines)


def test_a_unit_outside_the_guideline_prints_the_rule_it_breaks(printed: Printed) -> None:
    (page,) = printed.pages["Ringkasan"]
    breaking = printed.ringkasan[printed.ringkasan[Ringkasan.pola_distribusi] == TIDAK_SESUAI]
    assert len(breaking) >= 1
    assert page.has_line("Tidak sesuai") or page.has_line("Tidak")
    assert page.has_line("Harus ada paling sedikit satu pegawai")


def test_numbers_print_with_a_decimal_comma(printed: Printed) -> None:
    words = [w.text for pages in printed.pages.values() for page in pages for w in page.words]
    assert [w for w in words if _DOT_DECIMAL.match(w)] == []
    assert any(re.match(r"^\d+,\d%$", w) for w in words)


def test_no_text_prints_over_other_text(printed: Printed) -> None:
    found = {
        (sheet, number): pairs
        for sheet, pages in printed.pages.items()
        for number, page in enumerate(pages, start=1)
        if (pairs := overlaps(page))
    }
    assert found == {}


def _contains(line: list[str], wanted: list[str]) -> bool:
    return any(line[i : i + len(wanted)] == wanted for i in range(len(line) - len(wanted) + 1))


PICTURES = {"ringkasan.png": 1, "kurva.png": 2}
"""README pictures of the summary: file -> page of the printed summary (the Ringkasan, the
Kurva's first page)."""


@pytest.mark.parametrize(("name", "page"), PICTURES.items())
def test_pictures_of_the_summary(printed: Printed, name: str, page: int, tmp_path: Path) -> None:
    """Render the README pictures; write them to docs/img/ with SKP_XL_WRITE_PICTURES=1."""
    prefix = tmp_path / Path(name).stem
    command = ["pdftoppm", "-png", "-r", str(PICTURE_DPI), "-f", str(page), "-l", str(page)]
    subprocess.run([*command, "-singlefile", str(printed.pdf), str(prefix)], check=True)
    data = prefix.with_suffix(".png").read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < PICTURE_MAX_BYTES
    target = PICTURE_FOLDER / name
    if WRITE_PICTURES:
        target.write_bytes(data)
    assert target.exists(), f"{target} is missing: run with SKP_XL_WRITE_PICTURES=1"
