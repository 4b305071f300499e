"""The writer records each hasil kerja table as the reader's one table type, and records
what the reader then locates in the saved workbook: one rule of where a table keeps its
cells, checked from both ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import MANUAL_IKI_TABLE, SKP_TABLE, workbook_spec
from skp_xl.forms.model import TabelHasilKerja
from skp_xl.reader.snapshot import open_snapshot
from skp_xl.reader.tables import Table, columns_by_key, locate
from skp_xl.reader.triage import triage
from skp_xl.workbook.blocks import render_workbook
from skp_xl.workbook.kit import RenderContext

TEMPLATES = [(jenis, pendekatan) for jenis in JenisJabatan for pendekatan in Pendekatan]


def _written(jenis: JenisJabatan, pendekatan: Pendekatan, path: Path) -> dict[str, Table]:
    """Render the workbook as ``build_workbook`` does, save it, and return the tables the
    writer recorded."""
    spec = workbook_spec(jenis, pendekatan)
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ctx = RenderContext(wb, spec)
    render_workbook(spec, ctx, ref_password=None)
    wb.save(path)
    return ctx.tables


@pytest.mark.parametrize(
    ("jenis", "pendekatan"), TEMPLATES, ids=lambda v: str(getattr(v, "value", v)).lower()
)
def test_every_table_the_writer_records_is_the_table_located_in_the_saved_file(
    jenis: JenisJabatan, pendekatan: Pendekatan, tmp_path: Path
) -> None:
    path = tmp_path / "skp.xlsx"
    written = _written(jenis, pendekatan, path)
    snapshot = open_snapshot(path, triage(path))
    assert SKP_TABLE in written
    assert (MANUAL_IKI_TABLE in written) is (jenis is JenisJabatan.JPT)
    for name, table in written.items():
        assert locate(snapshot, name) == table, name


@pytest.mark.parametrize(
    ("jenis", "pendekatan"), TEMPLATES, ids=lambda v: str(getattr(v, "value", v)).lower()
)
def test_every_column_of_a_written_table_is_found_by_its_key(
    jenis: JenisJabatan, pendekatan: Pendekatan, tmp_path: Path
) -> None:
    # The writer's formulas and the reader both find columns through columns_by_key; a
    # form whose titles collide would lose a key here.
    written = _written(jenis, pendekatan, tmp_path / "skp.xlsx")
    spec = workbook_spec(jenis, pendekatan)
    forms = [f.tabel for f in (*spec.front, *spec.forms, *spec.back)]
    described = {form.name: form for form in forms if isinstance(form, TabelHasilKerja)}
    assert set(described) == set(written)
    for name, form in described.items():
        if not form.narasi:
            keys = set(columns_by_key(written[name], form))
            assert keys == {k.key for k in form.kolom}, name
