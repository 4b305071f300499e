#!/usr/bin/env bash
# Create .venv and install skp-xl into it. "dev" adds the test tools.
# Debian packages (LibreOffice for the tests) are installed when missing and we are root.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

extra="${1:-}"
python="${PYTHON:-python3}"

if [ "$extra" = "dev" ] && ! command -v soffice >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Memasang LibreOffice (untuk pengujian)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      libreoffice-calc poppler-utils fonts-crosextra-carlito >/dev/null
  else
    echo "Peringatan: soffice (LibreOffice) tidak ada; uji yang memerlukannya dilewati" \
         "(atau gagal bila CI=true). Pasang: apt-get install libreoffice-calc" >&2
  fi
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "skp-xl memerlukan Python 3.11 atau lebih baru; $("$python" --version) ditemukan." >&2
  exit 2
fi
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
      rm -rf .venv
      "$python" -m venv .venv
    else
      echo "Tidak dapat membuat virtual environment: pasang paket python3-venv." >&2
      exit 2
    fi
  fi
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
if [ "$extra" = "dev" ]; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
else
  .venv/bin/python -m pip install -q --disable-pip-version-check -e .
fi
