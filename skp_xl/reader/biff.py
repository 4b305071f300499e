"""What an Excel 97-2003 (.xls, BIFF8) workbook's ``Workbook`` stream says: sheets, defined
names, and the farthest cell with content, as :mod:`~skp_xl.reader.names` says it of an .xlsx.

python-calamine reads an .xls's cells and merges but gives no defined names, and skp-xl
finds every field through them; Excel's "Save As Excel 97-2003" and LibreOffice keep them
as NAME records, read here (MS-XLS 2.4.150 Lbl, 2.5.198 Ptg). The walk is one pass over
the stream's records, so the triage can bound it like the zip members of an .xlsx.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

from skp_xl.reader.names import (
    DefinedRange,
    SheetEntry,
    SkippedName,
    SkipReason,
    WorkbookIndex,
    column_letter,
)

_BOF, _EOF, _CONTINUE = 0x0809, 0x000A, 0x003C
_BOUNDSHEET, _SUPBOOK, _EXTERNSHEET, _NAME, _FILEPASS = 0x0085, 0x01AE, 0x0017, 0x0018, 0x002F
_BIFF8 = 0x0600
_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6, 0x00BD})
"""Records of a cell with content: FORMULA, NUMBER, LABEL, BOOLERR, RK, LABELSST, RSTRING,
MULRK (BLANK and MULBLANK are formatted empty cells, which calamine skips)."""
_MULRK = 0x00BD
_STATES = {0: "visible", 1: "hidden", 2: "veryHidden"}
_REF3D = frozenset({0x3A, 0x5A, 0x7A})
_AREA3D = frozenset({0x3B, 0x5B, 0x7B})
_ERR3D = frozenset({0x3C, 0x5C, 0x7C, 0x3D, 0x5D, 0x7D})
_SELF = 0x0401  # SUPBOOK: this workbook's own sheets
_BUILTIN = [
    "Consolidate_Area",
    "Auto_Open",
    "Auto_Close",
    "Extract",
    "Database",
    "Criteria",
    "Print_Area",
    "Print_Titles",
    "Recorder",
    "Data_Form",
    "Auto_Activate",
    "Auto_Deactivate",
    "Sheet_Title",
    "_FilterDatabase",
]
_TICK = 4096  # records between two time checks


class BiffError(ValueError):
    """The stream is not a BIFF8 workbook this module reads; the message says why."""


class NotBiff8(BiffError):
    """The stream is an older BIFF (Excel 5.0/95 and before), which calamine does not read
    into the same cells and which has no NAME records of this form."""


@dataclass(frozen=True, slots=True)
class BiffBook:
    """What the ``Workbook`` stream says.

    Attributes:
        index: The sheets and defined names, as for an .xlsx.
        encrypted: A FILEPASS record: the workbook is protected by a password to open.
        far_cell: The first cell found beyond the limits, as (sheet title, A1), if any.
    """

    index: WorkbookIndex
    encrypted: bool = False
    far_cell: tuple[str, str] | None = None


def _records(data: bytes, start: int) -> tuple[int, int, bytes, int]:
    if start + 4 > len(data):
        raise BiffError("rekaman terpotong")
    kind, length = struct.unpack_from("<HH", data, start)
    end = start + 4 + length
    if end > len(data):
        raise BiffError("rekaman terpotong")
    return kind, length, data[start + 4 : end], end


def read_biff(
    data: bytes,
    *,
    max_rows: int,
    max_cols: int,
    check_time: Callable[[], None] = lambda: None,
) -> BiffBook:
    """Read the sheets, names and extent of a BIFF8 ``Workbook`` stream.

    Args:
        data: The stream's bytes.
        max_rows: Last row (1-based) a cell with content may be on.
        max_cols: Last column a cell with content may be in.
        check_time: Called every few thousand records; raises to stop the walk.

    Returns:
        The workbook index, whether it is encrypted, and the first cell beyond the limits.

    Raises:
        NotBiff8: Not a BIFF8 stream (an Excel 5.0/95 workbook).
        BiffError: A malformed stream.
    """
    kind, _, body, at = _records(data, 0)
    if kind != _BOF or len(body) < 4 or struct.unpack_from("<H", body)[0] != _BIFF8:
        raise NotBiff8("bukan format Excel 97-2003 (BIFF8)")
    sheets: list[tuple[int, str, str]] = []  # (substream offset, title, state)
    supbooks: list[int] = []  # per SUPBOOK: _SELF for this workbook, else 0
    xti: list[tuple[int, int, int]] = []
    names: list[tuple[bytes, bytes]] = []  # (record, its CONTINUE data)
    encrypted = False
    count = 0
    last = 0
    while True:
        kind, _, body, at = _records(data, at)
        count += 1
        if count % _TICK == 0:
            check_time()
        if kind == _EOF:
            break
        if kind == _FILEPASS:
            encrypted = True
            break  # everything after FILEPASS is encrypted
        if kind == _BOUNDSHEET and len(body) >= 8:
            offset, state, sheet_type = struct.unpack_from("<IBB", body)
            if sheet_type != 6:  # a VBA module is no sheet
                sheets.append((offset, _short_string(body, 6), _STATES.get(state & 3, "hidden")))
        elif kind == _SUPBOOK and len(body) >= 4:
            supbooks.append(_SELF if struct.unpack_from("<H", body, 2)[0] == _SELF else 0)
        elif kind == _EXTERNSHEET and len(body) >= 2:
            (n,) = struct.unpack_from("<H", body)
            xti = [struct.unpack_from("<Hhh", body, 2 + 6 * i) for i in range(n)]
        elif kind == _NAME:
            names.append((body, b""))
        elif kind == _CONTINUE and last == _NAME and names:
            names[-1] = (names[-1][0], names[-1][1] + body)
        last = kind if kind != _CONTINUE else last
    titles = [title for _, title, _ in sheets]
    index = WorkbookIndex(
        tuple(SheetEntry(title, state) for _, title, state in sheets),
        *_names(names, titles, supbooks, xti),
    )
    if encrypted:
        return BiffBook(index, encrypted=True)
    far = None
    for offset, title, _ in sheets:
        cell = _far_cell(data, offset, max_rows, max_cols, check_time)
        if cell is not None:
            far = (title, cell)
            break
    return BiffBook(index, far_cell=far)


def _short_string(body: bytes, at: int) -> str:
    """A ShortXLUnicodeString: a count of characters, a flags byte, the characters."""
    if at + 2 > len(body):
        raise BiffError("nama lembar terpotong")
    count, flags = body[at], body[at + 1]
    return _chars(body, at + 2, count, flags)


def _chars(body: bytes, at: int, count: int, flags: int) -> str:
    wide = flags & 1
    raw = body[at : at + count * (2 if wide else 1)]
    if len(raw) < count * (2 if wide else 1):
        raise BiffError("teks terpotong")
    return raw.decode("utf-16-le" if wide else "latin-1")


def _names(
    records: list[tuple[bytes, bytes]],
    titles: list[str],
    supbooks: list[int],
    xti: list[tuple[int, int, int]],
) -> tuple[dict[str, DefinedRange], tuple[SkippedName, ...]]:
    names: dict[str, DefinedRange] = {}
    skipped: list[SkippedName] = []
    for record, more in records:
        body = record + more
        if len(body) < 15:
            raise BiffError("rekaman NAME terpotong")
        flags, _, length, size, _, itab = struct.unpack_from("<HBBHHH", body)
        name = _chars(body, 15, length, body[14])
        formula = body[15 + length * (2 if body[14] & 1 else 1) :][:size]
        if flags & 0x20 and name:  # a built-in name: its one character is a code
            code = ord(name[0])
            name = _BUILTIN[code] if code < len(_BUILTIN) else f"_builtin{code}"
        resolved = _resolve(name, formula, titles, supbooks, xti)
        text = resolved.ref if isinstance(resolved, DefinedRange) else formula.hex()
        if itab:
            skipped.append(SkippedName(name, text, SkipReason.LOCAL, itab - 1))
        elif isinstance(resolved, DefinedRange) and name in names:
            skipped.append(SkippedName(name, text, SkipReason.DUPLICATE))
        elif isinstance(resolved, SkipReason):
            skipped.append(SkippedName(name, text, resolved))
        else:
            names[name] = resolved
    return names, tuple(skipped)


def _resolve(
    name: str,
    formula: bytes,
    titles: list[str],
    supbooks: list[int],
    xti: list[tuple[int, int, int]],
) -> DefinedRange | SkipReason:
    """One 3-D reference or area of this workbook (PtgRef3d, PtgArea3d), or why not."""
    if not formula:
        return SkipReason.FORMULA
    ptg = formula[0]
    if ptg in _ERR3D:
        return SkipReason.REF_ERROR
    if ptg in _REF3D and len(formula) == 7:
        ixti, row, col = struct.unpack_from("<HHH", formula, 1)
        rows, cols = (row, row), (col, col)
    elif ptg in _AREA3D and len(formula) == 11:
        ixti, row1, row2, col1, col2 = struct.unpack_from("<HHHHH", formula, 1)
        rows, cols = (row1, row2), (col1, col2)
    else:
        return SkipReason.FORMULA
    if ixti >= len(xti):
        return SkipReason.REF_ERROR
    book, first, last = xti[ixti]
    if book >= len(supbooks) or supbooks[book] != _SELF:
        return SkipReason.EXTERNAL
    if first < 0 or first != last:
        return SkipReason.REF_ERROR if first < 0 else SkipReason.FORMULA
    if first >= len(titles):
        return SkipReason.NO_SHEET
    columns = sorted(c & 0x3FFF for c in cols)
    return DefinedRange(
        name, titles[first], min(rows) + 1, columns[0] + 1, max(rows) + 1, columns[1] + 1
    )


def _far_cell(
    data: bytes, offset: int, max_rows: int, max_cols: int, check_time: Callable[[], None]
) -> str | None:
    """The first cell with content beyond the limits in the sheet substream at ``offset``."""
    kind, _, body, at = _records(data, offset)
    if kind != _BOF:
        raise BiffError("lembar tidak diawali rekaman BOF")
    count = 0
    while at < len(data):
        kind, _, body, at = _records(data, at)
        count += 1
        if count % _TICK == 0:
            check_time()
        if kind == _EOF:
            return None
        if kind in _CELLS and len(body) >= 4:
            row, col = struct.unpack_from("<HH", body)
            if kind == _MULRK and len(body) >= 6:
                (col,) = struct.unpack_from("<H", body, len(body) - 2)
            if row + 1 > max_rows or col + 1 > max_cols:
                return f"{column_letter(col + 1)}{row + 1}"
    raise BiffError("lembar tidak diakhiri rekaman EOF")
