"""skp-xl: SKP (PermenPANRB 6/2022) in Excel: official workbooks, checks, consolidation.

The public Python interface is what ``__all__`` lists; everything else may change.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from skp_xl.domain.angka_kredit import angka_kredit
from skp_xl.domain.errors import InvalidValueError, SkpError
from skp_xl.domain.findings import Finding, Report, Severity
from skp_xl.domain.nip import Nip, parse_nip
from skp_xl.domain.quadrant import predikat_kinerja

try:
    __version__ = version("skp-xl")
except PackageNotFoundError:  # pragma: no cover - running from a source tree not installed
    __version__ = "0+unknown"

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
