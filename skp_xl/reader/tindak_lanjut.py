"""Reading the inputs of ``skp-xl tindak-lanjut``: annual predikat per pegawai and year.

Four kinds of file give them: the summary workbook ``skp-xl consolidate`` writes (its
Pegawai Table), the Parquet it writes with ``--parquet``, and the e-Kinerja and SIASN
exports :mod:`skp_xl.reader.ekspor` recognises (e-Kinerja's annual Laporan Penilaian SKP,
SIASN riwayat SKP and riwayat kinerja periodik, as JSON, CSV or workbook). Each gives
:class:`~skp_xl.domain.tindak_lanjut.PenilaianTahunan` values with the file and cell of
their predikat, and findings for what it does not use (never a row dropped unsaid).

The summary's column headers belong to the summary layer (``summary/skema.py``), above
this one: the caller hands them in as a :class:`KolomRingkasan`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import (
    PRIORITAS,
    Ekspor,
    JenisEkspor,
    Penunjuk,
    Status,
    nilai_baris,
    periode_baris,
    teks_sel,
)
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.tindak_lanjut import PenilaianTahunan, jenis_jabatan_dari
from skp_xl.domain.vocabulary import PeriodeEvaluasi, normalize_predikat
from skp_xl.reader.ekspor import TABEL_SUFFIXES, ekspor_dari, triage_ekspor
from skp_xl.tabular import Tabel, baca_tabel

SUMBER_RINGKASAN = "ringkasan skp-xl"
"""What messages call a summary workbook or its Parquet."""
PARQUET = (".parquet", ".pq")
WORKBOOK = (".xlsx", ".xlsm")

_TAHUN = re.compile(r"(?<!\d)(20\d\d)(?!\d)")
_BARIS_JUDUL = 5
"""Rows searched for the Pegawai Table's header (row 1 in our summary)."""


@dataclass(frozen=True, slots=True)
class KolomRingkasan:
    """The headers of the summary's Pegawai table this reader needs (from
    ``summary/skema.py``'s ``Pegawai`` model), and an optional year column.

    Attributes:
        nip, nama, unit_kerja, jabatan, jenis_jabatan, periode, predikat, dihitung,
        keterangan: The headers as printed (``"NIP"``, ``"Unit Kerja"``...).
        ya: The value of ``dihitung`` meaning the row counts.
        tahun: A year column, when a table carries one.
    """

    nip: str
    nama: str
    unit_kerja: str
    jabatan: str
    jenis_jabatan: str
    periode: str
    predikat: str
    dihitung: str
    keterangan: str
    ya: str
    tahun: str = "Tahun"


@dataclass(frozen=True, slots=True)
class Masukan:
    """One input file as read.

    Attributes:
        path: The file.
        jenis: What it is ("ringkasan skp-xl", or the export's kind); "" when unknown.
        penilaian: The annual predikat it gives.
        temuan: Its findings (rows not used, export rows' own findings, an unknown year).
    """

    path: str
    jenis: str
    penilaian: tuple[PenilaianTahunan, ...]
    temuan: tuple[Finding, ...]


def tahun_nama_berkas(path: Path) -> int | None:
    """The year a file's name says (``ringkasan-2024.xlsx`` -> 2024), the last one when
    several; None when it names none."""
    found = _TAHUN.findall(path.stem)
    return int(found[-1]) if found else None


def _tahun_sel(value: object) -> int | None:
    text = teks_sel(value)
    found = _TAHUN.search(text)
    return int(found.group(1)) if found and len(text) <= 10 else None


def _dilewati(path: str, counts: Counter[str], sheet: str | None = None) -> list[Finding]:
    if not counts:
        return []
    shown = "; ".join(f"{n} baris {why}" for why, n in counts.most_common())
    return [
        Finding(
            Code.TINDAK_LANJUT_BARIS_DILEWATI,
            Severity.INFO,
            f"'{path}': {shown}. Baris itu bukan predikat tahunan yang dihitung, jadi tidak "
            "dipakai untuk tindak lanjut.",
            sheet,
            path=path,
        )
    ]


def _tanpa_tahun(path: str, sheet: str | None, where: str) -> Finding:
    return Finding(
        Code.TINDAK_LANJUT_TAHUN_TIDAK_DIKETAHUI,
        Severity.ERROR,
        f"'{path}': tahun penilaian tidak diketahui ({where}); barisnya tidak dipakai. "
        "Tulis tahunnya pada nama berkas (mis. 'ringkasan-2024.xlsx') atau tambahkan kolom "
        "Tahun.",
        sheet,
        path=path,
        field="tahun",
    )


def _nip(text: str) -> str:
    """The 18 digits of a NIP as our summary writes it ("" otherwise); the consolidation
    has already judged its digits and dates, at the workbook's cell."""
    digits = "".join(text.split()).lstrip("'")
    return digits if len(digits) == 18 and digits.isdigit() else ""


def baca_ringkasan(
    path: Path,
    rows: Sequence[Sequence[object]],
    penunjuk: Penunjuk,
    kolom: KolomRingkasan,
    header: int,
) -> Masukan:
    """Annual predikat from the Pegawai table of a summary (rows of cells, ``header`` the
    header's row): rows of the Akhir period that count, with a NIP and a predikat.

    The year is the ``Tahun`` column's, else the one the file's name says.
    """
    where = str(path)
    names = [teks_sel(c) for c in rows[header]]
    col = {name: i for i, name in enumerate(names) if name}

    def cell(row: Sequence[object], name: str) -> str:
        i = col.get(name)
        return teks_sel(row[i]) if i is not None and i < len(row) else ""

    default_year = tahun_nama_berkas(path)
    # A summary of skp-xl 0.x has no Tahun column; a newer one has it, blank for rows whose
    # workbook gave no year: both fall back on the file name.
    year_col = col.get(kolom.tahun)
    has_year = year_col is not None and any(
        year_col < len(row) and _tahun_sel(row[year_col]) for row in rows[header + 1 :]
    )
    if default_year is None and not has_year:
        return Masukan(
            where,
            SUMBER_RINGKASAN,
            (),
            (
                _tanpa_tahun(
                    where,
                    penunjuk.sheet or None,
                    "kolom Tahun tidak ada atau kosong, nama berkas tanpa tahun",
                ),
            ),
        )
    found: list[PenilaianTahunan] = []
    skipped: Counter[str] = Counter()
    findings: list[Finding] = []
    predikat_col = col.get(kolom.predikat, 0)
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if not any(teks_sel(c) for c in row):
            continue
        periode = cell(row, kolom.periode)
        if periode != PeriodeEvaluasi.AKHIR.value:
            skipped[f"periode {periode or '(kosong)'}, bukan Akhir"] += 1
            continue
        if kolom.dihitung in col and cell(row, kolom.dihitung) != kolom.ya:
            skipped["tidak dihitung di konsolidasi (lihat kolom Keterangan)"] += 1
            continue
        nip = _nip(cell(row, kolom.nip))
        if not nip:
            skipped["tanpa NIP yang sah"] += 1
            continue
        text = cell(row, kolom.predikat)
        try:
            predikat = normalize_predikat(text).value if text else ""
        except InvalidValueError:
            predikat = ""
        if not predikat:
            skipped["tanpa predikat"] += 1
            continue
        year = _tahun_sel(row[year_col]) if has_year and year_col is not None else None
        year = year or default_year
        sheet, address = penunjuk(index, predikat_col)
        if year is None:
            findings.append(_tanpa_tahun(where, sheet or None, f"sel {address}"))
            continue
        jenis = cell(row, kolom.jenis_jabatan)
        jabatan = cell(row, kolom.jabatan)
        found.append(
            PenilaianTahunan(
                nip,
                year,
                predikat,
                nama=cell(row, kolom.nama),
                jenis_jabatan=jenis_jabatan_dari(jenis, jabatan),
                jenis_teks=jenis,
                jabatan=jabatan,
                unit=cell(row, kolom.unit_kerja),
                berkas=where,
                sheet=sheet or None,
                cell=address,
                sumber=SUMBER_RINGKASAN,
                prioritas=0,
            )
        )
    findings += _dilewati(where, skipped, penunjuk.sheet or None)
    return Masukan(where, SUMBER_RINGKASAN, tuple(found), tuple(findings))


def baca_ekspor_tahunan(ekspor: Ekspor) -> Masukan:
    """Annual predikat from an export: rated rows of the Akhir period (Plt./Plh. rows,
    rows not rated and rows without NIP are counted in a finding, with the row's own
    findings). The year: the row's ``tahun`` column, else the title's, else the file name's.
    """
    path = Path(ekspor.path)
    rank = 1 + PRIORITAS.index(ekspor.jenis) if ekspor.jenis in PRIORITAS else len(PRIORITAS) + 1
    default_year = (int(ekspor.judul.tahun) if ekspor.judul.tahun else None) or (
        tahun_nama_berkas(path)
    )
    found: list[PenilaianTahunan] = []
    skipped: Counter[str] = Counter()
    findings: list[Finding] = list(ekspor.temuan)
    unknown_year = 0
    for baris in ekspor.baris:
        periode, _ = periode_baris(ekspor, baris)
        if periode is not PeriodeEvaluasi.AKHIR:
            skipped[f"periode {periode.value}, bukan tahunan"] += 1
            continue
        nilai = nilai_baris(ekspor, baris)
        findings += nilai.temuan
        # SIASN may carry only the predikat (kuadranKinerja), without the two ratings.
        only_predikat = nilai.status is Status.BELUM_DINILAI and bool(nilai.hasil_akhir)
        if nilai.status is not Status.DINILAI and not only_predikat:
            skipped[nilai.status.value] += 1
            continue
        predikat = nilai.predikat or nilai.hasil_akhir
        if any(f.field == "nip" and f.severity is Severity.ERROR for f in nilai.temuan):
            skipped["NIP tidak sah (lihat temuannya)"] += 1
            continue
        if not _nip(nilai.nip) or not predikat:
            skipped["tanpa NIP yang sah atau tanpa predikat"] += 1
            continue
        year = _tahun_sel(baris.nilai.get("tahun")) or default_year
        place = baris.letak("hasil_akhir") or baris.letak("rating_hasil_kerja")
        sheet, cell = place if place else (ekspor.sheet, f"baris {baris.nomor}")
        if year is None:
            unknown_year += 1
            continue
        jenis = baris.teks("jenis_jabatan")
        jabatan = baris.teks("jabatan")
        found.append(
            PenilaianTahunan(
                nilai.nip,
                year,
                predikat,
                nama=baris.teks("nama"),
                jenis_jabatan=jenis_jabatan_dari(jenis, jabatan),
                jenis_teks=jenis,
                jabatan=jabatan,
                unit=baris.teks("unor_induk") or baris.teks("unor"),
                berkas=ekspor.path,
                sheet=sheet or None,
                cell=cell,
                sumber=ekspor.jenis.value,
                prioritas=rank,
                akhir=baris.teks("periode_akhir"),
            )
        )
    if unknown_year:
        findings.append(
            _tanpa_tahun(
                ekspor.path,
                ekspor.sheet or None,
                f"{unknown_year} baris tanpa kolom tahun, judul tanpa tahun, nama berkas tanpa "
                "tahun",
            )
        )
    findings += _dilewati(ekspor.path, skipped, ekspor.sheet or None)
    return Masukan(ekspor.path, ekspor.jenis.value, tuple(found), tuple(findings))


def _header(rows: Sequence[Sequence[object]], kolom: KolomRingkasan) -> int | None:
    need = {kolom.nip, kolom.predikat, kolom.periode}
    for number, row in enumerate(rows[:_BARIS_JUDUL]):
        if need <= {teks_sel(c) for c in row}:
            return number
    return None


def _ringkasan_dari(path: Path, tables: Sequence[Tabel], kolom: KolomRingkasan) -> Masukan | None:
    for table in tables:
        header = _header(table.rows, kolom)
        if header is not None:
            return baca_ringkasan(path, table.rows, table.penunjuk, kolom, header)
    return None


def _parquet(path: Path) -> Tabel:
    import pandas as pd

    frame = pd.read_parquet(path)
    frame = frame.astype(object).where(frame.notna(), None)
    rows: list[list[object]] = [[str(c) for c in frame.columns]]
    rows += frame.to_numpy().tolist()
    # Named like JSON records: "[3].Predikat" (a Parquet file has no cells).
    return Tabel(path.name, rows, json=True)


def _bukan(path: Path, why: str) -> Masukan:
    return Masukan(
        str(path),
        "",
        (),
        (
            Finding(
                Code.TINDAK_LANJUT_BUKAN_MASUKAN,
                Severity.ERROR,
                f"'{path}' {why}; tidak dipakai. Masukan tindak lanjut: ringkasan 'skp-xl "
                "consolidate' (.xlsx atau --parquet), ekspor e-Kinerja Laporan Penilaian SKP "
                "tahunan, atau riwayat SKP/kinerja SIASN (JSON/CSV).",
                path=str(path),
            ),
        ),
    )


def baca_masukan(path: Path, kolom: KolomRingkasan) -> Masukan:
    """Read one input of ``skp-xl tindak-lanjut``, whatever its kind.

    Args:
        path: A summary workbook, its Parquet, or an e-Kinerja/SIASN export.
        kolom: The summary's headers.

    Returns:
        What it gives; a file that is none of these, or cannot be read, is one finding.
    """
    suffix = path.suffix.lower()
    if not path.is_file():
        return _bukan(path, "tidak ada atau bukan berkas")
    try:
        if suffix in PARQUET:
            try:
                table = _parquet(path)
            except Exception as error:  # pyarrow raises its own types on a bad file
                return _bukan(path, f"tidak dapat dibaca sebagai Parquet ({error})")
            found = _ringkasan_dari(path, [table], kolom)
            return found or _bukan(path, "tidak berisi tabel Pegawai (NIP, Periode, Predikat)")
        if suffix in WORKBOOK:
            triaged = triage_ekspor(path)
            if triaged.blocking is not None:
                return Masukan(str(path), "", (), (triaged.blocking,))
            tables = baca_tabel(path)
        elif suffix in TABEL_SUFFIXES:
            tables = baca_tabel(path)
        else:
            return _bukan(path, "bukan .xlsx, .parquet, .csv atau .json")
    except InvalidValueError as error:
        return _bukan(path, f"tidak dapat dibaca ({error.message})")
    found = _ringkasan_dari(path, tables, kolom)
    if found is not None:
        return found
    ekspor = ekspor_dari(path, tables)
    if ekspor is None or ekspor.jenis is JenisEkspor.MASTER:
        return _bukan(path, "bukan ringkasan skp-xl maupun ekspor penilaian yang dikenal")
    return baca_ekspor_tahunan(ekspor)
