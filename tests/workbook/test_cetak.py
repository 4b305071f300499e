"""``skp-xl cetak``: the print copy of every SKP workbook kind, printed by LibreOffice.

Each of the six workbook kinds is filled with long Indonesian texts for 1, 2 and 15 hasil
kerja (15 = every block, utama and tambahan), and its print copy (the forms a person
signs: SKP, Lampiran, Manual IKI, Umpan Balik, Evaluasi TW1, Dokumen Evaluasi) goes into
one PDF; all 18 copies are recalculated in one soffice run and printed in a second.
Each page is attributed to its form by the format code in its footer.

Checked from the PDF: every typed or copied text prints whole (every word of it, and the
token that ends it), a page topped by the table header shows no PERILAKU, RATING
PERILAKU, PREDIKAT or signature block, page counts grow with the filled blocks (a JA SKP
of 2 hasil kerja prints far fewer than the 7 pages of the whole form), and no helper
colour is on any page (pixels of the pages rendered by pdftoppm). The command itself
runs as a process once (CliRunner): the input is unchanged, the PDF written.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms import text as t
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.model import Form, WorkbookSpec
from skp_xl.workbook import cetak as cetak_module
from skp_xl.workbook.cetak import HELPER_COLOURS, lines_needed, print_copy
from skp_xl.workbook.fill import Table, narasi, put, put_named, table
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice
from tests.workbook.test_print import (
    BUKTI,
    IDENTITAS,
    PENILAIAN_KUALITATIF,
    PICTURE_DPI,
    PICTURE_LIST,
    PICTURE_MAX_BYTES,
    PICTURES,
    REALISASI_ANGKA,
    SATUAN,
    TARGET_MIN,
    WRITE_PICTURES,
    Page,
    Picture,
    read_pdf,
    require_poppler,
)
from tests.workbook.test_print import (
    fill as fill_realistic,
)

JPT, KUALITATIF = JenisJabatan.JPT, Pendekatan.KUALITATIF
SPECS = {
    spec.template_id: spec
    for spec in (workbook_spec(j, p) for j in JenisJabatan for p in Pendekatan)
}
COUNTS = (1, 2, 15)
"""Hasil kerja filled: one, two, and every block (10 utama and 5 tambahan)."""
IKI_FILLED = 2
"""IKI rows filled per hasil kerja (of 4): the other two are hidden on paper."""
EVALUASI = "Evaluasi TW1"
PRINTED = ("SKP", "Lampiran", "Manual IKI", "Umpan Balik", EVALUASI, "Dokumen Evaluasi")


# -- long texts, each ending in a token of its own ----------------------------------------------


def rhk_pimpinan(block: int) -> str:
    return (
        "Meningkatnya kualitas pelayanan publik dan tata kelola pemerintahan daerah yang "
        "akuntabel, transparan dan berorientasi pada hasil melalui program prioritas "
        f"daerah nomor {block + 1} kodeP{block + 1:02d}"
    )


def rhk(block: int) -> str:
    return (
        "Tersusunnya dokumen perencanaan, pelaksanaan dan pelaporan kegiatan prioritas "
        "bidang yang lengkap, tepat waktu dan dapat dipertanggungjawabkan kepada pimpinan "
        f"unit kerja kodeR{block + 1:02d}"
    )


def iki(block: int, line: int) -> str:
    return (
        "Persentase dokumen kegiatan prioritas yang diselesaikan sesuai standar mutu, "
        "diverifikasi oleh atasan langsung dan diunggah ke aplikasi kinerja sebelum batas "
        f"waktu yang ditetapkan kodeI{block + 1:02d}{line + 1}"
    )


def ukuran(block: int) -> str:
    return (
        "Seluruh dokumen kegiatan prioritas disusun lengkap dengan data dukung, diverifikasi "
        "oleh atasan langsung paling lama lima hari kerja setelah diterima, dan dinilai "
        "pimpinan akurat, relevan serta disampaikan tepat waktu tanpa revisi substansial "
        f"kodeU{block + 1:02d}"
    )


def umpan_balik(block: int) -> str:
    return (
        "Capaian sesuai rencana; percepat penyelesaian dokumen berikutnya dan lengkapi bukti "
        f"dukung sebelum rapat evaluasi triwulan berikutnya kodeB{block + 1:02d}"
    )


def realisasi(block: int) -> str:
    return (
        "Sebanyak dua belas dokumen kegiatan prioritas selesai disusun, diverifikasi dan "
        f"diunggah ke aplikasi kinerja sebelum batas waktu kodeS{block + 1:02d}"
    )


@dataclass
class Filled:
    """One workbook filled for the test: what it is, and the texts each form must print."""

    template_id: str
    count: int
    texts: dict[str, list[str]] = field(default_factory=dict)  # form sheet -> texts


def _blocks(skp: Table, count: int) -> list[int]:
    if count >= len(skp.blocks):
        return list(range(len(skp.blocks)))
    return list(range(count))


def fill(wb: Workbook, spec: WorkbookSpec, count: int) -> Filled:
    """Type identity, ``count`` hasil kerja and a Triwulan I evaluation, as a user would.

    The evaluation's rating hasil kerja differs from the suggestion and its rating
    perilaku is left blank: on screen one is orange and the other yellow, on paper neither.
    """
    put_named(wb, dict(IDENTITAS))
    filled = Filled(spec.template_id, count)
    skp = table(wb, "SKP_HASIL_KERJA")
    evaluasi = table(wb, "EVAL_TW1_HASIL_KERJA")
    umpan = table(wb, "UMPAN_BALIK_HASIL_KERJA")
    skp_texts: list[str] = []
    copied: list[str] = []
    typed_eval: list[str] = []
    for block in _blocks(skp, count):
        if spec.pendekatan is KUALITATIF:
            hasil_cell, ukuran_cell = narasi(skp, block)
            put(wb, hasil_cell, rhk(block))
            put(wb, ukuran_cell, ukuran(block))
            put(wb, evaluasi.cell(t.REALISASI, block), realisasi(block))
            put(wb, evaluasi.cell(PENILAIAN_KUALITATIF, block), "Sesuai Ekspektasi")
            skp_texts += [rhk(block), ukuran(block)]
            copied += [rhk(block), ukuran(block)]
            typed_eval.append(realisasi(block))
        else:
            if spec.jenis is not JPT:
                put(wb, skp.cell(t.RENCANA_HASIL_KERJA_PIMPINAN + "*", block), rhk_pimpinan(block))
                skp_texts.append(rhk_pimpinan(block))
                copied.append(rhk_pimpinan(block))
            put(wb, skp.cell(t.RENCANA_HASIL_KERJA, block), rhk(block))
            skp_texts.append(rhk(block))
            copied.append(rhk(block))
            for line in range(IKI_FILLED):
                if spec.jenis is JPT:
                    put(wb, skp.cell(t.PERSPEKTIF, block, line), "Penerima Layanan")
                else:
                    put(wb, skp.cell(t.ASPEK, block, line), "Kuantitas")
                put(wb, skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, block, line), iki(block, line))
                put(wb, skp.cell(TARGET_MIN, block, line), 12)
                put(wb, skp.cell(SATUAN, block, line), "dokumen")
                put(wb, evaluasi.cell(REALISASI_ANGKA, block, line), 3)
                put(wb, evaluasi.cell(BUKTI, block, line), "laporan TW I")
                skp_texts.append(iki(block, line))
                copied.append(iki(block, line))
        put(wb, evaluasi.cell(t.UMPAN_BALIK_BERKELANJUTAN, block), umpan_balik(block))
        typed_eval.append(umpan_balik(block))
        put(wb, umpan.cell(t.CAPAIAN_DAN_DATA_DUKUNG, block), realisasi(block))
    put_named(
        wb,
        {
            "EVAL_TW1_CAPAIAN_ORGANISASI": "Baik",
            "EVAL_TW1_RATING_HASIL_KERJA": "Diatas Ekspektasi",
            "UMPAN_BALIK_PERIODE": "Triwulan I",
            "DOKUMEN_PERIODE": "Triwulan I",
        },
    )
    filled.texts["SKP"] = skp_texts
    filled.texts[EVALUASI] = copied + typed_eval
    return filled


# -- one PDF per workbook, its pages by form --------------------------------------------------


@dataclass
class Printed:
    """A filled workbook's print copy, printed: the pages of each form, and the PDF."""

    filled: Filled
    pdf: Path
    forms: dict[str, list[Page]]
    pages: list[Page]


def _footer_code(form: Form) -> str:
    return f"Format {form.kode}" if "." in form.kode else form.kode


def by_form(pages: list[Page], spec: WorkbookSpec) -> dict[str, list[Page]]:
    """Pages grouped by the form whose code ends their footer."""
    # Evaluation sheets share a code: only one of them (TW I) is printed here.
    codes = {_footer_code(form): form.sheet for form in spec.forms if form.sheet in PRINTED}
    forms: dict[str, list[Page]] = {}
    for page in pages:
        footer = page.footer()
        sheet = next((s for code, s in codes.items() if footer.endswith(code)), None)
        assert sheet is not None, f"no form code in the footer {footer!r}"
        forms.setdefault(sheet, []).append(page)
    return forms


@pytest.fixture(scope="module")
def printed(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[str, int], Printed]:
    require_poppler()
    folder = tmp_path_factory.mktemp("cetak")
    sources: dict[Path, tuple[Workbook, Filled]] = {}
    for template_id, spec in SPECS.items():
        assert spec.jenis is not None
        assert spec.pendekatan is not None
        for count in COUNTS:
            wb = build_workbook(Options(spec.jenis, spec.pendekatan))
            filled = fill(wb, spec, count)
            path = folder / f"{template_id}-{count}.xlsx"
            wb.save(path)
            sources[path] = wb, filled
    # The README pictures: the realistic content of the print tests (count 0 here).
    for template_id in sorted({picture.template_id for picture in PICTURE_LIST}):
        spec = SPECS[template_id]
        assert spec.jenis is not None
        assert spec.pendekatan is not None
        wb = build_workbook(Options(spec.jenis, spec.pendekatan))
        fill_realistic(wb, spec)
        path = folder / f"{template_id}-gambar.xlsx"
        wb.save(path)
        sources[path] = wb, Filled(template_id, 0)
    recalculated = recalculate.recalculate(list(sources))
    copies: dict[Path, Filled] = {}
    for path, (wb, filled) in sources.items():
        # The workbook just saved, still in memory: loading it again would cost more
        # than the rest of the copy (the command loads it, see the command's test).
        sheets = [title for title in PRINTED if title in wb.sheetnames]
        copy = folder / f"cetak-{path.name}"
        print_copy(wb, recalculated[path].values, sheets).save(copy)
        copies[copy] = filled
    result = {}
    for copy, pdf in recalculate.pdf(list(copies)).items():
        filled = copies[copy]
        pages = read_pdf(pdf)
        result[filled.template_id, filled.count] = Printed(
            filled, pdf, by_form(pages, SPECS[filled.template_id]), pages
        )
    return result


def cases() -> Iterator[tuple[str, int]]:
    for template_id in SPECS:
        for count in COUNTS:
            yield template_id, count


# -- tests ------------------------------------------------------------------------------------


def _missing(text: str, pages: list[Page]) -> list[str]:
    """Words of ``text`` that no page of the form prints (as often as the text has them)."""
    printed = Counter(w.text for page in pages for w in page.words)
    wanted = Counter(text.split())
    return [word for word, n in wanted.items() if printed[word] < n]


@pytest.mark.parametrize(("template_id", "count"), list(cases()))
def test_every_typed_and_copied_text_prints_whole(
    printed: dict[tuple[str, int], Printed], template_id: str, count: int
) -> None:
    result = printed[template_id, count]
    cut = [
        (sheet, text.split()[-1], missing)
        for sheet, texts in result.filled.texts.items()
        for text in texts
        if (missing := _missing(text, result.forms[sheet]))
    ]
    assert cut == []


NOT_TABLE = (
    t.PERILAKU_KERJA + "*",
    t.RATING_PERILAKU_KERJA + "*",
    t.PREDIKAT_KINERJA_PEGAWAI + "*",
    t.PEGAWAI_YANG_DINILAI_TTD,
)
"""Lines of the blocks after a hasil kerja table."""


def _header_words(form: Form) -> set[str]:
    table = form.tabel
    assert table is not None
    words = {word for kolom in table.kolom if kolom.cetak for word in kolom.judul.split()}
    printed = sum(1 for kolom in table.kolom if kolom.cetak)
    return words | {t.HASIL_KERJA.split()[0], *(f"({n})" for n in range(1, printed + 1))}


def _top_line(page: Page) -> set[str]:
    """Words of the page's first printed row: within a line and a half of its top word
    (a header cell centres its text, so one column's words may start lower)."""
    body = [w for w in page.words if w.y_max < page.height - 40]
    top = min(body, key=lambda w: w.y_min)
    return {w.text for w in body if w.y_min - top.y_min < 15}


@pytest.mark.parametrize(("template_id", "count"), list(cases()))
def test_no_table_header_above_a_block_that_is_not_the_table(
    printed: dict[tuple[str, int], Printed], template_id: str, count: int
) -> None:
    wrong = []
    for form in SPECS[template_id].forms:
        if form.tabel is None or form.sheet not in printed[template_id, count].forms:
            continue
        header = _header_words(form)
        for number, page in enumerate(printed[template_id, count].forms[form.sheet], start=1):
            if _top_line(page) <= header:
                wrong += [(form.sheet, number, line) for line in NOT_TABLE if page.has_line(line)]
    assert wrong == []


def _pages(printed: dict[tuple[str, int], Printed], template_id: str, sheet: str) -> list[int]:
    return [len(printed[template_id, count].forms[sheet]) for count in COUNTS]


@pytest.mark.parametrize("template_id", list(SPECS))
def test_page_counts_follow_the_filled_blocks(
    printed: dict[tuple[str, int], Printed], template_id: str
) -> None:
    for sheet in ("SKP", EVALUASI):
        one, two, all_ = _pages(printed, template_id, sheet)
        assert one <= two < all_, (sheet, one, two, all_)
    # Forms without a table print as before, whatever the number of hasil kerja.
    assert _pages(printed, template_id, "Dokumen Evaluasi") == [1, 1, 1]


def test_a_ja_skp_of_two_hasil_kerja_prints_far_fewer_pages_than_the_whole_form(
    printed: dict[tuple[str, int], Printed],
) -> None:
    # The whole form (15 blocks x 4 IKI rows) printed 7 pages: tests/workbook/test_print.py.
    # The table takes two pages (one block does not fit under the identity), PERILAKU two.
    assert len(printed["skp-ja-kuantitatif", 2].forms["SKP"]) <= 4
    # C.1.3 prints its header again under "B. TAMBAHAN" (seed 001), kept with the
    # tambahan block it heads: one page more than the SKP.
    assert len(printed["skp-ja-kuantitatif", 2].forms[EVALUASI]) <= 5


def _ppm_pixels(path: Path) -> Iterator[tuple[int, int, int]]:
    data = path.read_bytes()
    # P6 <width> <height> <maxval>\n then RGB bytes.
    parts = data.split(maxsplit=4)
    assert parts[0] == b"P6"
    body = parts[4]
    for index in range(0, len(body) - 2, 3):
        yield body[index], body[index + 1], body[index + 2]


HELPER_RGB = [tuple(int(c[i : i + 2], 16) for i in (0, 2, 4)) for c in sorted(HELPER_COLOURS)]


@pytest.mark.parametrize("template_id", list(SPECS))
def test_no_helper_fill_is_printed(
    printed: dict[tuple[str, int], Printed], template_id: str, tmp_path: Path
) -> None:
    pdf = printed[template_id, 2].pdf
    prefix = tmp_path / "halaman"
    subprocess.run(["pdftoppm", "-r", "24", str(pdf), str(prefix)], check=True)
    coloured: Counter[tuple[str, tuple[int, ...]]] = Counter()
    for page in sorted(tmp_path.glob("halaman*.ppm")):
        for pixel in _ppm_pixels(page):
            for rgb in HELPER_RGB:
                if all(abs(a - b) <= 3 for a, b in zip(pixel, rgb, strict=True)):
                    coloured[page.name, rgb] += 1
    assert dict(coloured) == {}


# -- the command ------------------------------------------------------------------------------


def test_lines_needed_grows_with_the_text_and_shrinks_with_the_width() -> None:
    text = iki(0, 0)
    assert lines_needed("", 20) == 1
    assert lines_needed("satu dua", 20) == 1
    assert lines_needed(text, 28) > lines_needed(text, 56) > 1
    assert lines_needed(text, 28, bold=True) >= lines_needed(text, 28)
    assert lines_needed("baris\nbaru", 40) == 2


def test_cetak_command_writes_the_pdf_and_leaves_the_workbook_alone(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    spec = SPECS["skp-ja-kuantitatif"]
    assert spec.jenis is not None
    assert spec.pendekatan is not None
    wb = build_workbook(Options(spec.jenis, spec.pendekatan))
    fill(wb, spec, 1)
    source = tmp_path / "skp pegawai.xlsx"
    wb.save(source)
    before = source.read_bytes(), source.stat().st_mtime_ns
    target = tmp_path / "keluaran" / "cetak.pdf"
    target.parent.mkdir()
    result = CliRunner().invoke(app, ["cetak", str(source), "-o", str(target), "--periode", "TW I"])
    assert result.exit_code == 0, result.output
    assert (source.read_bytes(), source.stat().st_mtime_ns) == before
    pages = read_pdf(target)
    assert pages
    assert {page.footer().split()[-1] for page in pages} == {"C.1.3", "Balik", "Evaluasi"}
    assert "Evaluasi TW1" in result.output
    again = CliRunner().invoke(app, ["cetak", str(source), "-o", str(target)])
    assert again.exit_code == 2
    assert "--force" in again.output


def test_cetak_says_how_to_get_libreoffice_when_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = SPECS["skp-ja-kuantitatif"]
    assert spec.jenis is not None
    assert spec.pendekatan is not None
    source = tmp_path / "skp.xlsx"
    build_workbook(Options(spec.jenis, spec.pendekatan)).save(source)
    monkeypatch.setattr(cetak_module, "find_soffice", lambda: None)
    result = CliRunner().invoke(app, ["cetak", str(source)])
    assert result.exit_code == 2
    output = " ".join(result.output.split())
    assert "apt-get install libreoffice-calc" in output
    assert "libreoffice.org" in output
    assert not source.with_suffix(".pdf").exists()


def test_cetak_refuses_a_sheet_the_workbook_lacks(tmp_path: Path) -> None:
    spec = SPECS["skp-ja-kuantitatif"]
    assert spec.jenis is not None
    assert spec.pendekatan is not None
    wb = build_workbook(Options(spec.jenis, spec.pendekatan))
    with pytest.raises(cetak_module.CetakError, match="Sheet 'Lampiran 2' tidak ada"):
        cetak_module.sheets_to_print(wb, {}, lembar=["Lampiran 2"])
    assert cetak_module.sheets_to_print(wb, {}, lembar=[" lampiran"]) == ["Lampiran"]


def picture_file(picture: Picture) -> str:
    """The README picture of a form as ``skp-xl cetak`` prints it."""
    return f"cetak-{picture.file}"


@pytest.mark.parametrize("picture", PICTURE_LIST, ids=picture_file)
def test_pictures_of_the_printed_forms(
    printed: dict[tuple[str, int], Printed], picture: Picture, tmp_path: Path
) -> None:
    """Render the README pictures from the print copies; with SKP_XL_WRITE_PICTURES=1,
    write them to docs/img/ (see docs/print.md)."""
    result = printed[picture.template_id, 0]
    pages = result.forms[picture.sheet]
    shown = next(
        (page for page in pages if picture.showing is None or page.has_line(picture.showing)),
        None,
    )
    assert shown is not None, f"no page of {picture.sheet} shows {picture.showing!r}"
    number = str(result.pages.index(shown) + 1)
    prefix = tmp_path / "gambar"
    pdftoppm = ["pdftoppm", "-png", "-r", str(PICTURE_DPI), "-f", number, "-l", number]
    subprocess.run([*pdftoppm, "-singlefile", str(result.pdf), str(prefix)], check=True)
    png = prefix.with_suffix(".png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) < PICTURE_MAX_BYTES
    target = PICTURES / picture_file(picture)
    if WRITE_PICTURES:
        PICTURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    assert target.exists(), f"{target} is missing: see docs/print.md to write it"
