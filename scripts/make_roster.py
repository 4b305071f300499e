"""Regenerate the bundled fictional roster: ``samples/roster/roster.csv`` and ``roster.xlsx``.

    .venv/bin/python scripts/make_roster.py

The sample organisation of 490 positions (seed 1, tahun 2026) as HR's list of pegawai, with
two faulty rows of every kind ``skp-xl roster`` reports (``skp_xl/samples/roster.py``); the
workbook has title rows above a camelCase header, as SIASN's reports do. The CSV is the same
bytes every time; the workbook holds the time it was saved.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from skp_xl.samples.roster import buat_roster, tulis_csv, tulis_xlsx  # noqa: E402

FOLDER = ROOT / "samples" / "roster"


def main() -> None:
    """Write both files and say how many rows and faults they hold."""
    contoh = buat_roster()
    FOLDER.mkdir(parents=True, exist_ok=True)
    tulis_csv(contoh, FOLDER / "roster.csv")
    tulis_xlsx(contoh, FOLDER / "roster.xlsx")
    print(f"{FOLDER}: {len(contoh.baris)} baris, {len(contoh.kesalahan)} baris bermasalah")


if __name__ == "__main__":
    main()
