"""Files that are not skp-xl workbooks say what they look like and what to do.

Each kind is made by code as the tool that writes it in an office would (openpyxl for
workbooks typed in Excel, plain text for exports), then goes the user's way: ``skp-xl
validate`` on the file, and ``skp-xl consolidate`` on a folder holding all of them and one
real SKP (the batch goes on).
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Callable
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl
import pytest
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.codes import UNREADABLE
from skp_xl.reader import asing
from skp_xl.reader.asing import Kind

runner = CliRunner()
ROOT = Path(__file__).parents[2]
TEMPLATE = ROOT / "workbook_templates" / "skp-ja-kuantitatif.xlsx"


def _save(path: Path, sheets: dict[str, list[list[object]]]) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)


def make_pp46(path: Path) -> None:
    """An SKP of PP 46/2011: the SKP form, its PENGUKURAN with numeric scores, PENILAIAN."""
    _save(
        path,
        {
            "SKP": [
                ["SASARAN KERJA", None, None, None],
                ["PEGAWAI NEGERI SIPIL", None, None, None],
                ["NO", "KEGIATAN TUGAS JABATAN", "AK", "TARGET KUANT/OUTPUT"],
                [1, "Menyusun laporan keuangan", None, 12],
            ],
            "PENGUKURAN": [
                ["NO", "KEGIATAN", "TARGET", "REALISASI", "PERHITUNGAN", "NILAI CAPAIAN"],
                [1, "Menyusun laporan keuangan", 12, 12, 276, 92],
                [None, "Nilai Capaian SKP", None, None, None, 92],
            ],
            "PENILAIAN": [
                ["UNSUR YANG DINILAI", None, "JUMLAH"],
                ["a. Sasaran Kerja Pegawai (SKP)", 92, 55.2],
                ["b. Perilaku Kerja", "Orientasi Pelayanan", 80],
                ["NILAI PRESTASI KERJA", None, 87.2],
            ],
        },
    )


def make_absensi(path: Path) -> None:
    _save(
        path,
        {
            "Rekap Kehadiran": [
                ["REKAPITULASI KEHADIRAN PEGAWAI BULAN JANUARI 2026"],
                ["NO", "NIP", "NAMA", "HADIR", "TERLAMBAT", "JAM MASUK", "JAM PULANG"],
                [1, "199001012015031001", "Rina Fiktif", 20, 1, "07:30", "16:00"],
            ]
        },
    )


def make_tpp(path: Path) -> None:
    _save(
        path,
        {
            "TPP Januari": [
                ["DAFTAR PEMBAYARAN TAMBAHAN PENGHASILAN PEGAWAI"],
                ["NO", "NIP", "NAMA", "KELAS JABATAN", "JUMLAH"],
                [1, "199001012015031001", "Rina Fiktif", 7, 3_250_000],
            ]
        },
    )


def make_blank(path: Path) -> None:
    _save(path, {"Sheet1": [], "Sheet2": []})


def make_skp_elsewhere(path: Path) -> None:
    _save(
        path,
        {
            "SKP 2026": [
                ["SASARAN KINERJA PEGAWAI"],
                ["PENDEKATAN HASIL KERJA KUANTITATIF"],
                ["NO", "RENCANA HASIL KERJA", "INDIKATOR KINERJA INDIVIDU", "TARGET"],
            ]
        },
    )


def make_other_workbook(path: Path) -> None:
    _save(path, {"Anggaran": [["Kode", "Uraian", "Pagu"], ["5.1", "Belanja", 1000]]})


def make_html_export(path: Path) -> None:
    # What many applications' "Export to Excel" writes: a web page named .xls.
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><table>"
        "<tr><th>NIP</th><th>Nama</th><th>Rencana Hasil Kerja</th></tr>"
        "<tr><td>199001012015031001</td><td>Rina Fiktif</td><td>Laporan</td></tr>"
        "</table></body></html>",
        encoding="utf-8",
    )


def make_html_absensi(path: Path) -> None:
    path.write_text(
        "<html><body><table><tr><td>Daftar Hadir</td></tr><tr><td>NIP</td><td>Jam Masuk"
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )


def make_csv(path: Path) -> None:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows(
        [["NIP", "Nama", "Unit"], ["199001012015031001", "Rina Fiktif", "Bagian Umum"]]
    )
    path.write_text(buffer.getvalue(), encoding="cp1252")


def make_xml_2003(path: Path) -> None:
    path.write_text(
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="Sheet1"/></Workbook>',
        encoding="utf-8",
    )


def make_pdf(path: Path) -> None:
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")


def make_encrypted(path: Path) -> None:
    plain = path.with_suffix(".plain.xlsx")
    make_tpp(plain)
    with path.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(plain.read_bytes())).encrypt("rahasia", out)
    plain.unlink()


Maker = Callable[[Path], None]

# (file name, maker, code, words the message must have: what it looks like, what to do)
KINDS: list[tuple[str, Maker, str, tuple[str, ...]]] = [
    (
        "skp-2015.xlsx",
        make_pp46,
        "bukan-skp-xl",
        ("PP 46/2011", "PermenPANRB 6/2022", "skp-xl new"),
    ),
    ("absensi-januari.xlsx", make_absensi, "bukan-skp-xl", ("daftar hadir", "keluarkan")),
    ("tpp-januari.xlsx", make_tpp, "bukan-skp-xl", ("Tambahan Penghasilan", "keluarkan")),
    ("kosong.xlsx", make_blank, "bukan-skp-xl", ("kosong", "skp-xl new")),
    ("skp-ketik.xlsx", make_skp_elsewhere, "bukan-skp-xl", ("di luar skp-xl", "skp-xl new")),
    ("anggaran.xlsx", make_other_workbook, "bukan-skp-xl", ("'Anggaran'", "skp-xl new")),
    ("ekspor.xls", make_html_export, "berkas-bukan-excel", ("HTML", ".xls", "simpan sebagai")),
    ("hadir.xls", make_html_absensi, "berkas-bukan-excel", ("HTML", "daftar hadir")),
    ("data.xlsx", make_csv, "berkas-bukan-excel", ("CSV", ".xlsx", "simpan sebagai")),
    ("xml2003.xls", make_xml_2003, "berkas-bukan-excel", ("XML 2003", "simpan sebagai")),
    ("cetak.xlsx", make_pdf, "berkas-bukan-excel", ("PDF", "bukan hasil cetaknya")),
    ("rahasia.xlsx", make_encrypted, "berkas-terenkripsi", ("kata sandi",)),
]


@pytest.mark.parametrize(("name", "make", "code", "words"), KINDS, ids=[k[0] for k in KINDS])
def test_validate_names_the_file_what_it_looks_like_and_what_to_do(
    tmp_path: Path, name: str, make: Maker, code: str, words: tuple[str, ...]
) -> None:
    path = tmp_path / name
    make(path)
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 2, result.output
    [entry] = json.loads(result.output)["files"]
    [finding] = entry["findings"]
    assert finding["code"] == code
    message = finding["message"]
    assert name in message
    for word in words:
        assert word.casefold() in message.casefold(), (word, message)
    for jargon in ("META_TEMPLATE_ID", "templat resmi"):
        assert jargon not in message


def test_consolidate_reports_every_kind_and_reads_the_real_skp(tmp_path: Path) -> None:
    agency = tmp_path / "instansi"
    unit = agency / "Bagian Umum"
    unit.mkdir(parents=True)
    for name, make, _, _ in KINDS:
        make(unit / name)
    (unit / "skp-asli.xlsx").write_bytes(TEMPLATE.read_bytes())
    tables = tmp_path / "tabel"
    result = runner.invoke(
        app,
        [
            "consolidate",
            str(agency),
            "-o",
            str(tmp_path / "ringkasan.xlsx"),
            "-j",
            "1",
            "--csv",
            str(tables),
        ],
    )
    assert result.exit_code == 0, result.output
    with (tables / "temuan.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_file = {Path(row["Berkas"]).name: row for row in rows}
    for name, _, code, words in KINDS:
        assert by_file[name]["Kode"] == code, name
        assert all(word.casefold() in by_file[name]["Pesan"].casefold() for word in words)
    # The batch went on: the real (blank) SKP was read, its findings are about its cells.
    asli = {row["Kode"] for row in rows if row["Berkas"].endswith("skp-asli.xlsx")}
    assert "nip-kosong" in asli
    assert not asli & UNREADABLE


@pytest.mark.parametrize(
    ("titles", "texts", "kind"),
    [
        (("SKP", "Pengukuran", "Penilaian"), (), Kind.SKP_PP46),
        (("Sheet1",), ("PENILAIAN PRESTASI KERJA PEGAWAI NEGERI SIPIL",), Kind.SKP_PP46),
        (("Sheet1",), ("SASARAN KINERJA PEGAWAI", "Hasil Kerja"), Kind.SKP_LAIN),
        (("Absen Maret",), (), Kind.ABSENSI),
        (("Sheet1",), ("Daftar Hadir Apel Pagi",), Kind.ABSENSI),
        (("Sheet1",), ("Rekap TPP", "Kehadiran"), Kind.TPP),
        (("Sheet1",), ("Laptop", "Printer"), None),
        (("STEPPA",), (), None),  # "tpp" inside a word is not TPP
    ],
)
def test_classify(titles: tuple[str, ...], texts: tuple[str, ...], kind: Kind | None) -> None:
    assert asing.classify(titles, texts) is kind


def test_random_bytes_are_not_called_text() -> None:
    data = bytearray(random.Random(6).randbytes(4096))
    data[0] = 0xFF
    assert asing.look_at_text(bytes(data), ".xlsx").kind is Kind.LAIN
