"""The consolidation's summary workbook: distribution per unit, pegawai, PivotTable, findings.

``write_summary(path, SummaryData(...))`` is the entry point; see :mod:`.workbook`.
"""

from __future__ import annotations

from skp_xl.summary.data import SummaryData
from skp_xl.summary.workbook import build_summary, write_summary

__all__ = ["SummaryData", "build_summary", "write_summary"]
