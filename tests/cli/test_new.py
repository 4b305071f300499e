"""``skp-xl new``: a workbook per pegawai, with options checked before anything is written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.cli import app

runner = CliRunner()


def values_of(path: Path, *names: str) -> list[object]:
    wb = load_workbook(path)
    found = []
    for name in names:
        sheet, cell = next(iter(wb.defined_names[name].destinations))
        found.append(wb[sheet][cell.replace("$", "")].value)
    return found


def test_blank_workbook_for_each_jenis_and_pendekatan(tmp_path: Path) -> None:
    for jenis in ("JPT", "JA", "JF"):
        for pendekatan in ("kuantitatif", "kualitatif"):
            out = tmp_path / f"{jenis}-{pendekatan}.xlsx"
            result = runner.invoke(
                app, ["new", "-o", str(out), "--jenis", jenis, "--pendekatan", pendekatan]
            )
            assert result.exit_code == 0, result.output
            assert values_of(out, "SKP_JENIS_JABATAN", "SKP_PENDEKATAN", "PEGAWAI_NAMA") == [
                jenis,
                pendekatan.capitalize(),
                None,
            ]


def test_identity_options_are_canonicalised(tmp_path: Path) -> None:
    out = tmp_path / "skp.xlsx"
    result = runner.invoke(
        app,
        [
            "baru", "-o", str(out), "--jenis", "jabatan fungsional", "--pendekatan", "Kuantitatif",
            "--nama", "  Dimas  Aryo Nugroho ", "--nip", "19900317 201503 1 002",
            "--pangkat", "III/b", "--penilai-nip", "198711022011012003", "--tahun", "2026",
            "--instansi", "Dinas Contoh Kabupaten Fiktif",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    names = ("PEGAWAI_NAMA", "PEGAWAI_NIP", "PEGAWAI_PANGKAT", "PENILAI_NIP", "SKP_TAHUN")
    assert values_of(out, *names, "SKP_JENIS_JABATAN") == [
        "Dimas Aryo Nugroho",
        "199003172015031002",
        "Penata Muda Tingkat I, III/b",
        "198711022011012003",
        2026,
        "JF",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--jenis", "Kepala", "--pendekatan", "kuantitatif"], "'Kepala' bukan jenis jabatan"),
        (["--jenis", "JA", "--pendekatan", "campuran"], "'campuran' bukan pendekatan"),
        (["--jenis", "JA"], "--pendekatan"),
        (["--jenis", "JA", "--pendekatan", "kualitatif", "--nip", "1.98001E+17"], "--nip:"),
        (["--jenis", "JA", "--pendekatan", "kualitatif", "--pangkat", "V/a"], "--pangkat:"),
        (["--jenis", "JA", "--pendekatan", "kualitatif", "--tahun", "2019"], "--tahun 2019"),
    ],
)
def test_wrong_options_exit_2_and_write_nothing(
    tmp_path: Path, arguments: list[str], message: str
) -> None:
    out = tmp_path / "skp.xlsx"
    result = runner.invoke(app, ["new", "-o", str(out), *arguments])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_existing_file_needs_force(tmp_path: Path) -> None:
    out = tmp_path / "skp.xlsx"
    out.write_bytes(b"lama")
    arguments = ["new", "-o", str(out), "--jenis", "JA", "--pendekatan", "kualitatif"]
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert "--force" in result.output
    assert out.read_bytes() == b"lama"
    assert runner.invoke(app, [*arguments, "--force"]).exit_code == 0
    assert load_workbook(out)["SKP"] is not None


def test_output_must_be_xlsx(tmp_path: Path) -> None:
    out = tmp_path / "skp.xls"
    result = runner.invoke(
        app, ["new", "-o", str(out), "--jenis", "JA", "--pendekatan", "kualitatif"]
    )
    assert result.exit_code == 2
    assert not out.exists()


def test_password_protects_every_form(tmp_path: Path) -> None:
    out = tmp_path / "skp.xlsx"
    result = runner.invoke(
        app,
        [
            "new",
            "-o",
            str(out),
            "--jenis",
            "JA",
            "--pendekatan",
            "kualitatif",
            "--password",
            "r4hasia",
        ],
    )
    assert result.exit_code == 0
    wb = load_workbook(out)
    assert all(wb[s].protection.sheet for s in ("Identitas", "SKP", "Evaluasi TW1"))
    assert wb["SKP"].protection.password


def test_matriks_for_a_leader(tmp_path: Path) -> None:
    out = tmp_path / "matriks.xlsx"
    result = runner.invoke(
        app, ["new", "-o", str(out), "--matriks", "--nama", "Made Wirawan", "--tahun", "2026"]
    )
    assert result.exit_code == 0, result.output
    assert "Matriks Pembagian Peran dan Hasil" in result.output
    names = values_of(out, "META_TEMPLATE_ID", "SKP_TAHUN")
    assert names == ["matriks-peran-hasil", 2026]
    assert {"Matriks", "Matriks Tim", "Workblock"} <= set(load_workbook(out).sheetnames)


def test_matriks_refuses_identity_it_does_not_use(tmp_path: Path) -> None:
    out = tmp_path / "matriks.xlsx"
    result = runner.invoke(
        app, ["new", "-o", str(out), "--matriks", "--penilai-nama", "X", "--tempat", "Kupang"]
    )
    assert result.exit_code == 2
    assert "--penilai-nama" in result.output
    assert "--tempat" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    "folder",
    [
        "berkas.txt/keluaran",  # a file where a folder should be
        "terkunci",  # a folder without write permission (as a non-root user)
    ],
)
def test_an_unwritable_folder_is_a_clear_refusal_without_traceback(
    tmp_path: Path, folder: str
) -> None:
    (tmp_path / "berkas.txt").write_text("bukan folder")
    locked = tmp_path / "terkunci"
    locked.mkdir()
    locked.chmod(0o555)
    out = tmp_path / folder / "skp.xlsx"
    if folder == "terkunci" and os.access(locked, os.W_OK):
        pytest.skip("root may write anywhere")
    result = runner.invoke(
        app, ["new", "-o", str(out), "--jenis", "JA", "--pendekatan", "kualitatif"]
    )
    assert result.exit_code == 2
    assert isinstance(result.exception, SystemExit)
    assert "tidak dapat ditulis" in result.output
    assert str(out) in result.output.replace("\n", "")
    assert not out.exists()


PEGAWAI, PENILAI = "199003172015031002", "198711022011012003"


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (["--nip", PEGAWAI, "--penilai-nip", "19900317 201503 1 002"], "sama dengan --nip"),
        (["--nip", PEGAWAI, "--atasan-nip", PEGAWAI], "--atasan-nip sama dengan --nip"),
        (["--penilai-nip", PENILAI, "--atasan-nip", PENILAI], "sama dengan --penilai-nip"),
    ],
)
def test_the_same_nip_for_two_people_is_refused(
    tmp_path: Path, options: list[str], words: str
) -> None:
    out = tmp_path / "skp.xlsx"
    arguments = ["new", "-o", str(out), "--jenis", "JA", "--pendekatan", "kuantitatif"]
    result = runner.invoke(app, [*arguments, *options])
    assert result.exit_code == 2
    assert words in result.output.replace("\n", " ")
    assert not out.exists()


@pytest.mark.parametrize("options", [["--jenis", "JA"], ["--pendekatan", "kuantitatif"]])
def test_jenis_or_pendekatan_with_matriks_is_refused_not_ignored(
    tmp_path: Path, options: list[str]
) -> None:
    out = tmp_path / "matriks.xlsx"
    result = runner.invoke(app, ["new", "--matriks", "-o", str(out), *options])
    assert result.exit_code == 2
    assert options[0] in result.output
    assert not out.exists()
