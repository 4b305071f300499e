"""Build and fill PermenPANRB 8/2021 workbooks as a user would: identity by defined name,
table cells by the reader's own locator. Fictional people only."""

from __future__ import annotations

from pathlib import Path

from openpyxl.workbook.workbook import Workbook

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms import legacy2021 as f
from skp_xl.reader.snapshot import Snapshot
from skp_xl.reader.tables import Table, locate
from skp_xl.workbook.fill import WorkbookEngine, put, put_named
from skp_xl.workbook.writer import Options, build_workbook

IDENTITAS = {
    "PEGAWAI_NAMA": "Rina Kartikasari",
    "PEGAWAI_NIP": "199001012015032001",
    "PEGAWAI_PANGKAT": "Penata, III/c",
    "PEGAWAI_UNIT_KERJA": "Bidang Data",
    "PENILAI_NAMA": "Agus Pranoto",
    "PENILAI_NIP": "197805052005011002",
    "PENILAI_PANGKAT": "Pembina, IV/a",
    "PENILAI_JABATAN": "Kepala Bidang Data",
    "PENILAI_UNIT_KERJA": "Bidang Data",
    "SKP_INSTANSI": "Dinas Contoh",
    "SKP_TAHUN": 2021,
    "SKP_TEMPAT": "Kota Contoh",
}

UTAMA = f.UTAMA_2021
"""The first tambahan block."""

JABATAN = {
    JenisJabatan.JPT: "Kepala Dinas Contoh",
    JenisJabatan.JA: "Analis Data",
    JenisJabatan.JF: "Pranata Komputer Ahli Pertama",
}


def table_of(wb: Workbook, name: str) -> Table:
    """The table ``name`` of ``wb`` as the reader locates it."""
    located = locate(Snapshot(f"<{name}>", WorkbookEngine(wb)), name)
    assert located is not None
    return located


def build(jenis: JenisJabatan, model: f.Model) -> Workbook:
    """A blank 8/2021 workbook, as ``skp-xl new --regulasi 8/2021`` writes it."""
    return build_workbook(
        Options(jenis, Pendekatan.KUANTITATIF), spec=f.workbook_spec_2021(jenis, model)
    )


def fill(wb: Workbook, jenis: JenisJabatan, model: f.Model) -> None:
    """Two rencana kinerja utama and one tambahan, with everything the model asks for."""
    put_named(wb, {**IDENTITAS, "PEGAWAI_JABATAN": JABATAN[jenis]})
    skp = table_of(wb, f.SKP_2021_TABLE)
    jpt = jenis is JenisJabatan.JPT
    rencana = [
        ("Layanan data terpadu tersedia", "Persentase layanan data tepat waktu", 90, None, "%"),
        ("Dasbor kinerja terbit", "Jumlah dasbor yang terbit", 4, None, "dasbor"),
    ]
    for block, (rk, iki, target, maks, satuan) in enumerate(rencana):
        put(wb, skp.cell(f.RENCANA_KINERJA, block), rk)
        put(wb, skp.cell("INDIKATOR KINERJA INDIVIDU", block), iki)
        put(wb, skp.cell("Target (angka)", block), target)
        if maks is not None:
            put(wb, skp.cell("s.d. (angka, bila rentang)", block), maks)
        put(wb, skp.cell("Satuan", block), satuan)
        if jpt and model is f.Model.PENGEMBANGAN:
            put(wb, skp.cell("PERSPEKTIF", block), ("Penerima Layanan", "Proses Bisnis")[block])
        if not jpt:
            put(wb, skp.cell(f.RENCANA_KINERJA_ATASAN, block), "Tata kelola data meningkat")
            put(wb, skp.cell("ASPEK", block), "Kuantitas")
            put(
                wb, skp.cell("INDIKATOR KINERJA INDIVIDU", block, 1), "Laporan diterima tepat waktu"
            )
            put(wb, skp.cell("ASPEK", block, 1), "Waktu")
            put(wb, skp.cell("Target (angka)", block, 1), 12)
            put(wb, skp.cell("Satuan", block, 1), "bulan")
        if not jpt and model is f.Model.PENGEMBANGAN:
            levels = (("Sangat Baik", "Baik", "Sangat Kurang"), ("Baik", "Sangat Kurang"))[block]
            for offset, level in enumerate(levels):
                put(wb, skp.cell(f.KATEGORI, block, offset), level)
                put(wb, skp.cell(f.STANDAR, block, offset), f"Standar {level.lower()}")
            put(wb, skp.cell(f.SUMBER_DATA, block), "Aplikasi layanan data, bulanan")
    tambahan = skp.utama
    put(wb, skp.cell(f.RENCANA_KINERJA, tambahan), "Mengikuti pelatihan analisis data")
    put(wb, skp.cell("INDIKATOR KINERJA INDIVIDU", tambahan), "Sertifikat pelatihan")
    put(wb, skp.cell("Target (angka)", tambahan), 1)
    put(wb, skp.cell("Satuan", tambahan), "sertifikat")
    if jpt and model is f.Model.PENGEMBANGAN:
        put(wb, skp.cell("PERSPEKTIF", tambahan), "Penguatan Internal")
    if not jpt:
        put(wb, skp.cell(f.RENCANA_KINERJA_ATASAN, tambahan), "-")
        put(wb, skp.cell("ASPEK", tambahan), "Kuantitas")
        if model is f.Model.PENGEMBANGAN:
            put(wb, skp.cell(f.KATEGORI, tambahan), "Baik")
            put(wb, skp.cell(f.KATEGORI, tambahan, 1), "Sangat Kurang")
            put(wb, skp.cell(f.SUMBER_DATA, tambahan), "Sertifikat")
    if jpt:
        fill_manual(wb)
    reviu = table_of(wb, f.REVIU_2021_TABLE)
    jenis_header = f.JENIS_KINERJA_UTAMA if jpt else f.JENIS_PENYELARASAN
    pilihan = f.JENIS_KINERJA_UTAMA_PILIHAN if jpt else f.PENYELARASAN_PILIHAN
    put(wb, reviu.cell(jenis_header, 0), pilihan[0])
    put(wb, reviu.cell(jenis_header, 1), pilihan[1])
    put(wb, reviu.cell(f.CATATAN_PERBAIKAN, 1), "IKI kedua dipertajam")
    put_named(
        wb, {"REVIU_PENGELOLA_NAMA": "Dewi Lestari", "REVIU_PENGELOLA_NIP": "198502022010012003"}
    )
    if jenis is JenisJabatan.JF:
        ak = table_of(wb, f.VERIFIKASI_AK_TABLE)
        put(wb, ak.cell(f.BUTIR_KEGIATAN, 0), "Melakukan analisis data")
        put(wb, ak.cell(f.OUTPUT_BUTIR, 0), "Laporan analisis")
        put(wb, ak.cell(f.ANGKA_KREDIT, 0), 0.5)
        put(wb, ak.cell(f.VERIFIKASI, 0), "Terkait")
        put(wb, ak.cell(f.VERIFIKASI, 1), "Tidak Terkait")
        put(wb, ak.cell(f.REKOMENDASI, 1), "Pindahkan ke kinerja tambahan")


MANUAL = (
    (0, "Data layanan tersedia lengkap bagi unit dan masyarakat"),
    (1, "Pimpinan memantau kinerja dari satu dasbor"),
    (UTAMA, "Kompetensi analisis data meningkat"),
)
"""(block, deskripsi rencana kinerja) of the Manual IK 2021 that :func:`fill` writes."""


def fill_manual(wb: Workbook) -> None:
    """The Manual IK 2021 of the three rencana kinerja :func:`fill` types (JPT)."""
    manual = table_of(wb, f.MANUAL_IK_2021_TABLE)
    for block, deskripsi in MANUAL:
        put(wb, manual.cell(f.DESKRIPSI_RENCANA, block), deskripsi)
        put(wb, manual.cell(f.DEFINISI, block), f"Definisi indikator rencana {block + 1}")
        put(wb, manual.cell(f.FORMULA, block), "Jumlah selesai / jumlah rencana x 100%")
        put(wb, manual.cell(f.TUJUAN, block), f"Tujuan indikator rencana {block + 1}")


def write(path: Path, jenis: JenisJabatan, model: f.Model) -> Path:
    """A filled 8/2021 workbook saved at ``path``."""
    wb = build(jenis, model)
    fill(wb, jenis, model)
    wb.save(path)
    return path
