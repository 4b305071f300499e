"""The C allocator of a reader process, tuned to keep the memory it frees for the next file.

A reader process reads one workbook after another, and each needs the same large blocks:
the file's bytes, its inflated parts (about 2 MB for an SKP), python-calamine's copy of
them and its cells. glibc's ``malloc`` gives blocks past its threshold (128 KiB, raised
as such blocks are freed) straight from the kernel and gives them back when freed, and
returns the top of its heap past 128 KiB free: so every file's blocks are new pages, each
faulted in again on first touch. On these virtual machines that cost about a twentieth
of reading an SKP, and more than python-calamine saves by being handed the parts already
inflated (:attr:`skp_xl.reader.triage.Triage.paket`), which the triage does only in a
process tuned here (benchmarks/README.md, bench_consolidate.py's "Wave 11").

:func:`tetapkan` raises the three thresholds once, for the whole process: blocks up to
:data:`MMAP_MAKS` come from the heap, and the heap keeps up to :data:`SISA_MAKS` free at
its top (growing by :data:`TAMBAHAN` at a time) instead of returning it. A process's
memory then stays near its peak until it ends, which is right for the supervised
readers (skp_xl/batch/pengawas.py: their address space is capped anyway) and wrong for a
long-lived process such as Excel's Python, which never calls it.

Only on Linux with glibc; elsewhere :func:`tetapkan` changes nothing and says so.
"""

from __future__ import annotations

import ctypes
import sys

MMAP_MAKS = 8 * 1024 * 1024
"""Blocks up to this size come from the heap (glibc ``M_MMAP_THRESHOLD``)."""
SISA_MAKS = 32 * 1024 * 1024
"""Free memory the heap keeps at its top before returning it (``M_TRIM_THRESHOLD``)."""
TAMBAHAN = 8 * 1024 * 1024
"""Extra memory the heap asks for each time it grows (``M_TOP_PAD``)."""

_M_TRIM_THRESHOLD = -1
_M_TOP_PAD = -2
_M_MMAP_THRESHOLD = -3

_tetap = False


def tetapkan() -> bool:
    """Tune this process's allocator as the module says, once; True when it is tuned.

    False (and nothing changed) outside Linux, with a C library without ``mallopt``
    (musl has none) or when glibc refuses a value.
    """
    global _tetap
    if _tetap:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    # M_MMAP_THRESHOLD first: setting any of the three ends glibc's own adjustment of it.
    settings = (
        (_M_MMAP_THRESHOLD, MMAP_MAKS),
        (_M_TRIM_THRESHOLD, SISA_MAKS),
        (_M_TOP_PAD, TAMBAHAN),
    )
    _tetap = all(mallopt(option, value) == 1 for option, value in settings)
    return _tetap


def tetap() -> bool:
    """Whether :func:`tetapkan` has tuned this process's allocator."""
    return _tetap
