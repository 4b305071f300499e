"""Headings, footnotes and signatures of the forms, verbatim from the seeds (issue 12,
part 4), read with openpyxl (no engine).

Seed 001 prints A.1.2, A.1.7 and C.1.3 with a "HASIL KERJA" heading above the table,
"NO." (A.1.7) and "No." (C.1.3), A.1.7's two starred headings with their footnotes, and
the C.1.x headers again under "B. TAMBAHAN"; seed 002 words the Evaluasi JPT kuantitatif
its own way, has only the pejabat penilai sign an evaluation, and prints the period of
the Dokumen Evaluasi as the form's words.
"""

from __future__ import annotations

import pytest
from openpyxl.utils import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms import text as t
from skp_xl.workbook.writer import Options, build_workbook
from tests.workbook.fill import named, table

JA_KUANTITATIF = (JenisJabatan.JA, Pendekatan.KUANTITATIF)
JPT_KUANTITATIF = (JenisJabatan.JPT, Pendekatan.KUANTITATIF)
JA_KUALITATIF = (JenisJabatan.JA, Pendekatan.KUALITATIF)


@pytest.fixture(scope="module")
def books() -> dict[tuple[JenisJabatan, Pendekatan], Workbook]:
    return {
        kind: build_workbook(Options(*kind))
        for kind in (JA_KUANTITATIF, JPT_KUANTITATIF, JA_KUALITATIF)
    }


def _texts(ws: Worksheet) -> list[str]:
    return [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def _row(ws: Worksheet, row: int, first: int = 1, last: int | None = None) -> list[object]:
    last = last or ws.max_column
    return [ws.cell(row, c).value for c in range(first, last + 1) if ws.cell(row, c).value]


def _print_columns(ws: Worksheet) -> int:
    area = str(ws.print_area).split("!")[-1].replace("$", "")
    return range_boundaries(area)[2] or 0


def test_a17_stars_its_headings_and_explains_both(books: dict) -> None:
    ws = books[JA_KUANTITATIF]["SKP"]
    texts = _texts(ws)
    assert t.RENCANA_HASIL_KERJA_PIMPINAN + "*" in texts
    assert t.PERILAKU_KERJA_A17 in texts
    assert t.PERILAKU_KERJA + "*" not in texts
    # Both footnotes, in this order, under the signatures.
    first = next(
        r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == t.CATATAN_DIINTERVENSI
    )
    assert ws.cell(first + 1, 1).value == t.CATATAN_EKSPEKTASI_A17
    assert t.CATATAN_DIINTERVENSI.startswith("*Dalam hal JF mengintervensi")
    assert first <= int(str(ws.print_area).rsplit("$", 1)[-1]) - 1
    # A.1.2 keeps its single star and footnote.
    jpt = _texts(books[JPT_KUANTITATIF]["SKP"])
    assert t.PERILAKU_KERJA + "*" in jpt
    assert t.CATATAN_DIINTERVENSI not in jpt


@pytest.mark.parametrize(
    ("kind", "name", "heading", "nomor"),
    [
        (JA_KUANTITATIF, "SKP_HASIL_KERJA", t.HASIL_KERJA, "NO."),
        (JPT_KUANTITATIF, "SKP_HASIL_KERJA", t.HASIL_KERJA, "NO"),
        (JA_KUANTITATIF, "EVAL_TW1_HASIL_KERJA", t.HASIL_KERJA, "No."),
        (JA_KUANTITATIF, "EVAL_AKHIR_HASIL_KERJA", t.HASIL_KERJA, "No."),
        (JPT_KUANTITATIF, "EVAL_TW2_HASIL_KERJA", "A. HASIL KERJA", "NO"),
    ],
)
def test_hasil_kerja_heading_stands_above_the_table(
    books: dict, kind: tuple[JenisJabatan, Pendekatan], name: str, heading: str, nomor: str
) -> None:
    wb = books[kind]
    tbl = table(wb, name)
    ws = wb[tbl.sheet]
    assert ws.cell(tbl.header_row - 1, 1).value == heading
    assert ws.cell(tbl.header_row, 1).value == nomor


def test_evaluasi_jpt_is_worded_as_seed_002(books: dict) -> None:
    wb = books[JPT_KUANTITATIF]
    tbl = table(wb, "EVAL_TW1_HASIL_KERJA")
    ws = wb[tbl.sheet]
    assert ws["A1"].value == "LAMPIRAN EVALUASI KINERJA PEGAWAI"
    assert t.HASIL_EVALUASI not in _texts(ws)
    assert ws.cell(tbl.top, 1).value == "A. HASIL KERJA UTAMA"
    assert ws.cell(tbl.tambahan_row, 1).value == "B. HASIL KERJA TAMBAHAN"
    assert "REALISASI" in tbl.columns
    assert t.REALISASI not in tbl.columns
    # The JA/JF form keeps the Karawang e-book's words.
    ja = table(books[JA_KUANTITATIF], "EVAL_TW1_HASIL_KERJA")
    assert t.REALISASI in ja.columns
    assert books[JA_KUANTITATIF][ja.sheet].cell(ja.tambahan_row, 1).value == t.TAMBAHAN


def test_c13_repeats_its_header_under_tambahan(books: dict) -> None:
    wb = books[JA_KUANTITATIF]
    for name in ("EVAL_TW1_HASIL_KERJA", "EVAL_AKHIR_HASIL_KERJA"):
        tbl = table(wb, name)
        ws = wb[tbl.sheet]
        width = _print_columns(ws)
        header = _row(ws, tbl.header_row, last=width)
        numbers = _row(ws, tbl.header_row + 1, last=width)
        assert numbers[:2] == ["(1)", "(2)"]
        assert ws.cell(tbl.tambahan_row, 1).value == t.TAMBAHAN
        assert _row(ws, tbl.tambahan_row + 1, last=width) == header
        assert _row(ws, tbl.tambahan_row + 2, last=width) == numbers
        assert tbl.blocks[tbl.utama] == tbl.tambahan_row + 3
        # The repeated "RENCANA HASIL KERJA" is not counted as a hasil kerja.
        number = ws.cell(tbl.blocks[tbl.utama], 1).value
        assert f"${tbl.tambahan_row}" in number
        assert f"${tbl.tambahan_row + 3}:" in number
    # The SKP itself does not repeat it (A.1.7 prints it once).
    skp = table(wb, "SKP_HASIL_KERJA")
    assert skp.blocks[skp.utama] == skp.tambahan_row + 1


def test_c11_prints_the_headers_in_the_tambahan_row(books: dict) -> None:
    wb = books[JA_KUALITATIF]
    tbl = table(wb, "EVAL_TW1_HASIL_KERJA")
    ws = wb[tbl.sheet]
    width = _print_columns(ws)
    assert _row(ws, tbl.tambahan_row, last=width) == [
        t.TAMBAHAN,
        t.REALISASI,
        t.UMPAN_BALIK_BERKELANJUTAN,
    ]
    assert tbl.blocks[tbl.utama] == tbl.tambahan_row + 1


@pytest.mark.parametrize("kind", [JA_KUANTITATIF, JPT_KUANTITATIF, JA_KUALITATIF])
def test_only_the_pejabat_penilai_signs_an_evaluation(
    books: dict, kind: tuple[JenisJabatan, Pendekatan]
) -> None:
    wb = books[kind]
    for sheet in ("Evaluasi TW1", "Evaluasi Akhir"):
        texts = _texts(wb[sheet])
        assert t.PEGAWAI_YANG_DINILAI_TTD not in texts
        assert "Pejabat Penilai," in texts
        assert not any('"(Nama)",PEGAWAI_NAMA' in x for x in texts)
        assert texts[-1] == "*pilih salah satu"
    # The SKP is still signed by both.
    assert t.PEGAWAI_YANG_DINILAI_TTD in _texts(wb["SKP"])


@pytest.mark.parametrize("name", ["DOKUMEN_PERIODE", "UMPAN_BALIK_PERIODE"])
def test_periode_input_is_off_paper_and_printed_in_words(books: dict, name: str) -> None:
    wb = books[JA_KUANTITATIF]
    sheet, coordinate = named(wb, name)
    ws = wb[sheet]
    cell = ws[coordinate]
    assert cell.column > _print_columns(ws)
    assert not cell.protection.locked
    printed = ws.cell(cell.row, 1).value
    assert printed.startswith('="PERIODE: "&')
    assert f"UPPER({coordinate})" in printed
    assert "VLOOKUP" in printed  # the canonical period, not the raw input
