"""A synthetic agency of filled SKP workbooks, for the demo, tests and benchmarks.

``generate_agency(folder, pegawai=50, seed=1)`` writes a fictional agency (the kepala, units
headed by JPT pratama, administrators, pengawas, pelaksana and jabatan fungsional), one
workbook per pegawai in one folder per unit, with plans that cascade from each superior's,
evaluations of every period, and a few documented problems (``masalah=False`` leaves them
out). Every person and institution is invented; NIPs are valid in form only.
"""

from __future__ import annotations

from skp_xl.samples.agency import AgencyManifest, BerkasManifest, UnitManifest, generate_agency
from skp_xl.samples.plan import MASALAH, plan_agency
from skp_xl.samples.render import TemplateWriter, render_workbook

__all__ = [
    "MASALAH",
    "AgencyManifest",
    "BerkasManifest",
    "TemplateWriter",
    "UnitManifest",
    "generate_agency",
    "plan_agency",
    "render_workbook",
]
