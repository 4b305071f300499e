"""Reading ratings tables the way Excel and people save them."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.domain.errors import InvalidValueError
from skp_xl.tabular import read_ratings_csv


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "tabel.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_semicolons_bom_and_header_variants(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeffNama Pegawai;NIP;Rating Hasil Kerja;Rating Perilaku Kerja;Jenjang Jabatan\n"
        "Andi;198503122010011003;Sesuai;Sesuai;Ahli Muda\n\n;;;;\n",
    )
    [row] = read_ratings_csv(path)
    assert row.nomor == 2
    assert row.entri.nama == "Andi"
    assert row.entri.jenjang == "Ahli Muda"
    assert row.entri.sel == {
        "nama": "A2",
        "nip": "B2",
        "rating_hasil_kerja": "C2",
        "rating_perilaku": "D2",
        "jenjang": "E2",
    }


def test_windows_ansi_file_is_read(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "nama,nip,rating_hasil_kerja,rating_perilaku\nJosé,198503122010011003,Sesuai,Sesuai\n",
        "cp1252",
    )
    assert read_ratings_csv(path)[0].entri.nama == "José"


def test_short_rows_read_missing_cells_as_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "nama,nip,rating_hasil_kerja,rating_perilaku\nAndi,1\n")
    entri = read_ratings_csv(path)[0].entri
    assert (entri.rating_hasil_kerja, entri.rating_perilaku) == (None, None)


@pytest.mark.parametrize(
    ("text", "code"),
    [("", "csv-kosong"), ("nama;nip\n", "csv-kolom-hilang")],
)
def test_bad_tables_are_refused_with_a_code(tmp_path: Path, text: str, code: str) -> None:
    with pytest.raises(InvalidValueError) as caught:
        read_ratings_csv(write(tmp_path, text))
    assert caught.value.code == code
    assert "tabel.csv" in caught.value.message


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidValueError) as caught:
        read_ratings_csv(tmp_path)
    assert caught.value.code == "csv-tidak-terbaca"
