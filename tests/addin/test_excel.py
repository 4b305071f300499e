"""The real add-in in real Excel, driven through xlwings: run by hand on Windows.

Goes the way a person goes: ``skp-xl addin build`` and ``skp-xl new`` write the files as
the commands do, Excel opens them, a button runs through the add-in's own VBA
(``SkpTombol``, the Sub every ribbon click goes through; ``Application.Run`` cannot hand
over the ``IRibbonControl`` the callback takes), and a worksheet function is typed into
a plain workbook.

Needs Windows, Excel, pywin32 (installed with xlwings) and an ``xlwings.conf`` naming
this Python, which ``skp-xl addin install`` writes: run that once from this environment.
Run with ``pytest -m excel tests/addin/test_excel.py``. Everywhere else these tests skip
(CI has no Excel), which docs/addin.md says. Excel started through automation loads no
add-in from XLSTART, so the add-in built here is opened explicitly and does not clash
with an installed one.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from skp_xl.addin import actions, udf
from skp_xl.addin.build import ADDIN_FILENAME
from skp_xl.addin.install import config_file, interpreter_key
from skp_xl.addin.livebook import LiveBook
from skp_xl.addin.wrappers import HELP_MODULE, HELP_PROCEDURE
from skp_xl.workbook.laporan import TEMUAN_SHEET

pytestmark = [
    pytest.mark.excel,
    pytest.mark.skipif(sys.platform != "win32", reason="Excel desktop runs on Windows"),
]

MESSAGE_TITLE = "skp-xl"
"""The title of every message box the add-in shows (``LiveBook.tell``)."""


def _skp_xl(*args: str) -> None:
    """Run the command line as a person does, in this environment."""
    result = subprocess.run(
        [sys.executable, "-m", "skp_xl", *args], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr or result.stdout


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("excel")
    paths = {"addin": folder / ADDIN_FILENAME, "skp": folder / "SKP Uji.xlsx"}
    _skp_xl("addin", "build", "-o", str(paths["addin"]))
    _skp_xl("new", "-o", str(paths["skp"]), "--jenis", "JA", "--pendekatan", "kuantitatif")
    return paths


@pytest.fixture(scope="module")
def app() -> Iterator[Any]:
    xw = pytest.importorskip("xlwings")
    config = Path(config_file(sys.platform, Path.home()))
    setting = f'"{interpreter_key(sys.platform)}","{sys.executable}"'
    if not config.exists() or setting not in config.read_text(encoding="utf-8"):
        pytest.skip(f"{config} does not name {sys.executable}: run skp-xl addin install first")
    try:
        excel = xw.App(visible=True, add_book=False)
    except Exception as error:  # no Excel installed
        pytest.skip(f"Excel is not available: {error}")
    try:
        yield excel
    finally:
        for book in list(excel.books):
            book.close()
        excel.quit()


@pytest.fixture
def skp_with_addin(app: Any, files: dict[str, Path]) -> Iterator[tuple[Any, Any]]:
    """The SKP workbook, open and active, and the add-in opened after it."""
    skp = app.books.open(str(files["skp"]))
    addin = app.books.open(str(files["addin"]))
    skp.activate()
    try:
        yield skp, addin
    finally:
        addin.close()
        skp.close()


@contextmanager
def closing_messages(title: str = MESSAGE_TITLE) -> Iterator[list[str]]:
    """Close every message box titled ``title`` while the block runs; yield their texts.

    The add-in answers each click with a message box (``win32api.MessageBox`` in the
    Python that ``RunPython`` starts), which would wait for a person.
    """
    win32gui = pytest.importorskip("win32gui")
    win32con = pytest.importorskip("win32con")
    seen: list[str] = []
    stop = threading.Event()

    def texts(hwnd: int) -> str:
        found: list[str] = []

        def keep(child: int, _: object) -> bool:
            found.append(win32gui.GetWindowText(child))
            return True

        win32gui.EnumChildWindows(hwnd, keep, None)
        return " ".join(t for t in found if t and t != "OK")

    def watch() -> None:
        while not stop.is_set():
            hwnd = win32gui.FindWindow("#32770", title)  # the dialog class of MessageBox
            if hwnd:
                seen.append(texts(hwnd))
                win32gui.PostMessage(hwnd, win32con.WM_CLOSE, 0, 0)
                while win32gui.IsWindow(hwnd) and not stop.is_set():
                    time.sleep(0.05)
            time.sleep(0.1)

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    try:
        yield seen
    finally:
        stop.set()
        thread.join(5)


def test_the_add_in_compiles_and_excel_accepts_the_wizard_help(
    skp_with_addin: tuple[Any, Any],
) -> None:
    _, addin = skp_with_addin
    # True only if the project compiled and Excel took every MacroOptions call. Excel's
    # object model does not tell a function's category back: the wizard shows it
    # (Insert Function > category SKP), which docs/addin.md asks to look at.
    assert addin.api.IsAddin
    assert addin.macro(f"{HELP_MODULE}.{HELP_PROCEDURE}")() is True


def test_the_periksa_button_marks_the_active_skp_workbook(
    skp_with_addin: tuple[Any, Any],
) -> None:
    skp, addin = skp_with_addin
    with closing_messages() as messages:
        addin.macro("SkpTombol")("skpPeriksa")

    assert TEMUAN_SHEET in [s.name for s in skp.sheets]
    assert TEMUAN_SHEET not in [s.name for s in addin.sheets]
    assert len(messages) == 1
    assert TEMUAN_SHEET in messages[0]


def test_the_tentang_button_answers_with_the_versions(skp_with_addin: tuple[Any, Any]) -> None:
    _, addin = skp_with_addin
    with closing_messages() as messages:
        addin.macro("SkpTombol")("skpTentang")

    assert len(messages) == 1
    assert "skp-xl" in messages[0]


def test_a_worksheet_function_typed_in_a_plain_workbook_computes(
    app: Any, files: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / "biasa.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"], ws["A2"] = "Diatas Ekspektasi", "Sesuai Ekspektasi"
    wb.save(path)
    addin = app.books.open(str(files["addin"]))
    book = app.books.open(str(path))
    try:
        sheet = book.sheets[0]
        sheet["B1"].formula = "=SKP_PREDIKAT(A1,A2)"
        sheet["B2"].formula = '=SKP_NIP_CEK("123")'
        app.calculate()

        assert sheet["B1"].value == udf.SKP_PREDIKAT("Diatas Ekspektasi", "Sesuai Ekspektasi")
        assert sheet["B1"].value == "Baik"
        assert sheet["B2"].value == udf.SKP_NIP_CEK("123") != ""
    finally:
        book.close()
        addin.close()


def test_periksa_through_livebook_marks_the_open_workbook(
    skp_with_addin: tuple[Any, Any],
) -> None:
    skp, _ = skp_with_addin
    result = actions.periksa(LiveBook(skp))
    assert TEMUAN_SHEET in [s.name for s in skp.sheets]
    assert result.temuan


def test_tentang_through_livebook_names_skp_xl(skp_with_addin: tuple[Any, Any]) -> None:
    skp, _ = skp_with_addin
    result = actions.tentang(LiveBook(skp))
    assert "skp-xl" in result.pesan
