"""The small exception hierarchy of skp-xl's pure rules.

Exceptions are for values a rule cannot take. Each carries a stable ``code`` (the same
kebab-case codes findings use) and an Indonesian message that says what is wrong and
what to do, so adapters can turn it into a :class:`~skp_xl.domain.findings.Finding`.
"""

from __future__ import annotations


class SkpError(Exception):
    """Base class of every error skp-xl raises on purpose."""


class InvalidValueError(SkpError, ValueError):
    """A value outside the rules (unknown label, malformed NIP, bad target...).

    Subclasses :class:`ValueError`, so callers that only know the public API
    (``predikat_kinerja`` raises ``ValueError``) can catch it as such.

    Attributes:
        code: Stable kebab-case code, e.g. ``nip-panjang`` (plain text, also when given
            as a :class:`~skp_xl.domain.codes.Code`).
        value: The value that was refused, as given.
    """

    def __init__(self, code: str, message: str, value: object = None) -> None:
        super().__init__(message)
        self.code = str(code)
        self.value = value

    @property
    def message(self) -> str:
        """The Indonesian message (the exception's text)."""
        return str(self.args[0])
