"""How long reading and checking a filled SKP workbook takes, against python-calamine alone.

A synthetic agency of N filled workbooks is generated once (``skp-xl samples``, a clean
one: no deliberate problems), then, in one process and in the same run:

- **bare read** (the baseline): python-calamine opens each file and reads every sheet's
  cells (``to_python``), nothing else;
- **validate**: ``skp_xl.validation.validate_file`` on each file: triage (zip and XML
  guards), the defined names, the cells the reader needs, the record, every check;
- and, to see where the time goes, triage alone and read without checks.

Each pass runs ``--rounds`` times, interleaved (bare, validate, bare, validate...), and the
median is reported, per workbook and as a ratio to the bare read. The issue's target is a
ratio of at most 2.

    .venv/bin/python benchmarks/bench_validate.py             # 1,000 workbooks
    .venv/bin/python benchmarks/bench_validate.py --n 200 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import python_calamine
from rich.console import Console
from rich.table import Table

from skp_xl.reader.triage import triage
from skp_xl.samples import generate_agency
from skp_xl.validation import read_file, validate_file


def bare_read(path: Path) -> int:
    """Every cell of every sheet with python-calamine: the baseline."""
    workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = 0
    for name in workbook.sheet_names:
        cells += sum(len(row) for row in workbook.get_sheet_by_name(name).to_python())
    workbook.close()
    return cells


def _validate(path: Path) -> int:
    return len(validate_file(path).findings)


def _read(path: Path) -> int:
    record, findings = read_file(path)
    return len(findings) + (record is not None)


def _triage(path: Path) -> int:
    return not triage(path).findings


PASSES: dict[str, Callable[[Path], object]] = {
    "bare read (python-calamine)": bare_read,
    "skp-xl validate": _validate,
    "triage only": _triage,
    "read without checks": _read,
}


def workbooks(folder: Path, n: int, seed: int) -> list[Path]:
    """The agency's workbooks, generated into ``folder`` unless it already holds some."""
    found = sorted(folder.rglob("*.xlsx"))
    if len(found) < n:
        generate_agency(folder, pegawai=n, seed=seed, masalah=False)
        found = sorted(folder.rglob("*.xlsx"))
    return found[:n]


def measure(files: Sequence[Path], rounds: int) -> dict[str, float]:
    """Median seconds per pass over ``files``, passes interleaved round by round."""
    times: dict[str, list[float]] = {name: [] for name in PASSES}
    for step in PASSES.values():  # warm-up: page cache, imports, lazy tables
        for path in files[:20]:
            step(path)
    for _ in range(rounds):
        for name, step in PASSES.items():
            start = time.perf_counter()
            for path in files:
                step(path)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="workbooks (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per pass (median)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="reuse or fill this folder")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="skp-bench-") as scratch:
        folder = args.folder or Path(scratch) / "instansi"
        files = workbooks(folder, args.n, args.seed)
        seconds = measure(files, args.rounds)
    base = seconds["bare read (python-calamine)"]
    result = {
        "workbooks": len(files),
        "rounds": args.rounds,
        "ms_per_workbook": {k: round(1000 * v / len(files), 3) for k, v in seconds.items()},
        "ratio_to_bare_read": {k: round(v / base, 2) for k, v in seconds.items()},
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    table = Table(title=f"{len(files)} filled SKP workbooks, median of {args.rounds} rounds")
    table.add_column("pass")
    table.add_column("ms / workbook", justify="right")
    table.add_column("ratio to bare read", justify="right")
    for name in PASSES:
        table.add_row(
            name,
            f"{result['ms_per_workbook'][name]:.2f}",  # type: ignore[index]
            f"{result['ratio_to_bare_read'][name]:.2f}x",  # type: ignore[index]
        )
    Console().print(table)


if __name__ == "__main__":
    main()
