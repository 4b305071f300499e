"""skp-xl: SKP (PermenPANRB 6/2022) in Excel: official workbooks, checks, consolidation.

The public Python interface is what ``__all__`` lists; everything else may change.
"""

from __future__ import annotations

from skp_xl.domain.angka_kredit import angka_kredit
from skp_xl.domain.errors import InvalidValueError, SkpError
from skp_xl.domain.findings import Finding, Report, Severity
from skp_xl.domain.nip import Nip, parse_nip
from skp_xl.domain.quadrant import predikat_kinerja


def __getattr__(name: str) -> str:
    # The version is looked up when asked: importlib.metadata (and the email package it
    # loads) would otherwise be imported by every reader process, which starts here.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("skp-xl")
    except PackageNotFoundError:  # pragma: no cover - a source tree not installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found


__all__ = [
    "Finding",
    "InvalidValueError",
    "Nip",
    "Report",
    "Severity",
    "SkpError",
    "__version__",
    "angka_kredit",
    "parse_nip",
    "predikat_kinerja",
]
