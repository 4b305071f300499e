"""LibreOffice headless, the spreadsheet engine outside Excel: PDF export and recalculation.

One runner for the add-in's Ekspor PDF on a file and for the tests' formula checks. What it
relies on (measured with LibreOffice 7.4): soffice's exit code is always 0, so every
expected output file is checked; two soffice processes must not share a user profile (the
second hands its work to the first), so each runner has its own, with its own HOME and
TMPDIR; and a profile must force recalculation on load, or cells with a cached value
(XlsxWriter's 0, Excel's real ones) keep it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final

from skp_xl.errors import LibreOfficeError
from skp_xl.fileio import atomic_output
from skp_xl.settings import SOFFICE_ENV, SOFFICE_TIMEOUT

__all__ = [
    "RECALCULATE_ON_LOAD",
    "LibreOfficeError",
    "Soffice",
    "export_pdf",
    "find_soffice",
    "recalculate",
]

# Recalculation on load: 0 = always, for files saved by Excel/OOXML producers and for ODF.
RECALCULATE_ON_LOAD: Final = """\
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
"""The user profile's ``registrymodifications.xcu``: recalculate every formula on load."""

_PLACES: Final = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


def find_soffice(env: Mapping[str, str] | None = None) -> str | None:
    """LibreOffice's ``soffice``: ``SKP_XL_SOFFICE``, the PATH, or its usual install place.

    Args:
        env: The environment; ``os.environ`` by default.

    Returns:
        The executable, or None when LibreOffice is not found.
    """
    env = os.environ if env is None else env
    if env.get(SOFFICE_ENV):
        return env[SOFFICE_ENV]
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _PLACES if Path(p).is_file()), None)


class Soffice:
    """A soffice executable with a private user profile, converting files in batches.

    One instance per concurrent process: soffice hands work to an instance already running
    on the same profile, so concurrent processes need distinct ``workdir``s. soffice takes
    1-2 s to start, so convert many files in one call.

    Args:
        executable: Path of the soffice executable (see :func:`find_soffice`).
        workdir: Private scratch folder (profile, HOME, TMPDIR, staged inputs, outputs).
        timeout: Seconds one soffice run may take before its process group is killed.

    Attributes:
        profile: The user profile folder (it forces recalculation on load).
    """

    def __init__(self, executable: str, workdir: Path, *, timeout: float = SOFFICE_TIMEOUT) -> None:
        self.executable = executable
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

    def recalculate(self, paths: Iterable[Path]) -> dict[Path, Path]:
        """Recalculate workbooks and save each as .xlsx, in one soffice run.

        Returns:
            Each input path (as given) -> its recalculated copy.

        Raises:
            LibreOfficeError: As for :meth:`convert`.
        """
        return self.convert(paths, "xlsx")

    def pdf(self, paths: Iterable[Path]) -> dict[Path, Path]:
        """Export workbooks to PDF in one soffice run (recalculated first, print area kept).

        Returns:
            Each input path (as given) -> its PDF.

        Raises:
            LibreOfficeError: As for :meth:`convert`.
        """
        return self.convert(paths, "pdf")

    def convert(self, paths: Iterable[Path], target: str) -> dict[Path, Path]:
        """Run ``soffice --convert-to <target>`` once over copies of ``paths``.

        Inputs are copied to unique names in a staging folder first: the output folder
        must differ from the input folder, same-named files from different folders would
        overwrite each other, and the inputs stay untouched.

        Args:
            paths: Input files.
            target: A ``--convert-to`` argument whose extension part (before any ``:``)
                is the output suffix, e.g. ``"xlsx"`` or ``"pdf"``.

        Returns:
            Each input path (as given) -> its output file, under ``workdir``.

        Raises:
            LibreOfficeError: An output is missing (the message lists which inputs) or
                soffice timed out.
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
            self.executable,
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
                f"soffice --convert-to {target} tidak menghasilkan berkas untuk "
                f"{len(failed)} dari {len(sources)} masukan:\n{listed}\nKeluaran soffice:\n{log}"
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
            if hasattr(os, "killpg"):
                os.killpg(process.pid, signal.SIGKILL)
            else:  # Windows: no process groups; stop the process itself
                process.kill()
            log, _ = process.communicate()
            raise LibreOfficeError(
                f"soffice melewati batas waktu {self.timeout:g} dtk untuk {len(sources)} "
                f"masukan dan dihentikan; masukan pertama: {sources[0]}\nKeluaran soffice:\n{log}"
            ) from None
        return log


def export_pdf(
    source: Path, target: Path, *, executable: str, timeout: float = SOFFICE_TIMEOUT
) -> Path:
    """Print a workbook (its print areas, recalculated) to the PDF ``target``, atomically.

    Args:
        source: The workbook.
        target: The PDF to write (replaced if it exists).
        executable: The soffice executable (see :func:`find_soffice`).
        timeout: Seconds soffice may take.

    Returns:
        ``target``.

    Raises:
        LibreOfficeError: soffice made no PDF or ran out of time.
    """
    return _convert_one(source, target, "pdf", executable=executable, timeout=timeout)


def recalculate(
    source: Path, target: Path, *, executable: str, timeout: float = SOFFICE_TIMEOUT
) -> Path:
    """Recalculate every formula of a workbook and save it as the .xlsx ``target``.

    Args:
        source: The workbook.
        target: The .xlsx to write (replaced if it exists).
        executable: The soffice executable (see :func:`find_soffice`).
        timeout: Seconds soffice may take.

    Returns:
        ``target``.

    Raises:
        LibreOfficeError: soffice made no output or ran out of time.
    """
    return _convert_one(source, target, "xlsx", executable=executable, timeout=timeout)


def _convert_one(source: Path, target: Path, kind: str, *, executable: str, timeout: float) -> Path:
    # A fresh profile per call: a one-off conversion must not meet another soffice.
    with tempfile.TemporaryDirectory(prefix="skp-xl-soffice-") as folder:
        output = Soffice(executable, Path(folder), timeout=timeout).convert([source], kind)
        with atomic_output(target, force=True) as temporary:
            shutil.copyfile(output[source], temporary)
    return target
