"""One .xlsx from two writers: openpyxl's workbook with some sheets written by XlsxWriter.

The summary's small sheets (Ringkasan with its formulas, conditional format and chart,
Kurva's charts, the PivotTable, Angka Kredit) are openpyxl's; its big plain tables
(Pegawai, Temuan, Cascading) are XlsxWriter's, which writes them in about half the time
and with less memory (benchmarks/README.md). Both writers make the same workbook with the
same sheets in the same order, the openpyxl one with the big sheets left empty (their
print titles still set, a defined name in ``workbook.xml``); :func:`graft` then takes
openpyxl's package and puts XlsxWriter's parts of those sheets in place of the empty ones.

A sheet's cells point into the workbook-wide style and string tables by index, so the two
tables are merged: XlsxWriter's first, with openpyxl's appended. The big sheets' bytes are
then copied unchanged (only their indices would be costly to rewrite: one per cell) and
only openpyxl's small sheets get their style (``s``, ``style``), shared string and
differential format (``dxfId``) indices moved by the length of XlsxWriter's tables.

Both writers' output was read for this (openpyxl 3.1, XlsxWriter 3.3): the parts named
as the package relationships name them, the style parts' elements as ECMA-376 Part 1,
18.8 lists them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Collection, Iterator
from pathlib import Path, PurePosixPath
from typing import IO
from xml.etree.ElementTree import Element, register_namespace, tostring

from defusedxml.ElementTree import fromstring

from skp_xl.arsip import awal_data

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
TABLE_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
STRINGS_REL = f"{REL}/sharedStrings"
BOOK_RELS = "xl/_rels/workbook.xml.rels"
STYLES = "xl/styles.xml"
STRINGS = "xl/sharedStrings.xml"
CONTENT_TYPES = "[Content_Types].xml"
FIRST_CUSTOM_FORMAT = 164
"""Number formats below this id are built in (the same in every workbook)."""
_CHUNK = 1 << 20
_ENCRYPTED = 0x1
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

register_namespace("", MAIN)


def _q(tag: str) -> str:
    return f"{{{MAIN}}}{tag}"


def graft(small: IO[bytes], big: IO[bytes], out: Path, *, sheets: Collection[str]) -> None:
    """Write ``out``: the package ``small`` with ``sheets`` taken from ``big``.

    Args:
        small: openpyxl's .xlsx, with every sheet; those named in ``sheets`` are empty.
        big: XlsxWriter's .xlsx, with the sheets named in ``sheets`` written (others may
            be there too, and are left out).
        out: Where the merged workbook goes.
        sheets: Titles of the sheets whose parts come from ``big``.
    """
    with (
        zipfile.ZipFile(small) as a,
        zipfile.ZipFile(big) as b,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        a_parts, b_parts = _sheet_parts(a), _sheet_parts(b)
        styles, shift = merge_styles(b.read(STYLES), a.read(STYLES))
        # This openpyxl writes its strings inline (no shared string part); another may not.
        a_strings, b_strings = _read(a, STRINGS), _read(b, STRINGS)
        shift_strings = 0
        if a_strings is not None and b_strings is not None:
            b_strings, shift_strings = merge_strings(b_strings, a_strings)
        taken = {a_parts[title]: b_parts[title] for title in sheets}
        tables: dict[str, str] = {}  # XlsxWriter's table part -> its name in ``out``
        # Sheet rels in ``out`` -> XlsxWriter's rels part and its sheet. They hold a
        # hyperlink each a row, up to Excel's 65,530 a sheet: 16 MB each at 100,000
        # files, so they are streamed, never read whole (benchmarks/README.md,
        # bench_memori.py's "Wave 16"). A first pass names the Table parts, which the
        # content types (written before the rels) list.
        rels: dict[str, tuple[str, str]] = {}
        for target, source in taken.items():
            part = _rels_of(source)
            if part in b.NameToInfo:
                rels[_rels_of(target)] = (part, source)
                for piece in _pieces(b, part):
                    _name_tables(piece, source, tables)
        a_tables = [n for n in a.namelist() if n.startswith("xl/tables/")]
        for info in a.infolist():
            name = info.filename
            if name in rels or (name.endswith(".rels") and _sheet_of_rels(name) in taken):
                continue
            if name in taken:
                _copy(b, taken[name], z, name)
                continue
            if name == STYLES:
                data = styles
            elif name == STRINGS:
                data = b_strings or a.read(name)
            elif name == CONTENT_TYPES:
                data = _with_parts(a.read(name), tables.values(), strings=b_strings is not None)
            elif name == BOOK_RELS and a_strings is None and b_strings is not None:
                data = _with_strings_rel(a.read(name))
            elif name.startswith(("xl/worksheets/sheet", "xl/pivotTables/")):
                data = shift_indices(a.read(name), shift, shift_strings)
            elif name in a_tables:
                data = _table_id(a.read(name), len(tables))
            else:  # as it is: the PivotTable's cache records are as long as the Pegawai sheet
                _copy(a, name, z, name)
                continue
            z.writestr(info, data)
        for name, (part, sheet) in rels.items():
            with z.open(name, "w") as writer:
                for piece in _pieces(b, part):
                    writer.write(_renamed_tables(piece, sheet, tables))
        for source, name in tables.items():
            _copy(b, source, z, name)
        if a_strings is None and b_strings is not None:
            z.writestr(STRINGS, b_strings)


def _copy(source: zipfile.ZipFile, name: str, out: zipfile.ZipFile, as_name: str) -> None:
    """Copy a (possibly large) part as it is stored: its compressed bytes, in chunks.

    The big sheets are most of the summary's bytes; inflating and deflating them again
    cost about a tenth of writing a 10,000-file summary (measured; benchmarks/README.md,
    "Wave 10"). :mod:`zipfile` has no call that copies a member's compressed bytes, so
    this writes the local header and the bytes as ``ZipFile.open(..., "w")`` followed by
    its close does, with the CRC and sizes the source's directory gives (both packages
    are written here, by openpyxl and XlsxWriter, a moment before). A part stored other
    than plainly deflated or stored is inflated and deflated again.
    """
    info = source.getinfo(name)
    raw = source.fp
    if (
        raw is None
        or out.fp is None
        or info.flag_bits & _ENCRYPTED
        or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
    ):
        with source.open(name) as reader, out.open(as_name, "w", force_zip64=True) as writer:
            while chunk := reader.read(_CHUNK):
                writer.write(chunk)
        return
    if awal_data(raw, info.header_offset) is None:
        raise zipfile.BadZipFile(f"local header of {name} missing")
    copied = zipfile.ZipInfo(as_name, info.date_time)
    copied.compress_type = info.compress_type
    copied.external_attr = info.external_attr or 0o600 << 16
    copied.CRC, copied.compress_size, copied.file_size = (
        info.CRC,
        info.compress_size,
        info.file_size,
    )
    zip64 = max(info.file_size, info.compress_size) > zipfile.ZIP64_LIMIT
    out.fp.seek(out.start_dir)
    copied.header_offset = out.fp.tell()
    out._writecheck(copied)  # type: ignore[attr-defined]
    out._didModify = True  # type: ignore[attr-defined]
    out.fp.write(copied.FileHeader(zip64))
    left = info.compress_size
    while left:
        chunk = raw.read(min(left, _CHUNK))
        if not chunk:
            raise zipfile.BadZipFile(f"{name} cut short")
        out.fp.write(chunk)
        left -= len(chunk)
    out.start_dir = out.fp.tell()
    out.filelist.append(copied)
    out.NameToInfo[as_name] = copied


def _pieces(z: zipfile.ZipFile, name: str) -> Iterator[bytes]:
    """A part's content in pieces of about :data:`_CHUNK` bytes, each cut after a ``>``:
    no element of XlsxWriter's relationships is cut in two (it escapes ``>`` in its
    attribute values)."""
    carry = b""
    with z.open(name) as reader:
        while chunk := reader.read(_CHUNK):
            text = carry + chunk
            cut = text.rfind(b">") + 1
            if cut:
                yield text[:cut]
            carry = text[cut:]
    if carry:
        yield carry


def _read(z: zipfile.ZipFile, name: str) -> bytes | None:
    try:
        return z.read(name)
    except KeyError:
        return None


def _rels_of(part: str) -> str:
    path = PurePosixPath(part)
    return str(path.parent / "_rels" / f"{path.name}.rels")


def _sheet_of_rels(rels: str) -> str:
    path = PurePosixPath(rels)
    return str(path.parent.parent / path.name.removesuffix(".rels"))


def _resolve(base: str, target: str) -> str:
    """A relationship's target as a part name (``../tables/t1.xml`` from a sheet)."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet title -> its part name, as ``workbook.xml`` and its relationships say."""
    rels = fromstring(z.read(BOOK_RELS))
    targets = {
        r.get("Id"): _resolve("xl/workbook.xml", r.get("Target", ""))
        for r in rels.iter(f"{{{PACKAGE_REL}}}Relationship")
    }
    book = fromstring(z.read("xl/workbook.xml"))
    return {
        sheet.get("name", ""): targets[sheet.get(f"{{{REL}}}id")]
        for sheet in book.iter(_q("sheet"))
    }


_TARGET = re.compile(rb'Target="([^"]*)"( TargetMode="External")?')


def _name_tables(rels: bytes, sheet: str, tables: dict[str, str]) -> None:
    """Name in ``out`` each Table part ``rels`` refers to (in ``tables``), in order, as
    :func:`_renamed_tables` does."""
    for match in _TARGET.finditer(rels):
        if not match[2]:
            _table_name(_resolve(sheet, match[1].decode()), tables)


def _table_name(part: str, tables: dict[str, str]) -> str | None:
    """The name in ``out`` of XlsxWriter's part ``part`` when it is a Table, else None."""
    if not part.startswith("xl/tables/"):
        return None
    return tables.setdefault(part, f"xl/tables/xlsxwriter{len(tables) + 1}.xml")


def _renamed_tables(rels: bytes, sheet: str, tables: dict[str, str]) -> bytes:
    """A grafted sheet's relationships: its Table parts renamed so as not to meet
    openpyxl's (``xl/tables/table1.xml`` is both writers' first), its external link
    targets written with ``/`` (XlsxWriter writes a relative one with ``\\``; see
    :mod:`.xlsx_tables`)."""

    def fix(match: re.Match[bytes]) -> bytes:
        target, external = match[1], match[2]
        if external:
            return b'Target="' + target.replace(b"\\", b"/") + b'"' + external
        new = _table_name(_resolve(sheet, target.decode()), tables)
        if new is None:
            return match[0]
        # Relative, as both writers write it: the sheet is in xl/worksheets/ in ``out`` too.
        return b'Target="../tables/' + PurePosixPath(new).name.encode() + b'"'

    return _TARGET.sub(fix, rels)


def _with_parts(types: bytes, tables: Collection[str], *, strings: bool) -> bytes:
    """The content types with XlsxWriter's Table parts and shared strings added."""
    parts = [f'<Override PartName="/{t}" ContentType="{TABLE_TYPE}"/>' for t in tables]
    if strings and f'PartName="/{STRINGS}"'.encode() not in types:
        parts.append(f'<Override PartName="/{STRINGS}" ContentType="{STRINGS_TYPE}"/>')
    return types.replace(b"</Types>", "".join(parts).encode() + b"</Types>")


def _with_strings_rel(rels: bytes) -> bytes:
    """The workbook's relationships with one to the shared strings (openpyxl wrote none)."""
    ids = set(re.findall(rb'Id="([^"]*)"', rels))
    new = next(
        f"rId{n}" for n in range(len(ids) + 1, len(ids) + 1000) if f"rId{n}".encode() not in ids
    )
    relationship = f'<Relationship Id="{new}" Type="{STRINGS_REL}" Target="sharedStrings.xml"/>'
    return rels.replace(b"</Relationships>", relationship.encode() + b"</Relationships>")


_TABLE_ID = re.compile(rb'(<table\b[^>]*?\sid=")(\d+)')


def _table_id(table: bytes, offset: int) -> bytes:
    """An openpyxl Table's id moved past XlsxWriter's (ids are unique in a workbook)."""
    return _TABLE_ID.sub(lambda m: m[1] + str(int(m[2]) + offset).encode(), table, count=1)


# -- the style and string tables ----------------------------------------------------------


class Shift:
    """How far openpyxl's style indices move in the merged style table.

    Attributes:
        xf: Added to a cell format index (``s``, ``style``).
        dxf: Added to a differential format index (``dxfId``).
    """

    def __init__(self, xf: int, dxf: int) -> None:
        self.xf = xf
        self.dxf = dxf


def _section(root: Element, tag: str, before: Collection[str] = ()) -> Element:
    """``root``'s ``tag`` element, made (in schema order, before ``before``) if absent."""
    found = root.find(_q(tag))
    if found is not None:
        return found
    element = Element(_q(tag))
    index = next(
        (i for i, child in enumerate(root) if child.tag in {_q(t) for t in before}), len(root)
    )
    root.insert(index, element)
    return element


def _append(section: Element, children: list[Element]) -> int:
    """Append ``children`` to ``section``; returns where they start."""
    start = len(section)
    section.extend(children)
    section.set("count", str(len(section)))
    return start


_AFTER_NUMFMTS = ("fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles")
_AFTER_DXFS = ("tableStyles", "colors", "extLst")


def merge_styles(base: bytes, extra: bytes) -> tuple[bytes, Shift]:
    """``base``'s style table with ``extra``'s appended, and how ``extra``'s indices move.

    Fonts, fills, borders and cell formats are appended as they are (a duplicate costs
    nothing); ``extra``'s custom number formats get ids after ``base``'s (or ``base``'s id
    of the same code); ``extra``'s cell styles are ``base``'s of the same name (Normal) or
    appended.
    """
    root, more = fromstring(base), fromstring(extra)
    numfmts = _section(root, "numFmts", _AFTER_NUMFMTS)
    codes = {f.get("formatCode"): int(f.get("numFmtId", "0")) for f in numfmts}
    free = max([FIRST_CUSTOM_FORMAT - 1, *codes.values()]) + 1
    formats: dict[str, str] = {}
    for f in more.iterfind(f"{_q('numFmts')}/{_q('numFmt')}"):
        code, old = f.get("formatCode"), f.get("numFmtId", "0")
        if code not in codes:
            codes[code] = free
            _append(numfmts, [Element(_q("numFmt"), numFmtId=str(free), formatCode=code or "")])
            free += 1
        formats[old] = str(codes[code])
    if not len(numfmts):
        root.remove(numfmts)

    offsets = {}
    for tag, child in (("fonts", "font"), ("fills", "fill"), ("borders", "border")):
        offsets[child] = _append(_section(root, tag), list(more.iterfind(f"{_q(tag)}/{_q(child)}")))

    def moved(xf: Element) -> Element:
        for attribute, kind in (("fontId", "font"), ("fillId", "fill"), ("borderId", "border")):
            if attribute in xf.attrib:
                xf.set(attribute, str(int(xf.attrib[attribute]) + offsets[kind]))
        if xf.get("numFmtId") in formats:
            xf.set("numFmtId", formats[xf.attrib["numFmtId"]])
        return xf

    base_styles = {s.get("name"): s.get("xfId") for s in root.iterfind(f".//{_q('cellStyle')}")}
    style_xfs = _section(root, "cellStyleXfs")
    cell_styles = _section(root, "cellStyles", ("dxfs", *_AFTER_DXFS))
    more_style_xfs = list(more.iterfind(f"{_q('cellStyleXfs')}/{_q('xf')}"))
    style_ids: dict[str, str] = {}
    for style in more.iterfind(f"{_q('cellStyles')}/{_q('cellStyle')}"):
        old = style.get("xfId", "0")
        name = style.get("name")
        if name in base_styles:
            style_ids[old] = str(base_styles[name])
            continue
        style_ids[old] = str(_append(style_xfs, [moved(more_style_xfs[int(old)])]))
        style.set("xfId", style_ids[old])
        _append(cell_styles, [style])
    cell_xfs = list(more.iterfind(f"{_q('cellXfs')}/{_q('xf')}"))
    for xf in cell_xfs:
        moved(xf).set("xfId", style_ids.get(xf.get("xfId", "0"), "0"))
    xf_shift = _append(_section(root, "cellXfs", ("cellStyles", "dxfs", *_AFTER_DXFS)), cell_xfs)

    dxfs = list(more.iterfind(f"{_q('dxfs')}/{_q('dxf')}"))
    for dxf in dxfs:
        for f in dxf.iter(_q("numFmt")):
            if f.get("numFmtId") in formats:
                f.set("numFmtId", formats[f.attrib["numFmtId"]])
    dxf_shift = _append(_section(root, "dxfs", _AFTER_DXFS), dxfs)
    return _DECLARATION + tostring(root), Shift(xf_shift, dxf_shift)


_SST_HEAD = re.compile(rb"<sst\b[^>]*?(/?)>")
_COUNTS = re.compile(rb'\s(?:count|uniqueCount)="\d+"')


def merge_strings(base: bytes, extra: bytes) -> tuple[bytes, int]:
    """``base``'s shared strings with ``extra``'s appended, and how ``extra``'s move.

    ``base`` (XlsxWriter's, as large as the big tables' text) is edited as bytes;
    ``extra`` (openpyxl's, the small sheets' text) is parsed.
    """
    items = fromstring(extra).findall(_q("si"))
    head = _SST_HEAD.search(base)
    if head is None:
        raise ValueError("sharedStrings.xml without <sst>")
    body_end = len(base) if head[1] else base.rindex(b"</sst>")
    count = base.count(b"<si>", head.end(), body_end) if not head[1] else 0
    added = b"".join(_bare(tostring(item)) for item in items)
    total = count + len(items)
    start = _COUNTS.sub(b"", head[0].removesuffix(b"/>").removesuffix(b">"))
    start += f' count="{total}" uniqueCount="{total}">'.encode()
    body = base[head.end() : body_end]
    return base[: head.start()] + start + body + added + b"</sst>", count


def _bare(element: bytes) -> bytes:
    """A child element without the default namespace declaration its parent makes."""
    return element.replace(f' xmlns="{MAIN}"'.encode(), b"", 1)


_CELL_STYLE = re.compile(rb'(<(?:c|row)\b[^>]*?\ss=")(\d+)(")')
_COL_STYLE = re.compile(rb'(<col\b[^>]*?\sstyle=")(\d+)(")')
_SHARED = re.compile(rb'(<c\b[^>]*?\st="s"[^>]*>\s*<v>)(\d+)(</v>)')
_DXF = re.compile(rb'(\sdxfId=")(\d+)(")')


def _adder(offset: int) -> Callable[[re.Match[bytes]], bytes]:
    def add(match: re.Match[bytes]) -> bytes:
        return match[1] + str(int(match[2]) + offset).encode() + match[3]

    return add


def shift_indices(part: bytes, shift: Shift, strings: int) -> bytes:
    """An openpyxl sheet (or PivotTable) part with its style, string and differential
    format indices moved to where :func:`merge_styles` and :func:`merge_strings` put
    them."""
    for pattern, offset in (
        (_CELL_STYLE, shift.xf),
        (_COL_STYLE, shift.xf),
        (_SHARED, strings),
        (_DXF, shift.dxf),
    ):
        if offset:
            part = pattern.sub(_adder(offset), part)
    return part
