"""The add-in's UDF wrappers equal what xlwings' own Import Functions writes.

xlwings' generator (``xlwings.udfs``) imports pywin32, so it is run here with stub
``pythoncom``/``pywintypes``/``win32com`` modules and a fake add-in workbook whose
``VBComponents.Import`` keeps the file it is given. The UDF module is loaded afresh with
``xw.func``/``xw.arg``/``xw.ret`` being xlwings' Windows decorators, so its functions
carry the ``__xlfunc__`` they carry on Windows.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import sys
import types
from pathlib import Path
from typing import Any

import pytest
import xlwings

from skp_xl.addin import udf, wrappers

ADDIN_NAME = "skp_xl.xlam"


class _ComError(Exception):
    pass


class _Components:
    def __init__(self) -> None:
        self.imported: list[str] = []

    def __call__(self, name: str) -> object:
        raise _ComError(name)  # no module of that name yet: import_udfs skips Remove

    def Remove(self, component: object) -> None:
        raise AssertionError("nothing to remove")

    def Import(self, path: str) -> None:
        self.imported.append(Path(path).read_text())


class _Application:
    Version = "16.0"

    def MacroOptions(self, *args: Any, **kwargs: Any) -> None:
        pass


class _Workbook:
    Name = ADDIN_NAME

    def __init__(self) -> None:
        self.VBProject = types.SimpleNamespace(VBComponents=_Components())
        self.Application = _Application()


def _stub_pywin32(monkeypatch: pytest.MonkeyPatch) -> None:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None  # type: ignore[attr-defined]
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = _ComError  # type: ignore[attr-defined]
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda *a, **k: None  # type: ignore[attr-defined]
    win32com.client = client  # type: ignore[attr-defined]
    for name, module in [
        ("pythoncom", pythoncom),
        ("pywintypes", pywintypes),
        ("win32com", win32com),
        ("win32com.client", client),
    ]:
        monkeypatch.setitem(sys.modules, name, module)


@pytest.fixture
def xlwings_udfs(monkeypatch: pytest.MonkeyPatch) -> types.ModuleType:
    """xlwings' own ``udfs`` module, imported under stubs, with Windows' decorators."""
    _stub_pywin32(monkeypatch)
    monkeypatch.delitem(sys.modules, "xlwings.udfs", raising=False)
    monkeypatch.setattr(xlwings, "udfs", None, raising=False)  # the import sets it: undone
    udfs = importlib.import_module("xlwings.udfs")
    monkeypatch.delitem(sys.modules, "xlwings.udfs")  # the next import is a clean one
    for name, decorator in [
        ("func", udfs.xlfunc),
        ("arg", udfs.xlarg),
        ("ret", udfs.xlret),
        ("sub", udfs.xlsub),
    ]:
        monkeypatch.setattr(xlwings, name, decorator)
    return udfs


def _load_udf_module_as_on_windows(udfs: types.ModuleType) -> types.ModuleType:
    # A fresh copy of skp_xl/addin/udf.py, decorated by xlwings' Windows decorators; the
    # imported skp_xl.addin.udf stays as it was.
    spec = importlib.util.spec_from_file_location(wrappers.UDF_MODULE, udf.__file__)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # get_udf_module's cache: import_udfs finds the module there, as after a first call.
    udfs.udf_modules[wrappers.UDF_MODULE] = {
        "filename": module.__file__,
        "filetime": None,
        "module": module,
    }
    return module


def test_every_udf_carries_xlwings_metadata_once_decorated_as_on_windows(
    xlwings_udfs: types.ModuleType,
) -> None:
    module = _load_udf_module_as_on_windows(xlwings_udfs)
    names = [f.__name__ for f in wrappers.udfs_of(module)]
    assert sorted(names) == sorted(f.__name__ for f in udf.UDFS)
    assert all(hasattr(f, "__xlfunc__") for f in wrappers.udfs_of(module))
    assert any("optional" in a for f in module.UDFS for a in f.__xlfunc__["args"])


def test_wrappers_equal_xlwings_import_functions_byte_for_byte(
    xlwings_udfs: types.ModuleType,
) -> None:
    module = _load_udf_module_as_on_windows(xlwings_udfs)
    workbook = _Workbook()
    xlwings_udfs.import_udfs(wrappers.UDF_MODULE, workbook)
    (theirs,) = workbook.VBProject.VBComponents.imported

    assert wrappers.wrapper_module(module) == theirs  # from xlwings' metadata
    assert wrappers.wrapper_module(udf) == theirs  # from signatures, as off Windows
    for function in udf.UDFS:
        assert f'"{wrappers.UDF_MODULE}", "{function.__name__}"' in theirs


def test_optional_arguments_are_optional_in_vba() -> None:
    text = wrappers.wrapper_module(udf)
    assert "Function SKP_TARGET_ANGKA(target, Optional bagian)" in text
    assert (
        "Function SKP_CAPAIAN_IKI(target, realisasi, Optional aspek, Optional periode, "
        "Optional target_periode, Optional pro_rata, Optional arah)"
    ) in text
    assert text.count("ActiveWorkbook, Application.Caller)") == len(udf.UDFS)


def test_the_other_xlwings_options_are_ported_too(xlwings_udfs: types.ModuleType) -> None:
    # None of our functions uses them yet; xlwings' generator handles them, so must we.
    udfs = xlwings_udfs
    module = types.ModuleType("demo")

    @udfs.xlfunc(volatile=True, call_in_wizard=False)
    @udfs.xlarg("wb", vba="ActiveWorkbook")
    def volatile_one(x: Any, wb: Any, caller: Any, y: Any = 1) -> Any: ...

    @udfs.xlfunc
    def varargs(a: Any, *rest: Any) -> Any: ...

    @udfs.xlsub
    def a_sub(a: Any) -> None: ...

    for function in (volatile_one, varargs, a_sub):
        setattr(module, function.__name__, function)
    out = io.StringIO()
    udfs.generate_vba_wrapper("demo", module, out, _Workbook())
    header = wrappers.wrapper_module(types.ModuleType("empty"), "demo")
    assert wrappers.wrapper_module(module, "demo") == header + out.getvalue()
    assert "ParamArray rest()" in out.getvalue()
    assert "Application.Volatile" in out.getvalue()


# -- the function wizard's help (module SkpBantuan) ----------------------------------


def test_wizard_help_equals_what_import_functions_registers(
    xlwings_udfs: types.ModuleType,
) -> None:
    # import_udfs passes xlfunc's ret doc, category and argument docs to MacroOptions;
    # off Windows the same text comes from the docstring, CATEGORY and ARGUMENTS.
    module = _load_udf_module_as_on_windows(xlwings_udfs)
    for function in udf.UDFS:
        on_windows = getattr(module, function.__name__)
        xlfunc = on_windows.__xlfunc__
        expected = (
            xlfunc["ret"]["doc"][:255],
            xlfunc["category"],
            [a["doc"][:255] for a in xlfunc["args"] if not a["vba"]],
        )
        assert wrappers.help_of(on_windows, module) == expected
        assert wrappers.help_of(function, udf) == expected
        assert expected[1] == "SKP"
        assert not any(d.startswith("Positional argument") for d in expected[2])
    assert wrappers.help_module(module) == wrappers.help_module(udf)


def _module_of(*functions: Any) -> types.ModuleType:
    module = types.ModuleType("demo")
    module.UDFS = functions  # type: ignore[attr-defined]
    module.CATEGORY = "Demo"  # type: ignore[attr-defined]
    module.ARGUMENTS = {}  # type: ignore[attr-defined]
    for function in functions:
        setattr(module, function.__name__, function)
    return module


def test_wizard_help_is_cut_quoted_and_defaulted_as_xlwings_does() -> None:
    def long_one(a: Any, caller: Any = None) -> Any:
        pass

    long_one.__doc__ = 'Kata "kutip"\n   dan baris.  ' + "x" * 300
    module = _module_of(long_one)
    module.ARGUMENTS = {"long_one": {"a": "y" * 300}}  # type: ignore[attr-defined]

    description, category, docs = wrappers.help_of(long_one, module)
    text = wrappers.help_module(module)

    assert description.startswith('Kata "kutip" dan baris. xxx')
    assert len(description) == 255
    assert (category, docs) == ("Demo", ["y" * 255])  # caller is not shown in the wizard
    assert 'Description:="Kata ""kutip"" dan baris. xxx' in text
    assert 'ArgumentDescriptions:=Array( _\n            "' + "y" * 255 + '")\n' in text


def test_wizard_help_refuses_what_vba_cannot_hold() -> None:
    assert wrappers.vba_string('a "b"') == '"a ""b"""'
    with pytest.raises(ValueError, match="one line"):
        wrappers.vba_string("dua\nbaris")
    with pytest.raises(ValueError, match="code page 1252"):
        wrappers.vba_string("panah \u2192")  # not in code page 1252
    ok = "def wide(" + ", ".join(f"a{i}" for i in range(21)) + "): pass"
    too_many = "def too_wide(" + ", ".join(f"a{i}" for i in range(22)) + "): pass"
    namespace: dict[str, Any] = {}
    exec(ok + "\n" + too_many, namespace)
    wrappers.help_module(_module_of(namespace["wide"]))  # 24 line continuations
    with pytest.raises(ValueError, match="too many arguments"):
        wrappers.help_module(_module_of(namespace["too_wide"]))
