"""The workbook filler the tests use, now :mod:`skp_xl.workbook.fill`; kept for old imports."""

from __future__ import annotations

from skp_xl.workbook.fill import (
    Cell,
    Table,
    destination,
    named,
    narasi,
    put,
    put_named,
    table,
    value,
)

__all__ = [
    "Cell",
    "Table",
    "destination",
    "named",
    "narasi",
    "put",
    "put_named",
    "table",
    "value",
]
