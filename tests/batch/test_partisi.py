"""The Pegawai table as a Parquet folder partitioned by instansi and unit (hive layout)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from skp_xl.batch.nasional import INSTANSI, rangkum_nasional
from skp_xl.cli import app
from skp_xl.samples import generate_agency
from skp_xl.summary.skema import Pegawai

pytest.importorskip("duckdb")
runner = CliRunner()


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("partisi") / "instansi"
    generate_agency(root, pegawai=10, seed=5, masalah=False, jobs=1)
    return root


def _consolidate(agency: Path, out: Path, parquet: Path, *extra: str) -> dict[str, object]:
    args = ["consolidate", str(agency), "-o", str(out), "--parquet", str(parquet), "--json"]
    result = runner.invoke(app, [*args, "-j", "1", "--tanpa-cache", *extra])
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_a_folder_is_partitioned_by_instansi_and_unit(agency: Path, tmp_path: Path) -> None:
    single, folder = tmp_path / "pegawai.parquet", tmp_path / "nasional" / "kab-contoh"
    _consolidate(agency, tmp_path / "a.xlsx", single)
    document = _consolidate(agency, tmp_path / "b.xlsx", folder)
    flat = pd.read_parquet(single)
    parts = sorted(p.relative_to(folder) for p in folder.rglob("*.parquet"))
    units = sorted(flat[Pegawai.unit_kerja].unique())
    # One folder per unit, under the agency's own: the partition is in the path.
    assert [p.parts[0] for p in parts] == [f"{INSTANSI}={_quoted(document['instansi'])}"] * len(
        units
    )
    assert sorted(p.parts[1] for p in parts) == sorted(
        f"{Pegawai.unit_kerja}={_quoted(u)}" for u in units
    )
    # Read back as a dataset, the rows and the partition columns are the single file's.
    back = pd.read_parquet(folder)
    for column in (INSTANSI, Pegawai.unit_kerja):
        back[column] = back[column].astype("string")
    key = [Pegawai.berkas, Pegawai.periode]
    pd.testing.assert_frame_equal(
        back[flat.columns].sort_values(key).reset_index(drop=True),
        flat.sort_values(key).reset_index(drop=True),
        check_dtype=False,
    )
    # `skp-xl nasional` counts the folder as it counts the file.
    one, many = rangkum_nasional([single]), rangkum_nasional([folder])
    pd.testing.assert_frame_equal(one.tabel, many.tabel)
    assert one.baris == many.baris == len(flat)


def test_a_folder_is_replaced_whole_or_refused(agency: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pegawai"
    _consolidate(agency, tmp_path / "a.xlsx", folder)
    (folder / "sisa-lama.parquet").write_bytes(b"lama")
    refused = runner.invoke(
        app, ["consolidate", str(agency), "-o", str(tmp_path / "b.xlsx"), "--parquet", str(folder)]
    )
    assert refused.exit_code != 0
    assert (folder / "sisa-lama.parquet").exists()
    _consolidate(agency, tmp_path / "c.xlsx", folder, "--force")
    # Nothing of the old folder is left beside the new partitions, and no temporary folder.
    assert not (folder / "sisa-lama.parquet").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _quoted(value: object) -> str:
    from urllib.parse import quote

    return quote(str(value), safe="")
