"""``skp-xl validate`` on an export, the way HR runs it: the command on the file as it came."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.codes import Code
from skp_xl.samples import ekspor as contoh
from tests.libreoffice import LibreOffice

runner = CliRunner()
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "ekinerja"
ANNUAL = SAMPLES / "Laporan Penilaian SKP Tahunan 2025.xlsx"


def _validate(*args: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, ["validate", "--json", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, json.loads(result.output)["files"]


def _found(report: dict[str, object]) -> list[tuple[str | None, str | None, str]]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [(f.get("sheet"), f.get("cell"), f["code"]) for f in findings]


def test_an_annual_export_gives_its_own_findings_at_their_cells() -> None:
    code, [report] = _validate(str(ANNUAL))
    assert _found(report) == [
        ("Sheet1", None, Code.EKSPOR_DIBACA),
        ("Sheet1", "B12", Code.NIP_RUSAK_EXCEL),
        ("Sheet1", "I13", Code.EKSPOR_HASIL_AKHIR_BERBEDA),
        ("Sheet1", "B14", Code.EKSPOR_TANPA_NIP),
        ("Sheet1", "B57", Code.EKSPOR_NIP_GANDA),  # the mutasi's earlier SKP
    ]
    assert code == 1  # the NIP Excel turned into a number is an error, as in a workbook


@pytest.mark.parametrize(
    "name",
    [
        "Laporan Penilaian SKP Bulanan Desember 2025.csv",
        "Laporan SKP 2025.xlsx",
        "SIASN riwayat kinerja periodik 2025.json",
    ],
)
def test_every_bundled_export_is_recognised_not_refused(name: str) -> None:
    code, [report] = _validate(str(SAMPLES / name))
    codes = [c for _, _, c in _found(report)]
    assert codes[0] == Code.EKSPOR_DIBACA
    assert Code.BUKAN_SKP_XL not in codes
    assert Code.BERKAS_BUKAN_EXCEL not in codes
    assert code == 0


def test_a_folder_of_exports_is_validated_through_the_supervised_readers() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "skp_xl", "validate", "--json", str(SAMPLES)],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    reports = json.loads(done.stdout)["files"]
    assert [Path(r["path"]).name for r in reports] == sorted(p.name for p in SAMPLES.iterdir())
    assert all(_found(r)[0][2] == Code.EKSPOR_DIBACA for r in reports)
    assert done.returncode == 1


def test_periode_keeps_the_rows_of_that_period() -> None:
    code, [report] = _validate("--periode", "TW I", str(ANNUAL))
    assert [c for _, _, c in _found(report)] == [Code.EKSPOR_DIBACA]
    assert code == 0


def test_a_rekap_written_by_pandas_is_reconciled_with_the_quadrant(tmp_path: Path) -> None:
    rekap = contoh.rekap(contoh.organisasi(6, seed=5), random.Random(5))
    frame = pd.DataFrame(list(rekap.baris), columns=list(rekap.kolom))
    frame.loc[2, "Predikat Perilaku Periodik"] = "Sangat Kurang"
    frame.loc[4, "Rating Hasil Kerja"] = "Luar Biasa"
    path = tmp_path / "rekap penilaian.xlsx"
    frame.to_excel(path, index=False, sheet_name="Rekap")
    code, [report] = _validate(str(path))
    assert _found(report) == [
        ("Rekap", None, Code.EKSPOR_DIBACA),
        (None, None, Code.EKSPOR_PERIODE_DIANGGAP),  # written without its title rows
        ("Rekap", "F4", Code.EKSPOR_HASIL_AKHIR_BERBEDA),
        ("Rekap", "D6", Code.RATING_TIDAK_DIKENAL),
    ]
    assert code == 1


def test_a_csv_as_excel_saves_it_with_commas_and_crlf(tmp_path: Path) -> None:
    export = contoh.penilaian(contoh.organisasi(8, seed=4), random.Random(4))
    path = contoh.tulis_csv(tmp_path / "laporan.csv", export, delimiter=",")
    path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    code, [report] = _validate(str(path))
    # A CSV's cells are named as Excel opens it: on a sheet named after the file.
    assert _found(report) == [
        (None, None, Code.EKSPOR_DIBACA),
        ("laporan", "B12", Code.NIP_RUSAK_EXCEL),
        ("laporan", "I13", Code.EKSPOR_HASIL_AKHIR_BERBEDA),
        ("laporan", "B14", Code.EKSPOR_TANPA_NIP),
        ("laporan", "B17", Code.EKSPOR_NIP_GANDA),
    ]
    assert code == 1


def test_an_export_saved_again_by_libreoffice(recalculate: LibreOffice, tmp_path: Path) -> None:
    source = tmp_path / "laporan.ods"
    converted = recalculate.convert([ANNUAL], "ods")[ANNUAL]
    source.write_bytes(converted.read_bytes())
    again = recalculate.convert([source], "xlsx")[source]
    code, [report] = _validate(str(again))
    assert [c for _, c, _ in _found(report)] == [None, "B12", "I13", "B14", "B57"]
    assert code == 1
