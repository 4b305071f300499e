"""``skp-xl roster`` (alias ``daftar``): from a roster of pegawai to every pegawai's workbook."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

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
from skp_xl.cli.bahasa import sebab_os
from skp_xl.cli.format import angka, kemajuan
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import normalize_pendekatan, normalize_siklus
from skp_xl.settings import TAHUN_MAX, TAHUN_MIN
from skp_xl.workbook.laporan import TINGKAT

TAMPIL_MAKS = 30
"""Problems printed in the terminal; the file in the output folder has them all."""


@app.command("roster")
def roster_command(
    roster: Annotated[
        Path | None,
        typer.Argument(
            help="Daftar pegawai (.csv atau .xlsx; baris judul di atas tabel boleh). Kolom: "
            "nip (nipBaru), nama, jabatan, golru (pangkat), unit (unor_nama, unit_kerja), "
            "jenis_jabatan, pendekatan, nip_penilai; atau kolom pimpinan (dan unit_induk) "
            "yang menandai pimpinan setiap unit.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Folder tujuan: satu folder per unit (dengan --dari-matriks: folder tempat "
            "SKP bawahan dicari menurut NIP; bawaan: folder matriks).",
            show_default=False,
        ),
    ] = None,
    tahun: Annotated[
        int | None,
        typer.Option(
            "--tahun",
            help="Tahun SKP (bawaan: dari judul roster, atau tahun ini).",
            show_default=False,
        ),
    ] = None,
    instansi: Annotated[
        str | None,
        typer.Option(
            "--instansi", help="Nama instansi (bawaan: dari judul roster).", show_default=False
        ),
    ] = None,
    tempat: Annotated[
        str | None,
        typer.Option("--tempat", help="Tempat penandatanganan.", show_default=False),
    ] = None,
    pendekatan: Annotated[
        str,
        typer.Option(
            "--pendekatan",
            help="Pendekatan hasil kerja: kuantitatif atau kualitatif (untuk baris tanpa "
            "kolom pendekatan).",
        ),
    ] = "kuantitatif",
    periode_evaluasi: Annotated[
        str,
        typer.Option(
            "--periode-evaluasi",
            help="Evaluasi berkala setiap triwulan (Evaluasi TW1-TW4) atau setiap bulan "
            "(Evaluasi Januari-Desember), lalu Evaluasi Akhir: 'triwulanan' atau 'bulanan'.",
        ),
    ] = "triwulanan",
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            help="Kata sandi proteksi sheet (bawaan: terlindung tanpa kata sandi).",
            show_default=False,
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Hanya unit ini (nama unit di roster).", show_default=False),
    ] = None,
    penilai_pimpinan_nama: Annotated[
        str | None,
        typer.Option(
            help="Nama pejabat penilai pimpinan instansi (mis. bupati), yang tidak ada di roster.",
            show_default=False,
        ),
    ] = None,
    penilai_pimpinan_jabatan: Annotated[
        str | None,
        typer.Option(
            help="Jabatan pejabat penilai pimpinan instansi (mis. Bupati Contoh).",
            show_default=False,
        ),
    ] = None,
    dari_matriks: Annotated[
        Path | None,
        typer.Option(
            "--dari-matriks",
            help="Matriks Peran Hasil yang sudah diisi pimpinan: tulis atau perbarui rencana "
            "hasil kerja setiap bawahan (dan rencana hasil kerja pimpinan yang diintervensi) "
            "di SKP-nya, tanpa mengubah isian pegawai.",
            show_default=False,
        ),
    ] = None,
    jobs: Annotated[
        int | None,
        typer.Option(
            "--jobs", "-j", min=1, help="Jumlah proses (bawaan: satu per CPU).", show_default=False
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Tulis ulang berkas yang sudah ada walau sudah mulai diisi pegawai.",
        ),
    ] = False,
    json_output: JsonOption = False,
) -> None:
    """Buat buku kerja SKP setiap pegawai dari daftar pegawai, dan Matriks setiap pimpinan.

    Setiap baris roster menjadi satu buku kerja SKP (identitas, pejabat penilai dan atasan
    sudah terisi) di folder unitnya, bernama 'SKP <tahun> <NIP> <nama>.xlsx'; setiap
    pimpinan mendapat 'Matriks <tahun> <NIP> <nama>.xlsx' berisi daftar bawahannya. Baris
    yang bermasalah (NIP tidak sah, pangkat tidak dikenal, NIP ganda, penilai tidak ada di
    roster, penilaian berputar) tidak ditulis dan dicantumkan bersama nomor barisnya, juga di
    'Masalah roster.csv'. Berkas yang sudah mulai diisi dipertahankan kecuali --force.
    """
    if dari_matriks is not None:
        raise _dari_matriks(dari_matriks, roster, output, pendekatan, json_output)
    if roster is None:
        raise fail("Sebutkan berkas roster (daftar pegawai), atau --dari-matriks MATRIKS.xlsx.")
    if not roster.is_file():
        raise fail(f"Berkas roster '{roster}' tidak ada.")
    if output is None:
        raise fail("Sebutkan folder tujuan: -o FOLDER.")
    if output.exists() and not output.is_dir():
        raise fail(f"'{output}' sudah ada dan bukan folder.")
    try:
        siklus = normalize_siklus(periode_evaluasi)
    except InvalidValueError as error:
        raise fail(f"--periode-evaluasi: {error.message}") from error
    try:
        bawaan = normalize_pendekatan(pendekatan)
    except InvalidValueError as error:
        raise fail(f"--pendekatan: {error.message}") from error

    from skp_xl.batch.roster import OpsiRoster, tulis_daftar_masalah, tulis_roster
    from skp_xl.domain.roster import periksa_roster
    from skp_xl.reader.roster import baca_roster

    try:
        read = baca_roster(roster)
    except InvalidValueError as error:
        raise fail(error.message) from error
    if tahun is None:
        tahun = int(read.judul.tahun) if read.judul.tahun else datetime.date.today().year
    if not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise fail(f"--tahun {tahun} di luar rentang {TAHUN_MIN}-{TAHUN_MAX}.")
    checked = periksa_roster(read.baris, path=str(roster), pendekatan=bawaan)
    if unit is not None and not any(p.unit.casefold() == unit.casefold() for p in checked.pegawai):
        units = sorted({p.unit for p in checked.pegawai if p.unit})
        raise fail(f"--unit '{unit}' tidak ada di roster; unit yang ada: {', '.join(units)}.")
    opsi = OpsiRoster(
        tahun=tahun,
        instansi=" ".join((instansi or read.judul.instansi).split()),
        siklus=siklus,
        password=password,
        tempat=" ".join((tempat or "").split()),
        unit=unit,
        force=force,
        jobs=jobs,
        penilai_pimpinan=(
            " ".join((penilai_pimpinan_nama or "").split()),
            " ".join((penilai_pimpinan_jabatan or "").split()),
        ),
    )
    progress = kemajuan("Menulis", err_console, disable=json_output)
    try:
        with progress:
            task = progress.add_task("berkas", total=None)
            result = tulis_roster(
                checked,
                output,
                opsi,
                progress=lambda done, total: progress.update(task, completed=done, total=total),
            )
        problems_file = tulis_daftar_masalah(output, result.masalah)
    except OSError as error:
        raise fail(
            f"Folder '{output}' tidak dapat ditulis ({sebab_os(error)}). Pilih folder "
            "yang dapat ditulis.",
            EXIT_USAGE,
        ) from error
    code = EXIT_OK if result.valid else EXIT_FINDINGS
    if json_output:
        document = {
            "roster": str(roster),
            "output": str(output),
            "tahun": tahun,
            "baris": checked.baris,
            "valid": result.valid,
            "berkas": [
                {
                    "baris": t.baris,
                    "path": t.path,
                    "jenis": "matriks" if t.matriks else "skp",
                    "status": t.status.value,
                }
                for t in result.tertulis
            ],
            "masalah": [m.to_dict() for m in result.masalah],
            "daftar_masalah": str(problems_file),
        }
        console.print_json(json.dumps(document))
        raise typer.Exit(code)
    skp = sum(1 for t in result.tertulis if not t.matriks)
    matriks = len(result.tertulis) - skp
    counts = ", ".join(f"{n} {s.value}" for s, n in result.hitung.items() if n)
    seconds = angka(result.detik, 1)
    console.print(
        f"{checked.baris} baris roster: {skp} SKP dan {matriks} Matriks di {output} "
        f"({counts or 'tidak ada'}), {seconds} detik.",
        highlight=False,
        soft_wrap=True,
    )
    if result.masalah:
        table = Table("Baris", "Tingkat", "Pesan (kode)", title="Masalah")
        for m in result.masalah[:TAMPIL_MAKS]:
            f = m.temuan
            table.add_row(str(m.baris), TINGKAT[f.severity], f"{f.message} ({f.code})")
        console.print(table)
        more = len(result.masalah) - TAMPIL_MAKS
        tail = f" ({more} lagi tidak ditampilkan)" if more > 0 else ""
        console.print(
            f"{len(result.masalah)} masalah{tail}, semuanya di {problems_file}.",
            highlight=False,
            soft_wrap=True,
        )
    raise typer.Exit(code)


def _dari_matriks(
    matriks: Path, roster: Path | None, output: Path | None, pendekatan: str, json_output: bool
) -> typer.Exit:
    """``--dari-matriks``: each subordinate's SKP written or refreshed from the Matriks."""
    from skp_xl.batch.roster import dari_matriks
    from skp_xl.errors import NotAMatriks

    if roster is not None:
        raise fail("--dari-matriks tidak memakai berkas roster; hapus salah satunya.")
    if not matriks.is_file():
        raise fail(f"Matriks '{matriks}' tidak ada.")
    try:
        bawaan = normalize_pendekatan(pendekatan)
        done = dari_matriks(matriks, output, pendekatan=bawaan)
    except (InvalidValueError, NotAMatriks) as error:
        raise fail(getattr(error, "message", None) or str(error)) from error
    except OSError as error:
        raise fail(f"SKP bawahan tidak dapat ditulis ({sebab_os(error)}).") from error
    if json_output:
        console.print_json(
            json.dumps(
                {
                    "matriks": str(matriks),
                    "skp": [
                        {
                            "nama": d.nama,
                            "nip": d.nip,
                            "path": str(d.skp.path),
                            "status": "dibuat" if d.skp.dibuat else "diperbarui",
                            "ditulis": d.skp.ditulis,
                            "sudah_ada": d.skp.sudah_ada,
                            "tidak_muat": d.tidak_muat,
                            "catatan": list(d.catatan),
                        }
                        for d in done
                    ],
                }
            )
        )
        return typer.Exit(EXIT_OK)
    if not done:
        console.print(
            "Belum ada pegawai yang diberi peran hasil pada matriks: isi NAMA dan peran hasil "
            "setiap pegawai, lalu ulangi.",
            highlight=False,
        )
    for d in done:
        status = "dibuat" if d.skp.dibuat else "diperbarui"
        notes = [f"{d.skp.ditulis} rencana hasil kerja ditulis, {d.skp.sudah_ada} sudah ada"]
        if d.tidak_muat:
            notes.append(f"{d.tidak_muat} tidak muat: tambah baris hasil kerja lalu ulangi")
        console.print(
            f"{d.skp.path}: {status}; " + "; ".join(notes + list(d.catatan)),
            highlight=False,
            soft_wrap=True,
        )
    return typer.Exit(EXIT_OK)


app.command("daftar", hidden=True, help="Alias Indonesia untuk 'roster'.")(roster_command)
