"""Reading a table of pegawai ratings (CSV, as exported by Excel or e-Kinerja) into entries.

Excel in an Indonesian locale saves CSV with ``;`` between fields and, on Windows, in the
ANSI code page; both are accepted. Every entry remembers its cell (``C4``) so a finding
points where the user looks when the file is opened in Excel.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.penilaian import Entri

KOLOM_WAJIB = ("nama", "nip", "rating_hasil_kerja", "rating_perilaku")
"""Columns a ratings table must have."""
KOLOM_OPSIONAL = ("unit_kerja", "jenjang", "bulan")
"""Columns read when present."""

_ALIAS = {
    "nama_pegawai": "nama",
    "nip_pegawai": "nip",
    "rating_hasil": "rating_hasil_kerja",
    "hasil_kerja": "rating_hasil_kerja",
    "rating_perilaku_kerja": "rating_perilaku",
    "perilaku_kerja": "rating_perilaku",
    "perilaku": "rating_perilaku",
    "unit": "unit_kerja",
    "jenjang_jabatan": "jenjang",
    "jenjang_jf": "jenjang",
    "jumlah_bulan": "bulan",
}


@dataclass(frozen=True, slots=True)
class Baris:
    """One data row: its number as Excel shows it, the unit, and the entries."""

    nomor: int
    unit_kerja: str
    entri: Entri


def _key(header: str) -> str:
    key = "_".join(header.strip().lower().replace("-", " ").replace("/", " ").split())
    return _ALIAS.get(key, key)


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def read_ratings_csv(path: Path) -> list[Baris]:
    """Read a ratings table.

    Args:
        path: A CSV file with a header row holding at least :data:`KOLOM_WAJIB`
            (spelling variants such as "Nama Pegawai" or "Rating Perilaku Kerja" accepted).

    Returns:
        One :class:`Baris` per non-empty data row.

    Raises:
        InvalidValueError: The file cannot be read, is empty, or lacks a required column
            (code ``csv-tidak-terbaca``, ``csv-kosong`` or ``csv-kolom-hilang``); the message
            names the file.
    """
    try:
        text = _decode(path.read_bytes())
    except OSError as error:
        raise InvalidValueError(
            "csv-tidak-terbaca",
            f"Berkas '{path}' tidak dapat dibaca ({error.strerror}); periksa nama dan izinnya.",
        ) from error
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InvalidValueError("csv-kosong", f"Berkas '{path}' kosong; isi baris judul kolom.")
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(lines[0], ",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = list(csv.reader(io.StringIO(text), dialect))
    columns = {_key(h): i for i, h in reversed(list(enumerate(rows[0])))}
    missing = [c for c in KOLOM_WAJIB if c not in columns]
    if missing:
        raise InvalidValueError(
            "csv-kolom-hilang",
            f"Berkas '{path}' tidak memiliki kolom {', '.join(missing)} pada baris 1; "
            f"kolom wajib: {', '.join(KOLOM_WAJIB)}.",
        )
    cells = {name: get_column_letter(i + 1) for name, i in columns.items()}
    result = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(field.strip() for field in row):
            continue

        def value(name: str, row: list[str] = row) -> str | None:
            i = columns.get(name)
            return row[i] if i is not None and i < len(row) else None

        result.append(
            Baris(
                number,
                (value("unit_kerja") or "").strip(),
                Entri(
                    nama=value("nama"),
                    nip=value("nip"),
                    rating_hasil_kerja=value("rating_hasil_kerja"),
                    rating_perilaku=value("rating_perilaku"),
                    jenjang=value("jenjang"),
                    bulan=value("bulan"),
                    sel={name: f"{letter}{number}" for name, letter in cells.items()},
                ),
            )
        )
    return result
