"""The command line as a user meets it: version, help, and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import skp_xl
from skp_xl.cli import app

runner = CliRunner()
TEMPLATE = Path(__file__).parents[2] / "workbook_templates" / "skp-ja-kualitatif.xlsx"


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


def test_each_command_name_leads_to_the_module_that_registers_it() -> None:
    """The console script registers only the module ``COMMANDS`` names for the first
    argument: a name missing there, or pointing elsewhere, would make that command
    unknown (or another one) when typed."""
    import skp_xl.cli

    registered = {
        command.name: command.callback.__module__
        for command in app.registered_commands
        if command.name and command.callback
    }
    for group in app.registered_groups:
        assert group.name
        assert group.typer_instance
        first = group.typer_instance.registered_commands[0].callback
        assert first is not None
        registered[group.name] = first.__module__
    assert {name: f"skp_xl.cli.{m}" for name, m in skp_xl.cli.COMMANDS.items()} == registered
    assert set(skp_xl.cli.COMMANDS.values()) == set(skp_xl.cli.MODULES)


def test_consolidate_starts_its_readers_server_with_what_its_pool_runs() -> None:
    """The server started before the command's imports preloads the function and the
    modules the consolidation's pool is handed, named without importing them."""
    import skp_xl.cli
    from skp_xl.batch import berkas

    function = berkas.proses_berkas
    assert (function.__module__, function.__name__) == skp_xl.cli.PEMBACA
    assert skp_xl.cli.PRAMUAT == berkas.PRAMUAT


@pytest.mark.parametrize(
    ("args", "started"),
    [
        (["/data/dask-arsip/instansi", "-o", "r.xlsx"], True),
        (["instansi", "-o", "r.xlsx", "--jobs", "2"], True),
        (["instansi", "-o", "r.xlsx", "--engine", "dask"], False),
        (["instansi", "-o", "r.xlsx", "--engine=dask"], False),
        (["--help"], False),
        (["instansi", "-h"], False),
    ],
)
def test_the_readers_server_starts_first_unless_help_or_dask(
    monkeypatch: pytest.MonkeyPatch, args: list[str], started: bool
) -> None:
    """A folder whose path holds "dask" is read by the built-in pool, its server first."""
    import skp_xl.cli
    from skp_xl.batch import pengawas

    calls: list[object] = []
    monkeypatch.setattr(pengawas, "siapkan", lambda *given: calls.append(given))
    skp_xl.cli._readers_first(args)
    assert bool(calls) is started


def test_validate_starts_without_the_libraries_it_does_not_use(tmp_path: Path) -> None:
    """``skp-xl validate`` as the console script runs it: the command's own process
    imports neither the other commands' libraries nor the reader (its workers do)."""
    folder = tmp_path / "instansi"
    folder.mkdir()
    (folder / "a.xlsx").write_bytes(TEMPLATE.read_bytes())
    probe = (
        "import atexit, sys\n"
        "heavy = ('pandas', 'pandera', 'openpyxl', 'xlwings', 'pyarrow', 'skp_xl.validation')\n"
        "atexit.register(lambda: sys.stderr.write('LOADED:' + ','.join("
        "m for m in heavy if m in sys.modules) + '\\n'))\n"
        f"sys.argv = ['skp-xl', 'validate', {str(folder)!r}, '--json']\n"
        "from skp_xl.cli import main\n"
        "main()\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert completed.returncode == 1, completed.stderr  # a blank form: empty fields
    assert [f["path"] for f in json.loads(completed.stdout)["files"]] == [str(folder / "a.xlsx")]
    assert "LOADED:\n" in completed.stderr
