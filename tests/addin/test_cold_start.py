"""A ribbon click imports only what the common buttons need.

Without xlwings' UDF server every click starts a new Python, so whatever the entry import
(``import skp_xl.addin.ribbon``, from ``RibbonSkp.bas``) pulls in is paid on every click.
The data-frame stack is for Konsolidasi Folder alone and is imported inside that action.
Checked by the modules loaded, not by timing: timings belong to
benchmarks/bench_addin_start.py.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("pandas", "pandera", "pyarrow", "skp_xl.batch.konsolidasi", "skp_xl.summary.workbook")
"""Modules only Konsolidasi Folder needs."""
XLWINGS_PREFIX = "import xlwings.utils;xlwings.utils.prepare_sys_path('false;;;;;;'); "
"""What xlwings' RunPython runs before the command, on Windows and macOS."""


def _loaded_after(code: str) -> set[str]:
    """The modules of HEAVY that a fresh interpreter has loaded after running ``code``."""
    probe = (
        f"{code}; import sys, json; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    out = subprocess.run(
        [sys.executable, "-B", "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out.splitlines()[-1]))


def test_the_entry_import_of_a_click_loads_no_data_frame_library() -> None:
    assert _loaded_after("import skp_xl.addin.ribbon as r") == set()


def test_a_click_in_excel_loads_only_the_pandas_xlwings_itself_imports() -> None:
    # xlwings imports pandas (and pandas pyarrow) when they are installed, for its own
    # converters; skp-xl cannot avoid that, only add nothing to it.
    xlwings_own = _loaded_after("import xlwings.utils")
    loaded = _loaded_after(XLWINGS_PREFIX + "import skp_xl.addin.ribbon as r")
    assert loaded == xlwings_own
    assert not {"pandera", "skp_xl.batch.konsolidasi", "skp_xl.summary.workbook"} & loaded
