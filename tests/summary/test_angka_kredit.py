"""The summary's Angka Kredit sheet: per JF the periods, the annual total, the koefisien."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from skp_xl.domain.angka_kredit import AturanJenjang, AturanTahunan
from skp_xl.domain.codes import Code
from skp_xl.summary.angka_kredit import ANGKA_KREDIT, baca_pegawai, tabel_angka_kredit
from skp_xl.summary.data import RINGKASAN_INPUT_COLUMNS, SummaryData
from skp_xl.summary.skema import TIDAK, Pegawai
from skp_xl.summary.workbook import write_summary
from tests.reader.test_tindak_lanjut import NIP_A, NIP_B, NIP_C, pegawai_frame

PERTAMA = "Analis Data Ahli Pertama"
MUDA = "Analis Data Ahli Muda"
NIP_D = "199504042020042004"


def _jf(
    nip: str, periode: str, predikat: str, jabatan: str = PERTAMA, **more: object
) -> dict[str, object]:
    return {
        Pegawai.nip: nip,
        Pegawai.nama: f"Pegawai {nip[-3:]}",
        Pegawai.jenis_jabatan: "JF",
        Pegawai.jabatan: jabatan,
        Pegawai.periode: periode,
        Pegawai.predikat: predikat,
        **more,
    }


ROWS = [
    # The research note's example: Ahli Pertama, Sangat Baik for the year = 18.75.
    _jf(NIP_A, "Triwulan I", "Baik"),
    _jf(NIP_A, "Triwulan II", "Sangat Baik"),
    _jf(NIP_A, "Akhir", "Sangat Baik"),
    # Promoted mid-year: Ahli Pertama then Ahli Muda.
    _jf(NIP_B, "Triwulan I", "Baik"),
    _jf(NIP_B, "Triwulan II", "Baik"),
    _jf(NIP_B, "Triwulan III", "Baik", MUDA),
    _jf(NIP_B, "Triwulan IV", "Baik", MUDA),
    _jf(NIP_B, "Akhir", "Sangat Baik", MUDA),
    # A JF whose jabatan names no jenjang, a JA, and a row not counted.
    _jf(NIP_C, "Akhir", "Baik", "Analis Data"),
    {
        Pegawai.nip: NIP_D,
        Pegawai.jenis_jabatan: "JA",
        Pegawai.jabatan: "Pengawas",
        Pegawai.periode: "Akhir",
        Pegawai.predikat: "Baik",
    },
    _jf(NIP_D, "Akhir", "Baik", **{Pegawai.dihitung: TIDAK}),
]


def test_one_row_per_jf_with_periods_total_and_koefisien() -> None:
    table = tabel_angka_kredit(pegawai_frame(ROWS))
    assert table.periode == ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV", "Akhir")
    got = {b.nip: (b.jenjang, b.tahunan, b.predikat_akhir) for b in table.baris}
    assert got == {
        NIP_A: ("Ahli Pertama", 18.75, "Sangat Baik"),
        NIP_B: ("Ahli Muda", 28.13, "Sangat Baik"),
        NIP_C: ("", None, ""),
    }
    a = table.baris[0]
    assert a.periode == {"Triwulan I": 3.13, "Triwulan II": 4.69, "Akhir": 18.75}
    assert [(f.code, f.path) for f in table.temuan] == [
        (Code.ANGKA_KREDIT_JENJANG_BERUBAH, "unit/skp.xlsx"),
        (Code.ANGKA_KREDIT_TANPA_JENJANG, "unit/skp.xlsx"),
    ]
    headers = table.headers
    row = dict(zip(headers, table.rows()[0], strict=True))
    assert row["Koefisien Tahunan"] == 12.5
    assert row["AK Tahunan"] == 18.75


def test_the_options_change_the_total_and_are_stated() -> None:
    table = tabel_angka_kredit(
        pegawai_frame(ROWS),
        tahunan=AturanTahunan.PERIODIK,
        jenjang_berubah=AturanJenjang.TERAKHIR,
    )
    b = {row.nip: row for row in table.baris}[NIP_B]
    assert b.tahunan == 25.0  # four quarters of Baik at Ahli Muda's 25
    assert "jumlah angka kredit setiap periode" in table.aturan
    assert "jenjang terakhir" in table.aturan


def _summary(path: Path, rows: list[dict[str, object]], *, akhir_only: bool) -> Path:
    frame = pegawai_frame(rows)
    shown = frame[frame[Pegawai.periode] == "Akhir"] if akhir_only else frame
    write_summary(
        path,
        SummaryData(
            judul="Rekapitulasi",
            periode="Akhir",
            ringkasan=pd.DataFrame(columns=list(RINGKASAN_INPUT_COLUMNS)),
            pegawai=shown,
            semua_periode=frame,
        ),
    )
    return path


def test_the_summary_gets_the_sheet_from_every_period(tmp_path: Path) -> None:
    path = _summary(tmp_path / "ringkasan.xlsx", ROWS, akhir_only=True)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[-1] == ANGKA_KREDIT
    ws = wb[ANGKA_KREDIT]
    assert list(ws.tables) == ["ANGKA_KREDIT"]
    headers = [c.value for c in ws[1]]
    assert headers[:7] == [
        "NIP",
        "Nama",
        "Unit Kerja",
        "Jabatan",
        "Jenjang",
        "Koefisien Tahunan",
        "AK Triwulan I",
    ]
    assert ws["A2"].value == NIP_A
    assert ws["A2"].number_format == "@"
    note = next(str(v) for v in headers if v and str(v).startswith("AK tahunan:"))
    assert "predikat Akhir (tahunan) untuk 12 bulan" in note
    # The table reads back from the summary (its Pegawai sheet holds Akhir only here).
    back = tabel_angka_kredit(baca_pegawai(path))
    assert {b.nip: b.tahunan for b in back.baris}[NIP_A] == 18.75


def test_no_jf_no_sheet(tmp_path: Path) -> None:
    path = _summary(tmp_path / "ringkasan.xlsx", [ROWS[-2]], akhir_only=False)
    assert ANGKA_KREDIT not in openpyxl.load_workbook(path).sheetnames


def test_a_jf_not_rated_yet_earns_no_row_and_stops_nothing() -> None:
    """A JF whose jabatan names its jenjang, with no period rated yet (a blank SKP, as
    `skp-xl roster` writes them): no angka kredit earned, so no row and no finding; the
    others are made as before. It raised KeyError, and the consolidation of a roster's
    workbooks with it."""
    blank = _jf(NIP_D, "Akhir", "", **{Pegawai.dihitung: "Ya"})
    table = tabel_angka_kredit(pegawai_frame([blank, *ROWS[:3]]))
    assert [b.nip for b in table.baris] == [NIP_A]
    assert table.temuan == ()
    assert tabel_angka_kredit(pegawai_frame([blank])).baris == ()
