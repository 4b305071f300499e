"""Python's cyclic garbage collector, and Arrow's allocator, tuned for the parent
process of a batch run.

A consolidation's parent makes millions of small containers (each result's rows and
findings, the tables' rows, the summary's cells) and keeps most of them to the end. By
default CPython collects its youngest generation every 700 net allocations of
containers, and now and then walks every object alive, modules (pandas, pandera,
openpyxl: about 115,000 objects) and held results included: work that finds no garbage,
since these objects are freed by their reference counts or live on. Measured on 10,000
workbooks with 1,000 changed (benchmarks/README.md, "Wave 10"): the summary workbook
took 3.8 s instead of 5.7 s with the collector off, and the whole command about a sixth
less time with :func:`gc_batch`.

:func:`gc_batch` moves what is alive at its start (the modules) out of the collector's
reach (``gc.freeze``) and collects the youngest generation every 50,000 allocations
instead of 700; :func:`bekukan` moves what is alive at a later point (the results and
tables once built) out too. Cyclic garbage is still collected, less often. When it ends,
the thresholds are restored and the frozen objects handed back to the collector
(``gc.unfreeze``), so a caller in a long-lived process (the add-in's Python) is left as
it was.

:func:`arrow_sistem` has Arrow allocate from the C library (its "system" pool) instead of
mimalloc, pyarrow's default, while the tables and the summary are made: mimalloc kept
what Arrow's conversions and dictionary work let go (a large summary's file column: +55
MiB for 100,000 distinct paths, against +25 from the C library), and the parent's peak
with it (benchmarks/README.md, bench_memori.py's "Wave 18": 320 -> 291 MiB at 10,000
files, 461 -> 446 at 100,000). :func:`~skp_xl.summary.data.lepaskan` then gives back
what the C library keeps (``malloc_trim``).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

AMBANG = (50_000, 20, 20)
"""Collection thresholds during a batch run: generation 0 every 50,000 net allocations
of containers (CPython's default: 700), the older ones after 20 collections of the one
before (default: 10)."""


@contextlib.contextmanager
def gc_batch() -> Iterator[None]:
    """The collector tuned for a batch run while the block runs (see the module)."""
    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*AMBANG)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def bekukan() -> None:
    """Move every object alive now out of the collector's reach until :func:`gc_batch`
    ends: call it when what a run keeps to its end has been built."""
    gc.freeze()


@contextlib.contextmanager
def arrow_sistem() -> Iterator[None]:
    """Arrow's arrays allocated by the C library while the block runs (see the module);
    the pool before it is the default again after. Arrays made in either pool are freed
    by their own."""
    import pyarrow as pa

    before = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        yield
    finally:
        pa.set_memory_pool(before)
