"""Build the Excel add-in ``skp_xl.xlam`` (or its ``.xlsm`` test vehicle) from its sources.

The sources are ``skp_xl/addin/macros/`` (the ribbon and our VBA modules) and the
installed xlwings' own ``xlwings.bas``, whose ``Declare`` lines name the xlwings DLL of
that exact version, with the ``Dictionary`` class it declares on macOS; both are read at
build time, never copied into this repository. openpyxl
writes a small workbook, then the package is finished by zip: the VBA project and the
ribbon (customUI14) go in as parts, since openpyxl drops a ribbon relationship and refuses
``.xlam`` files.
"""

from __future__ import annotations

import importlib.resources
import importlib.util
import io
import re
import zipfile
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

import openpyxl
from defusedxml import ElementTree
from openpyxl.styles import Font
from openpyxl.workbook.defined_name import DefinedName

from skp_xl import __version__
from skp_xl.addin.vba.project import (
    Module,
    ModuleKind,
    Project,
    VbaProjectError,
    build_vba_project,
    parse_module,
)
from skp_xl.errors import AddinError
from skp_xl.fileio import atomic_output

AddinKind = Literal["xlam", "xlsm"]
"""``xlam``: the add-in itself. ``xlsm``: the same project in a workbook that openpyxl and
LibreOffice open, to test what they can."""

ADDIN_FILENAME = "skp_xl.xlam"
PROJECT_NAME = "SkpXl"
WORKBOOK_MODULE = "ThisWorkbook"
SHEET_MODULE = "Sheet1"
SHEET_TITLE = "SKP-XL"
XLWINGS_VERSION_NAME = "SKP_ADDIN_XLWINGS_VERSION"
UDF_WRAPPERS_MODULE = "SkpFungsi"
"""The standard module of the worksheet functions' wrappers (see :mod:`.wrappers`): in the
add-in itself, so no "UDF Modules" setting and no Import Functions are needed."""
"""Defined name holding the version of xlwings whose ``xlwings.bas`` the add-in carries."""
SKP_XL_VERSION_NAME = "SKP_ADDIN_VERSION"
"""Defined name holding the version of skp-xl that built the add-in."""

MAIN_CONTENT_TYPES: dict[AddinKind, str] = {
    "xlam": "application/vnd.ms-excel.addin.macroEnabled.main+xml",
    "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
}
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"
VBA_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
RIBBON_RELATIONSHIP = "http://schemas.microsoft.com/office/2007/relationships/ui/extensibility"
"""Relationship of a customUI14 part (Office 2010 and later)."""
RIBBON_2006_RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/ui/extensibility"
"""Relationship of an Office 2007 customUI part, removed when the ribbon is replaced."""
RIBBON_NAMESPACE = "http://schemas.microsoft.com/office/2009/07/customui"
RIBBON_PART = "customUI/customUI14.xml"
VBA_PART = "xl/vbaProject.bin"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class BuildInfo:
    """What an add-in was built from.

    Attributes:
        path: The add-in file.
        kind: ``xlam`` or ``xlsm``.
        skp_xl_version: Version of skp-xl that built it.
        xlwings_version: Version of xlwings whose ``xlwings.bas`` it carries; the add-in
            needs the xlwings DLL of exactly this version.
        modules: Names of its VBA modules (empty when read back from a file).
    """

    path: Path
    kind: AddinKind
    skp_xl_version: str
    xlwings_version: str
    modules: tuple[str, ...] = ()


def kind_of(path: Path) -> AddinKind:
    """``xlam`` or ``xlsm`` from the file name.

    Raises:
        AddinError: Any other extension.
    """
    suffix = path.suffix.lower()
    if suffix == ".xlam":
        return "xlam"
    if suffix == ".xlsm":
        return "xlsm"
    raise AddinError(f"Berkas add-in '{path}' harus berakhiran .xlam (atau .xlsm untuk uji).")


def xlwings_version() -> str:
    """The installed xlwings' version.

    Raises:
        AddinError: xlwings is not installed.
    """
    try:
        return version("xlwings")
    except PackageNotFoundError:
        raise AddinError("xlwings tidak terpasang; pasang dengan: pip install xlwings") from None


def _xlwings_file(relative: str) -> Path:
    """Path of a file of the installed xlwings package, found without importing xlwings.

    Raises:
        AddinError: xlwings is not installed or lacks the file.
    """
    spec = importlib.util.find_spec("xlwings")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    for folder in folders:
        path = Path(folder) / relative
        if path.is_file():
            return path
    raise AddinError(
        f"{relative} tidak ditemukan dalam paket xlwings; pasang ulang xlwings "
        "(pip install --force-reinstall xlwings)."
    )


def xlwings_module_path() -> Path:
    """Path of the installed xlwings' ``xlwings.bas``, found without importing xlwings.

    Raises:
        AddinError: xlwings is not installed or has no ``xlwings.bas``.
    """
    return _xlwings_file("xlwings.bas")


def xlwings_dictionary_path() -> Path:
    """Path of the installed xlwings' ``addin/Dictionary.cls``.

    ``xlwings.bas`` declares ``Dim d As Dictionary`` under ``#If Mac``, so on macOS the
    project compiles only with this class (Tim Hall's VBA-Dictionary, MIT, its notice in
    the file). xlwings' own add-in holds it, and ``xlwings release`` imports it with
    ``xlwings.bas``.

    Raises:
        AddinError: xlwings is not installed or has no ``addin/Dictionary.cls``.
    """
    return _xlwings_file("addin/Dictionary.cls")


def macro_files() -> list[tuple[str, str]]:
    """Our VBA module files (``.bas``/``.cls`` in ``skp_xl/addin/macros``), by name."""
    folder = importlib.resources.files("skp_xl.addin").joinpath("macros")
    files = [
        (entry.name, entry.read_bytes().decode("ascii"))
        for entry in folder.iterdir()
        if entry.name.lower().endswith((".bas", ".cls"))
    ]
    return sorted(files)


def ribbon_xml() -> bytes:
    """The ribbon (``macros/ribbon.xml``), a customUI document of the 2009/07 namespace."""
    return importlib.resources.files("skp_xl.addin").joinpath("macros", "ribbon.xml").read_bytes()


def addin_project() -> Project:
    """The VBA project of the add-in: our modules, the worksheet functions' wrappers and
    their wizard help (``SkpBantuan``), the installed ``xlwings.bas`` and its
    ``Dictionary`` class.

    Document modules come first (``ThisWorkbook``, then the sheet), as Excel lists them.

    Raises:
        AddinError: A module source that cannot go into a VBA project, or xlwings lacks
            one of its files.
    """
    # Imported here: the UDF module imports xlwings, which the rest of the build avoids.
    from skp_xl.addin import udf
    from skp_xl.addin.wrappers import HELP_MODULE, help_module, wrapper_module

    xlwings_files = [xlwings_module_path(), xlwings_dictionary_path()]
    files = [
        *macro_files(),
        (f"{UDF_WRAPPERS_MODULE}.bas", wrapper_module(udf, vb_name=UDF_WRAPPERS_MODULE)),
        (f"{HELP_MODULE}.bas", help_module(udf)),
        *((path.name, path.read_bytes().decode("cp1252")) for path in xlwings_files),
    ]
    try:
        modules = [parse_module(name, text) for name, text in files]
        order = {WORKBOOK_MODULE: 0, SHEET_MODULE: 1}

        def position(module: Module) -> tuple[int, int]:
            kind = 0 if module.kind is ModuleKind.DOCUMENT else 1
            return kind, order.get(module.name, 2)

        modules.sort(key=position)  # stable: files stay in name order otherwise
        return Project(PROJECT_NAME, tuple(modules))
    except VbaProjectError as error:
        raise AddinError(f"Sumber makro add-in tidak sah: {error}") from None


def _workbook(skp_xl_version: str, xlwings: str) -> bytes:
    """The workbook part of the package, written by openpyxl (no VBA, no ribbon yet)."""
    wb = openpyxl.Workbook()
    wb.code_name = WORKBOOK_MODULE
    ws = wb.active
    assert ws is not None
    ws.title = SHEET_TITLE
    ws.sheet_properties.codeName = SHEET_MODULE
    ws["A1"] = "Add-in SKP-XL"
    ws["A1"].font = Font(bold=True, size=14)
    rows = [
        ("Versi skp-xl", skp_xl_version),
        ("Versi xlwings", xlwings),
        ("Dibangun oleh", "skp-xl addin build"),
    ]
    for row, (label, value) in enumerate(rows, start=3):
        ws.cell(row, 1, label)
        ws.cell(row, 2, value)
    ws["A7"] = (
        "Berkas ini dibangun dari sumbernya; jangan disunting di sini. "
        "Bangun ulang dengan: skp-xl addin build"
    )
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 24
    for name, value in ((SKP_XL_VERSION_NAME, skp_xl_version), (XLWINGS_VERSION_NAME, xlwings)):
        wb.defined_names[name] = DefinedName(name, attr_text=f'"{value}"')
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _insert_before(xml: str, closing: str, addition: str, part: str) -> str:
    if closing not in xml:
        raise AddinError(f"Bagian {part} tidak berisi {closing}; paket tidak dapat dilengkapi.")
    head, tail = xml.rsplit(closing, 1)
    return head + addition + closing + tail


def _relationship(rel_id: str, rel_type: str, target: str) -> str:
    return f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/>'


def replace_ribbon(parts: dict[str, bytes], ribbon: bytes) -> None:
    """Put ``ribbon`` in a package as its only customUI part, in place.

    Any existing customUI part (Office 2007 or 2010 relationship), with its own
    relationships, its content-type override and the package relationship to it, is
    removed first, so a workbook saved by Excel from a template keeps one ribbon.

    Args:
        parts: The package's parts by name, as read from the zip; changed in place.
        ribbon: A customUI14 document.
    """
    root = ElementTree.fromstring(parts["_rels/.rels"])
    kept: list[str] = []
    for rel in root.findall(f"{{{_RELS_NS}}}Relationship"):
        target = rel.get("Target", "").lstrip("/")
        if rel.get("Type") in {RIBBON_RELATIONSHIP, RIBBON_2006_RELATIONSHIP}:
            folder, _, name = target.rpartition("/")
            parts.pop(target, None)
            parts.pop(f"{folder}/_rels/{name}.rels".lstrip("/"), None)
            override = rf'<Override PartName="/{re.escape(target)}"[^>]*/>'
            types = parts["[Content_Types].xml"].decode("utf-8")
            parts["[Content_Types].xml"] = re.sub(override, "", types).encode("utf-8")
            continue
        kept.append(_relationship(rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", "")))
    kept.append(_relationship("rIdSkpRibbon", RIBBON_RELATIONSHIP, RIBBON_PART))
    parts["_rels/.rels"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{_RELS_NS}">{"".join(kept)}</Relationships>'
    ).encode()
    parts[RIBBON_PART] = ribbon


def package_addin(workbook: bytes, vba_project: bytes, ribbon: bytes, kind: AddinKind) -> bytes:
    """Turn an openpyxl ``.xlsx`` package into a macro-enabled add-in or workbook.

    Adds ``xl/vbaProject.bin`` (content type and relationship from the workbook part),
    sets the workbook's content type for ``kind``, and adds the ribbon.

    Raises:
        AddinError: The package lacks a part or anchor openpyxl always writes.
    """
    with zipfile.ZipFile(io.BytesIO(workbook)) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    types = parts["[Content_Types].xml"].decode("utf-8")
    if XLSX_MAIN not in types:
        raise AddinError("Bagian [Content_Types].xml tidak menyebut buku kerja .xlsx.")
    types = types.replace(XLSX_MAIN, MAIN_CONTENT_TYPES[kind])
    override = f'<Override PartName="/{VBA_PART}" ContentType="{VBA_CONTENT_TYPE}"/>'
    parts["[Content_Types].xml"] = _insert_before(
        types, "</Types>", override, "[Content_Types].xml"
    ).encode("utf-8")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = parts[rels_name].decode("utf-8")
    rel = _relationship("rIdVbaProject", VBA_RELATIONSHIP, "vbaProject.bin")
    parts[rels_name] = _insert_before(rels, "</Relationships>", rel, rels_name).encode("utf-8")
    parts[VBA_PART] = vba_project
    replace_ribbon(parts, ribbon)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        # [Content_Types].xml first, as Office writes it.
        for name in sorted(parts, key=lambda n: n != "[Content_Types].xml"):
            zf.writestr(name, parts[name])
    return out.getvalue()


def build_addin(out: Path, *, kind: AddinKind = "xlam", force: bool = False) -> BuildInfo:
    """Build the add-in (or its ``.xlsm`` test vehicle) into ``out``, atomically.

    Args:
        out: The file to write; its extension must match ``kind``.
        kind: ``xlam`` for Excel, ``xlsm`` for a workbook openpyxl and LibreOffice open.
        force: Replace ``out`` when it exists.

    Returns:
        What was built.

    Raises:
        AddinError: A wrong extension, xlwings missing, or a bad macro source.
        skp_xl.fileio.OutputExistsError: ``out`` exists and ``force`` is false.
    """
    out = Path(out)
    if kind_of(out) != kind:
        raise AddinError(f"Berkas '{out}' harus berakhiran .{kind} untuk jenis {kind}.")
    xlwings = xlwings_version()
    project = addin_project()
    try:
        vba_project = build_vba_project(project)
    except VbaProjectError as error:
        raise AddinError(f"Proyek VBA tidak dapat dibuat: {error}") from None
    package = package_addin(_workbook(__version__, xlwings), vba_project, ribbon_xml(), kind)
    with atomic_output(out, force=force) as tmp:
        tmp.write_bytes(package)
    return BuildInfo(out, kind, __version__, xlwings, tuple(m.name for m in project.modules))


_DEFINED_NAME = re.compile(r'^"(.*)"$')


def read_build_info(path: Path) -> BuildInfo | None:
    """What an existing add-in was built from, or ``None`` if it is not one of ours.

    Reads the defined names straight from the package (openpyxl refuses ``.xlam``).
    """
    try:
        with zipfile.ZipFile(path) as zf:
            root = ElementTree.fromstring(zf.read("xl/workbook.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, ElementTree.ParseError):
        return None
    names: dict[str, str] = {}
    for element in root.iter():
        if element.tag.endswith("}definedName") and element.text:
            found = _DEFINED_NAME.match(element.text.strip())
            if found:
                names[element.get("name", "")] = found.group(1)
    if XLWINGS_VERSION_NAME not in names or SKP_XL_VERSION_NAME not in names:
        return None
    try:
        kind = kind_of(path)
    except AddinError:
        return None
    return BuildInfo(path, kind, names[SKP_XL_VERSION_NAME], names[XLWINGS_VERSION_NAME])
