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
from itertools import pairwise
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
    if module == "consolidate":
        _readers_first(sys.argv[2:])
    application(MODULES if module is None else (module,))()


def _readers_first(args: list[str]) -> None:
    """Start the server the consolidation's readers fork from, which imports the SKP
    reader (0.5 s of CPU), before the command imports its own modules (pandas, pyarrow,
    openpyxl: 1.3 s): the two then run side by side on two cores, and the first file is
    read sooner. Not for help, nor for Dask, whose workers are its own."""
    if any(arg in ("--help", "-h", "--engine=dask") for arg in args) or (
        ("--engine", "dask") in pairwise(args)
    ):
        return
    from skp_xl.batch.pengawas import Fungsi, siapkan

    siapkan(Fungsi(*PEMBACA), PRAMUAT)


PEMBACA = ("skp_xl.batch.berkas", "proses_berkas")
PRAMUAT = ("skp_xl.validation",)
"""The function and modules the consolidation's pool is handed (skp_xl.batch.berkas), by
name: importing them here would cost the parent what the server is started to do."""


__all__ = ["COMMANDS", "MODULES", "PEMBACA", "PRAMUAT", "app", "application", "main"]
