"""Excel formulas as plain strings, and the defined names they refer to.

The rules of :mod:`skp_xl.domain` written once more as native formulas, so a workbook
works without Python. They use only functions that Excel 2010 and LibreOffice both know
(no ``XLOOKUP``, ``LET``, ``LAMBDA``, nothing that needs an ``_xlfn.`` prefix) and refer to
the lookup tables of the hidden ``_ref`` sheet by workbook-scope defined names, so they
never depend on where that sheet keeps its tables.

A builder returns either a whole cell formula (starting with ``=``) or an *expression*
(no ``=``) meant to be nested in another formula. A test recalculates every builder's
output in LibreOffice and compares it with the Python rule it mirrors.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from skp_xl.domain.targets import PERSEN, PRO_RATA_DESIMAL, PROGRES, Arah
from skp_xl.domain.vocabulary import ASPEK, RATING, Aspek, Rating, Vocabulary

UNKNOWN = "?"
"""What a formula shows when an input is filled but not a known label (or is an error).

A visible marker rather than an empty cell, so the person filling the form sees that
something is wrong; Python validation reports the input cell itself.
"""

KUADRAN_PREDIKAT = "KUADRAN_PREDIKAT"
"""Defined name of the quadrant's 3x3 body of predikat labels."""

KUADRAN_HASIL = "KUADRAN_HASIL"
"""Defined name of the quadrant's row headers (rating hasil kerja), a column of 3 cells."""

KUADRAN_PERILAKU = "KUADRAN_PERILAKU"
"""Defined name of the quadrant's column headers (rating perilaku kerja), a row of 3."""

# The whitespace a label can realistically carry: typed spaces, the no-break space of
# text pasted from web pages and Word, Alt+Enter line breaks, pasted tabs and carriage
# returns. Python's `compact` removes every Unicode whitespace; the formula removes these.
# The no-break space is written as a literal character: CHAR(160) depends on the code page
# (LibreOffice 7.4 measured CODE(CHAR(160)) = 239 and left U+00A0 in place) and UNICHAR
# needs Excel 2013. CHAR of an ASCII code is the same everywhere.
_WHITESPACE = ('" "', '"\u00a0"', "CHAR(9)", "CHAR(10)", "CHAR(13)")

# VLOOKUP and MATCH treat * ? ~ in the looked-up text as wildcards (Excel, and LibreOffice
# for .xlsx files), so a typed "*" would match the first alias. "~" escapes them; it goes
# first so the escapes added after it are not doubled.
_WILDCARDS = (("~", "~~"), ("*", "~*"), ("?", "~?"))


def _name_stem(vocabulary: Vocabulary[Any]) -> str:
    return vocabulary.kode.upper().replace("-", "_")


def list_name(vocabulary: Vocabulary[Any]) -> str:
    """Defined name of a vocabulary's canonical values, e.g. ``LIST_RATING``.

    Dropdowns (list data validation) use it as their source.
    """
    return f"LIST_{_name_stem(vocabulary)}"


def alias_name(vocabulary: Vocabulary[Any]) -> str:
    """Defined name of a vocabulary's alias table, e.g. ``ALIAS_RATING``.

    Two columns: the compact key of every accepted text, and its canonical value.
    """
    return f"ALIAS_{_name_stem(vocabulary)}"


def _substitute(expression: str, old: str, new: str) -> str:
    return f"SUBSTITUTE({expression},{old},{new})"


def compact_formula(ref: str) -> str:
    """Expression giving the comparison key of the text in ``ref``.

    The formula side of :func:`skp_xl.domain.vocabulary.compact`: lower case, without
    spaces, no-break spaces, tabs and line breaks. Other Unicode spaces (thin space,
    ideographic space...) stay, so such a label shows :data:`UNKNOWN` in the workbook.

    Args:
        ref: A cell reference or any expression, e.g. ``"B7"`` or ``"$B$7"``.

    Returns:
        An expression (no leading ``=``).
    """
    expression = ref
    for char in _WHITESPACE:
        expression = _substitute(expression, char, '""')
    return f"LOWER({expression})"


def canonical_formula(ref: str, vocabulary: Vocabulary[Any]) -> str:
    """Expression giving the canonical label of the text in ``ref``, or ``#N/A``.

    Looks the compact key up in the vocabulary's alias table, exactly as
    :meth:`Vocabulary.normalize` does; an empty or unknown text gives ``#N/A`` (wrap it
    in ``IFERROR``).

    Args:
        ref: A cell reference or any expression.
        vocabulary: The closed list the text belongs to.

    Returns:
        An expression (no leading ``=``).
    """
    key = compact_formula(ref)
    for wildcard, escaped in _WILDCARDS:
        key = _substitute(key, f'"{wildcard}"', f'"{escaped}"')
    return f"VLOOKUP({key},{alias_name(vocabulary)},2,FALSE)"


def predikat_formula(hasil_ref: str, perilaku_ref: str) -> str:
    """Cell formula of the predikat kinerja: the quadrant of the two ratings.

    Mirrors :func:`skp_xl.domain.quadrant.predikat_kinerja`: label variants are accepted
    as in Python. While either rating is empty (or only whitespace) it shows ``""``; an
    unknown label or an error value in either cell shows :data:`UNKNOWN`.

    Args:
        hasil_ref: Reference of the rating hasil kerja cell.
        perilaku_ref: Reference of the rating perilaku kerja cell.

    Returns:
        A formula starting with ``=``.
    """
    blank = f'OR({compact_formula(hasil_ref)}="",{compact_formula(perilaku_ref)}="")'
    row = f"MATCH({canonical_formula(hasil_ref, RATING)},{KUADRAN_HASIL},0)"
    column = f"MATCH({canonical_formula(perilaku_ref, RATING)},{KUADRAN_PERILAKU},0)"
    quadrant = f"INDEX({KUADRAN_PREDIKAT},{row},{column})"
    return f'=IFERROR(IF({blank},"",{quadrant}),"{UNKNOWN}")'


def _text(value: str) -> str:
    """A string literal for a formula."""
    return '"' + value.replace('"', '""') + '"'


def blank_or(ref: str) -> str:
    """Cell formula showing the content of ``ref``, or nothing when it is empty.

    ``=ref`` alone shows 0 for an empty cell, which makes a printed form look broken.
    """
    return f'=IF({ref}="","",{ref})'


def number_text(ref: str) -> str:
    """Expression writing a number the Indonesian way: decimal comma, no grouping.

    ``x&""`` uses the computer's decimal sign, so 1,125 jam would print "1.125 jam" on an
    English system, which Indonesian readers (and the target parser) read as 1125.
    """
    return f'SUBSTITUTE({ref}&"",".",",")'


def target_text_formula(minimum: str, maksimum: str, satuan: str) -> str:
    """Cell formula printing a target from its inputs: "20 perangkat daerah", "90 - 95%"."""
    unit = f'IF({satuan}="","",IF({satuan}="%","%"," "&{satuan}))'
    upper = f'IF(OR({maksimum}="",{maksimum}={minimum}),""," - "&{number_text(maksimum)})'
    return f'=IF({minimum}="","",{number_text(minimum)}&{upper}&{unit})'


def realisasi_text_formula(angka: str, satuan: str, bukti: str) -> str:
    """Cell formula printing a realisasi: the figure with the target's unit, then evidence.

    A realisasi typed as text ("93%", pasted) is printed as typed: adding the unit would
    print "93%%" (``validate`` reports it, ``realisasi-bukan-angka``).
    """
    unit = f'IF({satuan}="","",IF({satuan}="%","%"," "&{satuan}))'
    figure = f'IF({angka}="","",IF(ISNUMBER({angka}),{number_text(angka)}&{unit},{angka}&""))'
    evidence = f'IF({bukti}="","",IF({angka}="","",CHAR(10))&{bukti})'
    return f"={figure}&{evidence}"


PRO_RATA = "SKP_TARGET_PRO_RATA"
"""Defined name of the workbook's pro-rata option (Identitas): "Ya" turns it on."""


def _canonical_aspek(aspek: str) -> str:
    return f'IFERROR({canonical_formula(aspek, ASPEK)},"")'


def _waktu_biaya(aspek: str) -> str:
    canonical = _canonical_aspek(aspek)
    return f"OR({canonical}={_text(Aspek.WAKTU.value)},{canonical}={_text(Aspek.BIAYA.value)})"


def _judgement(minimum: str, maksimum: str, realisasi: str, arah: str, aspek: str) -> str:
    """Expression judging a realisasi against a target's ends (see penilaian_iki_formula)."""
    less_is_better = f'OR({arah}={_text(Arah.TURUN.value)},AND({arah}="",{_waktu_biaya(aspek)}))'
    top = f'IF({maksimum}="",{minimum},{maksimum})'
    bad = (
        f"OR(NOT(ISNUMBER({minimum})),NOT(ISNUMBER({realisasi})),"
        f'AND({maksimum}<>"",NOT(ISNUMBER({maksimum}))),{top}<{minimum})'
    )
    judged = (
        f"IF(AND({realisasi}>={minimum},{realisasi}<={top}),{_text(Rating.SESUAI.value)},"
        f"IF(({realisasi}>{top})<>{less_is_better},{_text(Rating.DIATAS.value)},"
        f"{_text(Rating.DIBAWAH.value)}))"
    )
    return f'IFERROR(IF({bad},"{UNKNOWN}",{judged}),"{UNKNOWN}")'


def penilaian_iki_formula(
    minimum: str,
    maksimum: str,
    realisasi: str,
    arah: str,
    aspek: str,
    periode: tuple[str, str] | None = None,
) -> str:
    """Cell formula judging one IKI: Diatas / Sesuai / Dibawah Ekspektasi, or "".

    Mirrors :func:`skp_xl.domain.targets.nilai_iki`: inside the range (ends included) is
    Sesuai; beyond the better end Diatas. Less is better when ``arah`` says so, or when it
    is empty and the aspek is Waktu or Biaya (:func:`~skp_xl.domain.targets.arah_aspek`).
    Empty while the target or the realisasi is missing; :data:`UNKNOWN` when a figure is
    not a number or the range is reversed.

    Args:
        minimum, maksimum, realisasi, arah, aspek: References of the annual target's
            inputs, the realisasi and the IKI's arah and aspek.
        periode: In a periodic evaluation, the references of the period's target cells
            (:func:`target_periode_formula`, lower and upper end): the realisasi is judged
            against them (:func:`~skp_xl.domain.targets.nilai_iki_periode`), and shows
            :data:`~skp_xl.domain.targets.PROGRES` while they are empty.
    """
    if periode is None:
        judged = _judgement(minimum, maksimum, realisasi, arah, aspek)
    else:
        low, high = periode
        progres = f'IF(ISNUMBER({realisasi}),{_text(PROGRES)},"{UNKNOWN}")'
        judged = f'IF({low}="",{progres},{_judgement(low, high, realisasi, arah, aspek)})'
    return f'=IF(OR({minimum}="",{realisasi}=""),"",{judged})'


def persen_formula(satuan: str) -> str:
    """Expression true when the unit in ``satuan`` is a percentage ("%", "persen")."""
    key = compact_formula(satuan)
    return "OR(" + ",".join(f"{key}={_text(p)}" for p in PERSEN) + ")"


def target_periode_formula(
    minimum: str,
    maksimum: str,
    satuan: str,
    aspek: str,
    trajectory: str,
    porsi: Fraction,
    *,
    atas: bool = False,
) -> str:
    """Cell formula of one end of a period's target (the lower end; ``atas``: the upper).

    Mirrors :func:`skp_xl.domain.targets.target_periode`: the trajectory target when
    typed; else the annual target for a percentage; else, for a count (not Waktu or
    Biaya) with the workbook's :data:`PRO_RATA` option "Ya", ``porsi`` of the annual
    target rounded to :data:`~skp_xl.domain.targets.PRO_RATA_DESIMAL` decimals; else ""
    (progres). Empty while the annual target is; :data:`UNKNOWN` when a figure is not a
    number.
    """
    end = f'IF({maksimum}="",{minimum},{maksimum})' if atas else minimum
    share = f'AND({compact_formula(PRO_RATA)}="ya",NOT({_waktu_biaya(aspek)}))'
    scaled = f"ROUND({end}*{porsi.numerator}/{porsi.denominator},{PRO_RATA_DESIMAL})"
    bad = f'AND({trajectory}<>"",NOT(ISNUMBER({trajectory})))'
    chosen = (
        f'IF({trajectory}<>"",{trajectory},IF({persen_formula(satuan)},{end},'
        f'IF({share},{scaled},"")))'
    )
    return f'=IF({minimum}="","",IFERROR(IF({bad},"{UNKNOWN}",{chosen}),"{UNKNOWN}"))'


def target_periode_text_formula(
    minimum: str, maksimum: str, satuan: str, low: str, high: str
) -> str:
    """Cell formula printing a period's target: the annual target while the period's is
    the same, none (progres) or not a number; else the period's, with the annual one on a
    second line: "5 dokumen" / "(target tahunan: 20 dokumen)"."""
    tahunan = target_text_formula(minimum, maksimum, satuan)[1:]
    periode = target_text_formula(low, high, satuan)[1:]
    top = f'IF({maksimum}="",{minimum},{maksimum})'
    same = f"OR(NOT(ISNUMBER({low})),AND({low}={minimum},{high}={top}))"
    return (
        f"=IFERROR(IF({same},{tahunan},{periode}&CHAR(10)&"
        f'"(target tahunan: "&{tahunan}&")"),{tahunan})'
    )


def penilaian_hasil_kerja_formula(iki_range: str) -> str:
    """Cell formula judging a hasil kerja from its IKI judgements in ``iki_range``.

    Mirrors :func:`skp_xl.domain.suggestion.penilaian_hasil_kerja` over the judged IKI:
    any below makes it Dibawah, more than half above Diatas, otherwise Sesuai.
    """
    judged = (
        f"COUNTIF({iki_range},{_text(Rating.DIATAS.value)})"
        f"+COUNTIF({iki_range},{_text(Rating.SESUAI.value)})"
        f"+COUNTIF({iki_range},{_text(Rating.DIBAWAH.value)})"
    )
    below = f"COUNTIF({iki_range},{_text(Rating.DIBAWAH.value)})"
    above = f"COUNTIF({iki_range},{_text(Rating.DIATAS.value)})"
    return (
        f'=IF({judged}=0,"",IF({below}>0,{_text(Rating.DIBAWAH.value)},'
        f"IF(2*{above}>{judged},{_text(Rating.DIATAS.value)},{_text(Rating.SESUAI.value)})))"
    )


def saran_rating_formula(utama: str, tambahan: str) -> str:
    """Cell formula of the suggested rating hasil kerja from per-hasil-kerja judgements.

    Mirrors :func:`skp_xl.domain.suggestion.saran_rating_hasil_kerja`: Dibawah when half
    or more of the judged utama are below; Diatas when no utama is below and more than
    half of all judged hasil kerja are above; otherwise Sesuai. Empty while no utama is
    judged.
    """

    def count(area: str, rating: Rating) -> str:
        return f"COUNTIF({area},{_text(rating.value)})"

    def judged(area: str) -> str:
        return "+".join(count(area, r) for r in Rating)

    n_utama = f"({judged(utama)})"
    n_all = f"({judged(utama)}+{judged(tambahan)})"
    below = count(utama, Rating.DIBAWAH)
    above = f"({count(utama, Rating.DIATAS)}+{count(tambahan, Rating.DIATAS)})"
    return (
        f'=IF({n_utama}=0,"",IF(2*{below}>={n_utama},{_text(Rating.DIBAWAH.value)},'
        f"IF(AND({below}=0,2*{above}>{n_all}),{_text(Rating.DIATAS.value)},"
        f"{_text(Rating.SESUAI.value)})))"
    )


def nip_valid_formula(ref: str) -> str:
    """Expression true when ``ref`` holds exactly 18 digits as text (data validation).

    An 18-digit number typed into a number cell is refused too: Excel has already lost its
    last digits.
    """
    checks = [f"ISTEXT({ref})", f"LEN({ref})=18", f"ISNUMBER(-{ref})"]
    checks += [f'ISERROR(FIND("{c}",{ref}))' for c in (".", ",", "e", "E", "+", "-", " ")]
    return f"AND({','.join(checks)})"
