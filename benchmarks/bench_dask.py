"""``consolidate --engine dask`` on a 2-worker LocalCluster against the built-in pool.

An agency of N workbooks is generated once (``skp-xl samples --pegawai N``, kept with
``--folder``). Then, as a user runs it (the command in a subprocess, start-up included,
``--tanpa-cache`` so every file is read), interleaved round by round:

- **pool**: ``skp-xl consolidate DIR -o OUT.xlsx --jobs 2`` (the supervised pool);
- **dask**: the same with ``--engine dask``: a LocalCluster of 2 single-threaded workers.

Median of ``--rounds`` each, and their ratio. The four tables (``--csv``) and the
``--json`` document of the two engines must be identical.

Then the same over a copy of the agency (hard links: the inputs are never touched) with
one more workbook whose sheet holds a cell at XFD1048576 under its original
``<dimension>``: the file must become a finding (``berkas-memori-habis``) in both engines,
every other file read, and the outputs still identical.

    .venv/bin/python benchmarks/bench_dask.py --folder /tmp/w6_dask2k
    .venv/bin/python benchmarks/bench_dask.py --n 200 --rounds 1      # a quick look
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_validate import workbooks

ENGINES = ("pool", "dask")
TABLES = ("pegawai", "ringkasan", "temuan", "cascading")
FAR = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


def run(folder: Path, out: Path, engine: str, jobs: int) -> tuple[float, dict[str, object]]:
    """Wall seconds and the --json document of one ``consolidate`` (its CSVs in ``out``)."""
    out.mkdir(parents=True, exist_ok=True)
    command = [
        str(Path(sys.executable).with_name("skp-xl")),
        "consolidate",
        str(folder),
        "-o",
        str(out / "ringkasan.xlsx"),
        "--csv",
        str(out),
        "--jobs",
        str(jobs),
        "--tanpa-cache",
        "--force",
        "--json",
    ]
    if engine == "dask":
        command += ["--engine", "dask"]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{engine} failed ({done.returncode}): {done.stderr.decode()[-3000:]}")
    document: dict[str, object] = json.loads(done.stdout)
    document.pop("output", None)
    return seconds, document


def same(a: Path, b: Path) -> bool:
    """Whether the four CSV tables of two runs are byte for byte equal."""
    return all(filecmp.cmp(a / f"{t}.csv", b / f"{t}.csv", shallow=False) for t in TABLES)


def with_far_cell(folder: Path, target: Path, donor: Path) -> Path:
    """``folder`` as hard links under ``target``, plus a copy of ``donor`` whose every
    worksheet holds a cell at XFD1048576 (its ``<dimension>`` left as it was)."""
    if not target.exists():
        scratch = target.with_name(target.name + ".tmp")
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(folder, scratch, copy_function=os.link)
        bad = scratch / "Zz Jauh" / "jauh.xlsx"
        bad.parent.mkdir()
        with zipfile.ZipFile(donor) as source, zipfile.ZipFile(bad, "w") as sink:
            for item in source.infolist():
                data = source.read(item)
                if item.filename.startswith("xl/worksheets/sheet"):
                    data = data.replace(b"</sheetData>", FAR + b"</sheetData>", 1)
                sink.writestr(item, data)
        scratch.rename(target)
    return target / "Zz Jauh" / "jauh.xlsx"


def measure(
    folder: Path, scratch: Path, rounds: int, jobs: int
) -> tuple[dict[str, list[float]], bool, dict[str, dict[str, object]]]:
    """Seconds per engine (interleaved rounds), whether every round of both engines gave
    the same tables and document, and each engine's last document."""
    times: dict[str, list[float]] = {e: [] for e in ENGINES}
    documents: dict[str, dict[str, object]] = {}
    identical = True
    first = scratch / "first"
    reference: dict[str, object] = {}
    for round_ in range(rounds):
        order = ENGINES if round_ % 2 == 0 else ENGINES[::-1]
        for engine in order:
            out = scratch / f"{engine}-{round_}"
            seconds, document = run(folder, out, engine, jobs)
            times[engine].append(seconds)
            documents[engine] = document
            if not first.exists():
                out.rename(first)
                reference = document
                continue
            identical &= same(first, out) and document == reference
            shutil.rmtree(out)
    return times, identical, documents


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="workbooks (default 2000)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per engine (median)")
    parser.add_argument(
        "--rounds-jauh", type=int, help="runs per engine with the far cell (default --rounds)"
    )
    parser.add_argument("--jobs", type=int, default=2, help="pool jobs and Dask workers")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="reuse or fill this folder")
    parser.add_argument("--json", action="store_true", help="one JSON document on stdout")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="skp-bench-dask-") as temporary:
        scratch = Path(temporary)
        folder = args.folder or scratch / "instansi"
        files = workbooks(folder, args.n, args.seed)
        load = os.getloadavg()[0]
        clean, clean_same, _ = measure(folder, scratch / "bersih", args.rounds, args.jobs)
        far_folder = folder.with_name(folder.name + "-jauh")
        bad = with_far_cell(folder, far_folder, files[0])
        rounds = args.rounds_jauh or args.rounds
        far, far_same, documents = measure(far_folder, scratch / "jauh", rounds, args.jobs)
        load = max(load, os.getloadavg()[0])
    codes = {
        engine: [p["code"] for p in doc["problems"] if p["path"] == str(bad)]  # type: ignore[attr-defined]
        for engine, doc in documents.items()
    }
    result: dict[str, object] = {
        "workbooks": len(files),
        "cpus": os.cpu_count(),
        "rounds": args.rounds,
        "rounds_far_cell": args.rounds_jauh or args.rounds,
        "load_1min_max": round(load, 2),
    }
    for name, times, ok in (("clean", clean, clean_same), ("far_cell", far, far_same)):
        pool, dask = statistics.median(times["pool"]), statistics.median(times["dask"])
        result[name] = {
            "pool_s": [round(t, 2) for t in times["pool"]],
            "dask_s": [round(t, 2) for t in times["dask"]],
            "pool_median_s": round(pool, 2),
            "dask_median_s": round(dask, 2),
            "ratio": round(dask / pool, 3),
            "identical": ok,
        }
    result["far_cell_finding"] = codes
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
