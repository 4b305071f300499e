"""The Pegawai table made, checked and held a slice of workbooks at a time (and the
Cascading table a slice of rows at a time) gives the same tables and findings, in the
same order, as each whole table made at once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from skp_xl.batch import konsolidasi as konsolidasi_module
from skp_xl.batch.berkas import HasilBerkas
from skp_xl.batch.konsolidasi import Opsi, rangkum
from skp_xl.batch.skema import KODE
from skp_xl.batch.tabel import Tabel
from skp_xl.domain.codes import Code
from skp_xl.samples import generate_agency
from skp_xl.summary.skema import PEGAWAI_COLUMNS, Pegawai
from tests.batch.hasil import baca, di_disk, sama

SAMPLES = Path(__file__).parents[2] / "samples"
SKEMA = {
    Code.SKEMA_PREDIKAT.value,
    Code.SKEMA_NIP.value,
    Code.SKEMA_RATING_PERILAKU.value,
    Code.SKEMA_ANGKA_KREDIT.value,
}


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("instansi")
    generate_agency(root, pegawai=12, seed=7, masalah=True, jobs=1)
    return root


def _spoilt(hasil: list[HasilBerkas]) -> list[HasilBerkas]:
    """Values the schema refuses in several columns of several files, far apart: their
    findings' order (by column, then check, then row) spans the slices."""
    rated = [i for i, h in enumerate(hasil) if h.periode]
    first, middle, last = rated[0], rated[len(rated) // 2], rated[-1]
    out = list(hasil)
    for at, changes in (
        (last, {"predikat": "Luar Biasa Sekali"}),
        (first, {"rating_perilaku": "Hebat", "angka_kredit": -1.0}),
        (middle, {"predikat": "Sangat Luar Biasa"}),
    ):
        h = out[at]
        out[at] = replace(h, periode=(replace(h.periode[0], **changes), *h.periode[1:]))
    h = out[middle]
    out[middle] = replace(h, identitas={**h.identitas, "nip": "12345"})
    return out


@pytest.mark.parametrize("disk", [False, True], ids=["memori", "disk"])
def test_slices_of_workbooks_give_the_whole_tables_and_findings_in_order(
    agency: Path, disk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    hasil, notes = baca(agency)
    hasil = _spoilt(hasil)
    whole = rangkum(agency, hasil, list(notes), Opsi(cache=False))  # type: ignore[arg-type]
    codes = whole.temuan.iloc[:, 3].tolist()
    assert set(codes) >= SKEMA
    # As pandera gives them for the whole table: by column, then row.
    column_of = {code.value: PEGAWAI_COLUMNS.index(column) for column, code in KODE.items()}
    files = whole.pegawai[Pegawai.berkas].tolist()
    found = whole.temuan[whole.temuan.iloc[:, 3].isin(SKEMA)]
    pairs = zip(found.iloc[:, 0], found.iloc[:, 3], strict=True)
    order = [(column_of[code], files.index(path)) for path, code in pairs]
    assert order == sorted(order)
    assert len({row for _, row in order}) == 3
    for size in (1, 2, 5):
        monkeypatch.setattr(konsolidasi_module, "_IRISAN", size)
        monkeypatch.setattr(konsolidasi_module, "POTONGAN", size + 2)  # cascading rows
        given = di_disk(hasil) if disk else hasil
        sliced = rangkum(agency, given, list(notes), Opsi(cache=False))  # type: ignore[arg-type]
        sama(whole, sliced)
        placed = sliced.temuan[sliced.temuan.iloc[:, 3].isin(SKEMA)]
        assert (placed.iloc[:, 0] != "").all()  # each at its file


@pytest.mark.parametrize("folder", ["ekinerja", "instansi", "bermasalah"])
def test_export_and_roster_rows_join_the_workbooks_slices(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = SAMPLES / folder
    hasil, notes = baca(root)
    whole = rangkum(root, hasil, list(notes), Opsi(cache=False))  # type: ignore[arg-type]
    monkeypatch.setattr(konsolidasi_module, "_IRISAN", 3)
    monkeypatch.setattr(konsolidasi_module, "POTONGAN", 4)
    sama(whole, rangkum(root, hasil, list(notes), Opsi(cache=False)))  # type: ignore[arg-type]


def test_no_rows_at_all_is_one_empty_table() -> None:
    made = rangkum(Path("kosong"), [], [], Opsi(cache=False))
    assert len(made.pegawai) == 0
    assert list(made.pegawai.columns) == list(PEGAWAI_COLUMNS)


def test_joined_tables_are_held_as_the_frames_joined_would_be() -> None:
    arrow_text = pd.arrays.ArrowStringArray(pa.array(["x", "y", None], type=pa.large_string()))
    first = pd.DataFrame(
        {
            "t": arrow_text,
            "f": pd.array([1.5, None, 2.0], dtype="Float64"),
            "i": pd.array([1, 2, None], dtype="Int64"),
            "o": pd.Series([1, "a", None], dtype=object),
        }
    )
    # Text of values not all text is pandas' own string dtype, not Arrow's.
    second = pd.DataFrame(
        {
            "t": pd.array(["z", None], dtype="string[python]"),
            "f": pd.array([None, 3.0], dtype="Float64"),
            "i": pd.array([5, 6], dtype="Int64"),
            "o": pd.Series([2.0, "b"], dtype=object),
        }
    )
    empty = first.iloc[:0].reset_index(drop=True)
    joined = Tabel.sambung([Tabel.dari(first), Tabel.dari(empty), Tabel.dari(second)])
    expected = pd.DataFrame(
        {
            "t": pd.array(["x", "y", None, "z", None], dtype="string"),
            "f": pd.array([1.5, None, 2.0, None, 3.0], dtype="Float64"),
            "i": pd.array([1, 2, None, 5, 6], dtype="Int64"),
            "o": pd.Series([1, "a", None, 2.0, "b"], dtype=object),
        }
    )
    pd.testing.assert_frame_equal(joined.frame(), expected)
    same_kind = Tabel.sambung([Tabel.dari(first), Tabel.dari(first)])
    pd.testing.assert_frame_equal(same_kind.frame(), pd.concat([first, first], ignore_index=True))
    assert same_kind.frame()["t"].dtype == first["t"].dtype  # Arrow's text stays Arrow's


def test_tables_of_other_columns_are_not_joined() -> None:
    a = Tabel.dari(pd.DataFrame({"a": [1]}))
    b = Tabel.dari(pd.DataFrame({"b": [1]}))
    with pytest.raises(ValueError, match="other columns"):
        Tabel.sambung([a, b])
    with pytest.raises(ValueError, match="no tables"):
        Tabel.sambung([])


def test_joined_dictionaries_take_rows_across_parts_past_a_narrow_index() -> None:
    # Each part's texts fit an 8-bit index; the two together do not.
    parts = [
        pd.DataFrame({"t": pd.array([f"{p}-{i % 100}" for i in range(500)], dtype="string")})
        for p in "ab"
    ]
    joined = Tabel.sambung([Tabel.dari(part) for part in parts])
    whole = pd.concat(parts, ignore_index=True)
    rows = [0, 999, 499, 500, 17]
    taken = joined.baris(rows)
    pd.testing.assert_frame_equal(taken, whole.iloc[rows].reset_index(drop=True))
    pd.testing.assert_frame_equal(joined.frame(), whole)
