"""A CSV or text table that is no export says what it holds (its headers, the ones skp-xl
knows, what to do), run the way HR runs the commands: as processes, on files as a
spreadsheet program saves them."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from skp_xl.domain.codes import Code

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "ekinerja"
ANNUAL = SAMPLES / "Laporan Penilaian SKP Tahunan 2025.xlsx"


def _skp_xl(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "skp_xl", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def _tpp(folder: Path) -> Path:
    """A TPP list as Excel saves a CSV on an Indonesian Windows: ';', a title row."""
    path = folder / "tpp januari.csv"
    path.write_bytes(
        "Daftar TPP Januari 2025;;;\n"
        "NIK;Nama Lengkap;Golongan;Jumlah TPP\n"
        "3201010101800001;Rina Fiktif;III/c;2500000\n".encode("cp1252")
    )
    return path


def test_validate_names_the_headers_of_a_csv_that_is_no_export(tmp_path: Path) -> None:
    path = _tpp(tmp_path)
    done = _skp_xl("validate", "--json", str(path))
    [report] = json.loads(done.stdout)["files"]
    [finding] = report["findings"]
    assert (finding["code"], finding.get("sheet"), finding["cell"], finding["severity"]) == (
        Code.EKSPOR_KEPALA_TIDAK_DIKENAL,
        None,
        "A2",
        "error",
    )
    message = finding["message"]
    assert "'tpp januari.csv'" in message
    assert "'NIK', 'Nama Lengkap', 'Golongan', 'Jumlah TPP'" in message
    assert "nip, hasil_kerja, perilaku_kerja" in message  # what it should have been
    assert "TPP" in message
    assert "keluarkan" in message
    assert done.returncode == 2  # not an input validate can check, as a PDF is not


def test_consolidate_lists_a_csv_that_is_no_export_with_its_headers(tmp_path: Path) -> None:
    folder = tmp_path / "instansi"
    folder.mkdir()
    shutil.copy(ANNUAL, folder)
    (folder / "alamat.txt").write_text("Nama,Alamat\nBudi Fiktif,Jl. Mawar 1\n", "utf-8")
    done = _skp_xl(
        "consolidate", str(folder), "-o", str(tmp_path / "r.xlsx"), "--json", "--tanpa-cache"
    )
    assert done.returncode == 0, done.stderr
    skipped = json.loads(done.stdout)["skipped"]
    assert [(Path(s["path"]).name, s["code"]) for s in skipped] == [
        ("alamat.txt", Code.EKSPOR_KEPALA_TIDAK_DIKENAL)
    ]
    alone = tmp_path / "hanya"
    alone.mkdir()
    _tpp(alone)
    done = _skp_xl("consolidate", str(alone), "-o", str(tmp_path / "s.xlsx"), "--tanpa-cache")
    assert done.returncode == 1
    said = " ".join(done.stdout.split())
    assert "'NIK', 'Nama Lengkap'" in said
    assert "(ekspor-kepala-tidak-dikenal)" in said
    assert "berkas-rusak" not in said
    assert "berkas-dilewati" not in said
