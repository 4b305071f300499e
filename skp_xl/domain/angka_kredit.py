"""Angka kredit a Jabatan Fungsional earns from its predikat kinerja.

PermenPANRB 1/2023 (Jabatan Fungsional) and PerBKN 3/2023: AK = (bulan / 12) x persentase
predikat x koefisien tahunan of the jenjang.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.targets import format_angka
from skp_xl.domain.vocabulary import Predikat, Vocabulary, compact, normalize_predikat

__all__ = [
    "JUDUL_ATURAN_JENJANG",
    "JUDUL_ATURAN_TAHUNAN",
    "KOEFISIEN_TAHUNAN",
    "PERSENTASE_PREDIKAT",
    "AkTahunan",
    "AturanJenjang",
    "AturanTahunan",
    "JenjangJf",
    "PeriodeAk",
    "angka_kredit",
    "angka_kredit_tahunan",
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
    baku = normalize_predikat(predikat)  # the predikat's error comes first, then the jenjang's
    jenjang_jf = normalize_jenjang(jenjang)
    if isinstance(bulan, bool) or not isinstance(bulan, int) or not 1 <= bulan <= _BULAN_SETAHUN:
        raise InvalidValueError(
            Code.BULAN_TIDAK_VALID,
            f"Jumlah bulan {bulan!r} tidak valid; isi bilangan bulat 1 sampai 12.",
            bulan,
        )
    return float(_ak(baku, jenjang_jf, bulan).quantize(_SEPERSERATUS, rounding=ROUND_HALF_UP))


class AturanTahunan(StrEnum):
    """How the annual angka kredit of a JF is made when the sources leave the choice
    (research note 4: not found in public text; the user chooses, the output says which)."""

    AKHIR = "akhir"
    """The Akhir (annual) predikat for the whole year: 12/12 x persentase x koefisien.
    The default: the annual evaluation decides the year (rules.md section 7)."""
    PERIODIK = "periodik"
    """The sum of the periodic evaluations (each quarter or month its own predikat and
    months); Akhir is not added again."""


class AturanJenjang(StrEnum):
    """How a jenjang that changes within the year is counted."""

    PROPORSIONAL = "proporsional"
    """Each month at the koefisien of the jenjang held that month. The default."""
    TERAKHIR = "terakhir"
    """The whole year at the koefisien of the last jenjang."""


JUDUL_ATURAN_TAHUNAN: Final[Mapping[AturanTahunan, str]] = MappingProxyType(
    {
        AturanTahunan.AKHIR: "predikat Akhir (tahunan) untuk 12 bulan",
        AturanTahunan.PERIODIK: "jumlah angka kredit setiap periode (triwulan/bulan)",
    }
)
JUDUL_ATURAN_JENJANG: Final[Mapping[AturanJenjang, str]] = MappingProxyType(
    {
        AturanJenjang.PROPORSIONAL: "jenjang yang berubah dihitung per bulan menurut jenjang "
        "yang dijabat",
        AturanJenjang.TERAKHIR: "jenjang yang berubah dihitung dengan jenjang terakhir untuk "
        "setahun",
    }
)
"""The rules as the output states them."""


@dataclass(frozen=True, slots=True)
class PeriodeAk:
    """One rated period of a JF, for the annual total.

    Attributes:
        periode: The period (``"Triwulan I"``, ``"Maret"``, ``"Akhir"``).
        bulan: The months it covers (12 for Akhir).
        urutan: Its place in the year (later periods sort after).
        predikat: The canonical predikat.
        jenjang: The jenjang held in that period.
    """

    periode: str
    bulan: int
    urutan: tuple[int, int]
    predikat: str
    jenjang: JenjangJf


@dataclass(frozen=True, slots=True)
class AkTahunan:
    """The annual angka kredit of one JF, and how it was made.

    Attributes:
        angka_kredit: The total, rounded to 2 decimals; None when the rule has nothing to
            count (no Akhir predikat for :attr:`AturanTahunan.AKHIR`, no periodic one for
            :attr:`AturanTahunan.PERIODIK`).
        jenjang: The last jenjang of the year.
        jenjang_berubah: The jenjang changed within the year.
        dasar: How the total was made, as the output prints it.
    """

    angka_kredit: float | None
    jenjang: JenjangJf
    jenjang_berubah: bool
    dasar: str


def _bulan_jenjang(
    periodik: Sequence[PeriodeAk], last: JenjangJf, aturan: AturanJenjang
) -> list[tuple[JenjangJf, int]]:
    """Months per jenjang over the year: from the periodic evaluations when the jenjang
    changed and the rule is proportional, else 12 months of the last jenjang."""
    if aturan is AturanJenjang.TERAKHIR or len({p.jenjang for p in periodik}) < 2:
        return [(last, _BULAN_SETAHUN)]
    months: dict[JenjangJf, int] = {}
    for p in periodik:
        months[p.jenjang] = months.get(p.jenjang, 0) + p.bulan
    return list(months.items())


def angka_kredit_tahunan(
    periode: Sequence[PeriodeAk],
    *,
    tahunan: AturanTahunan = AturanTahunan.AKHIR,
    jenjang_berubah: AturanJenjang = AturanJenjang.PROPORSIONAL,
) -> AkTahunan:
    """The annual angka kredit of one JF from their rated periods of one year.

    Each part is (bulan / 12) x persentase x koefisien, summed exactly and rounded once to
    2 decimals, half up.

    Args:
        periode: The rated periods (Akhir among them when rated), any order; at least one.
        tahunan: From the Akhir predikat, or the sum of the periodic ones.
        jenjang_berubah: How a jenjang changing within the year counts.

    Returns:
        The total and how it was made.

    Raises:
        ValueError: ``periode`` is empty.
    """
    if not periode:
        raise ValueError("no period to count")
    ordered = sorted(periode, key=lambda p: p.urutan)
    periodik = [p for p in ordered if p.bulan < _BULAN_SETAHUN]
    akhir = next((p for p in reversed(ordered) if p.bulan >= _BULAN_SETAHUN), None)
    last = ordered[-1].jenjang
    changed = len({p.jenjang for p in ordered}) > 1
    total = Decimal(0)
    parts: list[str] = []
    if tahunan is AturanTahunan.AKHIR:
        if akhir is None:
            return AkTahunan(None, last, changed, "belum ada predikat Akhir")
        for jenjang, months in _bulan_jenjang(periodik, akhir.jenjang, jenjang_berubah):
            total += _ak(akhir.predikat, jenjang, months)
            parts.append(f"{akhir.predikat} {months}/12 x {_koef(jenjang)} ({jenjang.value})")
    else:
        if not periodik:
            return AkTahunan(None, last, changed, "belum ada predikat periodik")
        for p in periodik:
            jenjang = last if jenjang_berubah is AturanJenjang.TERAKHIR else p.jenjang
            total += _ak(p.predikat, jenjang, p.bulan)
            parts.append(f"{p.periode} {p.predikat} {p.bulan}/12 x {_koef(jenjang)}")
    value = float(total.quantize(_SEPERSERATUS, rounding=ROUND_HALF_UP))
    return AkTahunan(value, last, changed, "; ".join(parts))


def _ak(predikat: str, jenjang: JenjangJf, bulan: int) -> Decimal:
    # One division at the end keeps the result exact whenever it terminates, so a value
    # such as 0.125 is rounded up as it should be, not from 0.12499999...
    persentase = PERSENTASE_PREDIKAT[normalize_predikat(predikat)]
    return bulan * persentase * KOEFISIEN_TAHUNAN[jenjang] / (_BULAN_SETAHUN * 100)


def _koef(jenjang: JenjangJf) -> str:
    return format_angka(KOEFISIEN_TAHUNAN[jenjang])
