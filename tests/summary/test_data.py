"""Turning the consolidation's DataFrame cells into the values the summary writes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

from skp_xl.domain.vocabulary import Predikat
from skp_xl.errors import SummaryDataError
from skp_xl.summary.data import (
    RINGKASAN_COLUMNS,
    cell_value,
    headers_of,
    nip_text,
    rows_of,
)
from skp_xl.summary.skema import PREDIKAT_COLUMNS


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (float("nan"), None),
        (pd.NA, None),
        (pd.NaT, None),
        ("", None),
        ("  ", None),
        ("Baik", "Baik"),
        ("Ba\x0bik\x00", "Baik"),
        ("\x0b", None),
        (Predikat.BAIK, "Baik"),
        (np.int64(7), 7),
        (np.float64(12.5), 12.5),
        (np.float64("inf"), None),
        (Decimal("6.25"), 6.25),
        (Decimal("5"), 5),
        (True, "Ya"),
        (np.bool_(False), "Tidak"),
        (dt.date(2025, 12, 31), "2025-12-31"),
        (pd.Timestamp("2025-12-31"), "2025-12-31"),
        (dt.datetime(2025, 12, 31, 8, 30), "2025-12-31 08:30:00"),
    ],
)
def test_cell_value(value: object, expected: object) -> None:
    result = cell_value(value)
    assert result == expected
    assert type(result) is type(expected)


def test_a_nip_given_as_a_number_becomes_its_18_digits() -> None:
    assert nip_text(198503122010011001) == "198503122010011001"
    assert nip_text(1.985031220100110e17) == "198503122010011008"  # already rounded: as given
    assert nip_text("198503122010011001") == "198503122010011001"
    assert nip_text(None) is None


def test_rows_make_the_nip_column_text() -> None:
    frame = pd.DataFrame({"NIP": [198503122010011001], "Nama": ["Andi"]})
    assert rows_of(frame, headers_of(frame, "pegawai")) == [["198503122010011001", "Andi"]]


def test_rows_share_a_text_column_s_equal_values_and_keep_other_cells_as_they_are() -> None:
    frame = pd.DataFrame(
        {
            "Unit": pd.array(["Biro A", "Biro A", None, " "], dtype="string"),
            "Nilai": [1, True, 1.0, None],  # equal keys, different cells
            "NIP": pd.array(["198001012000011001", None, "198001012000011001", "x"]),
        }
    )
    rows = rows_of(frame, ("Unit", "Nilai", "NIP"))
    assert rows == [
        ["Biro A", 1, "198001012000011001"],
        ["Biro A", "Ya", None],
        [None, 1.0, "198001012000011001"],
        [None, None, "x"],
    ]
    assert [type(row[1]) for row in rows[:3]] == [int, str, float]
    # One text for a value on many rows (each would be its own, read from the column).
    assert rows[0][0] is rows[1][0]
    assert rows[0][2] is rows[2][2]


def test_a_frame_without_columns_takes_the_default_headers() -> None:
    assert headers_of(pd.DataFrame(), "temuan", ("Berkas", "Kode")) == ("Berkas", "Kode")


@pytest.mark.parametrize("columns", [["NIP", "NIP"], ["NIP", "nip"], ["NIP", " "], ["NIP", None]])
def test_blank_or_repeated_headers_are_refused(columns: list[object]) -> None:
    frame = pd.DataFrame([[1, 2]], columns=columns)
    with pytest.raises(SummaryDataError):
        headers_of(frame, "pegawai")


def test_the_ringkasan_columns_follow_the_predikat_enum() -> None:
    assert PREDIKAT_COLUMNS == (
        "Sangat Baik",
        "Baik",
        "Butuh Perbaikan",
        "Kurang/Misconduct",
        "Sangat Kurang",
    )
    expected = (
        "Unit Kerja",
        "Capaian Kinerja Organisasi",
        *PREDIKAT_COLUMNS,
        "Jumlah",
        *(f"% {p}" for p in PREDIKAT_COLUMNS),
        "Pola Distribusi",
        "Aturan yang Dilanggar",
        "Keterangan",
    )
    assert expected == RINGKASAN_COLUMNS
