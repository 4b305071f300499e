"""Whether a change to the export path leaves the consolidation's tables as they were.

``simpan`` consolidates each folder (cold, no result cache) and keeps its Pegawai, Temuan
and Ringkasan (and the Tidak Membuat SKP counts) in a pickle; ``banding`` consolidates
again with the code on the path and compares with ``pd.testing.assert_frame_equal``. Run
``simpan`` with the old tree first on the path (``PYTHONPATH=<old tree>``), then
``banding`` with the new one:

    PYTHONPATH=/tmp/old .venv/bin/python benchmarks/banding_ekspor.py simpan /tmp/before.pkl \
        /tmp/ekspor_w5 samples/ekinerja samples/ekinerja-2024
    .venv/bin/python benchmarks/banding_ekspor.py banding /tmp/before.pkl \
        /tmp/ekspor_w5 samples/ekinerja samples/ekinerja-2024
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import pandas as pd


def tabel(folder: Path) -> dict[str, object]:
    """The tables a consolidation of ``folder`` gives (no cache, one reader process)."""
    from skp_xl.batch.konsolidasi import Opsi, konsolidasi

    result = konsolidasi(folder, Opsi(jobs=1, cache=False))
    return {
        "pegawai": result.pegawai,
        "pegawai_periode": result.pegawai_periode(),
        "temuan": result.temuan,
        "ringkasan": result.ringkasan,
        "tidak_membuat_skp": result.tidak_membuat_skp,
        "kosong": result.kosong,
        "dict": result.to_dict(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("langkah", choices=("simpan", "banding"))
    parser.add_argument("berkas", type=Path, help="the pickle of the tables before")
    parser.add_argument("folder", type=Path, nargs="+")
    parser.add_argument("--lewati", nargs="*", default=[], help="tables not compared")
    args = parser.parse_args(argv)
    now = {str(folder): tabel(folder) for folder in args.folder}
    if args.langkah == "simpan":
        args.berkas.write_bytes(pickle.dumps(now))
        print(f"disimpan: {args.berkas}")
        return 0
    before = pickle.loads(args.berkas.read_bytes())
    failed = 0
    for folder, tables in now.items():
        for name, value in tables.items():
            if name in args.lewati:
                continue
            old = before[folder][name]
            try:
                if isinstance(value, pd.DataFrame):
                    pd.testing.assert_frame_equal(value, old)
                else:
                    assert value == old, f"{value!r} != {old!r}"
            except AssertionError as error:
                failed += 1
                print(f"BERBEDA {folder} {name}: {error}")
            else:
                print(f"sama    {folder} {name}")
    return int(failed > 0)


if __name__ == "__main__":
    sys.exit(main())
