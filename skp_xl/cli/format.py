"""How dates and numbers are shown to people: the Indonesian way."""

from __future__ import annotations

import datetime

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def tanggal(value: datetime.date) -> str:
    """``1 Januari 1980``."""
    return f"{value.day} {BULAN[value.month - 1]} {value.year}"


def bulan_tahun(value: datetime.date) -> str:
    """``Maret 2005``: for a TMT, which a NIP records only to the month."""
    return f"{BULAN[value.month - 1]} {value.year}"


def angka(value: float, desimal: int = 0) -> str:
    """``1.234,5``: a number with Indonesian separators (dot for thousands, comma for
    decimals)."""
    text = f"{value:,.{desimal}f}"
    return text.translate(str.maketrans(",.", ".,"))
