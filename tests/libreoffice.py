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

What we rely on (measured with LibreOffice 7.4): soffice's exit code is always 0, so
every expected output file is checked; two soffice processes must not share a user
profile, so each pytest-xdist worker gets its own; a profile must force recalculation on
load, or cells with a cached value (XlsxWriter's 0, Excel's real ones) keep it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest

DEFAULT_TIMEOUT = 180.0
"""Seconds one soffice run may take; 200 small workbooks take about 21 s."""

# Recalculation on load: 0 = always, for files saved by Excel/OOXML producers and for ODF.
RECALCULATE_ON_LOAD = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" \
xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""

Values = dict[str, dict[str, object]]
"""Computed values of a workbook: sheet title -> A1 coordinate -> value."""


class LibreOfficeError(RuntimeError):
    """soffice did not produce every output it was asked for (or ran out of time)."""


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

    def __init__(self, soffice: str, workdir: Path, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self.soffice = soffice
        self.workdir = workdir
        self.timeout = timeout
        self.profile = workdir / "profile"
        self._home = workdir / "home"
        self._tmp = workdir / "tmp"
        self._runs = 0
        for folder in (self.profile / "user", self._home, self._tmp):
            folder.mkdir(parents=True, exist_ok=True)
        xcu = self.profile / "user" / "registrymodifications.xcu"
        if not xcu.exists():
            xcu.write_text(RECALCULATE_ON_LOAD, encoding="utf-8")

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
        outputs = self.convert(paths, "xlsx")
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
        return self.convert(paths, "pdf")

    def convert(self, paths: Iterable[Path], target: str) -> dict[Path, Path]:
        """Run ``soffice --convert-to <target>`` once over copies of ``paths``.

        Inputs are copied to unique names in a staging folder first, so same-named files
        from different folders do not overwrite each other and inputs stay untouched.

        Args:
            paths: Input files.
            target: A ``--convert-to`` argument whose extension part (before any ``:``)
                is the output suffix, e.g. ``"xlsx"`` or ``"pdf"``.

        Returns:
            Each input path (as given) -> its output file.

        Raises:
            LibreOfficeError: An output is missing or soffice timed out.
        """
        sources = list(dict.fromkeys(paths))
        if not sources:
            return {}
        self._runs += 1
        run = self.workdir / "runs" / f"{self._runs:03d}"
        staging, out = run / "in", run / "out"
        staging.mkdir(parents=True)
        out.mkdir()
        staged: list[Path] = []
        for index, source in enumerate(sources):
            stem = re.sub(r"[^A-Za-z0-9_-]+", "_", source.stem)[:40]
            copy = staging / f"{index:03d}-{stem}{source.suffix}"
            shutil.copyfile(source, copy)
            staged.append(copy)
        command = [
            self.soffice,
            f"-env:UserInstallation={self.profile.as_uri()}",
            "--headless",
            "--calc",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, staged),
        ]
        log = self._run(command, sources)
        suffix = target.split(":", 1)[0]
        outputs = {
            source: out / f"{copy.stem}.{suffix}"
            for source, copy in zip(sources, staged, strict=True)
        }
        failed = [source for source, output in outputs.items() if not output.is_file()]
        if failed:
            listed = "\n".join(f"  {source}" for source in failed)
            raise LibreOfficeError(
                f"soffice --convert-to {target} produced no output for "
                f"{len(failed)} of {len(sources)} input(s):\n{listed}\nsoffice said:\n{log}"
            )
        return outputs

    def _run(self, command: Sequence[str], sources: Sequence[Path]) -> str:
        env = {**os.environ, "HOME": str(self._home), "TMPDIR": str(self._tmp)}
        # A session of its own, so a timeout kills soffice.bin as well as the soffice
        # wrapper script that started it.
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            text=True,
        )
        try:
            log, _ = process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            log, _ = process.communicate()
            raise LibreOfficeError(
                f"soffice took more than {self.timeout:g} s for {len(sources)} input(s) "
                f"and was killed; first input: {sources[0]}\nsoffice said:\n{log}"
            ) from None
        return log


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
