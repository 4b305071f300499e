"""The add-in built on Linux: MS-OVBA compression and streams, the compound file, the
package, the ribbon, and what olevba, olefile and LibreOffice make of them.

What only Excel can prove (the project compiles, the ribbon shows, a button reaches
Python) is not tested here; see the report of the add-in issue and docs/addin.md.
"""

from __future__ import annotations

import inspect
import io
import random
import re
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath

import olefile
import openpyxl
import pytest
import xlwings
from defusedxml import ElementTree
from hypothesis import given, settings
from hypothesis import strategies as st
from oletools.olevba import VBA_Parser, VBA_Project, VBA_Scanner, decompress_stream
from typer.testing import CliRunner

from skp_xl.addin import build as build_module
from skp_xl.addin import install as install_module
from skp_xl.addin import udf
from skp_xl.addin.build import (
    RIBBON_NAMESPACE,
    RIBBON_RELATIONSHIP,
    UDF_WRAPPERS_MODULE,
    BuildInfo,
    addin_project,
    build_addin,
    read_build_info,
    ribbon_xml,
    xlwings_dictionary_path,
    xlwings_module_path,
)
from skp_xl.addin.install import (
    build_via_excel,
    config_file,
    config_with,
    describe,
    plan_install,
)
from skp_xl.addin.vba import cfb
from skp_xl.addin.vba.ovba import compress, decompress, decrypt, encrypt, project_key
from skp_xl.addin.vba.project import (
    OFFICE,
    STDOLE,
    ModuleKind,
    Project,
    VbaProjectError,
    dir_stream,
    parse_module,
    project_streams,
)
from skp_xl.addin.wrappers import (
    HELP_LIMIT,
    HELP_MODULE,
    HELP_PROCEDURE,
    VBA_LINE_LIMIT,
    help_module,
    wrapper_module,
)
from skp_xl.cli import app
from skp_xl.errors import AddinError, OutputExistsError
from tests.libreoffice import LibreOffice

MACROS = Path(build_module.__file__).parent / "macros"
XLWINGS_DIR = Path(xlwings.__file__).parent
XLWINGS_ADDIN = XLWINGS_DIR / "addin" / "xlwings.xlam"
XLWINGS_DICTIONARY = XLWINGS_DIR / "addin" / "Dictionary.cls"
XLWINGS_MODULES = ("xlwings", "Dictionary")
"""The modules the add-in takes from the installed xlwings."""
MODULES = (
    "ThisWorkbook",
    "Sheet1",
    "RibbonSkp",
    UDF_WRAPPERS_MODULE,
    HELP_MODULE,
    *XLWINGS_MODULES,
)
BUTTONS = {
    "skpPeriksa": "Periksa",
    "skpSaranRating": "Saran Rating",
    "skpTambahHasilKerja": "Tambah Hasil Kerja",
    "skpTambahIki": "Tambah IKI",
    "skpEksporPdf": "Ekspor PDF",
    "skpBuatBawahan": "Buat SKP Bawahan",
    "skpKonsolidasi": "Konsolidasi Folder",
    "skpTentang": "Tentang",
}
CALLBACK = re.compile(
    r"^(?:Public |Private )?Sub (\w+)\(control As IRibbonControl\)\r$", re.MULTILINE
)
runner = CliRunner()


# -- compression (MS-OVBA 2.4.1) -------------------------------------------------------

# The examples of MS-OVBA section 3.2, byte for byte.
SPEC_EXAMPLES = [
    (
        b"abcdefghijklmnopqrstuv.",
        "01 19 B0 00 61 62 63 64 65 66 67 68 00 69 6A 6B 6C 6D 6E 6F 70 00 71 72 73 74 75 76 2E",
    ),
    (
        b"#aaabcdefaaaaghijaaaaaklaaamnopqaaaaaaaaaaaarstuvwxyzaaa",
        "01 2F B0 00 23 61 61 61 62 63 64 65 82 66 00 70 61 67 68 69 6A 01 38 08 61 6B 6C "
        "00 20 6D 6E 6F 70 06 71 02 70 04 00 72 73 74 75 76 10 77 78 79 7A 00 2C",
    ),
    (b"a" * 73, "01 03 B0 02 61 45 00"),
]


@pytest.mark.parametrize(("data", "compressed"), SPEC_EXAMPLES, ids=["none", "normal", "max"])
def test_compression_reproduces_the_specification_examples(data: bytes, compressed: str) -> None:
    expected = bytes.fromhex(compressed)

    assert compress(data) == expected
    assert decompress(expected) == data
    assert decompress_stream(bytearray(expected)) == data


def spec_compress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1.3.6-2.4.1.3.10 transcribed literally (slow; small inputs only)."""
    out = bytearray(b"\x01")
    for chunk_start in range(0, len(data), 4096):
        decompressed_end = min(chunk_start + 4096, len(data))
        compressed_start = len(out)
        compressed_end = compressed_start + 4098
        out += b"\0\0"
        current = chunk_start
        while current < decompressed_end and len(out) < compressed_end:
            flag_index = len(out)
            out.append(0)
            flags = 0
            for index in range(8):
                if not (current < decompressed_end and len(out) < compressed_end):
                    continue
                candidate, best_length, best_candidate = current - 1, 0, 0
                while candidate >= chunk_start:
                    c, d, length = candidate, current, 0
                    while d < decompressed_end and data[d] == data[c]:
                        length, c, d = length + 1, c + 1, d + 1
                    if length > best_length:
                        best_length, best_candidate = length, candidate
                    candidate -= 1
                if best_length >= 3:
                    difference = current - chunk_start
                    bit_count = max((difference - 1).bit_length(), 4)
                    length = min(best_length, (0xFFFF >> bit_count) + 3)
                    if len(out) + 1 < compressed_end:
                        offset = current - best_candidate
                        token = ((offset - 1) << (16 - bit_count)) | (length - 3)
                        out += struct.pack("<H", token)
                        flags |= 1 << index
                        current += length
                    else:
                        out += bytes(compressed_end - len(out))
                elif len(out) < compressed_end:
                    out.append(data[current])
                    current += 1
            out[flag_index] = flags
        if current < decompressed_end:
            del out[compressed_start + 2 :]
            out += data[chunk_start:decompressed_end].ljust(4096, b"\0")
            header = 0x3000 | (4098 - 3)
        else:
            header = 0xB000 | (len(out) - compressed_start - 3)
        out[compressed_start : compressed_start + 2] = struct.pack("<H", header)
    return bytes(out)


# Data with long repeats and near misses, where the choice of match matters.
repetitive = st.lists(
    st.sampled_from([b"a", b"ab", b"abc", b"    ", b"End Sub\r\n", b"\x00", b"xyz" * 5]),
    max_size=400,
).map(b"".join)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.binary(max_size=600), repetitive.map(lambda b: b[:600])))
def test_compression_equals_the_specification_pseudocode(data: bytes) -> None:
    assert compress(data) == spec_compress(data)


def chunk_sizes(container: bytes) -> Iterator[int]:
    position = 1
    while position < len(container):
        (header,) = struct.unpack_from("<H", container, position)
        size = (header & 0x0FFF) + 3
        yield size
        position += size


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=13000), repetitive, st.text(max_size=3000).map(str.encode)))
def test_compression_round_trips_and_oletools_agrees(data: bytes) -> None:
    container = compress(data)
    ours = decompress(container)

    assert ours == decompress_stream(bytearray(container))
    assert all(3 <= size <= 4098 for size in chunk_sizes(container))
    # A raw last chunk is padded to 4096 bytes (MS-OVBA 2.4.1.3.10), which decompress.
    assert ours[: len(data)] == data
    assert ours[len(data) :] == bytes(len(ours) - len(data))
    assert len(ours) == len(data) or len(data) % 4096 > 3000


def test_incompressible_chunks_are_stored_raw_and_a_short_last_one_padded() -> None:
    data = random.Random(6).randbytes(4096 + 3800)

    container = compress(data)

    assert list(chunk_sizes(container)) == [4098, 4098]
    assert decompress(container) == data + bytes(296)


# -- data encryption (MS-OVBA 2.4.3) ---------------------------------------------------

SPEC_PROJECT_ID = "{917DED54-440B-4FD1-A5C1-74ACF261E600}"


@pytest.mark.parametrize(
    ("encrypted", "data"),
    [
        ("0705D8E3D8EDDBF1DBF1DBF1DBF1", bytes(4)),
        ("0E0CD1ECDFF4E7F5E7F5E7", b"\x00"),
        ("1517CAF1D6F9D7F9D706", b"\xff"),
    ],
    ids=["CMG", "DPB", "GC"],
)
def test_encryption_reproduces_the_specification_project_stream(
    encrypted: str, data: bytes
) -> None:
    plain, key, ignored = decrypt(encrypted)

    assert (plain, key) == (data, project_key(SPEC_PROJECT_ID))
    seed = int(encrypted[:2], 16)
    assert encrypt(data, SPEC_PROJECT_ID, seed=seed, ignored=ignored) == encrypted


@given(st.binary(max_size=40), st.integers(0, 255), st.binary(min_size=3, max_size=3))
def test_encryption_round_trips(data: bytes, seed: int, pool: bytes) -> None:
    ignored = pool[: (seed & 6) // 2]

    text = encrypt(data, SPEC_PROJECT_ID, seed=seed, ignored=ignored)

    assert decrypt(text) == (data, project_key(SPEC_PROJECT_ID), ignored)


# -- the compound file (MS-CFB) --------------------------------------------------------


def directory_entries(data: bytes) -> list[tuple[str, int, int, int, int, int]]:
    """(name, type, color, left, right, child) of each used directory entry."""
    first = struct.unpack_from("<L", data, 48)[0]
    fat_sectors = struct.unpack_from("<L", data, 44)[0]
    difat = struct.unpack_from(f"<{fat_sectors}L", data, 76)
    fat: list[int] = []
    for sector in difat:
        fat += struct.unpack_from("<128L", data, 512 + sector * 512)
    entries, sector = [], first
    while sector != cfb.ENDOFCHAIN:
        block = data[512 + sector * 512 : 1024 + sector * 512]
        for offset in range(0, 512, 128):
            name_bytes, name_size, kind, color, left, right, child = struct.unpack_from(
                "<64sHBBLLL", block, offset
            )
            if kind:
                name = name_bytes[: max(name_size - 2, 0)].decode("utf-16-le")
                entries.append((name, kind, color, left, right, child))
        sector = fat[sector]
    return entries


def check_red_black(entries: list[tuple[str, int, int, int, int, int]], top: int) -> int:
    """Check one sibling tree; return its black height."""
    if top == cfb.NOSTREAM:
        return 1
    name, _kind, color, left, right, child = entries[top]
    for side, below in (("left", left), ("right", right)):
        if below != cfb.NOSTREAM:
            other = entries[below][0]
            smaller = cfb.sort_key(other) < cfb.sort_key(name)
            assert smaller == (side == "left"), f"{other} is on the wrong side of {name}"
            assert not (color == 0 and entries[below][2] == 0), f"red {name} has a red child"
    if child != cfb.NOSTREAM:
        assert entries[child][2] == 1, f"the tree under {name} has a red top"
        check_red_black(entries, child)
    heights = {check_red_black(entries, left), check_red_black(entries, right)}
    assert len(heights) == 1, f"unequal black heights under {name}"
    return heights.pop() + (color == 1)


names = st.text(alphabet="abcXYZ_09é", min_size=1, max_size=31)


@settings(max_examples=40, deadline=None)
@given(
    st.dictionaries(names, st.binary(max_size=6000), min_size=1, max_size=20),
    st.dictionaries(names, st.binary(max_size=5000), max_size=12),
)
def test_compound_file_holds_every_stream_in_a_valid_tree(
    top: dict[str, bytes], inner: dict[str, bytes]
) -> None:
    streams = {f"T{name}"[:31]: data for name, data in top.items()}
    streams |= {f"Sub/{name}": data for name, data in inner.items()}
    if len({path.upper() for path in streams}) < len(streams):
        return  # names that differ only in case are refused; tested below

    data = cfb.write_compound_file(streams)

    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    assert {"/".join(entry) for entry in ole.listdir()} == set(streams)
    assert all(ole.openstream(path).read() == content for path, content in streams.items())
    entries = directory_entries(data)
    assert entries[0][0] == "Root Entry"
    check_red_black(entries, entries[0][5])


@pytest.mark.parametrize(
    "streams",
    [{"A" * 32: b""}, {"a/b": b"", "a": b""}, {"Dir": b"", "DIR": b""}, {"x!": b""}],
    ids=["long", "stream-as-storage", "case", "bad-char"],
)
def test_compound_file_refuses_bad_names(streams: dict[str, bytes]) -> None:
    with pytest.raises(cfb.CompoundFileError):
        cfb.write_compound_file(streams)


# -- module sources --------------------------------------------------------------------


def test_committed_sources_are_ascii_crlf_and_named_after_their_module() -> None:
    files = sorted(p for p in MACROS.iterdir() if p.suffix in {".bas", ".cls"})

    assert [p.name for p in files] == ["RibbonSkp.bas", "Sheet1.cls", "ThisWorkbook.cls"]
    for path in files:
        raw = path.read_bytes()
        assert raw.isascii(), path
        assert raw.count(b"\n") == raw.count(b"\r\n") > 0, path
        module = parse_module(path.name, raw.decode("ascii"))
        assert module.name == path.stem


def test_exported_class_header_is_dropped_and_kinds_follow_vb_base() -> None:
    text = (MACROS / "ThisWorkbook.cls").read_bytes().decode("ascii")
    module = parse_module("ThisWorkbook.cls", text)
    plain_class = parse_module("Thing.cls", 'Attribute VB_Name = "Thing"\nOption Explicit\n')

    assert module.kind is ModuleKind.DOCUMENT
    assert module.source == text[text.index("Attribute VB_Name") :]
    assert plain_class.kind is ModuleKind.CLASS
    assert plain_class.source == 'Attribute VB_Name = "Thing"\r\nOption Explicit\r\n'


def test_exported_plain_class_gets_the_attributes_the_editor_adds_on_import() -> None:
    exported = (
        "VERSION 1.0 CLASS\nBEGIN\n  MultiUse = -1  'True\nEND\n"
        'Attribute VB_Name = "Thing"\nAttribute VB_Exposed = False\n'
        'Attribute VB_Description = "A thing"\nOption Explicit\n'
    )

    module = parse_module("Thing.cls", exported)

    assert module.kind is ModuleKind.CLASS
    assert module.source.split("\r\n") == [
        'Attribute VB_Name = "Thing"',
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
        "Attribute VB_Exposed = False",
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = False",
        'Attribute VB_Description = "A thing"',
        "Option Explicit",
        "",
    ]


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("A.bas", "Option Explicit\r\n"),
        ("A.txt", 'Attribute VB_Name = "A"\r\n'),
        ("A.bas", 'Attribute VB_Name = "1A"\r\n'),
    ],
    ids=["no-name", "extension", "bad-name"],
)
def test_bad_module_files_are_refused(filename: str, text: str) -> None:
    with pytest.raises(VbaProjectError):
        parse_module(filename, text)


def test_module_text_outside_code_page_1252_is_refused() -> None:
    module = parse_module("A.bas", 'Attribute VB_Name = "A"\r\n\' 日本\r\n')

    with pytest.raises(VbaProjectError, match="1252"):
        project_streams(Project("P", (module,)))


# -- the built add-in ------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildInfo]:
    folder = tmp_path_factory.mktemp("addin")
    return {
        "xlam": build_addin(folder / "skp_xl.xlam", kind="xlam"),
        "xlsm": build_addin(folder / "skp_xl.xlsm", kind="xlsm"),
    }


def vba_bin(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("xl/vbaProject.bin")


def extracted_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {name.rsplit(".", 1)[0]: code for _f, _s, name, code in parser.extract_macros()}
    finally:
        parser.close()


def expected_sources() -> dict[str, str]:
    """Module name -> the text its stream must hold: each file as written, an exported
    class's VERSION...END header dropped; ``Dictionary`` as Excel stored it on import in
    xlwings' own add-in (of the same xlwings version)."""
    files = [p for p in MACROS.iterdir() if p.suffix in {".bas", ".cls"}]
    files.append(XLWINGS_DIR / "xlwings.bas")
    sources = {}
    for path in files:
        text = path.read_bytes().decode("cp1252")
        sources[path.stem] = text[text.index("Attribute VB_Name") :]
    sources["Dictionary"] = extracted_modules(XLWINGS_ADDIN)["Dictionary"]
    wrappers = wrapper_module(udf, vb_name=UDF_WRAPPERS_MODULE)
    sources[UDF_WRAPPERS_MODULE] = wrappers.replace("\n", "\r\n")
    sources[HELP_MODULE] = help_module(udf).replace("\n", "\r\n")
    return sources


@pytest.mark.parametrize("kind", ["xlam", "xlsm"])
def test_every_module_extracted_by_olevba_equals_its_source(
    built: dict[str, BuildInfo], kind: str
) -> None:
    assert extracted_modules(built[kind].path) == expected_sources()


def test_project_is_source_only_and_parses_strictly(built: dict[str, BuildInfo]) -> None:
    data = vba_bin(built["xlam"].path)
    ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_INCORRECT)
    project = VBA_Project(ole, "", "PROJECT", "VBA/dir", relaxed=False)
    project.parse_project_stream()
    list(project.parse_modules())

    assert project.projectname == "SkpXl"
    assert project.codepage == 1252
    assert [(m.name, m.textoffset, m.type) for m in project.modules] == [
        ("ThisWorkbook", 0, 0x22),
        ("Sheet1", 0, 0x22),
        ("RibbonSkp", 0, 0x21),
        ("SkpFungsi", 0, 0x21),
        ("SkpBantuan", 0, 0x21),
        ("xlwings", 0, 0x21),
        ("Dictionary", 0, 0x22),
    ]
    assert ole.openstream("VBA/_VBA_PROJECT").read() == b"\xcc\x61\xff\xff\x00\x01\x00"
    assert sorted("/".join(e) for e in ole.listdir()) == [
        "PROJECT",
        "PROJECTwm",
        "VBA/Dictionary",
        "VBA/RibbonSkp",
        "VBA/Sheet1",
        "VBA/SkpBantuan",
        "VBA/SkpFungsi",
        "VBA/ThisWorkbook",
        "VBA/_VBA_PROJECT",
        "VBA/dir",
        "VBA/xlwings",
    ]


def test_project_references_stdole_and_the_office_library(built: dict[str, BuildInfo]) -> None:
    ole = olefile.OleFileIO(io.BytesIO(vba_bin(built["xlam"].path)))
    directory = decompress(ole.openstream("VBA/dir").read())

    assert directory == dir_stream(addin_project())
    assert STDOLE.libid.encode() in directory
    assert b"{2DF8D04C-5BFA-101B-BDE5-00AA0044DE52}#2.0#" in OFFICE.libid.encode()
    assert OFFICE.libid.encode() in directory


def test_project_stream_lists_modules_and_an_unprotected_visible_project(
    built: dict[str, BuildInfo],
) -> None:
    ole = olefile.OleFileIO(io.BytesIO(vba_bin(built["xlam"].path)))
    text = ole.openstream("PROJECT").read().decode("cp1252")
    lines = text.split("\r\n")
    values = dict(line.split("=", 1) for line in lines if "=" in line)
    project_id = values["ID"].strip('"')

    assert lines[1:8] == [
        "Document=ThisWorkbook/&H00000000",
        "Document=Sheet1/&H00000000",
        "Module=RibbonSkp",
        "Module=SkpFungsi",
        "Module=SkpBantuan",
        "Module=xlwings",
        "Class=Dictionary",
    ]
    assert values["Name"] == '"SkpXl"'
    assert [decrypt(values[key].strip('"'))[:2] for key in ("CMG", "DPB", "GC")] == [
        (bytes(4), project_key(project_id)),
        (b"\x00", project_key(project_id)),
        (b"\xff", project_key(project_id)),
    ]
    assert (
        ole.openstream("PROJECTwm").read()
        == b"".join(name.encode() + b"\0" + name.encode("utf-16-le") + b"\0\0" for name in MODULES)
        + b"\0\0"
    )


def test_xlwings_module_is_the_installed_one_naming_its_dll(built: dict[str, BuildInfo]) -> None:
    code = extracted_modules(built["xlam"].path)["xlwings"]
    version = xlwings.__version__

    assert built["xlam"].xlwings_version == version
    assert f'Lib "xlwings64-{version}.dll"' in code
    assert f'Lib "xlwings32-{version}.dll"' in code
    assert xlwings_module_path() == XLWINGS_DIR / "xlwings.bas"


def test_dictionary_class_is_the_installed_file_as_excel_imports_it(
    built: dict[str, BuildInfo],
) -> None:
    carried = XLWINGS_DICTIONARY.read_bytes().decode("cp1252")
    stored = extracted_modules(built["xlam"].path)["Dictionary"]
    # The VBA editor adds these three on import (xlwings' own add-in holds them too).
    added = {
        'Attribute VB_Base = "0{FCFB3D2A-A0FA-1068-A738-08002B3371B5}"',
        "Attribute VB_TemplateDerived = False",
        "Attribute VB_Customizable = False",
    }

    assert xlwings_dictionary_path() == XLWINGS_DICTIONARY
    assert carried.startswith("VERSION 1.0 CLASS\r\n")
    assert "(c) Tim Hall - https://github.com/timhall/VBA-Dictionary" in stored
    assert "@license: MIT" in stored
    assert [line for line in stored.split("\r\n") if line not in added] == carried[
        carried.index("Attribute VB_Name") :
    ].split("\r\n")
    assert stored == extracted_modules(XLWINGS_ADDIN)["Dictionary"]


# Types VBA, its OLE Automation library and Excel define; any other type xlwings.bas
# names must be a class module of the project, or the project does not compile.
BUILT_IN_TYPES = {
    *("Boolean", "Byte", "Currency", "Date", "Double", "Integer", "Long", "LongLong"),
    *("LongPtr", "Object", "Single", "String", "Variant", "Collection"),
    *("Application", "Range", "Workbook", "Worksheet", "Sheets", "Name", "Chart"),
}
TYPE_NAME = re.compile(r"\b(?:As|New)\s+(?:New\s+)?([A-Za-z]\w*)")


def test_every_type_xlwings_bas_names_is_built_in_or_a_class_of_the_project() -> None:
    source = xlwings_module_path().read_text(encoding="cp1252")
    declared = {
        name
        for line in source.splitlines()
        if not line.lstrip().startswith(("'", "Open "))  # Open ... As #file: not a type
        for name in TYPE_NAME.findall(line)
    }
    classes = {m.name for m in addin_project().modules if m.kind is ModuleKind.CLASS}

    assert "Dictionary" in declared  # under #If Mac
    assert declared - BUILT_IN_TYPES <= classes


def test_xlwings_in_use_is_the_bsd_core() -> None:
    assert xlwings.__pro__ is False


def test_ruff_bans_imports_of_xlwings_pro_and_server() -> None:
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent))
    assert ruff is not None
    source = "import xlwings.pro\nfrom xlwings import server\nfrom xlwings.pro import x\n"

    result = subprocess.run(
        [ruff, "check", "--select", "TID251", "--output-format", "concise", "-"],
        input=source,
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    )

    assert re.findall(r"TID251 `([\w.]+)` is banned", result.stdout) == [
        "xlwings.pro",
        "xlwings.server",
        "xlwings.pro",
    ]


def indicators(path: Path) -> set[tuple[str, str]]:
    parser = VBA_Parser(str(path))
    try:
        return {(kind, keyword) for kind, keyword, _ in parser.analyze_macros()}
    finally:
        parser.close()


def test_olevba_finds_nothing_in_the_add_in_that_xlwings_own_code_lacks(
    built: dict[str, BuildInfo],
) -> None:
    xlwings_bas = (XLWINGS_DIR / "xlwings.bas").read_text(encoding="cp1252")
    xlwings_own = indicators(XLWINGS_ADDIN) | {
        (kind, keyword) for kind, keyword, _ in VBA_Scanner(xlwings_bas).scan()
    }
    ours = set()
    for name, source in expected_sources().items():
        if name not in XLWINGS_MODULES:
            ours |= {(kind, keyword) for kind, keyword, _ in VBA_Scanner(source).scan()}

    found = indicators(built["xlam"].path)

    assert found - xlwings_own == set()
    assert ours - indicators(XLWINGS_ADDIN) == set()
    assert not any(kind == "AutoExec" for kind, _ in found)


def test_package_parts_declare_the_add_in_the_project_and_the_ribbon(
    built: dict[str, BuildInfo],
) -> None:
    for kind, main in build_module.MAIN_CONTENT_TYPES.items():
        with zipfile.ZipFile(built[kind].path) as zf:
            types = ElementTree.fromstring(zf.read("[Content_Types].xml"))
            overrides = {e.get("PartName"): e.get("ContentType") for e in types}
            package_rels = ElementTree.fromstring(zf.read("_rels/.rels"))
            workbook_rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
            names = zf.namelist()
        assert overrides["/xl/workbook.xml"] == main
        assert overrides["/xl/vbaProject.bin"] == "application/vnd.ms-office.vbaProject"
        assert (RIBBON_RELATIONSHIP, "customUI/customUI14.xml") in {
            (r.get("Type"), r.get("Target")) for r in package_rels
        }
        assert (build_module.VBA_RELATIONSHIP, "vbaProject.bin") in {
            (r.get("Type"), r.get("Target")) for r in workbook_rels
        }
        assert {"customUI/customUI14.xml", "xl/vbaProject.bin"} <= set(names)
        assert names[0] == "[Content_Types].xml"


def test_code_names_match_the_document_modules(built: dict[str, BuildInfo]) -> None:
    wb = openpyxl.load_workbook(built["xlsm"].path)
    documents = {m.name for m in addin_project().modules if m.kind is ModuleKind.DOCUMENT}

    assert wb.code_name == "ThisWorkbook"
    assert {wb.code_name} | {ws.sheet_properties.codeName for ws in wb.worksheets} == documents
    assert wb.defined_names["SKP_ADDIN_XLWINGS_VERSION"].attr_text == f'"{xlwings.__version__}"'


def test_build_info_is_read_back_from_the_add_in(built: dict[str, BuildInfo]) -> None:
    info = built["xlam"]

    assert read_build_info(info.path) == BuildInfo(
        info.path, "xlam", info.skp_xl_version, info.xlwings_version
    )
    assert info.modules == MODULES


def test_read_build_info_of_a_foreign_or_missing_file_is_none(tmp_path: Path) -> None:
    other = tmp_path / "other.xlam"
    shutil.copyfile(XLWINGS_ADDIN, other)

    assert read_build_info(other) is None
    assert read_build_info(tmp_path / "missing.xlam") is None


# -- the ribbon ------------------------------------------------------------------------


def test_ribbon_is_customui14_with_the_buttons_in_indonesian(built: dict[str, BuildInfo]) -> None:
    with zipfile.ZipFile(built["xlam"].path) as zf:
        packaged = zf.read("customUI/customUI14.xml")
    root = ElementTree.fromstring(packaged)
    ns = {"ui": RIBBON_NAMESPACE}
    buttons = root.findall(".//ui:button", ns)

    assert packaged == ribbon_xml()
    assert root.tag == f"{{{RIBBON_NAMESPACE}}}customUI"
    assert [tab.get("label") for tab in root.findall(".//ui:tab", ns)] == ["SKP"]
    assert {b.get("id"): b.get("label") for b in buttons} == BUTTONS
    assert {b.get("onAction") for b in buttons} == {"SkpRibbon"}
    assert all(b.get("imageMso") and b.get("screentip") and b.get("supertip") for b in buttons)


def test_replacing_the_ribbon_of_an_excel_add_in_leaves_only_ours() -> None:
    with zipfile.ZipFile(XLWINGS_ADDIN) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    before = ElementTree.fromstring(parts["_rels/.rels"])

    build_module.replace_ribbon(parts, ribbon_xml())

    after = ElementTree.fromstring(parts["_rels/.rels"])
    ribbons = [r.get("Target") for r in after if r.get("Type", "").endswith("/ui/extensibility")]
    assert ribbons == ["customUI/customUI14.xml"]
    assert "customUI/customUI.xml" not in parts
    assert parts["customUI/customUI14.xml"] == ribbon_xml()
    others = {(r.get("Id"), r.get("Target")) for r in before if "/ui/" not in r.get("Type", "")}
    assert others <= {(r.get("Id"), r.get("Target")) for r in after}


def test_every_on_action_names_a_ribbon_callback_in_the_project() -> None:
    root = ElementTree.fromstring(ribbon_xml())
    actions = {e.get("onAction") for e in root.iter() if e.get("onAction")}
    modules = addin_project().modules
    callbacks = {name for m in modules for name in CALLBACK.findall(m.source)}

    assert actions <= callbacks
    # Excel does not find a callback whose name is also a module's name.
    assert not actions & {m.name for m in modules}
    ribbon_module = next(m for m in modules if m.name == "RibbonSkp")
    # The callback and Application.Run (tests/addin/test_excel.py) share one path.
    assert "Public Sub SkpRibbon(control As IRibbonControl)\r\n    SkpTombol control.Id\r\n" in (
        ribbon_module.source
    )
    assert (
        "Public Sub SkpTombol(ByVal id As String)\r\n"
        '    RunPython "import skp_xl.addin.ribbon as r; r.dispatch(\'" & id & "\')"\r\n'
    ) in ribbon_module.source


ON_LOAD = re.compile(r"^Public Sub (\w+)\(ribbon As IRibbonUI\)\r$", re.MULTILINE)


def test_the_ribbon_registers_the_wizard_help_when_the_add_in_opens() -> None:
    root = ElementTree.fromstring(ribbon_xml())
    modules = {m.name: m.source for m in addin_project().modules}
    (on_load,) = ON_LOAD.findall(modules["RibbonSkp"])
    body = modules["RibbonSkp"].split(f"Sub {on_load}(", 1)[1].split("End Sub", 1)[0]

    assert root.get("onLoad") == on_load
    assert f"If Not {HELP_PROCEDURE}() Then ThisWorkbook.TungguBukuKerja" in body
    # Refused while Excel shows no workbook: ThisWorkbook tries again on the next
    # activated workbook, and stops listening once it went in.
    this = modules["ThisWorkbook"]
    assert "Private WithEvents Aplikasi As Application\r\n" in this
    assert "Public Sub TungguBukuKerja()\r\n    Set Aplikasi = Application\r\n" in this
    assert (
        "Private Sub Aplikasi_WorkbookActivate(ByVal Wb As Workbook)\r\n"
        f"    If {HELP_PROCEDURE}() Then Set Aplikasi = Nothing\r\n"
    ) in this


def test_the_built_add_in_carries_the_wizard_help_of_every_function(
    built: dict[str, BuildInfo],
) -> None:
    source = extracted_modules(built["xlam"].path)[HELP_MODULE]
    calls = re.findall(
        r'^    Application\.MacroOptions Macro:=book & "(\w+)", _\r\n'
        r'        Description:="((?:[^"]|"")*)", _\r\n'
        r'        Category:="SKP", _\r\n'
        r"        ArgumentDescriptions:=Array\( _\r\n"
        r'((?:            "(?:[^"]|"")*", _\r\n)*            "(?:[^"]|"")*"\))\r\n'
        r"    If Err\.Number <> 0 Then failed = failed \+ 1: Err\.Clear\r$",
        source,
        re.MULTILINE,
    )

    assert source.count("Application.MacroOptions") == len(udf.UDFS) == len(calls)
    for name, description, array in calls:
        function = getattr(udf, name)
        docs = [d.replace('""', '"') for d in re.findall(r'"((?:[^"]|"")*)"', array)]
        assert description.replace('""', '"') == function.__doc__
        assert docs == [udf.ARGUMENTS[name][a] for a in inspect.signature(function).parameters]
        assert all(0 < len(text) <= HELP_LIMIT for text in [description, *docs])
    assert max(len(line) for line in source.split("\r\n")) <= VBA_LINE_LIMIT
    assert source.count("On Error Resume Next") == 1
    # Not listed as a worksheet function itself.
    assert "\r\nOption Private Module\r\n" in source
    assert source.index("On Error Resume Next") < source.index("Application.MacroOptions")
    # Excel for Mac has no ArgumentDescriptions (nor UDFs): compiled out there.
    assert (
        source.index("#If Mac Then")
        < source.index("#Else")
        < source.index("Application.MacroOptions")
    )


# -- LibreOffice -----------------------------------------------------------------------


@pytest.mark.libreoffice
def test_libreoffice_opens_the_test_vehicle_and_keeps_its_modules(
    built: dict[str, BuildInfo], recalculate: LibreOffice
) -> None:
    source = built["xlsm"].path

    resaved = recalculate.convert([source], "xlsm:Calc MS Excel 2007 VBA XML")[source]
    values = recalculate([source])[source].values

    assert values["SKP-XL"]["B4"] == xlwings.__version__
    # LibreOffice 7.4 writes its own export of the project and ends each module with one
    # more empty line. A class module it keeps as a Basic class: "Option ClassModule"
    # instead of the attribute lines after VB_Name. The text is otherwise unchanged.
    modules = extracted_modules(resaved)
    expected = expected_sources()
    assert modules.keys() == expected.keys()
    for name, code in modules.items():
        if name == "Dictionary":
            lines = expected[name].split("\r\n")[1:]
            kept = [line for line in lines if not line.startswith("Attribute ")]
            expected[name] = "\r\n".join(
                [f'Attribute VB_Name = "{name}"', "Option ClassModule", *kept]
            )
        assert code in {expected[name], expected[name] + "\r\n"}, name


# -- building: files and refusals ------------------------------------------------------


def test_build_refuses_a_wrong_extension_or_an_existing_file(tmp_path: Path) -> None:
    existing = tmp_path / "skp_xl.xlam"
    existing.write_bytes(b"old")

    with pytest.raises(AddinError):
        build_addin(tmp_path / "skp_xl.xlsx", kind="xlam")
    with pytest.raises(AddinError):
        build_addin(tmp_path / "skp_xl.xlam", kind="xlsm")
    with pytest.raises(OutputExistsError):
        build_addin(existing, kind="xlam")
    assert existing.read_bytes() == b"old"
    assert build_addin(existing, kind="xlam", force=True).path == existing
    assert zipfile.is_zipfile(existing)


def test_cli_build_writes_the_default_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    result = runner.invoke(app, ["addin", "build"])
    again = runner.invoke(app, ["addin", "build"])
    xlsm = runner.invoke(app, ["addin", "build", "--xlsm", "-o", "uji.xlsm"])

    assert result.exit_code == 0, result.output
    assert (tmp_path / "skp_xl.xlam").is_file()
    assert again.exit_code == 2
    assert "--force" in again.output
    assert xlsm.exit_code == 0, xlsm.output
    assert read_build_info(tmp_path / "uji.xlsm") is not None


@pytest.mark.parametrize(
    ("flags", "name"), [([], "skp.xlsx"), (["--xlsm"], "skp.xlam")], ids=["xlsx", "xlsm-as-xlam"]
)
def test_cli_build_refuses_a_name_that_does_not_fit(
    tmp_path: Path, flags: list[str], name: str
) -> None:
    result = runner.invoke(app, ["addin", "build", *flags, "-o", str(tmp_path / name)])

    assert result.exit_code == 2
    assert not list(tmp_path.iterdir())


# -- installing ------------------------------------------------------------------------


def test_install_on_linux_only_describes_the_steps(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")

    result = runner.invoke(app, ["addin", "install"])

    assert result.exit_code == 0, result.output
    assert "tidak dipasang" in result.output
    assert "-m xlwings.cli addin install" in result.output
    assert "INTERPRETER_WIN" in result.output
    assert "Trusted Locations" in result.output  # what makes the add-in's macros run


def test_via_excel_is_refused_off_windows(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "platform", "linux")

    install = runner.invoke(app, ["addin", "install", "--via-excel"])
    build = runner.invoke(app, ["addin", "build", "--via-excel", "-o", str(tmp_path / "a.xlam")])

    assert (install.exit_code, build.exit_code) == (2, 2)
    assert "Windows" in install.output
    with pytest.raises(AddinError, match="Windows"):
        build_via_excel(tmp_path / "a.xlam")
    assert not list(tmp_path.iterdir())


def test_run_install_is_refused_off_windows_and_macos(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "linux")

    with pytest.raises(AddinError):
        install_module.run_install()


def plan(existing: BuildInfo | None, force: bool = False) -> install_module.InstallPlan:
    return plan_install(
        platform="win32",
        addin_dir=Path("XLSTART"),
        existing=existing,
        xlwings="0.37.8",
        skp_xl="0.1.0",
        home=PureWindowsPath(r"C:\Users\ani"),
        executable=r"C:\venv\Scripts\python.exe",
        force=force,
    )


def test_install_rebuilds_when_missing_or_built_with_another_xlwings() -> None:
    path = Path("XLSTART/skp_xl.xlam")
    same = BuildInfo(path, "xlam", "0.1.0", "0.37.8")

    assert plan(None).rebuild
    assert plan(BuildInfo(path, "xlam", "0.1.0", "0.36.0")).rebuild
    assert "0.36.0" in plan(BuildInfo(path, "xlam", "0.1.0", "0.36.0")).reason
    assert plan(BuildInfo(path, "xlam", "0.0.9", "0.37.8")).rebuild
    assert not plan(same).rebuild
    assert plan(same, force=True).rebuild


def test_install_plan_names_the_interpreter_and_xlwings_conf() -> None:
    result = plan(None)

    assert result.addin == Path("XLSTART/skp_xl.xlam")
    assert result.config == PureWindowsPath(r"C:\Users\ani\.xlwings\xlwings.conf")
    assert result.xlwings_command[1:] == ("-m", "xlwings.cli", "addin", "install")
    assert len(describe(result)) == 5
    assert config_file("darwin", PureWindowsPath("H")).parts[-2:] == ("Data", "xlwings.conf")


def test_config_keeps_other_settings_and_replaces_the_interpreter() -> None:
    old = '"CONDA PATH","C:\\conda"\n\n"INTERPRETER_WIN","C:\\old\\python.exe"\n'

    new = config_with(old, "INTERPRETER_WIN", r"C:\venv\Scripts\python.exe")

    assert new == '"CONDA PATH","C:\\conda"\n"INTERPRETER_WIN","C:\\venv\\Scripts\\python.exe"\n'
    assert (
        config_with("", "INTERPRETER_MAC", "/v/bin/python") == '"INTERPRETER_MAC","/v/bin/python"\n'
    )
