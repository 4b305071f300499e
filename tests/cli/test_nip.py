"""``skp-xl nip``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from skp_xl.cli import app

runner = CliRunner()


def test_valid_nips_show_their_parts_and_exit_0() -> None:
    result = runner.invoke(app, ["nip", "198503122010011003", "19900101 201503 2 001"])
    assert result.exit_code == 0, result.output
    assert "19850312 201001 1 003" in result.output
    assert "12 Maret 1985" in result.output
    assert "Perempuan" in result.output
    assert "2 NIP diperiksa: semua valid." in result.output


def test_any_invalid_nip_exits_1() -> None:
    result = runner.invoke(app, ["nip", "198503122010011003", "1.98001E+17"])
    assert result.exit_code == 1
    assert "1 tidak valid" in result.output


def test_json_output_has_codes_and_parts() -> None:
    result = runner.invoke(app, ["nip", "--json", "198503122010011003", "12345"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert [(e["input"], e["valid"], e.get("code")) for e in document["nip"]] == [
        ("198503122010011003", True, None),
        ("12345", False, "nip-panjang"),
    ]
    assert document["nip"][0]["tanggal_lahir"] == "1985-03-12"
    assert document["nip"][0]["tmt"] == "2010-01"
    assert document["nip"][0]["nomor_urut"] == 3


def test_no_nip_is_a_usage_error() -> None:
    assert runner.invoke(app, ["nip"]).exit_code == 2
