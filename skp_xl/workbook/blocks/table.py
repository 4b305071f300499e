"""Renderer of the hasil kerja table: the SKP's own, and the tables of the evaluation,
umpan balik and Manual IKI sheets that take its rows by formula."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from skp_xl.domain.vocabulary import (
    RATING,
)
from skp_xl.forms import text as t
from skp_xl.forms.model import (
    Isi,
    Kolom,
    TabelHasilKerja,
)
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.kit import (
    HEADER_FILL,
    HELPER_FILL,
    WRAP_TOP,
    RenderedTable,
    SheetWriter,
    a1,
    define_name,
    ref,
)


def tabel(s: SheetWriter, table: TabelHasilKerja) -> None:
    """The hasil kerja table: headers, helper inputs beside it, utama and tambahan blocks."""
    printed = [k for k in table.kolom if k.cetak]
    helpers = [k for k in table.kolom if not k.cetak]
    columns: dict[str, int] = {}
    column = 1
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    top = s.row
    if not table.narasi:
        for kolom in printed:
            columns[kolom.key] = column
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
    else:
        columns = {"no": 1, "hasil_kerja": 2, "ukuran": 2}
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
        columns[kolom.key] = column
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
    s.ws.row_dimensions[s.row].height = max(40, 13.5 * _header_lines(s, table))
    s.row += 1
    if table.nomor_kolom and not table.narasi:
        column = 1
        for number, kolom in enumerate(printed, start=1):
            s.put(
                s.row,
                column,
                f"({number})",
                span=kolom.span,
                border=True,
                align=header,
                italic=True,
            )
            column += kolom.span
        s.row += 1
    s.header_rows = (top, s.row - 1)

    info = RenderedTable(
        s.ws.title,
        columns,
        [],
        table.baris_per_rhk,
        table.utama,
        table.narasi,
        _ukuran_label(s),
    )
    body_top = s.row
    for section, count in ((t.UTAMA, table.utama), (t.TAMBAHAN, table.tambahan)):
        s.put(
            s.row,
            1,
            section,
            span=s.width,
            bold=True,
            border=True,
            align=Alignment(vertical="center"),
        )
        s.row += 1
        for _ in range(count):
            info.blocks.append(s.row)
            _block(s, table, info, len(info.blocks) - 1, body_top)
            s.row += table.baris_per_rhk
    body_bottom = s.row - 1
    last_column = max(columns.values())
    define_name(s.ctx.wb, table.name, s.ws.title, body_top, 1, body_bottom, last_column)
    s.ctx.tables[table.name] = info
    s.row += 1


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


def _source(s: SheetWriter, table: TabelHasilKerja) -> RenderedTable | None:
    return s.ctx.tables[table.sumber] if table.sumber else None


def _block(
    s: SheetWriter, table: TabelHasilKerja, info: RenderedTable, index: int, body_top: int
) -> None:
    first = s.row
    rows = table.baris_per_rhk
    source = _source(s, table)
    first_utama = index == 0
    if table.narasi:
        _narasi_block(s, info, first, first_utama, body_top)
        return
    # Two lines per row: an indicator rarely fits one, a realisasi prints its figure
    # and evidence, and a merged rencana hasil kerja needs the block's height
    # (merged cells never grow by themselves). People may resize rows.
    for row in range(first, first + rows):
        s.ws.row_dimensions[row].height = 30
    for kolom in table.kolom:
        column = info.columns[kolom.key]
        span = kolom.span if kolom.cetak else 1
        targets = [first] if kolom.per_rhk else list(range(first, first + rows))
        for offset, row in enumerate(targets):
            value = _value(s, kolom, info, source, index, offset, row, body_top)
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
                s.dropdown(kolom.daftar, cell, strict=False)
            elif kolom.isi is Isi.ANGKA:
                s.number(cell)
            if kolom.wajib and first_utama and offset == 0 and unlocked:
                s.required(cell)


def _ukuran_label(s: SheetWriter) -> str:
    return t.UKURAN_KEBERHASILAN_JPT if s.form.kode == "A.1.1" else (t.UKURAN_KEBERHASILAN_JA_JF)


def _narasi_block(
    s: SheetWriter, info: RenderedTable, first: int, first_utama: bool, body_top: int
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
    s.put(first + 1, 2, _ukuran_label(s), span=s.width - 1, italic=True, border=True)
    s.put(first + 2, 2, None, span=s.width - 1, border=True, unlocked=True)
    s.ws.row_dimensions[first].height = 30
    s.ws.row_dimensions[first + 2].height = 30
    if first_utama:
        s.required(hasil)
        s.required(f"B{first + 2}")


def _value(
    s: SheetWriter,
    kolom: Kolom,
    info: RenderedTable,
    source: RenderedTable | None,
    index: int,
    offset: int,
    row: int,
    body_top: int,
) -> object:
    cols = info.columns
    if kolom.isi is Isi.NOMOR:
        numbered = next(k for k in ("rhk", "hasil_kerja", "rhk_pimpinan") if k in cols)
        anchor = get_column_letter(cols[numbered])
        return f'=IF({anchor}{row}="","",COUNTIF(${anchor}${body_top}:{anchor}{row},"?*"))'
    if kolom.isi is not Isi.RUMUS:
        return None
    if kolom.key == "target" and "target_min" in cols:
        return fx.target_text_formula(
            *(a1(row, cols[k]) for k in ("target_min", "target_maks", "satuan"))
        )
    if source is None:
        raise ValueError(f"column {kolom.key} of {info.sheet} needs a source table")
    src_first = source.blocks[index]
    src_row = src_first + (offset if offset < source.rows_per_block else 0)

    def src(key: str, at: int = src_row) -> str:
        return ref(source.sheet, at, source.columns[key])

    if kolom.key == "realisasi":
        return fx.realisasi_text_formula(
            a1(row, cols["realisasi_angka"]), src("satuan"), a1(row, cols["bukti"])
        )
    if kolom.key == "capaian":
        return fx.penilaian_iki_formula(
            src("target_min"),
            src("target_maks"),
            a1(row, cols["realisasi_angka"]),
            src("arah"),
            src("aspek") if "aspek" in source.columns else '""',
        )
    if kolom.key == "penilaian_baku":
        return f'=IFERROR({fx.canonical_formula(a1(row, cols["penilaian"]), RATING)},"")'
    if kolom.key == "penilaian":
        column = get_column_letter(cols["capaian"])
        last = row + info.rows_per_block - 1
        return fx.penilaian_hasil_kerja_formula(f"{column}{row}:{column}{last}")
    if kolom.key == "hasil_kerja":
        if source.narasi:
            label = source.ukuran_label
            hasil, ukuran = src("hasil_kerja", src_first), src("hasil_kerja", src_first + 2)
            return f'=IF({hasil}="","",{hasil}&CHAR(10)&"{label}"&CHAR(10)&{ukuran})'
        return fx.blank_or(src("rhk", src_first))
    key = kolom.key
    if key not in source.columns:
        key = {"rhk": "hasil_kerja", "iki": "ukuran"}.get(key, key)
    if key == "ukuran" and source.narasi:
        return fx.blank_or(src("hasil_kerja", src_first + 2))
    if key not in source.columns:
        return None
    at = src_first if key in ("rhk", "rhk_pimpinan", "hasil_kerja") else src_row
    return fx.blank_or(src(key, at))
