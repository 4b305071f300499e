"""What ``xl/workbook.xml`` says: the sheets in order, and where each defined name points.

Read straight from the zip with defusedxml (no openpyxl), so it is fast and a hostile
``workbook.xml`` (DTD, entity expansion) is refused instead of expanded.
"""

from __future__ import annotations

import functools
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote
from xml.etree.ElementTree import Element, ParseError, fromstring

from defusedxml import DefusedXmlException

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.settings import MAX_PART_BYTES

WORKBOOK_PART = "xl/workbook.xml"
WORKBOOK_RELS_PART = "xl/_rels/workbook.xml.rels"

ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    zlib.error,
    struct.error,
    RuntimeError,  # NotImplementedError: a zip version or method zipfile lacks
    ValueError,  # UnicodeDecodeError of a member name, bad offsets
)
"""What zipfile raises on damaged archives (beyond its documented BadZipFile)."""

MAX_ROW = 1_048_576
MAX_COL = 16_384

_TARGET = re.compile(
    r"(?:'(?P<quoted>(?:[^']|'')+)'|(?P<bare>[^'!:\[\]*?/\\\s]+))!"
    r"(?:\$?(?P<c1>[A-Za-z]{1,3})\$?(?P<r1>[0-9]{1,7})"
    r"(?::\$?(?P<c2>[A-Za-z]{1,3})\$?(?P<r2>[0-9]{1,7}))?"
    r"|\$?(?P<row1>[0-9]{1,7}):\$?(?P<row2>[0-9]{1,7})"
    r"|\$?(?P<col1>[A-Za-z]{1,3}):\$?(?P<col2>[A-Za-z]{1,3}))"
)
_EXTERNAL = re.compile(r"\[[^\]]*\][^!]*!")


class SkipReason(StrEnum):
    """Why a defined name was left out of :attr:`WorkbookIndex.names`."""

    LOCAL = "lokal"
    """Sheet-scope name (``localSheetId``), e.g. a print area."""
    REF_ERROR = "ref-rusak"
    """Points at a deleted cell or sheet (``#REF!``)."""
    EXTERNAL = "eksternal"
    """Points into another workbook (``[1]Sheet!A1``)."""
    FORMULA = "rumus"
    """A formula, a constant, several areas or a 3-D reference: not one cell or range."""
    NO_SHEET = "lembar-tidak-ada"
    """Names a sheet the workbook does not have."""
    DUPLICATE = "duplikat"
    """A second workbook-scope name of the same name (only the first counts)."""


@dataclass(frozen=True, slots=True)
class DefinedRange:
    """Where a workbook-scope defined name points: one cell or one rectangle (1-based).

    Attributes:
        name: The defined name, as written in the workbook.
        sheet: Sheet title, as listed in the workbook (not as quoted in the name).
        min_row: First row.
        min_col: First column.
        max_row: Last row (equal to ``min_row`` for one cell).
        max_col: Last column.
    """

    name: str
    sheet: str
    min_row: int
    min_col: int
    max_row: int
    max_col: int

    @property
    def is_cell(self) -> bool:
        """Whether the name points at a single cell."""
        return self.min_row == self.max_row and self.min_col == self.max_col

    @property
    def ref(self) -> str:
        """A1 address without ``$``: ``D40`` or ``A20:K90``."""
        first = f"{column_letter(self.min_col)}{self.min_row}"
        if self.is_cell:
            return first
        return f"{first}:{column_letter(self.max_col)}{self.max_row}"


@dataclass(frozen=True, slots=True)
class SkippedName:
    """A defined name that does not resolve to one cell or range of this workbook.

    Attributes:
        name: The defined name.
        text: What it points at, as written (``#REF!``, ``SUM(A1:A3)``...).
        reason: Why it was skipped.
        local_sheet: The sheet's position (0-based), for sheet-scope names.
    """

    name: str
    text: str
    reason: SkipReason
    local_sheet: int | None = None


@dataclass(frozen=True, slots=True)
class SheetEntry:
    """One sheet as ``<sheets>`` lists it, in workbook order.

    Attributes:
        title: The sheet's title.
        state: ``visible``, ``hidden`` or ``veryHidden``.
        part: Its zip member (``xl/worksheets/sheet3.xml``), when the relationships say.
    """

    title: str
    state: str = "visible"
    part: str | None = None

    @property
    def visible(self) -> bool:
        """Whether Excel shows the sheet's tab."""
        return self.state == "visible"


@dataclass(frozen=True, slots=True)
class WorkbookIndex:
    """The sheets and defined names of one workbook.

    Attributes:
        sheets: Every sheet, in workbook order.
        names: Workbook-scope names that point at one cell or range, by name.
        skipped: Every other defined name, with the reason, in file order.
    """

    sheets: tuple[SheetEntry, ...]
    names: Mapping[str, DefinedRange]
    skipped: tuple[SkippedName, ...] = ()

    def sheet(self, title: str) -> SheetEntry | None:
        """The sheet titled ``title`` (case-insensitive, as in Excel), or None."""
        folded = title.casefold()
        return next((s for s in self.sheets if s.title.casefold() == folded), None)


class WorkbookXmlError(InvalidValueError):
    """``workbook.xml`` or its relationships cannot be read safely.

    ``code`` is a ``berkas-*`` code: ``berkas-rusak`` (missing, corrupt or malformed part),
    ``berkas-xml-berbahaya`` (DTD or entity declarations, which Excel never writes) or
    ``berkas-terlalu-besar`` (part over the size limit). The message names the file.
    """


def column_letter(column: int) -> str:
    """``1`` -> ``A``, ``28`` -> ``AB``."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """``A`` -> ``1``, ``ab`` -> ``28``."""
    number = 0
    for char in letters.upper():
        number = number * 26 + ord(char) - 64
    return number


@functools.lru_cache(maxsize=8192)
def parse_target(text: str) -> tuple[str, int, int, int, int] | None:
    """Resolve a defined name's text to (sheet, min_row, min_col, max_row, max_col).

    Accepts what Excel and LibreOffice write for one cell or one rectangle: quoted or bare
    sheet names (``'Evaluasi TW1'!$D$40``, ``'O''Brien'!A1``, ``SKP!$A$20:$K$90``),
    absolute or relative parts, whole rows (``SKP!$15:$16``) and whole columns.

    Args:
        text: The text of a ``<definedName>`` element.

    Returns:
        The sheet as written (quotes removed) and the 1-based bounds, or None when the
        text is not a single area of one sheet (formula, constant, ``#REF!``, several
        areas, another workbook) or lies outside the grid.
    """
    match = _TARGET.fullmatch(text.strip())
    if match is None:
        return None
    quoted = match["quoted"]
    sheet = quoted.replace("''", "'") if quoted is not None else match["bare"]
    if match["row1"] is not None:
        rows = (int(match["row1"]), int(match["row2"]))
        cols = (1, MAX_COL)
    elif match["col1"] is not None:
        rows = (1, MAX_ROW)
        cols = (column_number(match["col1"]), column_number(match["col2"]))
    else:
        rows = (int(match["r1"]), int(match["r2"] or match["r1"]))
        cols = (column_number(match["c1"]), column_number(match["c2"] or match["c1"]))
    if min(rows) < 1 or max(rows) > MAX_ROW or min(cols) < 1 or max(cols) > MAX_COL:
        return None
    return sheet, min(rows), min(cols), max(rows), max(cols)


def read_workbook_index(
    source: Path | str | zipfile.ZipFile, *, max_bytes: int = MAX_PART_BYTES
) -> WorkbookIndex:
    """Read the sheet list and the defined names of an .xlsx/.xlsm workbook.

    Args:
        source: The workbook's path, or an open :class:`zipfile.ZipFile` of it (left open).
        max_bytes: Largest ``workbook.xml`` (and relationships part) to read.

    Returns:
        The sheets in order with their states and zip parts, the workbook-scope names
        that point at one cell or range, and the names skipped, with the reason.

    Raises:
        WorkbookXmlError: The file is not a readable zip, ``workbook.xml`` is missing,
            malformed, too large, or declares a DTD or entities.
    """
    with _opened(source) as zf:
        raw = _raw(zf, WORKBOOK_PART, max_bytes)
        if raw is None:
            raise _corrupt(_display_name(zf), WORKBOOK_PART, "tidak ada")
        raw_rels = _raw(zf, WORKBOOK_RELS_PART, max_bytes)
        name = _display_name(zf)
    try:
        return _index(raw, raw_rels)
    except _BadXml as bad:
        raise _xml_error(name, bad.part, bad.error) from bad.error


class _BadXml(Exception):
    def __init__(self, part: str, error: Exception) -> None:
        super().__init__(part)
        self.part, self.error = part, error


@functools.lru_cache(maxsize=64)
def _index(raw: bytes, raw_rels: bytes | None) -> WorkbookIndex:
    """The index of one workbook.xml and its relationships, cached by their bytes:
    workbooks made from one template share them, and a consolidation reads thousands.
    The result is shared, so it is immutable (tuples and a read-only mapping)."""
    root = _parse_bytes(raw, WORKBOOK_PART)
    rels = _parse_bytes(raw_rels, WORKBOOK_RELS_PART) if raw_rels is not None else None
    targets = _sheet_targets(rels) if rels is not None else {}
    sheets: list[SheetEntry] = []
    for element in _children(root, "sheets", "sheet"):
        rid = next((v for k, v in element.attrib.items() if k.endswith("}id")), None)
        sheets.append(
            SheetEntry(
                title=element.get("name", ""),
                state=element.get("state", "visible"),
                part=targets.get(rid) if rid else None,
            )
        )
    titles = {sheet.title.casefold(): sheet.title for sheet in sheets}
    names: dict[str, DefinedRange] = {}
    skipped: list[SkippedName] = []
    for element in _children(root, "definedNames", "definedName"):
        name = element.get("name", "")
        text = (element.text or "").strip()
        local = element.get("localSheetId")
        resolved = _resolve(titles, name, text) if local is None else SkipReason.LOCAL
        if isinstance(resolved, DefinedRange) and name in names:
            resolved = SkipReason.DUPLICATE
        if isinstance(resolved, SkipReason):
            local_sheet = int(local) if local is not None and local.isdigit() else None
            skipped.append(SkippedName(name, text, resolved, local_sheet))
        else:
            names[name] = resolved
    return WorkbookIndex(tuple(sheets), MappingProxyType(names), tuple(skipped))


def _resolve(titles: Mapping[str, str], name: str, text: str) -> DefinedRange | SkipReason:
    if "#REF!" in text.upper():
        return SkipReason.REF_ERROR
    if _EXTERNAL.match(text.lstrip("'")):
        return SkipReason.EXTERNAL
    target = parse_target(text)
    if target is None:
        return SkipReason.FORMULA
    sheet = titles.get(target[0].casefold())
    if sheet is None:
        return SkipReason.NO_SHEET
    return DefinedRange(name, sheet, *target[1:])


def read_defined_names(
    source: Path | str | zipfile.ZipFile, *, max_bytes: int = MAX_PART_BYTES
) -> dict[str, DefinedRange]:
    """The workbook-scope defined names that point at one cell or range, by name.

    A shortcut for ``read_workbook_index(source).names``; see there for the arguments,
    and for the sheets and the skipped names.

    Raises:
        WorkbookXmlError: As for :func:`read_workbook_index`.
    """
    return dict(read_workbook_index(source, max_bytes=max_bytes).names)


def _display_name(zf: zipfile.ZipFile) -> str:
    return Path(zf.filename).name if zf.filename else "buku kerja"


@contextmanager
def _opened(source: Path | str | zipfile.ZipFile) -> Iterator[zipfile.ZipFile]:
    if isinstance(source, zipfile.ZipFile):
        yield source
        return
    path = Path(source)
    try:
        zf = zipfile.ZipFile(path)
    except ZIP_ERRORS as error:
        raise _corrupt(path.name, "berkas", error) from error
    with zf:
        yield zf


def _corrupt(name: str, part: str, reason: object) -> WorkbookXmlError:
    return WorkbookXmlError(
        Code.BERKAS_RUSAK,
        f"Berkas '{name}': bagian {part} tidak dapat dibaca ({reason}); berkas rusak atau "
        "terpotong. Buka di Excel atau LibreOffice lalu simpan ulang sebagai .xlsx, atau "
        "minta salinan baru dari pengirimnya.",
    )


def _raw(zf: zipfile.ZipFile, part: str, max_bytes: int) -> bytes | None:
    """The part's bytes (at most ``max_bytes``), or None when the zip has no such member."""
    name = _display_name(zf)
    try:
        info = zf.getinfo(part)
    except KeyError:
        return None
    if info.file_size > max_bytes:
        raise WorkbookXmlError(
            Code.BERKAS_TERLALU_BESAR,
            f"Berkas '{name}': bagian {part} berukuran {info.file_size // 1024} KB, melebihi batas "
            f"{max_bytes // 1024} KB; berkas tidak dibaca. Simpan ulang dari Excel sebagai .xlsx; "
            "bila masih terlalu besar, hapus nama (Name Manager) yang tidak dipakai.",
        )
    try:
        with zf.open(info) as stream:
            return stream.read(max_bytes + 1)
    except ZIP_ERRORS as error:
        raise _corrupt(name, part, error) from error


def _parse_bytes(data: bytes, part: str) -> Element:
    try:
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise DefusedXmlException  # entity expansion needs a DTD: refuse any
        # Without a DTD, expat knows only the five predefined entities: the C parser is
        # as safe as defusedxml's Python one here, and several times faster.
        return fromstring(data)
    except (DefusedXmlException, ParseError, ValueError) as error:
        raise _BadXml(part, error) from error


def _xml_error(name: str, part: str, error: Exception) -> WorkbookXmlError:
    if isinstance(error, DefusedXmlException):
        return WorkbookXmlError(
            Code.BERKAS_XML_BERBAHAYA,
            f"Berkas '{name}': bagian {part} memuat deklarasi DTD atau entitas XML, yang "
            "tidak pernah ditulis Excel atau LibreOffice dan dapat dipakai untuk melumpuhkan "
            "pembaca; berkas tidak dibaca. Minta pengirim menyimpan ulang SKP-nya dari Excel "
            "sebagai .xlsx.",
        )
    return _corrupt(name, part, f"XML tidak sah: {error}")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(root: Element, parent: str, child: str) -> Iterator[Element]:
    # Match local names: transitional and strict OOXML use different namespaces.
    for section in root:
        if _local(section.tag) == parent:
            yield from (e for e in section if _local(e.tag) == child)


def _sheet_targets(rels: Element) -> dict[str, str]:
    targets: dict[str, str] = {}
    base = posixpath.dirname(WORKBOOK_PART)
    for rel in rels:
        rid, target = rel.get("Id"), rel.get("Target")
        if not rid or not target or rel.get("TargetMode") == "External":
            continue
        target = unquote(target)
        path = target[1:] if target.startswith("/") else posixpath.join(base, target)
        targets[rid] = posixpath.normpath(path)
    return targets
