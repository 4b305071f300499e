"""A subordinate's SKP from the matriks: file names a person finds, roles placed, nothing
typed overwritten (the add-in's Buat SKP Bawahan goes through these; tests/addin covers
the button)."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from skp_xl.domain.vocabulary import Pendekatan
from skp_xl.forms import text as t
from skp_xl.forms.catalog import SKP_TABLE
from skp_xl.reader.matriks import Bawahan
from skp_xl.workbook import fill
from skp_xl.workbook.bawahan import (
    berkas_bawahan,
    nama_berkas,
    tempatkan_peran,
    tulis_skp_bawahan,
)

NIP = "199003172015031002"
IDENTITAS: dict[str, str | int] = {"SKP_TAHUN": 2026, "PENILAI_NAMA": "Fitri Handayani"}


def test_file_name_has_year_nip_and_name_without_characters_windows_refuses() -> None:
    assert nama_berkas(2026, NIP, 'Dimas "Aryo"/N') == f"SKP 2026 {NIP} Dimas AryoN.xlsx"
    assert nama_berkas("", None, "Dimas") == "SKP Dimas.xlsx"


def test_an_existing_workbook_is_found_by_nip_even_when_renamed(tmp_path: Path) -> None:
    renamed = tmp_path / f"SKP 2026 {NIP} punya saya.xlsx"
    renamed.touch()
    assert berkas_bawahan(tmp_path, 2026, NIP, "Dimas") == renamed
    assert berkas_bawahan(tmp_path, 2026, None, "Dimas") is None


def test_more_roles_than_blocks_grow_the_workbook_and_a_second_run_writes_nothing_again(
    tmp_path: Path,
) -> None:
    peran = [(f"IKI pimpinan {i}", f"Rencana hasil kerja {i}") for i in range(12)]
    person = Bawahan("Dimas Aryo", NIP, "Analis Kebijakan Ahli Muda", peran)
    made = tulis_skp_bawahan(tmp_path, person, IDENTITAS, pendekatan=Pendekatan.KUANTITATIF)
    assert (made.dibuat, made.ditulis, made.sudah_ada) == (True, 12, 0)
    assert made.path.name == f"SKP 2026 {NIP} Dimas Aryo.xlsx"
    wb = load_workbook(made.path)
    table = fill.table(wb, SKP_TABLE)
    assert table.utama == 12
    sheet, cell = table.cell(t.RENCANA_HASIL_KERJA, 11)
    assert wb[sheet][cell].value == "Rencana hasil kerja 11"
    assert wb[fill.named(wb, "PEGAWAI_NIP")[0]][fill.named(wb, "PEGAWAI_NIP")[1]].value == NIP

    again = tulis_skp_bawahan(tmp_path, person, IDENTITAS)
    assert (again.path, again.dibuat, again.ditulis, again.sudah_ada) == (made.path, False, 0, 12)


def test_a_role_the_pegawai_reworded_is_not_written_twice(tmp_path: Path) -> None:
    person = Bawahan("Dimas Aryo", NIP, "Analis", [("IKI pimpinan", "Rencana awal")])
    path = tulis_skp_bawahan(tmp_path, person, IDENTITAS).path
    wb = load_workbook(path)
    table = fill.table(wb, SKP_TABLE)
    fill.put(wb, table.cell(t.RENCANA_HASIL_KERJA, 0), "Rencana yang ditulis ulang pegawai")
    assert tempatkan_peran(wb, person.peran) == (0, 1)
    sheet, cell = table.cell(t.RENCANA_HASIL_KERJA, 0)
    assert wb[sheet][cell].value == "Rencana yang ditulis ulang pegawai"
