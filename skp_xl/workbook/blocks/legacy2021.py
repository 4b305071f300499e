"""Renderers of the two blocks only the PermenPANRB 8/2021 forms need: their own closed
lists (the shared ``_ref`` sheet stays as 6/2022 workbooks have it), and a signatory who
is none of the SKP's three people (Pengelola Kinerja, Tim Penilai Angka Kredit)."""

from __future__ import annotations

from openpyxl.styles import Alignment

from skp_xl.forms.model import DaftarTetap, PenandaTangan
from skp_xl.workbook.kit import SheetWriter, define_name


def daftar_tetap(s: SheetWriter, block: DaftarTetap) -> None:
    """One column per list: its name in row 1, its values below, under a defined name."""
    for column, (name, values) in enumerate(block.daftar, start=1):
        s.ws.cell(row=1, column=column, value=name)
        for row, value in enumerate(values, start=2):
            cell = s.ws.cell(row=row, column=column, value=value)
            cell.data_type = "s"
        define_name(s.ctx.wb, name, s.ws.title, 2, column, 1 + len(values), column)
    s.row = 2 + max((len(values) for _, values in block.daftar), default=0)


def penanda_tangan(s: SheetWriter, block: PenandaTangan) -> None:
    """The date line, the role, then the name and NIP typed on the Identitas sheet
    (``{name}_NAMA``, ``{name}_NIP``), by formula, on the right half."""
    half = max(1, s.width // 2)
    start, span = half + 1, s.width - half
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    date = '=IF(SKP_TEMPAT="","(tempat)",SKP_TEMPAT)&", (tanggal, bulan, tahun)"'
    s.row += 1
    s.put(s.row, start, date, span=span, align=center, unlocked=True)
    s.put(s.row + 1, start, block.peran, span=span, align=center)
    nama, nip = f"{block.name}_NAMA", f"{block.name}_NIP"
    s.put(s.row + 5, start, f'=IF({nama}="","(Nama)",{nama})', span=span, align=center, bold=True)
    s.put(s.row + 6, start, f'=IF({nip}="","(NIP)","NIP. "&{nip})', span=span, align=center)
    s.row += 8
