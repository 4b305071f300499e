"""``skp-xl consolidate`` (alias ``konsolidasi``): a whole agency in one summary workbook."""

from __future__ import annotations

import contextlib
import json
import time
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from skp_xl.batch.cache import Jalan, dibuka, sidik
from skp_xl.batch.gudang import GudangGagal
from skp_xl.batch.klaster import DaskTidakAda, UrlTidakTerbaca, adalah_url
from skp_xl.batch.masukan import Mesin, Opsi, kumpulkan
from skp_xl.batch.sampah import arrow_sistem, bekukan, gc_batch
from skp_xl.cli.app import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    JsonOption,
    app,
    cetak_json,
    console,
    err_console,
    fail,
)
from skp_xl.cli.bahasa import sebab_baca, sebab_os
from skp_xl.cli.format import angka, kemajuan
from skp_xl.domain.codes import Code
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

if TYPE_CHECKING:
    from skp_xl.batch.konsolidasi import Konsolidasi

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
        cetak_json(result.to_dict() | {"output": None, "pesan": message})
    else:
        console.print(f"[red]✗[/] {message}", highlight=False)
        for finding in [*result.masalah, *result.catatan][:20]:
            console.print(f"  - {finding.message} [dim]({finding.code})[/]", highlight=False)
    return typer.Exit(EXIT_FINDINGS)


def _ikhtisar(result: Konsolidasi) -> dict[str, object]:
    """What the command prints of a consolidation, as plain data: kept with the whole run
    in the result cache, so a re-run with nothing changed prints the same (and imports
    none of the tables' modules to do so)."""
    from skp_xl.batch.konsolidasi import INSTANSI
    from skp_xl.summary.skema import SESUAI, TIDAK_SESUAI, Ringkasan, Temuan

    periode = judul_periode(result.periode) if result.periode else "(belum ada penilaian)"
    problems = result.masalah
    counts = result.temuan[Temuan.kode].value_counts() if len(result.temuan) else None
    rows = []
    for row in result.ringkasan.to_dict("records"):
        status = str(row[Ringkasan.pola_distribusi])
        cells = [
            str(row[Ringkasan.unit_kerja]),
            str(row[Ringkasan.capaian_organisasi] or "-"),
            *(str(row[p.value]) for p in Predikat),
            str(row[Ringkasan.jumlah]),
        ]
        rows.append(
            {
                "sel": cells,
                "pola": status,
                "warna": {SESUAI: "green", TIDAK_SESUAI: "yellow"}.get(status, "dim"),
                "tebal": row[Ringkasan.unit_kerja] == INSTANSI,
            }
        )
    return {
        "judul": f"Ringkasan {result.instansi or result.nama}, periode {periode}",
        "kolom_jumlah": Ringkasan.jumlah,
        "ringkasan": rows,
        "tidak_membuat_skp": dict(result.tidak_membuat_skp),
        "berkas": len(result.hasil),
        "skp": result.jumlah_skp,
        "ekspor": sum(1 for h in result.ekspor if h.ekspor is not None),
        "baris_ekspor": sum(h.jumlah_baris for h in result.ekspor),
        "bermasalah": len(problems),
        "masalah": [(f.message, f.code) for f in problems[:20]],
        "dilewati": len(result.catatan),
        "temuan": len(result.temuan),
        "kode_temuan": [] if counts is None else [(str(c), int(n)) for c, n in counts.items()],
        "dokumen": result.to_dict(),
    }


def _print(ikhtisar: dict[str, Any], out: Path, seconds: float, kabar: str = "") -> None:
    """Print a consolidation's :func:`_ikhtisar`; ``kabar``: it was answered from the
    cache, and what became of ``out``."""
    table = Table(title=ikhtisar["judul"], title_justify="left")
    table.add_column("Unit kerja")
    table.add_column("Capaian org.")
    for p in Predikat:
        table.add_column(_SINGKATAN[p], justify="right")
    table.add_column(ikhtisar["kolom_jumlah"], justify="right")
    table.add_column("Pola distribusi")
    for row in ikhtisar["ringkasan"]:
        table.add_row(
            *row["sel"],
            f"[{row['warna']}]{row['pola']}[/]",
            style="bold" if row["tebal"] else None,
        )
    console.print(table)
    tidak_membuat: dict[str, int] = ikhtisar["tidak_membuat_skp"]
    if tidak_membuat:
        shown = ", ".join(f"{u} {n}" for u, n in sorted(tidak_membuat.items()))
        console.print(
            f"Tidak Membuat SKP (daftar pegawai e-Kinerja tanpa SKP yang dinilai pada periode "
            f"ini): {sum(tidak_membuat.values())} pegawai; {shown}. Daftarnya di sheet Pegawai.",
            highlight=False,
        )
    how = (
        f"diperiksa dalam {angka(seconds, 1)} dtk, tidak ada yang berubah"
        if kabar
        else f"dibaca dalam {angka(seconds, 1)} dtk"
    )
    console.print(
        f"{ikhtisar['berkas']} berkas {how}: {ikhtisar['skp']} SKP, {ikhtisar['ekspor']} ekspor "
        f"({ikhtisar['baris_ekspor']} baris), {ikhtisar['bermasalah']} bermasalah, "
        f"{ikhtisar['dilewati']} dilewati; {ikhtisar['temuan']} temuan. "
        + (kabar or f"Ringkasan ditulis ke {out}."),
        highlight=False,
    )
    if ikhtisar["ekspor"]:
        console.print(
            "Predikat baris ekspor dihitung dari kedua rating (kuadran PermenPANRB 6/2022); "
            "hasil_akhir ekspor yang berbeda tercatat di sheet Temuan (ekspor-hasil-akhir-"
            "berbeda).",
            highlight=False,
        )
    counts: list[tuple[str, int]] = ikhtisar["kode_temuan"]
    if counts:
        shown = ", ".join(f"{code} ({n})" for code, n in counts[:8])
        more = f" dan {len(counts) - 8} kode lain" if len(counts) > 8 else ""
        console.print(f"Temuan menurut kode: {shown}{more}. Rinciannya di sheet Temuan.")
    for message, code in ikhtisar["masalah"]:
        console.print(f"  [red]✗[/] {message} [dim]({code})[/]", highlight=False)
    if ikhtisar["bermasalah"] > 20:
        console.print(f"  ... dan {ikhtisar['bermasalah'] - 20} lagi: lihat sheet Temuan.")


def _jawab(jalan: Jalan, output: Path, force: bool, json_output: bool, start: float) -> typer.Exit:
    """Answer a re-run with nothing changed from the run kept in the cache, as a full run
    prints, saying so."""
    keadaan, kabar = _dari_cache(jalan, output, force=force)
    if json_output:
        document = jalan.ikhtisar["dokumen"]
        assert isinstance(document, dict)
        extra = {"output": str(output), "cache": keadaan, "pesan": kabar}
        cetak_json(document | extra)
    else:
        _print(jalan.ikhtisar, output, time.perf_counter() - start, kabar)
    return typer.Exit(EXIT_OK)


def _dari_cache(jalan: Jalan, output: Path, *, force: bool) -> tuple[str, str]:
    """Answer a re-run whose inputs are all unchanged from the run kept in the cache: the
    output is left as it is when it still holds that run's summary, else written again
    with those bytes. Returns the state (for --json) and what to tell the user."""
    with contextlib.suppress(OSError):
        if output.is_file() and sidik(output) == jalan.sha256:
            return "tidak-berubah", (
                f"Tidak ada berkas yang berubah sejak konsolidasi sebelumnya; '{output}' sudah "
                "berisi ringkasannya dan dibiarkan apa adanya (--tanpa-cache untuk membaca "
                "ulang semua berkas)."
            )
    with atomic_output(output, force=force) as temporary:
        temporary.write_bytes(jalan.ringkasan)
    return "ditulis-ulang", (
        f"Tidak ada berkas yang berubah sejak konsolidasi sebelumnya; ringkasannya ditulis "
        f"ulang ke '{output}' dari cache (--tanpa-cache untuk membaca ulang semua berkas)."
    )


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
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(gc_batch())
            # A URL's files are fetched by the Dask workers: neither hashed here nor cached.
            local = isinstance(source, Path)
            cache = stack.enter_context(dibuka(opsi.folder_cache)) if opsi.cache and local else None
            masukan = kumpulkan(source, opsi, cache) if isinstance(source, Path) else None
            # A whole run is kept for the summary alone: --csv and --parquet write from the
            # tables, which a run answered from the cache does not build.
            simpan = masukan is not None and cache is not None and csv_dir is None
            simpan = simpan and parquet is None

            def ciri_run() -> str | None:
                if not simpan or masukan is None:
                    return None
                return masukan.ciri(opsi, str(output.resolve()), semua_periode)

            # None for a folder the cache holds nothing of (no run of it to find).
            ciri = ciri_run()
            jalan = cache.ambil_jalan(ciri) if cache is not None and ciri is not None else None
            if jalan is not None:
                raise _jawab(jalan, output, force, json_output, start)
            # Only now: a re-run answered from the cache (above) needs none of these.
            from skp_xl.batch.konsolidasi import konsolidasi
            from skp_xl.batch.nasional import tulis_parquet
            from skp_xl.batch.tabel import tulis_csv
            from skp_xl.summary.workbook import write_summary

            stack.enter_context(arrow_sistem())  # the tables' and the summary's Arrow
            progress = kemajuan("Membaca", err_console, disable=json_output, desimal=1)
            with progress:
                task = progress.add_task("berkas", total=None)
                result = konsolidasi(
                    source,
                    opsi,
                    progres=lambda n: progress.advance(task, n),
                    ditemukan=lambda total: progress.update(task, total=total),
                    masukan=masukan,
                    cache=cache,
                )
            if result.kosong:
                raise _kosong(result, folder, json_output)
            bekukan()  # the results and tables, kept to the end
            data = result.summary_data(semua_periode=semua_periode)
            write_summary(output, data, force=force)
            if csv_dir is not None:
                # The large tables as held, decoded a slice at a time as they are written.
                for name, table in (
                    ("pegawai", result.tabel_pegawai),
                    ("ringkasan", result.ringkasan),
                    ("temuan", result.temuan),
                    ("cascading", result.tabel_cascading),
                ):
                    with atomic_output(csv_dir / f"{name}.csv", force=True) as temporary:
                        tulis_csv(table, temporary)
            if parquet is not None:
                tulis_parquet(
                    result.tabel_pegawai, result.instansi or result.nama, parquet, force=force
                )
            ikhtisar = _ikhtisar(result)
            if simpan and masukan is not None and masukan.tunda:
                masukan = masukan.lengkapi(result.hasil)  # the hashes the readers took
                ciri = ciri_run()
            # Kept whole only when every result came from the bytes hashed and the cache
            # was sound (a note on a damaged cache would be replayed).
            sound = not any(f.code == Code.CACHE_DIABAIKAN for f in result.catatan)
            if (
                cache is not None
                and ciri is not None
                and masukan is not None
                and sound
                and masukan.utuh(result.hasil)
            ):
                cache.simpan_jalan(ciri, Jalan(output.read_bytes(), ikhtisar), str(source))
    except (OutputExistsError, DaskTidakAda, UrlTidakTerbaca) as error:
        raise fail(str(error)) from error
    except GudangGagal as error:
        # Not the output: the folder where a large agency's results wait while read.
        raise fail(error.pesan, EXIT_USAGE) from error
    except OSError as error:
        if debug:
            raise
        raise fail(f"Keluaran tidak dapat ditulis: {sebab_os(error)}.", EXIT_USAGE) from error
    if json_output:
        cetak_json(result.to_dict() | {"output": str(output)})
    else:
        _print(ikhtisar, output, time.perf_counter() - start)
    raise typer.Exit(EXIT_OK)


app.command("konsolidasi", hidden=True, help="Alias Indonesia untuk 'consolidate'.")(
    consolidate_command
)
