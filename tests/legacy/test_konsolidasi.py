"""An agency folder holding a PermenPANRB 8/2021 workbook of 2021 and a 6/2022 workbook:
each is listed with its year and regulation, and only the 6/2022 one is counted."""

from __future__ import annotations

import json
import random
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from skp_xl.batch.konsolidasi import INSTANSI, Opsi, konsolidasi
from skp_xl.cli import app
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.legacy2021 import Model
from skp_xl.samples import ekspor as contoh
from skp_xl.summary.skema import Pegawai, Temuan
from skp_xl.workbook.writer import Options, build_workbook
from tests.legacy.fill2021 import write
from tests.workbook.fill import put_named
from tests.workbook.test_print import IDENTITAS, fill

runner = CliRunner()


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("instansi")
    (root / "Bidang Data").mkdir()
    current = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    fill(current, workbook_spec(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    current.save(root / "Bidang Data" / "skp-2025.xlsx")
    # The same pegawai's archive of 2021: not a second SKP of the same period.
    legacy = write(root / "Bidang Data" / "skp-2021.xlsx", JenisJabatan.JA, Model.DASAR)
    wb = openpyxl.load_workbook(legacy)
    put_named(wb, {"PEGAWAI_NIP": IDENTITAS["PEGAWAI_NIP"]})
    wb.save(legacy)
    return root


def test_legacy_row_has_its_year_and_regulation_and_is_not_counted(agency: Path) -> None:
    result = konsolidasi(agency, Opsi(jobs=1))
    pegawai = result.pegawai
    old = pegawai[pegawai[Pegawai.berkas].str.endswith("skp-2021.xlsx")]
    new = pegawai[pegawai[Pegawai.berkas].str.endswith("skp-2025.xlsx")]
    assert len(old) == 1
    row = old.iloc[0]
    assert (row[Pegawai.regulasi], row[Pegawai.tahun], row[Pegawai.dihitung]) == (
        "8/2021",
        "2021",
        "Tidak",
    )
    assert pd.isna(row[Pegawai.periode])
    assert "8/2021" in row[Pegawai.keterangan]
    assert set(new[Pegawai.regulasi]) == {"6/2022"}
    assert set(new[Pegawai.dihitung]) == {"Ya"}
    codes = set(result.temuan[Temuan.kode])
    assert not codes & {"nip-ganda", "berkas-ganda", "cascading-tidak-ditemukan"}
    assert result.periode is not None
    counted = pegawai[
        (pegawai[Pegawai.dihitung] == "Ya") & (pegawai[Pegawai.periode] == result.periode.value)
    ]
    assert set(counted[Pegawai.regulasi]) == {"6/2022"}
    assert sum(result.distribusi[INSTANSI].values()) == len(counted) == 1


def test_consolidate_cli_lists_both_years(agency: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "pegawai.parquet"
    result = runner.invoke(
        app,
        [
            "consolidate",
            str(agency),
            "-o",
            str(tmp_path / "r.xlsx"),
            "--json",
            "-j",
            "1",
            "--parquet",
            str(parquet),
        ],
    )
    assert result.exit_code in (0, 1), result.output
    json.loads(result.output)
    table = pd.read_parquet(parquet)
    assert sorted(table[Pegawai.regulasi].dropna().unique()) == ["6/2022", "8/2021"]
    assert "2021" in set(table[Pegawai.tahun].dropna())


def test_a_siasn_riwayat_of_2021_and_2022_counts_the_latest_year_only(tmp_path: Path) -> None:
    """SIASN riwayat kinerja lists every year of a pegawai: the years before the latest
    are listed with their year, neither counted nor taken for a mutasi (a duplicate NIP)."""
    org = contoh.organisasi(6, seed=5)
    rows = [
        *contoh.siasn(org, random.Random(1), tahun=2021),
        *contoh.siasn(org, random.Random(2), tahun=2022),
    ]
    (tmp_path / "in" / "Kepegawaian").mkdir(parents=True)
    contoh.tulis_json(tmp_path / "in" / "Kepegawaian" / "riwayat.json", rows)
    parquet = tmp_path / "pegawai.parquet"
    args = ["consolidate", str(tmp_path / "in"), "-o", str(tmp_path / "r.xlsx"), "-j", "1"]
    args += ["--parquet", str(parquet), "--csv", str(tmp_path / "csv")]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    table = pd.read_parquet(parquet)
    by_year = {year: set(rows[Pegawai.dihitung]) for year, rows in table.groupby(Pegawai.tahun)}
    assert by_year == {"2021": {"Tidak"}, "2022": {"Ya"}}
    old = table[table[Pegawai.tahun] == "2021"]
    assert all("bukan tahun ringkasan 2022" in k for k in old[Pegawai.keterangan])
    assert len(table) == 2 * len(org.pegawai)
    codes = set(pd.read_csv(tmp_path / "csv" / "temuan.csv")[Temuan.kode])
    assert "ekspor-nip-ganda" not in codes  # 2021 and 2022 are no mutasi
