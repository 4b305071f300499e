"""Reading an .xlsx package in tests: its parts, parsed XML, and where relationships lead."""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


class Package:
    """The parts of an .xlsx file, read once."""

    def __init__(self, path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def xml(self, name: str) -> Element:
        """The part ``name`` parsed; fails on XML that is not well formed."""
        element: Element = fromstring(self.parts[name])
        return element

    def related(self, part: str, kind: str) -> list[str]:
        """Parts that ``part``'s relationships of type ``.../<kind>`` lead to."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name not in self.parts:
            return []
        targets = []
        for rel in self.xml(rels_name).iter(f"{PKG_REL}Relationship"):
            if rel.get("Type", "").rsplit("/", 1)[-1] != kind:
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                targets.append(target[1:])
            else:
                targets.append(posixpath.normpath(posixpath.join(folder, target)))
        return targets

    def sheet_part(self, title: str) -> str:
        """The worksheet part of the sheet called ``title``."""
        workbook = self.xml("xl/workbook.xml")
        rels = self.xml("xl/_rels/workbook.xml.rels")
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        for sheet in workbook.iter(f"{MAIN}sheet"):
            if sheet.get("name") == title:
                target = targets[sheet.get(f"{REL}id")]
                return target[1:] if target.startswith("/") else f"xl/{target}"
        raise KeyError(title)

    def content_type(self, part: str) -> str | None:
        """The content type the package declares for ``part``."""
        for override in self.xml("[Content_Types].xml").iter(f"{CONTENT_TYPES}Override"):
            if override.get("PartName") == "/" + part:
                return override.get("ContentType")
        return None
