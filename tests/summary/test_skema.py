"""The table models: the one description of each consolidated table's columns."""

from __future__ import annotations

import pandas as pd

from skp_xl.domain.rekap import Penugasan
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodeEvaluasi, Predikat
from skp_xl.summary.data import RINGKASAN_COLUMNS, RINGKASAN_INPUT_COLUMNS
from skp_xl.summary.skema import (
    CASCADING_COLUMNS,
    PEGAWAI_COLUMNS,
    PREDIKAT_COLUMNS,
    TEMUAN_COLUMNS,
    Cascading,
    Pegawai,
    Temuan,
    kolom,
    periksa,
)


def test_a_field_on_the_model_is_its_printed_header() -> None:
    assert (Pegawai.nip, Pegawai.unit_kerja_isian) == ("NIP", "Unit Kerja (isian)")
    assert Temuan.sel == "Sel"


def test_the_headers_are_the_models_in_order() -> None:
    assert TEMUAN_COLUMNS == ("Berkas", "Sheet", "Sel", "Kode", "Tingkat", "Pesan")
    assert PEGAWAI_COLUMNS[:3] == ("NIP", "Nama", "Unit Kerja")
    assert PEGAWAI_COLUMNS[-3:] == ("Keterangan", "Galat", "Berkas")
    assert len(PEGAWAI_COLUMNS) == len(set(PEGAWAI_COLUMNS)) == 24
    assert kolom(Cascading) == CASCADING_COLUMNS
    assert CASCADING_COLUMNS[:3] == ("Berkas", "NIP", "Nama")


def test_the_ringkasan_counts_one_column_per_predikat_best_first() -> None:
    assert tuple(p.value for p in Predikat) == PREDIKAT_COLUMNS
    first = RINGKASAN_INPUT_COLUMNS.index(Predikat.SANGAT_BAIK.value)
    assert RINGKASAN_INPUT_COLUMNS[first : first + 5] == PREDIKAT_COLUMNS
    assert set(RINGKASAN_INPUT_COLUMNS) < set(RINGKASAN_COLUMNS)


def test_closed_lists_come_from_the_vocabularies() -> None:
    columns = Pegawai.to_schema().columns

    def allowed(column: str) -> list[object]:
        [check] = [c for c in columns[column].checks if c.name == "isin"]
        return sorted(check.statistics["allowed_values"])

    assert allowed(Pegawai.jenis_jabatan) == sorted(j.value for j in JenisJabatan)
    assert allowed(Pegawai.pendekatan) == sorted(p.value for p in Pendekatan)
    # Exports add the months of e-Kinerja's monthly reports.
    periods = [p.value for p in PeriodeEvaluasi]
    assert allowed(Pegawai.periode) == sorted(periods)
    assert allowed(Pegawai.penugasan) == sorted(p.value for p in Penugasan)


def test_a_label_outside_its_list_fails_at_its_row_and_column() -> None:
    frame = pd.DataFrame(
        {
            "Berkas": ["a.xlsx", "b.xlsx"],
            "Sheet": ["SKP", ""],
            "Sel": ["D7", ""],
            "Kode": ["nip-rusak", "Bukan Kode"],
            "Tingkat": ["Galat", "Parah"],
            "Pesan": ["NIP salah.", "x"],
        },
        index=[2, 3],
    )
    failures = periksa(Temuan, frame)
    assert sorted(zip(failures["index"], failures["column"], strict=True)) == [
        (3, "Kode"),
        (3, "Tingkat"),
    ]
    assert periksa(Temuan, frame.loc[[2]]).empty
