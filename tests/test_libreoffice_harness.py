"""The LibreOffice test harness itself: recalculation, batching, failures, skip or fail."""

from __future__ import annotations

import os
import re
import shlex
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.defined_name import DefinedName

from tests.libreoffice import (
    LibreOffice,
    LibreOfficeError,
    Values,
    find_soffice,
    is_ci,
    read_values,
)


def _workbook(path: Path, cells: dict[str, object], *, names: dict[str, str] | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "S"
    for coordinate, value in cells.items():
        ws[coordinate] = value
    for name, target in (names or {}).items():
        wb.defined_names[name] = DefinedName(name, attr_text=target)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _cache_zero(path: Path, coordinate: str) -> None:
    """Give the formula in ``coordinate`` a cached result of 0, as XlsxWriter does."""
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as old:
        members = {info.filename: old.read(info) for info in old.infolist()}
    xml = members[sheet].decode()
    # openpyxl writes <c r="A1"><f>1+2</f><v /></c>; the cached result goes into <v>.
    pattern = rf'(<c r="{coordinate}"[^>]*><f>[^<]*</f>)<v\s*/>'
    patched, count = re.subn(pattern, r"\1<v>0</v>", xml)
    assert count == 1, xml
    members[sheet] = patched.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("harness")
    cached = _workbook(folder / "cached.xlsx", {"A1": "=1+2"})
    _cache_zero(cached, "A1")
    return {
        "sum": _workbook(folder / "sum.xlsx", {"A1": "=1+2", "A2": '=""', "B3": "text"}),
        "name": _workbook(
            folder / "name.xlsx", {"A1": 21, "B1": "=TARIF*2"}, names={"TARIF": "S!$A$1"}
        ),
        "cached": cached,
        "same-a": _workbook(folder / "a" / "book.xlsx", {"A1": "=10+1"}),
        "same-b": _workbook(folder / "b" / "book.xlsx", {"A1": "=20+2"}),
    }


@pytest.fixture(scope="module")
def results(recalculate: LibreOffice, inputs: dict[str, Path]) -> dict[str, Values]:
    before = {path: path.read_bytes() for path in inputs.values()}
    recalculated = recalculate(inputs.values())
    assert {path: path.read_bytes() for path in inputs.values()} == before, "inputs changed"
    return {key: recalculated[path].values for key, path in inputs.items()}


@pytest.mark.libreoffice
def test_a_formula_is_computed(results: dict[str, Values]) -> None:
    assert results["sum"] == {"S": {"A1": 3, "A2": "", "B3": "text"}}


@pytest.mark.libreoffice
def test_a_formula_using_a_defined_name_is_computed(
    results: dict[str, Values],
) -> None:
    assert results["name"]["S"]["B1"] == 42


@pytest.mark.libreoffice
def test_a_cached_wrong_value_is_recalculated(
    inputs: dict[str, Path], results: dict[str, Values]
) -> None:
    assert read_values(inputs["cached"])["S"]["A1"] == 0  # the patch took
    assert results["cached"]["S"]["A1"] == 3


@pytest.mark.libreoffice
def test_same_named_inputs_from_two_folders_both_come_back(
    results: dict[str, Values],
) -> None:
    assert (results["same-a"]["S"]["A1"], results["same-b"]["S"]["A1"]) == (11, 22)


@pytest.mark.libreoffice
def test_an_input_soffice_cannot_load_is_named_in_the_error(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    good = _workbook(tmp_path / "good.xlsx", {"A1": "=1"})
    broken = tmp_path / "broken.xlsx"
    # A truncated zip: soffice says "source file could not be loaded" and exits 0. (An
    # empty or random file is not enough: soffice imports it as text.)
    broken.write_bytes(b"PK\x03\x04broken")
    with pytest.raises(LibreOfficeError, match="1 dari 2 masukan") as raised:
        recalculate([good, broken])
    assert str(broken) in str(raised.value)
    assert str(good) not in str(raised.value)


@pytest.mark.libreoffice
def test_pdf_export(recalculate: LibreOffice, tmp_path: Path) -> None:
    book = _workbook(tmp_path / "book.xlsx", {"A1": "Predikat", "B1": "=1+2"})
    pdf = recalculate.pdf([book])[book]
    assert pdf.suffix == ".pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs Linux /proc")
def test_a_run_past_its_timeout_is_killed_with_its_children(tmp_path: Path) -> None:
    # A stand-in for soffice that, like the real wrapper, leaves the work to a child
    # process; killing only the process we started would leave the child running.
    soffice = tmp_path / "soffice"
    soffice.write_text(
        "#!/bin/sh\n"
        f"{shlex.quote(sys.executable)} -c 'import time; time.sleep(60)' \"$@\" >/dev/null 2>&1 &\n"
        "wait\n"
    )
    soffice.chmod(0o755)
    engine = LibreOffice(str(soffice), tmp_path / "engine", timeout=0.5)
    book = _workbook(tmp_path / "book.xlsx", {"A1": "=1"})
    started = time.monotonic()
    with pytest.raises(LibreOfficeError, match=r"melewati batas waktu 0\.5 dtk"):
        engine([book])
    assert time.monotonic() - started < 30
    assert _processes_using(engine.profile.as_uri(), grace=5) == []


def _processes_using(argument: str, *, grace: float) -> list[int]:
    """Live processes with ``argument`` on their command line, once ``grace`` s passed."""
    deadline = time.monotonic() + grace
    while (found := _scan(argument)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return found


def _scan(argument: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if argument.encode() in cmdline and proc.name.isdigit() and int(proc.name) != os.getpid():
            found.append(int(proc.name))
    return found


def _absent(_: str) -> None:
    return None


@pytest.mark.parametrize("value", ["true", "TRUE", "True", "1", " true "])
def test_ci_values_that_mean_ci(value: str) -> None:
    assert is_ci({"CI": value})


@pytest.mark.parametrize("env", [{}, {"CI": ""}, {"CI": "false"}, {"CI": "0"}, {"CI": "no"}])
def test_ci_values_that_do_not_mean_ci(env: dict[str, str]) -> None:
    assert not is_ci(env)


def test_missing_soffice_skips_on_a_laptop() -> None:
    with pytest.raises(pytest.skip.Exception, match="soffice"):
        find_soffice({}, which=_absent)


@pytest.mark.parametrize("value", ["true", "1"])
def test_missing_soffice_fails_in_ci(value: str) -> None:
    with pytest.raises(pytest.fail.Exception, match="CI"):
        find_soffice({"CI": value}, which=_absent)


def test_soffice_found_is_returned_even_in_ci() -> None:
    assert find_soffice({"CI": "true"}, which=lambda _: "/opt/lo/soffice") == "/opt/lo/soffice"
