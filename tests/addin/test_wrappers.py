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
