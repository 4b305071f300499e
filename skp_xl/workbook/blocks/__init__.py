"""One renderer per block type of :mod:`skp_xl.forms.model`, and the form renderer that
dispatches a form's blocks to them.

A new form is a description in :mod:`skp_xl.forms.catalog` plus, at most, a new block type
with its renderer registered in :data:`RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from skp_xl.domain.vocabulary import SiklusEvaluasi
from skp_xl.forms.model import (
    BagianBernomor,
    Blok,
    CapaianOrganisasi,
    DaftarIsian,
    DaftarTetap,
    EvaluasiDokumen,
    Form,
    HalamanBaru,
    Identitas,
    IdentitasDaftar,
    InstansiPeriode,
    IsianBantu,
    Judul,
    JudulIsian,
    KelompokIsian,
    MatriksPeran,
    Meta,
    PasanganIsian,
    PenandaTangan,
    Perilaku,
    PeriodeLabel,
    Petunjuk,
    PilihanKetua,
    PilihanPeran,
    Predikat,
    Rating,
    TabelHasilKerja,
    TandaTangan,
    WorkbookSpec,
)
from skp_xl.workbook.blocks.form import (
    capaian_organisasi,
    daftar_isian,
    evaluasi_dokumen,
    identitas,
    identitas_daftar,
    instansi_periode,
    judul,
    perilaku,
    periode_label,
    predikat,
    rating,
    tanda_tangan,
)
from skp_xl.workbook.blocks.isian import judul_isian, kelompok_isian, meta, petunjuk
from skp_xl.workbook.blocks.legacy2021 import daftar_tetap, penanda_tangan
from skp_xl.workbook.blocks.matriks import (
    bagian_bernomor,
    halaman_baru,
    isian_bantu,
    matriks_peran,
    pasangan_isian,
    pilihan_ketua,
    pilihan_peran,
)
from skp_xl.workbook.blocks.table import tabel
from skp_xl.workbook.kit import RenderContext, SheetWriter, protect
from skp_xl.workbook.reference import write_reference_sheet

RENDERERS: dict[type[Any], Callable[[SheetWriter, Any], None]] = {
    Judul: judul,
    InstansiPeriode: instansi_periode,
    PeriodeLabel: periode_label,
    Identitas: identitas,
    IdentitasDaftar: identitas_daftar,
    CapaianOrganisasi: capaian_organisasi,
    TabelHasilKerja: tabel,
    Rating: rating,
    Perilaku: perilaku,
    Predikat: predikat,
    DaftarIsian: daftar_isian,
    EvaluasiDokumen: evaluasi_dokumen,
    TandaTangan: tanda_tangan,
    JudulIsian: judul_isian,
    KelompokIsian: kelompok_isian,
    Petunjuk: petunjuk,
    Meta: meta,
    IsianBantu: isian_bantu,
    PilihanPeran: pilihan_peran,
    PilihanKetua: pilihan_ketua,
    MatriksPeran: matriks_peran,
    HalamanBaru: halaman_baru,
    PasanganIsian: pasangan_isian,
    BagianBernomor: bagian_bernomor,
    DaftarTetap: daftar_tetap,
    PenandaTangan: penanda_tangan,
}
"""The renderer of each block type: writes the block at the sheet's next free row."""


def render_block(sheet: SheetWriter, block: Blok) -> None:
    """Write one block at ``sheet.row``, leaving ``sheet.row`` below it."""
    RENDERERS[type(block)](sheet, block)


def render_form(ctx: RenderContext, form: Form) -> SheetWriter:
    """A new sheet with the form's blocks, top to bottom, set up for printing and protected.

    Args:
        ctx: The workbook being rendered; tables the form takes rows from must be in it.
        form: The form description.

    Returns:
        The sheet writer.
    """
    sheet = SheetWriter(ctx, form)
    for block in form.blok:
        render_block(sheet, block)
    sheet.finish()
    return sheet


def render_workbook(spec: WorkbookSpec, ctx: RenderContext, *, ref_password: str | None) -> None:
    """Render every sheet of ``spec`` into ``ctx.wb`` (which starts without sheets).

    The front sheets, the forms, the hidden ``_ref`` lookup tables (protected with
    ``ref_password``), then the back sheets.
    """
    for form in (*spec.front, *spec.forms):
        render_form(ctx, form)
    # A Matriks has no evaluation sheets: its period list stays the quarterly one.
    periode = spec.periode or SiklusEvaluasi.TRIWULANAN.periode
    reference = write_reference_sheet(ctx.wb, periode=periode)
    protect(ctx.wb[reference.title], ref_password)
    for form in spec.back:
        render_form(ctx, form)
    # Excel shows the creator as the file's author (File > Info): the tool, not the library.
    ctx.wb.properties.creator = "skp-xl"
