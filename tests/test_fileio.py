"""Outputs are written atomically and never over an existing file by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.errors import OutputExistsError
from skp_xl.fileio import atomic_output


def test_file_appears_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out" / "hasil.xlsx"
    with atomic_output(target) as tmp:
        tmp.write_text("isi", encoding="utf-8")
        assert not target.exists()
        assert tmp.parent == target.parent
    assert target.read_text(encoding="utf-8") == "isi"
    assert list(target.parent.iterdir()) == [target]


def test_failure_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "hasil.csv"
    target.write_text("lama", encoding="utf-8")

    def write_then_fail() -> None:
        with atomic_output(target, force=True) as tmp:
            tmp.write_text("setengah", encoding="utf-8")
            raise RuntimeError

    with pytest.raises(RuntimeError):
        write_then_fail()
    assert target.read_text(encoding="utf-8") == "lama"
    assert list(tmp_path.iterdir()) == [target]


def test_existing_file_needs_force(tmp_path: Path) -> None:
    target = tmp_path / "hasil.csv"
    target.write_text("lama", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="--force"), atomic_output(target):
        pass
    assert target.read_text(encoding="utf-8") == "lama"


def test_output_gets_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "hasil.csv"
    with atomic_output(target) as tmp:
        tmp.write_text("isi", encoding="utf-8")
    assert target.stat().st_mode & 0o044 == 0o044
