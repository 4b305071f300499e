"""``skp-xl samples`` (alias ``contoh``): write a fictional agency of filled SKP workbooks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from skp_xl.cli.app import EXIT_OK, app, console, err_console, fail
from skp_xl.cli.format import angka
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import (
    PeriodeEvaluasi,
    SiklusEvaluasi,
    normalize_periode,
    normalize_siklus,
)
from skp_xl.samples import MASALAH, generate_agency
from skp_xl.settings import TAHUN_MAX, TAHUN_MIN


@app.command("samples")
def samples_command(
    directory: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER", help="Folder tujuan (kosong, atau dibuat).", show_default=False
        ),
    ],
    pegawai: Annotated[
        int,
        typer.Option(
            "--pegawai", "-n", min=1, help="Jumlah jabatan (pegawai); sekitar 10 per unit."
        ),
    ] = 50,
    seed: Annotated[
        int, typer.Option("--seed", help="Benih acak: benih yang sama, berkas yang sama.")
    ] = 1,
    tahun: Annotated[int, typer.Option("--tahun", help="Tahun SKP.")] = 2025,
    seed_penilaian: Annotated[
        int | None,
        typer.Option(
            "--seed-penilaian",
            help="Benih rencana dan rating (bawaan: --seed): pegawai yang sama, penilaian lain.",
            show_default=False,
        ),
    ] = None,
    tahun_pegawai: Annotated[
        int | None,
        typer.Option(
            "--tahun-pegawai",
            help="Tahun yang menentukan pegawainya (NIP, masa kerja; bawaan: --tahun). "
            "'--tahun 2024 --tahun-pegawai 2025 --seed-penilaian 2': tahun sebelumnya dari "
            "instansi bawaan, untuk 'skp-xl tindak-lanjut'.",
            show_default=False,
        ),
    ] = None,
    sampai: Annotated[
        str,
        typer.Option(
            "--sampai",
            help="Periode evaluasi terakhir yang dinilai (Triwulan I ... Akhir, atau Januari "
            "... Akhir untuk evaluasi bulanan).",
        ),
    ] = PeriodeEvaluasi.AKHIR.value,
    periode_evaluasi: Annotated[
        str,
        typer.Option(
            "--periode-evaluasi",
            help="Buku kerja dengan evaluasi setiap triwulan atau setiap bulan: "
            "'triwulanan' atau 'bulanan'.",
        ),
    ] = SiklusEvaluasi.TRIWULANAN.value.lower(),
    tanpa_masalah: Annotated[
        bool,
        typer.Option(
            "--tanpa-masalah", help="Tanpa masalah yang disengaja (Plt., mutasi, dan lainnya)."
        ),
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Jumlah proses (bawaan: satu per CPU).", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Tulis juga ke folder yang tidak kosong (berkas senama ditimpa)."
        ),
    ] = False,
) -> None:
    """Buat instansi fiktif berisi buku kerja SKP terisi, satu folder per unit.

    Setiap pegawai (kepala, JPT pratama, administrator, pengawas, pelaksana, jabatan
    fungsional) mendapat satu buku kerja: rencana hasil kerja yang diturunkan dari SKP
    atasannya, realisasi, dan rating setiap periode. Benih yang sama menghasilkan berkas
    yang sama. Semua nama fiktif; NIP sah hanya menurut bentuknya.
    """
    if directory.exists() and not directory.is_dir():
        raise fail(f"'{directory}' sudah ada dan bukan folder.")
    if directory.is_dir() and any(directory.iterdir()) and not force:
        raise fail(
            f"Folder '{directory}' tidak kosong; pakai --force untuk tetap menulis ke sana "
            "(berkas senama ditimpa) atau pilih folder lain."
        )
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise fail(f"--tahun {tahun} di luar rentang {TAHUN_MIN}-{TAHUN_MAX}.")
    if tahun_pegawai is not None and not TAHUN_MIN <= tahun_pegawai <= TAHUN_MAX:
        raise fail(f"--tahun-pegawai {tahun_pegawai} di luar rentang {TAHUN_MIN}-{TAHUN_MAX}.")
    try:
        siklus = normalize_siklus(periode_evaluasi)
    except InvalidValueError as error:
        raise fail(f"--periode-evaluasi: {error.message}") from error
    try:
        last = normalize_periode(sampai)
    except InvalidValueError as error:
        raise fail(f"--sampai: {error.message}") from error
    if last.siklus not in (None, siklus):
        raise fail(
            f"--sampai {last.value} bukan periode evaluasi {siklus.value.lower()}; pilih salah "
            f"satu: {', '.join(p.value for p in siklus.periode)}."
        )
    progress = Progress(
        TextColumn("Menulis"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    )
    with progress:
        task = progress.add_task("berkas", total=None)
        manifest = generate_agency(
            directory,
            pegawai=pegawai,
            seed=seed,
            tahun=tahun,
            sampai=last,
            masalah=not tanpa_masalah,
            siklus=siklus,
            jobs=jobs,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
            seed_penilaian=seed_penilaian,
            tahun_pegawai=tahun_pegawai,
        )
    units = len(manifest.units) - 1  # the first is the agency's own level
    seconds = angka(manifest.detik, 1)
    console.print(
        f"{manifest.instansi} (fiktif) ditulis ke {directory}: {units} unit, "
        f"{manifest.pegawai} pegawai, {len(manifest.berkas)} berkas, {seconds} detik.",
        highlight=False,
        soft_wrap=True,
    )
    problems = [(code, paths) for code, paths in manifest.masalah.items() if paths]
    if problems:
        console.print("Masalah yang disengaja (lihat samples/README.md):", highlight=False)
        for code, paths in problems:
            console.print(f"  {code}: {MASALAH[code]}", highlight=False, soft_wrap=True)
            for path in paths:
                console.print(f"    {path.relative_to(directory)}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_OK)


app.command("contoh", hidden=True, help="Alias Indonesia untuk 'samples'.")(samples_command)
