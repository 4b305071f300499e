"""Finding an agency's files in a folder tree, without the consolidation's libraries.

``skp-xl validate FOLDER`` walks a folder as ``consolidate`` does; this module keeps the
walk apart from :mod:`skp_xl.batch.konsolidasi`, whose pandas cost the command 1 s of
imports it does not use.
"""

from __future__ import annotations

import os
from pathlib import Path

from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.reader.ekspor import bukan_ekspor, is_tabel, looks_like_ekspor
from skp_xl.reader.triage import is_candidate, triage


def temukan(root: Path) -> tuple[list[Path], list[Finding]]:
    """Every workbook-like file and every CSV/JSON export under ``root`` (sorted), and
    notes on files skipped.

    Hidden folders are not entered. Lock files (``~$x.xlsx``), hidden files and files of
    other kinds are notes, not problems.
    """
    found: list[Path] = []
    notes: list[Finding] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(folder) / name
            if is_candidate(path):
                found.append(path)
                continue
            note = dilewati(path)
            if note is None:
                found.append(path)
            else:
                notes.append(note)
    return found, notes


def dilewati(path: Path) -> Finding | None:
    """The note of a file that is no workbook by its name, or None for an export."""
    if is_tabel(path) and looks_like_ekspor(path):
        return None
    table = bukan_ekspor(path) if is_tabel(path) else None
    if table is not None:  # a CSV of something else: say what it holds
        return table
    note = triage(path).blocking
    if note is None or note.severity is not Severity.INFO:
        note = Finding(
            Code.BERKAS_DILEWATI,
            Severity.INFO,
            f"'{path}' bukan buku kerja Excel; dilewati.",
            path=str(path),
        )
    return note
