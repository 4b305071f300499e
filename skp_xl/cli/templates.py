"""``skp-xl templates``: rebuild the blank official workbooks of ``workbook_templates/``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skp_xl.cli.app import EXIT_OK, app, console
from skp_xl.templates import build_templates


@app.command("templates")
def templates_command(
    directory: Annotated[
        Path,
        typer.Argument(metavar="FOLDER", help="Folder tujuan.", show_default=True),
    ] = Path("workbook_templates"),
) -> None:
    """Bangun ulang buku kerja kosong setiap jenis jabatan x pendekatan, dan Matriks Peran Hasil."""
    for path in build_templates(directory):
        console.print(f"ditulis: {path}", highlight=False)
    raise typer.Exit(EXIT_OK)
