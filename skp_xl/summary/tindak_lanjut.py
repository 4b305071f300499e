"""The workbook of ``skp-xl tindak-lanjut``: one sheet and Excel Table per rule, and Temuan.

Sheets: Tindak Lanjut (the year, each rule's meaning and head count, the inputs' years),
then one per rule (Talenta, Pengembangan, Perbaikan JPT, Perbaikan JA-JF), each an Excel
Table with the years and predikat behind every row, and Temuan (every finding).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

from skp_xl.domain.findings import Finding
from skp_xl.domain.tindak_lanjut import JUDUL_ATURAN, Aturan, HasilTindakLanjut, TindakLanjut
from skp_xl.fileio import atomic_output
from skp_xl.summary.data import Cell
from skp_xl.summary.skema import TEMUAN_COLUMNS, Temuan
from skp_xl.summary.tables import a4_landscape, font, write_table
from skp_xl.workbook.laporan import TINGKAT

RINGKASAN = "Tindak Lanjut"
SHEETS = {
    Aturan.TALENTA_PRIORITAS: ("Talenta", "TALENTA"),
    Aturan.PENGEMBANGAN_KOMPETENSI: ("Pengembangan", "PENGEMBANGAN"),
    Aturan.PERBAIKAN_JPT: ("Perbaikan JPT", "PERBAIKAN_JPT"),
    Aturan.PERBAIKAN_ENAM_BULAN: ("Perbaikan JA-JF", "PERBAIKAN_JA_JF"),
}
"""Rule -> its sheet's title and its Table's displayName."""
TEMUAN = "Temuan"
NIP, NAMA, JENIS, JABATAN, UNIT, SUMBER = (
    "NIP",
    "Nama",
    "Jenis Jabatan",
    "Jabatan",
    "Unit Kerja",
    "Sumber",
)


def kolom_aturan(aturan: Aturan, tahun: int) -> tuple[str, ...]:
    """The headers of a rule's Table: who, then one ``Predikat <tahun>`` per year looked at."""
    years = (tahun - 1, tahun) if aturan in _BERTURUT else (tahun,)
    return (NIP, NAMA, JENIS, JABATAN, UNIT, *(f"Predikat {y}" for y in years), SUMBER)


_BERTURUT = (Aturan.TALENTA_PRIORITAS, Aturan.PENGEMBANGAN_KOMPETENSI)


def _baris(item: TindakLanjut) -> list[Cell]:
    return [
        item.nip,
        item.nama or None,
        item.jenis_jabatan or None,
        item.jabatan or None,
        item.unit or None,
        *item.predikat,
        item.sumber or None,
    ]


def _temuan(finding: Finding) -> list[Cell]:
    return [
        finding.path or "",
        finding.sheet or "",
        finding.cell or "",
        finding.code,
        TINGKAT[finding.severity],
        finding.message,
    ]


def build_tindak_lanjut(hasil: HasilTindakLanjut, *, masukan: Sequence[str] = ()) -> Workbook:
    """The tindak lanjut workbook, in memory.

    Args:
        hasil: What the rules found (its year must be set).
        masukan: The input files, listed on the first sheet.
    """
    assert hasil.tahun is not None
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = RINGKASAN
    title = f"Tindak lanjut hasil evaluasi kinerja tahun {hasil.tahun}"
    ws.cell(1, 1, title).font = font(bold=True, size=12)
    ws.cell(
        2,
        1,
        "PermenPANRB 6/2022 Bagian 4. Tahun yang ada di masukan: "
        + (", ".join(map(str, hasil.tahun_masukan)) or "-")
        + ". Dua tahun berturut-turut = tahun ini dan tahun sebelumnya; tahun yang hilang "
        "memutusnya (lihat sheet Temuan).",
    ).font = font(italic=True)
    ws.cell(4, 1, "Aturan").font = font(bold=True)
    ws.cell(4, 2, "Sheet").font = font(bold=True)
    ws.cell(4, 3, "Jumlah pegawai").font = font(bold=True)
    for row, aturan in enumerate(Aturan, start=5):
        ws.cell(row, 1, JUDUL_ATURAN[aturan])
        ws.cell(row, 2, SHEETS[aturan][0])
        ws.cell(row, 3, len(hasil.per_aturan(aturan)))
    row = 5 + len(Aturan) + 1
    ws.cell(row, 1, "Masukan").font = font(bold=True)
    for offset, path in enumerate(masukan, start=1):
        ws.cell(row + offset, 1, path)
    ws.column_dimensions["A"].width = 100
    ws.column_dimensions["B"].width = 18
    ws.column_dimensions["C"].width = 16
    a4_landscape(ws, footer=title)
    for aturan, (sheet, name) in SHEETS.items():
        table = wb.create_sheet(sheet)
        write_table(
            table,
            name=name,
            headers=kolom_aturan(aturan, hasil.tahun),
            rows=[_baris(t) for t in hasil.per_aturan(aturan)],
            text_columns=(NIP,),
        )
        a4_landscape(table, title_rows="1:1", footer=f"{title}: {JUDUL_ATURAN[aturan]}")
    temuan = wb.create_sheet(TEMUAN)
    write_table(
        temuan,
        name="TEMUAN",
        headers=TEMUAN_COLUMNS,
        rows=[_temuan(f) for f in hasil.temuan],
        wrap_columns=(Temuan.pesan,),
    )
    a4_landscape(temuan, title_rows="1:1", footer=title)
    wb.properties.title = title
    wb.properties.creator = "skp-xl"
    return wb


def write_tindak_lanjut(
    path: Path, hasil: HasilTindakLanjut, *, masukan: Sequence[str] = (), force: bool = False
) -> None:
    """Write the tindak lanjut workbook to ``path`` atomically.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    with atomic_output(path, force=force) as tmp:
        build_tindak_lanjut(hasil, masukan=masukan).save(tmp)
