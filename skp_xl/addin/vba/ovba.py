"""The algorithms of [MS-OVBA]: compression (2.4.1) and data encryption (2.4.3).

Both follow the specification's pseudocode step for step, so the output is the one the
specification defines (its examples in section 3.2 are reproduced byte for byte); only the
search for the longest match is organised differently, with the same result.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

CHUNK_SIZE = 4096
"""Bytes of decompressed data in one chunk (all chunks but the last hold this many)."""
MAX_CHUNK_BYTES = 4098
"""Largest compressed chunk, header included."""
_SIGNATURE = 0x01
_CHUNK_SIGNATURE = 0b011


class OvbaError(ValueError):
    """Bytes that are not a valid compressed container or encrypted structure."""


def _bit_count(position: int) -> int:
    """CopyToken Help (2.4.1.3.19.1): bits of a copy token that hold the offset.

    ``position`` is DecompressedCurrent minus DecompressedChunkStart (at least 1).
    """
    # (position - 1).bit_length() is the smallest integer >= log2(position).
    return max((position - 1).bit_length(), 4)


def _match_length(data: bytes, candidate: int, current: int, end: int, at_least: int) -> int:
    """Length of the match of ``data[current:end]`` against ``data[candidate:]``.

    Overlapping matches count, as in the specification's byte-by-byte loop (the
    decompressed buffer is the data itself). ``at_least`` bytes are known to match.
    """
    low, high = at_least, end - current
    while low < high:
        middle = (low + high + 1) // 2
        if data[candidate : candidate + middle] == data[current : current + middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _compress_chunk(chunk: bytes) -> bytes:
    """Compressing a DecompressedChunk (2.4.1.3.7), header included."""
    end = len(chunk)
    body = bytearray()
    current = 0
    # Candidates for a match must share its first three bytes: positions by 3-byte
    # prefix, nearest last. A shorter match is never used (BestLength >= 3).
    seen: dict[bytes, list[int]] = {}
    indexed = 0

    def index_up_to(position: int) -> None:
        nonlocal indexed
        while indexed < position:
            if indexed + 3 <= end:
                seen.setdefault(chunk[indexed : indexed + 3], []).append(indexed)
            indexed += 1

    # CompressedCurrent < CompressedEnd  <=>  len(body) < CHUNK_SIZE (header excluded).
    while current < end and len(body) < CHUNK_SIZE:
        flag_index = len(body)
        body.append(0)
        flags = 0
        for bit in range(8):
            if not (current < end and len(body) < CHUNK_SIZE):
                break
            index_up_to(current)
            best_length, best_candidate = 0, 0
            if current + 3 <= end:
                limit = end - current
                for candidate in reversed(seen.get(chunk[current : current + 3], ())):
                    # Only a strictly longer match replaces the best one (the nearest
                    # candidate wins ties), as the specification's scan downwards does.
                    if best_length >= limit:
                        break
                    if (
                        chunk[candidate + best_length] != chunk[current + best_length]
                        or chunk[candidate : candidate + best_length]
                        != chunk[current : current + best_length]
                    ):
                        continue
                    length = _match_length(chunk, candidate, current, end, best_length + 1)
                    if length > best_length:
                        best_length, best_candidate = length, candidate
            if best_length >= 3:
                if len(body) + 1 >= CHUNK_SIZE:
                    # No room for a two-byte token: CompressedCurrent := CompressedEnd.
                    body.extend(bytes(CHUNK_SIZE - len(body)))
                    break
                bit_count = _bit_count(current)
                length = min(best_length, (0xFFFF >> bit_count) + 3)
                offset = current - best_candidate
                body += struct.pack("<H", ((offset - 1) << (16 - bit_count)) | (length - 3))
                flags |= 1 << bit
                current += length
            else:
                body.append(chunk[current])
                current += 1
        body[flag_index] = flags
    if current < end:
        # Compressing a RawChunk (2.4.1.3.10): 4096 bytes, padded with zeros.
        header = (MAX_CHUNK_BYTES - 3) | (_CHUNK_SIGNATURE << 12)
        return struct.pack("<H", header) + chunk.ljust(CHUNK_SIZE, b"\0")
    header = (len(body) + 2 - 3) | (_CHUNK_SIGNATURE << 12) | 0x8000
    return struct.pack("<H", header) + bytes(body)


def compress(data: bytes) -> bytes:
    """Compress ``data`` into a CompressedContainer (2.4.1.3.6).

    A chunk that does not shrink is stored raw, and a raw chunk always holds 4096 bytes:
    the specification pads a short last one with zeros, which then decompress as part of
    the data. Text never comes near that (it would take a last chunk of about 3640
    bytes that compress to more than 4096).

    Args:
        data: The bytes to compress, e.g. a module's source in its code page.

    Returns:
        The compressed container, signature byte first.
    """
    chunks: Iterable[bytes] = (
        _compress_chunk(data[start : start + CHUNK_SIZE])
        for start in range(0, len(data), CHUNK_SIZE)
    )
    return bytes([_SIGNATURE]) + b"".join(chunks)


def decompress(container: bytes) -> bytes:
    """Decompress a CompressedContainer (2.4.1.3.1).

    Raises:
        OvbaError: A wrong signature, chunk header or copy token.
    """
    if not container or container[0] != _SIGNATURE:
        raise OvbaError("a compressed container must start with the signature byte 0x01")
    out = bytearray()
    position = 1
    while position < len(container):
        if position + 2 > len(container):
            raise OvbaError(f"truncated chunk header at byte {position}")
        (header,) = struct.unpack_from("<H", container, position)
        size = (header & 0x0FFF) + 3
        if (header >> 12) & 0b111 != _CHUNK_SIGNATURE:
            raise OvbaError(f"chunk at byte {position} has a wrong signature")
        chunk_end = min(position + size, len(container))
        current = position + 2
        if not header & 0x8000:
            if size != MAX_CHUNK_BYTES:
                raise OvbaError(f"raw chunk at byte {position} is not 4096 bytes long")
            out += container[current : current + CHUNK_SIZE]
            position = current + CHUNK_SIZE
            continue
        chunk_start = len(out)
        while current < chunk_end:
            flags = container[current]
            current += 1
            for bit in range(8):
                if current >= chunk_end:
                    break
                if not flags & (1 << bit):
                    out.append(container[current])
                    current += 1
                    continue
                if current + 2 > chunk_end:
                    raise OvbaError(f"truncated copy token at byte {current}")
                (token,) = struct.unpack_from("<H", container, current)
                current += 2
                bit_count = _bit_count(len(out) - chunk_start) if len(out) > chunk_start else 4
                offset = (token >> (16 - bit_count)) + 1
                length = (token & (0xFFFF >> bit_count)) + 3
                source = len(out) - offset
                if source < chunk_start:
                    raise OvbaError(f"copy token at byte {current - 2} reaches before its chunk")
                for index in range(length):
                    out.append(out[source + index])
        position = chunk_end
    return bytes(out)


def project_key(project_id: str) -> int:
    """ProjKey (2.4.3.2): the checksum of the project's ``ID="{...}"`` GUID text."""
    return sum(project_id.encode("ascii")) & 0xFF


def encrypt(data: bytes, project_id: str, *, seed: int, ignored: bytes | None = None) -> str:
    """Data Encryption (2.4.3.2) of a PROJECT stream value, as its hex text.

    Args:
        data: The bytes to obfuscate (e.g. ``b"\\xff"`` for a visible project).
        project_id: The project's GUID in braces, as in ``ID="..."``.
        seed: The Seed byte (any value; it decides how many ignored bytes follow).
        ignored: The ignored bytes before the data, ``(seed & 6) // 2`` of them
            (zeros when not given).

    Returns:
        Upper-case hex digits, the value written between the quotes of CMG, DPB or GC.
    """
    if not 0 <= seed <= 0xFF:
        raise ValueError(f"seed {seed} is not a byte")
    count = (seed & 6) // 2
    ignored = bytes(count) if ignored is None else ignored
    if len(ignored) != count:
        raise ValueError(f"seed {seed:#04x} needs {count} ignored bytes, not {len(ignored)}")
    version, key = 2, project_key(project_id)
    out = bytearray([seed, seed ^ version, seed ^ key])
    plain1, encrypted1, encrypted2 = key, out[2], out[1]
    for byte in ignored + struct.pack("<L", len(data)) + data:
        encrypted = byte ^ ((encrypted2 + plain1) & 0xFF)
        out.append(encrypted)
        encrypted2, encrypted1, plain1 = encrypted1, encrypted, byte
    return out.hex().upper()


def decrypt(text: str) -> tuple[bytes, int, bytes]:
    """Data Decryption (2.4.3.3) of a CMG, DPB or GC value.

    Returns:
        The data, the project key and the ignored bytes.

    Raises:
        OvbaError: Not hex, a version other than 2, or a length that does not fit.
    """
    try:
        raw = bytes.fromhex(text)
    except ValueError as error:
        raise OvbaError(f"encrypted value is not hex: {error}") from None
    if len(raw) < 7:
        raise OvbaError("encrypted value is too short")
    seed, version_enc, key_enc = raw[0], raw[1], raw[2]
    if seed ^ version_enc != 2:
        raise OvbaError(f"encryption version {seed ^ version_enc} is not 2")
    key = seed ^ key_enc
    plain1, encrypted1, encrypted2 = key, key_enc, version_enc
    plain = bytearray()
    for encrypted in raw[3:]:
        byte = encrypted ^ ((encrypted2 + plain1) & 0xFF)
        plain.append(byte)
        encrypted2, encrypted1, plain1 = encrypted1, encrypted, byte
    count = (seed & 6) // 2
    if len(plain) < count + 4:
        raise OvbaError("encrypted value is too short")
    (length,) = struct.unpack_from("<L", plain, count)
    data = bytes(plain[count + 4 :])
    if len(data) != length:
        raise OvbaError(f"encrypted value holds {len(data)} bytes but declares {length}")
    return data, key, bytes(plain[:count])
