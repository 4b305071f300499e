"""The PivotTable's cache columns, their type flags and the counts it shows."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest
from openpyxl.pivot.cache import CacheField, CacheSource, SharedItems, WorksheetSource
from openpyxl.pivot.fields import Index, Missing, Number, Text
from openpyxl.pivot.record import Record, RecordList
from openpyxl.xml.functions import tostring

from skp_xl.summary import pivot
from skp_xl.summary.data import Cell
from skp_xl.summary.pivot import (
    CacheColumn,
    Records,
    cache_column,
    cache_column_kode,
    crosstab,
    shared_items,
)


def test_items_follow_the_given_order_then_first_appearance_then_blank() -> None:
    column = cache_column(
        "Predikat",
        ["Baik", None, "Cukup", "Sangat Baik", "Baik"],
        ["Sangat Baik", "Baik", "Kurang"],
    )
    assert column.items == ("Sangat Baik", "Baik", "Cukup", None)
    assert list(column.indexes) == [1, 3, 2, 0, 1]


def test_equal_numbers_share_an_item_but_text_digits_do_not() -> None:
    column = cache_column("Angka", [1, 1.0, "1", 2.5])
    assert column.items == (1, "1", 2.5)
    assert list(column.indexes) == [0, 0, 1, 2]


@pytest.mark.parametrize("order", [(), ("Sangat Baik", "Baik", "Kurang")])
def test_a_column_from_codes_is_the_column_from_its_cells(order: tuple[str, ...]) -> None:
    """As a held column gives it: each row's code into the distinct values (some unused,
    some equal as keys: 1 and 1.0), a blank's code -1 (the last cell)."""
    distinct: list[Cell] = ["Cukup", "Baik", 1, 1.0, "1", 2.5, "Sangat Baik", "tak dipakai"]
    cells = [*distinct, None]
    codes = np.array([1, -1, 2, 0, 3, 1, 4, 5, -1, 6, 2])
    values = [cells[c] for c in codes]
    made = cache_column_kode("x", codes, cells, order)
    expected = cache_column("x", values, order)
    assert made == expected
    assert [type(v) for v in made.items] == [type(v) for v in expected.items]
    assert cache_column_kode("x", np.array([], dtype=np.int64), [None], order) == cache_column(
        "x", [], order
    )


@pytest.mark.parametrize("order", [(), ("Sangat Baik", "Baik", "Kurang")])
def test_a_column_of_unequal_texts_from_codes_is_the_column_from_its_cells(
    order: tuple[str, ...],
) -> None:
    """As a large summary's file and NIP columns come (every text its own): the same
    items, in the same order, and the same indexes as from the cells; two blank cells (a
    blank value's and the code -1's) one item, last."""
    cells: list[Cell] = ["b/2.xlsx", "Baik", None, "a/1.xlsx", "tak dipakai", "Sangat Baik", None]
    codes = np.array([3, -1, 1, 0, 2, 5, 3, 1, -1, 0])
    made = cache_column_kode("x", codes, cells, order)
    expected = cache_column("x", [cells[c] for c in codes], order)
    assert made == expected
    assert made.items[-1] is None
    no_blank = np.array([0, 3, 0])
    assert cache_column_kode("x", no_blank, cells, order) == cache_column(
        "x", [cells[c] for c in no_blank], order
    )


def _flags(values: list[Cell]) -> dict[str, str]:
    element = shared_items(cache_column("x", values)).to_tree()
    return {k: v for k, v in element.attrib.items() if k != "count"}


@pytest.mark.parametrize(
    ("values", "flags"),
    [
        (["a", "b"], {}),
        (["a", None], {"containsBlank": "1"}),
        (
            [3, 5],
            {
                "containsNumber": "1",
                "containsInteger": "1",
                "containsString": "0",
                "containsSemiMixedTypes": "0",
                "minValue": "3",
                "maxValue": "5",
            },
        ),
        (
            [12.5, None, 3],
            {
                "containsNumber": "1",
                "containsString": "0",
                "containsBlank": "1",
                "minValue": "3",
                "maxValue": "12.5",
            },
        ),
        (
            ["a", 2],
            {
                "containsNumber": "1",
                "containsInteger": "1",
                "containsMixedTypes": "1",
                "minValue": "2",
                "maxValue": "2",
            },
        ),
        ([None], {"containsNonDate": "0", "containsString": "0", "containsBlank": "1"}),
        (["a" * 255], {}),
        (["a" * 256, "b"], {"longText": "1"}),
    ],
)
def test_shared_items_flags_describe_their_values(
    values: list[Cell], flags: dict[str, str]
) -> None:
    assert _flags(values) == flags


def test_shared_items_list_each_value_with_its_type() -> None:
    xml = tostring(shared_items(CacheColumn("x", ("a", 2.5, None), (0, 1, 2))).to_tree())
    assert xml.decode().endswith('"><s v="a" /><n v="2.5" /><m /></sharedItems>')


def test_crosstab_counts_non_blank_values_and_leaves_empty_pairs_empty() -> None:
    units = cache_column("Unit", ["U1", "U1", "U2", "U2"])
    predikat = cache_column("Predikat", ["Baik", "Baik", "Baik", None])
    table = crosstab(units, predikat, ["nip1", "nip2", None, "nip4"])
    assert table.rows == ("U1", "U2")
    assert table.cols == ("Baik", None)
    assert table.counts == ((2, None), (0, 1))
    assert table.row_totals == (2, 1)
    assert table.col_totals == (2, 1)


def test_crosstab_of_selected_rows_shows_only_their_items() -> None:
    units = cache_column("Unit", ["U1", "U2", "U3"])
    predikat = cache_column("Predikat", ["Baik", "Baik", "Cukup"])
    table = crosstab(units, predikat, ["a", "b", "c"], selected=[0, 2])
    assert (table.rows, table.row_x) == (("U1", "U3"), (0, 2))
    assert (table.cols, table.col_x) == (("Baik", "Cukup"), (0, 1))
    assert table.counts == ((1, None), (None, 1))


@pytest.mark.parametrize("made", [4096, 3, 0], ids=["all-made", "last-made", "none-made"])
def test_records_are_the_bytes_openpyxl_writes_for_them(
    made: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each item's tag made once, or a column's made as its rows are written (one of
    many items: a large summary's NIP and file columns), the first, a middle or the
    last column: the same bytes."""
    monkeypatch.setattr(pivot, "_TAG_DIBUAT", made)
    columns = [
        cache_column("Unit", ["A", "B", None, "A", "C"]),
        cache_column("Nilai", [1, 2.5, 3, 1.0, None]),
        cache_column("Predikat", ["Baik", "Baik", "Kurang", None, "Baik"], ["Kurang"]),
    ]
    records = RecordList(
        r=[Record(_fields=[Index(v=c.indexes[n]) for c in columns]) for n in range(5)]
    )
    assert Records(columns).to_xml() == tostring(records.to_tree())
    assert Records(columns).count == 5
    # Written in pieces (a large summary's part is never whole): the same bytes.
    pieces = list(Records(columns).chunks(rows=2))
    assert len(pieces) == 5  # the head, three pieces of records, the tail
    assert b"".join(pieces) == tostring(records.to_tree())


@pytest.mark.parametrize(
    "values",
    [
        ["198001012000011001", "Budi & <Ani>", None, "198001012000011001"],
        [3, 5, 2.5, 1e20, None, True],
        ["1", 1, 0.1, None],
        [None],
    ],
)
def test_shared_items_are_the_elements_openpyxl_writes_for_them(values: list[Cell]) -> None:
    column = cache_column("x", values)
    ours = shared_items(column)
    fields: list[Text | Number | Missing] = [
        Missing() if v is None else Text(v=v) if isinstance(v, str) else Number(v=v)
        for v in column.items
    ]
    flags = {k: v for k, v in vars(ours).items() if k in SharedItems.__attrs__ and k != "count"}
    theirs = SharedItems(_fields=fields, **flags)
    assert tostring(ours.to_tree()) == tostring(theirs.to_tree())


@pytest.mark.parametrize("piece", [None, 10], ids=["whole", "pieces"])
def test_the_definition_written_at_once_is_the_bytes_openpyxl_writes(
    piece: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache definition with its shared items put in as one text (what a large
    summary writes), handed to the zip whole or in pieces of 10 bytes (as a large one's,
    in pieces of a MiB), is the part openpyxl's own serialisation makes, escapes
    included."""
    if piece is not None:
        monkeypatch.setattr(pivot, "_TULIS_DEFINISI", piece)
    columns = [
        cache_column("Nama", ['Budi & <Ani> "x"', "a\nb\tc\rd", "Ñandú ✓", None, "x" * 300]),
        cache_column("Nilai", [1, 2.5, None, 1e20, 3]),
        cache_column("Kosong", [None] * 5),
        cache_column("Satu", ["<skp-xl-items-0 />"] * 5),  # a text like the marker
    ]
    definition = pivot._Definition(
        cacheSource=CacheSource(type="worksheet", worksheetSource=WorksheetSource(name="T")),
        cacheFields=[
            CacheField(name=c.name, numFmtId=0, sharedItems=shared_items(c)) for c in columns
        ],
    )
    definition.records = Records(columns)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        definition._write(archive, [])
    with zipfile.ZipFile(buffer) as archive:
        written = archive.read(definition.path[1:])
    assert written == tostring(definition.to_tree())
    assert b'<s v="Budi &amp; &lt;Ani&gt; &quot;x&quot;" />' in written


def test_shared_items_are_made_and_inflated_in_pieces_as_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large column's items are made a slice at a time and inflated in pieces at the
    save: the same bytes as made whole, and as openpyxl's elements."""
    items: list[Cell] = [f'teks "{i}" & <{i}>' for i in range(50)] + [1.5, 7, None]
    whole = b"".join(pivot._xml_of(items, size=len(items)))
    assert b"".join(pivot._xml_of(items, size=7)) == whole
    monkeypatch.setattr(pivot, "_POTONGAN_XML", 5)
    made = pivot.Items(items)
    pieces = list(made.xml_potongan())
    assert len(pieces) > 3
    assert b"".join(pieces) == made.xml() == whole
    assert made.count == len(items)
