"""How dates and numbers are shown to people: the Indonesian way."""

from __future__ import annotations

import datetime

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

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


class _Laju(ProgressColumn):
    """Files per second, the Indonesian way."""

    def __init__(self, desimal: int) -> None:
        super().__init__()
        self.desimal = desimal

    def render(self, task: Task) -> Text:
        return Text("" if task.speed is None else f"{angka(task.speed, self.desimal)} berkas/dtk")


def kemajuan(kerja: str, console: Console, *, disable: bool, desimal: int = 0) -> Progress:
    """The progress bar of a long batch: what it does, done of total, rate, elapsed, left.

    Args:
        kerja: The verb shown first ("Membaca", "Menulis").
        console: Where it draws (standard error, so standard output stays clean).
        disable: No bar (``--json``, or not a terminal).
        desimal: Decimals of the rate.
    """
    return Progress(
        TextColumn(kerja),
        BarColumn(),
        MofNCompleteColumn(),
        _Laju(desimal),
        TimeElapsedColumn(),
        TextColumn("sisa"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=disable or not console.is_terminal,
    )
