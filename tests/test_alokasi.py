"""The reader processes' allocator keeps the memory it frees (skp_xl/alokasi.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="mallopt is glibc's, on Linux"
)

_MMAPPED = textwrap.dedent(
    """
    import ctypes, sys
    from skp_xl import alokasi

    class Info(ctypes.Structure):  # glibc's struct mallinfo2
        _fields_ = [(name, ctypes.c_size_t) for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd",
            "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]

    mallinfo2 = ctypes.CDLL(None).mallinfo2
    mallinfo2.restype = Info
    if sys.argv[1] == "tetapkan":
        print(alokasi.tetapkan(), alokasi.tetapkan(), alokasi.tetap())
    block = bytes(4 * 1024 * 1024)  # an SKP's inflated parts are about 2 MB
    print(mallinfo2().hblkhd >= len(block))
    """
)


def _run(mode: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _MMAPPED, mode], capture_output=True, text=True, check=True
    )
    return done.stdout.split()


def test_untuned_a_large_block_is_mapped_from_the_kernel() -> None:
    assert _run("bawaan") == ["True"]


def test_tuned_a_large_block_comes_from_the_heap_and_tuning_is_once() -> None:
    assert _run("tetapkan") == ["True", "True", "True", "False"]


def test_a_process_that_never_asks_is_left_as_it_is() -> None:
    from skp_xl import alokasi

    assert alokasi.tetap() is False  # the test process: importing it tunes nothing
