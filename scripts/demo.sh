#!/usr/bin/env bash
# Set up skp-xl and run its main job on the bundled sample agency: read every unit's SKP
# workbooks in parallel, print the distribution per unit against the pola distribusi
# guideline, and write the summary workbook (Ringkasan with a chart, Pegawai, Pivot,
# Temuan, Cascading) to out/ringkasan-instansi.xlsx, with the tables as CSV in out/csv/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
mkdir -p out
COLUMNS="${COLUMNS:-120}" .venv/bin/skp-xl consolidate samples/instansi \
  -o out/ringkasan-instansi.xlsx --csv out/csv --force
