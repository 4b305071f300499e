"""Reading a roster of pegawai (CSV or a workbook) into its data rows, each with its cells.

The file is read as tables (:func:`skp_xl.tabular.baca_tabel`) and the first table whose
header names a NIP and a name column (:func:`skp_xl.domain.roster.kenali_roster`) is
taken, title rows and all; a workbook is triaged first, as an export is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import BarisEkspor, Judul, baca_judul, baris_data
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.roster import kenali_roster
from skp_xl.reader.ekspor import TABEL_SUFFIXES, triage_ekspor
from skp_xl.tabular import TEKS, baca_tabel

__all__ = ["BacaanRoster", "baca_roster"]


@dataclass(frozen=True, slots=True)
class BacaanRoster:
    """A roster as read.

    Attributes:
        path: The file.
        sheet: The sheet the table is on ("" for CSV).
        judul: What the title rows above the header say (instansi, year).
        baris: The data rows, each with its row number and cells.
    """

    path: Path
    sheet: str
    judul: Judul
    baris: tuple[BarisEkspor, ...]


def baca_roster(path: Path) -> BacaanRoster:
    """Read ``path`` as a roster.

    Raises:
        InvalidValueError: The file cannot be read as a table (``csv-tidak-terbaca``), is
            not safe to read (its triage code), or no table has a roster's header
            (``roster-tanpa-judul``); the message says what to do.
    """
    suffix = path.suffix.lower()
    if suffix not in TABEL_SUFFIXES:
        blocking = triage_ekspor(path).blocking
        if blocking is not None:
            raise InvalidValueError(blocking.code, blocking.message)
    for table in baca_tabel(path):
        kepala = kenali_roster(table.rows)
        if kepala is None:
            continue
        rows = baris_data(table.rows, kepala, table.penunjuk, 0 if table.json else 1)
        sheet = "" if table.json or suffix in TEKS else table.sheet
        return BacaanRoster(path, sheet, baca_judul(table.rows[: kepala.baris]), tuple(rows))
    raise InvalidValueError(
        Code.ROSTER_TANPA_JUDUL,
        f"'{path}' tidak berisi tabel pegawai: tidak ada baris judul kolom dengan 'nip' (atau "
        "nipBaru) dan 'nama' di 30 baris pertama. Tambahkan baris judul kolom: nip, nama, "
        "jabatan, golru, unit, jenis_jabatan, pendekatan, nip_penilai.",
    )
