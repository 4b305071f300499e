"""The result cache: a file read once is not read again until its bytes change.

HR re-runs a consolidation many times as units send corrected files. Each file's result
(:class:`~skp_xl.batch.berkas.HasilBerkas`) is kept in an SQLite database in the user's
cache folder, keyed by

- the SHA-256 of the file's bytes (never the modification time: a file swapped for
  another of the same size and time is read again),
- its path and the agency folder it was found under (both appear in the result), and
- the code that made it: a hash of skp-xl's own source files and the template version,
  so a new skp-xl (or, while developing, any change to the reader or the checks) reads
  everything again, and
- the per-file time and memory limits (a file stopped by one limit is read again under
  another).

It also notes each agency folder it holds results of (under this code): a folder it
holds none of is read without hashing its files first (:meth:`Cache.kenal`), each file's
hash then being the one its reader took of the bytes it read.

Beside the per-file results it keeps the last few whole runs (:class:`Jalan`): the
summary workbook a consolidation wrote, and what the command printed, keyed by every
input file's path and content hash, the files skipped, the options, the output's place
and skp-xl's version (:func:`ciri_jalan`). A re-run whose inputs are all the same is then
answered from it without building the tables or the summary again.

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
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from skp_xl.batch.berkas import HasilBerkas
from skp_xl.forms.model import TEMPLATE_VERSION
from skp_xl.reader.triage import sha256_berkas
from skp_xl.settings import CACHE_ENV, CACHE_MAKS_BARIS, CACHE_MAKS_JALAN

_DB = "hasil.sqlite3"
_KEY = "kunci"
_SCHEMA = 2
_SEKALI = 500
"""Keys per SELECT: under SQLite's variable limit of old builds (999)."""
_AKAR_MAKS = 1_000
"""Agency folders noted as held (:meth:`Cache.kenal`), the most recently used kept."""


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


def sidik_semua(paths: Sequence[Path], jobs: int | None = None) -> list[str | None]:
    """:func:`sidik` of every path, in order, on ``jobs`` threads (default: one per core).

    Threads suffice: hashlib and file reads release the GIL, so hashing 10,000 workbooks
    (1.5 GB) takes the cores' time, not one core's. Each thread hashes runs of files in
    a loop of its own, not one task a file (``ThreadPoolExecutor.map`` ignores its
    ``chunksize``): a future, a lock and a wake-up per file cost as much as the hash of a
    0.15 MB workbook (measured at 10,000 files: 0.58 s against 0.91-1.13 s).
    """
    workers = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    if workers == 1:
        return [sidik(path) for path in paths]
    size = -(-len(paths) // (workers * 8))  # eight runs a thread: an even finish
    runs = [paths[start : start + size] for start in range(0, len(paths), size)]
    with ThreadPoolExecutor(workers) as pool:
        return [
            digest for run in pool.map(lambda run: [sidik(p) for p in run], runs) for digest in run
        ]


def ciri_jalan(root: str, berkas: Iterable[tuple[str, str | None]], lain: str) -> str | None:
    """The key of a whole run: every input's path and content hash, in order, the agency
    folder, ``lain`` (the options, the files skipped, the output) and skp-xl's version.

    Returns:
        None when a file could not be hashed: such a run is never answered from the cache.
    """
    digest = hashlib.sha256(f"jalan\0{versi_kode()}\0{root}\0{lain}".encode())
    for path, isi in berkas:
        if isi is None:
            return None
        digest.update(f"\0{path}\0{isi}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Jalan:
    """A whole consolidation, kept to answer a re-run whose inputs are all the same.

    Attributes:
        ringkasan: The bytes of the summary workbook the run wrote.
        ikhtisar: What the command printed (and its ``--json`` document), as plain data.
    """

    ringkasan: bytes
    ikhtisar: dict[str, object]

    @property
    def sha256(self) -> str:
        """SHA-256 of :attr:`ringkasan`: an output with these bytes is up to date."""
        return hashlib.sha256(self.ringkasan).hexdigest()


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

    def kenal(self, root: str) -> bool:
        """Whether results of files under ``root`` may be stored here under this code: when
        not (a first run over a folder, or the first since skp-xl changed), nothing of it
        can be found, and its files need not be hashed before they are read. A database
        that cannot answer says yes (the files are hashed, as before)."""
        if self._db is None:
            return False
        try:
            found = self._db.execute(
                "SELECT 1 FROM akar WHERE kunci = ?", (self._kunci_akar(root),)
            ).fetchone()
        except sqlite3.Error:
            return True
        return found is not None

    def _kunci_akar(self, root: str) -> str:
        return hashlib.sha256(f"{versi_kode()}\0{root}".encode()).hexdigest()

    def _kunci_baris(self, path: str, root: str, isi: str, batas: str) -> str:
        text = f"{versi_kode()}\0{root}\0{path}\0{isi}\0{batas}"
        return hashlib.sha256(text.encode()).hexdigest()

    def ambil(
        self, path: str, root: str, isi: str | None, *, batas: str = ""
    ) -> HasilBerkas | None:
        """The stored result of ``path`` with content hash ``isi``, if there is a good one."""
        return self.ambil_semua([(path, isi)], root, batas=batas)[0]

    def ambil_semua(
        self, berkas: Sequence[tuple[str, str | None]], root: str, *, batas: str = ""
    ) -> list[HasilBerkas | None]:
        """The stored result of each ``(path, content hash)``, in order (None: not stored,
        or not a good one), looked up a few hundred at a time in one transaction.

        Args:
            berkas: Each file's path and content hash (None: it could not be hashed).
            root: The agency folder the paths were found under.
            batas: The per-file limits the results must have been read under.
        """
        found: list[HasilBerkas | None] = [None] * len(berkas)
        for at, result in self.ambil_bertahap(berkas, root, batas=batas):
            found[at] = result
        return found

    def tersimpan(
        self, berkas: Sequence[tuple[str, str | None]], root: str, *, batas: str = ""
    ) -> set[int]:
        """The indices of the ``(path, content hash)`` that have a stored row: their
        results are likely good (:meth:`ambil_bertahap` still checks each), the others
        are to be read. Only the keys are looked up, not the results. The others count
        as not found (:attr:`luput`); :meth:`ambil_bertahap` counts the stored ones."""
        found = {at for at, _ in self._baris(berkas, root, batas, "")}
        self.luput += len(berkas) - len(found)
        return found

    def ambil_bertahap(
        self, berkas: Sequence[tuple[str, str | None]], root: str, *, batas: str = ""
    ) -> Iterator[tuple[int, HasilBerkas]]:
        """:meth:`ambil_semua`'s results found, as ``(index, result)``, a few hundred at a
        time: a caller that stores each one elsewhere (:class:`~skp_xl.batch.gudang.Gudang`)
        never holds them all."""
        hits = 0
        for at, (data, mac) in self._baris(berkas, root, batas, ", data, mac"):
            result = self._buka_isi(data, mac, berkas[at][0])
            if result is not None:
                hits += 1
                yield at, result
        self.kena += hits
        self.luput += len(berkas) - hits

    def _baris(
        self, berkas: Sequence[tuple[str, str | None]], root: str, batas: str, kolom: str
    ) -> Iterator[tuple[int, tuple[bytes, ...]]]:
        """The stored rows of ``berkas`` as ``(index, the columns after the key)``, looked
        up a few hundred keys a query; a database error ends them (those files are read)."""
        if self._db is None:
            return
        keys = {
            self._kunci_baris(path, root, isi, batas): at
            for at, (path, isi) in enumerate(berkas)
            if isi is not None
        }
        order = list(keys)
        for start in range(0, len(order), _SEKALI):
            part = order[start : start + _SEKALI]
            marks = ",".join("?" * len(part))
            try:
                rows = self._db.execute(
                    f"SELECT kunci{kolom} FROM hasil WHERE kunci IN ({marks})", part
                ).fetchall()
            except sqlite3.Error:
                return
            for row in rows:
                yield keys[row[0]], tuple(row[1:])

    def _buka_isi(self, data: bytes, mac: bytes, path: str) -> HasilBerkas | None:
        result = self._buka(data, mac)
        if not isinstance(result, HasilBerkas) or result.path != path:
            return None
        return result

    def _buka(self, data: bytes, mac: bytes) -> object:
        """What ``data`` holds when ``mac`` is its signature with this cache's key, else
        None: a blob not signed here is never unpickled."""
        if not hmac.compare_digest(mac, hmac.new(self._key, data, "sha256").digest()):
            return None
        try:
            return pickle.loads(data)
        except Exception:  # a signed blob from an older class layout
            return None

    def _tanda(self, value: object) -> tuple[bytes, bytes]:
        """``value`` pickled, and its signature."""
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return data, hmac.new(self._key, data, "sha256").digest()

    def _tulis(
        self, tabel: str, rows: Sequence[tuple[str, bytes, bytes, float]], maks: int, root: str
    ) -> None:
        """Insert ``rows`` into ``tabel`` (``hasil`` or ``jalan``), keeping its ``maks``
        most recently used, and note ``root`` as a folder held (in the same transaction:
        a result is never stored without it); a write that fails is a note, never a
        wrong result."""
        assert self._db is not None
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO akar (kunci, dipakai) VALUES (?, ?)",
                    (self._kunci_akar(root), time.time()),
                )
                self._db.execute(
                    "DELETE FROM akar WHERE kunci IN (SELECT kunci FROM akar "
                    "ORDER BY dipakai DESC LIMIT -1 OFFSET ?)",
                    (_AKAR_MAKS,),
                )
                self._db.executemany(
                    f"INSERT OR REPLACE INTO {tabel} (kunci, data, mac, dipakai) VALUES (?,?,?,?)",
                    rows,
                )
                self._db.execute(
                    f"DELETE FROM {tabel} WHERE kunci IN (SELECT kunci FROM {tabel} "
                    "ORDER BY dipakai DESC LIMIT -1 OFFSET ?)",
                    (maks,),
                )
        except sqlite3.Error as error:
            note = f"Cache hasil tidak dapat ditulis ({error}); hasil tetap benar."
            if note not in self.catatan:  # written a part at a time: said once
                self.catatan.append(note)

    def simpan(
        self, root: str, hasil: Iterable[tuple[str | None, HasilBerkas]], *, batas: str = ""
    ) -> None:
        """Store each result under the content hash its file had when it was sent to be
        read; a result read from other bytes (the file changed meanwhile) is not kept."""
        if self._db is None:
            return
        rows = []
        for isi, result in hasil:
            if isi is None or (result.isi and result.isi != isi):
                continue
            data, mac = self._tanda(result)
            key = self._kunci_baris(result.path, root, isi, batas)
            rows.append((key, data, mac, time.time()))
        self._tulis("hasil", rows, CACHE_MAKS_BARIS, root)

    def ambil_jalan(self, ciri: str) -> Jalan | None:
        """The run stored under ``ciri`` (:func:`ciri_jalan`), if there is a good one."""
        if self._db is None:
            return None
        try:
            found = self._db.execute(
                "SELECT data, mac FROM jalan WHERE kunci = ?", (ciri,)
            ).fetchone()
        except sqlite3.Error:
            return None
        if found is None:
            return None
        result = self._buka(*found)
        return result if isinstance(result, Jalan) else None

    def simpan_jalan(self, ciri: str, jalan: Jalan, root: str) -> None:
        """Store a run over ``root`` under ``ciri``, keeping the last ``CACHE_MAKS_JALAN``
        runs."""
        if self._db is None:
            return
        data, mac = self._tanda(jalan)
        self._tulis("jalan", [(ciri, data, mac, time.time())], CACHE_MAKS_JALAN, root)

    def tutup(self) -> None:
        """Close the database."""
        if self._db is not None:
            self._db.close()
            self._db = None


def _open(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=30)
    for table in ("hasil", "jalan"):
        db.execute(
            f"CREATE TABLE IF NOT EXISTS {table} ("
            "kunci TEXT PRIMARY KEY, data BLOB NOT NULL, mac BLOB NOT NULL, dipakai REAL)"
        )
        db.execute(f"SELECT count(*) FROM {table}").fetchone()
    db.execute("CREATE TABLE IF NOT EXISTS akar (kunci TEXT PRIMARY KEY, dipakai REAL)")
    return db


@contextlib.contextmanager
def dibuka(folder: Path | None = None) -> Iterator[Cache]:
    """:meth:`Cache.buka`, closed at the end."""
    opened = Cache.buka(folder)
    try:
        yield opened
    finally:
        opened.tutup()
