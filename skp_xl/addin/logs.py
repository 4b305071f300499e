"""The add-in's log: one file per user, where a failure's traceback goes instead of a cell.

The folder is the usual per-user log place of each system, computed with the standard
library the way platformdirs does: ``%LOCALAPPDATA%\\skp-xl\\Logs`` on Windows,
``~/Library/Logs/skp-xl`` on macOS, ``$XDG_STATE_HOME/skp-xl/log`` (default
``~/.local/state/skp-xl/log``) elsewhere. ``SKP_XL_LOG_DIR`` overrides it.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from logging.handlers import RotatingFileHandler
from pathlib import Path

APP = "skp-xl"
LOG_FILE = "skp-xl.log"
LOG_DIR_ENV = "SKP_XL_LOG_DIR"
"""Environment variable that, when set, names the log folder."""
MAX_BYTES = 1_000_000
BACKUPS = 3

logger = logging.getLogger("skp_xl.addin")
"""The add-in's logger; :func:`log_path` is where it writes once :func:`setup` ran."""


def log_dir(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    home: Path | None = None,
) -> Path:
    """The per-user folder of the add-in's log.

    Args:
        env: Environment variables; ``os.environ`` when omitted.
        platform: ``sys.platform`` value; the running one when omitted.
        home: The user's home folder; ``Path.home()`` when omitted.

    Returns:
        The folder (not created).
    """
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    home = Path.home() if home is None else home
    if env.get(LOG_DIR_ENV):
        return Path(env[LOG_DIR_ENV])
    if platform.startswith("win"):
        base = env.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / APP / "Logs"
    if platform == "darwin":
        return home / "Library" / "Logs" / APP
    state = env.get("XDG_STATE_HOME") or str(home / ".local" / "state")
    return Path(state) / APP / "log"


def log_path() -> Path:
    """The add-in's log file."""
    return log_dir() / LOG_FILE


def setup() -> Path:
    """Send the add-in's logger to the per-user log file (once per process).

    Returns:
        The log file. When its folder cannot be created, logging stays off and the
        path is still returned, for messages.
    """
    path = log_path()
    for handler in list(logger.handlers):
        if isinstance(handler, RotatingFileHandler):
            if handler.baseFilename == str(path.absolute()):
                return path
            # The folder changed (SKP_XL_LOG_DIR): write to the new one only.
            logger.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return path
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    return path
