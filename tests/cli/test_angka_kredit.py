"""``skp-xl angka-kredit``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.samples import generate_agency
from tests.reader.test_tindak_lanjut import NIP_A, NIP_B, NIP_C, pegawai_frame
from tests.summary.test_angka_kredit import ROWS

runner = CliRunner()


def test_worked_examples() -> None:
    result = runner.invoke(app, ["angka-kredit", "Sangat Baik", "ahli pertama"])
    assert result.exit_code == 0
    assert "18,75" in result.output
    result = runner.invoke(app, ["angka-kredit", "Baik", "Ahli Pertama", "--bulan", "2", "--json"])
    assert json.loads(result.output) == {
        "predikat": "Baik",
        "jenjang": "Ahli Pertama",
        "bulan": 2,
        "angka_kredit": 2.08,
    }


def test_unknown_jenjang_exits_2_with_an_indonesian_message() -> None:
    result = runner.invoke(app, ["angka-kredit", "Baik", "Ahli Super"])
    assert result.exit_code == 2
    assert "Ahli Super" in result.output
    assert "Ahli Pertama" in result.output


def test_month_out_of_range_exits_2() -> None:
    assert runner.invoke(app, ["angka-kredit", "Baik", "Mahir", "--bulan", "13"]).exit_code == 2


# -- A folder, a summary or its Parquet --------------------------------------------------


def test_a_parquet_lists_every_jf_with_the_rule_stated(tmp_path: Path) -> None:
    path = tmp_path / "pegawai.parquet"
    pegawai_frame(ROWS).to_parquet(path, index=False)
    result = runner.invoke(app, ["angka-kredit", str(path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["aturan_tahunan"] == "akhir"
    assert document["aturan_jenjang"] == "proporsional"
    totals = {p["nip"]: p["angka_kredit_tahunan"] for p in document["pegawai"]}
    assert totals == {NIP_A: 18.75, NIP_B: 28.13, NIP_C: None}
    result = runner.invoke(app, ["angka-kredit", str(path), "--tahunan", "periodik"])
    assert result.exit_code == 0, result.output
    assert "jumlah angka kredit setiap periode" in result.output
    assert "(bawaan)" not in result.output


def test_a_folder_is_consolidated_first(tmp_path: Path) -> None:
    manifest = generate_agency(tmp_path / "instansi", pegawai=12, jobs=1)
    jf = {b.nip for b in manifest.berkas if b.jenis.value == "JF"}
    assert jf  # the small agency has JF to count
    result = runner.invoke(app, ["angka-kredit", str(tmp_path / "instansi"), "--json"])
    assert result.exit_code == 0, result.output
    listed = {p["nip"] for p in json.loads(result.stdout)["pegawai"]}
    assert listed == jf
    result = runner.invoke(app, ["angka-kredit", str(tmp_path / "instansi")])
    assert "(bawaan)" in result.output


def test_a_missing_source_says_how_to_give_two_values(tmp_path: Path) -> None:
    result = runner.invoke(app, ["angka-kredit", str(tmp_path / "tidak-ada")])
    assert result.exit_code == 2
    assert "PREDIKAT JENJANG" in result.output


def test_a_source_that_is_no_summary_says_what_to_use_instead(tmp_path: Path) -> None:
    """Not Excel, not Parquet, no Pegawai sheet: an Indonesian message, never a traceback."""
    from openpyxl import Workbook

    (tmp_path / "teks.xlsx").write_text("bukan excel")
    (tmp_path / "rusak.parquet").write_text("a,b\n1,2\n")
    book = Workbook()
    book.active.title = "Lain"  # type: ignore[union-attr]
    book.save(tmp_path / "lain.xlsx")
    expected = {
        "teks.xlsx": "bukan buku kerja Excel",
        "rusak.parquet": "bukan berkas Parquet",
        "lain.xlsx": "tidak memiliki sheet Pegawai",
    }
    for name, words in expected.items():
        result = runner.invoke(app, ["angka-kredit", str(tmp_path / name)])
        assert result.exit_code == 2, (name, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), name
        assert words in result.output, (name, result.output)
        assert "skp-xl consolidate" in result.output
        assert "Worksheet named" not in result.output
        assert "magic bytes" not in result.output
