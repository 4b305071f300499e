"""Every ribbon action, on a file (FileBook) and "in Excel" (LiveBook over FakeLiveBook).

Workbooks are made by the writer and filled as a user would (tests/workbook/test_print.py).
On a file the tests check the result in the saved workbook; live they check the calls
xlwings would receive, and that every protection lifted is put back.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
import xlwings
from openpyxl import Workbook, load_workbook

from skp_xl.addin import actions, logs, ribbon
from skp_xl.addin import filebook as filebook_module
from skp_xl.addin.book import fill_record, rgb_of_record
from skp_xl.addin.filebook import FileBook
from skp_xl.addin.livebook import NO_WORKBOOK, LiveBook, is_addin
from skp_xl.batch import konsolidasi as konsolidasi_module
from skp_xl.batch.konsolidasi import Opsi
from skp_xl.domain.checks import penilaian_terhitung
from skp_xl.domain.suggestion import saran_rating_hasil_kerja
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodeEvaluasi
from skp_xl.errors import AddinError
from skp_xl.forms import text as t
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.matriks import tim_ketua_name, tim_name
from skp_xl.forms.model import TEMPLATE_VERSION
from skp_xl.reader.names import read_defined_names
from skp_xl.reader.snapshot import CalamineEngine
from skp_xl.settings import SOFFICE_ENV
from skp_xl.validation import read_file, validate_file
from skp_xl.workbook import fill
from skp_xl.workbook.laporan import RECORD_SHEET, TEMUAN_SHEET, clear
from skp_xl.workbook.matriks import MatriksOptions, build_matriks_workbook
from skp_xl.workbook.writer import Options, build_workbook
from tests.addin.fake import FakeLiveBook, activate, select
from tests.libreoffice import LibreOffice, find_soffice
from tests.workbook.test_print import fill as fill_as_user

JA = (JenisJabatan.JA, Pendekatan.KUANTITATIF)
JF_KUALITATIF = (JenisJabatan.JF, Pendekatan.KUALITATIF)
ERROR_RED = (255, 124, 128)
NIP_BAWAHAN = ("199201012019031001", "199305052020122002", "199407072021011003")


def _made(folder: Path, jenis: JenisJabatan, pendekatan: Pendekatan) -> Path:
    wb = build_workbook(Options(jenis, pendekatan))
    fill_as_user(wb, workbook_spec(jenis, pendekatan))
    # Two mistakes a user makes: the NIP left out, a rating typed in a variant spelling.
    fill.put_named(wb, {"PEGAWAI_NIP": None, "EVAL_TW1_RATING_PERILAKU": "sesuai"})
    path = folder / f"skp-{jenis.value}-{pendekatan.value}.xlsx".lower()
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[JenisJabatan, Pendekatan], Path]:
    folder = tmp_path_factory.mktemp("dibuat")
    return {kind: _made(folder, *kind) for kind in (JA, JF_KUALITATIF)}


@pytest.fixture
def skp(made: dict[tuple[JenisJabatan, Pendekatan], Path], tmp_path: Path) -> Path:
    path = tmp_path / "skp.xlsx"
    shutil.copy(made[JA], path)
    return path


@pytest.fixture
def kualitatif(made: dict[tuple[JenisJabatan, Pendekatan], Path], tmp_path: Path) -> Path:
    path = tmp_path / "skp-kualitatif.xlsx"
    shutil.copy(made[JF_KUALITATIF], path)
    return path


@pytest.fixture(autouse=True)
def log_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "log"
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(folder))
    return folder


def located(findings: object) -> list[tuple[str | None, str | None, str]]:
    return sorted((f.sheet, f.cell, f.code) for f in findings)  # type: ignore[attr-defined]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def protection_of(path_or_fake: object) -> dict[str, bool]:
    wb = path_or_fake.xl if isinstance(path_or_fake, FakeLiveBook) else load_workbook(path_or_fake)  # type: ignore[arg-type]
    return {ws.title: bool(ws.protection.sheet) for ws in wb.worksheets}


def cell_of(wb: Workbook, name: str, right: int = 0) -> tuple[str, str]:
    """The cell a defined name points at, or the one ``right`` columns further."""
    sheet, cell = fill.named(wb, name)
    return sheet, wb[sheet][cell].offset(column=right).coordinate


# Periksa -----------------------------------------------------------------------------------------


def test_periksa_on_a_file_marks_what_validate_finds(skp: Path, tmp_path: Path) -> None:
    out = tmp_path / "bertanda.xlsx"
    before = digest(skp)
    hasil = actions.periksa(FileBook.open(skp, output=out))
    expected = validate_file(skp)
    assert located(hasil.temuan) == located(expected.findings)
    assert ("Identitas", "C6", "nip-kosong") in located(hasil.temuan)
    assert digest(skp) == before
    wb = load_workbook(out)
    assert wb.sheetnames[0] == TEMUAN_SHEET
    assert wb[RECORD_SHEET].sheet_state == "hidden"
    assert wb["Identitas"]["C6"].fill.fgColor.rgb == "00FF7C80"
    links = [c.hyperlink.location for c in wb[TEMUAN_SHEET]["C"] if c.hyperlink is not None]
    assert "'Identitas'!C6" in links
    assert "1 galat" in hasil.pesan


def test_periksa_again_after_a_fix_takes_the_old_marks_off(skp: Path) -> None:
    actions.periksa(FileBook.open(skp))
    book = FileBook.open(skp)
    book.write("Identitas", "C6", "199003152015032004")
    hasil = actions.periksa(book)
    assert ("Identitas", "C6", "nip-kosong") not in located(hasil.temuan)
    wb = load_workbook(skp)
    assert wb.sheetnames.count(TEMUAN_SHEET) == 1
    assert wb["Identitas"]["C6"].fill.fill_type is None
    assert wb["Identitas"]["C6"].comment is None


def test_periksa_refuses_a_workbook_that_is_not_an_skp(tmp_path: Path) -> None:
    path = tmp_path / "matriks.xlsx"
    build_matriks_workbook(MatriksOptions()).save(path)
    with pytest.raises(AddinError, match="Matriks Peran Hasil"):
        actions.periksa(FileBook.open(path))


# Saran Rating ------------------------------------------------------------------------------------


def expected_saran(path: Path) -> tuple[str, str]:
    record, _ = read_file(path)
    assert record is not None
    saran = saran_rating_hasil_kerja(
        penilaian_terhitung(record, record.evaluasi[PeriodeEvaluasi.TW1])
    )
    return saran.rating.value, saran.alasan


@pytest.mark.parametrize("which", ["skp", "kualitatif"])
def test_saran_rating_writes_pythons_suggestion_beside_the_formula(
    which: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(which)
    rating, alasan = expected_saran(path)
    hasil = actions.saran_rating(FileBook.open(path))
    wb = load_workbook(path)
    sheet, saran_cell = cell_of(wb, "EVAL_TW1_SARAN_HASIL_KERJA", right=1)
    _, alasan_cell = cell_of(wb, "EVAL_TW1_SARAN_HASIL_KERJA", right=2)
    assert (wb[sheet][saran_cell].value, wb[sheet][alasan_cell].value) == (rating, alasan)
    assert hasil.pesan.startswith(f"Triwulan I: saran {rating}")
    chosen = wb[sheet][cell_of(wb, "EVAL_TW1_RATING_HASIL_KERJA")[1]].value
    assert ("sama" in hasil.pesan) == (chosen == rating)


def test_saran_rating_reports_a_chosen_rating_that_differs(skp: Path) -> None:
    book = FileBook.open(skp)
    sheet, cell = fill.named(book.wb, "EVAL_TW1_RATING_HASIL_KERJA")
    rating, _ = expected_saran(skp)
    other = "Dibawah Ekspektasi" if rating != "Dibawah Ekspektasi" else "Diatas Ekspektasi"
    book.write(sheet, cell, other)
    assert "BERBEDA" in actions.saran_rating(book).pesan


def test_saran_rating_empties_the_helper_cells_of_a_period_without_judgements(skp: Path) -> None:
    book = FileBook.open(skp)
    sheet, cell = cell_of(book.wb, "EVAL_TW2_SARAN_HASIL_KERJA", right=1)
    book.write(sheet, cell, "Diatas Ekspektasi")
    actions.saran_rating(book)
    assert load_workbook(skp)[sheet][cell].value is None


# Tambah Hasil Kerja / Tambah IKI -----------------------------------------------------------------


def inputs(path: Path) -> list[tuple[str, object, list[object]]]:
    record, _ = read_file(path)
    assert record is not None
    return [
        (h.jenis, h.rhk.value, [i.teks.value for i in h.iki if not i.teks.kosong])
        for h in record.hasil_kerja_terisi
    ]


def test_tambah_hasil_kerja_adds_a_utama_block_keeping_every_input(skp: Path) -> None:
    before, findings = inputs(skp), located(validate_file(skp).findings)
    hasil = actions.tambah_hasil_kerja(FileBook.open(skp))
    wb = load_workbook(skp)
    table = fill.table(wb, "SKP_HASIL_KERJA")
    assert (table.utama, table.tambahan, table.rows_per_block) == (11, 5, 4)
    assert fill.table(wb, "EVAL_AKHIR_HASIL_KERJA").utama == 11
    assert fill.table(wb, "UMPAN_BALIK_HASIL_KERJA").utama == 11
    assert inputs(skp) == before
    # The same problems, rows below the SKP table moved down by one block.
    assert {c for _, _, c in located(validate_file(skp).findings)} == {c for *_, c in findings}
    assert all(ws.protection.sheet for ws in wb.worksheets)
    assert wb.security is not None
    assert wb.security.lockStructure
    assert hasil.berkas == (skp,)


def test_the_active_cell_in_the_tambahan_part_adds_a_tambahan_block(skp: Path) -> None:
    book = FileBook.open(skp)
    table = fill.table(book.wb, "SKP_HASIL_KERJA")
    ws = book.wb[table.sheet]
    ws.sheet_view.selection[0].activeCell = f"C{table.blocks[-1]}"
    book.wb.active = ws
    actions.tambah_hasil_kerja(book)
    grown = fill.table(load_workbook(skp), "SKP_HASIL_KERJA")
    assert (grown.utama, grown.tambahan) == (10, 6)


def test_tambah_iki_adds_a_row_to_every_block(skp: Path) -> None:
    before = inputs(skp)
    actions.tambah_iki(FileBook.open(skp))
    wb = load_workbook(skp)
    assert fill.table(wb, "SKP_HASIL_KERJA").rows_per_block == 5
    assert fill.table(wb, "EVAL_TW1_HASIL_KERJA").rows_per_block == 5
    assert fill.table(wb, "UMPAN_BALIK_HASIL_KERJA").rows_per_block == 1
    assert inputs(skp) == before


def test_tambah_iki_on_a_kualitatif_skp_says_why_not(kualitatif: Path) -> None:
    with pytest.raises(AddinError, match="kualitatif tidak memakai baris IKI"):
        actions.tambah_iki(FileBook.open(kualitatif))


def test_a_grown_workbooks_formulas_follow_the_new_rows(
    skp: Path, recalculate: LibreOffice, tmp_path: Path
) -> None:
    actions.tambah_hasil_kerja(FileBook.open(skp), jenis="Utama")
    wb = load_workbook(skp)
    skp_table = fill.table(wb, "SKP_HASIL_KERJA")
    fill.put(wb, skp_table.cell(t.RENCANA_HASIL_KERJA, 10), "Hasil kerja kesebelas")
    path = tmp_path / "tumbuh.xlsx"
    wb.save(path)
    values = recalculate([path])[path].values
    evaluasi = fill.table(wb, "EVAL_TW1_HASIL_KERJA")
    assert fill.value(values, evaluasi.cell(t.RENCANA_HASIL_KERJA, 10)) == "Hasil kerja kesebelas"
    # The first tambahan block moved down one block, its evaluation row with it.
    tambahan = wb[skp_table.sheet][skp_table.cell(t.RENCANA_HASIL_KERJA, 11)[1]].value
    assert tambahan
    assert fill.value(values, evaluasi.cell(t.RENCANA_HASIL_KERJA, 11)) == tambahan
    assert fill.value(values, fill.named(wb, "EVAL_TW1_PREDIKAT")) == "Baik"


# Ekspor PDF --------------------------------------------------------------------------------------


def test_the_forms_to_print_leave_out_guides_and_empty_periods(skp: Path) -> None:
    book = FileBook.open(skp)
    from skp_xl.reader.snapshot import Snapshot

    assert actions.forms_to_print(book, Snapshot(book.label, book)) == [
        "SKP",
        "Lampiran",
        "Umpan Balik",
        "Evaluasi TW1",
        "Dokumen Evaluasi",
    ]


@pytest.mark.libreoffice
def test_ekspor_pdf_prints_the_chosen_forms_with_libreoffice(
    skp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setenv(SOFFICE_ENV, find_soffice(os.environ))
    hasil = actions.ekspor_pdf(FileBook.open(skp), sheets=["SKP", "Lampiran"])
    pdf = skp.with_suffix(".pdf")
    assert hasil.berkas == (pdf,)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    # SKP and Lampiran take a few pages; every form of the workbook would take about 50.
    assert 0 < len(re.findall(rb"/Type\s*/Page\b", content)) < 20


def test_ekspor_pdf_without_libreoffice_says_what_to_do(
    skp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filebook_module, "find_soffice", lambda env=None: None)
    with pytest.raises(AddinError, match="LibreOffice"):
        actions.ekspor_pdf(FileBook.open(skp))


# Buat SKP Bawahan --------------------------------------------------------------------------------


def matriks(folder: Path) -> Path:
    """A leader's matriks: three IKI, three pegawai (one with no role), one team."""
    wb = build_matriks_workbook(
        MatriksOptions(
            identitas={
                "PEGAWAI_NAMA": "Fitri Handayani",
                "PEGAWAI_NIP": "198711022011012003",
                "PEGAWAI_JABATAN": "Kepala Bidang Aplikasi Informatika",
                "PEGAWAI_UNIT_KERJA": "Bidang Aplikasi Informatika",
                "SKP_INSTANSI": "Dinas Komunikasi dan Informatika",
                "SKP_TAHUN": 2026,
            },
            iki=3,
            pegawai=4,
            tim=1,
            anggota=2,
        )
    )
    sheet, area = fill.destination(wb, "MATRIKS_IKI")
    row = int("".join(ch for ch in area.split(":")[0] if ch.isdigit()))
    for index, iki in enumerate(("Layanan daring 95%", "Aplikasi terintegrasi", "Data terbuka")):
        fill.put(wb, (sheet, f"{'DEF'[index]}{row}"), iki)
    people = [
        ("Dimas Aryo", NIP_BAWAHAN[0], "Pranata Komputer Ahli Muda", ["Portal layanan", None, ""]),
        ("Sari Dewi", NIP_BAWAHAN[1], "Pengelola Data", [t.TIDAK_ADA_PERAN, "Integrasi API", None]),
        ("Tono", None, "Pengadministrasi Umum", [t.TIDAK_ADA_PERAN, "N/A", None]),
    ]
    for offset, (nama, nip, jabatan, peran) in enumerate(people):
        line = row + 1 + offset
        for column, value in zip("ABCDEF", (nama, nip, jabatan, *peran), strict=True):
            fill.put(wb, (sheet, f"{column}{line}"), value)
    tim_sheet, ketua = fill.destination(wb, tim_ketua_name(1))
    ketua_row = int("".join(ch for ch in ketua.split(":")[0] if ch.isdigit()))
    for column, value in zip(
        "ABCD", ("Dimas Aryo", NIP_BAWAHAN[0], "Ketua Tim", "Portal v2"), strict=True
    ):
        fill.put(wb, (tim_sheet, f"{column}{ketua_row}"), value)
    _, anggota = fill.destination(wb, tim_name(1))
    anggota_row = int("".join(ch for ch in anggota.split(":")[0] if ch.isdigit()))
    for column, value in zip(
        "ABCD", ("Rudi", NIP_BAWAHAN[2], "Pranata Komputer Terampil", "Modul login"), strict=True
    ):
        fill.put(wb, (tim_sheet, f"{column}{anggota_row}"), value)
    path = folder / "matriks.xlsx"
    wb.save(path)
    return path


def rencana(path: Path) -> list[tuple[object, object]]:
    record, _ = read_file(path)
    assert record is not None
    return [
        (h.rhk_pimpinan.value if h.rhk_pimpinan else None, h.rhk.value)
        for h in record.hasil_kerja_terisi
    ]


def test_buat_skp_bawahan_makes_one_prefilled_skp_per_subordinate(tmp_path: Path) -> None:
    path = matriks(tmp_path)
    hasil = actions.buat_skp_bawahan(FileBook.open(path))
    folder = tmp_path / actions.BAWAHAN_FOLDER
    files = sorted(p.name for p in folder.iterdir())
    assert files == [
        f"SKP 2026 {NIP_BAWAHAN[0]} Dimas Aryo.xlsx",
        f"SKP 2026 {NIP_BAWAHAN[1]} Sari Dewi.xlsx",
        f"SKP 2026 {NIP_BAWAHAN[2]} Rudi.xlsx",
    ]
    dimas = folder / files[0]
    record, _ = read_file(dimas)
    assert record is not None
    assert (record.pegawai.nama.value, record.pegawai.nip.value) == ("Dimas Aryo", NIP_BAWAHAN[0])
    assert record.jenis_jabatan == "JF"
    assert (record.penilai.nama.value, record.penilai.nip.value) == (
        "Fitri Handayani",
        "198711022011012003",
    )
    assert record.instansi.value == "Dinas Komunikasi dan Informatika"
    # The ketua's own rencana hasil kerja on Matriks Tim are his roles on Matriks already.
    assert rencana(dimas) == [("Layanan daring 95%", "Portal layanan")]
    assert rencana(folder / files[1]) == [("Aplikasi terintegrasi", "Integrasi API")]
    assert rencana(folder / files[2]) == [("Portal v2", "Modul login")]
    wb = load_workbook(path)
    listing = wb[actions.BAWAHAN_SHEET]
    assert [c.value for c in listing["B"]][1:] == ["Dimas Aryo", "Sari Dewi", "Rudi"]
    assert listing["G2"].hyperlink.target == f"SKP Bawahan/{files[0]}"
    assert len(hasil.berkas) == 3


def test_buat_skp_bawahan_again_refreshes_without_overwriting(tmp_path: Path) -> None:
    path = matriks(tmp_path)
    actions.buat_skp_bawahan(FileBook.open(path))
    dimas = tmp_path / actions.BAWAHAN_FOLDER / f"SKP 2026 {NIP_BAWAHAN[0]} Dimas Aryo.xlsx"
    wb = load_workbook(dimas)
    table = fill.table(wb, "SKP_HASIL_KERJA")
    fill.put(wb, table.cell(t.RENCANA_HASIL_KERJA, 0), "Portal layanan (disempurnakan)")
    wb.save(dimas)
    book = FileBook.open(path)
    sheet, area = fill.destination(book.wb, "MATRIKS_PEGAWAI")
    book.write(sheet, f"E{int(area.split(':')[0][1:])}", "Aplikasi kepegawaian")
    actions.buat_skp_bawahan(book)
    assert rencana(dimas) == [
        ("Layanan daring 95%", "Portal layanan (disempurnakan)"),
        ("Aplikasi terintegrasi", "Aplikasi kepegawaian"),
    ]
    listing = load_workbook(path)[actions.BAWAHAN_SHEET]
    assert "diperbarui" in str(listing["H2"].value)


def test_buat_skp_bawahan_needs_a_matriks(skp: Path) -> None:
    with pytest.raises(AddinError, match="Matriks Peran Hasil"):
        actions.buat_skp_bawahan(FileBook.open(skp))


# Konsolidasi Folder and Tentang ------------------------------------------------------------------


def agency(root: Path, made: dict[tuple[JenisJabatan, Pendekatan], Path]) -> Path:
    folder = root / "Dinas"
    for unit, kind in (("Bidang A", JA), ("Bidang B", JF_KUALITATIF)):
        (folder / unit).mkdir(parents=True)
        shutil.copy(made[kind], folder / unit / "skp.xlsx")
    return folder


def test_konsolidasi_folder_reads_the_workbooks_folder_and_writes_beside_it(
    made: dict[tuple[JenisJabatan, Pendekatan], Path], tmp_path: Path
) -> None:
    folder = agency(tmp_path, made)
    hasil = actions.konsolidasi_folder(
        FileBook.open(folder / "Bidang A" / "skp.xlsx"), folder=folder, opsi=Opsi(jobs=1)
    )
    [summary] = hasil.berkas
    assert summary.parent == tmp_path
    assert summary.name.startswith("Rekap SKP Dinas ")
    assert "2 berkas dibaca: 2 SKP" in hasil.pesan
    assert load_workbook(summary).sheetnames[0] == "Ringkasan"


def test_konsolidasi_folder_takes_the_folder_from_a_defined_name(
    made: dict[tuple[JenisJabatan, Pendekatan], Path], tmp_path: Path
) -> None:
    folder = agency(tmp_path, made)
    wb = build_matriks_workbook(MatriksOptions())
    from openpyxl.workbook.defined_name import DefinedName

    wb["Petunjuk"]["E1"] = str(folder)
    wb.defined_names[actions.KONSOLIDASI_FOLDER] = DefinedName(
        actions.KONSOLIDASI_FOLDER, attr_text="'Petunjuk'!$E$1"
    )
    elsewhere = tmp_path / "lain"
    elsewhere.mkdir()
    path = elsewhere / "rekap.xlsx"
    wb.save(path)
    output = tmp_path / "rekap-dinas.xlsx"
    hasil = actions.konsolidasi_folder(FileBook.open(path), output=output, opsi=Opsi(jobs=1))
    assert hasil.berkas == (output,)
    assert "2 SKP" in hasil.pesan


def test_tentang_names_the_versions_and_the_log(skp: Path, log_folder: Path) -> None:
    hasil = actions.tentang(FileBook.open(skp))
    assert f"templat skp-ja-kuantitatif versi {TEMPLATE_VERSION}" in hasil.pesan
    assert str(log_folder / logs.LOG_FILE) in hasil.pesan


# The ribbon on a file ----------------------------------------------------------------------------


def test_every_button_has_an_action() -> None:
    assert sorted(ribbon.ACTIONS) == sorted(
        [
            "skpPeriksa",
            "skpSaranRating",
            "skpTambahHasilKerja",
            "skpTambahIki",
            "skpEksporPdf",
            "skpBuatBawahan",
            "skpKonsolidasi",
            "skpTentang",
        ]
    )


def test_dispatch_on_a_file_returns_the_result(skp: Path) -> None:
    hasil = ribbon.dispatch("skpTentang", FileBook.open(skp))
    assert hasil is not None
    assert hasil.judul == "Tentang skp-xl"


def test_dispatch_on_a_file_raises_a_refusal_as_its_message(skp: Path) -> None:
    with pytest.raises(AddinError, match="tidak dikenal") as raised:
        ribbon.dispatch("skpTerbang", FileBook.open(skp))
    assert "Traceback" not in str(raised.value)


def test_a_fault_of_skp_xl_is_a_message_and_its_traceback_is_logged(
    skp: Path, monkeypatch: pytest.MonkeyPatch, log_folder: Path
) -> None:
    def broken(book: object) -> actions.Hasil:
        raise KeyError("tak terduga")

    monkeypatch.setattr(ribbon, "ACTIONS", {**ribbon.ACTIONS, "skpTentang": broken})
    with pytest.raises(AddinError, match="kesalahan skp-xl") as raised:
        ribbon.dispatch("skpTentang", FileBook.open(skp))
    assert str(log_folder / logs.LOG_FILE) in str(raised.value)
    log = (log_folder / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "Traceback" in log
    assert "KeyError: 'tak terduga'" in log


def test_dispatch_outside_excel_without_a_book_says_so() -> None:
    with pytest.raises(AddinError, match="di luar Excel"):
        ribbon.dispatch("skpPeriksa")


# The ribbon in Excel: LiveBook over FakeLiveBook -------------------------------------------------


def live(path: Path, **options: object) -> tuple[FakeLiveBook, LiveBook]:
    fake = FakeLiveBook(path, **options)  # type: ignore[arg-type]
    platform = "darwin" if options.get("mac") else "win32"
    return fake, LiveBook(fake, platform=platform)


def test_live_names_and_merges_are_what_the_file_engine_reads(skp: Path) -> None:
    _, book = live(skp)
    assert dict(book.names()) == read_defined_names(skp)
    table = read_defined_names(skp)["SKP_HASIL_KERJA"]
    expected = [
        m
        for m in CalamineEngine(skp).merged("SKP")
        if m[1] == 1 and table.min_row <= m[0] <= table.max_row
    ]
    assert book.merged("SKP") == sorted(expected)


def test_live_periksa_marks_through_xlwings_and_puts_protection_back(skp: Path) -> None:
    fake, book = live(skp)
    protected = protection_of(fake)
    hasil = ribbon.dispatch("skpPeriksa", book)
    assert hasil is not None
    assert located(hasil.temuan) == located(validate_file(skp).findings)
    calls = fake.calls
    assert ("sheets.add", TEMUAN_SHEET, "Petunjuk", None) in calls
    assert ("sheets.add", RECORD_SHEET, None, "_meta") in calls
    assert ("visible", RECORD_SHEET, False) in calls
    assert ("color", "Identitas", "C6", ERROR_RED) in calls
    [note] = [c for c in fake.calls_of("add_note") if c[1:3] == ("Identitas", "C6")]
    assert note[3].startswith("Galat: NIP pegawai yang dinilai")
    # Each marked sheet was unprotected once and protected again as the writer set it up.
    protects = [c for c in fake.calls_of("Protect") if c[1] == "Identitas"]
    assert protects == [
        (
            "Protect",
            "Identitas",
            {
                "DrawingObjects": False,
                "Contents": True,
                "Scenarios": False,
                "AllowFormattingCells": False,
                "AllowFormattingColumns": True,
                "AllowFormattingRows": True,
                "AllowInsertingColumns": False,
                "AllowInsertingRows": False,
                "AllowInsertingHyperlinks": False,
                "AllowDeletingColumns": False,
                "AllowDeletingRows": False,
                "AllowSorting": False,
                "AllowFiltering": False,
                "AllowUsingPivotTables": False,
            },
        )
    ]
    assert ("Protect", None, {"Structure": True, "Windows": False}) in calls
    assert {k: v for k, v in protection_of(fake).items() if k in protected} == protected
    temuan = fake.xl[TEMUAN_SHEET]
    links = [c.value for c in temuan["C"] if str(c.value).startswith("=HYPERLINK")]
    assert '=HYPERLINK("#\'Identitas\'!C6","C6")' in links
    # Long messages wrap in their column and Excel fits every finding's row to them.
    last = 4 + len(hasil.temuan)
    assert ("wrap_text", TEMUAN_SHEET, f"$F$5:$F${last}", True) in calls
    assert ("rows.autofit", TEMUAN_SHEET, f"$A$5:$F${last}") in calls
    assert all(temuan.cell(row=r, column=6).alignment.wrap_text for r in range(5, last + 1))
    [alert] = fake.calls_of("alert")
    assert alert[2:] == ("skp-xl", "info")
    assert "1 galat" in alert[1]


def test_live_periksa_twice_restores_the_first_runs_marks(skp: Path) -> None:
    fake, book = live(skp)
    ribbon.dispatch("skpPeriksa", book)
    fake.calls.clear()
    ribbon.dispatch("skpPeriksa", book)
    assert ("color", "Identitas", "C6", None) in fake.calls
    assert ("note.delete", "Identitas", "C6") in fake.calls
    assert ("delete", RECORD_SHEET) in fake.calls
    assert ("delete", TEMUAN_SHEET) in fake.calls
    assert fake.xl.sheetnames.count(TEMUAN_SHEET) == 1


def test_marks_made_on_a_file_come_off_live_and_the_other_way(skp: Path, tmp_path: Path) -> None:
    actions.periksa(FileBook.open(skp))
    fake, book = live(skp)
    assert book.clear_annotations() > 0
    assert TEMUAN_SHEET not in fake.xl.sheetnames
    assert fake.xl["Identitas"]["C6"].fill.fill_type is None
    assert fake.xl["Identitas"]["C6"].comment is None

    fresh = tmp_path / "segar.xlsx"
    shutil.copy(skp, fresh)
    clear(wb := load_workbook(fresh))
    wb.save(fresh)
    fake, book = live(fresh)
    ribbon.dispatch("skpPeriksa", book)
    marked = tmp_path / "bertanda-live.xlsx"
    fake.xl.save(marked)
    wb = load_workbook(marked)
    assert clear(wb) > 0
    assert TEMUAN_SHEET not in wb.sheetnames
    assert wb["Identitas"]["C6"].fill.fill_type is None


def test_the_fill_record_is_laporans_format() -> None:
    assert rgb_of_record(fill_record((1, 2, 255))) == (1, 2, 255)
    assert rgb_of_record(fill_record(None)) is None
    assert rgb_of_record("<bukan xml") is None


def test_live_on_macos_lifts_protection_through_appscript_terms(skp: Path) -> None:
    fake, book = live(skp, mac=True)
    protected = protection_of(fake)
    ribbon.dispatch("skpPeriksa", book)
    assert ("color", "Identitas", "C6", ERROR_RED) in fake.calls
    [protect] = [c for c in fake.calls_of("Protect") if c[1] == "Identitas"]
    assert protect[2]["AllowFormattingColumns"] is True
    assert {k: v for k, v in protection_of(fake).items() if k in protected} == protected


def test_live_protection_with_a_password_is_a_message_not_a_traceback(skp: Path) -> None:
    fake, book = live(skp, password=True)
    assert ribbon.dispatch("skpPeriksa", book) is None
    [alert] = fake.calls_of("alert")
    assert "kata sandi" in alert[1]
    assert alert[3] == "critical"


def test_live_saran_rating_writes_beside_the_formula(skp: Path) -> None:
    fake, book = live(skp)
    rating, alasan = expected_saran(skp)
    sheet, saran_cell = cell_of(fake.xl, "EVAL_TW1_SARAN_HASIL_KERJA", right=1)
    _, alasan_cell = cell_of(fake.xl, "EVAL_TW1_SARAN_HASIL_KERJA", right=2)
    ribbon.dispatch("skpSaranRating", book)
    assert ("value", sheet, saran_cell, rating) in fake.calls
    assert ("value", sheet, alasan_cell, alasan) in fake.calls
    assert fake.calls_of("Unprotect")[0] == ("Unprotect", sheet)
    assert fake.xl[sheet].protection.sheet


def test_live_tambah_hasil_kerja_saves_and_opens_the_grown_copy(skp: Path) -> None:
    fake, book = live(skp)
    select(fake, "SKP", "C18")
    ribbon.dispatch("skpTambahHasilKerja", book)
    grown = skp.with_name("skp (baris baru).xlsx")
    assert fake.calls_of("save") == [("save", None)]
    assert ("open", str(grown)) in fake.calls
    assert fill.table(load_workbook(grown), "SKP_HASIL_KERJA").utama == 11
    assert inputs(grown) == inputs(skp)


def test_live_ekspor_pdf_prints_the_print_copy_through_to_pdf(skp: Path) -> None:
    fake, book = live(skp)
    ribbon.dispatch("skpEksporPdf", book)
    chosen = ["SKP", "Lampiran", "Umpan Balik", "Evaluasi TW1", "Dokumen Evaluasi"]
    # Saved first, so the copy carries the values Excel shows; then the copy is opened.
    assert fake.calls_of("save") == [("save", None)]
    [(_, opened)] = fake.calls_of("open")
    assert Path(opened).name == f"{skp.stem} (cetak).xlsx"
    [copy] = fake.app.books.opened
    assert copy.calls_of("to_pdf") == [("to_pdf", str(skp.with_suffix(".pdf")), None)]
    assert copy.calls_of("close") == [("close",)]
    # The copy shows only the chosen forms (the PERILAKU part of a form on a sheet of its
    # own), with the empty hasil kerja blocks hidden.
    visible = [ws.title for ws in copy.xl.worksheets if ws.sheet_state == "visible"]
    assert [title for title in visible if title in chosen] == chosen
    assert set(visible) - set(chosen) <= {f"{title} (2)" for title in chosen}
    skp_table = fill.table(load_workbook(skp), "SKP_HASIL_KERJA")
    assert copy.xl["SKP"].row_dimensions[skp_table.ends[-1]].hidden
    # The workbook in Excel keeps its structure lock: nothing was hidden in it.
    assert fake.xl.security is not None
    assert fake.xl.security.lockStructure


def test_live_buat_skp_bawahan_lists_the_files_with_hyperlink_formulas(tmp_path: Path) -> None:
    fake, book = live(matriks(tmp_path))
    ribbon.dispatch("skpBuatBawahan", book)
    assert ("sheets.add", actions.BAWAHAN_SHEET, "Petunjuk", None) in fake.calls
    listing = fake.xl[actions.BAWAHAN_SHEET]
    assert listing["G2"].value == (
        f'=HYPERLINK("SKP Bawahan/SKP 2026 {NIP_BAWAHAN[0]} Dimas Aryo.xlsx",'
        f'"SKP 2026 {NIP_BAWAHAN[0]} Dimas Aryo.xlsx")'
    )
    assert len(list((tmp_path / actions.BAWAHAN_FOLDER).iterdir())) == 3


def test_live_konsolidasi_opens_the_summary(
    made: dict[tuple[JenisJabatan, Pendekatan], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = agency(tmp_path, made)
    # The action imports Opsi when it runs (a click imports no pandas), so patch its home.
    monkeypatch.setattr(konsolidasi_module, "Opsi", lambda: Opsi(jobs=1))
    fake, book = live(folder / "Bidang A" / "skp.xlsx")
    hasil = ribbon.dispatch("skpKonsolidasi", book)
    assert hasil is not None
    assert fake.calls_of("open") == [("open", str(hasil.berkas[0]))]
    assert hasil.berkas[0].parent == folder


def test_live_tentang_and_an_unknown_button_are_message_boxes(skp: Path) -> None:
    fake, book = live(skp)
    ribbon.dispatch("skpTentang", book)
    ribbon.dispatch("skpTerbang", book)
    [about, unknown] = fake.calls_of("alert")
    assert about[1].startswith("skp-xl ")
    assert about[3] == "info"
    assert "tidak dikenal" in unknown[1]
    assert unknown[3] == "critical"


def test_status_bar_is_handed_back_to_excel(skp: Path) -> None:
    fake, book = live(skp)
    ribbon.dispatch("skpEksporPdf", book)
    assert fake.calls_of("status_bar")[-1] == ("status_bar", False)


# The ribbon pressed in the add-in: the active workbook is the target ----------------------------


def in_excel(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, active: Path | None
) -> tuple[FakeLiveBook, FakeLiveBook | None]:
    """Excel with the add-in loaded, calling Python as xlwings' workbook ``xlwings.bas``
    does: ``xw.Book.caller()`` is ``skp_xl.xlam``; ``active`` is the workbook in front (None:
    no workbook open). Linux takes LiveBook's macOS path (no pywin32): appscript fakes."""
    source = tmp_path / "XLSTART" / "skp_xl.xlsx"
    source.parent.mkdir(exist_ok=True)
    Workbook().save(source)
    addin = FakeLiveBook(source, mac=True, addin=True)
    book = FakeLiveBook(active, mac=True) if active is not None else None
    activate(addin, book)
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: addin))
    return addin, book


def _grown(path: Path) -> tuple[Path, ...]:
    return (path.with_name(f"{path.stem} (baris baru).xlsx"),)


# What each button changed, or read, in the active workbook ``fake`` (at ``path``).
LANDED: dict[str, Callable[[FakeLiveBook, actions.Hasil, Path], bool]] = {
    "skpPeriksa": lambda fake, hasil, path: TEMUAN_SHEET in fake.xl.sheetnames,
    "skpSaranRating": lambda fake, hasil, path: bool(fake.calls_of("value")),
    "skpTambahHasilKerja": lambda fake, hasil, path: (
        fake.calls_of("save") == [("save", None)] and hasil.berkas == _grown(path)
    ),
    "skpTambahIki": lambda fake, hasil, path: (
        fake.calls_of("save") == [("save", None)] and hasil.berkas == _grown(path)
    ),
    "skpEksporPdf": lambda fake, hasil, path: (
        # Excel prints the print copy it opened (see test_live_ekspor_pdf_...).
        [c[1] for copy in fake.app.books.opened for c in copy.calls_of("to_pdf")]
        == [str(path.with_suffix(".pdf"))]
    ),
    "skpBuatBawahan": lambda fake, hasil, path: actions.BAWAHAN_SHEET in fake.xl.sheetnames,
    "skpKonsolidasi": lambda fake, hasil, path: (
        fake.calls_of("open") == [("open", str(hasil.berkas[0]))]
        and hasil.berkas[0].parent == path.parent.parent
    ),
    "skpTentang": lambda fake, hasil, path: "templat skp-ja-kuantitatif versi" in hasil.pesan,
}


def test_every_button_has_a_check_that_it_lands_on_the_active_workbook() -> None:
    assert sorted(LANDED) == sorted(ribbon.ACTIONS)


@pytest.mark.parametrize("control_id", sorted(ribbon.ACTIONS))
def test_a_button_pressed_in_the_addin_acts_on_the_active_workbook(
    control_id: str,
    made: dict[tuple[JenisJabatan, Pendekatan], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if control_id == "skpBuatBawahan":
        path = matriks(tmp_path)
    elif control_id == "skpKonsolidasi":
        path = agency(tmp_path, made) / "Bidang A" / "skp.xlsx"
        monkeypatch.setattr(konsolidasi_module, "Opsi", lambda: Opsi(jobs=1))
    else:
        path = tmp_path / "skp.xlsx"
        shutil.copy(made[JA], path)
    addin, book = in_excel(monkeypatch, tmp_path, path)
    assert book is not None
    hasil = ribbon.dispatch(control_id)
    assert hasil is not None, book.calls_of("alert")
    assert LANDED[control_id](book, hasil, path)
    [alert] = book.calls_of("alert")
    assert alert[3] == "info"
    # The add-in itself is neither read for the result nor changed, nor shows the message.
    assert addin.calls == []


@pytest.mark.parametrize("control_id", sorted(set(ribbon.ACTIONS) - ribbon.WITHOUT_WORKBOOK))
def test_with_no_workbook_open_a_button_says_to_open_one(
    control_id: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, log_folder: Path
) -> None:
    addin, _ = in_excel(monkeypatch, tmp_path, None)
    assert ribbon.dispatch(control_id) is None
    [alert] = addin.calls
    assert alert == ("alert", NO_WORKBOOK, "skp-xl", "critical")
    assert "Buka atau aktifkan dulu buku kerja SKP" in NO_WORKBOOK
    assert "Traceback" not in (log_folder / logs.LOG_FILE).read_text(encoding="utf-8")


def test_with_no_workbook_open_tentang_and_an_unknown_button_still_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    addin, _ = in_excel(monkeypatch, tmp_path, None)
    hasil = ribbon.dispatch("skpTentang")
    assert hasil is not None
    assert "bukan buku kerja skp-xl" in hasil.pesan
    assert ribbon.dispatch("skpTerbang") is None
    [about, unknown] = addin.calls_of("alert")
    assert about[1].startswith("skp-xl ")
    assert about[3] == "info"
    assert "tidak dikenal" in unknown[1]


def test_the_addin_refuses_to_act_on_itself(tmp_path: Path) -> None:
    source = tmp_path / "skp_xl.xlsx"
    Workbook().save(source)
    addin = FakeLiveBook(source, addin=True)
    with pytest.raises(AddinError, match="Buka atau aktifkan") as raised:
        LiveBook.for_button(addin, platform="win32")
    assert "Traceback" not in str(raised.value)
    assert LiveBook.for_button(addin, need_workbook=False, platform="win32").wb is addin


def test_an_active_workbook_that_is_not_an_skp_is_still_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, book = in_excel(monkeypatch, tmp_path, matriks(tmp_path))
    assert book is not None
    assert ribbon.dispatch("skpPeriksa") is None
    [alert] = book.calls_of("alert")
    assert "Matriks Peran Hasil" in alert[1]
    assert alert[3] == "critical"


def test_a_workbook_carrying_the_macros_is_its_own_target(skp: Path, tmp_path: Path) -> None:
    fake = FakeLiveBook(skp)
    other = tmp_path / "lain.xlsx"
    Workbook().save(other)
    fake.app.books.active = FakeLiveBook(other)
    assert LiveBook.for_button(fake, platform="win32").wb is fake


def test_an_addin_is_known_by_its_extension_or_by_isaddin_on_windows() -> None:
    assert is_addin(SimpleNamespace(name="SKP_XL.XLAM"), platform="darwin")
    assert is_addin(SimpleNamespace(name="lama.xla"), platform="win32")
    made_addin = SimpleNamespace(name="alat.xlsm", api=SimpleNamespace(IsAddin=True))
    assert is_addin(made_addin, platform="win32")
    assert not is_addin(made_addin, platform="darwin")
    assert not is_addin(SimpleNamespace(name="skp.xlsx", api=object()), platform="win32")
