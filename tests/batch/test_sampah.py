"""The collector's tuning for a batch run: in force inside the block, undone after it
(also when the block raises), and cyclic garbage still collected; Arrow's allocator
likewise."""

from __future__ import annotations

import gc
import weakref

import pyarrow as pa
import pytest

from skp_xl.batch.sampah import AMBANG, arrow_sistem, bekukan, gc_batch


class _Siklus:
    def __init__(self) -> None:
        self.diri = self  # a reference cycle: only the collector frees it


def test_tuned_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    assert gc.get_freeze_count() == 0
    with gc_batch():
        assert gc.get_threshold() == AMBANG
        frozen = gc.get_freeze_count()
        assert frozen > 0  # what was alive at the start: the modules
        kept = [[n] for n in range(1000)]
        bekukan()
        assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_restored_when_the_block_raises() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), gc_batch():
        raise RuntimeError("gagal")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cyclic_garbage_is_still_collected() -> None:
    """Without asking: a cycle dropped inside the block is freed once enough containers
    have been made since (the thresholds), not kept to the end of the run."""
    with gc_batch():
        siklus = _Siklus()
        mati = weakref.ref(siklus)
        del siklus
        assert mati() is not None
        held = [[n] for n in range(AMBANG[0] * 3)]
        assert mati() is None
        del held


def test_arrow_allocates_from_the_c_library_inside_and_as_before_after() -> None:
    """An array made inside is the system pool's, and still sound after the block, freed
    by that pool; the pool before the block is the default again, also when it raises."""
    before = pa.default_memory_pool()
    with arrow_sistem():
        assert pa.default_memory_pool().backend_name == "system"
        held = pa.array(["satu", "dua", None] * 1000)
        assert pa.system_memory_pool().bytes_allocated() >= held.nbytes
    assert pa.default_memory_pool().backend_name == before.backend_name
    assert held.to_pylist()[:3] == ["satu", "dua", None]
    with pytest.raises(RuntimeError), arrow_sistem():
        raise RuntimeError("gagal")
    assert pa.default_memory_pool().backend_name == before.backend_name
