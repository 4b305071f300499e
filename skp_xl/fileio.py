"""Writing outputs safely: never half a file, never over an existing one by accident."""

from __future__ import annotations

import contextlib
import os
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
