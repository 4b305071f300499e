"""Angka kredit a Jabatan Fungsional earns from its predikat kinerja.

PermenPANRB 1/2023 (Jabatan Fungsional) and PerBKN 3/2023: AK = (bulan / 12) x persentase
predikat x koefisien tahunan of the jenjang.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import Predikat, Vocabulary, compact, normalize_predikat

__all__ = [
    "KOEFISIEN_TAHUNAN",
    "PERSENTASE_PREDIKAT",
    "JenjangJf",
    "angka_kredit",
    "koefisien",
    "normalize_jenjang",
]


class JenjangJf(StrEnum):
    """Jenjang of a Jabatan Fungsional: keterampilan (Pemula..Penyelia), keahlian (Ahli ...)."""

    PEMULA = "Pemula"
    TERAMPIL = "Terampil"
    MAHIR = "Mahir"
    PENYELIA = "Penyelia"
    AHLI_PERTAMA = "Ahli Pertama"
    AHLI_MUDA = "Ahli Muda"
    AHLI_MADYA = "Ahli Madya"
    AHLI_UTAMA = "Ahli Utama"


KOEFISIEN_TAHUNAN: Final[Mapping[JenjangJf, Decimal]] = MappingProxyType(
    {
        JenjangJf.PEMULA: Decimal("3.75"),
        JenjangJf.TERAMPIL: Decimal("5"),
        JenjangJf.MAHIR: Decimal("12.5"),
        JenjangJf.PENYELIA: Decimal("25"),
        JenjangJf.AHLI_PERTAMA: Decimal("12.5"),
        JenjangJf.AHLI_MUDA: Decimal("25"),
        JenjangJf.AHLI_MADYA: Decimal("37.5"),
        JenjangJf.AHLI_UTAMA: Decimal("50"),
    }
)
"""Koefisien tahunan angka kredit by jenjang (PermenPANRB 1/2023), exact."""

PERSENTASE_PREDIKAT: Final[Mapping[Predikat, Decimal]] = MappingProxyType(
    {
        Predikat.SANGAT_BAIK: Decimal("150"),
        Predikat.BAIK: Decimal("100"),
        Predikat.BUTUH_PERBAIKAN: Decimal("75"),
        Predikat.KURANG: Decimal("50"),
        Predikat.SANGAT_KURANG: Decimal("25"),
    }
)
"""Share of the koefisien earned, by predikat kinerja, in percent (150 means 150%)."""

_BULAN_SETAHUN: Final = 12
_SEPERSERATUS: Final = Decimal("0.01")

# Compact keys (lower case, no spaces) plus the hyphen and underscore spellings of
# identifiers and URLs: "ahli-pertama", "AHLI_PERTAMA".
_JENJANG: Final = Vocabulary(
    "jenjang jabatan fungsional",
    "jenjang",
    JenjangJf,
    {
        compact(member.value.replace(" ", sep)): member
        for member in JenjangJf
        for sep in (" ", "-", "_")
    },
)


def normalize_jenjang(value: object) -> JenjangJf:
    """The canonical jenjang of a Jabatan Fungsional.

    Args:
        value: The jenjang as typed, in any case, with any spacing, or with hyphens or
            underscores between the words (``"AHLI PERTAMA"``, ``"ahli-pertama"``); a
            :class:`JenjangJf` passes through.

    Returns:
        The jenjang.

    Raises:
        InvalidValueError: ``jenjang-kosong`` when empty, ``jenjang-tidak-dikenal`` for
            anything else unknown; the message lists the eight jenjang.
    """
    return _JENJANG.normalize(value)


def koefisien(jenjang: object) -> float:
    """The koefisien tahunan of a jenjang (PermenPANRB 1/2023).

    Args:
        jenjang: The jenjang, read by :func:`normalize_jenjang`.

    Returns:
        The annual coefficient, e.g. ``12.5`` for Ahli Pertama (exact as a float).

    Raises:
        InvalidValueError: The jenjang is empty or unknown (see :func:`normalize_jenjang`).
    """
    return float(KOEFISIEN_TAHUNAN[normalize_jenjang(jenjang)])


def angka_kredit(predikat: str, jenjang: str, bulan: int = 12) -> float:
    """Angka kredit earned over a period (PermenPANRB 1/2023, PerBKN 3/2023).

    AK = (bulan / 12) x persentase predikat x koefisien tahunan, computed exactly and
    rounded to 2 decimals, half up (as Excel's ``ROUND``): Ahli Pertama with Sangat Baik for
    12 months earns 18.75; with Baik for 2 months, 2.08.

    How an annual predikat is derived from periodic ones, and how a mutasi within the year
    is counted, is not set out in public text: the caller decides the predikat and the
    months.

    Args:
        predikat: Predikat kinerja pegawai, read by
            :func:`skp_xl.domain.vocabulary.normalize_predikat` (``"Cukup"`` is Butuh
            Perbaikan).
        jenjang: Jenjang of the Jabatan Fungsional, read by :func:`normalize_jenjang`.
        bulan: Months in the period, a whole number from 1 to 12.

    Returns:
        The angka kredit, rounded to 2 decimals.

    Raises:
        InvalidValueError: ``predikat-kosong`` / ``predikat-tidak-dikenal``,
            ``jenjang-kosong`` / ``jenjang-tidak-dikenal``, or ``bulan-tidak-valid`` when
            ``bulan`` is not an ``int`` from 1 to 12 (``bool`` and ``float`` are refused).
    """
    persentase = PERSENTASE_PREDIKAT[normalize_predikat(predikat)]
    koefisien_tahunan = KOEFISIEN_TAHUNAN[normalize_jenjang(jenjang)]
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= _BULAN_SETAHUN:
        raise InvalidValueError(
            Code.BULAN_TIDAK_VALID,
            f"Jumlah bulan {bulan!r} tidak valid; isi bilangan bulat 1 sampai 12.",
            bulan,
        )
    # One division at the end keeps the result exact whenever it terminates, so a value
    # such as 0.125 is rounded up as it should be, not from 0.12499999...
    ak = bulan * persentase * koefisien_tahunan / (_BULAN_SETAHUN * 100)
    return float(ak.quantize(_SEPERSERATUS, rounding=ROUND_HALF_UP))
