"""Shared fixtures: LibreOffice headless as the engine that checks formulas."""

from __future__ import annotations

import os

import pytest

from tests.libreoffice import LibreOffice, find_soffice


@pytest.fixture(scope="session")
def recalculate(tmp_path_factory: pytest.TempPathFactory) -> LibreOffice:
    """The LibreOffice engine of this test process: call it with workbook paths.

    ``recalculate([path])[path].values[sheet][cell]`` is a computed value;
    ``recalculate.pdf([path])[path]`` a PDF export. See tests/libreoffice.py. Skips
    without soffice, but fails when ``CI`` is true.
    """
    soffice = find_soffice(os.environ)
    # One profile per xdist worker: a second soffice on a profile in use hands its work
    # to the first one instead of doing it.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return LibreOffice(soffice, tmp_path_factory.mktemp(f"libreoffice-{worker}"))


@pytest.fixture(autouse=True, scope="session")
def _private_result_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Consolidations in tests keep their result cache in the test's temporary folder,
    never in the user's cache folder (the subprocesses a test starts inherit it)."""
    os.environ.setdefault("SKP_XL_CACHE", str(tmp_path_factory.mktemp("cache")))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the engine ``libreoffice``, so ``-m`` can select it."""
    for item in items:
        if "recalculate" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.libreoffice)
