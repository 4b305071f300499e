"""zipfile's deflating done by zlib-ng inside :func:`~skp_xl.arsip.deflate_zlib_ng`."""

from __future__ import annotations

import io
import threading
import zipfile
import zlib

from zlib_ng import zlib_ng

from skp_xl import arsip

_XML = b"<row>" + b"".join(b'<c r="A%d"><v>%d</v></c>' % (i, i * 7) for i in range(5000))


def _written(**level: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", _XML, **level)
        package.writestr("kosong.txt", b"", compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def _member(data: bytes) -> bytes:
    """The sheet's bytes as stored (deflated)."""
    raw = io.BytesIO(data)
    with zipfile.ZipFile(raw) as package:
        assert package.testzip() is None  # every CRC checks
        info = package.getinfo("xl/worksheets/sheet1.xml")
    assert arsip.awal_data(raw, info.header_offset) is not None
    return raw.read(info.compress_size)


def test_inside_a_member_is_deflated_by_zlib_ng_and_read_back_alike() -> None:
    plain = _written()
    with arsip.deflate_zlib_ng():
        fast = _written()
        fastest = _written(compresslevel=1)
    # Each is zlib-ng's raw deflate at that level, not the standard module's.
    for data, level in ((fast, zlib_ng.Z_DEFAULT_COMPRESSION), (fastest, 1)):
        deflater = zlib_ng.compressobj(level, zlib_ng.DEFLATED, -15)
        assert _member(data) == deflater.compress(_XML) + deflater.flush()
    standard = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    assert _member(plain) == standard.compress(_XML) + standard.flush()
    assert _member(fast) != _member(plain)  # it was swapped (the streams differ)
    for data in (plain, fast, fastest):
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            assert package.read("xl/worksheets/sheet1.xml") == _XML
            assert package.getinfo("kosong.txt").compress_type == zipfile.ZIP_STORED


def test_zipfiles_own_compressor_is_back_after_every_use_ends() -> None:
    own = zipfile._get_compressor  # type: ignore[attr-defined]
    entered, release = threading.Barrier(2), threading.Event()

    def other() -> None:
        with arsip.deflate_zlib_ng():
            entered.wait()
            release.wait()

    thread = threading.Thread(target=other)
    thread.start()
    with arsip.deflate_zlib_ng():
        entered.wait()
    # This one ended, the other thread's has not: still zlib-ng's.
    assert zipfile._get_compressor is not own  # type: ignore[attr-defined]
    release.set()
    thread.join()
    assert zipfile._get_compressor is own  # type: ignore[attr-defined]
    try:
        with arsip.deflate_zlib_ng():
            raise RuntimeError("a failed save")
    except RuntimeError:
        pass
    assert zipfile._get_compressor is own  # type: ignore[attr-defined]
