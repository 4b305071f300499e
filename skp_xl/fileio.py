"""Writing outputs safely: never half a file, never over an existing one by accident."""

from __future__ import annotations

import contextlib
import datetime
import os
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from skp_xl.errors import OutputExistsError

if TYPE_CHECKING:
    from openpyxl import Workbook


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success, move it into place at once.

    Readers of ``path`` see the old file or the complete new one, never a partial write,
    and a failure leaves ``path`` as it was.

    Args:
        path: The final output file.
        force: Replace ``path`` when it exists.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false (checked before any work).
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        tmp_path.chmod(0o666 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        tmp_path.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_folder(path: Path, *, force: bool = False) -> Iterator[Path]:
    """Yield an empty temporary folder beside ``path``; on success, put it in its place.

    The new folder appears whole under its name by one rename. With ``force``, a folder
    already there is first renamed aside and removed after the new one is in place, so
    a failure leaves the old one as it was.

    Args:
        path: The final output folder.
        force: Replace ``path`` when it exists.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false (checked before any work).
    """
    path = Path(path)
    if path.exists() and not force:
        raise OutputExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp_path = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    old: Path | None = None
    try:
        yield tmp_path
        tmp_path.chmod(0o777 & ~_umask())
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.lama.", dir=path.parent))
            os.replace(path, old / path.name)
        os.replace(tmp_path, path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def source_date() -> datetime.datetime | None:
    """The build time fixed by ``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC), the
    reproducible-builds convention, or None when it is not set or not a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.datetime.fromtimestamp(int(value), tz=datetime.UTC).replace(tzinfo=None)


class _ZipOnDate(zipfile.ZipFile):
    """A ZipFile whose members carry one fixed date, not the clock's or a file's."""

    def __init__(self, file: Path, when: datetime.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        # The zip format's dates start in 1980.
        self.when = max(when, datetime.datetime(1980, 1, 1)).timetuple()[:6]

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: str | bytes,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            # What ZipFile.writestr makes of a name, but on the fixed date.
            zinfo = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.when)
            zinfo.compress_type = self.compression
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(  # type: ignore[override]
        self,
        filename: str | os.PathLike[str],
        arcname: str | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl writes each worksheet to a temporary file and adds it by name, which
        # would date the member by that file's time.
        data = Path(filename).read_bytes()
        self.writestr(arcname or os.fspath(filename), data, compress_type, compresslevel)


def save_on_date(wb: Workbook, path: Path, when: datetime.datetime) -> None:
    """Save ``wb`` to ``path`` as openpyxl does, but dated ``when`` throughout (the
    document's created and modified times, every zip member's date), so that one build
    gives the same bytes each time it is run."""
    from openpyxl.writer.excel import ExcelWriter

    wb.properties.created = wb.properties.modified = when
    with _ZipOnDate(path, when) as archive:
        ExcelWriter(wb, archive).write_data()
