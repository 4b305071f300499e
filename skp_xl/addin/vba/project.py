"""A VBA project storage (``vbaProject.bin``) built from module sources ([MS-OVBA] 2.2-2.3).

The project holds source only: each module stream is its compressed text at offset 0 with
no p-code, and ``_VBA_PROJECT`` is the seven-byte version-independent header with version
0xFFFF, which tells Office to ignore any performance cache and compile the source on
load. Office writes such a project back with its own p-code the first time it saves it.
"""

from __future__ import annotations

import enum
import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

from skp_xl.addin.vba.cfb import write_compound_file
from skp_xl.addin.vba.ovba import compress, encrypt

CODE_PAGE = 1252
"""Code page of the project's text (PROJECTCODEPAGE); Western European, as Excel's."""
ENCODING = "cp1252"
LCID = 0x0409
"""PROJECTLCID and PROJECTLCIDINVOKE: MUST be 0x409."""
SYS_KIND_WIN64 = 3
"""PROJECTSYSKIND: 64-bit Windows, as Excel 365 writes (the source is compiled anyway)."""
HOST_EXTENDER = "&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000"
"""The one host extender of every Office VBA project (2.3.1.18)."""
VBA_PROJECT_STREAM = b"\xcc\x61\xff\xff\x00\x01\x00"
"""``_VBA_PROJECT`` as written by a new project (3.1.1): 0x61CC, version 0xFFFF, no cache."""
WORKBOOK_BASE = "0{00020819-0000-0000-C000-000000000046}"
"""``VB_Base`` of an Excel workbook's document module (``ThisWorkbook``)."""
WORKSHEET_BASE = "0{00020820-0000-0000-C000-000000000046}"
"""``VB_Base`` of an Excel worksheet's document module (``Sheet1``...)."""
CLASS_BASE = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"
"""``VB_Base`` of a plain class module, as the VBA editor stores it on import (xlwings'
own ``xlwings.xlam``, saved by Excel, holds its ``Dictionary`` class so)."""

_CRLF = "\r\n"
_NEWLINE = re.compile(r"\r\n|\r|\n")
_VB_NAME = re.compile(r'^Attribute VB_Name = "([^"]+)"\r?$', re.MULTILINE)
_VB_BASE = re.compile(r'^Attribute VB_Base = "([^"]+)"\r?$', re.MULTILINE)
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_CLASS_HEADER = re.compile(r"\AVERSION 1\.0 CLASS\r\nBEGIN\r\n(?:.*\r\n)*?END\r\n")
_VB_EXPOSED = re.compile(r"^Attribute VB_Exposed = .*\r\n", re.MULTILINE)


class VbaProjectError(ValueError):
    """Module sources or project settings that cannot make a valid VBA project."""


class ModuleKind(enum.Enum):
    """What a module is; document and class modules share MODULETYPE 0x0022."""

    STANDARD = "standard"
    DOCUMENT = "document"
    CLASS = "class"


@dataclass(frozen=True)
class Module:
    """One VBA module as stored in the project.

    Attributes:
        name: The module name (``Attribute VB_Name``), also its stream name.
        kind: Standard, document or class module.
        source: The stored text: the ``Attribute`` lines first, CRLF line endings, as
            VBA keeps it and as ``olevba`` extracts it.
    """

    name: str
    kind: ModuleKind
    source: str


@dataclass(frozen=True)
class Reference:
    """A registered type library the project references (REFERENCEREGISTERED).

    Attributes:
        name: The name VBA shows and code may qualify with, e.g. ``Office``.
        libid: ``*\\G{GUID}#major.minor#lcid#path#description`` (2.1.1.8). VBA finds the
            library by GUID and version; the path is a hint.
    """

    name: str
    libid: str


STDOLE = Reference(
    "stdole",
    r"*\G{00020430-0000-0000-C000-000000000046}#2.0#0#C:\Windows\System32\stdole2.tlb"
    r"#OLE Automation",
)
"""OLE Automation, referenced by every Office VBA project."""
OFFICE = Reference(
    "Office",
    r"*\G{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#0#C:\Program Files\Common Files"
    r"\Microsoft Shared\OFFICE16\MSO.DLL#Microsoft Office 16.0 Object Library",
)
"""The Office library, which defines ``IRibbonControl``. Version 2.0 binds to any 2.x."""


def normalize_newlines(text: str) -> str:
    """Text with every line ending made CRLF, as VBA stores and exports modules."""
    return _NEWLINE.sub(_CRLF, text)


def parse_module(filename: str, text: str) -> Module:
    """A module from a file as the VBA editor exports it (``.bas`` or ``.cls``).

    The ``VERSION 1.0 CLASS ... END`` header of an exported ``.cls`` is dropped, as the
    editor does on import; the rest is kept exactly (line endings made CRLF), except that
    an exported plain class gets the three attributes the editor adds on import (see
    ``_class_attributes``). A ``.cls`` whose ``VB_Base`` is an Excel workbook or
    worksheet is a document module.

    Raises:
        VbaProjectError: No ``Attribute VB_Name`` line, a name VBA refuses, or an
            extension other than ``.bas``/``.cls``.
    """
    text = normalize_newlines(text)
    suffix = filename.rsplit(".", 1)[-1].lower()
    if suffix not in {"bas", "cls"}:
        raise VbaProjectError(f"{filename}: a module file must end in .bas or .cls")
    exported_class = suffix == "cls" and _CLASS_HEADER.match(text) is not None
    if exported_class:
        text = _CLASS_HEADER.sub("", text, count=1)
    found = _VB_NAME.match(text)
    if found is None:
        raise VbaProjectError(f'{filename}: the first line must be Attribute VB_Name = "..."')
    name = found.group(1)
    if not _IDENTIFIER.fullmatch(name):
        raise VbaProjectError(f"{filename}: {name!r} is not a VBA module name")
    if suffix == "bas":
        return Module(name, ModuleKind.STANDARD, text)
    base = _VB_BASE.search(text)
    if base is not None and base.group(1) in {WORKBOOK_BASE, WORKSHEET_BASE}:
        return Module(name, ModuleKind.DOCUMENT, text)
    if exported_class and base is None:
        text = _class_attributes(text)
    return Module(name, ModuleKind.CLASS, text)


def _class_attributes(text: str) -> str:
    """An exported plain class with the attributes the VBA editor adds on import.

    The editor exports a class without ``VB_Base``, ``VB_TemplateDerived`` and
    ``VB_Customizable`` and stores them again on import: ``VB_Base`` after ``VB_Name``,
    the other two after ``VB_Exposed``. The project holds what Excel would hold, since
    no editor runs here and Excel compiles the stored text as it finds it.
    """
    line_end = text.find(_CRLF)  # the first line is VB_Name
    if line_end < 0:
        text, line_end = text + _CRLF, len(text)
    name_end = line_end + len(_CRLF)
    text = f'{text[:name_end]}Attribute VB_Base = "{CLASS_BASE}"\r\n{text[name_end:]}'
    exposed = _VB_EXPOSED.search(text)
    if exposed is None:
        return text
    added = "Attribute VB_TemplateDerived = False\r\nAttribute VB_Customizable = False\r\n"
    return text[: exposed.end()] + added + text[exposed.end() :]


@dataclass(frozen=True)
class Project:
    """A VBA project to build.

    Attributes:
        name: The project name (``VBAProject`` by default in Excel).
        modules: The modules, in the order the editor lists them.
        references: Type libraries beyond VBA itself and the host (Excel), which every
            project has without a record.
        project_id: The ``ID`` GUID of the PROJECT stream, in braces.
    """

    name: str
    modules: tuple[Module, ...]
    references: tuple[Reference, ...] = (STDOLE, OFFICE)
    project_id: str = "{5D1A0C6B-0F57-4B53-8A2E-534B50584C31}"

    def __post_init__(self) -> None:
        if not _IDENTIFIER.fullmatch(self.name):
            raise VbaProjectError(f"{self.name!r} is not a VBA project name")
        if not re.fullmatch(r"\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", self.project_id):
            raise VbaProjectError(f"{self.project_id!r} is not an upper-case GUID in braces")
        names = [m.name.lower() for m in self.modules]
        if len(set(names)) != len(names):
            raise VbaProjectError("two modules have the same name (VBA ignores case)")
        if self.name.lower() in names:
            raise VbaProjectError(f"a module may not be named like the project, {self.name}")


def _encode(text: str, what: str) -> bytes:
    try:
        return text.encode(ENCODING)
    except UnicodeEncodeError as error:
        raise VbaProjectError(
            f"{what}: {text[error.start : error.end]!r} is not in code page {CODE_PAGE}"
        ) from None


def _record(record_id: int, data: bytes) -> bytes:
    return struct.pack("<HL", record_id, len(data)) + data


def _text_record(record_id: int, unicode_id: int, text: str, what: str) -> bytes:
    """A record with an MBCS string followed by its UTF-16 twin (e.g. PROJECTDOCSTRING)."""
    return _record(record_id, _encode(text, what)) + _record(unicode_id, text.encode("utf-16-le"))


def dir_stream(project: Project) -> bytes:
    """The decompressed ``dir`` stream (2.3.4.2): project, references and modules."""
    out = bytearray()
    out += _record(0x0001, struct.pack("<L", SYS_KIND_WIN64))
    out += _record(0x0002, struct.pack("<L", LCID))
    out += _record(0x0014, struct.pack("<L", LCID))
    out += _record(0x0003, struct.pack("<H", CODE_PAGE))
    out += _record(0x0004, _encode(project.name, "project name"))
    out += _text_record(0x0005, 0x0040, "", "docstring")
    out += _text_record(0x0006, 0x003D, "", "help file")
    out += _record(0x0007, struct.pack("<L", 0))  # PROJECTHELPCONTEXT
    out += _record(0x0008, struct.pack("<L", 0))  # PROJECTLIBFLAGS
    # PROJECTVERSION: Reserved (always 4), then VersionMajor (4 bytes), VersionMinor (2).
    out += struct.pack("<HLLH", 0x0009, 4, 1, 0)
    out += _text_record(0x000C, 0x003C, "", "constants")
    for reference in project.references:
        out += _text_record(0x0016, 0x003E, reference.name, "reference name")
        libid = _encode(reference.libid, f"reference {reference.name}")
        out += _record(0x000D, struct.pack("<L", len(libid)) + libid + bytes(6))
    out += _record(0x000F, struct.pack("<H", len(project.modules)))
    out += _record(0x0013, struct.pack("<H", 0xFFFF))  # PROJECTCOOKIE
    for module in project.modules:
        out += _record(0x0019, _encode(module.name, "module name"))
        out += _record(0x0047, module.name.encode("utf-16-le"))
        out += _text_record(0x001A, 0x0032, module.name, "stream name")
        out += _text_record(0x001C, 0x0048, "", "module docstring")
        out += _record(0x0031, struct.pack("<L", 0))  # MODULEOFFSET: source at byte 0
        out += _record(0x001E, struct.pack("<L", 0))  # MODULEHELPCONTEXT
        out += _record(0x002C, struct.pack("<H", 0xFFFF))  # MODULECOOKIE
        out += _record(0x0021 if module.kind is ModuleKind.STANDARD else 0x0022, b"")
        out += _record(0x002B, b"")  # module terminator
    out += _record(0x0010, b"")  # dir terminator
    return bytes(out)


def _seed(project: Project, field: str) -> int:
    """A seed byte for Data Encryption, fixed per project and field so builds repeat."""
    return hashlib.sha256(f"{project.project_id}:{field}".encode()).digest()[0]


def _protection(project: Project, field: str, data: bytes) -> str:
    seed = _seed(project, field)
    # TempValue may be anything; 0x07 is what the specification's example uses.
    ignored = b"\x07" * ((seed & 6) // 2)
    return encrypt(data, project.project_id, seed=seed, ignored=ignored)


def project_stream(project: Project) -> bytes:
    """The PROJECT stream (2.3.1): modules, name and protection state, as text."""
    lines = [f'ID="{project.project_id}"']
    for module in project.modules:
        if module.kind is ModuleKind.DOCUMENT:
            lines.append(f"Document={module.name}/&H00000000")
        elif module.kind is ModuleKind.CLASS:
            lines.append(f"Class={module.name}")
        else:
            lines.append(f"Module={module.name}")
    # Not protected, no password, visible (2.3.1.15-2.3.1.17).
    protection = {"CMG": bytes(4), "DPB": b"\x00", "GC": b"\xff"}
    lines += [
        f'Name="{project.name}"',
        'HelpContextID="0"',
        'VersionCompatible32="393222000"',
        *(f'{key}="{_protection(project, key, data)}"' for key, data in protection.items()),
        "",
        "[Host Extender Info]",
        HOST_EXTENDER,
        "",
        "[Workspace]",
    ]
    lines += [f"{module.name}=0, 0, 0, 0, C" for module in project.modules]
    return _encode(_CRLF.join(lines) + _CRLF, "PROJECT stream")


def project_wm_stream(project: Project) -> bytes:
    """The PROJECTwm stream (2.3.3): each module name in MBCS and in UTF-16."""
    out = bytearray()
    for module in project.modules:
        out += _encode(module.name, "module name") + b"\0"
        out += module.name.encode("utf-16-le") + b"\0\0"
    return bytes(out + b"\0\0")


def project_streams(project: Project) -> dict[str, bytes]:
    """Every stream of the project storage, by path (``VBA/dir``...)."""
    streams = {
        "PROJECT": project_stream(project),
        "PROJECTwm": project_wm_stream(project),
        "VBA/_VBA_PROJECT": VBA_PROJECT_STREAM,
        "VBA/dir": compress(dir_stream(project)),
    }
    for module in project.modules:
        streams[f"VBA/{module.name}"] = compress(_encode(module.source, module.name))
    return streams


def build_vba_project(project: Project) -> bytes:
    """The bytes of ``vbaProject.bin`` for ``project``.

    Raises:
        VbaProjectError: Text outside code page 1252.
    """
    return write_compound_file(project_streams(project))


def project_from_files(name: str, files: Sequence[tuple[str, str]]) -> Project:
    """A project from exported module files, given as ``(filename, text)`` pairs."""
    return Project(name, tuple(parse_module(filename, text) for filename, text in files))
