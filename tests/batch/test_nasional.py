"""The national roll-up: each instansi's distribution as its own consolidation counted it."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.batch.nasional import INSTANSI, NASIONAL, rangkum_nasional
from skp_xl.cli import app
from skp_xl.domain.vocabulary import Predikat
from skp_xl.samples import generate_agency

pytest.importorskip("duckdb")
runner = CliRunner()


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    """Two agencies consolidated with --parquet (as each agency would), in one folder."""
    root = tmp_path_factory.mktemp("nasional")
    documents = []
    for seed in (2, 3):
        agency = root / f"instansi-{seed}"
        generate_agency(agency, pegawai=8, seed=seed, masalah=False, jobs=1)
        out = root / "hasil" / f"{seed}"
        out.mkdir(parents=True)
        result = runner.invoke(
            app,
            [
                "consolidate",
                str(agency),
                "-o",
                str(out / "ringkasan.xlsx"),
                "--parquet",
                str(out / "pegawai.parquet"),
                "--json",
                "-j",
                "1",
            ],
        )
        assert result.exit_code == 0, result.output
        documents.append(json.loads(result.stdout))
    return root / "hasil", documents


def test_each_instansi_counts_what_its_consolidation_counted(
    exports: tuple[Path, list[dict[str, object]]],
) -> None:
    folder, documents = exports
    hasil = rangkum_nasional([folder])
    assert len(hasil.berkas) == 2
    tabel = hasil.tabel.set_index(INSTANSI)
    # The sample agencies share one fictional name: one instansi of both, and the
    # national row; the instansi row adds up the two consolidations' own agency rows.
    assert list(tabel.index) == [documents[0]["instansi"], NASIONAL]
    expected = dict.fromkeys((p.value for p in Predikat), 0)
    for document in documents:
        agency_row = document["distribusi"]["(Instansi)"]  # type: ignore[index]
        for predikat, n in agency_row.items():
            expected[predikat] += n
    name = documents[0]["instansi"]
    assert {p: int(tabel.loc[name, p]) for p in expected} == expected
    assert tabel.loc[name, "Jumlah"] == sum(expected.values()) > 0
    for predikat in expected:
        assert tabel.loc[NASIONAL, predikat] == tabel.loc[name, predikat]
    assert tabel.loc[name, "Pola"] in {"Sesuai", "Tidak sesuai", "—"}
    assert hasil.baris == sum(len(pd.read_parquet(f)) for f in hasil.berkas)


def test_the_command_writes_a_table_and_refuses_what_is_not_parquet(
    exports: tuple[Path, list[dict[str, object]]], tmp_path: Path
) -> None:
    folder, _ = exports
    out = tmp_path / "nasional.xlsx"
    result = runner.invoke(app, ["nasional", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Rekap nasional: 1 instansi" in result.stdout
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)][-1] == NASIONAL
    as_json = runner.invoke(app, ["nasional", str(folder), "--json", "--periode", "Akhir"])
    document = json.loads(as_json.stdout)
    assert [row[INSTANSI] for row in document["instansi"]][-1] == NASIONAL
    assert document["instansi"][0]["Periode"] == "Akhir"
    empty = runner.invoke(app, ["nasional", str(tmp_path / "kosong")])
    assert empty.exit_code == 2
    assert "Tidak ada berkas .parquet" in empty.output
    bad = tmp_path / "lain.parquet"
    pd.DataFrame({"x": [1]}).to_parquet(bad)
    refused = runner.invoke(app, ["nasional", str(bad)])
    assert refused.exit_code == 2
    assert f"Berkas '{bad}' bukan hasil konsolidasi skp-xl" in refused.output
    assert "Instansi, Periode, Predikat, Capaian Organisasi, Dihitung tidak ada" in refused.output
    torn = tmp_path / "terpotong.parquet"
    torn.write_bytes(bad.read_bytes()[:-20])  # a copy cut short: DuckDB's SQL never shown
    refused = runner.invoke(app, ["nasional", str(torn)])
    assert refused.exit_code == 2
    assert f"Berkas '{torn}' bukan Parquet yang utuh" in refused.output
    assert "LINE 1" not in refused.output
