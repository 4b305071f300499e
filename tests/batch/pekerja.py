"""Tasks for the supervised pool's tests: module-level, so a worker can import them."""

from __future__ import annotations

import os
import signal
import time


def dua_kali(x: int) -> int:
    return 2 * x


def tugas(perintah: str) -> str:
    """Do what the name says: answer, abort, hang in a way SIGALRM cannot stop, allocate
    past the cap in Python, allocate in native code, or raise."""
    if perintah == "abort":
        os.abort()
    if perintah == "macet":
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(120)
    if perintah == "memori":
        return str(len(bytearray(8 * 1024**3)))
    if perintah.startswith("calamine:"):
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(perintah.removeprefix("calamine:"))
        return str(len(book.get_sheet_by_index(0).to_python()))
    if perintah.startswith("tidur:"):
        time.sleep(float(perintah.removeprefix("tidur:")))
        return perintah
    if perintah == "galat":
        raise ValueError("sengaja")
    if perintah == "keluar":
        os._exit(3)
    return perintah


def validasi_maut(path: object, **options: object) -> object:
    """``validate_file``, except that a file named ``maut*`` kills its reader process."""
    from pathlib import Path

    from skp_xl.validation import validate_file

    if Path(str(path)).name.startswith("maut"):
        os.abort()
    return validate_file(Path(str(path)), **options)  # type: ignore[arg-type]


def pangkat(x: int, *, eksponen: int) -> int:
    return int(x**eksponen)


def alokasi_tetap(_: object) -> bool:
    """Whether the worker's allocator is tuned (skp_xl/alokasi.py)."""
    from skp_xl import alokasi

    return alokasi.tetap()


def ambang_gc(_: object) -> tuple[int, ...]:
    """The worker's collection thresholds."""
    import gc

    return gc.get_threshold()


def paket_tersimpan(path: str) -> bool:
    """Whether the triage in a worker hands the reader its members stored, not deflated."""
    import io
    import zipfile
    from pathlib import Path

    from skp_xl.reader.triage import triage

    paket = triage(Path(path), paket=True).paket
    assert paket is not None
    with zipfile.ZipFile(io.BytesIO(paket)) as package:
        return all(info.compress_type == zipfile.ZIP_STORED for info in package.infolist())


def antrean(_: object) -> bool:
    """Whether this worker's next task is already waiting in its pipe (sent ahead) while
    it reads this one: a socket of the worker is readable within two seconds."""
    import select
    import stat

    sockets = []
    for name in os.listdir("/proc/self/fd"):
        try:
            if stat.S_ISSOCK(os.fstat(int(name)).st_mode):
                sockets.append(int(name))
        except OSError:  # the listing's own descriptor, closed by now
            continue
    readable, _, _ = select.select(sockets, [], [], 2.0)
    return bool(readable)
