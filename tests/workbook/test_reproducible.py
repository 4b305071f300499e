"""``skp-xl templates`` with ``SOURCE_DATE_EPOCH`` set gives the same bytes every run."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from skp_xl.templates import build_templates

EPOCH = "1767225600"  # 2026-01-01 00:00:00 UTC


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.glob("*.xlsx")}


def test_two_builds_on_one_date_are_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = build_templates(tmp_path / "a")
    second = build_templates(tmp_path / "b")
    assert len(first) == len(second) == 7
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")
    path = first[0]
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}
        assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in archive.infolist())
    properties = load_workbook(path).properties
    new_year = "2026-01-01T00:00:00"
    assert properties.created.isoformat() == properties.modified.isoformat() == new_year
    assert properties.creator == "skp-xl"


def test_without_the_variable_a_build_is_dated_now(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = build_templates(tmp_path)[0]
    assert load_workbook(path).properties.created.year >= 2026
    with zipfile.ZipFile(path) as archive:
        assert archive.infolist()[0].date_time[0] >= 2026


@pytest.mark.parametrize("value", ["", "kemarin", "-5", "1.5"])
def test_an_unusable_value_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    from skp_xl.fileio import source_date

    assert source_date() is None


def test_a_sample_export_is_dated_when_it_was_downloaded(tmp_path: Path) -> None:
    from skp_xl.samples.ekspor import DIUNDUH, Ekspor, tulis_xlsx

    path = tulis_xlsx(tmp_path / "ekspor.xlsx", Ekspor((), ("nip", "nama"), (("1", "A"),), {}))
    with zipfile.ZipFile(path) as archive:
        assert {info.date_time for info in archive.infolist()} == {DIUNDUH.timetuple()[:6]}
    assert load_workbook(path).properties.created == DIUNDUH
