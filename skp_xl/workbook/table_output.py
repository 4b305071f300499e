"""Write a plain result table as an Excel workbook people can open, filter and print."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo

from skp_xl.workbook.kit import page_setup

Cell = str | int | float | None


def write_table_xlsx(
    path: Path,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    *,
    text_columns: Sequence[str] = (),
    number_formats: dict[str, str] | None = None,
) -> None:
    """Write one sheet holding an Excel Table (filter buttons, banded rows).

    Args:
        path: Where to write (the caller makes it atomic).
        title: Sheet name (at most 31 characters).
        headers: Column headers.
        rows: The data rows.
        text_columns: Columns stored and formatted as text (NIP: Excel would round an
            18-digit number to 15 significant digits).
        number_formats: Excel number format per column, e.g. ``{"angka_kredit": "0.00"}``.
    """
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title[:31]
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    formats = dict.fromkeys(text_columns, "@") | (number_formats or {})
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        width = max([len(str(header)), *(len(str(r[index - 1] or "")) for r in rows)])
        ws.column_dimensions[letter].width = min(max(width + 2, 8), 60)
        if header in formats:
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = formats[header]
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E78")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"
    last = f"{get_column_letter(len(headers))}{max(len(rows) + 1, 2)}"
    table = Table(displayName="Hasil", ref=f"A1:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    ws.add_table(table)
    page_setup(ws, title_rows="1:1", page_numbers=None, margins=None, centred=False, gridlines=True)
    wb.save(path)
