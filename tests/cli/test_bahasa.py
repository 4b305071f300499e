"""Every command, as a user meets it (help, a missing argument, a wrong value), in Indonesian.

The commands are enumerated from the application, so a command added later is swept too.
An English sentence is found with a small detector: a list of common English words that
are not Indonesian, checked against the output once names (options, files, quoted values)
are taken out.
"""

from __future__ import annotations

import errno
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.core import TyperGroup
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.cli.bahasa import nama_lain, pesan_indonesia, sebab_baca, sebab_os

runner = CliRunner()

_WORDS = """
    about above after again against all also an and any are aren't argument arguments as
    at available be because been before being below between both but by can cannot choose
    command commands could default did didn't directory do does doesn't done down during
    each enter error exist exists exit expected extra failed few file files for found from
    further get given got had has have having help here how if in into invalid is isn't it
    its itself just least less like list make many may mean message missing more most must
    my need no nor not now number of off on once one only option optional options or other
    our out over own parameter parameters please possible provide provided read required
    requires same select set shall should show since so some such supported take takes than
    that the their them then there these they this those through to too try type under
    unexpected unknown until up usage use used value values very was wasn't we were
    what when where which while who why will with without would write yes you your aborted
    abort input string integer should greater equal less parse unable allowed writable
    readable does match formats iterable environment variable deprecated dynamic open
    could click arguments suggestion did wrong bad name names sorry again path paths
"""
ENGLISH = frozenset(_WORDS.split())
"""Common English words that are not Indonesian words too ("data", "unit", "total",
"main", "per", "status" are both, so they are not here)."""

NAMES = re.compile(
    r"""
      -{1,2}[A-Za-z][\w-]*            # option names: --output, -o
    | '[^']{0,200}'                   # quoted values and names: 'zzz', 'Trust access ...'
    | "[^"]{0,200}"
    | \b[\w.-]+\.(?:xlsx|xlsm|xlam|xls|pdf|csv|json|toml|py|bas|parquet|md)\b  # file names
    | \w+://\S+                       # addresses
    """,
    re.VERBOSE,
)


def english_words(text: str) -> list[str]:
    """The English words of ``text`` outside names, in order."""
    prose = NAMES.sub(" ", text)
    return [w for w in re.findall(r"[A-Za-z']+", prose) if w.lower().strip("'") in ENGLISH]


def _commands(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _commands(sub, (*path, name))


ROOT = typer.main.get_command(app)
COMMANDS = list(_commands(ROOT))


def _wrong_values(param: Any) -> list[str]:
    """Values the parser itself rejects for ``param`` (so the command never runs)."""
    desc = getattr(param, "type_descriptor", None)
    if desc is None or getattr(param, "is_flag", False):
        return []
    info = desc.parameter_info
    if desc.is_choice or desc.is_datetime or desc.annotation in (int, float):
        values = ["bukan-nilai"]
        if info.min is not None:
            values.append(str(int(info.min) - 1))
        return values
    if desc.is_path and info.exists:
        return ["/tidak/ada/berkas-ini"]
    return []


def _cases() -> Iterator[tuple[str, list[str]]]:
    for path, command in COMMANDS:
        label = " ".join(path) or "skp-xl"
        yield f"{label} --help", [*path, "--help"]
        yield f"{label} --opsi-tidak-ada", [*path, "--opsi-tidak-ada"]
        if isinstance(command, TyperGroup):
            yield f"{label} (tanpa perintah)", list(path)  # shows the help
        elif any(p.required for p in command.params):
            yield f"{label} (kosong)", list(path)
        for param in command.params:
            if not param.opts or getattr(param, "is_flag", False) or param.nargs == -1:
                continue
            option = param.opts[0]
            if option.startswith("-") and any(p.required for p in command.params):
                yield f"{label} {option} (tanpa nilai)", [*path, option]
            for value in _wrong_values(param):
                yield f"{label} {option} {value}", [*path, option, value]
    yield "perintah-tidak-ada", ["konsolidasikan"]
    yield "new argumen berlebih", ["new", "-o", "x.xlsx", "lebih"]


CASES = list(_cases())


def test_the_sweep_reaches_every_command_and_each_kind_of_error() -> None:
    names = {" ".join(path) for path, _ in COMMANDS}
    assert {"new", "baru", "validate", "consolidate", "addin", "addin build"} <= names
    labels = " | ".join(label for label, _ in CASES)
    for kind in ("--help", "(kosong)", "(tanpa nilai)", "bukan-nilai", "--opsi-tidak-ada"):
        assert kind in labels


@pytest.mark.parametrize(("label", "args"), CASES, ids=[label for label, _ in CASES])
def test_no_english_sentence(label: str, args: list[str], tmp_path: Any, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)  # should a case run a command after all, it writes here
    result = runner.invoke(app, args)
    assert not isinstance(result.exception, AssertionError), result.output
    if label.endswith("--help"):
        assert result.exit_code == 0, result.output
        assert "Penggunaan:" in result.output
    elif label.endswith("(tanpa perintah)"):
        assert "Penggunaan:" in result.output
    else:
        assert result.exit_code == 2, result.output
        assert "Galat" in result.output
    assert english_words(result.output) == [], result.output


def test_help_lists_each_alias_beside_its_command() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    aliases = nama_lain(app)
    assert {"new": ["baru"], "validate": ["periksa"], "consolidate": ["konsolidasi"]}.items() <= (
        aliases.items()
    )
    for command, names in aliases.items():
        row = next(line for line in result.output.splitlines() if f" {command} " in line)
        assert f"(nama lain: {', '.join(names)})" in row, row


def test_a_value_below_the_minimum_names_the_minimum() -> None:
    result = runner.invoke(app, ["samples", "x", "--pegawai", "0"])
    assert result.exit_code == 2
    assert "'--pegawai' / '-n' tidak sah: '0' terlalu kecil: paling kecil 1." in " ".join(
        result.output.split()
    )


def test_the_detector_finds_typer_english() -> None:
    """Without skp-xl's Indonesian, typer's own help and errors are caught."""
    plain = typer.Typer()

    @plain.command()
    def hitung(jumlah: int = typer.Option(..., min=1)) -> None:
        """Hitung."""

    outputs = [runner.invoke(plain, args).output for args in (["--help"], [], ["--jumlah", "x"])]
    for output in outputs:
        assert english_words(output), output


@pytest.mark.parametrize(
    "english",
    [
        "Missing option '--output' / '-o'.",
        "No such option: --workers (Possible options: --force)",
        "Got unexpected extra argument(s) (y)",
        "Option '-o' requires an argument.",
        "No such command 'neww'. Did you mean 'new'?",
        "Invalid value for 'DIR': dir 'x' does not exist.",
        "Missing command.",
    ],
)
def test_each_template_of_typer_has_its_indonesian(english: str) -> None:
    assert english_words(english)
    indonesian = pesan_indonesia(_usage_error(english))
    assert english_words(indonesian) == [], indonesian


def _usage_error(message: str) -> typer.TyperException:
    from typer._click.exceptions import UsageError

    return UsageError(message)


def test_the_console_script_answers_in_indonesian() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "skp_xl", "new", "--tahun", "dua-ribu"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "120"},
    )
    assert completed.returncode == 2
    assert "Nilai '--tahun' tidak sah: 'dua-ribu' bukan bilangan bulat." in completed.stderr
    assert english_words(completed.stderr) == [], completed.stderr


@pytest.mark.parametrize(
    ("isi", "sebab"),
    [("{rusak", "bukan JSON yang sah (baris 1, kolom 2)"), (None, "berkas atau folder tidak ada")],
)
def test_an_unreadable_capaian_file_says_why_in_indonesian(
    isi: str | None, sebab: str, tmp_path: Path
) -> None:
    capaian = tmp_path / "capaian.json"
    if isi is not None:
        capaian.write_text(isi, encoding="utf-8")
    output = str(tmp_path / "r.xlsx")
    result = runner.invoke(
        app, ["consolidate", str(tmp_path), "-o", output, "--capaian", str(capaian)]
    )
    assert result.exit_code == 2
    assert sebab in " ".join(result.output.split())
    assert english_words(result.output) == [], result.output


def test_the_reasons_of_the_operating_system_are_indonesian() -> None:
    assert sebab_os(PermissionError(errno.EACCES, "Permission denied", "r.xlsx")) == (
        "tidak ada izin: 'r.xlsx'"
    )
    assert sebab_os(OSError(errno.ENOSPC, "No space left on device")) == "disk penuh"
    with pytest.raises(tomllib.TOMLDecodeError) as toml_error:
        tomllib.loads("x = \ny = 1")
    assert sebab_baca(toml_error.value) == "bukan TOML yang sah (baris 1, kolom 5)"
