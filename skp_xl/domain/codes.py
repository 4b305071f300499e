"""The registry of finding codes: every problem skp-xl can report, as data.

One :class:`CodeInfo` per code (its usual severity, a short Indonesian title, the names
its message mentions, what it means for docs/findings.md) and one :class:`Code` constant
per code, which the checks, the reader and the batch use instead of string literals.
:class:`~skp_xl.domain.findings.Finding` refuses a code that is not registered here, and
``scripts/findings_doc.py`` writes docs/findings.md from this registry (a test keeps the
committed file equal to it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import groupby
from types import MappingProxyType


class Severity(StrEnum):
    """How bad a finding is. Only ``error`` makes a report invalid."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Code(StrEnum):
    """Every finding code; the member's name is its value in capitals, ``-`` as ``_``."""

    # The file itself: triage (reader/triage.py keeps its own enum of these values).
    BERKAS_TIDAK_ADA = "berkas-tidak-ada"
    BERKAS_FOLDER = "berkas-folder"
    BERKAS_KUNCI = "berkas-kunci"
    BERKAS_TERSEMBUNYI = "berkas-tersembunyi"
    BERKAS_TIDAK_TERBACA = "berkas-tidak-terbaca"
    BERKAS_KOSONG = "berkas-kosong"
    BERKAS_RUSAK = "berkas-rusak"
    BERKAS_BUKAN_EXCEL = "berkas-bukan-excel"
    BERKAS_XLS = "berkas-xls"
    BERKAS_XLSB = "berkas-xlsb"
    BERKAS_ODS = "berkas-ods"
    BERKAS_TERENKRIPSI = "berkas-terenkripsi"
    BERKAS_TERLALU_BESAR = "berkas-terlalu-besar"
    BERKAS_XML_BERBAHAYA = "berkas-xml-berbahaya"
    BERKAS_RENTANG_BESAR = "berkas-rentang-besar"
    BERKAS_DIMENSI_BESAR = "berkas-dimensi-besar"
    BERKAS_TAUTAN_EKSTERNAL = "berkas-tautan-eksternal"
    BERKAS_RUMUS_WEB = "berkas-rumus-web"
    BERKAS_EKSTENSI_SALAH = "berkas-ekstensi-salah"
    # The file itself: the reader and validation.
    BUKAN_SKP_XL = "bukan-skp-xl"
    BUKAN_SKP_MATRIKS = "bukan-skp-matriks"
    TEMPLAT_TIDAK_DIKENAL = "templat-tidak-dikenal"
    TEMPLAT_VERSI_TIDAK_DIKENAL = "templat-versi-tidak-dikenal"
    TEMPLAT_VERSI_LEBIH_BARU = "templat-versi-lebih-baru"
    TABEL_TIDAK_DITEMUKAN = "tabel-tidak-ditemukan"
    GALAT_INTERNAL = "galat-internal"
    # One SKP workbook: identity.
    IDENTITAS_KOSONG = "identitas-kosong"
    NIP_KOSONG = "nip-kosong"
    NIP_PANJANG = "nip-panjang"
    NIP_KARAKTER = "nip-karakter"
    NIP_BUKAN_TEKS = "nip-bukan-teks"
    NIP_RUSAK_EXCEL = "nip-rusak-excel"
    NIP_TANGGAL_LAHIR_TIDAK_VALID = "nip-tanggal-lahir-tidak-valid"
    NIP_TANGGAL_LAHIR_MASA_DEPAN = "nip-tanggal-lahir-masa-depan"
    NIP_TMT_TIDAK_VALID = "nip-tmt-tidak-valid"
    NIP_TMT_MASA_DEPAN = "nip-tmt-masa-depan"
    NIP_TMT_SEBELUM_LAHIR = "nip-tmt-sebelum-lahir"
    NIP_TMT_USIA_KERJA = "nip-tmt-usia-kerja"
    NIP_JENIS_KELAMIN = "nip-jenis-kelamin"
    NIP_NOMOR_URUT = "nip-nomor-urut"
    NIP_PENILAI_SAMA = "nip-penilai-sama"
    PANGKAT_KOSONG = "pangkat-kosong"
    PANGKAT_TIDAK_DIKENAL = "pangkat-tidak-dikenal"
    PANGKAT_AMBIGU = "pangkat-ambigu"
    PANGKAT_TIDAK_COCOK = "pangkat-tidak-cocok"
    # One SKP workbook: closed lists (raised by vocabulary.Vocabulary.normalize).
    LABEL_VARIAN = "label-varian"
    ASPEK_TIDAK_DIKENAL = "aspek-tidak-dikenal"
    ASPEK_KOSONG = "aspek-kosong"
    PERSPEKTIF_TIDAK_DIKENAL = "perspektif-tidak-dikenal"
    PERSPEKTIF_KOSONG = "perspektif-kosong"
    KUALITAS_KENDALI_TIDAK_DIKENAL = "kualitas-kendali-tidak-dikenal"
    CAPAIAN_ORGANISASI_TIDAK_DIKENAL = "capaian-organisasi-tidak-dikenal"
    RATING_TIDAK_DIKENAL = "rating-tidak-dikenal"
    # One SKP workbook: the plan.
    HASIL_KERJA_UTAMA_KOSONG = "hasil-kerja-utama-kosong"
    RENCANA_HASIL_KERJA_KOSONG = "rencana-hasil-kerja-kosong"
    IKI_KOSONG = "iki-kosong"
    RHK_PIMPINAN_KOSONG = "rhk-pimpinan-kosong"
    TEKS_TERLALU_PANJANG = "teks-terlalu-panjang"
    TARGET_KOSONG = "target-kosong"
    TARGET_BUKAN_ANGKA = "target-bukan-angka"
    TARGET_RENTANG_TERBALIK = "target-rentang-terbalik"
    SATUAN_KOSONG = "satuan-kosong"
    TARGET_MUTLAK = "target-mutlak"
    PERSPEKTIF_TIDAK_LENGKAP = "perspektif-tidak-lengkap"
    KENDALI_KOSONG = "kendali-kosong"
    KENDALI_TIDAK_SESUAI = "kendali-tidak-sesuai"
    # One SKP workbook: the evaluations.
    RATING_KOSONG = "rating-kosong"
    CAPAIAN_ORGANISASI_KOSONG = "capaian-organisasi-kosong"
    REALISASI_KOSONG = "realisasi-kosong"
    REALISASI_IKI_KOSONG = "realisasi-iki-kosong"
    RATING_BERBEDA_SARAN = "rating-berbeda-saran"
    PREDIKAT_TIDAK_SESUAI = "predikat-tidak-sesuai"
    CAPAIAN_IKI_TIDAK_SESUAI = "capaian-iki-tidak-sesuai"
    PENILAIAN_TIDAK_SESUAI = "penilaian-tidak-sesuai"
    SARAN_TIDAK_SESUAI = "saran-tidak-sesuai"
    # One SKP workbook: inputs the workbook's own formulas cannot use (issue 12).
    REALISASI_BUKAN_ANGKA = "realisasi-bukan-angka"
    PERIODE_TIDAK_DIKENAL = "periode-tidak-dikenal"
    TAHUN_TIDAK_VALID = "tahun-tidak-valid"
    NIP_ATASAN_SAMA = "nip-atasan-sama"
    PERIODE_TIDAK_ADA = "periode-tidak-ada"
    # One SKP workbook: the periodic targets.
    TARGET_PERIODE_BUKAN_ANGKA = "target-periode-bukan-angka"
    REALISASI_PERSEN_PECAHAN = "realisasi-persen-pecahan"
    # A whole agency.
    BERKAS_DILEWATI = "berkas-dilewati"
    BERKAS_WAKTU_HABIS = "berkas-waktu-habis"
    BERKAS_MEMORI_HABIS = "berkas-memori-habis"
    BERKAS_PROSES_BERHENTI = "berkas-proses-berhenti"
    CACHE_DIABAIKAN = "cache-diabaikan"
    NIP_GANDA = "nip-ganda"
    BERKAS_GANDA = "berkas-ganda"
    CAPAIAN_ORGANISASI_BERBEDA = "capaian-organisasi-berbeda"
    CASCADING_TIDAK_DITEMUKAN = "cascading-tidak-ditemukan"
    CASCADING_TANPA_BAWAHAN = "cascading-tanpa-bawahan"
    POLA_DISTRIBUSI_MINIMAL_PERSEN = "pola-distribusi-minimal-persen"
    POLA_DISTRIBUSI_MAKSIMAL_PERSEN = "pola-distribusi-maksimal-persen"
    POLA_DISTRIBUSI_MINIMAL_JUMLAH = "pola-distribusi-minimal-jumlah"
    POLA_DISTRIBUSI_MAKSIMAL_JUMLAH = "pola-distribusi-maksimal-jumlah"
    POLA_DISTRIBUSI_TERBANYAK = "pola-distribusi-terbanyak"
    SKEMA_NIP = "skema-nip"
    SKEMA_NAMA = "skema-nama"
    SKEMA_JENIS_JABATAN = "skema-jenis-jabatan"
    SKEMA_PENDEKATAN = "skema-pendekatan"
    SKEMA_PERIODE = "skema-periode"
    SKEMA_CAPAIAN_ORGANISASI = "skema-capaian-organisasi"
    SKEMA_RATING_HASIL_KERJA = "skema-rating-hasil-kerja"
    SKEMA_RATING_PERILAKU = "skema-rating-perilaku"
    SKEMA_PREDIKAT = "skema-predikat"
    SKEMA_ANGKA_KREDIT = "skema-angka-kredit"
    SKEMA_TABEL = "skema-tabel"
    # A table of ratings (skp-xl predikat --csv).
    NAMA_KOSONG = "nama-kosong"
    BULAN_TIDAK_VALID = "bulan-tidak-valid"
    JENJANG_TIDAK_DIKENAL = "jenjang-tidak-dikenal"
    JENJANG_KOSONG = "jenjang-kosong"
    # Exports of e-Kinerja and SIASN (skp_xl/domain/ekspor.py, skp_xl/reader/ekspor.py).
    EKSPOR_DIBACA = "ekspor-dibaca"
    EKSPOR_KOSONG = "ekspor-kosong"
    EKSPOR_TANPA_NIP = "ekspor-tanpa-nip"
    EKSPOR_PERIODE_DIANGGAP = "ekspor-periode-dianggap"
    EKSPOR_HASIL_AKHIR_BERBEDA = "ekspor-hasil-akhir-berbeda"
    EKSPOR_HASIL_AKHIR_TIDAK_DIKENAL = "ekspor-hasil-akhir-tidak-dikenal"
    EKSPOR_NIP_GANDA = "ekspor-nip-ganda"
    EKSPOR_BERBEDA = "ekspor-berbeda"
    EKSPOR_KEPALA_TIDAK_DIKENAL = "ekspor-kepala-tidak-dikenal"
    EKSPOR_NIP_DIPULIHKAN = "ekspor-nip-dipulihkan"
    # Across years: tindak lanjut (domain/tindak_lanjut.py) and angka kredit per JF.
    TINDAK_LANJUT_BUKAN_MASUKAN = "tindak-lanjut-bukan-masukan"
    TINDAK_LANJUT_TAHUN_TIDAK_DIKETAHUI = "tindak-lanjut-tahun-tidak-diketahui"
    TINDAK_LANJUT_BARIS_DILEWATI = "tindak-lanjut-baris-dilewati"
    TINDAK_LANJUT_SATU_TAHUN = "tindak-lanjut-satu-tahun"
    TINDAK_LANJUT_TAHUN_HILANG = "tindak-lanjut-tahun-hilang"
    TINDAK_LANJUT_SUMBER_BERBEDA = "tindak-lanjut-sumber-berbeda"
    TINDAK_LANJUT_UNIT_BERUBAH = "tindak-lanjut-unit-berubah"
    TINDAK_LANJUT_JABATAN_BERUBAH = "tindak-lanjut-jabatan-berubah"
    TINDAK_LANJUT_JENIS_TIDAK_DIKENAL = "tindak-lanjut-jenis-tidak-dikenal"
    ANGKA_KREDIT_TANPA_JENJANG = "angka-kredit-tanpa-jenjang"
    ANGKA_KREDIT_JENJANG_BERUBAH = "angka-kredit-jenjang-berubah"
    # PermenPANRB 8/2021 workbooks (skp_xl/domain/legacy2021.py, issue 17).
    REGULASI_2021 = "regulasi-2021"
    KATEGORI_2021_KOSONG = "kategori-2021-kosong"
    KATEGORI_2021_TIDAK_SESUAI = "kategori-2021-tidak-sesuai"
    SUMBER_DATA_KOSONG = "sumber-data-kosong"
    PILIHAN_2021_TIDAK_DIKENAL = "pilihan-2021-tidak-dikenal"
    VERIFIKASI_AK_TANPA_REKOMENDASI = "verifikasi-ak-tanpa-rekomendasi"
    ANGKA_KREDIT_BUKAN_ANGKA = "angka-kredit-bukan-angka"
    # The Manual IK 2021 sheet of 8/2021 JPT workbooks (skp_xl/domain/legacy2021.py).
    MANUAL_IK_2021_KOSONG = "manual-ik-2021-kosong"
    DESKRIPSI_RENCANA_2021_KOSONG = "deskripsi-rencana-2021-kosong"
    # A roster of pegawai (skp-xl roster, skp_xl/domain/roster.py, skp_xl/reader/roster.py).
    ROSTER_TANPA_JUDUL = "roster-tanpa-judul"
    ROSTER_NAMA_KOSONG = "roster-nama-kosong"
    ROSTER_NIP_TIDAK_VALID = "roster-nip-tidak-valid"
    ROSTER_NIP_GANDA = "roster-nip-ganda"
    ROSTER_PANGKAT_TIDAK_DIKENAL = "roster-pangkat-tidak-dikenal"
    ROSTER_JENIS_TIDAK_DIKENAL = "roster-jenis-tidak-dikenal"
    ROSTER_PENILAI_TIDAK_ADA = "roster-penilai-tidak-ada"
    ROSTER_PENILAI_BERMASALAH = "roster-penilai-bermasalah"
    ROSTER_PENILAI_SIKLUS = "roster-penilai-siklus"
    ROSTER_PIMPINAN_GANDA = "roster-pimpinan-ganda"
    ROSTER_TANPA_PENILAI = "roster-tanpa-penilai"
    ROSTER_DIPERTAHANKAN = "roster-dipertahankan"
    ROSTER_GAGAL_DITULIS = "roster-gagal-ditulis"
    ROSTER_MATRIKS_TERPOTONG = "roster-matriks-terpotong"


class Section(StrEnum):
    """Where a code comes from: one section of docs/findings.md each."""

    BERKAS = "The file itself (`skp_xl/reader/triage.py`, `skp_xl/reader/read.py`)"
    SKP = "One SKP workbook (`skp_xl/domain/checks.py`)"
    INSTANSI = "A whole agency (`skp_xl/batch/`, `skp_xl/domain/rekap.py`)"
    TABEL = "A table of ratings (`skp-xl predikat --csv`, `skp_xl/domain/penilaian.py`)"
    EKSPOR = "Exports of e-Kinerja and SIASN (`skp_xl/domain/ekspor.py`)"
    TINDAK_LANJUT = (
        "Across years: tindak lanjut and angka kredit per JF (`skp_xl/domain/tindak_lanjut.py`, "
        "`skp_xl/summary/angka_kredit.py`)"
    )
    SKP2021 = "PermenPANRB 8/2021 workbooks (`skp_xl/domain/legacy2021.py`)"
    ROSTER = "A roster of pegawai (`skp-xl roster`, `skp_xl/domain/roster.py`)"


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What the registry knows of one code.

    Attributes:
        code: The stable kebab-case code.
        severity: The severity it is reported with (a guideline rule that is met is
            reported as info instead).
        section: Where it comes from.
        judul: A short Indonesian title.
        fields: What its message names, besides the file (``sel``: the cell; ``nilai``:
            the value found...).
        meaning: One line for docs/findings.md: what it means, what to do.
    """

    code: Code
    severity: Severity
    section: Section
    judul: str
    fields: tuple[str, ...]
    meaning: str


CLOSED_LISTS = ("aspek", "perspektif", "kualitas-kendali", "capaian-organisasi", "rating")
"""The closed lists a workbook's cells are checked against (their ``Vocabulary.kode``):
each gives ``<list>-tidak-dikenal``, and a required one left empty ``<list>-kosong``."""

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_LIST_MEANING = (
    "a value outside a closed list (`aspek-tidak-dikenal`, `rating-tidak-dikenal`, "
    "`perspektif-kosong`...), or a required one empty"
)


def _entries() -> Iterator[CodeInfo]:
    s = Section.BERKAS
    yield from (
        CodeInfo(Code.BERKAS_TIDAK_ADA, _E, s, "Berkas tidak ada", (), "the path does not exist"),
        CodeInfo(Code.BERKAS_FOLDER, _E, s, "Berkas berupa folder", (), "the path is a folder"),
        CodeInfo(
            Code.BERKAS_KUNCI,
            _I,
            s,
            "Berkas kunci",
            (),
            "an Excel or LibreOffice lock file (`~$x.xlsx`, `.~lock.x.xlsx#`): skipped",
        ),
        CodeInfo(
            Code.BERKAS_TERSEMBUNYI, _I, s, "Berkas tersembunyi", (), "a hidden file: skipped"
        ),
        CodeInfo(
            Code.BERKAS_TIDAK_TERBACA,
            _E,
            s,
            "Berkas tidak terbaca",
            ("galat",),
            "the file cannot be opened (permissions, a broken part)",
        ),
        CodeInfo(Code.BERKAS_KOSONG, _E, s, "Berkas kosong", (), "zero bytes"),
        CodeInfo(
            Code.BERKAS_RUSAK, _E, s, "Berkas rusak", ("alasan",), "a damaged or truncated zip"
        ),
        CodeInfo(
            Code.BERKAS_BUKAN_EXCEL,
            _E,
            s,
            "Bukan buku kerja Excel",
            ("jenis",),
            "not a spreadsheet (a Word document, a CSV or HTML table renamed .xls/.xlsx, a PDF); "
            "the message says what it looks like and what to do",
        ),
        CodeInfo(
            Code.BERKAS_XLS,
            _E,
            s,
            "Format Excel 5.0/95",
            (),
            "an Excel 5.0/95 workbook (older than 97-2003; an Excel 97-2003 .xls is read): "
            "save it as .xlsx",
        ),
        CodeInfo(Code.BERKAS_XLSB, _E, s, "Format .xlsb", (), "binary .xlsb: save it as .xlsx"),
        CodeInfo(Code.BERKAS_ODS, _E, s, "Format .ods", (), "OpenDocument .ods: save it as .xlsx"),
        CodeInfo(
            Code.BERKAS_TERENKRIPSI,
            _E,
            s,
            "Berkas terkunci kata sandi",
            (),
            "password-protected (encrypted): remove the password to open",
        ),
        CodeInfo(
            Code.BERKAS_TERLALU_BESAR,
            _E,
            s,
            "Berkas terlalu besar",
            ("alasan",),
            "zip bomb: inflated size or ratio beyond the limits",
        ),
        CodeInfo(
            Code.BERKAS_XML_BERBAHAYA,
            _E,
            s,
            "XML berbahaya",
            ("bagian",),
            "a DTD or entity declaration (XML entity expansion)",
        ),
        CodeInfo(
            Code.BERKAS_RENTANG_BESAR,
            _E,
            s,
            "Rentang sel terlalu besar",
            ("sel", "batas"),
            "a sheet with cells beyond the row or column limit",
        ),
        CodeInfo(
            Code.BERKAS_DIMENSI_BESAR,
            _W,
            s,
            "Dimensi lembar terlalu besar",
            ("rentang",),
            "a declared used range far beyond the cells: read within limits",
        ),
        CodeInfo(
            Code.BERKAS_TAUTAN_EKSTERNAL,
            _W,
            s,
            "Tautan ke buku kerja lain",
            ("sel",),
            "formulas that reference other workbooks: never followed",
        ),
        CodeInfo(
            Code.BERKAS_RUMUS_WEB,
            _W,
            s,
            "Rumus yang menjangkau web",
            ("sel", "fungsi"),
            "WEBSERVICE, FILTERXML and similar calls: never evaluated",
        ),
        CodeInfo(
            Code.BERKAS_EKSTENSI_SALAH,
            _W,
            s,
            "Ekstensi berkas salah",
            ("ekstensi",),
            "the suffix does not match the content (an .xlsx named .xlsm)",
        ),
        CodeInfo(
            Code.BUKAN_SKP_XL,
            _E,
            s,
            "Bukan SKP skp-xl",
            (),
            "a workbook not made by skp-xl; the message says what it looks like (an SKP of "
            "PP 46/2011, an SKP made elsewhere, an attendance or TPP list, empty) and what to do",
        ),
        CodeInfo(
            Code.BUKAN_SKP_MATRIKS,
            _I,
            s,
            "Matriks Peran Hasil",
            (),
            "a Matriks Peran Hasil workbook: not an SKP, not checked as one",
        ),
        CodeInfo(
            Code.TEMPLAT_TIDAK_DIKENAL,
            _E,
            s,
            "Templat tidak dikenal",
            ("templat",),
            "a template id this version does not know",
        ),
        CodeInfo(
            Code.TEMPLAT_VERSI_TIDAK_DIKENAL,
            _E,
            s,
            "Versi templat tidak dikenal",
            ("versi",),
            "a template version of another major version",
        ),
        CodeInfo(
            Code.TEMPLAT_VERSI_LEBIH_BARU,
            _W,
            s,
            "Versi templat lebih baru",
            ("versi",),
            "a newer minor version: read, but new fields may be missed",
        ),
        CodeInfo(
            Code.TABEL_TIDAK_DITEMUKAN,
            _E,
            s,
            "Tabel hasil kerja tidak ditemukan",
            (),
            "the hasil kerja table's defined name is gone",
        ),
        CodeInfo(
            Code.GALAT_INTERNAL,
            _E,
            s,
            "Galat internal skp-xl",
            ("galat",),
            "a bug in skp-xl while handling this file (rerun with `--debug`)",
        ),
    )
    s = Section.SKP
    nip_digits = "not 18 digits"
    nip_birth = "the birth date in the NIP"
    nip_tmt = "the TMT in the NIP"
    nip_rest = "the gender digit, the sequence number 000"
    pangkat = "pangkat/golongan missing or not readable"
    target = "the numeric target is empty or not a number"
    cached = (
        "a stored formula result that differs from Python's: the formula was overwritten or edited"
    )
    yield from (
        CodeInfo(
            Code.IDENTITAS_KOSONG,
            _E,
            s,
            "Identitas belum diisi",
            ("isian", "peran", "sel"),
            "a required identity field is empty",
        ),
        CodeInfo(
            Code.NIP_KOSONG,
            _E,
            s,
            "NIP belum diisi",
            ("peran", "sel"),
            "the NIP is empty (the pejabat penilai's is optional on JPT forms)",
        ),
        CodeInfo(Code.NIP_PANJANG, _E, s, "NIP tidak 18 digit", ("peran", "sel"), nip_digits),
        CodeInfo(Code.NIP_KARAKTER, _E, s, "NIP berisi selain angka", ("peran", "sel"), nip_digits),
        CodeInfo(
            Code.NIP_BUKAN_TEKS, _E, s, "NIP bukan teks", ("peran", "sel", "nilai"), nip_digits
        ),
        CodeInfo(
            Code.NIP_RUSAK_EXCEL,
            _E,
            s,
            "NIP dirusak Excel",
            ("peran", "sel", "nilai"),
            "a NIP Excel turned into a number (`1.98001E+17`): retype it as text",
        ),
        CodeInfo(
            Code.NIP_TANGGAL_LAHIR_TIDAK_VALID,
            _E,
            s,
            "Tanggal lahir pada NIP tidak valid",
            ("peran", "sel", "tanggal"),
            nip_birth,
        ),
        CodeInfo(
            Code.NIP_TANGGAL_LAHIR_MASA_DEPAN,
            _E,
            s,
            "Tanggal lahir pada NIP di masa depan",
            ("peran", "sel", "tanggal"),
            nip_birth,
        ),
        CodeInfo(
            Code.NIP_TMT_TIDAK_VALID,
            _E,
            s,
            "TMT pada NIP tidak valid",
            ("peran", "sel", "tmt"),
            nip_tmt,
        ),
        CodeInfo(
            Code.NIP_TMT_MASA_DEPAN,
            _E,
            s,
            "TMT pada NIP di masa depan",
            ("peran", "sel", "tmt"),
            nip_tmt,
        ),
        CodeInfo(
            Code.NIP_TMT_SEBELUM_LAHIR,
            _E,
            s,
            "TMT pada NIP sebelum lahir",
            ("peran", "sel", "tmt", "tanggal"),
            nip_tmt,
        ),
        CodeInfo(
            Code.NIP_TMT_USIA_KERJA,
            _E,
            s,
            "TMT pada NIP sebelum usia kerja",
            ("peran", "sel", "tmt", "usia"),
            nip_tmt,
        ),
        CodeInfo(
            Code.NIP_JENIS_KELAMIN,
            _E,
            s,
            "Digit jenis kelamin NIP salah",
            ("peran", "sel", "digit"),
            nip_rest,
        ),
        CodeInfo(Code.NIP_NOMOR_URUT, _E, s, "Nomor urut NIP 000", ("peran", "sel"), nip_rest),
        CodeInfo(
            Code.NIP_PENILAI_SAMA,
            _E,
            s,
            "NIP penilai sama dengan NIP pegawai",
            (),
            "the pejabat penilai has the pegawai's own NIP",
        ),
        CodeInfo(Code.PANGKAT_KOSONG, _E, s, "Pangkat belum diisi", ("peran", "sel"), pangkat),
        CodeInfo(
            Code.PANGKAT_TIDAK_DIKENAL,
            _E,
            s,
            "Pangkat tidak dikenal",
            ("peran", "sel", "nilai"),
            pangkat,
        ),
        CodeInfo(
            Code.PANGKAT_AMBIGU,
            _E,
            s,
            "Golongan tidak jelas",
            ("peran", "sel", "nilai"),
            pangkat,
        ),
        CodeInfo(
            Code.PANGKAT_TIDAK_COCOK,
            _E,
            s,
            "Pangkat dan golongan tidak cocok",
            ("peran", "sel", "nilai"),
            "the pangkat name does not match the golongan (Penata, III/a)",
        ),
        CodeInfo(
            Code.LABEL_VARIAN,
            _W,
            s,
            "Varian label",
            ("sel", "nilai", "nilai baku"),
            'a known variant ("Di Atas"): read as the canonical value, which the message names',
        ),
        *(
            CodeInfo(
                Code(f"{kode}-{end}"),
                _E,
                s,
                f"{kode.replace('-', ' ').capitalize()} {judul}",
                fields,
                _LIST_MEANING,
            )
            for kode in CLOSED_LISTS
            for end, judul, fields in (
                ("tidak-dikenal", "tidak dikenal", ("sel", "nilai", "pilihan")),
                ("kosong", "belum diisi", ("sel",)),
            )
            if f"{kode}-{end}" in _LIST_CODES
        ),
        CodeInfo(
            Code.HASIL_KERJA_UTAMA_KOSONG,
            _E,
            s,
            "Belum ada hasil kerja utama",
            (),
            "no hasil kerja utama",
        ),
        CodeInfo(
            Code.RENCANA_HASIL_KERJA_KOSONG,
            _E,
            s,
            "Rencana hasil kerja belum diisi",
            ("sel",),
            "indicators without their rencana hasil kerja",
        ),
        CodeInfo(
            Code.IKI_KOSONG,
            _E,
            s,
            "IKI belum diisi",
            ("sel",),
            "a rencana hasil kerja without indicator and target, or an indicator row without "
            "its text",
        ),
        CodeInfo(
            Code.RHK_PIMPINAN_KOSONG,
            _W,
            s,
            "RHK pimpinan belum diisi",
            ("sel",),
            "JA/JF kuantitatif: the rencana hasil kerja pimpinan yang diintervensi is empty",
        ),
        CodeInfo(
            Code.TEKS_TERLALU_PANJANG,
            _W,
            s,
            "Teks melebihi batas cetak",
            ("sel",),
            "a rencana hasil kerja, IKI or ukuran keberhasilan longer than the SKP's cap "
            "(pasted text skips Excel's validation): the forms that copy it cut it off",
        ),
        CodeInfo(Code.TARGET_KOSONG, _E, s, "Target belum diisi", ("sel",), target),
        CodeInfo(Code.TARGET_BUKAN_ANGKA, _E, s, "Target bukan angka", ("sel",), target),
        CodeInfo(
            Code.TARGET_RENTANG_TERBALIK,
            _E,
            s,
            "Rentang target terbalik",
            ("sel",),
            "the upper bound is below the target",
        ),
        CodeInfo(
            Code.SATUAN_KOSONG,
            _W,
            s,
            "Satuan target belum diisi",
            ("sel",),
            "a target without its unit",
        ),
        CodeInfo(
            Code.TARGET_MUTLAK,
            _W,
            s,
            "Target mutlak",
            ("sel",),
            "an absolute target (100%, or zero for less-is-better) where the guide asks for "
            "tolerance",
        ),
        CodeInfo(
            Code.PERSPEKTIF_TIDAK_LENGKAP,
            _W,
            s,
            "Perspektif IKI belum lengkap",
            ("perspektif",),
            "JPT kuantitatif: the IKI do not cover the four perspektif",
        ),
        CodeInfo(
            Code.KENDALI_KOSONG,
            _W,
            s,
            "Tingkat kendali belum diisi",
            ("sel",),
            "JPT: the Manual IKI row has no kualitas dan tingkat kendali",
        ),
        CodeInfo(
            Code.KENDALI_TIDAK_SESUAI,
            _W,
            s,
            "Tingkat kendali tidak sesuai",
            ("sel", "nilai"),
            "JPT: a hasil kerja that is an output of medium or high control (rules.md section 11)",
        ),
        CodeInfo(
            Code.RATING_KOSONG,
            _E,
            s,
            "Rating belum diisi",
            ("rating", "periode", "sel"),
            "one rating of a period without the other: no predikat",
        ),
        CodeInfo(
            Code.CAPAIAN_ORGANISASI_KOSONG,
            _W,
            s,
            "Capaian organisasi belum diisi",
            ("periode", "sel"),
            "a rated period without the capaian kinerja organisasi",
        ),
        CodeInfo(
            Code.REALISASI_KOSONG,
            _W,
            s,
            "Realisasi belum diisi",
            ("periode",),
            "a rated period without any realisasi or judgement",
        ),
        CodeInfo(
            Code.REALISASI_IKI_KOSONG,
            _W,
            s,
            "Realisasi IKI belum diisi",
            ("sel", "periode"),
            "a rated period with an IKI whose realisasi is empty",
        ),
        CodeInfo(
            Code.RATING_BERBEDA_SARAN,
            _W,
            s,
            "Rating berbeda dengan saran",
            ("periode", "rating", "saran", "penentu"),
            "the rating hasil kerja differs from the suggestion (both named, with the hasil "
            "kerja and IKI that drove the suggestion)",
        ),
        CodeInfo(
            Code.PREDIKAT_TIDAK_SESUAI,
            _E,
            s,
            "Predikat tidak sesuai kuadran",
            ("sel", "tersimpan", "seharusnya"),
            "the predikat cell holds something other than the quadrant's result: its "
            "formula was overwritten",
        ),
        CodeInfo(
            Code.CAPAIAN_IKI_TIDAK_SESUAI,
            _E,
            s,
            "Capaian IKI tidak sesuai",
            ("sel", "tersimpan", "seharusnya"),
            cached,
        ),
        CodeInfo(
            Code.PENILAIAN_TIDAK_SESUAI,
            _E,
            s,
            "Penilaian hasil kerja tidak sesuai",
            ("sel", "tersimpan", "seharusnya"),
            cached,
        ),
        CodeInfo(
            Code.SARAN_TIDAK_SESUAI,
            _E,
            s,
            "Saran rating tidak sesuai",
            ("sel", "tersimpan", "seharusnya"),
            cached,
        ),
        CodeInfo(
            Code.REALISASI_BUKAN_ANGKA,
            _E,
            s,
            "Realisasi bukan angka",
            ("sel", "nilai"),
            "a realisasi typed as text (`93%`, `18 modul`): the workbook's Capaian IKI shows "
            "`?` and nothing is judged; type the number only, the unit is the target's",
        ),
        CodeInfo(
            Code.PERIODE_TIDAK_DIKENAL,
            _E,
            s,
            "Periode tidak dikenal",
            ("sel", "nilai"),
            "the Dokumen Evaluasi's period is not an evaluation period (`Semester 1`): its "
            "capaian organisasi and predikat stay blank; choose one from the list",
        ),
        CodeInfo(
            Code.TAHUN_TIDAK_VALID,
            _E,
            s,
            "Tahun SKP tidak valid",
            ("sel", "nilai", "rentang"),
            "the SKP year is not a whole number within the supported range",
        ),
        CodeInfo(
            Code.NIP_ATASAN_SAMA,
            _E,
            s,
            "NIP atasan sama dengan NIP pegawai atau penilai",
            ("sel", "peran"),
            "the atasan pejabat penilai has the pegawai's or the pejabat penilai's NIP",
        ),
        CodeInfo(
            Code.PERIODE_TIDAK_ADA,
            _W,
            s,
            "Periode tidak ada di buku kerja",
            ("periode", "siklus"),
            "the period asked (`validate --periode Maret`) is not one of the workbook's: a "
            "quarterly workbook has no months, a monthly one no quarters; nothing is checked",
        ),
        CodeInfo(
            Code.TARGET_PERIODE_BUKAN_ANGKA,
            _E,
            s,
            "Target periode bukan angka",
            ("sel",),
            "a periodic evaluation's trajectory target (Target periode (angka)) is not a "
            "number: the IKI is not judged in that period (the workbook shows ?)",
        ),
        CodeInfo(
            Code.REALISASI_PERSEN_PECAHAN,
            _W,
            s,
            "Realisasi persen diketik dengan tanda %",
            ("sel", "nilai", "target"),
            "a realisasi between 0 and 1 against a target in whole percent (90 %): Excel "
            "stores `93%` typed into a number cell as 0.93, judged far below; type 93",
        ),
    )
    s = Section.INSTANSI
    pola = (
        "a unit's distribution outside the guideline for its capaian (figure, limit and "
        "rule in the message)"
    )
    yield from (
        CodeInfo(
            Code.BERKAS_DILEWATI,
            _I,
            s,
            "Berkas dilewati",
            (),
            "a file that is not a workbook (PDF, text...): skipped",
        ),
        CodeInfo(
            Code.BERKAS_WAKTU_HABIS,
            _E,
            s,
            "Waktu baca habis",
            ("batas",),
            "reading the file took longer than `--batas-detik`: stopped",
        ),
        CodeInfo(
            Code.BERKAS_MEMORI_HABIS,
            _E,
            s,
            "Memori baca habis",
            ("batas",),
            "reading the file needed more memory than a reader process may take "
            "(`--batas-memori`; e.g. a cell far out at XFD1048576): the process was "
            "stopped, the other files are read",
        ),
        CodeInfo(
            Code.BERKAS_PROSES_BERHENTI,
            _E,
            s,
            "Proses baca berhenti",
            ("sebab",),
            "the process reading the file ended without an answer (a crash in a native "
            "library): the file is listed, the other files are read",
        ),
        CodeInfo(
            Code.CACHE_DIABAIKAN,
            _I,
            s,
            "Cache diabaikan",
            (),
            "the result cache could not be used (damaged, unwritable): set aside, every "
            "file read again; the results are the same",
        ),
        CodeInfo(
            Code.NIP_GANDA,
            _W,
            s,
            "NIP ganda",
            ("nip", "unit", "pilihan"),
            "one NIP in several SKP: resolved by `--nip-ganda` (default: the unit rated "
            "last counts)",
        ),
        CodeInfo(
            Code.BERKAS_GANDA,
            _W,
            s,
            "Berkas ganda",
            ("berkas lain", "nip"),
            "the same file twice: counted once",
        ),
        CodeInfo(
            Code.CAPAIAN_ORGANISASI_BERBEDA,
            _W,
            s,
            "Capaian organisasi berbeda",
            ("unit", "nilai", "nilai terbanyak"),
            "workbooks of one unit disagree on the capaian kinerja organisasi; the majority "
            "is used",
        ),
        CodeInfo(
            Code.CASCADING_TIDAK_DITEMUKAN,
            _W,
            s,
            "RHK pimpinan tidak ditemukan",
            ("sel", "rhk pimpinan", "penilai"),
            "a JA/JF rencana hasil kerja names a rencana hasil kerja pimpinan that the "
            "pejabat penilai's SKP does not have",
        ),
        CodeInfo(
            Code.CASCADING_TANPA_BAWAHAN,
            _W,
            s,
            "RHK tanpa peran bawahan",
            ("sel", "rhk"),
            "a leader's rencana hasil kerja that no staff SKP intervenes",
        ),
        *(
            CodeInfo(
                code,
                _W,
                s,
                f"Pola distribusi: {code.value.removeprefix('pola-distribusi-').replace('-', ' ')}",
                ("unit", "capaian", "aturan", "angka", "batas"),
                pola,
            )
            for code in (
                Code.POLA_DISTRIBUSI_MINIMAL_PERSEN,
                Code.POLA_DISTRIBUSI_MAKSIMAL_PERSEN,
                Code.POLA_DISTRIBUSI_MINIMAL_JUMLAH,
                Code.POLA_DISTRIBUSI_MAKSIMAL_JUMLAH,
                Code.POLA_DISTRIBUSI_TERBANYAK,
            )
        ),
        CodeInfo(
            Code.SKEMA_NIP,
            _E,
            s,
            "NIP di tabel Pegawai tidak 18 digit",
            ("kolom", "nilai", "aturan"),
            "a NIP in the Pegawai table that is not 18 digits, placed at its source cell "
            "(when no workbook check already put an error there)",
        ),
        CodeInfo(
            Code.SKEMA_NAMA,
            _E,
            s,
            "Nama di tabel Pegawai kosong",
            ("kolom", "nilai", "aturan"),
            "an empty Nama in the Pegawai table, at its source cell",
        ),
        CodeInfo(
            Code.SKEMA_JENIS_JABATAN,
            _E,
            s,
            "Jenis jabatan di luar daftar",
            ("kolom", "nilai", "aturan"),
            "a Jenis Jabatan (from the workbook's `_meta`) that is not JPT, JA or JF",
        ),
        CodeInfo(
            Code.SKEMA_PENDEKATAN,
            _E,
            s,
            "Pendekatan di luar daftar",
            ("kolom", "nilai", "aturan"),
            "a Pendekatan (from `_meta`) that is not Kuantitatif or Kualitatif",
        ),
        *(
            CodeInfo(
                code,
                _E,
                s,
                f"Kolom {kolom} di luar daftar",
                ("kolom", "nilai", "aturan"),
                "a label of the Pegawai table outside its closed list, at its source cell",
            )
            for code, kolom in (
                (Code.SKEMA_PERIODE, "Periode"),
                (Code.SKEMA_CAPAIAN_ORGANISASI, "Capaian Organisasi"),
                (Code.SKEMA_RATING_HASIL_KERJA, "Rating Hasil Kerja"),
                (Code.SKEMA_RATING_PERILAKU, "Rating Perilaku"),
                (Code.SKEMA_PREDIKAT, "Predikat"),
            )
        ),
        CodeInfo(
            Code.SKEMA_ANGKA_KREDIT,
            _E,
            s,
            "Angka kredit negatif",
            ("kolom", "nilai", "aturan"),
            "a negative angka kredit in the Pegawai table",
        ),
        CodeInfo(
            Code.SKEMA_TABEL,
            _E,
            s,
            "Tabel Pegawai tidak sesuai modelnya (kesalahan skp-xl)",
            ("kolom", "aturan", "nilai"),
            "the Pegawai table breaks its model where skp-xl itself fills it (a missing "
            "column, a wrong type, a column such as Dihitung): a fault of skp-xl, to report",
        ),
    )
    s = Section.TABEL
    jenjang = "the jenjang of a Jabatan Fungsional is not one of the eight, or is empty"
    yield from (
        CodeInfo(Code.NAMA_KOSONG, _E, s, "Nama belum diisi", (), "a row without the name"),
        CodeInfo(
            Code.BULAN_TIDAK_VALID,
            _E,
            s,
            "Jumlah bulan tidak valid",
            ("nilai",),
            "the months are not a whole number from 1 to 12",
        ),
        CodeInfo(
            Code.JENJANG_TIDAK_DIKENAL,
            _E,
            s,
            "Jenjang tidak dikenal",
            ("nilai", "pilihan"),
            jenjang,
        ),
        CodeInfo(Code.JENJANG_KOSONG, _E, s, "Jenjang belum diisi", ("pilihan",), jenjang),
    )
    s = Section.EKSPOR
    yield from (
        CodeInfo(
            Code.EKSPOR_DIBACA,
            _I,
            s,
            "Berkas ekspor dibaca",
            ("jenis", "periode", "baris"),
            "a file recognised as an export by its header: its kind, period and how many "
            "rows were rated, not rated, Plt./Plh. or without NIP",
        ),
        CodeInfo(
            Code.EKSPOR_KOSONG,
            _W,
            s,
            "Ekspor tanpa baris data",
            ("jenis",),
            "an export whose header was found but which has no data row",
        ),
        CodeInfo(
            Code.EKSPOR_TANPA_NIP,
            _W,
            s,
            "Baris ekspor tanpa NIP",
            ("sel", "nama"),
            "a data row without NIP: listed, not counted",
        ),
        CodeInfo(
            Code.EKSPOR_PERIODE_DIANGGAP,
            _I,
            s,
            "Periode ekspor dianggap tahunan",
            ("jenis",),
            "neither the title rows nor a column say the period: the rows are taken as Akhir",
        ),
        CodeInfo(
            Code.EKSPOR_HASIL_AKHIR_BERBEDA,
            _W,
            s,
            "Predikat ekspor berbeda dengan kuadran",
            ("sel", "nilai", "rating", "predikat"),
            "the export's own `hasil_akhir` (SIASN `kuadranKinerja`) differs from the quadrant "
            "of its two ratings; the computed predikat counts",
        ),
        CodeInfo(
            Code.EKSPOR_HASIL_AKHIR_TIDAK_DIKENAL,
            _W,
            s,
            "Predikat ekspor tidak dikenal",
            ("sel", "nilai"),
            "the export's own predikat is not a known label; the computed one counts",
        ),
        CodeInfo(
            Code.EKSPOR_NIP_GANDA,
            _W,
            s,
            "NIP dinilai dua kali dalam satu periode",
            ("nip", "periode", "sumber"),
            "a NIP rated twice for one period (mutasi, a copy): counted once, the latest SKP, "
            "the other listed apart",
        ),
        CodeInfo(
            Code.EKSPOR_BERBEDA,
            _W,
            s,
            "SKP dan ekspor berbeda",
            ("nip", "periode", "sumber", "predikat"),
            "an SKP workbook and an export (or two exports) rate one pegawai for one period "
            "with different predikat; the workbook (else e-Kinerja) counts",
        ),
        CodeInfo(
            Code.EKSPOR_KEPALA_TIDAK_DIKENAL,
            _W,
            s,
            "Tabel teks bukan ekspor yang dikenal",
            ("judul kolom", "judul yang dikenal"),
            "a CSV or text table whose header is none of the exports skp-xl reads: the "
            "headers found and the ones expected; download the export again unchanged, or "
            "take the file out of the folder (an error in `validate`, which cannot check it)",
        ),
        CodeInfo(
            Code.EKSPOR_NIP_DIPULIHKAN,
            _I,
            s,
            "NIP rusak dicocokkan",
            ("nip", "nama", "sumber"),
            "a NIP that Excel stored as a number (its last digits lost) whose 15 remaining "
            "digits and name match exactly one whole NIP elsewhere in the input: the row "
            "counts as that pegawai, once; the damaged cell is still an error to fix",
        ),
    )
    s = Section.TINDAK_LANJUT
    yield from (
        CodeInfo(
            Code.TINDAK_LANJUT_BUKAN_MASUKAN,
            _E,
            s,
            "Berkas bukan masukan tindak lanjut",
            ("berkas",),
            "an input of `skp-xl tindak-lanjut` that is neither a summary workbook, its "
            "Parquet, nor a known e-Kinerja/SIASN export: not used",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_TAHUN_TIDAK_DIKETAHUI,
            _E,
            s,
            "Tahun penilaian tidak diketahui",
            ("berkas", "sel"),
            "no column, title or file name says which year an input rates: its rows are not "
            "used (put the year in the file name, e.g. `ringkasan-2024.xlsx`)",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_BARIS_DILEWATI,
            _I,
            s,
            "Baris tidak dipakai",
            ("berkas", "baris", "alasan"),
            "rows of an input that carry no annual predikat of a pegawai (not the Akhir "
            "period, not counted, not rated, no NIP): how many, and why",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_SATU_TAHUN,
            _W,
            s,
            "Hanya satu tahun",
            ("tahun",),
            "the input holds one year only: the two-years-in-a-row rules cannot apply",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_TAHUN_HILANG,
            _W,
            s,
            "Tahun penilaian tidak ada",
            ("nip", "tahun"),
            "a pegawai has no annual predikat for a year the input covers: a gap breaks "
            '"two years in a row"',
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_SUMBER_BERBEDA,
            _W,
            s,
            "Dua sumber berbeda untuk satu tahun",
            ("nip", "tahun", "sumber", "predikat"),
            "two inputs give one pegawai different predikat for one year; the summary "
            "workbook, else e-Kinerja, else SIASN counts",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_UNIT_BERUBAH,
            _I,
            s,
            "Unit kerja berubah",
            ("nip", "tahun", "unit"),
            "a NIP's unit kerja differs between years (mutasi): the rules follow the NIP",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_JABATAN_BERUBAH,
            _W,
            s,
            "Jenis jabatan atau jenjang berubah",
            ("nip", "tahun", "jabatan"),
            "a NIP's jenis jabatan or JF jenjang differs between years: the latest year's "
            "decides which improvement rule applies",
        ),
        CodeInfo(
            Code.TINDAK_LANJUT_JENIS_TIDAK_DIKENAL,
            _W,
            s,
            "Jenis jabatan tidak dikenal",
            ("nip", "sel", "nilai"),
            "the jenis jabatan (JPT, JA, JF) of a pegawai rated Butuh Perbaikan or worse "
            "cannot be told, so neither improvement rule is applied",
        ),
        CodeInfo(
            Code.ANGKA_KREDIT_TANPA_JENJANG,
            _W,
            s,
            "Jenjang JF tidak diketahui",
            ("nip", "jabatan"),
            "a JF whose jabatan names no jenjang (Ahli Pertama, Terampil...): listed on the "
            "Angka Kredit sheet without angka kredit",
        ),
        CodeInfo(
            Code.ANGKA_KREDIT_JENJANG_BERUBAH,
            _W,
            s,
            "Jenjang JF berubah dalam setahun",
            ("nip", "jenjang", "pilihan"),
            "a JF's jenjang changes within the year: the annual total follows the chosen "
            "rule (`skp-xl angka-kredit --jenjang-berubah`), stated beside it",
        ),
    )
    s = Section.SKP2021
    yield from (
        CodeInfo(
            Code.REGULASI_2021,
            _I,
            s,
            "SKP PermenPANRB 8/2021",
            ("tahun",),
            "an 8/2021 workbook: a plan without rating or predikat, so the 6/2022 "
            "evaluation checks do not apply and it is not counted in a predikat distribution",
        ),
        CodeInfo(
            Code.KATEGORI_2021_KOSONG,
            _W,
            s,
            "Kategori penilaian belum diisi",
            ("sel",),
            "Model Pengembangan JA/JF: a rencana kinerja without its kategori penilaian",
        ),
        CodeInfo(
            Code.KATEGORI_2021_TIDAK_SESUAI,
            _W,
            s,
            "Kategori penilaian tidak sesuai pola 2-5 level",
            ("sel", "nilai"),
            "the levels used are none of the 2-, 3-, 4- or 5-level patterns, or one twice",
        ),
        CodeInfo(
            Code.SUMBER_DATA_KOSONG,
            _W,
            s,
            "Sumber data belum diisi",
            ("sel",),
            "Model Pengembangan JA/JF: no sumber data untuk pemantauan dan pengukuran",
        ),
        CodeInfo(
            Code.PILIHAN_2021_TIDAK_DIKENAL,
            _W,
            s,
            "Pilihan reviu atau verifikasi tidak dikenal",
            ("sel", "nilai", "pilihan"),
            "a Reviu or Verifikasi AK cell holds none of its list's values",
        ),
        CodeInfo(
            Code.VERIFIKASI_AK_TANPA_REKOMENDASI,
            _W,
            s,
            "Tidak Terkait tanpa rekomendasi",
            ("sel",),
            "the Tim Penilai Angka Kredit found a rencana kinerja not linked to a butir "
            "kegiatan but wrote no rekomendasi",
        ),
        CodeInfo(
            Code.ANGKA_KREDIT_BUKAN_ANGKA,
            _E,
            s,
            "Angka kredit bukan angka",
            ("sel", "nilai"),
            "an angka kredit on the Verifikasi AK is not a number of zero or more",
        ),
        CodeInfo(
            Code.MANUAL_IK_2021_KOSONG,
            _W,
            s,
            "Manual indikator kinerja belum lengkap",
            ("sel", "kolom"),
            "JPT: an indikator kinerja of the SKP without its definisi, formula or tujuan "
            "on the Manual IK 2021 sheet (seed 000: Model Dasar Tahap 3, Model "
            "Pengembangan Tahap 4)",
        ),
        CodeInfo(
            Code.DESKRIPSI_RENCANA_2021_KOSONG,
            _W,
            s,
            "Deskripsi rencana kinerja belum diisi",
            ("sel",),
            "JPT: a rencana kinerja of the SKP without its deskripsi on the Manual IK 2021 sheet",
        ),
    )
    s = Section.ROSTER
    yield from (
        CodeInfo(
            Code.ROSTER_TANPA_JUDUL,
            _E,
            s,
            "Judul kolom roster tidak dikenal",
            (),
            "no row among the first 30 names at least `nip` and `nama`: nothing is written",
        ),
        CodeInfo(Code.ROSTER_NAMA_KOSONG, _E, s, "Nama kosong", ("baris",), "a row without a name"),
        CodeInfo(
            Code.ROSTER_NIP_TIDAK_VALID,
            _E,
            s,
            "NIP tidak sah",
            ("baris", "nilai"),
            "the row's NIP is empty or not a valid 18-digit NIP (the reason as `nip-*` says)",
        ),
        CodeInfo(
            Code.ROSTER_NIP_GANDA,
            _E,
            s,
            "NIP ganda",
            ("baris", "baris lain"),
            "two rows hold one NIP; neither is written, each names the other row",
        ),
        CodeInfo(
            Code.ROSTER_PANGKAT_TIDAK_DIKENAL,
            _E,
            s,
            "Pangkat tidak dikenal",
            ("baris", "nilai"),
            "the pangkat/golongan is empty or not one skp-xl knows",
        ),
        CodeInfo(
            Code.ROSTER_JENIS_TIDAK_DIKENAL,
            _E,
            s,
            "Jenis jabatan atau pendekatan tidak dikenal",
            ("baris", "nilai"),
            "jenis_jabatan is not JPT, JA or JF, or pendekatan not kuantitatif or kualitatif",
        ),
        CodeInfo(
            Code.ROSTER_PENILAI_TIDAK_ADA,
            _E,
            s,
            "Pejabat penilai tidak ada di roster",
            ("baris", "nip"),
            "nip_penilai names nobody in the roster (or the unit has no leader)",
        ),
        CodeInfo(
            Code.ROSTER_PENILAI_BERMASALAH,
            _E,
            s,
            "Baris pejabat penilai bermasalah",
            ("baris", "baris penilai"),
            "the pejabat penilai's own row is refused, so this identity cannot be filled",
        ),
        CodeInfo(
            Code.ROSTER_PENILAI_SIKLUS,
            _E,
            s,
            "Penilaian berputar",
            ("baris", "rantai"),
            "who rates whom goes round in a circle (A rates B, B rates A); every row on it",
        ),
        CodeInfo(
            Code.ROSTER_PIMPINAN_GANDA,
            _E,
            s,
            "Dua pimpinan satu unit",
            ("baris", "unit", "baris lain"),
            "a roster that says who leads each unit names two leaders of one unit",
        ),
        CodeInfo(
            Code.ROSTER_TANPA_PENILAI,
            _W,
            s,
            "Tanpa pejabat penilai",
            ("baris",),
            "the head of the agency (no nip_penilai): the pejabat penilai is left to type",
        ),
        CodeInfo(
            Code.ROSTER_DIPERTAHANKAN,
            _I,
            s,
            "Berkas yang sudah diisi dipertahankan",
            ("baris", "berkas"),
            "a re-run kept a workbook the pegawai already started filling (use --force)",
        ),
        CodeInfo(
            Code.ROSTER_GAGAL_DITULIS,
            _E,
            s,
            "Berkas gagal ditulis",
            ("baris", "berkas", "alasan"),
            "the workbook could not be written (disk, permission); nothing partial is left",
        ),
        CodeInfo(
            Code.ROSTER_MATRIKS_TERPOTONG,
            _W,
            s,
            "Matriks tidak memuat semua bawahan",
            ("baris", "jumlah", "maks"),
            "a leader rates more pegawai than a Matriks Peran Hasil holds: the first are "
            "listed, the rest are typed by hand or split over a second Matriks",
        ),
    )


_LIST_CODES = frozenset(
    {
        Code.ASPEK_TIDAK_DIKENAL,
        Code.ASPEK_KOSONG,
        Code.PERSPEKTIF_TIDAK_DIKENAL,
        Code.PERSPEKTIF_KOSONG,
        Code.KUALITAS_KENDALI_TIDAK_DIKENAL,
        Code.CAPAIAN_ORGANISASI_TIDAK_DIKENAL,
        Code.RATING_TIDAK_DIKENAL,
    }
)
"""The closed-list codes a workbook check can emit: ``kualitas-kendali`` and ``rating``
have their own, more specific empty-cell codes (``kendali-kosong``, ``rating-kosong``), and
an empty capaian is a warning (``capaian-organisasi-kosong``)."""

UNREADABLE = frozenset(
    {
        Code.BERKAS_TIDAK_ADA,
        Code.BERKAS_FOLDER,
        Code.BERKAS_TIDAK_TERBACA,
        Code.BERKAS_KOSONG,
        Code.BERKAS_RUSAK,
        Code.BERKAS_BUKAN_EXCEL,
        Code.BERKAS_XLS,
        Code.BERKAS_XLSB,
        Code.BERKAS_ODS,
        Code.BERKAS_TERENKRIPSI,
        Code.BERKAS_TERLALU_BESAR,
        Code.BERKAS_XML_BERBAHAYA,
        Code.BERKAS_RENTANG_BESAR,
        Code.BUKAN_SKP_XL,
        Code.EKSPOR_KEPALA_TIDAK_DIKENAL,
        Code.TEMPLAT_TIDAK_DIKENAL,
        Code.TEMPLAT_VERSI_TIDAK_DIKENAL,
        Code.GALAT_INTERNAL,
        Code.BERKAS_WAKTU_HABIS,
        Code.BERKAS_MEMORI_HABIS,
        Code.BERKAS_PROSES_BERHENTI,
    }
)
"""Codes meaning the file could not be read as an SKP at all (``validate`` exits 2)."""

REGISTRY: MappingProxyType[str, CodeInfo] = MappingProxyType({e.code: e for e in _entries()})
"""Every finding code, in the order of docs/findings.md."""


def is_registered(code: str) -> bool:
    """Whether ``code`` is a registered finding code."""
    return code in REGISTRY


# -- docs/findings.md ---------------------------------------------------------------------

_INTRO = """\
# Finding codes

Every problem skp-xl reports is a finding: a stable code (programs match on it), a severity,
the file, sheet and cell, and an Indonesian message saying what is wrong and what to do.
Only `error` makes a workbook invalid (`skp-xl validate` exits 1); `warning` and `info`
are advice. This file is generated from the registry in `skp_xl/domain/codes.py`
(`python scripts/findings_doc.py`); a test (`tests/test_finding_codes.py`)
keeps it, the registry and the code in step.
"""

_BEFORE = {
    Section.BERKAS: "Checked before anything is parsed, within size and time limits. An "
    "unreadable file gives\nexactly one finding and is not read further; `validate` exits 2 "
    "for it.\n",
    Section.TABEL: "`skp-xl predikat --csv` checks each row of a CSV table of ratings; "
    "besides these, a row\ncan have the NIP codes, `rating-tidak-dikenal`, `rating-kosong` "
    "and `label-varian` above.\n",
}
_AFTER = {
    Section.INSTANSI: "The `skema-*` codes come from checking the Pegawai table against its "
    "pandera model\n(`skp_xl/summary/skema.py`, lazily: every failure, not the first): one "
    "code per column whose\nvalues come from the workbooks, so the Temuan sheet can be "
    "filtered on what to fix. A file's\nrows of several periods share their identity cells, "
    "so such a failure is reported once.\n",
    Section.SKP: "`<list>` is one of "
    + ", ".join(f"`{k}`" for k in CLOSED_LISTS)
    + ".\n\nSection 11 asks for more than a single workbook can show: administrators, "
    "pengawas and\nteam-leading JF should have outputs of at least medium control, "
    "pelaksana of high\ncontrol. The JA/JF formats have no kendali column (only the JPT "
    "Manual IKI does), so\nthose two checks are not made; the cascading checks below are "
    "made across workbooks.\n",
}


def _rows(entries: Iterable[CodeInfo]) -> Iterator[str]:
    """One table row per run of codes sharing severity and meaning, as the docs group them."""
    for (severity, meaning), run in groupby(entries, key=lambda e: (e.severity, e.meaning)):
        if meaning == _LIST_MEANING:
            codes = "`<list>-tidak-dikenal`, `<list>-kosong`"
        else:
            codes = ", ".join(f"`{e.code}`" for e in run)
        yield f"| {codes} | {severity} | {meaning} |"


def render_docs() -> str:
    """The text of docs/findings.md, from :data:`REGISTRY`."""
    parts = [_INTRO]
    for section in Section:
        entries = [e for e in REGISTRY.values() if e.section is section]
        table = "\n".join(["| code | severity | meaning |", "|---|---|---|", *_rows(entries)])
        before = _BEFORE.get(section)
        parts.append(f"## {section.value}\n")
        if before:
            parts.append(before)
        parts.append(table + "\n")
        after = _AFTER.get(section)
        if after:
            parts.append(after)
    index = [
        "## Every code\n",
        "Each code once, with its Indonesian title and what its message names (besides the "
        "file).\n",
        "| code | severity | judul | message names |\n|---|---|---|---|\n"
        + "\n".join(
            f"| `{e.code}` | {e.severity} | {e.judul} | {', '.join(e.fields) or '-'} |"
            for e in REGISTRY.values()
        )
        + "\n",
    ]
    return "\n".join(parts + index)
