"""The result cache: a file read once is not read again until its bytes change.

HR re-runs a consolidation many times as units send corrected files. Each file's result
(:class:`~skp_xl.batch.berkas.HasilBerkas`) is kept in an SQLite database in the user's
cache folder, keyed by

- the SHA-256 of the file's bytes (never the modification time: a file swapped for
  another of the same size and time is read again),
- its path and the agency folder it was found under (both appear in the result), and
- the code that made it: a hash of skp-xl's own source files and the template version,
  so a new skp-xl (or, while developing, any change to the reader or the checks) reads
  everything again.

A result is stored as a pickle signed with HMAC-SHA256 under a random key kept in the
cache folder (mode 0600). A cache copied from elsewhere, edited, truncated or written by
another version does not verify and is ignored: a pickle is only loaded after its
signature checks, so a planted cache cannot run code. A database that cannot be opened is
set aside and a new one started, with a note; the consolidation itself never depends on
the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from skp_xl.batch.berkas import HasilBerkas
from skp_xl.forms.model import TEMPLATE_VERSION
from skp_xl.reader.triage import sha256_berkas
from skp_xl.settings import CACHE_ENV, CACHE_MAKS_BARIS

_DB = "hasil.sqlite3"
_KEY = "kunci"
_SCHEMA = 1


def folder_bawaan() -> Path:
    """The user's cache folder for skp-xl (``SKP_XL_CACHE`` overrides)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "skp-xl" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "skp-xl"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "skp-xl"


@cache
def versi_kode() -> str:
    """A hash of skp-xl's source files and the template version: what made a result."""
    digest = hashlib.sha256(f"{_SCHEMA}:{TEMPLATE_VERSION}".encode())
    package = Path(__file__).resolve().parent.parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".json"} and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def sidik(path: Path) -> str | None:
    """SHA-256 of a file's bytes, as triage takes it (None when it cannot be read: no
    cache for it)."""
    try:
        return sha256_berkas(path)
    except OSError:
        return None


@dataclass
class Cache:
    """An open result cache.

    Attributes:
        folder: Where it lives.
        catatan: Notes for the user (a cache set aside or not usable), in Indonesian.
        kena, luput: Results found and not found in this run.
    """

    folder: Path
    catatan: list[str] = field(default_factory=list)
    kena: int = 0
    luput: int = 0
    _db: sqlite3.Connection | None = None
    _key: bytes = b""

    @classmethod
    def buka(cls, folder: Path | None = None) -> Cache:
        """Open (or start) the cache in ``folder``; never raises: an unusable cache is a
        note and a cache that stores nothing."""
        self = cls(folder or folder_bawaan())
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._key = self._kunci()
            self._db = self._connect()
        except (OSError, sqlite3.Error) as error:
            self.catatan.append(
                f"Cache hasil di '{self.folder}' tidak dapat dipakai ({error}); semua berkas "
                "dibaca ulang."
            )
            self._db = None
        return self

    def _kunci(self) -> bytes:
        path = self.folder / _KEY
        with contextlib.suppress(FileNotFoundError):
            key = path.read_bytes()
            if len(key) == 32:
                return key
        key = os.urandom(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key

    def _connect(self) -> sqlite3.Connection:
        path = self.folder / _DB
        try:
            return _open(path)
        except sqlite3.DatabaseError as error:
            aside = path.with_name(f"{path.name}.rusak-{int(time.time())}")
            with contextlib.suppress(OSError):
                path.replace(aside)
            self.catatan.append(
                f"Cache hasil '{path}' rusak ({error}) dan disisihkan sebagai '{aside.name}'; "
                "semua berkas dibaca ulang."
            )
            return _open(path)

    def _kunci_baris(self, path: str, root: str, isi: str) -> str:
        return hashlib.sha256(f"{versi_kode()}\0{root}\0{path}\0{isi}".encode()).hexdigest()

    def ambil(self, path: str, root: str, isi: str | None) -> HasilBerkas | None:
        """The stored result of ``path`` with content hash ``isi``, if there is a good one."""
        if self._db is None or isi is None:
            self.luput += 1
            return None
        kunci = self._kunci_baris(path, root, isi)
        try:
            row = self._db.execute("SELECT data, mac FROM hasil WHERE kunci = ?", (kunci,))
            found = row.fetchone()
        except sqlite3.Error:
            found = None
        result = self._buka_isi(found, path)
        if result is None:
            self.luput += 1
        else:
            self.kena += 1
        return result

    def _buka_isi(self, found: tuple[bytes, bytes] | None, path: str) -> HasilBerkas | None:
        if found is None:
            return None
        data, mac = found
        if not hmac.compare_digest(mac, hmac.new(self._key, data, "sha256").digest()):
            return None
        try:
            result = pickle.loads(data)
        except Exception:  # a signed blob from an older class layout
            return None
        if not isinstance(result, HasilBerkas) or result.path != path:
            return None
        return result

    def simpan(self, root: str, hasil: Iterable[tuple[str | None, HasilBerkas]]) -> None:
        """Store each result under the content hash its file had when it was sent to be
        read; a result read from other bytes (the file changed meanwhile) is not kept."""
        if self._db is None:
            return
        rows = []
        for isi, result in hasil:
            if isi is None or (result.isi and result.isi != isi):
                continue
            data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
            mac = hmac.new(self._key, data, "sha256").digest()
            rows.append((self._kunci_baris(result.path, root, isi), data, mac, time.time()))
        try:
            with self._db:
                self._db.executemany(
                    "INSERT OR REPLACE INTO hasil (kunci, data, mac, dipakai) VALUES (?,?,?,?)",
                    rows,
                )
                self._db.execute(
                    "DELETE FROM hasil WHERE kunci IN (SELECT kunci FROM hasil "
                    "ORDER BY dipakai DESC LIMIT -1 OFFSET ?)",
                    (CACHE_MAKS_BARIS,),
                )
        except sqlite3.Error as error:
            self.catatan.append(f"Cache hasil tidak dapat ditulis ({error}); hasil tetap benar.")

    def tutup(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    db.execute(
        "CREATE TABLE IF NOT EXISTS hasil ("
        "kunci TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL, dipakai REAL)"
    )
    db.execute("SELECT count(*) FROM hasil").fetchone()
    return db


@contextlib.contextmanager
def dibuka(folder: Path | None = None) -> Iterator[Cache]:
    """:meth:`Cache.buka`, closed at the end."""
    opened = Cache.buka(folder)
    try:
        yield opened
    finally:
        opened.tutup()
