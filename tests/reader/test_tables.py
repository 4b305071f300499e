"""The one table locator: the same rule on every engine, blocks by merged number cells."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

import openpyxl
import pytest

from skp_xl.forms import text as t
from skp_xl.forms.model import Kolom, TabelHasilKerja
from skp_xl.reader.names import DefinedRange
from skp_xl.reader.snapshot import CalamineEngine, Snapshot
from skp_xl.reader.tables import Table, columns_by_key, locate
from skp_xl.workbook import fill

TEMPLATES = sorted((Path(__file__).parents[2] / "workbook_templates").glob("skp-*.xlsx"))
TABLES = ("SKP_HASIL_KERJA", "MANUAL_IKI", "UMPAN_BALIK_HASIL_KERJA", "EVAL_TW1_HASIL_KERJA")


class GridEngine:
    """A dict-backed engine: one sheet "S" of the given rows, names and merged ranges."""

    def __init__(
        self,
        rows: Sequence[Sequence[object]],
        names: Mapping[str, tuple[int, int, int, int]],
        merged: Sequence[tuple[int, int, int, int]] = (),
    ) -> None:
        self._rows = rows
        self._names = {n: DefinedRange(n, "S", *bounds) for n, bounds in names.items()}
        self._merged = merged

    def names(self) -> Mapping[str, DefinedRange]:
        return self._names

    def rows(self, sheet: str) -> Sequence[Sequence[object]]:
        assert sheet == "S"
        return self._rows

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        return self._merged


def _grid_table(merged: Sequence[tuple[int, int, int, int]]) -> Table | None:
    rows: list[list[object]] = [
        ["Judul"],
        ["NO", "RENCANA HASIL KERJA", "Arah (kosong = menurut aspek)", "RENCANA HASIL KERJA"],
        ["(1)", "(2)", "(3)"],
        [t.UTAMA],
        ["=1", "a"],
        [None, "b"],
        [None, "c"],
        ["=2"],
        [None],
        [t.TAMBAHAN],
        ["=3"],
        [None],
    ]
    return locate(Snapshot("grid", GridEngine(rows, {"BODY": (4, 1, 12, 3)}, merged)), "BODY")


def test_blocks_are_the_merged_number_cells_even_of_unequal_height() -> None:
    # The first block has a row inserted by hand: its merge grew with it.
    table = _grid_table([(5, 1, 7, 1), (8, 1, 9, 1), (11, 1, 12, 1), (2, 2, 2, 3)])
    assert table is not None
    assert (table.top, table.bottom, table.header_row) == (4, 12, 2)
    assert (table.blocks, table.ends, table.utama, table.tambahan) == ((5, 8, 11), (7, 9, 12), 2, 1)
    assert [table.rows(b) for b in range(3)] == [range(5, 8), range(8, 10), range(11, 13)]
    assert table.tambahan_row == 10
    assert table.cell("Arah", 0, 2) == ("S", "C7")
    with pytest.raises(IndexError):
        table.row(1, 2)


def test_without_merged_cells_each_row_but_the_section_labels_is_a_block() -> None:
    table = _grid_table([])
    assert table is not None
    assert table.blocks == table.ends == (5, 6, 7, 8, 9, 11, 12)
    assert table.utama == 5


def test_the_header_row_skips_column_numbers_and_a_repeated_header_keeps_its_first_column() -> None:
    table = _grid_table([])
    assert table is not None
    assert table.columns == {
        "NO": 1,
        "RENCANA HASIL KERJA": 2,
        "Arah (kosong = menurut aspek)": 3,
    }


def test_columns_by_key_match_headers_to_the_form_titles_without_case_or_spacing() -> None:
    table = _grid_table([])
    assert table is not None
    kolom = (
        Kolom("no", "No", 5),
        Kolom("rhk", "Rencana  Hasil Kerja", 30),
        Kolom("arah", "Arah (kosong = menurut aspek)", 10),
        Kolom("satuan", "Satuan", 10),  # not in the table: no key
    )
    form = TabelHasilKerja(kolom, 3, 2, 1, "BODY")
    assert columns_by_key(table, form) == {"no": 1, "rhk": 2, "arah": 3}
    narasi = TabelHasilKerja(kolom, 3, 2, 1, "BODY", narasi=True)
    assert columns_by_key(table, narasi) == {"no": 1, "hasil_kerja": 2}


def test_a_missing_name_is_not_a_table() -> None:
    assert locate(Snapshot("grid", GridEngine([], {})), "BODY") is None


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.stem)
def test_a_file_and_its_openpyxl_workbook_locate_the_same_tables(template: Path) -> None:
    on_file = Snapshot(str(template), CalamineEngine(template))
    wb = openpyxl.load_workbook(template)
    in_memory = Snapshot(str(template), fill.WorkbookEngine(wb))
    located = {name: locate(on_file, name) for name in TABLES}
    assert located["SKP_HASIL_KERJA"] is not None
    assert located["EVAL_TW1_HASIL_KERJA"] is not None
    assert located == {name: locate(in_memory, name) for name in TABLES}


def test_locating_in_an_openpyxl_workbook_leaves_it_as_it_was() -> None:
    wb = openpyxl.load_workbook(TEMPLATES[0])
    _sheets(wb)  # openpyxl's first save of a loaded workbook adds defaults of its own
    before = _sheets(wb)
    for name in TABLES:
        if name in wb.defined_names:
            fill.table(wb, name)
    assert _sheets(wb) == before


def _sheets(wb: openpyxl.Workbook) -> dict[str, bytes]:
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        return {n: saved.read(n) for n in saved.namelist() if n.startswith("xl/worksheets/")}
