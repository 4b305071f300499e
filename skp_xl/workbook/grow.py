"""Grow an SKP workbook: more hasil kerja blocks or IKI rows, every input carried over.

openpyxl cannot insert rows keeping defined names, validations and formulas, so the grown
workbook is rendered anew from the form descriptions with more room, and what was typed in
its input (unlocked) cells is copied to the same place in the new layout. The tables are
found in both by :func:`skp_xl.workbook.fill.table`, the one table locator.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from openpyxl import Workbook

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import SiklusEvaluasi, normalize_siklus
from skp_xl.errors import GrowError
from skp_xl.forms.catalog import SKP_TABLE, workbook_spec
from skp_xl.forms.model import TabelHasilKerja, TemplateId, WorkbookSpec
from skp_xl.reader.tables import Table
from skp_xl.workbook import fill
from skp_xl.workbook.writer import Options, build_workbook

__all__ = ["GrowError", "grow_workbook"]


def _siklus(wb: Workbook) -> SiklusEvaluasi:
    """The workbook's evaluation cycle; quarterly when ``_meta`` predates months (1.0)."""
    try:
        sheet, cell = fill.named(wb, "META_PERIODE_EVALUASI")
        return normalize_siklus(wb[sheet][cell].value)
    except (KeyError, InvalidValueError):
        return SiklusEvaluasi.TRIWULANAN


def _grown_spec(wb: Workbook, *, utama: int, tambahan: int, iki: int) -> WorkbookSpec:
    """The workbook's form descriptions with its current room plus what is asked."""
    try:
        sheet, cell = fill.named(wb, "META_TEMPLATE_ID")
        template = str(wb[sheet][cell].value)
        parsed = TemplateId.parse(template)
        # The Matriks Peran Hasil is an skp-xl workbook too, but has no SKP table to grow.
        if parsed is None or parsed.jenis is None or parsed.pendekatan is None:
            raise ValueError(f"templat '{template}'")
        jenis, pendekatan = parsed.jenis, parsed.pendekatan
        skp = fill.table(wb, SKP_TABLE)
    except (KeyError, ValueError) as error:
        raise GrowError(
            f"Buku kerja ini bukan SKP buatan skp-xl ({error}); baris hanya dapat ditambahkan "
            "pada SKP yang dibuat dengan 'skp-xl new' atau templatnya."
        ) from error
    spec = workbook_spec(jenis, pendekatan, _siklus(wb))
    form = spec.forms[0]
    assert form.tabel is not None
    if iki and form.tabel.narasi:
        raise GrowError(
            "SKP pendekatan kualitatif tidak memakai baris IKI: ukuran keberhasilan ditulis "
            "sebagai narasi di bawah setiap hasil kerja."
        )
    iki_rows = form.tabel.baris_per_rhk

    def grown(table: TabelHasilKerja) -> TabelHasilKerja:
        rows = table.baris_per_rhk
        if table.baris_per_rhk == iki_rows and not table.narasi:
            rows = skp.rows_per_block + iki
        return replace(
            table,
            utama=skp.utama + utama,
            tambahan=skp.tambahan + tambahan,
            baris_per_rhk=rows,
        )

    forms = tuple(
        replace(
            f,
            blok=tuple(grown(b) if isinstance(b, TabelHasilKerja) else b for b in f.blok),
        )
        for f in spec.forms
    )
    return replace(spec, forms=forms)


def _render(spec: WorkbookSpec) -> Workbook:
    """A blank SKP workbook of the given (grown) form descriptions; its protection is
    replaced by :func:`grow_workbook` with that of the workbook being grown."""
    assert spec.jenis is not None
    assert spec.pendekatan is not None
    return build_workbook(Options(spec.jenis, spec.pendekatan), spec=spec)


def _target_row(row: int, old: Table | None, new: Table | None) -> int | None:
    """Where an input of row ``row`` goes: blocks keep their number within their section,
    lines their offset; rows below the table move down with it. None: not an input row."""
    if old is None or new is None or row < old.top:
        return row
    if row > old.bottom:
        return row + new.bottom - old.bottom
    starts = [b for b in old.blocks if b <= row]
    if not starts:
        return None
    block = len(starts) - 1
    offset = row - old.blocks[block]
    target = block if block < old.utama else block - old.utama + new.utama
    # A row past its block (or past the grown block) is not an input line.
    if offset >= min(len(old.rows(block)), len(new.rows(target))):
        return None
    return new.row(target, offset)


def grow_workbook(wb: Workbook, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Workbook:
    """A new SKP workbook like ``wb``, with more room, every input carried to its place.

    Hasil kerja blocks are added at the end of their section (``utama``, ``tambahan``);
    ``iki`` adds IKI rows to every block of every table that has one row per IKI. The new
    workbook is rendered from the form descriptions, so formulas, validations, defined
    names, print setup and protection are those of a fresh workbook; what was typed in
    the input (unlocked) cells is copied, and so are each sheet's protection (its
    password hash too), visibility, and the workbook's structure lock. Colours, notes and
    sheets added by hand are not copied.

    Raises:
        GrowError: ``wb`` is not an skp-xl SKP workbook, or IKI rows are asked of a
            kualitatif SKP.
    """
    spec = _grown_spec(wb, utama=utama, tambahan=tambahan, iki=iki)
    new = _render(spec)
    tables = {
        f.sheet: f.tabel.name
        for f in spec.forms
        if f.tabel is not None and f.sheet in wb.sheetnames
    }
    for ws in wb.worksheets:
        if ws.title not in new.sheetnames:
            continue
        target = new[ws.title]
        name = tables.get(ws.title)
        old_table = fill.table(wb, name) if name else None
        new_table = fill.table(new, name) if name else None
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.protection.locked:
                    continue
                to = _target_row(cell.row, old_table, new_table)
                if to is None:
                    continue
                # Value and type as they were: text stays text (a NIP), a formula a formula.
                copied = target.cell(row=to, column=cell.column, value=cell.value)
                copied.data_type = cell.data_type
                if cell.is_date:
                    copied.number_format = cell.number_format
        target.protection = copy.copy(ws.protection)
        target.sheet_state = ws.sheet_state
    new.security = copy.copy(wb.security)
    return new
