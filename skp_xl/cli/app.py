"""The typer application and the options every command shares."""

from __future__ import annotations

import inspect
import json
from typing import Annotated

import typer
from rich.console import Console

from skp_xl import __version__
from skp_xl.cli.bahasa import GrupIndonesia
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import PeriodeEvaluasi, normalize_periode

EXIT_OK = 0
"""Exit code: done, nothing wrong."""
EXIT_FINDINGS = 1
"""Exit code: done, and at least one finding has severity error."""
EXIT_USAGE = 2
"""Exit code: wrong usage or input that could not be read."""

app = typer.Typer(
    name="skp-xl",
    cls=GrupIndonesia,
    help=(
        "SKP (Sasaran Kinerja Pegawai, PermenPANRB 6/2022) di Excel: buku kerja SKP siap isi, "
        "pemeriksaan sampai ke sel, predikat dan angka kredit, konsolidasi seluruh instansi, "
        "dan add-in Excel."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

console = Console()
"""Standard output: results."""

err_console = Console(stderr=True)
"""Standard error: messages about usage and failures."""


def cetak_json(document: dict[str, object]) -> None:
    """Print a --json document on stdout: coloured on a terminal, for a person; to a pipe
    or file, the text ``print_json`` would write, without rich parsing and highlighting
    it again (3 s of CPU for 300 workbooks with 20 findings each, a second of a re-run
    answered from the cache)."""
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if console.is_terminal:
        console.print_json(text)
        return
    console.file.write(text + "\n")


JsonOption = Annotated[
    bool, typer.Option("--json", help="Cetak satu dokumen JSON di stdout, untuk program lain.")
]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    """Print ``message`` on standard error and return the exit to raise."""
    err_console.print(f"[bold red]Galat:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        console.print(f"skp-xl {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            callback=_version,
            is_eager=True,
            help="Tampilkan versi skp-xl lalu keluar.",
        ),
    ] = False,
) -> None:
    """SKP di Excel: buku kerja SKP siap isi, pemeriksaan, dan konsolidasi."""


def periode_option(text: str | None) -> PeriodeEvaluasi | None:
    """The ``--periode`` a user typed ("TW I", "Akhir"...), or a usage error."""
    if text is None:
        return None
    try:
        return normalize_periode(text)
    except InvalidValueError as error:
        raise fail(error.message) from error


def _reflowed(text: str) -> str:
    """``text`` with each paragraph on one line: rich help keeps a docstring's line
    breaks, which then wrap badly in a narrow terminal."""
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


def reflow_help(application: typer.Typer) -> None:
    """Reflow the help of every command (and command group) of ``application``."""
    for command in application.registered_commands:
        text = command.help or (command.callback.__doc__ if command.callback else None)
        if text:
            command.help = _reflowed(text)
    for group in application.registered_groups:
        if group.typer_instance is not None:
            reflow_help(group.typer_instance)
