"""Hyperlinks from the summary to the agency's files, and to a cell inside them.

An external hyperlink in SpreadsheetML is a relationship target (a URI, relative to the
workbook's folder) plus the ``location`` attribute of ``<hyperlink>``, which for a workbook
target "shall refer to a sheet and cell or a defined name" (ECMA-376 Part 1, 18.3.1.47).
Excel opens the file at that cell; LibreOffice (7.4, measured) reads it as
``file.xlsx#'Sheet'!D7`` and opens the file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

_A1 = re.compile(r"^\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6}(:\$?[A-Za-z]{1,3}\$?[1-9][0-9]{0,6})?$")


@dataclass(frozen=True, slots=True)
class Link:
    """Where a cell's hyperlink goes.

    Attributes:
        target: URI of the file, relative to the summary's folder when possible.
        location: Sheet and cell inside it (``'SKP'!D7``), or ``None``.
    """

    target: str
    location: str | None = None


def file_target(berkas: str, folder: Path) -> str:
    """The hyperlink target of a file, as a URI relative to ``folder`` when possible.

    Args:
        berkas: The file's path, absolute or relative to the current directory.
        folder: The folder of the workbook that holds the link.

    Returns:
        A relative URI with ``/`` separators and percent-encoded spaces, ``#`` and
        non-ASCII characters (``unit%20a/SKP%20Budi.xlsx``), or a ``file:`` URI when no
        relative path exists (another drive on Windows).
    """
    try:
        # relpath makes both paths absolute and normal itself; os.path, not pathlib: a
        # summary has a link a row (a fifth of a 10,000-file summary's links, pathlib).
        relative = os.path.relpath(os.path.expanduser(berkas), folder)
    except ValueError:  # another drive: no relative path
        return Path(berkas).expanduser().absolute().as_uri()
    return quote(relative.replace(os.sep, "/"), safe="/")


def cell_location(sheet: object, cell: object) -> str | None:
    """The ``location`` of a hyperlink to ``sheet``/``cell``: ``'SKP JA'!D7``.

    Cells travel as (sheet, cell), so ``cell`` is an A1 address alone: no sheet gives
    ``None``; a blank or malformed cell (``SKP!B18`` too) gives the sheet's ``A1``.
    """
    if not isinstance(sheet, str) or not sheet.strip():
        return None
    quoted = "'" + sheet.replace("'", "''") + "'"
    address = cell.strip().upper() if isinstance(cell, str) else ""
    return f"{quoted}!{address if _A1.match(address) else 'A1'}"


def file_link(
    berkas: object, folder: Path, *, sheet: object = None, cell: object = None
) -> Link | None:
    """The hyperlink of a ``Berkas`` cell, or ``None`` when it holds no path."""
    if not isinstance(berkas, str) or not berkas.strip():
        return None
    return Link(file_target(berkas.strip(), folder), cell_location(sheet, cell))


def file_links(
    cells: Iterable[tuple[object, object, object]],
    folder: Path,
    targets: dict[str, str] | None = None,
) -> list[Link | None]:
    """:func:`file_link` of each ``(berkas, sheet, cell)``, a table's rows.

    Args:
        cells: Each row's file, sheet and cell.
        folder: As for :func:`file_target`.
        targets: Folder -> its :func:`file_target`, filled as folders are met: a file's
            target is made from its folder's, worked out once a folder for every table
            given the same dict, and once a file in this call (a file has many rows).
    """
    targets = {} if targets is None else targets
    made: dict[str, str] = {}
    locations: dict[tuple[object, object], str | None] = {}  # workbooks share a layout
    links: list[Link | None] = []
    for berkas, sheet, cell in cells:
        if not isinstance(berkas, str) or not berkas.strip():
            links.append(None)
            continue
        target = made.get(berkas)
        if target is None:
            target = made[berkas] = _target(berkas.strip(), folder, targets)
        key = (sheet, cell)
        location = locations.get(key)
        if location is None and key not in locations:
            location = locations[key] = cell_location(sheet, cell)
        links.append(Link(target, location))
    return links


def _target(berkas: str, folder: Path, targets: dict[str, str]) -> str:
    """:func:`file_target` of ``berkas``, from its folder's (kept in ``targets``).

    The relative path of ``dir/name`` is the folder's and the name, unless ``dir`` holds
    ``folder`` (its path all ``..``): ``dir/name`` may be ``folder`` or hold it too, and
    ``relpath`` then climbs less.
    """
    head, name = os.path.split(berkas)
    if not head or name in ("", ".", ".."):
        return file_target(berkas, folder)
    key = os.path.join(head, "")  # a folder's key, never a file's
    base = targets.get(key)
    if base is None:
        base = targets[key] = file_target(head, folder)
    if base.startswith("file:") or set(base.split("/")) == {".."}:
        return file_target(berkas, folder)
    name = quote(name, safe="/")
    return name if base == "." else f"{base}/{name}"
