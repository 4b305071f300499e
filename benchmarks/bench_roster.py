"""Benchmark ``skp-xl roster``: 10,000 pegawai on every core, against openpyxl per pegawai.

    .venv/bin/python benchmarks/bench_roster.py               # 10,000 pegawai, all cores
    .venv/bin/python benchmarks/bench_roster.py --n 2000 --sample 20 --json

What it measures, in one run:

- **roster**: the whole command as a user runs it (``skp-xl roster ROSTER -o DIR``, a
  subprocess: start-up, reading and checking the roster, planning, every SKP and Matriks
  written over all cores), wall time with ``time.perf_counter``; its CPU time and peak
  memory (one process, and all of them at once) sampled from /proc every 0.2 s over the
  command and its children (the writers).
- **baseline**: what writing the same workbooks the plain way costs: ``build_workbook``
  with the identity typed in, then openpyxl's ``save``, one pegawai at a time, timed on a
  sample of the roster's pegawai (``--sample``, the same mix of templates) in this
  process, and **extrapolated** to every pegawai over the same number of cores (the
  sample's mean x pegawai / cores, assuming a perfect split). Matriks are left out of the
  baseline, so it flatters the baseline.
- **ratio**: baseline over roster (wall time); and the same in CPU time (the baseline's
  ``time.process_time`` per workbook x pegawai, over the command tree's CPU time).

On a shared machine the wall time says more about the neighbours than about skp-xl, so
the command tree's CPU time (user + system, ``RUSAGE_CHILDREN``) is given too: divided by
the cores, it is the wall time the same work takes on an otherwise idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skp_xl.batch.roster import OpsiRoster, identitas  # noqa: E402
from skp_xl.domain.roster import periksa_roster  # noqa: E402
from skp_xl.reader.roster import baca_roster  # noqa: E402
from skp_xl.samples.roster import buat_roster, tulis_csv  # noqa: E402
from skp_xl.workbook.writer import Options, build_workbook  # noqa: E402

MIB = 1024 * 1024


class _Tree:
    """The command's processes (it, its forkserver, the writers), sampled from /proc
    (Linux): CPU time per process as last seen, the peak RSS of one (``VmHWM``) and of all
    at once. ``ru_maxrss`` of children misses the writers: they are the forkserver's
    children, and the forkserver is not waited for."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.ticks: dict[int, int] = {}
        self.peak_one = 0
        self.peak_sum = 0
        self.hertz = os.sysconf("SC_CLK_TCK")

    def poll(self) -> None:
        parents: dict[int, int] = {}
        stats: dict[int, list[str]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                text = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = text[text.rindex(")") + 2 :].split()
            parents[int(entry)] = int(fields[1])
            stats[int(entry)] = fields
        members = {self.root}
        grew = True
        while grew:
            grew = False
            for pid, parent in parents.items():
                if parent in members and pid not in members:
                    members.add(pid)
                    grew = True
        total = 0
        for pid in members & stats.keys():
            fields = stats[pid]
            self.ticks[pid] = int(fields[11]) + int(fields[12])  # utime + stime
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            hwm = int(values.get("VmHWM", "0 kB").split()[0]) * 1024
            rss = int(values.get("VmRSS", "0 kB").split()[0]) * 1024
            self.peak_one = max(self.peak_one, hwm)
            total += rss
        self.peak_sum = max(self.peak_sum, total)

    @property
    def cpu(self) -> float:
        """CPU seconds of every process seen."""
        return sum(self.ticks.values()) / self.hertz


def main() -> None:
    """Run the benchmark and print its figures (a table, or ``--json``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="pegawai in the roster")
    parser.add_argument("--sample", type=int, default=30, help="pegawai of the baseline")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="cores")
    parser.add_argument("--json", action="store_true", help="one JSON document")
    args = parser.parse_args()

    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-roster-") as tmp:
        folder = Path(tmp)
        contoh = buat_roster(args.n)
        source = folder / "roster.csv"
        tulis_csv(contoh, source)
        command = [
            str(Path(sys.executable).with_name("skp-xl")),
            "roster",
            str(source),
            "-o",
            str(folder / "out"),
            "--instansi",
            contoh.instansi,
            "-j",
            str(args.jobs),
            "--json",
        ]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        tree = _Tree(process.pid)
        stdout = b""
        while True:
            tree.poll()
            try:
                out, _ = process.communicate(timeout=0.2)
                stdout += out
                break
            except subprocess.TimeoutExpired:
                continue
        seconds = time.perf_counter() - started
        document = json.loads(stdout)
        written = [b for b in document["berkas"] if b["status"] == "dibuat"]
        skp = sum(1 for b in written if b["jenis"] == "skp")
        matriks = len(written) - skp

        read = baca_roster(source)
        roster = periksa_roster(read.baris)
        opsi = OpsiRoster(tahun=contoh.tahun, instansi=contoh.instansi)
        step = max(1, len(roster.pegawai) // args.sample)
        sample = list(roster.pegawai[::step])[: args.sample]
        build_workbook(Options(sample[0].jenis, sample[0].pendekatan)).save(folder / "warm.xlsx")
        started = time.perf_counter()
        cpu_started = time.process_time()
        for number, p in enumerate(sample):
            values = {
                k: v for k, v in identitas(roster, p, opsi).items() if not isinstance(v, float)
            }
            wb = build_workbook(Options(p.jenis, p.pendekatan, identitas=values))
            wb.save(folder / f"baseline-{number}.xlsx")
        per_workbook = (time.perf_counter() - started) / len(sample)
        cpu_per_workbook = (time.process_time() - cpu_started) / len(sample)
        baseline = per_workbook * len(roster.pegawai) / args.jobs

    figures = {
        "pegawai": len(contoh.baris),
        "skp": skp,
        "matriks": matriks,
        "cores": args.jobs,
        "roster_s": round(seconds, 1),
        "roster_cpu_s": round(tree.cpu, 1),
        "roster_cpu_s_per_core": round(tree.cpu / args.jobs, 1),
        "processes": len(tree.ticks),
        "roster_workbooks_per_s": round((skp + matriks) / seconds, 1),
        "baseline_sample": len(sample),
        "baseline_s_per_workbook": round(per_workbook, 3),
        "baseline_extrapolated_s": round(baseline, 1),
        "ratio": round(baseline / seconds, 1),
        "baseline_cpu_s_per_workbook": round(cpu_per_workbook, 3),
        "ratio_cpu": round(cpu_per_workbook * len(roster.pegawai) / tree.cpu, 1),
        "peak_mib_one_process": round(tree.peak_one / MIB, 1),
        "peak_mib_all_processes": round(tree.peak_sum / MIB, 1),
        "command_rc": process.returncode,
        "load_average_1min": [round(load[0], 1), round(os.getloadavg()[0], 1)],
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"skp-xl roster, {figures['pegawai']} rows on {args.jobs} cores:")
    rate = figures["roster_workbooks_per_s"]
    print(f"  {skp} SKP + {matriks} Matriks in {seconds:.1f} s ({rate}/s)")
    cpu = tree.cpu
    print(f"  CPU time of the command's tree {cpu:.1f} s, {cpu / args.jobs:.1f} s per core")
    print(
        f"  baseline build_workbook + save: {per_workbook:.3f} s a workbook (sample of "
        f"{len(sample)}), extrapolated {baseline:.1f} s on {args.jobs} cores"
    )
    print(
        f"  ratio {figures['ratio']}x (wall); CPU: baseline {cpu_per_workbook:.3f} s a workbook, "
        f"ratio {figures['ratio_cpu']}x"
    )
    print(
        f"  peak memory: {tree.peak_one / MIB:.0f} MiB in one process, "
        f"{tree.peak_sum / MIB:.0f} MiB in all of the command's processes at once"
    )
    print(f"  load average before/after: {load[0]:.1f} / {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
