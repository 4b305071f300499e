"""``skp-xl tindak-lanjut`` as the user runs it: files of several years in, a list out."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.summary.skema import Pegawai
from tests.reader.test_tindak_lanjut import (
    NIP_A,
    NIP_B,
    ROWS_2025,
    tulis_parquet,
    tulis_ringkasan,
)

runner = CliRunner()

SIASN_2024 = [
    {
        "nipBaru": NIP_A,
        "nama": "Ayu Lestari",
        "tahun": 2024,
        "hasilKinerja": "Diatas Ekspektasi",
        "perilakuKerja": "Diatas Ekspektasi",
        "kuadranKinerja": "Sangat Baik",
        "jenisJabatan": "JF",
    },
    {
        "nipBaru": NIP_B,
        "nama": "Bima Saputra",
        "tahun": 2024,
        "hasilKinerja": "Sesuai Ekspektasi",
        "perilakuKerja": "Sesuai Ekspektasi",
        "kuadranKinerja": "Baik",
        "jenisJabatan": "JPT",
    },
]


def inputs(tmp_path: Path) -> list[str]:
    siasn = tmp_path / "siasn.json"
    siasn.write_text(json.dumps(SIASN_2024), encoding="utf-8")
    summary = tulis_ringkasan(tmp_path / "ringkasan-2025.xlsx", ROWS_2025)
    return [str(siasn), str(summary)]


def test_json_is_exactly_the_documented_shape(tmp_path: Path) -> None:
    result = runner.invoke(app, ["tindak-lanjut", *inputs(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document == {
        "tahun": 2025,
        "tindak_lanjut": [
            {
                "nip": NIP_A,
                "nama": "Ayu Lestari",
                "aturan": "talenta-prioritas",
                "tahun": [2024, 2025],
                "predikat": ["Sangat Baik", "Sangat Baik"],
            },
            {
                "nip": NIP_B,
                "nama": "Bima Saputra",
                "aturan": "perbaikan-jpt",
                "tahun": [2025],
                "predikat": ["Butuh Perbaikan"],
            },
        ],
    }


def test_tahun_chooses_the_year_and_the_alias_works(tmp_path: Path) -> None:
    files = inputs(tmp_path)
    result = runner.invoke(app, ["tindaklanjut", *files, "--json", "--tahun", "2024"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"tahun": 2024, "tindak_lanjut": []}
    result = runner.invoke(app, ["tindak-lanjut", *files, "--tahun", "2020"])
    assert result.exit_code == 2
    assert "2024, 2025" in result.output


def test_workbook_has_one_table_per_rule_and_the_findings(tmp_path: Path) -> None:
    out = tmp_path / "tindak-lanjut.xlsx"
    result = runner.invoke(app, ["tindak-lanjut", *inputs(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "talenta-prioritas" in result.output
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "Tindak Lanjut",
        "Talenta",
        "Pengembangan",
        "Perbaikan JPT",
        "Perbaikan JA-JF",
        "Temuan",
    ]
    talenta = wb["Talenta"]
    assert list(talenta.tables) == ["TALENTA"]
    assert [c.value for c in talenta[1]] == [
        "NIP",
        "Nama",
        "Jenis Jabatan",
        "Jabatan",
        "Unit Kerja",
        "Predikat 2024",
        "Predikat 2025",
        "Sumber",
    ]
    assert [c.value for c in talenta[2]][:7] == [
        NIP_A,
        "Ayu Lestari",
        "JF",
        "Analis Data Ahli Muda",
        "Biro Umum",
        "Sangat Baik",
        "Sangat Baik",
    ]
    assert talenta["A2"].number_format == "@"
    jpt = wb["Perbaikan JPT"]
    assert [c.value for c in jpt[2]][:6] == [
        NIP_B,
        "Bima Saputra",
        "JPT",
        "Kepala Biro Umum",
        "Biro Umum",
        "Butuh Perbaikan",
    ]
    codes = [row[3].value for row in wb["Temuan"].iter_rows(min_row=2)]
    assert "tindak-lanjut-baris-dilewati" in codes
    files = [str(tmp_path / "siasn.json"), str(tmp_path / "ringkasan-2025.xlsx")]
    assert runner.invoke(app, ["tindak-lanjut", *files, "-o", str(out)]).exit_code == 2


def test_parquet_and_a_disagreeing_second_source(tmp_path: Path) -> None:
    parquet = tulis_parquet(tmp_path / "pegawai-2024.parquet", [{**ROWS_2025[0]}])
    siasn = tmp_path / "siasn.json"
    record = {**SIASN_2024[0], "kuadranKinerja": "Baik", "perilakuKerja": "Sesuai Ekspektasi"}
    siasn.write_text(json.dumps([record]), encoding="utf-8")
    summary = tulis_ringkasan(tmp_path / "ringkasan-2025.xlsx", ROWS_2025[:1])
    result = runner.invoke(app, ["tindak-lanjut", str(parquet), str(siasn), str(summary), "--json"])
    assert result.exit_code == 0, result.output
    # The summary's 2024 (Sangat Baik) counts over SIASN's (Baik): talent pool.
    assert [t["aturan"] for t in json.loads(result.stdout)["tindak_lanjut"]] == [
        "talenta-prioritas"
    ]
    assert "tindak-lanjut-sumber-berbeda" in result.stderr


def test_nothing_usable_exits_1_and_says_why(tmp_path: Path) -> None:
    summary = tulis_ringkasan(tmp_path / "ringkasan.xlsx", ROWS_2025)
    result = runner.invoke(app, ["tindak-lanjut", str(summary)])
    assert result.exit_code == 1
    assert "tindak-lanjut-tahun-tidak-diketahui" in result.output
    assert Pegawai.nip  # the summary's headers come from its model
