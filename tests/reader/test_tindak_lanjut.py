"""Reading the inputs of ``skp-xl tindak-lanjut``: every kind, as the other tools write it."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pandas as pd

from skp_xl.cli.tindak_lanjut import KOLOM
from skp_xl.domain.codes import Code
from skp_xl.domain.vocabulary import Rating
from skp_xl.reader.tindak_lanjut import SUMBER_RINGKASAN, baca_masukan
from skp_xl.samples.ekspor import organisasi, penilaian, tulis_xlsx
from skp_xl.summary.data import RINGKASAN_INPUT_COLUMNS, SummaryData
from skp_xl.summary.skema import PEGAWAI_COLUMNS, TIDAK, YA, Pegawai
from skp_xl.summary.workbook import write_summary

NIP_A = "198001012005011001"
NIP_B = "198502022010012002"
NIP_C = "199003032015031003"


def pegawai_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """A Pegawai table as the consolidation makes it: every column, text as ``string``."""
    base: dict[str, object] = {
        Pegawai.unit_kerja: "Biro Umum",
        Pegawai.penugasan: "",
        Pegawai.periode: "Akhir",
        Pegawai.dihitung: YA,
        Pegawai.galat: 0,
        Pegawai.berkas: "unit/skp.xlsx",
    }
    frame = pd.DataFrame([base | r for r in rows], columns=list(PEGAWAI_COLUMNS))
    numbers = (Pegawai.angka_kredit, Pegawai.galat)
    text = [c for c in PEGAWAI_COLUMNS if c not in numbers]
    frame[text] = frame[text].astype("string")
    frame[Pegawai.angka_kredit] = frame[Pegawai.angka_kredit].astype("Float64")
    frame[Pegawai.galat] = frame[Pegawai.galat].astype("Int64")
    return frame


ROWS_2025: list[dict[str, object]] = [
    {
        Pegawai.nip: NIP_A,
        Pegawai.nama: "Ayu Lestari",
        Pegawai.jenis_jabatan: "JF",
        Pegawai.jabatan: "Analis Data Ahli Muda",
        Pegawai.predikat: "Sangat Baik",
    },
    {
        Pegawai.nip: NIP_B,
        Pegawai.nama: "Bima Saputra",
        Pegawai.jenis_jabatan: "JPT",
        Pegawai.jabatan: "Kepala Biro Umum",
        Pegawai.predikat: "Butuh Perbaikan",
    },
    # Not counted (a mutasi's first SKP), another period, without predikat: not used, said.
    {Pegawai.nip: NIP_C, Pegawai.predikat: "Baik", Pegawai.dihitung: TIDAK},
    {Pegawai.nip: NIP_C, Pegawai.predikat: "Baik", Pegawai.periode: "Triwulan IV"},
    {Pegawai.nip: NIP_C, Pegawai.predikat: None},
]


def tulis_ringkasan(path: Path, rows: list[dict[str, object]]) -> Path:
    """A summary workbook, written by the summary writer itself."""
    ringkasan = pd.DataFrame(columns=list(RINGKASAN_INPUT_COLUMNS))
    write_summary(
        path,
        SummaryData(
            judul="Rekapitulasi", periode="Akhir", ringkasan=ringkasan, pegawai=pegawai_frame(rows)
        ),
    )
    return path


def tulis_parquet(path: Path, rows: list[dict[str, object]]) -> Path:
    """The Parquet of ``consolidate --parquet`` (with its Instansi column)."""
    frame = pegawai_frame(rows).assign(Instansi="Badan Fiktif")
    frame.to_parquet(path, index=False)
    return path


def test_summary_workbook_gives_the_counted_akhir_rows_with_their_cells(tmp_path: Path) -> None:
    path = tulis_ringkasan(tmp_path / "ringkasan-2025.xlsx", ROWS_2025)
    masukan = baca_masukan(path, KOLOM)
    assert masukan.jenis == SUMBER_RINGKASAN
    got = [(p.nip, p.tahun, p.predikat, p.jenis_jabatan, p.sheet) for p in masukan.penilaian]
    assert got == [
        (NIP_A, 2025, "Sangat Baik", "JF", "Pegawai"),
        (NIP_B, 2025, "Butuh Perbaikan", "JPT", "Pegawai"),
    ]
    predikat = PEGAWAI_COLUMNS.index(Pegawai.predikat)
    assert masukan.penilaian[0].cell == f"{chr(ord('A') + predikat)}2"
    [skipped] = masukan.temuan
    assert skipped.code == Code.TINDAK_LANJUT_BARIS_DILEWATI
    assert "1 baris tidak dihitung" in skipped.message
    assert "1 baris periode Triwulan IV" in skipped.message
    assert "1 baris tanpa predikat" in skipped.message


def test_parquet_gives_the_same(tmp_path: Path) -> None:
    path = tulis_parquet(tmp_path / "pegawai_2025.parquet", ROWS_2025)
    masukan = baca_masukan(path, KOLOM)
    assert [(p.nip, p.tahun, p.predikat) for p in masukan.penilaian] == [
        (NIP_A, 2025, "Sangat Baik"),
        (NIP_B, 2025, "Butuh Perbaikan"),
    ]
    assert masukan.penilaian[0].cell == "[1].Predikat"


def test_a_summary_without_a_year_is_an_error_finding_not_a_guess(tmp_path: Path) -> None:
    path = tulis_ringkasan(tmp_path / "ringkasan.xlsx", ROWS_2025)
    masukan = baca_masukan(path, KOLOM)
    assert masukan.penilaian == ()
    assert [f.code for f in masukan.temuan] == [Code.TINDAK_LANJUT_TAHUN_TIDAK_DIKETAHUI]


def test_a_tahun_column_wins_over_the_file_name(tmp_path: Path) -> None:
    frame = pegawai_frame(ROWS_2025[:1]).assign(Tahun=2024)
    frame.to_parquet(tmp_path / "x-2025.parquet", index=False)
    masukan = baca_masukan(tmp_path / "x-2025.parquet", KOLOM)
    assert [p.tahun for p in masukan.penilaian] == [2024]


def test_siasn_json_with_its_keys_in_any_case(tmp_path: Path) -> None:
    records = [
        {
            "NIPBARU": NIP_A,
            "NAMA": "Ayu Lestari",
            "TAHUN": 2024,
            "HASILKINERJA": "DIATAS EKSPEKTASI",
            "PERILAKUKERJA": "DIATAS EKSPEKTASI",
            "KUADRANKINERJA": "SANGAT BAIK",
            "JENISJABATAN": "Jabatan Fungsional",
        },
        {
            "nipBaru": NIP_B,
            "nama": "Bima Saputra",
            "tahun": "2024",
            "hasilKinerja": "Dibawah Ekspektasi",
            "perilakuKerja": "Sesuai Ekspektasi",
            "kuadranKinerja": "Butuh Perbaikan",
            "jenisJabatan": "JPT",
        },
    ]
    # The keys of one file agree: write each record's own spelling in its own file.
    for number, record in enumerate(records):
        path = tmp_path / f"siasn-{number}.json"
        path.write_text(json.dumps([record]), encoding="utf-8")
        masukan = baca_masukan(path, KOLOM)
        assert masukan.jenis == "SIASN riwayat SKP"
        [p] = masukan.penilaian
        assert (p.nip, p.tahun) == (record.get("NIPBARU") or record["nipBaru"], 2024)
        assert p.jenis_jabatan in ("JF", "JPT")
        assert str(p.cell).startswith("[1].")


def test_siasn_csv_with_the_predikat_only(tmp_path: Path) -> None:
    path = tmp_path / "riwayat skp.csv"
    path.write_text(
        "nipBaru;nama;tahun;hasilKinerja;perilakuKerja;kuadranKinerja;jenisJabatan\n"
        f"{NIP_A};Ayu Lestari;2024;;;Sangat Baik;JF\n",
        encoding="utf-8",
    )
    masukan = baca_masukan(path, KOLOM)
    assert [(p.nip, p.tahun, p.predikat, p.cell) for p in masukan.penilaian] == [
        (NIP_A, 2024, "Sangat Baik", "F2")
    ]


def test_ekinerja_annual_export_takes_its_year_from_the_title(tmp_path: Path) -> None:
    org = organisasi(10, seed=3)
    ratings = {org.pegawai[0].nip: (Rating.DIATAS, Rating.DIATAS)}
    path = tulis_xlsx(
        tmp_path / "laporan.xlsx", penilaian(org, random.Random(1), tahun=2024, ratings=ratings)
    )
    masukan = baca_masukan(path, KOLOM)
    assert masukan.jenis == "e-Kinerja Laporan Penilaian SKP"
    assert {p.tahun for p in masukan.penilaian} == {2024}
    first = masukan.penilaian[0]
    assert (first.nip, first.predikat, first.sheet, first.cell) == (
        org.pegawai[0].nip,
        "Sangat Baik",
        "Sheet1",
        "I9",
    )
    # The faults of the export: each row not used is counted, each fault has its finding.
    codes = {f.code for f in masukan.temuan}
    assert Code.TINDAK_LANJUT_BARIS_DILEWATI in codes
    assert Code.EKSPOR_TANPA_NIP in codes


def test_a_file_of_another_kind_is_one_finding(tmp_path: Path) -> None:
    path = tmp_path / "catatan.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    masukan = baca_masukan(path, KOLOM)
    assert [f.code for f in masukan.temuan] == [Code.TINDAK_LANJUT_BUKAN_MASUKAN]
    missing = baca_masukan(tmp_path / "tidak-ada.xlsx", KOLOM)
    assert [f.code for f in missing.temuan] == [Code.TINDAK_LANJUT_BUKAN_MASUKAN]
