"""The ``skp-xl`` command line: one module per command, registered here.

``from skp_xl.cli import app`` gives the whole application, every command registered. The
console script (:func:`main`) registers only the command it is asked for when the first
argument names one (``skp-xl validate FOLDER``): each command module imports what its own
work needs (pandas, openpyxl, xlwings), and registering all of them cost every command
1.5 s of imports before its first step (``skp-xl validate`` needs none of the three).
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING

# The typer application lives in the submodule ``app``; importing it binds the package's
# name ``app`` to that module, which is dropped so that ``skp_xl.cli.app`` is the whole
# application (``__getattr__``), as before commands were registered lazily.
from skp_xl.cli import app as _app_module

del app  # type: ignore[name-defined]  # noqa: F821

if TYPE_CHECKING:
    import typer

MODULES = (
    "addin",
    "angka_kredit",
    "cetak",
    "consolidate",
    "nasional",
    "new",
    "nip",
    "predikat",
    "roster",
    "samples",
    "templates",
    "tindak_lanjut",
    "validate",
)
"""Every command module; importing one registers its commands."""

COMMANDS = {
    "addin": "addin",
    "angka-kredit": "angka_kredit",
    "cetak": "cetak",
    "consolidate": "consolidate",
    "konsolidasi": "consolidate",
    "nasional": "nasional",
    "new": "new",
    "baru": "new",
    "nip": "nip",
    "predikat": "predikat",
    "roster": "roster",
    "daftar": "roster",
    "samples": "samples",
    "contoh": "samples",
    "templates": "templates",
    "tindak-lanjut": "tindak_lanjut",
    "tindaklanjut": "tindak_lanjut",
    "validate": "validate",
    "periksa": "validate",
}
"""The module of each command name and alias (tests/cli pin it against the registration)."""


def application(modules: tuple[str, ...] = MODULES) -> typer.Typer:
    """The typer application with the commands of ``modules`` registered (all by default).

    Registering more later (a second call) is safe: the help is reflowed and the classes
    given again, which changes nothing already done.
    """
    from skp_xl.cli.bahasa import indonesiakan

    for name in modules:
        importlib.import_module(f"skp_xl.cli.{name}")
    _app_module.reflow_help(_app_module.app)
    indonesiakan(_app_module.app)
    return _app_module.app


def __getattr__(name: str) -> object:
    if name == "app":
        whole = application()
        globals()["app"] = whole
        return whole
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Entry point of the ``skp-xl`` console script."""
    module = COMMANDS.get(sys.argv[1]) if len(sys.argv) > 1 else None
    application(MODULES if module is None else (module,))()


__all__ = ["COMMANDS", "MODULES", "app", "application", "main"]
