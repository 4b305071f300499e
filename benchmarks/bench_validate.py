"""How long reading and checking a filled SKP workbook takes, against python-calamine alone.

A synthetic agency of N filled workbooks is generated once (``skp-xl samples``, a clean
one: no deliberate problems), then, in one process and in the same run:

- **bare read** (the baseline): python-calamine opens each file and reads every sheet's
  cells (``to_python``), nothing else;
- **validate**: ``skp_xl.validation.validate_file`` on each file: triage (zip and XML
  guards), the defined names, the cells the reader needs, the record, every check;
- and, to see where the time goes, triage alone and read without checks;
- **the command**: ``skp-xl validate FOLDER --json`` as a process, as the user runs it
  (the supervised pool, one worker per core): interpreter start, imports, the workers,
  every report printed. Its wall clock is what the user waits; the in-process passes
  show the CPU each file costs.

Each pass runs ``--rounds`` times, interleaved (bare, validate, ..., command, bare...), and
the median is reported, per workbook and as a ratio to the bare read of the same run.
Issue 15's target for ``validate`` of 300 files is a ratio of at most 1.3.

    .venv/bin/python benchmarks/bench_validate.py             # 1,000 workbooks
    .venv/bin/python benchmarks/bench_validate.py --n 300 --folder /tmp/w6_bv300 --json
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import python_calamine
from rich.console import Console
from rich.table import Table

from skp_xl.reader import triage as triage_module
from skp_xl.reader.triage import triage
from skp_xl.samples import generate_agency
from skp_xl.validation import read_file, validate_file

# The in-process passes measure a file's work as the supervised reader does it: under its
# memory cap, where the triage trusts a <dimension> within the limits (a process without
# a cap walks every cell; skp_xl/reader/triage.py memori_dibatasi).
triage_module.memori_dibatasi = lambda: True


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
COMMAND = "command: skp-xl validate --json"


def _adopt_orphans() -> bool:
    """Become the reaper of this process's orphaned descendants (Linux): the command's
    forkserver outlives it, and only a reaped process's CPU time reaches
    ``RUSAGE_CHILDREN``."""
    try:
        return bool(ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0)  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def command(folder: Path, files: Sequence[Path]) -> tuple[float, float | None]:
    """``skp-xl validate`` on ``files`` as a process, as the user runs it: the folder when
    it holds exactly these files, else the files one by one.

    Returns:
        Its wall-clock seconds, and the CPU seconds of the whole process tree (the
        command, its forkserver and workers; None where they cannot all be reaped).
    """
    script = Path(sys.executable).with_name("skp-xl")
    targets = [folder] if sorted(folder.rglob("*.xlsx")) == sorted(files) else list(files)
    reaper = _adopt_orphans()
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [str(script), "validate", *map(str, targets), "--json"], capture_output=True, check=False
    )
    wall = time.perf_counter() - start
    while reaper:  # the forkserver ends when the command has: wait for it
        try:
            os.wait()
        except ChildProcessError:
            break
    if done.returncode != 0:
        raise SystemExit(f"skp-xl validate exited {done.returncode}: {done.stderr[-2000:]!r}")
    checked = len(json.loads(done.stdout)["files"])
    if checked != len(files):
        raise SystemExit(f"skp-xl validate checked {checked} files, not {len(files)}")
    return wall, (_children_cpu() - cpu) if reaper else None


def workbooks(folder: Path, n: int, seed: int) -> list[Path]:
    """The agency's workbooks, generated into ``folder`` unless it already holds some."""
    found = sorted(folder.rglob("*.xlsx"))
    if len(found) < n:
        generate_agency(folder, pegawai=n, seed=seed, masalah=False)
        found = sorted(folder.rglob("*.xlsx"))
    return found[:n]


def measure(
    folder: Path, files: Sequence[Path], rounds: int
) -> tuple[dict[str, list[float]], dict[str, list[float | None]]]:
    """Seconds of each pass over ``files`` in each round, passes interleaved round by
    round (the command last): the wall clock, and the CPU time (of this process; of the
    command's whole process tree, None where it cannot be reaped). On a busy machine the
    wall clock says more about the neighbours than about skp-xl."""
    names = [*PASSES, COMMAND]
    times: dict[str, list[float]] = {name: [] for name in names}
    cpu: dict[str, list[float | None]] = {name: [] for name in names}
    for step in PASSES.values():  # warm-up: page cache, imports, lazy tables
        for path in files[:20]:
            step(path)
    for _ in range(rounds):
        for name, step in PASSES.items():
            used = time.process_time()
            start = time.perf_counter()
            for path in files:
                step(path)
            times[name].append(time.perf_counter() - start)
            cpu[name].append(time.process_time() - used)
        wall, tree = command(folder, files)
        times[COMMAND].append(wall)
        cpu[COMMAND].append(tree)
    return times, cpu


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
        times, cpu = measure(folder, files, args.rounds)
    seconds = {name: statistics.median(values) for name, values in times.items()}
    base = seconds["bare read (python-calamine)"]
    bare = times["bare read (python-calamine)"]
    ms = {k: round(1000 * v / len(files), 3) for k, v in seconds.items()}
    ratio = {k: round(v / base, 2) for k, v in seconds.items()}
    # The command against the bare read of its own round: the spread the median hides.
    per_round = [round(c / b, 2) for c, b in zip(times[COMMAND], bare, strict=True)]
    bare_cpu = cpu["bare read (python-calamine)"]
    cpu_ratio = {
        name: [
            None if c is None or b is None else round(c / b, 2)
            for c, b in zip(v, bare_cpu, strict=True)
        ]
        for name, v in cpu.items()
    }
    cpu_rounds = cpu_ratio[COMMAND]
    result = {
        "workbooks": len(files),
        "rounds": args.rounds,
        "ms_per_workbook": ms,
        "ratio_to_bare_read": ratio,
        "command_ratio_per_round": per_round,
        # CPU seconds of each pass (the command: its whole process tree) / of the bare
        # read, round by round.
        "cpu_ratio_per_round": cpu_ratio,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    table = Table(title=f"{len(files)} filled SKP workbooks, median of {args.rounds} rounds")
    table.add_column("pass")
    table.add_column("ms / workbook", justify="right")
    table.add_column("ratio to bare read", justify="right")
    for name in [*PASSES, COMMAND]:
        table.add_row(
            name,
            f"{ms[name]:.2f}",
            f"{ratio[name]:.2f}x",
        )
    Console().print(table)
    rounds = ", ".join(f"{r:.2f}x" for r in per_round)
    Console().print(f"command / bare read, round by round: {rounds}")
    cpus = ", ".join("-" if r is None else f"{r:.2f}x" for r in cpu_rounds)
    Console().print(f"command's CPU (all its processes) / bare read's CPU: {cpus}")


if __name__ == "__main__":
    main()
