"""Word lists of the fictional agency: names, units, jabatan and the texts of its plans.

Every person, unit and institution here is invented. Names are common Indonesian given
names and family names combined at random; none belongs to a public figure on purpose.
"""

from __future__ import annotations

from typing import Final

from skp_xl.domain.angka_kredit import JenjangJf

INSTANSI: Final = "Badan Riset Kelautan Nusantara"
"""The fictional agency."""
KEPALA_JABATAN: Final = "Kepala Badan Riset Kelautan Nusantara"
TEMPAT: Final = "Jakarta"
"""Where the forms are signed."""

MENTERI_NAMA: Final = "Ir. Hendrawan Adiwangsa Kusumo, M.Sc."
"""The fictional minister who rates the kepala: a pejabat negara, with neither NIP nor
pangkat."""
MENTERI_JABATAN: Final = "Menteri Riset dan Kemaritiman"
MENTERI_UNIT_KERJA: Final = "Kementerian Riset dan Kemaritiman"

NAMA_LAKI: Final = (
    "Agus", "Andi", "Arif", "Bayu", "Budi", "Dani", "Dimas", "Eko", "Fajar", "Fikri",
    "Galih", "Hadi", "Hendra", "Heru", "Ilham", "Irfan", "Iwan", "Johan", "Kevin", "Rahmat",
    "Reza", "Rizki", "Rudi", "Satria", "Taufik", "Teguh", "Wahyu", "Yoga", "Yusuf", "Zaki",
    "Aditya", "Bagus", "Danang", "Fauzan", "Gilang", "Hafiz", "Imam", "Lukman", "Nanda",
    "Prasetyo",
)  # fmt: skip
NAMA_PEREMPUAN: Final = (
    "Ayu", "Citra", "Dewi", "Dian", "Eka", "Endah", "Fitri", "Indah", "Intan", "Laras",
    "Maya", "Mega", "Nabila", "Novi", "Nur", "Putri", "Rahma", "Ratih", "Ratna", "Rina",
    "Sekar", "Siti", "Sri", "Tuti", "Wulan", "Yanti", "Yuni", "Anisa", "Bunga", "Dinda",
    "Farah", "Hana", "Kirana", "Lestari", "Melati", "Nadia", "Puspa", "Salsabila", "Tiara",
    "Vina",
)  # fmt: skip
NAMA_TENGAH_LAKI: Final = ("Dwi", "Tri", "Adi", "Ari", "Nur", "Budi", "Putra", "Eka", "Rizky")
NAMA_TENGAH_PEREMPUAN: Final = ("Dwi", "Tri", "Ayu", "Nur", "Sri", "Putri", "Eka", "Dewi")
NAMA_KELUARGA_LAKI: Final = (
    "Santoso", "Wibowo", "Saputra", "Pratama", "Hidayat", "Nugroho", "Setiawan", "Gunawan",
    "Kurniawan", "Susanto", "Wijaya", "Hermawan", "Purnomo", "Kusuma", "Permana",
    "Ramadhan", "Maulana", "Firmansyah", "Syahputra", "Hakim", "Suryana", "Prakoso",
    "Wicaksono", "Nugraha", "Utomo",
)  # fmt: skip
MARGA: Final = (
    "Siregar", "Nasution", "Harahap", "Simanjuntak", "Sinaga", "Lubis", "Tanjung",
    "Pasaribu", "Hutapea", "Sembiring", "Tarigan", "Manurung", "Rangkuti", "Daulay", "Halim",
)  # fmt: skip
"""Family names borne by women and men alike."""
NAMA_KELUARGA_PEREMPUAN: Final = (
    "Rahayu", "Lestari", "Handayani", "Wulandari", "Puspitasari", "Kartikasari",
    "Anggraini", "Safitri", "Maharani", "Pertiwi", "Susanti", "Yuliani", "Purwanti",
    "Septiani", "Oktaviani", "Permatasari", "Damayanti", "Novitasari",
)  # fmt: skip

GELAR_DEPAN: Final = {"jpt": ("Dr. ", "Dr. ", "Ir. ", ""), "ahli": ("", "", "", "Dr. ")}
GELAR_BELAKANG: Final = {
    "jpt": (", M.Si.", ", M.T.", ", M.Sc.", ", M.M.", ", M.A.P."),
    "administrator": (", S.E., M.M.", ", S.T., M.T.", ", S.Si., M.Si.", ", S.H., M.H."),
    "pengawas": (", S.E.", ", S.T.", ", S.Kom.", ", S.Si.", ", S.A.P."),
    "ahli": (", S.Si.", ", M.Si.", ", S.Kom.", ", S.E.", ", S.T.", ", M.Sc.", ", S.H."),
    "terampil": (", A.Md.", ", A.Md.", ""),
    "pelaksana": ("", ", A.Md.", ", S.E.", ", S.Kom.", ", S.A.P."),
}


# -- units -------------------------------------------------------------------------------

# A top unit: (name, kind, the subject its plans speak of). Kinds decide the names of the
# sub-units and the jabatan fungsional found there.
UNIT_UTAMA: Final = (
    ("Biro Umum dan Keuangan", "biro", "layanan umum dan keuangan"),
    ("Pusat Riset Oseanografi", "pusat", "riset oseanografi"),
    ("Pusat Riset Perikanan Berkelanjutan", "pusat", "riset perikanan berkelanjutan"),
    ("Direktorat Data dan Informasi Kelautan", "direktorat", "layanan data kelautan"),
    ("Inspektorat", "inspektorat", "pengawasan intern"),
)
"""The units of the default agency, in order."""

BIRO: Final = (
    ("Biro Perencanaan dan Kerja Sama", "perencanaan dan kerja sama"),
    ("Biro Sumber Daya Manusia", "pengelolaan sumber daya manusia"),
    ("Biro Hukum dan Hubungan Masyarakat", "layanan hukum dan kehumasan"),
)
TOPIK_RISET: Final = (
    "Bioteknologi Kelautan", "Geologi Laut", "Ekologi Pesisir", "Budidaya Laut",
    "Mitigasi Bencana Pesisir", "Mineral Laut", "Terumbu Karang", "Energi Laut",
    "Sosial Ekonomi Kelautan", "Pengolahan Hasil Perikanan", "Hidrografi", "Iklim Maritim",
    "Kesehatan Ikan", "Rumput Laut", "Laut Dalam",
)  # fmt: skip
TOPIK_DIREKTORAT: Final = (
    "Standardisasi Riset", "Infrastruktur Riset", "Diseminasi Hasil Riset",
    "Kemitraan Industri Kelautan", "Pengelolaan Kapal Riset", "Perizinan Riset",
    "Kekayaan Intelektual", "Laboratorium Terpadu", "Pemantauan Laut", "Pelatihan Teknis",
)  # fmt: skip
WILAYAH: Final = ("Wilayah Barat", "Wilayah Tengah", "Wilayah Timur")

SUB_UNIT: Final = {
    "biro": ("Bagian", "Subbagian"),
    "inspektorat": ("Bagian", "Subbagian"),
    "pusat": ("Bidang", "Subbidang"),
    "balai": ("Bidang", "Seksi"),
    "direktorat": ("Subdirektorat", "Seksi"),
}
"""Kind of a top unit -> (its administrator sub-units, their pengawas sub-units)."""
SUB_UNIT_NAMA: Final = {
    "biro": (
        "Umum", "Keuangan", "Kepegawaian", "Perencanaan", "Tata Usaha", "Hukum",
        "Hubungan Masyarakat", "Kerja Sama", "Barang Milik Negara", "Organisasi",
    ),
    "inspektorat": ("Tata Usaha", "Evaluasi Pengawasan", "Perencanaan Pengawasan", "Umum"),
    "pusat": (
        "Program dan Evaluasi", "Pelayanan Riset", "Sarana Riset", "Diseminasi",
        "Kerja Sama Riset", "Data Riset", "Laboratorium",
    ),
    "balai": (
        "Program dan Evaluasi", "Pelayanan Teknis", "Sarana Riset", "Diseminasi",
        "Pengujian", "Tata Usaha",
    ),
    "direktorat": (
        "Pengumpulan Data", "Pengolahan Data", "Layanan Informasi", "Standardisasi",
        "Infrastruktur Data", "Analisis", "Pemantauan",
    ),
}  # fmt: skip
SUB_SUB_UNIT_NAMA: Final = {
    "administrasi": (
        "Tata Usaha", "Rumah Tangga", "Perbendaharaan", "Akuntansi", "Pengadaan", "Arsip",
        "Protokol", "Mutasi", "Pengembangan Pegawai", "Anggaran", "Pelaporan", "Verifikasi",
    ),
    "teknis": (
        "Program", "Pelaporan", "Pemantauan", "Verifikasi", "Publikasi", "Dokumentasi",
        "Layanan Teknis", "Pengujian", "Pengumpulan Data", "Analisis", "Kerja Sama",
        "Sarana",
    ),
}  # fmt: skip
"""Names of the pengawas sub-units: of a biro or inspektorat, or of the other units."""


# -- jabatan -----------------------------------------------------------------------------

PELAKSANA: Final = (
    ("Pengadministrasi Perkantoran", ("II/a", "II/b", "II/c", "II/d")),
    ("Operator Layanan Operasional", ("II/a", "II/b", "II/c")),
    ("Pengolah Data dan Informasi", ("II/c", "II/d", "III/a", "III/b")),
    ("Pengelola Layanan Operasional", ("II/c", "II/d", "III/a")),
    ("Penata Layanan Operasional", ("III/a", "III/b", "III/c")),
    ("Penelaah Teknis Kebijakan", ("III/a", "III/b", "III/c", "III/d")),
)
"""Jabatan pelaksana and the golongan they are held at."""

AHLI: Final = (JenjangJf.AHLI_PERTAMA, JenjangJf.AHLI_MUDA, JenjangJf.AHLI_MADYA)
TERAMPIL: Final = (JenjangJf.TERAMPIL, JenjangJf.MAHIR, JenjangJf.PENYELIA)
FUNGSIONAL: Final = {
    "biro": (
        ("Analis Sumber Daya Manusia Aparatur", AHLI),
        ("Analis Pengelolaan Keuangan APBN", AHLI[:2]),
        ("Perencana", AHLI),
        ("Arsiparis", (JenjangJf.TERAMPIL, JenjangJf.MAHIR, JenjangJf.AHLI_PERTAMA)),
        ("Pranata Keuangan APBN", TERAMPIL),
        ("Pranata Hubungan Masyarakat", AHLI[:2]),
        ("Analis Hukum", AHLI[:2]),
    ),
    "inspektorat": (
        ("Auditor", AHLI),
        ("Auditor", (JenjangJf.TERAMPIL, JenjangJf.MAHIR)),
        ("Analis Kebijakan", AHLI[:2]),
    ),
    "pusat": (
        ("Peneliti", (*AHLI, JenjangJf.AHLI_UTAMA)),
        ("Teknisi Litkayasa", TERAMPIL),
        ("Perekayasa", AHLI),
    ),
    "balai": (
        ("Peneliti", AHLI),
        ("Teknisi Litkayasa", (JenjangJf.PEMULA, *TERAMPIL)),
        ("Perekayasa", AHLI[:2]),
    ),
    "direktorat": (
        ("Pranata Komputer", (JenjangJf.TERAMPIL, JenjangJf.MAHIR, *AHLI[:2])),
        ("Statistisi", AHLI[:2]),
        ("Surveyor Pemetaan", (JenjangJf.TERAMPIL, *AHLI[:2])),
    ),
}
"""Kind of a top unit -> the jabatan fungsional there and the jenjang they are held at."""

GOLONGAN_JENJANG: Final = {
    JenjangJf.PEMULA: ("II/a",),
    JenjangJf.TERAMPIL: ("II/b", "II/c", "II/d"),
    JenjangJf.MAHIR: ("III/a", "III/b"),
    JenjangJf.PENYELIA: ("III/c", "III/d"),
    JenjangJf.AHLI_PERTAMA: ("III/a", "III/b"),
    JenjangJf.AHLI_MUDA: ("III/c", "III/d"),
    JenjangJf.AHLI_MADYA: ("IV/a", "IV/b", "IV/c"),
    JenjangJf.AHLI_UTAMA: ("IV/d", "IV/e"),
}
"""The golongan a jenjang jabatan fungsional is held at (PermenPANRB 1/2023)."""
GOLONGAN_STRUKTURAL: Final = {
    "kepala": ("IV/d", "IV/e"),
    "jpt": ("IV/c", "IV/d"),
    "administrator": ("III/d", "IV/a", "IV/b"),
    "pengawas": ("III/b", "III/c", "III/d"),
}
LAHIR: Final = {
    "kepala": (1965, 1972),
    "jpt": (1967, 1978),
    "administrator": (1970, 1984),
    "pengawas": (1975, 1990),
    JenjangJf.AHLI_UTAMA: (1965, 1972),
    JenjangJf.AHLI_MADYA: (1968, 1982),
    JenjangJf.AHLI_MUDA: (1978, 1990),
    JenjangJf.AHLI_PERTAMA: (1988, 1999),
    JenjangJf.PENYELIA: (1972, 1985),
    JenjangJf.MAHIR: (1980, 1992),
    JenjangJf.TERAMPIL: (1988, 2000),
    JenjangJf.PEMULA: (1995, 2002),
    "pelaksana": (1975, 2001),
}
"""Birth years by tingkat or jenjang: seniority the NIP and the pangkat agree with."""


# -- plans -------------------------------------------------------------------------------

# A rencana hasil kerja pattern: (text with {bidang}/{sub}/{topik}, satuan of its output).
RHK_KEPALA: Final = (
    "Meningkatnya kualitas dan pemanfaatan hasil riset kelautan nasional",
    "Meningkatnya ketersediaan data kelautan yang terintegrasi",
    "Terwujudnya tata kelola Badan yang akuntabel dan berkinerja tinggi",
    "Meningkatnya kemitraan riset kelautan dengan pemangku kepentingan",
)
RHK_JPT: Final = (
    "Meningkatnya kualitas {bidang}",
    "Meningkatnya pemanfaatan {bidang} oleh pemangku kepentingan",
    "Terwujudnya tata kelola {bidang} yang akuntabel",
    "Meningkatnya kinerja {bidang} sesuai standar layanan",
    "Meningkatnya kapasitas pegawai pada {bidang}",
)
RHK_ADMINISTRATOR: Final = (
    ("Terlaksananya layanan {sub} yang tepat waktu dan akuntabel", "layanan"),
    ("Tersedianya dokumen {sub} yang berkualitas", "dokumen"),
    ("Meningkatnya efektivitas pengelolaan {sub}", "laporan"),
    ("Terselenggaranya koordinasi {sub} dengan unit terkait", "kegiatan"),
)
RHK_PENGAWAS: Final = (
    ("Tersusunnya laporan {sub} yang akurat", "laporan"),
    ("Terselesaikannya layanan {sub} sesuai standar", "layanan"),
    ("Terkelolanya data {sub} secara tertib", "berkas"),
    ("Terlaksananya pemantauan {sub}", "kegiatan"),
)
RHK_PELAKSANA: Final = (
    ("Dokumen {sub} yang tersusun tepat waktu", "dokumen"),
    ("Laporan {sub} yang akurat", "laporan"),
    ("Data {sub} yang terverifikasi", "berkas"),
    ("Layanan administrasi {sub} yang terselesaikan", "layanan"),
    ("Naskah dinas {sub} yang terkelola", "naskah"),
)
RHK_FUNGSIONAL: Final = {
    "Peneliti": (
        ("Naskah hasil riset {topik} yang terbit", "naskah"),
        ("Proposal riset {topik} yang disetujui", "proposal"),
        ("Data survei lapangan {topik} yang tervalidasi", "set data"),
    ),
    "Teknisi Litkayasa": (
        ("Sampel {topik} yang teranalisis di laboratorium", "sampel"),
        ("Peralatan riset {topik} yang terkalibrasi", "unit"),
    ),
    "Perekayasa": (
        ("Prototipe teknologi {topik} yang teruji", "prototipe"),
        ("Desain rekayasa {topik} yang tersusun", "desain"),
    ),
    "Pranata Komputer": (
        ("Modul sistem informasi {sub} yang beroperasi", "modul"),
        ("Basis data {sub} yang termutakhirkan", "basis data"),
    ),
    "Statistisi": (
        ("Publikasi statistik {sub} yang terbit", "publikasi"),
        ("Tabel data {sub} yang tervalidasi", "tabel"),
    ),
    "Surveyor Pemetaan": (("Peta tematik {topik} yang tersusun", "lembar peta"),),
    "Analis Sumber Daya Manusia Aparatur": (
        ("Rekomendasi pengembangan pegawai yang tersusun", "rekomendasi"),
        ("Dokumen analisis jabatan yang tersusun", "dokumen"),
    ),
    "Analis Pengelolaan Keuangan APBN": (
        ("Laporan analisis pelaksanaan anggaran yang tersusun", "laporan"),
    ),
    "Pranata Keuangan APBN": (("Dokumen pembayaran yang terverifikasi", "dokumen"),),
    "Perencana": (("Dokumen rencana kerja {sub} yang tersusun", "dokumen"),),
    "Arsiparis": (("Arsip {sub} yang tertata", "berkas"),),
    "Pranata Hubungan Masyarakat": (("Konten publikasi kegiatan Badan yang terbit", "konten"),),
    "Analis Hukum": (("Kajian hukum {sub} yang tersusun", "kajian"),),
    "Auditor": (
        ("Laporan hasil audit yang tersusun", "laporan"),
        ("Rekomendasi hasil pengawasan yang terpantau tindak lanjutnya", "rekomendasi"),
    ),
    "Analis Kebijakan": (("Rekomendasi kebijakan {topik} yang tersusun", "rekomendasi"),),
}
RHK_TAMBAHAN: Final = (
    ("Kegiatan pengembangan kompetensi yang diikuti", "kegiatan"),
    ("Bahan paparan pimpinan yang tersusun", "bahan"),
    ("Kegiatan kepanitiaan Badan yang terlaksana", "kegiatan"),
)

IKI_KUANTITAS: Final = "Jumlah {satuan} yang diselesaikan"
IKI_KUALITAS: Final = "Persentase {satuan} yang diterima tanpa revisi"
IKI_WAKTU: Final = "Rata-rata waktu penyelesaian setiap {satuan}"
IKI_BIAYA: Final = "Rata-rata biaya setiap {satuan}"

# JPT indicators by perspektif: (text, lower target, upper target, satuan).
IKI_JPT: Final = {
    "Penerima Layanan": (
        ("Indeks kepuasan pengguna {bidang}", 80, 85, "indeks"),
        ("Persentase pengguna yang puas terhadap {bidang}", 85, 90, "%"),
    ),
    "Proses Bisnis": (
        ("Persentase keluaran {bidang} yang selesai tepat waktu", 85, 95, "%"),
        ("Jumlah rekomendasi {bidang} yang dimanfaatkan mitra", 4, 8, "rekomendasi"),
    ),
    "Penguatan Internal": (
        ("Nilai evaluasi akuntabilitas kinerja {unit}", 75, 80, "nilai"),
        ("Persentase pegawai {unit} yang mengikuti pengembangan kompetensi", 80, 90, "%"),
    ),
    "Anggaran": (("Persentase realisasi anggaran {unit}", 90, 95, "%"),),
}

UKURAN_KUALITATIF: Final = (
    "{rhk} sesuai rencana, diterima pimpinan tanpa revisi berarti, dan selesai paling "
    "lambat akhir setiap triwulan.",
    "{rhk} dengan bukti dukung lengkap, sesuai standar yang berlaku, dan dimanfaatkan "
    "oleh pengguna.",
    "{rhk} tepat waktu menurut jadwal kerja unit dan tanpa temuan dari pemeriksa.",
)
REALISASI_KUALITATIF: Final = {
    "Diatas Ekspektasi": "Seluruh keluaran selesai lebih cepat dari jadwal dan diapresiasi "
    "pengguna.",
    "Sesuai Ekspektasi": "Keluaran selesai sesuai jadwal dan standar yang disepakati.",
    "Dibawah Ekspektasi": "Sebagian keluaran terlambat dan masih memerlukan perbaikan.",
}
UMPAN_BALIK_HASIL_KERJA: Final = {
    "Diatas Ekspektasi": "Capaian melampaui target; pertahankan dan bagikan praktik baiknya.",
    "Sesuai Ekspektasi": "Capaian sesuai target; lengkapi bukti dukung setiap bulan.",
    "Dibawah Ekspektasi": "Capaian di bawah target; susun rencana perbaikan bersama atasan.",
}
UMPAN_BALIK_PERILAKU: Final = {
    "Diatas Ekspektasi": "Menjadi teladan bagi rekan kerja.",
    "Sesuai Ekspektasi": "Sesuai dengan ekspektasi pimpinan.",
    "Dibawah Ekspektasi": "Perlu ditingkatkan; dibahas pada sesi umpan balik berikutnya.",
}
EKSPEKTASI: Final = (
    "Menanggapi permintaan layanan paling lama satu hari kerja.",
    "Melaporkan kemajuan pekerjaan setiap bulan dengan bukti dukung.",
    "Mengikuti paling sedikit satu pelatihan teknis dalam setahun.",
    "Aktif berbagi informasi dalam rapat koordinasi unit.",
    "Menjaga kerahasiaan data dan dokumen dinas.",
    "Terbuka terhadap perubahan cara kerja dan aplikasi baru.",
    "Bekerja sama lintas unit untuk menyelesaikan pekerjaan bersama.",
)
LAMPIRAN_DUKUNGAN: Final = (
    "Akses ke data dan sistem informasi unit kerja.",
    "Anggaran kegiatan sesuai DIPA unit kerja.",
    "Pelatihan teknis yang relevan dengan tugas.",
)
LAMPIRAN_SKEMA: Final = (
    "Laporan kemajuan bulanan kepada pejabat penilai kinerja.",
    "Rapat evaluasi kinerja setiap triwulan.",
)
LAMPIRAN_KONSEKUENSI: Final = (
    "Apabila ekspektasi terpenuhi: predikat kinerja paling rendah Baik, dengan tunjangan "
    "kinerja sesuai ketentuan.",
    "Apabila ekspektasi tidak terpenuhi: pembinaan oleh pejabat penilai dan rencana "
    "perbaikan kinerja.",
)
MANUAL_IKI: Final = {
    "tujuan": "Mengukur keberhasilan {rhk_kecil}.",
    "definisi": "Capaian indikator dibandingkan dengan target tahunan yang ditetapkan.",
    "formula": "Realisasi dibagi target dikali 100%.",
    "sumber_data": "Laporan kinerja unit kerja",
}
DOKUMEN_CATATAN: Final = "Pertahankan kinerja dan tindak lanjuti umpan balik setiap triwulan."
