"""``skp-xl angka-kredit``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from skp_xl.cli import app

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
