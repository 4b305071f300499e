"""The workbook itself, printed without skp-xl (Ctrl+P in Excel or LibreOffice): rows that
show a text copied by formula are tall enough for the longest text the SKP accepts there
(issue 12, part 3; the mechanism is in docs/print.md). Rendered by LibreOffice from the
workbook as saved, not from `skp-xl cetak`'s print copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import range_boundaries

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import MAKS_IKI, MAKS_RHK, MAKS_UKURAN, workbook_spec
from skp_xl.workbook.cetak import HELPER_COLOURS, print_copy
from skp_xl.workbook.fill import named, narasi, put, table
from skp_xl.workbook.kit import TABLE_ROW
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice
from tests.workbook.test_print import Page, Word, read_pdf, require_poppler

_KALIMAT = (
    "Persentase dokumen administrasi kepegawaian yang diverifikasi lengkap dan benar "
    "sebelum diteruskan kepada pejabat pembina kepegawaian untuk ditetapkan"
)
WORDS = tuple(_KALIMAT.split(" "))


def _longest(limit: int, token: str) -> str:
    """Ordinary words up to ``limit`` characters, ending in ``token``."""
    text = ""
    index = 0
    while len(f"{text} {WORDS[index % len(WORDS)]} {token}") <= limit:
        text = f"{text} {WORDS[index % len(WORDS)]}".strip()
        index += 1
    result = f"{text} {token}"
    assert limit - 12 <= len(result) <= limit
    return result


def _word(pages: list[Page], text: str) -> tuple[int, Word]:
    """Where ``text`` prints last: a merged cell that a page break cuts prints its text on
    each part, and the last one must still end inside its rows."""
    found = [(n, w) for n, page in enumerate(pages) for w in page.words if w.text == text]
    assert found, text
    return max(found, key=lambda item: (item[0], item[1].y_min))


def _print_directly(
    wb: Workbook, sheet: str, recalculate: LibreOffice, tmp_path: Path
) -> list[Page]:
    """Print one form as a person would: that sheet alone, with the workbook's own setup."""
    for ws in wb.worksheets:
        if ws.title != sheet:
            ws.sheet_state = "hidden"
            ws.print_area = None
    wb.active = wb.sheetnames.index(sheet)
    path = tmp_path / "ctrl-p.xlsx"
    wb.save(path)
    return read_pdf(recalculate.pdf([path])[path])


def _below(pages: list[Page], page: int, following: tuple[int, Word]) -> float:
    """Where the text of a row may end at the latest: the top of the following row's
    text, or of the footer when that row prints on a later page."""
    if page == following[0]:
        return following[1].y_min
    return min(w.y_min for w in pages[page].words if w.text == "Halaman")


@pytest.mark.libreoffice
def test_a_longest_iki_copied_by_formula_prints_whole_in_the_workbook_itself(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    require_poppler()
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    skp = table(wb, "SKP_HASIL_KERJA")
    put(
        wb,
        skp.cell("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*", 0),
        _longest(MAKS_RHK, "AKHIRPIMPINAN"),
    )
    put(wb, skp.cell("RENCANA HASIL KERJA", 0), _longest(MAKS_RHK, "AKHIRRHK"))
    put(wb, skp.cell("INDIKATOR KINERJA INDIVIDU", 0, 0), _longest(MAKS_IKI, "AKHIRIKI"))
    put(wb, skp.cell("INDIKATOR KINERJA INDIVIDU", 0, 1), "PENANDABARIS2 jumlah dokumen")
    put(wb, skp.cell("RENCANA HASIL KERJA", 1), "PENANDABLOK2 laporan")
    pages = _print_directly(wb, "Evaluasi TW1", recalculate, tmp_path)

    # Every word of the three copied texts prints, and each ends inside its own rows:
    # above the text of the next IKI row and of the next block.
    page_iki, end_iki = _word(pages, "AKHIRIKI")
    assert end_iki.y_max <= _below(pages, page_iki, _word(pages, "PENANDABARIS2"))
    for token in ("AKHIRPIMPINAN", "AKHIRRHK"):
        page, end = _word(pages, token)
        assert end.y_max <= _below(pages, page, _word(pages, "PENANDABLOK2")), token
    printed = [w.text for page in pages for w in page.words]
    for text in (_longest(MAKS_IKI, "AKHIRIKI"), _longest(MAKS_RHK, "AKHIRRHK")):
        assert all(word in printed for word in text.split())


@pytest.mark.libreoffice
def test_a_longest_kualitatif_item_copied_by_formula_prints_whole_in_the_workbook_itself(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    # C.1.1 copies a kualitatif item into one cell: hasil kerja, label, ukuran.
    require_poppler()
    wb = build_workbook(Options(JenisJabatan.JF, Pendekatan.KUALITATIF))
    skp = table(wb, "SKP_HASIL_KERJA")
    hasil, ukuran = narasi(skp, 0)
    texts = (_longest(MAKS_RHK, "AKHIRHASIL"), _longest(MAKS_UKURAN, "AKHIRUKURAN"))
    put(wb, hasil, texts[0])
    put(wb, ukuran, texts[1])
    put(wb, narasi(skp, 1)[0], "PENANDABLOK2 laporan")
    pages = _print_directly(wb, "Evaluasi TW1", recalculate, tmp_path)

    page, end = _word(pages, "AKHIRUKURAN")
    assert end.y_max <= _below(pages, page, _word(pages, "PENANDABLOK2"))
    printed = [w.text for page in pages for w in page.words]
    assert all(word in printed for text in texts for word in text.split())


def test_the_skp_refuses_a_text_longer_than_the_rows_hold() -> None:
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    skp = table(wb, "SKP_HASIL_KERJA")
    ws = wb["SKP"]
    limits = {}
    for header, offset in (
        ("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*", 0),
        ("RENCANA HASIL KERJA", 0),
        ("INDIKATOR KINERJA INDIVIDU", 3),
    ):
        _, coordinate = skp.cell(header, len(skp.blocks) - 1, offset)
        [dv] = [d for d in ws.data_validations.dataValidation if coordinate in d.sqref]
        assert (dv.type, dv.operator, dv.errorStyle) == ("textLength", "lessThanOrEqual", None)
        limits[header] = int(dv.formula1)
    assert limits == {
        "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*": MAKS_RHK,
        "RENCANA HASIL KERJA": MAKS_RHK,
        "INDIKATOR KINERJA INDIVIDU": MAKS_IKI,
    }


def test_the_print_copy_sizes_copied_rows_to_the_text_there_not_to_the_limit() -> None:
    # The compact print stays compact: `skp-xl cetak` brings the rows built for the
    # longest text down to what the text it prints needs.
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    evaluasi = table(wb, "EVAL_TW1_HASIL_KERJA")
    built = {r: wb["Evaluasi TW1"].row_dimensions[r].height for r in evaluasi.rows(0)}
    assert min(built.values()) > TABLE_ROW
    shown = {
        evaluasi.cell(header, 0)[1]: "Laporan kepegawaian"
        for header in ("RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU")
    }
    copy = print_copy(wb, {"Evaluasi TW1": shown}, ["Evaluasi TW1"])
    ws = copy["Evaluasi TW1"]
    assert {ws.row_dimensions[r].height for r in evaluasi.rows(0)} == {TABLE_ROW}


@pytest.mark.parametrize(
    ("jenis", "pendekatan"), [(j, p) for j in JenisJabatan for p in Pendekatan]
)
def test_helper_inputs_and_fills_stay_off_the_printed_area(
    jenis: JenisJabatan, pendekatan: Pendekatan
) -> None:
    # Printed directly, a sheet prints its print area: the helper columns (Target (angka),
    # s.d., Satuan, Arah, Realisasi (angka), Target periode...) and the PERIODE inputs
    # are right of it, and nothing in it carries a helper fill.
    wb = build_workbook(Options(jenis, pendekatan))
    spec = workbook_spec(jenis, pendekatan)
    inside: list[tuple[str, str]] = []
    for form in (*spec.front, *spec.forms, *spec.back):
        ws = wb[form.sheet]
        if not form.cetak or ws.print_area is None:
            continue
        first, top, last, bottom = range_boundaries(str(ws.print_area).split("!")[-1])
        assert last is not None
        if (tabel := form.tabel) is not None:
            located = table(wb, tabel.name)
            helpers = [k for k in tabel.kolom if not k.cetak]
            inside += [(form.sheet, k.judul) for k in helpers if located.column(k.judul) <= last]
        for row in ws.iter_rows(min_row=top, max_row=bottom, min_col=first, max_col=last):
            inside += [
                (form.sheet, cell.coordinate)
                for cell in row
                if cell.fill.fill_type == "solid"
                and str(cell.fill.fgColor.rgb)[-6:] in HELPER_COLOURS
            ]
    for name in ("UMPAN_BALIK_PERIODE", "DOKUMEN_PERIODE"):
        sheet, coordinate = named(wb, name)
        area = str(wb[sheet].print_area).split("!")[-1]
        if wb[sheet][coordinate].column <= range_boundaries(area)[2]:
            inside.append((sheet, name))
    assert inside == []


def test_a_kualitatif_skp_refuses_a_text_longer_than_the_rows_hold() -> None:
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUALITATIF))
    skp = table(wb, "SKP_HASIL_KERJA")
    limits = []
    for _, coordinate in narasi(skp, len(skp.blocks) - 1):
        [dv] = [d for d in wb["SKP"].data_validations.dataValidation if coordinate in d.sqref]
        limits.append((dv.type, dv.operator, int(dv.formula1)))
    assert limits == [
        ("textLength", "lessThanOrEqual", MAKS_RHK),
        ("textLength", "lessThanOrEqual", MAKS_UKURAN),
    ]
