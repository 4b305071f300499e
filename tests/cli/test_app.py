"""The command line as a user meets it: version, help, and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

import skp_xl
from skp_xl.cli import app

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"skp-xl {skp_xl.__version__}"


def test_help_lists_the_commands_in_indonesian() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("nip", "predikat", "angka-kredit"):
        assert command in result.output
    assert "Perintah" in result.output


def test_every_command_has_help() -> None:
    for command in ("nip", "predikat", "angka-kredit"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert "Penggunaan" in result.output


def test_console_script_is_installed() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "skp_xl", "predikat", "Diatas", "Diatas", "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout) == {"predikat": "Sangat Baik"}


def test_numbers_for_people_use_indonesian_separators() -> None:
    from skp_xl.cli.format import angka

    assert angka(2.34, 1) == "2,3"
    assert angka(1234.56, 1) == "1.234,6"
    assert angka(717.8) == "718"
