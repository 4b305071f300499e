"""``skp-xl angka-kredit``: angka kredit of a Jabatan Fungsional for a predikat and period,
or of every JF of an agency (a folder, a summary workbook or its Parquet)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from skp_xl.batch.konsolidasi import Opsi, konsolidasi
from skp_xl.cli.app import EXIT_FINDINGS, EXIT_OK, JsonOption, app, console, fail
from skp_xl.cli.bahasa import sebab_os
from skp_xl.cli.predikat import format_angka_kredit
from skp_xl.domain.angka_kredit import (
    KOEFISIEN_TAHUNAN,
    AturanJenjang,
    AturanTahunan,
    JenjangJf,
    angka_kredit,
    koefisien,
    normalize_jenjang,
)
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.targets import format_angka
from skp_xl.domain.vocabulary import PeriodeEvaluasi, normalize_predikat
from skp_xl.summary.angka_kredit import TabelAk, baca_pegawai, tabel_angka_kredit

_BAWAAN_TAHUNAN = AturanTahunan.AKHIR
_BAWAAN_JENJANG = AturanJenjang.PROPORSIONAL


def _dua_nilai(predikat: str, jenjang: str, bulan: int, json_output: bool) -> None:
    try:
        value = angka_kredit(predikat, jenjang, bulan)
        canonical = normalize_predikat(predikat).value
        level = normalize_jenjang(jenjang).value
    except InvalidValueError as error:
        raise fail(error.message) from error
    if json_output:
        console.print_json(
            json.dumps(
                {"predikat": canonical, "jenjang": level, "bulan": bulan, "angka_kredit": value}
            )
        )
    else:
        console.print(
            f"Angka kredit {level}, predikat {canonical}, {bulan} bulan "
            f"(koefisien tahunan {format_angka(Decimal(str(koefisien(level))))}): "
            f"[bold]{format_angka_kredit(value)}[/]",
            highlight=False,
        )


def _tabel(sumber: Path, tahunan: AturanTahunan, jenjang: AturanJenjang) -> TabelAk:
    if sumber.is_dir():
        result = konsolidasi(sumber, Opsi())
        if result.kosong:
            raise fail(f"Tidak ada SKP maupun ekspor di '{sumber}'.", EXIT_FINDINGS)
        # The table as held: only its JF rows are decoded.
        return tabel_angka_kredit(result.tabel_pegawai, tahunan=tahunan, jenjang_berubah=jenjang)
    try:
        frame = baca_pegawai(sumber)
    except OSError as error:
        raise fail(f"'{sumber}' tidak dapat dibaca: {sebab_os(error)}.") from error
    except ValueError as error:
        raise fail(str(error)) from error  # names the file and what to use instead
    return tabel_angka_kredit(frame, tahunan=tahunan, jenjang_berubah=jenjang)


def _print(table: TabelAk, sumber: Path) -> None:
    rich = Table(title=f"Angka kredit JF: {sumber}", title_justify="left")
    for header in ("NIP", "Nama", "Jenjang", "Koef."):
        rich.add_column(header)
    for periode in table.periode:
        rich.add_column(periode.replace("Triwulan", "TW"), justify="right")
    rich.add_column("AK tahunan", justify="right")
    for b in table.baris:
        koef = KOEFISIEN_TAHUNAN[JenjangJf(b.jenjang)] if b.jenjang else None
        rich.add_row(
            b.nip,
            b.nama,
            b.jenjang or "-",
            "" if koef is None else format_angka(koef),
            *(
                "" if p not in b.periode else format_angka_kredit(b.periode[p])
                for p in table.periode
            ),
            "-" if b.tahunan is None else format_angka_kredit(b.tahunan),
        )
    console.print(rich)
    bawaan = (
        " (bawaan)"
        if (table.tahunan, table.jenjang_berubah) == (_BAWAAN_TAHUNAN, _BAWAAN_JENJANG)
        else ""
    )
    console.print(f"{table.aturan[:-1]}{bawaan}.", highlight=False, soft_wrap=True)
    if table.tahunan is AturanTahunan.PERIODIK and set(table.periode) <= {
        PeriodeEvaluasi.AKHIR.value
    }:
        console.print(
            "Sumber ini hanya memuat periode Akhir: untuk setiap periode pakai folder SKP, "
            "Parquet 'consolidate --parquet', atau ringkasan 'consolidate --semua-periode'.",
            highlight=False,
            soft_wrap=True,
        )
    for finding in table.temuan:
        console.print(f"  {finding.message} [dim]({finding.code})[/]", highlight=False)


@app.command("angka-kredit")
def angka_kredit_command(
    predikat: Annotated[
        str,
        typer.Argument(
            metavar="PREDIKAT|SUMBER",
            help="Predikat kinerja, mis. 'Sangat Baik'; atau tanpa JENJANG: folder SKP, "
            "ringkasan 'skp-xl consolidate' (.xlsx) atau Parquet-nya.",
            show_default=False,
        ),
    ],
    jenjang: Annotated[
        str | None,
        typer.Argument(help="Jenjang JF, mis. 'Ahli Pertama'.", show_default=False),
    ] = None,
    bulan: Annotated[
        int, typer.Option("--bulan", "-b", help="Jumlah bulan dalam periode (1-12).")
    ] = 12,
    tahunan: Annotated[
        AturanTahunan,
        typer.Option(
            "--tahunan",
            help="AK tahunan sebuah SUMBER: 'akhir' = predikat Akhir untuk 12 bulan; "
            "'periodik' = jumlah AK setiap triwulan/bulan.",
        ),
    ] = _BAWAAN_TAHUNAN,
    jenjang_berubah: Annotated[
        AturanJenjang,
        typer.Option(
            "--jenjang-berubah",
            help="Jenjang yang berubah dalam setahun: 'proporsional' = per bulan menurut "
            "jenjang yang dijabat; 'terakhir' = jenjang terakhir untuk setahun.",
        ),
    ] = _BAWAAN_JENJANG,
    json_output: JsonOption = False,
) -> None:
    """Hitung angka kredit JF: (bulan/12) x persentase predikat x koefisien tahunan.

    Dengan dua nilai (PREDIKAT JENJANG): satu angka. Dengan satu SUMBER (folder SKP yang
    dikonsolidasi, ringkasan .xlsx, atau Parquet-nya): setiap pegawai JF dengan AK setiap
    periode, AK tahunan menurut --tahunan dan --jenjang-berubah (aturan yang dipakai
    dicetak), jenjang dan koefisiennya. Sumber: PermenPANRB 1/2023 dan PerBKN 3/2023.
    Dibulatkan 2 desimal.
    """
    if jenjang is not None:
        _dua_nilai(predikat, jenjang, bulan, json_output)
        raise typer.Exit(EXIT_OK)
    sumber = Path(predikat)
    if not sumber.exists():
        raise fail(
            f"'{predikat}' bukan folder atau berkas yang ada. Untuk satu angka tulis dua nilai: "
            "PREDIKAT JENJANG (mis. 'Sangat Baik' 'Ahli Pertama')."
        )
    table = _tabel(sumber, tahunan, jenjang_berubah)
    if json_output:
        console.print_json(json.dumps(table.to_dict() | {"aturan": table.aturan}))
    else:
        _print(table, sumber)
    raise typer.Exit(EXIT_OK)
