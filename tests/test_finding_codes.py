"""docs/findings.md lists every finding code the package can emit, and nothing else."""

from __future__ import annotations

import re
from pathlib import Path

from skp_xl.domain.pola_distribusi import JenisAturan
from skp_xl.domain.vocabulary import VOCABULARIES

ROOT = Path(__file__).parents[1]
SOURCES = [
    "skp_xl/reader/triage.py",
    "skp_xl/reader/read.py",
    "skp_xl/validation.py",
    "skp_xl/domain/checks.py",
    "skp_xl/domain/nip.py",
    "skp_xl/domain/pangkat.py",
    "skp_xl/domain/rekap.py",
    "skp_xl/batch/berkas.py",
    "skp_xl/batch/konsolidasi.py",
    "skp_xl/batch/skema.py",
]
NOT_CODES = {"utf-8", "matriks-peran-hasil", "jumlah-tidak-valid", "pola-distribusi-tidak-valid"}
"""Quoted kebab-case strings in those files that are not finding codes (an encoding, a
template id, errors raised to the caller rather than reported)."""
CODE = re.compile(r'"([a-z]+(?:-[a-z0-9]+)+)"')


def _emitted() -> set[str]:
    found = set()
    for source in SOURCES:
        found |= set(CODE.findall((ROOT / source).read_text(encoding="utf-8")))
    return found - NOT_CODES


def _derived() -> set[str]:
    """Codes built from data: one per guideline rule kind and per closed list."""
    rules = {"pola-distribusi-" + j.value.replace("_", "-") for j in JenisAturan}
    lists = {
        f"{v.kode}-{end}" for v in VOCABULARIES.values() for end in ("tidak-dikenal", "kosong")
    }
    return rules | lists


def _documented() -> set[str]:
    codes = set()
    for line in (ROOT / "docs" / "findings.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("| `"):
            codes |= set(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return codes


def test_every_code_in_the_source_is_documented() -> None:
    documented = _documented()
    lists = {v.kode for v in VOCABULARIES.values()}
    missing = sorted(
        code
        for code in _emitted()
        if code not in documented
        and not any(code == f"{k}-tidak-dikenal" or code == f"{k}-kosong" for k in lists)
    )
    assert missing == []


def test_every_documented_code_exists() -> None:
    known = _emitted() | _derived()
    unknown = sorted(c for c in _documented() if not c.startswith("<") and c not in known)
    assert unknown == []
