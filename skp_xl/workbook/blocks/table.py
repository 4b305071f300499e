"""Renderer of the hasil kerja table: the SKP's own, and the tables of the evaluation,
umpan balik and Manual IKI sheets that take its rows by formula."""

from __future__ import annotations

from typing import NamedTuple

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from skp_xl.domain.vocabulary import (
    RATING,
)
from skp_xl.forms import text as t
from skp_xl.forms.model import (
    Form,
    Isi,
    Kolom,
    TabelHasilKerja,
)
from skp_xl.reader.tables import Columns, Table, columns_by_key
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.blocks.level import level_kategori_formula
from skp_xl.workbook.kit import (
    HEADER_FILL,
    HELPER_FILL,
    TABLE_ROW,
    WRAP_TOP,
    RenderContext,
    SheetWriter,
    a1,
    define_name,
    ref,
    text_height,
)


class _Source(NamedTuple):
    """The table another one takes its rows from, as its formulas need it."""

    table: Table
    columns: Columns
    ukuran_label: str | None
    """The label printed between a narasi item's hasil kerja and ukuran; None when the
    table is not narasi."""


def tabel(s: SheetWriter, table: TabelHasilKerja) -> None:
    """The hasil kerja table: headers, helper inputs beside it, utama and tambahan blocks.

    Records in ``s.ctx.tables`` the :class:`~skp_xl.reader.tables.Table` written, the
    very value :func:`~skp_xl.reader.tables.locate` finds in the saved workbook.
    """
    printed = [k for k in table.kolom if k.cetak]
    helpers = [k for k in table.kolom if not k.cetak]
    headers: dict[str, int] = {}  # as printed -> column, as the reader finds them
    column = 1
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if table.judul:
        s.put(s.row, 1, table.judul, span=s.width, bold=True)
        s.row += 1
    top = s.row
    if not table.narasi:
        for kolom in printed:
            headers.setdefault(kolom.judul, column)
            column += kolom.span
        _kepala(s, printed)
    else:
        headers[t.HASIL_KERJA] = 1
        s.put(
            s.row,
            1,
            t.HASIL_KERJA,
            span=s.width,
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=Alignment(vertical="center"),
        )
    column = s.helper_start
    if helpers:
        s.put(
            s.row - 1,
            column,
            "ISIAN BANTU (tidak dicetak)",
            span=len(helpers),
            bold=True,
            italic=True,
        )
    for kolom in helpers:
        headers.setdefault(kolom.judul, column)
        s.ws.column_dimensions[get_column_letter(column)].width = kolom.lebar
        s.put(
            s.row,
            column,
            kolom.judul,
            bold=True,
            italic=True,
            border=True,
            fill=HELPER_FILL,
            align=header,
        )
        column += 1
    header_height = max(40, 13.5 * _header_lines(s, table))
    s.ws.row_dimensions[s.row].height = header_height
    s.row += 1
    if table.nomor_kolom and not table.narasi:
        _nomor_kolom(s, printed)
        s.row += 1
    s.header_rows = (top, s.row - 1)

    # The body is laid out before it is written: the "A. UTAMA" row, the utama blocks,
    # the "B. TAMBAHAN" row (with the headers again, in rows of their own when the
    # columns are numbered), the tambahan blocks.
    rows = table.baris_per_rhk
    body_top = s.row
    tambahan_row = body_top + 1 + table.utama * rows
    kepala_ulang = table.kepala_tambahan and table.nomor_kolom and not table.narasi
    tambahan_first = tambahan_row + 1 + (2 if kepala_ulang else 0)
    blocks = tuple(body_top + 1 + i * rows for i in range(table.utama))
    blocks += tuple(tambahan_first + i * rows for i in range(table.tambahan))
    written = Table(
        sheet=s.ws.title,
        top=body_top,
        bottom=tambahan_first - 1 + table.tambahan * rows,
        header_row=top,
        columns=headers,
        blocks=blocks,
        ends=tuple(first + rows - 1 for first in blocks),
        utama=table.utama,
        tambahan_row=tambahan_row,
    )
    columns = columns_by_key(written, table)
    source = _source(s, table)
    # Rows showing a text copied by formula are as tall as the longest text the SKP
    # accepts there needs: no engine grows a row for a formula's text, nor a merged cell
    # (docs/print.md). People may resize rows; `skp-xl cetak` sizes them to the text.
    # The same for every block of the table: measured once.
    height = max(TABLE_ROW, _tinggi_salinan(s, table, columns, source))
    for label, row, indexes in (
        (table.bagian[0], body_top, range(table.utama)),
        (table.bagian[1], tambahan_row, range(table.utama, len(blocks))),
    ):
        span = s.width
        if row == tambahan_row and table.kepala_tambahan and not table.narasi:
            if kepala_ulang:
                s.row = row + 1
                _kepala(s, printed)
                s.ws.row_dimensions[s.row].height = header_height
                s.row += 1
                _nomor_kolom(s, printed)
            else:
                # C.1.1 prints the headers of the other columns in the label's row.
                span = sum(k.span for k in printed[:2])
                s.row = row
                _kepala(s, printed[2:], span + 1)
                s.ws.row_dimensions[row].height = header_height
        if label:
            s.put(
                row,
                1,
                label,
                span=span,
                bold=True,
                border=True,
                align=Alignment(vertical="center"),
            )
        for index in indexes:
            s.row = blocks[index]
            # The repeated headers are text in the numbered column: leave them uncounted.
            gap = (tambahan_row, tambahan_first) if kepala_ulang and index >= table.utama else None
            _block(s, table, columns, source, index, body_top, height, gap)
    last_column = max((*headers.values(), *columns.values()))
    define_name(s.ctx.wb, table.name, s.ws.title, body_top, 1, written.bottom, last_column)
    s.ctx.tables[table.name] = written
    s.row = written.bottom + 2


def _kepala(s: SheetWriter, printed: list[Kolom], column: int = 1) -> None:
    """The printed column headers in row ``s.row``, from ``column``."""
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for kolom in printed:
        s.put(
            s.row,
            column,
            kolom.judul,
            span=kolom.span,
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=header,
        )
        column += kolom.span


def _nomor_kolom(s: SheetWriter, printed: list[Kolom]) -> None:
    """The "(1) (2) ..." column numbers in row ``s.row``."""
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    column = 1
    for number, kolom in enumerate(printed, start=1):
        s.put(s.row, column, f"({number})", span=kolom.span, border=True, align=header, italic=True)
        column += kolom.span


def written_columns(ctx: RenderContext, name: str) -> tuple[Table, Columns]:
    """A table already written into ``ctx``, and its columns by the keys of its form.

    Raises:
        KeyError: No table of that name is written yet.
    """
    written = ctx.tables[name]
    _, form = _described(ctx, name)
    return written, columns_by_key(written, form)


def _described(ctx: RenderContext, name: str) -> tuple[Form, TabelHasilKerja]:
    """The form holding the table ``name`` of ``ctx.spec``, and the table's description."""
    for form in (*ctx.spec.front, *ctx.spec.forms, *ctx.spec.back):
        for block in form.blok:
            if isinstance(block, TabelHasilKerja) and block.name == name:
                return form, block
    raise KeyError(name)


def _header_lines(s: SheetWriter, table: TabelHasilKerja) -> int:
    """Lines the tallest printed header needs at its column width (about 1.2 units a
    character in bold)."""
    lines, column = 1, 0
    for kolom in table.kolom:
        if not kolom.cetak or table.narasi:
            continue
        width = sum(s.form.lebar[column : column + kolom.span])
        column += kolom.span
        lines = max(lines, -(-int(len(kolom.judul) * 1.2) // max(int(width), 1)))
    return lines


def _source(s: SheetWriter, table: TabelHasilKerja) -> _Source | None:
    if not table.sumber:
        return None
    written, columns = written_columns(s.ctx, table.sumber)
    form, described = _described(s.ctx, table.sumber)
    label = (table.ukuran_label or _ukuran_label(form)) if described.narasi else None
    return _Source(written, columns, label)


def _block(
    s: SheetWriter,
    table: TabelHasilKerja,
    columns: Columns,
    source: _Source | None,
    index: int,
    body_top: int,
    height: float,
    gap: tuple[int, int] | None = None,
) -> None:
    first = s.row
    rows = table.baris_per_rhk
    first_utama = index == 0
    if table.narasi:
        # The seed prints the hint inside the empty cell; an input cannot hold it without
        # being read as a hasil kerja, so it is the cell's input message (docs/print.md).
        if s.form.kode == "A.1.1":
            hint = t.PETUNJUK_HASIL_KERJA_JPT[0 if index < table.utama else 1]
        else:
            hint = t.PETUNJUK_HASIL_KERJA_JA_JF
        _narasi_block(s, table, first, first_utama, body_top, hint)
        return
    for row in range(first, first + rows):
        s.ws.row_dimensions[row].height = height
    for kolom in table.kolom:
        column = columns[kolom.key]
        span = kolom.span if kolom.cetak else 1
        targets = [first] if kolom.per_rhk else list(range(first, first + rows))
        for offset, row in enumerate(targets):
            value = _value(kolom, table, columns, source, index, offset, row, body_top, gap)
            # A computed column whose source the SKP lacks (satuan on a kualitatif
            # Manual IKI) is typed in instead.
            unlocked = kolom.isi in (Isi.TEKS, Isi.ANGKA, Isi.PILIHAN) or (
                kolom.isi is Isi.RUMUS and value is None
            )
            s.put(
                row,
                column,
                value,
                span=span,
                rows=rows if kolom.per_rhk else 1,
                border=True,
                unlocked=unlocked,
                align=Alignment(horizontal="center", vertical="top")
                if kolom.isi is Isi.NOMOR
                else WRAP_TOP,
            )
            cell = a1(row, column)
            if kolom.isi is Isi.PILIHAN and kolom.daftar:
                s.dropdown(kolom.daftar, cell, strict=False, prompt=kolom.petunjuk)
            elif kolom.isi is Isi.ANGKA:
                s.number(cell, kolom.petunjuk)
            elif kolom.maks is not None and unlocked:
                s.panjang(cell, kolom.maks, kolom.petunjuk)
            elif kolom.petunjuk and unlocked:
                s.prompt_later(kolom.petunjuk, cell)
            if kolom.wajib and first_utama and offset == 0 and unlocked:
                s.required(cell)


def _tinggi_salinan(
    s: SheetWriter, table: TabelHasilKerja, columns: Columns, source: _Source | None
) -> float:
    """Height of each row of a block for the longest texts (``Kolom.maks``) its formulas
    copy from the SKP table; 0 when they copy none with a limit.

    The longest text is ordinary Indonesian words cut at the limit (:func:`_terpanjang`),
    measured at the cell's width and the forms' font like any text the print copy sizes
    (:func:`~skp_xl.workbook.kit.text_height`); a merged rencana hasil kerja shares its
    need over the block's rows.
    """
    if table.sumber is None or source is None:
        return 0.0
    _, described = _described(s.ctx, table.sumber)
    need = 0.0
    for kolom in table.kolom:
        text = _salinan_terpanjang(kolom, described, source.ukuran_label)
        if not kolom.cetak or text is None:
            continue
        first = columns[kolom.key] - 1
        height = text_height(text, sum(s.form.lebar[first : first + kolom.span]))
        need = max(need, height / table.baris_per_rhk if kolom.per_rhk else height)
    return need


def _salinan_terpanjang(kolom: Kolom, source: TabelHasilKerja, label: str | None) -> str | None:
    """The longest text ``kolom`` may show by formula (as :func:`_value` writes it), or
    None when it copies no text with a limit."""
    if kolom.isi is not Isi.RUMUS:
        return None
    keys = {k.key: k for k in source.kolom}
    key = kolom.key
    if key == "hasil_kerja" and not source.narasi:
        key = "rhk"  # the Umpan Balik shows the rencana hasil kerja as its hasil kerja
    elif key not in keys:
        key = {"rhk": "hasil_kerja", "iki": "ukuran"}.get(key, key)
    copied = keys.get(key)
    if copied is None or copied.maks is None:
        return None
    if kolom.key == "hasil_kerja" and source.narasi and label is not None:
        # A kualitatif item: its hasil kerja, the label, its ukuran, on three lines.
        ukuran = keys["ukuran"].maks or 0
        return f"{_terpanjang(copied.maks)}\n{label}\n{_terpanjang(ukuran)}"
    return _terpanjang(copied.maks)


def _terpanjang(maks: int) -> str:
    """A text of ``maks`` characters of ordinary Indonesian words (``t.CONTOH_PANJANG``)."""
    return (t.CONTOH_PANJANG * (maks // len(t.CONTOH_PANJANG) + 1))[:maks]


def _ukuran_label(form: Form) -> str:
    return t.UKURAN_KEBERHASILAN_JPT if form.kode == "A.1.1" else (t.UKURAN_KEBERHASILAN_JA_JF)


def _narasi_block(
    s: SheetWriter,
    table: TabelHasilKerja,
    first: int,
    first_utama: bool,
    body_top: int,
    hint: str,
) -> None:
    hasil = f"B{first}"
    # Items are 3 rows: count items before this one, not filled cells.
    numbering = f'=IF({hasil}="","",MAX($A${body_top}:A{first - 1})+1)'
    s.put(
        first,
        1,
        numbering,
        rows=3,
        border=True,
        align=Alignment(horizontal="center", vertical="top"),
    )
    s.put(first, 2, None, span=s.width - 1, border=True, unlocked=True)
    s.put(first + 1, 2, _ukuran_label(s.form), span=s.width - 1, italic=True, border=True)
    s.put(first + 2, 2, None, span=s.width - 1, border=True, unlocked=True)
    # The texts are typed into cells merged across the table, which no engine grows:
    # their rows are built for the longest text allowed, as are the rows that copy them.
    width = sum(s.form.lebar[1 : s.width])
    maks = {k.key: k.maks for k in table.kolom}
    for row, key, prompt in ((first, "hasil_kerja", hint), (first + 2, "ukuran", None)):
        limit = maks.get(key)
        height = TABLE_ROW
        if limit is not None:
            height = max(height, text_height(_terpanjang(limit), width))
            s.panjang(f"B{row}", limit, prompt)
        elif prompt is not None:
            s.prompt_later(prompt, f"B{row}")
        s.ws.row_dimensions[row].height = height
    if first_utama:
        s.required(hasil)
        s.required(f"B{first + 2}")


def _value(
    kolom: Kolom,
    table: TabelHasilKerja,
    cols: Columns,
    source: _Source | None,
    index: int,
    offset: int,
    row: int,
    body_top: int,
    gap: tuple[int, int] | None = None,
) -> object:
    """The formula of a computed cell; ``gap``: (last row counted above, first row counted
    again) around rows the numbering skips."""
    if kolom.isi is Isi.NOMOR:
        numbered = next(k for k in ("rhk", "hasil_kerja", "rhk_pimpinan") if k in cols)
        anchor = get_column_letter(cols[numbered])
        if gap is not None:
            above = f'COUNTIF(${anchor}${body_top}:${anchor}${gap[0]},"?*")'
            return (
                f'=IF({anchor}{row}="","",{above}+COUNTIF(${anchor}${gap[1]}:{anchor}{row},"?*"))'
            )
        return f'=IF({anchor}{row}="","",COUNTIF(${anchor}${body_top}:{anchor}{row},"?*"))'
    if kolom.isi is not Isi.RUMUS:
        return None
    if kolom.key == "target" and "target_min" in cols:
        return fx.target_text_formula(
            *(a1(row, cols[k]) for k in ("target_min", "target_maks", "satuan"))
        )
    if kolom.key == "level_kategori":
        column = get_column_letter(cols["kategori"])
        last = row + table.baris_per_rhk - 1
        return level_kategori_formula(f"{column}{row}:{column}{last}")
    if source is None:
        raise ValueError(f"column {kolom.key} of {table.name} needs a source table")
    src_first = source.table.blocks[index]
    src_row = src_first + (offset if offset < source.table.rows_per_block else 0)

    def src(key: str, at: int = src_row) -> str:
        return ref(source.table.sheet, at, source.columns[key])

    if kolom.key == "realisasi":
        return fx.realisasi_text_formula(
            a1(row, cols["realisasi_angka"]), src("satuan"), a1(row, cols["bukti"])
        )
    aspek = src("aspek") if "aspek" in source.columns else '""'
    if kolom.key in ("target_periode_min", "target_periode_maks") and table.porsi is not None:
        return fx.target_periode_formula(
            src("target_min"),
            src("target_maks"),
            src("satuan"),
            aspek,
            a1(row, cols["target_periode"]),
            table.porsi,
            atas=kolom.key == "target_periode_maks",
        )
    periode = None
    if "target_periode_min" in cols:
        periode = (a1(row, cols["target_periode_min"]), a1(row, cols["target_periode_maks"]))
    if kolom.key == "target" and periode is not None:
        return fx.target_periode_text_formula(
            src("target_min"), src("target_maks"), src("satuan"), *periode
        )
    if kolom.key == "capaian":
        return fx.penilaian_iki_formula(
            src("target_min"),
            src("target_maks"),
            a1(row, cols["realisasi_angka"]),
            src("arah"),
            aspek,
            periode,
        )
    if kolom.key == "penilaian_baku":
        return f'=IFERROR({fx.canonical_formula(a1(row, cols["penilaian"]), RATING)},"")'
    if kolom.key == "penilaian":
        column = get_column_letter(cols["capaian"])
        last = row + table.baris_per_rhk - 1
        return fx.penilaian_hasil_kerja_formula(f"{column}{row}:{column}{last}")
    if kolom.key == "hasil_kerja":
        if source.ukuran_label is not None:
            label = source.ukuran_label
            hasil, ukuran = src("hasil_kerja", src_first), src("hasil_kerja", src_first + 2)
            return f'=IF({hasil}="","",{hasil}&CHAR(10)&"{label}"&CHAR(10)&{ukuran})'
        return fx.blank_or(src("rhk", src_first))
    key = kolom.key
    if key not in source.columns:
        key = {"rhk": "hasil_kerja", "iki": "ukuran"}.get(key, key)
    if key == "ukuran" and source.ukuran_label is not None:
        return fx.blank_or(src("hasil_kerja", src_first + 2))
    if key not in source.columns:
        return None
    at = src_first if key in ("rhk", "rhk_pimpinan", "hasil_kerja") else src_row
    return fx.blank_or(src(key, at))
