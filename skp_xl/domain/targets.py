"""Targets and realisasi of an IKI, written the Indonesian way, and the per-IKI judgement.

rules.md section 5. A target reads "20 perangkat daerah", "95%", "1 hari", "1.000 dokumen",
"2,5 jam" (dot = thousands, comma = decimal), or a range "90 - 95%" (targets should not be
absolute: landing anywhere inside the range meets it). A realisasi is one figure.

The judgement of a realisasi against a target needs a direction, which is explicit
(:class:`Arah`), never guessed from the indicator's words: :func:`arah_aspek` gives the
usual one per aspek (less is better for Waktu and Biaya), and the caller may override it.

Text that cannot be read returns :class:`TidakTerbaca` with a reason, never an exception.

A periodic evaluation (TW I-IV, not the akhir) judges against the period's target
(:func:`target_periode`): the trajectory target typed for the period, else by the kind of
target (:func:`sifat_target`) the annual one, a pro-rata share of it, or nothing
("progres": shown, not judged). rules.md section 5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction
from typing import Final, Literal

from skp_xl.domain.vocabulary import Aspek, PeriodeEvaluasi, Rating, compact


class Arah(StrEnum):
    """Which way is better for an indicator."""

    NAIK = "Semakin besar semakin baik"
    TURUN = "Semakin kecil semakin baik"


def arah_aspek(aspek: Aspek) -> Arah:
    """The usual direction of an aspek: Waktu and Biaya are better when smaller."""
    return Arah.TURUN if aspek in (Aspek.WAKTU, Aspek.BIAYA) else Arah.NAIK


@dataclass(frozen=True, slots=True)
class TidakTerbaca:
    """A target or realisasi that cannot be used, with why and what to do.

    Attributes:
        code: Stable code (``target-kosong``, ``target-tanpa-angka``, ``satuan-berbeda``...).
        message: Indonesian reason and advice.
        value: The value as given.
    """

    code: str
    message: str
    value: object = None


@dataclass(frozen=True, slots=True)
class Besaran:
    """A figure with its unit: ``nilai`` 1000, ``satuan`` "dokumen"; "%" for percentages."""

    nilai: Decimal
    satuan: str = ""


@dataclass(frozen=True, slots=True)
class Target:
    """A parsed target: one figure (``minimum == maksimum``) or a closed range.

    Attributes:
        minimum: Lower end of the range (the figure itself for a single target).
        maksimum: Upper end of the range.
        satuan: Normalised unit ("%", "perangkat daerah", "" when none).
        teks: The target as written.
        batas: "minimal" or "maksimal" when the text said so ("paling lama 3 hari");
            such a target is judged as its figure.
    """

    minimum: Decimal
    maksimum: Decimal
    satuan: str = ""
    teks: str = ""
    batas: str | None = None

    @property
    def is_rentang(self) -> bool:
        """True for a range such as "90 - 95%"."""
        return self.minimum != self.maksimum


# Indonesian grouping: 1.000 / 1.000.000,5 ; plain 2,5 ; an English-style 2.5 is accepted
# only when the dot cannot be a thousands separator (not followed by exactly 3 digits).
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?![\d.])(?:,\d+)?|\d+,\d+|\d+\.\d+|\d+"
_RANGE_SEP = r"\s*(?:-|–|—|s\.?\s?d\.?|s/d|sampai(?:\s+dengan)?|hingga)\s*"
_BATAS = {
    "minimal": "minimal",
    "min.": "minimal",
    "min": "minimal",
    "paling sedikit": "minimal",
    "sekurang-kurangnya": "minimal",
    "sekurangnya": "minimal",
    "setidaknya": "minimal",
    ">=": "minimal",
    "≥": "minimal",
    "maksimal": "maksimal",
    "maks.": "maksimal",
    "maks": "maksimal",
    "maximal": "maksimal",
    "paling lama": "maksimal",
    "paling banyak": "maksimal",
    "selambat-lambatnya": "maksimal",
    "<=": "maksimal",
    "≤": "maksimal",
}
_BATAS_RE = "|".join(re.escape(k) for k in sorted(_BATAS, key=len, reverse=True))
_CURRENCY = r"rp\.?"
_PATTERN = re.compile(
    rf"^(?P<batas>{_BATAS_RE})?\s*(?P<rp>{_CURRENCY})?\s*(?P<a>{_NUMBER})\s*(?P<ua>%?)"
    rf"(?:{_RANGE_SEP}(?:{_CURRENCY})?\s*(?P<b>{_NUMBER}))?\s*(?P<unit>.*)$",
    re.IGNORECASE,
)
_MONTHS = [
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
]


def parse_angka(text: str) -> Decimal | None:
    """An Indonesian number ("1.000", "2,5", "1.000.000,75") as a Decimal; None if not one.

    A dot followed by exactly three digits is a thousands separator ("1.500" is 1500),
    as the official forms write; a comma is the decimal mark.
    """
    text = text.strip()
    if not re.fullmatch(_NUMBER, text):
        return None
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None


def format_angka(value: Decimal | int) -> str:
    """A number written the Indonesian way: "1.500", "71,43", "2,5" (no trailing zeros)."""
    number = Decimal(value)
    text = f"{number:,f}" if number != number.to_integral_value() else f"{number:,.0f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


PERSEN: Final = ("%", "persen", "prosen", "percent")
"""The ways a percentage's unit is written."""


def normalize_satuan(text: str) -> str:
    """A unit's comparable form: lower case, single spaces, "persen" -> "%"."""
    unit = " ".join(text.split()).lower().rstrip(".")
    return "%" if unit in PERSEN else unit


def parse_target(value: object) -> Target | TidakTerbaca:
    """Read a target as written in an SKP.

    Args:
        value: Text such as "20 perangkat daerah", "90 - 95%", "paling lama 3 hari",
            "Rp 1.500.000", or a number from a cell.

    Returns:
        The :class:`Target`, or :class:`TidakTerbaca` saying why it cannot be read.
    """
    return _parse(value, "target")


def _parse(value: object, what: str) -> Target | TidakTerbaca:
    example = "'20 dokumen', '95%' atau '90 - 95%'" if what == "target" else "'18 dokumen'"
    label = what.capitalize()
    if isinstance(value, bool) or value is None or (isinstance(value, str) and not value.strip()):
        return TidakTerbaca(
            f"{what}-kosong",
            f"{label} belum diisi; tulis angka dan satuannya, mis. {example}.",
            value,
        )
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        if not number.is_finite():
            return TidakTerbaca(f"{what}-tidak-valid", f"{label} '{value}' bukan angka.", value)
        return Target(number, number, "", str(value))
    if not isinstance(value, str):
        return TidakTerbaca(
            f"{what}-tidak-valid", f"{label} '{value}' bukan teks atau angka.", value
        )
    teks = " ".join(value.split())
    match = _PATTERN.match(teks)
    if match is None:
        return TidakTerbaca(
            f"{what}-tanpa-angka",
            f"{label} '{teks}' tidak diawali angka, sehingga capaiannya tidak dapat dihitung; "
            f"tulis angka dan satuannya, mis. {example}.",
            value,
        )
    low = parse_angka(match["a"])
    high = parse_angka(match["b"]) if match["b"] else low
    if low is None or high is None:  # pragma: no cover - the pattern admits only numbers
        return TidakTerbaca(
            f"{what}-tidak-valid", f"Angka pada {what} '{teks}' tidak terbaca.", value
        )
    parts = [match["rp"] and "rp", match["ua"], match["unit"]]
    if match["ua"] and normalize_satuan(match["unit"]) == "%":  # "90% - 95%"
        parts.pop()
    unit = normalize_satuan(" ".join(p for p in parts if p))
    if unit.split(" ", 1)[0] in _MONTHS:
        return TidakTerbaca(
            f"{what}-tanggal",
            f"{label} '{teks}' berupa tanggal, yang tidak dapat dinilai otomatis; tulis sebagai "
            "lama waktu, mis. '12 bulan' atau '5 hari kerja'.",
            value,
        )
    if low > high:
        return TidakTerbaca(
            f"{what}-rentang-terbalik",
            f"Rentang {what} '{teks}' terbalik: angka pertama harus lebih kecil, "
            f"mis. '{match['b']} - {match['a']}'.",
            value,
        )
    batas = _BATAS[match["batas"].lower()] if match["batas"] else None
    return Target(low, high, unit, teks, batas)


def parse_realisasi(value: object) -> Besaran | TidakTerbaca:
    """Read a realisasi: one figure with an optional unit ("18 perangkat daerah", "97,5%").

    Returns:
        The :class:`Besaran`, or :class:`TidakTerbaca` (a range is refused: a realisasi is
        what happened, one figure).
    """
    parsed = _parse(value, "realisasi")
    if isinstance(parsed, TidakTerbaca):
        return parsed
    if parsed.is_rentang:
        return TidakTerbaca(
            "realisasi-rentang",
            f"Realisasi '{parsed.teks}' berupa rentang; tulis satu angka yang tercapai.",
            value,
        )
    return Besaran(parsed.minimum, parsed.satuan)


def nilai_iki(target: object, realisasi: object, arah: Arah) -> Rating | TidakTerbaca:
    """Judge one IKI: is the realisasi above, within or below its target?

    With ``Arah.NAIK`` a realisasi beyond the target (above the range's top) is
    Diatas Ekspektasi, one meeting it (inside the range, or equal to a single figure) is
    Sesuai Ekspektasi, one short of it is Dibawah Ekspektasi. ``Arah.TURUN`` reverses the
    ends: finishing in fewer days than targeted is Diatas Ekspektasi.

    Args:
        target: A :class:`Target` or anything :func:`parse_target` reads.
        realisasi: A :class:`Besaran` or anything :func:`parse_realisasi` reads.
        arah: Which way is better (see :func:`arah_aspek`).

    Returns:
        The judgement as a :class:`Rating`, or :class:`TidakTerbaca` when either side
        cannot be read or their units differ.
    """
    t = target if isinstance(target, Target) else parse_target(target)
    if isinstance(t, TidakTerbaca):
        return t
    r = realisasi if isinstance(realisasi, Besaran) else parse_realisasi(realisasi)
    if isinstance(r, TidakTerbaca):
        return r
    if r.satuan and t.satuan and r.satuan != t.satuan:
        return TidakTerbaca(
            "satuan-berbeda",
            f"Satuan realisasi '{r.satuan}' berbeda dengan satuan target '{t.satuan}'; "
            "tulis realisasi dengan satuan target.",
            realisasi,
        )
    if t.minimum <= r.nilai <= t.maksimum:
        return Rating.SESUAI
    beyond = r.nilai > t.maksimum
    if arah is Arah.TURUN:
        beyond = not beyond
    return Rating.DIATAS if beyond else Rating.DIBAWAH


# -- the periodic evaluation --------------------------------------------------------------

PROGRES: Final = "Progres"
"""What a periodic IKI without a target of its own shows instead of a judgement."""


class SifatTarget(StrEnum):
    """How an IKI's annual target relates to a period within the year."""

    JUMLAH = "jumlah"
    """A count that accumulates (20 dokumen): a period reaches a share of it."""
    PERSENTASE = "persentase"
    """A percentage (95%): a rate that holds at every period."""
    PROGRES = "progres"
    """Time or cost (10 bulan, Rp 5 juta): only the year's end can be judged."""


def sifat_target(aspek: Aspek | None, satuan: str) -> SifatTarget:
    """The kind of an IKI's target, from its satuan and aspek.

    A "%" satuan (or "persen") is a percentage whatever the aspek; otherwise the aspek
    Waktu or Biaya is progres; anything else (Kuantitas, Kualitas, no aspek as on JPT
    forms) is a count.
    """
    if compact(satuan) in PERSEN:
        return SifatTarget.PERSENTASE
    if aspek in (Aspek.WAKTU, Aspek.BIAYA):
        return SifatTarget.PROGRES
    return SifatTarget.JUMLAH


def porsi_tahun(periode: PeriodeEvaluasi) -> Fraction | None:
    """The share of the year a periodic evaluation closes (Triwulan k: k/4, month m: m/12);
    None for the akhir evaluation, which is judged against the annual target itself."""
    return None if periode.is_akhir else periode.pecahan


PRO_RATA_DESIMAL: Final = 6
"""Decimals a pro-rata target is rounded to, in Python and in the workbook's ROUND."""


class AsalTarget(StrEnum):
    """Where a period's target comes from."""

    TAHUNAN = "tahunan"
    TRAJECTORY = "trajectory"
    PRO_RATA = "pro rata"
    PROGRES = "progres"


@dataclass(frozen=True, slots=True)
class TargetPeriode:
    """The target one period's realisasi is judged against.

    Attributes:
        target: The target; None for progres (shown, not judged).
        asal: Where it comes from.
    """

    target: Target | None
    asal: AsalTarget


def _pro_rata(number: Decimal, porsi: Fraction) -> Decimal:
    # Multiply first, as the formula does, and round both sides the same way.
    share = number * porsi.numerator / porsi.denominator
    return share.quantize(Decimal(1).scaleb(-PRO_RATA_DESIMAL), rounding=ROUND_HALF_UP)


def target_periode(
    tahunan: Target,
    porsi: Fraction | None,
    *,
    sifat: SifatTarget,
    trajectory: Decimal | None = None,
    pro_rata: bool = False,
) -> TargetPeriode:
    """The target of a period, from the annual target and the period's own.

    The akhir evaluation (``porsi`` None) is judged against the annual target. A period
    with a trajectory target is judged against it. Without one: a percentage keeps the
    annual target; a count takes ``porsi`` of it when ``pro_rata`` (rounded to
    :data:`PRO_RATA_DESIMAL` decimals) and is progres otherwise; time and cost are
    progres.

    Args:
        tahunan: The annual target.
        porsi: The period's share of the year (:func:`porsi_tahun`); None for akhir.
        sifat: The kind of target (:func:`sifat_target`).
        trajectory: The period's trajectory target, when typed.
        pro_rata: The workbook's option for counts without a trajectory target.

    Returns:
        The period's target and where it comes from.
    """
    if porsi is None:
        return TargetPeriode(tahunan, AsalTarget.TAHUNAN)
    if trajectory is not None:
        return TargetPeriode(Target(trajectory, trajectory, tahunan.satuan), AsalTarget.TRAJECTORY)
    if sifat is SifatTarget.PERSENTASE:
        return TargetPeriode(tahunan, AsalTarget.TAHUNAN)
    if sifat is SifatTarget.JUMLAH and pro_rata:
        share = Target(
            _pro_rata(tahunan.minimum, porsi), _pro_rata(tahunan.maksimum, porsi), tahunan.satuan
        )
        return TargetPeriode(share, AsalTarget.PRO_RATA)
    return TargetPeriode(None, AsalTarget.PROGRES)


def nilai_iki_periode(
    target: TargetPeriode, realisasi: object, arah: Arah
) -> Rating | Literal["Progres"] | TidakTerbaca:
    """Judge one IKI in a period: :func:`nilai_iki` against the period's target, or
    :data:`PROGRES` when the period has none (a realisasi that cannot be read is still
    :class:`TidakTerbaca`)."""
    if target.target is None:
        r = realisasi if isinstance(realisasi, Besaran) else parse_realisasi(realisasi)
        return r if isinstance(r, TidakTerbaca) else PROGRES
    return nilai_iki(target.target, realisasi, arah)
