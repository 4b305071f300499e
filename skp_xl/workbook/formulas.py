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

from typing import Any

from skp_xl.domain.vocabulary import RATING, Vocabulary

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
