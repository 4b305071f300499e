"""The parent's memory in a consolidation of 10,000 to 100,000 files, by replicating results.

Generating and reading 100,000 workbooks takes hours on this machine, and the parent's
memory does not depend on how the results were read. So this benchmark reads a small
fictional agency once (``generate_agency``, then
:func:`~skp_xl.batch.berkas.proses_berkas` in-process), and makes N results from those:
each copy is unpickled afresh (as the parent receives it from a worker), with its own
path, folder and a NIP of its own (valid in form), and its pejabat penilai's NIP mapped in
the same copy, so the duplicate-NIP rules, the cascading check and the units see an
agency of N different pegawai.

For each N, in a fresh interpreter (so the peak is that N's own), it measures the peak
resident size (``ru_maxrss``) after each step of what ``skp-xl consolidate`` does in its
parent: holding the N results (as :func:`~skp_xl.batch.konsolidasi.baca_semua` keeps
them in a :class:`~skp_xl.batch.gudang.Gudang`: in memory, their repeated texts shared,
below ``DI_DISK_SEJAK`` files; in a temporary file from there on),
:func:`~skp_xl.batch.konsolidasi.rangkum` (the tables), and the summary workbook
(:func:`~skp_xl.summary.workbook.write_summary`), under the garbage collector as the
command tunes it (:func:`~skp_xl.batch.sampah.gc_batch`, and
:func:`~skp_xl.batch.sampah.bekukan` once the tables are built), Arrow allocating as the
command has it (:func:`~skp_xl.batch.sampah.arrow_sistem`). The baseline of the
same run is the interpreter with skp-xl and pandas imported, before any result exists.

    .venv/bin/python benchmarks/bench_memori.py                     # 10,000 and 30,000
    .venv/bin/python benchmarks/bench_memori.py --n 10000 --n 100000
    .venv/bin/python benchmarks/bench_memori.py --tanpa-ringkasan   # tables only
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from rich.table import Table

MIB = 1024 * 1024


def _nip(n: int) -> str:
    """The n-th fictional NIP: a birth date, a TMT at least 20 years later, a sex, a number."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=n % 9000)
    rest = n // 9000
    year = born.year + 20 + rest % 10
    month = (rest // 10) % 12 + 1
    seq = (rest // 120) % 999 + 1
    return f"{born:%Y%m%d}{year:04d}{month:02d}{1 + n % 2}{seq:03d}"


def _base(folder: Path, pegawai: int) -> list[bytes]:
    """A small fictional agency's results, each pickled as a worker hands it back."""
    from skp_xl.batch.berkas import proses_berkas
    from skp_xl.samples import generate_agency

    generate_agency(folder, pegawai=pegawai, seed=11, masalah=True, jobs=2)
    paths = sorted(p for p in folder.rglob("*.xlsx"))
    return [pickle.dumps(proses_berkas(str(p), root=str(folder))) for p in paths]


def _replicate(base: list[bytes], n: int, root: str) -> Sequence[object]:
    from skp_xl.batch.berkas import HasilBerkas
    from skp_xl.batch.gudang import Gudang

    # Kept as baca_semua keeps each result it receives: in memory (its repeated texts
    # shared) below DI_DISK_SEJAK files, in a temporary file from there on.
    gudang = Gudang(n)
    originals = [pickle.loads(b) for b in base]
    index = {h.identitas.get("nip", ""): j for j, h in enumerate(originals)}
    for i in range(n):
        copy, j = divmod(i, len(base))
        h: HasilBerkas = pickle.loads(base[j])
        top, _, rest = h.unit.partition("/")
        unit = "/".join(part for part in (top, f"salinan-{copy}", rest) if part)
        path = f"{root}/{unit}/{i}.xlsx"
        identitas = dict(h.identitas)
        identitas["nip"] = _nip(i)
        penilai = identitas.get("penilai_nip", "")
        if penilai in index:
            identitas["penilai_nip"] = _nip(copy * len(base) + index[penilai])
        temuan = tuple(replace(f, path=path) for f in h.temuan)
        gudang.taruh(
            i,
            replace(h, path=path, unit=unit, identitas=identitas, temuan=temuan, isi=f"{i:064x}"),
        )
    return gudang


def _peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _child(base_file: Path, n: int, ringkasan: bool) -> dict[str, float]:
    """One N in this interpreter: the peak after each step (bytes) and the seconds."""
    from skp_xl.batch.konsolidasi import Opsi, rangkum
    from skp_xl.batch.sampah import arrow_sistem, bekukan, gc_batch
    from skp_xl.summary.workbook import write_summary

    base = pickle.loads(base_file.read_bytes())
    figures: dict[str, float] = {"baseline": _peak()}
    # The collector as the command tunes it (gc_batch), what it keeps frozen once built.
    with tempfile.TemporaryDirectory() as scratch, gc_batch(), arrow_sistem():
        root = Path(scratch) / "instansi"
        start = time.perf_counter()
        hasil = _replicate(base, n, str(root))
        figures["results"] = _peak()
        figures["results_s"] = time.perf_counter() - start
        start = time.perf_counter()
        result = rangkum(root, hasil, [], Opsi(cache=False))  # type: ignore[arg-type]
        figures["tables"] = _peak()
        figures["tables_s"] = time.perf_counter() - start
        figures["pegawai_rows"] = len(result.tabel_pegawai)  # not decoded
        figures["temuan_rows"] = len(result.temuan)
        bekukan()  # as the command does once the results and tables are built
        if ringkasan:
            start = time.perf_counter()
            write_summary(Path(scratch) / "ringkasan.xlsx", result.summary_data())
            figures["summary"] = _peak()
            figures["summary_s"] = time.perf_counter() - start
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, action="append", help="results (repeatable)")
    parser.add_argument("--pegawai", type=int, default=60, help="the agency replicated")
    parser.add_argument("--tanpa-ringkasan", action="store_true", help="skip the workbook")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        figures = _child(Path(args.child[0]), int(args.child[1]), not args.tanpa_ringkasan)
        print(json.dumps(figures))
        return
    sizes = args.n or [10_000, 30_000]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        base_file = Path(scratch) / "base.pickle"
        base_file.write_bytes(pickle.dumps(_base(Path(scratch) / "agency", args.pegawai)))
        for n in sizes:
            command = [sys.executable, __file__, "--child", str(base_file), str(n)]
            if args.tanpa_ringkasan:
                command.append("--tanpa-ringkasan")
            done = subprocess.run(command, capture_output=True, text=True, check=True)
            rows.append({"n": n} | json.loads(done.stdout.splitlines()[-1]))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    table = Table(title="Parent memory (peak RSS, MiB) by step, results replicated")
    for column in ("files", "baseline", "results", "tables", "summary", "KiB/file", "seconds"):
        table.add_column(column, justify="right")
    for row in rows:
        last = row.get("summary", row["tables"])
        seconds = row["results_s"] + row["tables_s"] + row.get("summary_s", 0.0)
        table.add_row(
            f"{row['n']:,}",
            f"{row['baseline'] / MIB:.0f}",
            f"{row['results'] / MIB:.0f}",
            f"{row['tables'] / MIB:.0f}",
            f"{row['summary'] / MIB:.0f}" if "summary" in row else "-",
            f"{(last - row['baseline']) / 1024 / row['n']:.1f}",
            f"{seconds:.1f}",
        )
    Console().print(table)


if __name__ == "__main__":
    main()
