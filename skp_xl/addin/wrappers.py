"""The VBA wrappers of the worksheet functions, written as xlwings' Import Functions does.

xlwings' "Import Functions" writes a VBA module with one wrapper per UDF into the *active*
workbook, and only on Windows (its generator imports pywin32). The add-in instead carries
the module itself: :func:`wrapper_module` returns the same text, byte for byte, so each
wrapper calls ``skp_xl.addin.udf`` directly and no "UDF Modules" setting is needed.

Ported from xlwings 0.37.8, ``xlwings/udfs.py`` (``generate_vba_wrapper``, the header
of ``import_udfs``, the signature part of ``xlfunc``) and ``xlwings/utils.py``
(``VBAWriter``, used as is). ``tests/addin/test_wrappers.py`` runs xlwings' own generator
under a stubbed pywin32 and compares. Its licence:

    Copyright (C) 2014 - present, Zoomer Analytics GmbH. All rights reserved.

    Redistribution and use in source and binary forms, with or without modification,
    are permitted provided that the following conditions are met:

    * Redistributions of source code must retain the above copyright notice, this
      list of conditions and the following disclaimer.

    * Redistributions in binary form must reproduce the above copyright notice, this
      list of conditions and the following disclaimer in the documentation and/or
      other materials provided with the distribution.

    * Neither the name of the copyright holder nor the names of its
      contributors may be used to endorse or promote products derived from
      this software without specific prior written permission.

    THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND
    ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED
    WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE ARE
    DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR CONTRIBUTORS BE LIABLE FOR
    ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL DAMAGES
    (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES;
    LOSS OF USE, DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON
    ANY THEORY OF LIABILITY, WHETHER IN CONTRACT, STRICT LIABILITY, OR TORT
    (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT OF THE USE OF THIS
    SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Callable
from contextlib import AbstractContextManager
from types import ModuleType
from typing import Any, Protocol, cast

from xlwings.utils import VBAWriter

UDF_MODULE = "skp_xl.addin.udf"
"""The Python module every wrapper calls."""

VB_NAME = "xlwings_udfs"
"""The VBA module name Import Functions gives the wrappers."""


class _Writer(Protocol):
    # The part of xlwings' (untyped) VBAWriter used here.
    def block(self, template: str) -> AbstractContextManager[None]: ...
    def writeln(self, template: str) -> None: ...
    def write_label(self, label: str) -> None: ...


def xlfunc_of(function: Callable[..., Any]) -> dict[str, Any]:
    """The ``__xlfunc__`` metadata xlwings keeps for a function, or what it would keep.

    On Windows ``@xw.func`` sets it; elsewhere ``@xw.func`` and ``@xw.arg`` do nothing,
    so it is rebuilt from the signature as xlwings' ``xlfunc`` does with no options
    (what ``tests/addin/test_wrappers.py`` checks holds for every function we have).

    Args:
        function: A worksheet function.

    Returns:
        ``name``, ``sub``, ``call_in_wizard``, ``volatile`` and ``args`` (each with
        ``name``, ``vba``, ``vararg`` and, when it has a default, ``optional``).

    Raises:
        ValueError: The function has a keyword-only argument (xlwings refuses those).
    """
    existing: dict[str, Any] | None = getattr(function, "__xlfunc__", None)
    if existing is not None:
        return existing
    args: list[dict[str, Any]] = []
    for parameter in inspect.signature(function).parameters.values():
        vararg = parameter.kind is inspect.Parameter.VAR_POSITIONAL
        if parameter.kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD and not vararg:
            raise ValueError(f"{function.__name__}: xlwings refuses keyword arguments")
        arg: dict[str, Any] = {"name": parameter.name, "vba": None, "vararg": vararg}
        if parameter.default is not inspect.Parameter.empty:
            arg["optional"] = parameter.default
        args.append(arg)
    return {
        "name": function.__name__,
        "sub": False,
        "call_in_wizard": True,
        "volatile": False,
        "args": args,
    }


def udfs_of(module: ModuleType) -> list[Callable[..., Any]]:
    """The module's worksheet functions in ``dir()`` order, the order xlwings writes them.

    A function counts if it carries ``__xlfunc__`` (Windows) or is in the module's
    ``UDFS`` (everywhere: off Windows nothing carries ``__xlfunc__``).
    """
    listed = getattr(module, "UDFS", ())
    found = []
    for attr in dir(module):
        value = getattr(module, attr)
        if hasattr(value, "__xlfunc__") or any(value is f for f in listed):
            found.append(value)
    return found


def _write_wrapper(vba: _Writer, module_name: str, xlfunc: dict[str, Any]) -> None:
    # generate_vba_wrapper's loop body, for an .xlam (so ActiveWorkbook), left as close
    # to the original as reads well, quirks included: the ParamArray line names the last
    # argument without a vba value, as xlwings does.
    fname = xlfunc["name"]
    ftype = "Sub" if xlfunc["sub"] else "Function"
    # xlwings sets vba = "Nothing" on an argument named caller (in place); a copy here.
    args = [{**a, "vba": "Nothing"} if a["name"] == "caller" else a for a in xlfunc["args"]]
    func_sig = ftype + " " + fname + "("
    first = True
    vararg = ""
    argname = ""
    for arg in args:
        if not arg["vba"]:
            argname = arg["name"]
            if not first:
                func_sig += ", "
            if "optional" in arg:
                func_sig += "Optional "
            elif arg["vararg"]:
                func_sig += "ParamArray "
                vararg = argname
            func_sig += argname
            if arg["vararg"]:
                func_sig += "()"
            first = False
    func_sig += ")"

    with vba.block(func_sig):
        if ftype == "Function":
            if not xlfunc["call_in_wizard"]:
                vba.writeln(
                    'If (Not Application.CommandBars("Standard")'
                    ".Controls(1).Enabled) Then Exit Function"
                )
            if xlfunc["volatile"]:
                vba.writeln("Application.Volatile")
        if vararg != "":
            vba.writeln("Dim argsArray() As Variant")
            non_varargs = [a["vba"] or a["name"] for a in args if not a["vararg"]]
            vba.writeln("argsArray = Array(" + ", ".join(non_varargs) + ")")
            n = str(len(non_varargs))
            vba.writeln(f"ReDim Preserve argsArray(0 to UBound({vararg}) - LBound({vararg}) + {n})")
            vba.writeln(f"For k = LBound({vararg}) To UBound({vararg})")
            vba.writeln(f"argsArray({n} + k - LBound({vararg})) = {argname}(k)")
            vba.writeln("Next k")
            args_vba = "argsArray"
        else:
            args_vba = "Array(" + ", ".join(a["vba"] or a["name"] for a in args) + ")"
        # xlwings: "Add-ins work with ActiveWorkbook instead of ThisWorkbook".
        call = f'"{module_name}", "{fname}", {args_vba}'
        if ftype == "Sub":
            with vba.block('#If App = "Microsoft Excel" Then'):
                vba.writeln(f"XLPy.CallUDF {call}, ActiveWorkbook, Application.Caller")
            with vba.block("#Else"):
                vba.writeln(f"XLPy.CallUDF {call}")
            vba.writeln("#End If")
        else:
            with vba.block('#If App = "Microsoft Excel" Then'):
                vba.writeln("If TypeOf Application.Caller Is Range Then On Error GoTo failed")
                vba.writeln(f"{fname} = XLPy.CallUDF({call}, ActiveWorkbook, Application.Caller)")
                vba.writeln("Exit " + ftype)
            with vba.block("#Else"):
                vba.writeln(f"{fname} = XLPy.CallUDF({call})")
                vba.writeln("Exit " + ftype)
            vba.writeln("#End If")
            vba.write_label("failed")
            vba.writeln(fname + " = Err.Description")
    vba.writeln("End " + ftype)
    vba.writeln("")


def wrapper_module(
    module: ModuleType, module_name: str = UDF_MODULE, vb_name: str = VB_NAME
) -> str:
    """The VBA module of wrappers xlwings' Import Functions writes into an add-in.

    Args:
        module: The UDF module, normally :mod:`skp_xl.addin.udf`.
        module_name: The Python module the wrappers call.
        vb_name: The VBA module's name (its ``Attribute VB_Name``).

    Returns:
        The module's text (``.bas`` form, ``\\n`` line ends), header included.
    """
    out = io.StringIO()
    vba = cast(_Writer, VBAWriter(out))  # type: ignore[no-untyped-call]
    # import_udfs' header: the #Const lets the wrappers use Application.Caller.
    vba.writeln(f'Attribute VB_Name = "{vb_name}"')
    vba.writeln("'Autogenerated code by xlwings - changes will be lost with next import!")
    vba.writeln("""#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""")
    for function in udfs_of(module):
        _write_wrapper(vba, module_name, xlfunc_of(function))
    return out.getvalue()


# -- The function wizard's help ---------------------------------------------------------
# Not part of xlwings' generator: Import Functions registers the help itself, through COM,
# right after importing the wrappers (``Application.MacroOptions`` in ``import_udfs``).
# An add-in built without Excel cannot do that at build time, so it carries a procedure
# that makes the same calls when the add-in opens.

HELP_MODULE = "SkpBantuan"
"""The standard module of :func:`help_module`."""

HELP_PROCEDURE = "DaftarkanBantuanFungsi"
"""The procedure of :data:`HELP_MODULE` that registers the help; ``True`` when all went in."""

HELP_LIMIT = 255
"""Excel's limit for a description and for each argument's (xlwings cuts at it too)."""

VBA_LINE_LIMIT = 1023
"""The longest physical line the VBA editor accepts."""

VBA_CONTINUATION_LIMIT = 24
"""The most line continuations (`` _``) one VBA statement may have."""


def help_of(function: Callable[..., Any], module: ModuleType) -> tuple[str, str, list[str]]:
    """The wizard help of a worksheet function, as xlwings' Import Functions registers it.

    On Windows it comes from ``__xlfunc__``; elsewhere from the docstring, the module's
    ``CATEGORY`` and ``ARGUMENTS`` (what ``@xw.func``/``@xw.arg`` received there), with
    xlwings' own defaults for what is missing. Whitespace runs become one space: a VBA
    string literal holds one line, and the wizard shows one.

    Args:
        function: A worksheet function of ``module``.
        module: Its module.

    Returns:
        The description, the category, and one description per argument that Excel
        passes (an argument with a ``vba`` value is not shown in the wizard), each cut
        at :data:`HELP_LIMIT` characters as xlwings cuts them.
    """
    xlfunc = getattr(function, "__xlfunc__", None)
    if xlfunc is not None:
        description = xlfunc["ret"]["doc"]
        category = xlfunc["category"]
        docs = [a["doc"] for a in xlfunc["args"] if not a["vba"]]
    else:
        description = function.__doc__ or (
            f"Python function '{function.__name__}' defined in '{function.__code__.co_filename}'."
        )
        category = getattr(module, "CATEGORY", "xlwings")
        described = getattr(module, "ARGUMENTS", {}).get(function.__name__, {})
        docs = [
            described.get(a["name"], f"Positional argument {i + 1}")
            for i, a in enumerate(xlfunc_of(function)["args"])
            if not a["vba"] and a["name"] != "caller"
        ]
    return (
        " ".join(description.split())[:HELP_LIMIT],
        str(category),
        [" ".join(doc.split())[:HELP_LIMIT] for doc in docs],
    )


def vba_string(text: str) -> str:
    """``text`` as a VBA string literal (quotes doubled).

    Raises:
        ValueError: ``text`` has a line break, or a character outside code page 1252,
            the project's.
    """
    if "\n" in text or "\r" in text:
        raise ValueError(f"a VBA string literal holds one line: {text!r}")
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        raise ValueError(f"not in code page 1252, the VBA project's: {text!r}") from None
    return '"' + text.replace('"', '""') + '"'


def help_module(module: ModuleType, vb_name: str = HELP_MODULE) -> str:
    """The VBA module whose procedure registers every function's wizard help.

    ``DaftarkanBantuanFungsi()`` makes one ``Application.MacroOptions`` call per worksheet
    function, with its description, category and argument descriptions, each call under
    ``On Error Resume Next`` (Excel refuses them, with error 1004, while no workbook
    window is open), and answers whether every call went in. On macOS it does nothing:
    xlwings has no worksheet functions there, and Excel for Mac's ``MacroOptions`` lacks
    ``ArgumentDescriptions``, which would stop the project from compiling.

    Args:
        module: The UDF module, normally :mod:`skp_xl.addin.udf`.
        vb_name: The VBA module's name.

    Returns:
        The module's text (``.bas`` form, ``\\n`` line ends).

    Raises:
        ValueError: A description VBA cannot hold, or a statement past VBA's limits.
    """
    lines = [
        f'Attribute VB_Name = "{vb_name}"',
        "'Autogenerated by skp-xl addin build from skp_xl/addin/udf.py - changes will be lost!",
        "Option Explicit",
        "' Private to the project: a public Function elsewhere would be a worksheet function",
        "' too; the ribbon's onLoad (same project) and Application.Run still reach it.",
        "Option Private Module",
        "",
        "' The function wizard's help of the worksheet functions (SkpFungsi), as xlwings'",
        "' Import Functions registers it. Called when the add-in opens; True when every",
        "' call went in. Excel refuses MacroOptions (error 1004) while it shows no workbook",
        "' window, so a refusal is counted, not raised, and the caller tries again later.",
        f"Public Function {HELP_PROCEDURE}() As Boolean",
        "#If Mac Then",
        f"    {HELP_PROCEDURE} = True",
        "#Else",
        "    Dim book As String",
        "    Dim failed As Long",
        '    book = "\'" & ThisWorkbook.Name & "\'!"',
        "    On Error Resume Next",
    ]
    for function in udfs_of(module):
        name = xlfunc_of(function)["name"]
        description, category, docs = help_of(function, module)
        statement = [
            f'    Application.MacroOptions Macro:=book & "{name}", _',
            f"        Description:={vba_string(description)}, _",
            f"        Category:={vba_string(category)}",
        ]
        if docs:
            statement[-1] += ", _"
            statement.append("        ArgumentDescriptions:=Array( _")
            statement += [f"            {vba_string(doc)}, _" for doc in docs]
            statement[-1] = statement[-1][: -len(", _")] + ")"
        if len(statement) - 1 > VBA_CONTINUATION_LIMIT:
            raise ValueError(f"{name}: too many arguments for one VBA statement")
        lines += statement
        lines.append("    If Err.Number <> 0 Then failed = failed + 1: Err.Clear")
    lines += [
        "    On Error GoTo 0",
        "    ' MacroOptions marks the add-in as changed; nothing of it is to be saved.",
        "    ThisWorkbook.Saved = True",
        f"    {HELP_PROCEDURE} = (failed = 0)",
        "#End If",
        "End Function",
        "",
    ]
    too_long = [line for line in lines if len(line) > VBA_LINE_LIMIT]
    if too_long:
        raise ValueError(f"VBA line longer than {VBA_LINE_LIMIT} characters: {too_long[0]}")
    return "\n".join(lines)
