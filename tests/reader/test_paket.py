"""The triage keeps the file's bytes as it read and checked them: the reader hands those
to python-calamine instead of reading the file again."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest

from skp_xl import alokasi
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
    assert _members(triaged.paket) == _members(path.read_bytes())
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


def test_the_triage_inflates_with_zlib_ng() -> None:
    """The dependency is installed and used, not the standard module it falls back to."""
    assert triage_module.zlib.__name__ == "zlib_ng.zlib_ng"
