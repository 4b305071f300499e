"""The workbook a leader divides roles in before subordinates write their SKP, as data.

Formats A.1.5 (Matriks Pembagian Peran dan Hasil, one and two levels) and A.1.4
(Workblock) of PermenPANRB 6/2022; :mod:`skp_xl.workbook.matriks` renders them with
the machinery of the SKP workbook. Sheets: Petunjuk, Matriks, Matriks Tim (left out when
``tim`` is 0), Workblock, and the hidden ``_ref`` and ``_meta``.

Every input a program reads back has a workbook-scope defined name:

==================================  ===========  =============================================
Name                                Sheet        What it holds
==================================  ===========  =============================================
``SKP_INSTANSI``, ``SKP_TAHUN``,    Matriks      ISIAN BANTU above the printed form (same
``SKP_PERIODE_MULAI``,                           names as in the SKP workbook; the printed
``SKP_PERIODE_SELESAI``                          instansi and periode lines use them)
``MATRIKS_UNIT_KERJA``              Matriks      ISIAN BANTU: the leader's unit kerja
``MATRIKS_PIMPINAN_PANGKAT``        Matriks      ISIAN BANTU: the leader's pangkat/ golongan
``MATRIKS_PIMPINAN_NAMA``,          Matriks      the leader's row, first three cells
``MATRIKS_PIMPINAN_NIP``,
``MATRIKS_PIMPINAN_JABATAN``
``MATRIKS_IKI``                     Matriks      the leader's IKI: one row, one cell per
                                                 column of the matrix
``MATRIKS_PEGAWAI``                 Matriks      the body, one row per pegawai: NAMA, NIP,
                                                 JABATAN, then one peran cell per IKI, column
                                                 ``3 + j`` under ``MATRIKS_IKI`` cell ``j``
``MATRIKS_PEGAWAI_NAMA``            Matriks      the NAMA column of the body (the ketua tim
                                                 dropdown lists it)
``MATRIKS_TIM_<n>_KETUA``           Matriks Tim  team ``n`` (from 1): the ketua tim's row,
                                                 NAMA, NIP, JABATAN, then his rencana hasil
                                                 kerja, one per column
``MATRIKS_TIM_<n>``                 Matriks Tim  team ``n``'s anggota, columns as
                                                 ``MATRIKS_PEGAWAI``; peran cell ``j`` under
                                                 the ketua's rencana hasil kerja ``j``
``WORKBLOCK_<FIELD>``               Workblock    the eight fields (see :data:`WORKBLOCK_NAMES`)
``WORKBLOCK_STRATEGI_RUTIN``, ...   Workblock    numbered lines of each section, one column
                                                 (see :data:`WORKBLOCK_DAFTAR`)
``META_TEMPLATE_ID``,               _meta        ``matriks-peran-hasil`` and the layout
``META_TEMPLATE_VERSION``                        version
==================================  ===========  =============================================

Reading a matrix back (the "Buat SKP Bawahan" feature): a body row with a NAMA is one
pegawai; each of its peran cells that is not blank and not ``text.TIDAK_ADA_PERAN`` (the
guide also writes "N/A"; compare trimmed and case-blind) is one rencana hasil kerja of
that pegawai's SKP, and the cell of the same column in ``MATRIKS_IKI`` (or the ketua's
row, for a team) is its "rencana hasil kerja pimpinan yang diintervensi".
"""

from __future__ import annotations

from skp_xl.forms import text as t
from skp_xl.forms.catalog import IDENTITAS_LAIN, generator_line, meta_form
from skp_xl.forms.model import (
    TEMPLATE_VERSION,
    BagianBernomor,
    Blok,
    Cek,
    Form,
    HalamanBaru,
    InstansiPeriode,
    Isian,
    IsianBantu,
    Judul,
    MatriksPeran,
    Orientation,
    PasanganIsian,
    Petunjuk,
    PilihanKetua,
    PilihanPeran,
    TemplateId,
    WorkbookSpec,
    identity_name,
)

TEMPLATE_ID = str(TemplateId.matriks())
"""``_meta`` template id of this workbook."""

MATRIKS_PIMPINAN_NAMA = "MATRIKS_PIMPINAN_NAMA"
MATRIKS_PIMPINAN_NIP = "MATRIKS_PIMPINAN_NIP"
MATRIKS_PIMPINAN_JABATAN = "MATRIKS_PIMPINAN_JABATAN"
MATRIKS_PIMPINAN_PANGKAT = "MATRIKS_PIMPINAN_PANGKAT"
MATRIKS_UNIT_KERJA = "MATRIKS_UNIT_KERJA"
MATRIKS_IKI = "MATRIKS_IKI"
MATRIKS_PEGAWAI = "MATRIKS_PEGAWAI"
MATRIKS_PEGAWAI_NAMA = "MATRIKS_PEGAWAI_NAMA"

WORKBLOCK_NAMES = (
    ("WORKBLOCK_JUDUL", "WORKBLOCK_INDIKATOR_TARGET"),
    ("WORKBLOCK_PEMILIK", "WORKBLOCK_PIHAK_TERLIBAT"),
    ("WORKBLOCK_WAKTU", "WORKBLOCK_PENERIMA_MANFAAT"),
    ("WORKBLOCK_TUJUAN", "WORKBLOCK_ANGGARAN"),
)
"""Defined names of the Workblock fields, laid out as ``text.WORKBLOCK_FIELDS``."""
WORKBLOCK_DAFTAR = (
    ("WORKBLOCK_STRATEGI_RUTIN", "WORKBLOCK_STRATEGI_TRANSFORMATIF"),
    ("WORKBLOCK_KELUARAN_RUTIN", "WORKBLOCK_KELUARAN_TRANSFORMATIF"),
)
"""Defined names of the numbered lines: strategi, then keluaran kunci; rutin, transformatif."""
WORKBLOCK_BARIS = 5
"""Numbered lines in each Workblock section."""

MAKS_KOLOM = 20
"""Most IKI (or rencana hasil kerja) columns a matrix may have and still print legibly."""

IDENTITAS_KEYS = (
    identity_name("PEGAWAI", "NAMA"),
    identity_name("PEGAWAI", "NIP"),
    identity_name("PEGAWAI", "PANGKAT"),
    identity_name("PEGAWAI", "JABATAN"),
    identity_name("PEGAWAI", "UNIT_KERJA"),
    *(isian.name for isian in IDENTITAS_LAIN if isian.name != "SKP_TEMPAT"),
)
"""Values a Matriks workbook can start with: the leader's (the names of the SKP workbook,
where the leader is the pegawai of his own SKP) and the period."""

# Placeholder of the leader's row in Format A.1.5 (seed 001, Tahap 5): each
# column header reads "INDIKATOR KINERJA INDIVIDU 1", "... 2"; the ketua tim's
# row holds his rencana hasil kerja ("Tuliskan rencana hasil kerja ketua tim di baris
# paling atas tabel").
_KOLOM_PIMPINAN = t.INDIKATOR_KINERJA_INDIVIDU
_KOLOM_KETUA = t.RENCANA_HASIL_KERJA

_MATRIKS_SHEET = "Matriks"
_TIM_SHEET = "Matriks Tim"
_WORKBLOCK_SHEET = "Workblock"
_HELPER_TITLE = "ISIAN BANTU (tidak dicetak)"

# Columns of a matrix: NAMA and NIP under PEGAWAI, JABATAN, then the peran columns.
_LEBAR_TETAP = (24.0, 20.0, 22.0)
_LEBAR_PERAN = 18.0

_PROMPT_PERAN = (
    "Tulis peran hasil (rencana hasil kerja) pegawai ini untuk hasil pimpinan di atas "
    "kolom ini, dengan bahasa pencapaian/hasil. Bila tidak berperan, pilih "
    f"{t.TIDAK_ADA_PERAN} dari daftar."
)
_PROMPT_IKI = (
    "Tulis satu ukuran keberhasilan/ indikator kinerja individu pimpinan per kolom; "
    "kolom yang tidak dipakai dibiarkan kosong."
)
_PROMPT_RHK_KETUA = (
    "Tulis satu rencana hasil kerja ketua tim per kolom (peran hasilnya pada sheet "
    "Matriks); kolom yang tidak dipakai dibiarkan kosong."
)
_PROMPT_KETUA = "Pilih ketua tim dari daftar pegawai sheet Matriks, atau ketik namanya."
_PROMPT_RUTIN = (
    "Strategi/ keluaran rutin: bersifat eksternal, menghasilkan output yang memuaskan "
    "pihak eksternal (masyarakat, penerima layanan, pemangku kepentingan lain)."
)
_PROMPT_TRANSFORMATIF = (
    "Strategi/ keluaran transformatif: memberi keuntungan atau manfaat internal bagi "
    "instansi, mis. meningkatnya jumlah unit yang dilengkapi teknologi tertentu."
)


def tim_name(nomor: int) -> str:
    """Defined name of team ``nomor``'s anggota rows, e.g. ``MATRIKS_TIM_1``."""
    return f"MATRIKS_TIM_{nomor}"


def tim_ketua_name(nomor: int) -> str:
    """Defined name of team ``nomor``'s ketua tim row, e.g. ``MATRIKS_TIM_1_KETUA``."""
    return f"{tim_name(nomor)}_KETUA"


def _matriks_grid(sheet: str, kolom: int, blok: tuple[Blok, ...]) -> Form:
    return Form(
        kode="A.1.5",
        sheet=sheet,
        orientasi=Orientation.LANDSCAPE,
        lebar=(*_LEBAR_TETAP, *(_LEBAR_PERAN,) * kolom),
        blok=blok,
    )


def _judul_matriks() -> tuple[Judul, InstansiPeriode]:
    return Judul((t.MATRIKS,)), InstansiPeriode()


def matriks_form(*, iki: int, pegawai: int) -> Form:
    """The Matriks sheet: ISIAN BANTU, then the leader's matrix of ``iki`` columns."""
    lain = {isian.name: isian for isian in IDENTITAS_LAIN}
    bantu = (
        lain["SKP_INSTANSI"],
        Isian(
            MATRIKS_UNIT_KERJA,
            t.IDENTITAS_LABELS[4],
            sumber=identity_name("PEGAWAI", "UNIT_KERJA"),
        ),
        Isian(
            MATRIKS_PIMPINAN_PANGKAT,
            f"{t.IDENTITAS_LABELS[2]} PIMPINAN",
            cek=Cek.PANGKAT,
            sumber=identity_name("PEGAWAI", "PANGKAT"),
        ),
        lain["SKP_TAHUN"],
        lain["SKP_PERIODE_MULAI"],
        lain["SKP_PERIODE_SELESAI"],
    )
    return _matriks_grid(
        _MATRIKS_SHEET,
        iki,
        (
            PilihanPeran(t.TIDAK_ADA_PERAN, _PROMPT_PERAN),
            IsianBantu(_HELPER_TITLE, bantu),
            *_judul_matriks(),
            MatriksPeran(
                iki,
                pegawai,
                _KOLOM_PIMPINAN,
                MATRIKS_PEGAWAI,
                MATRIKS_IKI,
                _PROMPT_IKI,
                pimpinan=(MATRIKS_PIMPINAN_NAMA, MATRIKS_PIMPINAN_NIP, MATRIKS_PIMPINAN_JABATAN),
                nama=MATRIKS_PEGAWAI_NAMA,
            ),
        ),
    )


def tim_form(*, iki: int, tim: int, anggota: int) -> Form:
    """The Matriks Tim sheet: ``tim`` second-level matrices, each on a page of its own."""
    blok: list[Blok] = [
        PilihanPeran(t.TIDAK_ADA_PERAN, _PROMPT_PERAN),
        PilihanKetua(MATRIKS_PEGAWAI_NAMA, _PROMPT_KETUA),
    ]
    for nomor in range(1, tim + 1):
        if nomor > 1:
            # Each team on a page of its own, a complete A.1.5 form to hand its ketua.
            blok.append(HalamanBaru())
        blok += [
            *_judul_matriks(),
            MatriksPeran(
                iki,
                anggota,
                _KOLOM_KETUA,
                tim_name(nomor),
                tim_ketua_name(nomor),
                _PROMPT_RHK_KETUA,
                ketua=True,
            ),
        ]
    return _matriks_grid(_TIM_SHEET, iki, tuple(blok))


def workblock_form() -> Form:
    """The Workblock (A.1.4): eight fields, then numbered strategi and keluaran kunci."""
    bagian = ((t.RUTIN, _PROMPT_RUTIN), (t.TRANSFORMATIF, _PROMPT_TRANSFORMATIF))
    return Form(
        kode="A.1.4",
        sheet=_WORKBLOCK_SHEET,
        # Two label-value pairs across, like the guide's form; upright, it fits one page.
        orientasi=Orientation.PORTRAIT,
        lebar=(5, 20, 36, 20, 36),
        blok=(
            Judul((t.WORKBLOCK,)),
            InstansiPeriode(),
            PasanganIsian(
                tuple(
                    ((labels[0], names[0]), (labels[1], names[1]))
                    for labels, names in zip(t.WORKBLOCK_FIELDS, WORKBLOCK_NAMES, strict=True)
                )
            ),
            *(
                BagianBernomor(
                    judul,
                    tuple(
                        (title, name, prompt)
                        for (title, prompt), name in zip(bagian, names, strict=True)
                    ),
                    WORKBLOCK_BARIS,
                )
                for judul, names in zip(
                    (t.STRATEGI, t.KELUARAN_KUNCI), WORKBLOCK_DAFTAR, strict=True
                )
            ),
        ),
    )


def petunjuk_form(*, iki: int, pegawai: int, tim: int) -> Form:
    """The Petunjuk sheet of the Matriks workbook."""
    return Form(
        kode="",
        sheet="Petunjuk",
        orientasi=Orientation.PORTRAIT,
        # Text measured for the screen can run a little wider in print: keep a margin
        # column on each side inside the print area, or LibreOffice clips the last letters.
        lebar=(3, 100, 3),
        blok=(
            Petunjuk(
                _petunjuk_baris(iki=iki, pegawai=pegawai, tim=tim),
                ukuran_judul=12,
                huruf_per_baris=105,  # of an 11 pt line in a column 100 wide, at most
                tinggi=(16, 15, 0),
            ),
        ),
        jarak=False,
        zoom=None,
        tengah=False,
    )


def matriks_spec(*, iki: int, pegawai: int, tim: int, anggota: int) -> WorkbookSpec:
    """The Matriks Peran Hasil workbook: its sheets for the given capacity.

    Args:
        iki: Columns of every matrix.
        pegawai: Pegawai rows of the Matriks.
        tim: Teams on Matriks Tim; 0 leaves the sheet out.
        anggota: Anggota rows of each team.

    Returns:
        The spec: Petunjuk in front, Matriks, Matriks Tim, Workblock, and ``_meta``.
    """
    forms = [matriks_form(iki=iki, pegawai=pegawai)]
    if tim:
        forms.append(tim_form(iki=iki, tim=tim, anggota=anggota))
    forms.append(workblock_form())
    meta = meta_form(
        ("template_id", TEMPLATE_ID, "META_TEMPLATE_ID"),
        ("template_version", TEMPLATE_VERSION, "META_TEMPLATE_VERSION"),
        ("iki", iki, None),
        ("pegawai", pegawai, None),
        ("tim", tim, None),
        ("anggota", anggota, None),
        ("generator", "skp-xl", None),
        sandi=False,
    )
    return WorkbookSpec(
        TEMPLATE_ID,
        None,
        None,
        tuple(forms),
        front=(petunjuk_form(iki=iki, pegawai=pegawai, tim=tim),),
        back=(meta,),
    )


def _petunjuk_baris(*, iki: int, pegawai: int, tim: int) -> tuple[tuple[str, bool], ...]:
    """Filling steps after seed 001 (Tahap 4 and 5), in our words where not verbatim."""
    langkah_tim = (
        [
            (f"C. {t.MATRIKS} DUA TINGKAT (sheet {_TIM_SHEET})", True),
            (
                "Dipakai bila dibentuk tim kerja di bawah Pejabat Pimpinan Tinggi atau Pimpinan "
                "Unit Kerja Mandiri. Pada sheet Matriks daftarkan pegawai yang diberi peran secara "
                "mandiri maupun sebagai ketua tim; pejabat fungsional yang langsung di bawah "
                "pimpinan tetap pada sheet Matriks.",
                False,
            ),
            (
                f"1. Setiap tim punya satu matriks ({tim} tersedia, masing-masing satu "
                "halaman cetak). Pada baris pertama isi nama ketua tim (dapat dipilih dari daftar "
                "pegawai sheet Matriks), NIP, jabatan, lalu rencana hasil kerja ketua tim, satu "
                "per kolom: peran hasilnya pada sheet Matriks.",
                False,
            ),
            ("2. Daftar setiap anggota tim berikut NIP dan jabatannya di bawahnya.", False),
            (
                "3. Untuk setiap sel, cantumkan peran hasil anggota tim untuk mendukung rencana "
                f"hasil kerja ketua tim di kolom itu, atau pilih {t.TIDAK_ADA_PERAN}. Peran hasil "
                "adalah rencana hasil kerja yang akan dituliskan dalam Format SKP.",
                False,
            ),
            ("", False),
        ]
        if tim
        else []
    )
    return (
        (f"PETUNJUK PENGISIAN {t.MATRIKS}", True),
        (
            "Buku kerja ini dipakai Pejabat Pimpinan Tinggi, Pimpinan Unit Kerja Mandiri, atau "
            "ketua tim untuk membagi peran dan hasil kepada pegawai sebelum pegawai menyusun "
            "SKP, sesuai PermenPANRB Nomor 6 Tahun 2022 (Format A.1.4 dan A.1.5).",
            False,
        ),
        ("", False),
        (f"A. {t.WORKBLOCK} (sheet {_WORKBLOCK_SHEET}, Format A.1.4)", True),
        (
            "Dipakai untuk mengidentifikasi layanan atau output, terutama pada metode cascading "
            "tidak langsung (non-direct cascading).",
            False,
        ),
        ("1. Tulis judul strategi pencapaian hasil kerja serta pemilik strategi tersebut.", False),
        ("2. Tulis target lama waktu penyelesaian serta tujuan.", False),
        (
            "3. Tulis indikator dan target instansi yang diintervensi serta pihak yang terlibat.",
            False,
        ),
        (
            "4. Tulis penerima manfaat (pihak yang diuntungkan dari strategi) dan besaran total "
            "anggaran yang dibutuhkan untuk melaksanakan strategi.",
            False,
        ),
        (
            f"5. Pada {t.STRATEGI} dan {t.KELUARAN_KUNCI}, bagian {t.RUTIN} diisi strategi/ "
            "keluaran yang bersifat eksternal (memuaskan masyarakat, penerima layanan, atau "
            f"pemangku kepentingan lain); bagian {t.TRANSFORMATIF} diisi strategi/ keluaran "
            "yang memberi keuntungan atau manfaat internal bagi instansi.",
            False,
        ),
        ("", False),
        (f"B. {t.MATRIKS} (sheet {_MATRIKS_SHEET}, Format A.1.5)", True),
        (
            f"1. Isi {_HELPER_TITLE} di bagian atas sheet: nama instansi, unit kerja, pangkat "
            "pimpinan, tahun dan periode. Judul formulir menampilkannya otomatis.",
            False,
        ),
        (
            "2. Pada baris pertama tabel tulis nama, NIP dan jabatan Pejabat Pimpinan Tinggi "
            "atau Pimpinan Unit Kerja Mandiri, lalu ukuran keberhasilan/ indikator kinerja "
            f"individunya, satu per kolom ({iki} kolom tersedia).",
            False,
        ),
        (
            "3. Di bawahnya daftar setiap pegawai di unit kerja: nama, NIP (18 digit, tanpa "
            f"spasi) dan jabatan ({pegawai} baris tersedia).",
            False,
        ),
        (
            "4. Untuk setiap sel, cantumkan peran hasil pegawai untuk mendukung indikator "
            "kinerja individu pimpinan di kolom itu, sesuai hasil identifikasi strategi "
            "pencapaian hasil kerja. Tulis dengan bahasa pencapaian/hasil. Bila pegawai tidak "
            f"berperan, pilih {t.TIDAK_ADA_PERAN} dari daftar.",
            False,
        ),
        (
            "5. Peran hasil setiap pegawai adalah rencana hasil kerja yang akan dituliskan "
            "dalam Format SKP-nya; indikator kinerja individu pimpinan di kolom itu menjadi "
            f'"{t.RENCANA_HASIL_KERJA_PIMPINAN.lower()}".',
            False,
        ),
        ("", False),
        *langkah_tim,
        ("KUALITAS DAN TINGKAT KENDALI PERAN HASIL", True),
        (
            "Peran hasil mencerminkan outcome antara (dari metode direct cascading) atau output "
            "dengan tingkat kendali rendah, sedang, atau tinggi. Bagi pejabat administrator, "
            "pengawas, dan pejabat fungsional yang ditunjuk sebagai ketua tim, peran hasil "
            "sebaiknya paling kurang output kendali sedang; bagi pelaksana, paling kurang "
            "output kendali tinggi; bagi pejabat fungsional yang bukan ketua tim, sesuai "
            "jenjang jabatan fungsionalnya.",
            False,
        ),
        ("", False),
        (
            "Sel kuning: wajib diisi dan masih kosong. Sel lain terkunci (tanpa kata sandi "
            "bawaan) agar susunan formulir tidak berubah. Cetak: setiap formulir sudah diatur "
            "A4 (matriks mendatar), muat selebar halaman, dengan nomor halaman; ISIAN BANTU "
            "tidak ikut tercetak.",
            False,
        ),
        ("", False),
        (
            generator_line(TEMPLATE_ID),
            False,
        ),
    )
