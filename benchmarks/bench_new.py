"""How long ``skp-xl new`` takes to build and save one SKP workbook, against plain openpyxl.

For each jenis x pendekatan, the workbook is built and saved N times the way ``skp-xl new``
does it (``build_workbook`` then an atomic save). The baseline, measured in the same run,
saves a workbook with the same sheet names and the same number of non-empty cells at the
same addresses, as plain values: no styles, merges, validations, conditional formats,
defined names or protection. Their ratio is what the forms themselves cost, and it holds
on a noisy machine where the seconds do not.

A second table times the whole command (``skp-xl new`` in a subprocess, interpreter
start-up and imports included) beside importing ``skp_xl.cli.new`` alone and a bare interpreter.

    .venv/bin/python benchmarks/bench_new.py            # N = 10
    .venv/bin/python benchmarks/bench_new.py --n 20 --json
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from openpyxl import Workbook
from rich.console import Console
from rich.table import Table

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.fileio import atomic_output
from skp_xl.workbook.writer import Options, build_workbook

DEFAULT_N = 10
CLI_RUNS = 3

Sheets = list[tuple[str, list[tuple[int, int, object]]]]
"""Sheet names with their non-empty cells as (row, column, value)."""


@dataclass(frozen=True)
class Row:
    """Median seconds per workbook for one template, and the baseline's."""

    template: str
    cells: int
    skp_xl_s: float
    baseline_s: float

    @property
    def ratio(self) -> float:
        """How many times the baseline ``skp-xl new`` takes."""
        return self.skp_xl_s / self.baseline_s


@dataclass(frozen=True)
class Cli:
    """Median seconds of the whole ``skp-xl new`` command, and what start-up costs of it.

    Attributes:
        command_s: ``skp-xl new --jenis JA --pendekatan kuantitatif`` in a subprocess.
        imports_s: ``python -c "import skp_xl.cli.new"``: interpreter and imports only
            (``skp_xl.cli`` alone no longer imports the command modules).
        interpreter_s: ``python -c pass``.
    """

    command_s: float
    imports_s: float
    interpreter_s: float


def median_seconds(run: Callable[[int], object], n: int) -> float:
    """Median wall time of ``run(i)`` for i in 1..n, after one warm-up call ``run(0)``."""
    run(0)
    times = []
    for index in range(1, n + 1):
        start = time.perf_counter()
        run(index)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def build_and_save(jenis: JenisJabatan, pendekatan: Pendekatan, path: Path) -> None:
    """What ``skp-xl new`` does once its options are checked."""
    wb = build_workbook(Options(jenis, pendekatan))
    with atomic_output(path, force=True) as tmp:
        wb.save(tmp)


def plain_copy(wb: Workbook) -> Sheets:
    """The sheet names and non-empty cells of ``wb``."""
    sheets = []
    for ws in wb.worksheets:
        cells = [
            (cell.row, cell.column, cell.value)
            for row in ws.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        sheets.append((ws.title, cells))
    return sheets


def save_plain(sheets: Sheets, path: Path) -> None:
    """The baseline: the same sheets and cells as plain values, nothing else."""
    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for title, cells in sheets:
        ws = wb.create_sheet(title)
        for row, column, value in cells:
            cell = ws.cell(row=row, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # a formula's text is kept as text, not computed
    with atomic_output(path, force=True) as tmp:
        wb.save(tmp)


def measure_template(jenis: JenisJabatan, pendekatan: Pendekatan, n: int, folder: Path) -> Row:
    """Median build-and-save seconds of one template and of its plain baseline."""
    sheets = plain_copy(build_workbook(Options(jenis, pendekatan)))
    skp_xl = median_seconds(
        lambda i: build_and_save(jenis, pendekatan, folder / f"new-{i}.xlsx"), n
    )
    baseline = median_seconds(lambda i: save_plain(sheets, folder / f"plain-{i}.xlsx"), n)
    name = f"skp-{jenis.value.lower()}-{pendekatan.value.lower()}"
    return Row(name, sum(len(cells) for _, cells in sheets), skp_xl, baseline)


def _command() -> list[str]:
    script = Path(sys.executable).with_name("skp-xl")
    return [str(script)] if script.exists() else [sys.executable, "-m", "skp_xl"]


def measure_cli(folder: Path, runs: int = CLI_RUNS) -> Cli:
    """Median seconds of ``skp-xl new`` as a subprocess, of its imports and of start-up."""
    arguments = ["new", "--jenis", "JA", "--pendekatan", "kuantitatif", "--force"]
    output = ["--output", str(folder / "cli.xlsx")]

    def command(_: int) -> None:
        subprocess.run([*_command(), *arguments, *output], check=True, capture_output=True)

    def python(code: str) -> Callable[[int], object]:
        return lambda _: subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True
        )

    return Cli(
        median_seconds(command, runs),
        median_seconds(python("import skp_xl.cli.new"), runs),
        median_seconds(python("pass"), runs),
    )


def report(rows: list[Row], cli: Cli, n: int, console: Console) -> None:
    """Print the figures: one table per template, one for the command."""
    table = Table(title=f"skp-xl new: build + save one workbook (median of {n}, seconds)")
    table.add_column("template")
    table.add_column("cells", justify="right")
    table.add_column("skp-xl new", justify="right")
    table.add_column("plain openpyxl", justify="right")
    table.add_column("ratio", justify="right")
    for row in rows:
        table.add_row(
            row.template,
            str(row.cells),
            f"{row.skp_xl_s:.3f}",
            f"{row.baseline_s:.3f}",
            f"{row.ratio:.1f}x",
        )
    console.print(table)
    command = Table(title=f"skp-xl new as a command, one file (median of {CLI_RUNS}, seconds)")
    command.add_column("process")
    command.add_column("seconds", justify="right")
    command.add_row("skp-xl new --jenis JA --pendekatan kuantitatif", f"{cli.command_s:.2f}")
    command.add_row('python -c "import skp_xl.cli.new"', f"{cli.imports_s:.2f}")
    command.add_row("python -c pass", f"{cli.interpreter_s:.2f}")
    console.print(command)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="timed runs per template")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("--n must be at least 1")
    folder = Path(tempfile.mkdtemp(prefix="bench-new-"))
    try:
        rows = [
            measure_template(jenis, pendekatan, args.n, folder)
            for jenis in JenisJabatan
            for pendekatan in Pendekatan
        ]
        cli = measure_cli(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        document = {
            "n": args.n,
            "templates": [{**asdict(row), "ratio": row.ratio} for row in rows],
            "cli": asdict(cli),
        }
        print(json.dumps(document, indent=2))
    else:
        report(rows, cli, args.n, Console())
    return 0


if __name__ == "__main__":
    sys.exit(main())
