"""``skp-xl addin build``, ``install`` and ``lite``: the Excel add-in with the SKP ribbon, and
the worksheet functions for xlwings Lite."""

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
from skp_xl.addin.lite import MAIN_FILENAME, write_lite
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


@addin_app.command("lite")
def lite_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="Berkas main.py yang dibuat."),
    ] = Path(MAIN_FILENAME),
    force: ForceOption = False,
) -> None:
    """Tulis main.py untuk xlwings Lite: fungsi lembar kerja SKP tanpa memasang Python.

    Berkas itu berisi aturan skp-xl (pustaka standar saja) dan fungsi SKP_* dengan nama dan
    argumen yang sama dengan add-in Windows. Tempel isinya di editor xlwings Lite (tab
    main.py): Excel Microsoft 365 atau Office 2021 ke atas di Windows dan macOS, serta
    Excel untuk web.
    """
    if output.suffix.lower() != ".py":
        raise fail(f"Berkas keluaran '{output}' harus berakhiran .py (mis. main.py).")
    if output.exists() and not force:
        raise fail(OutputExistsError(output).args[0])
    try:
        info = write_lite(output, force=force)
    except AddinError as error:
        raise fail(str(error)) from error
    console.print(
        f"main.py untuk xlwings Lite ditulis ke {info.path} (skp-xl {info.skp_xl_version}; "
        f"{len(info.functions)} fungsi: {', '.join(info.functions)}).",
        highlight=False,
        soft_wrap=True,
    )
    console.print(
        "Langkah berikutnya: di Excel buka xlwings Lite (tombol xlwings Lite di tab Beranda; "
        "pasang dulu dari Add-in > cari 'xlwings' bila belum ada), ganti seluruh isi main.py "
        "di editornya dengan isi berkas ini, lalu tunggu fungsi terdaftar dan ketik mis. "
        '=SKP_PREDIKAT("Diatas Ekspektasi"; "Sesuai Ekspektasi") di sebuah sel. '
        "Panduan: docs/addin.md, bagian 'Microsoft 365 tanpa Python: xlwings Lite'.",
        highlight=False,
        soft_wrap=True,
    )
    raise typer.Exit(EXIT_OK)
