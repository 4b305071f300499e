"""Renderers of the Matriks Peran Hasil workbook's blocks (A.1.5 matrices, the A.1.4
Workblock) and its ISIAN BANTU."""

from __future__ import annotations

from openpyxl.styles import Alignment
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from skp_xl.forms import text as t
from skp_xl.forms.catalog import LIST_PANGKAT
from skp_xl.forms.model import (
    BagianBernomor,
    Cek,
    HalamanBaru,
    IsianBantu,
    MatriksPeran,
    PasanganIsian,
    PilihanKetua,
    PilihanPeran,
    identity_name,
)
from skp_xl.workbook.kit import (
    HEADER_FILL,
    HELPER_FILL,
    WRAP_CENTER,
    SheetWriter,
    a1,
    define_name,
    nip_check,
    validate_tahun,
)

# Columns of a matrix: NAMA and NIP under PEGAWAI, JABATAN, then the peran columns.
_NAMA, _NIP, _JABATAN, _PERAN = 1, 2, 3, 4


def isian_bantu(s: SheetWriter, block: IsianBantu) -> None:
    """ISIAN BANTU inputs above the printed form; printing starts below them."""
    s.put(s.row, 1, block.judul, span=3, bold=True, italic=True)
    s.row += 1
    for isian in block.isian:
        s.put(s.row, 1, isian.label, bold=True, border=True, fill=HELPER_FILL)
        value = s.ctx.isian.get(isian.sumber or isian.name, isian.bawaan)
        s.put(s.row, 2, value, span=2, border=True, unlocked=True)
        cell = a1(s.row, 2)
        if isian.cek is Cek.TAHUN:
            validate_tahun(s.ws, cell)
        elif isian.cek is Cek.PANGKAT:
            s.dropdown(LIST_PANGKAT, cell, strict=False)
        if isian.wajib:
            s.required(cell)
        define_name(s.ctx.wb, isian.name, s.ws.title, s.row, 2)
        s.row += 1
    s.row += 1
    # Helper inputs, not part of the form: printing starts below them.
    s.print_first = s.row


def pilihan_peran(s: SheetWriter, block: PilihanPeran) -> None:
    """Declare the peran dropdown the sheet's matrices share."""
    # A list without an error alert: the arrow offers the choice, and any text typed is
    # kept silently (Excel and LibreOffice alike).
    dv = DataValidation(
        type="list",
        formula1=f'"{block.pilihan}"',
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
    )
    dv.promptTitle = "Peran hasil"
    dv.prompt = block.petunjuk
    s.ws.add_data_validation(dv)
    s.validations["peran"] = dv


def pilihan_ketua(s: SheetWriter, block: PilihanKetua) -> None:
    """Declare the ketua tim dropdown."""
    dv = DataValidation(
        type="list",
        formula1=block.daftar,
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
    )
    dv.promptTitle = "Ketua tim"
    dv.prompt = block.petunjuk
    s.ws.add_data_validation(dv)
    s.validations["ketua"] = dv


def _head(
    s: SheetWriter, row: int, column: int, value: str, *, span: int = 1, rows: int = 1
) -> None:
    s.put(
        row,
        column,
        value,
        span=span,
        rows=rows,
        bold=True,
        border=True,
        fill=HEADER_FILL,
        align=WRAP_CENTER,
    )


def matriks_peran(s: SheetWriter, block: MatriksPeran) -> None:
    """One A.1.5 matrix: header, head row, body; its names and checks."""
    end = _PERAN + block.kolom - 1
    header = s.row
    _head(s, header, _NAMA, t.MATRIKS_PEGAWAI, span=2)
    _head(s, header, _JABATAN, t.MATRIKS_JABATAN, rows=2)
    _head(s, header, _PERAN, t.MATRIKS_PERAN, span=block.kolom)
    _head(s, header + 1, _NAMA, t.IDENTITAS_LABELS[0])
    _head(s, header + 1, _NIP, t.IDENTITAS_LABELS[1])
    for index in range(block.kolom):
        _head(s, header + 1, _PERAN + index, f"{block.judul_kolom} {index + 1}")
    s.ws.row_dimensions[header + 1].height = 30
    head = header + 2
    for column in range(_NAMA, end + 1):
        s.put(head, column, None, bold=True, border=True, unlocked=True)
    first, last = head + 1, head + block.baris
    for row in range(first, last + 1):
        for column in range(_NAMA, end + 1):
            s.put(row, column, None, border=True, unlocked=True)
    for row in range(head, last + 1):
        s.ws.cell(row=row, column=_NIP).number_format = "@"
    s.validations["peran"].add(f"{a1(first, _PERAN)}:{a1(last, end)}")
    # Relative to the range's first cell, so each row checks its own NIP.
    nip_check(s.ws, a1(head, _NIP)).add(f"{a1(head, _NIP)}:{a1(last, _NIP)}")
    wb, title = s.ctx.wb, s.ws.title
    hasil = f"{a1(head, _PERAN)}:{a1(head, end)}"
    if block.pimpinan is not None:
        for column, key, name in zip(
            (_NAMA, _NIP, _JABATAN), ("NAMA", "NIP", "JABATAN"), block.pimpinan, strict=True
        ):
            value = s.ctx.isian.get(identity_name("PEGAWAI", key))
            # Text even when given as a number: a NIP has 18 digits, more than Excel keeps.
            cell = s.ws.cell(row=head, column=column, value=None if value is None else str(value))
            define_name(wb, name, title, head, column)
            if key != "NIP":
                s.required(cell.coordinate)
        s.required(a1(head, _PERAN))
        s.prompt_later(block.petunjuk_kepala, hasil)
        define_name(wb, block.kepala, title, head, _PERAN, head, end)
        # Every page shows the header and the leader's IKI the columns answer to.
        s.header_rows = (head - 2, head)
    else:
        if block.ketua:
            s.validations["ketua"].add(a1(head, _NAMA))
        s.prompt_later(block.petunjuk_kepala, hasil)
        define_name(wb, block.kepala, title, head, _NAMA, head, end)
    define_name(wb, block.name, title, first, _NAMA, last, end)
    if block.nama is not None:
        define_name(wb, block.nama, title, first, _NAMA, last, _NAMA)
    s.print_last = last
    s.row = last + 2


def halaman_baru(s: SheetWriter, _: HalamanBaru) -> None:
    """A page break above ``s.row``."""
    s.ws.row_breaks.append(Break(id=s.row - 1))


def pasangan_isian(s: SheetWriter, block: PasanganIsian) -> None:
    """Rows of two labelled inputs side by side."""
    for pasangan in block.baris:
        for (label_column, span), (label, name) in zip(block.kolom, pasangan, strict=True):
            s.put(s.row, label_column, label, span=span, bold=True, border=True, fill=HEADER_FILL)
            value_column = label_column + span
            s.put(s.row, value_column, None, border=True, unlocked=True)
            define_name(s.ctx.wb, name, s.ws.title, s.row, value_column)
        s.ws.row_dimensions[s.row].height = block.tinggi
        s.row += 1
    s.row += 1


def bagian_bernomor(s: SheetWriter, block: BagianBernomor) -> None:
    """A heading over sections of numbered input lines."""
    s.put(s.row, 1, block.judul, span=s.width, bold=True, border=True, fill=HEADER_FILL)
    s.row += 1
    for judul, name, prompt in block.bagian:
        s.put(s.row, 1, judul, span=s.width, bold=True, border=True)
        s.row += 1
        first = s.row
        for nomor in range(1, block.baris + 1):
            s.put(
                s.row,
                1,
                f"{nomor}.",
                border=True,
                align=Alignment(horizontal="right", vertical="top"),
            )
            s.put(s.row, 2, None, span=s.width - 1, border=True, unlocked=True)
            s.ws.row_dimensions[s.row].height = 26
            s.row += 1
        s.prompt_later(prompt, f"{a1(first, 2)}:{a1(s.row - 1, 2)}")
        define_name(s.ctx.wb, name, s.ws.title, first, 2, s.row - 1, 2)
    s.print_last = s.row - 1
    s.row += 1
