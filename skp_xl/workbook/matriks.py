"""The workbook a leader divides roles in before subordinates write their SKP.

Formats A.1.5 (Matriks Pembagian Peran dan Hasil, one and two levels) and A.1.4
(Workblock) of PermenPANRB 6/2022, styled and protected like the SKP workbook of
:mod:`skp_xl.workbook.writer`. Sheets: Petunjuk, Matriks, Matriks Tim (left out when
``tim`` is 0), Workblock, and the hidden ``_ref`` and ``_meta``.

Every input a program reads back has a workbook-scope defined name:

==================================  ===========  =============================================
Name                                Sheet        What it holds
==================================  ===========  =============================================
``SKP_INSTANSI``, ``SKP_TAHUN``,    Matriks      ISIAN BANTU above the printed form (same
``SKP_PERIODE_MULAI``,                           names as in the SKP workbook; the printed
``SKP_PERIODE_SELESAI``                          instansi and periode lines use them)
``MATRIKS_UNIT_KERJA``              Matriks      ISIAN BANTU: the leader's unit kerja
``MATRIKS_PIMPINAN_PANGKAT``        Matriks      ISIAN BANTU: the leader's pangkat/ golongan
``MATRIKS_PIMPINAN_NAMA``,          Matriks      the leader's row, first three cells
``MATRIKS_PIMPINAN_NIP``,
``MATRIKS_PIMPINAN_JABATAN``
``MATRIKS_IKI``                     Matriks      the leader's IKI: one row, one cell per
                                                 column of the matrix
``MATRIKS_PEGAWAI``                 Matriks      the body, one row per pegawai: NAMA, NIP,
                                                 JABATAN, then one peran cell per IKI, column
                                                 ``3 + j`` under ``MATRIKS_IKI`` cell ``j``
``MATRIKS_PEGAWAI_NAMA``            Matriks      the NAMA column of the body (the ketua tim
                                                 dropdown lists it)
``MATRIKS_TIM_<n>_KETUA``           Matriks Tim  team ``n`` (from 1): the ketua tim's row,
                                                 NAMA, NIP, JABATAN, then his rencana hasil
                                                 kerja, one per column
``MATRIKS_TIM_<n>``                 Matriks Tim  team ``n``'s anggota, columns as
                                                 ``MATRIKS_PEGAWAI``; peran cell ``j`` under
                                                 the ketua's rencana hasil kerja ``j``
``WORKBLOCK_<FIELD>``               Workblock    the eight fields (see :data:`WORKBLOCK_NAMES`)
``WORKBLOCK_STRATEGI_RUTIN``, ...   Workblock    numbered lines of each section, one column
                                                 (see :data:`WORKBLOCK_DAFTAR`)
``META_TEMPLATE_ID``,               _meta        ``matriks-peran-hasil`` and the layout
``META_TEMPLATE_VERSION``                        version
==================================  ===========  =============================================

Reading a matrix back (the "Buat SKP Bawahan" feature): a body row with a NAMA is one
pegawai; each of its peran cells that is not blank and not ``text.TIDAK_ADA_PERAN`` (the
guide also writes "N/A"; compare trimmed and case-blind) is one rencana hasil kerja of
that pegawai's SKP, and the cell of the same column in ``MATRIKS_IKI`` (or the ketua's
row, for a team) is its "rencana hasil kerja pimpinan yang diintervensi".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from skp_xl import __version__
from skp_xl.forms import text as t
from skp_xl.forms.catalog import IDENTITAS_LAIN, LIST_PANGKAT
from skp_xl.forms.model import (
    TEMPLATE_VERSION,
    Form,
    InstansiPeriode,
    Judul,
    Orientation,
    TemplateId,
    WorkbookSpec,
    identity_name,
)
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.blocks import render_block
from skp_xl.workbook.kit import (
    FONT,
    HEADER_FILL,
    HELPER_FILL,
    WRAP_CENTER,
    WRAP_TOP,
    RenderContext,
    SheetWriter,
    a1,
    add_prompt,
    define_name,
    protect,
    validate_tahun,
)
from skp_xl.workbook.reference import write_reference_sheet

__all__ = [
    "MATRIKS_IKI",
    "MATRIKS_PEGAWAI",
    "MATRIKS_PEGAWAI_NAMA",
    "MATRIKS_PIMPINAN_JABATAN",
    "MATRIKS_PIMPINAN_NAMA",
    "MATRIKS_PIMPINAN_NIP",
    "MATRIKS_PIMPINAN_PANGKAT",
    "MATRIKS_UNIT_KERJA",
    "TEMPLATE_ID",
    "WORKBLOCK_DAFTAR",
    "WORKBLOCK_NAMES",
    "MatriksOptions",
    "build_matriks_workbook",
    "tim_ketua_name",
    "tim_name",
]

TEMPLATE_ID = str(TemplateId.matriks())
"""``_meta`` template id of this workbook."""

MATRIKS_PIMPINAN_NAMA = "MATRIKS_PIMPINAN_NAMA"
MATRIKS_PIMPINAN_NIP = "MATRIKS_PIMPINAN_NIP"
MATRIKS_PIMPINAN_JABATAN = "MATRIKS_PIMPINAN_JABATAN"
MATRIKS_PIMPINAN_PANGKAT = "MATRIKS_PIMPINAN_PANGKAT"
MATRIKS_UNIT_KERJA = "MATRIKS_UNIT_KERJA"
MATRIKS_IKI = "MATRIKS_IKI"
MATRIKS_PEGAWAI = "MATRIKS_PEGAWAI"
MATRIKS_PEGAWAI_NAMA = "MATRIKS_PEGAWAI_NAMA"

WORKBLOCK_NAMES = (
    ("WORKBLOCK_JUDUL", "WORKBLOCK_INDIKATOR_TARGET"),
    ("WORKBLOCK_PEMILIK", "WORKBLOCK_PIHAK_TERLIBAT"),
    ("WORKBLOCK_WAKTU", "WORKBLOCK_PENERIMA_MANFAAT"),
    ("WORKBLOCK_TUJUAN", "WORKBLOCK_ANGGARAN"),
)
"""Defined names of the Workblock fields, laid out as ``text.WORKBLOCK_FIELDS``."""
WORKBLOCK_DAFTAR = (
    ("WORKBLOCK_STRATEGI_RUTIN", "WORKBLOCK_STRATEGI_TRANSFORMATIF"),
    ("WORKBLOCK_KELUARAN_RUTIN", "WORKBLOCK_KELUARAN_TRANSFORMATIF"),
)
"""Defined names of the numbered lines: strategi, then keluaran kunci; rutin, transformatif."""
WORKBLOCK_BARIS = 5
"""Numbered lines in each Workblock section."""

MAKS_KOLOM = 20
"""Most IKI (or rencana hasil kerja) columns a matrix may have and still print legibly."""

# Placeholder of the leader's row in Format A.1.5 (seed 001, Tahap 5): each
# column header reads "INDIKATOR KINERJA INDIVIDU 1", "... 2"; the ketua tim's
# row holds his rencana hasil kerja ("Tuliskan rencana hasil kerja ketua tim di baris
# paling atas tabel").
_KOLOM_PIMPINAN = t.INDIKATOR_KINERJA_INDIVIDU
_KOLOM_KETUA = t.RENCANA_HASIL_KERJA

_PETUNJUK_LEBAR = 100
_PETUNJUK_HURUF = 105  # characters of an 11 pt line in a column _PETUNJUK_LEBAR wide, at most
_MATRIKS_SHEET = "Matriks"
_TIM_SHEET = "Matriks Tim"
_WORKBLOCK_SHEET = "Workblock"
_HELPER_TITLE = "ISIAN BANTU (tidak dicetak)"

# Columns of a matrix: NAMA and NIP under PEGAWAI, JABATAN, then the peran columns.
_NAMA, _NIP, _JABATAN, _PERAN = 1, 2, 3, 4
_LEBAR_TETAP = (24.0, 20.0, 22.0)
_LEBAR_PERAN = 18.0

IDENTITAS_KEYS = (
    identity_name("PEGAWAI", "NAMA"),
    identity_name("PEGAWAI", "NIP"),
    identity_name("PEGAWAI", "PANGKAT"),
    identity_name("PEGAWAI", "JABATAN"),
    identity_name("PEGAWAI", "UNIT_KERJA"),
    *(isian.name for isian in IDENTITAS_LAIN if isian.name != "SKP_TEMPAT"),
)

_PROMPT_PERAN = (
    "Tulis peran hasil (rencana hasil kerja) pegawai ini untuk hasil pimpinan di atas "
    "kolom ini, dengan bahasa pencapaian/hasil. Bila tidak berperan, pilih "
    f"{t.TIDAK_ADA_PERAN} dari daftar."
)
_PROMPT_IKI = (
    "Tulis satu ukuran keberhasilan/ indikator kinerja individu pimpinan per kolom; "
    "kolom yang tidak dipakai dibiarkan kosong."
)
_PROMPT_RHK_KETUA = (
    "Tulis satu rencana hasil kerja ketua tim per kolom (peran hasilnya pada sheet "
    "Matriks); kolom yang tidak dipakai dibiarkan kosong."
)
_PROMPT_KETUA = "Pilih ketua tim dari daftar pegawai sheet Matriks, atau ketik namanya."
_PROMPT_RUTIN = (
    "Strategi/ keluaran rutin: bersifat eksternal, menghasilkan output yang memuaskan "
    "pihak eksternal (masyarakat, penerima layanan, pemangku kepentingan lain)."
)
_PROMPT_TRANSFORMATIF = (
    "Strategi/ keluaran transformatif: memberi keuntungan atau manfaat internal bagi "
    "instansi, mis. meningkatnya jumlah unit yang dilengkapi teknologi tertentu."
)


@dataclass(frozen=True, slots=True)
class MatriksOptions:
    """What a Matriks Pembagian Peran dan Hasil workbook holds and how it is protected.

    Attributes:
        identitas: Defined name to value, for the leader (``PEGAWAI_NAMA``,
            ``PEGAWAI_NIP``, ``PEGAWAI_PANGKAT``, ``PEGAWAI_JABATAN``,
            ``PEGAWAI_UNIT_KERJA``: the names of the SKP workbook, where the leader is
            the pegawai of his own SKP) and the period (``SKP_INSTANSI``, ``SKP_TAHUN``,
            ``SKP_PERIODE_MULAI``, ``SKP_PERIODE_SELESAI``).
        password: Sheet protection password; None protects without one.
        iki: Columns of every matrix: the leader's IKI on Matriks, a ketua tim's
            rencana hasil kerja on Matriks Tim (his peran hasil, at most one per IKI).
        pegawai: Pegawai rows of the Matriks, below the leader's row.
        tim: Teams on Matriks Tim (second-level matrices); 0 leaves the sheet out.
        anggota: Anggota rows of each team, below the ketua tim's row.

    Raises:
        ValueError: A count is out of range or ``identitas`` has a name this workbook
            does not use.
    """

    identitas: Mapping[str, str | int] = field(default_factory=dict)
    password: str | None = None
    iki: int = 8
    pegawai: int = 30
    tim: int = 5
    anggota: int = 10

    def __post_init__(self) -> None:
        if not 1 <= self.iki <= MAKS_KOLOM:
            raise ValueError(f"iki must be between 1 and {MAKS_KOLOM}, not {self.iki}")
        if not 1 <= self.pegawai <= 500:
            raise ValueError(f"pegawai must be between 1 and 500, not {self.pegawai}")
        if not 0 <= self.tim <= 50:
            raise ValueError(f"tim must be between 0 and 50, not {self.tim}")
        if not 1 <= self.anggota <= 100:
            raise ValueError(f"anggota must be between 1 and 100, not {self.anggota}")
        unknown = sorted(set(self.identitas) - set(IDENTITAS_KEYS))
        if unknown:
            raise ValueError(
                f"identitas names not used by the matriks workbook: {', '.join(unknown)}; "
                f"known: {', '.join(IDENTITAS_KEYS)}"
            )


def tim_name(nomor: int) -> str:
    """Defined name of team ``nomor``'s anggota rows, e.g. ``MATRIKS_TIM_1``."""
    return f"MATRIKS_TIM_{nomor}"


def tim_ketua_name(nomor: int) -> str:
    """Defined name of team ``nomor``'s ketua tim row, e.g. ``MATRIKS_TIM_1_KETUA``."""
    return f"{tim_name(nomor)}_KETUA"


def _text_list(value: str) -> str:
    """An inline list for a list data validation: one quoted item."""
    return '"' + value + '"'


class _Matriks(SheetWriter):
    """A sheet of A.1.5 matrices: PEGAWAI (NAMA, NIP) | JABATAN | one column per hasil."""

    def __init__(self, ctx: RenderContext, sheet: str, kolom: int) -> None:
        form = Form(
            kode="A.1.5",
            sheet=sheet,
            orientasi=Orientation.LANDSCAPE,
            lebar=(*_LEBAR_TETAP, *(_LEBAR_PERAN,) * kolom),
            blok=(),
        )
        super().__init__(ctx, form)
        self.kolom = kolom
        self.last = _PERAN + kolom - 1
        self.peran_dv = self._peran_list()

    def _peran_list(self) -> DataValidation:
        # A list without an error alert: the arrow offers TIDAK ADA PERAN, and any text
        # typed is kept silently (Excel and LibreOffice alike).
        dv = DataValidation(
            type="list",
            formula1=_text_list(t.TIDAK_ADA_PERAN),
            allow_blank=True,
            showErrorMessage=False,
            showInputMessage=True,
        )
        dv.promptTitle = "Peran hasil"
        dv.prompt = _PROMPT_PERAN
        self.ws.add_data_validation(dv)
        return dv

    def title(self) -> None:
        render_block(self, Judul((t.MATRIKS,)))
        render_block(self, InstansiPeriode())

    def head(self, row: int, column: int, value: str, *, span: int = 1, rows: int = 1) -> None:
        """A header cell: bold, centred, grey, bordered."""
        self.put(
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

    def table(self, placeholder: str, rows: int) -> tuple[int, int, int]:
        """Header, head row (leader or ketua tim) and body; returns their rows."""
        header = self.row
        self.head(header, _NAMA, t.MATRIKS_PEGAWAI, span=2)
        self.head(header, _JABATAN, t.MATRIKS_JABATAN, rows=2)
        self.head(header, _PERAN, t.MATRIKS_PERAN, span=self.kolom)
        self.head(header + 1, _NAMA, t.IDENTITAS_LABELS[0])
        self.head(header + 1, _NIP, t.IDENTITAS_LABELS[1])
        for index in range(self.kolom):
            self.head(header + 1, _PERAN + index, f"{placeholder} {index + 1}")
        self.ws.row_dimensions[header + 1].height = 30
        head = header + 2
        for column in range(_NAMA, self.last + 1):
            self.put(head, column, None, bold=True, border=True, unlocked=True)
        first, last = head + 1, head + rows
        for row in range(first, last + 1):
            for column in range(_NAMA, self.last + 1):
                self.put(row, column, None, border=True, unlocked=True)
        for row in range(head, last + 1):
            self.ws.cell(row=row, column=_NIP).number_format = "@"
        self.peran_dv.add(f"{a1(first, _PERAN)}:{a1(last, self.last)}")
        nip_dv = DataValidation(
            type="custom",
            # Relative to the range's first cell, so each row checks its own NIP.
            formula1=fx.nip_valid_formula(a1(head, _NIP)),
            allow_blank=True,
            showErrorMessage=True,
        )
        nip_dv.errorTitle = "NIP tidak valid"
        nip_dv.error = "NIP harus 18 digit angka, diketik sebagai teks (tanpa spasi)."
        self.ws.add_data_validation(nip_dv)
        nip_dv.add(f"{a1(head, _NIP)}:{a1(last, _NIP)}")
        self.row = last + 1
        return head, first, last


def _print_area(sheet: SheetWriter, first: int, last: int) -> None:
    """Writer's print setup, with the print area from row ``first`` to ``last``."""
    sheet.print_setup()
    sheet.ws.print_area = f"A{first}:{get_column_letter(sheet.width)}{last}"


def _helper_inputs(sheet: SheetWriter, identitas: Mapping[str, str | int]) -> None:
    """ISIAN BANTU above the printed Matriks: instansi, unit, pangkat, tahun, periode."""
    ctx, ws = sheet.ctx, sheet.ws
    sheet.put(sheet.row, _NAMA, _HELPER_TITLE, span=3, bold=True, italic=True)
    sheet.row += 1
    other = {isian.name: (isian.label, isian.bawaan) for isian in IDENTITAS_LAIN}
    # (defined name, label, identitas key, default)
    fields: list[tuple[str, str, str, str | None]] = [
        ("SKP_INSTANSI", other["SKP_INSTANSI"][0], "SKP_INSTANSI", None),
        (MATRIKS_UNIT_KERJA, t.IDENTITAS_LABELS[4], identity_name("PEGAWAI", "UNIT_KERJA"), None),
        (
            MATRIKS_PIMPINAN_PANGKAT,
            f"{t.IDENTITAS_LABELS[2]} PIMPINAN",
            identity_name("PEGAWAI", "PANGKAT"),
            None,
        ),
        *(
            (name, other[name][0], name, other[name][1])
            for name in ("SKP_TAHUN", "SKP_PERIODE_MULAI", "SKP_PERIODE_SELESAI")
        ),
    ]
    for name, label, key, default in fields:
        sheet.put(sheet.row, _NAMA, label, bold=True, border=True, fill=HELPER_FILL)
        value = identitas.get(key, default)
        sheet.put(sheet.row, _NIP, value, span=2, border=True, unlocked=True)
        cell = a1(sheet.row, _NIP)
        if name == "SKP_TAHUN":
            validate_tahun(ws, cell)
        if name == MATRIKS_PIMPINAN_PANGKAT:
            sheet.dropdown(LIST_PANGKAT, cell, strict=False)
        if name in ("SKP_INSTANSI", "SKP_TAHUN"):
            sheet.required(cell)
        define_name(ctx.wb, name, ws.title, sheet.row, _NIP)
        sheet.row += 1
    sheet.row += 1


def _matriks_sheet(ctx: RenderContext, options: MatriksOptions) -> None:
    sheet = _Matriks(ctx, _MATRIKS_SHEET, options.iki)
    wb, title = ctx.wb, sheet.ws.title
    _helper_inputs(sheet, options.identitas)
    printed = sheet.row
    sheet.title()
    head, first, last = sheet.table(_KOLOM_PIMPINAN, options.pegawai)
    for column, key, name in (
        (_NAMA, "NAMA", MATRIKS_PIMPINAN_NAMA),
        (_NIP, "NIP", MATRIKS_PIMPINAN_NIP),
        (_JABATAN, "JABATAN", MATRIKS_PIMPINAN_JABATAN),
    ):
        value = options.identitas.get(identity_name("PEGAWAI", key))
        # Text even when given as a number: a NIP has 18 digits, more than Excel keeps.
        cell = sheet.ws.cell(row=head, column=column, value=None if value is None else str(value))
        define_name(wb, name, title, head, column)
        if key != "NIP":
            sheet.required(cell.coordinate)
    sheet.required(a1(head, _PERAN))
    sheet.prompt(_PROMPT_IKI, [f"{a1(head, _PERAN)}:{a1(head, sheet.last)}"])
    define_name(wb, MATRIKS_IKI, title, head, _PERAN, head, sheet.last)
    define_name(wb, MATRIKS_PEGAWAI, title, first, _NAMA, last, sheet.last)
    define_name(wb, MATRIKS_PEGAWAI_NAMA, title, first, _NAMA, last, _NAMA)
    # Every page shows the header and the leader's IKI the columns answer to.
    sheet.header_rows = (head - 2, head)
    _print_area(sheet, printed, last)
    protect(sheet.ws, options.password)


def _tim_sheet(ctx: RenderContext, options: MatriksOptions) -> None:
    sheet = _Matriks(ctx, _TIM_SHEET, options.iki)
    wb, title = ctx.wb, sheet.ws.title
    ketua_dv = DataValidation(
        type="list",
        formula1=MATRIKS_PEGAWAI_NAMA,
        allow_blank=True,
        showErrorMessage=False,
        showInputMessage=True,
    )
    ketua_dv.promptTitle = "Ketua tim"
    ketua_dv.prompt = _PROMPT_KETUA
    sheet.ws.add_data_validation(ketua_dv)
    rhk_cells: list[str] = []
    for nomor in range(1, options.tim + 1):
        if nomor > 1:
            # Each team on a page of its own, a complete A.1.5 form to hand its ketua.
            sheet.ws.row_breaks.append(Break(id=sheet.row - 1))
        sheet.title()
        head, first, last = sheet.table(_KOLOM_KETUA, options.anggota)
        ketua_dv.add(a1(head, _NAMA))
        rhk_cells.append(f"{a1(head, _PERAN)}:{a1(head, sheet.last)}")
        define_name(wb, tim_ketua_name(nomor), title, head, _NAMA, head, sheet.last)
        define_name(wb, tim_name(nomor), title, first, _NAMA, last, sheet.last)
        sheet.row += 1
    sheet.prompt(_PROMPT_RHK_KETUA, rhk_cells)
    _print_area(sheet, 1, sheet.row - 2)
    protect(sheet.ws, options.password)


def _workblock_sheet(ctx: RenderContext, options: MatriksOptions) -> None:
    form = Form(
        kode="A.1.4",
        sheet=_WORKBLOCK_SHEET,
        # Two label-value pairs across, like the guide's form; upright, it fits one page.
        orientasi=Orientation.PORTRAIT,
        lebar=(5, 20, 36, 20, 36),
        blok=(),
    )
    sheet = SheetWriter(ctx, form)
    wb, ws = ctx.wb, sheet.ws
    render_block(sheet, Judul((t.WORKBLOCK,)))
    render_block(sheet, InstansiPeriode())
    for labels, names in zip(t.WORKBLOCK_FIELDS, WORKBLOCK_NAMES, strict=True):
        for (label_column, span), text, name in zip(((1, 2), (4, 1)), labels, names, strict=True):
            sheet.put(
                sheet.row, label_column, text, span=span, bold=True, border=True, fill=HEADER_FILL
            )
            value_column = label_column + span
            sheet.put(sheet.row, value_column, None, border=True, unlocked=True)
            define_name(wb, name, ws.title, sheet.row, value_column)
        ws.row_dimensions[sheet.row].height = 40
        sheet.row += 1
    sheet.row += 1
    prompts = {t.RUTIN: _PROMPT_RUTIN, t.TRANSFORMATIF: _PROMPT_TRANSFORMATIF}
    cells: dict[str, list[str]] = {t.RUTIN: [], t.TRANSFORMATIF: []}
    for judul, names in zip((t.STRATEGI, t.KELUARAN_KUNCI), WORKBLOCK_DAFTAR, strict=True):
        sheet.put(sheet.row, 1, judul, span=sheet.width, bold=True, border=True, fill=HEADER_FILL)
        sheet.row += 1
        for bagian, name in zip((t.RUTIN, t.TRANSFORMATIF), names, strict=True):
            sheet.put(sheet.row, 1, bagian, span=sheet.width, bold=True, border=True)
            sheet.row += 1
            first = sheet.row
            for nomor in range(1, WORKBLOCK_BARIS + 1):
                sheet.put(
                    sheet.row,
                    1,
                    f"{nomor}.",
                    border=True,
                    align=Alignment(horizontal="right", vertical="top"),
                )
                sheet.put(sheet.row, 2, None, span=sheet.width - 1, border=True, unlocked=True)
                ws.row_dimensions[sheet.row].height = 26
                sheet.row += 1
            cells[bagian].append(f"{a1(first, 2)}:{a1(sheet.row - 1, 2)}")
            define_name(wb, name, ws.title, first, 2, sheet.row - 1, 2)
        sheet.row += 1
    for bagian, prompt in prompts.items():
        add_prompt(ws, prompt, cells[bagian])
    _print_area(sheet, 1, sheet.row - 2)
    protect(ws, options.password)


def _petunjuk_lines(options: MatriksOptions) -> list[tuple[str, bool]]:
    """Filling steps after seed 001 (Tahap 4 and 5), in our words where not verbatim."""
    tim = (
        [
            (f"C. {t.MATRIKS} DUA TINGKAT (sheet {_TIM_SHEET})", True),
            (
                "Dipakai bila dibentuk tim kerja di bawah Pejabat Pimpinan Tinggi atau Pimpinan "
                "Unit Kerja Mandiri. Pada sheet Matriks daftarkan pegawai yang diberi peran secara "
                "mandiri maupun sebagai ketua tim; pejabat fungsional yang langsung di bawah "
                "pimpinan tetap pada sheet Matriks.",
                False,
            ),
            (
                f"1. Setiap tim punya satu matriks ({options.tim} tersedia, masing-masing satu "
                "halaman cetak). Pada baris pertama isi nama ketua tim (dapat dipilih dari daftar "
                "pegawai sheet Matriks), NIP, jabatan, lalu rencana hasil kerja ketua tim, satu "
                "per kolom: peran hasilnya pada sheet Matriks.",
                False,
            ),
            ("2. Daftar setiap anggota tim berikut NIP dan jabatannya di bawahnya.", False),
            (
                "3. Untuk setiap sel, cantumkan peran hasil anggota tim untuk mendukung rencana "
                f"hasil kerja ketua tim di kolom itu, atau pilih {t.TIDAK_ADA_PERAN}. Peran hasil "
                "adalah rencana hasil kerja yang akan dituliskan dalam Format SKP.",
                False,
            ),
            ("", False),
        ]
        if options.tim
        else []
    )
    return [
        (f"PETUNJUK PENGISIAN {t.MATRIKS}", True),
        (
            "Buku kerja ini dipakai Pejabat Pimpinan Tinggi, Pimpinan Unit Kerja Mandiri, atau "
            "ketua tim untuk membagi peran dan hasil kepada pegawai sebelum pegawai menyusun "
            "SKP, sesuai PermenPANRB Nomor 6 Tahun 2022 (Format A.1.4 dan A.1.5).",
            False,
        ),
        ("", False),
        (f"A. {t.WORKBLOCK} (sheet {_WORKBLOCK_SHEET}, Format A.1.4)", True),
        (
            "Dipakai untuk mengidentifikasi layanan atau output, terutama pada metode cascading "
            "tidak langsung (non-direct cascading).",
            False,
        ),
        ("1. Tulis judul strategi pencapaian hasil kerja serta pemilik strategi tersebut.", False),
        ("2. Tulis target lama waktu penyelesaian serta tujuan.", False),
        (
            "3. Tulis indikator dan target instansi yang diintervensi serta pihak yang terlibat.",
            False,
        ),
        (
            "4. Tulis penerima manfaat (pihak yang diuntungkan dari strategi) dan besaran total "
            "anggaran yang dibutuhkan untuk melaksanakan strategi.",
            False,
        ),
        (
            f"5. Pada {t.STRATEGI} dan {t.KELUARAN_KUNCI}, bagian {t.RUTIN} diisi strategi/ "
            "keluaran yang bersifat eksternal (memuaskan masyarakat, penerima layanan, atau "
            f"pemangku kepentingan lain); bagian {t.TRANSFORMATIF} diisi strategi/ keluaran "
            "yang memberi keuntungan atau manfaat internal bagi instansi.",
            False,
        ),
        ("", False),
        (f"B. {t.MATRIKS} (sheet {_MATRIKS_SHEET}, Format A.1.5)", True),
        (
            f"1. Isi {_HELPER_TITLE} di bagian atas sheet: nama instansi, unit kerja, pangkat "
            "pimpinan, tahun dan periode. Judul formulir menampilkannya otomatis.",
            False,
        ),
        (
            "2. Pada baris pertama tabel tulis nama, NIP dan jabatan Pejabat Pimpinan Tinggi "
            "atau Pimpinan Unit Kerja Mandiri, lalu ukuran keberhasilan/ indikator kinerja "
            f"individunya, satu per kolom ({options.iki} kolom tersedia).",
            False,
        ),
        (
            "3. Di bawahnya daftar setiap pegawai di unit kerja: nama, NIP (18 digit, tanpa "
            f"spasi) dan jabatan ({options.pegawai} baris tersedia).",
            False,
        ),
        (
            "4. Untuk setiap sel, cantumkan peran hasil pegawai untuk mendukung indikator "
            "kinerja individu pimpinan di kolom itu, sesuai hasil identifikasi strategi "
            "pencapaian hasil kerja. Tulis dengan bahasa pencapaian/hasil. Bila pegawai tidak "
            f"berperan, pilih {t.TIDAK_ADA_PERAN} dari daftar.",
            False,
        ),
        (
            "5. Peran hasil setiap pegawai adalah rencana hasil kerja yang akan dituliskan "
            "dalam Format SKP-nya; indikator kinerja individu pimpinan di kolom itu menjadi "
            f'"{t.RENCANA_HASIL_KERJA_PIMPINAN.lower()}".',
            False,
        ),
        ("", False),
        *tim,
        ("KUALITAS DAN TINGKAT KENDALI PERAN HASIL", True),
        (
            "Peran hasil mencerminkan outcome antara (dari metode direct cascading) atau output "
            "dengan tingkat kendali rendah, sedang, atau tinggi. Bagi pejabat administrator, "
            "pengawas, dan pejabat fungsional yang ditunjuk sebagai ketua tim, peran hasil "
            "sebaiknya paling kurang output kendali sedang; bagi pelaksana, paling kurang "
            "output kendali tinggi; bagi pejabat fungsional yang bukan ketua tim, sesuai "
            "jenjang jabatan fungsionalnya.",
            False,
        ),
        ("", False),
        (
            "Sel kuning: wajib diisi dan masih kosong. Sel lain terkunci (tanpa kata sandi "
            "bawaan) agar susunan formulir tidak berubah. Cetak: setiap formulir sudah diatur "
            "A4 (matriks mendatar), muat selebar halaman, dengan nomor halaman; ISIAN BANTU "
            "tidak ikut tercetak.",
            False,
        ),
        ("", False),
        (
            f"Dibuat dengan skp-xl {__version__}, templat {TEMPLATE_ID} versi {TEMPLATE_VERSION}.",
            False,
        ),
    ]


def _petunjuk_sheet(ctx: RenderContext, options: MatriksOptions) -> None:
    ws = ctx.wb.active
    assert ws is not None
    ws.title = "Petunjuk"
    ws.column_dimensions["A"].width = 3
    ws.column_dimensions["B"].width = _PETUNJUK_LEBAR
    ws.sheet_view.showGridLines = False
    lines = _petunjuk_lines(options)
    for row, (text, bold) in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=2, value=text or None)
        cell.font = Font(name=FONT, size=12 if bold else 11, bold=bold)
        cell.alignment = WRAP_TOP
        # LibreOffice does not fit row heights to wrapped text when it opens a file.
        line = 16 if bold else 15
        ws.row_dimensions[row].height = line * max(1, -(-len(text) // _PETUNJUK_HURUF))
    # Text measured for the screen can run a little wider in print: keep a margin column
    # on each side inside the print area, or LibreOffice clips the last letters.
    ws.column_dimensions["C"].width = 3
    ws.print_area = f"A1:C{len(lines)}"
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = Orientation.PORTRAIT.value
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "Halaman &P dari &N"
    ws.oddFooter.center.size = 8
    protect(ws, options.password)


def _meta_sheet(ctx: RenderContext, options: MatriksOptions) -> None:
    ws = ctx.wb.create_sheet("_meta")
    ws.sheet_state = "hidden"
    rows: list[tuple[str, str | int, str | None]] = [
        ("template_id", TEMPLATE_ID, "META_TEMPLATE_ID"),
        ("template_version", TEMPLATE_VERSION, "META_TEMPLATE_VERSION"),
        ("iki", options.iki, None),
        ("pegawai", options.pegawai, None),
        ("tim", options.tim, None),
        ("anggota", options.anggota, None),
        ("generator", "skp-xl", None),
    ]
    for row, (key, value, name) in enumerate(rows, start=1):
        ws.cell(row=row, column=1, value=key)
        cell = ws.cell(row=row, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if name:
            define_name(ctx.wb, name, ws.title, row, 2)
    protect(ws, None)


def build_matriks_workbook(options: MatriksOptions) -> Workbook:
    """The workbook a leader divides roles in (A.1.5) and identifies strategies (A.1.4).

    Args:
        options: The leader's identity, the period, the capacity of each matrix and the
            protection password.

    Returns:
        The openpyxl workbook, ready to save; the Matriks sheet is active.
    """
    ctx = RenderContext(Workbook(), WorkbookSpec(TEMPLATE_ID, None, None))
    _petunjuk_sheet(ctx, options)
    _matriks_sheet(ctx, options)
    if options.tim:
        _tim_sheet(ctx, options)
    _workblock_sheet(ctx, options)
    reference = write_reference_sheet(ctx.wb)
    protect(ctx.wb[reference.title], None)
    _meta_sheet(ctx, options)
    ctx.wb.active = 1
    return ctx.wb
