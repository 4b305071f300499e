"""A big sheet's rows made a slice at a time (a table held compactly, as a consolidation
hands it over) give the workbook its rows given whole (a DataFrame) give."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from skp_xl.batch.tabel import Tabel
from skp_xl.summary import workbook
from skp_xl.summary.data import KolomTabel, bagian, rows_of
from skp_xl.summary.skema import CASCADING_COLUMNS, Cascading
from skp_xl.summary.workbook import STATUS_ORDER, _Files, problems_first, problems_order
from tests.summary.sample import sample_data

STATUSES = ["cocok", "penilai tidak ada", None, " COCOK ", "lain", "tidak cocok", "", "cocok"]


def _cascading(folder: Path) -> pd.DataFrame:
    rows = []
    for i in range(23):
        berkas = str(folder / f"unit {i % 3}" / f"SKP {i % 5}.xlsx") if i % 6 else None
        rows.append(
            (
                berkas,
                f"19850312201001100{i % 9}",
                f"Pegawai {i % 5}",
                "ke atas",
                "SKP JA" if i % 2 else "",
                f"B{18 + i}",
                f"Rencana {i}",
                STATUSES[i % len(STATUSES)],
                "-",
            )
        )
    frame = pd.DataFrame(rows, columns=list(CASCADING_COLUMNS))
    return frame.astype(dict.fromkeys(CASCADING_COLUMNS, "string[pyarrow]"))


def test_problems_order_is_problems_first_of_the_rows(tmp_path: Path) -> None:
    frame = _cascading(tmp_path)
    headers = tuple(str(c) for c in frame.columns)
    order = problems_order(Tabel.dari(frame), headers, Cascading.status, STATUS_ORDER)
    assert order is not None
    expected = problems_first(rows_of(frame, headers), headers, Cascading.status, STATUS_ORDER)
    assert rows_of(frame.iloc[order], headers) == expected
    assert problems_order(Tabel.dari(frame), headers, "Tidak ada", STATUS_ORDER) is None


@pytest.mark.parametrize(
    "berkas",
    [
        "unit a/SKP 1.xlsx",
        "SKP 1.xlsx",
        "unit a/b/SKP 1.xlsx",
        "/elsewhere/SKP 1.xlsx",
        "unit a/",
        "unit a/..",
        "  ",
        None,
        3,
    ],
)
def test_a_files_shown_path_is_made_from_its_folders(tmp_path: Path, berkas: object) -> None:
    files = _Files(tmp_path, tmp_path)
    given = str(tmp_path / berkas) if isinstance(berkas, str) and berkas.strip() else berkas
    if given == str(tmp_path / "/elsewhere/SKP 1.xlsx"):
        given = "/elsewhere/SKP 1.xlsx"
    for _ in range(2):  # worked out, then from the folder kept
        assert files.shown_path(given) == workbook.shown_path(given, tmp_path)
    assert files.shown_path(str(tmp_path)) == workbook.shown_path(str(tmp_path), tmp_path)


def test_held_tables_written_in_slices_are_the_frames_workbook(tmp_path: Path) -> None:
    data = sample_data(tmp_path)
    data = replace(data, cascading=_cascading(tmp_path))
    held = replace(data, pegawai=Tabel.dari(data.pegawai), cascading=Tabel.dari(data.cascading))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(workbook, "IN_MEMORY_ROWS", 0)
        patch.setattr(workbook, "POTONGAN_BARIS", 3)
        workbook.write_summary(tmp_path / "whole.xlsx", data)
        workbook.write_summary(tmp_path / "sliced.xlsx", held)
    with (
        zipfile.ZipFile(tmp_path / "whole.xlsx") as whole,
        zipfile.ZipFile(tmp_path / "sliced.xlsx") as sliced,
    ):
        assert sliced.namelist() == whole.namelist()
        for name in whole.namelist():
            if name != "docProps/core.xml":  # the time it was made
                assert sliced.read(name) == whole.read(name), name


def test_a_held_columns_codes_give_its_cells(tmp_path: Path) -> None:
    frame = sample_data(tmp_path).pegawai
    frame["Angka"] = pd.array([1.5, None, *range(len(frame) - 2)], dtype="Float64")
    frame["Campur"] = pd.Series([True, 1, None, "1", *range(len(frame) - 4)], dtype=object)
    headers = tuple(str(c) for c in frame.columns)
    for table in (Tabel.dari(frame), bagian(frame)):
        source = KolomTabel(table, headers, limit=len(frame) - 1)  # a cut table's rows
        for index, header in enumerate(headers):
            coded = source.kode(index)
            if header == "Campur":  # True and 1: one code, two cells
                assert coded is None
                continue
            assert coded is not None
            codes, cells = coded
            assert [cells[c] for c in codes] == source.column(index), header
