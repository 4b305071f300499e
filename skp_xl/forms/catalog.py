"""Every official format of PermenPANRB 6/2022, described once as data.

Codes follow the Karawang e-book (A.1.x planning, C.1.x evaluation); the Umpan Balik,
the Evaluasi JPT kuantitatif and the Dokumen Evaluasi come from the KemenPANRB slides.
:func:`workbook_spec` picks the forms one pegawai needs by jenis jabatan and pendekatan.
"""

from __future__ import annotations

import functools

import skp_xl
from skp_xl.domain.checks import MAKS_IKI, MAKS_RHK, MAKS_UKURAN
from skp_xl.domain.targets import porsi_tahun
from skp_xl.domain.vocabulary import (
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
    SiklusEvaluasi,
    nip_penilai_wajib,
)
from skp_xl.forms import text as t
from skp_xl.forms.model import (
    IDENTITAS_FIELDS,
    PERAN,
    TEMPLATE_VERSION,
    CapaianOrganisasi,
    Cek,
    DaftarIsian,
    EvaluasiDokumen,
    Form,
    Identitas,
    IdentitasDaftar,
    InstansiPeriode,
    Isi,
    Isian,
    Judul,
    JudulIsian,
    KelompokIsian,
    Kolom,
    Meta,
    Orientation,
    Perilaku,
    PeriodeLabel,
    Petunjuk,
    Predikat,
    Rating,
    TabelHasilKerja,
    TandaTangan,
    TemplateId,
    WorkbookSpec,
    eval_name,
    identity_name,
)

UTAMA = 10
"""Hasil kerja utama blocks in every table: enough for real SKPs."""
TAMBAHAN = 5
"""Hasil kerja tambahan blocks."""
IKI_PER_RHK = 4
"""IKI rows per rencana hasil kerja (kuantitatif): one per aspek."""

SKP_TABLE = "SKP_HASIL_KERJA"
UMPAN_BALIK_TABLE = "UMPAN_BALIK_HASIL_KERJA"
MANUAL_IKI_TABLE = "MANUAL_IKI"

LIST_ARAH = "LIST_ARAH"
LIST_PANGKAT = "LIST_PANGKAT"


# Helper inputs beside the printed form: numbers Excel and Python both compute with.
def _target_inputs(default_arah: str) -> tuple[Kolom, ...]:
    return (
        Kolom(
            "target_min",
            "Target (angka)",
            12,
            Isi.ANGKA,
            cetak=False,
            wajib=True,
            petunjuk=t.PROMPT_TARGET_ANGKA,
        ),
        Kolom(
            "target_maks",
            "s.d. (angka, bila rentang)",
            12,
            Isi.ANGKA,
            cetak=False,
            petunjuk=t.PROMPT_TARGET_MAKS,
        ),
        Kolom("satuan", "Satuan", 16, cetak=False, wajib=True, petunjuk=t.PROMPT_SATUAN),
        Kolom(
            "arah",
            f"Arah (kosong = {default_arah})",
            22,
            Isi.PILIHAN,
            LIST_ARAH,
            cetak=False,
            petunjuk=t.PROMPT_ARAH,
        ),
    )


_REALISASI_INPUTS = (
    Kolom(
        "realisasi_angka",
        "Realisasi (angka)",
        12,
        Isi.ANGKA,
        cetak=False,
        petunjuk=t.PROMPT_REALISASI_ANGKA,
    ),
    Kolom("bukti", "Bukti dukung", 28, cetak=False),
    Kolom("capaian", "Capaian IKI", 18, Isi.RUMUS, cetak=False),
    Kolom("penilaian", "Penilaian hasil kerja", 18, Isi.RUMUS, per_rhk=True, cetak=False),
)
# A periodic evaluation (not the akhir) judges against the period's target: the
# trajectory target typed beside the realisasi, else one that follows from the annual
# target (rules.md section 5), shown in the two computed columns.
_PERIODE_INPUTS = (
    Kolom(
        "target_periode",
        "Target periode (angka)",
        12,
        Isi.ANGKA,
        cetak=False,
        petunjuk=t.PROMPT_TARGET_PERIODE,
    ),
    _REALISASI_INPUTS[0],
    _REALISASI_INPUTS[1],
    Kolom("target_periode_min", "Target periode dipakai", 12, Isi.RUMUS, cetak=False),
    Kolom("target_periode_maks", "s.d. (dipakai)", 12, Isi.RUMUS, cetak=False),
    *_REALISASI_INPUTS[2:],
)
_PENILAIAN_INPUT = (
    Kolom(
        "penilaian",
        "Penilaian hasil kerja (untuk saran rating)",
        22,
        Isi.PILIHAN,
        "LIST_RATING",
        per_rhk=True,
        cetak=False,
    ),
    Kolom("penilaian_baku", "Penilaian (nilai baku)", 18, Isi.RUMUS, per_rhk=True, cetak=False),
)


def _kode(jenis: JenisJabatan, pendekatan: Pendekatan) -> str:
    if pendekatan is Pendekatan.KUALITATIF:
        return "A.1.1" if jenis is JenisJabatan.JPT else "A.1.6"
    return "A.1.2" if jenis is JenisJabatan.JPT else "A.1.7"


def _bagi(jenis: JenisJabatan) -> str:
    return t.BAGI_JPT if jenis is JenisJabatan.JPT else t.BAGI_JA_JF


def _pendekatan_text(pendekatan: Pendekatan) -> str:
    return (
        t.PENDEKATAN_KUALITATIF
        if pendekatan is Pendekatan.KUALITATIF
        else (t.PENDEKATAN_KUANTITATIF)
    )


def _table_skp(jenis: JenisJabatan, pendekatan: Pendekatan) -> TabelHasilKerja:
    if pendekatan is Pendekatan.KUALITATIF:
        return TabelHasilKerja(
            (
                Kolom("no", t.NO, 5, Isi.NOMOR, per_rhk=True),
                Kolom(
                    "hasil_kerja",
                    t.HASIL_KERJA,
                    0,
                    per_rhk=True,
                    wajib=True,
                    span=5,
                    maks=MAKS_RHK,
                ),
                Kolom(
                    "ukuran", t.HASIL_KERJA, 0, per_rhk=True, wajib=True, span=5, maks=MAKS_UKURAN
                ),
            ),
            baris_per_rhk=3,
            utama=UTAMA,
            tambahan=TAMBAHAN,
            name=SKP_TABLE,
            nomor_kolom=False,
            narasi=True,
        )
    kolom: tuple[Kolom, ...]
    if jenis is JenisJabatan.JPT:
        kolom = (
            Kolom("no", t.NO, 5, Isi.NOMOR, per_rhk=True),
            Kolom("rhk", t.RENCANA_HASIL_KERJA, 0, per_rhk=True, wajib=True, span=2, maks=MAKS_RHK),
            Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, wajib=True, maks=MAKS_IKI),
            Kolom("target", t.TARGET, 0, Isi.RUMUS, span=2),
            Kolom("perspektif", t.PERSPEKTIF, 0, Isi.PILIHAN, "LIST_PERSPEKTIF", wajib=True),
        )
    else:
        kolom = (
            Kolom("no", t.NO_A17, 5, Isi.NOMOR, per_rhk=True, lama=(t.NO,)),
            Kolom(
                "rhk_pimpinan",
                t.RENCANA_HASIL_KERJA_PIMPINAN + "*",
                0,
                per_rhk=True,
                wajib=True,
                maks=MAKS_RHK,
            ),
            Kolom("rhk", t.RENCANA_HASIL_KERJA, 0, per_rhk=True, wajib=True, maks=MAKS_RHK),
            Kolom("aspek", t.ASPEK, 0, Isi.PILIHAN, "LIST_ASPEK", wajib=True),
            Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, wajib=True, maks=MAKS_IKI),
            Kolom("target", t.TARGET, 0, Isi.RUMUS),
        )
    default_arah = "semakin besar semakin baik" if jenis is JenisJabatan.JPT else "menurut aspek"
    return TabelHasilKerja(
        kolom + _target_inputs(default_arah),
        baris_per_rhk=IKI_PER_RHK,
        utama=UTAMA,
        tambahan=TAMBAHAN,
        name=SKP_TABLE,
        judul=t.HASIL_KERJA,
    )


def _grid(jenis: JenisJabatan, pendekatan: Pendekatan) -> tuple[tuple[float, ...], tuple[int, ...]]:
    """Column widths of the SKP form and the spans of its identity header."""
    if pendekatan is Pendekatan.KUALITATIF:
        return (5, 24, 30, 5, 24, 30), (1, 1, 1, 1, 1, 1)
    if jenis is JenisJabatan.JPT:
        return (5, 26, 8, 36, 6, 16, 24), (1, 1, 2, 1, 1, 1)
    return (5, 28, 30, 12, 36, 24), (1, 1, 1, 1, 1, 1)


def _perilaku_spans(columns: int) -> tuple[int, ...]:
    # Number, the value with its guidance over about half, the ekspektasi khusus the rest.
    teks = (columns - 1) // 2
    return (1, teks, columns - 1 - teks)


def skp_form(jenis: JenisJabatan, pendekatan: Pendekatan) -> Form:
    """The SKP form (A.1.1, A.1.2, A.1.6 or A.1.7) for a jenis jabatan and pendekatan."""
    lebar, identitas = _grid(jenis, pendekatan)
    return Form(
        kode=_kode(jenis, pendekatan),
        sheet="SKP",
        orientasi=(
            Orientation.PORTRAIT if pendekatan is Pendekatan.KUALITATIF else Orientation.LANDSCAPE
        ),
        lebar=lebar,
        identitas=identitas,  # type: ignore[arg-type]
        blok=(
            Judul((t.SASARAN_KINERJA_PEGAWAI, _pendekatan_text(pendekatan), _bagi(jenis))),
            InstansiPeriode(),
            Identitas(nip_kanan_opsional=not nip_penilai_wajib(jenis)),
            _table_skp(jenis, pendekatan),
            *_perilaku_skp(jenis, pendekatan, len(lebar)),
        ),
    )


def _perilaku_skp(
    jenis: JenisJabatan, pendekatan: Pendekatan, columns: int
) -> tuple[Perilaku, TandaTangan]:
    """The perilaku block and the signatures with their footnotes: A.1.7 stars the
    DIINTERVENSI column once and PERILAKU KERJA twice, and explains both."""
    if jenis is not JenisJabatan.JPT and pendekatan is Pendekatan.KUANTITATIF:
        return (
            Perilaku(_perilaku_spans(columns), judul=t.PERILAKU_KERJA_A17),
            TandaTangan(catatan=f"{t.CATATAN_DIINTERVENSI}\n{t.CATATAN_EKSPEKTASI_A17}"),
        )
    return Perilaku(_perilaku_spans(columns)), TandaTangan(catatan=t.CATATAN_EKSPEKTASI)


def _eval_table(
    jenis: JenisJabatan, pendekatan: Pendekatan, periode: PeriodeEvaluasi
) -> tuple[TabelHasilKerja, tuple[float, ...], tuple[int, ...]]:
    name = eval_name(periode, "HASIL_KERJA")
    porsi = porsi_tahun(periode)
    inputs = _REALISASI_INPUTS if porsi is None else _PERIODE_INPUTS
    kolom: tuple[Kolom, ...]
    if pendekatan is Pendekatan.KUALITATIF:
        kolom = (
            Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True),
            Kolom("hasil_kerja", t.HASIL_KERJA, 0, Isi.RUMUS, per_rhk=True, span=2),
            Kolom("realisasi", t.REALISASI, 0, per_rhk=True, span=2),
            Kolom("umpan_balik", t.UMPAN_BALIK_BERKELANJUTAN, 0, per_rhk=True),
            *_PENILAIAN_INPUT,
        )
        table = TabelHasilKerja(
            kolom, 1, UTAMA, TAMBAHAN, name, SKP_TABLE, nomor_kolom=False, kepala_tambahan=True
        )
        return table, (5, 24, 26, 6, 24, 34), (1, 1, 1, 1, 1, 1)
    if jenis is JenisJabatan.JPT:
        kolom = (
            Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True),
            Kolom("rhk", t.RENCANA_HASIL_KERJA, 0, Isi.RUMUS, per_rhk=True, span=2),
            Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, Isi.RUMUS),
            Kolom("target", t.TARGET, 0, Isi.RUMUS),
            Kolom("perspektif", t.PERSPEKTIF, 0, Isi.RUMUS),
            Kolom("realisasi", t.REALISASI_JPT, 0, Isi.RUMUS, lama=(t.REALISASI,)),
            Kolom("umpan_balik", t.UMPAN_BALIK_BERKELANJUTAN, 0, per_rhk=True),
            *inputs,
        )
        widths: tuple[float, ...] = (5, 24, 6, 28, 14, 14, 22, 26)
        table = TabelHasilKerja(
            kolom,
            IKI_PER_RHK,
            UTAMA,
            TAMBAHAN,
            name,
            SKP_TABLE,
            porsi=porsi,
            judul=t.HASIL_KERJA_JPT,
            bagian=(t.UTAMA_JPT, t.TAMBAHAN_JPT),
        )
        return table, widths, (1, 1, 2, 1, 1, 2)
    kolom = (
        Kolom("no", t.NO_C13, 0, Isi.NOMOR, per_rhk=True, lama=(t.NO,)),
        Kolom("rhk_pimpinan", t.RENCANA_HASIL_KERJA_PIMPINAN, 0, Isi.RUMUS, per_rhk=True),
        Kolom("rhk", t.RENCANA_HASIL_KERJA, 0, Isi.RUMUS, per_rhk=True),
        Kolom("aspek", t.ASPEK, 0, Isi.RUMUS),
        Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, Isi.RUMUS),
        Kolom("target", t.TARGET, 0, Isi.RUMUS),
        Kolom("realisasi", t.REALISASI, 0, Isi.RUMUS),
        Kolom("umpan_balik", t.UMPAN_BALIK_BERKELANJUTAN, 0, per_rhk=True),
        *inputs,
    )
    widths = (5, 22, 24, 11, 28, 16, 24, 26)
    table = TabelHasilKerja(
        kolom,
        IKI_PER_RHK,
        UTAMA,
        TAMBAHAN,
        name,
        SKP_TABLE,
        porsi=porsi,
        judul=t.HASIL_KERJA,
        kepala_tambahan=True,
    )
    return table, widths, (1, 1, 2, 1, 1, 2)


def eval_sheet(periode: PeriodeEvaluasi) -> str:
    """The sheet of one period's evaluation: "Evaluasi TW1" (as since 1.0), "Evaluasi
    Maret", "Evaluasi Akhir"."""
    if periode.siklus is SiklusEvaluasi.TRIWULANAN:
        return f"Evaluasi {periode.kode}"
    return f"Evaluasi {periode.value}"


def evaluasi_form(jenis: JenisJabatan, pendekatan: Pendekatan, periode: PeriodeEvaluasi) -> Form:
    """Hasil Evaluasi Kinerja Pegawai of one period (C.1.1, C.1.3, or JPT kuantitatif)."""
    table, lebar, identitas = _eval_table(jenis, pendekatan, periode)
    judul: tuple[str, ...]
    if pendekatan is Pendekatan.KUALITATIF:
        kode, judul = "C.1.1", (t.HASIL_EVALUASI, t.PENDEKATAN_KUALITATIF)
    elif jenis is JenisJabatan.JPT:
        kode, judul = "Evaluasi JPT", (t.LAMPIRAN_EVALUASI,)
    else:
        kode, judul = "C.1.3", (t.HASIL_EVALUASI, t.PENDEKATAN_KUANTITATIF, t.BAGI_JA_JF)
    columns = len(lebar)
    perilaku_teks = (columns - 1) // 3 + 1
    ekspektasi = (columns - 1 - perilaku_teks) // 2
    return Form(
        kode=kode,
        sheet=eval_sheet(periode),
        orientasi=Orientation.LANDSCAPE,
        lebar=lebar,
        identitas=identitas,  # type: ignore[arg-type]
        blok=(
            Judul(judul),
            PeriodeLabel(periode),
            InstansiPeriode(),
            Identitas(nip_kanan_opsional=not nip_penilai_wajib(jenis)),
            CapaianOrganisasi(periode),
            table,
            Rating(periode, "HASIL_KERJA", saran_dari=table.name),
            Perilaku(
                (1, perilaku_teks, ekspektasi, columns - 1 - perilaku_teks - ekspektasi),
                umpan_balik=eval_name(periode, "UMPAN_BALIK_PERILAKU"),
            ),
            Rating(periode, "PERILAKU"),
            Predikat(periode),
            # Only the pejabat penilai signs an evaluation (seed 002).
            TandaTangan(
                kiri=None, kanan_ttd=t.PEJABAT_PENILAI_EVALUASI_TTD, catatan=t.PILIH_SALAH_SATU
            ),
        ),
    )


def lampiran_form() -> Form:
    """Lampiran SKP (A.1.8): resources, reporting scheme, consequences."""
    return Form(
        kode="A.1.8",
        sheet="Lampiran",
        orientasi=Orientation.PORTRAIT,
        lebar=(6, 42, 42),
        blok=(
            Judul((t.LAMPIRAN_SKP,)),
            InstansiPeriode(),
            DaftarIsian(t.DUKUNGAN_SUMBER_DAYA, (t.PETUNJUK_DUKUNGAN,) * 5, "LAMPIRAN_DUKUNGAN"),
            DaftarIsian(t.SKEMA_PERTANGGUNGJAWABAN, (t.PETUNJUK_SKEMA,) * 3, "LAMPIRAN_SKEMA"),
            DaftarIsian(t.KONSEKUENSI, t.PETUNJUK_KONSEKUENSI, "LAMPIRAN_KONSEKUENSI"),
            TandaTangan(),
        ),
    )


def manual_iki_form(pendekatan: Pendekatan) -> Form:
    """Manual Indikator Kinerja (A.1.3) for JPT: one row per IKI of the SKP."""
    per_rhk = 1 if pendekatan is Pendekatan.KUALITATIF else IKI_PER_RHK
    kolom = (
        Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True),
        Kolom("rhk", t.MANUAL_IKI_FIELDS[0], 0, Isi.RUMUS, per_rhk=True),
        Kolom("iki", t.MANUAL_IKI_FIELDS[1], 0, Isi.RUMUS),
        Kolom("tujuan", t.MANUAL_IKI_FIELDS[2], 0),
        Kolom("definisi", t.MANUAL_IKI_FIELDS[3], 0),
        Kolom("formula", t.MANUAL_IKI_FIELDS[4], 0),
        Kolom("satuan", t.MANUAL_IKI_FIELDS[5], 0, Isi.RUMUS),
        Kolom("kualitas_kendali", t.MANUAL_IKI_FIELDS[6], 0, Isi.PILIHAN, "LIST_KUALITAS_KENDALI"),
        Kolom("sumber_data", t.MANUAL_IKI_FIELDS[7], 0),
        Kolom(
            "periode_pelaporan", t.MANUAL_IKI_FIELDS[8], 0, Isi.PILIHAN, "LIST_PERIODE_PELAPORAN"
        ),
    )
    return Form(
        kode="A.1.3",
        sheet="Manual IKI",
        orientasi=Orientation.LANDSCAPE,
        lebar=(5, 20, 22, 18, 20, 18, 12, 16, 16, 14),
        blok=(
            Judul((t.MANUAL_IKI, t.MANUAL_IKI_BAGI)),
            InstansiPeriode(),
            TabelHasilKerja(kolom, per_rhk, UTAMA, TAMBAHAN, MANUAL_IKI_TABLE, SKP_TABLE),
        ),
    )


def umpan_balik_form() -> Form:
    """Umpan Balik Berkala: progress and feedback per hasil kerja and per core value."""
    kolom = (
        Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True),
        Kolom("hasil_kerja", t.HASIL_KERJA_RESULT, 0, Isi.RUMUS, per_rhk=True, span=2),
        Kolom("capaian_data", t.CAPAIAN_DAN_DATA_DUKUNG, 0, per_rhk=True, span=2),
        Kolom("umpan_balik", t.UMPAN_BALIK_BERDASARKAN_BUKTI, 0, per_rhk=True),
    )
    return Form(
        kode="Umpan Balik",
        sheet="Umpan Balik",
        orientasi=Orientation.LANDSCAPE,
        lebar=(5, 24, 26, 6, 26, 34),
        blok=(
            Judul((t.SASARAN_KINERJA_PEGAWAI, t.UMPAN_BALIK_BERKALA)),
            PeriodeLabel(name="UMPAN_BALIK_PERIODE"),
            InstansiPeriode(),
            Identitas(),
            TabelHasilKerja(
                kolom,
                1,
                UTAMA,
                TAMBAHAN,
                UMPAN_BALIK_TABLE,
                SKP_TABLE,
                False,
                ukuran_label=t.UKURAN_KEBERHASILAN_UMPAN_BALIK,
            ),
            Perilaku(
                (1, 2, 2, 1),
                umpan_balik="UMPAN_BALIK_PERILAKU",
                judul=t.PERILAKU_KERJA_BEHAVIOUR,
                judul_umpan_balik=t.UMPAN_BALIK_BERDASARKAN_BUKTI,
            ),
            TandaTangan(catatan=t.CATATAN_EKSPEKTASI_UMPAN_BALIK),
        ),
    )


def dokumen_evaluasi_form(siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN) -> Form:
    """Dokumen Evaluasi Kinerja Pegawai, the basis of tunjangan kinerja; its period is
    chosen among those of ``siklus``."""
    return Form(
        kode="Dokumen Evaluasi",
        sheet="Dokumen Evaluasi",
        orientasi=Orientation.PORTRAIT,
        lebar=(5, 30, 3, 50),
        blok=(
            Judul((t.DOKUMEN_EVALUASI,)),
            PeriodeLabel(name="DOKUMEN_PERIODE"),
            InstansiPeriode(),
            IdentitasDaftar(),
            EvaluasiDokumen(siklus.periode),
            TandaTangan(tanggal_tiap=True),
        ),
    )


IDENTITAS_LAIN = (
    Isian("SKP_INSTANSI", "NAMA INSTANSI", wajib=True),
    Isian("SKP_TAHUN", "TAHUN", wajib=True, cek=Cek.TAHUN),
    Isian("SKP_PERIODE_MULAI", "PERIODE PENILAIAN MULAI", "1 Januari"),
    Isian("SKP_PERIODE_SELESAI", "PERIODE PENILAIAN SELESAI", "31 Desember"),
    Isian("SKP_TEMPAT", "TEMPAT PENANDATANGANAN"),
)
"""Identitas inputs besides the three people."""


def _isian_orang(jenis: JenisJabatan, peran: str) -> KelompokIsian:
    isian = []
    for index, key in enumerate(IDENTITAS_FIELDS):
        # The atasan's identity is printed only on the Dokumen Evaluasi: never required.
        # A penilai without a NIP (a minister rating a JPT) has no pangkat either.
        wajib = peran != "ATASAN" and not (
            key in ("NIP", "PANGKAT") and peran == "PENILAI" and not nip_penilai_wajib(jenis)
        )
        isian.append(
            Isian(
                identity_name(peran, key),
                t.IDENTITAS_LABELS[index],
                wajib=wajib,
                cek={"NIP": Cek.NIP, "PANGKAT": Cek.PANGKAT}.get(key),
                contoh={"NIP": t.CONTOH_NIP, "PANGKAT": t.CONTOH_PANGKAT}.get(key),
            )
        )
    return KelompokIsian(t.PERAN_LABEL[peran], tuple(isian))


PRO_RATA = Isian(
    "SKP_TARGET_PRO_RATA",
    "TARGET PERIODIK PRO RATA",
    "Tidak",
    cek=Cek.YA_TIDAK,
    contoh=t.CONTOH_PRO_RATA,
)
"""The kuantitatif workbook's option: counts without a trajectory target are judged
against the period's share of the annual target ("Ya"), or are progres ("Tidak")."""


def identitas_form(jenis: JenisJabatan, pendekatan: Pendekatan | None = None) -> Form:
    """The Identitas sheet: every identity and period input, typed once for all forms;
    a kuantitatif workbook's also has the pro-rata option (:data:`PRO_RATA`)."""
    lain = (
        *IDENTITAS_LAIN,
        *((PRO_RATA,) if pendekatan is Pendekatan.KUANTITATIF else ()),
        Isian("SKP_JENIS_JABATAN", "JENIS JABATAN", tampil=True),
        Isian("SKP_PENDEKATAN", "PENDEKATAN HASIL KERJA", tampil=True),
    )
    return Form(
        kode="",
        sheet="Identitas",
        orientasi=Orientation.PORTRAIT,
        lebar=(4, 34, 46, 52),
        blok=(
            JudulIsian(t.IDENTITAS_SKP, t.IDENTITAS_CATATAN),
            *(_isian_orang(jenis, peran) for peran in PERAN),
            KelompokIsian(t.LAIN_LAIN, lain),
        ),
        jarak=False,
        zoom=None,
    )


def _langkah(langkah: str, siklus: SiklusEvaluasi) -> str:
    if siklus is SiklusEvaluasi.BULANAN:
        return langkah.replace("Setiap triwulan", "Setiap bulan")
    return langkah


def _cetak_langsung(pendekatan: Pendekatan) -> str:
    """The Petunjuk's line on printing the workbook itself, under step 7 ("Cetak")."""
    if pendekatan is Pendekatan.KUALITATIF:
        batas = t.BATAS_KUALITATIF.format(rhk=MAKS_RHK, ukuran=MAKS_UKURAN)
    else:
        batas = t.BATAS_KUANTITATIF.format(rhk=MAKS_RHK, iki=MAKS_IKI)
    return t.PETUNJUK_CETAK_LANGSUNG.format(batas=batas)


def petunjuk_form(
    jenis: JenisJabatan,
    pendekatan: Pendekatan,
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
) -> Form:
    """The Petunjuk sheet of an SKP workbook: how to fill it, and what made it."""
    baris = (
        (t.PETUNJUK_SKP, True),
        (
            f"Buku kerja ini: SKP {jenis} pendekatan {pendekatan}, sesuai "
            "PermenPANRB Nomor 6 Tahun 2022.",
            False,
        ),
        ("", False),
        *((_langkah(langkah, siklus), False) for langkah in t.PETUNJUK_SKP_LANGKAH),
        (_cetak_langsung(pendekatan), False),
        *(
            ((langkah, False) for langkah in t.PETUNJUK_TARGET_PERIODE)
            if pendekatan is Pendekatan.KUANTITATIF
            else ()
        ),
        ("", False),
        (generator_line(str(TemplateId.skp(jenis, pendekatan))), False),
    )
    return Form(
        kode="",
        sheet="Petunjuk",
        orientasi=Orientation.PORTRAIT,
        lebar=(3, 110, 3),
        blok=(Petunjuk(baris),),
        jarak=False,
        zoom=None,
        sandi=False,
    )


def generator_line(template_id: str) -> str:
    """The last line of a Petunjuk: the skp-xl version and the template that made it."""
    versi = skp_xl.__version__
    return f"Dibuat dengan skp-xl {versi}, templat {template_id} versi {TEMPLATE_VERSION}."


def meta_form(*baris: tuple[str, str | int, str | None], sandi: bool = True) -> Form:
    """The hidden ``_meta`` sheet of (key, value, defined name or None) rows; ``sandi``:
    protected with the workbook's password."""
    return Form(
        kode="",
        sheet="_meta",
        orientasi=Orientation.PORTRAIT,
        lebar=(),
        blok=(Meta(baris),),
        jarak=False,
        zoom=None,
        cetak=False,
        tersembunyi=True,
        sandi=sandi,
    )


@functools.cache  # a frozen description of one of twelve kinds, asked once a workbook
# read or written (0.5 ms each time it is built)
def workbook_spec(
    jenis: JenisJabatan,
    pendekatan: Pendekatan,
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
) -> WorkbookSpec:
    """The forms of one pegawai's SKP workbook, in order.

    SKP, Lampiran, Manual IKI (JPT only), Umpan Balik, the evaluation of each period of
    ``siklus`` (four quarters or twelve months) and the annual one, and the Dokumen
    Evaluasi. The cycle is recorded in ``_meta`` (``META_PERIODE_EVALUASI``) so the reader
    knows which sheets to look for.
    """
    forms = [skp_form(jenis, pendekatan), lampiran_form()]
    if jenis is JenisJabatan.JPT:
        forms.append(manual_iki_form(pendekatan))
    forms.append(umpan_balik_form())
    forms.extend(evaluasi_form(jenis, pendekatan, p) for p in siklus.periode)
    forms.append(dokumen_evaluasi_form(siklus))
    template_id = str(TemplateId.skp(jenis, pendekatan))
    meta = meta_form(
        ("template_id", template_id, "META_TEMPLATE_ID"),
        ("template_version", TEMPLATE_VERSION, "META_TEMPLATE_VERSION"),
        ("jenis_jabatan", jenis.value, "SKP_JENIS_JABATAN"),
        ("pendekatan", pendekatan.value, "SKP_PENDEKATAN"),
        ("periode_evaluasi", siklus.value, "META_PERIODE_EVALUASI"),
        ("generator", "skp-xl", None),
    )
    return WorkbookSpec(
        template_id,
        jenis,
        pendekatan,
        tuple(forms),
        front=(petunjuk_form(jenis, pendekatan, siklus), identitas_form(jenis, pendekatan)),
        back=(meta,),
    )
