"""The vocabulary of form descriptions: what a form is made of, as plain data.

A form is a sheet: a grid of columns and a top-to-bottom sequence of blocks (title,
identity header, hasil kerja table, perilaku block, rating, signature...). The writer
renders a description into cells; the reader finds the same blocks again through the
defined names the description declares. Nothing about a form's layout is written twice.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction
from typing import ClassVar

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodeEvaluasi, SiklusEvaluasi
from skp_xl.forms.text import TAMBAHAN, UTAMA

TEMPLATE_VERSION = "1.2.0"
"""Version of the workbook layout and its defined names; readers check it (``_meta``).

1.1: monthly evaluation sheets (``META_PERIODE_EVALUASI``); a 1.0 reader would miss them.
1.2: headings verbatim from the seeds ("NO.", "REALISASI", "B. HASIL KERJA TAMBAHAN" on
the Evaluasi JPT...), the C.1.3 header repeated under "B. TAMBAHAN", the PERIODE inputs
of the Umpan Balik and Dokumen Evaluasi beside the form; a 1.1 reader would miss the
renamed sections and columns.
"""


@dataclass(frozen=True, slots=True)
class TemplateId:
    """The ``_meta`` template id of a workbook: ``skp-{jenis}-{pendekatan}`` for one
    pegawai's SKP, ``matriks-peran-hasil`` for the Matriks Peran Hasil (no jenis).

    Built and parsed only here, so writer, Matriks and reader cannot disagree on it.
    """

    jenis: JenisJabatan | None = None
    pendekatan: Pendekatan | None = None

    MATRIKS: ClassVar[str] = "matriks-peran-hasil"

    @classmethod
    def skp(cls, jenis: JenisJabatan, pendekatan: Pendekatan) -> TemplateId:
        """The id of an SKP workbook of this jenis jabatan and pendekatan."""
        return cls(jenis, pendekatan)

    @classmethod
    def matriks(cls) -> TemplateId:
        """The id of the Matriks Peran Hasil workbook."""
        return cls()

    @classmethod
    def parse(cls, text: str) -> TemplateId | None:
        """The id written as ``text``, or None when this version does not know it."""
        if text == cls.MATRIKS:
            return cls.matriks()
        for jenis in JenisJabatan:
            for pendekatan in Pendekatan:
                if text == str(cls.skp(jenis, pendekatan)):
                    return cls.skp(jenis, pendekatan)
        return None

    @classmethod
    def all_skp(cls) -> tuple[TemplateId, ...]:
        """Every SKP workbook id, jenis by jenis."""
        return tuple(cls.skp(j, p) for j in JenisJabatan for p in Pendekatan)

    @property
    def is_matriks(self) -> bool:
        """The Matriks Peran Hasil, not an SKP."""
        return self.jenis is None

    def __str__(self) -> str:
        if self.jenis is None or self.pendekatan is None:
            return self.MATRIKS
        return f"skp-{self.jenis.value.lower()}-{self.pendekatan.value.lower()}"


PERAN = ("PEGAWAI", "PENILAI", "ATASAN")
"""The three people of an SKP: pegawai, pejabat penilai, atasan pejabat penilai."""
IDENTITAS_FIELDS = ("NAMA", "NIP", "PANGKAT", "JABATAN", "UNIT_KERJA")
"""The five identity fields of each person, in the order the forms print them."""


def identity_name(peran: str, field_key: str) -> str:
    """Defined name of an identity field, e.g. ``PEGAWAI_NIP``."""
    return f"{peran}_{field_key}"


def eval_name(periode: PeriodeEvaluasi, key: str) -> str:
    """Defined name of a field of one evaluation period, e.g. ``EVAL_TW1_PREDIKAT``."""
    return f"EVAL_{periode.kode}_{key}"


class Orientation(StrEnum):
    """Paper orientation of a printed form (always A4)."""

    PORTRAIT = "portrait"
    LANDSCAPE = "landscape"


class Isi(StrEnum):
    """What a table column holds, so writer and reader treat it alike."""

    NOMOR = "nomor"  # numbered by formula
    TEKS = "teks"  # free text input
    PILIHAN = "pilihan"  # dropdown of a closed list
    ANGKA = "angka"  # number input
    RUMUS = "rumus"  # computed or taken from another sheet


@dataclass(frozen=True, slots=True)
class Kolom:
    """One column of a hasil kerja table.

    Attributes:
        key: Stable key (``rhk``, ``iki``, ``target``...), used by writer and reader.
        judul: Header as the form prints it.
        lebar: Column width in Excel units.
        isi: What the column holds.
        daftar: Name of the list (``LIST_ASPEK``) for a dropdown column.
        per_rhk: The column holds one value per rencana hasil kerja (merged over its IKI
            rows) rather than one per IKI.
        span: How many grid columns the column covers (merged), for printed columns.
        cetak: Printed (inside the print area); helper inputs are not.
        wajib: Must be filled for the first hasil kerja utama.
        lama: Headers older templates printed for this column ("NO" before "NO."), which
            the reader still recognises.
        petunjuk: The input message of the column's cells (what to type), or None.
        maks: The most characters a typed text may have (a data validation); the rows
            that show it again by formula are made tall enough for that many.
    """

    key: str
    judul: str
    lebar: float
    isi: Isi = Isi.TEKS
    daftar: str | None = None
    per_rhk: bool = False
    cetak: bool = True
    wajib: bool = False
    span: int = 1
    lama: tuple[str, ...] = ()
    petunjuk: str | None = None
    maks: int | None = None


@dataclass(frozen=True, slots=True)
class Judul:
    """Centred title lines; the last may be the form code, printed small above."""

    baris: tuple[str, ...]
    kode: str | None = None


@dataclass(frozen=True, slots=True)
class InstansiPeriode:
    """ "(NAMA INSTANSI)" and "PERIODE PENILAIAN: ... JANUARI SD ... DESEMBER TAHUN ..."."""


@dataclass(frozen=True, slots=True)
class PeriodeLabel:
    """ "PERIODE: TRIWULAN I" for one evaluation period, or a dropdown when ``pilih``."""

    periode: PeriodeEvaluasi | None = None
    name: str | None = None


@dataclass(frozen=True, slots=True)
class Identitas:
    """The two-column identity header: pegawai on the left, another person on the right."""

    kiri: str = "PEGAWAI"
    kanan: str = "PENILAI"
    nip_kanan_opsional: bool = False


@dataclass(frozen=True, slots=True)
class IdentitasDaftar:
    """Numbered identity sections one below the other (Dokumen Evaluasi)."""

    peran: tuple[str, ...] = PERAN


@dataclass(frozen=True, slots=True)
class CapaianOrganisasi:
    """The capaian kinerja organisasi input and the pola distribusi it implies."""

    periode: PeriodeEvaluasi


@dataclass(frozen=True, slots=True)
class TabelHasilKerja:
    """The hasil kerja table of a form.

    Attributes:
        kolom: The columns, printed ones first.
        baris_per_rhk: Rows per rencana hasil kerja: the IKI rows (kuantitatif) or the
            rows of one narrative item (kualitatif).
        utama: Number of hasil kerja utama blocks.
        tambahan: Number of hasil kerja tambahan blocks.
        sumber: Key of the SKP table whose rows this one shows by formula (evaluation,
            umpan balik and manual IKI sheets); None for the SKP table itself.
        name: Defined name of the table body (every block row, both sections).
        nomor_kolom: Print the "(1) (2) ..." column numbers under the headers.
        narasi: Kualitatif SKP layout: each item is three rows (the hasil kerja, the
            "Ukuran keberhasilan" label, the narrative), columns ``hasil_kerja`` and
            ``ukuran`` both spanning the table.
        porsi: A periodic evaluation's share of the year (TW I: 1/4), which its
            per-period targets need; None for every other table (the akhir included).
        ukuran_label: The line shown between a kualitatif hasil kerja and its ukuran
            when this table copies them (the Umpan Balik's own wording); None: the
            SKP's.
        judul: A heading printed above the column headers ("HASIL KERJA"), or None.
        bagian: The labels of the utama and tambahan sections (PermenPANRB 8/2021 prints
            "A. KINERJA UTAMA", "B. KINERJA TAMBAHAN"); an empty label prints no row.
        kepala_tambahan: The column headers printed again under the tambahan label
            (C.1.1 prints them in the label's row, C.1.3 in rows of their own).
    """

    kolom: tuple[Kolom, ...]
    baris_per_rhk: int
    utama: int
    tambahan: int
    name: str
    sumber: str | None = None
    nomor_kolom: bool = True
    narasi: bool = False
    porsi: Fraction | None = None
    ukuran_label: str | None = None
    judul: str | None = None
    bagian: tuple[str, str] = (UTAMA, TAMBAHAN)
    kepala_tambahan: bool = False


@dataclass(frozen=True, slots=True)
class Rating:
    """A rating input (hasil kerja or perilaku) of one period, with its suggestion."""

    periode: PeriodeEvaluasi
    jenis: str  # "HASIL_KERJA" or "PERILAKU"
    saran_dari: str | None = None  # table name whose per-RHK judgements suggest a rating


@dataclass(frozen=True, slots=True)
class Perilaku:
    """The seven BerAKHLAK rows: the SKP's ekspektasi khusus, or an evaluation's feedback.

    Attributes:
        spans: Grid columns of: number, value with guidance, ekspektasi khusus, and (with
            ``umpan_balik``) the feedback column.
        umpan_balik: Defined name of the feedback column; None on the SKP itself.
        judul: Heading over the values; None: "PERILAKU KERJA*".
        judul_umpan_balik: Heading of the feedback column; None: the evaluation's
            "UMPAN BALIK BERKELANJUTAN BERDASARKAN BUKTI DUKUNG".
    """

    spans: tuple[int, ...]
    umpan_balik: str | None = None
    judul: str | None = None
    judul_umpan_balik: str | None = None


@dataclass(frozen=True, slots=True)
class Predikat:
    """The predikat kinerja pegawai of one period, by formula from its two ratings."""

    periode: PeriodeEvaluasi


@dataclass(frozen=True, slots=True)
class DaftarIsian:
    """A heading and numbered free-text lines (Lampiran SKP)."""

    judul: str
    petunjuk: tuple[str, ...]
    name: str


@dataclass(frozen=True, slots=True)
class EvaluasiDokumen:
    """Dokumen Evaluasi: capaian organisasi and predikat of the chosen period, catatan.

    Attributes:
        periode: The periods it can show, in the order of the workbook's period list
            (``LIST_PERIODE``): the workbook's cycle, Akhir last.
    """

    periode: tuple[PeriodeEvaluasi, ...] = SiklusEvaluasi.TRIWULANAN.periode


@dataclass(frozen=True, slots=True)
class TandaTangan:
    """Signature block: a date line, then two signatories side by side.

    Attributes:
        kiri: Who signs on the left (a key of ``PERAN``); None: only ``kanan`` signs
            (an evaluation, seed 002).
        kanan: Who signs on the right.
        kanan_ttd: The caption above the right signatory; None: its ``PERAN_TTD``.
        catatan: Footnotes under the signatures, one a line.
        tanggal_tiap: A date line above each signatory (the Dokumen Evaluasi, where both
            sign on their own day); otherwise one, above the right one.
    """

    kiri: str | None = "PEGAWAI"
    kanan: str = "PENILAI"
    catatan: str | None = None
    tanggal_tiap: bool = False
    kanan_ttd: str | None = None


class Cek(StrEnum):
    """A check an Isian cell carries, beyond being typed in."""

    NIP = "nip"  # 18 digits typed as text
    PANGKAT = "pangkat"  # from LIST_PANGKAT, other text warned about
    TAHUN = "tahun"  # a whole year PermenPANRB 6/2022 can apply to
    YA_TIDAK = "ya-tidak"  # "Ya" or "Tidak" from a dropdown (an option of the workbook)


@dataclass(frozen=True, slots=True)
class Isian:
    """One input row of an isian sheet (Identitas): label in B, value in C, hint in D.

    Attributes:
        name: Defined name of the value cell; with ``tampil``, the name whose value the
            row shows read-only instead.
        label: Printed label.
        bawaan: Value of a blank workbook.
        wajib: Coloured while blank.
        cek: The validation of the value.
        contoh: Hint beside the value.
        tampil: A read-only row showing ``name`` by formula, not an input.
        sumber: Key of the value given at build time, when not ``name`` (the Matriks
            takes its leader's unit kerja from ``PEGAWAI_UNIT_KERJA``).
    """

    name: str
    label: str
    bawaan: str | None = None
    wajib: bool = False
    cek: Cek | None = None
    contoh: str | None = None
    tampil: bool = False
    sumber: str | None = None


@dataclass(frozen=True, slots=True)
class JudulIsian:
    """The title and the note at the top of an isian sheet."""

    judul: str
    catatan: str


@dataclass(frozen=True, slots=True)
class KelompokIsian:
    """A blank row, a bold heading, then one row per input."""

    judul: str
    isian: tuple[Isian, ...]


@dataclass(frozen=True, slots=True)
class Petunjuk:
    """Filling instructions: one wrapped line per row in column B, headings in bold.

    Attributes:
        baris: (text, is a heading) per row; "" for a blank row.
        ukuran_judul: Font size of a heading (body text is 11 pt).
        huruf_per_baris: Characters a printed line holds at the column's width: the row
            heights follow from it, since LibreOffice does not fit rows to wrapped text
            when it opens a file.
        tinggi: Height of one line of a heading and of body text, and extra height per row.
    """

    baris: tuple[tuple[str, bool], ...]
    ukuran_judul: float = 14
    huruf_per_baris: int = 100
    tinggi: tuple[float, float, float] = (15, 15, 3)


@dataclass(frozen=True, slots=True)
class Meta:
    """Key-value rows of the hidden ``_meta`` sheet: (key, value, defined name or None)."""

    baris: tuple[tuple[str, str | int, str | None], ...]


@dataclass(frozen=True, slots=True)
class IsianBantu:
    """ISIAN BANTU above a printed form: a title, then one label and input per row; the
    printed area starts below it."""

    judul: str
    isian: tuple[Isian, ...]


@dataclass(frozen=True, slots=True)
class PilihanPeran:
    """The dropdown every peran cell of the sheet's matrices shares: it offers ``pilihan``
    and keeps any other text silently. First on the sheet, so its validation is too."""

    pilihan: str
    petunjuk: str


@dataclass(frozen=True, slots=True)
class PilihanKetua:
    """The dropdown of the ketua tim cells: the list ``daftar``, other text kept."""

    daftar: str
    petunjuk: str


@dataclass(frozen=True, slots=True)
class MatriksPeran:
    """One A.1.5 matrix: PEGAWAI (NAMA, NIP) | JABATAN | one peran column per hasil of the
    head row (the leader's IKI, or the ketua tim's rencana hasil kerja).

    Attributes:
        kolom: Peran columns.
        baris: Body rows, one per pegawai, below the head row.
        judul_kolom: Header of the peran columns, numbered ("... 1", "... 2").
        name: Defined name of the body.
        kepala: Defined name of the head row's hasil cells (with ``pimpinan``), or of
            the whole head row.
        petunjuk_kepala: Input message of the head row's hasil cells.
        pimpinan: Defined names of the leader's NAMA, NIP and JABATAN, filled from the
            build's ``PEGAWAI_*`` values and required; None on a team's matrix.
        nama: Defined name of the body's NAMA column, if any.
        ketua: The head row's NAMA offers the :class:`PilihanKetua` list.
    """

    kolom: int
    baris: int
    judul_kolom: str
    name: str
    kepala: str
    petunjuk_kepala: str
    pimpinan: tuple[str, str, str] | None = None
    nama: str | None = None
    ketua: bool = False


@dataclass(frozen=True, slots=True)
class HalamanBaru:
    """A page break: what follows starts a printed page."""


@dataclass(frozen=True, slots=True)
class PasanganIsian:
    """Rows of two labelled inputs side by side (Workblock).

    Attributes:
        baris: Per row, ((label, defined name), (label, defined name)).
        kolom: (first column, span) of each label; its input follows it.
        tinggi: Row height.
    """

    baris: tuple[tuple[tuple[str, str], tuple[str, str]], ...]
    kolom: tuple[tuple[int, int], tuple[int, int]] = ((1, 2), (4, 1))
    tinggi: float = 40


@dataclass(frozen=True, slots=True)
class BagianBernomor:
    """A heading over sections of numbered input lines (Workblock strategi, keluaran).

    Attributes:
        judul: The heading.
        bagian: Per section: its title, the defined name of its lines, their input
            message.
        baris: Lines per section.
    """

    judul: str
    bagian: tuple[tuple[str, str, str], ...]
    baris: int


@dataclass(frozen=True, slots=True)
class DaftarTetap:
    """Closed lists a form's dropdowns need that the shared ``_ref`` sheet lacks, one
    column each under its defined name (the PermenPANRB 8/2021 forms' own lists).

    Attributes:
        daftar: (defined name, values) per list.
    """

    daftar: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True, slots=True)
class PenandaTangan:
    """One signatory who is none of the SKP's three people (the Pengelola Kinerja of a
    Reviu, the Tim Penilai Angka Kredit): a date line, the role, name and NIP.

    Attributes:
        peran: The role as printed ("Pengelola Kinerja,").
        name: Prefix of the defined names of the name and NIP typed on the Identitas
            sheet (``{name}_NAMA``, ``{name}_NIP``).
    """

    peran: str
    name: str


Blok = (
    Judul
    | InstansiPeriode
    | PeriodeLabel
    | Identitas
    | IdentitasDaftar
    | CapaianOrganisasi
    | TabelHasilKerja
    | Rating
    | Perilaku
    | Predikat
    | DaftarIsian
    | EvaluasiDokumen
    | TandaTangan
    | JudulIsian
    | KelompokIsian
    | Petunjuk
    | Meta
    | IsianBantu
    | PilihanPeran
    | PilihanKetua
    | MatriksPeran
    | HalamanBaru
    | PasanganIsian
    | BagianBernomor
    | DaftarTetap
    | PenandaTangan
)


@dataclass(frozen=True, slots=True)
class Form:
    """One sheet: an official format, or a sheet around the formats (Petunjuk,
    Identitas, ``_meta``), each a top-to-bottom sequence of blocks.

    Attributes:
        kode: The format's code ("A.1.7", "C.1.3") or name, printed in the footer; ""
            for a sheet that is no official format.
        sheet: Sheet title.
        orientasi: Paper orientation.
        lebar: Widths of the printed grid's columns (A, B, ...).
        blok: The blocks, top to bottom.
        identitas: Column spans of the identity header (no, label, value, no, label,
            value), over the grid.
        jarak: A narrow column after the grid, between the printed form and the helper
            inputs beside it.
        zoom: Zoom of the sheet view; None leaves the application's default.
        tengah: Printed centred across the page.
        cetak: Set up for printing (the hidden ``_meta`` is not).
        tersembunyi: A hidden sheet.
        sandi: Protected with the workbook's password; False protects without one.
    """

    kode: str
    sheet: str
    orientasi: Orientation
    lebar: tuple[float, ...]
    blok: tuple[Blok, ...]
    identitas: tuple[int, int, int, int, int, int] = (1, 1, 1, 1, 1, 1)
    jarak: bool = True
    zoom: int | None = 90
    tengah: bool = True
    cetak: bool = True
    tersembunyi: bool = False
    sandi: bool = True

    @property
    def tabel(self) -> TabelHasilKerja | None:
        """The form's hasil kerja table, if it has one."""
        return next((b for b in self.blok if isinstance(b, TabelHasilKerja)), None)


@dataclass(frozen=True, slots=True)
class WorkbookSpec:
    """Which forms one pegawai's workbook holds, and what it is.

    Attributes:
        template_id: Stable id, e.g. ``skp-ja-kuantitatif``.
        jenis: Jenis jabatan.
        pendekatan: Pendekatan hasil kerja.
        forms: The form sheets, in workbook order (after the ``front`` sheets).
        front: Sheets before the forms: Petunjuk, and Identitas where the forms take
            their identity from.
        back: Sheets after the reference tables: the hidden ``_meta``.
    """

    template_id: str
    jenis: JenisJabatan | None
    pendekatan: Pendekatan | None
    forms: tuple[Form, ...] = field(default=())
    front: tuple[Form, ...] = field(default=())
    back: tuple[Form, ...] = field(default=())

    @property
    def periode(self) -> tuple[PeriodeEvaluasi, ...]:
        """The periods of its evaluation sheets, in workbook order (none for a Matriks)."""
        return tuple(
            block.periode
            for form in self.forms
            for block in form.blok
            if isinstance(block, Predikat)
        )
