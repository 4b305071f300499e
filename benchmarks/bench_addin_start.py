"""How long a click on the SKP ribbon takes to start, without the UDF server.

Without xlwings' "Use UDF Server", every click starts a new Python that runs, on Windows
and on macOS alike (``RunPython`` in ``xlwings.bas`` and xlwings' AppleScript)::

    python -B -c "import xlwings.utils;xlwings.utils.prepare_sys_path('...'); <command>"

where ``<command>`` is the line ``RibbonSkp.bas`` passes to ``RunPython``:
``import skp_xl.addin.ribbon as r; r.dispatch('<control id>')``. Without Excel the
dispatch cannot run (it asks xlwings for the calling workbook), so for each button this
times, in a fresh ``python -B -c`` subprocess, exactly that prefix and that import, plus
the imports the button's action makes inside its function (read from the action's
source): the start-up a click pays before the action does any work. Median of ``--runs``
(5), the buttons interleaved run by run, beside two references measured in the same run:
``python -c "import xlwings"`` (the ratio's baseline: no click can cost less, since
xlwings itself must load) and ``python -c pass``.

``python -X importtime`` then lists, for Periksa and Saran Rating, the packages whose
modules took longest to import (their own time, summed per top-level package).

    .venv/bin/python benchmarks/bench_addin_start.py
    .venv/bin/python benchmarks/bench_addin_start.py --runs 9 --json
"""

from __future__ import annotations

import argparse
import ast
import inspect
import json
import re
import statistics
import subprocess
import sys
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

from skp_xl.addin import ribbon

MACROS = Path(ribbon.__file__).with_name("macros") / "RibbonSkp.bas"
XLWINGS_PREFIX = "import xlwings.utils;xlwings.utils.prepare_sys_path('false;;;;;;'); "
"""What xlwings runs before the command (``false``: no workbook folder on the path)."""
PROFILED = ("skpPeriksa", "skpSaranRating")
REFERENCES = {'python -c "import xlwings"': "import xlwings", "python -c pass": "pass"}


def entry_import() -> str:
    """The import of the ``RunPython`` line of ``RibbonSkp.bas``, without the dispatch."""
    found = re.search(r'RunPython "(import [^;"]+)', MACROS.read_text(encoding="utf-8"))
    if found is None:
        raise SystemExit(f"No RunPython line in {MACROS}")
    return found.group(1)


def deferred_imports(action: Callable[..., object]) -> list[str]:
    """The import statements inside the action's own body, as Python source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(action)))
    return [
        ast.unparse(node)
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
    ]


def click_code(control_id: str) -> str:
    """The Python a click of ``control_id`` runs before its action starts working."""
    lines = [entry_import(), *deferred_imports(ribbon.ACTIONS[control_id])]
    return XLWINGS_PREFIX + "; ".join(lines)


def run(code: str, *flags: str) -> subprocess.CompletedProcess[str]:
    """``python -B [flags] -c code`` in a fresh process; fails loudly."""
    return subprocess.run(
        [sys.executable, "-B", *flags, "-c", code], check=True, capture_output=True, text=True
    )


def measure(codes: dict[str, str], runs: int) -> dict[str, float]:
    """Median seconds of each code in a fresh interpreter, interleaved run by run."""
    for code in codes.values():  # warm-up: page cache, no .pyc written (-B, as Excel)
        run(code)
    times: dict[str, list[float]] = {name: [] for name in codes}
    for _ in range(runs):
        for name, code in codes.items():
            start = time.perf_counter()
            run(code)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def offenders(code: str, top: int) -> dict[str, float]:
    """Milliseconds of import time per top-level package (self times summed), largest first."""
    stderr = run(code, "-X", "importtime").stderr
    per_package: dict[str, float] = defaultdict(float)
    for line in stderr.splitlines():
        parts = line.removeprefix("import time:").split("|")
        if len(parts) != 3 or not parts[0].strip().isdigit():
            continue  # the header line
        package = parts[2].strip().split(".")[0]
        per_package[package] += int(parts[0]) / 1000
    ranked = sorted(per_package.items(), key=lambda item: item[1], reverse=True)
    return {name: round(ms, 1) for name, ms in ranked[:top]}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    parser.add_argument("--top", type=int, default=8, help="packages listed per profile")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args(argv)
    codes = {control_id: click_code(control_id) for control_id in ribbon.ACTIONS}
    seconds = measure({**codes, **REFERENCES}, args.runs)
    base = seconds['python -c "import xlwings"']
    result = {
        "runs": args.runs,
        "python": sys.version.split()[0],
        "seconds": {name: round(value, 3) for name, value in seconds.items()},
        "ratio_to_import_xlwings": {name: round(v / base, 2) for name, v in seconds.items()},
        "code": codes,
        "importtime_ms": {
            control_id: offenders(codes[control_id], args.top) for control_id in PROFILED
        },
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    console = Console()
    table = Table(title=f"Cold start of a ribbon click (median of {args.runs} processes)")
    table.add_column("button / reference")
    table.add_column("seconds", justify="right")
    table.add_column('ratio to "import xlwings"', justify="right")
    for name in seconds:
        table.add_row(
            name,
            f"{result['seconds'][name]:.3f}",  # type: ignore[index]
            f"{result['ratio_to_import_xlwings'][name]:.2f}x",  # type: ignore[index]
        )
    console.print(table)
    for control_id, packages in result["importtime_ms"].items():  # type: ignore[attr-defined]
        profile = Table(title=f"python -X importtime, {control_id}: own time per package")
        profile.add_column("package")
        profile.add_column("ms", justify="right")
        for package, ms in packages.items():
            profile.add_row(package, f"{ms:.1f}")
        console.print(profile)


if __name__ == "__main__":
    main()
