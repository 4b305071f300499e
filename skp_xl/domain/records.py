"""What a filled SKP workbook says, as plain values with the cell each came from.

Readers build these records (from a file, or from a live Excel workbook); checks and the
consolidation work on them. What the form itself decides (jenis jabatan, pendekatan, the
section of a hasil kerja) is held as an enum. What a person typed is kept *as read*
(text, number, or None) in a :class:`Sel`, so a check can tell "Di Atas" from "Diatas
Ekspektasi" and report the cell; its canonical reading (an enum, or None when empty or
unknown) is a ``*_baku`` property.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import (
    ASPEK,
    CAPAIAN_ORGANISASI,
    KUALITAS_KENDALI,
    PERSPEKTIF,
    RATING,
    Aspek,
    CapaianOrganisasi,
    E,
    JenisHasilKerja,
    JenisJabatan,
    KualitasKendali,
    Pendekatan,
    PeriodeEvaluasi,
    Perspektif,
    Rating,
    Vocabulary,
    compact,
)

if TYPE_CHECKING:
    from skp_xl.domain.legacy2021 import Lampiran2021


@dataclass(frozen=True, slots=True)
class Sel:
    """A value as read and where: ``sheet`` and A1 ``cell``."""

    value: object
    sheet: str
    cell: str

    @property
    def kosong(self) -> bool:
        """True for None or text holding only spaces."""
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    @property
    def teks(self) -> str:
        """The value as trimmed text ("" when empty; numbers as Python writes them)."""
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return str(self.value).strip()

    def baku(self, vocabulary: Vocabulary[E]) -> E | None:
        """The canonical value of the cell in ``vocabulary``; None when empty or unknown
        (the checks report those, with the cell)."""
        if self.kosong:
            return None
        with contextlib.suppress(InvalidValueError):
            return vocabulary.normalize(self.teks)
        return None


def _baku(sel: Sel | None, vocabulary: Vocabulary[E]) -> E | None:
    return None if sel is None else sel.baku(vocabulary)


@dataclass(frozen=True, slots=True)
class Orang:
    """Identity of one person on the forms."""

    nama: Sel
    nip: Sel
    pangkat: Sel
    jabatan: Sel
    unit_kerja: Sel


@dataclass(frozen=True, slots=True)
class Iki:
    """One indicator row of a hasil kerja (kuantitatif), or the narrative (kualitatif).

    Attributes:
        teks: The indicator (kualitatif: the "Ukuran keberhasilan" narrative).
        aspek: Aspek (JA/JF kuantitatif), else None.
        perspektif: Perspektif (JPT kuantitatif), else None.
        target_min, target_maks, satuan, arah: The target inputs (kuantitatif), else None.
        target_teks: The printed target (cached formula result), else None.
        kendali: Kualitas dan tingkat kendali from the Manual IKI sheet (JPT), else None.
    """

    teks: Sel
    aspek: Sel | None = None
    perspektif: Sel | None = None
    target_min: Sel | None = None
    target_maks: Sel | None = None
    satuan: Sel | None = None
    arah: Sel | None = None
    target_teks: Sel | None = None
    kendali: Sel | None = None

    @property
    def terisi(self) -> bool:
        """True when any input of the row is filled."""
        inputs = (self.teks, self.aspek, self.perspektif, self.target_min, self.satuan)
        return any(s is not None and not s.kosong for s in inputs)

    @property
    def aspek_baku(self) -> Aspek | None:
        """The aspek, canonical; None when absent, empty or unknown."""
        return _baku(self.aspek, ASPEK)

    @property
    def perspektif_baku(self) -> Perspektif | None:
        """The perspektif, canonical; None when absent, empty or unknown."""
        return _baku(self.perspektif, PERSPEKTIF)

    @property
    def kendali_baku(self) -> KualitasKendali | None:
        """The kualitas dan tingkat kendali, canonical; None when absent, empty or unknown."""
        return _baku(self.kendali, KUALITAS_KENDALI)


@dataclass(frozen=True, slots=True)
class HasilKerja:
    """One rencana hasil kerja of the SKP.

    Attributes:
        jenis: Utama or Tambahan (the section it is in).
        indeks: Position in the table, 0-based over both sections (utama first).
        rhk: The rencana hasil kerja (kualitatif: the expected result).
        rhk_pimpinan: Rencana hasil kerja pimpinan yang diintervensi (JA/JF kuantitatif).
        iki: Its indicator rows, filled or not, in order.
    """

    jenis: JenisHasilKerja
    indeks: int
    rhk: Sel
    rhk_pimpinan: Sel | None
    iki: tuple[Iki, ...]

    @property
    def terisi(self) -> bool:
        """True when the hasil kerja or any of its indicators is filled."""
        filled = not self.rhk.kosong or (
            self.rhk_pimpinan is not None and not self.rhk_pimpinan.kosong
        )
        return filled or any(i.terisi for i in self.iki)


@dataclass(frozen=True, slots=True)
class RealisasiIki:
    """One IKI row of an evaluation: the realisasi typed and the judgement cached.

    Attributes:
        angka: Realisasi (angka).
        capaian_tersimpan: Capaian IKI (cached formula result).
        target_periode: The period's trajectory target as typed (periodic evaluations;
            None on the akhir evaluation, which has no such column).
    """

    angka: Sel | None
    capaian_tersimpan: Sel | None
    target_periode: Sel | None = None


@dataclass(frozen=True, slots=True)
class EvaluasiHasilKerja:
    """One hasil kerja row of an evaluation.

    Attributes:
        realisasi: Per IKI row (kuantitatif), or one narrative cell (kualitatif).
        umpan_balik: Feedback cell.
        penilaian: The judgement: typed (kualitatif) or cached formula (kuantitatif).
    """

    realisasi: tuple[RealisasiIki, ...]
    realisasi_teks: Sel | None
    umpan_balik: Sel | None
    penilaian: Sel | None


@dataclass(frozen=True, slots=True)
class Evaluasi:
    """One period's evaluation."""

    periode: PeriodeEvaluasi
    capaian_organisasi: Sel
    rating_hasil_kerja: Sel
    rating_perilaku: Sel
    predikat_tersimpan: Sel
    saran_tersimpan: Sel | None
    hasil_kerja: tuple[EvaluasiHasilKerja, ...]

    @property
    def capaian_organisasi_baku(self) -> CapaianOrganisasi | None:
        """The capaian kinerja organisasi, canonical; None when empty or unknown."""
        return self.capaian_organisasi.baku(CAPAIAN_ORGANISASI)

    @property
    def rating_hasil_kerja_baku(self) -> Rating | None:
        """The rating hasil kerja, canonical; None when empty or unknown."""
        return self.rating_hasil_kerja.baku(RATING)

    @property
    def rating_perilaku_baku(self) -> Rating | None:
        """The rating perilaku kerja, canonical; None when empty or unknown."""
        return self.rating_perilaku.baku(RATING)

    @property
    def dinilai(self) -> bool:
        """True when anything of the period is filled (a rating, capaian or realisasi)."""
        if not (
            self.rating_hasil_kerja.kosong
            and self.rating_perilaku.kosong
            and self.capaian_organisasi.kosong
        ):
            return True
        return any(
            any(r.angka is not None and not r.angka.kosong for r in h.realisasi)
            or (h.realisasi_teks is not None and not h.realisasi_teks.kosong)
            for h in self.hasil_kerja
        )


@dataclass(frozen=True, slots=True)
class SkpRecord:
    """One pegawai's SKP workbook, read.

    Attributes:
        path: The file.
        template_id: ``_meta`` template id (``skp-ja-kuantitatif``).
        template_version: ``_meta`` template version.
        jenis_jabatan, pendekatan: Of the form (``_meta``), canonical.
        pegawai, penilai, atasan: The three people.
        instansi, tahun: From Identitas.
        hasil_kerja: Every block of the SKP table, filled or not.
        evaluasi: The evaluations by period.
        dokumen_periode: The period the Dokumen Evaluasi shows (empty Sel when the
            workbook has none).
        umpan_balik_periode: The period the Umpan Balik Berkala sheet is for (likewise).
        pro_rata: The pro-rata option of a kuantitatif workbook (Identitas), else None.
        lampiran_2021: What only a PermenPANRB 8/2021 workbook holds (its template id
            starts ``skp2021-``); None for every 6/2022 workbook.
    """

    path: str
    template_id: str
    template_version: str
    jenis_jabatan: JenisJabatan
    pendekatan: Pendekatan
    pegawai: Orang
    penilai: Orang
    atasan: Orang
    instansi: Sel
    tahun: Sel
    hasil_kerja: tuple[HasilKerja, ...]
    evaluasi: Mapping[PeriodeEvaluasi, Evaluasi] = field(default_factory=dict)
    dokumen_periode: Sel = Sel(None, "", "")
    umpan_balik_periode: Sel = Sel(None, "", "")
    pro_rata: Sel | None = None
    lampiran_2021: Lampiran2021 | None = None

    @property
    def regulasi(self) -> str:
        """The PermenPANRB whose formats the workbook follows: "8/2021" or "6/2022"."""
        return "8/2021" if self.lampiran_2021 is not None else "6/2022"

    @property
    def pro_rata_aktif(self) -> bool:
        """True when the pro-rata option says "Ya" (rules.md section 5)."""
        return self.pro_rata is not None and compact(self.pro_rata.teks) == "ya"

    @property
    def hasil_kerja_terisi(self) -> tuple[HasilKerja, ...]:
        """The hasil kerja actually written in the SKP."""
        return tuple(h for h in self.hasil_kerja if h.terisi)
