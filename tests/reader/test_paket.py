"""The triage keeps the file's bytes as it read and checked them: the reader hands those
to python-calamine instead of reading the file again."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from skp_xl import alokasi
from skp_xl.arsip import inflater_mentah
from skp_xl.reader import triage as triage_module
from skp_xl.reader.snapshot import open_snapshot
from skp_xl.reader.triage import triage
from skp_xl.validation import check_file, validate_file

TEMPLATE = Path(__file__).parents[2] / "workbook_templates" / "skp-ja-kuantitatif.xlsx"


def test_the_package_is_the_files_bytes() -> None:
    triaged = triage(TEMPLATE, paket=True)
    assert triaged.paket == TEMPLATE.read_bytes()


def test_a_file_past_the_cap_is_read_again_from_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(triage_module, "_PAKET_MAKS", TEMPLATE.stat().st_size - 1)
    triaged = triage(TEMPLATE, paket=True)
    assert triaged.paket is None
    assert triaged == triage(TEMPLATE)  # checked and hashed the same way


def test_a_package_only_when_asked() -> None:
    assert triage(TEMPLATE).paket is None
    assert triage(TEMPLATE, paket=True) == triage(TEMPLATE)  # the same findings and index


def test_the_reader_reads_the_package_not_the_file_again(tmp_path: Path) -> None:
    path = tmp_path / "skp.xlsx"
    path.write_bytes(TEMPLATE.read_bytes())
    triaged = triage(path, paket=True)
    path.write_bytes(b"PK\x03\x04 not a workbook any more")

    snapshot = open_snapshot(path, triaged)

    sheet, row, column = snapshot.named("META_TEMPLATE_ID") or ("", 0, 0)
    assert snapshot.value(sheet, row, column) == "skp-ja-kuantitatif"


def test_validate_reads_through_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    real = open_snapshot

    def spy(path: Path, triaged: object) -> object:
        seen.append(getattr(triaged, "paket", None) is not None)
        return real(path, triaged)  # type: ignore[arg-type]

    monkeypatch.setattr("skp_xl.validation.open_snapshot", spy)
    validate_file(TEMPLATE)
    assert seen == [True]


@pytest.fixture
def tuned(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a supervised reader, whose allocator keeps what it frees (skp_xl/alokasi.py)."""
    monkeypatch.setattr(alokasi, "_tetap", True)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert package.testzip() is None  # every CRC checks
        return {info.filename: package.read(info) for info in package.infolist()}


@pytest.mark.usefixtures("tuned")
def test_tuned_the_package_is_the_members_inflated_once_and_stored(tmp_path: Path) -> None:
    path = tmp_path / "skp.xlsx"
    shutil.copy(TEMPLATE, path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as package:
        package.writestr("customXml/catatan-ü.xml", "<catatan>é</catatan>")  # a UTF-8 name
        package.writestr("customXml/kosong.bin", b"")

    triaged = triage(path, paket=True)

    assert triaged.paket is not None
    with zipfile.ZipFile(io.BytesIO(triaged.paket)) as package:
        assert {info.compress_type for info in package.infolist()} == {zipfile.ZIP_STORED}
        order = [info.filename for info in package.infolist()]
    with zipfile.ZipFile(path) as original:
        assert order == original.namelist()
    stored, files = _members(triaged.paket), _members(path.read_bytes())
    assert stored.keys() == files.keys()
    for name, data in files.items():
        if name.startswith("xl/worksheets/") and len(data) >= triage_module._RUMUS_MIN:
            # Its formula elements dropped: the values python-calamine reads are kept.
            assert stored[name] == triage_module._RUMUS.sub(b"", data)
            assert b"<f>" not in stored[name]
            assert stored[name].count(b"<c ") == data.count(b"<c ")
        else:
            assert stored[name] == data, name
    assert triaged == triage(path)  # the same findings, index and hash


@pytest.mark.usefixtures("tuned")
def test_tuned_the_reader_reads_the_same_values_from_the_stored_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skp_xl.samples import generate_agency

    generate_agency(tmp_path, pegawai=2, seed=3, masalah=False)
    for path in sorted(tmp_path.rglob("*.xlsx")):
        stored = triage(path, paket=True)
        deflated = triage(path, paket=False)
        assert stored.paket is not None
        assert stored.paket != path.read_bytes()
        a = open_snapshot(path, stored)
        b = open_snapshot(path, deflated)
        for sheet in stored.index.sheets if stored.index else ():
            assert a.grid(sheet.title) == b.grid(sheet.title)
            assert a.merged(sheet.title) == b.merged(sheet.title)
        with monkeypatch.context() as untuned:
            untuned.setattr(alokasi, "_tetap", False)
            plain = check_file(path)
        checked = check_file(path)
        assert checked[0] is not None  # a record read
        assert checked == plain


@pytest.mark.usefixtures("tuned")
def test_tuned_members_past_the_cap_keep_the_files_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(triage_module, "_BAGIAN_MAKS", 1024)
    assert triage(TEMPLATE, paket=True).paket == TEMPLATE.read_bytes()


def test_the_triage_and_the_export_look_inflate_with_zlib_ng() -> None:
    """The dependency is installed and used, not the standard module it falls back to."""
    from zlib_ng import zlib_ng

    assert triage_module.zlib.__name__ == "zlib_ng.zlib_ng"
    assert isinstance(inflater_mentah(), type(zlib_ng.decompressobj()))


_SEL = (
    '<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"&amp;"b"</f>'
    '<v>ab</v></c><c r="C1" t="str"><f>X</f></c></row>'
    '<row r="2"><c r="A2"><f t="shared" ref="A2:A3" si="0">A1*2</f><v>4</v></c>'
    '<c r="B2" t="b"><f>TRUE()</f><v>1</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>'
    '<row r="3"><c r="A3"><f t="shared" si="0"/><v>4</v></c><c r="B3"><f>NOW()</f><v></v></c>'
    '<c r="C3" t="str"><f><![CDATA[1]]></f><v>x</v></c></row>'
    '<row r="4"><c r="A4"><f t="array" ref="A4">SUM(A1:A2)</f><v>3</v></c>'
    '<c r="B4" t="inlineStr"><is><t>hi</t></is></c><c r="C4"><f aca="false">A1</f><v>1</v></c>'
    "</row>"
)


def _sheet(cells: str, *, rows: int = 400) -> bytes:
    """A worksheet of ``cells``, padded with formula rows past :data:`_RUMUS_MIN`."""
    padding = "".join(
        f'<row r="{r}"><c r="A{r}"><f>IF(A1="","",A1)</f><v>2</v></c></row>'
        for r in range(10, 10 + rows)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns='
        '"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        f"{cells}{padding}</sheetData></worksheet>"
    ).encode()


def _workbook(path: Path, sheet: bytes) -> Path:
    with zipfile.ZipFile(TEMPLATE) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, sheet if info.filename == "xl/worksheets/sheet1.xml" else data)
    return path


@pytest.mark.usefixtures("tuned")
@pytest.mark.parametrize(
    "cells",
    [_SEL, '<row r="1"><c r="A1"><v>5</v><f>A1</f></c></row>'],
    ids=["formulas-of-every-form", "a-value-before-its-formula"],
)
def test_tuned_a_sheet_without_its_formulas_reads_the_same_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cells: str
) -> None:
    """Shared, array, text, boolean, error, empty-cached and CDATA formulas: every value
    python-calamine reads is the same without the formula elements. A value before its
    formula (against the schema) is left as it is: python-calamine reads it otherwise."""
    path = _workbook(tmp_path / "rumus.xlsx", _sheet(cells))
    stored = triage(path, paket=True)
    with monkeypatch.context() as untuned:
        untuned.setattr(alokasi, "_tetap", False)
        plain = triage(path, paket=True)
    assert stored.paket is not None
    assert plain.paket == path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(stored.paket)) as package:
        written = package.read("xl/worksheets/sheet1.xml")
    if "<v>5</v><f>" in cells:
        assert written.startswith(_sheet(cells).split(b"</row>")[0])  # that cell as it was
        assert written.count(b"<f") == 1
    else:
        assert written.count(b"<f") == 1  # all but the one holding a CDATA section
    assert stored.index is not None
    title = stored.index.sheets[0].title
    assert open_snapshot(path, stored).grid(title) == open_snapshot(path, plain).grid(title)


@pytest.mark.usefixtures("tuned")
def test_tuned_a_workbook_libreoffice_saved_reads_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, recalculate: object
) -> None:
    """A filled SKP saved by a spreadsheet engine (LibreOffice: formulas with their
    computed values, ``<f aca="false">``): the record and the findings read from the
    package without formulas equal those read from the file."""
    from skp_xl.samples import generate_agency

    generate_agency(tmp_path / "instansi", pegawai=1, seed=5, masalah=False)
    source = next((tmp_path / "instansi").rglob("*.xlsx"))
    saved = recalculate([source])[source].path  # type: ignore[operator]
    stored = triage(saved, paket=True)
    assert stored.paket is not None
    with zipfile.ZipFile(io.BytesIO(stored.paket)) as package, zipfile.ZipFile(saved) as file:
        dropped = sum(
            len(file.read(name)) - len(package.read(name))
            for name in file.namelist()
            if name.startswith("xl/worksheets/")
        )
    assert dropped > 0  # LibreOffice's formulas were there to drop
    checked = check_file(saved)
    with monkeypatch.context() as untuned:
        untuned.setattr(alokasi, "_tetap", False)
        plain = check_file(saved)
    assert checked[0] is not None
    assert checked == plain
