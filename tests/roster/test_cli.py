"""``skp-xl roster`` end to end on the bundled 500-row roster, as HR runs it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.batch.konsolidasi import Opsi, konsolidasi
from skp_xl.batch.roster import BERKAS_MASALAH
from skp_xl.cli import app
from skp_xl.domain.codes import Code
from skp_xl.samples.roster import buat_roster, tulis_csv, tulis_xlsx
from skp_xl.validation import validate_file
from tests.libreoffice import LibreOffice

INSTANSI = "Badan Riset Kelautan Nusantara"
ARGS = [
    "--instansi",
    INSTANSI,
    "--penilai-pimpinan-nama",
    "Menteri Fiktif",
    "--penilai-pimpinan-jabatan",
    "Menteri Contoh",
    "--json",
]
PLAN_NOT_YET = {Code.HASIL_KERJA_UTAMA_KOSONG}
"""The one error of a fresh workbook: the pegawai has not planned yet."""


def run(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(app, ["roster", *args])
    return result.exit_code, json.loads(result.stdout)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, object]]:
    folder = tmp_path_factory.mktemp("roster")
    source = folder / "roster.csv"
    tulis_csv(buat_roster(), source)
    code, document = run(str(source), "-o", str(folder / "out"), "-j", "2", *ARGS)
    return folder / "out", code, document


def test_every_row_is_a_workbook_or_a_problem_at_its_row(
    written: tuple[Path, int, dict[str, object]],
) -> None:
    out, code, document = written
    contoh = buat_roster()
    assert code == 1  # rows refused
    berkas = document["berkas"]
    masalah = document["masalah"]
    assert isinstance(berkas, list)
    assert isinstance(masalah, list)
    skp = {b["baris"] for b in berkas if b["jenis"] == "skp"}
    errors = {(m["baris"], m["code"]) for m in masalah if m["severity"] == "error"}
    assert errors == set(contoh.kesalahan.items())
    rows = set(range(2, len(contoh.baris) + 2))
    assert skp | {row for row, _ in errors} == rows
    assert not skp & {row for row, _ in errors}
    files = sorted(out.rglob("SKP *.xlsx"))
    assert len(files) == len(skp) == len(contoh.baris) - len(contoh.kesalahan)
    leaders = {b["baris"] for b in berkas if b["jenis"] == "matriks"}
    assert len(sorted(out.rglob("Matriks *.xlsx"))) == len(leaders) > 50
    listed = (out / BERKAS_MASALAH).read_text(encoding="utf-8-sig").splitlines()
    assert len(listed) == len(masalah) + 1
    # The list HR opens says the severity in Indonesian, as the summary's Temuan does.
    assert {line.split(";")[2] for line in listed[1:]} == {"Galat"}


def test_the_printed_problems_say_the_severity_in_indonesian(tmp_path: Path) -> None:
    source = tmp_path / "roster.csv"
    tulis_csv(buat_roster(), source)
    result = CliRunner().invoke(
        app, ["roster", str(source), "-o", str(tmp_path / "out"), "-j", "1"]
    )
    assert result.exit_code == 1
    assert "Galat" in result.stdout
    assert "Peringatan" in result.stdout
    assert "warning" not in result.stdout
    assert "│ error" not in result.stdout


def test_written_workbooks_validate_with_only_the_plan_left_to_fill(
    written: tuple[Path, int, dict[str, object]],
) -> None:
    out, _, _ = written
    files = sorted(out.rglob("SKP *.xlsx"))
    for path in files[:: len(files) // 12]:
        report = validate_file(path)
        errors = {f.code for f in report.findings if f.severity == "error"}
        assert errors <= PLAN_NOT_YET, (path, [f.message for f in report.findings])


def test_a_leaders_matriks_lists_the_staff(written: tuple[Path, int, dict[str, object]]) -> None:
    out, _, _ = written
    contoh = buat_roster()
    head = contoh.baris[0]
    wb = load_workbook(next(out.glob(f"Matriks 2026 {head[0]} *.xlsx")))
    ws = wb["Matriks"]
    staff = {row[1] for row in contoh.baris if row[7] == head[0]}
    names = {ws.cell(r, 1).value for r in range(17, 17 + len(staff))}
    assert names == staff
    assert ws["A16"].value == head[1]


def test_consolidate_reads_every_workbook(written: tuple[Path, int, dict[str, object]]) -> None:
    out, _, _ = written
    result = konsolidasi(out, Opsi(jobs=2, cache=False)).to_dict()
    assert result["workbooks"] == len(sorted(out.rglob("SKP *.xlsx")))


def test_the_summary_of_the_written_workbooks_is_written(
    written: tuple[Path, int, dict[str, object]], tmp_path: Path
) -> None:
    """As the README has it: ``skp-xl consolidate`` over what ``skp-xl roster`` wrote, the
    summary written (its JF pegawai, rated in no period yet, stopped the Angka Kredit
    sheet with a KeyError)."""
    out, _, _ = written
    summary = tmp_path / "ringkasan.xlsx"
    done = CliRunner().invoke(
        app, ["consolidate", str(out), "-o", str(summary), "-j", "2", "--tanpa-cache", "--json"]
    )
    assert isinstance(done.exception, SystemExit | None), done.output
    document = json.loads(done.stdout)
    assert document["workbooks"] == len(sorted(out.rglob("SKP *.xlsx")))
    assert "Pegawai" in load_workbook(summary, read_only=True).sheetnames


def test_a_written_workbook_opens_in_libreoffice(
    written: tuple[Path, int, dict[str, object]], recalculate: LibreOffice
) -> None:
    out, _, _ = written
    path = sorted(out.rglob("SKP *.xlsx"))[5]
    values = recalculate([path])[path].values
    nama = load_workbook(path)["Identitas"]
    assert any(v == nama["C5"].value for v in values["Identitas"].values())


def test_an_xlsx_roster_with_title_rows_gives_the_same_workbooks(tmp_path: Path) -> None:
    contoh = buat_roster(60)
    tulis_xlsx(contoh, tmp_path / "roster.xlsx")
    tulis_csv(contoh, tmp_path / "roster.csv")
    _, from_xlsx = run(str(tmp_path / "roster.xlsx"), "-o", str(tmp_path / "a"), "-j", "1", *ARGS)
    _, from_csv = run(str(tmp_path / "roster.csv"), "-o", str(tmp_path / "b"), "-j", "1", *ARGS)
    assert from_xlsx["tahun"] == 2026  # from the title rows
    title = 5  # four title rows above the header
    shift = {(m["baris"] - title + 1, m["code"]) for m in from_xlsx["masalah"]}  # type: ignore[union-attr]
    assert shift == {(m["baris"], m["code"]) for m in from_csv["masalah"]}  # type: ignore[union-attr]
    for path in (tmp_path / "b").rglob("*.xlsx"):
        twin = tmp_path / "a" / path.relative_to(tmp_path / "b")
        assert twin.read_bytes() == path.read_bytes()


def test_unit_writes_one_unit_only(tmp_path: Path) -> None:
    contoh = buat_roster(60)
    tulis_csv(contoh, tmp_path / "roster.csv")
    unit = contoh.baris[1][4]
    _, document = run(
        str(tmp_path / "roster.csv"), "-o", str(tmp_path / "out"), "--unit", unit.upper(), *ARGS
    )
    assert {p.name for p in (tmp_path / "out").iterdir() if p.is_dir()} == {unit}
    assert document["berkas"]
    shutil.rmtree(tmp_path / "out")


def test_an_output_folder_under_a_file_says_why_in_indonesian(tmp_path: Path) -> None:
    source = tmp_path / "roster.csv"
    tulis_csv(buat_roster(), source)
    (tmp_path / "berkas").write_text("x")
    result = CliRunner().invoke(app, ["roster", str(source), "-o", str(tmp_path / "berkas" / "o")])
    assert result.exit_code == 2, result.output
    assert "bagian jalurnya bukan folder" in result.output  # cli/bahasa.sebab_os
    assert "Not a directory" not in result.output
