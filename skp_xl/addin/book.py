"""The workbook a ribbon action works on: one small interface, with a file engine
(:mod:`skp_xl.addin.filebook`) and a live one (:mod:`skp_xl.addin.livebook`).

:class:`Book` is everything the actions of :mod:`skp_xl.addin.actions` need: it reads as a
reader engine (:class:`~skp_xl.reader.snapshot.Engine`, so the one reading path applies),
writes cells, marks findings, lists a result on a sheet, makes room for another hasil
kerja or IKI, exports PDF, and talks to the person who pressed the button.

:class:`~skp_xl.addin.filebook.FileBook` is an .xlsx file through openpyxl, for Python,
tests and batch use. :class:`~skp_xl.addin.livebook.LiveBook` is the workbook open in
Excel, through xlwings' documented ``Book`` API (Windows and macOS). Both mark findings the
same way and record what they changed in the same hidden sheet
(:mod:`skp_xl.workbook.laporan`, whose cell backgrounds :func:`fill_record` and
:func:`rgb_of_record` translate), so either can take off what the other marked.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from xml.etree.ElementTree import ParseError, fromstring, tostring

from openpyxl.styles import PatternFill
from openpyxl.styles.fills import Fill

from skp_xl.domain.findings import Finding
from skp_xl.reader.snapshot import Engine

RGB = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Link:
    """Where a cell of a listed sheet leads: another file, a place in this workbook, or both.

    Attributes:
        file: A file path, relative to the workbook's folder or absolute.
        location: A place in that file (or this workbook), ``'Sheet'!A1``.
    """

    file: str | None = None
    location: str | None = None


class Book(Engine, Protocol):
    """What the ribbon actions need of a workbook; see the module docstring.

    Cells are addressed ``(sheet, "A1")``. Reading goes through the :class:`Engine`
    methods (``names``, ``rows``, ``merged``), into a :class:`~skp_xl.reader.snapshot.Snapshot`.
    """

    @property
    def interactive(self) -> bool:
        """True when a person watches in Excel: results and errors go to a message box."""
        ...

    @property
    def label(self) -> str:
        """The workbook as findings and messages name it (its path, or Excel's name)."""
        ...

    @property
    def path(self) -> Path | None:
        """The workbook's file; None for a workbook never saved."""
        ...

    def sheets(self) -> list[tuple[str, bool]]:
        """Every sheet in order, with whether it is visible."""
        ...

    def read(self, sheet: str, cell: str) -> object:
        """The value of one cell (a formula's result when live)."""
        ...

    def write(self, sheet: str, cell: str, value: object) -> None:
        """Type ``value`` into one cell, through the sheet's protection."""
        ...

    def annotate(self, findings: Sequence[Finding], *, title: str = "") -> tuple[str, int]:
        """List ``findings`` on a Temuan sheet with links, colour their cells, note them.

        The previous run's sheet, colours and notes are taken off first.

        Returns:
            The Temuan sheet's title and how many cells were coloured.
        """
        ...

    def replace_sheet(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        links: Mapping[tuple[int, int], Link] | None = None,
    ) -> None:
        """Write ``rows`` from A1 on the sheet ``title``, made anew (first sheet if new).

        ``links`` maps 1-based (row, column) to where that cell leads.
        """
        ...

    def selection(self) -> tuple[str, str] | None:
        """The active cell as (sheet, A1), if known."""
        ...

    def grow(self, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Path:
        """Make room in the SKP: hasil kerja blocks at the end of a section, or IKI rows in
        every block, formulas, validations, names and protection kept.

        Returns:
            The file that holds the grown workbook.

        Raises:
            AddinError: The workbook is not an SKP, or cannot be grown as asked.
        """
        ...

    def export_pdf(self, path: Path, sheets: Sequence[str]) -> Path:
        """Print ``sheets`` (in workbook order) to one PDF at ``path``.

        Raises:
            AddinError: No engine can print here (the message says what to do).
        """
        ...

    def commit(self) -> None:
        """Make an action's changes last: a file is saved; Excel already shows them."""
        ...

    def open_other(self, path: Path) -> None:
        """Show another workbook to the person (Excel opens it; a file does nothing)."""
        ...

    def tell(self, message: str, *, error: bool = False) -> None:
        """Show a message to the person (a message box in Excel; the log for a file)."""
        ...

    def status(self, text: str) -> None:
        """Show progress (Excel's status bar; the log for a file)."""
        ...


# What both engines share ------------------------------------------------------------------


def fill_record(rgb: RGB | None) -> str:
    """A cell's background as the hidden record of :mod:`skp_xl.workbook.laporan` keeps it."""
    pattern = PatternFill() if rgb is None else PatternFill("solid", fgColor=_hex(rgb))
    return tostring(pattern.to_tree(), encoding="unicode")


def rgb_of_record(text: object) -> RGB | None:
    """The solid colour a recorded background had; None for none, or one not of RGB.

    Theme and indexed colours come back as no colour: xlwings sets colours by RGB only.
    """
    if not isinstance(text, str) or not text:
        return None
    try:
        pattern = Fill.from_tree(fromstring(text))
    except (ParseError, TypeError, ValueError):
        return None
    if not isinstance(pattern, PatternFill) or pattern.fill_type != "solid":
        return None
    color = pattern.fgColor
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return None
    value = color.rgb[-6:]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: RGB) -> str:
    return "FF{:02X}{:02X}{:02X}".format(*rgb)


def free_path(path: Path) -> Path:
    """``path``, or ``name (2).ext``... when a file of that name exists."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


__all__ = [
    "RGB",
    "Book",
    "Link",
    "fill_record",
    "free_path",
    "rgb_of_record",
]
