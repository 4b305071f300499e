"""The ``skp-xl`` command line: one module per command, registered here."""

from __future__ import annotations

from skp_xl.cli import (
    addin,
    angka_kredit,
    cetak,
    consolidate,
    nasional,
    new,
    nip,
    predikat,
    roster,
    samples,
    templates,
    tindak_lanjut,
    validate,
)
from skp_xl.cli.app import app, reflow_help
from skp_xl.cli.bahasa import indonesiakan

reflow_help(app)
indonesiakan(app)


def main() -> None:
    """Entry point of the ``skp-xl`` console script."""
    app()


__all__ = [
    "addin",
    "angka_kredit",
    "app",
    "cetak",
    "consolidate",
    "main",
    "nasional",
    "new",
    "nip",
    "predikat",
    "roster",
    "samples",
    "templates",
    "tindak_lanjut",
    "validate",
]
