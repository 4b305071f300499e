"""The closed lists of SKP (rules.md section 1) and one tolerant normaliser per list.

Tolerant input, canonical output: every list accepts the label variants found in the
official formats, the seeds and circulated spreadsheets ("Di Atas", "Ekspetasi", "Cukup",
"Kurang (Misconduct)", "TW I"...) and returns the canonical value. Variants are listed
explicitly, never guessed, so the workbook's alias table (written from :data:`VOCABULARIES`)
and Python accept exactly the same texts. A text is compared by its :func:`compact` key:
lower case with every space removed, which an Excel formula reproduces as
``LOWER(SUBSTITUTE(x," ",""))``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import Generic, TypeVar

from skp_xl.domain.errors import InvalidValueError

E = TypeVar("E", bound=StrEnum)


class JenisJabatan(StrEnum):
    """Jenis jabatan: decides which SKP format a pegawai fills."""

    JPT = "JPT"
    JA = "JA"
    JF = "JF"


_JENJANG_JF = (
    *("ahlipertama", "ahlimuda", "ahlimadya", "ahliutama"),
    *("pemula", "terampil", "mahir", "penyelia"),
)
"""Jenjang words of JF titles ("Analis Kebijakan Ahli Muda", "Pranata Komputer Terampil")."""


def jenis_dari_jabatan(jabatan: str) -> JenisJabatan:
    """JF when the jabatan names a JF jenjang ("... Ahli Muda", "... Terampil"), else JA.

    What a list of people without a jenis jabatan column (a Matriks, a roster) implies.
    """
    key = "".join(jabatan.lower().split())
    return JenisJabatan.JF if any(j in key for j in _JENJANG_JF) else JenisJabatan.JA


def nip_penilai_wajib(jenis: str) -> bool:
    """Whether the pejabat penilai of a pegawai of this jenis jabatan must have a NIP.

    A JPT may be rated by a minister, governor or regent, who has no NIP and so no
    pangkat either: the Identitas form marks both optional and the checks ask for neither.
    """
    return jenis != JenisJabatan.JPT


class Pendekatan(StrEnum):
    """Pendekatan hasil kerja (approach) of an SKP."""

    KUALITATIF = "Kualitatif"
    KUANTITATIF = "Kuantitatif"


class JenisHasilKerja(StrEnum):
    """Priority of a hasil kerja: utama (high) or tambahan (low)."""

    UTAMA = "Utama"
    TAMBAHAN = "Tambahan"


class Perspektif(StrEnum):
    """Balanced-scorecard perspektif of a JPT's IKI."""

    PENERIMA_LAYANAN = "Penerima Layanan"
    PROSES_BISNIS = "Proses Bisnis"
    PENGUATAN_INTERNAL = "Penguatan Internal"
    ANGGARAN = "Anggaran"


class Aspek(StrEnum):
    """Aspek of an IKI in the JA/JF kuantitatif format."""

    KUANTITAS = "Kuantitas"
    KUALITAS = "Kualitas"
    WAKTU = "Waktu"
    BIAYA = "Biaya"


class KualitasKendali(StrEnum):
    """Kualitas dan tingkat kendali of a hasil kerja (Manual IKI)."""

    OUTCOME = "Outcome"
    OUTCOME_ANTARA = "Outcome Antara"
    OUTPUT_KENDALI_RENDAH = "Output Kendali Rendah"
    OUTPUT_KENDALI_SEDANG = "Output Kendali Sedang"
    OUTPUT_KENDALI_TINGGI = "Output Kendali Tinggi"


class PeriodePelaporan(StrEnum):
    """How often an IKI is reported (Manual IKI)."""

    BULANAN = "Bulanan"
    TRIWULANAN = "Triwulanan"
    SEMESTERAN = "Semesteran"
    TAHUNAN = "Tahunan"


class PeriodeEvaluasi(StrEnum):
    """An evaluation period: a quarter, a month, or the annual (akhir) evaluation.

    An agency evaluates every quarter or every month (:class:`SiklusEvaluasi`); either
    way the year ends with the akhir evaluation. Quarterly workbooks made before months
    existed hold exactly the quarters and Akhir, under the same names.
    """

    TW1 = "Triwulan I"
    TW2 = "Triwulan II"
    TW3 = "Triwulan III"
    TW4 = "Triwulan IV"
    JAN = "Januari"
    FEB = "Februari"
    MAR = "Maret"
    APR = "April"
    MEI = "Mei"
    JUN = "Juni"
    JUL = "Juli"
    AGU = "Agustus"
    SEP = "September"
    OKT = "Oktober"
    NOV = "November"
    DES = "Desember"
    AKHIR = "Akhir"

    @property
    def kode(self) -> str:
        """The short code used in defined names: ``EVAL_TW1_PREDIKAT``, ``EVAL_MAR_PREDIKAT``."""
        return self.name

    @property
    def is_akhir(self) -> bool:
        """The annual evaluation, judged against the annual target."""
        return self is PeriodeEvaluasi.AKHIR

    @property
    def bulan(self) -> int:
        """The month (1-12) the period ends with: Triwulan II -> 6, Maret -> 3, Akhir -> 12."""
        return _BULAN_AKHIR[self]

    @property
    def lama_bulan(self) -> int:
        """How many months the period covers: 3 for a quarter, 1 for a month, 12 for Akhir."""
        if self.is_akhir:
            return 12
        return 3 if self.name.startswith("TW") else 1

    @property
    def pecahan(self) -> Fraction:
        """The share of the year elapsed at the period's end, for pro-rata targets.

        Triwulan k -> k/4, month m -> m/12, Akhir -> 1 (exact, so a formula can be written
        as ``numerator/denominator``).
        """
        return Fraction(self.bulan, 12)

    @property
    def siklus(self) -> SiklusEvaluasi | None:
        """The cycle the period belongs to; None for Akhir, which ends both."""
        if self.is_akhir:
            return None
        return SiklusEvaluasi.TRIWULANAN if self.lama_bulan == 3 else SiklusEvaluasi.BULANAN

    @property
    def urutan(self) -> tuple[int, int]:
        """Sort key in the order of the year: by the month it ends, a month before the
        quarter ending with it, Akhir last."""
        return (self.bulan, self.lama_bulan)


_BULAN_AKHIR = {
    **{p: 3 * (i + 1) for i, p in enumerate(list(PeriodeEvaluasi)[:4])},
    **{p: i + 1 for i, p in enumerate(list(PeriodeEvaluasi)[4:16])},
    PeriodeEvaluasi.AKHIR: 12,
}


class SiklusEvaluasi(StrEnum):
    """How often an agency evaluates its pegawai during the year (seed 001: "setiap bulan
    atau triwulan sesuai periode yang ditetapkan oleh instansi")."""

    TRIWULANAN = "Triwulanan"
    BULANAN = "Bulanan"

    @property
    def periode(self) -> tuple[PeriodeEvaluasi, ...]:
        """The cycle's evaluation periods in the order of the year, Akhir last."""
        return (*(p for p in PeriodeEvaluasi if p.siklus is self), PeriodeEvaluasi.AKHIR)


class Rating(StrEnum):
    """Rating hasil kerja and rating perilaku kerja, from worst to best."""

    DIBAWAH = "Dibawah Ekspektasi"
    SESUAI = "Sesuai Ekspektasi"
    DIATAS = "Diatas Ekspektasi"


class Predikat(StrEnum):
    """Predikat kinerja pegawai, from best to worst."""

    SANGAT_BAIK = "Sangat Baik"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang/Misconduct"
    SANGAT_KURANG = "Sangat Kurang"


class CapaianOrganisasi(StrEnum):
    """Capaian kinerja organisasi (periodic or annual), from best to worst."""

    ISTIMEWA = "Istimewa"
    BAIK = "Baik"
    BUTUH_PERBAIKAN = "Butuh Perbaikan"
    KURANG = "Kurang"
    SANGAT_KURANG = "Sangat Kurang"


class MetodePenyelarasan(StrEnum):
    """How a subordinate's hasil kerja is aligned with the leader's (cascading)."""

    DIRECT = "Direct Cascading"
    NON_DIRECT = "Non-Direct Cascading"


def compact(text: str) -> str:
    """The comparison key of a label: lower case, every whitespace character removed.

    Excel reproduces it for ordinary spaces as ``LOWER(SUBSTITUTE(x," ",""))``.
    """
    return "".join(text.split()).lower()


@dataclass(frozen=True, slots=True)
class Vocabulary(Generic[E]):
    """One closed list: its enum, its Indonesian name and the accepted variants.

    Attributes:
        nama: What the list is called in messages ("rating", "predikat kinerja"...).
        kode: Stable kebab-case stem of the error code (``<kode>-tidak-dikenal``).
        enum: The enum of canonical values.
        aliases: Compact key of every accepted text (canonical ones included) to its value.
    """

    nama: str
    kode: str
    enum: type[E]
    aliases: Mapping[str, E] = field(repr=False)

    def normalize(self, value: object) -> E:
        """The canonical value of ``value``.

        Args:
            value: A label as typed or read from a cell; an enum member passes through.

        Returns:
            The canonical enum member.

        Raises:
            InvalidValueError: ``value`` is empty, not text, or not a known variant; the
                message names the value and the allowed ones.
        """
        if isinstance(value, self.enum):
            return value
        if isinstance(value, str):
            found = self.aliases.get(compact(value))
            if found is not None:
                return found
        allowed = ", ".join(m.value for m in self.enum)
        shown = value.strip() if isinstance(value, str) else value
        if shown in ("", None):
            raise InvalidValueError(
                f"{self.kode}-kosong",
                f"{self.nama.capitalize()} belum diisi; pilih salah satu: {allowed}.",
                value,
            )
        raise InvalidValueError(
            f"{self.kode}-tidak-dikenal",
            f"'{shown}' bukan {self.nama} yang dikenal; pilih salah satu: {allowed}.",
            value,
        )

    def is_canonical(self, value: str) -> bool:
        """Whether ``value`` is written exactly as the canonical label (spaces trimmed)."""
        return value.strip() in {m.value for m in self.enum}


def _vocabulary(
    nama: str, kode: str, enum: type[E], variants: Mapping[E, Iterable[str]]
) -> Vocabulary[E]:
    aliases: dict[str, E] = {}
    for member in enum:
        for text in (member.value, *variants.get(member, ())):
            key = compact(text)
            if aliases.setdefault(key, member) is not member:
                raise AssertionError(f"alias {text!r} names two {nama} values")
    return Vocabulary(nama, kode, enum, aliases)


def _rating_variants(stems: Iterable[str]) -> list[str]:
    # "Di Atas Ekspektasi", "DIATAS", the common typos "Ekspetasi"/"Ekpektasi" and the
    # seed-002 figure's "Diatss" all occur in circulated forms.
    suffixes = ("ekspektasi", "ekspetasi", "ekpektasi", "ekspektasi pimpinan", "")
    return [f"{stem} {suffix}".strip() for stem in stems for suffix in suffixes]


JENIS_JABATAN = _vocabulary(
    "jenis jabatan",
    "jenis-jabatan",
    JenisJabatan,
    {
        JenisJabatan.JPT: [
            "Jabatan Pimpinan Tinggi",
            "Pejabat Pimpinan Tinggi",
            "Pimpinan Tinggi",
            "JPT Utama",
            "JPT Madya",
            "JPT Pratama",
            "Pimpinan Tinggi Utama",
            "Pimpinan Tinggi Madya",
            "Pimpinan Tinggi Pratama",
            "Jabatan Pimpinan Tinggi Utama",
            "Jabatan Pimpinan Tinggi Madya",
            "Jabatan Pimpinan Tinggi Pratama",
            "Pimpinan Unit Kerja Mandiri",
        ],
        JenisJabatan.JA: [
            "Jabatan Administrasi",
            "Administrasi",
            "Administrator",
            "Pengawas",
            "Pelaksana",
        ],
        JenisJabatan.JF: ["Jabatan Fungsional", "Fungsional"],
    },
)

PENDEKATAN = _vocabulary(
    "pendekatan hasil kerja",
    "pendekatan",
    Pendekatan,
    {
        Pendekatan.KUALITATIF: ["Pendekatan Kualitatif", "Hasil Kerja Kualitatif"],
        Pendekatan.KUANTITATIF: ["Pendekatan Kuantitatif", "Hasil Kerja Kuantitatif"],
    },
)

JENIS_HASIL_KERJA = _vocabulary(
    "jenis hasil kerja",
    "jenis-hasil-kerja",
    JenisHasilKerja,
    {
        JenisHasilKerja.UTAMA: [
            "A. Utama",
            "A. Hasil Kerja Utama",
            "Hasil Kerja Utama",
            "Kinerja Utama",
            "A. Kinerja Utama",
            "Prioritas Tinggi",
        ],
        JenisHasilKerja.TAMBAHAN: [
            "B. Tambahan",
            "B. Hasil Kerja Tambahan",
            "Hasil Kerja Tambahan",
            "Kinerja Tambahan",
            "B. Kinerja Tambahan",
            "Prioritas Rendah",
        ],
    },
)

PERSPEKTIF = _vocabulary(
    "perspektif",
    "perspektif",
    Perspektif,
    {
        Perspektif.PENERIMA_LAYANAN: [
            "Perspektif Penerima Layanan",
            "Stakeholder",
            "Perspektif Stakeholder",
            "Pemangku Kepentingan",
        ],
        Perspektif.PROSES_BISNIS: ["Perspektif Proses Bisnis"],
        Perspektif.PENGUATAN_INTERNAL: [
            "Perspektif Penguatan Internal",
            "Penguanan Internal",
        ],
        Perspektif.ANGGARAN: ["Perspektif Anggaran"],
    },
)

ASPEK = _vocabulary(
    "aspek",
    "aspek",
    Aspek,
    {a: [f"Aspek {a.value}"] for a in Aspek},
)

KUALITAS_KENDALI = _vocabulary(
    "kualitas dan tingkat kendali",
    "kualitas-kendali",
    KualitasKendali,
    {
        KualitasKendali.OUTCOME_ANTARA: ["Intermediate Outcome"],
        KualitasKendali.OUTPUT_KENDALI_RENDAH: [
            "Output dengan Kendali Rendah",
            "Output (Kendali Rendah)",
            "Output - Kendali Rendah",
        ],
        KualitasKendali.OUTPUT_KENDALI_SEDANG: [
            "Output dengan Kendali Sedang",
            "Output (Kendali Sedang)",
            "Output - Kendali Sedang",
        ],
        KualitasKendali.OUTPUT_KENDALI_TINGGI: [
            "Output dengan Kendali Tinggi",
            "Output (Kendali Tinggi)",
            "Output - Kendali Tinggi",
        ],
    },
)

PERIODE_PELAPORAN = _vocabulary(
    "periode pelaporan",
    "periode-pelaporan",
    PeriodePelaporan,
    {
        PeriodePelaporan.BULANAN: ["Per Bulan", "Setiap Bulan"],
        PeriodePelaporan.TRIWULANAN: ["Per Triwulan", "Setiap Triwulan", "Kuartalan"],
        PeriodePelaporan.SEMESTERAN: ["Per Semester", "Setiap Semester", "Semester"],
        PeriodePelaporan.TAHUNAN: ["Per Tahun", "Setiap Tahun"],
    },
)


def _triwulan_variants(roman: str, arabic: str) -> list[str]:
    return [
        f"Triwulan {arabic}",
        f"Triwulan ke-{arabic}",
        f"TW {roman}",
        f"TW {arabic}",
        f"TW-{roman}",
        f"TW-{arabic}",
        f"Q{arabic}",
        f"Kuartal {arabic}",
        f"Kuartal {roman}",
    ]


_NAMA_BULAN_LAIN = (
    ("Jan", "January"),
    ("Feb", "Pebruari", "February"),
    ("Mar", "March"),
    ("Apr",),
    ("May",),
    ("Jun", "June"),
    ("Jul", "July"),
    ("Agu", "Agt", "Ags", "Aug", "August"),
    ("Sep", "Sept"),
    ("Okt", "Oct", "October"),
    ("Nov", "Nop", "Nopember"),
    ("Des", "Dec", "December"),
)


def _bulan_variants(nomor: int, lain: Iterable[str]) -> list[str]:
    # e-Kinerja and circulated recaps name a month by its number as often as by name.
    return [*lain, f"Bulan {nomor}", f"Bulan ke-{nomor}", f"{nomor:02d}", f"{nomor}"]


PERIODE_EVALUASI = _vocabulary(
    "periode evaluasi",
    "periode",
    PeriodeEvaluasi,
    {
        PeriodeEvaluasi.TW1: _triwulan_variants("I", "1"),
        PeriodeEvaluasi.TW2: _triwulan_variants("II", "2"),
        PeriodeEvaluasi.TW3: _triwulan_variants("III", "3"),
        PeriodeEvaluasi.TW4: _triwulan_variants("IV", "4"),
        **{
            bulan: _bulan_variants(bulan.bulan, lain)
            for bulan, lain in zip(
                SiklusEvaluasi.BULANAN.periode[:-1], _NAMA_BULAN_LAIN, strict=True
            )
        },
        PeriodeEvaluasi.AKHIR: ["Tahunan", "Akhir Tahun", "Evaluasi Akhir", "Penilaian Akhir"],
    },
)

SIKLUS_EVALUASI = _vocabulary(
    "periode evaluasi instansi",
    "siklus-evaluasi",
    SiklusEvaluasi,
    {
        SiklusEvaluasi.TRIWULANAN: ["Triwulan", "Per Triwulan", "Kuartal", "TW", "Quarterly"],
        SiklusEvaluasi.BULANAN: ["Bulan", "Per Bulan", "Setiap Bulan", "Monthly"],
    },
)
"""Not a workbook list (no dropdown offers it): ``skp-xl new --periode-evaluasi`` and the
``_meta`` sheet's record of the cycle."""

RATING = _vocabulary(
    "rating",
    "rating",
    Rating,
    {
        Rating.DIATAS: _rating_variants(["Diatas", "Diatss", "Melebihi"]),
        Rating.SESUAI: _rating_variants(["Sesuai"]),
        Rating.DIBAWAH: _rating_variants(["Dibawah", "Kurang dari"]),
    },
)

PREDIKAT = _vocabulary(
    "predikat kinerja",
    "predikat",
    Predikat,
    {
        Predikat.BUTUH_PERBAIKAN: [
            "Cukup",
            "Butuh Perbaikan (Cukup)",
            "Butuh Perbaikan/Cukup",
            "Cukup (Butuh Perbaikan)",
            "Perlu Perbaikan",
        ],
        Predikat.KURANG: [
            "Kurang",
            "Kurang (Misconduct)",
            "Kurang / Misconduct",
            "Kurang-Misconduct",
            "Misconduct",
        ],
    },
)

CAPAIAN_ORGANISASI = _vocabulary(
    "capaian kinerja organisasi",
    "capaian-organisasi",
    CapaianOrganisasi,
    {
        # Seed 001 calls the top band "Sangat Baik"; seed 002 and the forms "Istimewa".
        CapaianOrganisasi.ISTIMEWA: ["Sangat Baik", "Melampaui Target"],
        CapaianOrganisasi.BUTUH_PERBAIKAN: [
            "Cukup",
            "Butuh Perbaikan (Cukup)",
            "Butuh Perbaikan/Cukup",
            "Cukup (Butuh Perbaikan)",
        ],
    },
)

METODE_PENYELARASAN = _vocabulary(
    "metode penyelarasan",
    "metode-penyelarasan",
    MetodePenyelarasan,
    {
        MetodePenyelarasan.DIRECT: ["Direct", "Direct-Cascading", "Langsung"],
        MetodePenyelarasan.NON_DIRECT: [
            "Non Direct",
            "Non-Direct",
            "NonDirect",
            "Non Direct Cascading",
            "Indirect Cascading",
            "Tidak Langsung",
        ],
    },
)

VOCABULARIES: dict[str, Vocabulary[StrEnum]] = {
    v.kode: v  # type: ignore[misc]
    for v in (
        JENIS_JABATAN,
        PENDEKATAN,
        JENIS_HASIL_KERJA,
        PERSPEKTIF,
        ASPEK,
        KUALITAS_KENDALI,
        PERIODE_PELAPORAN,
        PERIODE_EVALUASI,
        RATING,
        PREDIKAT,
        CAPAIAN_ORGANISASI,
        METODE_PENYELARASAN,
    )
}
"""Every closed list by its code: what the workbook's ``_ref`` sheet and dropdowns list."""


def normalize_jenis_jabatan(value: object) -> JenisJabatan:
    """Canonical jenis jabatan (``JPT``, ``JA``, ``JF``). Raises ``InvalidValueError``."""
    return JENIS_JABATAN.normalize(value)


def normalize_pendekatan(value: object) -> Pendekatan:
    """Canonical pendekatan hasil kerja. Raises ``InvalidValueError``."""
    return PENDEKATAN.normalize(value)


def normalize_jenis_hasil_kerja(value: object) -> JenisHasilKerja:
    """Canonical jenis hasil kerja (Utama or Tambahan). Raises ``InvalidValueError``."""
    return JENIS_HASIL_KERJA.normalize(value)


def normalize_perspektif(value: object) -> Perspektif:
    """Canonical perspektif. Raises ``InvalidValueError``."""
    return PERSPEKTIF.normalize(value)


def normalize_aspek(value: object) -> Aspek:
    """Canonical aspek IKI. Raises ``InvalidValueError``."""
    return ASPEK.normalize(value)


def normalize_kualitas_kendali(value: object) -> KualitasKendali:
    """Canonical kualitas dan tingkat kendali. Raises ``InvalidValueError``."""
    return KUALITAS_KENDALI.normalize(value)


def normalize_periode_pelaporan(value: object) -> PeriodePelaporan:
    """Canonical periode pelaporan. Raises ``InvalidValueError``."""
    return PERIODE_PELAPORAN.normalize(value)


def normalize_periode(value: object) -> PeriodeEvaluasi:
    """Canonical periode evaluasi ("TW I", "Q1" -> Triwulan I; "Mar", "bulan 3" -> Maret).

    Raises ``InvalidValueError``.
    """
    return PERIODE_EVALUASI.normalize(value)


def normalize_siklus(value: object) -> SiklusEvaluasi:
    """Canonical evaluation cycle ("bulanan" -> Bulanan). Raises ``InvalidValueError``."""
    return SIKLUS_EVALUASI.normalize(value)


def normalize_rating(value: object) -> Rating:
    """Canonical rating hasil kerja or perilaku kerja. Raises ``InvalidValueError``."""
    return RATING.normalize(value)


def normalize_predikat(value: object) -> Predikat:
    """Canonical predikat kinerja ("Cukup" -> Butuh Perbaikan). Raises ``InvalidValueError``."""
    return PREDIKAT.normalize(value)


def normalize_capaian_organisasi(value: object) -> CapaianOrganisasi:
    """Canonical capaian kinerja organisasi. Raises ``InvalidValueError``."""
    return CAPAIAN_ORGANISASI.normalize(value)


def normalize_metode_penyelarasan(value: object) -> MetodePenyelarasan:
    """Canonical metode penyelarasan (cascading). Raises ``InvalidValueError``."""
    return METODE_PENYELARASAN.normalize(value)
