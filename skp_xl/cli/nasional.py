"""``skp-xl nasional``: many agencies' consolidations rolled up, one row per instansi."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from skp_xl.batch.nasional import INSTANSI, NASIONAL, rangkum_nasional
from skp_xl.cli.app import JsonOption, app, console, fail, periode_option
from skp_xl.domain.vocabulary import Predikat
from skp_xl.errors import OutputExistsError, SkpError
from skp_xl.fileio import atomic_output
from skp_xl.workbook.table_output import write_table_xlsx


@app.command("nasional")
def nasional_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="BERKAS|FOLDER...",
            help="Berkas .parquet dari skp-xl consolidate --parquet, atau folder berisi "
            "berkas itu (dibaca sampai ke subfolder).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Tulis tabel per instansi ke buku kerja .xlsx."),
    ] = None,
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode",
            help="Periode yang dihitung (mis. Akhir); bawaan: periode terakhir yang dinilai "
            "di setiap instansi.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Timpa keluaran yang sudah ada.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Rekap nasional: distribusi predikat per instansi dan pemeriksaan pola distribusi.

    Membaca berkas Parquet hasil konsolidasi banyak instansi (kolom Instansi, Periode,
    Predikat, Capaian Organisasi, Dihitung) dengan DuckDB; hanya pegawai yang dihitung
    pada periode itu yang masuk. Berkas masukan tidak diubah.
    """
    if output is not None and output.suffix.lower() != ".xlsx":
        raise fail(f"Berkas keluaran '{output}' harus berakhiran .xlsx.")
    if output is not None and output.exists() and not force:
        raise fail(str(OutputExistsError(output)))
    chosen = periode_option(periode)
    try:
        hasil = rangkum_nasional(paths, periode=chosen)
    except SkpError as error:
        raise fail(str(error)) from error
    tabel = hasil.tabel
    if output is not None:
        with atomic_output(output, force=force) as temporary:
            write_table_xlsx(
                temporary,
                "Nasional",
                list(tabel.columns),
                tabel.astype(object).where(tabel.notna(), None).values.tolist(),
            )
    if json_output:
        document = {
            "berkas": [str(p) for p in hasil.berkas],
            "baris": hasil.baris,
            "instansi": tabel.to_dict("records"),
            "output": str(output) if output else None,
        }
        console.print_json(json.dumps(document, default=str))
        return
    table = Table(title=f"Rekap nasional: {len(tabel) - 1} instansi, {hasil.baris} baris dibaca")
    shown = [INSTANSI, "Periode", "Jumlah", *(p.value for p in Predikat), "Pola"]
    for column in shown:
        table.add_column(
            column, justify="right" if column not in {"Instansi", "Periode"} else "left"
        )
    for row in tabel.itertuples(index=False):
        values = dict(zip(tabel.columns, row, strict=True))
        style = "bold" if values[INSTANSI] == NASIONAL else None
        table.add_row(*(str(values[c]) for c in shown), style=style)
    console.print(table)
    if output is not None:
        console.print(f"Tabel ditulis ke {output}.")
