"""Renderers of the sheets around the forms: the Identitas inputs, a Petunjuk and the
hidden ``_meta``, written cell by cell in their own look."""

from __future__ import annotations

from openpyxl.styles import Font
from openpyxl.worksheet.datavalidation import DataValidation

from skp_xl.forms.catalog import LIST_PANGKAT
from skp_xl.forms.model import (
    Cek,
    JudulIsian,
    KelompokIsian,
    Meta,
    Petunjuk,
)
from skp_xl.workbook.kit import (
    BORDER,
    FONT,
    INPUT,
    WRAP_TOP,
    SheetWriter,
    define_name,
    nip_check,
    validate_tahun,
)


def judul_isian(s: SheetWriter, block: JudulIsian) -> None:
    """The title and the note of an isian sheet."""
    title = s.ws.cell(row=s.row, column=2, value=block.judul)
    title.font = Font(name=FONT, size=14, bold=True)
    note = s.ws.cell(row=s.row + 1, column=2, value=block.catatan)
    note.font = Font(name=FONT, size=9, italic=True)
    s.row += 2


def kelompok_isian(s: SheetWriter, block: KelompokIsian) -> None:
    """A blank row, a heading, then one labelled input (or read-only row) per row."""
    ws = s.ws
    s.row += 1
    ws.cell(row=s.row, column=2, value=block.judul).font = Font(name=FONT, size=11, bold=True)
    s.row += 1
    for isian in block.isian:
        ws.cell(row=s.row, column=2, value=isian.label).font = Font(name=FONT)
        if isian.tampil:
            ws.cell(row=s.row, column=3, value=f"={isian.name}").font = Font(name=FONT, bold=True)
            s.row += 1
            continue
        value = s.ctx.isian.get(isian.name, isian.bawaan)
        cell = ws.cell(row=s.row, column=3, value=value)
        cell.protection = INPUT
        cell.border = BORDER
        cell.font = Font(name=FONT)
        if isian.cek is Cek.NIP:
            cell.number_format = "@"
            if value is not None:
                cell.data_type = "s"
            if "nip" not in s.validations:
                s.validations["nip"] = nip_check(ws, cell.coordinate)
            s.validations["nip"].add(cell.coordinate)
        elif isian.cek is Cek.PANGKAT:
            if "pangkat" not in s.validations:
                s.validations["pangkat"] = _pangkat_check(s)
            s.validations["pangkat"].add(cell.coordinate)
        elif isian.cek is Cek.TAHUN:
            validate_tahun(ws, cell.coordinate)
        elif isian.cek is Cek.YA_TIDAK:
            _ya_tidak(s, cell.coordinate)
        if isian.contoh:
            hint = ws.cell(row=s.row, column=4, value=isian.contoh)
            hint.font = Font(name=FONT, size=9, italic=True, color="666666")
        if isian.wajib:
            s.required(cell.coordinate)
        define_name(s.ctx.wb, isian.name, ws.title, s.row, 3)
        s.row += 1


def _ya_tidak(s: SheetWriter, cell: str) -> None:
    dv = DataValidation(type="list", formula1='"Ya,Tidak"', allow_blank=True)
    dv.error = "Pilih Ya atau Tidak."
    dv.showErrorMessage = True
    s.ws.add_data_validation(dv)
    dv.add(cell)


def _pangkat_check(s: SheetWriter) -> DataValidation:
    # A warning only: the list cannot hold every way a pangkat is written.
    dv = DataValidation(
        type="list",
        formula1=LIST_PANGKAT,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
    )
    dv.error = "Pangkat/golongan tidak ada di daftar; periksa penulisannya."
    s.ws.add_data_validation(dv)
    return dv


def petunjuk(s: SheetWriter, block: Petunjuk) -> None:
    """The instruction lines, row heights set from their length."""
    first = s.row
    judul, teks, tambah = block.tinggi
    for text, bold in block.baris:
        cell = s.ws.cell(row=s.row, column=2, value=text or None)
        cell.font = Font(name=FONT, size=block.ukuran_judul if bold else 11, bold=bold)
        cell.alignment = WRAP_TOP
        # LibreOffice does not grow rows for wrapped text when it opens a file: set a
        # height from the line count.
        lines = max(1, -(-len(text) // block.huruf_per_baris))
        s.ws.row_dimensions[s.row].height = (judul if bold else teks) * lines + tambah
        s.row += 1
    # The instructions print from their first line to their last, no blank row after.
    s.print_first, s.print_last = first, s.row - 1


def meta(s: SheetWriter, block: Meta) -> None:
    """The key-value rows of ``_meta``, with their defined names."""
    for key, value, name in block.baris:
        s.ws.cell(row=s.row, column=1, value=key)
        cell = s.ws.cell(row=s.row, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if name:
            define_name(s.ctx.wb, name, s.ws.title, s.row, 2)
        s.row += 1
