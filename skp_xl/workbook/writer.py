"""Render form descriptions into an SKP workbook that works in plain Excel and LibreOffice.

Identity is typed once on the Identitas sheet; every form shows it by formula through
workbook-scope defined names. Evaluation, umpan balik and manual IKI sheets take their hasil
kerja rows from the SKP sheet by formula. Inputs are unlocked cells of protected sheets;
closed lists are dropdowns; predikat, targets and per-IKI judgements are native formulas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, SiklusEvaluasi
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.model import WorkbookSpec
from skp_xl.workbook.blocks import render_workbook
from skp_xl.workbook.kit import RenderContext


@dataclass(frozen=True, slots=True)
class Options:
    """What ``skp-xl new`` fills in and how it protects the sheets.

    Attributes:
        jenis: Jenis jabatan.
        pendekatan: Pendekatan hasil kerja.
        identitas: Defined name (``PEGAWAI_NAMA``, ``SKP_TAHUN``...) to its value.
        password: Sheet protection password; None protects without one.
        siklus: Evaluate every quarter (TW I-IV) or every month (Januari-Desember),
            then Akhir.
    """

    jenis: JenisJabatan
    pendekatan: Pendekatan
    identitas: Mapping[str, str | int] = field(default_factory=dict)
    password: str | None = None
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN


def build_workbook(options: Options, *, spec: WorkbookSpec | None = None) -> Workbook:
    """The SKP workbook of one pegawai for one year, blank or with identity filled.

    Args:
        options: Jenis, pendekatan, identity values and protection.
        spec: The forms to render; by default the catalog's for the options' jenis,
            pendekatan and cycle (the add-in passes forms grown by a hasil kerja or an IKI).

    Returns:
        The openpyxl workbook, ready to save.
    """
    spec = spec or workbook_spec(options.jenis, options.pendekatan, options.siklus)
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    ctx = RenderContext(wb, spec, options.identitas, options.password)
    # The lookup tables decide every predikat: a password, when given, guards them too,
    # and the locked structure keeps the hidden sheets from being deleted or unhidden.
    render_workbook(spec, ctx, ref_password=options.password)
    ctx.wb.security = WorkbookProtection(lockStructure=True)
    if options.password:
        ctx.wb.security.workbookPassword = options.password
    ctx.wb.active = 1
    return ctx.wb
