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
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation

from skp_xl import __version__
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, nip_penilai_wajib
from skp_xl.forms import text as t
from skp_xl.forms.catalog import LIST_PANGKAT, workbook_spec
from skp_xl.forms.model import (
    IDENTITAS_FIELDS,
    PERAN,
    TEMPLATE_VERSION,
    WorkbookSpec,
    identity_name,
)
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.blocks import PERAN_LABEL, render_form
from skp_xl.workbook.kit import (
    BORDER,
    FONT,
    INPUT,
    REQUIRED_FILL,
    RenderContext,
    define_name,
    page_setup,
    protect,
    validate_tahun,
)
from skp_xl.workbook.reference import write_reference_sheet

IDENTITAS_OTHER = (
    ("SKP_INSTANSI", "NAMA INSTANSI", None),
    ("SKP_TAHUN", "TAHUN", None),
    ("SKP_PERIODE_MULAI", "PERIODE PENILAIAN MULAI", "1 Januari"),
    ("SKP_PERIODE_SELESAI", "PERIODE PENILAIAN SELESAI", "31 Desember"),
    ("SKP_TEMPAT", "TEMPAT PENANDATANGANAN", None),
)
"""Identitas inputs besides the three people: (defined name, label, default)."""


@dataclass(frozen=True, slots=True)
class Options:
    """What ``skp-xl new`` fills in and how it protects the sheets.

    Attributes:
        jenis: Jenis jabatan.
        pendekatan: Pendekatan hasil kerja.
        identitas: Defined name (``PEGAWAI_NAMA``, ``SKP_TAHUN``...) to its value.
        password: Sheet protection password; None protects without one.
    """

    jenis: JenisJabatan
    pendekatan: Pendekatan
    identitas: Mapping[str, str | int] = field(default_factory=dict)
    password: str | None = None


def _identitas_sheet(ctx: RenderContext, options: Options) -> None:
    ws = ctx.wb.create_sheet("Identitas")
    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 34
    ws.column_dimensions["C"].width = 46
    ws.column_dimensions["D"].width = 52
    ws.sheet_view.showGridLines = False
    title = ws.cell(row=1, column=2, value="IDENTITAS SKP")
    title.font = Font(name=FONT, size=14, bold=True)
    note = ws.cell(
        row=2,
        column=2,
        value=(
            "Isi sekali di sini; semua formulir menampilkannya. Sel kuning wajib diisi. "
            "NIP ditulis 18 digit tanpa spasi."
        ),
    )
    note.font = Font(name=FONT, size=9, italic=True)
    row = 4
    # A custom rule is written for its range's first cell and applies relative to it.
    first_nip = f"C{row + 2}"
    dv_nip = DataValidation(
        type="custom",
        formula1=fx.nip_valid_formula(first_nip),
        allow_blank=True,
        showErrorMessage=True,
    )
    dv_nip.errorTitle = "NIP tidak valid"
    dv_nip.error = "NIP harus 18 digit angka, diketik sebagai teks (tanpa spasi)."
    dv_pangkat = DataValidation(
        type="list",
        formula1=LIST_PANGKAT,
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
    )
    dv_pangkat.error = "Pangkat/golongan tidak ada di daftar; periksa penulisannya."
    ws.add_data_validation(dv_nip)
    ws.add_data_validation(dv_pangkat)
    hints = {
        "NIP": "18 digit, mis. 198503122010011003",
        "PANGKAT": "pilih dari daftar, mis. Penata Muda, III/a (PPPK: IX)",
    }
    for peran in PERAN:
        cell = ws.cell(row=row, column=2, value=PERAN_LABEL[peran])
        cell.font = Font(name=FONT, size=11, bold=True)
        row += 1
        for index, key in enumerate(IDENTITAS_FIELDS):
            name = identity_name(peran, key)
            ws.cell(row=row, column=2, value=t.IDENTITAS_LABELS[index]).font = Font(name=FONT)
            value = options.identitas.get(name)
            cell = ws.cell(row=row, column=3, value=value)
            cell.protection = INPUT
            cell.border = BORDER
            cell.font = Font(name=FONT)
            if key == "NIP":
                cell.number_format = "@"
                if value is not None:
                    cell.data_type = "s"
                dv_nip.add(cell.coordinate)
            if key == "PANGKAT":
                dv_pangkat.add(cell.coordinate)
            if key in hints:
                hint = ws.cell(row=row, column=4, value=hints[key])
                hint.font = Font(name=FONT, size=9, italic=True, color="666666")
            optional = peran == "ATASAN" or (
                key == "NIP" and peran == "PENILAI" and not nip_penilai_wajib(options.jenis)
            )
            if not optional:
                ws.conditional_formatting.add(
                    cell.coordinate,
                    FormulaRule(formula=[f"LEN(TRIM({cell.coordinate}))=0"], fill=REQUIRED_FILL),
                )
            define_name(ctx.wb, name, ws.title, row, 3)
            row += 1
        row += 1
    ws.cell(row=row, column=2, value="LAIN-LAIN").font = Font(name=FONT, size=11, bold=True)
    row += 1
    for name, label, default in IDENTITAS_OTHER:
        ws.cell(row=row, column=2, value=label).font = Font(name=FONT)
        cell = ws.cell(row=row, column=3, value=options.identitas.get(name, default))
        cell.protection = INPUT
        cell.border = BORDER
        cell.font = Font(name=FONT)
        if name == "SKP_TAHUN":
            validate_tahun(ws, cell.coordinate)
        if name in ("SKP_INSTANSI", "SKP_TAHUN"):
            ws.conditional_formatting.add(
                cell.coordinate,
                FormulaRule(formula=[f"LEN(TRIM({cell.coordinate}))=0"], fill=REQUIRED_FILL),
            )
        define_name(ctx.wb, name, ws.title, row, 3)
        row += 1
    for name, label in (
        ("SKP_JENIS_JABATAN", "JENIS JABATAN"),
        ("SKP_PENDEKATAN", "PENDEKATAN HASIL KERJA"),
    ):
        ws.cell(row=row, column=2, value=label).font = Font(name=FONT)
        cell = ws.cell(row=row, column=3, value=f"={name}")
        cell.font = Font(name=FONT, bold=True)
        row += 1
    page_setup(ws, f"A1:D{row}", "portrait")
    protect(ws, options.password)


def _petunjuk_sheet(ctx: RenderContext, spec: WorkbookSpec) -> None:
    ws = ctx.wb.active
    assert ws is not None
    ws.title = "Petunjuk"
    ws.column_dimensions["A"].width = 3
    ws.column_dimensions["B"].width = 110
    ws.sheet_view.showGridLines = False
    lines = [
        ("PETUNJUK PENGISIAN SKP", True),
        (
            f"Buku kerja ini: SKP {spec.jenis} pendekatan {spec.pendekatan}, sesuai "
            "PermenPANRB Nomor 6 Tahun 2022.",
            False,
        ),
        ("", False),
        (
            "1. Isi sheet Identitas: pegawai, pejabat penilai, atasan pejabat penilai, instansi, "
            "tahun. Semua formulir menampilkannya otomatis.",
            False,
        ),
        (
            "2. Isi sheet SKP: hasil kerja utama (minimal satu) dan tambahan, dengan indikator "
            "kinerja individu dan target. Pada pendekatan kuantitatif, target diisi di ISIAN BANTU "
            "di kanan formulir (angka, angka s.d. bila rentang, satuan); kolom TARGET tercetak "
            "otomatis, mis. '20 perangkat daerah' atau '90 - 95%'.",
            False,
        ),
        (
            "3. Isi Ekspektasi Khusus Pimpinan pada perilaku kerja bila ada, dan Lampiran "
            "(dukungan sumber daya, skema pertanggungjawaban, konsekuensi).",
            False,
        ),
        (
            "4. Setiap triwulan isi sheet Evaluasi: capaian kinerja organisasi, realisasi dan "
            "umpan balik per hasil kerja, umpan balik perilaku, rating hasil kerja dan rating "
            "perilaku. Predikat kinerja dihitung otomatis dengan kuadran kinerja.",
            False,
        ),
        (
            "5. Kolom Saran rating (di kanan, tidak dicetak) menunjukkan rating hasil kerja yang "
            "disarankan dari penilaian tiap hasil kerja; sel rating berwarna jingga bila pilihan "
            "berbeda dengan saran. Keputusan tetap pada pejabat penilai kinerja.",
            False,
        ),
        (
            "6. Sel kuning: wajib diisi dan masih kosong. Sel lain terkunci (tanpa kata sandi "
            "bawaan) agar rumus tidak terhapus.",
            False,
        ),
        (
            "7. Cetak: setiap formulir sudah diatur A4, muat selebar halaman, dengan nomor "
            "halaman.",
            False,
        ),
        ("", False),
        (
            f"Dibuat dengan skp-xl {__version__}, templat {spec.template_id} versi "
            f"{TEMPLATE_VERSION}.",
            False,
        ),
    ]
    ws.column_dimensions["C"].width = 3
    for row, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=2, value=text)
        cell.font = Font(name=FONT, size=14 if bold else 11, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        # LibreOffice does not grow rows for wrapped text when it opens a file: set a
        # height from the line count (about 100 characters a line at this width).
        ws.row_dimensions[row].height = 15 * max(1, -(-len(text) // 100)) + 3
    page_setup(ws, f"A1:C{len(lines)}", "portrait")
    protect(ws, None)


def _meta_sheet(ctx: RenderContext, spec: WorkbookSpec, password: str | None) -> None:
    ws = ctx.wb.create_sheet("_meta")
    ws.sheet_state = "hidden"
    rows: list[tuple[str, str, str | None]] = [
        ("template_id", spec.template_id, "META_TEMPLATE_ID"),
        ("template_version", TEMPLATE_VERSION, "META_TEMPLATE_VERSION"),
        ("jenis_jabatan", spec.jenis.value if spec.jenis else "", "SKP_JENIS_JABATAN"),
        ("pendekatan", spec.pendekatan.value if spec.pendekatan else "", "SKP_PENDEKATAN"),
        ("generator", "skp-xl", None),
    ]
    for row, (key, value, name) in enumerate(rows, start=1):
        ws.cell(row=row, column=1, value=key)
        ws.cell(row=row, column=2, value=value).data_type = "s"
        if name:
            define_name(ctx.wb, name, ws.title, row, 2)
    protect(ws, password)


def build_workbook(options: Options, *, spec: WorkbookSpec | None = None) -> Workbook:
    """The SKP workbook of one pegawai for one year, blank or with identity filled.

    Args:
        options: Jenis, pendekatan, identity values and protection.
        spec: The forms to render; by default the catalog's for the options' jenis and
            pendekatan (the add-in passes forms grown by a hasil kerja or an IKI).

    Returns:
        The openpyxl workbook, ready to save.
    """
    spec = spec or workbook_spec(options.jenis, options.pendekatan)
    ctx = RenderContext(Workbook(), spec)
    _petunjuk_sheet(ctx, spec)
    _identitas_sheet(ctx, options)
    for form in spec.forms:
        sheet = render_form(ctx, form)
        protect(sheet.ws, options.password)
    reference = write_reference_sheet(ctx.wb)
    # The lookup tables decide every predikat: a password, when given, guards them too,
    # and the locked structure keeps the hidden sheets from being deleted or unhidden.
    protect(ctx.wb[reference.title], options.password)
    _meta_sheet(ctx, spec, options.password)
    ctx.wb.security = WorkbookProtection(lockStructure=True)
    if options.password:
        ctx.wb.security.workbookPassword = options.password
    ctx.wb.active = 1
    return ctx.wb
