"""One exception tree: every exception class in skp_xl is drawn in skp_xl/errors.py."""

from __future__ import annotations

import re
from pathlib import Path

import skp_xl
from skp_xl import errors
from skp_xl.addin import book, build
from skp_xl.errors import (
    AddinError,
    InvalidValueError,
    NotAnSkpWorkbook,
    OutputExistsError,
    SkpError,
    SummaryDataError,
)
from skp_xl.reader.names import WorkbookXmlError

PACKAGE = Path(__file__).parents[1] / "skp_xl"
EXCEPTION_CLASS = re.compile(r"^class (\w+)\(([^)]*(?:Error|Exception)[^)]*)\):", re.MULTILINE)


def test_every_exception_class_is_drawn_in_the_tree() -> None:
    declared = {
        name
        for path in PACKAGE.rglob("*.py")
        for name, _ in EXCEPTION_CLASS.findall(path.read_text(encoding="utf-8"))
    }
    assert declared  # the pattern still finds the classes
    assert sorted(name for name in declared if name not in (errors.__doc__ or "")) == []


def test_the_errors_raised_on_purpose_share_one_root() -> None:
    for error in (
        InvalidValueError,
        WorkbookXmlError,
        NotAnSkpWorkbook,
        OutputExistsError,
        SummaryDataError,
        AddinError,
    ):
        assert issubclass(error, SkpError), error
    assert skp_xl.SkpError is SkpError


def test_the_add_in_has_one_error_class_and_no_re_export() -> None:
    assert build.AddinError is AddinError
    # Imported from skp_xl.errors, not through the add-in's Book interface.
    assert not hasattr(book, "AddinError")
