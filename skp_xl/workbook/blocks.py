"""One renderer per block type of :mod:`skp_xl.forms.model`, and the form renderer that
dispatches a form's blocks to them.

A new form is a description in :mod:`skp_xl.forms.catalog` plus, at most, a new block type
with its renderer registered in :data:`RENDERERS`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.pagebreak import Break

from skp_xl.domain.vocabulary import (
    CAPAIAN_ORGANISASI,
    PERIODE_EVALUASI,
    RATING,
    PeriodeEvaluasi,
)
from skp_xl.forms import text as t
from skp_xl.forms.catalog import LIST_PANGKAT
from skp_xl.forms.model import (
    IDENTITAS_FIELDS,
    BagianBernomor,
    Blok,
    CapaianOrganisasi,
    Cek,
    DaftarIsian,
    EvaluasiDokumen,
    Form,
    HalamanBaru,
    Identitas,
    IdentitasDaftar,
    InstansiPeriode,
    Isi,
    IsianBantu,
    Judul,
    JudulIsian,
    KelompokIsian,
    Kolom,
    MatriksPeran,
    Meta,
    PasanganIsian,
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
    eval_name,
    identity_name,
)
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.kit import (
    BORDER,
    DIFFERS_FILL,
    FONT,
    HEADER_FILL,
    HELPER_FILL,
    INPUT,
    WRAP_CENTER,
    WRAP_TOP,
    RenderContext,
    RenderedTable,
    SheetWriter,
    a1,
    define_name,
    nip_check,
    protect,
    ref,
    validate_tahun,
)
from skp_xl.workbook.reference import POLA_DISTRIBUSI_TEKS, write_reference_sheet


def _judul(s: SheetWriter, block: Judul) -> None:
    for line in block.baris:
        s.put(
            s.row,
            1,
            line,
            span=s.width,
            bold=True,
            size=12,
            align=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        s.row += 1
    s.row += 1


def _instansi_periode(s: SheetWriter, _: InstansiPeriode) -> None:
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    s.put(
        s.row,
        1,
        '=IF(SKP_INSTANSI="","(NAMA INSTANSI)",UPPER(SKP_INSTANSI))',
        span=s.width,
        bold=True,
        align=center,
    )
    s.row += 1
    periode = (
        '="PERIODE PENILAIAN: "&UPPER(SKP_PERIODE_MULAI)&" SD "&UPPER(SKP_PERIODE_SELESAI)'
        '&" TAHUN "&IF(SKP_TAHUN="","....",SKP_TAHUN)'
    )
    s.put(s.row, 1, periode, span=s.width, align=center)
    s.row += 2


def _periode_label(s: SheetWriter, block: PeriodeLabel) -> None:
    center = Alignment(horizontal="center", vertical="center")
    if block.periode is not None:
        s.put(
            s.row,
            1,
            f"PERIODE: {block.periode.value.upper()}",
            span=s.width,
            bold=True,
            align=center,
        )
    else:
        assert block.name is not None
        split = max(2, s.width // 2)
        s.put(
            s.row,
            1,
            "PERIODE:",
            span=split,
            bold=True,
            align=Alignment(horizontal="right", vertical="center"),
        )
        s.put(
            s.row,
            split + 1,
            None,
            span=s.width - split,
            bold=True,
            unlocked=True,
            border=True,
        )
        cell = a1(s.row, split + 1)
        s.dropdown("LIST_PERIODE", cell, strict=False)
        define_name(s.ctx.wb, block.name, s.ws.title, s.row, split + 1)
        s.required(cell)
    s.row += 2


def _identitas(s: SheetWriter, block: Identitas) -> None:
    spans = s.form.identitas
    starts = [1]
    for span in spans[:-1]:
        starts.append(starts[-1] + span)
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for side, peran in ((0, block.kiri), (3, block.kanan)):
        s.put(
            s.row,
            starts[side],
            t.NO,
            span=spans[side],
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=header,
        )
        s.put(
            s.row,
            starts[side + 1],
            t.PERAN_LABEL[peran],
            span=spans[side + 1] + spans[side + 2],
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=header,
        )
    s.row += 1
    for index, key in enumerate(IDENTITAS_FIELDS):
        for side, peran in ((0, block.kiri), (3, block.kanan)):
            label = t.IDENTITAS_LABELS[index]
            if key == "NIP" and side == 3 and block.nip_kanan_opsional:
                label = t.NIP_OPSIONAL
            name = identity_name(peran, key)
            # Room for a wrapped label or value: LibreOffice does not grow rows
            # for text shown by formula.
            if key != "NIP":
                s.ws.row_dimensions[s.row].height = 26.25
            s.put(
                s.row,
                starts[side],
                index + 1,
                span=spans[side],
                border=True,
                align=Alignment(horizontal="center", vertical="top"),
            )
            s.put(s.row, starts[side + 1], label, span=spans[side + 1], border=True)
            s.put(s.row, starts[side + 2], fx.blank_or(name), span=spans[side + 2], border=True)
        s.row += 1
    s.row += 1


def _identitas_daftar(s: SheetWriter, block: IdentitasDaftar) -> None:
    for number, peran in enumerate(block.peran, start=1):
        s.put(s.row, 1, f"{number}.", bold=True)
        s.put(s.row, 2, t.PERAN_LABEL[peran], span=s.width - 1, bold=True)
        s.row += 1
        for index, key in enumerate(IDENTITAS_FIELDS):
            s.put(s.row, 2, t.IDENTITAS_LABELS[index])
            s.put(s.row, 3, ":")
            s.put(s.row, 4, fx.blank_or(identity_name(peran, key)), span=s.width - 3)
            s.row += 1
        s.row += 1


def _capaian_organisasi(s: SheetWriter, block: CapaianOrganisasi) -> None:
    name = eval_name(block.periode, "CAPAIAN_ORGANISASI")
    column = s.label_value(t.CAPAIAN_KINERJA_ORGANISASI + "*", None, bold=True, unlocked=True)
    cell = a1(s.row, column)
    s.dropdown(fx.list_name(CAPAIAN_ORGANISASI), cell, strict=False)
    s.required(cell)
    define_name(s.ctx.wb, name, s.ws.title, s.row, column)
    s.row += 1
    canonical = fx.canonical_formula(cell, CAPAIAN_ORGANISASI)
    guide = f'=IFERROR(VLOOKUP({canonical},{POLA_DISTRIBUSI_TEKS},2,FALSE),"")'
    column = s.label_value(t.POLA_DISTRIBUSI, guide)
    s.ws.row_dimensions[s.row].height = 42
    define_name(
        s.ctx.wb,
        eval_name(block.periode, "POLA_DISTRIBUSI"),
        s.ws.title,
        s.row,
        column,
    )
    s.row += 2


def _tabel(s: SheetWriter, table: TabelHasilKerja) -> None:
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


def _rating(s: SheetWriter, block: Rating) -> None:
    name = eval_name(block.periode, f"RATING_{block.jenis}")
    label = t.RATING_HASIL_KERJA if block.jenis == "HASIL_KERJA" else t.RATING_PERILAKU_KERJA
    column = s.label_value(label + "*", None, bold=True, unlocked=True)
    cell = a1(s.row, column)
    s.dropdown("LIST_RATING", cell, strict=False)
    s.required(cell)
    define_name(s.ctx.wb, name, s.ws.title, s.row, column)
    if block.saran_dari:
        info = s.ctx.tables[block.saran_dari]
        # Count canonical labels: the kualitatif judgements are typed (variants pass).
        judged = "penilaian_baku" if "penilaian_baku" in info.columns else "penilaian"
        penilaian = get_column_letter(info.columns[judged])
        utama_end = info.blocks[info.utama] - 2  # the row above "B. TAMBAHAN"
        utama = f"${penilaian}${info.blocks[0]}:${penilaian}${utama_end}"
        tambahan_end = info.blocks[-1] + info.rows_per_block - 1
        tambahan = f"${penilaian}${info.blocks[info.utama]}:${penilaian}${tambahan_end}"
        s.put(
            s.row,
            s.helper_start,
            "Saran rating hasil kerja:",
            bold=True,
            italic=True,
            fill=HELPER_FILL,
        )
        saran = s.helper_start + 1
        s.put(
            s.row,
            saran,
            fx.saran_rating_formula(utama, tambahan),
            bold=True,
            fill=HELPER_FILL,
        )
        saran_cell = a1(s.row, saran)
        define_name(
            s.ctx.wb,
            eval_name(block.periode, "SARAN_HASIL_KERJA"),
            s.ws.title,
            s.row,
            saran,
        )
        chosen = fx.canonical_formula(cell, RATING)
        s.ws.conditional_formatting.add(
            cell,
            FormulaRule(
                formula=[
                    f'AND({saran_cell}<>"",LEN(TRIM({cell}))>0,IFERROR({chosen},"")<>{saran_cell})'
                ],
                fill=DIFFERS_FILL,
            ),
        )
    s.row += 2


def _perilaku(s: SheetWriter, block: Perilaku) -> None:
    spans = block.spans
    starts = [1]
    for span in spans[:-1]:
        starts.append(starts[-1] + span)
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # The block starts on a new page: a value split by a page break prints badly.
    s.ws.row_breaks.append(Break(id=s.row - 1))
    titles = [
        (1, spans[0] + spans[1], t.PERILAKU_KERJA + "*"),
        (starts[2], spans[2], t.EKSPEKTASI_KHUSUS.rstrip(":").upper()),
    ]
    if block.umpan_balik:
        titles.append((starts[3], spans[3], t.UMPAN_BALIK_BERKELANJUTAN))
    for column, span, title in titles:
        s.put(
            s.row,
            column,
            title,
            span=span,
            bold=True,
            border=True,
            fill=HEADER_FILL,
            align=header,
        )
    s.ws.row_dimensions[s.row].height = 30
    s.row += 1
    for number, nilai in enumerate(t.BERAKHLAK, start=1):
        row = s.row
        s.put(row, 1, number, border=True, align=Alignment(horizontal="center", vertical="top"))
        s.put(row, starts[1], nilai.teks, span=spans[1], border=True)
        # One row per value (a value merged over rows splits badly across pages).
        s.ws.row_dimensions[row].height = 66
        own = f"SKP_EKSPEKTASI_{number}"
        if block.umpan_balik is None:
            s.put(row, starts[2], None, span=spans[2], border=True, unlocked=True)
            define_name(s.ctx.wb, own, s.ws.title, row, starts[2])
        else:
            s.put(row, starts[2], fx.blank_or(own), span=spans[2], border=True)
            s.put(row, starts[3], None, span=spans[3], border=True, unlocked=True)
            define_name(s.ctx.wb, f"{block.umpan_balik}_{number}", s.ws.title, row, starts[3])
        s.row += 1
    s.row += 1


def _predikat(s: SheetWriter, block: Predikat) -> None:
    hasil = eval_name(block.periode, "RATING_HASIL_KERJA")
    perilaku = eval_name(block.periode, "RATING_PERILAKU")
    column = s.label_value(
        t.PREDIKAT_KINERJA_PEGAWAI + "*", fx.predikat_formula(hasil, perilaku), bold=True
    )
    define_name(s.ctx.wb, eval_name(block.periode, "PREDIKAT"), s.ws.title, s.row, column)
    s.row += 2


def _daftar_isian(s: SheetWriter, block: DaftarIsian) -> None:
    s.put(s.row, 1, block.judul, span=s.width, bold=True, border=True, fill=HEADER_FILL)
    s.row += 1
    first = s.row
    for number, petunjuk in enumerate(block.petunjuk, start=1):
        s.put(s.row, 1, f"{number}.", border=True)
        s.put(s.row, 2, None, span=s.width - 1, border=True, unlocked=True)
        s.prompt(petunjuk, [a1(s.row, 2)])
        s.ws.row_dimensions[s.row].height = 30
        s.row += 1
    s.put(
        s.row,
        2,
        block.petunjuk[0] if len(set(block.petunjuk)) == 1 else " ".join(block.petunjuk),
        span=s.width - 1,
        italic=True,
        size=8,
    )
    define_name(s.ctx.wb, block.name, s.ws.title, first, 2, s.row - 1, 2)
    s.row += 2


def _evaluasi_dokumen(s: SheetWriter, _: EvaluasiDokumen) -> None:
    s.put(s.row, 1, "4.", bold=True)
    s.put(s.row, 2, t.EVALUASI_KINERJA, span=s.width - 1, bold=True)
    s.row += 1
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
        s.put(s.row, 2, label)
        s.put(s.row, 3, ":")
        s.put(s.row, 4, f'=IF({value}="","",{value})', bold=True)
        define_name(s.ctx.wb, f"DOKUMEN_{key}", s.ws.title, s.row, 4)
        s.row += 1
    s.row += 1
    s.put(s.row, 1, "5.", bold=True)
    s.put(s.row, 2, t.CATATAN_REKOMENDASI, span=s.width - 1, bold=True)
    s.row += 1
    s.put(s.row, 2, None, span=s.width - 1, rows=4, border=True, unlocked=True)
    define_name(s.ctx.wb, "DOKUMEN_CATATAN", s.ws.title, s.row, 2)
    s.row += 5


def _tanda_tangan(s: SheetWriter, block: TandaTangan) -> None:
    # Split where the widths balance: the column count would leave a narrow first
    # column (the Lampiran's number column) to a whole signatory.
    total = sum(s.form.lebar)
    half = min(
        range(1, s.width),
        key=lambda k: abs(sum(s.form.lebar[:k]) - total / 2),
    )
    left, right = (1, half), (half + 1, s.width - half)
    center = Alignment(horizontal="center", vertical="top", wrap_text=True)
    date = '=IF(SKP_TEMPAT="","(tempat)",SKP_TEMPAT)&", (tanggal, bulan, tahun)"'
    s.put(s.row, right[0], date, span=right[1], align=center, unlocked=True)
    s.row += 1
    for (start, span), peran in ((left, block.kiri), (right, block.kanan)):
        s.put(s.row, start, t.PERAN_TTD[peran], span=span, align=center)
        s.put(
            s.row + 4,
            start,
            f'=IF({identity_name(peran, "NAMA")}="","(Nama)",{identity_name(peran, "NAMA")})',
            span=span,
            align=center,
            bold=True,
        )
        s.put(
            s.row + 5,
            start,
            f'=IF({identity_name(peran, "NIP")}="","(NIP)","NIP. "&{identity_name(peran, "NIP")})',
            span=span,
            align=center,
        )
    s.row += 7
    if block.catatan:
        s.put(s.row, 1, block.catatan, span=s.width, italic=True, size=8)
        s.row += 1


# -- isian sheets (Identitas), Petunjuk and _meta: written cell by cell in their own look --


def _judul_isian(s: SheetWriter, block: JudulIsian) -> None:
    title = s.ws.cell(row=s.row, column=2, value=block.judul)
    title.font = Font(name=FONT, size=14, bold=True)
    note = s.ws.cell(row=s.row + 1, column=2, value=block.catatan)
    note.font = Font(name=FONT, size=9, italic=True)
    s.row += 2


def _kelompok_isian(s: SheetWriter, block: KelompokIsian) -> None:
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
        if isian.contoh:
            hint = ws.cell(row=s.row, column=4, value=isian.contoh)
            hint.font = Font(name=FONT, size=9, italic=True, color="666666")
        if isian.wajib:
            s.required(cell.coordinate)
        define_name(s.ctx.wb, isian.name, ws.title, s.row, 3)
        s.row += 1


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


def _petunjuk(s: SheetWriter, block: Petunjuk) -> None:
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


def _meta(s: SheetWriter, block: Meta) -> None:
    for key, value, name in block.baris:
        s.ws.cell(row=s.row, column=1, value=key)
        cell = s.ws.cell(row=s.row, column=2, value=value)
        if isinstance(value, str):
            cell.data_type = "s"
        if name:
            define_name(s.ctx.wb, name, s.ws.title, s.row, 2)
        s.row += 1


# -- the Matriks Peran Hasil workbook (A.1.5, A.1.4) -----------------------------------

# Columns of a matrix: NAMA and NIP under PEGAWAI, JABATAN, then the peran columns.
_NAMA, _NIP, _JABATAN, _PERAN = 1, 2, 3, 4


def _isian_bantu(s: SheetWriter, block: IsianBantu) -> None:
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


def _pilihan_peran(s: SheetWriter, block: PilihanPeran) -> None:
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


def _pilihan_ketua(s: SheetWriter, block: PilihanKetua) -> None:
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


def _matriks_peran(s: SheetWriter, block: MatriksPeran) -> None:
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


def _halaman_baru(s: SheetWriter, _: HalamanBaru) -> None:
    s.ws.row_breaks.append(Break(id=s.row - 1))


def _pasangan_isian(s: SheetWriter, block: PasanganIsian) -> None:
    for pasangan in block.baris:
        for (label_column, span), (label, name) in zip(block.kolom, pasangan, strict=True):
            s.put(s.row, label_column, label, span=span, bold=True, border=True, fill=HEADER_FILL)
            value_column = label_column + span
            s.put(s.row, value_column, None, border=True, unlocked=True)
            define_name(s.ctx.wb, name, s.ws.title, s.row, value_column)
        s.ws.row_dimensions[s.row].height = block.tinggi
        s.row += 1
    s.row += 1


def _bagian_bernomor(s: SheetWriter, block: BagianBernomor) -> None:
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


RENDERERS: dict[type[Any], Callable[[SheetWriter, Any], None]] = {
    Judul: _judul,
    InstansiPeriode: _instansi_periode,
    PeriodeLabel: _periode_label,
    Identitas: _identitas,
    IdentitasDaftar: _identitas_daftar,
    CapaianOrganisasi: _capaian_organisasi,
    TabelHasilKerja: _tabel,
    Rating: _rating,
    Perilaku: _perilaku,
    Predikat: _predikat,
    DaftarIsian: _daftar_isian,
    EvaluasiDokumen: _evaluasi_dokumen,
    TandaTangan: _tanda_tangan,
    JudulIsian: _judul_isian,
    KelompokIsian: _kelompok_isian,
    Petunjuk: _petunjuk,
    Meta: _meta,
    IsianBantu: _isian_bantu,
    PilihanPeran: _pilihan_peran,
    PilihanKetua: _pilihan_ketua,
    MatriksPeran: _matriks_peran,
    HalamanBaru: _halaman_baru,
    PasanganIsian: _pasangan_isian,
    BagianBernomor: _bagian_bernomor,
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
    reference = write_reference_sheet(ctx.wb)
    protect(ctx.wb[reference.title], ref_password)
    for form in spec.back:
        render_form(ctx, form)
