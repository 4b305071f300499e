"""Angka kredit per Jabatan Fungsional: the summary's Angka Kredit sheet and its table.

From the consolidation's Pegawai table (every rated period): per JF pegawai the angka
kredit of each period, the annual total by the chosen rule, the jenjang and its koefisien
(PermenPANRB 1/2023, PerBKN 3/2023; docs/rules.md, "Angka kredit"). The same table is what
``skp-xl angka-kredit`` prints for a folder, a summary or its Parquet.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
from openpyxl import Workbook
from python_calamine import CalamineError, CalamineWorkbook

from skp_xl.domain.angka_kredit import (
    JUDUL_ATURAN_JENJANG,
    JUDUL_ATURAN_TAHUNAN,
    KOEFISIEN_TAHUNAN,
    AturanJenjang,
    AturanTahunan,
    JenjangJf,
    PeriodeAk,
    angka_kredit,
    angka_kredit_tahunan,
)
from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.rekap import jenjang_jf
from skp_xl.domain.vocabulary import JenisJabatan, PeriodeEvaluasi
from skp_xl.summary.data import (
    POTONGAN_BARIS,
    Cell,
    SummaryData,
    TabelBagian,
    bagian,
    lepaskan,
)
from skp_xl.summary.plain import PlainTable, PlainWriter, to_openpyxl
from skp_xl.summary.skema import TIDAK, Pegawai

ANGKA_KREDIT = "Angka Kredit"
"""The sheet's title."""
TABLE_NAME = "ANGKA_KREDIT"
"""Its Excel Table's displayName."""

NIP, NAMA, UNIT, JABATAN, JENJANG, KOEFISIEN = (
    Pegawai.nip,
    Pegawai.nama,
    Pegawai.unit_kerja,
    Pegawai.jabatan,
    "Jenjang",
    "Koefisien Tahunan",
)
PREDIKAT_AKHIR, TAHUNAN, DASAR, KETERANGAN, BERKAS = (
    "Predikat Akhir",
    "AK Tahunan",
    "Dasar AK Tahunan",
    Pegawai.keterangan,
    Pegawai.berkas,
)
_PERIODE = {p.value: p for p in PeriodeEvaluasi}


def kolom_periode(periode: str) -> str:
    """The header of a period's angka kredit column: ``AK Triwulan I``."""
    return f"AK {periode}"


@dataclass(frozen=True, slots=True)
class BarisAk:
    """One JF pegawai's angka kredit of the year.

    Attributes:
        nip, nama, unit, jabatan, berkas: Who, where, from which file (the last period's).
        jenjang: The last jenjang ("" when the jabatan names none).
        periode: Period -> its angka kredit.
        predikat_akhir: The Akhir predikat ("" when not rated yet).
        tahunan: The annual total (None when there is nothing to count).
        dasar: How the total was made.
        keterangan: What is missing or changed.
    """

    nip: str
    nama: str
    unit: str
    jabatan: str
    berkas: str
    jenjang: str
    periode: dict[str, float]
    predikat_akhir: str
    tahunan: float | None
    dasar: str
    keterangan: str


@dataclass(frozen=True, slots=True)
class TabelAk:
    """The Angka Kredit table.

    Attributes:
        baris: One row per JF pegawai, in the Pegawai table's order.
        periode: The periods rated, in the order of the year.
        temuan: A JF whose jabatan names no jenjang, a jenjang changing within the year.
        tahunan, jenjang_berubah: The rules used.
    """

    baris: tuple[BarisAk, ...]
    periode: tuple[str, ...]
    temuan: tuple[Finding, ...]
    tahunan: AturanTahunan
    jenjang_berubah: AturanJenjang

    @property
    def headers(self) -> tuple[str, ...]:
        """The headers as the sheet prints them."""
        return (
            NIP,
            NAMA,
            UNIT,
            JABATAN,
            JENJANG,
            KOEFISIEN,
            *(kolom_periode(p) for p in self.periode),
            PREDIKAT_AKHIR,
            TAHUNAN,
            DASAR,
            KETERANGAN,
            BERKAS,
        )

    def rows(self) -> list[list[Cell]]:
        """The rows as the sheet prints them."""
        found: list[list[Cell]] = []
        for b in self.baris:
            koef = float(KOEFISIEN_TAHUNAN[JenjangJf(b.jenjang)]) if b.jenjang else None
            found.append(
                [
                    b.nip,
                    b.nama or None,
                    b.unit or None,
                    b.jabatan or None,
                    b.jenjang or None,
                    koef,
                    *(b.periode.get(p) for p in self.periode),
                    b.predikat_akhir or None,
                    b.tahunan,
                    b.dasar or None,
                    b.keterangan or None,
                    b.berkas or None,
                ]
            )
        return found

    @property
    def aturan(self) -> str:
        """The rules used, as the output states them."""
        return (
            f"AK tahunan: {JUDUL_ATURAN_TAHUNAN[self.tahunan]}; "
            f"{JUDUL_ATURAN_JENJANG[self.jenjang_berubah]}."
        )

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` document of ``skp-xl angka-kredit`` for a folder or a summary."""
        return {
            "aturan_tahunan": self.tahunan.value,
            "aturan_jenjang": self.jenjang_berubah.value,
            "pegawai": [
                {
                    "nip": b.nip,
                    "nama": b.nama,
                    "jenjang": b.jenjang or None,
                    "periode": b.periode,
                    "predikat_akhir": b.predikat_akhir or None,
                    "angka_kredit_tahunan": b.tahunan,
                    "dasar": b.dasar,
                }
                for b in self.baris
            ],
        }


Baris = tuple[str | None, ...]
"""One Pegawai row: its value of each of :data:`_KOLOM`, in order (None: blank or absent)."""


def _text(row: Baris, column: str) -> str:
    value = row[_DI[column]]
    return "" if value is None else str(value).strip()


_KOLOM = (
    NIP,
    NAMA,
    UNIT,
    JABATAN,
    Pegawai.jenis_jabatan,
    Pegawai.periode,
    Pegawai.predikat,
    Pegawai.dihitung,
    BERKAS,
)
"""The Pegawai columns the table is made of."""
_DI = {column: at for at, column in enumerate(_KOLOM)}
"""Where each of :data:`_KOLOM` is in a :data:`Baris`."""


def _jf_saja(
    frame: pd.DataFrame | TabelBagian,
) -> tuple[Iterator[Baris], dict[str, JenjangJf | None]]:
    """The rows that may be a JF's, as plain text records, and the jenjang each jabatan
    names. Picked column-wise first: an agency's table holds 50,000 rows, of which the JF
    are a part, and each jabatan name is looked at once. A table held compactly has only
    the distinct values of its jabatan columns decoded to pick them (each row known by
    its code), then the rows picked."""
    if JABATAN not in frame.columns:
        return iter(()), {}
    table = bagian(frame)  # each distinct value looked at once, its rows by their codes

    def teks(value: object) -> str:  # as .astype("string").fillna("") gives it
        return "" if value is None or value is pd.NA else str(value)

    codes, uniques = table.faktor(JABATAN)
    jabatan = [teks(value).strip() for value in uniques]
    named = {text: jenjang_jf(text) for text in [*jabatan, *([""] if (codes < 0).any() else [])]}
    has = np.array([named[text] is not None for text in jabatan] + [jenjang_jf("") is not None])
    if Pegawai.jenis_jabatan in frame.columns:
        kind_codes, kinds = table.faktor(Pegawai.jenis_jabatan)
        jenis = [teks(value) for value in kinds] + [""]  # the last: a blank's (code -1)
    else:
        kind_codes, jenis = np.full(len(codes), -1), [""]
    is_jf = np.array([kind == JenisJabatan.JF.value for kind in jenis])
    blank = np.array([kind == "" for kind in jenis])
    mask = is_jf[kind_codes] | (blank[kind_codes] & has[codes])
    wanted = [c for c in _KOLOM if c in frame.columns]
    return _baris(table, np.flatnonzero(mask), wanted), named


def _baris(table: TabelBagian, positions: np.ndarray, wanted: list[str]) -> Iterator[Baris]:
    """The rows at ``positions``, as tuples of every :data:`_KOLOM` (None where the table
    lacks one), made :data:`.data.POTONGAN_BARIS` rows at a time.

    Each column's text is made once a value, across the slices: the rows kept (a JF's
    every period) share them, where a text per cell took as much again as the rows
    (bench_memori.py). A tuple, not a dict: a fifth of its memory, for 200,000 rows at
    100,000 files."""
    shared: dict[str, str] = {}
    for start in range(0, len(positions), POTONGAN_BARIS):
        at = positions[start : start + POTONGAN_BARIS]
        picked = table.baris(at, wanted)
        absent: list[str | None] = [None] * len(picked)
        columns: list[list[str | None]] = []
        for label in _KOLOM:
            if label not in wanted:
                columns.append(absent)
                continue
            codes, distinct = pd.factorize(picked[label].astype("string"), use_na_sentinel=True)
            values: list[str | None] = [shared.setdefault(v, v) for v in distinct.astype(object)]
            values.append(None)  # a blank's code is -1
            columns.append([values[code] for code in codes.tolist()])
        del picked
        lepaskan()  # the picked rows' Arrow memory, before their tuples are made
        yield from zip(*columns, strict=True)


def tabel_angka_kredit(
    frame: pd.DataFrame | TabelBagian,
    *,
    tahunan: AturanTahunan = AturanTahunan.AKHIR,
    jenjang_berubah: AturanJenjang = AturanJenjang.PROPORSIONAL,
) -> TabelAk:
    """The Angka Kredit table of a Pegawai table (every rated period, or only some).

    Rows counted (``Dihitung`` not ``Tidak``) of JF pegawai (``Jenis Jabatan`` JF, or an
    export row whose jabatan names a JF jenjang) with a predikat count; the jenjang is the
    one the jabatan names at its end, in each period.

    Args:
        frame: The Pegawai table (columns of ``summary/skema.py``'s ``Pegawai``), or one
            held compactly (only its JF rows are decoded).
        tahunan: How the annual total is made.
        jenjang_berubah: How a jenjang changing within the year is counted.
    """
    order: list[str] = []
    periods: dict[str, list[tuple[PeriodeAk, Baris]]] = {}
    nameless: dict[str, Baris] = {}
    made: dict[tuple[str, str, JenjangJf], PeriodeAk] = {}
    records, named = _jf_saja(frame)
    for row in records:
        nip = _text(row, NIP)
        jabatan = _text(row, JABATAN)
        if not nip:
            continue
        if _text(row, Pegawai.dihitung) == TIDAK:
            continue
        predikat = _text(row, Pegawai.predikat)
        periode = _PERIODE.get(_text(row, Pegawai.periode))
        if nip not in periods:
            order.append(nip)
            periods[nip] = []
        jenjang = named.get(jabatan)
        if jenjang is None:
            nameless[nip] = row
            continue
        if periode is None or not predikat:
            continue
        # One object for each (period, predikat, jenjang): 200,000 JF rows at 100,000
        # files, a few hundred such.
        key = (periode.value, predikat, jenjang)
        item = made.get(key)
        if item is None:
            item = made[key] = PeriodeAk(
                periode.value, periode.lama_bulan, periode.urutan, predikat, jenjang
            )
        periods[nip] = [(p, r) for p, r in periods[nip] if p.periode != item.periode]
        periods[nip].append((item, row))
    rows: list[BarisAk] = []
    findings: list[Finding] = []
    seen: set[str] = set()
    for nip in order:
        items = sorted(periods[nip], key=lambda e: e[0].urutan)
        if not items and nip not in nameless:
            continue  # its jenjang named, but no period rated yet: no angka kredit earned
        if not items:
            row = nameless[nip]
            jabatan = _text(row, JABATAN)
            note = (
                f"jabatan '{jabatan or '-'}' tidak menyebut jenjang JF (mis. Ahli Pertama, "
                "Terampil); tulis jabatan lengkap dengan jenjangnya"
            )
            findings.append(
                Finding(
                    Code.ANGKA_KREDIT_TANPA_JENJANG,
                    Severity.WARNING,
                    f"NIP {nip} ({_text(row, NAMA) or '-'}): {note}.",
                    field=JABATAN,
                    path=_text(row, BERKAS) or None,
                )
            )
            rows.append(
                BarisAk(
                    nip,
                    _text(row, NAMA),
                    _text(row, UNIT),
                    jabatan,
                    _text(row, BERKAS),
                    "",
                    {},
                    "",
                    None,
                    "",
                    note,
                )
            )
            continue
        last = items[-1][1]
        annual = angka_kredit_tahunan(
            [p for p, _ in items], tahunan=tahunan, jenjang_berubah=jenjang_berubah
        )
        note = ""
        if annual.jenjang_berubah:
            held = " -> ".join(dict.fromkeys(p.jenjang.value for p, _ in items))
            note = (
                f"jenjang berubah dalam tahun ini ({held}): {JUDUL_ATURAN_JENJANG[jenjang_berubah]}"
            )
            findings.append(
                Finding(
                    Code.ANGKA_KREDIT_JENJANG_BERUBAH,
                    Severity.WARNING,
                    f"NIP {nip} ({_text(last, NAMA) or '-'}): {note}; pilihan lain dengan "
                    "'skp-xl angka-kredit --jenjang-berubah'.",
                    field=JABATAN,
                    path=_text(last, BERKAS) or None,
                )
            )
        seen.update(p.periode for p, _ in items)
        rows.append(
            BarisAk(
                nip,
                _text(last, NAMA),
                _text(last, UNIT),
                _text(last, JABATAN),
                _text(last, BERKAS),
                annual.jenjang.value,
                {p.periode: angka_kredit(p.predikat, p.jenjang.value, p.bulan) for p, _ in items},
                next((p.predikat for p, _ in items if p.bulan >= 12), ""),
                annual.angka_kredit,
                annual.dasar,
                note,
            )
        )
    ordered = tuple(
        p.value for p in sorted(PeriodeEvaluasi, key=lambda p: p.urutan) if p.value in seen
    )
    return TabelAk(tuple(rows), ordered, tuple(findings), tahunan, jenjang_berubah)


def write_angka_kredit(
    wb: Workbook,
    data: SummaryData,
    *,
    tahunan: AturanTahunan = AturanTahunan.AKHIR,
    jenjang_berubah: AturanJenjang = AturanJenjang.PROPORSIONAL,
    plain: PlainWriter = to_openpyxl,
) -> None:
    """Add the Angka Kredit sheet to the summary when it has JF pegawai.

    The table is made from every rated period (``data.semua_periode``, else
    ``data.pegawai``); the rules used are stated right of the header. ``plain`` writes
    the sheet (by default at once, with openpyxl; ``write_summary`` leaves it to
    XlsxWriter).
    """
    frame = data.semua_periode if data.semua_periode is not None else data.pegawai
    if frame is None or len(frame.columns) == 0:
        return
    table = tabel_angka_kredit(frame, tahunan=tahunan, jenjang_berubah=jenjang_berubah)
    if not table.baris:
        return
    ws = wb.create_sheet(ANGKA_KREDIT)
    headers = table.headers
    note = (
        f"{table.aturan} Bawaan; pilihan lain dengan 'skp-xl angka-kredit RINGKASAN.xlsx "
        "--tahunan periodik --jenjang-berubah terakhir'. AK = bulan/12 x persentase predikat x "
        "koefisien tahunan (PermenPANRB 1/2023, PerBKN 3/2023), dibulatkan 2 desimal."
    )
    sheet = PlainTable(
        title=ws.title,
        name=TABLE_NAME,
        headers=tuple(headers),
        rows=[list(row) for row in table.rows()],
        text_columns=(NIP,),
        wrap_columns=(),
        links=(),
        footer=data.judul,
        decimal_columns=tuple(h for h in headers if h.startswith("AK ") or h == KOEFISIEN),
        note=note,
        link_column=None,  # its Berkas is plain text
    )
    plain(ws, sheet)


def baca_pegawai(path: Path) -> pd.DataFrame:
    """The Pegawai table of a summary workbook (its Pegawai sheet) or of its Parquet.

    Raises:
        ValueError: The file has no Pegawai table (the message names it).
        OSError: The file cannot be read.
    """
    if path.suffix.lower() in (".parquet", ".pq"):
        try:
            frame = pd.read_parquet(path)
        except pa.ArrowException as error:  # ArrowInvalid, ArrowIOError...: not Parquet
            raise ValueError(
                f"'{path}' bukan berkas Parquet yang utuh; pakai Parquet yang ditulis "
                "'skp-xl consolidate --parquet'."
            ) from error
    else:
        try:
            book = CalamineWorkbook.from_path(str(path))
        except CalamineError as error:
            raise ValueError(
                f"'{path}' bukan buku kerja Excel yang dapat dibaca; pakai ringkasan .xlsx "
                "yang ditulis 'skp-xl consolidate'."
            ) from error
        if "Pegawai" not in book.sheet_names:
            raise ValueError(
                f"'{path}' tidak memiliki sheet Pegawai; pakai ringkasan yang ditulis "
                "'skp-xl consolidate'."
            )
        frame = pd.read_excel(path, sheet_name="Pegawai", dtype=object, engine="calamine")
    missing = [c for c in (NIP, Pegawai.periode, Pegawai.predikat, JABATAN) if c not in frame]
    if missing:
        raise ValueError(
            f"'{path}' bukan ringkasan skp-xl: kolom {', '.join(missing)} tidak ada di tabel "
            "Pegawai."
        )
    return frame


def periode_semua(frame: pd.DataFrame) -> Sequence[str]:
    """The periods a Pegawai table holds (to say when a summary shows Akhir only)."""
    column = Pegawai.periode
    return sorted({str(v) for v in frame[column].dropna()}) if column in frame else []
