"""``skp-xl predikat``: two ratings, or a whole table of pegawai."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.cli import app

runner = CliRunner()
SAMPLE = Path(__file__).parents[2] / "samples" / "contoh_penilaian.csv"


def test_two_ratings_give_the_predikat() -> None:
    result = runner.invoke(app, ["predikat", "Di Atas Ekspektasi", "sesuai ekspektasi"])
    assert result.exit_code == 0
    assert "Predikat kinerja: Baik" in result.output


def test_unknown_rating_exits_2_naming_it() -> None:
    result = runner.invoke(app, ["predikat", "Cukup", "Sesuai Ekspektasi"])
    assert result.exit_code == 2
    assert "'Cukup' bukan rating" in result.output


def test_one_rating_alone_is_a_usage_error() -> None:
    assert runner.invoke(app, ["predikat", "Sesuai Ekspektasi"]).exit_code == 2


def test_sample_table_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["predikat", "--csv", str(SAMPLE), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["pegawai"] == 10
    assert document["distribusi"] == {
        "Sangat Baik": 1,
        "Baik": 5,
        "Butuh Perbaikan": 1,
        "Kurang/Misconduct": 1,
        "Sangat Kurang": 1,
    }
    findings = document["files"][0]["findings"]
    assert [(f["sheet"], f["cell"], f["code"]) for f in findings] == [
        ("contoh_penilaian", "F4", "label-varian"),
        ("contoh_penilaian", "G4", "label-varian"),
        ("contoh_penilaian", "C5", "nip-rusak-excel"),
        ("contoh_penilaian", "F9", "rating-tidak-dikenal"),
        ("contoh_penilaian", "C11", "nip-tanggal-lahir-tidak-valid"),
    ]


def test_sample_table_writes_an_excel_table_with_text_nips(tmp_path: Path) -> None:
    out = tmp_path / "hasil.xlsx"
    before = SAMPLE.read_bytes()
    result = runner.invoke(app, ["predikat", "--csv", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert SAMPLE.read_bytes() == before  # the input is never modified
    assert "10 pegawai dinilai" in result.output
    ws = load_workbook(out)["Hasil"]
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r), strict=True)) for r in ws.iter_rows(min_row=2)]
    assert len(rows) == 10
    dimas = next(r for r in rows if r["nama"] == "Dimas Aryo Nugroho")
    assert dimas["nip"] == "199003172015031002"
    assert ws.cell(row=3, column=header.index("nip") + 1).number_format == "@"
    assert (dimas["predikat"], dimas["angka_kredit"]) == ("Baik", 12.5)
    assert "Hasil" in ws.tables


def test_existing_output_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "hasil.csv"
    out.write_text("lama", encoding="utf-8")
    result = runner.invoke(app, ["predikat", "--csv", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_text(encoding="utf-8") == "lama"
    result = runner.invoke(app, ["predikat", "--csv", str(SAMPLE), "-o", str(out), "--force"])
    assert result.exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("baris,unit_kerja,nama,nip")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "kosong"),
        ("nama,nip\nAndi,198503122010011003\n", "tidak memiliki kolom rating_hasil_kerja"),
    ],
)
def test_unreadable_tables_exit_2_naming_the_file(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "tabel.csv"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["predikat", "--csv", str(path)])
    assert result.exit_code == 2
    assert "tabel.csv" in result.output
    assert message in result.output


def test_missing_table_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["predikat", "--csv", str(tmp_path / "tidak-ada.csv")])
    assert result.exit_code == 2
    assert "tidak-ada.csv" in result.output


def test_wrong_output_suffix_exits_2_without_writing(tmp_path: Path) -> None:
    out = tmp_path / "hasil.pdf"
    result = runner.invoke(app, ["predikat", "--csv", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_a_table_whose_used_range_lies_is_a_message_not_an_abort(tmp_path: Path) -> None:
    """``predikat --csv`` reads in its own process, with no memory cap: a sheet declaring
    A1:D3 over a cell at XFD60000 made python-calamine abort the command (exit 134)
    when the triage trusted the declaration. Run as a process, as the user runs it."""
    import subprocess
    import sys
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (
        ("nip", "nama", "rating_hasil_kerja", "rating_perilaku"),
        ("199001012015031001", "Pegawai Fiktif", "Sesuai Ekspektasi", "Sesuai Ekspektasi"),
    ):
        sheet.append(row)
    plain = tmp_path / "biasa.xlsx"
    book.save(plain)
    lying = tmp_path / "bohong.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(lying, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                far = b'<row r="60000"><c r="XFD60000" t="inlineStr"><is><t>x</t></is></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
                assert b'<dimension ref="A1:D2" />' in data
            target.writestr(info, data)
    done = subprocess.run(
        [sys.executable, "-m", "skp_xl", "predikat", "--csv", str(lying)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr[-2000:]
    assert "XFD60000" in done.stderr + done.stdout
    assert "panicked" not in done.stderr
