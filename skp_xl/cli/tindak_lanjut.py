"""``skp-xl tindak-lanjut`` (alias ``tindaklanjut``): the regulation's consequences of
predikat across years, from summaries and e-Kinerja/SIASN exports of several years."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from skp_xl.cli.app import EXIT_FINDINGS, EXIT_OK, JsonOption, app, console, err_console, fail
from skp_xl.cli.bahasa import sebab_os
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.tindak_lanjut import (
    JUDUL_ATURAN,
    Aturan,
    HasilTindakLanjut,
    PenilaianTahunan,
    tindak_lanjut,
)
from skp_xl.errors import OutputExistsError
from skp_xl.reader.tindak_lanjut import KolomRingkasan, Masukan, baca_masukan
from skp_xl.summary.skema import YA, Pegawai
from skp_xl.summary.tindak_lanjut import write_tindak_lanjut
from skp_xl.workbook.laporan import TINGKAT

KOLOM = KolomRingkasan(
    nip=Pegawai.nip,
    nama=Pegawai.nama,
    unit_kerja=Pegawai.unit_kerja,
    jabatan=Pegawai.jabatan,
    jenis_jabatan=Pegawai.jenis_jabatan,
    periode=Pegawai.periode,
    predikat=Pegawai.predikat,
    dihitung=Pegawai.dihitung,
    keterangan=Pegawai.keterangan,
    ya=YA,
)
"""The summary's Pegawai headers, from its one model."""


def baca_semua(paths: list[Path]) -> tuple[list[Masukan], list[PenilaianTahunan]]:
    """Read every input; their annual predikat together, in input order."""
    masukan = [baca_masukan(path, KOLOM) for path in paths]
    return masukan, [p for m in masukan for p in m.penilaian]


def _print(hasil: HasilTindakLanjut, masukan: list[Masukan], out: Path | None) -> None:
    for m in masukan:
        years = sorted({p.tahun for p in m.penilaian})
        shown = ", ".join(map(str, years)) or "-"
        console.print(
            f"{m.path}: {m.jenis or 'tidak dipakai'}, {len(m.penilaian)} predikat tahunan "
            f"(tahun {shown})",
            highlight=False,
            soft_wrap=True,
        )
    console.print(f"[bold]Tindak lanjut tahun {hasil.tahun}[/]", highlight=False)
    for aturan in Aturan:
        rows = hasil.per_aturan(aturan)
        console.print(
            f"[bold]{aturan.value}[/] ({len(rows)} pegawai): {JUDUL_ATURAN[aturan]}.",
            highlight=False,
            soft_wrap=True,
        )
        if not rows:
            continue
        table = Table()
        for header in ("NIP", "Nama", "Jenis", "Tahun", "Predikat"):
            table.add_column(header)
        for t in rows:
            table.add_row(
                t.nip,
                t.nama,
                t.jenis_jabatan or "-",
                ", ".join(map(str, t.tahun)),
                ", ".join(t.predikat),
            )
        console.print(table)
    _temuan(hasil.temuan, console)
    if out is not None:
        console.print(f"Ditulis ke {out}.", highlight=False)


def _temuan(findings: tuple[Finding, ...], printer: Console) -> None:
    if not findings:
        return
    counts = Counter(f.code for f in findings)
    printer.print(
        f"{len(findings)} temuan: "
        + ", ".join(f"{code} ({n})" for code, n in counts.most_common())
        + ".",
        highlight=False,
        soft_wrap=True,
    )
    for finding in findings[:15]:
        printer.print(
            f"  {TINGKAT[finding.severity]}: {finding.message} [dim]({finding.code})[/]",
            highlight=False,
            soft_wrap=True,
        )
    if len(findings) > 15:
        printer.print(f"  ... dan {len(findings) - 15} lagi (sheet Temuan dengan -o).")


@app.command("tindak-lanjut")
def tindak_lanjut_command(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="MASUKAN",
            help="Ringkasan 'skp-xl consolidate' (.xlsx) atau Parquet-nya, ekspor e-Kinerja "
            "Laporan Penilaian SKP tahunan, riwayat SKP/kinerja SIASN (JSON/CSV); satu atau "
            "lebih per tahun.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="OUT.xlsx",
            help="Tulis buku kerja: satu Tabel per aturan, dan Temuan.",
            show_default=False,
        ),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option(
            "--tahun",
            help="Tahun yang dinilai (bawaan: tahun terakhir di masukan).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Timpa keluaran yang sudah ada.")] = False,
    json_output: JsonOption = False,
) -> None:
    """Daftar tindak lanjut hasil evaluasi kinerja lintas tahun (PermenPANRB 6/2022).

    Sangat Baik dua tahun berturut-turut: prioritas talent pool (talenta-prioritas); Baik dua
    tahun berturut-turut: prioritas pengembangan kompetensi (pengembangan-kompetensi); JPT
    dengan Butuh Perbaikan, Kurang/Misconduct atau Sangat Kurang (perbaikan-jpt) dan JA/JF
    dengan Kurang/Misconduct atau Sangat Kurang (perbaikan-enam-bulan): enam bulan
    memperbaiki kinerja. Tahun yang hilang memutus "berturut-turut"; dua sumber yang berbeda
    untuk satu tahun, pindah unit atau jabatan, dan jenis jabatan yang tidak dikenal menjadi
    temuan. Keluar 0 bila tidak ada temuan galat, 1 bila ada.
    """
    if output is not None:
        if output.suffix.lower() != ".xlsx":
            raise fail(f"Berkas keluaran '{output}' harus berakhiran .xlsx.")
        if output.exists() and not force:
            raise fail(str(OutputExistsError(output)))
    masukan, penilaian = baca_semua(inputs)
    years = sorted({p.tahun for p in penilaian})
    read_findings = [f for m in masukan for f in m.temuan]
    if not penilaian:
        for finding in read_findings[:20]:
            err_console.print(f"  {finding.message} [dim]({finding.code})[/]", highlight=False)
        raise fail(
            "Tidak ada predikat tahunan (periode Akhir) di masukan; tidak ada yang dinilai.",
            EXIT_FINDINGS,
        )
    if tahun is not None and tahun not in years:
        raise fail(
            f"--tahun {tahun} tidak ada di masukan (tahun yang ada: {', '.join(map(str, years))})."
        )
    found = tindak_lanjut(penilaian, tahun=tahun)
    hasil = HasilTindakLanjut(
        found.tahun,
        found.tahun_masukan,
        found.daftar,
        (*read_findings, *found.temuan),
        found.dipakai,
    )
    if output is not None:
        try:
            write_tindak_lanjut(output, hasil, masukan=[str(p) for p in inputs], force=force)
        except OutputExistsError as error:
            raise fail(str(error)) from error
        except OSError as error:
            raise fail(f"Keluaran tidak dapat ditulis: {sebab_os(error)}.") from error
    if json_output:
        console.print_json(json.dumps(hasil.to_dict()))
        _temuan(hasil.temuan, err_console)
    else:
        _print(hasil, masukan, output)
    errors = any(f.severity is Severity.ERROR for f in hasil.temuan)
    raise typer.Exit(EXIT_FINDINGS if errors else EXIT_OK)


app.command("tindaklanjut", hidden=True, help="Alias untuk 'tindak-lanjut'.")(tindak_lanjut_command)
