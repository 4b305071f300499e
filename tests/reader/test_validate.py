"""Reading and checking filled workbooks: a clean round trip, and one tampering per check.

The round trip is the user's: ``skp-xl new``, fill every input, save again through
LibreOffice, validate. Tampering tests change one thing and assert the exact
``(sheet, cell, code)`` of the finding it must produce.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from skp_xl.domain.findings import Severity
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms import text as t
from skp_xl.forms.catalog import workbook_spec
from skp_xl.validation import read_file, validate_file
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice
from tests.workbook.fill import named, put, put_named, table
from tests.workbook.test_print import fill

KINDS = [(j, p) for j in JenisJabatan for p in Pendekatan]


@pytest.fixture(scope="module")
def resaved(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[tuple[JenisJabatan, Pendekatan], Path]:
    folder = tmp_path_factory.mktemp("terisi")
    sources = {}
    for jenis, pendekatan in KINDS:
        wb = build_workbook(Options(jenis, pendekatan))
        fill(wb, workbook_spec(jenis, pendekatan))
        path = folder / f"skp-{jenis.value}-{pendekatan.value}.xlsx".lower()
        wb.save(path)
        sources[jenis, pendekatan] = path
    done = recalculate(list(sources.values()))
    return {kind: done[path].path for kind, path in sources.items()}


@pytest.mark.parametrize(("jenis", "pendekatan"), KINDS)
def test_filled_workbook_saved_by_libreoffice_has_no_error(
    resaved: dict[tuple[JenisJabatan, Pendekatan], Path],
    jenis: JenisJabatan,
    pendekatan: Pendekatan,
) -> None:
    report = validate_file(resaved[jenis, pendekatan])
    errors = [(f.sheet, f.cell, f.code, f.message) for f in report.errors()]
    assert errors == []
    record, _ = read_file(resaved[jenis, pendekatan])
    assert record is not None
    assert record.pegawai.nip.value == "199003152015032004"
    assert len(record.hasil_kerja_terisi) >= 2


def test_blank_template_lists_what_is_missing() -> None:
    root = Path(__file__).parents[2]
    report = validate_file(root / "workbook_templates" / "skp-ja-kuantitatif.xlsx")
    found = {(f.sheet, f.cell, f.code) for f in report.findings}
    assert ("Identitas", "C6", "nip-kosong") in found
    assert ("SKP", "C19", "hasil-kerja-utama-kosong") in found
    assert not report.valid


@pytest.fixture
def ja(resaved: dict[tuple[JenisJabatan, Pendekatan], Path]) -> Path:
    return resaved[JenisJabatan.JA, Pendekatan.KUANTITATIF]


def test_a_file_that_is_not_an_skp_workbook_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "lain.xlsx"
    Workbook().save(path)
    report = validate_file(path)
    assert [(f.code, f.severity) for f in report.findings] == [("bukan-skp-xl", Severity.ERROR)]


# -- one tampering per check: change one thing, find it at its cell ------------------------

Change = Callable[[Workbook], tuple[str | None, str | None]]
"""Tampers with a workbook and returns where the finding must be (sheet, cell)."""

KUANTITATIF_JA = (JenisJabatan.JA, Pendekatan.KUANTITATIF)
KUANTITATIF_JPT = (JenisJabatan.JPT, Pendekatan.KUANTITATIF)


def _set(name: str, value: object) -> Change:
    def change(wb: Workbook) -> tuple[str | None, str | None]:
        put_named(wb, {name: value})
        return named(wb, name)

    return change


def _set_cell(table_name: str, header: str, value: object, block: int = 0, row: int = 0) -> Change:
    def change(wb: Workbook) -> tuple[str | None, str | None]:
        cell = table(wb, table_name).cell(header, block, row)
        put(wb, cell, value)
        return cell

    return change


def _same_perspektif(wb: Workbook) -> tuple[str | None, str | None]:
    skp = table(wb, "SKP_HASIL_KERJA")
    for block in range(skp.utama):
        for row in range(skp.rows_per_block):
            cell = skp.cell("PERSPEKTIF", block, row)
            if wb[cell[0]][cell[1]].value:
                put(wb, cell, "Penerima Layanan")
    return skp.sheet, None


def _no_table_name(wb: Workbook) -> tuple[str | None, str | None]:
    del wb.defined_names["SKP_HASIL_KERJA"]
    return None, None


TAMPERINGS: dict[str, tuple[str, tuple[JenisJabatan, Pendekatan], Change]] = {
    "identitas-kosong": ("identitas-kosong", KUANTITATIF_JA, _set("PEGAWAI_NAMA", None)),
    "pangkat-tidak-dikenal": (
        "pangkat-tidak-dikenal",
        KUANTITATIF_JA,
        _set("PEGAWAI_PANGKAT", "Kolonel"),
    ),
    "nip-panjang": ("nip-panjang", KUANTITATIF_JA, _set("PENILAI_NIP", "19800101200501100")),
    "rhk-pimpinan-kosong": (
        "rhk-pimpinan-kosong",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", t.RENCANA_HASIL_KERJA_PIMPINAN + "*", None),
    ),
    "iki-kosong": (
        "iki-kosong",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", t.INDIKATOR_KINERJA_INDIVIDU, None),
    ),
    "target-kosong": (
        "target-kosong",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", "Target (angka)", None),
    ),
    "target-rentang-terbalik": (
        "target-rentang-terbalik",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", "s.d. (angka, bila rentang)", -5),
    ),
    "satuan-kosong": (
        "satuan-kosong",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", "Satuan", None),
    ),
    "label-varian": (
        "label-varian",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", t.ASPEK, "kuantitas"),
    ),
    "aspek-tidak-dikenal": (
        "aspek-tidak-dikenal",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", t.ASPEK, "Keindahan"),
    ),
    "capaian-organisasi-kosong": (
        "capaian-organisasi-kosong",
        KUANTITATIF_JA,
        _set("EVAL_TW1_CAPAIAN_ORGANISASI", None),
    ),
    "realisasi-iki-kosong": (
        "realisasi-iki-kosong",
        KUANTITATIF_JA,
        _set_cell("EVAL_TW1_HASIL_KERJA", "Realisasi (angka)", None),
    ),
    "capaian-iki-tidak-sesuai": (
        "capaian-iki-tidak-sesuai",
        KUANTITATIF_JA,
        _set_cell("EVAL_TW1_HASIL_KERJA", "Capaian IKI", "Diatas Ekspektasi"),
    ),
    "penilaian-tidak-sesuai": (
        "penilaian-tidak-sesuai",
        KUANTITATIF_JA,
        _set_cell("EVAL_TW1_HASIL_KERJA", "Penilaian hasil kerja", "Dibawah Ekspektasi"),
    ),
    "saran-tidak-sesuai": (
        "saran-tidak-sesuai",
        KUANTITATIF_JA,
        _set("EVAL_TW1_SARAN_HASIL_KERJA", "Sangat Kurang"),
    ),
    "kendali-tidak-sesuai": (
        "kendali-tidak-sesuai",
        KUANTITATIF_JPT,
        _set_cell("MANUAL_IKI", t.MANUAL_IKI_FIELDS[6], "Output Kendali Tinggi"),
    ),
    "kendali-kosong": (
        "kendali-kosong",
        KUANTITATIF_JPT,
        _set_cell("MANUAL_IKI", t.MANUAL_IKI_FIELDS[6], None),
    ),
    "perspektif-tidak-lengkap": ("perspektif-tidak-lengkap", KUANTITATIF_JPT, _same_perspektif),
    "tabel-tidak-ditemukan": ("tabel-tidak-ditemukan", KUANTITATIF_JA, _no_table_name),
    "templat-versi-lebih-baru": (
        "templat-versi-lebih-baru",
        KUANTITATIF_JA,
        _set("META_TEMPLATE_VERSION", "1.99.0"),
    ),
    "nip-rusak-excel": ("nip-rusak-excel", KUANTITATIF_JA, _set("PEGAWAI_NIP", 199003152015032000)),
    "nip-penilai-sama": (
        "nip-penilai-sama",
        KUANTITATIF_JA,
        _set("PENILAI_NIP", "199003152015032004"),
    ),
    "rating-kosong": ("rating-kosong", KUANTITATIF_JA, _set("EVAL_TW1_RATING_PERILAKU", None)),
    "label-varian-rating": (
        "label-varian",
        KUANTITATIF_JA,
        _set("EVAL_TW1_RATING_HASIL_KERJA", "di atas ekspektasi"),
    ),
    "predikat-tidak-sesuai": (
        "predikat-tidak-sesuai",
        KUANTITATIF_JA,
        _set("EVAL_TW1_PREDIKAT", "Sangat Kurang"),
    ),
    "target-bukan-angka": (
        "target-bukan-angka",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", "Target (angka)", "dua puluh"),
    ),
    "rencana-hasil-kerja-kosong": (
        "rencana-hasil-kerja-kosong",
        KUANTITATIF_JA,
        _set_cell("SKP_HASIL_KERJA", t.RENCANA_HASIL_KERJA, None),
    ),
    # Issue 12: inputs the workbook's formulas cannot use, and identities never checked.
    "realisasi-bukan-angka": (
        "realisasi-bukan-angka",
        KUANTITATIF_JA,
        _set_cell("EVAL_TW1_HASIL_KERJA", "Realisasi (angka)", "93%"),
    ),
    "realisasi-angka-sebagai-teks": (
        "realisasi-bukan-angka",
        KUANTITATIF_JA,
        _set_cell("EVAL_TW1_HASIL_KERJA", "Realisasi (angka)", "2", row=1),
    ),
    "periode-tidak-dikenal": (
        "periode-tidak-dikenal",
        KUANTITATIF_JA,
        _set("DOKUMEN_PERIODE", "Semester 1"),
    ),
    "periode-dokumen-bukan-siklusnya": (
        "periode-tidak-dikenal",
        KUANTITATIF_JA,
        _set("DOKUMEN_PERIODE", "Maret"),
    ),
    "periode-umpan-balik": (
        "periode-tidak-dikenal",
        KUANTITATIF_JA,
        _set("UMPAN_BALIK_PERIODE", "Semester 2"),
    ),
    "tahun-tidak-valid": ("tahun-tidak-valid", KUANTITATIF_JA, _set("SKP_TAHUN", 2150)),
    "tahun-bukan-angka": ("tahun-tidak-valid", KUANTITATIF_JA, _set("SKP_TAHUN", "2O24")),
    "nip-atasan-pendek": ("nip-panjang", KUANTITATIF_JA, _set("ATASAN_NIP", "12345")),
    "nip-atasan-jpt": ("nip-panjang", KUANTITATIF_JPT, _set("ATASAN_NIP", "12345")),
    "pangkat-atasan": ("pangkat-tidak-dikenal", KUANTITATIF_JA, _set("ATASAN_PANGKAT", "Kolonel")),
    "nip-atasan-sama": (
        "nip-atasan-sama",
        KUANTITATIF_JA,
        _set("ATASAN_NIP", "199003152015032004"),
    ),
}


@pytest.mark.parametrize("case", sorted(TAMPERINGS))
def test_each_check_finds_its_tampering_at_the_cell(
    resaved: dict[tuple[JenisJabatan, Pendekatan], Path], tmp_path: Path, case: str
) -> None:
    code, kind, change = TAMPERINGS[case]
    wb = load_workbook(resaved[kind])
    where = change(wb)
    path = tmp_path / "diubah.xlsx"
    wb.save(path)
    found = [(f.sheet, f.cell, f.code) for f in validate_file(path).findings]
    assert (*where, code) in found
    before = {f.code for f in validate_file(resaved[kind]).findings}
    assert code not in before


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("META_TEMPLATE_ID", "skp-lkh-harian", "templat-tidak-dikenal"),
        ("META_TEMPLATE_VERSION", "2.0.0", "templat-versi-tidak-dikenal"),
    ],
)
def test_a_template_this_version_cannot_read_is_one_finding(
    ja: Path, tmp_path: Path, name: str, value: str, code: str
) -> None:
    wb = load_workbook(ja)
    where = _set(name, value)(wb)
    path = tmp_path / "templat.xlsx"
    wb.save(path)
    assert [(f.sheet, f.cell, f.code) for f in validate_file(path).findings] == [(*where, code)]


def test_a_rating_other_than_the_suggestion_is_a_warning_showing_both(
    ja: Path, tmp_path: Path
) -> None:
    # TW I is judged against TW I's targets: the counts, times and costs are progres
    # (no trajectory target, pro rata off), the percentages are above their annual
    # targets, so every utama hasil kerja is above and the suggestion is Diatas.
    found = {}
    for rating in ("Diatas Ekspektasi", "Sesuai Ekspektasi"):
        wb = load_workbook(ja)
        where = _set("EVAL_TW1_RATING_HASIL_KERJA", rating)(wb)
        path = tmp_path / f"{rating}.xlsx"
        wb.save(path)
        found[rating] = [
            f for f in validate_file(path).findings if f.code == "rating-berbeda-saran"
        ]
    assert found["Diatas Ekspektasi"] == []
    [warning] = found["Sesuai Ekspektasi"]
    assert (warning.sheet, warning.cell, warning.severity) == (*where, Severity.WARNING)
    assert "'Sesuai Ekspektasi'" in warning.message
    assert "'Diatas Ekspektasi'" in warning.message
    # It names what drove the suggestion: the hasil kerja and the IKI, with their cells.
    assert "(realisasi di " in warning.message


def test_a_matriks_peran_hasil_is_named_not_refused() -> None:
    root = Path(__file__).parents[2]
    report = validate_file(root / "workbook_templates" / "matriks-peran-hasil.xlsx")
    assert [(f.code, f.severity) for f in report.findings] == [("bukan-skp-matriks", Severity.INFO)]
    assert report.valid


def test_a_jpt_rated_by_a_minister_needs_no_penilai_nip_or_pangkat(
    resaved: dict[tuple[JenisJabatan, Pendekatan], Path], tmp_path: Path
) -> None:
    wb = load_workbook(resaved[JenisJabatan.JPT, Pendekatan.KUANTITATIF])
    put_named(wb, {"PENILAI_NIP": None, "PENILAI_PANGKAT": None})
    path = tmp_path / "jpt.xlsx"
    wb.save(path)
    fields = {f.field for f in validate_file(path).errors()}
    assert not fields & {"PENILAI_NIP", "PENILAI_PANGKAT"}


def test_a_realisasi_typed_as_text_prints_as_typed_and_is_a_finding_at_its_cell(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    # Pasted or typed in a Text-formatted cell, "93%" stays text: the printed column
    # used to add the unit again ("93%%") and Capaian IKI showed "?" with no finding.
    wb = build_workbook(Options(*KUANTITATIF_JA))
    fill(wb, workbook_spec(*KUANTITATIF_JA))
    skp, evaluasi = table(wb, "SKP_HASIL_KERJA"), table(wb, "EVAL_TW1_HASIL_KERJA")
    put(wb, skp.cell("Satuan", 0, 0), "%")
    angka = evaluasi.cell("Realisasi (angka)", 0, 0)
    put(wb, angka, "93%")
    path = tmp_path / "teks.xlsx"
    wb.save(path)
    done = recalculate([path])[path]
    sheet, cell = evaluasi.cell(t.REALISASI, 0, 0)
    printed = str(done.values[sheet][cell])
    assert printed.split("\n")[0] == "93%"
    [finding] = [f for f in validate_file(done.path).findings if f.code == "realisasi-bukan-angka"]
    assert (finding.sheet, finding.cell) == angka
    assert "ketik angkanya saja: 93" in finding.message


def test_a_percentage_typed_with_its_sign_is_named_with_what_to_type(tmp_path: Path) -> None:
    # Typed "93%" into the number cell, Excel stores 0.93: against 90 % that is far below.
    wb = build_workbook(Options(*KUANTITATIF_JA))
    fill(wb, workbook_spec(*KUANTITATIF_JA))
    skp, evaluasi = table(wb, "SKP_HASIL_KERJA"), table(wb, "EVAL_TW1_HASIL_KERJA")
    put(wb, skp.cell("Satuan", 0, 0), "%")
    put(wb, skp.cell("Target (angka)", 0, 0), 90)
    angka = evaluasi.cell("Realisasi (angka)", 0, 0)
    put(wb, angka, 0.93)
    path = tmp_path / "persen.xlsx"
    wb.save(path)
    [warning] = [f for f in validate_file(path).findings if f.code == "realisasi-persen-pecahan"]
    assert (warning.sheet, warning.cell, warning.severity) == (*angka, Severity.WARNING)
    assert "Ketik 93 saja" in warning.message
    put(wb, angka, 93)
    wb.save(path)
    assert all(f.code != "realisasi-persen-pecahan" for f in validate_file(path).findings)
