"""``skp-xl cetak`` on PermenPANRB 8/2021 workbooks: the empty blocks of SKP 2021, Manual
IK 2021, Reviu 2021 and Verifikasi AK stay off paper, as those of the 6/2022 tables do.

Each workbook is filled as a user would (two rencana kinerja utama and one tambahan of
15 blocks), printed by the command itself (CliRunner, LibreOffice twice), and read back
with poppler (pdfinfo, pdftotext -bbox).
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.vocabulary import JenisJabatan
from skp_xl.forms import legacy2021 as f
from tests.legacy.fill2021 import MANUAL, write
from tests.libreoffice import LibreOffice
from tests.workbook.test_print import Page, Word, read_pdf, require_poppler

FORMS = {
    JenisJabatan.JPT: ("SKP JPT", "Manual Indikator Kinerja JPT", "Reviu Rencana SKP JPT"),
    JenisJabatan.JF: ("SKP JA DAN JF", "Reviu Rencana SKP JA DAN JF", "Verifikasi Keterkaitan"),
}
"""The start of each printed form's footer (its ``kode``), in workbook order."""
MOST_PAGES = 2
"""Pages a form of three filled rencana kinerja may take. Measured with LibreOffice 7.4:
each takes one or two; printed whole (every empty block) SKP 2021 JF Model Pengembangan
took 7, its Reviu 6, its Verifikasi AK 7, 20 pages in all."""


def _text(page: Page) -> str:
    return " ".join(word.text for word in page.words)


def _form(page: Page, jenis: JenisJabatan) -> str:
    footer = page.footer()
    # "Reviu Rencana SKP JPT" holds "SKP JPT" too: the longest match is the form.
    return max((kode for kode in FORMS[jenis] if kode in footer), key=len)


def _numbered(page: Page) -> list[Word]:
    """The numbers of the table's rows: in its first column (left of the "(2)" of the
    column numbers) and below them (above, the identity's NO column counts 1 to 5)."""
    one = next((w for w in page.words if w.text == "(1)"), None)
    two = next((w for w in page.words if w.text == "(2)"), None)
    if one is None or two is None:
        return []
    return [
        w for w in page.words if w.text.isdigit() and w.x_max < two.x_min and w.y_min > one.y_max
    ]


@pytest.fixture(scope="module")
def printed(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[JenisJabatan, list[Page]]:
    """A JPT Model Dasar and a JF Model Pengembangan workbook, filled and printed."""
    require_poppler()
    del recalculate  # asked for its skip without LibreOffice and its marker
    folder = tmp_path_factory.mktemp("cetak2021")
    pages = {}
    for jenis, model in (
        (JenisJabatan.JPT, f.Model.DASAR),
        (JenisJabatan.JF, f.Model.PENGEMBANGAN),
    ):
        source = write(folder / f"skp2021-{jenis.value.lower()}.xlsx", jenis, model)
        target = folder / f"skp2021-{jenis.value.lower()}.pdf"
        result = CliRunner().invoke(app, ["cetak", str(source), "-o", str(target)])
        assert result.exit_code == 0, result.output
        pages[jenis] = read_pdf(target)
    return pages


@pytest.mark.parametrize("jenis", [JenisJabatan.JPT, JenisJabatan.JF])
def test_each_8_2021_form_prints_its_filled_blocks_only(
    printed: dict[JenisJabatan, list[Page]], jenis: JenisJabatan
) -> None:
    pages = printed[jenis]
    forms = [_form(page, jenis) for page in pages]
    assert sorted(set(forms), key=forms.index) == list(FORMS[jenis])
    assert all(forms.count(kode) <= MOST_PAGES for kode in FORMS[jenis]), forms
    # The three rencana kinerja are numbered 1, 2, 3 on each form (the Verifikasi AK has
    # the two utama only) and nothing more is: an empty block would print an empty row.
    words = [word.text for page in pages for word in page.words]
    # Words, not phrases: a wrapped cell's lines come out of pdftotext in any order.
    assert {"terpadu", "Dasbor", "Mengikuti", "pelatihan", "TAMBAHAN"} <= set(words)
    numbers = [w.text for page in pages for w in _numbered(page)]
    verifikasi = ["1", "2"] if jenis is JenisJabatan.JF else ["1", "2", "3"]
    assert sorted(numbers) == sorted(["1", "2", "3"] * 2 + verifikasi), forms


@pytest.mark.parametrize("jenis", [JenisJabatan.JPT, JenisJabatan.JF])
def test_a_signature_never_prints_alone_under_the_repeated_header(
    printed: dict[JenisJabatan, list[Page]], jenis: JenisJabatan
) -> None:
    for page in printed[jenis]:
        text = _text(page)
        if "(tanggal," in text and "(1)" in text:
            # The header repeats on this page: a block of the table prints with it.
            assert any(word in text for word in ("Layanan", "Dasbor", "Mengikuti", "pelatihan")), (
                text
            )


def test_the_manual_ik_prints_what_the_jpt_wrote(printed: dict[JenisJabatan, list[Page]]) -> None:
    pages = [p for p in printed[JenisJabatan.JPT] if "Manual Indikator Kinerja" in _text(p)]
    assert len(pages) == 1
    text = _text(pages[0])
    assert "MANUAL INDIKATOR KINERJA" in text
    words = {word.text for word in pages[0].words}
    for _, deskripsi in MANUAL:
        assert set(deskripsi.split()) <= words
    assert {"Persentase", "Sertifikat"} <= words  # the SKP's IKI, copied by formula
    assert "(tanggal," not in text  # no signature on the Manual, as on the 6/2022 one
