"""The zip records skp-xl reads and writes by hand (APPNOTE.TXT 4.3), and where a member's
data begins: the triage checks every member, the export look reads worksheets' heads,
the summary copies members as stored, none of it through :mod:`zipfile`'s own readers.
"""

from __future__ import annotations

import struct
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Protocol, cast

try:
    # zlib-ng inflates and sums an SKP's parts in a third of zlib's time (about 0.6 ms
    # against 2.1 ms per SKP, measured here); the standard module does the same, slower.
    from zlib_ng import zlib_ng as zlib
except ImportError:  # pragma: no cover - a platform without its wheel
    import zlib  # type: ignore[no-redef]

INFLATE_ERROR = cast("type[Exception]", zlib.error)
"""The class of an inflating error (zlib-ng's stub declares an instance)."""

LOCAL_HEADER = struct.Struct("<4s5H3L2H")
"""A member's local header (4.3.7): its last two fields are the lengths of the name and
the extra field that come before the member's data."""
CENTRAL_ENTRY = struct.Struct("<4s6H3L5H2L")
"""An entry of the central directory (4.3.12): 46 bytes, then the name, extra, comment."""
END_RECORD = struct.Struct("<4s4H2LH")
"""The end of central directory record (4.3.16)."""


class _Berkas(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...


def inflater_mentah() -> zlib._Decompress:
    """A raw-deflate inflater (a zip member's method 8), zlib-ng's where it is installed."""
    return zlib.decompressobj(-zlib.MAX_WBITS)


_asli: Callable[[int, int | None], object] | None = getattr(zipfile, "_get_compressor", None)
"""zipfile's own (a private function, in every Python skp-xl runs on: 3.11 to 3.13)."""
_kunci = threading.Lock()
_dipakai = 0


def _pemampat(compress_type: int, compresslevel: int | None = None) -> object:
    """:mod:`zipfile`'s compressor of a member, zlib-ng's for a deflated one."""
    if compress_type != zipfile.ZIP_DEFLATED:
        assert _asli is not None
        return _asli(compress_type, compresslevel)
    level = zlib.Z_DEFAULT_COMPRESSION if compresslevel is None else compresslevel
    return zlib.compressobj(level, zlib.DEFLATED, -zlib.MAX_WBITS)


@contextmanager
def deflate_zlib_ng() -> Iterator[None]:
    """Within it, the members :mod:`zipfile` deflates (openpyxl's and XlsxWriter's saves,
    which write through it) are deflated by zlib-ng: the summary workbook's packages in
    about two thirds of the standard zlib's time, and a few per cent smaller
    (benchmarks/README.md, "Wave 15"). Only the compressor is swapped, never what reads a
    zip, so a zip read meanwhile on another thread fails as it always would; nested and
    concurrent uses restore :mod:`zipfile`'s own when the last one ends. Without zlib-ng
    (a platform without its wheel) nothing changes."""
    global _dipakai
    if zlib.__name__ == "zlib" or _asli is None:
        yield
        return
    with _kunci:
        _dipakai += 1
        zipfile._get_compressor = _pemampat  # type: ignore[attr-defined]
    try:
        yield
    finally:
        with _kunci:
            _dipakai -= 1
            if not _dipakai:
                zipfile._get_compressor = _asli  # type: ignore[attr-defined]


def awal_data(handle: _Berkas, header_offset: int) -> int | None:
    """Where the data of the member whose local header is at ``header_offset`` begins,
    with ``handle`` left there; None when no local header is there."""
    if header_offset < 0:
        return None
    handle.seek(header_offset)
    header = handle.read(LOCAL_HEADER.size)
    if len(header) < LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
        return None
    name_length, extra_length = LOCAL_HEADER.unpack(header)[-2:]
    start: int = header_offset + LOCAL_HEADER.size + name_length + extra_length
    handle.seek(start)
    return start


__all__ = [
    "CENTRAL_ENTRY",
    "END_RECORD",
    "INFLATE_ERROR",
    "LOCAL_HEADER",
    "awal_data",
    "deflate_zlib_ng",
    "inflater_mentah",
    "zlib",
]
