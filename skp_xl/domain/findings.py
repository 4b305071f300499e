"""Problems as data: a ``Finding`` names what is wrong and where; a ``Report`` collects them.

Codes are stable kebab-case strings (``nip-panjang``, ``predikat-tidak-sesuai``), each
registered in :mod:`skp_xl.domain.codes`: programs match on them, people read the
Indonesian message, which says what is wrong, where, and what to do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Self

from skp_xl.domain.codes import REGISTRY, Severity
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.salinan import pickle_ringkas

__all__ = ["Finding", "Report", "Severity"]


@pickle_ringkas
@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, with where it is.

    Attributes:
        code: Stable kebab-case code, registered in :mod:`skp_xl.domain.codes` (a
            :class:`~skp_xl.domain.codes.Code` is kept as its plain text).
        severity: error, warning or info.
        message: Indonesian text: what is wrong, where, and what to do.
        sheet: Sheet name, when the problem is in a workbook.
        cell: A1 address (``D7``) or range, when known.
        field: The field concerned (a defined name such as ``PEGAWAI_NIP``), when known.
        path: The file, in batch runs.
    """

    code: str
    severity: Severity
    message: str
    sheet: str | None = None
    cell: str | None = None
    field: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        # A code outside the registry would be a finding nobody documented or matches on.
        if self.code not in REGISTRY:
            raise ValueError(f"finding code {self.code!r} is not in skp_xl.domain.codes")
        # Plain text, so JSON, CSV and DataFrames see the same value as before codes
        # were an enum.
        object.__setattr__(self, "code", str(self.code))

    @classmethod
    def from_error(
        cls,
        error: InvalidValueError,
        *,
        severity: Severity = Severity.ERROR,
        sheet: str | None = None,
        cell: str | None = None,
        field: str | None = None,
        path: str | None = None,
    ) -> Self:
        """A finding from a refused value, placed at ``sheet``/``cell``."""
        return cls(error.code, severity, error.message, sheet, cell, field, path)

    @property
    def location(self) -> str:
        """``Sheet!A1``, ``Sheet`` or ``""``: where to look, for messages and tables."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet or ""

    def to_dict(self) -> dict[str, str | None]:
        """The JSON form of design.md: code, severity, sheet, cell, field, message."""
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "field": self.field,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of checking one input.

    Attributes:
        findings: Every finding, in the order found.
        path: The file checked, when there is one.
    """

    findings: tuple[Finding, ...] = ()
    path: str | None = None

    @classmethod
    def of(cls, findings: Iterable[Finding], *, path: str | None = None) -> Self:
        """A report over ``findings``, each stamped with ``path`` when given."""
        items = tuple(f if path is None or f.path else replace(f, path=path) for f in findings)
        return cls(items, path)

    @property
    def valid(self) -> bool:
        """True when no finding has severity error (warnings do not invalidate)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def counts(self) -> Counter[Severity]:
        """Findings per severity."""
        return Counter(f.severity for f in self.findings)

    def errors(self) -> tuple[Finding, ...]:
        """The findings with severity error."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def to_dict(self) -> dict[str, object]:
        """The JSON form of design.md's ``validate --json`` file entry."""
        return {
            "path": self.path,
            "valid": self.valid,
            "findings": [f.to_dict() for f in self.findings],
        }
