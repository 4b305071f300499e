"""A writer of Compound Files ([MS-CFB] version 3): storages and streams, new from scratch.

olefile reads compound files and can overwrite a stream in place, but cannot create one,
and no maintained writer is on PyPI (the candidates are unreleased scaffolds or under the
AGPL), so the format is laid out here. The whole file is built in memory: a header, the
FAT, the directory, the mini FAT, the mini stream (streams under 4096 bytes, in 64-byte
mini sectors) and the regular streams, each sector 512 bytes. Only what a VBA project
needs: no DIFAT sectors (files up to 109 FAT sectors, about 6.8 MB), no timestamps.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
"""Streams shorter than this many bytes live in the mini stream."""
MAX_NAME = 31
"""Characters of a storage or stream name, without the terminating null."""

FREESECT = 0xFFFFFFFF
ENDOFCHAIN = 0xFFFFFFFE
FATSECT = 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF
_MAX_FAT_SECTORS = 109
_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENTRY = struct.Struct("<64sHBBLLL16sLQQLQ")
_STORAGE, _STREAM, _ROOT = 1, 2, 5
_RED, _BLACK = 0, 1


class CompoundFileError(ValueError):
    """Streams that cannot be laid out as a compound file (bad name, too large)."""


@dataclass
class _Node:
    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Node] = field(default_factory=dict)
    index: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = _BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def sort_key(name: str) -> tuple[int, list[str]]:
    """The order of siblings (MS-CFB 2.6.4): shorter names first, then code point by
    code point in upper case."""
    return len(name.encode("utf-16-le")) // 2, [
        upper if len(upper := char.upper()) == 1 else char for char in name
    ]


def _check_name(name: str) -> None:
    if not name or len(name.encode("utf-16-le")) // 2 > MAX_NAME:
        raise CompoundFileError(f"name {name!r} must have 1 to {MAX_NAME} characters")
    if any(char in "/\\:!" for char in name):
        raise CompoundFileError(f"name {name!r} may not contain / \\ : or !")


def _tree(streams: Mapping[str, bytes]) -> _Node:
    root = _Node("Root Entry", _ROOT)
    for path, data in streams.items():
        parts = path.split("/")
        node = root
        for part in parts[:-1]:
            _check_name(part)
            found = node.children.setdefault(part.upper(), _Node(part, _STORAGE))
            if found.kind != _STORAGE:
                raise CompoundFileError(f"{path!r}: {part!r} is a stream, not a storage")
            node = found
        _check_name(parts[-1])
        if parts[-1].upper() in node.children:
            raise CompoundFileError(f"{path!r} is given twice (names ignore case)")
        node.children[parts[-1].upper()] = _Node(parts[-1], _STREAM, bytes(data))
    return root


def _flatten(root: _Node) -> list[_Node]:
    """Directory order: the root first, then each storage's children, breadth first."""
    entries, queue = [root], [root]
    while queue:
        node = queue.pop(0)
        for child in sorted(node.children.values(), key=lambda n: sort_key(n.name)):
            child.index = len(entries)
            entries.append(child)
            queue.append(child)
    return entries


def _link_siblings(parent: _Node) -> None:
    """Make the children of ``parent`` a red-black tree, balanced by median splits.

    Every level of such a tree is full except the deepest one; colouring that level red
    and the others black keeps the same number of black nodes on every path and never
    puts a red node under a red one.
    """
    ordered = sorted(parent.children.values(), key=lambda n: sort_key(n.name))
    if not ordered:
        return
    depth_of_tree = len(ordered).bit_length() - 1

    def build(low: int, high: int, depth: int) -> int:
        if low >= high:
            return NOSTREAM
        middle = (low + high) // 2
        node = ordered[middle]
        node.left = build(low, middle, depth + 1)
        node.right = build(middle + 1, high, depth + 1)
        node.color = _RED if depth == depth_of_tree and depth > 0 else _BLACK
        return node.index

    parent.child = build(0, len(ordered), 0)
    for node in ordered:
        _link_siblings(node)


def _sectors(size: int, unit: int) -> int:
    return -(-size // unit)


def _chain(table: list[int], start: int, count: int) -> None:
    table.extend(range(start + 1, start + count))
    table.append(ENDOFCHAIN)


def write_compound_file(streams: Mapping[str, bytes]) -> bytes:
    """Lay out ``streams`` as a compound file (version 3, 512-byte sectors).

    Args:
        streams: Stream path -> content. Paths use ``/`` between storages, e.g.
            ``"VBA/dir"``; storages are made as needed. Names have at most 31
            characters; two paths may not differ only in case.

    Returns:
        The bytes of the file.

    Raises:
        CompoundFileError: A bad name, a stream given twice, or a file that needs more
            than 109 FAT sectors.
    """
    root = _tree(streams)
    entries = _flatten(root)
    _link_siblings(root)
    small = [e for e in entries if e.kind == _STREAM and len(e.data) < MINI_CUTOFF]
    large = [e for e in entries if e.kind == _STREAM and len(e.data) >= MINI_CUTOFF]

    # The mini stream and its mini FAT.
    mini_fat: list[int] = []
    mini_stream = bytearray()
    for entry in small:
        entry.size = len(entry.data)
        if not entry.data:
            entry.start = ENDOFCHAIN
            continue
        count = _sectors(len(entry.data), MINI_SECTOR)
        entry.start = len(mini_fat)
        _chain(mini_fat, entry.start, count)
        mini_stream += entry.data.ljust(count * MINI_SECTOR, b"\0")

    directory_sectors = _sectors(len(entries) * 128, SECTOR)
    mini_fat_sectors = _sectors(len(mini_fat) * 4, SECTOR)
    mini_stream_sectors = _sectors(len(mini_stream), SECTOR)
    large_sectors = sum(_sectors(len(e.data), SECTOR) for e in large)
    others = directory_sectors + mini_fat_sectors + mini_stream_sectors + large_sectors
    fat_sectors = 1
    while fat_sectors * SECTOR // 4 < fat_sectors + others:
        fat_sectors += 1
    if fat_sectors > _MAX_FAT_SECTORS:
        raise CompoundFileError(f"{fat_sectors} FAT sectors needed; at most 109 are supported")

    # Sector order: FAT, directory, mini FAT, mini stream, then each large stream.
    fat = [FATSECT] * fat_sectors
    directory_start = len(fat)
    _chain(fat, directory_start, directory_sectors)
    mini_fat_start = ENDOFCHAIN
    if mini_fat_sectors:
        mini_fat_start = len(fat)
        _chain(fat, mini_fat_start, mini_fat_sectors)
    if mini_stream_sectors:
        root.start = len(fat)
        root.size = len(mini_stream)
        _chain(fat, root.start, mini_stream_sectors)
    body = bytearray()
    for entry in large:
        entry.start, entry.size = len(fat), len(entry.data)
        count = _sectors(len(entry.data), SECTOR)
        _chain(fat, entry.start, count)
        body += entry.data.ljust(count * SECTOR, b"\0")

    header = (
        _SIGNATURE
        + bytes(16)  # header CLSID
        + struct.pack("<HHHHH6s", 0x003E, 3, 0xFFFE, 9, 6, bytes(6))
        + struct.pack("<5L", 0, fat_sectors, directory_start, 0, MINI_CUTOFF)
        + struct.pack("<LLLL", mini_fat_start, mini_fat_sectors, ENDOFCHAIN, 0)
        + struct.pack("<109L", *range(fat_sectors), *[FREESECT] * (_MAX_FAT_SECTORS - fat_sectors))
    )
    assert len(header) == SECTOR

    directory = bytearray()
    for entry in entries:
        name = (entry.name + "\0").encode("utf-16-le")
        directory += _ENTRY.pack(
            name,
            len(name),
            entry.kind,
            entry.color,
            entry.left,
            entry.right,
            entry.child,
            bytes(16),
            0,
            0,
            0,
            entry.start if entry.kind != _STORAGE else 0,
            entry.size,
        )
    unused = _ENTRY.pack(b"", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM, bytes(16), 0, 0, 0, 0, 0)
    while len(directory) % SECTOR:
        directory += unused

    def padded(table: list[int], sectors: int) -> bytes:
        return struct.pack(f"<{len(table)}L", *table).ljust(sectors * SECTOR, b"\xff")

    return b"".join(
        [
            header,
            padded(fat, fat_sectors),
            bytes(directory),
            padded(mini_fat, mini_fat_sectors),
            bytes(mini_stream.ljust(mini_stream_sectors * SECTOR, b"\0")),
            bytes(body),
        ]
    )
