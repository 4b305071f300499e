"""Write docs/findings.md from the registry of finding codes (skp_xl/domain/codes.py).

    .venv/bin/python scripts/findings_doc.py

tests/test_finding_codes.py checks that the committed file equals a fresh rendering, so
run this after adding or changing a code in the registry.
"""

from __future__ import annotations

from pathlib import Path

from skp_xl.domain.codes import render_docs

DOCS = Path(__file__).resolve().parents[1] / "docs" / "findings.md"

if __name__ == "__main__":
    DOCS.write_text(render_docs(), encoding="utf-8", newline="\n")
