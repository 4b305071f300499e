"""``skp-xl samples`` (alias ``contoh``): options checked first, a summary at the end."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from skp_xl.cli import app

runner = CliRunner()


def test_writes_an_agency_and_says_what(tmp_path: Path) -> None:
    folder = tmp_path / "instansi"

    result = runner.invoke(app, ["samples", str(folder), "--pegawai", "12", "--seed", "3"])

    assert result.exit_code == 0, result.output
    assert "2 unit, 11 pegawai, 13 berkas" in result.output
    assert "plt:" in result.output
    assert len(list(folder.rglob("*.xlsx"))) == 13


def test_alias_and_clean_agency(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["contoh", str(tmp_path / "a"), "-n", "5", "--tanpa-masalah", "--tahun", "2024"]
    )

    assert result.exit_code == 0, result.output
    assert "5 pegawai, 5 berkas" in result.output
    assert "Masalah" not in result.output


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("jangan ditimpa", encoding="utf-8")

    refused = runner.invoke(app, ["samples", str(tmp_path), "-n", "3"])
    forced = runner.invoke(app, ["samples", str(tmp_path), "-n", "3", "--force"])

    assert refused.exit_code == 2
    assert "--force" in refused.output
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "catatan.txt").read_text(encoding="utf-8") == "jangan ditimpa"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--tahun", "2021"], "--tahun 2021"),
        (["--sampai", "Semester I"], "--sampai"),
        (["--pegawai", "0"], "--pegawai"),
    ],
)
def test_wrong_options_are_usage_errors(tmp_path: Path, arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["samples", str(tmp_path / "x"), *arguments])

    assert result.exit_code == 2
    assert message in result.output
    assert not (tmp_path / "x").exists()


def test_a_file_is_not_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "berkas.xlsx"
    path.write_bytes(b"")

    result = runner.invoke(app, ["samples", str(path)])

    assert result.exit_code == 2
    assert "bukan folder" in result.output
