"""``skp-xl predikat``: predikat kinerja from two ratings, or for a whole table of pegawai."""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from skp_xl.cli.app import EXIT_OK, JsonOption, app, console, fail
from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Report, Severity
from skp_xl.domain.penilaian import Penilaian, nilai_pegawai
from skp_xl.domain.pola_distribusi import persen
from skp_xl.domain.quadrant import predikat_kinerja
from skp_xl.domain.targets import format_angka
from skp_xl.domain.vocabulary import Predikat
from skp_xl.errors import OutputExistsError
from skp_xl.fileio import atomic_output
from skp_xl.reader.ekspor import triage_ekspor
from skp_xl.tabular import JSON, TEKS, Baris, read_ratings_csv
from skp_xl.workbook.table_output import write_table_xlsx

KOLOM_KELUARAN = (
    "baris",
    "unit_kerja",
    "nama",
    "nip",
    "rating_hasil_kerja",
    "rating_perilaku",
    "predikat",
    "jenjang",
    "bulan",
    "angka_kredit",
    "status",
    "catatan",
)
"""Columns of the result table ``--output`` writes."""


@app.command("predikat")
def predikat_command(
    rating_hasil_kerja: Annotated[
        str | None,
        typer.Argument(help="Rating hasil kerja, mis. 'Diatas Ekspektasi'.", show_default=False),
    ] = None,
    rating_perilaku: Annotated[
        str | None,
        typer.Argument(help="Rating perilaku kerja, mis. 'Sesuai Ekspektasi'.", show_default=False),
    ] = None,
    csv_path: Annotated[
        Path | None,
        typer.Option(
            "--csv",
            help="Tabel pegawai (CSV, .xlsx, atau ekspor e-Kinerja/SIASN; judul kolom boleh "
            "di bawah baris judul) dengan kolom nama, nip, rating_hasil_kerja, "
            "rating_perilaku, dan bila ada unit_kerja, jenjang, bulan.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Tulis hasil --csv ke berkas ini: .xlsx (tabel Excel) atau .csv.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Timpa berkas keluaran.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Hitung predikat kinerja pegawai dari rating hasil kerja dan rating perilaku kerja.

    Dengan dua rating: cetak predikatnya (kuadran PermenPANRB 6/2022). Dengan --csv: periksa
    NIP dan rating setiap pegawai, hitung predikat dan angka kredit (JF), cetak rekap per
    predikat dan daftar temuan, dan dengan -o tulis tabel hasilnya. Keluar 0 bila hasil
    selesai dihitung walau ada temuan (temuan dicantumkan), 2 bila masukan tidak terbaca.
    """
    if csv_path is not None:
        if rating_hasil_kerja is not None or rating_perilaku is not None:
            raise fail("Pakai dua rating atau --csv, bukan keduanya.")
        _table(csv_path, output, force=force, json_output=json_output)
        return
    if rating_hasil_kerja is None or rating_perilaku is None:
        raise fail(
            "Beri dua rating (hasil kerja dan perilaku), mis. "
            "skp-xl predikat 'Diatas Ekspektasi' 'Sesuai Ekspektasi', atau --csv BERKAS."
        )
    try:
        result = predikat_kinerja(rating_hasil_kerja, rating_perilaku)
    except InvalidValueError as error:
        raise fail(error.message) from error
    if json_output:
        console.print_json(json.dumps({"predikat": result}))
    else:
        console.print(f"Predikat kinerja: [bold]{result}[/]")
    raise typer.Exit(EXIT_OK)


def _table(path: Path, output: Path | None, *, force: bool, json_output: bool) -> None:
    if output is not None:
        if output.suffix.lower() not in (".xlsx", ".csv"):
            raise fail(f"Berkas keluaran '{output}' harus berakhiran .xlsx atau .csv.")
        if output.exists() and not force:
            raise fail(OutputExistsError(output).args[0])
    rows = _rows(path)
    sheet = path.stem
    results: list[tuple[Baris, Penilaian, tuple[Finding, ...]]] = []
    for row in rows:
        penilaian, findings = nilai_pegawai(row.entri, sheet=sheet)
        results.append((row, penilaian, findings))
    report = Report.of([f for *_, fs in results for f in fs], path=str(path))
    distribusi = Counter(p.predikat for _, p, _ in results if p.predikat is not None)

    if output is not None:
        with atomic_output(output, force=force) as tmp:
            _write_results(tmp, output.suffix.lower(), results)

    if json_output:
        document = {
            "pegawai": len(results),
            "distribusi": {label.value: distribusi.get(label, 0) for label in Predikat},
            "output": str(output) if output else None,
            "files": [report.to_dict()],
        }
        console.print_json(json.dumps(document))
    else:
        _print(path, results, distribusi, report, output)
    raise typer.Exit(EXIT_OK)


def _rows(path: Path) -> list[Baris]:
    """The table's rows, or a plain usage error naming the file (never a traceback)."""
    suffix = path.suffix.lower()
    if path.is_file() and suffix not in TEKS and suffix not in JSON:
        # A workbook (or anything else): triage it as consolidate does before reading.
        blocking = triage_ekspor(path).blocking
        if blocking is not None and blocking.code != Code.BERKAS_XLS:  # calamine reads .xls
            raise fail(blocking.message)
    try:
        return read_ratings_csv(path)
    except InvalidValueError as error:
        raise fail(error.message) from error
    except Exception as error:  # an odd file must not show a traceback
        raise fail(
            f"Berkas '{path}' tidak dapat dibaca sebagai tabel ({type(error).__name__}); "
            "simpan ulang sebagai .xlsx atau CSV."
        ) from error


def _status(findings: tuple[Finding, ...]) -> str:
    if any(f.severity is Severity.ERROR for f in findings):
        return "perlu diperbaiki"
    return "catatan" if findings else "ok"


def _result_rows(
    results: list[tuple[Baris, Penilaian, tuple[Finding, ...]]],
) -> list[list[str | int | float | None]]:
    return [
        [
            row.nomor,
            row.unit_kerja,
            p.nama,
            p.nip,
            p.rating_hasil_kerja,
            p.rating_perilaku,
            p.predikat,
            str(row.entri.jenjang or "").strip() or None,
            p.bulan,
            p.angka_kredit,
            _status(findings),
            "\n".join(f"{f.cell}: {f.message}" for f in findings) or None,
        ]
        for row, p, findings in results
    ]


def _write_results(
    path: Path, suffix: str, results: list[tuple[Baris, Penilaian, tuple[Finding, ...]]]
) -> None:
    rows = _result_rows(results)
    if suffix == ".xlsx":
        write_table_xlsx(
            path,
            "Hasil",
            KOLOM_KELUARAN,
            rows,
            text_columns=("nip",),
            number_formats={"angka_kredit": "0.00"},
        )
        return
    # utf-8-sig: Excel shows the characters right on a double click.
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle)
        writer.writerow(KOLOM_KELUARAN)
        writer.writerows(["" if v is None else v for v in row] for row in rows)


def _print(
    path: Path,
    results: list[tuple[Baris, Penilaian, tuple[Finding, ...]]],
    distribusi: Counter[Predikat],
    report: Report,
    output: Path | None,
) -> None:
    table = Table(title=f"Predikat kinerja: {path.name}", title_justify="left")
    for header in ("Baris", "Unit kerja", "Nama", "NIP", "Predikat", "Angka kredit", "Status"):
        table.add_column(header, no_wrap=header in ("NIP", "Baris"))
    for row, p, findings in results:
        status = _status(findings)
        style = {"ok": "green", "catatan": "yellow"}.get(status, "red")
        table.add_row(
            str(row.nomor),
            row.unit_kerja,
            p.nama,
            p.nip or "[red]tidak valid[/]",
            p.predikat or "-",
            "" if p.angka_kredit is None else format_angka_kredit(p.angka_kredit),
            f"[{style}]{status}[/]",
        )
    console.print(table)

    total = sum(distribusi.values())
    summary = Table(title="Distribusi predikat", title_justify="left")
    summary.add_column("Predikat")
    summary.add_column("Jumlah", justify="right")
    summary.add_column("Persen", justify="right")
    for label in Predikat:
        n = distribusi.get(label, 0)
        share = f"{format_angka(persen(n, total))}%" if total else "-"
        summary.add_row(label.value, str(n), share)
    console.print(summary)

    if report.findings:
        temuan = Table(title=f"Temuan ({path.name})", title_justify="left", show_lines=True)
        temuan.add_column("Sel", no_wrap=True)
        temuan.add_column("Tingkat", no_wrap=True)
        temuan.add_column("Pesan [dim](kode)[/]")
        for f in report.findings:
            level = "[red]galat[/]" if f.severity is Severity.ERROR else "[yellow]catatan[/]"
            temuan.add_row(f.cell or "", level, f"{f.message} [dim]({f.code})[/]")
        console.print(temuan)

    errors = len(report.errors())
    written = f" Hasil ditulis ke {output}." if output else ""
    console.print(
        f"{len(results)} pegawai dinilai, {total} dengan predikat; {errors} temuan galat, "
        f"{len(report.findings) - errors} catatan.{written}",
        highlight=False,
    )


def format_angka_kredit(value: float) -> str:
    """Angka kredit with its two decimals, the Indonesian way: ``18,75``."""
    return f"{value:.2f}".replace(".", ",")
