"""``skp-xl validate`` (alias ``periksa``): check SKP workbooks, findings down to the cell.

The files are read in supervised worker processes, which import the reader; this module
imports it (and openpyxl, for ``--laporan``) only on the paths that use it in this
process, which otherwise imports neither, nor pandas.
"""

from __future__ import annotations

import os
from dataclasses import replace
from itertools import groupby
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from skp_xl.batch.pengawas import Batas, Fungsi, Kegagalan, petakan, siapkan
from skp_xl.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    JsonOption,
    app,
    cetak_json,
    console,
    fail,
    periode_option,
)
from skp_xl.cli.bahasa import sebab_os
from skp_xl.domain.codes import UNREADABLE
from skp_xl.domain.findings import Finding, Report, Severity
from skp_xl.domain.vocabulary import PeriodeEvaluasi
from skp_xl.errors import OutputExistsError
from skp_xl.settings import BATAS_DETIK, BATAS_MEMORI, TENGGANG_DETIK

_LEVEL = {
    Severity.ERROR: "[red]galat[/]",
    Severity.WARNING: "[yellow]peringatan[/]",
    Severity.INFO: "[blue]info[/]",
}


def _print(report: Report) -> None:
    errors = len(report.errors())
    others = len(report.findings) - errors
    if report.findings:
        table = Table(title=str(report.path), title_justify="left", show_lines=True)
        table.add_column("Sheet", no_wrap=True)
        table.add_column("Sel", no_wrap=True)
        table.add_column("Tingkat", no_wrap=True)
        table.add_column("Pesan [dim](kode)[/]")
        ordered = sorted(report.findings, key=lambda f: f.sheet or "")
        for sheet, findings in groupby(ordered, key=lambda f: f.sheet or ""):
            for index, finding in enumerate(findings):
                table.add_row(
                    sheet if index == 0 else "",
                    finding.cell or "",
                    _LEVEL[finding.severity],
                    f"{finding.message} [dim]({finding.code})[/]",
                )
        console.print(table)
    verdict = (
        f"[green]VALID[/]: tidak ada galat ({others} catatan)"
        if report.valid
        else f"[red]TIDAK VALID[/]: {errors} galat, {others} catatan"
    )
    console.print(f"{report.path}: {verdict}", highlight=False)


DebugOption = Annotated[
    bool,
    typer.Option(
        "--debug", help="Tampilkan traceback bila skp-xl sendiri gagal (untuk laporan bug)."
    ),
]


def _write_outputs(
    files: list[Path], reports: list[Report], laporan: Path, *, salin: bool, force: bool
) -> None:
    """Write ``--laporan``: the findings workbook, or with ``--salin`` an annotated copy."""
    from skp_xl.workbook.laporan import write_laporan, write_salinan

    if not salin:
        write_laporan(laporan, reports, force=force)
        console.print(f"Laporan temuan ditulis ke {laporan}.", highlight=False)
        return
    [source], [report] = files, reports
    if any(f.code in UNREADABLE for f in report.findings):
        raise fail(
            f"Salinan bertanda tidak dibuat: '{source}' tidak dapat dibaca sebagai SKP "
            "(lihat temuan di atas)."
        )
    sheet, count = write_salinan(source, laporan, report, force=force)
    console.print(
        f"Salinan bertanda ditulis ke {laporan}: sheet '{sheet}', {count} sel diwarnai. "
        f"Berkas asli '{source}' tidak diubah.",
        highlight=False,
    )


def _check_outputs(files: list[Path], laporan: Path | None, salin: bool) -> None:
    if laporan is None:
        if salin:
            raise fail("--salin perlu --laporan BERKAS (tempat salinan bertanda ditulis).")
        return
    from skp_xl.reader.triage import XLS_SUFFIXES

    if salin and any(f.suffix.lower() in XLS_SUFFIXES for f in files):
        # The copy is written with openpyxl, which writes no Excel 97-2003 file.
        raise fail(
            "--salin tidak dapat menandai berkas Excel 97-2003 (.xls); simpan dulu sebagai "
            "Buku Kerja Excel (.xlsx) di Excel, atau pakai --laporan tanpa --salin."
        )
    if laporan.suffix.lower() not in (".xlsx", ".xlsm"):
        raise fail(f"Berkas laporan '{laporan}' harus berakhiran .xlsx.")
    if any(laporan.resolve() == f.resolve() for f in files):
        raise fail(
            f"Berkas laporan '{laporan}' sama dengan berkas yang diperiksa; berkas masukan "
            "tidak pernah ditimpa. Pilih nama lain."
        )
    if salin:
        if len(files) != 1:
            raise fail("--salin hanya untuk satu berkas; periksa berkas lain satu per satu.")
        if laporan.suffix.lower() != files[0].suffix.lower():
            raise fail(
                f"Salinan '{laporan}' harus berakhiran sama dengan aslinya "
                f"('{files[0].suffix}'), agar makro dan isinya tetap utuh."
            )


def _expand(paths: list[Path], laporan: Path | None) -> tuple[list[Path], list[Finding]]:
    """The workbooks to check: files as given, folders walked recursively as ``consolidate``
    walks them (HR on Windows ``cmd`` cannot expand ``*.xlsx``), and one note per file
    skipped in a folder (lock files, other kinds).

    A folder's own ``--laporan`` output is not checked: a second run with ``--force`` finds
    it there.
    """
    files: list[Path] = []
    skipped: list[Finding] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue
        from skp_xl.batch.cari import temukan

        found, notes = temukan(path)
        if laporan is not None:
            found = [f for f in found if f.resolve() != laporan.resolve()]
        if not found:
            raise fail(
                f"Folder '{path}' tidak berisi buku kerja Excel (.xlsx/.xlsm), juga di "
                f"subfoldernya ({len(notes)} berkas lain dilewati)."
            )
        files += found
        skipped += notes
    return files, skipped


_TUGAS = Fungsi("skp_xl.validation", "validate_file")
"""What each worker runs on one file, named rather than imported (see the module)."""


def _step(periode: PeriodeEvaluasi | None) -> Fungsi:
    return replace(_TUGAS, kwargs=(("periode", periode),))


def _validate_all(
    files: list[Path], periode: PeriodeEvaluasi | None, *, debug: bool
) -> list[Report]:
    """One report per file, each file read in a supervised process (a file that kills
    or stalls its reader is a finding, and the others are still checked); with
    ``--debug``, in this process, so a bug shows its traceback."""
    if debug:
        from skp_xl.validation import validate_file

        return [validate_file(path, periode=periode, debug=True) for path in files]

    def gagal(path: Path, kegagalan: Kegagalan) -> Report:
        from skp_xl.batch.berkas import temuan_gagal

        return Report.of([temuan_gagal(str(path), kegagalan)], path=str(path))

    batas = Batas(detik=BATAS_DETIK, tenggang=TENGGANG_DETIK, memori=BATAS_MEMORI)
    jobs = min(len(files), os.cpu_count() or 1)
    got = dict(petakan(_step(periode), files, gagal, jobs=jobs, batas=batas))
    return [got[index] for index in range(len(files))]


@app.command("validate")
def validate_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="BERKAS|FOLDER...",
            help="Buku kerja SKP (.xlsx/.xlsm), atau folder: semua buku kerja di dalamnya "
            "dan subfoldernya diperiksa.",
            show_default=False,
        ),
    ],
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode", help="Periksa evaluasi satu periode saja, mis. 'TW I'.", show_default=False
        ),
    ] = None,
    json_output: JsonOption = False,
    laporan: Annotated[
        Path | None,
        typer.Option(
            "--laporan",
            metavar="HASIL.xlsx",
            help="Tulis temuan sebagai buku kerja, dengan tautan ke setiap sel.",
            show_default=False,
        ),
    ] = None,
    salin: Annotated[
        bool,
        typer.Option(
            "--salin",
            help="Dengan --laporan: tulis salinan berkas (satu) dengan sheet Temuan dan sel "
            "bermasalah diwarnai, bukan laporan terpisah.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Timpa berkas --laporan yang sudah ada.")
    ] = False,
    debug: DebugOption = False,
) -> None:
    """Periksa buku kerja SKP: isian yang kosong atau salah, sampai ke selnya.

    Berkas masukan tidak pernah diubah. Keluar 0 bila tidak ada galat, 1 bila ada temuan
    bertingkat galat, 2 bila ada berkas yang tidak dapat dibaca sebagai SKP.
    """
    chosen = periode_option(periode)
    if not debug:
        siapkan(_step(chosen))  # the workers' imports beside the walk of the folders
    files, skipped = _expand(files, laporan)
    _check_outputs(files, laporan, salin)
    if laporan is not None and laporan.exists() and not force:
        raise fail(str(OutputExistsError(laporan)))
    reports = _validate_all(files, chosen, debug=debug)
    if json_output:
        document: dict[str, object] = {"files": [r.to_dict() for r in reports]}
        if skipped:
            document["dilewati"] = [{**n.to_dict(), "path": n.path} for n in skipped]
        cetak_json(document)
    else:
        for report in reports:
            _print(report)
        for note in skipped:
            console.print(f"[dim]Dilewati:[/] {note.message}", highlight=False)
    if laporan is not None:
        try:
            _write_outputs(files, reports, laporan, salin=salin, force=force)
        except OSError as error:
            if debug:
                raise
            raise fail(f"Laporan '{laporan}' tidak dapat ditulis: {sebab_os(error)}.") from error
    if any(f.code in UNREADABLE for r in reports for f in r.findings):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_OK if all(r.valid for r in reports) else EXIT_FINDINGS)


app.command("periksa", hidden=True, help="Alias Indonesia untuk 'validate'.")(validate_command)
