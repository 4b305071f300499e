"""Triage: before any reading, decide whether a file is a workbook skp-xl can read safely.

:func:`triage` looks at one path and returns a :class:`Triage`: what it learnt on the way
(the finding saying why the file cannot be read, or a warning, with ``path`` set; the
workbook index; the SHA-256 of the file's bytes), for the reader to take over instead of
reading the file again. Every read is bounded by :class:`Limits`: the zip's directory is
sized before it is parsed, every member is inflated by hand in chunks and stops at its
declared size (so a lying header cannot inflate more), and the whole check stops at a
deadline. An Excel 97-2003 workbook (.xls) is read too: its ``Workbook`` stream's sizes
are checked before it is read, and its records walked within the same limits
(:mod:`~skp_xl.reader.biff`).

Codes (severity): ``berkas-tidak-ada``, ``berkas-folder``, ``berkas-tidak-terbaca``,
``berkas-kosong``, ``berkas-rusak``, ``berkas-bukan-excel``, ``berkas-xls``, ``berkas-xlsb``,
``berkas-ods``, ``berkas-terenkripsi``, ``berkas-terlalu-besar``, ``berkas-xml-berbahaya``,
``berkas-rentang-besar`` (error: the file is not read); ``berkas-dimensi-besar``,
``berkas-tautan-eksternal``, ``berkas-rumus-web``, ``berkas-ekstensi-salah`` (warning: the
file is read, and the finding kept); ``berkas-kunci``, ``berkas-tersembunyi`` (info: the
file is skipped).
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import struct
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np
import olefile

from skp_xl import alokasi
from skp_xl.arsip import (
    CENTRAL_ENTRY,
    END_RECORD,
    INFLATE_ERROR,
    LOCAL_HEADER,
    awal_data,
    inflater_mentah,
    zlib,
)
from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.reader import asing
from skp_xl.reader.biff import BiffError, NotBiff8, read_biff
from skp_xl.reader.names import (
    WORKBOOK_PART,
    ZIP_ERRORS,
    SkipReason,
    WorkbookIndex,
    WorkbookXmlError,
    column_number,
    read_workbook_index,
)
from skp_xl.settings import LIMITS, MIB, Limits

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm"})
"""Suffixes of the workbooks skp-xl reads."""

XLS_SUFFIXES = frozenset({".xls", ".xlt"})
"""Suffixes of Excel 97-2003 workbooks, which skp-xl reads too."""

CANDIDATE_SUFFIXES = WORKBOOK_SUFFIXES | XLS_SUFFIXES | {".xlsb", ".ods"}
"""Suffixes a folder walk hands to :func:`triage`: readable, or worth a finding."""

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")
_PAKET_MAKS = 64 * MIB
"""The largest file whose bytes :attr:`Triage.paket` holds; a larger workbook is read from
its file again. An SKP is about 0.2 MB."""
_CHUNK = 256 * 1024
_WHOLE = 4 * MIB
"""A member declaring at most this inflated size is inflated in one piece (an SKP's largest
sheet is about 0.4 MB): one chunk for the scans, no carry copied between chunks."""
_HASH_GAP = 4096
"""The most bytes a read may skip and still have them hashed on the way: a local header's
name and extra field, a data descriptor. A larger gap (the archive's tail, read before
the members) is hashed later, when the walk over the members reaches it."""
_CENTRAL_ENTRY_BYTES = 1024  # generous bound on one central directory entry, for sizing
_XML_SUFFIXES = (".xml", ".rels", ".vml")

_CELL_TAG = re.compile(rb'<c\b[^>]*?\sr\s*=\s*["\']([A-Za-z]{1,3})([0-9]{1,7})["\'][^>]*?(/?)>')
_FAR_HINT = re.compile(
    rb'<c r="(?:[A-Za-z]{3}|[J-Zj-z][A-Za-z]|[Ii][W-Zw-z]|[A-Za-z]{1,3}(?:[0-9]{6}|[2-9][0-9]{4}))'
)
"""A cheap superset (a literal prefix, so a fast search) of the cell tags beyond the
default limits (column IV, row 20,000), written as Excel, LibreOffice and openpyxl write
them (``<c r="..."``): only from where it matches does the exact per-cell scan run."""
_FAR_HINT_EKSPOR = re.compile(
    rb'<c r="(?:[A-Za-z]{3}|[B-Zb-z][A-Za-z]|[A-Za-z]{1,3}(?:[0-9]{7}|[2-9][0-9]{5}))'
)
"""The same superset for the export limits (``settings.EKSPOR_LIMITS``: column BL, row
200,000), so a 50,000-row export is not scanned cell by cell."""
_ROW_NUMBER = re.compile(rb'[0-9]{1,7}(?=")')
_ODD_CELL_TAG = re.compile(rb"<c[\t\r\n]")
"""A cell tag opened with other whitespace than one space (XML allows it)."""
_DIMENSION = re.compile(rb'<dimension\b[^>]*?\sref="([^"]*)"')
_WEB_CALLS = (b"WEBSERVICE(", b"FILTERXML(", b"IMAGE(", b"RTD(", b"CALL(", b"REGISTER.ID(")
"""Functions that reach outside the workbook (web, RTD servers, DLLs) when Excel calculates."""
_NAME_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.")
# [n]Sheet!A1 and '[n]Sheet name'!A1: a reference into the n-th external workbook.
_EXTERNAL_REF = re.compile(rb"\[[0-9]+\](?:[^\s\[\]!<>'\"(),;]*|(?:[^'<\[\]]|'')*')!")
_REF_PART = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$")


def is_candidate(path: Path) -> bool:
    """Whether a folder walk should hand ``path`` to :func:`triage`.

    True for workbook-like suffixes (.xlsx, .xlsm, .xltx, .xltm, .xls, .xlsb, .ods, any
    case), false for lock files (``~$x.xlsx``, ``.~lock.x.xlsx#``) and hidden files.
    """
    name = path.name
    if _is_lock(name) or name.startswith("."):
        return False
    return path.suffix.lower() in CANDIDATE_SUFFIXES


@dataclass(frozen=True, slots=True)
class Triage:
    """What :func:`triage` learnt about one file, for the reader to go on from.

    Attributes:
        findings: What to report about the file, each with ``path`` set: empty for a
            clean workbook, else one finding of severity error (do not read), warning
            (read it, keep the finding) or info (skip it quietly: lock and hidden
            files). When a file has several warnings, the first found is kept; an error
            always wins over warnings.
        index: The workbook's sheets and defined names, when the file can be read.
        sha256: Hex SHA-256 of the file's bytes, when the file can be read (two copies
            of one file have the same).
        paket: When asked for (``triage(path, paket=True)``) and the file is an .xlsx
            of at most :data:`_PAKET_MAKS`: the file's bytes as the triage read and
            checked them, for the reader to hand python-calamine instead of reading the
            file again (which may have changed since). In a process whose allocator keeps
            the memory it frees (:func:`skp_xl.alokasi.tetapkan`: the supervised readers),
            the package is the members as the triage inflated and checked them, stored
            uncompressed (when they total at most :data:`_BAGIAN_MAKS`), the worksheets
            without their formula elements (:meth:`_Bagian.tanpa_rumus`): python-calamine
            then parses them without inflating them again, and without the formulas' text
            it never uses (about 3 ms less per SKP of about 13).
            Elsewhere it is the file's bytes: there the uncompressed copy, built in fresh
            pages, cost more than the inflating it saves (benchmarks/README.md,
            bench_consolidate.py's "Wave 11").
    """

    findings: tuple[Finding, ...] = ()
    index: WorkbookIndex | None = None
    sha256: str | None = None
    paket: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def blocking(self) -> Finding | None:
        """The finding that stops the read (an error, or info for a skipped file), if any."""
        return next((f for f in self.findings if f.severity is not Severity.WARNING), None)

    @property
    def readable(self) -> bool:
        """Whether the file can be read (possibly with warnings)."""
        return self.blocking is None and self.index is not None


def triage(path: Path, *, limits: Limits = LIMITS, paket: bool = False) -> Triage:
    """Check that ``path`` is an .xlsx/.xlsm (or Excel 97-2003 .xls) workbook that can be
    read safely.

    Nothing is read beyond ``limits``; no exception escapes for bad input.

    Args:
        path: The file to check.
        limits: Size, shape and time limits.
        paket: Keep the file's bytes (:attr:`Triage.paket`) for the reader.

    Returns:
        The findings (none for a clean workbook), and for a readable one its workbook
        index and the SHA-256 of its bytes, hashed as the check streams them (so nothing
        reads the file again to hash it).
    """
    path = Path(path)
    return _Triage(path, limits, keep=paket).run()


def _is_lock(name: str) -> bool:
    return name.startswith("~$") or (name.startswith(".~lock.") and name.endswith("#"))


class _Stop(Exception):
    """Carries the finding that ends the triage."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.code)
        self.finding = finding


class _Triage:
    def __init__(self, path: Path, limits: Limits, *, keep: bool = False) -> None:
        self.path = path
        self.keep = keep
        self.paket: bytes | None = None
        self.name = path.name or str(path)
        self.limits = limits
        self.deadline = time.monotonic() + limits.max_seconds
        self.warning: Finding | None = None
        self.index: WorkbookIndex | None = None
        self.sha256: str | None = None
        # The members as inflated and checked, for the reader (see _paket_tersimpan),
        # while their total stays within _BAGIAN_MAKS; None past that, or when not kept.
        stored = keep and alokasi.tetap()
        self.bagian: list[_Bagian] | None = [] if stored else None
        self.bagian_total = 0

    # -- findings -------------------------------------------------------------------

    def finding(
        self,
        code: Code,
        message: str,
        severity: Severity = Severity.ERROR,
        *,
        sheet: str | None = None,
        cell: str | None = None,
        field: str | None = None,
    ) -> Finding:
        return Finding(code.value, severity, message, sheet, cell, field, str(self.path))

    def stop(self, code: Code, message: str, severity: Severity = Severity.ERROR) -> _Stop:
        return _Stop(self.finding(code, message, severity))

    def warn(self, finding: Finding) -> None:
        if self.warning is None:
            self.warning = finding

    def corrupt(self, reason: str) -> _Stop:
        return self.stop(
            Code.BERKAS_RUSAK,
            f"Berkas '{self.name}' rusak atau terpotong ({reason}); buka di Excel atau "
            "LibreOffice (Excel dapat menawarkan perbaikan) lalu simpan ulang sebagai .xlsx, "
            "atau minta salinan baru dari pengirimnya.",
        )

    def not_excel(self, what: str) -> _Stop:
        return self.stop(
            Code.BERKAS_BUKAN_EXCEL,
            f"Berkas '{self.name}' bukan buku kerja Excel ({what}); kirim SKP dalam bentuk "
            "buku kerja Excel (.xlsx). Bila ini ekspor aplikasi lain, buka di Excel lalu "
            "simpan sebagai .xlsx.",
        )

    def too_big(self, reason: str) -> _Stop:
        return self.stop(
            Code.BERKAS_TERLALU_BESAR,
            f"Berkas '{self.name}' {reason}; berkas tidak dibaca agar pemeriksaan tidak "
            "melumpuhkan komputer. SKP yang wajar hanya ratusan KB: hapus gambar atau "
            "lembar yang tidak perlu, atau minta pengirim menyimpan ulang SKP-nya dari Excel.",
        )

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise self.too_big(
                f"butuh lebih dari {self.limits.max_seconds:g} detik untuk diperiksa"
            )

    # -- the checks -----------------------------------------------------------------

    def run(self) -> Triage:
        try:
            self.check_file()
        except _Stop as stop:
            return Triage((stop.finding,))
        warnings = (self.warning,) if self.warning is not None else ()
        return Triage(warnings, self.index, self.sha256, self.paket)

    def check_file(self) -> None:
        try:
            info = self.path.stat()
        except FileNotFoundError:
            raise self.stop(
                Code.BERKAS_TIDAK_ADA,
                f"Berkas '{self.path}' tidak ditemukan; periksa nama berkas dan foldernya.",
            ) from None
        except OSError as error:
            raise self.unreadable(error.strerror or str(error)) from None
        if stat.S_ISDIR(info.st_mode):
            raise self.stop(
                Code.BERKAS_FOLDER,
                f"'{self.path}' adalah folder, bukan berkas; sebutkan berkas .xlsx di "
                "dalamnya, atau periksa seluruh folder sekaligus.",
            )
        if _is_lock(self.name):
            raise self.stop(
                Code.BERKAS_KUNCI,
                f"'{self.name}' adalah berkas kunci sementara yang dibuat Excel atau "
                "LibreOffice selama sebuah buku kerja terbuka, bukan SKP; dilewati.",
                Severity.INFO,
            )
        if self.name.startswith("."):
            raise self.stop(
                Code.BERKAS_TERSEMBUNYI,
                f"'{self.name}' adalah berkas tersembunyi (namanya diawali titik); dilewati. "
                "Bila ini memang SKP, hapus titik di awal namanya.",
                Severity.INFO,
            )
        if not stat.S_ISREG(info.st_mode):
            # A FIFO or device would block or never end: never open one.
            raise self.unreadable("bukan berkas biasa")
        if info.st_size == 0:
            raise self.stop(
                Code.BERKAS_KOSONG,
                f"Berkas '{self.name}' kosong (0 bita); simpan ulang SKP-nya dari Excel atau "
                "minta salinan baru dari pengirimnya.",
            )
        if info.st_size > self.limits.max_file_bytes:
            raise self.too_big(
                f"berukuran {_mb(info.st_size)}, melebihi batas {_mb(self.limits.max_file_bytes)}"
            )
        try:
            with self.path.open("rb") as raw:
                source: BinaryIO = raw
                if self.keep and info.st_size <= _PAKET_MAKS:
                    # Read at once: the bytes checked are the bytes the reader reads.
                    source = _Bytes(raw.read(), raw.name)
                stream = _HashingReader(source)
                head = stream.read(4096)
                if head.startswith(_ZIP_SIGNATURES):
                    self.check_zip(stream, info.st_size)
                    self.sha256 = stream.hexdigest()
                    if self.bagian is not None:
                        self.paket = _paket_tersimpan(self.bagian)
                    elif isinstance(source, _Bytes):
                        self.paket = source.getvalue()
                    return
                if not head.startswith(_CFB_SIGNATURE):
                    head += stream.read(asing.TEXT_BYTES - len(head))
        except OSError as error:
            raise self.unreadable(error.strerror or str(error)) from None
        if head.startswith(_CFB_SIGNATURE):
            self.check_cfb(info.st_size)
        else:
            raise self.not_zip(head)

    def unreadable(self, reason: str) -> _Stop:
        return self.stop(
            Code.BERKAS_TIDAK_TERBACA,
            f"Berkas '{self.name}' tidak dapat dibuka ({reason}); periksa izin aksesnya atau "
            "salin ke folder lain, lalu jalankan lagi.",
        )

    def not_zip(self, head: bytes) -> _Stop:
        look = asing.look_at_text(head, self.path.suffix)
        if look.kind is asing.Kind.LAIN:
            return self.corrupt("bukan arsip .xlsx maupun berkas Excel lama")
        return self.stop(Code.BERKAS_BUKAN_EXCEL, look.message(self.name, excel=False))

    def check_cfb(self, size: int) -> None:
        data: bytes | None = None
        try:
            with olefile.OleFileIO(str(self.path)) as ole:
                entries = ole.listdir(streams=True, storages=False)
                sizes = {"/".join(entry).lower(): ole.get_size(entry) for entry in entries}
                streams = set(sizes)
                if "workbook" in streams and "encryptedpackage" not in streams:
                    self.check_cfb_sizes(sizes, size)
                    data = ole.openstream("Workbook").read(size)
        except _Stop:
            raise
        except Exception as error:  # olefile raises many types on malformed input
            raise self.corrupt(f"struktur berkas Office lama tidak sah: {error}") from None
        if {"encryptioninfo", "encryptedpackage"} <= streams:
            raise self.encrypted()
        if data is not None:
            self.check_xls(data)
            return
        if "book" in streams:
            raise self.stop(
                Code.BERKAS_XLS,
                f"Berkas '{self.name}' berformat Excel 5.0/95, lebih lama dari Excel 97-2003, "
                "yang tidak dibaca skp-xl; buka di Excel lalu simpan ulang sebagai Buku Kerja "
                "Excel (.xlsx).",
            )
        if "worddocument" in streams:
            raise self.not_excel("dokumen Word lama, .doc")
        raise self.not_excel("dokumen Office lama selain Excel")

    def encrypted(self) -> _Stop:
        return self.stop(
            Code.BERKAS_TERENKRIPSI,
            f"Berkas '{self.name}' dilindungi kata sandi pembuka (terenkripsi), sehingga "
            "isinya tidak dapat dibaca. Buka di Excel dengan kata sandinya, hapus kata "
            "sandi itu (File > Info > Protect Workbook > Encrypt with Password, kosongkan), "
            "lalu simpan ulang.",
        )

    def check_cfb_sizes(self, sizes: dict[str, int], size: int) -> None:
        """Stream sizes before any stream is read: no stream is larger than the file
        holding it, and all of them together stay within the inflated-size limit."""
        for name, stream_size in sizes.items():
            if stream_size > size:
                raise self.corrupt(f"aliran {name} lebih besar dari berkasnya")
        total = sum(sizes.values())
        if total > self.limits.max_uncompressed:
            raise self.too_big(
                f"memuat {_mb(total)} data, melebihi batas {_mb(self.limits.max_uncompressed)}"
            )

    def check_xls(self, data: bytes) -> None:
        """An Excel 97-2003 workbook: read its index as for an .xlsx, within the limits."""
        try:
            book = read_biff(
                data,
                max_rows=self.limits.max_rows,
                max_cols=self.limits.max_cols,
                check_time=self.check_time,
            )
        except NotBiff8:
            raise self.stop(
                Code.BERKAS_XLS,
                f"Berkas '{self.name}' berformat Excel 5.0/95, lebih lama dari Excel 97-2003, "
                "yang tidak dibaca skp-xl; buka di Excel lalu simpan ulang sebagai Buku Kerja "
                "Excel (.xlsx).",
            ) from None
        except BiffError as error:
            raise self.corrupt(f"buku kerja Excel 97-2003 tidak sah: {error}") from None
        if book.encrypted:
            raise self.encrypted()
        if book.far_cell is not None:
            title, cell = book.far_cell
            raise self.far_cell(title, cell)
        self.index = book.index
        self.check_links(set(), book.index)
        self.sha256 = sha256_berkas(self.path)
        if self.path.suffix.lower() not in XLS_SUFFIXES:
            self.warn(
                self.finding(
                    Code.BERKAS_EKSTENSI_SALAH,
                    f"Berkas '{self.name}' sebenarnya buku kerja Excel 97-2003 (.xls) walau "
                    f"namanya berakhiran '{self.path.suffix}'; berkas tetap dibaca. Ganti "
                    "akhiran namanya menjadi .xls, atau simpan ulang sebagai .xlsx.",
                    Severity.WARNING,
                )
            )

    def check_zip(self, stream: _HashingReader, size: int) -> None:
        self.check_directory(stream, size)
        try:
            zf = zipfile.ZipFile(stream)
        except ZIP_ERRORS as error:
            raise self.corrupt(f"arsip zip tidak sah: {error}") from None
        with zf:
            members = zf.infolist()
            names = {info.filename for info in members}
            if len(names) != len(members):
                # Readers disagree on which of two same-named parts counts.
                raise self.corrupt("arsip berisi dua bagian dengan nama yang sama")
            self.check_package(zf, names)
            self.check_sizes(members)
            try:
                index = read_workbook_index(zf)
            except WorkbookXmlError as error:
                raise self.stop(Code(error.code), error.message) from None
            self.index = index
            # Members first: a reference found in a sheet comes with its cell.
            self.has_links = any(name.lower().startswith("xl/externallinks/") for name in names)
            self.check_members(stream, members, index)
            self.check_links(names, index)
        if self.path.suffix.lower() not in WORKBOOK_SUFFIXES:
            self.warn(
                self.finding(
                    Code.BERKAS_EKSTENSI_SALAH,
                    f"Berkas '{self.name}' sebenarnya buku kerja .xlsx walau namanya berakhiran "
                    f"'{self.path.suffix}'; berkas tetap dibaca. Ganti akhiran namanya "
                    "menjadi .xlsx.",
                    Severity.WARNING,
                )
            )

    def check_directory(self, stream: _HashingReader, size: int) -> None:
        """Size the central directory from its end record, before zipfile parses it."""
        tail_size = min(size, END_RECORD.size + 0xFFFF)
        stream.seek(size - tail_size)
        tail = stream.read(tail_size)
        at = tail.rfind(b"PK\x05\x06")
        if at < 0 or len(tail) - at < END_RECORD.size:
            raise self.corrupt("akhir arsip zip tidak ada; berkas kemungkinan terpotong")
        _, _, _, _, entries, directory, _, _ = END_RECORD.unpack_from(tail, at)
        if entries == 0xFFFF or directory == 0xFFFFFFFF:
            locator = tail[max(0, at - _ZIP64_LOCATOR.size) : at]
            if len(locator) == _ZIP64_LOCATOR.size and locator.startswith(b"PK\x06\x07"):
                stream.seek(_ZIP64_LOCATOR.unpack(locator)[2])
                record = stream.read(_ZIP64_EOCD.size)
                if len(record) == _ZIP64_EOCD.size and record.startswith(b"PK\x06\x06"):
                    fields = _ZIP64_EOCD.unpack(record)
                    entries, directory = fields[7], fields[8]
        if entries > self.limits.max_members:
            raise self.too_big(
                f"berisi {_number(entries)} bagian dalam arsipnya, melebihi batas "
                f"{_number(self.limits.max_members)}"
            )
        if directory > self.limits.max_members * _CENTRAL_ENTRY_BYTES or directory > size:
            raise self.corrupt("daftar isi arsip zip terlalu besar untuk isinya")

    def check_package(self, zf: zipfile.ZipFile, names: set[str]) -> None:
        if "mimetype" in names:
            mimetype = self.read_small(zf, "mimetype")
            if mimetype.startswith(b"application/vnd.oasis.opendocument.spreadsheet"):
                raise self.stop(
                    Code.BERKAS_ODS,
                    f"Berkas '{self.name}' berformat OpenDocument (.ods); buka di LibreOffice "
                    "lalu simpan sebagai Excel 2007-365 (.xlsx).",
                )
            if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                raise self.not_excel("dokumen OpenDocument selain lembar kerja")
        if WORKBOOK_PART not in names:
            if "xl/workbook.bin" in names:
                raise self.stop(
                    Code.BERKAS_XLSB,
                    f"Berkas '{self.name}' berformat Buku Kerja Biner Excel (.xlsb); buka di "
                    "Excel lalu simpan ulang sebagai Buku Kerja Excel (.xlsx).",
                )
            if "word/document.xml" in names:
                raise self.not_excel("dokumen Word")
            if "ppt/presentation.xml" in names:
                raise self.not_excel("presentasi PowerPoint")
            if any(name.startswith("xl/") for name in names):
                raise self.corrupt(f"bagian {WORKBOOK_PART} tidak ada")
            raise self.not_excel("arsip zip yang tidak berisi buku kerja")
        if "[Content_Types].xml" not in names:
            raise self.corrupt("bagian [Content_Types].xml tidak ada")

    def read_small(self, zf: zipfile.ZipFile, member: str, limit: int = 256) -> bytes:
        try:
            with zf.open(member) as part:
                return part.read(limit)
        except ZIP_ERRORS as error:
            raise self.corrupt(f"bagian {member} tidak terbaca: {error}") from None

    def check_sizes(self, members: list[zipfile.ZipInfo]) -> None:
        limits = self.limits
        total = 0
        for info in members:
            if info.flag_bits & 0x1:
                raise self.corrupt(f"bagian {info.filename} dienkripsi dengan cara zip")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise self.corrupt(f"bagian {info.filename} memakai metode kompresi asing")
            total += info.file_size
            if total > limits.max_uncompressed:
                raise self.too_big(
                    f"mengembang menjadi lebih dari {_mb(limits.max_uncompressed)} bila "
                    f"dibuka (bagian {info.filename}: {_mb(info.file_size)})"
                )
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.ratio_grace and ratio > limits.max_ratio:
                raise self.too_big(
                    f"memuat bagian {info.filename} yang mengembang {_number(ratio)} kali lipat "
                    f"menjadi {_mb(info.file_size)} (pola zip bomb)"
                )

    def check_links(self, names: set[str], index: WorkbookIndex) -> None:
        links = sorted(
            name
            for name in names
            if name.lower().startswith("xl/externallinks/") and "/_rels/" not in name
        )
        if links:
            self.warn(self.external_link(f"bagian {links[0]}"))
        for skipped in index.skipped:
            if skipped.reason is SkipReason.EXTERNAL:
                self.warn(self.external_link(f"nama {skipped.name}", field=skipped.name))
            elif skipped.reason is SkipReason.FORMULA:
                call = _find_call(skipped.text.encode())
                if call:
                    self.warn(self.web_call(call[0], f"nama {skipped.name}", field=skipped.name))

    def external_link(self, where: str, **at: str | None) -> Finding:
        return self.finding(
            Code.BERKAS_TAUTAN_EKSTERNAL,
            f"Berkas '{self.name}' berisi tautan ke buku kerja lain ({where}); skp-xl tidak "
            "membuka buku kerja itu, jadi nilainya bisa usang. Putuskan tautannya (Data > "
            "Edit Links > Break Link) agar rumus diganti nilainya, lalu simpan ulang.",
            Severity.WARNING,
            **at,
        )

    def web_call(self, function: str, where: str, **at: str | None) -> Finding:
        return self.finding(
            Code.BERKAS_RUMUS_WEB,
            f"Berkas '{self.name}': rumus di {where} memanggil {function.upper()}, yang "
            "mengambil data dari luar buku kerja; skp-xl tidak menjalankannya dan memakai "
            "nilai yang tersimpan. Ganti rumus itu dengan nilainya, lalu simpan ulang.",
            Severity.WARNING,
            **at,
        )

    def check_members(
        self, stream: _HashingReader, members: list[zipfile.ZipInfo], index: WorkbookIndex
    ) -> None:
        titles = {sheet.part: sheet.title for sheet in index.sheets if sheet.part}
        capped = memori_dibatasi()
        for info in sorted(members, key=lambda member: member.header_offset):
            name = info.filename
            is_sheet = name in titles or (
                name.startswith("xl/worksheets/") and name.endswith(".xml")
            )
            scan = (
                _SheetScan(titles.get(name, name), self.limits, links=self.has_links, capped=capped)
                if is_sheet
                else None
            )
            first = True
            kept: _Bagian | None = None
            if self.bagian is not None:
                self.bagian_total += info.file_size
                if self.bagian_total <= _BAGIAN_MAKS:
                    kept = _Bagian(info.filename, info.CRC, [])
                    self.bagian.append(kept)
                else:
                    self.bagian = None
            for chunk in self.inflate(stream, info):
                if kept is not None:
                    kept.potongan.append(chunk)
                if first and name.lower().endswith(_XML_SUFFIXES):
                    prolog = chunk[:8192]
                    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                        raise self.hostile_xml(name)
                first = False
                if scan is not None:
                    scan.feed(chunk, whole=info.file_size <= _WHOLE)
                    self.check_scan(scan)
            if scan is not None:
                scan.close()
                self.check_scan(scan)
                self.warn_scan(scan)
                if kept is not None:
                    kept.tanpa_rumus()  # scanned whole first: the web calls are in them

    def hostile_xml(self, part: str) -> _Stop:
        return self.stop(
            Code.BERKAS_XML_BERBAHAYA,
            f"Berkas '{self.name}': bagian {part} memuat deklarasi DTD atau entitas XML, yang "
            "tidak pernah ditulis Excel atau LibreOffice dan dapat dipakai untuk melumpuhkan "
            "pembaca; berkas tidak dibaca. Minta pengirim menyimpan ulang SKP-nya dari Excel "
            "sebagai .xlsx.",
        )

    def inflate(self, stream: _HashingReader, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's content in chunks, never more than its declared size, CRC checked."""
        if info.header_offset < 0:  # zipfile's offset shift for a bad directory
            raise self.corrupt(f"letak bagian {info.filename} tidak sah")
        if awal_data(stream, info.header_offset) is None:
            raise self.corrupt(f"kepala bagian {info.filename} tidak ada")
        remaining = info.compress_size
        produced = 0
        crc = 0
        inflater = inflater_mentah()
        stored = info.compress_type == zipfile.ZIP_STORED
        # Never more than the declared size (and one byte, to tell a lie) at a time.
        whole = info.file_size <= _WHOLE
        step = min(max(info.compress_size, _CHUNK), _WHOLE) if whole else _CHUNK
        limit = max(info.file_size + 1, _CHUNK) if whole else _CHUNK
        while True:
            self.check_time()
            pending = b"" if stored else inflater.unconsumed_tail
            if not pending and remaining:
                pending = stream.read(min(step, remaining))
                if not pending:
                    raise self.corrupt(f"bagian {info.filename} terpotong")
                remaining -= len(pending)
            if stored:
                out = pending
            else:
                try:
                    out = inflater.decompress(pending, limit)
                except INFLATE_ERROR as error:
                    raise self.corrupt(f"bagian {info.filename} tidak sah: {error}") from None
            produced += len(out)
            if produced > info.file_size:
                raise self.corrupt(f"bagian {info.filename} lebih besar dari yang dinyatakan")
            if out:
                crc = zlib.crc32(out, crc)
                yield out
            if stored and not remaining:
                break
            if not stored and (inflater.eof or not (out or pending)):
                break
        if (not stored and not inflater.eof) or produced != info.file_size:
            raise self.corrupt(f"bagian {info.filename} terpotong")
        if crc != info.CRC:
            raise self.corrupt(f"isi bagian {info.filename} tidak cocok dengan CRC-nya")

    def check_scan(self, scan: _SheetScan) -> None:
        if scan.far_cell is not None:
            raise self.far_cell(scan.title, scan.far_cell)

    def far_cell(self, title: str, cell: str) -> _Stop:
        limits = self.limits
        return _Stop(
            self.finding(
                Code.BERKAS_RENTANG_BESAR,
                f"Berkas '{self.name}': lembar '{title}' berisi sel {cell}, "
                f"di luar batas baca {_number(limits.max_rows)} baris x "
                f"{_number(limits.max_cols)} kolom; berkas tidak dibaca. Hapus isi sel "
                "itu (atau hapus baris dan kolom kosong sampai ke sana), lalu simpan ulang.",
                sheet=title,
                cell=cell,
            )
        )

    def warn_scan(self, scan: _SheetScan) -> None:
        if scan.external is not None:
            where = f"lembar '{scan.title}'" + (f" sel {scan.external}" if scan.external else "")
            self.warn(self.external_link(where, sheet=scan.title, cell=scan.external or None))
        if scan.web is not None:
            function, cell = scan.web
            where = f"{scan.title}!{cell}" if cell else f"lembar '{scan.title}'"
            self.warn(self.web_call(function, where, sheet=scan.title, cell=cell))
        if scan.dimension is not None:
            limits = self.limits
            self.warn(
                self.finding(
                    Code.BERKAS_DIMENSI_BESAR,
                    f"Berkas '{self.name}': lembar '{scan.title}' menyatakan rentang terpakai "
                    f"{scan.dimension}, melebihi {_number(limits.max_rows)} baris x "
                    f"{_number(limits.max_cols)} kolom, padahal isinya di dalam batas itu; berkas "
                    "tetap dibaca sampai batas itu. Hapus baris dan kolom kosong di bawah dan "
                    "di kanan tabel, lalu simpan ulang.",
                    Severity.WARNING,
                    sheet=scan.title,
                    cell=scan.dimension,
                )
            )


_BAGIAN_MAKS = 32 * MIB
"""The largest total inflated size of a workbook whose members :attr:`Triage.paket` holds
stored (not deflated again); a larger one keeps the file's bytes. An SKP is about 2 MB."""


_RUMUS = re.compile(
    rb"<f(?<!</v><f)(?<!<v/><f)(?<!<v /><f)(?:>[^<]*</f>| [^>]*/>| [^>]*>[^<]*</f>)"
)
"""A cell's formula element (``<f>``), whole: its text holds no ``<`` (XML escapes it), so
one left open (a CDATA section inside, which no program writes) is not matched; nor one
right after its cell's value (against the schema's order: python-calamine then loses the value,
and must go on doing so)."""
_RUMUS_MIN = 16 * 1024
"""Worksheets smaller than this keep their formulas: too little to gain."""


@dataclass(slots=True)
class _Bagian:
    """A member as the triage inflated and checked it, for :func:`_paket_tersimpan`."""

    nama: str
    crc: int
    potongan: list[bytes]

    def tanpa_rumus(self) -> None:
        """Drop a worksheet's formula elements, keeping every cell and its value.

        python-calamine reads a cell's value from its ``<v>`` (or inline string) and
        never its formula, yet parses the formula's text: nine tenths of an SKP's
        Evaluasi sheet (358 KB, 48 KB without), and so nearly half of reading an SKP.
        The reader asks python-calamine for values only. Left as they are: a member
        inflated in pieces (past :data:`_WHOLE`), a small one, and the formulas
        :data:`_RUMUS` does not match.
        """
        if len(self.potongan) != 1 or len(self.potongan[0]) < _RUMUS_MIN:
            return
        text = self.potongan[0]
        stripped = _RUMUS.sub(b"", text)
        if len(stripped) != len(text):
            self.potongan = [stripped]
            self.crc = zlib.crc32(stripped)


def _paket_tersimpan(parts: list[_Bagian]) -> bytes:
    """A zip of ``parts`` stored as they are (method 0), with their CRCs.

    The reader's engine then parses the members the triage inflated and checked, without
    inflating them a second time: python-calamine spent a sixth of its time there.
    """
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for part in parts:
        name = part.nama.encode()
        size = sum(map(len, part.potongan))
        # Version 2.0; UTF-8 names flagged; stored; 1980-01-01 00:00; CRC; sizes; name.
        common = (20, 0 if name.isascii() else 0x800, 0, 0, 0x21, part.crc, size, size)
        header = LOCAL_HEADER.pack(b"PK\x03\x04", *common, len(name), 0)
        out += (header, name, *part.potongan)
        # Made by version 2.0; no extra, comment, disk or attributes; where its header is.
        entry = CENTRAL_ENTRY.pack(b"PK\x01\x02", 20, *common, len(name), 0, 0, 0, 0, 0, offset)
        central += (entry, name)
        offset += len(header) + len(name) + size
    directory = b"".join(central)
    end = END_RECORD.pack(b"PK\x05\x06", 0, 0, len(parts), len(parts), len(directory), offset, 0)
    return b"".join((*out, directory, end))


class _Bytes(io.BytesIO):
    """A file's bytes read at once, under the file's name (zipfile names it in messages)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data)
        self.name = name


class _HashingReader:
    """A read-only view of an open file that hashes its bytes in file order as they pass.

    The SHA-256 covers ``[0, hashed)``: a read that reaches past ``hashed`` from at or
    before it extends the hash, one that starts a little beyond it (a zip local header's
    name, a data descriptor) first reads and hashes the small gap, and reads elsewhere
    (the central directory, a part read out of order) are not hashed. The triage reads
    the members in file order, so :meth:`hexdigest` only has the bytes left after the
    last member (the central directory) to read.
    """

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.name = raw.name  # zipfile names the file in its messages by this
        self.sha = hashlib.sha256()
        self.hashed = 0

    def read(self, size: int = -1, /) -> bytes:
        at = self.raw.tell()
        if self.hashed < at <= self.hashed + _HASH_GAP:
            self.raw.seek(self.hashed)
            gap = self.raw.read(at - self.hashed)
            self.sha.update(gap)
            self.hashed += len(gap)
            self.raw.seek(at)
        data = self.raw.read(size)
        end = at + len(data)
        if at <= self.hashed < end:
            self.sha.update(memoryview(data)[self.hashed - at :])
            self.hashed = end
        return data

    def seek(self, offset: int, whence: int = 0, /) -> int:
        return self.raw.seek(offset, whence)

    def tell(self) -> int:
        return self.raw.tell()

    def seekable(self) -> bool:
        return True

    def hexdigest(self) -> str:
        """The SHA-256 of the whole file: the bytes not hashed yet are read now."""
        self.raw.seek(self.hashed)
        while chunk := self.raw.read(_CHUNK):
            self.sha.update(chunk)
            self.hashed += len(chunk)
        return self.sha.hexdigest()


def memori_dibatasi() -> bool:
    """Whether this process's address space is capped (``RLIMIT_AS``, which the
    supervised reader sets), so that a sheet lying about its size makes calamine fail
    inside this process's cap instead of taking the machine's memory or aborting a
    command that reads in its own process. False where there is no such limit (Windows).
    """
    try:
        import resource
    except ImportError:
        return False
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    return soft != resource.RLIM_INFINITY


class _SheetScan:
    """Streams one worksheet's XML: farthest cell with content, dimension, outside calls.

    Chunks are cut at their last ``<``, so no tag (and no formula text) is ever split.
    """

    def __init__(
        self, title: str, limits: Limits, *, links: bool = True, capped: bool = False
    ) -> None:
        self.title = title
        # A formula refers to another workbook through an externalLink part ([1] is the
        # first); without such a part there is no reference to find cell by cell.
        self.links = links
        # Excel, LibreOffice and openpyxl write <dimension> with the used range first.
        # Within the limits, the cells are not walked one by one when this process's
        # memory is ``capped``: a file whose dimension lies about a far cell is stopped
        # by that cap in the supervised reader (skp_xl/batch/pengawas.py) instead.
        # Beyond the limits, or absent, or in a process without a cap (predikat, roster,
        # tindak-lanjut read in their own), every cell is walked, to tell a far cell from
        # a dimension merely declared too large: calamine aborts the process on a far
        # cell it cannot allocate for.
        self.capped = capped
        self.trusted = False
        self.max_rows = limits.max_rows
        self.max_cols = limits.max_cols
        # A hint assumes limits at least its own; smaller ones scan every cell.
        self.hint: re.Pattern[bytes] | None = None
        if self.max_cols >= 256 and self.max_rows >= 20_000:
            self.hint = _FAR_HINT
        elif self.max_cols >= 64 and self.max_rows >= 200_000:
            self.hint = _FAR_HINT_EKSPOR
        # A sheet with no <dimension> at all (openpyxl's write-only mode, which e-Kinerja's
        # exports and this project's own export samples are written with) read with the
        # export limits: its rows are judged by their row tags (the last of each chunk:
        # rows come in order), not cell by cell, which cost half the triage of a
        # 50,000-row export. A cell beyond the columns, or one that lies about its row,
        # is left to the reader's memory cap, as under a dimension within the limits.
        self.by_rows = capped and self.hint is _FAR_HINT_EKSPOR
        self.declared = False
        self.rows_within = False
        self.carry = b""
        self.columns: dict[bytes, int] = {}
        self.open_cell: str | None = None
        self.seen_data = False
        self.far_cell: str | None = None
        self.dimension: str | None = None
        self.web: tuple[str, str | None] | None = None
        self.external: str | None = None  # "" when outside any cell

    def feed(self, data: bytes, *, whole: bool = False) -> None:
        if whole and not self.carry:
            # A member inflated in one piece holds no tag cut in two: scanned as it is,
            # without copying it up to its last "<". That tail is kept as well and
            # scanned again with whatever follows (nothing, for a member in one piece).
            self.scan(data)
            cut = data.rfind(b"<")
            self.carry = data[cut:] if cut > 0 else b""
            return
        buffer = self.carry + data
        cut = buffer.rfind(b"<")
        if cut <= 0 and len(buffer) < _CHUNK * 4:
            self.carry = buffer
            return
        if cut <= 0:
            cut = len(buffer)
        self.carry = buffer[cut:]
        self.scan(buffer[:cut])

    def close(self) -> None:
        self.scan(self.carry)
        self.carry = b""

    def scan(self, text: bytes) -> None:
        if not self.seen_data:
            dimension = _DIMENSION.search(text)
            if dimension:
                self.declared = True
                self.check_dimension(dimension[1].decode("ascii", "replace"))
                self.trusted = self.capped and self.dimension is None and self.hint is not None
            self.seen_data = b"<sheetData" in text
        columns = self.columns
        start = 0
        if self.trusted or (self.by_rows and not self.declared and self.rows_fit(text)):
            start = len(text)
        elif self.hint is not None and _canonical_cells(text):
            hint = self.hint.search(text)
            start = max(text.rfind(b"<", 0, hint.start()), 0) if hint else len(text)
        for tag in _CELL_TAG.finditer(text, start):
            if tag[3]:  # self-closing: a formatted empty cell, which calamine skips
                continue
            letters = tag[1]
            column = columns.get(letters)
            if column is None:
                column = columns[letters] = column_number(letters.decode("ascii"))
            if column > self.max_cols or int(tag[2]) > self.max_rows:
                self.far_cell = (tag[1] + tag[2]).decode("ascii").upper()
                return
        if self.web is None:
            call = _find_call(text)
            if call:
                self.web = (call[0], self.cell_at(text, call[1]))
        if self.external is None and self.links:
            ref = _EXTERNAL_REF.search(text)
            if ref:
                self.external = self.cell_at(text, ref.start()) or ""
        self.open_cell = self.cell_at(text, len(text))

    def rows_fit(self, text: bytes) -> bool:
        """Whether the cells of ``text`` lie in rows within the limits, by the last row tag
        (as Excel and openpyxl write it, ``<row r="``); a chunk without one is in the row
        of the chunk before. A row tag spelled otherwise, or none yet, answers False, and
        the chunk's cells are walked one by one (which locates a far cell exactly)."""
        at = text.rfind(b"<row")
        if at >= 0:
            row = _ROW_NUMBER.match(text, at + 8) if text.startswith(b'<row r="', at) else None
            self.rows_within = row is not None and int(row[0]) <= self.max_rows
        return self.rows_within

    def cell_at(self, text: bytes, position: int) -> str | None:
        """The cell whose element encloses ``position``, when it is inside one."""
        start = text.rfind(b"<c ", 0, position)
        while start >= 0:
            tag = _CELL_TAG.match(text, start)
            if tag:
                if tag[3] or b"</c>" in text[tag.end() : position]:
                    return None
                return (tag[1] + tag[2]).decode("ascii").upper()
            start = text.rfind(b"<c ", 0, start)
        return None if b"</c>" in text[:position] else self.open_cell

    def check_dimension(self, ref: str) -> None:
        last = ref.split(":")[-1]
        match = _REF_PART.match(last)
        if match is None:
            return
        if column_number(match[1]) > self.max_cols or int(match[2]) > self.max_rows:
            self.dimension = ref.upper()


def _canonical_cells(text: bytes) -> bool:
    """Whether every cell tag of ``text`` opens as Excel writes it: ``<c r="``."""
    return text.count(b"<c ") == text.count(b'<c r="') and not _ODD_CELL_TAG.search(text)


def _find_call(text: bytes) -> tuple[str, int] | None:
    """The first call of a :data:`_WEB_CALLS` function in ``text``, and where.

    Function names are matched as the file formats store them: Excel and LibreOffice write
    every function name in capitals whatever the user typed, so the text is not
    upper-cased first. The warning is about stale values, not safety: skp-xl never
    evaluates a formula.

    Every call ends in ``(``, and the two bytes before it are one of a handful of pairs
    (``CE(``, ``ML(``, ``GE(``...). numpy finds the opening brackets and keeps those pairs
    in one pass; only the few places left are compared by name. Six ``bytes.find`` over a
    formula-heavy sheet cost about twice the whole scan now, because the names' last bytes
    (``E``, ``L``, ``(``) are everywhere in formulas.
    """
    if len(text) < _SHORTEST_CALL or _OPEN_BYTE not in text:
        # Most calls of a workbook: a sheet's tail after its last tag, a sheet without a
        # formula. The arrays below cost 14 us even for a few bytes, 13 times an SKP.
        return None
    view = np.frombuffer(text, np.uint8)
    brackets = np.flatnonzero(view[2:] == _OPEN) + 2
    pairs = view[brackets - 2].astype(np.uint16) * 256 + view[brackets - 1]
    # The names are no suffix of one another and hold no bracket: the first bracket that
    # closes a name is the first call.
    for end in brackets[_CALL_ENDINGS[pairs]].tolist():
        for call in _WEB_CALLS:
            at = end + 1 - len(call)
            if (
                at >= 0
                and text.startswith(call, at)
                and (
                    at == 0
                    or text[at - 1] not in _NAME_BYTES
                    or text.endswith((b"_xlfn.", b"_XLFN."), 0, at)
                )
            ):
                return call[:-1].decode("ascii"), at
    return None


_OPEN = ord("(")
_OPEN_BYTE = b"("
_SHORTEST_CALL = min(len(call) for call in _WEB_CALLS)
_CALL_ENDINGS = np.zeros(256 * 256, np.bool_)
"""Whether the two bytes before a ``(`` may end a :data:`_WEB_CALLS` name, by their value."""
_CALL_ENDINGS[[call[-3] * 256 + call[-2] for call in _WEB_CALLS]] = True


def sha256_berkas(path: Path) -> str:
    """SHA-256 of a file's bytes, read in chunks (two copies of one file have the same).

    Raises:
        OSError: The file cannot be read.
    """
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def _mb(size: int) -> str:
    if size < 1024:
        return f"{size} bita"
    if size < MIB:
        return f"{_number(size / 1024)} KB"
    return f"{_number(size / MIB, 1)} MB"


def _number(value: float, decimals: int = 0) -> str:
    """Indonesian digits: ``20.000``, ``1,5``."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")
