#!/usr/bin/env bash
# Set up (virtual environment, package with its dev extra) and run every check:
# ruff lint, ruff format, mypy, the import contract, then the whole pytest suite with a real LibreOffice.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash scripts/setup.sh dev

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# The layers (pyproject.toml [tool.importlinter], docs/architecture.md).
.venv/bin/lint-imports --no-cache
# -n auto: one worker per core, each with its own LibreOffice profile.
# pytest exits 5 when it collects no test; set -e makes that a failure.
.venv/bin/python -m pytest -n auto "$@"
