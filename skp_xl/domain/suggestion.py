"""The suggested rating hasil kerja: what the per-item judgements point to.

The pejabat penilai decides the rating (rules.md section 5); skp-xl only shows a
suggestion next to the chosen one and warns where they differ. The rules use counts only,
so a workbook formula can reproduce them with COUNTIFS.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import (
    JenisHasilKerja,
    Rating,
    normalize_jenis_hasil_kerja,
    normalize_rating,
)


def penilaian_hasil_kerja(penilaian_iki: Iterable[object]) -> Rating:
    """Judge one hasil kerja from the judgements of its IKI (kuantitatif approach).

    A hasil kerja meets expectation only when every indicator does: one IKI below
    (e.g. the Waktu target missed) makes the hasil kerja Dibawah Ekspektasi. It is
    Diatas Ekspektasi when no IKI is below and more than half are above; otherwise
    Sesuai Ekspektasi.

    Args:
        penilaian_iki: The per-IKI judgements (ratings or their label variants).

    Returns:
        The hasil kerja's judgement.

    Raises:
        InvalidValueError: No IKI was given (``iki-kosong``), or a label is unknown.
    """
    items = [normalize_rating(p) for p in penilaian_iki]
    if not items:
        raise InvalidValueError(
            Code.IKI_KOSONG, "Hasil kerja ini belum memiliki IKI yang dinilai; isi realisasinya."
        )
    if Rating.DIBAWAH in items:
        return Rating.DIBAWAH
    if 2 * items.count(Rating.DIATAS) > len(items):
        return Rating.DIATAS
    return Rating.SESUAI


@dataclass(frozen=True, slots=True)
class SaranRating:
    """A suggested rating hasil kerja with the counts that led to it.

    Attributes:
        rating: The suggested rating.
        alasan: Indonesian sentence giving the counts behind it.
        penentu: Positions, in the order given, of the hasil kerja that drove it: the
            utama below (Dibawah), those above (Diatas), those judged Sesuai (Sesuai; when
            none is, those not above, which kept it from Diatas). A warning names them.
    """

    rating: Rating
    alasan: str
    penentu: tuple[int, ...] = ()


def saran_rating_hasil_kerja(hasil_kerja: Iterable[tuple[object, object]]) -> SaranRating:
    """Suggest a rating hasil kerja from each hasil kerja's jenis and judgement.

    The three definitions of PermenPANRB 6/2022 (rules.md section 5), read with
    "sebagian besar" (most) as *more than half* and "sebagian kecil" (a small part) as
    *less than half*:

    1. **Dibawah Ekspektasi** when half or more of the hasil kerja *utama* are below
       expectation. ("Most or all hasil kerja utama below"; exactly half is neither
       "most" nor "a small part", and since Sesuai allows only a small part of utama
       below, the half goes to Dibawah.) Tambahan do not pull the rating down: they
       are low priority.
    2. **Diatas Ekspektasi** when no hasil kerja utama is below expectation and more
       than half of *all* hasil kerja (utama and tambahan) are above it.
    3. **Sesuai Ekspektasi** otherwise: fewer than half of the utama below, and not
       enough above for Diatas.

    The feedback half of each definition (how much umpan balik was positive) is the
    pejabat penilai's to weigh; it is not counted here.

    Args:
        hasil_kerja: ``(jenis, penilaian)`` pairs: jenis Utama/Tambahan, penilaian a
            rating (label variants accepted), e.g. from :func:`penilaian_hasil_kerja`.

    Returns:
        The suggestion and the counts that explain it.

    Raises:
        InvalidValueError: No hasil kerja utama (``hasil-kerja-utama-kosong``: an SKP
            needs at least one), or an unknown label.
    """
    items = [(normalize_jenis_hasil_kerja(j), normalize_rating(p)) for j, p in hasil_kerja]
    utama = [p for j, p in items if j is JenisHasilKerja.UTAMA]
    if not utama:
        raise InvalidValueError(
            Code.HASIL_KERJA_UTAMA_KOSONG,
            "Tidak ada hasil kerja utama yang dinilai; SKP harus memuat minimal satu hasil "
            "kerja utama.",
        )
    utama_dibawah = utama.count(Rating.DIBAWAH)
    semua_diatas = sum(1 for _, p in items if p is Rating.DIATAS)
    if 2 * utama_dibawah >= len(utama):
        return SaranRating(
            Rating.DIBAWAH,
            f"{utama_dibawah} dari {len(utama)} hasil kerja utama dibawah ekspektasi "
            "(separuh atau lebih).",
            _posisi(items, Rating.DIBAWAH, utama_saja=True),
        )
    if utama_dibawah == 0 and 2 * semua_diatas > len(items):
        return SaranRating(
            Rating.DIATAS,
            f"{semua_diatas} dari {len(items)} hasil kerja diatas ekspektasi dan tidak ada "
            "hasil kerja utama dibawah ekspektasi.",
            _posisi(items, Rating.DIATAS),
        )
    sesuai = _posisi(items, Rating.SESUAI)
    return SaranRating(
        Rating.SESUAI,
        f"{utama_dibawah} dari {len(utama)} hasil kerja utama dibawah ekspektasi dan "
        f"{semua_diatas} dari {len(items)} hasil kerja diatas ekspektasi.",
        sesuai or tuple(i for i, (_, p) in enumerate(items) if p is not Rating.DIATAS),
    )


def _posisi(
    items: list[tuple[JenisHasilKerja, Rating]], rating: Rating, *, utama_saja: bool = False
) -> tuple[int, ...]:
    """Positions of the items judged ``rating`` (only the utama ones with ``utama_saja``)."""
    return tuple(
        i
        for i, (jenis, p) in enumerate(items)
        if p is rating and (not utama_saja or jenis is JenisHasilKerja.UTAMA)
    )
