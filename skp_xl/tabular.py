"""Reading tables (CSV, workbooks, JSON lists) into rows of cell values, and a table of
pegawai ratings into entries.

Excel in an Indonesian locale saves CSV with ``;`` between fields and, on Windows, in the
ANSI code page; both are accepted, as are title rows above the header (e-Kinerja puts
seven). Every entry remembers its cell (``C4``) so a finding points where the user looks
when the file is opened in Excel. Workbooks are read with python-calamine (.xlsx, .xlsm,
.xls, .ods); the caller triages them first (:mod:`skp_xl.reader.triage`).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from skp_xl.domain.ekspor import JenisEkspor, Penunjuk, kenali
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.penilaian import Entri

TEKS = (".csv", ".tsv", ".txt")
"""Suffixes read as delimited text."""
JSON = (".json",)
"""Suffixes read as a JSON list of records (SIASN's API)."""
BARIS_MAKS = 1_000_000
"""Rows read from one table: a large province's annual export has under 100,000."""
_DELIMITERS = (";", ",", "\t", "|")
_SAMPLE = 64 * 1024


@dataclass(frozen=True, slots=True)
class Tabel:
    """One table of a file: its rows of cell values (row 0 is Excel's row 1).

    Attributes:
        sheet: The sheet's name (a CSV or JSON file: its name without suffix, as Excel
            names the one sheet of a CSV it opens).
        rows: The cells, row by row; text, numbers, dates, booleans or None.
        json: Whether the rows come from JSON records (row 0 holds their keys), so a cell
            is named by record and key rather than A1.
    """

    sheet: str
    rows: Sequence[Sequence[object]]
    json: bool = False

    @property
    def penunjuk(self) -> Penunjuk:
        """What names this table's cells: (sheet, ``C4``), or for JSON (file, ``[3].nip``)."""
        if self.json:
            keys = self.rows[0] if self.rows else ()
            return Penunjuk(self.sheet, tuple(str(k) for k in keys))
        return Penunjuk(self.sheet)

    def alamat(self, row: int, column: int) -> tuple[str, str]:
        """Where the user finds a cell: (sheet, ``C4``), or for JSON (file, ``[3].nip``)."""
        return self.penunjuk(row, column)


def _tidak_terbaca(path: Path, reason: str) -> InvalidValueError:
    return InvalidValueError(
        "csv-tidak-terbaca",
        f"Berkas '{path}' tidak dapat dibaca sebagai tabel ({reason}); buka di Excel dan "
        "simpan ulang sebagai .xlsx atau CSV.",
    )


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    """The separator most used in the sample (title rows have none; the header and data
    have one between each pair of fields)."""
    sample = text[:_SAMPLE]
    counts = {d: sample.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def baca_teks(text: str, *, max_rows: int = BARIS_MAKS) -> list[list[object]]:
    """The rows of delimited text (the separator guessed), each cell as text.

    Raises:
        csv.Error: The text is not CSV (the caller names the file).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[object]] = []
    for row in reader:
        rows.append(list(row))
        if len(rows) >= max_rows:
            break
    return rows


def _records(data: object) -> list[dict[str, object]] | None:
    """The list of records in a JSON document: the list itself, or under ``data`` (SIASN
    wraps its answers, sometimes twice), or the first list of objects among the values."""
    for _ in range(4):
        if isinstance(data, list):
            return [r for r in data if isinstance(r, dict)] if data else []
        if not isinstance(data, dict):
            return None
        if "data" in data:
            data = data["data"]
            continue
        lists = [v for v in data.values() if isinstance(v, list)]
        if not lists:
            return [data] if data else None
        data = lists[0]
    return None


def baca_json(text: str) -> list[list[object]] | None:
    """A JSON list of records as rows (row 0: every key, in order of first appearance);
    None when the document holds no records. Nested values are kept as JSON text."""
    records = _records(json.loads(text))
    if records is None:
        return None
    keys: dict[str, None] = {}
    for record in records:
        keys.update(dict.fromkeys(str(k) for k in record))
    header = list(keys)
    rows: list[list[object]] = [list(header)]
    for record in records:
        row: list[object] = []
        for key in header:
            value = record.get(key)
            if isinstance(value, dict | list):
                value = json.dumps(value, ensure_ascii=False)
            row.append(value)
        rows.append(row)
    return rows


def baca_tabel(path: Path, *, max_rows: int = BARIS_MAKS) -> list[Tabel]:
    """Every table of a file: one for CSV or JSON, one per sheet of a workbook.

    Args:
        path: The file (a workbook must have passed triage).
        max_rows: Rows read per table.

    Raises:
        InvalidValueError: ``csv-tidak-terbaca`` when the file cannot be read as a
            table; the message names the file.
    """
    suffix = path.suffix.lower()
    try:
        if suffix in TEKS or suffix in JSON:
            text = _decode(path.read_bytes())
            if suffix in JSON:
                rows = baca_json(text)
                return [] if rows is None else [Tabel(path.stem, rows, json=True)]
            return [Tabel(path.stem, baca_teks(text, max_rows=max_rows))]
        import python_calamine

        with path.open("rb") as handle:
            workbook = python_calamine.CalamineWorkbook.from_filelike(handle)
        try:
            return [
                Tabel(
                    name,
                    workbook.get_sheet_by_name(name).to_python(
                        skip_empty_area=False, nrows=max_rows
                    ),
                )
                for name in workbook.sheet_names
            ]
        finally:
            workbook.close()
    except OSError as error:
        raise _tidak_terbaca(path, error.strerror or str(error)) from error
    except (csv.Error, ValueError, RecursionError) as error:
        raise _tidak_terbaca(path, str(error)[:200]) from error
    except Exception as error:  # python-calamine raises its own types on odd files
        if type(error).__module__.startswith("python_calamine"):
            raise _tidak_terbaca(path, str(error)[:200]) from error
        raise


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


def read_ratings_csv(path: Path) -> list[Baris]:
    """Read a ratings table: a CSV, a workbook's first table, or an export.

    Args:
        path: A CSV file, workbook or JSON list whose header (on row 1, or below title
            rows) holds at least :data:`KOLOM_WAJIB` (spelling variants such as "Nama
            Pegawai", "Rating Perilaku Kerja" or e-Kinerja's ``hasil_kerja`` accepted).
            A workbook must have passed triage.

    Returns:
        One :class:`Baris` per non-empty data row.

    Raises:
        InvalidValueError: The file cannot be read, is empty, or lacks a required column
            (code ``csv-tidak-terbaca``, ``csv-kosong`` or ``csv-kolom-hilang``); the message
            names the file.
    """
    tables = baca_tabel(path)
    if not any(any(_filled(c) for row in t.rows for c in row) for t in tables):
        raise InvalidValueError("csv-kosong", f"Berkas '{path}' kosong; isi baris judul kolom.")
    for table in tables:
        kepala = kenali(table.rows)
        if kepala is None or kepala.jenis is JenisEkspor.MASTER:
            continue
        columns = dict(kepala.kolom)
        if "unor_induk" in columns:
            columns["unit_kerja"] = columns.pop("unor_induk")
        return _entries(table, kepala.baris, columns)
    first = next((t for t in tables if t.rows), None)
    found = next((r for r in first.rows if any(_filled(c) for c in r)), []) if first else []
    number = (first.rows.index(found) + 1) if first and found else 1
    keys = {_key(str(h)) for h in found if isinstance(h, str)}
    missing = [c for c in KOLOM_WAJIB if c not in keys] or list(KOLOM_WAJIB)
    raise InvalidValueError(
        "csv-kolom-hilang",
        f"Berkas '{path}' tidak memiliki kolom {', '.join(missing)} pada baris {number}; "
        f"kolom wajib: {', '.join(KOLOM_WAJIB)}.",
    )


def _filled(cell: object) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _entries(table: Tabel, header: int, columns: dict[str, int]) -> list[Baris]:
    result = []
    for index in range(header + 1, len(table.rows)):
        row = table.rows[index]
        if not any(_filled(cell) for cell in row):
            continue
        number = index + 1

        def value(name: str, row: Sequence[object] = row) -> object:
            i = columns.get(name)
            return row[i] if i is not None and i < len(row) else None

        unit = value("unit_kerja")
        result.append(
            Baris(
                number,
                "" if unit is None else str(unit).strip(),
                Entri(
                    nama=value("nama"),
                    nip=value("nip"),
                    rating_hasil_kerja=value("rating_hasil_kerja"),
                    rating_perilaku=value("rating_perilaku"),
                    jenjang=value("jenjang"),
                    bulan=value("bulan"),
                    sel={
                        name: table.alamat(index, i)[1]
                        for name, i in columns.items()
                        if name in (*KOLOM_WAJIB, *KOLOM_OPSIONAL)
                    },
                ),
            )
        )
    return result
