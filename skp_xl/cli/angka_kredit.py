"""``skp-xl angka-kredit``: angka kredit of a Jabatan Fungsional for a predikat and period."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated

import typer

from skp_xl.cli.app import EXIT_OK, JsonOption, app, console, fail
from skp_xl.cli.predikat import format_angka_kredit
from skp_xl.domain.angka_kredit import angka_kredit, koefisien, normalize_jenjang
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.targets import format_angka
from skp_xl.domain.vocabulary import normalize_predikat


@app.command("angka-kredit")
def angka_kredit_command(
    predikat: Annotated[
        str, typer.Argument(help="Predikat kinerja, mis. 'Sangat Baik'.", show_default=False)
    ],
    jenjang: Annotated[
        str, typer.Argument(help="Jenjang JF, mis. 'Ahli Pertama'.", show_default=False)
    ],
    bulan: Annotated[
        int, typer.Option("--bulan", "-b", help="Jumlah bulan dalam periode (1-12).")
    ] = 12,
    json_output: JsonOption = False,
) -> None:
    """Hitung angka kredit JF: (bulan/12) x persentase predikat x koefisien tahunan.

    Sumber: PermenPANRB 1/2023 dan PerBKN 3/2023. Dibulatkan 2 desimal.
    """
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
    raise typer.Exit(EXIT_OK)
