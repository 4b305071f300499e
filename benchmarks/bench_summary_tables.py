"""The summary's Pegawai Table written by openpyxl and by XlsxWriter, on an e-Kinerja export.

The export of ``bench_ekspor.py`` is made once (or reused with ``--folder``) and
consolidated; then each writer runs in a fresh interpreter: the rows and links as
``write_summary`` makes them, the Table, its print setup and the saved file (for
XlsxWriter, its external link targets slashed after saving). Timed around those calls;
peak memory is ``ru_maxrss`` of the process, the consolidation included, so the
difference between the two rows is the writer's.

    .venv/bin/python benchmarks/bench_summary_tables.py --rows 20000 --folder /tmp/ekspor
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ekspor import ROOT, make

_CHILD = """
import json, resource, sys, time
from pathlib import Path
from skp_xl.batch.konsolidasi import Opsi, konsolidasi
from skp_xl.summary.data import BERKAS, NIP, headers_of, rows_of
from skp_xl.summary.skema import PEGAWAI_COLUMNS
from skp_xl.summary.workbook import _links
writer, folder, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
data = konsolidasi(folder, Opsi(jobs=1)).summary_data()
headers = headers_of(data.pegawai, "pegawai", PEGAWAI_COLUMNS)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
rows = rows_of(data.pegawai, headers)
kw = dict(name="PEGAWAI", headers=headers, rows=rows, text_columns=(NIP,),
          link_column=BERKAS, links=_links(headers, rows, out.parent))
if writer == "openpyxl":
    import openpyxl
    from skp_xl.summary import tables
    wb = openpyxl.Workbook()
    tables.write_table(wb.active, **kw)
    tables.a4_landscape(wb.active, title_rows="1:1", footer="Rekap")
    wb.save(out)
else:
    import xlsxwriter
    from skp_xl.summary import xlsx_tables
    book = xlsxwriter.Workbook(str(out))
    ws = book.add_worksheet("Pegawai")
    xlsx_tables.write_table(book, ws, **kw)
    xlsx_tables.a4_landscape(ws, title_rows=True, footer="Rekap")
    book.close()
    xlsx_tables.slash_external_targets(out)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"writer": writer, "rows": len(rows), "seconds": round(seconds, 2),
                  "peak_mib": round(peak / 1024), "before_mib": round(before / 1024)}))
"""


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="pegawai in the export")
    parser.add_argument("--folder", type=Path, help="where the export is kept (reused)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.folder or Path(temporary) / "ekspor"
        make(folder, args.rows)
        for writer in ("openpyxl", "xlsxwriter"):
            out = Path(temporary) / f"{writer}.xlsx"
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, writer, str(folder), str(out)],
                capture_output=True,
                text=True,
                check=True,
                cwd=ROOT,
            )
            print(done.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    main()
