"""How long consolidating a large e-Kinerja export takes, against reading it with pandas.

A fictional annual "Laporan Penilaian SKP" of N rows (a large province: 50,000) is made
once by ``skp_xl.samples.ekspor`` (seven title rows, upper-case values, one row of each
fault). Then, in the same run, each step in a fresh interpreter (so each has its own peak
memory), timed around the call only (imports and start-up excluded):

- **pandas** (the baseline): ``pd.read_excel(path, engine="calamine", header=None)``;
- **consolidate**: ``konsolidasi(folder, Opsi(jobs=1, cache=False))`` (cold: no result
  cache, which would hand a repeated run its earlier result): triage (once, with the export
  limits: the worksheet is too large for an SKP), reading, recognising the header, HR's
  rules per row into columns, handing them to the consolidating process, count-once, the
  Pegawai table and its pandera check, the Ringkasan;
- with ``--tulis``, also **consolidate + summary**: the same and the summary workbook
  (``write_summary``), as ``skp-xl consolidate`` does.

Peak memory is the child's ``ru_maxrss`` (Linux: KiB), interpreter and imports included.
The issue's target: consolidate at most 1.5x pandas.

With ``--bagian``, one more fresh interpreter times the parts one after another (where the
time goes): the CPU time of importing what the reader process preloads (for a folder of
exports alone, ``skp_xl.batch.berkas`` without the SKP reader), pandas, the reader
process (its start, ``proses_berkas``, the result back), ``rangkum``'s first call
(pandera's first use inside it), the triage with the export limits, ``proses_berkas`` in
that process; and a last fresh interpreter times the reader process's start alone
(``reader_start``: its server started, its module imported, one trivial task answered).

With ``--cpu``, the CPU seconds of the path (less bent than the wall clock by a loaded
machine), each part in a fresh interpreter: what the reader's server imports for this
folder, ``proses_berkas`` (its first call, as in the reader process), pickling and
unpickling its result, ``rangkum``'s first call after pandera's warm-up; their sum against
``pd.read_excel``'s CPU. The wall clock adds what CPU time does not count: the server's
interpreter start, the forks, the pipe, and the waits for a core between processes.

    .venv/bin/python benchmarks/bench_ekspor.py                  # 50,000 rows
    .venv/bin/python benchmarks/bench_ekspor.py --rows 5000 --folder /tmp/ekspor --json
    .venv/bin/python benchmarks/bench_ekspor.py --folder /tmp/ekspor --bagian --json
    .venv/bin/python benchmarks/bench_ekspor.py --folder /tmp/ekspor --cpu --json
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
NAME = "Laporan Penilaian SKP Tahunan.xlsx"

_CHILD = f"""
import json, resource, sys, time
from pathlib import Path
step, folder = sys.argv[1], Path(sys.argv[2])
path = folder / {NAME!r}
if step == "pandas":
    import pandas as pd
    start = time.perf_counter()
    frame = pd.read_excel(path, engine="calamine", header=None)
    rows = len(frame)
else:
    from skp_xl.batch.konsolidasi import Opsi, konsolidasi
    from skp_xl.summary.workbook import write_summary
    start = time.perf_counter()
    result = konsolidasi(folder, Opsi(jobs=1, cache=False))
    rows = len(result.pegawai)
    if step == "tulis":
        out = Path(sys.argv[3])
        write_summary(out, result.summary_data(), force=True)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"seconds": seconds, "peak_mib": peak / 1024, "rows": rows}}))
"""


_PARTS = f"""
import json, sys, time
from pathlib import Path
cpu = time.process_time()
import skp_xl.batch.berkas
preload = time.process_time() - cpu
import pandas as pd
from skp_xl.batch.berkas import proses_berkas
from skp_xl.batch.cari import temukan
from skp_xl.batch.konsolidasi import Opsi, baca_semua, rangkum
from skp_xl.reader import triage as triage_module
from skp_xl.reader.triage import triage
from skp_xl.settings import EKSPOR_LIMITS
triage_module.memori_dibatasi = lambda: True  # in-process parts as under the reader's cap
folder = Path(sys.argv[1])
path = folder / {NAME!r}
parts = {{"preload_cpu": preload}}
def timed(name, fn):
    start = time.perf_counter()
    out = fn()
    parts[name] = time.perf_counter() - start
    return out
timed("pandas", lambda: pd.read_excel(path, engine="calamine", header=None))
paths, notes = temukan(folder)
hasil = timed("reader_process", lambda: baca_semua(paths, folder, jobs=1))
timed("rangkum_first", lambda: rangkum(folder, hasil, list(notes), Opsi(jobs=1, cache=False)))
timed("triage_export_limits", lambda: triage(path, limits=EKSPOR_LIMITS))
timed("proses_berkas_in_process", lambda: proses_berkas(str(path), str(folder)))
print(json.dumps(parts))
"""


_START = f"""
import json, sys, time
from pathlib import Path
from skp_xl.batch.berkas import PRAMUAT
from skp_xl.batch.pengawas import Fungsi, petakan
from skp_xl.reader.ekspor import tanpa_pembaca_skp
path = Path(sys.argv[1]) / {NAME!r}
pramuat = () if tanpa_pembaca_skp(path) else PRAMUAT  # as baca_semua decides
trivial = Fungsi("skp_xl.batch.berkas", "HasilBerkas", (("unit", ""), ("terbaca", False)))
start = time.perf_counter()
list(petakan(trivial, [str(path)], lambda item, failure: None, jobs=1, pramuat=pramuat))
print(json.dumps({{"reader_start": time.perf_counter() - start}}))
"""


_CPU = f"""
import json, pickle, sys, time
from pathlib import Path
cpu = time.process_time
part, folder, kept = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
path = folder / {NAME!r}
out = {{}}
if part == "server":  # a folder of exports alone: skp_xl.batch.berkas, no SKP reader
    start = cpu()
    import skp_xl.batch.berkas
    out["server_import"] = cpu() - start
elif part == "pandas":
    import pandas as pd
    start = cpu()
    pd.read_excel(path, engine="calamine", header=None)
    out["pandas"] = cpu() - start
elif part == "reader":
    from skp_xl.batch.berkas import proses_berkas
    from skp_xl.reader import triage as triage_module
    triage_module.memori_dibatasi = lambda: True  # as under the reader's memory cap
    start = cpu()
    result = proses_berkas(str(path), str(folder))
    out["proses_berkas"] = cpu() - start
    start = cpu()
    kept.write_bytes(pickle.dumps(result))
    out["pickle"] = cpu() - start
else:
    from skp_xl.batch.berkas import Kamus
    from skp_xl.batch.konsolidasi import Opsi, rangkum
    from skp_xl.batch.skema import pemanasan
    data = kept.read_bytes()
    pemanasan().join()
    start = cpu()
    hasil = [Kamus().ringkas(pickle.loads(data))]
    out["unpickle"] = cpu() - start
    start = cpu()
    rangkum(folder, hasil, [], Opsi(jobs=1, cache=False))
    out["rangkum_first"] = cpu() - start
print(json.dumps(out))
"""


def make(folder: Path, rows: int, seed: int = 1) -> Path:
    """The fictional export of ``rows`` pegawai (and the mutasi's extra row), made once."""
    from skp_xl.samples import ekspor

    path = folder / NAME
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    org = ekspor.organisasi(rows, seed=seed)
    ekspor.tulis_xlsx(path, ekspor.penilaian(org, random.Random(seed)))
    return path


def run(step: str, folder: Path, out: Path) -> dict[str, float]:
    """One step in a fresh interpreter: its seconds, peak MiB and rows."""
    return _last_json(_CHILD, step, str(folder), str(out))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000, help="pegawai in the export")
    parser.add_argument("--folder", type=Path, help="where the export is kept (reused)")
    parser.add_argument("--tulis", action="store_true", help="also write the summary workbook")
    parser.add_argument("--json", action="store_true", help="one JSON document")
    parser.add_argument("--bagian", action="store_true", help="also time the parts")
    parser.add_argument("--cpu", action="store_true", help="also the CPU time of the path")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.folder or Path(temporary) / "ekspor"
        start = time.perf_counter()
        make(folder, args.rows)
        made = time.perf_counter() - start
        out = Path(temporary) / "ringkasan.xlsx"
        steps = ["pandas", "konsolidasi", *(["tulis"] if args.tulis else [])]
        results = {step: run(step, folder, out) for step in steps}
        parts = _parts(folder) if args.bagian else None
        cpu = _cpu(folder, Path(temporary) / "hasil.pkl") if args.cpu else None
    base = results["pandas"]["seconds"]
    document = {
        "rows": args.rows,
        "made_seconds": made,
        "steps": {
            step: r | {"ratio": r["seconds"] / base if base else None}
            for step, r in results.items()
        },
    }
    if parts is not None:
        document["parts"] = parts
    if cpu is not None:
        document["cpu"] = cpu
    if args.json:
        print(json.dumps(document, indent=1))
        return
    labels = {
        "pandas": 'pd.read_excel(engine="calamine")',
        "konsolidasi": "konsolidasi (tables)",
        "tulis": "konsolidasi + summary workbook",
    }
    table = Table(title=f"Annual e-Kinerja export of {args.rows:,} rows", title_justify="left")
    for header in ("step", "seconds", "x pandas", "peak MiB", "rows"):
        table.add_column(header, justify="left" if header == "step" else "right")
    for step, r in document["steps"].items():  # type: ignore[attr-defined]
        table.add_row(
            labels[step],
            f"{r['seconds']:.2f}",
            f"{r['ratio']:.2f}",
            f"{r['peak_mib']:.0f}",
            f"{int(r['rows']):,}",
        )
    Console().print(table)
    if parts is not None:
        Console().print({name: round(seconds, 3) for name, seconds in parts.items()})
    if cpu is not None:
        Console().print({name: round(seconds, 3) for name, seconds in cpu.items()})


def _parts(folder: Path) -> dict[str, float]:
    """The parts, timed one after another in one fresh interpreter (``--bagian``)."""
    return _last_json(_PARTS, str(folder)) | _last_json(_START, str(folder))


def _last_json(script: str, *args: str) -> dict[str, float]:
    """The JSON document on the last line ``script`` prints, run with ``args`` in a fresh
    interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def _cpu(folder: Path, kept: Path) -> dict[str, float]:
    """The CPU seconds of the path's parts, each in a fresh interpreter (``--cpu``)."""
    parts: dict[str, float] = {}
    for part in ("server", "pandas", "reader", "tables"):
        parts |= _last_json(_CPU, part, str(folder), str(kept))
    path = sum(parts[k] for k in ("server_import", "proses_berkas", "pickle", "unpickle"))
    parts["path"] = path + parts["rangkum_first"]
    parts["path_ratio"] = parts["path"] / parts["pandas"]
    return parts


if __name__ == "__main__":
    main()
