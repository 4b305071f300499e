"""Reading e-Kinerja and SIASN exports (CSV, workbooks, JSON) into :class:`Ekspor` values.

The file is read as tables (:func:`skp_xl.tabular.baca_tabel`), and the first table whose
header names a known export (:func:`skp_xl.domain.ekspor.kenali`) is taken, with its title
rows and every data row's cells. A workbook is triaged first (with room for a large
province's 50,000-row export); CSV and JSON are text and only bounded in size.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from skp_xl.arsip import CENTRAL_ENTRY, INFLATE_ERROR, awal_data, inflater_mentah
from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import (
    BARIS_JUDUL_MAKS,
    KEPALA_DIKENAL,
    Ekspor,
    baca_judul,
    baris_tabel,
    kenali,
    kepala_asing,
)
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.reader.asing import Kind, classify
from skp_xl.reader.names import column_number
from skp_xl.reader.triage import Triage, triage
from skp_xl.settings import EKSPOR_LIMITS, LIMITS
from skp_xl.tabular import JSON, TEKS, Tabel, baca_json, baca_tabel, baca_teks

TABEL_SUFFIXES = (*TEKS, *JSON)
"""Text files a folder walk hands to the export reader (workbooks go through triage)."""
_SNIFF_BYTES = 64 * 1024


def is_tabel(path: Path) -> bool:
    """Whether ``path`` is a text table a walk should look at (not hidden, not a lock)."""
    name = path.name
    return not name.startswith((".", "~$")) and path.suffix.lower() in TABEL_SUFFIXES


def looks_like_ekspor(path: Path) -> bool:
    """Whether a text table's head holds the header of a known export (a cheap look, in
    the folder walk: a CSV that is not one stays a skipped file)."""
    try:
        with path.open("rb") as handle:
            # JSON must be whole to be parsed; CSV's header is near its top.
            size = _SNIFF_BYTES if path.suffix.lower() in TEKS else LIMITS.max_file_bytes
            head = handle.read(size)
    except OSError:
        return False
    text = head.decode("utf-8-sig", errors="replace")
    try:
        if path.suffix.lower() in JSON:
            rows = baca_json(text)
        else:
            rows = baca_teks(text, max_rows=BARIS_JUDUL_MAKS + 1)
    except Exception:  # anything unparsable is simply not an export
        return False
    return rows is not None and kenali(rows) is not None


_JUDUL_DITAMPILKAN = 8
"""Headers a message quotes of a table that is no export."""
_TAMPAKNYA = {
    Kind.ABSENSI: " Isinya tampaknya daftar hadir pegawai, yang tidak dinilai sebagai SKP.",
    Kind.TPP: " Isinya tampaknya daftar TPP, yang tidak dinilai sebagai SKP.",
}
"""What a table that is no export seems to hold, when its words tell (reader/asing.py)."""


def bukan_ekspor(path: Path, severity: Severity = Severity.WARNING) -> Finding | None:
    """What a CSV or text table that is no export looks like: a finding at its header row
    naming the headers found and the ones skp-xl knows, and what to do.

    Args:
        path: A file :func:`is_tabel` takes (JSON is left to its own reading).
        severity: A warning in a consolidation (the file is left out); ``validate``,
            which cannot check the file, makes it an error.

    Returns:
        The finding; None when the file is an export, is no table (prose, binary: triage
        says what it is), or cannot be read.
    """
    if path.suffix.lower() not in TEKS:
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
        text = head.decode("utf-8-sig", errors="replace")
        rows = baca_teks(text, max_rows=BARIS_JUDUL_MAKS + 1)
    except Exception:  # unreadable as a table: triage names it
        return None
    if kenali(rows) is not None:
        return None
    found = kepala_asing(rows)
    if found is None:
        return None
    number, headers = found
    shown = ", ".join(f"'{h}'" for h in headers[:_JUDUL_DITAMPILKAN])
    if len(headers) > _JUDUL_DITAMPILKAN:
        shown += f" (dan {len(headers) - _JUDUL_DITAMPILKAN} lainnya)"
    known = "; ".join(f"{jenis.value}: {kolom}" for jenis, kolom in KEPALA_DIKENAL.items())
    content = classify((), (text.lower(),))
    seems = _TAMPAKNYA.get(content, "") if content is not None else ""
    return Finding(
        Code.EKSPOR_KEPALA_TIDAK_DIKENAL,
        severity,
        f"Berkas '{path.name}' berisi tabel teks (CSV), tetapi judul kolomnya di baris "
        f"{number + 1} ({shown}) bukan judul ekspor yang dikenal skp-xl.{seems} Judul kolom "
        f"yang dikenal: {known}. Bila berkas ini ekspor e-Kinerja atau SIASN, unduh ulang "
        "tanpa mengubah judul kolomnya; bila bukan, keluarkan berkas ini dari folder yang "
        "diperiksa.",
        cell=f"A{number + 1}",
        path=str(path),
    )


_DIMENSI = re.compile(rb'<dimension\b[^>]*?\sref="[A-Z]*\d*:?([A-Z]+)(\d+)"')
_KEPALA_ZIP = 4096
"""Bytes of a worksheet read for its ``<dimension>`` (it comes before the cells)."""
_LEMBAR_BESAR = 8 * 2**20
"""Worksheet XML that is large for an SKP (skp-xl's largest sheet, a monthly Evaluasi, is
about 0.4 MB); a sheet this large without a ``<dimension>`` (openpyxl's write-only mode
writes none) is taken as a long table."""


def dinyatakan_panjang(path: Path) -> bool:
    """Whether a workbook looks like a large export: a worksheet declares (``<dimension>``)
    more rows than an SKP may have within :data:`~skp_xl.settings.EKSPOR_LIMITS`, or
    declares nothing and is :data:`_LEMBAR_BESAR`. Such a file is triaged once, with the
    export limits, instead of first with the default ones (which stop at row 20,001 after
    reading that far) and then again.

    A cheap look, not a check, and only an order: the triage still checks everything, and
    a file that is no export after all takes the usual way. The zip's directory is read
    only when its end record says it is small, each worksheet only up to its first
    :data:`_KEPALA_ZIP` bytes; anything odd answers False. The directory and the heads are
    read by hand (the directory from the file's last 16 KB, where it is for an SKP), not
    through zipfile, whose opening of the archive and of each member cost more than the
    look itself.
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        size = path.stat().st_size
        if size > EKSPOR_LIMITS.max_file_bytes:
            return False
        with path.open("rb") as handle:
            # The end record and, usually, the directory before it; else the end
            # record with a comment at most, as zipfile looks for it.
            handle.seek(max(0, size - _EKOR))
            tail = handle.read()
            end = tail.rfind(b"PK\x05\x06")
            if (end < 0 or end < _directory_size(tail, end)) and size > _EKOR:
                handle.seek(max(0, size - 65_557))
                tail = handle.read()
            end = tail.rfind(b"PK\x05\x06")
            if end < 0 or len(tail) < end + 22:
                return False
            entries, directory, start = struct.unpack_from("<HII", tail, end + 10)
            if entries > LIMITS.max_members or directory > LIMITS.max_members * 1024:
                return False
            sheets = _lembar(tail, end, directory)
            if sheets is None:  # the directory is not all in the tail: zipfile finds it
                return _panjang_zip(path)
            # Data before the archive (as zipfile allows) shifts every member.
            shift = size - len(tail) + end - directory - start
            for at, (method, packed, inflated, offset) in enumerate(sheets):
                if not _dilihat(at, inflated):
                    continue
                head = _kepala(handle, offset + shift, method, packed)
                if head is None:
                    return False
                if _panjang(head, inflated):
                    return True
    except (
        OSError,
        ValueError,
        zipfile.BadZipFile,
        struct.error,
        RuntimeError,
        NotImplementedError,
        INFLATE_ERROR,  # a damaged head: the triage names the part
    ):
        return False
    return False


_LEMBAR_MIN = LIMITS.max_rows * 32
"""The least a worksheet after the first must inflate to for its head to be read: an
export fills each of its rows, and a row past :data:`~skp_xl.settings.LIMITS` is at least
its tag and one cell with a value (``<row r="20001"><c r="A20001"><v>1</v></c></row>``,
43 bytes). An SKP's worksheets are all smaller (0.4 MB at most), so only its first head
is read: 14 inflated heads were 0.28 ms of every SKP's read. A workbook's first sheet is
looked at whatever its size (an export's table is there). A later, smaller worksheet that
declares more rows, or holds a cell far down, is still read right, only triaged twice:
the triage stops at such a cell and :func:`ekspor_buku_kerja` triages the file again with
the export limits."""


def _dilihat(at: int, inflated: int) -> bool:
    """Whether the head of a workbook's ``at``-th worksheet (0: the first), of
    ``inflated`` bytes, is looked at (:data:`_LEMBAR_MIN`)."""
    return at == 0 or inflated >= _LEMBAR_MIN


_EKOR = 16 * 1024
"""The bytes at the end of a workbook read first: an SKP's central directory and end record."""


def _directory_size(tail: bytes, end: int) -> int:
    return struct.unpack_from("<I", tail, end + 12)[0] if len(tail) >= end + 22 else 0


def _lembar(tail: bytes, end: int, directory: int) -> list[tuple[int, int, int, int]] | None:
    """The worksheets the central directory (the ``directory`` bytes before the end record
    at ``end`` of ``tail``) lists, as (method, compressed size, inflated size, offset of
    the local header); None when the directory is not all in ``tail`` or an entry reads
    oddly."""
    at = end - directory
    if at < 0:
        return None
    found = []
    while at < end:
        if not tail.startswith(b"PK\x01\x02", at) or at + CENTRAL_ENTRY.size > end:
            return None
        fields = CENTRAL_ENTRY.unpack_from(tail, at)
        named, extra, comment = fields[10], fields[11], fields[12]
        name = tail[at + CENTRAL_ENTRY.size : at + CENTRAL_ENTRY.size + named]
        if name.startswith(b"xl/worksheets/") and name.endswith(b".xml"):
            method = -1 if fields[3] & 0x1 else fields[4]  # encrypted: not to be read
            found.append((method, fields[8], fields[9], fields[16]))
        at += CENTRAL_ENTRY.size + named + extra + comment
    return found


def _kepala(handle: BinaryIO, offset: int, method: int, packed: int) -> bytes | None:
    """The first :data:`_KEPALA_ZIP` bytes of the member whose local header is at
    ``offset``; None when it is not there or is compressed otherwise than zip allows."""
    if awal_data(handle, offset) is None:
        return None
    data = handle.read(min(packed, _KEPALA_ZIP))
    if method == zipfile.ZIP_STORED:
        return data
    if method != zipfile.ZIP_DEFLATED:
        return None
    return inflater_mentah().decompress(data, _KEPALA_ZIP)


def _panjang(head: bytes, inflated: int) -> bool:
    """Whether a worksheet of ``inflated`` bytes whose XML begins with ``head`` looks long
    (see :func:`dinyatakan_panjang`)."""
    found = _DIMENSI.search(head)
    if found is None:
        return inflated > _LEMBAR_BESAR
    rows, columns = int(found[2]), column_number(found[1].decode("ascii"))
    return LIMITS.max_rows < rows <= EKSPOR_LIMITS.max_rows and columns <= EKSPOR_LIMITS.max_cols


def _panjang_zip(path: Path) -> bool:
    """:func:`dinyatakan_panjang` through zipfile, for a directory not in the file's tail."""
    with zipfile.ZipFile(path) as archive:
        sheets = [
            info
            for info in archive.infolist()
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")
        ]
        for at, info in enumerate(sheets):
            if not _dilihat(at, info.file_size):
                continue
            with archive.open(info) as member:
                if _panjang(member.read(_KEPALA_ZIP), info.file_size):
                    return True
    return False


def tanpa_pembaca_skp(path: Path) -> bool:
    """Whether :func:`kenali_berkas` will most likely take ``path`` as an export without
    the SKP reader: a text table, or a workbook that :func:`dinyatakan_panjang` (a cheap
    look at its worksheets' declared size). A reader process that reads only such files
    need not import the SKP reader before it starts (``batch.berkas.PRAMUAT``); a file
    this is wrong about is still read, the reader imported when it comes to it."""
    return is_tabel(path) or dinyatakan_panjang(path)


def ekspor_panjang(path: Path) -> tuple[Ekspor, str] | None:
    """A workbook :func:`dinyatakan_panjang` as an export, triaged once with
    :data:`~skp_xl.settings.EKSPOR_LIMITS`, with the SHA-256 of its bytes.

    Returns:
        None when the long triage refuses it, it holds skp-xl's template id, or no table
        of it is an export: then it takes the usual way (:func:`ekspor_buku_kerja` after
        the default triage), which says what it is.
    """
    wide = triage(path, limits=EKSPOR_LIMITS)
    if not wide.readable or wide.index is None or "META_TEMPLATE_ID" in wide.index.names:
        return None
    return _coba_ekspor(path, wide.sha256 or "")


def triage_ekspor(path: Path) -> Triage:
    """Triage a workbook that may be a large export: the default limits, and when only its
    rows exceed them, again with :data:`~skp_xl.settings.EKSPOR_LIMITS`; once, with those,
    when it :func:`dinyatakan_panjang` (and they let it through)."""
    if dinyatakan_panjang(path):
        wide = triage(path, limits=EKSPOR_LIMITS)
        if wide.blocking is None:
            return wide
    triaged = triage(path)
    blocking = triaged.blocking
    if blocking is not None and blocking.code == Code.BERKAS_RENTANG_BESAR:
        return triage(path, limits=EKSPOR_LIMITS)
    return triaged


def ekspor_dari(path: Path, tables: list[Tabel]) -> Ekspor | None:
    """The export in ``tables`` (the first recognised), or None when none is one."""
    for table in tables:
        kepala = kenali(table.rows)
        if kepala is None:
            continue
        judul = baca_judul(table.rows[: kepala.baris])
        rows = baris_tabel(table.rows, kepala, table.penunjuk, 0 if table.json else 1)
        findings: list[Finding] = []
        if not rows:
            findings.append(
                Finding(
                    Code.EKSPOR_KOSONG,
                    Severity.WARNING,
                    f"'{path}' berisi judul kolom {kepala.jenis.value} tetapi tanpa baris "
                    "data; tarik ulang ekspornya.",
                    table.sheet,
                    table.alamat(kepala.baris, 0)[1],
                    path=str(path),
                )
            )
        sheet = "" if table.json or path.suffix.lower() in TEKS else table.sheet
        return Ekspor(str(path), kepala.jenis, sheet, judul, rows, tuple(findings))
    return None


def baca_ekspor(path: Path) -> Ekspor | None:
    """Read ``path`` as an export.

    Returns:
        The export, or None when no table of the file has a known export's header.

    Raises:
        InvalidValueError: The file cannot be read as a table (``csv-tidak-terbaca``).
    """
    return ekspor_dari(path, baca_tabel(path))


def baca_ekspor_teks(path: Path) -> Ekspor | None:
    """Read a CSV or JSON file as an export, within the size a text table may have.

    Returns:
        The export, or None when the file holds no known export's header.

    Raises:
        InvalidValueError: The file is too large (``berkas-terlalu-besar``) or cannot be
            read as a table (``csv-tidak-terbaca``).
    """
    size = path.stat().st_size
    if size > LIMITS.max_file_bytes:
        raise InvalidValueError(
            Code.BERKAS_TERLALU_BESAR,
            f"Berkas '{path}' berukuran {size // 2**20} MB, melebihi batas "
            f"{LIMITS.max_file_bytes // 2**20} MB; bagi ekspornya per unit.",
        )
    return baca_ekspor(path)


def ekspor_buku_kerja(path: Path, triaged: Triage) -> tuple[Ekspor, str] | None:
    """A triaged workbook as an export, with the SHA-256 of its bytes ("" when unknown).

    It is one when it lacks skp-xl's template id (checked before the SKP reader would call
    it ``bukan-skp-xl``), or is a real .xls, or is too long for an SKP (triaged again with
    :data:`~skp_xl.settings.EKSPOR_LIMITS`), and a table of it has a known export's header.

    Returns:
        The export and its hash; None to go on reading the file as an SKP (whose reader
        names what is wrong with it).
    """
    blocking = triaged.blocking
    if blocking is not None:
        if blocking.code == Code.BERKAS_RENTANG_BESAR:
            wide = triage(path, limits=EKSPOR_LIMITS)
            if wide.readable:
                return _coba_ekspor(path, wide.sha256 or "")
        if blocking.code == Code.BERKAS_XLS:  # calamine reads .xls: an export is kept
            return _coba_ekspor(path, "")
        return None
    index = triaged.index
    if index is None or "META_TEMPLATE_ID" in index.names:
        return None
    return _coba_ekspor(path, triaged.sha256 or "")


def _coba_ekspor(path: Path, isi: str) -> tuple[Ekspor, str] | None:
    try:
        ekspor = baca_ekspor(path)
    except InvalidValueError:
        return None
    return None if ekspor is None else (ekspor, isi)


@dataclass(frozen=True, slots=True)
class Dikenali:
    """What :func:`kenali_berkas` found a file to be.

    Attributes:
        ekspor: The export, when the file is one.
        isi: The SHA-256 of an export workbook's bytes ("" when unknown, or text).
        teks: Whether the file is a text table (CSV, JSON): it is never an SKP.
        galat: Why a text table could not be read (``berkas-terlalu-besar``,
            ``csv-tidak-terbaca``).
        triaged: A workbook's triage with the default limits, when one was made (the SKP
            reader reuses it for a workbook that is no export).
    """

    ekspor: Ekspor | None = None
    isi: str = ""
    teks: bool = False
    galat: InvalidValueError | None = None
    triaged: Triage | None = None

    def temuan_galat(self, path: str) -> Finding | None:
        """:attr:`galat` as the file's error finding: ``berkas-terlalu-besar`` as it is,
        any other reason ``berkas-tidak-terbaca``; None when the table was read."""
        if self.galat is None:
            return None
        code = self.galat.code
        if code != Code.BERKAS_TERLALU_BESAR:
            code = Code.BERKAS_TIDAK_TERBACA
        return Finding(code, Severity.ERROR, self.galat.message, path=path)


def kenali_berkas(path: Path) -> Dikenali:
    """Whether a file handed to ``consolidate`` or ``validate`` is an export, recognised
    the one way both use: a text table (:func:`is_tabel`) read within its size; a workbook
    that :func:`dinyatakan_panjang` triaged once with the export limits
    (:func:`ekspor_panjang`); else triaged with the default limits and taken as an export
    when :func:`ekspor_buku_kerja` says so.

    Raises:
        OSError: A text table cannot be opened (a workbook's triage names that itself).
    """
    if is_tabel(path):
        try:
            return Dikenali(baca_ekspor_teks(path), teks=True)
        except InvalidValueError as error:
            return Dikenali(teks=True, galat=error)
    if dinyatakan_panjang(path):  # a large export: triaged once, for its length
        long = ekspor_panjang(path)
        if long is not None:
            return Dikenali(long[0], long[1])
    triaged = triage(path, paket=True)  # the SKP reader reads its package
    found = ekspor_buku_kerja(path, triaged)
    if found is None:
        return Dikenali(triaged=triaged)
    return Dikenali(found[0], found[1], triaged=triaged)
