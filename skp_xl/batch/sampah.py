"""Python's cyclic garbage collector, tuned for the parent process of a batch run.

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
