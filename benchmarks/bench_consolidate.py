"""How long ``skp-xl consolidate`` takes on a whole agency, against one bare read of it.

A synthetic agency of N workbooks is generated once (``skp-xl samples --pegawai N``).
Then, in the same run:

- **bare read** (the baseline): one process reads every cell of every sheet of every
  file with python-calamine, nothing else;
- **consolidate**: the whole command in a subprocess (``skp-xl consolidate DIR -o
  OUT.xlsx``, default jobs: every core), interpreter start-up, triage, reading, checks,
  cascading, pandera and the summary workbook included. Its peak memory is sampled from
  /proc (Linux) over the command and its worker processes: every 50 ms the sum of their
  resident sizes (RSS: shared pages counted in every process; a counter, cheap to read),
  every 0.5 s the sum of their proportional set sizes (PSS: a page shared by forked
  workers counts once). PSS is read less often because the kernel walks every page of a
  process to give it: read every 50 ms with the process list, the sampler took about
  14 ms of CPU a poll, over a fifth of one of the two cores the command reads with, and
  slowed the command it measured (until wave 11; the bare read was never sampled).

The bare read is timed twice, before the first run of the command and after the last,
and the ratios are to the mean of the two: on these shared machines the same read of the
same files has taken from 107 to 154 s at 10,000 files, and one timing taken before
minutes of other work can be far from what the machine gave the command.

Then, with the result cache (``skp_xl/batch/cache.py``, kept in a scratch folder through
``SKP_XL_CACHE``):

- **warm**: the same command again, nothing changed: every file is hashed and the run is
  answered from the cache's last whole run (the summary left as it is: ``warm_cache``
  says ``tidak-berubah``);
- **10% changed**: one file in ten gets new bytes (its zip comment rewritten: the same
  workbook, a different content hash) and the command runs again: those files are read,
  the others' results come from the cache, the tables and the summary are built again.

The cold run starts with an empty cache.

With ``--rounds N`` (N > 1) the cold run is made N times, each with an empty cache of its
own, and a bare read between two of them: each cold run's ratio is to the mean of the
bare reads just before and just after it, and ``ratio`` is the median of those. The
machine's speed has drifted by a tenth within one run (the bare read before and after
took 98.5 and 84.8 s), so one cold run against two reads minutes away from it says as
much about the drift as about the command.

    .venv/bin/python benchmarks/bench_consolidate.py               # 10,000 workbooks
    .venv/bin/python benchmarks/bench_consolidate.py --n 1000 --folder /tmp/agency
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import bare_read, workbooks

PSS_EVERY = 10
"""Polls between two PSS readings (every 0.5 s at 50 ms a poll)."""


def _rss(pid: int) -> int:
    """Resident bytes of one process, from /proc/PID/statm (cheap: a counter)."""
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGESIZE")
    except (OSError, IndexError, ValueError):
        return 0


def _pss(pid: int) -> int:
    """Proportional bytes (PSS) of one process, from /proc/PID/smaps_rollup: the kernel
    walks the process's pages for it (about 6 ms for 400 MB here)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _tree(root: int) -> list[int]:
    """``root`` and all its descendants, from each thread's ``children`` list."""
    pids: list[int] = []
    todo = [root]
    while todo:
        pid = todo.pop()
        pids.append(pid)
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for thread in threads:
            try:
                todo += map(int, Path(f"/proc/{pid}/task/{thread}/children").read_text().split())
            except OSError:
                continue
    return pids


def _tree_memory(root: int, *, pss: bool = True) -> tuple[int, int]:
    """Resident and (when ``pss``) proportional bytes of ``root`` and its descendants.

    Worker processes are forked from the command, so they share its pages: the sum of
    their resident sizes counts those pages once per process, the sum of PSS once.
    """
    pids = _tree(root)
    return sum(map(_rss, pids)), sum(map(_pss, pids)) if pss else 0


def run_consolidate(
    folder: Path, out: Path, jobs: int | None, cache: Path | None = None
) -> tuple[float, tuple[int, int], dict[str, object]]:
    """Wall seconds, peak tree RSS in bytes, and the --json document of one run."""
    command = [
        str(Path(sys.executable).with_name("skp-xl")),
        "consolidate",
        str(folder),
        "-o",
        str(out),
        "--force",
        "--json",
    ]
    if jobs:
        command += ["--jobs", str(jobs)]
    peak = (0, 0)
    start = time.perf_counter()
    env = dict(os.environ)
    if cache is not None:
        env["SKP_XL_CACHE"] = str(cache)
    else:
        command.append("--tanpa-cache")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        polls = 0
        while not done.is_set():
            rss, pss = _tree_memory(process.pid, pss=polls % PSS_EVERY == 0)
            peak = (max(peak[0], rss), max(peak[1], pss))
            polls += 1
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"consolidate failed ({process.returncode}): {stderr.decode()[-2000:]}")
    return seconds, peak, json.loads(stdout)


def _bare(files: Sequence[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        bare_read(path)
    return time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="workbooks (default 10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, help="consolidate --jobs (default: every core)")
    parser.add_argument("--folder", type=Path, help="reuse or fill this folder")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    parser.add_argument(
        "--rounds", type=int, default=1, help="cold runs, a bare read between two (default 1)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="skp-bench-") as scratch:
        folder = args.folder or Path(scratch) / "instansi"
        start = time.perf_counter()
        files = workbooks(folder, args.n, args.seed)
        generated = time.perf_counter() - start
        before = _bare(files)
        out = Path(scratch) / "ringkasan.xlsx"
        cache = Path(scratch) / "cache"
        seconds, peak, document = run_consolidate(folder, out, args.jobs, cache)
        bares, colds = [before], [seconds]
        for round_ in range(1, max(1, args.rounds)):
            bares.append(_bare(files))
            # Its own cache and summary: the warm run below finds the first's as it left them.
            again, again_peak, again_document = run_consolidate(
                folder,
                Path(scratch) / f"ringkasan-{round_}.xlsx",
                args.jobs,
                Path(scratch) / f"cache-{round_}",
            )
            if again_document.get("pegawai") != document.get("pegawai"):
                raise SystemExit("a second cold run gave another result")
            colds.append(again)
            peak = (max(peak[0], again_peak[0]), max(peak[1], again_peak[1]))
        warm, _, warm_document = run_consolidate(folder, out, args.jobs, cache)
        changed = files[:: max(1, len(files) // max(1, len(files) // 10))][: len(files) // 10]
        for path in changed:
            with zipfile.ZipFile(path, "a") as archive:
                archive.comment = f"diubah {time.time()}".encode()
        partly, _, partly_document = run_consolidate(folder, out, args.jobs, cache)
        after = _bare(files)
        bares.append(after)
        bare = sum(bares) / len(bares)
        # Each cold run against the bare reads just before and just after it.
        pairs = [(cold, (bares[i] + bares[i + 1]) / 2) for i, cold in enumerate(colds)]
        ratio = statistics.median(cold / around for cold, around in pairs)
        for other in (warm_document, partly_document):
            if other.get("pegawai") != document.get("pegawai"):
                raise SystemExit("a run with the cache gave another result")
    result = {
        "workbooks": len(files),
        "cpus": os.cpu_count(),
        "generate_s": round(generated, 1),
        "bare_read_s": round(bare, 2),
        "bare_read_before_s": round(before, 2),
        "bare_read_after_s": round(after, 2),
        "consolidate_s": round(seconds, 2),
        "ratio": round(ratio if args.rounds > 1 else seconds / bare, 2),
        "warm_s": round(warm, 2),
        "warm_ratio": round(warm / bare, 3),
        "warm_cache": warm_document.get("cache"),
        "changed_10pct_files": len(changed),
        "changed_10pct_s": round(partly, 2),
        "changed_10pct_ratio": round(partly / bare, 3),
        "peak_rss_sum_mib": round(peak[0] / 2**20),
        "peak_pss_mib": round(peak[1] / 2**20),
        "pegawai_rows": document.get("pegawai"),
        "problems": len(document.get("problems", [])),  # type: ignore[arg-type]
    }
    if args.rounds > 1:
        result["bare_reads_s"] = [round(b, 2) for b in bares]
        result["cold_rounds"] = [
            {
                "cold_s": round(cold, 2),
                "bare_around_s": round(around, 2),
                "ratio": round(cold / around, 3),
            }
            for cold, around in pairs
        ]
    if args.json:
        print(json.dumps(result, indent=2))
        return
    table = Table(title=f"consolidate {len(files)} workbooks on {os.cpu_count()} CPUs")
    table.add_column("measure")
    table.add_column("value", justify="right")
    for key, value in result.items():
        table.add_row(key, str(value))
    Console().print(table)


if __name__ == "__main__":
    main()
