"""``skp-xl consolidate`` (alias ``konsolidasi``): a whole agency in one summary workbook."""

from __future__ import annotations

import json
import time
import tomllib
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from skp_xl.batch.klaster import DaskTidakAda, UrlTidakTerbaca, adalah_url
from skp_xl.batch.konsolidasi import INSTANSI, Konsolidasi, Mesin, Opsi, konsolidasi
from skp_xl.batch.nasional import tulis_parquet
from skp_xl.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    JsonOption,
    app,
    console,
    err_console,
    fail,
)
from skp_xl.cli.bahasa import sebab_baca, sebab_os
from skp_xl.cli.format import angka, kemajuan
from skp_xl.domain.ekspor import UnitEkspor
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.pola_distribusi import PolaDistribusi
from skp_xl.domain.rekap import AturanGanda, Periode, judul_periode, periode_dari_teks
from skp_xl.domain.vocabulary import (
    Predikat,
    normalize_capaian_organisasi,
)
from skp_xl.errors import OutputExistsError
from skp_xl.fileio import atomic_output
from skp_xl.settings import BATAS_DETIK, BATAS_MEMORI, MIB, POLA_MINIMAL, TINGKAT_UNIT
from skp_xl.summary.skema import SESUAI, TIDAK_SESUAI, Ringkasan, Temuan
from skp_xl.summary.workbook import write_summary

_SINGKATAN = {
    Predikat.SANGAT_BAIK: "SB",
    Predikat.BAIK: "B",
    Predikat.BUTUH_PERBAIKAN: "BP",
    Predikat.KURANG: "K/M",
    Predikat.SANGAT_KURANG: "SK",
}
"""The predikat as the terminal's narrow columns head them."""


def _load(path: Path, what: str) -> dict[str, object]:
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (OSError, ValueError) as error:
        raise fail(f"Berkas {what} '{path}' tidak dapat dibaca: {sebab_baca(error)}.") from error
    if not isinstance(data, dict):
        raise fail(f"Berkas {what} '{path}' harus berisi pasangan nama = nilai.")
    return data


def _capaian(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    data = _load(path, "capaian")
    found = {}
    for unit, value in data.items():
        try:
            found[unit] = normalize_capaian_organisasi(value).value
        except InvalidValueError as error:
            raise fail(f"{path}: unit '{unit}': {error.message}") from error
    return found


def _pola(path: Path | None) -> PolaDistribusi | None:
    if path is None:
        return None
    try:
        return PolaDistribusi.from_dict(_load(path, "pola distribusi"))
    except InvalidValueError as error:
        raise fail(f"{path}: {error.message}") from error


def _periode(text: str | None) -> Periode | None:
    if text is None:
        return None
    found = periode_dari_teks(text)
    if found is None:
        raise fail(
            f"--periode '{text}' bukan periode yang dikenal; tulis mis. 'TW III', 'Akhir' atau "
            "nama bulan ('Maret') untuk ekspor bulanan e-Kinerja."
        )
    return found


def _kosong(result: Konsolidasi, folder: Path | str, json_output: bool) -> typer.Exit:
    """Nothing to consolidate: say so plainly (and why each file was not used), exit 1."""
    message = (
        f"Tidak ada SKP maupun baris ekspor e-Kinerja/SIASN di '{folder}': "
        f"{len(result.hasil)} berkas dibaca, {len(result.catatan)} dilewati. Ringkasan tidak "
        "ditulis. Periksa foldernya: SKP dibuat dengan 'skp-xl new', ekspor diunduh dari "
        "e-Kinerja (Laporan Penilaian SKP) atau SIASN."
    )
    if json_output:
        console.print_json(json.dumps(result.to_dict() | {"output": None, "pesan": message}))
    else:
        console.print(f"[red]✗[/] {message}", highlight=False)
        for finding in [*result.masalah, *result.catatan][:20]:
            console.print(f"  - {finding.message} [dim]({finding.code})[/]", highlight=False)
    return typer.Exit(EXIT_FINDINGS)


def _print(result: Konsolidasi, out: Path, seconds: float) -> None:
    periode = judul_periode(result.periode) if result.periode else "(belum ada penilaian)"
    table = Table(
        title=f"Ringkasan {result.instansi or result.nama}, periode {periode}",
        title_justify="left",
    )
    table.add_column("Unit kerja")
    table.add_column("Capaian org.")
    for p in Predikat:
        table.add_column(_SINGKATAN[p], justify="right")
    table.add_column(Ringkasan.jumlah, justify="right")
    table.add_column("Pola distribusi")
    for row in result.ringkasan.to_dict("records"):
        style = "bold" if row[Ringkasan.unit_kerja] == INSTANSI else None
        status = str(row[Ringkasan.pola_distribusi])
        color = {SESUAI: "green", TIDAK_SESUAI: "yellow"}.get(status, "dim")
        table.add_row(
            str(row[Ringkasan.unit_kerja]),
            str(row[Ringkasan.capaian_organisasi] or "-"),
            *(str(row[p.value]) for p in Predikat),
            str(row[Ringkasan.jumlah]),
            f"[{color}]{status}[/]",
            style=style,
        )
    console.print(table)
    if result.tidak_membuat_skp:
        shown = ", ".join(f"{u} {n}" for u, n in sorted(result.tidak_membuat_skp.items()))
        total = sum(result.tidak_membuat_skp.values())
        console.print(
            f"Tidak Membuat SKP (daftar pegawai e-Kinerja tanpa SKP yang dinilai pada periode "
            f"ini): {total} pegawai; {shown}. Daftarnya di sheet Pegawai.",
            highlight=False,
        )
    read = sum(1 for h in result.hasil if h.terbaca)
    exports = [h.ekspor for h in result.ekspor if h.ekspor is not None]
    rows = sum(h.jumlah_baris for h in result.ekspor)
    problems = result.masalah
    console.print(
        f"{len(result.hasil)} berkas dibaca dalam {angka(seconds, 1)} dtk: {read} SKP, "
        f"{len(exports)} ekspor ({rows} baris), {len(problems)} bermasalah, "
        f"{len(result.catatan)} dilewati; {len(result.temuan)} temuan. Ringkasan ditulis ke "
        f"{out}.",
        highlight=False,
    )
    if exports:
        console.print(
            "Predikat baris ekspor dihitung dari kedua rating (kuadran PermenPANRB 6/2022); "
            "hasil_akhir ekspor yang berbeda tercatat di sheet Temuan (ekspor-hasil-akhir-"
            "berbeda).",
            highlight=False,
        )
    if len(result.temuan):
        counts = result.temuan[Temuan.kode].value_counts()
        shown = ", ".join(f"{code} ({n})" for code, n in counts.head(8).items())
        more = f" dan {len(counts) - 8} kode lain" if len(counts) > 8 else ""
        console.print(f"Temuan menurut kode: {shown}{more}. Rinciannya di sheet Temuan.")
    for finding in problems[:20]:
        console.print(f"  [red]✗[/] {finding.message} [dim]({finding.code})[/]", highlight=False)
    if len(problems) > 20:
        console.print(f"  ... dan {len(problems) - 20} lagi: lihat sheet Temuan.")


@app.command("consolidate")
def consolidate_command(
    folder: Annotated[
        str,
        typer.Argument(
            metavar="FOLDER",
            help="Folder instansi: satu subfolder per unit. Dengan --engine dask boleh juga "
            "alamat fsspec (s3://bucket/instansi, file:///data/instansi).",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="HASIL.xlsx", help="Buku kerja ringkasan.", show_default=False
        ),
    ],
    periode: Annotated[
        str | None,
        typer.Option(
            "--periode",
            help="Periode yang diringkas, mis. 'TW III', 'Maret' atau 'Akhir' (bawaan: "
            "periode terakhir yang sudah dinilai). Bulan menghitung SKP evaluasi bulanan, "
            "triwulan SKP evaluasi triwulanan, Akhir keduanya.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Jumlah proses (bawaan: semua inti CPU)."),
    ] = None,
    nip_ganda: Annotated[
        AturanGanda,
        typer.Option(
            "--nip-ganda",
            help="NIP di beberapa SKP: 'terakhir' menghitung SKP unit terakhir (mutasi, "
            "rules.md bagian 7); 'semua' menghitung semuanya.",
        ),
    ] = AturanGanda.TERAKHIR,
    capaian: Annotated[
        Path | None,
        typer.Option(
            "--capaian",
            metavar="BERKAS",
            help='Capaian kinerja organisasi per unit (.toml/.json: "Unit" = "Baik"), '
            "menggantikan isian di buku kerja.",
            show_default=False,
        ),
    ] = None,
    pola: Annotated[
        Path | None,
        typer.Option(
            "--pola",
            metavar="BERKAS",
            help="Aturan pola distribusi instansi (.json/.toml, bentuk pola_distribusi.json).",
            show_default=False,
        ),
    ] = None,
    csv_dir: Annotated[
        Path | None,
        typer.Option(
            "--csv", metavar="FOLDER", help="Tulis juga tabel sebagai CSV.", show_default=False
        ),
    ] = None,
    parquet: Annotated[
        Path | None,
        typer.Option(
            "--parquet",
            metavar="BERKAS|FOLDER",
            help="Tulis juga tabel Pegawai (semua periode) sebagai Parquet: BERKAS.parquet, "
            "atau FOLDER berpartisi Instansi/Unit Kerja (gaya hive) untuk skp-xl nasional, "
            "DuckDB atau Dask.",
            show_default=False,
        ),
    ] = None,
    tingkat: Annotated[
        int,
        typer.Option(
            "--tingkat",
            min=0,
            help="Tingkat folder yang menjadi unit: 1 = setiap folder teratas satu unit "
            "(subfoldernya sub unit); 0 = setiap folder satu unit.",
        ),
    ] = TINGKAT_UNIT,
    pola_minimal: Annotated[
        int,
        typer.Option(
            "--pola-minimal",
            min=1,
            help="Jumlah pegawai terkecil agar distribusi suatu unit dibandingkan dengan "
            "pola distribusi (baris instansi selalu).",
        ),
    ] = POLA_MINIMAL,
    unit_ekspor: Annotated[
        UnitEkspor,
        typer.Option(
            "--unit-ekspor",
            help="Unit baris ekspor e-Kinerja: 'induk' = skp_unor_induk (skp_unor menjadi sub "
            "unit); 'unor' = skp_unor.",
        ),
    ] = UnitEkspor.INDUK,
    batas_detik: Annotated[
        float, typer.Option("--batas-detik", min=1, help="Batas waktu membaca satu berkas.")
    ] = BATAS_DETIK,
    batas_memori: Annotated[
        int,
        typer.Option(
            "--batas-memori",
            min=256,
            help="Batas memori satu proses pembaca, dalam MiB (berkas yang melampauinya "
            "menjadi temuan).",
        ),
    ] = BATAS_MEMORI // MIB,
    engine: Annotated[
        Mesin,
        typer.Option(
            "--engine",
            "--mesin",
            help="Yang membaca berkas: proses di komputer ini, atau klaster Dask "
            "(pip install 'skp-xl[skala]').",
        ),
    ] = Mesin.PROSES,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Alamat scheduler Dask yang sudah berjalan (mis. tcp://10.0.0.5:8786); "
            "tanpa ini --engine dask memulai klaster lokal dengan --jobs pekerja.",
        ),
    ] = None,
    tanpa_cache: Annotated[
        bool,
        typer.Option(
            "--tanpa-cache",
            help="Baca ulang setiap berkas; jangan pakai atau isi cache hasil (bawaan: berkas "
            "yang isinya tidak berubah sejak konsolidasi sebelumnya tidak dibaca ulang).",
        ),
    ] = False,
    semua_periode: Annotated[
        bool,
        typer.Option(
            "--semua-periode",
            help="Sheet Pegawai memuat setiap periode yang dinilai (bawaan: periode yang "
            "diringkas saja; --csv/--parquet selalu memuat semuanya).",
        ),
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Timpa keluaran yang sudah ada.")] = False,
    json_output: JsonOption = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Tampilkan traceback bila skp-xl sendiri gagal.")
    ] = False,
) -> None:
    """Konsolidasikan SKP seluruh instansi: distribusi predikat per unit, temuan, cascading.

    Setiap buku kerja SKP dan setiap ekspor e-Kinerja/SIASN (xlsx, CSV, JSON) di bawah FOLDER
    dibaca (paralel); hasilnya satu buku kerja ringkasan (Ringkasan dengan grafik, Pegawai,
    Pivot, Temuan, Cascading). Berkas masukan tidak pernah diubah. Keluar 0 bila ringkasan
    tertulis, walau ada berkas bermasalah (semuanya terdaftar di sheet Temuan); 1 bila tidak
    ada SKP maupun baris ekspor sama sekali.
    """
    source: Path | str = folder
    if adalah_url(folder):
        if engine is not Mesin.DASK:
            raise fail(
                f"Alamat '{folder}' hanya dapat dibaca dengan --engine dask: pekerja Dask "
                "mengambil berkasnya sendiri. Ulangi dengan --engine dask, atau salin "
                "foldernya ke komputer ini."
            )
    else:
        source = Path(folder)
        if not source.is_dir():
            raise fail(f"Folder '{folder}' tidak ada atau bukan folder.")
    if output.suffix.lower() != ".xlsx":
        raise fail(f"Berkas keluaran '{output}' harus berakhiran .xlsx.")
    for path in (output, parquet):
        if path is not None and path.exists() and not force:
            raise fail(str(OutputExistsError(path)))
    chosen = _periode(periode)
    opsi = Opsi(
        jobs,
        chosen,
        nip_ganda,
        _pola(pola),
        _capaian(capaian),
        batas_detik,
        tingkat,
        pola_minimal,
        batas_memori=batas_memori * MIB,
        cache=not tanpa_cache,
        mesin=engine,
        scheduler=scheduler,
        unit_ekspor=unit_ekspor,
    )
    start = time.perf_counter()
    progress = kemajuan("Membaca", err_console, disable=json_output, desimal=1)
    try:
        with progress:
            task = progress.add_task("berkas", total=None)
            result = konsolidasi(
                source,
                opsi,
                progres=lambda n: progress.advance(task, n),
                ditemukan=lambda total: progress.update(task, total=total),
            )
        if result.kosong:
            raise _kosong(result, folder, json_output)
        data = result.summary_data(semua_periode=semua_periode)
        write_summary(output, data, force=force)
        if csv_dir is not None:
            for name, frame in (
                ("pegawai", result.pegawai),
                ("ringkasan", result.ringkasan),
                ("temuan", result.temuan),
                ("cascading", result.cascading),
            ):
                with atomic_output(csv_dir / f"{name}.csv", force=True) as temporary:
                    frame.to_csv(temporary, index=False, encoding="utf-8")
        if parquet is not None:
            tulis_parquet(result.pegawai, result.instansi or result.nama, parquet, force=force)
    except (OutputExistsError, DaskTidakAda, UrlTidakTerbaca) as error:
        raise fail(str(error)) from error
    except OSError as error:
        if debug:
            raise
        raise fail(f"Keluaran tidak dapat ditulis: {sebab_os(error)}.", EXIT_USAGE) from error
    if json_output:
        console.print_json(json.dumps(result.to_dict() | {"output": str(output)}))
    else:
        _print(result, output, time.perf_counter() - start)
    raise typer.Exit(EXIT_OK)


app.command("konsolidasi", hidden=True, help="Alias Indonesia untuk 'consolidate'.")(
    consolidate_command
)
