"""``skp-xl cetak``: the forms a person signs, as one PDF, through LibreOffice."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skp_xl.cli.app import EXIT_OK, app, console, fail, periode_option
from skp_xl.cli.bahasa import sebab_os
from skp_xl.errors import CetakError, OutputExistsError
from skp_xl.workbook.cetak import cetak


@app.command("cetak")
def cetak_command(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="BERKAS", help="Buku kerja SKP (.xlsx/.xlsm); berkas ini tidak diubah."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            metavar="HASIL.pdf",
            help="PDF yang ditulis; bawaan: nama berkas dengan .pdf.",
            show_default=False,
        ),
    ] = None,
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode",
            metavar="PERIODE",
            show_default=False,
            help="Cetak formulir satu periode: sheet evaluasinya, serta Umpan Balik dan "
            "Dokumen Evaluasi bila PERIODE-nya periode itu (mis. 'TW I', 'Akhir').",
        ),
    ] = None,
    lembar: Annotated[
        list[str] | None,
        typer.Option(
            "--lembar",
            metavar="LEMBAR",
            show_default=False,
            help="Cetak sheet ini (boleh berulang, mis. --lembar SKP --lembar Lampiran).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Timpa PDF yang sudah ada.")] = False,
) -> None:
    """Cetak formulir SKP ke satu PDF, siap ditandatangani.

    Blok hasil kerja yang kosong tidak dicetak, baris setinggi teksnya (juga teks yang
    disalin rumus), kepala tabel hanya diulang di atas baris hasil kerja, PERILAKU mulai
    di halaman baru, dan warna bantu tidak ikut tercetak. Tanpa --periode dan --lembar:
    semua formulir yang terlihat, kecuali Petunjuk, Identitas dan sheet evaluasi periode
    yang belum diisi. Memerlukan LibreOffice.
    """
    if not file.is_file():
        raise fail(f"Berkas '{file}' tidak ada.")
    target = output if output is not None else file.with_suffix(".pdf")
    if target.resolve() == file.resolve():
        raise fail("PDF keluaran tidak boleh menimpa buku kerjanya; pilih nama lain dengan -o.")
    if target.exists() and not force:
        raise fail(str(OutputExistsError(target)))
    try:
        hasil = cetak(
            file, target, lembar=tuple(lembar or ()), periode=periode_option(periode), force=force
        )
    except (CetakError, OutputExistsError) as error:
        raise fail(str(error)) from error
    except OSError as error:  # an output folder that cannot be written, a full disk
        raise fail(f"PDF tidak dapat ditulis ke '{target}': {sebab_os(error)}.") from error
    console.print(
        f"{len(hasil.lembar)} formulir dicetak ke {hasil.pdf}: {', '.join(hasil.lembar)}.",
        highlight=False,
    )
    raise typer.Exit(EXIT_OK)
