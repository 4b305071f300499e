"""LibreOffice headless as the tests' spreadsheet engine: recalculate workbooks, export PDF.

Formulas are checked by a real engine, never by trusting cached values. A test asks the
session-scoped ``recalculate`` fixture (tests/conftest.py), a :class:`LibreOffice`, to
recalculate a batch of workbooks in one soffice run, then reads the computed values:

    def test_total(recalculate: LibreOffice, tmp_path: Path) -> None:
        path = tmp_path / "book.xlsx"
        ...  # write the workbook with openpyxl
        result = recalculate([path])[path]
        assert result.values["Sheet"]["C2"] == 3
        openpyxl.load_workbook(result.path)  # the re-saved copy, for names, validation...

soffice takes 1-2 s to start, so put every workbook of a module in one call (through a
module-scoped fixture) rather than one call per test. ``recalculate.pdf(paths)`` exports
PDFs the same way.

The soffice command line, its private profile (recalculation forced on load), the output
checks and the timeout are those of the package's runner, :mod:`skp_xl.libreoffice`; this
harness adds the computed values, and one profile per pytest-xdist worker (two soffice
processes must not share one).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

from skp_xl.errors import LibreOfficeError
from skp_xl.libreoffice import Soffice
from skp_xl.settings import SOFFICE_TIMEOUT

__all__ = [
    "LibreOffice",
    "LibreOfficeError",
    "Recalculated",
    "Values",
    "find_soffice",
    "is_ci",
    "read_values",
]

Values = dict[str, dict[str, object]]
"""Computed values of a workbook: sheet title -> A1 coordinate -> value."""


@dataclass(frozen=True)
class Recalculated:
    """One input workbook after a LibreOffice recalculation.

    Attributes:
        source: The input path, as given (never modified).
        path: LibreOffice's re-saved .xlsx copy; open it with openpyxl to check what
            survives a round trip (defined names, validation, hidden sheets...).
        values: Computed value of every non-empty cell, see :func:`read_values`.
    """

    source: Path
    path: Path
    values: Values = field(repr=False)


def read_values(path: Path) -> Values:
    """The computed (cached) value of every non-empty cell of a workbook.

    Read with openpyxl ``data_only=True`` rather than python-calamine: openpyxl keeps
    integers as ``int`` and the A1 coordinates, and it tells a formula that computed
    ``""`` (cell type ``str`` with no value, given here as ``""``) from a blank cell
    (left out), where calamine returns ``""`` for both. Error values come back as their
    text, e.g. ``"#N/A"``. Read-only mode: five times faster on full SKP workbooks.

    Args:
        path: An .xlsx file, normally one LibreOffice has just saved.

    Returns:
        Sheet title -> A1 coordinate -> value; blank cells are absent.
    """
    wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        values: Values = {}
        for ws in wb.worksheets:
            cells: dict[str, object] = {}
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is not None:
                        cells[cell.coordinate] = cell.value
                    elif cell.data_type == "str":
                        cells[cell.coordinate] = ""
            values[ws.title] = cells
        return values
    finally:
        wb.close()


class LibreOffice:
    """A soffice executable with a private user profile, converting files in batches.

    One instance per process: soffice hands work to an instance already running on the
    same profile, so concurrent processes need distinct ``workdir``s.

    Args:
        soffice: Path of the soffice executable.
        workdir: Private scratch folder (profile, HOME, TMPDIR, staged inputs, outputs).
        timeout: Seconds one soffice run may take before its process group is killed.
    """

    def __init__(self, soffice: str, workdir: Path, *, timeout: float = SOFFICE_TIMEOUT) -> None:
        self.engine = Soffice(soffice, workdir, timeout=timeout)
        self.profile = self.engine.profile

    def __call__(self, paths: Iterable[Path]) -> dict[Path, Recalculated]:
        """Same as :meth:`recalculate`."""
        return self.recalculate(paths)

    def recalculate(self, paths: Iterable[Path]) -> dict[Path, Recalculated]:
        """Recalculate workbooks in one soffice run and read their computed values.

        Args:
            paths: Workbooks (.xlsx, .ods...); names may repeat across folders.

        Returns:
            Each input path (as given) -> its recalculated copy and values.

        Raises:
            LibreOfficeError: An output is missing (the message lists which inputs) or
                soffice timed out.
        """
        outputs = self.engine.recalculate(paths)
        return {
            source: Recalculated(source, output, read_values(output))
            for source, output in outputs.items()
        }

    def pdf(self, paths: Iterable[Path]) -> dict[Path, Path]:
        """Export workbooks to PDF in one soffice run (recalculated first, print area kept).

        Returns:
            Each input path (as given) -> its PDF.

        Raises:
            LibreOfficeError: As for :meth:`recalculate`.
        """
        return self.engine.pdf(paths)

    def convert(self, paths: Iterable[Path], target: str) -> dict[Path, Path]:
        """Run ``soffice --convert-to <target>`` once over copies of ``paths``; see
        :meth:`skp_xl.libreoffice.Soffice.convert`."""
        return self.engine.convert(paths, target)


def is_ci(env: Mapping[str, str]) -> bool:
    """Whether we run in CI: ``CI`` is ``true`` (any case) or ``1``."""
    return env.get("CI", "").strip().lower() in {"true", "1"}


def find_soffice(env: Mapping[str, str], which: Callable[[str], str | None] = shutil.which) -> str:
    """The soffice executable; without one, skip the test on a laptop but fail it in CI.

    Args:
        env: The environment (``os.environ``); decides skip or fail.
        which: Looks an executable up on PATH (a fake in the harness's own tests).

    Returns:
        The path of soffice.

    Raises:
        pytest.skip.Exception: soffice is missing and this is not CI.
        pytest.fail.Exception: soffice is missing in CI, where a skip would hide it.
    """
    found = which("soffice")
    if found is None:
        if is_ci(env):
            pytest.fail(
                "LibreOffice (soffice) is not on PATH but CI is set: formula tests must "
                "run in CI; install libreoffice-calc (.ci/run does).",
                pytrace=False,
            )
        pytest.skip("LibreOffice (soffice) is not on PATH; install libreoffice-calc to run this")
    return found
