"""The summary as ``write_summary`` writes it (openpyxl's small sheets, XlsxWriter's big
tables, grafted into one package) is the workbook openpyxl alone makes, sheet by sheet."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import openpyxl
import pytest
from defusedxml.ElementTree import fromstring
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.batch.konsolidasi import Opsi, konsolidasi
from skp_xl.summary import graft, workbook
from skp_xl.summary.data import SummaryData
from skp_xl.summary.workbook import build_summary, write_summary

SAMPLE = Path(__file__).parents[2] / "samples" / "instansi"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


@pytest.fixture(scope="module")
def data() -> SummaryData:
    return konsolidasi(SAMPLE, Opsi(jobs=1, cache=False)).summary_data()


@pytest.fixture(
    scope="module",
    params=["ordinary", "streamed", "streamed in slices", "streamed, its parts in small pieces"],
)
def both(
    request: pytest.FixtureRequest, data: SummaryData, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path]:
    """The sample agency's summary by ``write_summary`` and by openpyxl alone; written
    by XlsxWriter's ordinary mode, or row by row as a large summary is
    (``constant_memory``), its big sheets' rows made whole or a few at a time."""
    folder = tmp_path_factory.mktemp("graft")
    grafted, alone = folder / "grafted.xlsx", folder / "alone.xlsx"
    with pytest.MonkeyPatch.context() as patch:
        if request.param != "ordinary":
            patch.setattr(workbook, "IN_MEMORY_ROWS", 0)
        if request.param == "streamed in slices":
            patch.setattr(workbook, "POTONGAN_BARIS", 7)
        if request.param == "streamed, its parts in small pieces":
            # The sheets' rels (a hyperlink each a row) streamed 97 bytes at a time, as
            # a large summary's are a MiB at a time: every cut falls inside them.
            patch.setattr(graft, "_CHUNK", 97)
        write_summary(grafted, data)
    build_summary(data, folder=folder).save(alone)
    return grafted, alone


def _colour(colour: Any) -> object:
    if colour is None:
        return None
    if colour.type == "rgb":
        return colour.rgb[-6:]
    return (colour.type, colour.theme if colour.type == "theme" else colour.indexed)


def _cell(c: Any) -> tuple[object, ...]:
    font, fill, align, border = c.font, c.fill, c.alignment, c.border
    link = c.hyperlink
    return (
        c.value,
        c.data_type if c.value is not None else None,
        c.number_format,
        (font.name, font.sz, bool(font.b), bool(font.i), font.u, _colour(font.color)),
        (fill.fill_type, _colour(fill.fgColor)) if fill.fill_type else None,
        (
            bool(align.wrap_text),
            align.vertical,
            align.horizontal,
            bool(align.shrink_to_fit),
        ),
        tuple(
            (getattr(border, side).style, _colour(getattr(border, side).color))
            for side in ("left", "right", "top", "bottom")
        ),
        (link.target, link.location) if link else None,
    )


def _seen(ws: Worksheet) -> dict[str, object]:
    """What a reader of the sheet sees: cells with their formats, sizes, Tables, print
    setup, conditional formats."""
    cells = {c.coordinate: _cell(c) for row in ws.iter_rows() for c in row}
    blank = _cell(ws.parent.create_sheet("_")["A1"])  # a cell nobody wrote
    ws.parent.remove(ws.parent["_"])
    setup = ws.page_setup
    return {
        "cells": {k: v for k, v in cells.items() if v != blank},
        "tables": sorted((t.displayName, t.ref, t.tableStyleInfo.name) for t in ws.tables.values()),
        "widths": {  # XlsxWriter writes neighbours of one width as one <col>
            n: d.width
            for d in ws.column_dimensions.values()
            if d.customWidth
            for n in range(d.min or 0, (d.max or 0) + 1)
        },
        "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
        "freeze": ws.freeze_panes,
        "print": (
            setup.paperSize,
            setup.orientation,
            setup.fitToWidth or 1,  # the schema's default, which XlsxWriter leaves out
            setup.fitToHeight,
            ws.sheet_properties.pageSetUpPr.fitToPage if ws.sheet_properties.pageSetUpPr else None,
            ws.print_title_rows,
            ws.print_area,
            tuple(getattr(ws.page_margins, m) for m in ("left", "right", "top", "bottom")),
            (ws.page_margins.header, ws.page_margins.footer),
            (ws.oddFooter.left.text, ws.oddFooter.right.text),
            ws.sheet_view.showGridLines,
        ),
        "conditional": sorted(
            (
                str(rng.sqref),
                tuple(rule.formula or ()),
                _colour(rule.dxf.fill.bgColor) if rule.dxf and rule.dxf.fill else None,
                _colour(rule.dxf.font.color) if rule.dxf and rule.dxf.font else None,
            )
            for rng in ws.conditional_formatting
            for rule in rng.rules
        ),
        "merged": sorted(str(m) for m in ws.merged_cells.ranges),
        "charts": len(ws._charts),  # openpyxl keeps none on load; the package test counts
        "pivots": [(p.name, p.location.ref) for p in ws._pivots],
    }


def _load(path: Path) -> Workbook:
    return openpyxl.load_workbook(path)


def test_every_sheet_is_the_sheet_openpyxl_alone_writes(both: tuple[Path, Path]) -> None:
    grafted, alone = (_load(p) for p in both)
    assert grafted.sheetnames == alone.sheetnames
    assert grafted.active.title == alone.active.title == "Ringkasan"  # type: ignore[union-attr]
    for title in alone.sheetnames:
        a, b = _seen(grafted[title]), _seen(alone[title])
        for key in b:
            assert a[key] == b[key], (title, key)
    assert sorted(grafted.defined_names) == sorted(alone.defined_names)
    tables = [t for ws in grafted.worksheets for t in ws.tables]
    assert sorted(tables) == ["ANGKA_KREDIT", "CASCADING", "PEGAWAI", "TEMUAN"]


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        return {n: z.read(n) for n in z.namelist()}


def test_the_package_is_whole(both: tuple[Path, Path]) -> None:
    """Every relationship reaches a part, every part has a content type, and the parts
    of each kind are those openpyxl alone writes (Table ids unique)."""
    parts = _parts(both[0])
    types = fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension") for d in types.iter(f"{TYPES}Default")}
    overrides = {o.get("PartName", "").lstrip("/") for o in types.iter(f"{TYPES}Override")}
    for name in parts:
        assert name in overrides or name.rsplit(".", 1)[-1] in defaults, name
    assert overrides <= set(parts)
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        base = PurePosixPath(name).parent.parent
        for rel in fromstring(data).iter(REL):
            if rel.get("TargetMode") == "External":
                assert "\\" not in rel.get("Target", "")
                continue
            target = rel.get("Target", "")
            resolved = target.lstrip("/") if target.startswith("/") else str(base / target)
            while "/../" in resolved:
                resolved = re.sub(r"[^/]+/\.\./", "", resolved, count=1)
            assert resolved in parts, (name, target)
    ids = [
        fromstring(data).get("id") for name, data in parts.items() if name.startswith("xl/tables/")
    ]
    assert len(ids) == len(set(ids)) == 4

    def kinds(names: set[str]) -> dict[str, int]:
        folders = [PurePosixPath(n).parent.name for n in names if not n.endswith(".rels")]
        return {f: folders.count(f) for f in set(folders)}

    alone = _parts(both[1])
    assert kinds(set(parts) - {graft.STRINGS}) == kinds(set(alone))
    # No XlsxWriter sheet is selected besides the active Ringkasan: Excel would open them
    # grouped.
    assert not any(b'tabSelected="1"' in parts[f"xl/worksheets/sheet{n}.xml"] for n in (3, 5, 6))


def test_parts_are_copied_as_stored(tmp_path: Path) -> None:
    """``_copy`` copies a member's compressed bytes: the output's directory, local headers
    and CRCs check (``testzip`` inflates every member), each copied part holds the bytes
    it held, compressed as it was, and the archive takes further members after it. A
    member written through a stream (sizes in a data descriptor, as a writer that cannot
    seek writes them), one with an extra field, a stored one and an empty one are copied
    the same."""
    source_path = tmp_path / "source.zip"
    text = b"<row>" + b'<c r="A1"><v>1</v></c>' * 50_000 + b"</row>"
    with zipfile.ZipFile(source_path, "w", zipfile.ZIP_DEFLATED) as source:
        # An extra field (an unknown id, 4 bytes) between the local header and the bytes.
        sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml", (2025, 1, 2, 3, 4, 6))
        sheet.extra = b"\x99\x99\x04\x00abcd"
        source.writestr(sheet, text, zipfile.ZIP_DEFLATED)
        source.writestr("stored.bin", bytes(range(256)) * 10, zipfile.ZIP_STORED)
        source.writestr("empty.xml", b"")
    streamed = tmp_path / "streamed.zip"
    with open(streamed, "wb") as raw:

        class Unseekable:  # a pipe: zipfile writes data descriptors
            def write(self, data: bytes) -> int:
                return raw.write(data)

            def flush(self) -> None:
                raw.flush()

        with zipfile.ZipFile(Unseekable(), "w", zipfile.ZIP_DEFLATED) as source:  # type: ignore[arg-type]
            source.writestr("descriptor.xml", text[:1000])
    out = tmp_path / "out.zip"
    with (
        zipfile.ZipFile(source_path) as a,
        zipfile.ZipFile(streamed) as b,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z,
    ):
        z.writestr("first.xml", b"<a/>")
        for name in a.namelist():
            graft._copy(a, name, z, "copy/" + name)
        graft._copy(b, "descriptor.xml", z, "copy/descriptor.xml")
        z.writestr("last.xml", b"<b/>")
    with zipfile.ZipFile(out) as z, zipfile.ZipFile(source_path) as a:
        assert z.testzip() is None
        assert z.read("copy/xl/worksheets/sheet1.xml") == text
        assert z.read("copy/stored.bin") == bytes(range(256)) * 10
        assert z.read("copy/empty.xml") == b""
        assert z.read("copy/descriptor.xml") == text[:1000]
        assert z.read("last.xml") == b"<b/>"
        for name in a.namelist():
            copied, original = z.getinfo("copy/" + name), a.getinfo(name)
            assert (copied.compress_type, copied.compress_size, copied.CRC) == (
                original.compress_type,
                original.compress_size,
                original.CRC,
            )


def test_shared_strings_and_style_indices_move_together() -> None:
    """openpyxl's shared strings (another version may write them) follow XlsxWriter's,
    and a small sheet's indices move with them."""
    main = f'xmlns="{graft.MAIN}"'
    base = (
        f'<?xml version="1.0"?><sst {main} count="3" uniqueCount="2">'
        "<si><t>a</t></si><si><t>b</t></si></sst>"
    )
    extra = f'<sst {main} uniqueCount="1"><si><t xml:space="preserve"> c</t></si></sst>'
    merged, shift = graft.merge_strings(base.encode(), extra.encode())
    items = [si.findtext(f"{{{graft.MAIN}}}t") for si in fromstring(merged)]
    assert items == ["a", "b", " c"]
    assert shift == 2
    assert b'uniqueCount="3"' in merged
    sheet = b'<row r="1" s="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1" t="n"><v>0</v></c></row>'
    moved = graft.shift_indices(sheet, graft.Shift(xf=10, dxf=0), shift)
    assert moved == (
        b'<row r="1" s="11"><c r="A1" s="12" t="s"><v>2</v></c><c r="B1" t="n"><v>0</v></c></row>'
    )


def test_a_part_is_streamed_in_pieces_cut_after_a_tag(tmp_path: Path) -> None:
    """The rels of a big sheet are never read whole: pieces of about ``_CHUNK`` bytes,
    each ending with a tag's ``>`` (so no Target is cut in two), that join to the part."""
    content = (
        b"<Relationships>"
        + b"".join(
            f'<Relationship Id="rId{i}" Target="a\\{i}.xlsx" TargetMode="External"/>'.encode()
            for i in range(500)
        )
        + b"</Relationships>tail"
    )
    package = tmp_path / "p.zip"
    with zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("r.xml", content)
    with zipfile.ZipFile(package) as z, pytest.MonkeyPatch.context() as patch:
        patch.setattr(graft, "_CHUNK", 1000)
        pieces = list(graft._pieces(z, "r.xml"))
    assert b"".join(pieces) == content
    assert len(pieces) > 30
    assert all(piece.endswith(b">") for piece in pieces[:-1])
    assert pieces[-1] == b"tail"
    assert max(map(len, pieces)) < 2000
