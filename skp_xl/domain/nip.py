"""NIP (Nomor Induk Pegawai): read the 18-digit number of a PNS or PPPK and check its parts.

A NIP is tanggal lahir ``YYYYMMDD``, TMT CPNS ``YYYYMM``, a gender digit and a 3-digit nomor urut.
"""

from __future__ import annotations

import datetime
import decimal
import functools
import numbers
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError

__all__ = [
    "NIP_LENGTH",
    "USIA_MINIMUM_PENGANGKATAN",
    "Nip",
    "NipError",
    "is_valid_nip",
    "parse_nip",
]

NIP_LENGTH: Final = 18
"""Number of digits in a NIP."""

USIA_MINIMUM_PENGANGKATAN: Final = 18
"""Youngest plausible age (years) at the TMT: CPNS applicants must be at least 18."""

_JENIS_KELAMIN: Final = {"1": "Laki-laki", "2": "Perempuan"}
_BULAN: Final = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip

# Characters people paste around or inside a NIP without meaning anything by them: spaces of
# the official spaced display, non-breaking and zero-width spaces from web pages and PDFs.
_INVISIBLE: Final = frozenset("\u00a0\u2007\u202f\u200b\u200c\u200d\u2060\ufeff")
# Excel's text marker (and the typographic quotes autocorrect turns it into).
_APOSTROPHES: Final = "'\u2018\u2019"
_DIGITS: Final = frozenset("0123456789")

# How a NIP looks once Excel has turned it into a number and back into text: scientific
# notation ("1.98001E+17", "1,98001E+17" in Indonesian locale), a trailing ".0", or thousands
# groups ("198.001.012.005.011.000" in Indonesian locale, "198,001,012,005,011,000").
_NUMERIC_TEXT: Final = re.compile(
    r"""[+-]?(?:
        [0-9]+(?:[.,][0-9]*)?[eE][+-]?[0-9]+
      | [0-9]+[.,]0+
      | [0-9]{1,3}(?:\.[0-9]{3}){3,}
      | [0-9]{1,3}(?:,[0-9]{3}){3,}
    )""",
    re.VERBOSE,
)


class NipError(InvalidValueError):
    """A NIP that cannot be accepted; ``code`` says why (all codes start with ``nip-``)."""


@dataclass(frozen=True, slots=True)
class Nip:
    """The parts of a valid NIP. Build it with :func:`parse_nip`, which checks them.

    Attributes:
        nip: The 18 digits, canonical (no spaces, no apostrophe).
        tanggal_lahir: Birth date (digits 1-8).
        tmt: First day of the TMT CPNS/PPPK month (digits 9-14). The NIP records only the
            year and month, so the day is always 1.
        jenis_kelamin: ``"Laki-laki"`` (digit 15 is 1) or ``"Perempuan"`` (digit 15 is 2).
        nomor_urut: Sequence number, 1 to 999 (digits 16-18).
    """

    nip: str
    tanggal_lahir: datetime.date
    tmt: datetime.date
    jenis_kelamin: str
    nomor_urut: int

    @property
    def formatted(self) -> str:
        """The official spaced display, e.g. ``"19800101 200501 1 001"``."""
        n = self.nip
        return f"{n[:8]} {n[8:14]} {n[14]} {n[15:]}"


def parse_nip(value: object, *, today: datetime.date | None = None) -> Nip:
    """Read a NIP and check its digits, dates, gender digit and sequence number.

    Tolerant of surrounding or internal spaces (so the official display
    ``"19800101 200501 1 001"`` is accepted), non-breaking and zero-width spaces, and a
    leading apostrophe (Excel's text marker).

    Args:
        value: The NIP as text. Numbers are refused: a NIP that went through an Excel number
            cell has lost its last digits.
        today: The date against which "in the future" is judged; defaults to
            ``datetime.date.today()``.

    Returns:
        The parts of the NIP.

    Raises:
        NipError: With one of these codes: ``nip-kosong`` (empty), ``nip-bukan-teks`` (not
            text, e.g. a bool), ``nip-rusak-excel`` (a number, or text showing a number such
            as ``"1.98001E+17"``), ``nip-karakter`` (characters other than digits),
            ``nip-panjang`` (not 18 digits), ``nip-tanggal-lahir-tidak-valid``,
            ``nip-tanggal-lahir-masa-depan``, ``nip-tmt-tidak-valid`` (no such month),
            ``nip-tmt-sebelum-lahir``, ``nip-tmt-usia-kerja`` (TMT before the age of
            :data:`USIA_MINIMUM_PENGANGKATAN`), ``nip-tmt-masa-depan``, ``nip-jenis-kelamin``
            (digit 15 not 1 or 2), ``nip-nomor-urut`` (sequence 000).
    """
    if today is None:
        today = datetime.date.today()
    shown, digits = _digits_of(value)

    tanggal_lahir = _date_or_none(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    if tanggal_lahir is None:
        raise NipError(
            Code.NIP_TANGGAL_LAHIR_TIDAK_VALID,
            f"NIP '{shown}': 8 digit pertama ({digits[:8]}) bukan tanggal lahir yang ada; "
            "8 digit pertama NIP adalah tanggal lahir (tahun, bulan, tanggal). "
            "Periksa kembali NIP.",
            value,
        )
    if tanggal_lahir > today:
        raise NipError(
            Code.NIP_TANGGAL_LAHIR_MASA_DEPAN,
            f"NIP '{shown}': tanggal lahir {tanggal_lahir:%d-%m-%Y} belum terjadi. "
            "Periksa kembali 8 digit pertama NIP.",
            value,
        )

    tmt = _date_or_none(int(digits[8:12]), int(digits[12:14]), 1)
    if tmt is None:
        raise NipError(
            Code.NIP_TMT_TIDAK_VALID,
            f"NIP '{shown}': digit ke-9 sampai ke-14 ({digits[8:14]}) bukan bulan TMT yang ada; "
            "bagian ini adalah tahun dan bulan TMT (tahun 4 digit, bulan 01-12). "
            "Periksa kembali NIP.",
            value,
        )
    tmt_text = f"{_BULAN[tmt.month - 1]} {tmt.year}"
    if (tmt.year, tmt.month) < (tanggal_lahir.year, tanggal_lahir.month):
        raise NipError(
            Code.NIP_TMT_SEBELUM_LAHIR,
            f"NIP '{shown}': TMT {tmt_text} lebih awal dari tanggal lahir "
            f"{tanggal_lahir:%d-%m-%Y}. Periksa kembali NIP.",
            value,
        )
    # The NIP gives only the TMT month, so the check is by month: appointed no earlier than
    # the month of the 18th birthday.
    if (tmt.year, tmt.month) < (
        tanggal_lahir.year + USIA_MINIMUM_PENGANGKATAN,
        tanggal_lahir.month,
    ):
        raise NipError(
            Code.NIP_TMT_USIA_KERJA,
            f"NIP '{shown}': TMT {tmt_text} jatuh sebelum pegawai berusia "
            f"{USIA_MINIMUM_PENGANGKATAN} tahun (lahir {tanggal_lahir:%d-%m-%Y}). "
            "Periksa kembali NIP.",
            value,
        )
    if tmt > today:
        raise NipError(
            Code.NIP_TMT_MASA_DEPAN,
            f"NIP '{shown}': TMT {tmt_text} belum terjadi. Periksa kembali digit ke-9 "
            "sampai ke-14 NIP.",
            value,
        )

    jenis_kelamin = _JENIS_KELAMIN.get(digits[14])
    if jenis_kelamin is None:
        raise NipError(
            Code.NIP_JENIS_KELAMIN,
            f"NIP '{shown}': digit ke-15 adalah {digits[14]}; digit ini harus 1 (laki-laki) "
            "atau 2 (perempuan). Periksa kembali NIP.",
            value,
        )

    nomor_urut = int(digits[15:])
    if nomor_urut == 0:
        raise NipError(
            Code.NIP_NOMOR_URUT,
            f"NIP '{shown}': nomor urut (3 digit terakhir) 000 tidak mungkin; nomor urut "
            "dimulai dari 001. NIP yang berakhir 000 biasanya pernah tersimpan sebagai angka "
            "di Excel; ketik ulang NIP lengkap di sel berformat Teks.",
            value,
        )

    return Nip(
        nip=digits,
        tanggal_lahir=tanggal_lahir,
        tmt=tmt,
        jenis_kelamin=jenis_kelamin,
        nomor_urut=nomor_urut,
    )


def is_valid_nip(value: object, *, today: datetime.date | None = None) -> bool:
    """Tell whether :func:`parse_nip` accepts a value.

    Args:
        value: The NIP as text.
        today: The date against which "in the future" is judged; defaults to today.

    Returns:
        ``True`` when the value is a valid NIP, ``False`` otherwise.
    """
    try:
        parse_nip(value, today=today)
    except NipError:
        return False
    return True


def nip_sah(value: object, *, today: datetime.date | None = None) -> str | None:
    """The NIP when ``value`` is 18 plain digits that :func:`parse_nip` accepts, else None.

    The same verdict as :func:`parse_nip` for such text, without building a :class:`Nip`:
    a birth date and a TMT month are each judged once (an export of 50,000 rows has some
    thousands of birth dates and a few hundred TMT months), the rest by comparing
    numbers. Anything else (spaces, an apostrophe, a fault) gets None, and
    :func:`parse_nip` says what it is.
    """
    if not (
        type(value) is str
        and len(value) == NIP_LENGTH
        and value.isascii()
        and value.isdigit()
        and value[14] in _JENIS_KELAMIN
        and value[15:] != "000"
    ):
        return None
    today = today or datetime.date.today()
    born, tmt = _lahir(value[:8], today), _tmt(value[8:14], today)
    # Appointed no earlier than the month of the 18th birthday (so never before birth).
    if born is None or tmt is None or tmt < (born[0] + USIA_MINIMUM_PENGANGKATAN, born[1]):
        return None
    return value


@functools.lru_cache(maxsize=1 << 16)
def _lahir(digits: str, today: datetime.date) -> tuple[int, int] | None:
    """A NIP's birth date (its first 8 digits) as (year, month) when it exists and is past."""
    born = _date_or_none(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    return None if born is None or born > today else (born.year, born.month)


@functools.lru_cache(maxsize=1 << 12)
def _tmt(digits: str, today: datetime.date) -> tuple[int, int] | None:
    """A NIP's TMT (digits 9-14) as (year, month) when that month exists and has begun."""
    tmt = _date_or_none(int(digits[:4]), int(digits[4:6]), 1)
    return None if tmt is None or tmt > today else (tmt.year, tmt.month)


def awalan_angka(value: object) -> str | None:
    """The 15 digits a NIP that Excel stored as a number still holds, or None.

    Excel keeps 15 significant digits: of an 18-digit NIP typed as a number the birth
    date, TMT and sex survive and the nomor urut is lost ("198807202018031762" becomes
    1.98807202018031E+17). ``value`` is that number, or its text as a reader gives it
    ("198807202018031808", "1.988072020180318e+17").
    """
    if isinstance(value, bool):
        return None
    text = str(value).strip().lstrip("'").replace(",", ".")
    try:
        number = decimal.Decimal(text)
    except decimal.InvalidOperation:
        return None
    if not number.is_finite() or not 10 ** (NIP_LENGTH - 1) <= number < 10**NIP_LENGTH:
        return None
    return str(int(number))[:15]


def _digits_of(value: object) -> tuple[str, str]:
    """Return the text as given (trimmed, for messages) and its 18 digits, or refuse it."""
    if value is None:
        raise NipError(Code.NIP_KOSONG, "NIP belum diisi; isi NIP 18 digit.", value)
    if isinstance(value, bool) or not isinstance(value, (str, numbers.Number)):
        raise NipError(
            Code.NIP_BUKAN_TEKS,
            f"NIP berisi {value!r}, bukan teks; isi NIP 18 digit sebagai teks.",
            value,
        )
    if isinstance(value, numbers.Number):
        raise _excel_number(f"NIP {value} tersimpan sebagai angka", value)
    if len(value) == NIP_LENGTH and value.isascii() and value.isdigit():
        return value, value  # the usual NIP, as the steps below would give it (exports: 50,000)

    shown = "".join(ch for ch in value if ch not in _INVISIBLE).strip()
    if shown and shown[0] in _APOSTROPHES:
        shown = shown[1:].strip()
    if not shown:
        raise NipError(Code.NIP_KOSONG, "NIP belum diisi; isi NIP 18 digit.", value)
    if _NUMERIC_TEXT.fullmatch(shown):
        raise _excel_number(f"NIP '{shown}' tertulis sebagai angka Excel", value)

    digits = "".join(shown.split())
    wrong = _describe_characters(ch for ch in digits if ch not in _DIGITS)
    if wrong:
        raise NipError(
            Code.NIP_KARAKTER,
            f"NIP '{shown}' berisi karakter selain angka ({wrong}); NIP hanya berisi 18 angka. "
            "Hapus karakter tersebut.",
            value,
        )
    if len(digits) != NIP_LENGTH:
        raise NipError(
            Code.NIP_PANJANG,
            f"NIP '{shown}' berisi {len(digits)} digit; NIP harus {NIP_LENGTH} digit.",
            value,
        )
    return shown, digits


def _excel_number(what: str, value: object) -> NipError:
    return NipError(
        Code.NIP_RUSAK_EXCEL,
        f"{what}, sehingga digit terakhirnya hilang (Excel hanya menyimpan 15 angka penting). "
        "Ketik ulang NIP lengkap di sel berformat Teks.",
        value,
    )


def _describe_characters(characters: Iterable[str]) -> str:
    """Name each distinct character once, in order: ``'-', '.', U+00AD``."""
    seen = dict.fromkeys(characters)
    return ", ".join(f"'{ch}'" if ch.isprintable() else f"U+{ord(ch):04X}" for ch in seen)


def _date_or_none(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
