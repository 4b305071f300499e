"""Defaults in one place: every limit, timeout and range skp-xl assumes, with why.

Each value here is a default, not a law: the commands and the Python API take the same
setting as an option (``--batas-detik``, ``Limits(max_rows=...)``,
``OpsiKonsolidasi(pola_minimal=...)``). Modules import these names instead of writing
the numbers again, so a default changes in one line and ``docs/architecture.md`` can
point here. Only the standard library is imported: every layer may read this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

MIB: Final = 1024 * 1024

# --- years ------------------------------------------------------------------------------
TAHUN_MIN: Final = 2022
"""First SKP year: PermenPANRB 6/2022 took effect in 2022 (earlier years used 8/2021)."""
TAHUN_MAX: Final = 2100
"""Last year a workbook may be made for; anything later is a typing error."""

# --- reading one file -------------------------------------------------------------------
MAX_ROWS: Final = 5_000
"""Rows read per sheet: an SKP form has a few hundred; a million-row used range is cut."""
MAX_PART_BYTES: Final = 16 * MIB
"""Largest workbook.xml (or its .rels) parsed; real ones are tens of KB."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """How much of a file the triage (and the reader after it) may take on.

    A real SKP workbook is 50-500 KB on disk, 1-2 MB inflated, with under a thousand rows
    and thirty columns per sheet; the limits leave room for pasted pictures and long
    tables while refusing what would exhaust memory or time.

    Attributes:
        max_file_bytes: Largest file on disk.
        max_uncompressed: Largest total inflated size of the zip's members.
        max_ratio: Largest inflated/compressed ratio of one member (real XML: under 20).
        ratio_grace: Members inflating to at most this many bytes skip the ratio check.
        max_members: Most members in the zip (a real workbook has 20-200).
        max_rows: Last row a cell with content may be on (calamine allocates the
            rectangle from A1 to the farthest cell: rows x columns x 32 bytes).
        max_cols: Last column a cell with content may be in.
        max_seconds: Time the whole check may take.
    """

    max_file_bytes: int = 100 * MIB
    max_uncompressed: int = 200 * MIB
    max_ratio: float = 200.0
    ratio_grace: int = MIB
    max_members: int = 5_000
    max_rows: int = 20_000
    max_cols: int = 256
    max_seconds: float = 10.0


LIMITS: Final = Limits()
"""The default :class:`Limits`."""
EKSPOR_LIMITS: Final = Limits(max_rows=200_000, max_cols=64, max_seconds=60.0)
"""Limits for a workbook that may be an e-Kinerja export: a large province's annual
"Laporan Penilaian SKP" has 50,000-100,000 rows of about 30 columns (calamine's
rectangle stays under 200,000 x 64 x 32 bytes = 400 MB); SKP workbooks keep :data:`LIMITS`."""


# --- batch ------------------------------------------------------------------------------
BATAS_DETIK: Final = 60.0
"""Time limit for reading and checking one file, in seconds (a normal SKP takes well
under one); a file that takes longer becomes a finding and the batch goes on."""
BATAS_MEMORI: Final = 2048 * MIB
"""Address space one reader process may take (``RLIMIT_AS``, POSIX). Reading an SKP
workbook peaks near 160 MiB of address space; the cap stops the one file that would
make python-calamine allocate hundreds of GB (a cell at XFD1048576) inside its own
process, which then becomes a finding."""
TENGGANG_DETIK: Final = 5.0
"""Seconds past ``BATAS_DETIK`` before the batch kills a reader process from outside:
the reader's own alarm stops Python code at the limit, the kill is for native code."""
CACHE_ENV: Final = "SKP_XL_CACHE"
"""Environment variable naming the result cache's folder (default: the user's cache
folder, e.g. ``~/.cache/skp-xl`` or ``%LOCALAPPDATA%\\skp-xl\\Cache``)."""
CACHE_MAKS_BARIS: Final = 200_000
"""Results the cache keeps (the most recently stored); a result is a few KB."""
CACHE_MAKS_JALAN: Final = 8
"""Whole consolidations the cache keeps (the most recent), each with the summary workbook
it wrote (a few MB at 10,000 files): a few agencies or output places re-run in turn."""
POLA_MINIMAL: Final = 5
"""Fewest counted pegawai a unit needs before its distribution is compared with the
pola distribusi guideline: a unit of one or two says nothing about a distribution."""
TINGKAT_UNIT: Final = 1
"""Folder levels below the agency folder that make a unit (1: each top folder is a unit,
its subfolders are its sub-units)."""

# --- LibreOffice ------------------------------------------------------------------------
SOFFICE_ENV: Final = "SKP_XL_SOFFICE"
"""Environment variable naming the LibreOffice executable (PDF export, recalculation)."""
SOFFICE_TIMEOUT: Final = 180.0
"""Seconds one LibreOffice conversion may take (start-up alone is 1-2 s; a cold first
start on a slow laptop with a new profile can take a minute)."""
