"""The triage keeps the file's bytes as it read and checked them: the reader hands those
to python-calamine instead of reading the file again."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.reader import triage as triage_module
from skp_xl.reader.snapshot import open_snapshot
from skp_xl.reader.triage import triage
from skp_xl.validation import validate_file

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
