#!/usr/bin/env bash
# Set up skp-xl and run its main job on the bundled sample: check every pegawai's NIP and
# ratings, compute predikat and angka kredit, print the summary, write out/hasil_penilaian.xlsx.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh
mkdir -p out
COLUMNS="${COLUMNS:-120}" .venv/bin/skp-xl predikat --csv samples/contoh_penilaian.csv \
  -o out/hasil_penilaian.xlsx --force
