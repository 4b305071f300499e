"""The zip records skp-xl reads and writes by hand (APPNOTE.TXT 4.3), and where a member's
data begins: the triage checks every member, the export look reads worksheets' heads,
the summary copies members as stored, none of it through :mod:`zipfile`'s own readers.
"""

from __future__ import annotations

import struct
from typing import Protocol

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
