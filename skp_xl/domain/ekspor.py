"""What HR receives besides SKP workbooks: e-Kinerja and SIASN exports, as pure rules.

A table (rows of cell values, from a CSV, a workbook sheet or a JSON list) is recognised
by its header, found below any title rows, never by its file name; each data row becomes
an :class:`BarisEkspor` that remembers the cell of every value. :func:`nilai_baris` then
applies the rules HR applies (docs/rules.md, "Ekspor e-Kinerja dan SIASN"): Plt./Plh. rows
apart, ``-`` is not rated, BKN's upper case is normal spelling, a NIP turned into a number
is a finding at its cell, and the stored ``hasil_akhir`` is checked against the quadrant.
"""

from __future__ import annotations

import collections
import datetime
import functools
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, cast, overload

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.nip import awalan_angka, nip_sah, parse_nip
from skp_xl.domain.quadrant import predikat
from skp_xl.domain.rekap import Letak, Penugasan, Periode, penugasan, periode_dari_teks
from skp_xl.domain.vocabulary import PREDIKAT, RATING, PeriodeEvaluasi, Rating

BARIS_JUDUL_MAKS = 30
"""Rows searched for the header: e-Kinerja puts seven title rows above it."""


class JenisEkspor(StrEnum):
    """The kinds of export skp-xl reads, as messages name them."""

    PENILAIAN = "e-Kinerja Laporan Penilaian SKP"
    MASTER = "e-Kinerja Laporan SKP"
    SIASN_SKP = "SIASN riwayat SKP"
    SIASN_PERIODIK = "SIASN riwayat kinerja periodik"
    REKAP = "rekap penilaian"


PRIORITAS = (
    JenisEkspor.PENILAIAN,
    JenisEkspor.SIASN_PERIODIK,
    JenisEkspor.SIASN_SKP,
    JenisEkspor.REKAP,
)
"""Which source counts when two exports rate one pegawai for one period: e-Kinerja (the
national application where the rating is made) before SIASN (its copy) before a rekap."""


class UnitEkspor(StrEnum):
    """Which export column makes the unit a row counts in."""

    INDUK = "induk"
    """``skp_unor_induk`` (the sub-unit is ``skp_unor``): the agencies' own summaries."""
    UNOR = "unor"
    """``skp_unor``: every unor its own unit."""


_ALIAS: Mapping[str, tuple[str, ...]] = {
    "nip": ("nip", "nip_baru", "nip_pegawai", "nip_pns"),
    "nama": ("nama", "nama_pegawai", "nama_pns"),
    "unor_induk": ("skp_unor_induk", "unor_induk", "unit_kerja", "unit", "unor_nama"),
    "unor": ("skp_unor", "skp_unor_nama", "sub_unit", "unor"),
    "jabatan": ("skp_jabatan", "jabatan", "nama_jabatan", "jabatan_akhir"),
    "rating_hasil_kerja": (
        "hasil_kerja",
        "hasil_kinerja",
        "rating_hasil_kerja",
        "rating_hasil",
        "rating_hasil_kinerja",
    ),
    "rating_perilaku": (
        "perilaku_kerja",
        "rating_perilaku_kerja",
        "rating_perilaku",
        "perilaku",
    ),
    "hasil_akhir": (
        "hasil_akhir",
        "kuadran_kinerja",
        "predikat_kinerja",
        "predikat",
        "predikat_perilaku_periodik",
    ),
    "plt": ("is_skp_plt_plh_pjb", "is_plt_plh"),
    "jenis_pegawai": ("jenis_pegawai",),
    "jenis_jabatan": ("skp_jenis_jabatan", "jenis_jabatan"),
    "skp_status": ("skp_status",),
    "periode_akhir": ("periode_akhir_skp", "periode_akhir"),
    "periodik": ("periodik_nama",),
    "tahun": ("tahun", "tahun_skp"),
    "jenjang": ("jenjang", "jenjang_jabatan", "jenjang_jf"),
    "bulan": ("bulan", "jumlah_bulan"),
}
"""Field -> the header keys (:func:`kunci_kolom`) that hold it, preferred first. The
layouts and their public sources are listed in docs/rules.md."""

_KUNCI_SIASN = (
    "hasil_kinerja",
    "kuadran_kinerja",
    "kuadran_kinerja_nilai",
    "periodik_nama",
    "periodik_id",
    "skp_id",
)
"""Keys :func:`jenis_dari_kunci` recognises an export by, besides the aliases."""
_RATA: Mapping[str, str] = {
    key.replace("_", ""): key
    for key in (*(a for aliases in _ALIAS.values() for a in aliases), *_KUNCI_SIASN)
}
"""A key written without separators -> its snake case (``nipbaru`` -> ``nip_baru``)."""

_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NON_WORD = re.compile(r"[^0-9a-z]+")


def kunci_kolom(header: object) -> str:
    """A header as compared: snake case from any case, camelCase or spacing.

    ``"hasilKinerja"`` -> ``hasil_kinerja``, ``"PerilakuKerjaNilai"`` ->
    ``perilaku_kerja_nilai``, ``"Rating Hasil Kinerja"`` -> ``rating_hasil_kinerja``.
    """
    if not isinstance(header, str):
        return ""
    key = _NON_WORD.sub("_", _CAMEL.sub("_", header.strip()).lower()).strip("_")
    # A database mirror folds camelCase to one case ("NIPBARU", "kuadrankinerja").
    return _RATA.get(key, key) if "_" not in key else key


class BentukKepala(Protocol):
    """A recognised header of any table: its row (0-based) and field -> column (0-based)."""

    @property
    def baris(self) -> int: ...

    @property
    def kolom(self) -> Mapping[str, int]: ...


@dataclass(frozen=True, slots=True)
class Kepala:
    """A recognised header: the kind, its row (0-based) and field -> column (0-based)."""

    jenis: JenisEkspor
    baris: int
    kolom: Mapping[str, int]


def kolom_dikenal(
    keys: Sequence[str], alias: Mapping[str, tuple[str, ...]] = _ALIAS
) -> dict[str, int]:
    """Field -> its column (0-based) in a header row of :func:`kunci_kolom` keys.

    Args:
        keys: The header row's keys.
        alias: Field -> the keys that hold it, preferred first (the exports' by default;
            a roster has its own).
    """
    found: dict[str, int] = {}
    for name, aliases in alias.items():
        for key in aliases:
            if key in keys:
                found[name] = keys.index(key)
                break
    return found


def jenis_dari_kunci(keys: Sequence[str]) -> JenisEkspor | None:
    """The kind of export a header row of :func:`kunci_kolom` keys is, or None."""
    has = set(keys)
    rated = "rating_hasil_kerja" in kolom_dikenal(keys) and "rating_perilaku" in kolom_dikenal(keys)
    if "hasil_kinerja" in has and has & {"periodik_nama", "periodik_id"}:
        return JenisEkspor.SIASN_PERIODIK
    if "hasil_kinerja" in has and has & {"kuadran_kinerja", "kuadran_kinerja_nilai"}:
        return JenisEkspor.SIASN_SKP
    if {"nip", "hasil_kerja", "perilaku_kerja"} <= has and has & {
        "hasil_akhir",
        "skp_unor_induk",
        "skp_unor",
        "is_skp_plt_plh_pjb",
    }:
        return JenisEkspor.PENILAIAN
    if rated and "nip" in kolom_dikenal(keys) and "nama" in kolom_dikenal(keys):
        return JenisEkspor.REKAP
    if "nip" in has and has & {"skp_status", "skp_id"}:
        return JenisEkspor.MASTER
    return None


KEPALA_DIKENAL: Mapping[JenisEkspor, str] = {
    JenisEkspor.PENILAIAN: "nip, hasil_kerja, perilaku_kerja, hasil_akhir, skp_unor_induk",
    JenisEkspor.MASTER: "nip, skp_status",
    JenisEkspor.SIASN_PERIODIK: "nipBaru, hasilKinerja, periodikNama",
    JenisEkspor.SIASN_SKP: "nipBaru, hasilKinerja, kuadranKinerja",
    JenisEkspor.REKAP: "NIP, Nama, Rating Hasil Kerja, Rating Perilaku",
}
"""The columns each kind is recognised by (:func:`jenis_dari_kunci`), as a message lists
them for a table that is none of them."""


def kepala_asing(rows: Sequence[Sequence[object]]) -> tuple[int, list[str]] | None:
    """The header a table that is no export seems to have: the first of its first
    :data:`BARIS_JUDUL_MAKS` rows with two filled cells or more (its 0-based number and
    the cells as text), or None when no row has (prose, one column)."""
    for number, row in enumerate(rows[:BARIS_JUDUL_MAKS]):
        cells = [teks_sel(cell) for cell in row]
        if sum(1 for cell in cells if cell) >= 2:
            while cells and not cells[-1]:
                cells.pop()
            return number, cells
    return None


def kenali(rows: Sequence[Sequence[object]]) -> Kepala | None:
    """Find the header among the first :data:`BARIS_JUDUL_MAKS` rows of a table.

    Returns:
        The kind, the header's row and where each known field is; None when no row is the
        header of a known export (the table is something else).
    """
    for number, row in enumerate(rows[:BARIS_JUDUL_MAKS]):
        keys = [kunci_kolom(cell) for cell in row]
        jenis = jenis_dari_kunci(keys)
        if jenis is not None:
            return Kepala(jenis, number, kolom_dikenal(keys))
    return None


@dataclass(frozen=True, slots=True)
class Judul:
    """What the title rows above the header say (empty when they say nothing)."""

    instansi: str = ""
    periode: Periode | None = None
    tahun: str = ""
    ditarik: str = ""


_BULANAN = re.compile(r"periode\s*:?\s*bulanan\s+([a-z]+|\d{1,2})", re.IGNORECASE)
_TAHUNAN = re.compile(r"\btahunan\b", re.IGNORECASE)
_TAHUN = re.compile(r"\btahun\s*:?\s*(20\d\d)\b|^\s*(20\d\d)\s*$", re.IGNORECASE)
_INSTANSI = re.compile(r"^\s*instansi(?:\s+pemerintah)?\s*:?\s*(.+?)\s*$", re.IGNORECASE)
_DITARIK = re.compile(r"ditarik\s+pada\s*:?\s*(.+?)\s*$", re.IGNORECASE)


def baca_judul(rows: Sequence[Sequence[object]]) -> Judul:
    """Instansi, period, year and pull time from the title rows (any cell of them)."""
    instansi, tahun, ditarik = "", "", ""
    periode: Periode | None = None
    for row in rows:
        for cell in row:
            if isinstance(cell, int | float) and not isinstance(cell, bool):
                if 2000 <= cell < 2100 and float(cell).is_integer() and not tahun:
                    tahun = str(int(cell))
                continue
            if not isinstance(cell, str) or not cell.strip():
                continue
            if periode is None and (found := _BULANAN.search(cell)):
                periode = periode_dari_teks(found.group(1))
            if periode is None and _TAHUNAN.search(cell):
                periode = PeriodeEvaluasi.AKHIR
            if not tahun and (year := _TAHUN.search(cell)):
                tahun = year.group(1) or year.group(2)
            if not instansi and (name := _INSTANSI.match(cell)):
                instansi = name.group(1)
            if not ditarik and (pulled := _DITARIK.search(cell)):
                ditarik = pulled.group(1)
    return Judul(instansi, periode, tahun, ditarik)


def huruf_kolom(column: int) -> str:
    """Excel's letters of a 0-based column: 0 -> ``A``, 27 -> ``AB``."""
    letters = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True, slots=True)
class Penunjuk:
    """Where the user finds a cell of a table: (sheet, ``C4``), or for JSON records
    (file, ``[3].nip``). Small and picklable: each row keeps one, not the table.

    Attributes:
        sheet: The sheet (a CSV's or JSON file's name without suffix).
        keys: The JSON records' keys by column; None for a grid of cells.
    """

    sheet: str
    keys: tuple[str, ...] | None = None

    def __call__(self, row: int, column: int) -> Letak:
        """The place of the cell at 0-based ``row`` and ``column``."""
        if self.keys is not None:
            key = self.keys[column] if column < len(self.keys) else str(column)
            return self.sheet, f"[{row}].{key}"
        return self.sheet, f"{huruf_kolom(column)}{row + 1}"


def teks_sel(value: object) -> str:
    """A cell as trimmed text ("" when blank; a whole number without ``.0``; a date in ISO
    form), as the rules compare it."""
    if value is None:
        return ""
    if type(value) is str:
        return (
            " ".join(value.split()) if "  " in value or not value.isprintable() else value.strip()
        )
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return f"{value:.0f}"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return " ".join(str(value).split())


@dataclass(frozen=True, slots=True)
class BarisEkspor:
    """One data row of an export, as read.

    The row keeps its cells as the table gave them and makes a field's value or text when
    asked: a 50,000-row export builds (and sends between processes) no per-row mapping.

    Attributes:
        nomor: The row as the user finds it (Excel's row number; the record number for
            JSON).
        isi: The row's cells, as read (shorter than the header when its last are blank).
        indeks: The row in its table (0-based).
        kolom: Field -> its column in the table (0-based); shared by the table's rows.
        penunjuk: Names the cells.
    """

    nomor: int
    isi: Sequence[object]
    indeks: int
    kolom: Mapping[str, int]
    penunjuk: Penunjuk

    def mentah(self, name: str) -> object:
        """A field's value as read (text, number, or None when absent or past the row)."""
        column = self.kolom.get(name)
        if column is None or column >= len(self.isi):
            return None
        return self.isi[column]

    def teks(self, name: str) -> str:
        """A field as trimmed text ("" when absent or blank; :func:`teks_sel`)."""
        column = self.kolom.get(name)
        if column is None or column >= len(self.isi):
            return ""
        return teks_sel(self.isi[column])

    @property
    def nilai(self) -> dict[str, object]:
        """Field -> the raw value (text, number, or None)."""
        return {name: self.mentah(name) for name in self.kolom}

    @property
    def tulisan(self) -> dict[str, str]:
        """Field -> the value as text (:func:`teks_sel`)."""
        return {name: self.teks(name) for name in self.kolom}

    def letak(self, name: str) -> Letak | None:
        """Where field ``name`` is: (sheet, cell), None when the table has no such column."""
        column = self.kolom.get(name)
        return None if column is None else self.penunjuk(self.indeks, column)

    @property
    def sel(self) -> dict[str, Letak]:
        """Field -> where it is: (sheet, cell); made when asked (a finding, a failure)."""
        return {name: self.penunjuk(self.indeks, c) for name, c in self.kolom.items()}

    def __reduce__(self) -> tuple[type[BarisEkspor], tuple[object, ...]]:
        # Sent from the reader process 50,000 times: the constructor's arguments unpickle
        # faster than the dataclass's generic __setstate__.
        return BarisEkspor, (self.nomor, self.isi, self.indeks, self.kolom, self.penunjuk)


Alamat = Penunjuk
"""Kept for readers: the object naming a table's cells."""


def baris_data(
    rows: Sequence[Sequence[object]], kepala: BentukKepala, alamat: Penunjuk, pertama: int = 1
) -> list[BarisEkspor]:
    """The data rows below the header, each with its cells; blank rows are left out.

    ``pertama`` is the number the user gives row 0 (1: Excel's rows; 0: JSON records,
    whose row 0 is the keys)."""
    return list(baris_tabel(rows, kepala, alamat, pertama))


def baris_tabel(
    rows: Sequence[Sequence[object]], kepala: BentukKepala, alamat: Penunjuk, pertama: int = 1
) -> BarisTabel:
    """:func:`baris_data` as a :class:`BarisTabel`: each row's :class:`BarisEkspor` made
    when asked."""
    cells: list[Sequence[object]] = []
    numbers: list[int] = []
    for number in range(kepala.baris + 1, len(rows)):
        row = rows[number]
        # A cell holds something unless None or blank text; tested inline (a generator
        # and a call per cell were a tenth of the read of a 50,000-row export).
        for cell in row:
            if cell is not None and (not isinstance(cell, str) or (cell and not cell.isspace())):
                break
        else:
            continue
        cells.append(row)
        numbers.append(number)
    return BarisTabel(cells, numbers, kepala.kolom, alamat, pertama)


class BarisTabel(Sequence[BarisEkspor]):
    """The data rows of one table (:func:`baris_tabel`), each :class:`BarisEkspor` made
    when asked; equal to the tuple of the same rows.

    A rated export's rows go straight into columns (:func:`periksa_kolom` reads
    :attr:`isi`): of a 50,000-row export only the rows with findings become objects (the
    50,000 were a tenth of a second of its read).

    Attributes:
        isi: Each data row's cells, as read.
        indeks: Each data row's index in its table (0-based).
        kolom: Field -> its column in the table (0-based).
        penunjuk: Names the cells.
        pertama: The number the user gives row 0 (:func:`baris_data`).
    """

    __slots__ = ("indeks", "isi", "kolom", "penunjuk", "pertama")

    def __init__(
        self,
        isi: Sequence[Sequence[object]],
        indeks: Sequence[int],
        kolom: Mapping[str, int],
        penunjuk: Penunjuk,
        pertama: int = 1,
    ) -> None:
        self.isi = isi
        self.indeks = indeks
        self.kolom = kolom
        self.penunjuk = penunjuk
        self.pertama = pertama

    def __len__(self) -> int:
        return len(self.indeks)

    @overload
    def __getitem__(self, row: int) -> BarisEkspor: ...

    @overload
    def __getitem__(self, row: slice) -> tuple[BarisEkspor, ...]: ...

    def __getitem__(self, row: int | slice) -> BarisEkspor | tuple[BarisEkspor, ...]:
        if isinstance(row, slice):
            return tuple(self[i] for i in range(len(self))[row])
        index = self.indeks[row]
        return BarisEkspor(index + self.pertama, self.isi[row], index, self.kolom, self.penunjuk)

    def __iter__(self) -> Iterator[BarisEkspor]:
        kolom, penunjuk, pertama = self.kolom, self.penunjuk, self.pertama
        for cells, index in zip(self.isi, self.indeks, strict=True):
            yield BarisEkspor(index + pertama, cells, index, kolom, penunjuk)

    @property
    def nomor(self) -> list[int]:
        """Each row as the user finds it (:attr:`BarisEkspor.nomor`)."""
        return [index + self.pertama for index in self.indeks]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, BarisTabel | tuple):
            return tuple(self) == tuple(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # as a list's: its rows' cells are lists

    def __reduce__(self) -> tuple[type[BarisTabel], tuple[object, ...]]:
        return BarisTabel, (self.isi, self.indeks, self.kolom, self.penunjuk, self.pertama)

    def __repr__(self) -> str:
        return f"BarisTabel({len(self)} baris, kolom={dict(self.kolom)!r})"


@dataclass(frozen=True, slots=True)
class Ekspor:
    """One export file as read: its kind, what its title says, its rows.

    Attributes:
        path: The file.
        jenis: The kind, by its header.
        sheet: The sheet the table is on ("" for CSV and JSON).
        judul: Instansi, period and year from the title rows.
        baris: The data rows (as read, a :class:`BarisTabel`).
        temuan: Findings about the file as a whole.
    """

    path: str
    jenis: JenisEkspor
    sheet: str
    judul: Judul
    baris: Sequence[BarisEkspor]
    temuan: tuple[Finding, ...] = ()


class Status(StrEnum):
    """What becomes of one export row."""

    DINILAI = "dinilai"
    BELUM_DINILAI = "belum dinilai"
    PLT = "Plt./Plh."
    TANPA_NIP = "tanpa NIP"


@dataclass(frozen=True, slots=True)
class Nilai:
    """One export row after the rules.

    Attributes:
        baris: The row.
        nip: The 18 digits when valid, else the text as read ("" when empty).
        periode: The period it rates.
        status: Rated, not rated (``-``), Plt./Plh., or without NIP.
        rating_hasil_kerja, rating_perilaku: Canonical, "" when not rated or unknown.
        predikat: From the quadrant, "" when a rating is missing.
        hasil_akhir: The export's own predikat, canonical ("" when none or unknown).
        temuan: The row's findings, at their cells.
    """

    baris: BarisEkspor
    nip: str
    periode: Periode
    status: Status
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    hasil_akhir: str
    temuan: tuple[Finding, ...] = field(default=())

    def __reduce__(self) -> tuple[type[Nilai], tuple[object, ...]]:
        # As BarisEkspor's: one per row crosses from the reader process.
        return Nilai, (
            self.baris,
            self.nip,
            self.periode,
            self.status,
            self.rating_hasil_kerja,
            self.rating_perilaku,
            self.predikat,
            self.hasil_akhir,
            self.temuan,
        )


_BELUM = frozenset({"", "-", "--", "belum dinilai", "belum"})
_TIDAK = frozenset({"", "0", "false", "tidak", "no", "n", "f", "-"})


# An export repeats a handful of labels 50,000 times: each is normalised once.
@functools.lru_cache(maxsize=1024)
def _rating(text: str) -> str:
    return RATING.normalize(text).value


@functools.lru_cache(maxsize=1024)
def _predikat(text: str) -> str:
    return PREDIKAT.normalize(text).value


@functools.lru_cache(maxsize=4096)
def _acting(jabatan: str) -> bool:
    return penugasan(jabatan) is not Penugasan.DEFINITIF


def _tempat(sel: Letak | None) -> str:
    return f"{sel[0]}!{sel[1]}" if sel and sel[0] else (sel[1] if sel else "")


def periode_baris(ekspor: Ekspor, baris: BarisEkspor) -> tuple[Periode, bool]:
    """The period a row rates, and whether it was assumed (no title or column says).

    SIASN periodik names the period per row (``periodikNama``); e-Kinerja's title says
    "Bulanan <bulan>" or "Tahunan"; SIASN riwayat SKP is annual. Otherwise Akhir.
    """
    if ekspor.jenis is JenisEkspor.SIASN_PERIODIK:
        found = periode_dari_teks(baris.teks("periodik"))
        if found is not None:
            return found, False
    if ekspor.judul.periode is not None:
        return ekspor.judul.periode, False
    return PeriodeEvaluasi.AKHIR, ekspor.jenis is not JenisEkspor.SIASN_SKP


def nilai_baris(ekspor: Ekspor, baris: BarisEkspor, *, today: datetime.date | None = None) -> Nilai:
    """Apply HR's rules to one rated-export row (not the master list).

    Args:
        ekspor: The export the row is in (its kind and period).
        baris: The row.
        today: The date NIPs are judged against.
    """
    # Most rows of an export raise nothing: a valid NIP and labels seen on earlier rows.
    # Those take the rules' outcome from a cache of the labels; a row with anything to
    # say goes the whole way (_nilai_lengkap), so its findings are the same.
    quick = _cepat(
        baris.mentah("nip"),
        baris.teks("rating_hasil_kerja"),
        baris.teks("rating_perilaku"),
        baris.teks("hasil_akhir"),
        baris.teks("plt"),
        baris.teks("jabatan"),
        today,
    )
    if quick is not None:
        periode, _ = periode_baris(ekspor, baris)
        return Nilai(baris, quick[0], periode, *quick[1:])
    return _nilai_lengkap(ekspor, baris, today)


def _cepat(
    raw_nip: object,
    hasil_text: str,
    perilaku_text: str,
    stored_text: str,
    plt: str,
    jabatan: str,
    today: datetime.date | None,
) -> tuple[str, Status, str, str, str, str] | None:
    """The rules' outcome of a row with nothing to say (NIP, status, both ratings, the
    computed and the stored predikat), or None when the row needs the whole way."""
    if type(raw_nip) is not str:
        return None
    rules = _aturan_baris(hasil_text, perilaku_text, stored_text, plt, jabatan)
    if rules is None:
        return None
    nip = nip_sah(raw_nip, today=today)
    if nip is None:
        try:
            nip = parse_nip(raw_nip, today=today).nip
        except InvalidValueError:
            return None
    return nip, *rules


@functools.lru_cache(maxsize=16384)
def _aturan_baris(
    hasil_text: str, perilaku_text: str, stored_text: str, plt: str, jabatan: str
) -> tuple[Status, str, str, str, str] | None:
    """:func:`_cepat` but the NIP, once per combination of a row's labels (an export of
    50,000 rows has a few hundred)."""
    labels = _label(hasil_text, perilaku_text)
    rules = None if labels is None else _aturan(*labels, stored_text)
    if rules is None:
        return None
    hasil, perilaku, computed, stored = rules
    if plt.casefold() not in _TIDAK or _acting(jabatan):
        status = Status.PLT
    else:
        status = Status.DINILAI if computed else Status.BELUM_DINILAI
    return status, hasil, perilaku, computed, stored


@functools.lru_cache(maxsize=1024)
def _label(hasil_text: str, perilaku_text: str) -> tuple[str, str] | None:
    """Both ratings canonical ("" when not rated); None when one is unknown (a finding)."""
    ratings = []
    for text in (hasil_text, perilaku_text):
        if text.casefold() in _BELUM:
            ratings.append("")
            continue
        try:
            ratings.append(_rating(text))
        except InvalidValueError:
            return None
    return ratings[0], ratings[1]


@functools.lru_cache(maxsize=1024)
def _aturan(hasil: str, perilaku: str, stored_text: str) -> tuple[str, str, str, str] | None:
    """The ratings, the computed and the stored predikat; None when the stored one is
    unknown or off the quadrant (a finding)."""
    computed = predikat(Rating(hasil), Rating(perilaku)).value if hasil and perilaku else ""
    stored = ""
    if stored_text.casefold() not in _BELUM:
        try:
            stored = _predikat(stored_text)
        except InvalidValueError:
            return None
    if stored and computed and stored != computed:
        return None
    return hasil, perilaku, computed, stored


def _nilai_lengkap(ekspor: Ekspor, baris: BarisEkspor, today: datetime.date | None) -> Nilai:
    """:func:`nilai_baris` the whole way, with every finding."""
    findings: list[Finding] = []
    path = ekspor.path

    def at(name: str) -> tuple[str | None, str | None]:
        sel = baris.letak(name)
        return (sel[0] or None, sel[1]) if sel else (None, None)  # a CSV's sheet is ""

    def refuse(error: InvalidValueError, name: str, severity: Severity = Severity.ERROR) -> None:
        sheet, cell = at(name)
        place = _tempat(baris.letak(name))
        message = f"{place}: {error.message}" if place else error.message
        findings.append(Finding(error.code, severity, message, sheet, cell, name, path))

    periode, _ = periode_baris(ekspor, baris)
    raw_nip = baris.mentah("nip")
    nip = baris.teks("nip")
    if raw_nip is None or nip == "":
        status = Status.TANPA_NIP
        sheet, cell = at("nip")
        findings.append(
            Finding(
                Code.EKSPOR_TANPA_NIP,
                Severity.WARNING,
                f"{_tempat(baris.letak('nip')) or f'Baris {baris.nomor}'}: baris "
                f"'{baris.teks('nama') or '-'}' tanpa NIP; tidak dihitung. Lengkapi NIP di "
                f"{ekspor.jenis.value} lalu tarik ulang.",
                sheet,
                cell,
                "nip",
                path,
            )
        )
    else:
        status = Status.DINILAI
        try:
            nip = parse_nip(raw_nip, today=today).nip
        except InvalidValueError as error:
            refuse(error, "nip")
    acting = baris.teks("plt").casefold() not in _TIDAK or _acting(baris.teks("jabatan"))
    ratings: dict[str, str] = {}
    for name in ("rating_hasil_kerja", "rating_perilaku"):
        text = baris.teks(name)
        if text.casefold() in _BELUM:
            ratings[name] = ""
            continue
        try:
            ratings[name] = _rating(text)
        except InvalidValueError as error:
            ratings[name] = ""
            refuse(error, name)
    hasil, perilaku = ratings["rating_hasil_kerja"], ratings["rating_perilaku"]
    computed = ""
    if hasil and perilaku:
        computed = predikat(Rating(hasil), Rating(perilaku)).value
    stored = ""
    stored_text = baris.teks("hasil_akhir")
    if stored_text.casefold() not in _BELUM:
        try:
            stored = _predikat(stored_text)
        except InvalidValueError:
            sheet, cell = at("hasil_akhir")
            findings.append(
                Finding(
                    Code.EKSPOR_HASIL_AKHIR_TIDAK_DIKENAL,
                    Severity.WARNING,
                    f"{_tempat(baris.letak('hasil_akhir'))}: predikat '{stored_text}' tidak "
                    "dikenal; predikat dihitung dari kedua rating.",
                    sheet,
                    cell,
                    "hasil_akhir",
                    path,
                )
            )
    if stored and computed and stored != computed:
        sheet, cell = at("hasil_akhir")
        findings.append(
            Finding(
                Code.EKSPOR_HASIL_AKHIR_BERBEDA,
                Severity.WARNING,
                f"{_tempat(baris.letak('hasil_akhir'))}: predikat tersimpan '{stored_text}' "
                f"berbeda dengan kuadran kedua rating ({hasil} x {perilaku} = {computed}); "
                f"yang dihitung '{computed}'. Minta {ekspor.jenis.value} diperiksa ulang.",
                sheet,
                cell,
                "hasil_akhir",
                path,
            )
        )
    if status is Status.DINILAI:
        if acting:
            status = Status.PLT
        elif not computed:
            status = Status.BELUM_DINILAI
    return Nilai(baris, nip, periode, status, hasil, perilaku, computed, stored, tuple(findings))


@dataclass(frozen=True, slots=True)
class Calon:
    """A rating of one pegawai for one period, as the count-once rule sees it.

    Attributes:
        kunci: Unique key of the rating (file and row).
        nip: The NIP.
        periode: The period.
        sumber: 0 for an SKP workbook, then :data:`PRIORITAS` order (lower wins).
        akhir: Where it ends (``periode_akhir_skp``) or the row order: later wins.
        predikat: The computed predikat, to compare.
        letak: Where to point a finding: (path, sheet, cell), made only for a finding.
        nama: What messages call the source ("'a.xlsx' baris 9").
    """

    kunci: str
    nip: str
    periode: Periode
    sumber: int
    akhir: tuple[str, int]
    predikat: str
    letak: Callable[[], tuple[str, str | None, str | None]]
    nama: str


def hitung_sekali(calon: Sequence[Calon]) -> tuple[dict[str, str], list[Finding]]:
    """A NIP rated twice for one period counts once (rules.md, mutasi and copies).

    The SKP workbook wins over an export, e-Kinerja over SIASN over a rekap; within one
    source the latest SKP (``periode_akhir_skp``, else the later row). Each other rating is
    listed with why it does not count, and a finding at its cell names the one that
    counts; where their predikat differ, the finding says both.

    Returns:
        Key -> the reason it does not count (keys that count are absent), and findings.
    """
    # Counted first: of 50,000 ratings a handful share a NIP, and only those are grouped.
    seen = collections.Counter((item.nip, item.periode) for item in calon if item.nip)
    groups: dict[tuple[str, Periode], list[Calon]] = {}
    for item in calon:
        if item.nip and seen[item.nip, item.periode] > 1:
            groups.setdefault((item.nip, item.periode), []).append(item)
    apart: dict[str, str] = {}
    findings: list[Finding] = []
    for (nip, periode), items in groups.items():
        if len(items) < 2:
            continue
        ordered = sorted(items, key=lambda c: (c.sumber, _desc(c.akhir)))
        first = ordered[0]
        for other in ordered[1:]:
            if other.sumber == 0:
                continue  # two workbooks: the workbook rule (selesaikan_ganda) decided
            why = (
                ("SKP skp-xl" if first.sumber == 0 else "sumber yang lebih utama")
                if other.sumber != first.sumber
                else "SKP yang berakhir paling akhir (mutasi)"
            )
            apart[other.kunci] = f"NIP ganda pada {periode.value}: dihitung {first.nama}"
            path, sheet, cell = other.letak()
            differ = other.predikat != first.predikat
            if other.sumber != first.sumber and not differ:
                continue  # the same rating kept in two places (SIASN copies e-Kinerja)
            code = Code.EKSPOR_BERBEDA if other.sumber != first.sumber else Code.EKSPOR_NIP_GANDA
            note = (
                f" Predikatnya berbeda: di sini '{other.predikat or '-'}', di sana "
                f"'{first.predikat or '-'}'."
                if differ
                else ""
            )
            findings.append(
                Finding(
                    code,
                    Severity.WARNING,
                    f"NIP {nip} dinilai lebih dari sekali untuk {periode.value}: {other.nama} "
                    f"dan {first.nama}; dihitung sekali, yaitu {first.nama} ({why}).{note}",
                    sheet,
                    cell,
                    "nip",
                    path,
                )
            )
    return apart, findings


def _desc(key: tuple[str, int]) -> tuple[str, int]:
    # Later first: invert by sorting on the negated order (text sorts via its code points).
    text, order = key
    return ("".join(chr(0x10FFFF - ord(c)) for c in text), -order)


def periksa_ekspor(
    ekspor: Ekspor, *, today: datetime.date | None = None
) -> tuple[tuple[Nilai, ...], tuple[Finding, ...]]:
    """HR's rules over one whole export: what ``consolidate`` and ``validate`` say of it.

    Args:
        ekspor: The export as read.
        today: The date NIPs are judged against (today by default).

    Returns:
        Each rated row after :func:`nilai_baris` (none for the master list), and the
        findings: what was read (``ekspor-dibaca``), an assumed period, the file's own,
        then each row's at its cells.
    """
    nilai: tuple[Nilai, ...] = ()
    if ekspor.jenis is not JenisEkspor.MASTER:
        today = today or datetime.date.today()  # once, not per row
        nilai = tuple(nilai_baris(ekspor, b, today=today) for b in ekspor.baris)
    counts = {status: sum(1 for n in nilai if n.status is status) for status in Status}
    notes = _catatan(ekspor, counts, {n.periode.value for n in nilai})
    return nilai, (*notes, *ekspor.temuan, *(f for n in nilai for f in n.temuan))


def _catatan(ekspor: Ekspor, counts: Mapping[Status, int], periods: Iterable[str]) -> list[Finding]:
    """What was read (``ekspor-dibaca``) and an assumed period: the export's own notes."""
    path = ekspor.path
    if ekspor.jenis is JenisEkspor.MASTER:
        isi_teks = f"{len(ekspor.baris)} SKP (daftar pegawai untuk Tidak Membuat SKP)"
    else:
        isi_teks = ", ".join(f"{n} {status.value}" for status, n in counts.items() if n) or "0"
    periods = sorted(periods)
    notes = [
        Finding(
            Code.EKSPOR_DIBACA,
            Severity.INFO,
            f"'{path}' dibaca sebagai {ekspor.jenis.value}"
            + (f" ({ekspor.judul.instansi})" if ekspor.judul.instansi else "")
            + (f", periode {', '.join(periods)}" if periods else "")
            + f": {len(ekspor.baris)} baris ({isi_teks}).",
            ekspor.sheet or None,
            path=path,
        )
    ]
    if ekspor.baris and ekspor.jenis is not JenisEkspor.MASTER:
        _, assumed = periode_baris(ekspor, ekspor.baris[0])
        if assumed:
            notes.append(
                Finding(
                    Code.EKSPOR_PERIODE_DIANGGAP,
                    Severity.INFO,
                    f"'{path}': baris judul maupun kolomnya tidak menyebut periode; baris "
                    f"{ekspor.jenis.value} ini dianggap penilaian tahunan (Akhir). Pakai "
                    "ekspor dengan baris judulnya bila bukan.",
                    path=path,
                )
            )
    return notes


def calon_ekspor(ekspor: Ekspor, nilai: Sequence[Nilai]) -> list[Calon]:
    """The export's rated rows as the count-once rule (:func:`hitung_sekali`) sees them;
    each keyed ``path#row``."""
    rank = 1 + PRIORITAS.index(ekspor.jenis) if ekspor.jenis in PRIORITAS else 9
    return [
        Calon(
            f"{ekspor.path}#{n.baris.nomor}",
            n.nip,
            n.periode,
            rank,
            (n.baris.teks("periode_akhir"), n.baris.nomor),
            n.predikat,
            functools.partial(_letak_nip, ekspor.path, n.baris),
            f"'{ekspor.path}' baris {n.baris.nomor}",
        )
        for n in nilai
        if n.status is Status.DINILAI
    ]


def _letak_nip(path: str, baris: BarisEkspor) -> tuple[str, str | None, str | None]:
    sheet, cell = baris.letak("nip") or (None, None)
    return path, sheet or None, cell


@dataclass(frozen=True, slots=True)
class KolomEkspor:
    """The rows of one rated export after HR's rules, as columns (row ``i`` of the export
    is item ``i`` of every column).

    A 50,000-row export crosses from the reader process as these few tuples of text, not
    as 50,000 :class:`BarisEkspor` and :class:`Nilai` objects (whose pickling and walking
    took longer than reading the file); the consolidation works on them column by column.
    The rows with findings also stay objects (:attr:`HasilBerkas.nilai`), and their
    findings are the file's, each at its cell.

    Attributes:
        path: The file.
        jenis: The kind of export.
        kolom: Field -> its column in the table (0-based), to name a cell.
        penunjuk: Names the cells.
        nomor: Each row as the user finds it (:attr:`BarisEkspor.nomor`).
        indeks: Each row in its table (0-based).
        nip: The 18 digits when valid, else the text as read ("" when empty).
        nama, induk, unor, jabatan, akhir: ``nama``, ``unor_induk``, ``unor``,
            ``jabatan`` and ``periode_akhir`` as text ("" when blank).
        periode, status: As :class:`Nilai` has them.
        hasil, perilaku, predikat: The canonical ratings and the computed predikat.
        galat: The row's errors.
        tahun: The year each row rates: its own column (SIASN riwayat: ``tahun``), else
            the export's title; "" when neither names one.
    """

    path: str
    jenis: JenisEkspor
    kolom: Mapping[str, int]
    penunjuk: Penunjuk
    nomor: tuple[int, ...]
    indeks: tuple[int, ...]
    nip: tuple[str, ...]
    nama: tuple[str, ...]
    induk: tuple[str, ...]
    unor: tuple[str, ...]
    jabatan: tuple[str, ...]
    akhir: tuple[str, ...]
    periode: tuple[Periode, ...]
    status: tuple[Status, ...]
    hasil: tuple[str, ...]
    perilaku: tuple[str, ...]
    predikat: tuple[str, ...]
    galat: tuple[int, ...]
    tahun: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.nomor)

    def letak(self, row: int, name: str) -> Letak | None:
        """Where field ``name`` of row ``row`` is (None when the table has no such column)."""
        column = self.kolom.get(name)
        return None if column is None else self.penunjuk(self.indeks[row], column)

    def dinilai(self, periode: Periode | None = None) -> Iterator[int]:
        """The rows that are rated (:attr:`Status.DINILAI`), of ``periode`` when given."""
        rated = Status.DINILAI
        if periode is None:  # a comprehension: resuming a generator was 50,000 steps
            return iter([row for row, status in enumerate(self.status) if status is rated])
        pairs = enumerate(zip(self.status, self.periode, strict=True))
        return iter([row for row, (s, p) in pairs if s is rated and p is periode])

    def periode_dinilai(self) -> set[Periode]:
        """The periods of the rated rows."""
        rated = Status.DINILAI
        return {p for s, p in zip(self.status, self.periode, strict=True) if s is rated}


def _tahun(text: str) -> str:
    return text if len(text) == 4 and text.isdigit() else ""


class _Dipangkas(dict[object, str]):
    """Cells as :func:`teks_sel` gives them, each distinct value made once."""

    def __missing__(self, key: object) -> str:
        text = self[key] = teks_sel(key)
        return text


_CONTOH = 256
"""Cells of a column looked at to tell names (mostly distinct) from labels (repeated)."""


def _teks_kolom(values: Sequence[object], trimmed: _Dipangkas) -> list[str]:
    """:func:`teks_sel` of each cell of a column, the cheapest way for the column.

    A column of labels (units, jabatan, ratings) repeats a few texts: each distinct text
    is trimmed once (``trimmed``, shared by the text columns: a text seen before costs
    one lookup in C). A column of names is mostly distinct: each is trimmed in place, as
    :func:`teks_sel` trims text, without a dict entry made per name. A column of numbers
    (e-Kinerja's ``is_skp_plt_plh_pjb``: 0 and 1) makes each distinct number's text once
    too (not a column with booleans: True equals 1 as a key, but is written "True").
    """
    kinds = set(map(type, values))
    if kinds == {str}:
        sample = values[:_CONTOH]
        if 2 * len(set(sample)) > len(sample):
            texts = cast("Sequence[str]", values)
            # teks_sel's text branch, inline (a call per cell cost more than the work).
            return [
                " ".join(v.split()) if "  " in v or not v.isprintable() else v.strip()
                for v in texts
            ]
        return list(map(trimmed.__getitem__, values))
    if kinds and kinds <= {int, float}:
        return list(map(trimmed.__getitem__, values))
    return [trimmed[v] if type(v) is str else teks_sel(v) for v in values]


def periksa_kolom(
    ekspor: Ekspor, *, today: datetime.date | None = None
) -> tuple[KolomEkspor, tuple[Nilai, ...], tuple[Finding, ...]]:
    """:func:`periksa_ekspor` of a rated export, as columns: the same rules, outcomes and
    findings (in the same order), without a :class:`Nilai` per row.

    A row with nothing to say (most of an export) goes straight into the columns; a row
    with something to say goes the whole way (:func:`nilai_baris`) and is kept as a
    :class:`Nilai` too, so its findings keep their cells.

    Returns:
        The columns (every row), the rows with findings, and every finding.
    """
    today = today or datetime.date.today()
    baris = ekspor.baris
    if isinstance(baris, BarisTabel):  # as read: the cells without a BarisEkspor per row
        kolom, penunjuk = baris.kolom, baris.penunjuk
        cells, indeks, nomor = baris.isi, baris.indeks, baris.nomor
    else:
        kolom = baris[0].kolom if baris else {}
        penunjuk = baris[0].penunjuk if baris else Penunjuk(ekspor.sheet)
        cells = [b.isi for b in baris]
        indeks, nomor = [b.indeks for b in baris], [b.nomor for b in baris]
    size = len(baris)

    trimmed = _Dipangkas()  # the distinct texts of the label columns (_teks_kolom)
    shortest = min(map(len, cells), default=0)

    def mentah(name: str) -> list[object]:
        column = kolom.get(name)
        if column is None:
            return [None] * size
        if column < shortest:
            return list(map(operator.itemgetter(column), cells))
        return [row[column] if column < len(row) else None for row in cells]

    def teks(name: str) -> list[str]:
        if kolom.get(name) is None:
            return [""] * size
        return _teks_kolom(mentah(name), trimmed)

    periodik = ekspor.jenis is JenisEkspor.SIASN_PERIODIK
    tetap = None if periodik or not baris else periode_baris(ekspor, baris[0])[0]
    jabatan = teks("jabatan")
    raw_nip = mentah("nip")
    # HR's rules once per combination of a row's labels (a few hundred in 50,000 rows),
    # then the NIP per row (nip_sah: no Nip object). A row for which either gives None
    # (a label or a NIP with something to say, a NIP that is no text) is looked at again
    # below, in row order, as _cepat did: the whole way when it has something to say.
    aturan = list(
        map(
            _aturan_baris,
            teks("rating_hasil_kerja"),
            teks("rating_perilaku"),
            teks("hasil_akhir"),
            teks("plt"),
            jabatan,
        )
    )
    sah = functools.partial(nip_sah, today=today)
    nip: list[str | None] = [
        sah(value) if rules is not None else None
        for value, rules in zip(raw_nip, aturan, strict=True)
    ]
    lengkap_at = [
        row
        for row, (value, rules) in enumerate(zip(nip, aturan, strict=True))
        if value is None or rules is None
    ]
    periode: list[Periode] = (
        [tetap] * size if tetap is not None else [periode_baris(ekspor, b)[0] for b in baris]
    )
    galat = [0] * size
    # The usual row's outcome, then the rows that go the whole way written over it.
    usual: tuple[Status, str, str, str, str] = (Status.DINILAI, "", "", "", "")
    outcome = [rules or usual for rules in aturan]
    status = [rules[0] for rules in outcome]
    hasil = [rules[1] for rules in outcome]
    perilaku = [rules[2] for rules in outcome]
    predikat_ = [rules[3] for rules in outcome]
    lengkap: list[Nilai] = []
    for row in lengkap_at:
        value = raw_nip[row]
        rules = aturan[row]
        if rules is not None and type(value) is str:
            try:  # a NIP nip_sah leaves to parse_nip (spaces, an apostrophe) but valid
                nip[row] = parse_nip(value, today=today).nip
            except InvalidValueError:
                pass
            else:
                continue
        n = _nilai_lengkap(ekspor, baris[row], today)
        nip[row] = n.nip
        periode[row] = n.periode
        status[row] = n.status
        hasil[row] = n.rating_hasil_kerja
        perilaku[row] = n.rating_perilaku
        predikat_[row] = n.predikat
        galat[row] = sum(1 for f in n.temuan if f.severity is Severity.ERROR)
        if n.temuan:
            lengkap.append(n)
    tahun_teks = teks("tahun")
    tahun = {text: _tahun(text or ekspor.judul.tahun) for text in set(tahun_teks)}
    columns = KolomEkspor(
        ekspor.path,
        ekspor.jenis,
        kolom,
        penunjuk,
        tuple(nomor),
        tuple(indeks),
        tuple(nip),  # type: ignore[arg-type]  # every None was replaced above
        tuple(teks("nama")),
        tuple(teks("unor_induk")),
        tuple(teks("unor")),
        tuple(jabatan),
        tuple(teks("periode_akhir")),
        tuple(periode),
        tuple(status),
        tuple(hasil),
        tuple(perilaku),
        tuple(predikat_),
        tuple(galat),
        tuple(map(tahun.__getitem__, tahun_teks)),
    )
    counts = collections.Counter(status)
    notes = _catatan(ekspor, {s: counts.get(s, 0) for s in Status}, {p.value for p in set(periode)})
    findings = (*notes, *ekspor.temuan, *(f for n in lengkap for f in n.temuan))
    return columns, tuple(lengkap), findings


def calon_kolom(kolom: KolomEkspor, rows: Iterable[int]) -> list[Calon]:
    """Rows ``rows`` of an export's columns as the count-once rule sees them, exactly as
    :func:`calon_ekspor` makes them (same keys, rank, order and names)."""
    rank = 1 + PRIORITAS.index(kolom.jenis) if kolom.jenis in PRIORITAS else 9
    path = kolom.path
    return [
        Calon(
            f"{path}#{kolom.nomor[row]}",
            kolom.nip[row],
            kolom.periode[row],
            rank,
            (kolom.akhir[row], kolom.nomor[row]),
            kolom.predikat[row],
            functools.partial(_letak_kolom, kolom, row),
            f"'{path}' baris {kolom.nomor[row]}",
        )
        for row in rows
    ]


def _letak_kolom(kolom: KolomEkspor, row: int) -> tuple[str, str | None, str | None]:
    sheet, cell = kolom.letak(row, "nip") or (None, None)
    return kolom.path, sheet or None, cell


def _nama_inti(nama: str) -> str:
    """A name as compared across sources: before its degrees, case and spaces ignored."""
    return " ".join(nama.split(",")[0].casefold().split())


def nip_dipulihkan(
    rusak: Sequence[tuple[str, str]], dikenal: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str] | None]:
    """The whole NIP each Excel-damaged NIP stands for, where the input says so for sure.

    Args:
        rusak: Per damaged row: the NIP as read (a number that lost its last digits) and
            the name beside it.
        dikenal: Whole NIPs elsewhere in the input: (NIP, name, where it was read).

    Returns:
        Per damaged row, (NIP, where) when exactly one whole NIP shares the 15 digits
        Excel kept and that NIP carries the same name; else None (two pegawai born the
        same day, with the same TMT and sex, differ only in the digits lost).
    """
    by_prefix: dict[str, dict[str, tuple[set[str], str]]] = collections.defaultdict(dict)
    for nip, nama, where in dikenal:
        names, _ = by_prefix[nip[:15]].setdefault(nip, (set(), where))
        names.add(_nama_inti(nama))
    found: list[tuple[str, str] | None] = []
    for text, nama in rusak:
        prefix = awalan_angka(text)
        candidates = by_prefix.get(prefix, {}) if prefix else {}
        if len(candidates) == 1:
            [(nip, (names, where))] = candidates.items()
            if _nama_inti(nama) in names:
                found.append((nip, where))
                continue
        found.append(None)
    return found
