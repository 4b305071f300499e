"""The performance quadrant: predikat kinerja from rating hasil kerja and rating perilaku.

rules.md section 3, confirmed by the "PREDIKAT KINERJA PERIODIK PEGAWAI" figure of the
KemenPANRB slides. The same table gives periodic (triwulan) and annual (akhir) predikat.
"""

from __future__ import annotations

from types import MappingProxyType

from skp_xl.domain.vocabulary import Predikat, Rating, normalize_rating

_B, _S, _A = Rating.DIBAWAH, Rating.SESUAI, Rating.DIATAS

KUADRAN: MappingProxyType[tuple[Rating, Rating], Predikat] = MappingProxyType(
    {
        # (rating hasil kerja, rating perilaku kerja): predikat
        (_A, _B): Predikat.KURANG,
        (_A, _S): Predikat.BAIK,
        (_A, _A): Predikat.SANGAT_BAIK,
        (_S, _B): Predikat.KURANG,
        (_S, _S): Predikat.BAIK,
        (_S, _A): Predikat.BAIK,
        (_B, _B): Predikat.SANGAT_KURANG,
        (_B, _S): Predikat.BUTUH_PERBAIKAN,
        (_B, _A): Predikat.BUTUH_PERBAIKAN,
    }
)
"""The nine cells of the quadrant, keyed by (rating hasil kerja, rating perilaku)."""


def predikat(rating_hasil_kerja: Rating, rating_perilaku: Rating) -> Predikat:
    """The quadrant cell for two canonical ratings."""
    return KUADRAN[(rating_hasil_kerja, rating_perilaku)]


def predikat_kinerja(rating_hasil_kerja: object, rating_perilaku: object) -> str:
    """Predikat kinerja pegawai from the two ratings, as its canonical label.

    Args:
        rating_hasil_kerja: Rating hasil kerja; label variants are accepted
            ("Di Atas Ekspektasi", "sesuai ekspektasi", "DIBAWAH EKSPETASI"...).
        rating_perilaku: Rating perilaku kerja, likewise.

    Returns:
        One of "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct",
        "Sangat Kurang".

    Raises:
        ValueError: A rating is empty or unknown (an ``InvalidValueError`` whose message,
            in Indonesian, names the value and the allowed ones).

    Example:
        >>> predikat_kinerja("Di Atas Ekspektasi", "sesuai ekspektasi")
        'Baik'
    """
    hasil = normalize_rating(rating_hasil_kerja)
    perilaku = normalize_rating(rating_perilaku)
    return predikat(hasil, perilaku).value
