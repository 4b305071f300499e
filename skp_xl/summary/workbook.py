"""The consolidation's summary workbook, which managers open in Excel or LibreOffice.

Sheets, in order: Ringkasan (distribution per unit, formulas and a chart), Kurva (each unit's
distribution curve against the guideline band), Pegawai (an Excel Table), Pivot (a real
PivotTable over that Table), Temuan and Cascading (Tables).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import xlsxwriter
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.arsip import deflate_zlib_ng
from skp_xl.domain.rekap import StatusCascading
from skp_xl.fileio import atomic_output
from skp_xl.summary import tables
from skp_xl.summary.angka_kredit import write_angka_kredit
from skp_xl.summary.data import (
    BERKAS,
    NIP,
    PERIODE,
    POTONGAN_BARIS,
    PREDIKAT,
    SEL,
    SHEET,
    UNIT_KERJA,
    Bertahap,
    Cell,
    KolomTabel,
    Potongan,
    SummaryData,
    TabelBagian,
    bagian,
    cell_value,
    headers_of,
    lepaskan,
    require_columns,
    rows_of,
)
from skp_xl.summary.graft import graft
from skp_xl.summary.kurva import write_kurva
from skp_xl.summary.links import Link, file_links
from skp_xl.summary.pivot import KOSONG, PivotSpec, add_pivot
from skp_xl.summary.plain import TITLE_ROWS, PlainTable, PlainWriter, to_openpyxl
from skp_xl.summary.ringkasan import write_ringkasan
from skp_xl.summary.skema import (
    PEGAWAI_COLUMNS,
    PREDIKAT_COLUMNS,
    TEMUAN_COLUMNS,
    Cascading,
    Pegawai,
    Temuan,
)
from skp_xl.summary.tables import a4_landscape, font, relative_path, shown_path

RINGKASAN = "Ringkasan"
PEGAWAI = "Pegawai"
KURVA = "Kurva"
PIVOT = "Pivot"
TEMUAN = "Temuan"
CASCADING = "Cascading"
SHEETS = (RINGKASAN, KURVA, PEGAWAI, PIVOT, TEMUAN, CASCADING)
"""Sheet titles, in workbook order."""

TABLE_NAMES = {PEGAWAI: "PEGAWAI", TEMUAN: "TEMUAN", CASCADING: "CASCADING"}
"""displayName of each sheet's Excel Table."""

PIVOT_NAME = "PivotPredikat"
PIVOT_TOP_LEFT = (3, 1)
"""Row and column of the PivotTable's top-left cell on the Pivot sheet."""
JUMLAH_PEGAWAI = "Jumlah Pegawai"
NAMA = Pegawai.nama
PEGAWAI_KETERANGAN = Pegawai.keterangan


IN_MEMORY_ROWS = 20_000
"""Up to this many table rows XlsxWriter keeps its sheets' XML in memory rather than in
temporary files: a quarter faster for the sample agency's summary (0.8 s against 1.1 s,
measured). Above it, its ``constant_memory`` mode writes each row's XML to a temporary
file as the next row starts, so a large summary's cells are never all in memory
(benchmarks/README.md, bench_memori.py)."""


def write_summary(path: Path, data: SummaryData, *, force: bool = False) -> None:
    """Write the summary workbook to ``path`` atomically.

    ``Berkas`` hyperlinks are relative to ``path``'s folder, so the summary and the
    agency's folder can move together.

    The plain tables (Pegawai, Temuan, Cascading, Angka Kredit: the big sheets) are
    written by XlsxWriter, the other sheets by openpyxl, and :func:`.graft.graft` makes
    one package of the two. Measured (benchmarks/README.md): XlsxWriter writes a big table
    in about half openpyxl's time and with less memory, while the small sheets' charts,
    conditional formats and the PivotTable's parts, which XlsxWriter does not write (no
    PivotTable) or would need all rewritten, cost little. Each big table goes to
    XlsxWriter as soon as its rows are made, and is not kept: only one table's rows are
    in memory at a time (with the Pegawai rows the PivotTable counts), and past
    :data:`IN_MEMORY_ROWS` rows XlsxWriter streams them to a temporary file
    (``constant_memory``, see :mod:`.xlsx_tables`). The two packages are temporary files,
    not memory. The result is the workbook :func:`build_summary` makes
    (``tests/summary/test_workbook.py`` compares them).

    Args:
        path: The .xlsx to write.
        data: What to show.
        force: Replace ``path`` when it exists.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false (before any work).
        SummaryDataError: A frame lacks a needed column or has blank/repeated headers.
    """
    path = Path(path)
    with (
        atomic_output(path, force=force) as tmp,
        tempfile.TemporaryFile() as small,
        tempfile.TemporaryFile() as big,
        deflate_zlib_ng(),  # every package below: openpyxl's, XlsxWriter's, the graft
    ):
        rows = len(data.pegawai) + len(data.temuan) + len(data.cascading)
        streamed = rows > IN_MEMORY_ROWS
        books: list[xlsxwriter.Workbook] = []  # made at the first big table
        added: list[str] = []
        plain: list[str] = []

        def add_sheets(titles: list[str]) -> None:
            # Every sheet, in order, so that only the first is selected.
            for title in titles[len(added) :]:
                books[0].add_worksheet(title)
                added.append(title)

        def now(ws: Worksheet, table: PlainTable) -> None:
            # Left empty in openpyxl's workbook, but its print titles set: they are a
            # defined name of the workbook, which is openpyxl's.
            a4_landscape(ws, title_rows=TITLE_ROWS, footer=table.footer)
            if not books:
                options = {"in_memory": not streamed, "constant_memory": streamed}
                books.append(xlsxwriter.Workbook(big, options))
            titles = ws.parent.sheetnames
            add_sheets(titles[: titles.index(ws.title)])
            table.to_xlsxwriter(books[0], books[0].add_worksheet(ws.title))
            added.append(ws.title)
            plain.append(ws.title)
            lepaskan()  # the slices decoded for its rows

        wb = _build(data, folder=path.parent, plain=now)
        if not books:
            wb.save(tmp)
            return
        add_sheets(wb.sheetnames)
        lepaskan()  # what the sheets' making let go, before the two packages are made
        # XlsxWriter's package (most of its time deflating the big sheets, which frees the
        # GIL) is made on a thread while openpyxl saves its own: two cores for a part of
        # the work that is otherwise one after the other.
        with ThreadPoolExecutor(1, thread_name_prefix="xlsxwriter") as pool:
            closed = pool.submit(books[0].close)
            wb.save(small)
            del wb
            closed.result()
        graft(small, big, tmp, sheets=plain)


def build_summary(data: SummaryData, *, folder: Path) -> Workbook:
    """The summary workbook, in memory, every sheet by openpyxl.

    Args:
        data: What to show.
        folder: The folder the workbook will be saved in (hyperlinks are relative to it).

    Raises:
        SummaryDataError: As for :func:`write_summary`.
    """
    return _build(data, folder=folder, plain=to_openpyxl)


def _build(data: SummaryData, *, folder: Path, plain: PlainWriter) -> Workbook:
    wb = Workbook()
    ringkasan = wb.active
    assert ringkasan is not None
    ringkasan.title = RINGKASAN
    write_ringkasan(ringkasan, data)
    write_kurva(wb.create_sheet(KURVA), data, source=RINGKASAN, pola=data.pola)
    pegawai = wb.create_sheet(PEGAWAI)
    files = _Files(folder, data.akar)
    headers, rows = _write_pegawai(pegawai, data, files, plain)
    _write_pivot(wb.create_sheet(PIVOT), data, headers, rows)
    del rows  # counted in the PivotTable's cache now: its row positions not kept
    lepaskan()  # the columns decoded for its cache
    _write_temuan(wb.create_sheet(TEMUAN), data, files, plain)
    _write_cascading(wb.create_sheet(CASCADING), data, files, plain)
    write_angka_kredit(wb, data, plain=plain)
    wb.active = 0
    wb.properties.title = data.judul
    wb.properties.subject = f"Rekapitulasi SKP, periode {data.periode}"
    wb.properties.creator = "skp-xl"
    return wb


@dataclass(frozen=True, slots=True)
class _Files:
    """The ``Berkas`` column of the summary's tables: each file's link target and shown
    path, from its folder's, worked out once a folder for every table (a file has rows in
    each; an agency has far fewer folders than files, so what is kept does not grow with
    the files).

    Attributes:
        folder: The summary's folder (links are relative to it).
        akar: The consolidated folder (paths are shown relative to it), if any.
        targets: Folder -> its link target, as the tables meet it (:func:`.file_links`).
        shown: Folder -> its path relative to ``akar`` (``None``: outside it).
    """

    folder: Path
    akar: Path | None
    targets: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str | None] = field(default_factory=dict)

    def shown_path(self, berkas: Cell) -> Cell:
        """:func:`.tables.shown_path` of ``berkas``, from its folder's."""
        akar = self.akar
        if akar is None or not isinstance(berkas, str) or not berkas.strip():
            return shown_path(berkas, akar)
        head, name = os.path.split(berkas)
        if not head or name in ("", ".", ".."):
            return shown_path(berkas, akar)
        if head not in self.shown:
            self.shown[head] = relative_path(head, akar)
        relative = self.shown[head]
        if relative is None:  # outside akar, unless it is akar itself
            return shown_path(berkas, akar)
        return name if relative == "." else f"{relative}/{name}"


def _links(
    headers: tuple[str, ...], rows: Sequence[Sequence[Cell]], files: _Files
) -> list[Link | None]:
    if BERKAS not in headers:
        return []
    berkas = headers.index(BERKAS)
    sheet = headers.index(SHEET) if SHEET in headers else None
    sel = headers.index(SEL) if SEL in headers else None
    return file_links(
        (
            (
                row[berkas],
                None if sheet is None else row[sheet],
                None if sel is None else row[sel],
            )
            for row in rows
        ),
        files.folder,
        files.targets,
    )


def _shown(headers: tuple[str, ...], rows: list[list[Cell]], files: _Files) -> None:
    """Show ``Berkas`` relative to the consolidated folder (links are made before)."""
    if BERKAS in headers and files.akar is not None:
        berkas = headers.index(BERKAS)
        shown: dict[Cell, Cell] = {}  # a file has many rows (an export: all of them)
        for row in rows:
            value = row[berkas]
            if value not in shown:
                shown[value] = files.shown_path(value)
            row[berkas] = shown[value]


def _bertahap(
    table: TabelBagian, headers: tuple[str, ...], order: np.ndarray | None, files: _Files
) -> Bertahap:
    """``table``'s rows (in ``order``, when given) as shown, with their links, made
    :data:`.data.POTONGAN_BARIS` rows at a time as the sheet is written."""
    count = len(table)

    def buat(tautan: bool) -> Iterator[Potongan]:
        for start in range(0, count, POTONGAN_BARIS):
            end = min(start + POTONGAN_BARIS, count)
            positions = np.arange(start, end) if order is None else order[start:end]
            rows = rows_of(table.baris(positions, headers), headers)
            links = _links(headers, rows, files) if tautan else []
            _shown(headers, rows, files)
            yield rows, links

    return Bertahap(count, buat)


TINGKAT_ORDER = {"galat": 0, "error": 0, "peringatan": 1, "warning": 1}
"""Temuan rows by severity, worst first; other values (Info) after."""
STATUS_ORDER = {
    s.value: n
    for n, s in enumerate(sorted(StatusCascading, key=lambda s: s is StatusCascading.COCOK))
}
"""Cascading rows by status: problems first, in the order the domain lists them; "cocok"
last."""


def problems_first(
    rows: list[list[Cell]], headers: tuple[str, ...], column: str, order: dict[str, int]
) -> list[list[Cell]]:
    """``rows`` ordered by ``order`` of their ``column`` value (unknown values after, blank
    last), keeping their order within a rank."""
    if column not in headers:
        return rows
    index = headers.index(column)
    return sorted(rows, key=lambda row: _rank(row[index], order))


def problems_order(
    table: TabelBagian, headers: tuple[str, ...], column: str, order: dict[str, int]
) -> np.ndarray | None:
    """The positions of ``table``'s rows as :func:`problems_first` orders its rows, from
    the column's distinct values (``None``: no such column, the rows as they are)."""
    if column not in headers:
        return None
    codes, uniques = table.faktor(column)
    # A blank's code is -1: the last rank, None's.
    ranks = np.array([_rank(cell_value(u), order) for u in uniques] + [_rank(None, order)])
    return np.argsort(ranks[codes], kind="stable")


def _rank(value: Cell, order: dict[str, int]) -> int:
    if value is None:
        return len(order) + 2
    return order.get(str(value).strip().casefold(), len(order) + 1)


def _pegawai_names(data: SummaryData, wanted: Collection[Cell]) -> dict[str, tuple[Cell, Cell]]:
    """File -> (NIP, Nama) of the pegawai whose workbook it is, for the files ``wanted``
    (those the Temuan rows name). A file whose rows are several pegawai's (an e-Kinerja or
    SIASN export) is no one's: its findings name their row's cell, and giving them all the
    file's first pegawai named the wrong person. The Pegawai rows are walked a slice at a
    time and only the wanted files kept: at 100,000 files the whole table's three columns,
    as rows and a dict of every file, were the Temuan sheet's peak (benchmarks/README.md,
    bench_memori.py's "Wave 16")."""
    frame = data.pegawai
    if not wanted or not {BERKAS, NIP, NAMA} <= {str(c) for c in frame.columns}:
        return {}
    table = bagian(frame)
    names: dict[str, tuple[Cell, Cell] | None] = {}  # None: several pegawai's rows
    for start in range(0, len(table), POTONGAN_BARIS):
        positions = np.arange(start, min(start + POTONGAN_BARIS, len(table)))
        chosen = table.baris(positions, [BERKAS, NIP, NAMA])
        for berkas, nip, nama in rows_of(chosen, (BERKAS, NIP, NAMA)):
            if isinstance(berkas, str) and berkas in wanted:
                first = names.setdefault(berkas, (nip, nama))
                if first is not None and first[0] != nip:
                    names[berkas] = None
    return {berkas: name for berkas, name in names.items() if name is not None}


def _write_pegawai(
    ws: Worksheet, data: SummaryData, files: _Files, plain: PlainWriter
) -> tuple[tuple[str, ...], KolomTabel]:
    """Write the Pegawai sheet; return its headers and the rows the PivotTable counts."""
    headers = headers_of(data.pegawai, "pegawai", PEGAWAI_COLUMNS)
    if len(data.pegawai):
        require_columns(headers, (UNIT_KERJA, PREDIKAT), "pegawai")
    # Its rows made a slice at a time, the PivotTable's source a column at a time.
    pegawai = bagian(data.pegawai, headers)
    shown = _bertahap(pegawai, headers, None, files)
    source = KolomTabel(pegawai, headers, tables.MAX_DATA_ROWS)
    table = PlainTable(
        title=ws.title,
        name=TABLE_NAMES[PEGAWAI],
        headers=headers,
        rows=shown,
        text_columns=(NIP,),
        wrap_columns=(PEGAWAI_KETERANGAN,),
        links=(),
        footer=data.judul,
    )
    plain(ws, table)
    # The PivotTable's cache holds what its source Table holds: the rows left after a cut.
    return headers, source


def _write_pivot(
    ws: Worksheet,
    data: SummaryData,
    headers: tuple[str, ...],
    rows: KolomTabel,
) -> None:
    a4_landscape(ws, footer=data.judul)
    ws.cell(1, 1, "Jumlah pegawai per unit kerja dan predikat (PivotTable)").font = font(
        bold=True, size=12
    )
    if not rows:
        ws.cell(2, 1, "Belum ada data pegawai, jadi PivotTable tidak dibuat.").font = font(
            italic=True
        )
        return
    ws.cell(
        2,
        1,
        f"Sumber: tabel {TABLE_NAMES[PEGAWAI]} di sheet {PEGAWAI}. Setelah data berubah, "
        "klik kanan tabel ini lalu Refresh (Excel) atau Segarkan (LibreOffice).",
    ).font = font(italic=True)
    units: list[object] = (
        data.ringkasan[UNIT_KERJA].tolist() if UNIT_KERJA in data.ringkasan.columns else []
    )
    spec = PivotSpec(
        name=PIVOT_NAME,
        source_table=TABLE_NAMES[PEGAWAI],
        row_field=UNIT_KERJA,
        col_field=PREDIKAT,
        count_field=NIP if NIP in headers else UNIT_KERJA,
        data_caption=JUMLAH_PEGAWAI,
        top_left=PIVOT_TOP_LEFT,
        filters=_pivot_filters(data, headers),
        row_order=[str(u) for u in units if isinstance(u, str)],
        col_order=PREDIKAT_COLUMNS,
    )
    table = add_pivot(ws, spec, headers, rows)
    left = PIVOT_TOP_LEFT[1]
    # Wide enough for every label, ours or LibreOffice's ("Total Result" for the totals).
    first = [*table.rows, UNIT_KERJA, JUMLAH_PEGAWAI, *(name for name, _ in spec.filters)]
    labels: list[list[Cell]] = [first, *([c, PREDIKAT] for c in table.cols), ["Total Result"]]
    for column, texts in enumerate(labels, start=left):
        width = max(len(str(KOSONG if t is None else t)) for t in texts) + 3
        ws.column_dimensions[get_column_letter(column)].width = min(max(width, 14), 50)


def _pivot_filters(data: SummaryData, headers: tuple[str, ...]) -> list[tuple[str, Cell]]:
    if data.pivot_filters is None:
        return [(PERIODE, data.periode)] if PERIODE in headers else []
    require_columns(headers, list(data.pivot_filters), "pegawai (pivot_filters)")
    return list(data.pivot_filters.items())


def _write_temuan(ws: Worksheet, data: SummaryData, files: _Files, plain: PlainWriter) -> None:
    headers = headers_of(data.temuan, "temuan", TEMUAN_COLUMNS)
    rows = problems_first(rows_of(data.temuan, headers), headers, Temuan.tingkat, TINGKAT_ORDER)
    if BERKAS in headers and NIP not in headers and NAMA not in headers:
        # Name the pegawai of each finding: the workbook's NIP and Nama, first.
        berkas = headers.index(BERKAS)
        names = _pegawai_names(data, {row[berkas] for row in rows})
        rows = [[*names.get(str(row[berkas]), (None, None)), *row] for row in rows]
        headers = (NIP, NAMA, *headers)
    links = _links(headers, rows, files)
    _shown(headers, rows, files)
    table = PlainTable(
        title=ws.title,
        name=TABLE_NAMES[TEMUAN],
        headers=headers,
        rows=rows,
        text_columns=(NIP,),
        wrap_columns=(Temuan.pesan, NAMA),
        links=links,
        footer=data.judul,
    )
    plain(ws, table)


def _write_cascading(ws: Worksheet, data: SummaryData, files: _Files, plain: PlainWriter) -> None:
    headers = headers_of(data.cascading, "cascading")
    if not headers:
        a4_landscape(ws, title_rows=TITLE_ROWS, footer=data.judul)
        ws.cell(1, 1, "Belum ada data cascading.").font = font(italic=True)
        return
    # Problems first, its rows made a slice at a time.
    cascading = bagian(data.cascading, headers)
    order = problems_order(cascading, headers, Cascading.status, STATUS_ORDER)
    rows = _bertahap(cascading, headers, order, files)
    table = PlainTable(
        title=ws.title,
        name=TABLE_NAMES[CASCADING],
        headers=headers,
        rows=rows,
        text_columns=(NIP,),
        wrap_columns=(NAMA, Cascading.rencana_hasil_kerja, Cascading.keterangan),
        links=(),
        footer=data.judul,
    )
    plain(ws, table)
