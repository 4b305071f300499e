"""``validate`` on PermenPANRB 8/2021 workbooks: each rule of 2021 at its cell, and
layouts slightly off (a moved header row, a renamed sheet) as findings, not tracebacks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from skp_xl.domain.findings import Finding
from skp_xl.domain.vocabulary import JenisJabatan
from skp_xl.forms import legacy2021 as f
from skp_xl.validation import check_file, read_file
from tests.legacy.fill2021 import build, fill, table_of
from tests.workbook.fill import named, put, put_named

Change = Callable[[Workbook], tuple[str, str]]


def _findings(
    tmp_path: Path, jenis: JenisJabatan, model: f.Model, change: Change | None = None
) -> tuple[list[Finding], tuple[str, str] | None]:
    wb = build(jenis, model)
    fill(wb, jenis, model)
    where = change(wb) if change else None
    path = tmp_path / "skp.xlsx"
    wb.save(path)
    _, findings = check_file(path, debug=True)
    return findings, where


def _put(table: str, header: str, value: object, block: int = 0, offset: int = 0) -> Change:
    def change(wb: Workbook) -> tuple[str, str]:
        cell = table_of(wb, table).cell(header, block, offset)
        put(wb, cell, value)
        return cell

    return change


def test_a_filled_workbook_reads_into_the_shared_record(tmp_path: Path) -> None:
    wb = build(JenisJabatan.JF, f.Model.PENGEMBANGAN)
    fill(wb, JenisJabatan.JF, f.Model.PENGEMBANGAN)
    wb.save(tmp_path / "skp.xlsx")
    record, findings = read_file(tmp_path / "skp.xlsx")
    assert record is not None
    assert findings == []
    assert record.template_id == "skp2021-jf-pengembangan"
    assert record.regulasi == "8/2021"
    assert record.pegawai.nip.value == "199001012015032001"
    assert record.tahun.value == 2021
    filled = record.hasil_kerja_terisi
    assert [h.rhk.value for h in filled][:2] == [
        "Layanan data terpadu tersedia",
        "Dasbor kinerja terbit",
    ]
    assert [i.aspek.value for i in filled[0].iki if i.terisi] == ["Kuantitas", "Waktu"]
    assert filled[0].iki[0].target_min is not None
    assert filled[0].iki[0].target_min.value == 90
    lampiran = record.lampiran_2021
    assert lampiran is not None
    assert lampiran.pengembangan
    assert [k.value for k in lampiran.rencana[0].kategori][:3] == [
        "Sangat Baik",
        "Baik",
        "Sangat Kurang",
    ]
    assert lampiran.rencana[1].reviu_jenis is not None
    assert lampiran.rencana[1].reviu_jenis.value == "Non-Direct Cascading"
    assert [(v.indeks, v.verifikasi.value) for v in lampiran.verifikasi] == [
        (0, "Terkait"),
        (1, "Tidak Terkait"),
    ]


@pytest.mark.parametrize(
    ("jenis", "model", "change", "code"),
    [
        (
            JenisJabatan.JA,
            f.Model.PENGEMBANGAN,
            _put(f.SKP_2021_TABLE, f.KATEGORI, "Cukup", 1, 0),
            "kategori-2021-tidak-sesuai",
        ),
        (
            JenisJabatan.JA,
            f.Model.PENGEMBANGAN,
            _put(f.SKP_2021_TABLE, f.SUMBER_DATA, None, 1),
            "sumber-data-kosong",
        ),
        (
            JenisJabatan.JA,
            f.Model.DASAR,
            _put(f.REVIU_2021_TABLE, f.JENIS_PENYELARASAN, "Langsung", 0),
            "pilihan-2021-tidak-dikenal",
        ),
        (
            JenisJabatan.JPT,
            f.Model.DASAR,
            _put(f.REVIU_2021_TABLE, f.JENIS_KINERJA_UTAMA, "Direct Cascading", 0),
            "pilihan-2021-tidak-dikenal",
        ),
        (
            JenisJabatan.JF,
            f.Model.DASAR,
            _put(f.VERIFIKASI_AK_TABLE, f.REKOMENDASI, None, 1),
            "verifikasi-ak-tanpa-rekomendasi",
        ),
        (
            JenisJabatan.JF,
            f.Model.DASAR,
            _put(f.VERIFIKASI_AK_TABLE, f.ANGKA_KREDIT, "setengah", 0),
            "angka-kredit-bukan-angka",
        ),
        (
            JenisJabatan.JA,
            f.Model.DASAR,
            _put(f.SKP_2021_TABLE, "ASPEK", "Mutu", 0),
            "aspek-tidak-dikenal",
        ),
        (
            JenisJabatan.JPT,
            f.Model.PENGEMBANGAN,
            _put(f.SKP_2021_TABLE, "PERSPEKTIF", None, 0),
            "perspektif-kosong",
        ),
        (
            JenisJabatan.JPT,
            f.Model.DASAR,
            _put(f.MANUAL_IK_2021_TABLE, f.FORMULA, None, 1),
            "manual-ik-2021-kosong",
        ),
        (
            JenisJabatan.JPT,
            f.Model.PENGEMBANGAN,
            _put(f.MANUAL_IK_2021_TABLE, f.TUJUAN, "  ", f.UTAMA_2021),
            "manual-ik-2021-kosong",
        ),
        (
            JenisJabatan.JPT,
            f.Model.PENGEMBANGAN,
            _put(f.MANUAL_IK_2021_TABLE, f.DESKRIPSI_RENCANA, None, 0),
            "deskripsi-rencana-2021-kosong",
        ),
    ],
)
def test_each_2021_rule_finds_its_tampering_at_the_cell(
    tmp_path: Path, jenis: JenisJabatan, model: f.Model, change: Change, code: str
) -> None:
    findings, where = _findings(tmp_path, jenis, model, change)
    assert where is not None
    found = [(x.sheet, (x.cell or "").split(":")[0]) for x in findings if x.code == code]
    assert found == [where]


def test_the_year_must_be_one_8_2021_applied_to(tmp_path: Path) -> None:
    def year(wb: Workbook) -> tuple[str, str]:
        put_named(wb, {"SKP_TAHUN": 2024})
        return named(wb, "SKP_TAHUN")

    findings, where = _findings(tmp_path, JenisJabatan.JA, f.Model.DASAR, year)
    found = [x for x in findings if x.code == "tahun-tidak-valid"]
    assert [(x.sheet, x.cell) for x in found] == [where]
    assert "2021 dan 2022" in found[0].message


def test_the_pengelola_kinerjas_nip_is_checked_at_its_cell(tmp_path: Path) -> None:
    def nip(wb: Workbook) -> tuple[str, str]:
        put_named(wb, {"REVIU_PENGELOLA_NIP": "19850202201001200"})
        return named(wb, "REVIU_PENGELOLA_NIP")

    findings, where = _findings(tmp_path, JenisJabatan.JA, f.Model.DASAR, nip)
    assert [(x.sheet, x.cell, x.code) for x in findings if x.code.startswith("nip-")] == [
        (*where, "nip-panjang")
    ]


def test_the_6_2022_evaluation_checks_are_not_run_and_say_so(tmp_path: Path) -> None:
    findings, _ = _findings(tmp_path, JenisJabatan.JPT, f.Model.DASAR)
    assert [x.code for x in findings] == ["regulasi-2021"]
    assert "tidak dihitung" in findings[0].message


def test_a_moved_header_row_is_a_finding_at_the_sheet(tmp_path: Path) -> None:
    def move(wb: Workbook) -> tuple[str, str]:
        skp = table_of(wb, f.SKP_2021_TABLE)
        ws = wb[skp.sheet]
        for column in range(1, 10):
            cell = ws.cell(row=skp.header_row, column=column)
            ws.cell(row=skp.bottom + 3, column=column, value=cell.value)
            cell.value = None
        return skp.sheet, ""

    findings, _ = _findings(tmp_path, JenisJabatan.JA, f.Model.DASAR, move)
    lost = [x for x in findings if x.code == "tabel-tidak-ditemukan"]
    assert [(x.sheet, x.field) for x in lost] == [("SKP 2021", f.SKP_2021_TABLE)]
    assert lost[0].cell
    assert "RENCANA KINERJA" in lost[0].message
    assert all(x.path for x in findings)
    assert "galat-internal" not in {x.code for x in findings}


def test_a_sheet_renamed_outside_excel_is_a_finding_naming_it(tmp_path: Path) -> None:
    def rename(wb: Workbook) -> tuple[str, str]:
        wb["SKP 2021"].title = "SKP"  # openpyxl leaves the defined names behind
        return "SKP 2021", ""

    findings, _ = _findings(tmp_path, JenisJabatan.JF, f.Model.PENGEMBANGAN, rename)
    lost = [x for x in findings if x.code == "tabel-tidak-ditemukan"]
    assert [(x.sheet, x.field) for x in lost] == [("SKP 2021", f.SKP_2021_TABLE)]
    assert lost[0].cell
    assert "SKP 2021" in lost[0].message
    assert "galat-internal" not in {x.code for x in findings}
    assert all(x.path for x in findings)


def test_an_unknown_8_2021_template_is_one_finding(tmp_path: Path) -> None:
    wb = build(JenisJabatan.JA, f.Model.DASAR)
    put(wb, named(wb, "META_TEMPLATE_ID"), "skp2021-ja-lanjutan")
    wb.save(tmp_path / "skp.xlsx")
    record, findings = check_file(tmp_path / "skp.xlsx", debug=True)
    assert record is None
    assert [(x.code, x.sheet) for x in findings] == [("templat-tidak-dikenal", "_meta")]


def _manual_row(wb: Workbook, block: int, offset: int = 0) -> tuple[str, str]:
    return table_of(wb, f.MANUAL_IK_2021_TABLE).cell(f.DEFINISI, block, offset)


def test_a_manual_ik_row_is_checked_only_where_the_skp_has_an_iki(tmp_path: Path) -> None:
    def second_iki(wb: Workbook) -> tuple[str, str]:
        skp = table_of(wb, f.SKP_2021_TABLE)
        put(wb, skp.cell("INDIKATOR KINERJA INDIVIDU", 0, 1), "Indeks kepuasan pengguna data")
        return _manual_row(wb, 0, 1)

    findings, where = _findings(tmp_path, JenisJabatan.JPT, f.Model.DASAR, second_iki)
    found = [x for x in findings if x.code == "manual-ik-2021-kosong"]
    # Only the new IKI: the empty rows of the other blocks are no finding.
    assert [(x.sheet, x.cell) for x in found] == [where]
    assert "Indeks kepuasan pengguna data" in found[0].message
    assert all(w in found[0].message for w in ("definisi", "formula", "tujuan", "Manual IK 2021"))


def test_a_jpt_workbook_of_1_2_without_the_manual_still_reads(tmp_path: Path) -> None:
    def old(wb: Workbook) -> tuple[str, str]:
        del wb["Manual IK 2021"]
        del wb.defined_names[f.MANUAL_IK_2021_TABLE]
        put(wb, named(wb, "META_TEMPLATE_VERSION"), "1.2.0")
        return "", ""

    findings, _ = _findings(tmp_path, JenisJabatan.JPT, f.Model.DASAR, old)
    assert [x.code for x in findings] == ["regulasi-2021"]
    record, _ = read_file(tmp_path / "skp.xlsx")
    assert record is not None
    assert record.lampiran_2021 is not None
    assert all(r.deskripsi is None and not r.manual for r in record.lampiran_2021.rencana)


def test_a_jpt_workbook_of_1_3_without_the_manual_is_a_finding(tmp_path: Path) -> None:
    def gone(wb: Workbook) -> tuple[str, str]:
        del wb["Manual IK 2021"]
        del wb.defined_names[f.MANUAL_IK_2021_TABLE]
        return "", ""

    findings, _ = _findings(tmp_path, JenisJabatan.JPT, f.Model.DASAR, gone)
    lost = [x for x in findings if x.code == "tabel-tidak-ditemukan"]
    assert [x.field for x in lost] == [f.MANUAL_IK_2021_TABLE]
    assert "Manual Indikator Kinerja" in lost[0].message
    assert "galat-internal" not in {x.code for x in findings}


def test_ja_and_jf_workbooks_have_no_manual_ik(tmp_path: Path) -> None:
    for jenis in (JenisJabatan.JA, JenisJabatan.JF):
        wb = build(jenis, f.Model.PENGEMBANGAN)
        assert "Manual IK 2021" not in wb.sheetnames
        assert f.MANUAL_IK_2021_TABLE not in wb.defined_names


def test_a_newer_8_2021_template_version_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    def newer(wb: Workbook) -> tuple[str, str]:
        put(wb, named(wb, "META_TEMPLATE_VERSION"), "1.9.0")
        return named(wb, "META_TEMPLATE_VERSION")

    findings, where = _findings(tmp_path, JenisJabatan.JA, f.Model.DASAR, newer)
    found = [x for x in findings if x.code == "templat-versi-lebih-baru"]
    assert [(x.sheet, x.cell) for x in found] == [where]
    assert f.TEMPLATE_VERSION_2021 in found[0].message
