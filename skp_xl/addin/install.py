"""Install the add-in where Excel opens it at start (Windows and macOS), or say how (Linux).

The plan is data: :func:`plan_install` decides what to do from plain values (platform,
what is installed, versions), :func:`describe` puts it in Indonesian words and
:func:`run_install` carries it out. Only :func:`run_install` and :func:`build_via_excel`
touch Excel, through xlwings' core (never ``xlwings.pro``), and only on Windows/macOS.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

from skp_xl import __version__
from skp_xl.addin.build import (
    ADDIN_FILENAME,
    PROJECT_NAME,
    SKP_XL_VERSION_NAME,
    XLWINGS_VERSION_NAME,
    BuildInfo,
    addin_project,
    build_addin,
    kind_of,
    read_build_info,
    replace_ribbon,
    ribbon_xml,
    xlwings_module_path,
    xlwings_version,
)
from skp_xl.addin.vba.project import ModuleKind
from skp_xl.errors import AddinError
from skp_xl.fileio import atomic_output

VIA_EXCEL_WINDOWS_ONLY = (
    "--via-excel hanya tersedia di Windows (Excel melalui COM); tanpa opsi itu add-in "
    "dibangun langsung dari sumbernya."
)
WINDOWS_XLSTART = r"%APPDATA%\Microsoft\Excel\XLSTART"
"""The usual per-user startup folder on Windows; the real one is asked from Excel."""


def is_supported(platform: str) -> bool:
    """Whether Excel for desktop runs on ``platform`` (a ``sys.platform`` value)."""
    return platform.startswith("win") or platform == "darwin"


def interpreter_key(platform: str) -> str:
    """The xlwings.conf key of the Python interpreter on ``platform``."""
    return "INTERPRETER_MAC" if platform == "darwin" else "INTERPRETER_WIN"


def config_file(platform: str, home: PurePath) -> PurePath:
    """The user's xlwings.conf, where xlwings' VBA reads settings (as ``xlwings`` puts it)."""
    if platform == "darwin":
        return home / "Library" / "Containers" / "com.microsoft.Excel" / "Data" / "xlwings.conf"
    return home / ".xlwings" / "xlwings.conf"


def config_with(text: str, key: str, value: str) -> str:
    """xlwings.conf ``text`` with ``key`` set to ``value``, other settings kept.

    The file holds one ``"KEY","value"`` line per setting; an old line of ``key`` is
    replaced, blank lines are dropped, as ``xlwings`` itself does.
    """
    lines = [
        line for line in text.splitlines() if line.strip() and not line.startswith(f'"{key}",')
    ]
    lines.append(f'"{key}","{value}"')
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class InstallPlan:
    """What ``skp-xl addin install`` does.

    Attributes:
        platform: ``sys.platform`` of the machine.
        addin: Where the add-in goes (Excel's startup folder), or ``None`` when unknown.
        rebuild: Whether the add-in is (re)built there.
        reason: Why it is, or is not, rebuilt (Indonesian).
        xlwings_version: The installed xlwings, whose ``xlwings.bas`` the add-in carries.
        xlwings_command: The command that installs xlwings' own add-in.
        config: The xlwings.conf file (a Windows path when only described on Linux).
        config_key: ``INTERPRETER_WIN`` or ``INTERPRETER_MAC``.
        interpreter: The Python interpreter written there (this one, which has skp-xl).
    """

    platform: str
    addin: Path | None
    rebuild: bool
    reason: str
    xlwings_version: str
    xlwings_command: tuple[str, ...]
    config: PurePath
    config_key: str
    interpreter: str


def plan_install(
    *,
    platform: str,
    addin_dir: Path | None,
    existing: BuildInfo | None,
    xlwings: str,
    skp_xl: str,
    home: PurePath,
    executable: str,
    force: bool = False,
) -> InstallPlan:
    """Decide the steps of an install from plain values (no side effects).

    Args:
        platform: ``sys.platform``.
        addin_dir: Excel's startup folder, or ``None`` when it cannot be asked (Linux).
        existing: What the add-in already in that folder was built from, if any.
        xlwings: The installed xlwings version.
        skp_xl: This skp-xl's version.
        home: The user's home folder.
        executable: This Python interpreter.
        force: Rebuild even when the add-in is up to date.
    """
    if existing is None:
        rebuild, reason = True, "add-in belum terpasang"
    elif existing.xlwings_version != xlwings:
        rebuild, reason = (
            True,
            (
                f"add-in terpasang memuat xlwings {existing.xlwings_version}, "
                f"sedangkan xlwings terpasang {xlwings}"
            ),
        )
    elif existing.skp_xl_version != skp_xl:
        rebuild, reason = (
            True,
            (f"add-in terpasang dibangun oleh skp-xl {existing.skp_xl_version}, sekarang {skp_xl}"),
        )
    elif force:
        rebuild, reason = True, "diminta dengan --force"
    else:
        rebuild, reason = False, f"add-in sudah sesuai (skp-xl {skp_xl}, xlwings {xlwings})"
    return InstallPlan(
        platform=platform,
        addin=addin_dir / ADDIN_FILENAME if addin_dir is not None else None,
        rebuild=rebuild,
        reason=reason,
        xlwings_version=xlwings,
        xlwings_command=(executable, "-m", "xlwings.cli", "addin", "install"),
        config=config_file(platform, home),
        config_key=interpreter_key(platform),
        interpreter=executable,
    )


def describe(plan: InstallPlan) -> list[str]:
    """The plan's steps, in Indonesian, in the order :func:`run_install` takes them."""
    where = str(plan.addin) if plan.addin else f"folder XLSTART Excel ({WINDOWS_XLSTART})"
    build = (
        f"Bangun {ADDIN_FILENAME} di {where} ({plan.reason})."
        if plan.rebuild
        else f"Biarkan {ADDIN_FILENAME} di {where}: {plan.reason}."
    )
    return [
        "Tanyakan folder startup (XLSTART) kepada Excel; Excel membuka add-in di "
        "folder itu setiap kali dimulai.",
        build,
        f"Pasang add-in xlwings {plan.xlwings_version}: {' '.join(plan.xlwings_command)}",
        f'Tulis "{plan.config_key}","{plan.interpreter}" di {plan.config}, agar tombol '
        "ribbon menjalankan Python yang memuat skp-xl ini.",
        "Mulai ulang Excel: tab SKP muncul di ribbon. Folder XLSTART termasuk Trusted "
        "Locations bawaan Excel, jadi makronya berjalan; bila kebijakan instansi "
        "menghapusnya, tambahkan folder itu di File > Options > Trust Center > Trust "
        "Center Settings > Trusted Locations.",
    ]


def excel_startup_folder() -> Path:
    """Excel's per-user startup folder, asked from Excel through xlwings (Windows/macOS).

    Starts Excel invisibly when it is not running, as ``xlwings addin install`` does.
    """
    from xlwings.cli import get_addin_dir

    # xlwings ships py.typed but leaves its CLI helpers unannotated.
    return Path(get_addin_dir())  # type: ignore[no-untyped-call]


def run_install(*, force: bool = False, via_excel: bool = False) -> tuple[InstallPlan, BuildInfo]:
    """Install the add-in and xlwings' for this user (Windows and macOS only).

    Returns:
        The plan carried out, and what the installed add-in was built from.

    Raises:
        AddinError: Not on Windows/macOS, xlwings' installer failed, or the add-in is
            locked (Excel has it open).
    """
    if not is_supported(sys.platform):
        raise AddinError("Excel desktop hanya ada di Windows dan macOS; add-in tidak dipasang.")
    folder = excel_startup_folder()
    target = folder / ADDIN_FILENAME
    plan = plan_install(
        platform=sys.platform,
        addin_dir=folder,
        existing=read_build_info(target),
        xlwings=xlwings_version(),
        skp_xl=__version__,
        home=Path.home(),
        executable=sys.executable,
        force=force,
    )
    info = read_build_info(target)
    if plan.rebuild or info is None:
        try:
            if via_excel:
                info = build_via_excel(target, force=True)
            else:
                info = build_addin(target, kind="xlam", force=True)
        except PermissionError:
            raise AddinError(
                f"{target} sedang dibuka Excel; tutup Excel lalu jalankan lagi perintah ini."
            ) from None
    result = subprocess.run(plan.xlwings_command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise AddinError(
            f"'xlwings addin install' gagal (kode {result.returncode}): "
            f"{(result.stderr or result.stdout).strip()}"
        )
    config = Path(plan.config)
    config.parent.mkdir(parents=True, exist_ok=True)
    old = config.read_text(encoding="utf-8") if config.exists() else ""
    config.write_text(config_with(old, plan.config_key, plan.interpreter), encoding="utf-8")
    return plan, info


CLASS_EXPORT_HEADER = "VERSION 1.0 CLASS\r\nBEGIN\r\n  MultiUse = -1  'True\r\nEND\r\n"
"""What the VBA editor writes before the attributes of an exported class module."""
_ATTRIBUTE = re.compile(r"^Attribute VB_\w+ = .*$\r?\n?", re.MULTILINE)


def build_via_excel(out: Path, *, force: bool = False) -> BuildInfo:
    """Build the add-in with Excel itself (Windows only), as a cross-check of the build.

    Opens a copy of xlwings' ribbon add-in template (``quickstart_addin_ribbon.xlam``),
    replaces its modules with ours and the installed ``xlwings.bas`` through the VBA
    object model, records the versions as defined names, saves, then puts our ribbon in
    by zip. Needs Excel's "Trust access to the VBA project object model".

    Raises:
        AddinError: Not on Windows, or Excel refused access to the VBA project.
    """
    if not sys.platform.startswith("win"):
        raise AddinError(VIA_EXCEL_WINDOWS_ONLY)
    import xlwings as xw

    if kind_of(out) != "xlam":
        raise AddinError(f"Berkas '{out}' harus berakhiran .xlam.")
    template = xlwings_module_path().parent / "quickstart_addin_ribbon.xlam"
    project = addin_project()
    xlwings = xlwings_version()
    skp_xl = __version__
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / ADDIN_FILENAME
        shutil.copyfile(template, work)
        app = xw.App(visible=False, add_book=False)
        try:
            app.display_alerts = False
            book = app.books.open(str(work))
            try:
                vb_project = book.api.VBProject
                components = vb_project.VBComponents
            except Exception as error:  # COM raises pywintypes.com_error
                raise AddinError(
                    "Excel menolak akses ke proyek VBA: aktifkan File > Options > Trust "
                    "Center > Trust Center Settings > Macro Settings > Trust access to the "
                    f"VBA project object model, lalu ulangi. ({error})"
                ) from None
            # 1 = standard module, 2 = class module, 3 = form; documents (100) stay.
            for component in [c for c in components if c.Type in (1, 2, 3)]:
                components.Remove(component)
            for module in project.modules:
                if module.kind is ModuleKind.DOCUMENT:
                    code = _ATTRIBUTE.sub("", module.source).strip()
                    if code:
                        name = book.api.CodeName if module.name == "ThisWorkbook" else None
                        name = name or book.sheets[0].api.CodeName
                        components(name).CodeModule.AddFromString(code)
                    continue
                if module.kind is ModuleKind.CLASS:
                    source = Path(tmp) / f"{module.name}.cls"
                    text = CLASS_EXPORT_HEADER + module.source
                else:
                    source = Path(tmp) / f"{module.name}.bas"
                    text = module.source
                source.write_bytes(text.encode("cp1252"))
                components.Import(str(source))
            vb_project.Name = PROJECT_NAME
            modules = tuple(str(component.Name) for component in components)
            for name, value in ((SKP_XL_VERSION_NAME, skp_xl), (XLWINGS_VERSION_NAME, xlwings)):
                book.api.Names.Add(name, f'="{value}"')
            book.save()
            book.close()
        finally:
            app.quit()
        with zipfile.ZipFile(work) as zf:
            parts = {info.filename: zf.read(info) for info in zf.infolist()}
    replace_ribbon(parts, ribbon_xml())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    with atomic_output(out, force=force) as tmp_out:
        tmp_out.write_bytes(buffer.getvalue())
    return BuildInfo(out, "xlam", skp_xl, xlwings, modules)
