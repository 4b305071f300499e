"""Triage: every bad or hostile file gets one finding with its code and path, quickly."""

from __future__ import annotations

import hashlib
import io
import os
import random
import re
import struct
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skp_xl.domain.codes import REGISTRY, Code, Section
from skp_xl.domain.findings import Finding, Severity
from skp_xl.reader import triage as triage_module
from skp_xl.reader.names import read_workbook_index
from skp_xl.reader.triage import Triage, is_candidate, triage
from skp_xl.settings import Limits
from tests.libreoffice import LibreOffice
from tests.reader import hostile
from tests.reader.hostile import SAMPLES, Sample, minimal_parts, sheet_xml, workbook_xml

TRIAGED = {c for c in Code if c.startswith("berkas-") and REGISTRY[c].section is Section.BERKAS}
"""The codes triage gives: the file section's ``berkas-*`` codes (the others there come
from reading a workbook that passed triage)."""
TEMPLATES = sorted((Path(__file__).parents[2] / "workbook_templates").glob("*.xlsx"))
WARNINGS = {
    Code.BERKAS_DIMENSI_BESAR,
    Code.BERKAS_TAUTAN_EKSTERNAL,
    Code.BERKAS_RUMUS_WEB,
    Code.BERKAS_EKSTENSI_SALAH,
}
INFOS = {Code.BERKAS_KUNCI, Code.BERKAS_TERSEMBUNYI}


def expected_severity(code: str) -> Severity:
    if code in WARNINGS:
        return Severity.WARNING
    return Severity.INFO if code in INFOS else Severity.ERROR


def write_parts(path: Path, parts: dict[str, bytes]) -> Path:
    hostile.write_zip(path, parts)
    return path


def only(triaged: Triage) -> Finding | None:
    """The finding triage reports, if any: it never reports more than one."""
    assert len(triaged.findings) <= 1
    return triaged.findings[0] if triaged.findings else None


def where(triaged: Triage) -> tuple[str, str | None, str | None] | None:
    finding = only(triaged)
    return None if finding is None else (finding.code, finding.sheet, finding.cell)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.filename)
def test_each_sample_gets_its_code_and_path(sample: Sample, tmp_path: Path) -> None:
    path = hostile.write(sample, tmp_path)

    finding = only(triage(path))

    if sample.code is None:
        assert finding is None
    else:
        assert finding is not None
        assert (finding.code, finding.severity, finding.path) == (
            sample.code,
            expected_severity(sample.code),
            str(path),
        )
        assert path.name in finding.message


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.filename)
def test_a_readable_file_comes_with_its_index_and_the_hash_of_its_bytes(
    sample: Sample, tmp_path: Path
) -> None:
    path = hostile.write(sample, tmp_path)

    triaged = triage(path)

    if sample.code is None or expected_severity(sample.code) is Severity.WARNING:
        assert triaged.readable
        assert triaged.blocking is None
        assert triaged.index == read_workbook_index(path)
        assert triaged.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    else:
        assert not triaged.readable
        assert triaged.blocking == only(triaged)
        assert (triaged.index, triaged.sha256) == (None, None)


@pytest.mark.parametrize("padding", [0, 1, 4096, 4097, 70_000, 300_000])
def test_the_hash_covers_bytes_between_members(tmp_path: Path, padding: int) -> None:
    # Bytes no zip reader looks at, and a picture inflated over several chunks: the hash
    # must still be of every byte, in order.
    parts = minimal_parts()
    parts["xl/media/image1.png"] = random.Random(padding).randbytes(700_000)
    members = [hostile.raw_member(name, data) for name, data in parts.items()]
    path = tmp_path / "celah.xlsx"
    hostile.write_raw_zip(path, members, padding=b"\x00" * padding)

    triaged = triage(path)

    assert triaged.findings == ()
    assert triaged.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


class _Unseekable:
    """A stream zipfile cannot seek back in, so it writes a data descriptor after each
    member (as some tools writing to a network stream do)."""

    def __init__(self) -> None:
        self.buffer = io.BytesIO()

    def write(self, data: bytes) -> int:
        return self.buffer.write(data)

    def flush(self) -> None:
        pass


def test_the_hash_covers_data_descriptors(tmp_path: Path) -> None:
    stream = _Unseekable()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as zf:  # type: ignore[arg-type]
        for name, data in minimal_parts().items():
            zf.writestr(name, data)
    path = tmp_path / "deskriptor.xlsx"
    path.write_bytes(stream.buffer.getvalue())
    with zipfile.ZipFile(path) as zf:
        assert all(info.flag_bits & 0x08 for info in zf.infolist())

    triaged = triage(path)

    assert triaged.findings == ()
    assert triaged.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "template", [t for t in TEMPLATES if t.stat().st_size > 100_000], ids=lambda path: path.name
)
def test_hashing_takes_no_second_pass_over_the_file(
    template: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = 0

    class Counted(io.FileIO):
        def readinto(self, buffer: bytearray | memoryview) -> int | None:  # type: ignore[override]
            nonlocal read
            count = super().readinto(buffer)
            read += count or 0
            return count

    def counted_open(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        return io.BufferedReader(Counted(self, "r"))

    monkeypatch.setattr(Path, "open", counted_open)

    triaged = triage(template)

    # The walk over the members reads the file once, and the archive's tail (at most
    # 64 KiB) is read before it; hashing in a second pass would read the whole file again.
    assert triaged.sha256 is not None
    assert read < template.stat().st_size + 80_000


def test_every_code_has_a_sample_or_a_test() -> None:
    sampled = {sample.code for sample in SAMPLES}
    tested_here = {Code.BERKAS_TIDAK_ADA, Code.BERKAS_TIDAK_TERBACA}
    assert sampled | tested_here >= TRIAGED


def test_samples_are_small_on_disk(tmp_path: Path) -> None:
    paths = hostile.write_all(tmp_path)

    sizes = {name: path.stat().st_size for name, path in paths.items() if path.is_file()}

    assert max(sizes.values()) < 400_000
    assert sizes["zip-bomb.xlsx"] == max(sizes.values())


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_committed_templates_are_readable(template: Path) -> None:
    assert triage(template).findings == ()


def test_templates_exist() -> None:
    assert len(TEMPLATES) >= 7


def test_missing_path_is_reported_with_the_path(tmp_path: Path) -> None:
    path = tmp_path / "tidak-ada.xlsx"

    finding = only(triage(path))

    assert finding is not None
    assert (finding.code, finding.severity, finding.path) == (
        "berkas-tidak-ada",
        Severity.ERROR,
        str(path),
    )


def test_a_file_that_cannot_be_opened_is_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions do not stop root, so refuse the open itself.
    path = hostile.write(SAMPLES[0], tmp_path)

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)

    assert where(triage(path)) == ("berkas-tidak-terbaca", None, None)


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipa.xlsx"
    os.mkfifo(path)

    assert where(triage(path)) == ("berkas-tidak-terbaca", None, None)


def test_zip_bomb_is_refused_quickly_without_inflating(tmp_path: Path) -> None:
    path = hostile.write(next(s for s in SAMPLES if s.filename == "zip-bomb.xlsx"), tmp_path)
    with zipfile.ZipFile(path) as zf:
        declared = sum(info.file_size for info in zf.infolist())

    start = time.perf_counter()
    triaged = triage(path)
    elapsed = time.perf_counter() - start

    assert where(triaged) == ("berkas-terlalu-besar", None, None)
    assert declared > Limits().max_uncompressed
    assert elapsed < 2.0


def test_a_member_that_inflates_too_many_times_is_refused(tmp_path: Path) -> None:
    # 2 MiB of zeros: far under the total limit, but a ratio of about 1000.
    parts = minimal_parts()
    parts["xl/media/image1.png"] = bytes(2 << 20)
    path = write_parts(tmp_path / "rasio.xlsx", parts)

    assert where(triage(path)) == ("berkas-terlalu-besar", None, None)
    assert triage(path, limits=Limits(max_ratio=5_000)).findings == ()


def test_file_size_limit(tmp_path: Path) -> None:
    path = hostile.write(SAMPLES[0], tmp_path)

    assert where(triage(path, limits=Limits(max_file_bytes=100))) == (
        "berkas-terlalu-besar",
        None,
        None,
    )


def test_member_count_limit_is_read_before_the_directory_is_parsed(tmp_path: Path) -> None:
    path = hostile.write(SAMPLES[0], tmp_path)

    assert where(triage(path, limits=Limits(max_members=3))) == (
        "berkas-terlalu-besar",
        None,
        None,
    )


def test_time_limit(tmp_path: Path) -> None:
    path = hostile.write(SAMPLES[0], tmp_path)

    assert where(triage(path, limits=Limits(max_seconds=-1))) == (
        "berkas-terlalu-besar",
        None,
        None,
    )


def with_zip64_end(data: bytes) -> bytes:
    """The same zip, its end record pointing to a ZIP64 end record (as some writers do)."""
    at = data.rindex(b"PK\x05\x06")
    _, _, _, _, entries, size, offset, _ = struct.unpack_from("<4s4H2LH", data, at)
    record = struct.pack(
        "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
    )
    locator = struct.pack("<4sLQL", b"PK\x06\x07", 0, at, 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return data[:at] + record + locator + end


def test_zip64_end_records_are_sized_too(tmp_path: Path) -> None:
    hostile.write_zip(tmp_path / "biasa.xlsx", minimal_parts())
    path = tmp_path / "zip64.xlsx"
    path.write_bytes(with_zip64_end((tmp_path / "biasa.xlsx").read_bytes()))

    assert triage(path).findings == ()
    assert where(triage(path, limits=Limits(max_members=3))) == (
        "berkas-terlalu-besar",
        None,
        None,
    )


def test_cells_beyond_the_limits_are_located(tmp_path: Path) -> None:
    path = write_parts(tmp_path / "kecil.xlsx", minimal_parts())

    assert triage(path, limits=Limits(max_rows=1, max_cols=2)).findings == ()
    assert where(triage(path, limits=Limits(max_cols=1))) == ("berkas-rentang-besar", "SKP", "B1")


def test_formatted_empty_cells_far_away_are_harmless(tmp_path: Path) -> None:
    # Excel writes them when a whole column is formatted; calamine skips them.
    far = '<row r="1048576"><c r="XFD1048576" s="1"/></row>'
    path = write_parts(
        tmp_path / "format.xlsx", minimal_parts(sheet=sheet_xml(hostile.SHEET_DATA + far, "A1:B1"))
    )

    assert triage(path).findings == ()


def test_an_error_wins_over_an_earlier_warning(tmp_path: Path) -> None:
    hostile.make_external_link(tmp_path / "tautan.xlsx")
    with zipfile.ZipFile(tmp_path / "tautan.xlsx") as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    far = '<row r="50000"><c r="A50000"><v>1</v></c></row>'
    sheet = sheet_xml(hostile.SHEET_DATA + far, "A1:B50000")
    parts["xl/worksheets/sheet2.xml"] = sheet.encode()
    path = write_parts(tmp_path / "dua.xlsx", parts)

    assert where(triage(path)) == ("berkas-rentang-besar", "Identitas", "A50000")


def test_a_dimension_within_the_limits_is_trusted_under_a_memory_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel writes the used range in <dimension>; within the limits, in a process whose
    memory is capped (the supervised reader), the cells are not walked. A file that lies
    there (A1:B1 over a cell at A50000) is read; one that would make calamine allocate
    past the memory cap is stopped by that cap (tests/cli/test_validate.py,
    tests/batch/test_pengawas.py). Without a cap (predikat, roster, tindak-lanjut read in
    their own process), the cells are walked and the far cell is named."""
    far = '<row r="50000"><c r="A50000"><v>1</v></c></row>'
    lying = write_parts(
        tmp_path / "bohong.xlsx", minimal_parts(sheet=sheet_xml(hostile.SHEET_DATA + far))
    )
    monkeypatch.setattr(triage_module, "memori_dibatasi", lambda: False)
    assert where(triage(lying)) == ("berkas-rentang-besar", "SKP", "A50000")
    monkeypatch.setattr(triage_module, "memori_dibatasi", lambda: True)
    assert triage(lying).findings == ()
    honest = write_parts(
        tmp_path / "jujur.xlsx",
        minimal_parts(sheet=sheet_xml(hostile.SHEET_DATA + far, "A1:B50000")),
    )
    assert where(triage(honest)) == ("berkas-rentang-besar", "SKP", "A50000")


def test_an_external_reference_is_located_in_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "tautan.xlsx"
    hostile.make_external_link(path)

    assert where(triage(path)) == ("berkas-tautan-eksternal", "SKP", "A1")


def test_an_external_link_part_alone_is_reported_without_a_cell(tmp_path: Path) -> None:
    hostile.make_external_link(tmp_path / "tautan.xlsx")
    with zipfile.ZipFile(tmp_path / "tautan.xlsx") as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    parts["xl/worksheets/sheet1.xml"] = sheet_xml().encode()
    path = write_parts(tmp_path / "bagian.xlsx", parts)

    finding = only(triage(path))

    assert finding is not None
    assert (finding.code, finding.sheet, finding.cell) == ("berkas-tautan-eksternal", None, None)
    assert "xl/externalLinks/externalLink1.xml" in finding.message


def test_a_defined_name_calling_webservice_is_reported_by_name(tmp_path: Path) -> None:
    name = '<definedName name="KURS">_xlfn.WEBSERVICE("http://contoh.invalid")</definedName>'
    path = write_parts(tmp_path / "nama.xlsx", minimal_parts(workbook=workbook_xml(name)))

    finding = only(triage(path))

    assert finding is not None
    assert (finding.code, finding.field) == ("berkas-rumus-web", "KURS")


@pytest.mark.parametrize("shift", [-300, -60, -40, -25, -12, -11, -3, 0, 5, 10, 30])
def test_web_calls_are_located_across_chunk_boundaries(tmp_path: Path, shift: int) -> None:
    # Pad the sheet so the 256 KiB chunk boundary falls in and around the formula's cell.
    head = sheet_xml("", "A1:C9000").split("<sheetData>")[0] + "<sheetData>"
    cell = '<row r="9000"><c r="C9000" t="str"><f>_xlfn.WEBSERVICE("http://x.invalid")</f>'
    target = 256 * 1024 + shift - len(head) - len(cell) // 2
    filler = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>' + "x" * (target - 46) + "</t></is></c></row>"
    )
    text = head + filler + cell + "<v>1</v></c></row></sheetData></worksheet>"
    path = write_parts(tmp_path / "batas.xlsx", minimal_parts(sheet=text))

    assert where(triage(path)) == ("berkas-rumus-web", "SKP", "C9000")


def test_web_text_outside_formulas_of_cells_has_no_cell(tmp_path: Path) -> None:
    rule = (
        '<conditionalFormatting sqref="A1"><cfRule type="expression" priority="1">'
        '<formula>LEN(WEBSERVICE("http://x.invalid"))&gt;0</formula></cfRule>'
        "</conditionalFormatting>"
    )
    text = sheet_xml().replace("</worksheet>", rule + "</worksheet>")
    path = write_parts(tmp_path / "cf.xlsx", minimal_parts(sheet=text))

    assert where(triage(path)) == ("berkas-rumus-web", "SKP", None)


def test_function_names_merely_containing_call_are_not_reported(tmp_path: Path) -> None:
    data = '<row r="1"><c r="A1"><f>_xludf.RECALL(1)+MY.IMAGE(2)</f><v>1</v></c></row>'
    path = write_parts(tmp_path / "recall.xlsx", minimal_parts(sheet=sheet_xml(data, "A1")))

    assert triage(path).findings == ()


def test_duplicate_member_names_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "ganda.xlsx"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for name, data in minimal_parts().items():
                zf.writestr(name, data)
            zf.writestr("xl/workbook.xml", workbook_xml())

    assert where(triage(path)) == ("berkas-rusak", None, None)


def test_a_zip_without_content_types_is_corrupt(tmp_path: Path) -> None:
    parts = minimal_parts()
    del parts["[Content_Types].xml"]

    assert where(triage(write_parts(tmp_path / "x.xlsx", parts))) == ("berkas-rusak", None, None)


def test_a_plain_zip_is_not_excel(tmp_path: Path) -> None:
    path = write_parts(tmp_path / "arsip.xlsx", {"catatan.txt": b"halo"})

    assert where(triage(path)) == ("berkas-bukan-excel", None, None)


def test_a_bad_crc_is_corrupt(tmp_path: Path) -> None:
    members = [hostile.raw_member(name, data) for name, data in minimal_parts().items()]
    bad = members[4]
    members[4] = hostile.RawMember(bad.name, bad.deflated, bad.crc ^ 1, bad.size)
    path = tmp_path / "crc.xlsx"
    hostile.write_raw_zip(path, members)

    assert where(triage(path)) == ("berkas-rusak", None, None)


def test_a_zip_version_zipfile_lacks_is_corrupt(tmp_path: Path) -> None:
    # Found by fuzzing: zipfile raises NotImplementedError, not BadZipFile.
    data = bytearray(write_parts(tmp_path / "a.xlsx", minimal_parts()).read_bytes())
    at = data.index(b"PK\x01\x02")
    data[at + 6 : at + 8] = struct.pack("<H", 64)  # "version needed to extract"
    path = tmp_path / "versi.xlsx"
    path.write_bytes(bytes(data))

    assert where(triage(path)) == ("berkas-rusak", None, None)


def test_a_member_name_that_is_not_utf8_is_corrupt(tmp_path: Path) -> None:
    # Found by fuzzing: zipfile raises UnicodeDecodeError for a local header's name.
    data = bytearray(write_parts(tmp_path / "a.xlsx", minimal_parts()).read_bytes())
    at = data.index(b"xl/workbook.xml") - 30  # its local header (the parts are deflated)
    assert data[at : at + 4] == b"PK\x03\x04"
    data[at + 6 : at + 8] = struct.pack("<H", 0x800)  # "name is UTF-8"
    data[at + 30] = 0x80
    path = tmp_path / "nama.xlsx"
    path.write_bytes(bytes(data))

    assert where(triage(path)) == ("berkas-rusak", None, None)


@pytest.fixture(scope="module")
def workbook_bytes() -> bytes:
    return hostile.real_workbook_bytes()


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0, max_value=10**6))
def test_every_truncation_is_an_error_and_never_raises(
    workbook_bytes: bytes, tmp_path: Path, cut: int
) -> None:
    path = tmp_path / "potong.xlsx"
    path.write_bytes(workbook_bytes[: cut % len(workbook_bytes)])

    finding = only(triage(path))

    assert finding is not None
    assert finding.severity is Severity.ERROR
    assert finding.code in {"berkas-rusak", "berkas-kosong", "berkas-bukan-excel"}


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_damaged_bytes_never_raise(
    workbook_bytes: bytes, tmp_path: Path, data: st.DataObject
) -> None:
    damaged = bytearray(workbook_bytes)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(damaged) - 1))
        damaged[at] = data.draw(st.integers(0, 255))
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(bytes(damaged))

    finding = only(triage(path))

    assert finding is None or finding.path == str(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("SKP Budi.xlsx", True),
        ("skp.XLSM", True),
        ("templat.xltx", True),
        ("lama.xls", True),
        ("biner.xlsb", True),
        ("lembar.ods", True),
        ("~$SKP Budi.xlsx", False),
        (".~lock.SKP Budi.xlsx#", False),
        (".tersembunyi.xlsx", False),
        ("._SKP Budi.xlsx", False),
        ("catatan.docx", False),
        ("data.csv", False),
        ("xlsx", False),
    ],
)
def test_is_candidate(name: str, expected: bool) -> None:
    assert is_candidate(Path("folder") / name) is expected


@pytest.fixture(scope="module")
def libreoffice_copies(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    source = hostile.write(SAMPLES[0], tmp_path_factory.mktemp("lo")).with_name("minimal.xlsx")
    return {target: recalculate.convert([source], target)[source] for target in ("ods", "xls")}


def test_libreoffice_ods_gets_its_code_and_xls_is_read(libreoffice_copies: dict[str, Path]) -> None:
    assert {target: where(triage(path)) for target, path in libreoffice_copies.items()} == {
        "ods": ("berkas-ods", None, None),
        "xls": None,
    }


@pytest.mark.parametrize(
    "cell",
    [
        '<c r="IW1"><v>1</v></c>',  # column 257: the first beyond the default 256
        '<c r="a20001"><v>1</v></c>',
        '<c r="ZZ3"><v>1</v></c>',
        '<c r="AAA3"><v>1</v></c>',
        '<c s="1" t="n" xmlns:x="urn:' + "x" * 200 + '" r="B123456"><v>1</v></c>',
        "<c r='IW2'><v>1</v></c>",  # spellings XML allows and Excel never writes
        '<c r = "ZZ4"><v>1</v></c>',
    ],
)
def test_the_default_limits_find_the_first_cell_beyond_them(tmp_path: Path, cell: str) -> None:
    # Many harmless cells first, so the quick pre-scan must lead to the exact one.
    near = "".join(f'<row r="{r}"><c r="C{r}" s="2"><v>{r}</v></c></row>' for r in range(2, 400))
    data = hostile.SHEET_DATA + near + f'<row r="400">{cell}</row>'
    # A dimension beyond the limits makes the scan walk the cells (one within them is
    # trusted: test_a_dimension_within_the_limits_is_trusted).
    sheet = sheet_xml(data, "A1:XFD1048576")
    path = write_parts(tmp_path / "jauh.xlsx", minimal_parts(sheet=sheet))
    found = only(triage(path))
    assert found is not None
    assert found.code == "berkas-rentang-besar"
    assert found.cell is not None
    assert found.cell.startswith(("IW", "A2", "ZZ", "AAA", "B1"))


def test_cells_at_the_default_limits_are_read(tmp_path: Path) -> None:
    data = hostile.SHEET_DATA + '<row r="20000"><c r="IV20000"><v>1</v></c></row>'
    path = write_parts(tmp_path / "tepi.xlsx", minimal_parts(sheet=sheet_xml(data)))
    assert triage(path).findings == ()


def _undeclared(tmp_path: Path, name: str, tail: str) -> Path:
    """A workbook whose sheet has no <dimension> (as openpyxl's write-only mode writes
    exports), 30,000 rows (several of triage's chunks) and then ``tail``."""
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Pegawai {r}</t></is></c>'
        f'<c r="N{r}"><v>{r}</v></c></row>'
        for r in range(2, 30_000)
    )
    sheet = sheet_xml(hostile.SHEET_DATA + rows + tail).replace('<dimension ref="A1:B1"/>', "")
    assert "<dimension" not in sheet
    return write_parts(tmp_path / name, minimal_parts(sheet=sheet))


def test_a_sheet_without_dimension_is_judged_by_its_row_tags_with_the_export_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the export limits, a sheet that declares no used range is not walked cell by
    cell: its last row tags say how far it goes. A row beyond the limits is still located
    at its first cell; a cell beyond the columns in a row within them is left to the
    reader's memory cap (as under a dimension within the limits: the sheet is at most
    200,000 rows, so calamine's rectangle is what the cap is for)."""
    ekspor = Limits(max_rows=200_000, max_cols=64, max_seconds=60.0)
    monkeypatch.setattr(triage_module, "memori_dibatasi", lambda: True)  # a supervised reader
    edge = _undeclared(tmp_path, "tepi.xlsx", '<row r="200000"><c r="BL200000"><v>1</v></c></row>')
    assert triage(edge, limits=ekspor).findings == ()
    far_row = _undeclared(
        tmp_path, "baris.xlsx", '<row r="200001"><c r="C200001"><v>1</v></c></row>'
    )
    assert where(triage(far_row, limits=ekspor)) == ("berkas-rentang-besar", "SKP", "C200001")
    # A row tag spelled otherwise (r not first) is not read for its number: walked.
    spelled = '<row spans="1:3" r="200002"><c r="B200002"><v>1</v></c></row>'
    odd = _undeclared(tmp_path, "ejaan.xlsx", spelled)
    assert where(triage(odd, limits=ekspor)) == ("berkas-rentang-besar", "SKP", "B200002")
    far_column = _undeclared(
        tmp_path, "kolom.xlsx", '<row r="30000"><c r="BM30000"><v>1</v></c></row>'
    )
    assert triage(far_column, limits=ekspor).findings == ()
    # Without a memory cap (a command reading in its own process) it is walked and named.
    monkeypatch.setattr(triage_module, "memori_dibatasi", lambda: False)
    assert where(triage(far_column, limits=ekspor)) == ("berkas-rentang-besar", "SKP", "BM30000")
    monkeypatch.setattr(triage_module, "memori_dibatasi", lambda: True)
    # The default limits still walk such a sheet and find the far column at its cell.
    wide = '<row r="30000"><c r="IW30000"><v>1</v></c></row>'
    assert where(
        triage(_undeclared(tmp_path, "lebar.xlsx", wide), limits=Limits(max_rows=30_000))
    ) == (
        "berkas-rentang-besar",
        "SKP",
        "IW30000",
    )


_PIECES = [b"A", b"(", b"<f>", b"_xlfn.", b"_XLFN.", b"SUM(", b" ", b".", b"E", b"L", b"ID"]
_PIECES += [*triage_module._WEB_CALLS, b"MYCALL(", b"ARTD(", b"XIMAGE(", b"WEBSERVICE"]


def _first_call_by_regex(text: bytes) -> tuple[str, int] | None:
    """The reference: the first web call whose name stands alone or after ``_xlfn.``."""
    names = b"|".join(re.escape(call[:-1]) for call in triage_module._WEB_CALLS)
    match = re.search(rb"(?:(?<=_xlfn\.)|(?<=_XLFN\.)|(?<![A-Z0-9_.]))(" + names + rb")\(", text)
    return (match[1].decode("ascii"), match.start(1)) if match else None


@given(st.lists(st.sampled_from(_PIECES), max_size=16).map(b"".join))
@settings(max_examples=3000, deadline=None)
def test_web_call_scan_finds_what_a_regex_finds(text: bytes) -> None:
    assert triage_module._find_call(text) == _first_call_by_regex(text)
