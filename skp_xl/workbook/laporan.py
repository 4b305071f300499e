"""Findings as workbooks: a report with links to the cells, or an annotated copy.

``write_laporan`` writes the findings of one or many files as one workbook (a Table, each
row linking to its file and cell). ``write_salinan`` copies one input workbook and adds a
*Temuan* sheet whose rows link to the offending cells, which are highlighted (and carry a
comment when they had none). The input is never modified.

:func:`annotate` does the copy's work on an open workbook, so the add-in's Periksa button
can run it again on the same workbook: the highlights and comments of the previous run
are taken off first, restored from the hidden ``_temuan`` sheet that records them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from xml.etree.ElementTree import fromstring, tostring

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.utils.cell import range_boundaries
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.findings import Finding, Report, Severity
from skp_xl.fileio import atomic_output
from skp_xl.workbook.kit import page_setup

TEMUAN_SHEET = "Temuan"
"""The visible sheet listing the findings."""
RECORD_SHEET = "_temuan"
"""The hidden sheet recording what :func:`annotate` changed, to undo it on the next run."""
AUTHOR = "skp-xl"

TINGKAT = {Severity.ERROR: "Galat", Severity.WARNING: "Peringatan", Severity.INFO: "Info"}
"""Severity as printed."""
ROW_FILL = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="DDEBF7"),
}
"""Fill of the Tingkat cell of a finding's row, by severity."""
CELL_FILL = {
    Severity.ERROR: PatternFill("solid", fgColor="FF7C80"),
    Severity.WARNING: PatternFill("solid", fgColor="FFD966"),
    Severity.INFO: PatternFill("solid", fgColor="9BC2E6"),
}
"""Fill of an offending cell, by its worst finding's severity."""
_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
HEADERS = ("No", "Sheet", "Sel", "Tingkat", "Kode", "Pesan")
"""Columns of the Temuan sheet :func:`annotate` writes (the add-in's live one too)."""
WIDTHS = (5, 18, 10, 12, 26, 100)
RECORD_HEADERS = ("sheet", "sel", "isian_asli", "komentar")
"""Columns of the hidden record; the fifth header cell holds the Temuan sheet's title."""
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")


def location(sheet: str, cell: str) -> str:
    """A hyperlink location: ``'Evaluasi TW1'!D7``."""
    return f"{quote_sheetname(sheet)}!{cell}"


def _header(ws: Worksheet, row: int, headers: Sequence[str], widths: Sequence[int]) -> None:
    for column, (text, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=column, value=text)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(column)].width = width
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def _table(ws: Worksheet, name: str, header_row: int, columns: int, rows: int) -> None:
    last = f"{get_column_letter(columns)}{header_row + max(rows, 1)}"
    table = Table(displayName=name, ref=f"A{header_row}:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then warnings and notes; by sheet and cell within each."""
    return sorted(findings, key=lambda f: (_ORDER[f.severity], f.sheet or "", f.cell or ""))


def _first_cell(cell: str) -> str:
    return cell.split(":")[0].replace("$", "")


LINE_HEIGHT = 15.0
"""Points per line of 11-point text."""


def message_lines(message: str, width: float) -> int:
    """Lines ``message`` takes wrapped in a column ``width`` characters wide (proportional
    text fits about a fifth more characters than the width counts)."""
    per_line = max(int(width * 1.2) - 1, 1)
    return sum(max(1, -(-len(part) // per_line)) for part in message.splitlines() or [""])


def _finding_row(
    ws: Worksheet, row: int, first: object, finding: Finding, *, message_width: float
) -> None:
    """One finding on a Temuan sheet: ``first`` (file or number), sheet, cell, level,
    code, message; the level coloured, the message wrapped in a row tall enough for it
    (neither LibreOffice nor Excel fits a row to wrapped text when opening a file, so
    without a height the lines of a long message print over the next rows)."""
    values = (
        first,
        finding.sheet,
        finding.cell,
        TINGKAT[finding.severity],
        finding.code,
        finding.message,
    )
    for column, value in enumerate(values, start=1):
        ws.cell(row=row, column=column, value=value)
    for column in range(1, len(values) + 1):
        ws.cell(row=row, column=column).alignment = Alignment(wrap_text=column == 6, vertical="top")
    ws.cell(row=row, column=4).fill = ROW_FILL[finding.severity]
    lines = message_lines(finding.message, message_width)
    if lines > 1:
        ws.row_dimensions[row].height = LINE_HEIGHT * lines


def write_laporan(path: Path, reports: Sequence[Report], *, force: bool = False) -> None:
    """Write the findings of ``reports`` as one workbook, each row linking to its cell.

    Links to files are relative to the report's folder, so the report and the checked
    workbooks can move together (a shared drive, a zip).

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = TEMUAN_SHEET
    valid = sum(1 for r in reports if r.valid)
    ws["A1"] = "Temuan pemeriksaan SKP (skp-xl)"
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = (
        f"{len(reports)} berkas: {valid} valid, {len(reports) - valid} tidak valid. "
        "Klik kolom Sel untuk membuka berkas pada sel yang bersangkutan."
    )
    headers = ("Berkas", "Sheet", "Sel", "Tingkat", "Kode", "Pesan")
    widths = (40, 18, 10, 12, 26, 90)
    _header(ws, 4, headers, widths)
    row = 4
    folder = path.resolve().parent
    for report in reports:
        target = Path(report.path or "")
        relative = os.path.relpath(target.resolve(), folder) if report.path else ""
        for finding in sort_findings(report.findings):
            row += 1
            _finding_row(ws, row, report.path, finding, message_width=widths[-1])
            if relative:
                ws.cell(row=row, column=1).hyperlink = Hyperlink(
                    ref=f"A{row}", target=Path(relative).as_posix()
                )
                if finding.sheet and finding.cell:
                    ws.cell(row=row, column=3).hyperlink = Hyperlink(
                        ref=f"C{row}",
                        target=Path(relative).as_posix(),
                        location=location(finding.sheet, _first_cell(finding.cell)),
                    )
    _table(ws, "TEMUAN", 4, len(headers), row - 4)
    page_setup(ws, title_rows="4:4", page_numbers=None, margins=None, centred=False, gridlines=True)
    with atomic_output(path, force=force) as temporary:
        wb.save(temporary)


def _fill_xml(fill: Fill) -> str:
    return tostring(fill.to_tree(), encoding="unicode")


def clear(wb: Workbook) -> int:
    """Take off what the previous :func:`annotate` added; return how many cells it restored."""
    restored = 0
    if RECORD_SHEET in wb.sheetnames:
        record = wb[RECORD_SHEET]
        listing = record["E1"].value
        for sheet, cell, fill, commented, *_ in record.iter_rows(min_row=2, values_only=True):
            if not isinstance(sheet, str) or sheet not in wb.sheetnames:
                continue
            target = wb[sheet][str(cell)]
            if isinstance(fill, str) and fill:
                target.fill = Fill.from_tree(fromstring(fill))
            if commented and target.comment is not None and target.comment.author == AUTHOR:
                target.comment = None
            restored += 1
        del wb[RECORD_SHEET]
        if isinstance(listing, str) and listing in wb.sheetnames:
            del wb[listing]
    return restored


def free_title(taken: Sequence[str], wanted: str = TEMUAN_SHEET) -> str:
    """``wanted``, or ``wanted (2)``... when a sheet has that name (case-blind, as Excel)."""
    folded = {t.casefold() for t in taken}
    title, number = wanted, 1
    while title.casefold() in folded:
        number += 1
        title = f"{wanted} ({number})"
    return title


def _cells_of(cell: str) -> Iterator[str]:
    """Every A1 cell of ``cell`` (one cell or a range)."""
    min_col, min_row, max_col, max_row = range_boundaries(cell.replace("$", ""))
    for row in range(min_row or 1, (max_row or min_row or 1) + 1):
        for column in range(min_col or 1, (max_col or min_col or 1) + 1):
            yield f"{get_column_letter(column)}{row}"


def worst_cells(
    findings: Sequence[Finding], sheets: Sequence[str]
) -> dict[tuple[str, str], Finding]:
    """Each cell of ``sheets`` the findings point at, with its worst finding."""
    worst: dict[tuple[str, str], Finding] = {}
    for finding in sort_findings(findings):
        sheet = finding.sheet
        if sheet is not None and sheet in sheets and finding.cell:
            for coordinate in _cells_of(finding.cell):
                worst.setdefault((sheet, coordinate), finding)
    return worst


def heading(findings: Sequence[Finding], title: str = "") -> tuple[str, str]:
    """The two lines above the Temuan table: its title and what to do."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return (
        "Temuan pemeriksaan skp-xl" + (f": {title}" if title else ""),
        f"{errors} galat, {len(findings) - errors} catatan. Klik kolom Sel untuk menuju "
        "selnya; sel bermasalah diwarnai. Periksa lagi setelah memperbaiki.",
    )


def annotate(wb: Workbook, findings: Sequence[Finding], *, title: str = "") -> tuple[str, int]:
    """List ``findings`` on a *Temuan* sheet and highlight their cells in ``wb``.

    The previous run's sheet, highlights and comments are taken off first; a sheet the
    user named *Temuan* is left alone (ours is then *Temuan (2)*). Each cell is
    highlighted once, in the colour of its worst finding.

    Returns:
        The title of the findings sheet, and how many cells were highlighted.
    """
    clear(wb)
    ws = wb.create_sheet(free_title(wb.sheetnames), 0)
    record = wb.create_sheet(RECORD_SHEET)
    record.sheet_state = "hidden"
    record.append((*RECORD_HEADERS, ws.title))
    ws["A1"], ws["A2"] = heading(findings, title)
    ws["A1"].font = Font(bold=True, size=14)
    _header(ws, 4, HEADERS, WIDTHS)
    ordered = sort_findings(findings)
    for number, finding in enumerate(ordered, start=1):
        row = 4 + number
        _finding_row(ws, row, number, finding, message_width=WIDTHS[-1])
        if finding.sheet is not None and finding.sheet in wb.sheetnames and finding.cell:
            ws.cell(row=row, column=3).hyperlink = Hyperlink(
                ref=f"C{row}", location=location(finding.sheet, _first_cell(finding.cell))
            )
    _table(ws, "TEMUAN", 4, len(HEADERS), len(ordered))
    worst = worst_cells(findings, wb.sheetnames)
    for (sheet, coordinate), finding in worst.items():
        target = wb[sheet][coordinate]
        commented = target.comment is None
        record.append((sheet, coordinate, _fill_xml(target.fill), commented))
        target.fill = CELL_FILL[finding.severity]
        if commented:
            comment = Comment(f"{TINGKAT[finding.severity]}: {finding.message}", AUTHOR)
            comment.width, comment.height = 320, 120
            target.comment = comment
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
    return ws.title, len(worst)


def write_salinan(
    source: Path, path: Path, report: Report, *, force: bool = False
) -> tuple[str, int]:
    """Copy ``source`` to ``path`` with a Temuan sheet and the offending cells highlighted.

    ``source`` is only read. Keep it checked by triage first (the caller does: this opens
    it with openpyxl, which is slower and less guarded than the reader).

    Returns:
        The title of the findings sheet, and how many cells were highlighted.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
    """
    wb = load_workbook(source, keep_vba=source.suffix.lower() == ".xlsm", keep_links=True)
    result = annotate(wb, report.findings, title=source.name)
    with atomic_output(path, force=force) as temporary:
        wb.save(temporary)
    return result
