"""Write filled SKP workbooks: through openpyxl (the reference) or by patching a saved template.

:func:`render_workbook` builds a pegawai's workbook with
:func:`~skp_xl.workbook.writer.build_workbook` and types every input with
:mod:`skp_xl.workbook.fill`, as a user would. That takes about 0.3 s a workbook, too slow
for 10,000. :class:`TemplateWriter` saves the same blank workbook once and, per pegawai,
writes the typed values straight into the cells of the sheet XML (inline strings and
numbers, the template's own cell styles kept), then zips the parts with fixed timestamps:
the same values, about ten times faster, and the same bytes for the same input.
:class:`PatchWriter` is that machinery for any saved workbook: ``skp-xl roster`` patches
the identity cells of an SKP template and the staff rows of a Matriks with it.
"""

from __future__ import annotations

import io
import posixpath
import re
import struct
import zipfile
from collections import defaultdict
from collections.abc import Mapping
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from openpyxl.workbook.workbook import Workbook

from skp_xl.arsip import deflate_zlib_ng
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, SiklusEvaluasi
from skp_xl.samples.layout import Layout, Value, identitas
from skp_xl.samples.plan import Isian
from skp_xl.workbook.fill import Cell, put
from skp_xl.workbook.writer import Options, build_workbook

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)
_STYLE = re.compile(r'\ss="([0-9]+)"')
_DATES = re.compile(r"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def render_workbook(isian: Isian) -> Workbook:
    """The workbook of one :class:`~skp_xl.samples.plan.Isian`, built and filled with openpyxl.

    Args:
        isian: The workbook's content.

    Returns:
        The filled workbook, ready to save.
    """
    rencana = isian.rencana
    typed = {k: v for k, v in identitas(isian).items() if not isinstance(v, float)}
    siklus = isian.berkas.siklus
    wb = build_workbook(Options(rencana.jenis, rencana.pendekatan, typed, siklus=siklus))
    layout = Layout.of(wb, rencana.jenis, rencana.pendekatan, siklus)
    for cell, value in layout.cells(isian).items():
        put(wb, cell, value)
    return wb


def _cell_xml(coordinate: str, attributes: str, value: Value) -> str:
    style = _STYLE.search(attributes)
    s = f' s="{style.group(1)}"' if style else ""
    if isinstance(value, str):
        text = escape(value)
        return (
            f'<c r="{coordinate}"{s} t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
        )
    return f'<c r="{coordinate}"{s}><v>{value!r}</v></c>'


def patch_sheet(xml: str, values: Mapping[str, Value]) -> str:
    """The sheet XML with the value of each cell in ``values`` (by A1 coordinate) replaced.

    Raises:
        KeyError: A cell is not in the sheet; the template's input cells all are.
    """
    pending = dict(values)

    def replace(match: re.Match[str]) -> str:
        coordinate = match.group(1)
        if coordinate not in pending:
            return match.group(0)
        return _cell_xml(coordinate, match.group(2), pending.pop(coordinate))

    patched = _CELL.sub(replace, xml)
    if pending:
        raise KeyError(f"cells not in the template sheet: {sorted(pending)}")
    return patched


class PatchWriter:
    """Writes copies of one saved workbook with cells patched in its sheet XML.

    The workbook is saved once; each member of its zip is compressed once. A copy
    compresses again only the sheets it changes and copies every other member's bytes,
    so it costs a few milliseconds where openpyxl's save costs a third of a second. The
    bytes are those :mod:`zipfile` writes (deflate, by zlib-ng; the same headers, fixed
    timestamps): the same input gives the same file.

    Args:
        wb: The workbook to copy (built by the writer: its input cells exist in the XML).
        timestamp: The date and time (``YYYY-MM-DDTHH:MM:SSZ``) stored as the workbook's
            created and modified dates, so that output depends on input only.
    """

    def __init__(self, wb: Workbook, *, timestamp: str) -> None:
        buffer = io.BytesIO()
        wb.save(buffer)
        with zipfile.ZipFile(buffer) as archive:
            self.parts = {info.filename: archive.read(info) for info in archive.infolist()}
        core = self.parts["docProps/core.xml"].decode()
        self.parts["docProps/core.xml"] = _DATES.sub(rf"\g<1>{timestamp}\g<2>", core).encode()
        self.date_time = (
            int(timestamp[:4]),
            int(timestamp[5:7]),
            int(timestamp[8:10]),
            0,
            0,
            0,
        )
        self.sheets = _sheet_parts(self.parts)
        self._members = {name: self._member(name, content) for name, content in self.parts.items()}

    def _member(self, name: str, content: bytes) -> tuple[bytes, bytes]:
        """One member as zipfile writes it: (local header + data, central directory entry)."""
        buffer = io.BytesIO()
        # Deflated by zlib-ng: 300 sample SKP, every sheet filled, in 7.9-9.0 s against
        # 9.8-11.1 s with the standard zlib; a roster's copy (its Identitas sheet alone)
        # costs about 0.14 ms either way (benchmarks/README.md, "Wave 15").
        with deflate_zlib_ng(), zipfile.ZipFile(buffer, "w") as archive:
            info = zipfile.ZipInfo(name, self.date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
            start = archive.start_dir
        raw = buffer.getvalue()
        (size,) = struct.unpack_from("<I", raw, len(raw) - 22 + 12)
        return raw[:start], raw[start : start + size]

    def content(self, values: Mapping[Cell, Value]) -> bytes:
        """The bytes of the workbook with each ``(sheet, A1)`` cell of ``values`` set.

        Raises:
            KeyError: A sheet or cell is not in the workbook.
        """
        by_sheet: dict[str, dict[str, Value]] = defaultdict(dict)
        for (sheet, coordinate), value in values.items():
            by_sheet[sheet][coordinate] = value
        changed = {
            self.sheets[sheet]: patch_sheet(self.parts[self.sheets[sheet]].decode(), cells).encode()
            for sheet, cells in by_sheet.items()
        }
        local: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for name in self.parts:
            data, entry = (
                self._member(name, changed[name]) if name in changed else self._members[name]
            )
            local.append(data)
            # The entry's relative offset of the local header (bytes 42-45).
            central.append(entry[:42] + struct.pack("<I", offset) + entry[46:])
            offset += len(data)
        directory = b"".join(central)
        end = struct.pack(
            "<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0
        )
        return b"".join(local) + directory + end

    def write_cells(self, values: Mapping[Cell, Value], path: Path) -> None:
        """Write the workbook with ``values`` set to ``path`` (its folder must exist)."""
        path.write_bytes(self.content(values))


class TemplateWriter(PatchWriter):
    """Fills one saved SKP template per pegawai, by patching its sheets.

    Args:
        jenis: Jenis jabatan of the template.
        pendekatan: Its pendekatan.
        siklus: Its evaluation cycle.
        timestamp: The date and time (``YYYY-MM-DDTHH:MM:SSZ``) stored as the workbook's
            created and modified dates, so that output depends on input only.
        password: Sheet protection password; None protects without one.
    """

    def __init__(
        self,
        jenis: JenisJabatan,
        pendekatan: Pendekatan,
        *,
        timestamp: str,
        siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
        password: str | None = None,
    ) -> None:
        wb = build_workbook(Options(jenis, pendekatan, password=password, siklus=siklus))
        self.layout = Layout.of(wb, jenis, pendekatan, siklus)
        super().__init__(wb, timestamp=timestamp)

    def write(self, isian: Isian, path: Path) -> None:
        """Write the workbook of ``isian`` to ``path`` (its folder must exist)."""
        self.write_cells(self.layout.cells(isian), path)

    def write_named(self, values: Mapping[str, Value], path: Path) -> None:
        """Write the workbook with each defined name's cell of ``values`` set (identity)."""
        self.write_cells({self.layout.names[name]: v for name, v in values.items()}, path)


def _sheet_parts(parts: Mapping[str, bytes]) -> dict[str, str]:
    """Sheet title -> the zip member holding it, from the workbook part and its relations."""
    workbook = ElementTree.fromstring(parts["xl/workbook.xml"])
    relations = ElementTree.fromstring(parts["xl/_rels/workbook.xml.rels"])
    targets = {
        r.get("Id"): r.get("Target", "") for r in relations.iter(f"{{{_PKG_REL}}}Relationship")
    }
    result = {}
    for sheet in workbook.iter(f"{{{_MAIN}}}sheet"):
        target = targets[sheet.get(f"{{{_REL}}}id")]
        member = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        result[sheet.get("name", "")] = posixpath.normpath(member)
    return result
