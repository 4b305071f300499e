"""Pangkat and golongan ruang of PNS (I/a to IV/e) and golongan of PPPK (I to XVII).

Reads the many ways people write them and gives the canonical label a dropdown shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError

__all__ = [
    "GOLONGAN_PNS",
    "GOLONGAN_PPPK",
    "Golongan",
    "parse_golongan",
]


@dataclass(frozen=True, slots=True)
class Golongan:
    """One golongan: a PNS golongan ruang with its pangkat, or a PPPK golongan.

    Golongan of the same kind compare by rank (``III/a < III/b < IV/a``, ``V < IX``).
    A PNS golongan ruang and a PPPK golongan are different scales: ordering one against
    the other raises :class:`TypeError` (equality is simply ``False``).

    Attributes:
        kode: ``"III/a"`` (PNS) or ``"IX"`` (PPPK).
        pangkat: The pangkat name, e.g. ``"Penata Muda"``; ``None`` for PPPK.
        pppk: ``True`` for a PPPK golongan.
        urutan: Rank within its scale, from 1 (I/a, or PPPK I) to 17 (IV/e, or PPPK XVII).
    """

    kode: str
    pangkat: str | None
    pppk: bool
    urutan: int

    @property
    def label(self) -> str:
        """Canonical display: ``"Penata Muda, III/a"`` (PNS) or ``"IX"`` (PPPK)."""
        if self.pangkat is None:
            return self.kode
        return f"{self.pangkat}, {self.kode}"

    def _rank(self, other: object) -> tuple[int, int] | None:
        if isinstance(other, Golongan) and other.pppk == self.pppk:
            return self.urutan, other.urutan
        return None

    def __lt__(self, other: object) -> bool:
        ranks = self._rank(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] < ranks[1]

    def __le__(self, other: object) -> bool:
        ranks = self._rank(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] <= ranks[1]

    def __gt__(self, other: object) -> bool:
        ranks = self._rank(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] > ranks[1]

    def __ge__(self, other: object) -> bool:
        ranks = self._rank(other)
        if ranks is None:
            return NotImplemented
        return ranks[0] >= ranks[1]


_PNS: Final = (
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
)
_ROMAWI: Final = (
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
)  # fmt: skip

GOLONGAN_PNS: Final = tuple(
    Golongan(kode=kode, pangkat=pangkat, pppk=False, urutan=i)
    for i, (kode, pangkat) in enumerate(_PNS, start=1)
)
"""The 17 PNS golongan ruang, I/a to IV/e, in rank order."""

GOLONGAN_PPPK: Final = tuple(
    Golongan(kode=kode, pangkat=None, pppk=True, urutan=i)
    for i, kode in enumerate(_ROMAWI, start=1)
)
"""The 17 PPPK golongan, I to XVII, in rank order."""

_CONTOH: Final = "contoh: 'Penata Muda, III/a' atau 'III/a'; PPPK: 'IX' (I sampai XVII)"

# Lookups on normalised text (see _normalise): "iii/a", "ix", "penata muda tingkat i".
_BY_KODE: Final = {g.kode.casefold(): g for g in GOLONGAN_PNS + GOLONGAN_PPPK}
_BY_PANGKAT: Final = {g.pangkat.casefold(): g for g in GOLONGAN_PNS if g.pangkat is not None}
# Longest first, so that "pembina utama muda" is tried before "pembina utama".
_PANGKAT_NAMES: Final = sorted(_BY_PANGKAT, key=len, reverse=True)
_ARABIC_GOLONGAN: Final = {"1": "i", "2": "ii", "3": "iii", "4": "iv"}

_KODE_PNS: Final = re.compile(r"(?P<gol>iv|iii|ii|i|[1-4])\s*[/\-.]?\s*(?P<ruang>[a-e])")
_KODE_PPPK: Final = re.compile(r"[ivx]+")
# "Golongan IX", "gol. IX", "Golongan ruang III/a", "Pangkat/Gol. Ruang: Penata Muda, III/a".
_PREFIX: Final = re.compile(r"(?:pangkat\s*/\s*)?(?:golongan|gol)\b\.?(?:\s*ruang\b)?\s*:?\s*")
_SEPARATORS: Final = " ,./-:;()"


def parse_golongan(text: object) -> Golongan:
    """Read a pangkat / golongan ruang (PNS) or a golongan (PPPK), however it is written.

    Accepted, case-insensitive and with any spacing: ``"III/a"``, ``"III / a"``,
    ``"IIIa"``, ``"3a"``, ``"3/a"``; the pangkat name alone (``"Penata Muda"``,
    ``"Penata Muda Tk. I"``); the pangkat with its golongan ruang (``"Penata Muda, III/a"``,
    ``"Penata Muda (III/a)"``, ``"Penata Muda / III/a"``, ``"Penata Muda III/a"``,
    ``"III/a - Penata Muda"``); PPPK golongan in roman numerals (``"IX"``,
    ``"Golongan IX"``, ``"gol. IX"``). A roman numeral alone is a PPPK golongan, so
    ``"III"`` is PPPK golongan III, not PNS golongan III without its ruang.

    Args:
        text: The text to read, usually a cell value.

    Returns:
        The golongan; its ``label`` is the canonical display.

    Raises:
        InvalidValueError: ``pangkat-kosong`` when empty; ``pangkat-ambigu`` for an arabic
            number alone (``"9"`` may mean PPPK IX or the ninth PNS golongan, III/a);
            ``pangkat-tidak-cocok`` when the pangkat name and golongan ruang disagree
            (``"Penata Muda, IV/a"``) or a pangkat is given with a PPPK golongan;
            ``pangkat-tidak-dikenal`` for anything else.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InvalidValueError(
            Code.PANGKAT_KOSONG,
            f"Pangkat/golongan belum diisi; isi pangkat dan golongan ruang, {_CONTOH}.",
            text,
        )
    if isinstance(text, int | float) and not isinstance(text, bool):
        # A number read from a cell: 9 and 9.0 are the text "9" (and then ambiguous).
        written = format(text, "g")
    elif isinstance(text, str):
        written = text
    else:
        raise _unknown(text)

    shown = " ".join(written.split())
    norm = _normalise(written)
    if re.fullmatch(r"[0-9]+", norm) and 1 <= int(norm) <= len(GOLONGAN_PPPK):
        raise InvalidValueError(
            Code.PANGKAT_AMBIGU,
            f"Golongan '{shown}' tidak jelas: angka biasa bisa berarti golongan PPPK atau "
            "golongan ruang PNS. Tulis golongan PPPK dengan angka Romawi (mis. 'IX'), atau "
            "golongan ruang PNS lengkap dengan ruangnya (mis. 'III/a').",
            text,
        )

    kode = _kode(norm)
    if kode is not None:
        return kode
    found = _pangkat_then_kode(norm) or _kode_then_pangkat(norm)
    if found is None:
        raise _unknown(text)
    pangkat, kode = found
    if kode is not None and kode != pangkat:
        raise _mismatch(shown, pangkat, kode, text)
    return pangkat


def _normalise(text: str) -> str:
    """Casefold, one space between words, "Tk. I" -> "tingkat i", "Golongan IX" -> "ix"."""
    norm = " ".join(text.replace("\u00a0", " ").split()).casefold()
    norm = norm.strip(_SEPARATORS.replace("(", "").replace(")", "") + "'")
    norm = re.sub(r"\btk\b\.?\s*", "tingkat ", norm)
    norm = re.sub(r"\btingkat\s*(?:1|i)\b", "tingkat i", norm)
    return _PREFIX.sub("", norm, count=1) if _PREFIX.match(norm) else norm


def _kode(norm: str) -> Golongan | None:
    """The golongan a bare code names (``"iii/a"``, ``"3a"``, ``"ix"``), if any."""
    norm = norm.strip(_SEPARATORS)
    match = _KODE_PNS.fullmatch(norm)
    if match:
        gol = _ARABIC_GOLONGAN.get(match["gol"], match["gol"])
        return _BY_KODE.get(f"{gol}/{match['ruang']}")
    if _KODE_PPPK.fullmatch(norm):
        return _BY_KODE.get(norm)
    return None


def _pangkat_then_kode(norm: str) -> tuple[Golongan, Golongan | None] | None:
    """``"penata muda"``, ``"penata muda, iii/a"``, ``"penata muda (iii/a)"``..."""
    for name in _PANGKAT_NAMES:
        if not norm.startswith(name):
            continue
        rest = norm[len(name) :]
        if not rest:
            return _BY_PANGKAT[name], None
        if rest[0] not in _SEPARATORS:
            continue
        rest = _PREFIX.sub("", rest.strip(_SEPARATORS), count=1)
        kode = _kode(rest)
        if kode is not None:
            return _BY_PANGKAT[name], kode
    return None


def _kode_then_pangkat(norm: str) -> tuple[Golongan, Golongan | None] | None:
    """``"iii/a - penata muda"``, ``"iii/a (penata muda)"``."""
    for i, ch in enumerate(norm):
        if ch not in _SEPARATORS:
            continue
        kode = _kode(norm[:i])
        name = norm[i:].strip(_SEPARATORS)
        if kode is not None and name in _BY_PANGKAT:
            return _BY_PANGKAT[name], kode
    return None


def _mismatch(shown: str, pangkat: Golongan, kode: Golongan, value: object) -> InvalidValueError:
    if kode.pppk:
        detail = f"golongan PPPK {kode.kode} tidak memakai pangkat"
    else:
        detail = (
            f"pangkat {pangkat.pangkat} adalah golongan ruang {pangkat.kode}, "
            f"sedangkan golongan ruang {kode.kode} berpangkat {kode.pangkat}"
        )
    return InvalidValueError(
        Code.PANGKAT_TIDAK_COCOK,
        f"Pangkat/golongan '{shown}' tidak cocok: {detail}. Perbaiki salah satunya, {_CONTOH}.",
        value,
    )


def _unknown(value: object) -> InvalidValueError:
    shown = " ".join(value.split()) if isinstance(value, str) else repr(value)
    return InvalidValueError(
        Code.PANGKAT_TIDAK_DIKENAL,
        f"Pangkat/golongan '{shown}' tidak dikenal; {_CONTOH}.",
        value,
    )
