"""What a filled SKP workbook says, as plain values with the cell each came from.

Readers build these records (from a file, or from a live Excel workbook); checks and the
consolidation work on them. Values are kept *as read* (text, number, or None), so a check
can tell "Di Atas" from "Diatas Ekspektasi" and report the cell; the canonical reading is
the checks' business.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from skp_xl.domain.vocabulary import PeriodeEvaluasi


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


@dataclass(frozen=True, slots=True)
class HasilKerja:
    """One rencana hasil kerja of the SKP.

    Attributes:
        jenis: "Utama" or "Tambahan" (the section it is in).
        indeks: Position in the table, 0-based over both sections (utama first).
        rhk: The rencana hasil kerja (kualitatif: the expected result).
        rhk_pimpinan: Rencana hasil kerja pimpinan yang diintervensi (JA/JF kuantitatif).
        iki: Its indicator rows, filled or not, in order.
    """

    jenis: str
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
    """One IKI row of an evaluation: the realisasi typed and the judgement cached."""

    angka: Sel | None
    capaian_tersimpan: Sel | None


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
        jenis_jabatan, pendekatan: As stored in ``_meta``.
        pegawai, penilai, atasan: The three people.
        instansi, tahun: From Identitas.
        hasil_kerja: Every block of the SKP table, filled or not.
        evaluasi: The evaluations by period.
    """

    path: str
    template_id: str
    template_version: str
    jenis_jabatan: str
    pendekatan: str
    pegawai: Orang
    penilai: Orang
    atasan: Orang
    instansi: Sel
    tahun: Sel
    hasil_kerja: tuple[HasilKerja, ...]
    evaluasi: Mapping[PeriodeEvaluasi, Evaluasi] = field(default_factory=dict)

    @property
    def hasil_kerja_terisi(self) -> tuple[HasilKerja, ...]:
        """The hasil kerja actually written in the SKP."""
        return tuple(h for h in self.hasil_kerja if h.terisi)
