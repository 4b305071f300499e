"""What a file that is not an skp-xl workbook looks like, so its refusal can say so.

Cheap looks, never a full read: the first bytes of a file that is no workbook at all (a
web page or XML table saved with an Excel suffix, a CSV renamed, a PDF), or the sheet
titles and first rows of a workbook without skp-xl's marker (an SKP of the old PP 46/2011,
an attendance or TPP list, an empty workbook, an SKP made elsewhere). Each look comes with
the words an HR officer knows: what the file looks like, and what to do with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

SHEETS_LOOKED_AT = 12
"""The first sheets whose first rows are looked at: enough for every kind below."""
ROWS_LOOKED_AT = 40
COLUMNS_LOOKED_AT = 20
TEXT_BYTES = 64 * 1024
"""How much of a text file (HTML, XML, CSV) is looked at."""

NEW = "'skp-xl new'"
"""The command that makes a workbook skp-xl reads, as messages name it."""
LEAVE_OUT = "keluarkan berkas ini dari folder SKP yang diperiksa"


class Kind(StrEnum):
    """What a file that skp-xl does not read looks like."""

    HTML = "html"
    """A web page (an HTML table) saved with an Excel suffix: many applications' exports."""
    XML_SPREADSHEET = "xml-spreadsheet"
    """Excel's XML Spreadsheet 2003, saved with an Excel suffix."""
    XML = "xml"
    CSV = "csv"
    """Plain text: a CSV (or TSV) table renamed."""
    PDF = "pdf"
    SKP_PP46 = "skp-pp46"
    """An SKP of PP 46/2011 (sheets SKP, PENGUKURAN, PENILAIAN, numeric scores)."""
    SKP_LAIN = "skp-lain"
    """An SKP of PermenPANRB 6/2022 made without skp-xl (by hand, or another application)."""
    ABSENSI = "absensi"
    """An attendance list (absensi, kehadiran, presensi)."""
    TPP = "tpp"
    """A list of Tambahan Penghasilan Pegawai."""
    KOSONG = "kosong"
    """A workbook with nothing in any sheet."""
    LAIN = "lain"
    """Anything else."""


@dataclass(frozen=True, slots=True)
class Look:
    """What a file looks like, in words for its message.

    Attributes:
        kind: The kind.
        what: What it looks like (a clause: "isinya daftar hadir pegawai").
        todo: What to do (one or two sentences).
    """

    kind: Kind
    what: str
    todo: str

    def message(self, name: str, *, excel: bool = True) -> str:
        """The finding's message for the file called ``name``.

        Args:
            name: The file's name, as the message shows it.
            excel: Whether the file is a workbook (else it is not an Excel file at all).
        """
        lead = "bukan SKP yang dibuat skp-xl" if excel else "bukan buku kerja Excel"
        return f"Berkas '{name}' {lead}: {self.what}. {self.todo}"


_SAVE_AS_XLSX = (
    "Buka berkas ini di Excel, lalu simpan sebagai Buku Kerja Excel (.xlsx) lewat File > Save As"
)
_INTO_NEW = f"salin isiannya ke buku kerja dari {NEW}"

_LOOKS = {
    Kind.SKP_PP46: (
        "isinya SKP menurut PP 46/2011 (lembar SKP, PENGUKURAN dan PENILAIAN dengan nilai angka)",
        "skp-xl membaca SKP menurut PermenPANRB 6/2022, yang tidak memakai nilai angka. "
        f"Tuangkan rencana dan realisasinya ke buku kerja dari {NEW}, atau {LEAVE_OUT}.",
    ),
    Kind.SKP_LAIN: (
        "isinya tampak seperti SKP yang dibuat di luar skp-xl (diketik sendiri atau dari "
        "aplikasi lain)",
        f"skp-xl hanya membaca SKP di buku kerja yang dibuat dengan {NEW}: {_INTO_NEW}, "
        f"atau {LEAVE_OUT}.",
    ),
    Kind.ABSENSI: (
        "isinya daftar hadir (absensi/kehadiran) pegawai",
        f"Daftar hadir tidak dinilai sebagai SKP: {LEAVE_OUT}.",
    ),
    Kind.TPP: (
        "isinya daftar Tambahan Penghasilan Pegawai (TPP)",
        f"Daftar TPP tidak dinilai sebagai SKP: {LEAVE_OUT}.",
    ),
    Kind.KOSONG: (
        "semua lembarnya kosong",
        f"Isi SKP-nya di buku kerja dari {NEW}, atau minta pengirim mengirim ulang berkas "
        "yang benar.",
    ),
}


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


_TPP = re.compile(r"\btpp\b|tambahan penghasilan")
_ABSENSI = re.compile(r"absensi|\babsen\b|kehadiran|daftar hadir|presensi|jam masuk|jam pulang")
_PP46 = re.compile(
    r"46 tahun 2011|pp 46|penilaian prestasi kerja|nilai capaian skp|nilai prestasi kerja"
)
_SKP = re.compile(r"sasaran kinerja pegawai|\bskp\b")
_SKP_2022 = re.compile(r"hasil kerja|indikator kinerja individu|perilaku kerja")


def classify(titles: Iterable[str], texts: Iterable[str]) -> Kind | None:
    """The kind that sheet titles and text cells show, or None when nothing is telling.

    Args:
        titles: Sheet titles (none for a text file).
        texts: The text of the first cells (or of a text file).
    """
    names = {_normal(title) for title in titles}
    words = " ".join(_normal(text) for text in texts)
    if {"skp", "pengukuran", "penilaian"} <= names or _PP46.search(words):
        return Kind.SKP_PP46
    if _SKP.search(words) and _SKP_2022.search(words):
        return Kind.SKP_LAIN
    everything = " ".join([*names, words])
    if _TPP.search(everything):
        return Kind.TPP
    if _ABSENSI.search(everything):
        return Kind.ABSENSI
    return None


def _look(kind: Kind) -> Look:
    what, todo = _LOOKS[kind]
    return Look(kind, what, todo)


def look_at_workbook(
    titles: Sequence[str], rows: Callable[[str], Sequence[Sequence[object]]]
) -> Look:
    """What a workbook without skp-xl's marker looks like.

    Args:
        titles: Its sheet titles, in order (empty when the engine cannot list them).
        rows: The rows of a sheet, by title (a snapshot's ``grid``).
    """
    texts: list[str] = []
    filled = False
    for title in titles[:SHEETS_LOOKED_AT]:
        for row in rows(title)[:ROWS_LOOKED_AT]:
            for value in row[:COLUMNS_LOOKED_AT]:
                if value is None or value == "":
                    continue
                filled = True
                if isinstance(value, str):
                    texts.append(value)
    kind = classify(titles, texts)
    if kind is not None:
        return _look(kind)
    if titles and not filled:
        return _look(Kind.KOSONG)
    shown = ", ".join(f"'{title}'" for title in titles[:4])
    more = f" dan {len(titles) - 4} lembar lain" if len(titles) > 4 else ""
    sheets = f" dengan lembar {shown}{more}" if titles else ""
    return Look(
        Kind.LAIN,
        f"buku kerja Excel{sheets}, tidak dibuat dengan {NEW}",
        f"Bila isinya SKP, {_INTO_NEW}; bila bukan, {LEAVE_OUT}.",
    )


_TAG = re.compile(rb"<[^>]*>")
_XML_SPREADSHEET = (b"urn:schemas-microsoft-com:office:spreadsheet", b'progid="excel.sheet"')


def look_at_text(head: bytes, suffix: str) -> Look:
    """What a file that is neither a zip nor an Office 97-2003 file looks like.

    Args:
        head: Its first bytes (up to :data:`TEXT_BYTES`).
        suffix: Its suffix (``.xls``), as the message names it.
    """
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lowered = text[:TEXT_BYTES].lower()
    named = f"diberi akhiran {suffix}" if suffix else "tanpa akhiran"
    if text.startswith(b"%PDF"):
        return Look(
            Kind.PDF,
            "isinya dokumen PDF, hasil cetak",
            "skp-xl membaca buku kerjanya, bukan hasil cetaknya: kirim berkas Excel SKP-nya "
            f"(.xlsx), atau {LEAVE_OUT}.",
        )
    if text.startswith(b"<"):
        if any(marker in lowered for marker in _XML_SPREADSHEET):
            kind, what = Kind.XML_SPREADSHEET, "Lembar Kerja XML 2003"
        elif b"<html" in lowered or b"<table" in lowered or b"<!doctype html" in lowered:
            kind, what = Kind.HTML, "tabel halaman web (HTML)"
        else:
            kind, what = Kind.XML, "berkas XML"
        what = f"isinya {what} yang {named}"
        if kind is Kind.HTML:
            what += ", seperti hasil ekspor banyak aplikasi"
        return _as_text(kind, what, _words(_TAG.sub(b" ", lowered)))
    if _looks_like_text(head):
        return _as_text(
            Kind.CSV,
            f"isinya teks biasa (CSV, nilai dipisah koma atau titik koma) yang {named}",
            _words(lowered),
        )
    return Look(
        Kind.LAIN,
        f"isinya tidak dikenali sebagai buku kerja Excel (berkas {named})",
        f"Minta pengirim menyimpan ulang SKP-nya dari Excel sebagai .xlsx, atau {LEAVE_OUT}.",
    )


def _words(data: bytes) -> str:
    return data.decode("utf-8", "replace")


def _as_text(kind: Kind, what: str, words: str) -> Look:
    """A text file's look: its format, and its content when the words tell it."""
    content = classify((), (words,))
    if content in (Kind.ABSENSI, Kind.TPP, Kind.SKP_PP46):
        shown, todo = _LOOKS[content]
        return Look(kind, f"{what}; {shown.replace('isinya ', 'tampaknya ', 1)}", todo)
    return Look(
        kind,
        what,
        f"{_SAVE_AS_XLSX}. Bila isinya SKP, {_INTO_NEW}; bila bukan, {LEAVE_OUT}.",
    )


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # only a character cut at the end is forgiven
            return _looks_like_latin_text(head)
        text = head[: error.start].decode("utf-8")
    return all(char.isprintable() or char in "\t\r\n" for char in text)


def _looks_like_latin_text(head: bytes) -> bool:
    """Windows-1252 text, as Excel writes a CSV on an Indonesian Windows."""
    text = head.decode("cp1252", "replace")
    return all(char.isprintable() or char in "\t\r\n" for char in text)
