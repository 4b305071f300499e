"""``skp-xl addin lite``: main.py for xlwings Lite, self-contained and answering as the add-in.

The generated file is imported under a stand-in ``xlwings`` (decorators that record what
they decorate) with ``skp_xl`` refused by the import system, so it can only run what it
carries. Its functions are then called with every call tests/addin/test_udf.py makes to
the desktop functions, recorded by running that file under this module as a pytest plugin
(``-p tests.addin.test_lite``): the same arguments must give the same answers.
"""

from __future__ import annotations

import ast
import copy
import importlib.abc
import importlib.util
import inspect
import os
import pickle
import subprocess
import sys
import textwrap
import traceback
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from skp_xl import __version__
from skp_xl.addin import lite, udf
from skp_xl.cli import app
from skp_xl.errors import AddinError

ROOT = Path(__file__).parents[2]
RECORD_ENV = "SKP_XL_LITE_RECORD"
"""Set (to a file) when this module runs as the plugin that records test_udf.py's calls."""

runner = CliRunner()

STAND_IN = '''\
"""A stand-in for xlwings Lite's decorators: they record what they decorate.

As xlwings' own, they read a function's parameters through inspect.signature (which follows
functools.wraps) and refuse an @arg that names no parameter.
"""
import inspect

FUNCS = {}
ARGS = {}


def func(f=None, **options):
    def inner(f):
        FUNCS[f.__name__] = (f, options)
        return f
    return inner if f is None else inner(f)


def arg(name, convert=None, **options):
    def inner(f):
        if name not in inspect.signature(f).parameters:
            raise Exception(f"Invalid argument name '{name}'.")
        ARGS.setdefault(f.__name__, {})[name] = options
        return f
    return inner
'''


# The recording plugin (active only under -p tests.addin.test_lite with RECORD_ENV set) -------

_records: list[tuple[str, str, tuple[Any, ...], dict[str, Any], Any]] = []
_current: list[str] = []


def _recording(function: Callable[..., Any]) -> Callable[..., Any]:
    def recorded(*args: Any, **kwargs: Any) -> Any:
        given = copy.deepcopy((args, kwargs))
        result = function(*args, **kwargs)
        if _current:
            _records.append((_current[0], function.__name__, *given, result))
        return result

    recorded.__name__ = function.__name__
    recorded.__doc__ = function.__doc__
    recorded.__wrapped__ = function  # type: ignore[attr-defined]
    return recorded


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get(RECORD_ENV):
        for function in udf.UDFS:
            setattr(udf, function.__name__, _recording(function))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    # A test that patches skp-xl's insides (the fault test) has answers of its own.
    patched = "monkeypatch" in getattr(item, "fixturenames", ())
    if os.environ.get(RECORD_ENV) and not patched:
        _current.append(item.nodeid)
    try:
        return (yield)
    finally:
        _current.clear()


def pytest_unconfigure(config: pytest.Config) -> None:
    if os.environ.get(RECORD_ENV):
        Path(os.environ[RECORD_ENV]).write_bytes(pickle.dumps(_records))


# Fixtures ------------------------------------------------------------------------------------


class _RefuseSkpXl(importlib.abc.MetaPathFinder):
    """Makes every ``skp_xl`` module the bundle does not carry unimportable."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "skp_xl" or name.startswith("skp_xl."):
            raise ImportError(f"{name} ditolak: main.py harus membawa semua yang dipakainya")
        return


@pytest.fixture(scope="module")
def main_py(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """main.py as the command writes it."""
    folder = tmp_path_factory.mktemp("lite")
    result = runner.invoke(app, ["addin", "lite", "-o", str(folder / "main.py")])
    assert result.exit_code == 0, result.output
    return folder / "main.py"


@pytest.fixture(scope="module")
def loaded(main_py: Path) -> tuple[types.ModuleType, types.ModuleType]:
    """(main.py imported, the stand-in xlwings it saw), with skp_xl refused meanwhile."""
    saved = {
        name: module
        for name, module in sys.modules.items()
        if name.split(".")[0] in ("skp_xl", "xlwings")
    }
    stand_in = types.ModuleType("xlwings")
    exec(STAND_IN, stand_in.__dict__)
    refuse = _RefuseSkpXl()
    for name in saved:
        del sys.modules[name]
    sys.modules["xlwings"] = stand_in
    sys.meta_path.insert(0, refuse)
    try:
        spec = importlib.util.spec_from_file_location("skp_xl_lite_main", main_py)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.meta_path.remove(refuse)
        for name in [n for n in sys.modules if n.split(".")[0] in ("skp_xl", "xlwings")]:
            del sys.modules[name]
        sys.modules.update(saved)
    return module, stand_in


@pytest.fixture(scope="module")
def desktop_calls(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Any, ...]]:
    """Every call test_udf.py makes to a worksheet function, with its answer."""
    record = tmp_path_factory.mktemp("record") / "calls.pickle"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "tests.addin.test_lite",
            "-n",
            "0",
            "tests/addin/test_udf.py",
        ],
        cwd=ROOT,
        env={**os.environ, RECORD_ENV: str(record)},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    calls: list[tuple[Any, ...]] = pickle.loads(record.read_bytes())
    return calls


# The command -----------------------------------------------------------------------------------


def test_the_command_writes_main_py_and_says_what_to_do_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["addin", "lite"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "main.py").read_text(encoding="utf-8")
    assert text == lite.lite_main()
    assert "main.py untuk xlwings Lite ditulis ke main.py" in result.output
    assert "Langkah berikutnya" in result.output
    assert "SKP_KANONIK" in result.output
    again = runner.invoke(app, ["addin", "lite"])
    assert again.exit_code == 2
    assert "--force" in again.output
    assert runner.invoke(app, ["addin", "lite", "--force"]).exit_code == 0
    wrong = runner.invoke(app, ["addin", "lite", "-o", "main.txt"])
    assert wrong.exit_code == 2
    assert not (tmp_path / "main.txt").exists()


def test_the_header_says_what_made_it_and_how_to_remake_it(main_py: Path) -> None:
    head = main_py.read_text(encoding="utf-8")[:1500]
    assert f"skp-xl {__version__}" in head
    assert "JANGAN DIUBAH" in head
    assert "skp-xl addin lite -o main.py" in head


# Self-contained ---------------------------------------------------------------------------------


def _imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "relative import"
            names.append(node.module or "")
    return names


def test_main_py_imports_only_the_standard_library_xlwings_and_what_it_carries(
    main_py: Path,
) -> None:
    tree = ast.parse(main_py.read_text(encoding="utf-8"))
    sources = {
        ast.literal_eval(node.targets[0].slice): ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Subscript)
        and ast.unparse(node.targets[0].value) == "_SOURCES"
    }
    assert "skp_xl.addin.udf_core" in sources
    assert "skp_xl.domain.pola_distribusi" in sources
    top = {name.split(".")[0] for name in _imports(tree)}
    assert top - set(sys.stdlib_module_names) == {"xlwings"}
    for name, source in sources.items():
        for imported in _imports(ast.parse(source)):
            root = imported.split(".")[0]
            if root == "skp_xl":
                assert imported in sources or any(s.startswith(imported + ".") for s in sources), (
                    f"{name} imports {imported}, which main.py does not carry"
                )
            else:
                assert root in sys.stdlib_module_names or root == "__future__", (name, imported)
        # Carried unchanged: a traceback's line is the package's line.
        assert source == (ROOT / (name.replace(".", "/") + ".py")).read_text(encoding="utf-8")


def test_main_py_runs_under_python_i_without_site_packages(main_py: Path, tmp_path: Path) -> None:
    """-I -S: no PYTHONPATH, no site-packages (so no skp_xl, no real xlwings), no cwd."""
    stand_in = tmp_path / "stand_in"
    stand_in.mkdir()
    (stand_in / "xlwings.py").write_text(STAND_IN, encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import importlib.util, runpy, sys
        print(importlib.util.find_spec("skp_xl"), importlib.util.find_spec("xlwings"))
        sys.path.insert(0, {str(stand_in)!r})
        main = runpy.run_path({str(main_py)!r}, run_name="main")
        import xlwings
        print(sorted(xlwings.FUNCS))
        print(main["SKP_PREDIKAT"]([["di atas"], ["sesuai"]], "Sesuai Ekspektasi"))
        print(main["SKP_CEK_DISTRIBUSI"]("Baik", [["Baik"]] * 4)[:41])
        print(sorted(n for n in sys.modules if n.startswith("skp_xl.domain."))[:2])
        """
    )
    run = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script],
        cwd=tmp_path,
        env={"PYTHONPATH": str(stand_in)},  # ignored by -I; the script adds it itself
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "None None",
        str(sorted(f.__name__ for f in udf.UDFS)),
        "[['Baik'], ['Baik']]",
        "Tidak sesuai: Predikat Baik paling banyak",
        "['skp_xl.domain.angka_kredit', 'skp_xl.domain.codes']",
    ]


def test_a_second_run_of_main_py_drops_the_modules_of_the_first(
    main_py: Path, tmp_path: Path
) -> None:
    """xlwings Lite runs main.py again after each edit: a new main.py never runs old code."""
    stand_in = tmp_path / "stand_in"
    stand_in.mkdir()
    (stand_in / "xlwings.py").write_text(STAND_IN, encoding="utf-8")
    script = textwrap.dedent(
        f"""
        import sys, runpy
        sys.path.insert(0, {str(stand_in)!r})
        runpy.run_path({str(main_py)!r}, run_name="main")
        sys.modules["skp_xl.domain.quadrant"].predikat_kinerja = None
        second = runpy.run_path({str(main_py)!r}, run_name="main")
        print(second["SKP_PREDIKAT"]("Diatas Ekspektasi", "Sesuai Ekspektasi"))
        """
    )
    run = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "Baik"


# The same functions ------------------------------------------------------------------------------


def _parameters(function: Callable[..., Any]) -> list[tuple[str, object, object]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def test_main_py_declares_every_worksheet_function_of_the_add_in_as_it_does(
    loaded: tuple[types.ModuleType, types.ModuleType],
) -> None:
    module, stand_in = loaded
    declared = {name: f for name, (f, _) in stand_in.FUNCS.items()}
    names = {name for name in dir(udf) if name.startswith("SKP_")}
    assert set(declared) == {f.__name__ for f in udf.UDFS} == names
    for function in udf.UDFS:
        name = function.__name__
        mine = declared[name]
        assert getattr(module, name) is mine
        # Annotations are for mypy only; xlwings Lite would read them as converters.
        assert _parameters(mine) == _parameters(function)
        assert mine.__doc__ == function.__doc__
        assert {a: o["doc"] for a, o in stand_in.ARGS[name].items()} == udf.ARGUMENTS[name]
        assert all(o.get("ndim") == 2 for o in stand_in.ARGS[name].values()), name


def test_main_py_answers_every_call_of_test_udf_as_the_add_in_does(
    loaded: tuple[types.ModuleType, types.ModuleType],
    desktop_calls: list[tuple[Any, ...]],
) -> None:
    module, _ = loaded
    assert {name for _, name, *_ in desktop_calls} == {f.__name__ for f in udf.UDFS}
    # Every test of test_udf.py that calls a function (but the fault test) was recorded.
    tree = ast.parse((ROOT / "tests/addin/test_udf.py").read_text(encoding="utf-8"))
    calling = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and node.name.startswith("test_")
        and any(
            isinstance(call, ast.Call) and ast.unparse(call.func).startswith("udf.SKP_")
            for call in ast.walk(node)
        )
        and "monkeypatch" not in [a.arg for a in node.args.args]
    }
    recorded = {test.split("::")[1].split("[")[0] for test, *_ in desktop_calls}
    assert recorded == calling
    assert len(desktop_calls) > 200
    for test, name, args, kwargs, expected in desktop_calls:
        answer = getattr(module, name)(*args, **kwargs)
        assert (answer, repr(answer)) == (expected, repr(expected)), (test, name, args)


def test_a_fault_in_main_py_is_a_message_and_its_traceback_names_the_packages_line(
    loaded: tuple[types.ModuleType, types.ModuleType],
) -> None:
    module, _ = loaded
    nip = module.core.parse_nip.__globals__
    assert nip["__name__"] == "skp_xl.domain.nip"
    try:
        module.core.parse_nip("19850312201001100X")
    except module.core.NipError as error:
        frames = traceback.extract_tb(error.__traceback__)
    else:  # pragma: no cover
        pytest.fail("parse_nip accepted a letter")
    last = frames[-1]
    assert last.filename == "main.py:skp_xl/domain/nip.py"
    lines = (ROOT / "skp_xl/domain/nip.py").read_text(encoding="utf-8").splitlines()
    assert last.line == lines[last.lineno - 1].strip() != ""
    result = module.SKP_PREDIKAT("Cukup", "Baik Sekali")
    assert result.startswith("#SKP: ")
    assert "Traceback" not in result


# The generator refuses what it cannot carry -------------------------------------------------------


def test_a_worksheet_function_declared_another_way_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other_udf.py"
    path.write_text(
        textwrap.dedent(
            '''
            import functools

            @functools.cache
            def SKP_X(a):
                """Doc."""
                return a
            '''
        ),
        encoding="utf-8",
    )
    spec = importlib.util.spec_from_file_location("other_udf", path)
    assert spec is not None
    assert spec.loader is not None
    other = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(other)
    with pytest.raises(AddinError, match=r"@functools\.cache pada SKP_X"):
        lite.wrappers([other.SKP_X], {}, other)
