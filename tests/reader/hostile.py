"""Bad and hostile sample files for the reader's triage, made by code and small on disk.

Each :class:`Sample` knows its file name, the code :func:`skp_xl.reader.triage.triage`
must give it, and how to write it. ``write_all(folder)`` writes every sample (the
consolidation reuses it to build ``samples/bermasalah/``); the largest is the zip bomb,
about 300 KB on disk for 300 MB inflated.

The workbooks are written part by part (``minimal_parts``) so each hostile variant differs
from a valid workbook in one place only; ``minimal.xlsx`` is that valid control.
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import msoffcrypto.format.ooxml
import openpyxl

from skp_xl.addin.vba.cfb import write_compound_file

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
EMPTY_TYPES = b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
WORD_NS = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PASSWORD = "rahasia"
"""The password of ``terenkripsi.xlsx``, so a person can open it."""

BOMB_MIB = 300
"""Inflated size of the zip bomb's sheet, in MiB."""

SHEET_DATA = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>NIP</t></is></c><c r="B1"><v>1</v></c></row>'
)


def sheet_xml(data: str = SHEET_DATA, dimension: str = "A1:B1") -> str:
    """A worksheet part holding ``data`` (the inside of ``<sheetData>``)."""
    return (
        f'{XML_DECLARATION}<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/>'
        f"<sheetData>{data}</sheetData></worksheet>"
    )


def workbook_xml(names: str = "", extra: str = "", prolog: str = "") -> str:
    """A workbook part with sheets ``SKP`` and ``Identitas`` and the given names."""
    defined = f"<definedNames>{names}</definedNames>" if names else ""
    return (
        f'{XML_DECLARATION}{prolog}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
        '<sheets><sheet name="SKP" sheetId="1" r:id="rId1"/>'
        '<sheet name="Identitas" sheetId="2" state="hidden" r:id="rId2"/></sheets>'
        f"{defined}{extra}</workbook>"
    )


def minimal_parts(
    *,
    sheet: str | None = None,
    workbook: str | None = None,
    extra_rels: str = "",
    extra_types: str = "",
) -> dict[str, bytes]:
    """The parts of a small valid .xlsx workbook (two sheets), with overrides."""
    types = (
        f'{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SHEET_CT}"/>'
        f'<Override PartName="/xl/worksheets/sheet2.xml" ContentType="{SHEET_CT}"/>'
        f"{extra_types}</Types>"
    )
    root_rels = (
        f'{XML_DECLARATION}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook_rels = (
        f'{XML_DECLARATION}<Relationships xmlns="{PKG_REL_NS}">'
        f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL_NS}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
        f"{extra_rels}</Relationships>"
    )
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": root_rels,
        "xl/workbook.xml": workbook if workbook is not None else workbook_xml(),
        "xl/_rels/workbook.xml.rels": workbook_rels,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else sheet_xml(),
        "xl/worksheets/sheet2.xml": sheet_xml(),
    }
    return {name: text.encode() for name, text in parts.items()}


def write_zip(path: Path, parts: Mapping[str, bytes]) -> None:
    """Write ``parts`` as a deflated zip, in order."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


@dataclass(frozen=True)
class RawMember:
    """A zip member written as given: the deflated bytes and the sizes to declare."""

    name: str
    deflated: bytes
    crc: int
    size: int


def raw_member(name: str, data: bytes) -> RawMember:
    """A member deflated from ``data``, with honest sizes."""
    compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    deflated = compressor.compress(data) + compressor.flush()
    return RawMember(name, deflated, zlib.crc32(data), len(data))


def write_raw_zip(path: Path, members: list[RawMember], *, padding: bytes = b"") -> None:
    """Write a zip whose headers say what ``members`` declare, true or not.

    ``padding`` goes between members: bytes no zip reader looks at (the central directory
    says where each member starts), which a hash of the file must still cover.
    """
    body = io.BytesIO()
    central = io.BytesIO()
    for number, member in enumerate(members):
        if number:
            body.write(padding)
        name = member.name.encode()
        offset = body.tell()
        fields = (20, 0, zipfile.ZIP_DEFLATED, 0, 0x21)
        sizes = (member.crc, len(member.deflated), member.size)
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, *sizes, len(name), 0))
        body.write(name)
        body.write(member.deflated)
        central.write(
            struct.pack(
                "<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, *sizes, len(name), 0, 0, 0, 0, 0, offset
            )
        )
        central.write(name)
    directory = central.getvalue()
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), body.tell(), 0
    )
    path.write_bytes(body.getvalue() + directory + end)


def cfb(streams: Mapping[str, bytes]) -> bytes:
    """A minimal valid Compound File (OLE2, version 3) holding ``streams``.

    olefile reads but cannot write these files; the add-in's writer lays them out.
    """
    return write_compound_file(streams)


def real_workbook_bytes() -> bytes:
    """A small workbook written by openpyxl, as Excel users' files are."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "SKP"
    ws["A1"] = "NIP"
    ws["B1"] = "199001012015031001"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


# -- the makers: each writes one sample to ``path`` ------------------------------------


def make_minimal(path: Path) -> None:
    write_zip(path, minimal_parts())


def make_truncated(path: Path) -> None:
    data = real_workbook_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])


def make_random(path: Path) -> None:
    data = bytearray(random.Random(6).randbytes(4096))
    data[0] = 0xFF  # neither a zip, a CFB nor text
    path.write_bytes(bytes(data))


def make_empty(path: Path) -> None:
    path.write_bytes(b"")


def make_xls(path: Path) -> None:
    # Excel 5.0/95 (BIFF5) keeps its workbook in a "Book" stream opened by a BIFF5 BOF;
    # Excel 97-2003 files (BIFF8, a "Workbook" stream) are read, see test_xls.py.
    bof = struct.pack("<HHHHHH", 0x0809, 8, 0x0500, 0x0005, 0x0DBB, 0x07CC)
    path.write_bytes(cfb({"Book": bof}))


def make_doc(path: Path) -> None:
    path.write_bytes(cfb({"WordDocument": b"\xec\xa5"}))


def make_encrypted(path: Path) -> None:
    with path.open("wb") as out:
        msoffcrypto.format.ooxml.OOXMLFile(io.BytesIO(real_workbook_bytes())).encrypt(PASSWORD, out)


def make_ods(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        # ODF: "mimetype" first and stored, so `file` and LibreOffice recognise it.
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr(
            "META-INF/manifest.xml",
            f'{XML_DECLARATION}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>",
            zipfile.ZIP_DEFLATED,
        )
        zf.writestr(
            "content.xml",
            f'{XML_DECLARATION}<office:document-content xmlns:office="urn:oasis:names:tc:'
            'opendocument:xmlns:office:1.0" office:version="1.2"><office:body>'
            "<office:spreadsheet/></office:body></office:document-content>",
            zipfile.ZIP_DEFLATED,
        )


def make_docx(path: Path) -> None:
    write_zip(
        path,
        {
            "[Content_Types].xml": EMPTY_TYPES,
            "word/document.xml": b'<w:document xmlns:w="' + WORD_NS + b'"/>',
        },
    )


def make_xlsb(path: Path) -> None:
    write_zip(
        path,
        {
            "[Content_Types].xml": EMPTY_TYPES,
            "xl/workbook.bin": b"\x83\x01\x00",
        },
    )


def make_csv(path: Path) -> None:
    path.write_text("NIP;Nama\n199001012015031001;Budi\n", encoding="utf-8")


def make_html(path: Path) -> None:
    path.write_text(
        "<html><body><table><tr><td>NIP</td><td>199001012015031001</td></tr></table></body></html>",
        encoding="utf-8",
    )


def make_zip_bomb(path: Path) -> None:
    # After a full flush the compressor forgets its history, so every MiB of zeros
    # deflates to the same bytes: repeat them instead of compressing 300 MB.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    mib = bytes(1 << 20)
    piece = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush()
    crc = 0
    for _ in range(BOMB_MIB):
        crc = zlib.crc32(mib, crc)
    members = [raw_member(name, data) for name, data in minimal_parts().items()]
    members[-1] = RawMember(
        "xl/worksheets/sheet2.xml", piece * BOMB_MIB + final, crc, BOMB_MIB << 20
    )
    write_raw_zip(path, members)


def make_lying_size(path: Path) -> None:
    # The sheet says it inflates to 1 KB; it inflates to 2 MB. The CRC is that of the
    # first 1 KB, so a reader that stops at the declared size sees nothing wrong.
    members = [raw_member(name, data) for name, data in minimal_parts().items()]
    data = sheet_xml().encode() + b" " * (2 << 20)
    honest = raw_member("xl/worksheets/sheet1.xml", data)
    members[4] = RawMember(honest.name, honest.deflated, zlib.crc32(data[:1024]), 1024)
    write_raw_zip(path, members)


def make_damaged_head(path: Path) -> None:
    # The sheet's deflate stream says its first block is of the reserved type (BTYPE 11):
    # any inflater refuses it at its first byte, the export look (which inflates the
    # head of each sheet for its <dimension>) as well as the triage.
    members = [raw_member(name, data) for name, data in minimal_parts().items()]
    sheet = members[4]
    assert sheet.name == "xl/worksheets/sheet1.xml"
    members[4] = RawMember(
        sheet.name, bytes([sheet.deflated[0] | 0b110]) + sheet.deflated[1:], sheet.crc, sheet.size
    )
    write_raw_zip(path, members)


def _laughs(levels: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, levels)]
    return "<!DOCTYPE workbook [" + "".join(lines) + "]>"


def make_billion_laughs(path: Path) -> None:
    prolog = _laughs()
    workbook = workbook_xml(names='<definedName name="X">&lol9;</definedName>', prolog=prolog)
    write_zip(path, minimal_parts(workbook=workbook))


def make_billion_laughs_sheet(path: Path) -> None:
    sheet = sheet_xml().replace(
        "<worksheet", _laughs().replace("workbook", "worksheet") + "<worksheet", 1
    )
    write_zip(path, minimal_parts(sheet=sheet))


def make_huge_dimension(path: Path) -> None:
    write_zip(path, minimal_parts(sheet=sheet_xml(dimension="A1:XFD1048576")))


def make_far_cell(path: Path) -> None:
    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    write_zip(path, minimal_parts(sheet=sheet_xml(SHEET_DATA + far, "A1:XFD1048576")))


def make_external_link(path: Path) -> None:
    link = (
        f'{XML_DECLARATION}<externalLink xmlns="{MAIN_NS}"><externalBook xmlns:r="{REL_NS}" '
        'r:id="rId1"><sheetNames><sheetName val="Data"/></sheetNames></externalBook>'
        "</externalLink>"
    )
    link_rels = (
        f'{XML_DECLARATION}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
        f'Type="{REL_NS}/externalLinkPath" Target="file:///C:/SKP/lain.xlsx" '
        'TargetMode="External"/></Relationships>'
    )
    data = '<row r="1"><c r="A1"><f>[1]Data!$A$1</f><v>5</v></c></row>'
    parts = minimal_parts(
        sheet=sheet_xml(data, "A1"),
        workbook=workbook_xml(
            extra='<externalReferences><externalReference r:id="rId3"/></externalReferences>'
        ),
        extra_rels=(
            f'<Relationship Id="rId3" Type="{REL_NS}/externalLink" '
            'Target="externalLinks/externalLink1.xml"/>'
        ),
        extra_types=(
            '<Override PartName="/xl/externalLinks/externalLink1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>'
        ),
    )
    parts["xl/externalLinks/externalLink1.xml"] = link.encode()
    parts["xl/externalLinks/_rels/externalLink1.xml.rels"] = link_rels.encode()
    write_zip(path, parts)


def make_web_formula(path: Path) -> None:
    data = (
        SHEET_DATA
        + '<row r="3"><c r="C3" t="str"><f>_xlfn.WEBSERVICE("http://contoh.invalid/nilai")</f>'
        "<v>#VALUE!</v></c></row>"
    )
    write_zip(path, minimal_parts(sheet=sheet_xml(data, "A1:C3")))


def make_wrong_suffix(path: Path) -> None:
    make_minimal(path)


def make_lock(path: Path) -> None:
    # What Excel writes: the user's name, padded.
    path.write_bytes(b"\x05Budi S" + b"\x20" * 47 + b"\x05\x00B\x00u\x00d\x00i\x00" + bytes(104))


def make_libreoffice_lock(path: Path) -> None:
    path.write_text("Budi,budi,PC-BUDI,23.11.2026 10:00,file:///home/budi/.config;", "utf-8")


def make_hidden(path: Path) -> None:
    make_minimal(path)


def make_folder(path: Path) -> None:
    path.mkdir()


@dataclass(frozen=True)
class Sample:
    """One sample file: where it goes, what triage says of it, and how to make it.

    Attributes:
        filename: The file name (its suffix matters to folder walks).
        code: The code triage gives it, or None for a readable workbook.
        make: Writes the sample to the given path (which does not exist yet).
        about: What is wrong with it, in Indonesian, for a README beside the samples.
    """

    filename: str
    code: str | None
    make: Callable[[Path], None]
    about: str


SAMPLES: tuple[Sample, ...] = (
    Sample("minimal.xlsx", None, make_minimal, "buku kerja kecil yang sah (pembanding)"),
    Sample("terpotong.xlsx", "berkas-rusak", make_truncated, "buku kerja yang terpotong"),
    Sample("acak.xlsx", "berkas-rusak", make_random, "bita acak bernama .xlsx"),
    Sample("kosong.xlsx", "berkas-kosong", make_empty, "berkas 0 bita"),
    Sample("lama.xls", "berkas-xls", make_xls, "format Excel 5.0/95"),
    Sample("dokumen-lama.doc", "berkas-bukan-excel", make_doc, "dokumen Word lama"),
    Sample(
        "terenkripsi.xlsx",
        "berkas-terenkripsi",
        make_encrypted,
        f"dilindungi kata sandi pembuka '{PASSWORD}'",
    ),
    Sample("lembar.ods", "berkas-ods", make_ods, "format OpenDocument"),
    Sample("dokumen.docx", "berkas-bukan-excel", make_docx, "dokumen Word bernama .docx"),
    Sample("biner.xlsb", "berkas-xlsb", make_xlsb, "format Buku Kerja Biner Excel"),
    Sample("teks.xlsx", "berkas-bukan-excel", make_csv, "teks CSV bernama .xlsx"),
    Sample("ekspor.xls", "berkas-bukan-excel", make_html, "tabel HTML bernama .xls"),
    Sample(
        "zip-bomb.xlsx",
        "berkas-terlalu-besar",
        make_zip_bomb,
        f"lembar yang mengembang menjadi {BOMB_MIB} MB",
    ),
    Sample(
        "ukuran-palsu.xlsx",
        "berkas-rusak",
        make_lying_size,
        "bagian yang mengembang melebihi ukuran yang dinyatakannya",
    ),
    Sample(
        "awal-lembar-rusak.xlsx",
        "berkas-rusak",
        make_damaged_head,
        "lembar yang data terkompresinya rusak sejak bita pertama",
    ),
    Sample(
        "billion-laughs.xlsx",
        "berkas-xml-berbahaya",
        make_billion_laughs,
        "workbook.xml dengan ledakan entitas XML",
    ),
    Sample(
        "billion-laughs-lembar.xlsx",
        "berkas-xml-berbahaya",
        make_billion_laughs_sheet,
        "lembar dengan ledakan entitas XML",
    ),
    Sample(
        "dimensi-besar.xlsx",
        "berkas-dimensi-besar",
        make_huge_dimension,
        "lembar yang menyatakan rentang A1:XFD1048576 padahal isinya sedikit",
    ),
    Sample(
        "sel-jauh.xlsx",
        "berkas-rentang-besar",
        make_far_cell,
        "lembar dengan isi di sel XFD1048576",
    ),
    Sample(
        "tautan-eksternal.xlsx",
        "berkas-tautan-eksternal",
        make_external_link,
        "rumus yang merujuk buku kerja lain",
    ),
    Sample("rumus-web.xlsx", "berkas-rumus-web", make_web_formula, "rumus WEBSERVICE"),
    Sample(
        "ekstensi-salah.xls",
        "berkas-ekstensi-salah",
        make_wrong_suffix,
        "buku kerja .xlsx bernama .xls",
    ),
    Sample("~$skp.xlsx", "berkas-kunci", make_lock, "berkas kunci Excel"),
    Sample(".~lock.skp.xlsx#", "berkas-kunci", make_libreoffice_lock, "berkas kunci LibreOffice"),
    Sample(".tersembunyi.xlsx", "berkas-tersembunyi", make_hidden, "berkas tersembunyi"),
    Sample("folder.xlsx", "berkas-folder", make_folder, "folder bernama seperti buku kerja"),
)
"""Every sample, valid control first."""


def write(sample: Sample, folder: Path) -> Path:
    """Write ``sample`` into ``folder`` (created if needed) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / sample.filename
    sample.make(path)
    return path


def write_all(folder: Path) -> dict[str, Path]:
    """Write every sample into ``folder``: file name -> path."""
    return {sample.filename: write(sample, folder) for sample in SAMPLES}
