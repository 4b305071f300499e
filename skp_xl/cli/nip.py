"""``skp-xl nip``: check NIPs and show their parts."""

from __future__ import annotations

import datetime
import json
from typing import Annotated

import typer
from rich.table import Table

from skp_xl.cli.app import EXIT_FINDINGS, EXIT_OK, JsonOption, app, console
from skp_xl.cli.format import bulan_tahun, tanggal
from skp_xl.domain.nip import Nip, NipError, parse_nip


def check(text: str, *, today: datetime.date | None = None) -> Nip | NipError:
    """The parts of one NIP, or why it is refused."""
    try:
        return parse_nip(text, today=today)
    except NipError as error:
        return error


def to_json(text: str, result: Nip | NipError) -> dict[str, object]:
    """One NIP checked, in the JSON shape of ``skp-xl nip --json``."""
    if isinstance(result, NipError):
        return {"input": text, "valid": False, "code": result.code, "message": result.message}
    return {
        "input": text,
        "valid": True,
        "nip": result.nip,
        "tampilan": result.formatted,
        "tanggal_lahir": result.tanggal_lahir.isoformat(),
        "tmt": result.tmt.strftime("%Y-%m"),
        "jenis_kelamin": result.jenis_kelamin,
        "nomor_urut": result.nomor_urut,
    }


def describe(result: Nip) -> str:
    """The parts of a valid NIP in one Indonesian line."""
    return (
        f"lahir {tanggal(result.tanggal_lahir)}; TMT {bulan_tahun(result.tmt)}; "
        f"{result.jenis_kelamin}; nomor urut {result.nomor_urut:03d}"
    )


@app.command("nip")
def nip_command(
    nips: Annotated[
        list[str],
        typer.Argument(
            metavar="NIP...",
            help="Satu atau lebih NIP (18 digit; spasi seperti '19800101 200501 1 001' boleh, "
            "asal diapit tanda kutip).",
            show_default=False,
        ),
    ],
    json_output: JsonOption = False,
) -> None:
    """Periksa NIP dan tampilkan bagian-bagiannya: tanggal lahir, TMT, jenis kelamin, nomor urut.

    Keluar dengan kode 1 bila ada NIP yang tidak valid.
    """
    results = [(text, check(text)) for text in nips]
    bad = sum(isinstance(r, NipError) for _, r in results)
    if json_output:
        console.print_json(json.dumps({"nip": [to_json(t, r) for t, r in results]}))
    else:
        table = Table(title="Pemeriksaan NIP", title_justify="left", show_lines=True)
        table.add_column("NIP", no_wrap=True)
        table.add_column("Status", no_wrap=True)
        table.add_column("Rincian / yang perlu diperbaiki")
        for text, result in results:
            if isinstance(result, NipError):
                table.add_row(text, "[red]tidak valid[/]", result.message)
            else:
                table.add_row(result.formatted, "[green]valid[/]", describe(result))
        console.print(table)
        verdict = "semua valid" if not bad else f"{bad} tidak valid"
        console.print(f"{len(results)} NIP diperiksa: {verdict}.", highlight=False)
    raise typer.Exit(EXIT_FINDINGS if bad else EXIT_OK)
