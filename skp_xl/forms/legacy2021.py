"""The PermenPANRB 8/2021 formats (SKP archives of 2021-2022), described once as data.

From the BKN slides *Penyusunan SKP berdasarkan Permen PANRB 8/2021* (seed 000, checked
against its web summary, seed 003): SKP JPT and SKP JA/JF, each in Model Dasar/Inisiasi
and Model Pengembangan; the Reviu Rencana SKP by the Pengelola Kinerja; the Format
Verifikasi Keterkaitan SKP dengan Angka Kredit JF. These are planning forms: 8/2021 has
no rating, quadrant or predikat on them. :func:`workbook_spec_2021` picks the sheets one
pegawai's workbook holds; the template id (``skp2021-ja-dasar``) tells the regulation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

import skp_xl
from skp_xl.domain.legacy2021 import KATEGORI_LEVEL, REGULASI_2021
from skp_xl.domain.vocabulary import JenisJabatan, nip_penilai_wajib
from skp_xl.forms import text as t
from skp_xl.forms.catalog import identitas_form, meta_form
from skp_xl.forms.model import (
    Cek,
    DaftarTetap,
    Form,
    Identitas,
    InstansiPeriode,
    Isi,
    Isian,
    Judul,
    KelompokIsian,
    Kolom,
    Orientation,
    PenandaTangan,
    Petunjuk,
    TabelHasilKerja,
    TandaTangan,
    WorkbookSpec,
)

REGULASI = REGULASI_2021
"""The regulation these forms belong to, as ``_meta`` and the consolidation write it."""

TEMPLATE_VERSION_2021 = "1.3.0"
"""The version of the 8/2021 workbooks' layout, apart from the 6/2022 one
(:data:`~skp_xl.forms.model.TEMPLATE_VERSION`): they were first written as 1.2.0, and
1.3.0 adds the Manual IK 2021 sheet of JPT workbooks. Same major version as 6/2022, as
:func:`~skp_xl.reader.read.versi_terbaca` requires."""
MANUAL_IK_SEJAK = (1, 3)
"""The first 8/2021 template version whose JPT workbooks hold the Manual IK 2021 sheet:
an older workbook without it still reads, with no finding about it."""

SKP_2021_TABLE = "SKP2021_RENCANA_KINERJA"
REVIU_2021_TABLE = "REVIU2021_RENCANA_KINERJA"
VERIFIKASI_AK_TABLE = "VERIFIKASI_AK"
MANUAL_IK_2021_TABLE = "MANUAL_IK2021"
PENGELOLA = "REVIU_PENGELOLA"
"""Prefix of the Pengelola Kinerja's typed name and NIP on the Reviu."""
TIM_AK = "VERIFIKASI_TIM"
"""Prefix of the Tim Penilai Angka Kredit's typed name and NIP."""

UTAMA_2021 = 10
"""Rencana kinerja utama blocks."""
TAMBAHAN_2021 = 5
"""Rencana kinerja tambahan blocks."""

# The words the 8/2021 forms print (seed 000).
KINERJA_UTAMA = "A. KINERJA UTAMA"
KINERJA_TAMBAHAN = "B. KINERJA TAMBAHAN"
RENCANA_KINERJA = "RENCANA KINERJA"
RENCANA_KINERJA_ATASAN = "RENCANA KINERJA ATASAN LANGSUNG"
KATEGORI = "KATEGORI PENILAIAN (DIBACA DARI ATAS KE BAWAH)"
STANDAR = "STANDAR KINERJA INDIVIDU"
SUMBER_DATA = "SUMBER DATA UNTUK PEMANTAUAN DAN PENGUKURAN"
JENIS_KINERJA_UTAMA = "REVIU PENGELOLA KINERJA: JENIS KINERJA UTAMA"
JENIS_PENYELARASAN = "REVIU PENGELOLA KINERJA: JENIS PENYELARASAN"
CATATAN_PERBAIKAN = "CATATAN PERBAIKAN"
BUTIR_KEGIATAN = "BUTIR KEGIATAN YANG TERKAIT"
OUTPUT_BUTIR = "OUTPUT BUTIR KEGIATAN"
ANGKA_KREDIT = "ANGKA KREDIT"
VERIFIKASI = "VERIFIKASI TIM PENILAI ANGKA KREDIT"
REKOMENDASI = "REKOMENDASI"
LEVEL_KATEGORI = "Level kategori (dihitung)"
MANUAL_IK = "MANUAL INDIKATOR KINERJA"
DESKRIPSI_RENCANA = "DESKRIPSI RENCANA KINERJA"
DEFINISI = "DEFINISI INDIKATOR"
FORMULA = "FORMULA MENGUKUR INDIKATOR"
TUJUAN = "TUJUAN INDIKATOR"

LIST_KATEGORI_2021 = "LIST_KATEGORI_2021"
LIST_JENIS_KINERJA_2021 = "LIST_JENIS_KINERJA_2021"
LIST_PENYELARASAN_2021 = "LIST_PENYELARASAN_2021"
LIST_VERIFIKASI_AK = "LIST_VERIFIKASI_AK"

JENIS_KINERJA_UTAMA_PILIHAN = (
    "Berdasarkan PK (memperhatikan Renstra, RKT dan Direktif)",
    "Rencana Strategis/Inisiatif Strategis",
)
PENYELARASAN_PILIHAN = ("Direct Cascading", "Non-Direct Cascading")
VERIFIKASI_PILIHAN = ("Terkait", "Tidak Terkait")


class Model(StrEnum):
    """Model of an 8/2021 SKP."""

    DASAR = "Dasar"
    PENGEMBANGAN = "Pengembangan"


def normalize_model(text: str) -> Model | None:
    """The model named by ``text`` ("dasar", "Model Dasar/Inisiasi", "pengembangan"...)."""
    words = text.strip().lower()
    if "dasar" in words or "inisiasi" in words:
        return Model.DASAR
    if "pengembangan" in words:
        return Model.PENGEMBANGAN
    return None


@dataclass(frozen=True, slots=True)
class TemplateId2021:
    """The ``_meta`` template id of an 8/2021 workbook: ``skp2021-{jenis}-{model}``.

    Built and parsed only here; the ``skp2021`` prefix keeps it apart from every 6/2022
    id (:class:`~skp_xl.forms.model.TemplateId`), so an older skp-xl refuses it by name.
    """

    jenis: JenisJabatan
    model: Model

    PREFIX = "skp2021-"

    @classmethod
    def parse(cls, text: str) -> TemplateId2021 | None:
        """The id written as ``text``, or None when it is no 8/2021 id."""
        for template in cls.all():
            if text == str(template):
                return template
        return None

    @classmethod
    def all(cls) -> tuple[TemplateId2021, ...]:
        """Every 8/2021 workbook id."""
        return tuple(cls(j, m) for j in JenisJabatan for m in Model)

    def __str__(self) -> str:
        return f"{self.PREFIX}{self.jenis.value.lower()}-{self.model.value.lower()}"


def _target_inputs() -> tuple[Kolom, ...]:
    return (
        Kolom("target_min", "Target (angka)", 12, Isi.ANGKA, cetak=False, wajib=True),
        Kolom("target_maks", "s.d. (angka, bila rentang)", 12, Isi.ANGKA, cetak=False),
        Kolom("satuan", "Satuan", 16, cetak=False, wajib=True),
    )


def baris_per_rencana(jenis: JenisJabatan, model: Model) -> int:
    """IKI rows of one rencana kinerja: a JPT's few indicators, a JA/JF's one per aspek,
    and in Model Pengembangan room for the five kategori levels."""
    if jenis is JenisJabatan.JPT:
        return 3
    return 5 if model is Model.PENGEMBANGAN else 4


def _skp_kolom(jenis: JenisJabatan, model: Model) -> tuple[Kolom, ...]:
    printed: tuple[Kolom, ...]
    helpers: tuple[Kolom, ...]
    rhk = Kolom("rhk", RENCANA_KINERJA, 0, per_rhk=True, wajib=True)
    iki = Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, wajib=True)
    target = Kolom("target", t.TARGET, 0, Isi.RUMUS)
    nomor = Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True)
    if jenis is JenisJabatan.JPT:
        if model is Model.DASAR:
            printed = (nomor, Kolom("rhk", RENCANA_KINERJA, 0, per_rhk=True, wajib=True, span=2))
            printed += (Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, wajib=True, span=2), target)
        else:
            perspektif = Kolom(
                "perspektif", t.PERSPEKTIF, 0, Isi.PILIHAN, "LIST_PERSPEKTIF", per_rhk=True
            )
            printed = (perspektif, nomor)
            printed += (Kolom("rhk", RENCANA_KINERJA, 0, per_rhk=True, wajib=True, span=2),)
            printed += (Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, wajib=True, span=3), target)
        return printed + _target_inputs()
    printed = (
        nomor,
        Kolom("rhk_pimpinan", RENCANA_KINERJA_ATASAN, 0, per_rhk=True, wajib=True),
        rhk,
        Kolom("aspek", t.ASPEK, 0, Isi.PILIHAN, "LIST_ASPEK", wajib=True),
        iki,
        target,
    )
    helpers = _target_inputs()
    if model is Model.PENGEMBANGAN:
        printed += (
            Kolom("kategori", KATEGORI, 0, Isi.PILIHAN, LIST_KATEGORI_2021),
            Kolom("standar", STANDAR, 0),
            Kolom("sumber_data", SUMBER_DATA, 0, per_rhk=True),
        )
        helpers += (
            Kolom("level_kategori", LEVEL_KATEGORI, 16, Isi.RUMUS, per_rhk=True, cetak=False),
        )
    return printed + helpers


def _grid(jenis: JenisJabatan, model: Model) -> tuple[tuple[float, ...], tuple[int, ...]]:
    """Column widths of the SKP form and the spans of its identity header."""
    if jenis is JenisJabatan.JPT:
        if model is Model.DASAR:
            return (5, 18, 26, 5, 30, 22), (1, 1, 1, 1, 1, 1)
        return (16, 5, 16, 18, 5, 14, 18, 18), (2, 1, 1, 1, 1, 2)
    if model is Model.DASAR:
        return (5, 28, 30, 12, 34, 20), (1, 1, 1, 1, 1, 1)
    return (5, 20, 22, 11, 24, 14, 13, 24, 20), (1, 1, 1, 1, 2, 3)


def _bagi(jenis: JenisJabatan) -> str:
    return "JPT" if jenis is JenisJabatan.JPT else "JA DAN JF"


def _model_text(model: Model) -> str:
    return "MODEL DASAR/INISIASI" if model is Model.DASAR else "MODEL PENGEMBANGAN"


def skp_table_2021(jenis: JenisJabatan, model: Model) -> TabelHasilKerja:
    """The rencana kinerja table of the 8/2021 SKP."""
    return TabelHasilKerja(
        _skp_kolom(jenis, model),
        baris_per_rhk=baris_per_rencana(jenis, model),
        utama=UTAMA_2021,
        tambahan=TAMBAHAN_2021,
        name=SKP_2021_TABLE,
        bagian=(KINERJA_UTAMA, KINERJA_TAMBAHAN),
    )


def skp_form_2021(jenis: JenisJabatan, model: Model) -> Form:
    """SKP JPT or JA/JF, Model Dasar/Inisiasi or Model Pengembangan (seed 000)."""
    lebar, identitas = _grid(jenis, model)
    return Form(
        kode=f"SKP {_bagi(jenis)} {_model_text(model).title()} (PermenPANRB 8/2021)",
        sheet="SKP 2021",
        orientasi=Orientation.LANDSCAPE,
        lebar=lebar,
        identitas=identitas,  # type: ignore[arg-type]
        blok=(
            Judul((t.SASARAN_KINERJA_PEGAWAI, f"{_model_text(model)} {_bagi(jenis)}")),
            InstansiPeriode(),
            Identitas(nip_kanan_opsional=not nip_penilai_wajib(jenis)),
            skp_table_2021(jenis, model),
            TandaTangan(),
        ),
    )


def reviu_form_2021(jenis: JenisJabatan, model: Model) -> Form:
    """Reviu Rencana SKP by the Pengelola Kinerja: the SKP's rows by formula, and per
    rencana kinerja the jenis kinerja utama (JPT) or jenis penyelarasan (JA/JF) and the
    catatan perbaikan."""
    nomor = Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True)
    rhk = Kolom("rhk", RENCANA_KINERJA, 0, Isi.RUMUS, per_rhk=True)
    iki = Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, Isi.RUMUS)
    target = Kolom("target", t.TARGET, 0, Isi.RUMUS)
    catatan = Kolom("catatan", CATATAN_PERBAIKAN, 0, per_rhk=True)
    kolom: tuple[Kolom, ...]
    if jenis is JenisJabatan.JPT:
        jenis_kolom = Kolom(
            "jenis_reviu",
            JENIS_KINERJA_UTAMA,
            0,
            Isi.PILIHAN,
            LIST_JENIS_KINERJA_2021,
            per_rhk=True,
        )
        if model is Model.DASAR:
            kolom = (nomor, rhk, iki, target, jenis_kolom, catatan)
            lebar: tuple[float, ...] = (5, 26, 28, 16, 22, 26)
            spans: tuple[int, ...] = (1, 1, 1, 1, 1, 1)
        else:
            perspektif = Kolom("perspektif", t.PERSPEKTIF, 0, Isi.RUMUS)
            kolom = (nomor, perspektif, rhk, iki, target, jenis_kolom, catatan)
            lebar, spans = (5, 14, 22, 26, 14, 20, 24), (1, 1, 1, 1, 2, 1)
    else:
        jenis_kolom = Kolom(
            "jenis_reviu", JENIS_PENYELARASAN, 0, Isi.PILIHAN, LIST_PENYELARASAN_2021, per_rhk=True
        )
        kolom = (
            nomor,
            Kolom("rhk_pimpinan", RENCANA_KINERJA_ATASAN, 0, Isi.RUMUS, per_rhk=True),
            rhk,
            Kolom("aspek", t.ASPEK, 0, Isi.RUMUS),
            iki,
            target,
            jenis_kolom,
            catatan,
        )
        lebar, spans = (5, 20, 22, 11, 24, 14, 18, 26), (1, 1, 1, 1, 2, 2)
    table = TabelHasilKerja(
        kolom,
        baris_per_rhk=baris_per_rencana(jenis, model),
        utama=UTAMA_2021,
        tambahan=TAMBAHAN_2021,
        name=REVIU_2021_TABLE,
        sumber=SKP_2021_TABLE,
        bagian=(KINERJA_UTAMA, KINERJA_TAMBAHAN),
    )
    return Form(
        kode=f"Reviu Rencana SKP {_bagi(jenis)} (PermenPANRB 8/2021)",
        sheet="Reviu 2021",
        orientasi=Orientation.LANDSCAPE,
        lebar=lebar,
        identitas=spans,  # type: ignore[arg-type]
        blok=(
            Judul(("REVIU RENCANA SKP", f"{_model_text(model)} {_bagi(jenis)}")),
            InstansiPeriode(),
            Identitas(nip_kanan_opsional=not nip_penilai_wajib(jenis)),
            table,
            PenandaTangan("Pengelola Kinerja,", PENGELOLA),
        ),
    )


def verifikasi_form(model: Model) -> Form:
    """Format Verifikasi Keterkaitan SKP dengan Angka Kredit Jabatan Fungsional: per
    rencana kinerja utama, the butir kegiatan, their output and angka kredit, and the Tim
    Penilai's verdict (Terkait / Tidak Terkait) with its rekomendasi."""
    kolom = (
        Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True),
        Kolom("rhk", RENCANA_KINERJA, 0, Isi.RUMUS, per_rhk=True),
        Kolom("butir", BUTIR_KEGIATAN, 0),
        Kolom("output", OUTPUT_BUTIR, 0),
        Kolom("angka_kredit", ANGKA_KREDIT, 0, Isi.ANGKA),
        Kolom("verifikasi", VERIFIKASI, 0, Isi.PILIHAN, LIST_VERIFIKASI_AK, per_rhk=True),
        Kolom("rekomendasi", REKOMENDASI, 0, per_rhk=True),
    )
    table = TabelHasilKerja(
        kolom,
        baris_per_rhk=2,
        utama=UTAMA_2021,
        tambahan=0,
        name=VERIFIKASI_AK_TABLE,
        sumber=SKP_2021_TABLE,
        bagian=("KINERJA UTAMA", ""),
    )
    return Form(
        kode="Verifikasi Keterkaitan SKP dengan Angka Kredit JF (PermenPANRB 8/2021)",
        sheet="Verifikasi AK",
        orientasi=Orientation.LANDSCAPE,
        lebar=(5, 30, 28, 22, 10, 16, 24),
        identitas=(1, 1, 2, 1, 1, 1),
        blok=(
            Judul(
                (
                    "FORMAT VERIFIKASI",
                    "KETERKAITAN SKP DENGAN ANGKA KREDIT JABATAN FUNGSIONAL",
                    _model_text(model),
                )
            ),
            InstansiPeriode(),
            Identitas(),
            table,
            PenandaTangan("Tim Penilai Angka Kredit,", TIM_AK),
        ),
    )


def manual_ik_form_2021(model: Model) -> Form:
    """Manual Indikator Kinerja of a JPT (seed 000: Model Dasar Tahap 3, Model
    Pengembangan Tahap 4): per rencana kinerja its deskripsi, and per indikator kinerja
    its definisi, formula mengukur indikator and tujuan. The rencana kinerja and the
    indicators are the SKP's, by formula, so the two sheets never disagree."""
    kolom = (
        Kolom("no", t.NO, 0, Isi.NOMOR, per_rhk=True),
        Kolom("rhk", RENCANA_KINERJA, 0, Isi.RUMUS, per_rhk=True),
        Kolom("deskripsi", DESKRIPSI_RENCANA, 0, per_rhk=True, wajib=True),
        Kolom("iki", t.INDIKATOR_KINERJA_INDIVIDU, 0, Isi.RUMUS),
        Kolom("definisi", DEFINISI, 0, wajib=True),
        Kolom("formula", FORMULA, 0, wajib=True),
        Kolom("tujuan", TUJUAN, 0, wajib=True),
    )
    table = TabelHasilKerja(
        kolom,
        baris_per_rhk=baris_per_rencana(JenisJabatan.JPT, model),
        utama=UTAMA_2021,
        tambahan=TAMBAHAN_2021,
        name=MANUAL_IK_2021_TABLE,
        sumber=SKP_2021_TABLE,
        bagian=(KINERJA_UTAMA, KINERJA_TAMBAHAN),
    )
    return Form(
        kode="Manual Indikator Kinerja JPT (PermenPANRB 8/2021)",
        sheet="Manual IK 2021",
        orientasi=Orientation.LANDSCAPE,
        lebar=(5, 22, 26, 24, 26, 24, 24),
        blok=(
            Judul((MANUAL_IK, f"{_model_text(model)} {_bagi(JenisJabatan.JPT)}")),
            InstansiPeriode(),
            table,
        ),
    )


def daftar_form() -> Form:
    """The hidden sheet of the 8/2021 forms' own lists."""
    return Form(
        kode="",
        sheet="_ref2021",
        orientasi=Orientation.PORTRAIT,
        lebar=(),
        blok=(
            DaftarTetap(
                (
                    (LIST_KATEGORI_2021, KATEGORI_LEVEL),
                    (LIST_JENIS_KINERJA_2021, JENIS_KINERJA_UTAMA_PILIHAN),
                    (LIST_PENYELARASAN_2021, PENYELARASAN_PILIHAN),
                    (LIST_VERIFIKASI_AK, VERIFIKASI_PILIHAN),
                )
            ),
        ),
        jarak=False,
        zoom=None,
        cetak=False,
        tersembunyi=True,
    )


def _penanda_tangan(judul: str, name: str) -> KelompokIsian:
    return KelompokIsian(
        judul,
        (
            Isian(f"{name}_NAMA", t.IDENTITAS_LABELS[0]),
            Isian(f"{name}_NIP", t.IDENTITAS_LABELS[1], cek=Cek.NIP, contoh=t.CONTOH_NIP),
        ),
    )


def identitas_form_2021(jenis: JenisJabatan) -> Form:
    """The Identitas sheet: the three people as in 6/2022 workbooks, the Pengelola
    Kinerja (and the Tim Penilai Angka Kredit of a JF), the year 2021-2022."""
    form = identitas_form(jenis)
    title_and_people = form.blok[:4]
    signers = [_penanda_tangan("PENGELOLA KINERJA (REVIU)", PENGELOLA)]
    if jenis is JenisJabatan.JF:
        signers.append(_penanda_tangan("TIM PENILAI ANGKA KREDIT (VERIFIKASI)", TIM_AK))
    lain = (
        Isian("SKP_INSTANSI", "NAMA INSTANSI", wajib=True),
        Isian("SKP_TAHUN", "TAHUN", wajib=True, contoh="2021 atau 2022"),
        Isian("SKP_PERIODE_MULAI", "PERIODE PENILAIAN MULAI", "1 Januari"),
        Isian("SKP_PERIODE_SELESAI", "PERIODE PENILAIAN SELESAI", "31 Desember"),
        Isian("SKP_TEMPAT", "TEMPAT PENANDATANGANAN"),
        Isian("SKP_JENIS_JABATAN", "JENIS JABATAN", tampil=True),
        Isian("SKP_MODEL", "MODEL SKP", tampil=True),
        Isian("SKP_REGULASI", "PERMENPANRB", tampil=True),
    )
    # The 6/2022 sheet's page, widths and title; its people, then the 2021 signers.
    return replace(form, blok=(*title_and_people, *signers, KelompokIsian(t.LAIN_LAIN, lain)))


def petunjuk_form_2021(template: TemplateId2021) -> Form:
    """The Petunjuk sheet: what this workbook is, how to fill it."""
    jf = template.jenis is JenisJabatan.JF
    baris = (
        ("PETUNJUK PENGISIAN SKP (PERMENPANRB 8/2021)", True),
        (
            f"Buku kerja ini: SKP {template.jenis} {_model_text(template.model).title()}, "
            "sesuai PermenPANRB Nomor 8 Tahun 2021 (untuk arsip SKP tahun 2021-2022). SKP "
            "tahun 2023 dan sesudahnya memakai PermenPANRB Nomor 6 Tahun 2022 (skp-xl new "
            "tanpa --regulasi).",
            False,
        ),
        ("", False),
        (
            "1. Isi sheet Identitas: pegawai, pejabat penilai, instansi, tahun (2021 atau 2022).",
            False,
        ),
        (
            "2. Sheet SKP 2021: tulis rencana kinerja pada A. KINERJA UTAMA dan B. KINERJA "
            "TAMBAHAN, indikator kinerja individu, dan target di isian bantu (angka, satuan).",
            False,
        ),
        *(
            (
                (
                    "3. Model Pengembangan: tulis kategori penilaian dari atas ke bawah (2 level: "
                    "Baik, Sangat Kurang; 3 level: + Sangat Baik; 4 level: + Cukup; 5 level: + "
                    "Kurang) dengan standarnya, dan sumber data pemantauan.",
                    False,
                ),
            )
            if template.model is Model.PENGEMBANGAN and template.jenis is not JenisJabatan.JPT
            else ()
        ),
        *(
            (
                (
                    "3. Sheet Manual IK 2021: tulis deskripsi tiap rencana kinerja, lalu definisi, "
                    "formula mengukur, dan tujuan tiap indikator kinerja individu (rencana "
                    "kinerja dan indikatornya tersalin dari sheet SKP 2021).",
                    False,
                ),
            )
            if template.jenis is JenisJabatan.JPT
            else ()
        ),
        (
            "4. Sheet Reviu 2021 diisi Pengelola Kinerja: "
            + (
                "jenis kinerja utama"
                if template.jenis is JenisJabatan.JPT
                else "jenis penyelarasan (Direct/Non-Direct Cascading)"
            )
            + " dan catatan perbaikan per rencana kinerja.",
            False,
        ),
        *(
            (
                (
                    "5. Sheet Verifikasi AK diisi Tim Penilai Angka Kredit: butir kegiatan, "
                    "output, angka kredit, Terkait/Tidak Terkait dan rekomendasi.",
                    False,
                ),
            )
            if jf
            else ()
        ),
        ("", False),
        (
            f"Dibuat dengan skp-xl {skp_xl.__version__}, templat {template} versi "
            f"{TEMPLATE_VERSION_2021}.",
            False,
        ),
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


def workbook_spec_2021(jenis: JenisJabatan, model: Model) -> WorkbookSpec:
    """The sheets of one pegawai's 8/2021 SKP workbook, in order.

    Petunjuk, Identitas, SKP 2021, Manual IK 2021 (JPT only), Reviu 2021, Verifikasi AK
    (JF only), then the hidden
    lists and ``_meta`` (template id ``skp2021-{jenis}-{model}``, ``SKP_REGULASI``).
    """
    template = TemplateId2021(jenis, model)
    forms = [skp_form_2021(jenis, model)]
    if jenis is JenisJabatan.JPT:
        forms.append(manual_ik_form_2021(model))
    forms.append(reviu_form_2021(jenis, model))
    if jenis is JenisJabatan.JF:
        forms.append(verifikasi_form(model))
    meta = meta_form(
        ("template_id", str(template), "META_TEMPLATE_ID"),
        ("template_version", TEMPLATE_VERSION_2021, "META_TEMPLATE_VERSION"),
        ("jenis_jabatan", jenis.value, "SKP_JENIS_JABATAN"),
        ("model", model.value, "SKP_MODEL"),
        ("regulasi", REGULASI, "SKP_REGULASI"),
        ("generator", "skp-xl", None),
    )
    return WorkbookSpec(
        str(template),
        jenis,
        None,
        tuple(forms),
        front=(petunjuk_form_2021(template), identitas_form_2021(jenis)),
        back=(daftar_form(), meta),
    )
