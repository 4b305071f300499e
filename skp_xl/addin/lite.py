"""The worksheet functions as one self-contained ``main.py`` for xlwings Lite (no Python install).

xlwings Lite runs Python (Pyodide) inside Excel and registers the ``@func`` functions of the
workbook's ``main.py``. The rules they need, :mod:`skp_xl.addin.udf_core` and the modules of
:mod:`skp_xl.domain` it imports, use only the standard library, so :func:`lite_main` bundles
their sources, unchanged, into one file: each module is a string executed as the module of
the same name, so a traceback names ``skp_xl/domain/nip.py`` and the line of that file. The
``@func`` wrappers are generated from :mod:`skp_xl.addin.udf` itself (names, arguments,
defaults, docstrings, argument descriptions and bodies), so a new worksheet function cannot
be left out.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import sys
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from skp_xl import __version__
from skp_xl.addin import udf
from skp_xl.errors import AddinError
from skp_xl.fileio import atomic_output

MAIN_FILENAME: Final = "main.py"
"""The file xlwings Lite keeps in the workbook and runs."""

ROOT_MODULE: Final = "skp_xl.addin.udf_core"
"""Where the worksheet functions' work is done; the bundle is what it imports."""

PACKAGE: Final = "skp_xl"
DATA_FOLDER: Final = "data"
"""The folder of a bundled package whose files the package reads (``importlib.resources``)."""


@dataclass(frozen=True)
class BundledModule:
    """One module of the package as it goes into ``main.py``.

    Attributes:
        name: Its dotted name, e.g. ``skp_xl.domain.nip``.
        path: Its path inside the package's source tree, e.g. ``skp_xl/domain/nip.py``.
        source: Its text, unchanged.
        is_package: True for an ``__init__.py``.
    """

    name: str
    path: str
    source: str
    is_package: bool = False


@dataclass(frozen=True)
class LiteInfo:
    """What :func:`write_lite` wrote."""

    path: Path
    skp_xl_version: str
    functions: tuple[str, ...]


def _module_file(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        raise AddinError(f"Modul {name} tidak ditemukan; pasang ulang skp-xl.")
    return Path(spec.origin)


def _ours(name: str) -> bool:
    return name == PACKAGE or name.startswith(PACKAGE + ".")


def _is_package(name: str) -> bool:
    return _module_file(name).name == "__init__.py"


def _imports_of(name: str, tree: ast.Module, is_package: bool) -> list[str]:
    """The package's modules that a module imports, anywhere in it, in order of appearance.

    Raises:
        AddinError: It imports a name from a package's ``__init__.py``, which the bundle
            leaves empty.
    """
    found: list[str] = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names if _ours(alias.name)]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".")
                anchor = parts if is_package else parts[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            if not _ours(base):
                continue
            if not _is_package(base):
                targets = [base]
            else:  # ``from skp_xl.addin import udf_core``: only submodules of a package.
                for alias in node.names:
                    if not _is_submodule(f"{base}.{alias.name}"):
                        raise AddinError(
                            f"{name} mengimpor {alias.name} dari paket {base}; main.py "
                            "tidak membawa __init__.py paket, impor dari modulnya langsung."
                        )
                    targets.append(f"{base}.{alias.name}")
        for target in targets:
            if _is_package(target):
                raise AddinError(
                    f"{name} mengimpor paket {target}; main.py tidak membawa __init__.py "
                    "paket, impor modulnya langsung."
                )
            if target not in found:
                found.append(target)
    return found


def _is_submodule(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def bundled_modules(root: str = ROOT_MODULE) -> tuple[BundledModule, ...]:
    """``root`` and every module of the package it imports, each after its dependencies.

    Packages (``skp_xl``, ``skp_xl.domain``) are not bundled: ``main.py`` gives them an
    empty module, so ``skp_xl/__init__.py`` and its imports stay out.

    Raises:
        AddinError: A module imports a third-party library (only the standard library
            runs in the bundle) or a name from a package's ``__init__.py``, or a module
            cannot be found.
    """
    ordered: list[BundledModule] = []
    visiting: set[str] = set()
    done: set[str] = set()

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise AddinError(f"Impor melingkar di {name}; main.py tidak dapat disusun.")
        visiting.add(name)
        path = _module_file(name)
        is_package = path.name == "__init__.py"
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source, filename=str(path))
        _refuse_third_party(name, tree)
        for dependency in _imports_of(name, tree, is_package):
            if dependency != name:
                visit(dependency)
        relative = Path(*name.split("."))
        relative = relative / "__init__.py" if is_package else relative.with_suffix(".py")
        ordered.append(BundledModule(name, relative.as_posix(), source, is_package))
        visiting.discard(name)
        done.add(name)

    visit(root)
    return tuple(ordered)


def _refuse_third_party(name: str, tree: ast.Module) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            roots = [node.module.split(".")[0]]
        else:
            continue
        for top in roots:
            if top != PACKAGE and top not in sys.stdlib_module_names and top != "__future__":
                raise AddinError(
                    f"Modul {name} mengimpor {top}, yang tidak ada di xlwings Lite; "
                    "main.py hanya boleh memuat modul berpustaka standar."
                )


def bundled_data(modules: Iterable[BundledModule]) -> dict[str, str]:
    """The data files of the bundled packages (``<package path>/data/*``), by their path."""
    data: dict[str, str] = {}
    folders = {str(Path(m.path).parent) for m in modules}
    for folder in sorted(folders):
        package_dir = _module_file(folder.replace("/", ".")).parent
        data_dir = package_dir / DATA_FOLDER
        if not data_dir.is_dir():
            continue
        for file in sorted(data_dir.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                relative = f"{folder}/{file.relative_to(package_dir).as_posix()}"
                data[relative] = file.read_text(encoding="utf-8")
    return data


# The wrappers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Wrapper:
    """One worksheet function as ``main.py`` declares it.

    Attributes:
        name: The function's name, as Excel shows it (upper case already).
        parameters: ``def`` parameters as written (``bagian=None``).
        doc: Its docstring, Excel's description of it.
        arguments: ``(name, doc, options)`` of each ``@arg``, in parameter order.
        decorators: The decorators between the ``@arg`` lines and ``def`` (``core.guard``).
        body: Its statements after the docstring, as udf.py writes them.
    """

    name: str
    parameters: tuple[str, ...]
    doc: str
    arguments: tuple[tuple[str, str, dict[str, Any]], ...]
    decorators: tuple[str, ...]
    body: str


def _definitions(module: Any) -> dict[str, ast.FunctionDef]:
    source = inspect.getsource(module)
    tree = ast.parse(source)
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


def wrappers(
    functions: Iterable[Callable[..., object]] = udf.UDFS,
    arguments: dict[str, dict[str, str]] | None = None,
    module: Any = udf,
) -> tuple[Wrapper, ...]:
    """Each worksheet function of :mod:`skp_xl.addin.udf`, read back from its source.

    The names, defaults and docstrings come from the functions; the argument descriptions
    from :data:`skp_xl.addin.udf.ARGUMENTS`; the ``@arg`` options (``ndim=2``), the inner
    decorators and the body from udf.py's syntax tree.

    Raises:
        AddinError: udf.py declares a function in a way this generator does not know
            (another decorator, an option that is not a literal, a body that uses a name
            other than ``core`` and its arguments).
    """
    arguments = udf.ARGUMENTS if arguments is None else arguments
    source = inspect.getsource(module)
    definitions = _definitions(module)
    made = []
    for function in functions:
        name = function.__name__
        node = definitions.get(name)
        if node is None:
            raise AddinError(f"{name} tidak didefinisikan di {module.__name__}.")
        options: dict[str, dict[str, Any]] = {}
        inner: list[str] = []
        for decorator in node.decorator_list:
            call = decorator if isinstance(decorator, ast.Call) else None
            target = ast.unparse(call.func if call else decorator)
            if target == "xw.func":
                continue
            if target == "arg" and call is not None:
                argument = ast.literal_eval(call.args[0])
                try:
                    options[argument] = {
                        str(k.arg): ast.literal_eval(k.value) for k in call.keywords
                    }
                except ValueError as error:
                    raise AddinError(f"Opsi @arg {name}({argument}) bukan literal.") from error
                continue
            if target.startswith("core."):
                inner.append(ast.unparse(decorator))
                continue
            raise AddinError(f"Dekorator @{target} pada {name} belum dikenal generator Lite.")
        statements = node.body[1:] if ast.get_docstring(node) is not None else node.body
        parameters = {a.arg for a in node.args.args}
        for statement in statements:
            for child in ast.walk(statement):
                if isinstance(child, ast.Name) and child.id not in parameters | {"core"}:
                    raise AddinError(
                        f"{name} memakai nama {child.id}; di main.py hanya core dan "
                        "argumennya yang ada."
                    )
        body = "\n".join(
            textwrap.dedent(" " * s.col_offset + (ast.get_source_segment(source, s) or ""))
            for s in statements
        )
        signature = inspect.signature(function)
        documented = arguments.get(name, {})
        made.append(
            Wrapper(
                name=name,
                parameters=tuple(
                    p.name if p.default is inspect.Parameter.empty else f"{p.name}={p.default!r}"
                    for p in signature.parameters.values()
                ),
                doc=inspect.getdoc(function) or "",
                arguments=tuple(
                    (p, documented.get(p, ""), options.get(p, {})) for p in signature.parameters
                ),
                decorators=tuple(inner),
                body=body,
            )
        )
    return tuple(made)


def _wrapper_text(wrapper: Wrapper) -> str:
    lines = ["@func"]
    for argument, doc, options in wrapper.arguments:
        extra = "".join(f", {key}={value!r}" for key, value in options.items())
        lines.append(f"@arg({argument!r}, doc={doc!r}{extra})")
    lines += [f"@{decorator}" for decorator in wrapper.decorators]
    lines.append(f"def {wrapper.name}({', '.join(wrapper.parameters)}):")
    lines.append(f"    {wrapper.doc!r}")
    lines += [f"    {line}" if line else "" for line in wrapper.body.splitlines()]
    return "\n".join(lines)


# The file ----------------------------------------------------------------------------------------


def _literal(text: str) -> str:
    """``text`` as a readable Python literal: a raw triple-quoted string where it can be."""
    if "'''" not in text and not text.endswith("\\") and not text.endswith("'"):
        literal = f"r'''{text}'''"
    else:
        literal = repr(text)
    if ast.literal_eval(literal) != text:  # pragma: no cover - the check is the point
        raise AddinError("Sumber modul tidak dapat ditulis sebagai literal yang setia.")
    return literal


_HEADER = '''\
# main.py untuk xlwings Lite: fungsi lembar kerja skp-xl (SKP_PREDIKAT, SKP_NIP_CEK, ...)
# tanpa memasang Python. Dibuat oleh skp-xl {version}. JANGAN DIUBAH: perubahan hilang saat
# berkas ini dibuat ulang. Membuat ulang (di komputer yang memasang skp-xl):
#     skp-xl addin lite -o main.py
# lalu tempel seluruh isinya di editor xlwings Lite (tab main.py), menggantikan isi lama.
# requirements.txt tidak perlu diisi apa pun. Panduan: docs/addin.md, bagian
# "Microsoft 365 tanpa Python: xlwings Lite".
#
# Isinya: {count} modul skp-xl {version} yang diperlukan fungsi-fungsi itu (pustaka standar
# Python saja), masing-masing disimpan utuh sebagai teks dan dijalankan sebagai modul bernama
# sama, sehingga pesan galat menyebut mis. skp_xl/domain/nip.py dan barisnya; lalu fungsi-
# fungsinya, dengan nama, argumen, dan keterangan yang sama dengan add-in Excel Windows.
"""skp-xl {version}: fungsi lembar kerja SKP untuk xlwings Lite (dibuat otomatis; jangan diubah)."""

from xlwings import arg, func
'''

_LOADER = '''
# The bundle loader -----------------------------------------------------------------------------
# Runs each module of _SOURCES as the module of that name (sys.modules), its parents as
# empty packages, and serves _DATA to importlib.resources. Modules left from an earlier run
# of this file are dropped first, so a regenerated main.py never runs old code.

import importlib.machinery
import importlib.resources.abc
import importlib.util
import io
import sys


class _Data(importlib.resources.abc.Traversable):
    """A file or folder of _DATA, for importlib.resources.files()."""

    def __init__(self, path):
        self._path = path

    @property
    def name(self):
        return self._path.rsplit("/", 1)[-1]

    def is_file(self):
        return self._path in _DATA

    def is_dir(self):
        return any(key.startswith(self._path + "/") for key in _DATA)

    def iterdir(self):
        prefix = self._path + "/"
        names = {key[len(prefix) :].split("/")[0] for key in _DATA if key.startswith(prefix)}
        return iter([_Data(prefix + name) for name in sorted(names)])

    def joinpath(self, *descendants):
        return _Data("/".join([self._path, *descendants]))

    def __truediv__(self, child):
        return self.joinpath(child)

    def open(self, mode="r", *args, **kwargs):
        if not self.is_file():
            raise FileNotFoundError(self._path)
        if "b" in mode:
            return io.BytesIO(_DATA[self._path].encode("utf-8"))
        return io.StringIO(_DATA[self._path])


class _Bundle:
    """The loader of the bundled modules: their source (for tracebacks) and data."""

    def get_source(self, fullname):
        return _SOURCES.get(fullname)

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        name = module.__name__
        path = _PATHS[name]
        code = compile(_SOURCES[name], "main.py:" + path, "exec", dont_inherit=True)
        exec(code, module.__dict__)


class _Reader:
    def __init__(self, folder):
        self._folder = folder

    def files(self):
        return _Data(self._folder)


class _PackageLoader(_Bundle):
    """A package's loader: also its data folder, for importlib.resources."""

    def __init__(self, folder):
        self._folder = folder

    def get_resource_reader(self, fullname):
        return _Reader(self._folder)


def _module(name, loader, is_package):
    spec = importlib.machinery.ModuleSpec(name, loader, is_package=is_package)
    module = importlib.util.module_from_spec(spec)
    if is_package:
        module.__path__ = []
    if name in _PATHS:
        module.__file__ = "main.py:" + _PATHS[name]
    sys.modules[name] = module
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, module)
    return module


def _load():
    for name in [n for n in sys.modules if n == "skp_xl" or n.startswith("skp_xl.")]:
        del sys.modules[name]
    for name in _SOURCES:
        parts = name.split(".")
        for i in range(1, len(parts)):
            parent = ".".join(parts[:i])
            if parent not in sys.modules:
                _module(parent, _PackageLoader(parent.replace(".", "/")), True)
        folder = name.replace(".", "/") if _PATHS[name].endswith("__init__.py") else None
        loader = _PackageLoader(folder) if folder else _Bundle()
        module = _module(name, loader, folder is not None)
        try:
            loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
    return sys.modules[_ROOT]


core = _load()
'''


def lite_main() -> str:
    """The text of ``main.py``: the bundled modules, their data, and the ``@func`` wrappers.

    Raises:
        AddinError: The package cannot be bundled (see :func:`bundled_modules` and
            :func:`wrappers`).
    """
    modules = bundled_modules()
    data = bundled_data(modules)
    parts = [_HEADER.format(version=__version__, count=len(modules))]
    parts.append(
        "\n# The bundled modules, in the order they run (each after what it imports) "
        "------------------\n"
    )
    parts.append(f"_ROOT = {ROOT_MODULE!r}\n")
    parts.append(
        "_PATHS = {\n" + "".join(f"    {m.name!r}: {m.path!r},\n" for m in modules) + "}\n"
    )
    parts.append("_SOURCES = {}\n")
    for module in modules:
        parts.append(f"\n# {module.path} {'-' * max(3, 88 - len(module.path))}\n")
        parts.append(f"_SOURCES[{module.name!r}] = {_literal(module.source)}\n")
    parts.append("\n# Data files the modules read (importlib.resources) ---------------------\n")
    parts.append("_DATA = {}\n")
    for path, text in data.items():
        parts.append(f"_DATA[{path!r}] = {_literal(text)}\n")
    parts.append(_LOADER)
    parts.append(
        "\n\n# The worksheet functions (from skp_xl/addin/udf.py) "
        "----------------------------------------\n"
    )
    for wrapper in wrappers():
        parts.append("\n\n" + _wrapper_text(wrapper) + "\n")
    text = "".join(parts)
    compile(text, MAIN_FILENAME, "exec")  # a generator fault must not reach the user
    return text


def write_lite(path: Path, *, force: bool = False) -> LiteInfo:
    """Write :func:`lite_main` to ``path`` at once (never half a file).

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        AddinError: The package cannot be bundled.
    """
    text = lite_main()
    with atomic_output(path, force=force) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return LiteInfo(
        path=Path(path),
        skp_xl_version=__version__,
        functions=tuple(f.__name__ for f in udf.UDFS),
    )
