"""A normalised, line-per-fact dump of a workbook, for golden-file comparisons.

Cells (values and formulas), defined names, merged ranges, data validations, conditional
formats, protection and print setup, in a stable order; volatile parts (document
properties, zip timestamps, style ids) are left out, as XlsxWriter's test helpers do.
Compare two workbooks with ``dump_workbook(a) == dump_workbook(b)``; a difference shows
as a readable line diff.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet


def _sheet_lines(ws: Worksheet) -> list[str]:
    title = ws.title
    lines = [f"[{title}] state={ws.sheet_state}"]
    p = ws.protection
    lines.append(
        f"{title} protection sheet={p.sheet} password={bool(p.password)} "
        f"formatRows={p.formatRows} formatColumns={p.formatColumns}"
    )
    ps = ws.page_setup
    lines.append(
        f"{title} print paper={ps.paperSize} orientation={ps.orientation} "
        f"fitToWidth={ps.fitToWidth} fitToHeight={ps.fitToHeight} "
        f"area={ws.print_area} titles={ws.print_title_rows} "
        f"footer={ws.oddFooter.center.text}|{ws.oddFooter.right.text}"
    )
    for letter, dim in sorted(ws.column_dimensions.items()):
        if dim.width:
            lines.append(f"{title} width {letter}={dim.width:g}")
    for merged in sorted(str(r) for r in ws.merged_cells.ranges):
        lines.append(f"{title} merge {merged}")
    for dv in ws.data_validations.dataValidation:
        cells = " ".join(sorted(str(dv.sqref).split()))
        lines.append(
            f"{title} validation {dv.type} {dv.formula1} {dv.errorStyle} prompt={dv.prompt!r} "
            f"@ {cells}"
        )
    for cf in ws.conditional_formatting:
        for rule in cf.rules:
            lines.append(f"{title} cf {cf.sqref} {rule.type} {rule.formula}")
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is None and cell.protection.locked:
                continue
            parts = [f"{title}!{cell.coordinate}", repr(cell.value)]
            if cell.number_format != "General":
                parts.append(f"fmt={cell.number_format}")
            if not cell.protection.locked:
                parts.append("input")
            if cell.font is not None and cell.font.b:
                parts.append("bold")
            lines.append(" ".join(parts))
    return lines[:3] + sorted(lines[3:], key=_natural)


def _natural(line: str) -> tuple[object, ...]:
    # Sort A2 before A10, and cells row by row.
    key: list[object] = []
    number = ""
    for char in line:
        if char.isdigit():
            number += char
            continue
        if number:
            key.append(int(number))
            number = ""
        key.append(char)
    if number:
        key.append(int(number))
    return tuple((0, k) if isinstance(k, int) else (1, k) for k in key)


def dump_workbook(path: Path) -> list[str]:
    """The normalised dump of the workbook at ``path``, one fact per line."""
    wb = openpyxl.load_workbook(path)
    lines = [f"sheets {wb.sheetnames}"]
    for name in sorted(wb.defined_names):
        destinations = sorted(f"{s}!{c}" for s, c in wb.defined_names[name].destinations)
        lines.append(f"name {name} = {', '.join(destinations)}")
    for ws in wb.worksheets:
        lines.extend(_sheet_lines(ws))
    return lines
