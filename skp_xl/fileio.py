"""Writing outputs safely: never half a file, never over an existing one by accident."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from skp_xl.errors import OutputExistsError


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
