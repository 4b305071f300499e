"""Printing: every form of the six SKP workbooks, exported to PDF by LibreOffice, page by page.

Two workbooks per jenis x pendekatan go into one soffice run:

- filled with long, realistic (fictional) content, as one PDF per form: LibreOffice prints
  every visible sheet into one PDF (and, in 7.4, every *hidden* sheet that keeps a print
  area), so each copy hides the other sheets and drops their print areas. "Halaman 1 dari
  N" then counts that form's pages, as when a user prints one sheet.
- blank, as one PDF of the whole workbook (fewer soffice loads, which cost about 0.3 s
  each): the copy prints the sheet name in the left footer, so each page is attributed to
  its sheet.

Checked for every printed sheet: A4 in the form's orientation, nothing beyond the page
edge, the table's first and last column headers on one page (a form too wide would be
split into a right-hand slice of columns), the footer, the page count, and that blank
forms print no stray "0", error value or TRUE/FALSE.

The pictures in docs/img/ come from these PDFs; rewrite them after a layout change with
``SKP_XL_WRITE_PICTURES=1 .venv/bin/python -m pytest tests/workbook/test_print.py``.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms import text as t
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.model import Form, Judul, Orientation, PeriodeLabel, TandaTangan, WorkbookSpec
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice, is_ci
from tests.workbook.fill import Table, destination, narasi, put, put_named, table

ROOT = Path(__file__).parents[2]
PICTURES = ROOT / "docs" / "img"
WRITE_PICTURES = os.environ.get("SKP_XL_WRITE_PICTURES") == "1"

JPT, KUALITATIF = JenisJabatan.JPT, Pendekatan.KUALITATIF
SPECS = {
    spec.template_id: spec
    for spec in (workbook_spec(j, p) for j in JenisJabatan for p in Pendekatan)
}

A4_POINTS = (595.3, 841.9)
MARGIN_POINTS = 0.4 * 72
"""Left and right page margin the writer sets (0.4 inch)."""
SHEET_TAG = "LEMBAR:"
"""Left footer of the blank whole-workbook copies, followed by the sheet name (``&A``)."""

# Pages per sheet as LibreOffice 7.4 prints them (A4, fit to width, Carlito for Calibri).
# Measured; a deliberate layout change (widths, rows, fonts, margins, blocks) must update
# these numbers, and a change nobody meant shows up here first. The forms that copy the
# SKP's texts by formula have rows sized for the longest text the SKP accepts (MAKS_RHK,
# MAKS_IKI, MAKS_UKURAN; docs/print.md), hence their many pages when printed directly.
PAGES: dict[str, dict[str, int]] = {
    "skp-jpt-kualitatif": {
        "Petunjuk": 1,
        "Identitas": 1,
        "SKP": 3,
        "Lampiran": 1,
        "Manual IKI": 8,
        "Umpan Balik": 8,
        "Evaluasi TW1": 9,
        "Evaluasi TW2": 9,
        "Evaluasi TW3": 9,
        "Evaluasi TW4": 9,
        "Evaluasi Akhir": 9,
        "Dokumen Evaluasi": 1,
    },
    "skp-jpt-kuantitatif": {
        "Petunjuk": 1,
        "Identitas": 1,
        "SKP": 7,
        "Lampiran": 1,
        "Manual IKI": 16,
        "Umpan Balik": 5,
        "Evaluasi TW1": 15,
        "Evaluasi TW2": 15,
        "Evaluasi TW3": 15,
        "Evaluasi TW4": 15,
        "Evaluasi Akhir": 15,
        "Dokumen Evaluasi": 1,
    },
    "skp-ja-kualitatif": {
        "Petunjuk": 1,
        "Identitas": 1,
        "SKP": 3,
        "Lampiran": 1,
        "Umpan Balik": 8,
        "Evaluasi TW1": 8,
        "Evaluasi TW2": 8,
        "Evaluasi TW3": 8,
        "Evaluasi TW4": 8,
        "Evaluasi Akhir": 8,
        "Dokumen Evaluasi": 1,
    },
    "skp-ja-kuantitatif": {
        "Petunjuk": 1,
        "Identitas": 1,
        "SKP": 7,
        "Lampiran": 1,
        "Umpan Balik": 5,
        "Evaluasi TW1": 13,
        "Evaluasi TW2": 13,
        "Evaluasi TW3": 13,
        "Evaluasi TW4": 13,
        "Evaluasi Akhir": 13,
        "Dokumen Evaluasi": 1,
    },
    "skp-jf-kualitatif": {
        "Petunjuk": 1,
        "Identitas": 1,
        "SKP": 3,
        "Lampiran": 1,
        "Umpan Balik": 8,
        "Evaluasi TW1": 8,
        "Evaluasi TW2": 8,
        "Evaluasi TW3": 8,
        "Evaluasi TW4": 8,
        "Evaluasi Akhir": 8,
        "Dokumen Evaluasi": 1,
    },
    "skp-jf-kuantitatif": {
        "Petunjuk": 1,
        "Identitas": 1,
        "SKP": 7,
        "Lampiran": 1,
        "Umpan Balik": 5,
        "Evaluasi TW1": 13,
        "Evaluasi TW2": 13,
        "Evaluasi TW3": 13,
        "Evaluasi TW4": 13,
        "Evaluasi Akhir": 13,
        "Dokumen Evaluasi": 1,
    },
}

# Words no form may print: a formula showing 0 for an empty cell, an error value, a
# boolean (in English or in an Indonesian LibreOffice), the "?" of an unknown rating.
ARTIFACTS = frozenset(
    {
        "0",
        "?",
        "#N/A",
        "#NAME?",
        "#VALUE!",
        "#REF!",
        "#DIV/0!",
        "#NUM!",
        "#NULL!",
        "TRUE",
        "FALSE",
        "BENAR",
        "SALAH",
    }
)
ERROR_PREFIXES = ("#", "Err:")

# Headers of the helper inputs right of the printed forms.
TARGET_MIN = "Target (angka)"
TARGET_MAKS = "s.d. (angka, bila rentang)"
SATUAN = "Satuan"
REALISASI_ANGKA = "Realisasi (angka)"
BUKTI = "Bukti dukung"
PENILAIAN_KUALITATIF = "Penilaian hasil kerja (untuk saran rating)"


@dataclass(frozen=True)
class Picture:
    """A page of a filled form, shown in the README: the first, or the first showing a line."""

    file: str
    template_id: str
    sheet: str
    showing: str | None = None


PICTURE_LIST = (
    Picture("skp-ja-jf-kuantitatif.png", "skp-ja-kuantitatif", "SKP"),
    Picture("skp-jpt-kualitatif.png", "skp-jpt-kualitatif", "SKP"),
    Picture("evaluasi-c13.png", "skp-ja-kuantitatif", "Evaluasi TW1"),
    Picture(
        "evaluasi-c13-predikat.png",
        "skp-ja-kuantitatif",
        "Evaluasi TW1",
        "PREDIKAT KINERJA PEGAWAI*",
    ),
    Picture("dokumen-evaluasi.png", "skp-ja-kuantitatif", "Dokumen Evaluasi"),
    Picture("lampiran.png", "skp-ja-kuantitatif", "Lampiran"),
)
PICTURE_DPI = 80
PICTURE_MAX_BYTES = 200_000


# -- fictional content ----------------------------------------------------------------------

IDENTITAS: dict[str, str | int] = {
    "PEGAWAI_NAMA": "Rina Kartikasari Wulandari, S.Kom., M.T.",
    "PEGAWAI_NIP": "199003152015032004",
    "PEGAWAI_PANGKAT": "Penata, III/c",
    "PEGAWAI_JABATAN": "Pranata Komputer Ahli Muda",
    "PEGAWAI_UNIT_KERJA": "Bidang Aplikasi Informatika, Dinas Komunikasi dan Informatika",
    "PENILAI_NAMA": "Dr. Bambang Hermawan Saputra, S.T., M.Si.",
    "PENILAI_NIP": "197805212003121002",
    "PENILAI_PANGKAT": "Pembina, IV/a",
    "PENILAI_JABATAN": "Kepala Bidang Aplikasi Informatika",
    "PENILAI_UNIT_KERJA": "Dinas Komunikasi dan Informatika",
    "ATASAN_NAMA": "Ir. Sri Handayani Purnamasari, M.M.",
    "ATASAN_NIP": "197001101995032001",
    "ATASAN_PANGKAT": "Pembina Utama Muda, IV/c",
    "ATASAN_JABATAN": "Kepala Dinas Komunikasi dan Informatika",
    "ATASAN_UNIT_KERJA": "Pemerintah Kabupaten Sukamaju",
    "SKP_INSTANSI": "Pemerintah Kabupaten Sukamaju",
    "SKP_TAHUN": 2024,
    "SKP_TEMPAT": "Sukamaju",
}

# Kuantitatif JA/JF: (rencana hasil kerja pimpinan, rencana hasil kerja, IKIs); an IKI is
# (aspek, indikator, target, s.d., satuan, realisasi Triwulan I).
Iki = tuple[str, str, float, float | None, str, float]
RHK_JA_JF: tuple[tuple[str, str, tuple[Iki, ...]], ...] = (
    (
        "Meningkatnya kualitas layanan publik berbasis elektronik di lingkungan Pemerintah "
        "Kabupaten Sukamaju",
        "Tersedianya aplikasi layanan perizinan daring yang terintegrasi dengan sistem "
        "informasi perangkat daerah dan dapat digunakan oleh masyarakat",
        (
            (
                "Kuantitas",
                "Jumlah modul aplikasi layanan perizinan daring yang selesai "
                "dikembangkan, diuji dan dioperasikan",
                6,
                None,
                "modul",
                2,
            ),
            (
                "Kualitas",
                "Persentase modul yang lulus uji penerimaan pengguna tanpa temuan kritis",
                90,
                95,
                "%",
                100,
            ),
            (
                "Waktu",
                "Waktu penyelesaian pengembangan seluruh modul sejak dokumen kebutuhan disetujui",
                10,
                None,
                "bulan",
                3,
            ),
        ),
    ),
    (
        "Meningkatnya keamanan informasi dan keandalan infrastruktur teknologi informasi dan "
        "komunikasi perangkat daerah",
        "Terlaksananya pemeliharaan serta pemantauan keamanan server dan jaringan pusat data "
        "daerah secara berkala",
        (
            (
                "Kuantitas",
                "Jumlah laporan pemantauan keamanan server dan jaringan yang disusun "
                "dan disampaikan kepada pimpinan",
                12,
                None,
                "laporan",
                3,
            ),
            (
                "Kualitas",
                "Persentase ketersediaan (uptime) layanan pusat data daerah",
                99.5,
                None,
                "%",
                99.7,
            ),
            (
                "Waktu",
                "Rata-rata waktu penanganan gangguan layanan sejak laporan diterima",
                4,
                None,
                "jam",
                3.5,
            ),
        ),
    ),
    (
        "Meningkatnya kompetensi aparatur dalam pemanfaatan teknologi informasi untuk "
        "mendukung tata kelola pemerintahan",
        "Terselenggaranya bimbingan teknis pemanfaatan aplikasi perkantoran elektronik bagi "
        "pegawai perangkat daerah",
        (
            (
                "Kuantitas",
                "Jumlah pegawai perangkat daerah yang mengikuti bimbingan teknis",
                150,
                None,
                "orang",
                40,
            ),
            (
                "Kualitas",
                "Persentase peserta dengan nilai pascauji paling rendah kategori baik",
                85,
                None,
                "%",
                88,
            ),
            (
                "Biaya",
                "Realisasi anggaran kegiatan bimbingan teknis",
                45_000_000,
                None,
                "rupiah",
                11_250_000,
            ),
        ),
    ),
)
RHK_TAMBAHAN_JA_JF = (
    "Terwujudnya tata kelola data sektoral yang akuntabel",
    "Tersusunnya rancangan standar operasional prosedur pengelolaan data statistik sektoral",
    (
        (
            "Kuantitas",
            "Jumlah rancangan standar operasional prosedur yang disampaikan kepada pimpinan",
            2,
            None,
            "dokumen",
            1,
        ),
    ),
)

# Kuantitatif JPT: (rencana hasil kerja, IKIs); an IKI is (indikator, target, s.d.,
# satuan, perspektif, realisasi Triwulan I).
IkiJpt = tuple[str, float, float | None, str, str, float]
RHK_JPT: tuple[tuple[str, tuple[IkiJpt, ...]], ...] = (
    (
        "Meningkatnya kualitas penyelenggaraan Sistem Pemerintahan Berbasis Elektronik "
        "(SPBE) Kabupaten Sukamaju",
        (
            (
                "Indeks SPBE Kabupaten Sukamaju hasil evaluasi Kementerian PANRB",
                3.5,
                None,
                "indeks",
                "Penerima Layanan",
                3.2,
            ),
            (
                "Persentase layanan publik yang terintegrasi dalam portal layanan daerah",
                80,
                None,
                "%",
                "Proses Bisnis",
                62,
            ),
            (
                "Persentase pegawai Dinas yang memiliki sertifikat kompetensi teknis bidang "
                "teknologi informasi",
                40,
                None,
                "%",
                "Penguatan Internal",
                25,
            ),
            ("Persentase realisasi anggaran belanja Dinas", 95, 100, "%", "Anggaran", 21),
        ),
    ),
    (
        "Meningkatnya keterbukaan informasi publik dan partisipasi masyarakat melalui kanal "
        "komunikasi daerah",
        (
            (
                "Nilai indeks keterbukaan informasi publik Kabupaten Sukamaju",
                85,
                None,
                "nilai",
                "Penerima Layanan",
                80,
            ),
            (
                "Persentase pengaduan masyarakat yang ditindaklanjuti paling lama 5 hari kerja",
                90,
                None,
                "%",
                "Proses Bisnis",
                93,
            ),
        ),
    ),
)

# Kualitatif: (hasil kerja, ukuran keberhasilan, realisasi Triwulan I).
NARASI: tuple[tuple[str, str, str], ...] = (
    (
        "Terselenggaranya layanan pengaduan masyarakat secara daring yang responsif, "
        "terdokumentasi dan ditindaklanjuti oleh perangkat daerah terkait",
        "Seluruh pengaduan yang masuk melalui kanal daring ditanggapi paling lama 3 hari "
        "kerja, dicatat dalam register pengaduan, dan direkapitulasi setiap bulan; pimpinan "
        "menilai laporan lengkap, akurat dan disampaikan tepat waktu.",
        "Sebanyak 214 pengaduan diterima dan seluruhnya ditanggapi rata-rata dalam 2 hari "
        "kerja; rekapitulasi Januari-Maret disampaikan setiap awal bulan (register "
        "pengaduan TW I).",
    ),
    (
        "Tersusunnya kajian kebutuhan integrasi data kependudukan dengan aplikasi layanan "
        "sosial daerah",
        "Kajian memuat analisis proses bisnis, kebutuhan data dan rekomendasi teknis; "
        "disetujui pimpinan tanpa revisi substansial dan menjadi acuan pengembangan aplikasi "
        "tahun berikutnya.",
        "Draf kajian bab I-III selesai dan telah dipaparkan pada rapat bidang tanggal "
        "20 Maret 2024; masukan pimpinan sedang ditindaklanjuti.",
    ),
    (
        "Terlaksananya pendampingan perangkat daerah dalam pengisian evaluasi mandiri SPBE",
        "Seluruh perangkat daerah yang dijadwalkan menerima pendampingan dan mengisi "
        "evaluasi mandiri sebelum batas waktu, dengan bukti dukung yang memenuhi kriteria "
        "penilaian.",
        "Pendampingan dilaksanakan untuk 12 dari 32 perangkat daerah sesuai jadwal triwulan "
        "I; notulen dan daftar hadir tersedia.",
    ),
)
NARASI_TAMBAHAN = (
    "Menjadi narasumber sosialisasi keamanan informasi bagi operator aplikasi kecamatan",
    "Materi disusun dan disampaikan pada sekurang-kurangnya dua kegiatan sosialisasi; "
    "peserta menilai materi bermanfaat.",
    "Satu kegiatan sosialisasi terlaksana pada Februari 2024 dengan 46 peserta.",
)

EKSPEKTASI = (
    "Menanggapi setiap permintaan layanan dari perangkat daerah paling lama satu hari kerja.",
    "Menyampaikan laporan kemajuan pekerjaan tepat waktu dan sesuai data dukung.",
    "Mengikuti sekurang-kurangnya satu pelatihan keamanan siber dan membagikan hasilnya.",
    "Membangun suasana kerja yang saling menghargai di lingkungan bidang.",
    "Menjaga kerahasiaan data pribadi masyarakat dalam setiap aplikasi yang dikelola.",
    "Terbuka terhadap perubahan teknologi dan mengusulkan perbaikan proses kerja.",
    "Aktif berbagi pengetahuan dengan tim pengembang perangkat daerah lain.",
)
UMPAN_BALIK_PERILAKU = (
    "Permintaan layanan ditanggapi cepat; pertahankan.",
    "Laporan bulanan lengkap dan tepat waktu.",
    "Segera daftarkan diri pada pelatihan keamanan siber semester I.",
    "Kerja sama tim baik.",
    "Tidak ada catatan.",
    "Usulan otomasi laporan sangat membantu.",
    "Perlu lebih aktif dalam forum komunitas pengembang daerah.",
)
LAMPIRAN = {
    "LAMPIRAN_DUKUNGAN": (
        "Akses server pengembangan dan lisensi basis data untuk aplikasi perizinan daring",
        "Dukungan anggaran pelatihan keamanan siber bagi tim pengembang",
        "Penugasan satu orang penguji dari Bidang Persandian pada setiap uji penerimaan",
    ),
    "LAMPIRAN_SKEMA": (
        "Laporan kemajuan bulanan kepada Kepala Bidang Aplikasi Informatika",
        "Paparan hasil pekerjaan pada rapat evaluasi triwulanan Dinas",
    ),
    "LAMPIRAN_KONSEKUENSI": (
        "Apabila ekspektasi terpenuhi: diusulkan mengikuti sertifikasi kompetensi dan menjadi "
        "ketua tim pengembangan tahun berikutnya.",
        "Apabila ekspektasi tidak terpenuhi: mengikuti program pembimbingan oleh pejabat "
        "fungsional senior selama satu triwulan.",
    ),
}
UMPAN_BALIK_HASIL_KERJA = (
    "Capaian sesuai rencana; percepat uji penerimaan modul kedua agar tidak menumpuk pada "
    "triwulan III.",
    "Pertahankan; tambahkan analisis tren gangguan pada laporan berikutnya.",
    "Koordinasikan jadwal dengan BKPSDM agar kuota peserta terpenuhi.",
    "Segera sampaikan rancangan kedua.",
)
MANUAL_IKI = {
    t.MANUAL_IKI_FIELDS[2]: "Mengukur keberhasilan penyelenggaraan program secara menyeluruh",
    t.MANUAL_IKI_FIELDS[3]: "Perbandingan capaian dengan nilai yang ditetapkan dalam dokumen "
    "perencanaan daerah",
    t.MANUAL_IKI_FIELDS[4]: "Realisasi dibagi target dikali 100%",
    t.MANUAL_IKI_FIELDS[6]: "Outcome Antara",
    t.MANUAL_IKI_FIELDS[7]: "Laporan evaluasi tahunan Dinas",
    t.MANUAL_IKI_FIELDS[8]: "Triwulanan",
}
CAPAIAN_UMPAN_BALIK = "Sesuai jadwal; bukti: laporan bulanan Januari-Maret 2024."

CAPAIAN_ORGANISASI_TW1 = "Baik"
RATING_HASIL_KERJA_TW1 = "Diatas Ekspektasi"
RATING_PERILAKU_TW1 = "Sesuai Ekspektasi"
DOKUMEN_CATATAN = (
    "Pertahankan capaian hasil kerja; tingkatkan dokumentasi bukti dukung pada triwulan II."
)


# -- filling the workbook, through defined names and the table headers -------------------


def fill(wb: Workbook, spec: WorkbookSpec) -> None:
    """Type the fictional content above into a generated workbook, as a user would."""
    put_named(wb, dict(IDENTITAS))
    put_named(wb, {f"SKP_EKSPEKTASI_{n}": text for n, text in enumerate(EKSPEKTASI, start=1)})
    for name, lines in LAMPIRAN.items():
        sheet, area = destination(wb, name)
        column, first, _, _ = range_boundaries(area)
        assert column is not None
        assert first is not None
        for offset, line in enumerate(lines):
            put(wb, (sheet, f"{get_column_letter(column)}{first + offset}"), line)
    if spec.pendekatan is KUALITATIF:
        _fill_kualitatif(wb)
    elif spec.jenis is JPT:
        _fill_kuantitatif_jpt(wb)
    else:
        _fill_kuantitatif_ja_jf(wb)
    if spec.jenis is JPT:
        _fill_manual_iki(wb, spec.pendekatan)
    _fill_umpan_balik(wb)
    put_named(
        wb,
        {
            "EVAL_TW1_CAPAIAN_ORGANISASI": CAPAIAN_ORGANISASI_TW1,
            "EVAL_TW1_RATING_HASIL_KERJA": RATING_HASIL_KERJA_TW1,
            "EVAL_TW1_RATING_PERILAKU": RATING_PERILAKU_TW1,
            "DOKUMEN_PERIODE": "Triwulan I",
            "DOKUMEN_CATATAN": DOKUMEN_CATATAN,
        },
    )
    put_named(
        wb,
        {
            f"EVAL_TW1_UMPAN_BALIK_PERILAKU_{n}": text
            for n, text in enumerate(UMPAN_BALIK_PERILAKU, start=1)
        },
    )


def _fill_kuantitatif_ja_jf(wb: Workbook) -> None:
    skp = table(wb, "SKP_HASIL_KERJA")
    evaluasi = table(wb, "EVAL_TW1_HASIL_KERJA")
    for block, (pimpinan, rhk, ikis) in [*enumerate(RHK_JA_JF), (skp.utama, RHK_TAMBAHAN_JA_JF)]:
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA_PIMPINAN + "*", block), pimpinan)
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA, block), rhk)
        for offset, (aspek, indikator, target, maks, satuan, realisasi) in enumerate(ikis):
            put(wb, skp.cell(t.ASPEK, block, offset), aspek)
            put(wb, skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, block, offset), indikator)
            _put_target(wb, skp, block, offset, target, maks, satuan)
            put(wb, evaluasi.cell(REALISASI_ANGKA, block, offset), realisasi)
            put(wb, evaluasi.cell(BUKTI, block, offset), "laporan TW I")
        put(wb, evaluasi.cell(t.UMPAN_BALIK_BERKELANJUTAN, block), _umpan_balik(block))


def _fill_kuantitatif_jpt(wb: Workbook) -> None:
    skp = table(wb, "SKP_HASIL_KERJA")
    evaluasi = table(wb, "EVAL_TW1_HASIL_KERJA")
    for block, (rhk, ikis) in enumerate(RHK_JPT):
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA, block), rhk)
        for offset, (indikator, target, maks, satuan, perspektif, realisasi) in enumerate(ikis):
            put(wb, skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, block, offset), indikator)
            _put_target(wb, skp, block, offset, target, maks, satuan)
            put(wb, skp.cell(t.PERSPEKTIF, block, offset), perspektif)
            put(wb, evaluasi.cell(REALISASI_ANGKA, block, offset), realisasi)
            put(wb, evaluasi.cell(BUKTI, block, offset), "laporan TW I")
        put(wb, evaluasi.cell(t.UMPAN_BALIK_BERKELANJUTAN, block), _umpan_balik(block))


def _put_target(
    wb: Workbook,
    skp: Table,
    block: int,
    offset: int,
    target: float,
    maks: float | None,
    satuan: str,
) -> None:
    put(wb, skp.cell(TARGET_MIN, block, offset), target)
    if maks is not None:
        put(wb, skp.cell(TARGET_MAKS, block, offset), maks)
    put(wb, skp.cell(SATUAN, block, offset), satuan)


def _fill_kualitatif(wb: Workbook) -> None:
    skp = table(wb, "SKP_HASIL_KERJA")
    evaluasi = table(wb, "EVAL_TW1_HASIL_KERJA")
    for block, (hasil_kerja, ukuran, realisasi) in [
        *enumerate(NARASI),
        (skp.utama, NARASI_TAMBAHAN),
    ]:
        hasil_cell, ukuran_cell = narasi(skp, block)
        put(wb, hasil_cell, hasil_kerja)
        put(wb, ukuran_cell, ukuran)
        put(wb, evaluasi.cell(t.REALISASI, block), realisasi)
        put(wb, evaluasi.cell(t.UMPAN_BALIK_BERKELANJUTAN, block), _umpan_balik(block))
        put(wb, evaluasi.cell(PENILAIAN_KUALITATIF, block), "Sesuai Ekspektasi")


def _umpan_balik(block: int) -> str:
    return UMPAN_BALIK_HASIL_KERJA[min(block, len(UMPAN_BALIK_HASIL_KERJA) - 1)]


def _fill_umpan_balik(wb: Workbook) -> None:
    put_named(wb, {"UMPAN_BALIK_PERIODE": "Triwulan I"})
    put_named(
        wb, {f"UMPAN_BALIK_PERILAKU_{n}": text for n, text in enumerate(UMPAN_BALIK_PERILAKU, 1)}
    )
    umpan_balik = table(wb, "UMPAN_BALIK_HASIL_KERJA")
    for block in range(2):
        put(wb, umpan_balik.cell(t.CAPAIAN_DAN_DATA_DUKUNG, block), CAPAIAN_UMPAN_BALIK)
        put(wb, umpan_balik.cell(t.UMPAN_BALIK_BERDASARKAN_BUKTI, block), _umpan_balik(block))


def _fill_manual_iki(wb: Workbook, pendekatan: Pendekatan | None) -> None:
    manual = table(wb, "MANUAL_IKI")
    # The IKI rows the SKP has: one per narrative (kualitatif), else the JPT IKIs.
    if pendekatan is KUALITATIF:
        lines = [(block, 0) for block in range(len(NARASI))]
    else:
        lines = [(b, o) for b, (_, ikis) in enumerate(RHK_JPT) for o in range(len(ikis))]
    for block, offset in lines:
        for header, text in MANUAL_IKI.items():
            put(wb, manual.cell(header, block, offset), text)


# -- the copies LibreOffice prints ---------------------------------------------------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The rewritten workbook.xml keeps the prefixes Excel and openpyxl use.
ET.register_namespace("", _MAIN)
ET.register_namespace("r", _RELATIONSHIPS)


def single_sheet_copies(source: Path, sheets: Sequence[str], folder: Path) -> dict[str, Path]:
    """A copy of ``source`` per sheet in which only that sheet prints.

    The other sheets are hidden and lose their print area (LibreOffice 7.4 prints a hidden
    sheet that has one). Only xl/workbook.xml changes, so the copies are made in the zip
    rather than by saving the workbook with openpyxl again, which took 0.12 s a copy.
    """
    with zipfile.ZipFile(source) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    workbook = next(data for info, data in members if info.filename == "xl/workbook.xml")
    copies = {}
    for sheet in sheets:
        root = ET.fromstring(workbook)
        elements = root.findall(f"{{{_MAIN}}}sheets/{{{_MAIN}}}sheet")
        titles = [element.get("name") for element in elements]
        index = titles.index(sheet)
        for element in elements:
            element.set("state", "visible" if element.get("name") == sheet else "hidden")
        names = root.find(f"{{{_MAIN}}}definedNames")
        assert names is not None
        for name in names.findall(f"{{{_MAIN}}}definedName"):
            local = name.get("localSheetId")
            if name.get("name") == "_xlnm.Print_Area" and local not in (None, str(index)):
                names.remove(name)
        view = root.find(f"{{{_MAIN}}}bookViews/{{{_MAIN}}}workbookView")
        assert view is not None
        view.set("activeTab", str(index))
        view.set("firstSheet", str(index))
        path = folder / f"{source.stem}-{sheet.replace(' ', '-')}.xlsx"
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for info, data in members:
                if info.filename == "xl/workbook.xml":
                    data = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
                archive.writestr(info.filename, data)
        copies[sheet] = path
    return copies


def save_tagged(wb: Workbook, path: Path) -> None:
    """Save ``wb`` with the sheet name printed in the left footer of every page."""
    for ws in wb.worksheets:
        ws.oddFooter.left.text = f"{SHEET_TAG}&A"
        ws.oddFooter.left.size = 6
    wb.save(path)


# -- reading PDFs with poppler ----------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One word of a PDF page with its box in points (origin top left)."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    """One PDF page: its size in points (pdfinfo) and its words (pdftotext -bbox)."""

    width: float
    height: float
    words: tuple[Word, ...]

    @property
    def texts(self) -> set[str]:
        """The distinct words of the page."""
        return {word.text for word in self.words}

    def line_of(self, word: Word) -> list[Word]:
        """The words printed on the same line in the same size as ``word``, left to right."""
        line = [
            w
            for w in self.words
            if abs(w.y_min - word.y_min) < 0.2 and abs(w.y_max - word.y_max) < 0.2
        ]
        return sorted(line, key=lambda w: w.x_min)

    def footer(self) -> str:
        """The footer: the line of the last "Halaman" (and of the sheet tag, if any)."""
        marks = [w for w in self.words if w.text == "Halaman" or w.text.startswith(SHEET_TAG)]
        line: list[Word] = []
        for mark in marks[-2:]:
            line += [w for w in self.line_of(mark) if w not in line]
        return " ".join(w.text for w in sorted(line, key=lambda w: w.x_min))

    def has_line(self, phrase: str) -> bool:
        """Whether ``phrase`` prints as consecutive words of one line."""
        wanted = phrase.split()
        for word in self.words:
            if word.text == wanted[0]:
                texts = [w.text for w in self.line_of(word)]
                for start in range(len(texts) - len(wanted) + 1):
                    if texts[start : start + len(wanted)] == wanted:
                        return True
        return False


_PAGE_SIZE = re.compile(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", re.MULTILINE)
_BBOX_PAGE = re.compile(r"<page width=\"[\d.]+\" height=\"[\d.]+\">(.*?)</page>", re.DOTALL)
_BBOX_WORD = re.compile(
    r"<word xMin=\"([\d.-]+)\" yMin=\"([\d.-]+)\" xMax=\"([\d.-]+)\" yMax=\"([\d.-]+)\">"
    r"(.*?)</word>"
)


def read_pdf(path: Path) -> list[Page]:
    """Each page's size (pdfinfo) and words (pdftotext -bbox)."""
    info = _run(["pdfinfo", "-f", "1", "-l", "100000", str(path)])
    sizes = [(float(w), float(h)) for w, h in _PAGE_SIZE.findall(info)]
    bbox = _run(["pdftotext", "-bbox", str(path), "-"])
    pages = []
    for (width, height), body in zip(sizes, _BBOX_PAGE.findall(bbox), strict=True):
        words = tuple(
            Word(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _BBOX_WORD.findall(body)
        )
        pages.append(Page(width, height, words))
    return pages


def _run(command: list[str]) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


_FOOTER = re.compile(rf"^(?:{SHEET_TAG}(?P<sheet>.*?) )?Halaman (?P<page>\d+) dari (?P<of>\d+)")


def split_by_sheet(pages: Sequence[Page]) -> dict[str, list[Page]]:
    """The pages of a tagged whole-workbook PDF, by the sheet named in their footer."""
    sheets: dict[str, list[Page]] = {}
    for page in pages:
        match = _FOOTER.search(page.footer())
        assert match is not None, f"no page number in the footer: {page.footer()!r}"
        assert match["sheet"], f"no sheet name in the footer: {page.footer()!r}"
        sheets.setdefault(match["sheet"], []).append(page)
    return sheets


# -- the one soffice run ----------------------------------------------------------------------


@dataclass
class Printout:
    """What the soffice run printed, read back.

    Attributes:
        filled: (template id, sheet) -> the pages of that form's own PDF, filled in.
        blank: (template id, sheet) -> that sheet's pages in the blank whole-workbook PDF.
        blank_whole: Template id -> every page of the blank whole-workbook PDF.
        pdfs: (template id, sheet) -> the filled form's PDF.
    """

    filled: dict[tuple[str, str], list[Page]] = field(default_factory=dict)
    blank: dict[tuple[str, str], list[Page]] = field(default_factory=dict)
    blank_whole: dict[str, list[Page]] = field(default_factory=dict)
    pdfs: dict[tuple[str, str], Path] = field(default_factory=dict)


POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


def require_poppler() -> None:
    """Skip without poppler's tools (pdfinfo, pdftotext, pdftoppm); fail when CI is set."""
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        message = f"{', '.join(missing)} not on PATH; install poppler-utils"
        if is_ci(os.environ):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


@pytest.fixture(scope="module")
def printout(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> Printout:
    """Every copy printed in one soffice run, read back with poppler."""
    require_poppler()
    folder = tmp_path_factory.mktemp("print")
    jobs: dict[Path, tuple[str, str | None]] = {}  # copy -> (template id, sheet or None)
    for template_id, spec in SPECS.items():
        assert spec.jenis is not None
        assert spec.pendekatan is not None
        blank = build_workbook(Options(spec.jenis, spec.pendekatan))
        path = folder / f"{template_id}-kosong.xlsx"
        save_tagged(blank, path)
        jobs[path] = (template_id, None)
        filled = build_workbook(Options(spec.jenis, spec.pendekatan))
        fill(filled, spec)
        path = folder / f"{template_id}-isi.xlsx"
        filled.save(path)
        sheets = [form.sheet for form in spec.forms]
        for sheet, copy in single_sheet_copies(path, sheets, folder).items():
            jobs[copy] = (template_id, sheet)
    result = Printout()
    for source, pdf in recalculate.pdf(list(jobs)).items():
        template_id, only = jobs[source]
        pages = read_pdf(pdf)
        if only is not None:
            result.filled[template_id, only] = pages
            result.pdfs[template_id, only] = pdf
        else:
            result.blank_whole[template_id] = pages
            for title, sheet_pages in split_by_sheet(pages).items():
                result.blank[template_id, title] = sheet_pages
    return result


# -- what each form must print ----------------------------------------------------------------


def _form(template_id: str, sheet: str) -> Form | None:
    return next((form for form in SPECS[template_id].forms if form.sheet == sheet), None)


def _orientation(template_id: str, sheet: str) -> Orientation:
    form = _form(template_id, sheet)
    # Petunjuk and Identitas are not official forms; they print portrait.
    return form.orientasi if form is not None else Orientation.PORTRAIT


def _footer_code(form: Form) -> str:
    return f"Format {form.kode}" if "." in form.kode else form.kode


def _header_words(form: Form) -> tuple[list[str], list[str]] | None:
    """Words of the first and the last printed column header of the form's table."""
    table = form.tabel
    if table is None:
        return None
    if table.narasi:  # one "HASIL KERJA" header across the table
        return t.HASIL_KERJA.split(), t.HASIL_KERJA.split()
    printed = [kolom for kolom in table.kolom if kolom.cetak]
    return printed[0].judul.split(), printed[-1].judul.split()


def _pages(printout: Printout, template_id: str) -> Iterator[tuple[str, str, list[Page]]]:
    """("isi" or "kosong", sheet, pages) of every printed sheet of a template."""
    for (key, sheet), pages in sorted(printout.filled.items()):
        if key == template_id:
            yield "isi", sheet, pages
    for (key, sheet), pages in sorted(printout.blank.items()):
        if key == template_id:
            yield "kosong", sheet, pages


def _outside(page: Page) -> list[str]:
    """Words printed beyond the left or right margin."""
    margin = MARGIN_POINTS - 2
    return [w.text for w in page.words if w.x_min < margin or w.x_max > page.width - margin]


def overlaps(page: Page) -> list[tuple[str, str]]:
    """Pairs of words printed over each other: text running out of its cell."""
    found = []
    words = sorted(page.words, key=lambda w: w.y_min)
    for index, word in enumerate(words):
        for other in words[index + 1 :]:
            if other.y_min >= word.y_max:
                break
            # Lines of one paragraph touch; text over text overlaps by half a line or more.
            vertical = min(word.y_max, other.y_max) - other.y_min
            shorter = min(word.y_max - word.y_min, other.y_max - other.y_min)
            horizontal = min(word.x_max, other.x_max) - max(word.x_min, other.x_min)
            if vertical > shorter / 2 and horizontal > 1:
                found.append((word.text, other.text))
    return found


TEMPLATE_IDS = list(SPECS)


def forms_of(template_id: str) -> list[Form]:
    """The official forms of a template, in workbook order."""
    return list(SPECS[template_id].forms)


# -- tests ------------------------------------------------------------------------------------


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_sheet_prints_on_a4_in_its_orientation(printout: Printout, template_id: str) -> None:
    wrong = []
    for kind, sheet, pages in _pages(printout, template_id):
        portrait = _orientation(template_id, sheet) is Orientation.PORTRAIT
        width, height = A4_POINTS if portrait else A4_POINTS[::-1]
        assert pages, f"{template_id} {sheet} ({kind}) printed no page"
        for number, page in enumerate(pages, start=1):
            if abs(page.width - width) > 1 or abs(page.height - height) > 1:
                wrong.append((kind, sheet, number, round(page.width), round(page.height)))
    assert wrong == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_every_sheet_fits_the_page_width(printout: Printout, template_id: str) -> None:
    """Nothing beyond the margins, and no right-hand slice of columns on its own page.

    A form wider than the page would be split: LibreOffice prints the left columns of
    every row first, then the right ones. Every page from the table's header on repeats
    it (print title rows), so each must show both the first and the last column header.
    """
    outside: list[object] = []
    split: list[object] = []
    for kind, sheet, pages in _pages(printout, template_id):
        for number, page in enumerate(pages, start=1):
            if words := _outside(page):
                outside.append((kind, sheet, number, words[:5]))
        form = _form(template_id, sheet)
        headers = _header_words(form) if form is not None else None
        if headers is None:
            continue
        first, last = headers
        start = next((n for n, page in enumerate(pages) if set(first + last) <= page.texts), None)
        if start is None:
            split.append((kind, sheet, "no page with both headers"))
            continue
        for number, page in enumerate(pages[start:], start=start + 1):
            if not set(first + last) <= page.texts:
                split.append((kind, sheet, number))
    assert outside == []
    assert split == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_page_count_of_every_sheet_is_pinned(printout: Printout, template_id: str) -> None:
    blank = {
        sheet: len(pages) for (key, sheet), pages in printout.blank.items() if key == template_id
    }
    filled = {
        sheet: len(pages) for (key, sheet), pages in printout.filled.items() if key == template_id
    }
    assert blank == PAGES[template_id], f"measured: {blank}"
    # The filled forms print as many pages: LibreOffice does not grow a row to fit the
    # text typed into it by a program (see test_blank_forms_print_no_text_over_other_text).
    assert filled == {form.sheet: PAGES[template_id][form.sheet] for form in forms_of(template_id)}


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_footer_numbers_the_pages_of_each_form(printout: Printout, template_id: str) -> None:
    wrong = []
    for form in forms_of(template_id):
        pages = printout.filled[template_id, form.sheet]
        for number, page in enumerate(pages, start=1):
            expected = f"Halaman {number} dari {len(pages)} {_footer_code(form)}"
            if page.footer() != expected:
                wrong.append((form.sheet, number, page.footer()))
    # A whole-workbook print numbers its pages across the sheets.
    whole = printout.blank_whole[template_id]
    for number, page in enumerate(whole, start=1):
        match = _FOOTER.search(page.footer())
        if match is None or (int(match["page"]), int(match["of"])) != (number, len(whole)):
            wrong.append(("(buku kerja)", number, page.footer()))
    assert wrong == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_each_single_form_pdf_holds_only_that_form(printout: Printout, template_id: str) -> None:
    wrong = []
    for form in forms_of(template_id):
        pages = printout.filled[template_id, form.sheet]
        title = next(block for block in form.blok if isinstance(block, Judul)).baris[0]
        if not pages[0].has_line(title):
            wrong.append((form.sheet, "title", title))
        periode = next((b.periode for b in form.blok if isinstance(b, PeriodeLabel)), None)
        if periode is not None and not pages[0].has_line(f"PERIODE: {periode.value.upper()}"):
            wrong.append((form.sheet, "periode", periode.value))
    assert wrong == []


def _artifacts(printed: dict[tuple[str, str], list[Page]], template_id: str) -> list[object]:
    return [
        (sheet, number, word.text)
        for (key, sheet), pages in sorted(printed.items())
        if key == template_id
        for number, page in enumerate(pages, start=1)
        for word in page.words
        if word.text in ARTIFACTS or word.text.startswith(ERROR_PREFIXES)
    ]


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_blank_forms_print_no_zero_error_or_boolean(printout: Printout, template_id: str) -> None:
    assert _artifacts(printout.blank, template_id) == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_filled_forms_print_no_error_or_boolean(printout: Printout, template_id: str) -> None:
    assert _artifacts(printout.filled, template_id) == []


def test_filled_evaluation_prints_the_predikat(printout: Printout) -> None:
    evaluasi = printout.filled["skp-ja-kuantitatif", "Evaluasi TW1"]
    dokumen = printout.filled["skp-ja-kuantitatif", "Dokumen Evaluasi"]
    # Diatas (hasil kerja) x Sesuai (perilaku) = Baik, on the form and in the document.
    assert any(page.has_line(f"{t.PREDIKAT_KINERJA_PEGAWAI}* Baik") for page in evaluasi)
    assert dokumen[0].has_line(f"{t.PREDIKAT_KINERJA_PEGAWAI} : Baik")


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_blank_forms_print_no_text_over_other_text(printout: Printout, template_id: str) -> None:
    found = [
        (sheet, number, pairs[:3])
        for (key, sheet), pages in sorted(printout.blank.items())
        if key == template_id
        for number, page in enumerate(pages, start=1)
        if (pairs := overlaps(page))
    ]
    assert found == []


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_signatories_print_side_by_side(printout: Printout, template_id: str) -> None:
    both = f"{t.PEGAWAI_YANG_DINILAI_TTD} {t.PEJABAT_PENILAI_TTD}"
    wrong = []
    for form in forms_of(template_id):
        block = next((b for b in form.blok if isinstance(b, TandaTangan)), None)
        if block is None:
            continue
        pages = printout.filled[template_id, form.sheet]
        if block.kiri is None:
            # An evaluation is signed by the pejabat penilai alone (seed 002).
            alone = any(page.has_line(t.PEJABAT_PENILAI_EVALUASI_TTD) for page in pages)
            if not alone or any(page.has_line(t.PEGAWAI_YANG_DINILAI_TTD) for page in pages):
                wrong.append(form.sheet)
        elif not any(page.has_line(both) for page in pages):
            wrong.append(form.sheet)
    assert wrong == []


@pytest.mark.parametrize("picture", PICTURE_LIST, ids=lambda picture: picture.file)
def test_pictures_of_the_main_forms(printout: Printout, picture: Picture, tmp_path: Path) -> None:
    """Render the README pictures; write them to docs/img/ with SKP_XL_WRITE_PICTURES=1."""
    key = picture.template_id, picture.sheet
    pages = printout.filled[key]
    showing = picture.showing
    page = (
        1
        if showing is None
        else next((n for n, p in enumerate(pages, 1) if p.has_line(showing)), 0)
    )
    assert page, f"no page of {key} shows {showing!r}"
    prefix = tmp_path / Path(picture.file).stem
    pdftoppm = ["pdftoppm", "-png", "-r", str(PICTURE_DPI), "-f", str(page), "-l", str(page)]
    _run([*pdftoppm, "-singlefile", str(printout.pdfs[key]), str(prefix)])
    png = prefix.with_suffix(".png")
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", data[16:24])
    portrait = _orientation(picture.template_id, picture.sheet) is Orientation.PORTRAIT
    assert (width < height) == portrait
    assert len(data) < PICTURE_MAX_BYTES
    target = PICTURES / picture.file
    if WRITE_PICTURES:
        PICTURES.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(png, target)
    assert target.exists(), f"{target} is missing: see docs/print.md to write it"
