"""What one pegawai writes in an SKP: the plan (hasil kerja, IKI, targets) and, per period,
the realisasi and ratings.

Pure. Realisasi are drawn to produce judgements chosen first, and the rating hasil kerja
is the suggestion :mod:`skp_xl.domain.suggestion` computes from them, so a generated
evaluation agrees with ``skp-xl validate`` by construction.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from skp_xl.domain.quadrant import predikat
from skp_xl.domain.suggestion import penilaian_hasil_kerja, saran_rating_hasil_kerja
from skp_xl.domain.targets import (
    Arah,
    Besaran,
    SifatTarget,
    Target,
    arah_aspek,
    nilai_iki,
    porsi_tahun,
    sifat_target,
)
from skp_xl.domain.vocabulary import (
    Aspek,
    CapaianOrganisasi,
    JenisHasilKerja,
    JenisJabatan,
    KualitasKendali,
    Pendekatan,
    PeriodeEvaluasi,
    Perspektif,
    Predikat,
    Rating,
)
from skp_xl.samples import data
from skp_xl.samples.organisation import Tingkat

Angka = int | float
"""A number typed into a cell."""

_KECIL = frozenset(
    {"naskah", "proposal", "prototipe", "desain", "publikasi", "modul", "basis data"}
    | {"lembar peta", "kajian", "rekomendasi", "set data"}
)
"""Outputs counted in units, not dozens: their targets are small."""
_PECAHAN = frozenset({"%", "indeks", "nilai"})
"""Satuan whose realisasi may have a decimal."""


@dataclass(frozen=True, slots=True)
class Iki:
    """One indicator with its target (kuantitatif).

    Attributes:
        teks: The indicator.
        target_min: The target, or the lower end of a range.
        target_maks: The upper end of a range; None for one figure.
        satuan: Its unit ("dokumen", "%", "hari").
        aspek: Aspek (JA/JF), else None.
        perspektif: Perspektif (JPT), else None.
        kendali: Kualitas dan tingkat kendali for the Manual IKI (JPT), else None.
    """

    teks: str
    target_min: int
    target_maks: int | None
    satuan: str
    aspek: Aspek | None = None
    perspektif: Perspektif | None = None
    kendali: KualitasKendali | None = None

    @property
    def arah(self) -> Arah:
        """Which way is better: by aspek for JA/JF, always up for JPT (the form's default)."""
        return arah_aspek(self.aspek) if self.aspek is not None else Arah.NAIK

    @property
    def target(self) -> Target:
        """The target as the checks read it from the helper inputs."""
        high = self.target_maks if self.target_maks is not None else self.target_min
        return Target(Decimal(self.target_min), Decimal(high), self.satuan)


@dataclass(frozen=True, slots=True)
class HasilKerja:
    """One rencana hasil kerja.

    Attributes:
        jenis: Utama or Tambahan.
        rhk: The rencana hasil kerja (kualitatif: the expected result).
        rhk_pimpinan: The superior's rencana hasil kerja it supports (JA/JF kuantitatif).
        iki: Its indicators (kuantitatif), else empty.
        ukuran: The "ukuran keberhasilan" narrative (kualitatif), else None.
        kendali: Kualitas dan tingkat kendali (JPT kualitatif, for the Manual IKI).
    """

    jenis: JenisHasilKerja
    rhk: str
    rhk_pimpinan: str | None = None
    iki: tuple[Iki, ...] = ()
    ukuran: str | None = None
    kendali: KualitasKendali | None = None


@dataclass(frozen=True, slots=True)
class Rencana:
    """The SKP plan: pendekatan and hasil kerja, utama first."""

    jenis: JenisJabatan
    pendekatan: Pendekatan
    hasil_kerja: tuple[HasilKerja, ...]

    @property
    def teks_rhk(self) -> tuple[str, ...]:
        """Every rencana hasil kerja, the texts subordinates cascade from."""
        return tuple(h.rhk for h in self.hasil_kerja)


@dataclass(frozen=True, slots=True)
class Evaluasi:
    """One period's evaluation of one workbook.

    Attributes:
        periode: The period.
        capaian_organisasi: The unit's capaian kinerja organisasi.
        penilaian: The judgement of each hasil kerja (as the realisasi give it).
        realisasi: Per hasil kerja, per IKI (kuantitatif); empty for kualitatif.
        target_periode: Per hasil kerja, per IKI, the trajectory target typed for the
            period (None: none typed); empty for kualitatif and the akhir.
        saran: The suggested rating hasil kerja.
        rating_hasil_kerja: The rating typed (normally the suggestion).
        rating_perilaku: The rating perilaku kerja.
        tanpa_realisasi: The realisasi are left blank (a deliberate problem).
    """

    periode: PeriodeEvaluasi
    capaian_organisasi: CapaianOrganisasi
    penilaian: tuple[Rating, ...]
    realisasi: tuple[tuple[Angka, ...], ...]
    saran: Rating
    rating_hasil_kerja: Rating
    rating_perilaku: Rating
    tanpa_realisasi: bool = False
    target_periode: tuple[tuple[Angka | None, ...], ...] = ()

    @property
    def predikat(self) -> Predikat:
        """The predikat kinerja the two typed ratings give."""
        return predikat(self.rating_hasil_kerja, self.rating_perilaku)


# -- plans -------------------------------------------------------------------------------


def _texts(patterns: Sequence[str], count: int, rng: random.Random, **words: str) -> list[str]:
    chosen = rng.sample(list(patterns), min(count, len(patterns)))
    return [p.format(**words) for p in chosen]


def _with_satuan(
    patterns: Sequence[tuple[str, str]], count: int, rng: random.Random, **words: str
) -> list[tuple[str, str]]:
    chosen = rng.sample(list(patterns), min(count, len(patterns)))
    return [(p.format(**words), satuan) for p, satuan in chosen]


def _iki_ja_jf(satuan: str, rng: random.Random) -> tuple[Iki, ...]:
    """One to three indicators: always how many, then how well, how fast or how costly."""
    count = rng.choice((1, 2, 2, 3))
    low = rng.randint(2, 8) if satuan in _KECIL else rng.randint(4, 24)
    high = low + rng.randint(1, 3) if rng.random() < 0.3 else None
    iki = [Iki(data.IKI_KUANTITAS.format(satuan=satuan), low, high, satuan, Aspek.KUANTITAS)]
    others = [Aspek.KUALITAS, Aspek.WAKTU]
    if rng.random() < 0.05:
        others.append(Aspek.BIAYA)
    for aspek in rng.sample(others, min(count - 1, len(others))):
        if aspek is Aspek.KUALITAS:
            single = rng.random() < 0.4
            iki.append(
                Iki(
                    data.IKI_KUALITAS.format(satuan=satuan),
                    90 if single else 85,
                    None if single else 95,
                    "%",
                    aspek,
                )
            )
        elif aspek is Aspek.WAKTU:
            days = rng.randint(3, 10)
            iki.append(Iki(data.IKI_WAKTU.format(satuan=satuan), days, None, "hari", aspek))
        else:
            cost = rng.randint(2, 10)
            iki.append(Iki(data.IKI_BIAYA.format(satuan=satuan), cost, None, "juta rupiah", aspek))
    return tuple(iki)


def _kendali(kepala: bool, perspektif: Perspektif) -> KualitasKendali:
    """Kualitas dan tingkat kendali of a JPT's indicator: outcomes for what the public
    sees, one level of control lower for the internal perspektif."""
    outward = perspektif in (Perspektif.PENERIMA_LAYANAN, Perspektif.PROSES_BISNIS)
    if kepala:
        return KualitasKendali.OUTCOME if outward else KualitasKendali.OUTCOME_ANTARA
    return KualitasKendali.OUTCOME_ANTARA if outward else KualitasKendali.OUTPUT_KENDALI_RENDAH


def _iki_jpt(
    counts: Sequence[int], bidang: str, unit: str, kepala: bool, rng: random.Random
) -> list[tuple[Iki, ...]]:
    """Indicators of a JPT's hasil kerja, covering the four perspektif between them."""
    perspektif = list(Perspektif)
    rng.shuffle(perspektif)
    order = perspektif + [rng.choice(list(Perspektif)) for _ in range(sum(counts) - 4)]
    used: set[str] = set()
    result = []
    position = 0
    for count in counts:
        rows = []
        for p in order[position : position + count]:
            options = [o for o in data.IKI_JPT[p.value] if o[0] not in used]
            teks, low, high, satuan = rng.choice(options or data.IKI_JPT[p.value])
            used.add(teks)
            rows.append(
                Iki(
                    teks.format(bidang=bidang, unit=unit),
                    low,
                    high,
                    satuan,
                    None,
                    p,
                    _kendali(kepala, p),
                )
            )
        position += count
        result.append(tuple(rows))
    return result


def buat_rencana(
    *,
    jenis: JenisJabatan,
    tingkat: Tingkat,
    bidang: str,
    sub: str,
    topik: str,
    unit: str,
    fungsional: str | None,
    rhk_atasan: Sequence[str],
    kualitatif: bool,
    rng: random.Random,
) -> Rencana:
    """The SKP plan of one workbook.

    Args:
        jenis: Jenis jabatan of the workbook.
        tingkat: Where the position stands (decides the kind of hasil kerja).
        bidang: What the top unit does ("riset oseanografi").
        sub: What the pegawai's own sub-unit does ("tata usaha").
        topik: The unit's research or service topic.
        unit: The unit's name as indicators name it ("Badan" for the kepala).
        fungsional: The jabatan fungsional without jenjang, for JF.
        rhk_atasan: The rencana hasil kerja of the superior's SKP; every JA/JF
            kuantitatif hasil kerja names one of them as the one it supports.
        kualitatif: Use the kualitatif pendekatan.
        rng: The source of every choice.

    Returns:
        The plan: 2 to 4 hasil kerja utama and at most one tambahan.
    """
    pendekatan = Pendekatan.KUALITATIF if kualitatif else Pendekatan.KUANTITATIF
    utama = rng.randint(2, 4)
    tambahan = 1 if rng.random() < 0.4 and jenis is not JenisJabatan.JPT else 0
    words = {"bidang": bidang, "sub": sub, "topik": topik}
    if tingkat is Tingkat.KEPALA:
        rhk = [(t, "") for t in _texts(data.RHK_KEPALA, utama, rng)]
    elif tingkat is Tingkat.JPT:
        rhk = [(t, "") for t in _texts(data.RHK_JPT, utama, rng, **words)]
    elif tingkat is Tingkat.ADMINISTRATOR:
        rhk = _with_satuan(data.RHK_ADMINISTRATOR, utama, rng, **words)
    elif tingkat is Tingkat.PENGAWAS:
        rhk = _with_satuan(data.RHK_PENGAWAS, utama, rng, **words)
    else:
        own = data.RHK_FUNGSIONAL.get(fungsional or "", ())
        rhk = _with_satuan(own, utama, rng, **words)
        rhk += _with_satuan(data.RHK_PELAKSANA, utama - len(rhk), rng, **words)
    rhk += _with_satuan(data.RHK_TAMBAHAN, tambahan, rng)
    kinds = [JenisHasilKerja.UTAMA] * (len(rhk) - tambahan) + [JenisHasilKerja.TAMBAHAN] * tambahan
    kendali = (
        KualitasKendali.OUTCOME if tingkat is Tingkat.KEPALA else KualitasKendali.OUTCOME_ANTARA
    )
    if kualitatif:
        return Rencana(
            jenis,
            pendekatan,
            tuple(
                HasilKerja(
                    kind,
                    text,
                    ukuran=rng.choice(data.UKURAN_KUALITATIF).format(rhk=text),
                    kendali=kendali if jenis is JenisJabatan.JPT else None,
                )
                for kind, (text, _) in zip(kinds, rhk, strict=True)
            ),
        )
    if jenis is JenisJabatan.JPT:
        counts = [rng.choice((1, 2)) for _ in rhk]
        while sum(counts) < len(Perspektif):
            counts[counts.index(min(counts))] += 1
        ikis = _iki_jpt(counts, bidang, unit, tingkat is Tingkat.KEPALA, rng)
        return Rencana(
            jenis,
            pendekatan,
            tuple(
                HasilKerja(kind, text, iki=iki)
                for kind, (text, _), iki in zip(kinds, rhk, ikis, strict=True)
            ),
        )
    utama_atasan = list(rhk_atasan)
    return Rencana(
        jenis,
        pendekatan,
        tuple(
            HasilKerja(kind, text, rng.choice(utama_atasan), _iki_ja_jf(satuan, rng))
            for kind, (text, satuan) in zip(kinds, rhk, strict=True)
        ),
    )


# -- evaluations -------------------------------------------------------------------------


def _penilaian_hasil_kerja(
    jenis: Sequence[JenisHasilKerja], rating: Rating, rng: random.Random
) -> list[Rating]:
    """Judgements of each hasil kerja whose suggestion is ``rating``."""
    utama = [i for i, j in enumerate(jenis) if j is JenisHasilKerja.UTAMA]
    if rating is Rating.DIBAWAH:
        below = set(rng.sample(utama, (len(utama) + 1) // 2))
        judged = [Rating.DIBAWAH if i in below else Rating.SESUAI for i in range(len(jenis))]
    elif rating is Rating.DIATAS:
        judged = [Rating.DIATAS if rng.random() < 0.8 else Rating.SESUAI for _ in jenis]
        while 2 * judged.count(Rating.DIATAS) <= len(judged):
            judged[judged.index(Rating.SESUAI)] = Rating.DIATAS
    else:
        judged = [Rating.DIATAS if rng.random() < 0.2 else Rating.SESUAI for _ in jenis]
        while 2 * judged.count(Rating.DIATAS) > len(judged):
            judged[judged.index(Rating.DIATAS)] = Rating.SESUAI
        if len(utama) >= 3 and rng.random() < 0.3:
            judged[rng.choice(utama)] = Rating.DIBAWAH
    saran = saran_rating_hasil_kerja(zip(jenis, judged, strict=True)).rating
    assert saran is rating, (jenis, judged, rating)
    return judged


def _penilaian_iki(count: int, rating: Rating, rng: random.Random) -> list[Rating]:
    """Judgements of ``count`` IKI that make a hasil kerja ``rating``."""
    if rating is Rating.DIATAS:
        judged = [Rating.DIATAS] * count
        if count >= 3 and rng.random() < 0.5:
            judged[-1] = Rating.SESUAI
    elif rating is Rating.SESUAI:
        judged = [Rating.SESUAI] * count
        if count >= 2 and rng.random() < 0.3:
            judged[0] = Rating.DIATAS
    else:
        judged = [Rating.SESUAI] * count
        judged[rng.randrange(count)] = Rating.DIBAWAH
    assert penilaian_hasil_kerja(judged) is rating, (judged, rating)
    return judged


def _angka(value: float) -> Angka:
    return int(value) if float(value).is_integer() else value


_TINGKAT = frozenset({"indeks", "nilai"})
"""Satuan of a level (an index, a score), which holds at every period, not a count."""


def target_periode(iki: Iki, periode: PeriodeEvaluasi) -> int | None:
    """The trajectory target a pegawai types for a periodic evaluation: none for a
    percentage (the annual target holds), the annual figure for a level, time or cost,
    the period's share (at least 1) for a count. None for the akhir evaluation."""
    porsi = porsi_tahun(periode)
    sifat = sifat_target(iki.aspek, iki.satuan)
    if porsi is None or sifat is SifatTarget.PERSENTASE:
        return None
    if sifat is SifatTarget.PROGRES or iki.satuan in _TINGKAT:
        return iki.target_min
    return max(1, round(iki.target_min * porsi))


def realisasi(iki: Iki, rating: Rating, rng: random.Random, trajectory: int | None = None) -> Angka:
    """A realisasi that :func:`~skp_xl.domain.targets.nilai_iki` judges as ``rating``
    against the annual target, or against ``trajectory`` when given."""
    low = iki.target_min if trajectory is None else trajectory
    high = iki.target_maks if iki.target_maks is not None and trajectory is None else low
    whole = iki.satuan not in _PECAHAN
    if rating is Rating.SESUAI:
        value: float = rng.randint(low, high) if whole else round(rng.uniform(low, high), 1)
    elif (rating is Rating.DIATAS) == (iki.arah is Arah.NAIK):  # beyond the upper end
        step = rng.randint(1, max(1, high // 5)) if whole else round(rng.uniform(0.5, 4), 1)
        value = min(high + step, 100) if iki.satuan == "%" else high + step
    else:  # short of the lower end
        step = rng.randint(1, max(1, low // 3)) if whole else round(rng.uniform(0.5, 10), 1)
        value = max(low - step, 0)
    result = _angka(value)
    target = Target(Decimal(low), Decimal(high), iki.satuan)
    judged = nilai_iki(target, Besaran(Decimal(str(result)), iki.satuan), iki.arah)
    assert judged is rating, (iki, rating, result)
    return result


def buat_evaluasi(
    rencana: Rencana,
    periode: PeriodeEvaluasi,
    capaian: CapaianOrganisasi,
    rating_hasil_kerja: Rating,
    rating_perilaku: Rating,
    rng: random.Random,
) -> Evaluasi:
    """An evaluation whose realisasi suggest exactly ``rating_hasil_kerja``.

    Args:
        rencana: The plan evaluated.
        periode: The period.
        capaian: The unit's capaian kinerja organisasi.
        rating_hasil_kerja: The rating hasil kerja wanted (the suggestion will agree).
        rating_perilaku: The rating perilaku kerja.
        rng: The source of every choice.

    Returns:
        The evaluation.
    """
    jenis = [h.jenis for h in rencana.hasil_kerja]
    judged = _penilaian_hasil_kerja(jenis, rating_hasil_kerja, rng)
    values: list[tuple[Angka, ...]] = []
    targets: list[tuple[Angka | None, ...]] = []
    if rencana.pendekatan is Pendekatan.KUANTITATIF:
        for hasil, rating in zip(rencana.hasil_kerja, judged, strict=True):
            per_iki = _penilaian_iki(len(hasil.iki), rating, rng)
            trajectory = tuple(target_periode(i, periode) for i in hasil.iki)
            targets.append(trajectory)
            values.append(
                tuple(
                    realisasi(i, r, rng, t)
                    for i, r, t in zip(hasil.iki, per_iki, trajectory, strict=True)
                )
            )
    return Evaluasi(
        periode,
        capaian,
        tuple(judged),
        tuple(values),
        rating_hasil_kerja,
        rating_hasil_kerja,
        rating_perilaku,
        target_periode=tuple(targets) if porsi_tahun(periode) is not None else (),
    )
