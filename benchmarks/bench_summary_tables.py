"""How long ``write_summary`` takes and how much memory it adds, for two versions of the code.

A folder is consolidated once (``konsolidasi(folder, Opsi(jobs=1, cache=False))``: an
e-Kinerja export of ``bench_ekspor.py`` made with ``--rows``, or any agency folder given
with ``--folder``, e.g. the one ``bench_consolidate.py --folder`` generates) and its
``SummaryData`` pickled. Then, in the same run, for each code tree given with ``--kode``
(default: this checkout), in a fresh interpreter with that tree first on ``sys.path``:
load the pickle, then ``write_summary`` (the summary workbook as ``skp-xl consolidate``
writes it), timed around that call only. "MiB added" is the process's peak ``ru_maxrss``
less its peak before the call (the data loaded). The trees run interleaved, ``--rounds``
times; the medians are printed.

Another tree is a copy of a commit, e.g. main before the XlsxWriter tables::

    git archive main | tar -x -C /tmp/before
    .venv/bin/python benchmarks/bench_summary_tables.py --rows 50000 \\
        --folder /tmp/ekspor50k --kode /tmp/before --kode .
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ekspor import ROOT, make

_PICKLE = """
import pickle, sys
from pathlib import Path
from skp_xl.batch.konsolidasi import Opsi, konsolidasi
# No time limit per file: a busy machine would turn the big export into a finding.
data = konsolidasi(Path(sys.argv[1]), Opsi(jobs=1, cache=False, batas_detik=None)).summary_data()
assert len(data.pegawai), data.temuan
Path(sys.argv[2]).write_bytes(pickle.dumps(data))
print(len(data.pegawai), len(data.temuan), len(data.cascading))
"""

_CHILD = """
import json, pickle, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from skp_xl.summary.workbook import write_summary
import skp_xl
assert Path(skp_xl.__file__).resolve().is_relative_to(Path(sys.argv[1]).resolve())
data = pickle.loads(Path(sys.argv[2]).read_bytes())
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
write_summary(Path(sys.argv[3]), data, force=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "added_mib": (peak - before) / 1024,
                  "peak_mib": peak / 1024, "bytes": Path(sys.argv[3]).stat().st_size}))
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="pegawai in a made export")
    parser.add_argument("--folder", type=Path, help="the folder consolidated (reused)")
    parser.add_argument("--kode", type=Path, action="append", help="a code tree (repeat)")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args(argv)
    trees = [t.resolve() for t in (args.kode or [ROOT])]
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.folder or Path(temporary) / "ekspor"
        if not folder.exists() or not any(folder.iterdir()):
            make(folder, args.rows)
        data = Path(temporary) / "data.pickle"
        done = subprocess.run(
            [sys.executable, "-c", _PICKLE, str(folder), str(data)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        print("pegawai, temuan, cascading rows:", done.stdout.strip().splitlines()[-1])
        results: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
        for _ in range(args.rounds):
            for tree in trees:
                out = Path(temporary) / "out" / "ringkasan.xlsx"
                out.parent.mkdir(exist_ok=True)
                done = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(tree), str(data), str(out)],
                    capture_output=True,
                    text=True,
                    check=True,
                    cwd=temporary,
                )
                results[tree].append(json.loads(done.stdout.strip().splitlines()[-1]))
    for tree, runs in results.items():
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        print(
            json.dumps(
                {"kode": str(tree), "runs": len(runs)}
                | {k: round(v, 2) for k, v in median.items()}
                | {"seconds_each": [round(r["seconds"], 2) for r in runs]}
            )
        )


if __name__ == "__main__":
    main()
