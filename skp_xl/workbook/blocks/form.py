"""Renderers of the blocks an official form is made of: title, identity header, ratings,
perilaku, predikat, signatures... (the hasil kerja table is in :mod:`.table`)."""

from __future__ import annotations

from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break

from skp_xl.domain.vocabulary import (
    CAPAIAN_ORGANISASI,
    PERIODE_EVALUASI,
    RATING,
)
from skp_xl.forms import text as t
from skp_xl.forms.model import (
    IDENTITAS_FIELDS,
    CapaianOrganisasi,
    DaftarIsian,
    EvaluasiDokumen,
    Identitas,
    IdentitasDaftar,
    InstansiPeriode,
    Judul,
    Perilaku,
    PeriodeLabel,
    Predikat,
    Rating,
    TandaTangan,
    eval_name,
    identity_name,
)
from skp_xl.workbook import formulas as fx
from skp_xl.workbook.blocks.table import written_columns
from skp_xl.workbook.kit import (
    DIFFERS_FILL,
    HEADER_FILL,
    HELPER_FILL,
    SheetWriter,
    a1,
    define_name,
)
from skp_xl.workbook.reference import POLA_DISTRIBUSI_TEKS


def judul(s: SheetWriter, block: Judul) -> None:
    """Centred bold title lines, then a blank row."""
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


def instansi_periode(s: SheetWriter, _: InstansiPeriode) -> None:
    """The instansi and the penilaian period, by formula from the Identitas names."""
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


def periode_label(s: SheetWriter, block: PeriodeLabel) -> None:
    """The period of an evaluation, or a dropdown to choose it (``block.name``)."""
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
        # The period is chosen beside the form (off paper); the form prints it in its
        # own words ("TRIWULAN I", "JANUARI", "AKHIR") by formula, as seed 002 does.
        assert block.name is not None
        cell = a1(s.row, s.helper_start + 1)
        words = f"IFERROR(UPPER({fx.canonical_formula(cell, PERIODE_EVALUASI)}),UPPER({cell}))"
        s.put(
            s.row,
            1,
            f'="PERIODE: "&IF(LEN(TRIM({cell}))=0,"....",{words})',
            span=s.width,
            bold=True,
            align=center,
        )
        s.put(
            s.row,
            s.helper_start,
            t.PERIODE_PILIH,
            bold=True,
            italic=True,
            fill=HELPER_FILL,
            align=Alignment(horizontal="right", vertical="center", wrap_text=True),
        )
        s.put(s.row, s.helper_start + 1, None, bold=True, unlocked=True, border=True)
        for column, width in ((s.helper_start, 24), (s.helper_start + 1, 16)):
            s.ws.column_dimensions[get_column_letter(column)].width = width
        s.ws.row_dimensions[s.row].height = 30
        s.dropdown("LIST_PERIODE", cell, strict=False)
        define_name(s.ctx.wb, block.name, s.ws.title, s.row, s.helper_start + 1)
        s.required(cell)
    s.row += 2


def identitas(s: SheetWriter, block: Identitas) -> None:
    """The two-column identity header, shown by formula from the Identitas names."""
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


def identitas_daftar(s: SheetWriter, block: IdentitasDaftar) -> None:
    """Numbered identity sections one below the other (Dokumen Evaluasi)."""
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


def capaian_organisasi(s: SheetWriter, block: CapaianOrganisasi) -> None:
    """The capaian kinerja organisasi dropdown and the pola distribusi it implies."""
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


def rating(s: SheetWriter, block: Rating) -> None:
    """A rating dropdown; with ``saran_dari``, the suggested rating beside it."""
    name = eval_name(block.periode, f"RATING_{block.jenis}")
    label = t.RATING_HASIL_KERJA if block.jenis == "HASIL_KERJA" else t.RATING_PERILAKU_KERJA
    column = s.label_value(label + "*", None, bold=True, unlocked=True)
    cell = a1(s.row, column)
    s.dropdown("LIST_RATING", cell, strict=False)
    s.required(cell)
    define_name(s.ctx.wb, name, s.ws.title, s.row, column)
    if block.saran_dari:
        info, columns = written_columns(s.ctx, block.saran_dari)
        # Count canonical labels: the kualitatif judgements are typed (variants pass).
        judged = "penilaian_baku" if "penilaian_baku" in columns else "penilaian"
        penilaian = get_column_letter(columns[judged])
        utama_end = info.ends[info.utama - 1]  # the row above "B. TAMBAHAN"
        utama = f"${penilaian}${info.blocks[0]}:${penilaian}${utama_end}"
        tambahan = f"${penilaian}${info.blocks[info.utama]}:${penilaian}${info.ends[-1]}"
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


def perilaku(s: SheetWriter, block: Perilaku) -> None:
    """The seven BerAKHLAK rows, on a new page, with ekspektasi or umpan balik inputs."""
    spans = block.spans
    starts = [1]
    for span in spans[:-1]:
        starts.append(starts[-1] + span)
    header = Alignment(horizontal="center", vertical="center", wrap_text=True)
    # The block starts on a new page: a value split by a page break prints badly.
    s.ws.row_breaks.append(Break(id=s.row - 1))
    titles = [
        (1, spans[0] + spans[1], block.judul or t.PERILAKU_KERJA + "*"),
        (starts[2], spans[2], t.EKSPEKTASI_KHUSUS.rstrip(":").upper()),
    ]
    if block.umpan_balik:
        titles.append((starts[3], spans[3], block.judul_umpan_balik or t.UMPAN_BALIK_BERKELANJUTAN))
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


def predikat(s: SheetWriter, block: Predikat) -> None:
    """The predikat kinerja pegawai, by formula from the period's two ratings."""
    hasil = eval_name(block.periode, "RATING_HASIL_KERJA")
    perilaku = eval_name(block.periode, "RATING_PERILAKU")
    column = s.label_value(
        t.PREDIKAT_KINERJA_PEGAWAI + "*", fx.predikat_formula(hasil, perilaku), bold=True
    )
    define_name(s.ctx.wb, eval_name(block.periode, "PREDIKAT"), s.ws.title, s.row, column)
    s.row += 2


def daftar_isian(s: SheetWriter, block: DaftarIsian) -> None:
    """A heading and numbered free-text lines with their guidance."""
    s.put(s.row, 1, block.judul, span=s.width, bold=True, border=True, fill=HEADER_FILL)
    s.row += 1
    first = s.row
    for number, petunjuk in enumerate(block.petunjuk, start=1):
        s.put(s.row, 1, f"{number}.", border=True)
        s.put(s.row, 2, None, span=s.width - 1, border=True, unlocked=True)
        s.prompt(petunjuk, [a1(s.row, 2)])
        s.ws.row_dimensions[s.row].height = 30
        s.row += 1
    # Each distinct hint on its own line, as the seed prints one under each number.
    hints = list(dict.fromkeys(block.petunjuk))
    s.put(s.row, 2, "\n".join(hints), span=s.width - 1, italic=True, size=8)
    s.ws.row_dimensions[s.row].height = 11 * len(hints) + 2
    define_name(s.ctx.wb, block.name, s.ws.title, first, 2, s.row - 1, 2)
    s.row += 2


def evaluasi_dokumen(s: SheetWriter, block: EvaluasiDokumen) -> None:
    """The chosen period's capaian organisasi and predikat, and the catatan input."""
    s.put(s.row, 1, "4.", bold=True)
    s.put(s.row, 2, t.EVALUASI_KINERJA, span=s.width - 1, bold=True)
    s.row += 1
    periode = "DOKUMEN_PERIODE"
    index = f"MATCH({fx.canonical_formula(periode, PERIODE_EVALUASI)},LIST_PERIODE,0)"
    for label, key in (
        (t.CAPAIAN_KINERJA_ORGANISASI, "CAPAIAN_ORGANISASI"),
        (t.PREDIKAT_KINERJA_PEGAWAI, "PREDIKAT"),
    ):
        # LIST_PERIODE lists the workbook's own periods (its cycle), in this order.
        names = ",".join(eval_name(p, key) for p in block.periode)
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


def tanda_tangan(s: SheetWriter, block: TandaTangan) -> None:
    """The date line and two signatories side by side, names by formula."""
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
    for start, span in (left, right) if block.tanggal_tiap else (right,):
        s.put(s.row, start, date, span=span, align=center, unlocked=True)
    s.row += 1
    signatories = [(right, block.kanan, block.kanan_ttd or t.PERAN_TTD[block.kanan])]
    if block.kiri is not None:
        signatories.insert(0, (left, block.kiri, t.PERAN_TTD[block.kiri]))
    for (start, span), peran, caption in signatories:
        s.put(s.row, start, caption, span=span, align=center)
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
    for line in block.catatan.split("\n") if block.catatan else ():
        s.put(s.row, 1, line, span=s.width, italic=True, size=8)
        if len(line) > 130:  # two lines at 8 pt across a landscape form
            s.ws.row_dimensions[s.row].height = 22
        s.row += 1
