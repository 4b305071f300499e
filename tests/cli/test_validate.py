"""``skp-xl validate``: verdicts, JSON as in design.md, honest exit codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from typer.testing import CliRunner

from skp_xl.cli import app

runner = CliRunner()
TEMPLATE = Path(__file__).parents[2] / "workbook_templates" / "skp-ja-kualitatif.xlsx"


def test_blank_template_has_errors_and_exits_1_without_changing_the_file() -> None:
    before = hashlib.sha256(TEMPLATE.read_bytes()).hexdigest()
    result = runner.invoke(app, ["validate", str(TEMPLATE)])
    assert result.exit_code == 1
    assert "TIDAK VALID" in result.output
    assert hashlib.sha256(TEMPLATE.read_bytes()).hexdigest() == before


def test_json_has_the_design_shape() -> None:
    result = runner.invoke(app, ["periksa", str(TEMPLATE), "--json"])
    document = json.loads(result.output)
    [entry] = document["files"]
    assert entry["path"] == str(TEMPLATE)
    assert entry["valid"] is False
    assert {"code", "severity", "sheet", "cell", "message"} <= set(entry["findings"][0])


def test_unreadable_input_exits_2_and_the_other_files_are_still_checked(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    result = runner.invoke(app, ["validate", str(empty), str(TEMPLATE), "--json"])
    assert result.exit_code == 2
    files = json.loads(result.output)["files"]
    assert files[0]["findings"][0]["code"] == "berkas-kosong"
    assert len(files[1]["findings"]) > 1


def test_unknown_periode_is_a_usage_error() -> None:
    result = runner.invoke(app, ["validate", str(TEMPLATE), "--periode", "TW 9"])
    assert result.exit_code == 2
    assert "TW 9" in result.output
