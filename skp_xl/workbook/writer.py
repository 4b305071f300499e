"""Render form descriptions into an SKP workbook that works in plain Excel and LibreOffice.

Identity is typed once on the Identitas sheet; every form shows it by formula through
workbook-scope defined names. Evaluation, umpan balik and manual IKI sheets take their hasil
kerja rows from the SKP sheet by formula. Inputs are unlocked cells of protected sheets;
closed lists are dropdowns; predikat, targets and per-IKI judgements are native formulas.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import copy
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl import __version__
from skp_xl.domain.vocabulary import (
    CAPAIAN_ORGANISASI,
    PERIODE_EVALUASI,
    RATING,
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
)
from skp_xl.forms import text as t
from skp_xl.forms.catalog import LIST_PANGKAT, workbook_spec
from skp_xl.forms.model import (
    IDENTITAS_FIELDS,
    PERAN,
    TEMPLATE_VERSION,
    CapaianOrganisasi,
    DaftarIsian,
    EvaluasiDokumen,
    Form,
    Identitas,
    IdentitasDaftar,
    InstansiPeriode,
    Isi,
    Judul,
    Kolom,
    Perilaku,
    PeriodeLabel,
    Predikat,
    Rating,
    TabelHasilKerja,
    TandaTangan,
    WorkbookSpec,
    eval_name,
    identity_name,
)
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.reference import POLA_DISTRIBUSI_TEKS, write_reference_sheet

FONT = "Calibri"
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
HELPER_FILL = PatternFill("solid", fgColor="FFF2CC")
REQUIRED_FILL = PatternFill("solid", fgColor="FFEB9C")
DIFFERS_FILL = PatternFill("solid", fgColor="F8CBAD")
INPUT = Protection(locked=False)
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")

PERAN_LABEL = {
    "PEGAWAI": t.PEGAWAI_YANG_DINILAI,
    "PENILAI": t.PEJABAT_PENILAI,
    "ATASAN": t.ATASAN_PEJABAT_PENILAI,
}
PERAN_TTD = {
    "PEGAWAI": t.PEGAWAI_YANG_DINILAI_TTD,
    "PENILAI": t.PEJABAT_PENILAI_TTD,
    "ATASAN": t.ATASAN_PEJABAT_PENILAI_TTD,
}
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


@dataclass
class _Table:
    """Where a rendered table put its cells, for formulas on other sheets."""

    sheet: str
    columns: dict[str, int]
    blocks: list[int]  # first row of each block, utama then tambahan
    rows_per_block: int
    utama: int
    narasi: bool
    ukuran_label: str = t.UKURAN_KEBERHASILAN_JA_JF


@dataclass
class _Context:
    wb: Workbook
    spec: WorkbookSpec
    tables: dict[str, _Table] = field(default_factory=dict)
    styles: dict[tuple[object, ...], StyleArray] = field(default_factory=dict)


def _ref(sheet: str, row: int, column: int) -> str:
    return f"{quote_sheetname(sheet)}!${get_column_letter(column)}${row}"


def _cell(row: int, column: int) -> str:
    return f"{get_column_letter(column)}{row}"


def _define(
    wb: Workbook,
    name: str,
    sheet: str,
    row: int,
    column: int,
    row2: int | None = None,
    column2: int | None = None,
) -> None:
    target = _ref(sheet, row, column)
    if row2 is not None and column2 is not None and (row2, column2) != (row, column):
        target += f":${get_column_letter(column2)}${row2}"
    wb.defined_names[name] = DefinedName(name, attr_text=target)


class _Sheet:
    """Writes one form sheet top to bottom."""

    def __init__(self, ctx: _Context, form: Form) -> None:
        self.ctx = ctx
        self.form = form
        self.ws = ctx.wb.create_sheet(form.sheet)
        self.row = 1
        self.width = len(form.lebar)
        self.helper_start = self.width + 2
        self.validations: dict[str, DataValidation] = {}
        self.header_rows: tuple[int, int] | None = None
        for index, width in enumerate(form.lebar, start=1):
            self.ws.column_dimensions[get_column_letter(index)].width = width
        self.ws.column_dimensions[get_column_letter(self.width + 1)].width = 2

    # -- cells -------------------------------------------------------------------------

    def put(
        self,
        row: int,
        column: int,
        value: object,
        *,
        span: int = 1,
        rows: int = 1,
        bold: bool = False,
        size: float = 10,
        italic: bool = False,
        align: Alignment = WRAP_TOP,
        border: bool = False,
        fill: PatternFill | None = None,
        unlocked: bool = False,
    ) -> None:
        ws = self.ws
        cell = ws.cell(row=row, column=column, value=value)
        if isinstance(value, str) and not value.startswith("="):
            cell.data_type = "s"
        self._style(cell, (bold, size, italic, align, border, fill, unlocked))
        last_row, last_col = row + rows - 1, column + span - 1
        if (last_row, last_col) != (row, column):
            # Registered directly: ws.merge_cells() would restyle every edge cell again
            # (openpyxl's MergedCellRange.format), which cost most of the build time;
            # the borders are set below, once.
            ws.merged_cells.add(
                MergedCellRange(ws, f"{_cell(row, column)}:{_cell(last_row, last_col)}")
            )
        if border:
            edge = (False, 10, False, align, True, None, unlocked)
            for r in range(row, last_row + 1):
                for c in range(column, last_col + 1):
                    if (r, c) != (row, column):
                        self._style(ws.cell(row=r, column=c), edge)

    def _style(self, cell: Cell, key: tuple[object, ...]) -> None:
        # Setting font, border... hashes every style object each time, which dominated
        # build time; cells with the same look share one computed style array instead.
        bold, size, italic, align, border, fill, unlocked = key
        assert isinstance(align, Alignment)
        # Style objects hash slowly: key on plain values (fills are module constants).
        fast = (
            bold,
            size,
            italic,
            align.horizontal,
            align.vertical,
            align.wrap_text,
            border,
            id(fill),
            unlocked,
        )
        cached = self.ctx.styles.get(fast)
        if cached is not None:
            cell._style = copy(cached)
            return
        cell.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        cell.alignment = align
        if border:
            cell.border = BORDER
        if unlocked:
            cell.protection = INPUT
        if fill is not None:
            cell.fill = fill
        self.ctx.styles[fast] = copy(cell._style)

    def dropdown(
        self, list_name: str, cell: str, *, strict: bool = True, prompt: str | None = None
    ) -> None:
        key = f"{list_name}:{strict}"
        dv = self.validations.get(key)
        if dv is None:
            dv = DataValidation(
                type="list",
                formula1=list_name,
                allow_blank=True,
                showErrorMessage=True,
                errorStyle="stop" if strict else "warning",
            )
            dv.errorTitle = "Pilihan tidak dikenal"
            dv.error = "Pilih salah satu nilai dari daftar."
            if prompt:
                dv.promptTitle = "Petunjuk"
                dv.prompt = prompt
                dv.showInputMessage = True
            self.validations[key] = dv
            self.ws.add_data_validation(dv)
        dv.add(cell)

    def number(self, cell: str) -> None:
        dv = self.validations.get("number")
        if dv is None:
            dv = DataValidation(
                type="decimal",
                operator="greaterThanOrEqual",
                formula1="0",
                allow_blank=True,
                showErrorMessage=True,
            )
            dv.errorTitle = "Bukan angka"
            dv.error = "Isi dengan angka saja (mis. 20 atau 2,5); satuan di kolom Satuan."
            self.validations["number"] = dv
            self.ws.add_data_validation(dv)
        dv.add(cell)

    def required(self, cell: str) -> None:
        self.ws.conditional_formatting.add(
            cell, FormulaRule(formula=[f"LEN(TRIM({cell}))=0"], fill=REQUIRED_FILL)
        )

    def label_value(
        self, label: str, value: object, *, bold: bool = False, unlocked: bool = False
    ) -> int:
        """A label over the left part of the grid and a value over the rest; the value column."""
        split = max(2, self.width // 2)
        self.put(
            self.row,
            1,
            label,
            span=split,
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=Alignment(vertical="center", wrap_text=True),
        )
        self.put(
            self.row,
            split + 1,
            value,
            span=self.width - split,
            bold=bold,
            border=True,
            unlocked=unlocked,
            align=Alignment(vertical="center", wrap_text=True),
        )
        return split + 1

    # -- blocks ------------------------------------------------------------------------

    def judul(self, block: Judul) -> None:
        for line in block.baris:
            self.put(
                self.row,
                1,
                line,
                span=self.width,
                bold=True,
                size=12,
                align=Alignment(horizontal="center", vertical="center", wrap_text=True),
            )
            self.row += 1
        self.row += 1

    def instansi_periode(self, _: InstansiPeriode) -> None:
        center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.put(
            self.row,
            1,
            '=IF(SKP_INSTANSI="","(NAMA INSTANSI)",UPPER(SKP_INSTANSI))',
            span=self.width,
            bold=True,
            align=center,
        )
        self.row += 1
        periode = (
            '="PERIODE PENILAIAN: "&UPPER(SKP_PERIODE_MULAI)&" SD "&UPPER(SKP_PERIODE_SELESAI)'
            '&" TAHUN "&IF(SKP_TAHUN="","....",SKP_TAHUN)'
        )
        self.put(self.row, 1, periode, span=self.width, align=center)
        self.row += 2

    def periode_label(self, block: PeriodeLabel) -> None:
        center = Alignment(horizontal="center", vertical="center")
        if block.periode is not None:
            self.put(
                self.row,
                1,
                f"PERIODE: {block.periode.value.upper()}",
                span=self.width,
                bold=True,
                align=center,
            )
        else:
            assert block.name is not None
            split = max(2, self.width // 2)
            self.put(
                self.row,
                1,
                "PERIODE:",
                span=split,
                bold=True,
                align=Alignment(horizontal="right", vertical="center"),
            )
            self.put(
                self.row,
                split + 1,
                None,
                span=self.width - split,
                bold=True,
                unlocked=True,
                border=True,
            )
            cell = _cell(self.row, split + 1)
            self.dropdown("LIST_PERIODE", cell, strict=False)
            _define(self.ctx.wb, block.name, self.ws.title, self.row, split + 1)
            self.required(cell)
        self.row += 2

    def identitas(self, block: Identitas) -> None:
        spans = self.form.identitas
        starts = [1]
        for span in spans[:-1]:
            starts.append(starts[-1] + span)
        header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        for side, peran in ((0, block.kiri), (3, block.kanan)):
            self.put(
                self.row,
                starts[side],
                t.NO,
                span=spans[side],
                bold=True,
                border=True,
                fill=HEADER_FILL,
                align=header,
            )
            self.put(
                self.row,
                starts[side + 1],
                PERAN_LABEL[peran],
                span=spans[side + 1] + spans[side + 2],
                bold=True,
                border=True,
                fill=HEADER_FILL,
                align=header,
            )
        self.row += 1
        for index, key in enumerate(IDENTITAS_FIELDS):
            for side, peran in ((0, block.kiri), (3, block.kanan)):
                label = t.IDENTITAS_LABELS[index]
                if key == "NIP" and side == 3 and block.nip_kanan_opsional:
                    label = t.NIP_OPSIONAL
                name = identity_name(peran, key)
                # Room for a wrapped label or value: LibreOffice does not grow rows
                # for text shown by formula.
                if key != "NIP":
                    self.ws.row_dimensions[self.row].height = 26.25
                self.put(
                    self.row,
                    starts[side],
                    index + 1,
                    span=spans[side],
                    border=True,
                    align=Alignment(horizontal="center", vertical="top"),
                )
                self.put(self.row, starts[side + 1], label, span=spans[side + 1], border=True)
                self.put(
                    self.row, starts[side + 2], fx.blank_or(name), span=spans[side + 2], border=True
                )
            self.row += 1
        self.row += 1

    def identitas_daftar(self, block: IdentitasDaftar) -> None:
        for number, peran in enumerate(block.peran, start=1):
            self.put(self.row, 1, f"{number}.", bold=True)
            self.put(self.row, 2, PERAN_LABEL[peran], span=self.width - 1, bold=True)
            self.row += 1
            for index, key in enumerate(IDENTITAS_FIELDS):
                self.put(self.row, 2, t.IDENTITAS_LABELS[index])
                self.put(self.row, 3, ":")
                self.put(self.row, 4, fx.blank_or(identity_name(peran, key)), span=self.width - 3)
                self.row += 1
            self.row += 1

    def capaian_organisasi(self, block: CapaianOrganisasi) -> None:
        name = eval_name(block.periode, "CAPAIAN_ORGANISASI")
        column = self.label_value(
            t.CAPAIAN_KINERJA_ORGANISASI + "*", None, bold=True, unlocked=True
        )
        cell = _cell(self.row, column)
        self.dropdown(fx.list_name(CAPAIAN_ORGANISASI), cell, strict=False)
        self.required(cell)
        _define(self.ctx.wb, name, self.ws.title, self.row, column)
        self.row += 1
        canonical = fx.canonical_formula(cell, CAPAIAN_ORGANISASI)
        guide = f'=IFERROR(VLOOKUP({canonical},{POLA_DISTRIBUSI_TEKS},2,FALSE),"")'
        column = self.label_value(t.POLA_DISTRIBUSI, guide)
        self.ws.row_dimensions[self.row].height = 42
        _define(
            self.ctx.wb,
            eval_name(block.periode, "POLA_DISTRIBUSI"),
            self.ws.title,
            self.row,
            column,
        )
        self.row += 2

    def tabel(self, table: TabelHasilKerja) -> None:
        printed = [k for k in table.kolom if k.cetak]
        helpers = [k for k in table.kolom if not k.cetak]
        columns: dict[str, int] = {}
        column = 1
        header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        top = self.row
        if not table.narasi:
            for kolom in printed:
                columns[kolom.key] = column
                self.put(
                    self.row,
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
            self.put(
                self.row,
                1,
                t.HASIL_KERJA,
                span=self.width,
                bold=True,
                border=True,
                fill=HEADER_FILL,
                align=Alignment(vertical="center"),
            )
        column = self.helper_start
        if helpers:
            self.put(
                self.row - 1,
                column,
                "ISIAN BANTU (tidak dicetak)",
                span=len(helpers),
                bold=True,
                italic=True,
            )
        for kolom in helpers:
            columns[kolom.key] = column
            self.ws.column_dimensions[get_column_letter(column)].width = kolom.lebar
            self.put(
                self.row,
                column,
                kolom.judul,
                bold=True,
                italic=True,
                border=True,
                fill=HELPER_FILL,
                align=header,
            )
            column += 1
        self.ws.row_dimensions[self.row].height = max(40, 13.5 * self._header_lines(table))
        self.row += 1
        if table.nomor_kolom and not table.narasi:
            column = 1
            for number, kolom in enumerate(printed, start=1):
                self.put(
                    self.row,
                    column,
                    f"({number})",
                    span=kolom.span,
                    border=True,
                    align=header,
                    italic=True,
                )
                column += kolom.span
            self.row += 1
        self.header_rows = (top, self.row - 1)

        info = _Table(
            self.ws.title,
            columns,
            [],
            table.baris_per_rhk,
            table.utama,
            table.narasi,
            self._ukuran_label(),
        )
        body_top = self.row
        for section, count in ((t.UTAMA, table.utama), (t.TAMBAHAN, table.tambahan)):
            self.put(
                self.row,
                1,
                section,
                span=self.width,
                bold=True,
                border=True,
                align=Alignment(vertical="center"),
            )
            self.row += 1
            for _ in range(count):
                info.blocks.append(self.row)
                self._block(table, info, len(info.blocks) - 1, body_top)
                self.row += table.baris_per_rhk
        body_bottom = self.row - 1
        last_column = max(columns.values())
        _define(self.ctx.wb, table.name, self.ws.title, body_top, 1, body_bottom, last_column)
        self.ctx.tables[table.name] = info
        self.row += 1

    def _header_lines(self, table: TabelHasilKerja) -> int:
        """Lines the tallest printed header needs at its column width (about 1.2 units a
        character in bold)."""
        lines, column = 1, 0
        for kolom in table.kolom:
            if not kolom.cetak or table.narasi:
                continue
            width = sum(self.form.lebar[column : column + kolom.span])
            column += kolom.span
            lines = max(lines, -(-int(len(kolom.judul) * 1.2) // max(int(width), 1)))
        return lines

    def _source(self, table: TabelHasilKerja) -> _Table | None:
        return self.ctx.tables[table.sumber] if table.sumber else None

    def _block(self, table: TabelHasilKerja, info: _Table, index: int, body_top: int) -> None:
        first = self.row
        rows = table.baris_per_rhk
        source = self._source(table)
        first_utama = index == 0
        if table.narasi:
            self._narasi_block(info, first, first_utama, body_top)
            return
        # Two lines per row: an indicator rarely fits one, a realisasi prints its figure
        # and evidence, and a merged rencana hasil kerja needs the block's height
        # (merged cells never grow by themselves). People may resize rows.
        for row in range(first, first + rows):
            self.ws.row_dimensions[row].height = 30
        for kolom in table.kolom:
            column = info.columns[kolom.key]
            span = kolom.span if kolom.cetak else 1
            targets = [first] if kolom.per_rhk else list(range(first, first + rows))
            for offset, row in enumerate(targets):
                value = self._value(kolom, info, source, index, offset, row, body_top)
                # A computed column whose source the SKP lacks (satuan on a kualitatif
                # Manual IKI) is typed in instead.
                unlocked = kolom.isi in (Isi.TEKS, Isi.ANGKA, Isi.PILIHAN) or (
                    kolom.isi is Isi.RUMUS and value is None
                )
                self.put(
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
                cell = _cell(row, column)
                if kolom.isi is Isi.PILIHAN and kolom.daftar:
                    self.dropdown(kolom.daftar, cell, strict=False)
                elif kolom.isi is Isi.ANGKA:
                    self.number(cell)
                if kolom.wajib and first_utama and offset == 0 and unlocked:
                    self.required(cell)

    def _ukuran_label(self) -> str:
        return (
            t.UKURAN_KEBERHASILAN_JPT
            if self.form.kode == "A.1.1"
            else (t.UKURAN_KEBERHASILAN_JA_JF)
        )

    def _narasi_block(self, info: _Table, first: int, first_utama: bool, body_top: int) -> None:
        hasil = f"B{first}"
        # Items are 3 rows: count items before this one, not filled cells.
        numbering = f'=IF({hasil}="","",MAX($A${body_top}:A{first - 1})+1)'
        self.put(
            first,
            1,
            numbering,
            rows=3,
            border=True,
            align=Alignment(horizontal="center", vertical="top"),
        )
        self.put(first, 2, None, span=self.width - 1, border=True, unlocked=True)
        self.put(first + 1, 2, self._ukuran_label(), span=self.width - 1, italic=True, border=True)
        self.put(first + 2, 2, None, span=self.width - 1, border=True, unlocked=True)
        self.ws.row_dimensions[first].height = 30
        self.ws.row_dimensions[first + 2].height = 30
        if first_utama:
            self.required(hasil)
            self.required(f"B{first + 2}")

    def _value(
        self,
        kolom: Kolom,
        info: _Table,
        source: _Table | None,
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
                *(_cell(row, cols[k]) for k in ("target_min", "target_maks", "satuan"))
            )
        if source is None:
            raise ValueError(f"column {kolom.key} of {info.sheet} needs a source table")
        src_first = source.blocks[index]
        src_row = src_first + (offset if offset < source.rows_per_block else 0)

        def src(key: str, at: int = src_row) -> str:
            return _ref(source.sheet, at, source.columns[key])

        if kolom.key == "realisasi":
            return fx.realisasi_text_formula(
                _cell(row, cols["realisasi_angka"]), src("satuan"), _cell(row, cols["bukti"])
            )
        if kolom.key == "capaian":
            return fx.penilaian_iki_formula(
                src("target_min"),
                src("target_maks"),
                _cell(row, cols["realisasi_angka"]),
                src("arah"),
                src("aspek") if "aspek" in source.columns else '""',
            )
        if kolom.key == "penilaian_baku":
            return f'=IFERROR({fx.canonical_formula(_cell(row, cols["penilaian"]), RATING)},"")'
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

    def rating(self, block: Rating) -> None:
        name = eval_name(block.periode, f"RATING_{block.jenis}")
        label = t.RATING_HASIL_KERJA if block.jenis == "HASIL_KERJA" else t.RATING_PERILAKU_KERJA
        column = self.label_value(label + "*", None, bold=True, unlocked=True)
        cell = _cell(self.row, column)
        self.dropdown("LIST_RATING", cell, strict=False)
        self.required(cell)
        _define(self.ctx.wb, name, self.ws.title, self.row, column)
        if block.saran_dari:
            info = self.ctx.tables[block.saran_dari]
            # Count canonical labels: the kualitatif judgements are typed (variants pass).
            judged = "penilaian_baku" if "penilaian_baku" in info.columns else "penilaian"
            penilaian = get_column_letter(info.columns[judged])
            utama_end = info.blocks[info.utama] - 2  # the row above "B. TAMBAHAN"
            utama = f"${penilaian}${info.blocks[0]}:${penilaian}${utama_end}"
            tambahan_end = info.blocks[-1] + info.rows_per_block - 1
            tambahan = f"${penilaian}${info.blocks[info.utama]}:${penilaian}${tambahan_end}"
            self.put(
                self.row,
                self.helper_start,
                "Saran rating hasil kerja:",
                bold=True,
                italic=True,
                fill=HELPER_FILL,
            )
            saran = self.helper_start + 1
            self.put(
                self.row,
                saran,
                fx.saran_rating_formula(utama, tambahan),
                bold=True,
                fill=HELPER_FILL,
            )
            saran_cell = _cell(self.row, saran)
            _define(
                self.ctx.wb,
                eval_name(block.periode, "SARAN_HASIL_KERJA"),
                self.ws.title,
                self.row,
                saran,
            )
            chosen = fx.canonical_formula(cell, RATING)
            self.ws.conditional_formatting.add(
                cell,
                FormulaRule(
                    formula=[
                        f'AND({saran_cell}<>"",LEN(TRIM({cell}))>0,'
                        f'IFERROR({chosen},"")<>{saran_cell})'
                    ],
                    fill=DIFFERS_FILL,
                ),
            )
        self.row += 2

    def perilaku(self, block: Perilaku) -> None:
        spans = block.spans
        starts = [1]
        for span in spans[:-1]:
            starts.append(starts[-1] + span)
        header = Alignment(horizontal="center", vertical="center", wrap_text=True)
        # The block starts on a new page: a value split by a page break prints badly.
        self.ws.row_breaks.append(Break(id=self.row - 1))
        titles = [
            (1, spans[0] + spans[1], t.PERILAKU_KERJA + "*"),
            (starts[2], spans[2], t.EKSPEKTASI_KHUSUS.rstrip(":").upper()),
        ]
        if block.umpan_balik:
            titles.append((starts[3], spans[3], t.UMPAN_BALIK_BERKELANJUTAN))
        for column, span, title in titles:
            self.put(
                self.row,
                column,
                title,
                span=span,
                bold=True,
                border=True,
                fill=HEADER_FILL,
                align=header,
            )
        self.ws.row_dimensions[self.row].height = 30
        self.row += 1
        for number, nilai in enumerate(t.BERAKHLAK, start=1):
            row = self.row
            self.put(
                row, 1, number, border=True, align=Alignment(horizontal="center", vertical="top")
            )
            self.put(row, starts[1], nilai.teks, span=spans[1], border=True)
            # One row per value (a value merged over rows splits badly across pages).
            self.ws.row_dimensions[row].height = 66
            own = f"SKP_EKSPEKTASI_{number}"
            if block.umpan_balik is None:
                self.put(row, starts[2], None, span=spans[2], border=True, unlocked=True)
                _define(self.ctx.wb, own, self.ws.title, row, starts[2])
            else:
                self.put(row, starts[2], fx.blank_or(own), span=spans[2], border=True)
                self.put(row, starts[3], None, span=spans[3], border=True, unlocked=True)
                _define(self.ctx.wb, f"{block.umpan_balik}_{number}", self.ws.title, row, starts[3])
            self.row += 1
        self.row += 1

    def predikat(self, block: Predikat) -> None:
        hasil = eval_name(block.periode, "RATING_HASIL_KERJA")
        perilaku = eval_name(block.periode, "RATING_PERILAKU")
        column = self.label_value(
            t.PREDIKAT_KINERJA_PEGAWAI + "*", fx.predikat_formula(hasil, perilaku), bold=True
        )
        _define(self.ctx.wb, eval_name(block.periode, "PREDIKAT"), self.ws.title, self.row, column)
        self.row += 2

    def daftar_isian(self, block: DaftarIsian) -> None:
        self.put(
            self.row, 1, block.judul, span=self.width, bold=True, border=True, fill=HEADER_FILL
        )
        self.row += 1
        first = self.row
        for number, petunjuk in enumerate(block.petunjuk, start=1):
            self.put(self.row, 1, f"{number}.", border=True)
            self.put(self.row, 2, None, span=self.width - 1, border=True, unlocked=True)
            self.dropdown_free_prompt(_cell(self.row, 2), petunjuk)
            self.ws.row_dimensions[self.row].height = 30
            self.row += 1
        self.put(
            self.row,
            2,
            block.petunjuk[0] if len(set(block.petunjuk)) == 1 else " ".join(block.petunjuk),
            span=self.width - 1,
            italic=True,
            size=8,
        )
        _define(self.ctx.wb, block.name, self.ws.title, first, 2, self.row - 1, 2)
        self.row += 2

    def dropdown_free_prompt(self, cell: str, prompt: str) -> None:
        dv = DataValidation(allow_blank=True, showInputMessage=True)
        dv.promptTitle = "Petunjuk"
        dv.prompt = prompt[:255]
        self.ws.add_data_validation(dv)
        dv.add(cell)

    def evaluasi_dokumen(self, _: EvaluasiDokumen) -> None:
        self.put(self.row, 1, "4.", bold=True)
        self.put(self.row, 2, t.EVALUASI_KINERJA, span=self.width - 1, bold=True)
        self.row += 1
        periode = "DOKUMEN_PERIODE"
        index = f"MATCH({fx.canonical_formula(periode, PERIODE_EVALUASI)},LIST_PERIODE,0)"
        for label, key in (
            (t.CAPAIAN_KINERJA_ORGANISASI, "CAPAIAN_ORGANISASI"),
            (t.PREDIKAT_KINERJA_PEGAWAI, "PREDIKAT"),
        ):
            names = ",".join(eval_name(p, key) for p in PeriodeEvaluasi)
            value = f'IFERROR(CHOOSE({index},{names}),"")'
            if key == "CAPAIAN_ORGANISASI":
                # Typed ("Cukup") as the canonical label the document must print.
                value = f"IFERROR({fx.canonical_formula(value, CAPAIAN_ORGANISASI)},{value})"
            self.put(self.row, 2, label)
            self.put(self.row, 3, ":")
            self.put(self.row, 4, f'=IF({value}="","",{value})', bold=True)
            _define(self.ctx.wb, f"DOKUMEN_{key}", self.ws.title, self.row, 4)
            self.row += 1
        self.row += 1
        self.put(self.row, 1, "5.", bold=True)
        self.put(self.row, 2, t.CATATAN_REKOMENDASI, span=self.width - 1, bold=True)
        self.row += 1
        self.put(self.row, 2, None, span=self.width - 1, rows=4, border=True, unlocked=True)
        _define(self.ctx.wb, "DOKUMEN_CATATAN", self.ws.title, self.row, 2)
        self.row += 5

    def tanda_tangan(self, block: TandaTangan) -> None:
        # Split where the widths balance: the column count would leave a narrow first
        # column (the Lampiran's number column) to a whole signatory.
        total = sum(self.form.lebar)
        half = min(
            range(1, self.width),
            key=lambda k: abs(sum(self.form.lebar[:k]) - total / 2),
        )
        left, right = (1, half), (half + 1, self.width - half)
        center = Alignment(horizontal="center", vertical="top", wrap_text=True)
        date = '=IF(SKP_TEMPAT="","(tempat)",SKP_TEMPAT)&", (tanggal, bulan, tahun)"'
        self.put(self.row, right[0], date, span=right[1], align=center, unlocked=True)
        self.row += 1
        for (start, span), peran in ((left, block.kiri), (right, block.kanan)):
            self.put(self.row, start, PERAN_TTD[peran], span=span, align=center)
            self.put(
                self.row + 4,
                start,
                f'=IF({identity_name(peran, "NAMA")}="","(Nama)",{identity_name(peran, "NAMA")})',
                span=span,
                align=center,
                bold=True,
            )
            self.put(
                self.row + 5,
                start,
                f'=IF({identity_name(peran, "NIP")}="","(NIP)",'
                f'"NIP. "&{identity_name(peran, "NIP")})',
                span=span,
                align=center,
            )
        self.row += 7
        if block.catatan:
            self.put(self.row, 1, block.catatan, span=self.width, italic=True, size=8)
            self.row += 1

    # -- whole sheet -------------------------------------------------------------------

    def render(self) -> None:
        handlers = {
            Judul: self.judul,
            InstansiPeriode: self.instansi_periode,
            PeriodeLabel: self.periode_label,
            Identitas: self.identitas,
            IdentitasDaftar: self.identitas_daftar,
            CapaianOrganisasi: self.capaian_organisasi,
            TabelHasilKerja: self.tabel,
            Rating: self.rating,
            Perilaku: self.perilaku,
            Predikat: self.predikat,
            DaftarIsian: self.daftar_isian,
            EvaluasiDokumen: self.evaluasi_dokumen,
            TandaTangan: self.tanda_tangan,
        }
        for block in self.form.blok:
            handlers[type(block)](block)  # type: ignore[operator]
        self._print_setup()

    def _print_setup(self) -> None:
        ws = self.ws
        kode = self.form.kode
        page_setup(
            ws,
            f"A1:{get_column_letter(self.width)}{self.row}",
            self.form.orientasi.value,
            footer=f"Format {kode}" if "." in kode else kode,
        )
        if self.header_rows is not None:
            ws.print_title_rows = f"{self.header_rows[0]}:{self.header_rows[1]}"
        ws.sheet_view.zoomScale = 90


def page_setup(ws: Worksheet, area: str, orientation: str, *, footer: str = "") -> None:
    """A4, the given orientation, fit to the page width, page numbers in the footer."""
    ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = orientation
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.oddFooter.center.size = 8
    if footer:
        ws.oddFooter.right.text = footer
        ws.oddFooter.right.size = 8
    ws.sheet_view.showGridLines = False


def validate_tahun(ws: Worksheet, cell: str) -> None:
    """A whole-number validation for the SKP year (PermenPANRB 6/2022 is from 2022)."""
    dv = DataValidation(
        type="whole",
        operator="between",
        formula1="2022",
        formula2="2100",
        allow_blank=True,
        showErrorMessage=True,
    )
    dv.error = "Tahun SKP: 2022 sampai 2100 (PermenPANRB 6/2022)."
    ws.add_data_validation(dv)
    dv.add(cell)


def _protect(ws: Worksheet, password: str | None) -> None:
    ws.protection.sheet = True
    if password:
        ws.protection.password = password
    # Let people resize rows and columns to read long text; everything else stays locked.
    ws.protection.formatRows = False
    ws.protection.formatColumns = False
    ws.protection.formatCells = True


def _identitas_sheet(ctx: _Context, options: Options) -> None:
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
                key == "NIP" and peran == "PENILAI" and options.jenis is JenisJabatan.JPT
            )
            if not optional:
                ws.conditional_formatting.add(
                    cell.coordinate,
                    FormulaRule(formula=[f"LEN(TRIM({cell.coordinate}))=0"], fill=REQUIRED_FILL),
                )
            _define(ctx.wb, name, ws.title, row, 3)
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
        _define(ctx.wb, name, ws.title, row, 3)
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
    _protect(ws, options.password)


def _petunjuk_sheet(ctx: _Context, spec: WorkbookSpec) -> None:
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
    _protect(ws, None)


def _meta_sheet(ctx: _Context, spec: WorkbookSpec, password: str | None) -> None:
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
            _define(ctx.wb, name, ws.title, row, 2)
    _protect(ws, password)


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
    ctx = _Context(Workbook(), spec)
    _petunjuk_sheet(ctx, spec)
    _identitas_sheet(ctx, options)
    for form in spec.forms:
        sheet = _Sheet(ctx, form)
        sheet.render()
        _protect(sheet.ws, options.password)
    reference = write_reference_sheet(ctx.wb)
    # The lookup tables decide every predikat: a password, when given, guards them too,
    # and the locked structure keeps the hidden sheets from being deleted or unhidden.
    _protect(ctx.wb[reference.title], options.password)
    _meta_sheet(ctx, spec, options.password)
    ctx.wb.security = WorkbookProtection(lockStructure=True)
    if options.password:
        ctx.wb.security.workbookPassword = options.password
    ctx.wb.active = 1
    return ctx.wb
