"""Indonesian for every text typer writes: help screens, placeholders, usage errors.

One mechanism for every command: :func:`indonesiakan` walks the registered commands once
(``skp_xl.cli`` calls it after importing them all) and gives each the command class below,
so a new command speaks Indonesian without any work of its own.

Typer >= 0.26 vendors Click and no longer routes Click's strings through ``gettext``
(``typer/_click`` writes "Missing option", "Usage: ", "Show this message and exit." as
plain literals), and typer >= 0.29 converts values with pydantic, whose messages are
English ("Input should be a valid integer"). So the texts are translated where they
are made:

- the rich help panels read module constants of ``typer.rich_utils``: set below;
- the usage line, the help option and the placeholders of each parameter come from the
  command and parameter objects: :class:`PerintahIndonesia`, :class:`GrupIndonesia`;
- a usage error is rewritten from its English template (or from pydantic's error
  type) before typer prints it: :func:`pesan_indonesia`.

The templates are typer 0.29's (pyproject pins ``typer>=0.29.2,<0.30``);
``tests/cli/test_bahasa.py`` runs every command into every error and fails on an
English sentence, so a typer upgrade that changes a template shows up there.
"""

from __future__ import annotations

import errno
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
import typer.rich_utils
from typer._click.core import Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer._click.formatting import HelpFormatter
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

# The rich help and error panels (typer.rich_utils reads these at render time).
typer.rich_utils.ARGUMENTS_PANEL_TITLE = "Argumen"
typer.rich_utils.OPTIONS_PANEL_TITLE = "Opsi"
typer.rich_utils.COMMANDS_PANEL_TITLE = "Perintah"
typer.rich_utils.ERRORS_PANEL_TITLE = "Galat"
typer.rich_utils.ABORTED_TEXT = "Dibatalkan."
typer.rich_utils.DEFAULT_STRING = "[bawaan: {}]"
typer.rich_utils.REQUIRED_LONG_STRING = "[wajib]"
typer.rich_utils.ENVVAR_STRING = "[variabel lingkungan: {}]"
typer.rich_utils.DEPRECATED_STRING = "(usang) "
typer.rich_utils.RICH_HELP = "Coba [blue]'{command_path} {help_option}'[/] untuk bantuan."

PENGGUNAAN = "Penggunaan: "
"""Replaces Click's ``Usage: `` before the usage line."""
BANTUAN = "Tampilkan bantuan ini lalu keluar."
"""The help text of ``-h``/``--help`` (Click: "Show this message and exit.")."""
OPSI = "[OPSI]"
PERINTAH = "PERINTAH [ARGUMEN]..."

_JENIS = {
    "int": "bilangan",
    "float": "angka",
    "str": "teks",
    "path": "lokasi",
    "Path": "lokasi",
    "file": "berkas",
    "dir": "folder",
    "datetime": "tanggal",
    "bool": "ya|tidak",
}
"""Typer's placeholder of a value type -> the Indonesian one."""


def _jenis(label: str | None) -> str | None:
    """Typer's ``<int range>``, ``<list[Path]>``, ``<a|b>`` in Indonesian, or ``None`` to
    show no placeholder (for a type this table does not know, rather than English)."""
    if not label or not (label.startswith("<") and label.endswith(">")):
        return label
    inner = label[1:-1].removesuffix(" range")
    many = ""
    if inner.startswith("list[") and inner.endswith("]"):
        inner, many = inner[5:-1], "..."
    if inner in _JENIS:
        return f"<{_JENIS[inner]}{many}>"
    if "|" in inner and "[" not in inner:  # the choices themselves: our own words
        return f"<{inner}>{many}"
    return None


def _rentang(minimum: float | None, maximum: float | None) -> str | None:
    if minimum is None and maximum is None:
        return None
    if maximum is None:
        return f"minimal {minimum}"
    if minimum is None:
        return f"maksimal {maximum}"
    return f"{minimum} sampai {maximum}"


class OpsiIndonesia(TyperOption):
    """A typer option whose placeholder is Indonesian; a switch shows none."""

    def display_type_rich(self, ctx: Context) -> str | None:
        if self.metavar is not None:
            return self.metavar
        if self.is_flag:
            return None  # a switch takes no value: there is nothing to type
        label = _jenis(self.display_type(ctx))
        return f"{label}..." if label and self.nargs != 1 else label

    def _get_number_range_help_str(self) -> str | None:
        if self.count and self.min == 0 and self.max is None:
            return None
        return _rentang(self.min, self.max)


class ArgumenIndonesia(TyperArgument):
    """A typer argument whose placeholder is Indonesian."""

    def display_type_rich(self, ctx: Context) -> str | None:
        return _jenis(self.display_type(ctx))

    def _get_number_range_help_str(self) -> str | None:
        return _rentang(self.min, self.max)


def _indonesiakan_parameter(param: object) -> None:
    # typer builds TyperOption/TyperArgument itself (typer.main.get_click_param) and has
    # no hook for their class; the subclasses add behaviour only, so swapping is safe.
    if type(param) is TyperOption:
        param.__class__ = OpsiIndonesia
    elif type(param) is TyperArgument:
        param.__class__ = ArgumenIndonesia


# Click's and typer's English templates (typer 0.29: typer/_click/exceptions.py,
# parser.py, core.py; typer/core.py; typer/_param_types.py), each with its Indonesian.
_JENIS_PARAMETER = {"option": "Opsi", "argument": "Argumen", "parameter": "Parameter"}
_LABEL_LOKASI = {"file": "Berkas", "dir": "Folder", "path": "Lokasi"}


def _pilihan(extra: str) -> str:
    values = [v.strip().rstrip(",") for v in extra.removeprefix("Choose from:").split("\n")]
    return "Pilih salah satu: " + ", ".join(v for v in values if v) + "."


def _sebab(message: str) -> str:
    """The reason inside "Invalid value for X: <reason>", in Indonesian."""
    for pattern, replacement in _SEBAB:
        found = pattern.fullmatch(message.strip())
        if found:
            return replacement(found)
    return message


_SEBAB: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"(?P<label>file|dir|path) (?P<loc>.+) does not exist\."),
        lambda m: f"{_LABEL_LOKASI[m['label']]} {m['loc']} tidak ada.",
    ),
    (
        re.compile(r"(?P<label>file|dir|path) (?P<loc>.+) is a file\."),
        lambda m: f"{m['loc']} adalah berkas; yang diminta folder.",
    ),
    (
        re.compile(r"(?P<label>file|dir|path) (?P<loc>.+) is a directory\."),
        lambda m: f"{m['loc']} adalah folder; yang diminta berkas.",
    ),
    (
        re.compile(r"(?P<label>file|dir|path) (?P<loc>.+) is not readable\."),
        lambda m: f"{_LABEL_LOKASI[m['label']]} {m['loc']} tidak dapat dibaca.",
    ),
    (
        re.compile(r"(?P<label>file|dir|path) (?P<loc>.+) is not writable\."),
        lambda m: f"{_LABEL_LOKASI[m['label']]} {m['loc']} tidak dapat ditulisi.",
    ),
    (
        re.compile(r"(?:Value error, )?(?P<value>.+) is not one of (?P<choices>.+)\."),
        lambda m: f"{m['value']} bukan salah satu dari {m['choices']}.",
    ),
    (
        re.compile(r"(?:Value error, )?(?P<value>.+) does not match the formats (?P<f>.+)\."),
        lambda m: f"{m['value']} tidak sesuai format {m['f']}.",
    ),
    (
        re.compile(r"Value (?P<value>.+) is not a valid \w+\."),
        lambda m: f"{m['value']} tidak sah.",
    ),
    (re.compile(r"Value must be an iterable\."), lambda m: "Nilainya harus berupa daftar."),
    (re.compile(r"Value error, (?P<rest>.*)", re.S), lambda m: _sebab(m["rest"])),
]


def _sebab_pydantic(error: dict[str, Any]) -> str | None:
    """The reason of pydantic's first validation error, from its type (not its English
    ``msg``): https://docs.pydantic.dev/latest/errors/validation_errors/."""
    kind = error.get("type", "")
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = repr(value) if isinstance(value, str) else str(value)
    if kind in {"int_parsing", "int_type", "int_from_float"}:
        return f"{shown} bukan bilangan bulat."
    if kind in {"float_parsing", "float_type"}:
        return f"{shown} bukan angka."
    if kind == "greater_than_equal":
        return f"{shown} terlalu kecil: paling kecil {ctx.get('ge')}."
    if kind == "greater_than":
        return f"{shown} terlalu kecil: harus lebih dari {ctx.get('gt')}."
    if kind == "less_than_equal":
        return f"{shown} terlalu besar: paling besar {ctx.get('le')}."
    if kind == "less_than":
        return f"{shown} terlalu besar: harus kurang dari {ctx.get('lt')}."
    if kind == "bool_parsing":
        return f"{shown} bukan ya/tidak (true/false, 1/0)."
    if kind == "value_error" and "error" in ctx:
        return _sebab(str(ctx["error"]))
    if kind:
        return f"{shown} tidak sah."
    return None


def _saran(m: re.Match[str]) -> str:
    return f" Mungkin maksud Anda {m['saran']}?" if m["saran"] else ""


_POLA: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"Missing (?P<kind>option|argument|parameter) ?(?P<hint>.*?)\.(?: (?P<extra>.*))?", re.S
        ),
        lambda m: (
            f"{_JENIS_PARAMETER[m['kind']]} {m['hint']} wajib diisi.".replace("  ", " ")
            + (f" {_pilihan(m['extra'])}" if m["extra"] else "")
        ),
    ),
    (
        re.compile(r"Missing parameter: (?P<name>.*)"),
        lambda m: f"Parameter {m['name']} wajib diisi.",
    ),
    (
        re.compile(r"Invalid value for (?P<hint>.+?): (?P<reason>.*)", re.S),
        lambda m: f"Nilai {m['hint']} tidak sah: {_sebab(m['reason'])}",
    ),
    (
        re.compile(r"Invalid value: (?P<reason>.*)", re.S),
        lambda m: f"Nilai tidak sah: {_sebab(m['reason'])}",
    ),
    (
        re.compile(r"No such option: (?P<opt>\S+)(?: \(Possible options: (?P<saran>.*)\))?"),
        lambda m: (
            f"Opsi {m['opt']} tidak dikenal."
            + (f" Opsi yang mirip: {m['saran']}." if m["saran"] else "")
        ),
    ),
    (
        re.compile(r"Option (?P<opt>.+) requires an argument\."),
        lambda m: f"Opsi {m['opt']} memerlukan nilai.",
    ),
    (
        re.compile(r"Option (?P<opt>.+) requires (?P<n>\d+) arguments\."),
        lambda m: f"Opsi {m['opt']} memerlukan {m['n']} nilai.",
    ),
    (
        re.compile(r"Option (?P<opt>.+) does not take a value\."),
        lambda m: f"Opsi {m['opt']} tidak menerima nilai.",
    ),
    (
        re.compile(r"Argument (?P<arg>.+) takes (?P<n>\d+) values\."),
        lambda m: f"Argumen {m['arg']} memerlukan {m['n']} nilai.",
    ),
    (
        re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)", re.S),
        lambda m: f"Argumen berlebih yang tidak dikenal: {m['args']}.",
    ),
    (re.compile(r"Missing command\."), lambda m: "Perintah belum disebut."),
    (
        re.compile(r"No such command (?P<name>.+?)\.(?: Did you mean (?P<saran>.*)\?)?"),
        lambda m: f"Perintah {m['name']} tidak ada." + _saran(m),
    ),
    (
        re.compile(r"Could not open file (?P<name>.+?): (?P<why>.*)", re.S),
        lambda m: f"Berkas {m['name']} tidak dapat dibuka: {m['why']}",
    ),
]


def pesan_indonesia(error: typer.TyperException) -> str:
    """The message of a usage error as typer would print it, in Indonesian.

    Args:
        error: Click's exception (``UsageError``, ``BadParameter``...), as typer raised it.

    Returns:
        The Indonesian message; a message no template matches (skp-xl's own, already
        Indonesian) unchanged.
    """
    message = error.format_message()
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if callable(errors):  # pydantic's ValidationError: translate from the error type
        details = errors()
        reason = _sebab_pydantic(details[0]) if details else None
        found = re.match(r"Invalid value for (?P<hint>.+?): ", message)
        if reason is not None:
            return (
                f"Nilai {found['hint']} tidak sah: {reason}"
                if found
                else f"Nilai tidak sah: {reason}"
            )
    for pattern, replacement in _POLA:
        found = pattern.fullmatch(message.strip())
        if found:
            return replacement(found)
    return message


_ERRNO = {
    errno.ENOENT: "berkas atau folder tidak ada",
    errno.EACCES: "tidak ada izin",
    errno.EPERM: "tidak diizinkan",
    errno.ENOSPC: "disk penuh",
    errno.EROFS: "disk hanya-baca",
    errno.EISDIR: "itu sebuah folder",
    errno.ENOTDIR: "bagian jalurnya bukan folder",
    errno.EEXIST: "sudah ada",
    errno.ENAMETOOLONG: "nama terlalu panjang",
    errno.EBUSY: "sedang dipakai program lain",
}
"""The operating system's reasons a person meets, in Indonesian (Python's are English)."""


def sebab_os(error: OSError) -> str:
    """Why a file could not be read or written, in Indonesian, with the path it names.

    Args:
        error: The ``OSError`` (``FileNotFoundError``, ``PermissionError``...).

    Returns:
        E.g. "tidak ada izin: 'D:/SKP/ringkasan.xlsx'"; an errno this table does not know
        keeps the system's own words.
    """
    reason = _ERRNO.get(error.errno or 0) or error.strerror or type(error).__name__
    return f"{reason}: '{error.filename}'" if error.filename else reason


def sebab_baca(error: Exception) -> str:
    """Why a JSON/TOML file could not be read, in Indonesian (the parsers speak English)."""
    if isinstance(error, OSError):
        return sebab_os(error)
    if isinstance(error, json.JSONDecodeError):
        return f"bukan JSON yang sah (baris {error.lineno}, kolom {error.colno})"
    if isinstance(error, tomllib.TOMLDecodeError):
        where = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
        if where:
            return f"bukan TOML yang sah (baris {where[1]}, kolom {where[2]})"
        return "bukan TOML yang sah (berakhir sebelum waktunya)"
    if isinstance(error, UnicodeDecodeError):
        return "bukan teks UTF-8"
    return str(error)


class GalatPenggunaan(UsageError):
    """A usage error whose message is Indonesian already (typer prints it as is)."""

    def __init__(self, message: str, ctx: Context | None, exit_code: int) -> None:
        super().__init__(message, ctx)
        self.exit_code = exit_code


@contextmanager
def _galat_indonesia() -> Iterator[None]:
    try:
        yield
    except GalatPenggunaan:
        raise
    except NoArgsIsHelpError:
        raise  # carries the help screen, not a message
    except UsageError as error:
        raise GalatPenggunaan(pesan_indonesia(error), error.ctx, error.exit_code) from error
    except typer.TyperException as error:  # FileError and other ClickException
        if not hasattr(error, "show"):
            raise
        raise GalatPenggunaan(pesan_indonesia(error), None, error.exit_code) from error


class _Indonesia:
    """What a command and a group share: usage line, help option, parameters, errors."""

    params: list[Any]
    options_metavar: str | None

    def _indonesiakan(self) -> None:
        if self.options_metavar == "[OPTIONS]":
            self.options_metavar = OPSI
        for param in self.params:
            _indonesiakan_parameter(param)

    def format_usage(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The usage line, under ``Penggunaan:``."""
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=PENGGUNAAN)

    def get_help_option(self, ctx: Context) -> TyperOption | None:
        """Click's ``--help``, described in Indonesian."""
        option: TyperOption | None = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None and option.help != BANTUAN:
            option.help = BANTUAN
            _indonesiakan_parameter(option)
        return option

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        """Parse ``args``; a usage error comes out in Indonesian."""
        with _galat_indonesia():
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc,no-any-return]

    def invoke(self, ctx: Context) -> Any:
        """Run the command (a group: its subcommand); a usage error comes out in Indonesian."""
        with _galat_indonesia():
            return super().invoke(ctx)  # type: ignore[misc]


class PerintahIndonesia(_Indonesia, TyperCommand):
    """A typer command that writes its help and its usage errors in Indonesian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._indonesiakan()


class GrupIndonesia(_Indonesia, TyperGroup):
    """A typer group (``skp-xl``, ``skp-xl addin``) that speaks Indonesian."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._indonesiakan()
        if self.subcommand_metavar == "COMMAND [ARGS]...":
            self.subcommand_metavar = PERINTAH


def nama_lain(application: typer.Typer) -> dict[str, list[str]]:
    """The aliases of each command of ``application``: the hidden commands that run the
    same function (``app.command("baru", hidden=True)(new_command)``)."""
    names: dict[str, list[str]] = {}
    for command in application.registered_commands:
        if command.hidden or command.callback is None:
            continue
        aliases = [
            other.name
            for other in application.registered_commands
            if other.hidden and other.callback is command.callback and other.name
        ]
        if aliases and command.name:
            names[command.name] = aliases
    return names


def indonesiakan(application: typer.Typer) -> None:
    """Give every command and group of ``application`` the Indonesian classes above, and
    list each command's aliases beside it in ``--help``.

    Call it once, after every command is registered (``skp_xl/cli/__init__.py``).
    """
    application.info.cls = GrupIndonesia
    aliases = nama_lain(application)
    for command in application.registered_commands:
        if command.cls in (None, TyperCommand):  # typer's default
            command.cls = PerintahIndonesia
        if command.name in aliases and not command.short_help:
            doc = command.callback.__doc__ if command.callback else None
            first = (command.help or doc or "").strip().split("\n\n")[0]
            command.short_help = f"{first} (nama lain: {', '.join(aliases[command.name])})"
    for group in application.registered_groups:
        if group.typer_instance is not None:
            indonesiakan(group.typer_instance)
