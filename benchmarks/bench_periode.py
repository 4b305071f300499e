"""What thirteen monthly evaluation sheets cost beside the five quarterly ones.

For each of two kinds (JA kuantitatif, the largest evaluation table, and JF kualitatif),
in one process and in the same run, interleaved quarterly / monthly:

- **build + save**: what ``skp-xl new`` does (``build_workbook``, an atomic save), with
  the file size;
- **open**: ``openpyxl.load_workbook`` of the saved blank workbook (what ``skp-xl grow``
  and the add-in's file engine do before touching a cell);
- **read + check**: ``validate_file`` (triage, calamine, the reader, every check) of a
  workbook filled by ``skp-xl samples`` (every period rated, no deliberate problems).

Each step is the median of N runs after a warm-up; the table gives both cycles and their
ratio (monthly / quarterly), which holds on a noisy machine where the seconds do not.

    .venv/bin/python benchmarks/bench_periode.py            # N = 5
    .venv/bin/python benchmarks/bench_periode.py --n 10 --json
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path

from openpyxl import load_workbook
from rich.console import Console
from rich.table import Table

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, SiklusEvaluasi
from skp_xl.fileio import atomic_output
from skp_xl.samples.plan import plan_agency
from skp_xl.samples.render import render_workbook
from skp_xl.validation import validate_file
from skp_xl.workbook.writer import Options, build_workbook

DEFAULT_N = 5
KINDS = ((JenisJabatan.JA, Pendekatan.KUANTITATIF), (JenisJabatan.JF, Pendekatan.KUALITATIF))
SIKLUS = (SiklusEvaluasi.TRIWULANAN, SiklusEvaluasi.BULANAN)


@dataclass(frozen=True)
class Row:
    """One step of one kind: median seconds of each cycle."""

    kind: str
    step: str
    triwulanan: float
    bulanan: float

    @property
    def ratio(self) -> float:
        """How many times the quarterly workbook's time the monthly one takes."""
        return self.bulanan / self.triwulanan


def median_pair(runs: dict[SiklusEvaluasi, Callable[[], object]], n: int) -> dict[str, float]:
    """Median seconds of each run, called alternately n times after one warm-up each."""
    times: dict[SiklusEvaluasi, list[float]] = {s: [] for s in runs}
    for run in runs.values():
        run()
    for _ in range(n):
        for siklus, run in runs.items():
            start = time.perf_counter()
            run()
            times[siklus].append(time.perf_counter() - start)
    return {s.value.lower(): statistics.median(t) for s, t in times.items()}


def _build(jenis: JenisJabatan, pendekatan: Pendekatan, siklus: SiklusEvaluasi, path: Path) -> None:
    wb = build_workbook(Options(jenis, pendekatan, siklus=siklus))
    with atomic_output(path, force=True) as tmp:
        wb.save(tmp)


def _filled(
    jenis: JenisJabatan, pendekatan: Pendekatan, siklus: SiklusEvaluasi, path: Path
) -> None:
    """A workbook of this kind from a small clean agency, every period rated."""
    agency = plan_agency(20, seed=1, tahun=2025, masalah=False, siklus=siklus)
    isian = next(
        i
        for i in agency.isian
        if (i.rencana.jenis, i.rencana.pendekatan) == (jenis, pendekatan)
        and len(i.evaluasi) == len(siklus.periode)
    )
    render_workbook(isian).save(path)


def measure_kind(
    jenis: JenisJabatan, pendekatan: Pendekatan, n: int, folder: Path
) -> tuple[list[Row], dict[str, int]]:
    """Every step of one kind; and the blank files' sizes in bytes."""
    kind = f"{jenis.value}-{pendekatan.value}".lower()
    blank = {s: folder / f"{kind}-{s.value}.xlsx" for s in SIKLUS}
    filled = {s: folder / f"{kind}-{s.value}-terisi.xlsx" for s in SIKLUS}
    for s in SIKLUS:
        _filled(jenis, pendekatan, s, filled[s])
    steps: dict[str, Callable[[SiklusEvaluasi], object]] = {
        "build + save": lambda s: _build(jenis, pendekatan, s, blank[s]),
        "open (openpyxl)": lambda s: load_workbook(blank[s]),
        "read + check": lambda s: validate_file(filled[s]),
    }
    rows = []
    for step, run in steps.items():
        medians = median_pair({s: partial(run, s) for s in SIKLUS}, n)
        rows.append(Row(kind, step, medians["triwulanan"], medians["bulanan"]))
    return rows, {s.value.lower(): blank[s].stat().st_size for s in SIKLUS}


def measure(n: int, folder: Path) -> tuple[list[Row], dict[str, dict[str, int]]]:
    """Every step of every kind; and the blank files' sizes in bytes."""
    rows: list[Row] = []
    sizes: dict[str, dict[str, int]] = {}
    for jenis, pendekatan in KINDS:
        found, size = measure_kind(jenis, pendekatan, n, folder)
        rows += found
        sizes[found[0].kind] = size
    return rows, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=DEFAULT_N, help="timed runs per step")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        rows, sizes = measure(args.n, Path(tmp))
    if args.json:
        document = {
            "n": args.n,
            "rows": [asdict(r) | {"ratio": r.ratio} for r in rows],
            "sizes": sizes,
        }
        print(json.dumps(document, indent=2))
        return
    table = Table(title=f"Evaluasi bulanan vs triwulanan (median of {args.n})")
    for column in ("kind", "step", "triwulanan (s)", "bulanan (s)", "ratio"):
        table.add_column(column, justify="left" if column in ("kind", "step") else "right")
    for r in rows:
        table.add_row(r.kind, r.step, f"{r.triwulanan:.3f}", f"{r.bulanan:.3f}", f"{r.ratio:.2f}x")
    console = Console()
    console.print(table)
    for kind, by in sizes.items():
        console.print(
            f"{kind}: blank file {by['triwulanan'] // 1024} KB (triwulanan), "
            f"{by['bulanan'] // 1024} KB (bulanan)"
        )


if __name__ == "__main__":
    main()
