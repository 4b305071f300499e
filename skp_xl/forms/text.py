"""The words the official forms print, verbatim from the PermenPANRB 6/2022 guides.

Sources: the Karawang e-book of formats A.1.1-A.1.8, C.1.1 and C.1.3, and the KemenPANRB
slides (Umpan Balik Berkala, Evaluasi JPT kuantitatif, Dokumen Evaluasi Kinerja Pegawai).
Kept in one place so every form prints the same text; spelling as in the sources
(including "SD" for "sampai dengan").
"""

from __future__ import annotations

from dataclasses import dataclass

SASARAN_KINERJA_PEGAWAI = "SASARAN KINERJA PEGAWAI"
PENDEKATAN_KUALITATIF = "PENDEKATAN HASIL KERJA KUALITATIF"
PENDEKATAN_KUANTITATIF = "PENDEKATAN HASIL KERJA KUANTITATIF"
BAGI_JPT = "BAGI PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
BAGI_JA_JF = "BAGI PEJABAT ADMINISTRASI DAN PEJABAT FUNGSIONAL"
MANUAL_IKI = "MANUAL INDIKATOR KINERJA"
MANUAL_IKI_BAGI = "SKP PEJABAT PIMPINAN TINGGI DAN PIMPINAN UNIT KERJA MANDIRI"
LAMPIRAN_SKP = "LAMPIRAN SASARAN KINERJA PEGAWAI"
UMPAN_BALIK_BERKALA = "UMPAN BALIK BERKALA"
HASIL_EVALUASI = "HASIL EVALUASI KINERJA PEGAWAI"
DOKUMEN_EVALUASI = "DOKUMEN EVALUASI KINERJA PEGAWAI"
MATRIKS = "MATRIKS PEMBAGIAN PERAN DAN HASIL"
WORKBLOCK = "WORKBLOCK UNTUK IDENTIFIKASI STRATEGI PENCAPAIAN HASIL KERJA"

PEGAWAI_YANG_DINILAI = "PEGAWAI YANG DINILAI"
PEJABAT_PENILAI = "PEJABAT PENILAI KINERJA"
ATASAN_PEJABAT_PENILAI = "ATASAN PEJABAT PENILAI KINERJA"
IDENTITAS_LABELS = ("NAMA", "NIP", "PANGKAT/ GOL. RUANG", "JABATAN", "UNIT KERJA")
NIP_OPSIONAL = "NIP (*opsional)"

HASIL_KERJA = "HASIL KERJA"
UTAMA = "A. UTAMA"
TAMBAHAN = "B. TAMBAHAN"
PERILAKU_KERJA = "PERILAKU KERJA"
EKSPEKTASI_KHUSUS = "Ekspektasi Khusus Pimpinan:"
CATATAN_EKSPEKTASI = (
    "* Pimpinan dapat memberikan Ekspektasi khusus terhadap satu atau lebih aspek perilaku "
    "kerja Pegawai."
)
UKURAN_KEBERHASILAN_JPT = "Ukuran keberhasilan/ Indikator Kinerja Individu, Target, dan Perspektif:"
UKURAN_KEBERHASILAN_JA_JF = "Ukuran keberhasilan/ indikator kinerja individu dan Target:"
# A.1.1 words the hint by priority: "tinggi" for the utama, "rendah" for the tambahan.
PETUNJUK_HASIL_KERJA_JPT = (
    "(Hasil yang diharapkan dengan prioritas tinggi disertai dengan Jabatan Pimpinan yang "
    "memberikan penugasan)",
    "(Hasil yang diharapkan dengan prioritas rendah disertai dengan Jabatan Pimpinan yang "
    "memberikan penugasan)",
)
PETUNJUK_HASIL_KERJA_JA_JF = (
    "(Hasil yang diharapkan disertai dengan Jabatan Pimpinan/ Tim Kerja yang memberikan penugasan)"
)

NO = "NO"
NO_A17 = "NO."  # A.1.7 prints the number header with a full stop
NO_C13 = "No."  # and C.1.3 in title case (seed 001)
RENCANA_HASIL_KERJA_PIMPINAN = "RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI"
RENCANA_HASIL_KERJA = "RENCANA HASIL KERJA"
ASPEK = "ASPEK"
INDIKATOR_KINERJA_INDIVIDU = "INDIKATOR KINERJA INDIVIDU"
TARGET = "TARGET"
PERSPEKTIF = "PERSPEKTIF"
REALISASI = "REALISASI BERDASARKAN BUKTI DUKUNG"
UMPAN_BALIK_BERKELANJUTAN = "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG"
CAPAIAN_DAN_DATA_DUKUNG = "CAPAIAN DAN DATA DUKUNG"
UMPAN_BALIK_BERDASARKAN_BUKTI = "UMPAN BALIK BERKALA BERDASARKAN BUKTI DUKUNG"
# The Umpan Balik Berkala slides (seed 002) print English glosses beside the headings.
HASIL_KERJA_RESULT = "HASIL KERJA/ RESULT"
# A.1.7 stars its two headings and explains both under the signatures: the DIINTERVENSI
# note as the slides word it (seed 002), the ekspektasi note as A.1.6 does (seed 001).
PERILAKU_KERJA_A17 = "PERILAKU KERJA**"
CATATAN_DIINTERVENSI = (
    "*Dalam hal JF mengintervensi kinerja JPT/ Pimpinan Unit Kerja Mandiri/ Organisasi maka "
    "dituliskan Rencana Kinerja beserta Indikator Kinerja JPT/Pimpinan Unit Kerja Mandiri "
    "atau Sasaran dan Indikator Kinerja Organisasi yang diintervensi"
)
CATATAN_EKSPEKTASI_A17 = (
    "** Pimpinan dapat memberikan Ekspektasi khusus terhadap satu atau lebih aspek perilaku "
    "kerja Pegawai."
)
# The Evaluasi JPT kuantitatif slides (seed 002) word their form their own way.
LAMPIRAN_EVALUASI = "LAMPIRAN EVALUASI KINERJA PEGAWAI"
HASIL_KERJA_JPT = "A. HASIL KERJA"
UTAMA_JPT = "A. HASIL KERJA UTAMA"
TAMBAHAN_JPT = "B. HASIL KERJA TAMBAHAN"
REALISASI_JPT = "REALISASI"
PEJABAT_PENILAI_EVALUASI_TTD = "Pejabat Penilai,"
PILIH_SALAH_SATU = "*pilih salah satu"
PERIODE_PILIH = "PERIODE (pilih, tidak dicetak):"
"""Our words: the label of the period input beside the Umpan Balik and Dokumen Evaluasi."""
PERILAKU_KERJA_BEHAVIOUR = "PERILAKU KERJA / BEHAVIOUR*"
UKURAN_KEBERHASILAN_UMPAN_BALIK = "Ukuran keberhasilan/ Indikator Kinerja dan Target:"
CATATAN_EKSPEKTASI_UMPAN_BALIK = (
    "* Pimpinan dapat memberikan ekspektasi khusus pegawai terhadap satu atau lebih aspek "
    "perilaku kerja"
)

CAPAIAN_KINERJA_ORGANISASI = "CAPAIAN KINERJA ORGANISASI"
POLA_DISTRIBUSI = "POLA DISTRIBUSI"
RATING_HASIL_KERJA = "RATING HASIL KERJA"
RATING_PERILAKU_KERJA = "RATING PERILAKU KERJA"
PREDIKAT_KINERJA_PEGAWAI = "PREDIKAT KINERJA PEGAWAI"

DUKUNGAN_SUMBER_DAYA = "DUKUNGAN SUMBER DAYA"
SKEMA_PERTANGGUNGJAWABAN = "SKEMA PERTANGGUNGJAWABAN"
KONSEKUENSI = "KONSEKUENSI"
PETUNJUK_DUKUNGAN = "(dalam rangka memenuhi ekspektasi Pimpinan, maka Pegawai membutuhkan)"
PETUNJUK_SKEMA = (
    "(hasil kerja dilaporkan setiap hari/ mingguan/ bulanan/... berikut data yang "
    "dilaporkan adalah)"
)
PETUNJUK_KONSEKUENSI = (
    "(apabila memenuhi ekspektasi Pimpinan maka....)",
    "(apabila tidak memenuhi ekspektasi Pimpinan maka....)",
)

MANUAL_IKI_FIELDS = (
    "RENCANA KERJA",
    "UKURAN KEBERHASILAN/ INDIKATOR KINERJA",
    "TUJUAN",
    "DESKRIPSI: Definisi",
    "DESKRIPSI: Formula (opsional bagi pendekatan hasil kerja kualitatif)",
    "SATUAN PENGUKURAN (opsional bagi pendekatan hasil kerja kualitatif)",
    "KUALITAS DAN TINGKAT KENDALI",
    "SUMBER DATA",
    "PERIODE PELAPORAN",
)

WORKBLOCK_FIELDS = (
    ("JUDUL INISIATIF STRATEGI PENCAPAIAN IKU", "INDIKATOR DAN TARGET YANG DIINTERVENSI"),
    ("PEMILIK STRATEGI", "PIHAK YANG TERLIBAT"),
    ("WAKTU PENYELESAIAN", "PENERIMA MANFAAT"),
    ("TUJUAN", "ANGGARAN"),
)
STRATEGI = "STRATEGI (KEY ACTIVITIES)"
KELUARAN_KUNCI = "KELUARAN KUNCI (KEY MILESTONE)"
RUTIN = "A. RUTIN"
TRANSFORMATIF = "B. TRANSFORMATIF"

MATRIKS_PEGAWAI = "PEGAWAI"
MATRIKS_JABATAN = "JABATAN"
MATRIKS_PERAN = "OUTCOME ANTARA/ OUTPUT/ LAYANAN"
TIDAK_ADA_PERAN = "TIDAK ADA PERAN"

CATATAN_REKOMENDASI = "CATATAN/REKOMENDASI"
EVALUASI_KINERJA = "EVALUASI KINERJA"

TEMPAT_TANGGAL = "(tempat), (tanggal, bulan, tahun)"
PEGAWAI_YANG_DINILAI_TTD = "Pegawai yang Dinilai"
PEJABAT_PENILAI_TTD = "Pejabat Penilai Kinerja"
ATASAN_PEJABAT_PENILAI_TTD = "Atasan Pejabat Penilai Kinerja"


@dataclass(frozen=True, slots=True)
class NilaiBerakhlak:
    """One BerAKHLAK core value with its three guidance lines (fixed by regulation)."""

    nama: str
    panduan: tuple[str, str, str]

    @property
    def teks(self) -> str:
        """The value and its guidance as the forms print them, one line each."""
        return "\n".join([self.nama, *(f"- {line}" for line in self.panduan)])


# Verbatim from Format A.1.1 (seed 001); A.1.7's "Bertindak proaktif" for value 7 is an
# extraction error of that document: the value is Kolaboratif.
BERAKHLAK = (
    NilaiBerakhlak(
        "Berorientasi pelayanan",
        (
            "Memahami dan memenuhi kebutuhan masyarakat",
            "Ramah, cekatan, solutif, dan dapat diandalkan",
            "Melakukan perbaikan tiada henti",
        ),
    ),
    NilaiBerakhlak(
        "Akuntabel",
        (
            "Melaksanakan tugas dengan jujur, bertanggung jawab, cermat, disiplin, dan "
            "berintegritas tinggi",
            "Menggunakan kekayaan dan barang milik negara secara bertanggung jawab, efektif, "
            "dan efisien.",
            "Tidak menyalahgunakan kewenangan jabatan",
        ),
    ),
    NilaiBerakhlak(
        "Kompeten",
        (
            "Meningkatkan kompetensi diri untuk menjawab tantangan yang selalu berubah",
            "Membantu orang lain belajar",
            "Melaksanakan tugas dengan kualitas terbaik",
        ),
    ),
    NilaiBerakhlak(
        "Harmonis",
        (
            "Menghargai setiap orang apapun latar belakangnya",
            "Suka menolong orang lain",
            "Membangun lingkungan kerja yang kondusif",
        ),
    ),
    NilaiBerakhlak(
        "Loyal",
        (
            "Memegang teguh ideologi Pancasila, Undang-Undang Dasar Negara Republik Indonesia "
            "Tahun 1945, setia pada Negara Kesatuan Republik Indonesia serta pemerintahan yang "
            "sah",
            "Menjaga nama baik sesama ASN, Pimpinan, Instansi, dan Negara",
            "Menjaga rahasia jabatan dan negara",
        ),
    ),
    NilaiBerakhlak(
        "Adaptif",
        (
            "Cepat menyesuaikan diri menghadapi perubahan",
            "Terus berinovasi dan mengembangkan kreativitas",
            "Bertindak proaktif",
        ),
    ),
    NilaiBerakhlak(
        "Kolaboratif",
        (
            "Memberi kesempatan kepada berbagai pihak untuk berkontribusi",
            "Terbuka dalam bekerja sama untuk menghasilkan nilai tambah",
            "Menggerakkan pemanfaatan berbagai sumberdaya untuk tujuan bersama",
        ),
    ),
)
"""The seven BerAKHLAK values, in the order every form lists them."""

PERAN_LABEL = {
    "PEGAWAI": PEGAWAI_YANG_DINILAI,
    "PENILAI": PEJABAT_PENILAI,
    "ATASAN": ATASAN_PEJABAT_PENILAI,
}
"""Heading of each person of an SKP in the identity header and on the Identitas sheet."""
PERAN_TTD = {
    "PEGAWAI": PEGAWAI_YANG_DINILAI_TTD,
    "PENILAI": PEJABAT_PENILAI_TTD,
    "ATASAN": ATASAN_PEJABAT_PENILAI_TTD,
}
"""Caption of each person above a signature."""

# The Identitas sheet and the Petunjuk of the SKP workbook: our words, not the guide's.
IDENTITAS_SKP = "IDENTITAS SKP"
IDENTITAS_CATATAN = (
    "Isi sekali di sini; semua formulir menampilkannya. Sel kuning wajib diisi. "
    "NIP ditulis 18 digit tanpa spasi."
)
CONTOH_NIP = "18 digit, mis. 198503122010011003"
CONTOH_PANGKAT = "pilih dari daftar, mis. Penata Muda, III/a (PPPK: IX)"
CONTOH_PRO_RATA = "Ya: target periode = bagian tahunan (TW I: 1/4)"
"""Short: the hint must fit the printed page; docs/rules.md says the rest."""
LAIN_LAIN = "LAIN-LAIN"
PETUNJUK_SKP = "PETUNJUK PENGISIAN SKP"
PETUNJUK_SKP_LANGKAH = (
    "1. Isi sheet Identitas: pegawai, pejabat penilai, atasan pejabat penilai, instansi, "
    "tahun. Semua formulir menampilkannya otomatis.",
    "2. Isi sheet SKP: hasil kerja utama (minimal satu) dan tambahan, dengan indikator "
    "kinerja individu dan target. Pada pendekatan kuantitatif, target diisi di ISIAN BANTU "
    "di kanan formulir (angka, angka s.d. bila rentang, satuan); kolom TARGET tercetak "
    "otomatis, mis. '20 perangkat daerah' atau '90 - 95%'.",
    "3. Isi Ekspektasi Khusus Pimpinan pada perilaku kerja bila ada, dan Lampiran "
    "(dukungan sumber daya, skema pertanggungjawaban, konsekuensi).",
    "4. Setiap triwulan isi sheet Evaluasi: capaian kinerja organisasi, realisasi dan "
    "umpan balik per hasil kerja, umpan balik perilaku, rating hasil kerja dan rating "
    "perilaku. Predikat kinerja dihitung otomatis dengan kuadran kinerja.",
    "5. Kolom Saran rating (di kanan, tidak dicetak) menunjukkan rating hasil kerja yang "
    "disarankan dari penilaian tiap hasil kerja; sel rating berwarna jingga bila pilihan "
    "berbeda dengan saran. Keputusan tetap pada pejabat penilai kinerja.",
    "6. Sel kuning: wajib diisi dan masih kosong. Sel lain terkunci (tanpa kata sandi "
    "bawaan) agar rumus tidak terhapus.",
    "7. Cetak: setiap formulir sudah diatur A4, muat selebar halaman, dengan nomor halaman.",
)
"""The filling steps of an SKP workbook, one numbered line each."""
PETUNJUK_CETAK_LANGSUNG = (
    "Dicetak langsung (Ctrl+P), setiap blok tercetak, juga yang kosong, dengan baris "
    "setinggi teks terpanjang yang diizinkan ({batas}); cetakan ringkas (blok kosong "
    "disembunyikan, baris setinggi teksnya): perintah skp-xl cetak atau tombol Ekspor PDF."
)
"""Follows step 7 ("Cetak") of the Petunjuk: what printing the workbook itself gives
(docs/print.md); ``batas`` names the limits."""
BATAS_KUANTITATIF = "rencana hasil kerja {rhk} karakter, indikator kinerja individu {iki}"
BATAS_KUALITATIF = "hasil kerja {rhk} karakter, ukuran keberhasilan {ukuran}"
PETUNJUK_TARGET_PERIODE = (
    "8. Target periode (pendekatan kuantitatif). Pada sheet Evaluasi setiap periode selain "
    "Akhir, isi ISIAN BANTU 'Target periode (angka)' dengan target trajectory periode itu: "
    "satu angka dalam satuan target tahunan, mis. 5 bila target tahunan 20 dokumen dan "
    "sampai akhir periode itu direncanakan 5 dokumen. Boleh diisi pegawai atau pejabat "
    "penilai kinerja. Realisasi periode dinilai terhadap target ini.",
    "9. Bila Target periode kosong: target persen (%) memakai target tahunan; target waktu "
    "atau biaya menjadi 'Progres'; target jumlah memakai bagian target tahunan (TW I: 1/4, "
    "TW II: 2/4, bulan Maret: 3/12) bila TARGET PERIODIK PRO RATA di sheet Identitas "
    "(SKP_TARGET_PRO_RATA) = Ya, dan menjadi 'Progres' bila Tidak (bawaan).",
    "10. 'Progres' artinya realisasi ditampilkan tetapi belum dinilai: tidak dihitung dalam "
    "penilaian hasil kerja dan saran rating, tidak membuat sel rating berwarna jingga, dan "
    "tidak menjadi temuan. Evaluasi Akhir selalu dinilai terhadap target tahunan.",
)
"""The Petunjuk of a kuantitatif workbook explains the period targets (docs/rules.md)."""
PROMPT_TARGET_ANGKA = (
    "Target tahunan sebagai angka saja, dalam satuan di kolom Satuan: mis. 20 untuk "
    "'20 dokumen', 90 untuk '90%' (tanpa tanda %). Rumus capaian dan predikat memakai angka "
    "ini; kalimat target yang dicetak tetap di kolom target formulir."
)
"""Input message of a Target (angka) cell."""
PROMPT_TARGET_MAKS = (
    "Isi hanya bila target berupa rentang: batas atasnya, mis. 80 untuk '70-80%'. Kosongkan "
    "bila target satu angka."
)
"""Input message of the upper end of a target range."""
PROMPT_SATUAN = "Satuan target, mis. dokumen, laporan, %, hari, bulan, rupiah."
"""Input message of a Satuan cell."""
PROMPT_ARAH = (
    "Semakin besar semakin baik: jumlah, persen, nilai. Semakin kecil semakin baik: waktu, "
    "biaya, jumlah kesalahan. Kosong: arah bawaan di judul kolom."
)
"""Input message of an Arah cell."""
PROMPT_REALISASI_ANGKA = (
    "Realisasi periode ini sebagai angka dalam satuan target, mis. 93 untuk 93% (tanpa tanda "
    "%: '93%' dibaca Excel sebagai 0,93). Kalimat realisasi di kolom Realisasi."
)
"""Input message of a Realisasi (angka) cell."""
CONTOH_PANJANG = (
    "Persentase dokumen kepegawaian yang diselesaikan tepat waktu sesuai standar "
    "pelayanan dan diterima oleh unit kerja pengguna "
)
"""Ordinary Indonesian text, repeated to size rows for a text of the longest allowed length."""
PANJANG_MAKS = "Teks paling banyak {maks} karakter, agar tercetak utuh di formulir evaluasi."
"""Error message of a text longer than its column's limit (``Kolom.maks``)."""
PROMPT_PANJANG = (
    "Paling banyak {maks} karakter: formulir lain (Evaluasi, Umpan Balik) menyalin teks ini "
    "dan barisnya disiapkan untuk teks sepanjang itu."
)
"""Input message of a text column with a limit (``Kolom.maks``)."""
PROMPT_TARGET_PERIODE = (
    "Target periode ini: satu angka dalam satuan target tahunan, mis. 5 (dari 20 dokumen). "
    "Kosong: persen memakai target tahunan; jumlah dibagi rata bila PRO RATA di Identitas "
    "= Ya, selain itu Progres (tidak dinilai)."
)
"""Input message of a Target periode cell; Excel shows at most 255 characters."""
