"""``skp-xl addin build`` and ``skp-xl addin install``: the Excel add-in with the SKP ribbon."""

from __future__ import annotations

import sys
from pathlib import Path, PureWindowsPath
from typing import Annotated

import typer

from skp_xl import __version__
from skp_xl.addin.build import (
    ADDIN_FILENAME,
    AddinKind,
    build_addin,
    xlwings_version,
)
from skp_xl.addin.install import (
    VIA_EXCEL_WINDOWS_ONLY,
    InstallPlan,
    build_via_excel,
    describe,
    is_supported,
    plan_install,
    run_install,
)
from skp_xl.cli.app import EXIT_OK, app, console, fail
from skp_xl.errors import AddinError, OutputExistsError

addin_app = typer.Typer(
    help="Add-in Excel skp_xl.xlam: tab SKP di ribbon yang menjalankan skp-xl lewat xlwings.",
    no_args_is_help=True,
)
app.add_typer(addin_app, name="addin")

ForceOption = Annotated[bool, typer.Option("--force", help="Timpa berkas yang sudah ada.")]
ViaExcelOption = Annotated[
    bool,
    typer.Option(
        "--via-excel",
        help="Bangun dengan Excel sendiri lewat COM (hanya Windows; perlu 'Trust access to "
        "the VBA project object model').",
    ),
]


def _print_steps(plan: InstallPlan) -> None:
    for number, step in enumerate(describe(plan), start=1):
        console.print(f"  {number}. {step}", highlight=False, soft_wrap=True)


@addin_app.command("build")
def build_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help=f"Berkas yang dibuat (bawaan: {ADDIN_FILENAME}, atau skp_xl.xlsm dengan --xlsm).",
            show_default=False,
        ),
    ] = None,
    xlsm: Annotated[
        bool,
        typer.Option(
            "--xlsm",
            help="Buat buku kerja .xlsm berisi proyek yang sama, untuk diuji dengan "
            "openpyxl atau LibreOffice (keduanya menolak .xlam).",
        ),
    ] = False,
    force: ForceOption = False,
    via_excel: ViaExcelOption = False,
) -> None:
    """Bangun add-in skp_xl.xlam dari sumbernya: ribbon, modul VBA, dan xlwings.bas.

    Modul xlwings diambil dari xlwings yang terpasang, sehingga add-in memerlukan DLL
    xlwings versi yang sama. Dapat dijalankan di Linux; memakainya perlu Excel.
    """
    kind: AddinKind = "xlsm" if xlsm else "xlam"
    out = output if output is not None else Path(f"skp_xl.{kind}")
    if out.suffix.lower() != f".{kind}":
        hint = "" if xlsm else " (atau pakai --xlsm untuk .xlsm)"
        raise fail(f"Berkas keluaran '{out}' harus berakhiran .{kind}{hint}.")
    if out.exists() and not force:
        raise fail(OutputExistsError(out).args[0])
    try:
        if via_excel:
            if xlsm:
                raise fail("--via-excel membangun .xlam saja; hapus --xlsm.")
            info = build_via_excel(out, force=force)
        else:
            info = build_addin(out, kind=kind, force=force)
    except AddinError as error:
        raise fail(str(error)) from error
    console.print(
        f"Add-in ditulis ke {info.path} (skp-xl {info.skp_xl_version}, xlwings "
        f"{info.xlwings_version}; modul VBA: {', '.join(info.modules)}).",
        highlight=False,
    )
    raise typer.Exit(EXIT_OK)


@addin_app.command("install")
def install_command(force: ForceOption = False, via_excel: ViaExcelOption = False) -> None:
    """Pasang add-in di folder startup Excel (Windows, macOS), beserta add-in xlwings.

    Add-in dibangun ulang bila belum ada atau dibangun dengan xlwings atau skp-xl versi
    lain. Interpreter Python ini dicatat di xlwings.conf. Di Linux hanya dicetak
    langkah-langkahnya.
    """
    if via_excel and not sys.platform.startswith("win"):
        raise fail(VIA_EXCEL_WINDOWS_ONLY)
    if not is_supported(sys.platform):
        try:
            xlwings = xlwings_version()
        except AddinError as error:
            raise fail(str(error)) from error
        plan = plan_install(
            platform="win32",
            addin_dir=None,
            existing=None,
            xlwings=xlwings,
            skp_xl=__version__,
            home=PureWindowsPath("%USERPROFILE%"),
            executable=r"C:\path\ke\python.exe",
        )
        console.print(
            f"Excel desktop tidak tersedia di {sys.platform}, jadi add-in tidak dipasang. "
            "Di Windows, 'skp-xl addin install' akan:",
            highlight=False,
        )
        _print_steps(plan)
        console.print(
            "Di macOS sama, dengan INTERPRETER_MAC di ~/Library/Containers/"
            "com.microsoft.Excel/Data/xlwings.conf. Untuk membangun berkasnya saja di "
            "sini: skp-xl addin build",
            highlight=False,
        )
        raise typer.Exit(EXIT_OK)
    try:
        plan, info = run_install(force=force, via_excel=via_excel)
    except AddinError as error:
        raise fail(str(error)) from error
    _print_steps(plan)
    console.print(
        f"Add-in terpasang di {info.path} (skp-xl {info.skp_xl_version}, xlwings "
        f"{info.xlwings_version}). Mulai ulang Excel.",
        highlight=False,
    )
    raise typer.Exit(EXIT_OK)
