"""Excel 97-2003 (.xls) workbooks: an skp-xl workbook saved in the old format is read.

python-calamine reads an .xls's cells and merges but not its defined names (0.9.1 has no
such call), so :mod:`skp_xl.reader.biff` reads the NAME records, and the triage bounds
the read as it bounds an .xlsx. The real files come from LibreOffice (``--convert-to
xls``, the "MS Excel 97" filter, as Excel's "Save As Excel 97-2003 Workbook" writes the
same records); the hostile ones are built record by record.
"""

from __future__ import annotations

import hashlib
import json
import struct
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skp_xl.batch.berkas import proses_berkas
from skp_xl.cli import app
from skp_xl.domain.findings import Severity
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import workbook_spec
from skp_xl.reader.biff import read_biff
from skp_xl.reader.names import DefinedRange, SkipReason, read_workbook_index
from skp_xl.reader.triage import triage
from skp_xl.settings import Limits
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice
from tests.reader.hostile import cfb
from tests.reader.test_asing import make_absensi, make_pp46
from tests.workbook.test_print import fill

runner = CliRunner()


# -- BIFF8 built record by record ---------------------------------------------------------


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def bof(dt: int) -> bytes:
    return record(0x0809, struct.pack("<HHHHLL", 0x0600, dt, 0x0DBB, 0x07CC, 0, 6))


EOF = record(0x000A, b"")


def number(row: int, col: int, value: float) -> bytes:
    return record(0x0203, struct.pack("<HHHd", row, col, 15, value))


def name(
    text: str, ixti: int, rows: tuple[int, int], cols: tuple[int, int], itab: int = 0
) -> bytes:
    area = struct.pack("<BHHHHH", 0x3B, ixti, *rows, *cols)
    head = struct.pack("<HBBHHH4x", 0, 0, len(text), len(area), 0, itab)
    return record(0x0018, head + b"\x00" + text.encode("latin-1") + area)


def biff8(
    sheets: dict[str, list[bytes]], names: list[bytes] = (), *, filepass: bool = False
) -> bytes:
    """A BIFF8 Workbook stream: globals (sheets, this workbook's SUPBOOK, one XTI per
    sheet, ``names``), then each sheet's substream with its cell records."""

    def globals_(offsets: list[int]) -> bytes:
        parts = [bof(0x0005)]
        if filepass:
            parts.append(record(0x002F, b"\x01\x00" + bytes(52)))
        for offset, title in zip(offsets, sheets, strict=True):
            raw = title.encode("latin-1")
            parts.append(record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(raw), 0) + raw))
        parts.append(record(0x01AE, struct.pack("<HH", len(sheets), 0x0401)))
        xti = b"".join(struct.pack("<Hhh", 0, i, i) for i in range(len(sheets)))
        parts.append(record(0x0017, struct.pack("<H", len(sheets)) + xti))
        parts.extend(names)
        parts.append(EOF)
        return b"".join(parts)

    bodies = [bof(0x0010) + b"".join(cells) + EOF for cells in sheets.values()]
    offsets, at = [], len(globals_([0] * len(sheets)))
    for body in bodies:
        offsets.append(at)
        at += len(body)
    return globals_(offsets) + b"".join(bodies)


def write_xls(path: Path, stream: bytes) -> Path:
    path.write_bytes(cfb({"Workbook": stream}))
    return path


SMALL = {"Data": [number(0, 0, 1), number(1, 2, 199001012015031001)], "_meta": []}


def test_sheets_and_names_are_read_from_the_stream(tmp_path: Path) -> None:
    names = [
        name("NIP", 0, (1, 1), (2, 2)),
        name("TABEL", 0, (0, 9), (0, 3)),
        name("Print_Area", 0, (0, 1), (0, 1), itab=1),
    ]
    path = write_xls(tmp_path / "kecil.xls", biff8(SMALL, names))
    triaged = triage(path)
    assert triaged.findings == ()
    assert triaged.index is not None
    assert [sheet.title for sheet in triaged.index.sheets] == ["Data", "_meta"]
    assert dict(triaged.index.names) == {
        "NIP": DefinedRange("NIP", "Data", 2, 3, 2, 3),
        "TABEL": DefinedRange("TABEL", "Data", 1, 1, 10, 4),
    }
    assert [(s.name, s.reason, s.local_sheet) for s in triaged.index.skipped] == [
        ("Print_Area", SkipReason.LOCAL, 0)
    ]
    assert triaged.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_cell_beyond_the_row_limit_is_refused_with_its_sheet_and_cell(tmp_path: Path) -> None:
    sheets = {"Data": [number(0, 0, 1)], "Jauh": [number(3, 1, 1), number(20_000, 0, 1)]}
    triaged = triage(write_xls(tmp_path / "jauh.xls", biff8(sheets)))
    assert [(f.code, f.sheet, f.cell) for f in triaged.findings] == [
        ("berkas-rentang-besar", "Jauh", "A20001")
    ]


def test_a_cell_beyond_the_column_limit_is_refused(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "lebar.xls", biff8({"Data": [number(4, 11, 1)]}))
    triaged = triage(path, limits=Limits(max_cols=11))
    assert [(f.code, f.sheet, f.cell) for f in triaged.findings] == [
        ("berkas-rentang-besar", "Data", "L5")
    ]


def test_streams_larger_than_the_limit_are_not_read(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "besar.xls", biff8(SMALL))
    triaged = triage(path, limits=Limits(max_uncompressed=100))
    assert [f.code for f in triaged.findings] == ["berkas-terlalu-besar"]


def test_a_password_to_open_is_reported_as_encryption(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "sandi.xls", biff8(SMALL, filepass=True))
    assert [f.code for f in triage(path).findings] == ["berkas-terenkripsi"]


@pytest.mark.parametrize("cut", [3, 40, -5])
def test_a_truncated_stream_is_corrupt(tmp_path: Path, cut: int) -> None:
    stream = biff8(SMALL, [name("NIP", 0, (1, 1), (2, 2))])
    path = write_xls(tmp_path / "potong.xls", stream[:cut])
    [finding] = triage(path).findings
    assert finding.code == "berkas-rusak"
    assert "potong.xls" in finding.message


def test_an_xls_named_xlsx_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "salah.xlsx", biff8(SMALL))
    triaged = triage(path)
    assert triaged.readable
    assert [(f.code, f.severity) for f in triaged.findings] == [
        ("berkas-ekstensi-salah", Severity.WARNING)
    ]


def test_the_time_limit_holds_over_the_records() -> None:
    cells = [number(row, 0, row) for row in range(5000)]

    def stop() -> None:
        raise TimeoutError

    with pytest.raises(TimeoutError):
        read_biff(biff8({"Data": cells}), max_rows=20_000, max_cols=256, check_time=stop)


# -- an skp-xl workbook saved as .xls by LibreOffice --------------------------------------


@pytest.fixture(scope="module")
def saved(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("xls")
    source = folder / "skp-ja.xlsx"
    jenis, pendekatan = JenisJabatan.JA, Pendekatan.KUANTITATIF
    wb = build_workbook(Options(jenis, pendekatan))
    fill(wb, workbook_spec(jenis, pendekatan))
    wb.save(source)
    # Both through LibreOffice, so both carry the same computed values.
    return {
        "xls": recalculate.convert([source], "xls")[source],
        "xlsx": recalculate([source])[source].path,
    }


@pytest.fixture(scope="module")
def old_formats(
    recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bukan")
    sources = {"pp46": folder / "skp-2015.xlsx", "absensi": folder / "absensi.xlsx"}
    make_pp46(sources["pp46"])
    make_absensi(sources["absensi"])
    copies = recalculate.convert(sources.values(), "xls")
    return {kind: copies[source] for kind, source in sources.items()}


@pytest.mark.parametrize(
    ("kind", "words"),
    [("pp46", ("PP 46/2011", "PermenPANRB 6/2022")), ("absensi", ("daftar hadir",))],
)
def test_an_old_xls_that_is_not_ours_says_what_it_is(
    old_formats: dict[str, Path], kind: str, words: tuple[str, ...]
) -> None:
    path = old_formats[kind]
    result = runner.invoke(app, ["validate", str(path), "--json"])
    assert result.exit_code == 2
    [finding] = json.loads(result.output)["files"][0]["findings"]
    assert finding["code"] == "bukan-skp-xl"
    assert path.name in finding["message"]
    assert all(word in finding["message"] for word in words)


def test_the_xls_has_the_names_of_the_xlsx(saved: dict[str, Path]) -> None:
    triaged = triage(saved["xls"])
    assert triaged.findings == ()
    assert triaged.index is not None
    expected = read_workbook_index(saved["xlsx"])
    assert dict(triaged.index.names) == dict(expected.names)
    assert [s.title for s in triaged.index.sheets] == [s.title for s in expected.sheets]


def test_validate_reads_the_xls_as_it_reads_the_xlsx(saved: dict[str, Path]) -> None:
    def findings(path: Path) -> tuple[int, list[tuple[str, str, str]]]:
        result = runner.invoke(app, ["validate", str(path), "--json"])
        [entry] = json.loads(result.output)["files"]
        return result.exit_code, [(f["code"], f["sheet"], f["cell"]) for f in entry["findings"]]

    code, found = findings(saved["xls"])
    assert code in (0, 1)  # read and checked: 2 would mean unreadable
    assert (code, found) == findings(saved["xlsx"])


def test_consolidation_reads_the_xls(saved: dict[str, Path]) -> None:
    old, new = proses_berkas(str(saved["xls"])), proses_berkas(str(saved["xlsx"]))
    assert old.terbaca
    assert (old.identitas, old.periode) == (new.identitas, new.periode)


@pytest.mark.parametrize("suffix", [".xls", ".xlsx"])
def test_salin_of_an_xls_says_to_save_it_as_xlsx_first(tmp_path: Path, suffix: str) -> None:
    # Before: an .xlsx copy had to end like the input (.xls), an .xls one in .xlsx.
    source = write_xls(tmp_path / "lama.xls", biff8(SMALL))
    copy = tmp_path / f"bertanda{suffix}"
    result = runner.invoke(app, ["validate", str(source), "--laporan", str(copy), "--salin"])
    assert result.exit_code == 2
    assert "simpan dulu sebagai Buku Kerja Excel (.xlsx)" in " ".join(result.output.split())
    assert not copy.exists()
