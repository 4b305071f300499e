"""``skp-xl validate``: verdicts, JSON as in design.md, honest exit codes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
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


def test_laporan_and_salin_write_workbooks_and_keep_the_input(tmp_path: Path) -> None:
    source = tmp_path / "skp.xlsx"
    source.write_bytes(TEMPLATE.read_bytes())
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    report, copy = tmp_path / "temuan.xlsx", tmp_path / "bertanda.xlsx"
    assert runner.invoke(app, ["validate", str(source), "--laporan", str(report)]).exit_code == 1
    result = runner.invoke(app, ["validate", str(source), "--laporan", str(copy), "--salin"])
    assert result.exit_code == 1
    assert "sel diwarnai" in result.output
    assert report.exists()
    assert copy.exists()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before
    again = runner.invoke(app, ["validate", str(source), "--laporan", str(report)])
    assert again.exit_code == 2
    assert "--force" in again.output


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (["--salin"], "--laporan"),
        (["--laporan", "{src}", "--salin"], "tidak pernah ditimpa"),
        (["--laporan", "{tmp}/b.xlsm", "--salin"], "berakhiran sama"),
        (["--laporan", "{tmp}/b.xlsx", "--salin", "{src}"], "satu berkas"),
        (["--laporan", "{tmp}/b.csv"], ".xlsx"),
    ],
)
def test_wrong_output_options_are_usage_errors(
    tmp_path: Path, extra: list[str], words: str
) -> None:
    source = tmp_path / "skp.xlsx"
    source.write_bytes(TEMPLATE.read_bytes())
    args = [a.format(src=source, tmp=tmp_path) for a in extra]
    result = runner.invoke(app, ["validate", str(source), *args])
    assert result.exit_code == 2
    assert words in result.output


def test_salin_of_an_unreadable_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "kosong.xlsx"
    empty.write_bytes(b"")
    out = tmp_path / "salinan.xlsx"
    result = runner.invoke(app, ["validate", str(empty), "--laporan", str(out), "--salin"])
    assert result.exit_code == 2
    assert not out.exists()


def test_a_bug_is_one_finding_and_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import skp_xl.validation

    def boom(*args: object, **kwargs: object) -> object:
        raise RuntimeError("rusak di dalam")

    monkeypatch.setattr(skp_xl.validation, "check_record", boom)
    # The command reads each file in a worker process, where this patch does not reach:
    # the worker runs validate_file, which turns the bug into one finding.
    [finding] = skp_xl.validation.validate_file(TEMPLATE).to_dict()["findings"]
    assert finding["code"] == "galat-internal"
    assert "--debug" in finding["message"]
    debug = runner.invoke(app, ["validate", str(TEMPLATE), "--debug"])
    assert isinstance(debug.exception, RuntimeError)


def test_a_folder_is_checked_recursively_as_consolidate_finds_files(tmp_path: Path) -> None:
    # HR on Windows cmd types `skp-xl validate D:\SKP`: cmd does not expand *.xlsx.
    (tmp_path / "bidang" / "seksi").mkdir(parents=True)
    first, second = tmp_path / "a.xlsx", tmp_path / "bidang" / "seksi" / "b.xlsx"
    for path in (first, second):
        path.write_bytes(TEMPLATE.read_bytes())
    (tmp_path / "catatan.txt").write_text("bukan SKP")
    (tmp_path / "bidang" / "~$b.xlsx").write_bytes(b"kunci")
    (tmp_path / ".tersembunyi").mkdir()
    (tmp_path / ".tersembunyi" / "c.xlsx").write_bytes(TEMPLATE.read_bytes())
    result = runner.invoke(app, ["validate", str(tmp_path), "--json"])
    assert result.exit_code == 1
    document = json.loads(result.output)
    assert [f["path"] for f in document["files"]] == [str(first), str(second)]
    assert [n["code"] for n in document["dilewati"]] == ["berkas-dilewati", "berkas-kunci"]
    people = runner.invoke(app, ["validate", str(tmp_path)])
    assert people.exit_code == 1
    assert "Dilewati:" in people.output


def test_a_folder_without_workbooks_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("bukan SKP")
    result = runner.invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "tidak berisi buku kerja" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_folder_does_not_check_its_own_laporan(tmp_path: Path) -> None:
    (tmp_path / "a.xlsx").write_bytes(TEMPLATE.read_bytes())
    laporan = tmp_path / "temuan.xlsx"
    assert runner.invoke(app, ["validate", str(tmp_path), "--laporan", str(laporan)]).exit_code == 1
    again = runner.invoke(
        app, ["validate", str(tmp_path), "--laporan", str(laporan), "--force", "--json"]
    )
    assert again.exit_code == 1
    document = again.output[: again.output.rindex("}") + 1]  # then "Laporan ... ditulis"
    assert [f["path"] for f in json.loads(document)["files"]] == [str(tmp_path / "a.xlsx")]


def test_a_file_that_kills_its_reader_is_a_finding_and_the_others_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import skp_xl.cli.validate
    from skp_xl.batch.pengawas import Fungsi

    good, deadly = tmp_path / "baik.xlsx", tmp_path / "maut.xlsx"
    for path in (good, deadly):
        path.write_bytes(TEMPLATE.read_bytes())
    # The worker imports the replacement by name: it aborts on 'maut*' like a native crash.
    monkeypatch.setattr(
        skp_xl.cli.validate, "_TUGAS", Fungsi("tests.batch.pekerja", "validasi_maut")
    )
    result = runner.invoke(app, ["validate", str(good), str(deadly), "--json"])
    assert result.exit_code == 2
    files = json.loads(result.output)["files"]
    assert [f["path"] for f in files] == [str(good), str(deadly)]
    assert [f["code"] for f in files[1]["findings"]] == ["berkas-proses-berhenti"]
    assert "SIGABRT" in files[1]["findings"][0]["message"]
    assert all(f["code"] != "berkas-proses-berhenti" for f in files[0]["findings"])


def test_a_far_cell_under_a_lying_dimension_is_a_memory_finding_not_a_crash(
    tmp_path: Path,
) -> None:
    """The file that once killed a whole run: <dimension> says A1:B1, one cell sits at
    XFD1048576. Triage trusts the dimension; calamine then asks for hundreds of GB in
    the supervised reader, which the memory cap stops. validate and consolidate list the
    file and go on."""
    from tests.reader import hostile

    far = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    folder = tmp_path / "instansi"
    folder.mkdir()
    bad = folder / "jauh.xlsx"
    hostile.write_zip(bad, hostile.minimal_parts(sheet=hostile.sheet_xml(hostile.SHEET_DATA + far)))
    good = folder / "baik.xlsx"
    good.write_bytes(TEMPLATE.read_bytes())
    result = runner.invoke(app, ["validate", str(good), str(bad), "--json"])
    files = json.loads(result.output)["files"]
    assert [f["code"] for f in files[1]["findings"]] == ["berkas-memori-habis"]
    assert "XFD1048576" in files[1]["findings"][0]["message"]
    assert all(f["code"] != "berkas-memori-habis" for f in files[0]["findings"])
    out = tmp_path / "ringkasan.xlsx"
    summary = runner.invoke(
        app, ["consolidate", str(folder), "-o", str(out), "--json", "--tanpa-cache"]
    )
    problems = {p["path"]: p["code"] for p in json.loads(summary.stdout)["problems"]}
    assert problems[str(bad)] == "berkas-memori-habis"
