"""Two files' contents swapped, each keeping the other's size and times: only the bytes tell
them apart (what a cache that trusted size and mtime would miss)."""

from __future__ import annotations

import os
from pathlib import Path


def tukar_isi(a: Path, b: Path) -> None:
    """Swap the bytes of ``a`` and ``b`` and give each back its own access and modify times."""
    stat_a, stat_b = a.stat(), b.stat()
    data_a, data_b = a.read_bytes(), b.read_bytes()
    a.write_bytes(data_b)
    b.write_bytes(data_a)
    os.utime(a, ns=(stat_a.st_atime_ns, stat_a.st_mtime_ns))
    os.utime(b, ns=(stat_b.st_atime_ns, stat_b.st_mtime_ns))
