"""The national roll-up (``skp-xl nasional``) over millions of simulated pegawai rows.

Generates Parquet directly (no workbooks): ``--instansi`` files, one per instansi, with
``--baris`` rows in all, spread over five periods (four quarters and Akhir), in the
columns a consolidation's ``--parquet`` holds. Then runs ``skp-xl nasional`` on the
folder in a subprocess and reports its wall time and peak resident memory (``ru_maxrss``
of the child), beside reading the same files' five columns with pyarrow alone (the
baseline, same run).

Target (issue: "national roll-up of 4.3 million simulated pegawai rows, about 600
instansi partitions: at most 30 s and 2 GiB on this machine").

    .venv/bin/python benchmarks/bench_nasional.py                  # 4.3 M rows, 600 files
    .venv/bin/python benchmarks/bench_nasional.py --baris 100000 --instansi 50
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

PERIODE = ["Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Akhir"]
PREDIKAT = ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
CAPAIAN = ["Istimewa", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang"]
COLUMNS = ["Instansi", "Periode", "Predikat", "Capaian Organisasi", "Dihitung"]


def generate(folder: Path, rows: int, instansi: int, seed: int) -> None:
    """One Parquet file per instansi; each pegawai has a row per period."""
    rng = np.random.default_rng(seed)
    per_file = max(1, rows // instansi)
    for i in range(instansi):
        n = per_file
        pegawai = np.arange(n) // len(PERIODE)
        table = pa.table(
            {
                "NIP": pa.array([f"1990010120200{i:03d}{p:05d}"[:18] for p in pegawai]),
                "Instansi": pa.array([f"Instansi Fiktif {i:03d}"] * n),
                "Unit Kerja": pa.array([f"Unit {p % 12}" for p in pegawai]),
                "Periode": pa.array([PERIODE[k % len(PERIODE)] for k in range(n)]),
                "Predikat": pa.array(
                    rng.choice(PREDIKAT, size=n, p=[0.15, 0.7, 0.1, 0.03, 0.02]).tolist()
                ),
                "Capaian Organisasi": pa.array([CAPAIAN[i % len(CAPAIAN)]] * n),
                "Dihitung": pa.array(rng.choice(["Ya", "Tidak"], size=n, p=[0.97, 0.03]).tolist()),
            }
        )
        pq.write_table(table, folder / f"instansi-{i:03d}.parquet")


def baseline(folder: Path) -> float:
    """Read the five columns of every file with pyarrow alone."""
    start = time.perf_counter()
    for path in sorted(folder.glob("*.parquet")):
        pq.read_table(path, columns=COLUMNS)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baris", type=int, default=4_300_000)
    parser.add_argument("--instansi", type=int, default=600)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="skp-nasional-") as scratch:
        folder = Path(scratch) / "parquet"
        folder.mkdir()
        start = time.perf_counter()
        generate(folder, args.baris, args.instansi, args.seed)
        generated = time.perf_counter() - start
        base = baseline(folder)
        command = [str(Path(sys.executable).with_name("skp-xl")), "nasional", str(folder), "--json"]
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=True)
        seconds = time.perf_counter() - start
        peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        document = json.loads(done.stdout)
    result = {
        "baris": document["baris"],
        "instansi": len(document["instansi"]) - 1,
        "generate_s": round(generated, 1),
        "pyarrow_read_s": round(base, 2),
        "nasional_s": round(seconds, 2),
        "ratio": round(seconds / base, 2),
        "peak_rss_mib": round(peak_kib / 1024),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
