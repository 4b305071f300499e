"""The committed blank workbooks equal a fresh build, and their golden dumps are current.

After a deliberate layout change: ``skp-xl templates workbook_templates`` rebuilds the
files, and ``SKP_XL_UPDATE_GOLDEN=1 pytest tests/workbook/test_templates.py`` rewrites
the golden dumps under tests/data/golden/, whose diff then shows what changed.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from skp_xl.templates import template_builders
from tests.dump import dump_workbook

ROOT = Path(__file__).parents[2]
TEMPLATES = ROOT / "workbook_templates"
GOLDEN = ROOT / "tests" / "data" / "golden"
BUILDERS = dict(template_builders())


def _diff(expected: list[str], actual: list[str]) -> str:
    lines = difflib.unified_diff(expected, actual, "expected", "actual", lineterm="", n=1)
    return "\n".join(list(lines)[:40])


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("templates")
    dumps = {}
    for name, build in BUILDERS.items():
        path = folder / name
        build().save(path)
        dumps[name] = dump_workbook(path)
    return dumps


@pytest.mark.parametrize("name", BUILDERS)
def test_committed_template_equals_a_fresh_build(name: str, fresh: dict[str, list[str]]) -> None:
    committed = TEMPLATES / name
    assert committed.exists(), f"{committed} is missing: run skp-xl templates workbook_templates"
    dump = dump_workbook(committed)
    assert dump == fresh[name], (
        f"{name} differs from a fresh build (run skp-xl templates workbook_templates):\n"
        + _diff(dump, fresh[name])
    )


@pytest.mark.parametrize("name", BUILDERS)
def test_golden_dump_is_current(name: str, fresh: dict[str, list[str]]) -> None:
    golden = GOLDEN / name.replace(".xlsx", ".txt")
    if os.environ.get("SKP_XL_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text("\n".join(fresh[name]) + "\n", encoding="utf-8")
    expected = golden.read_text(encoding="utf-8").splitlines()
    assert expected == fresh[name], (
        f"{name} changed against {golden.relative_to(ROOT)} "
        "(if intended: SKP_XL_UPDATE_GOLDEN=1):\n" + _diff(expected, fresh[name])
    )


def test_every_jenis_and_pendekatan_has_a_template() -> None:
    assert sorted(BUILDERS) == [
        "matriks-peran-hasil.xlsx",
        "skp-ja-kualitatif.xlsx",
        "skp-ja-kuantitatif.xlsx",
        "skp-jf-kualitatif.xlsx",
        "skp-jf-kuantitatif.xlsx",
        "skp-jpt-kualitatif.xlsx",
        "skp-jpt-kuantitatif.xlsx",
    ]


def test_builders_are_deterministic(tmp_path: Path) -> None:
    build: Callable[[], Workbook] = BUILDERS["skp-ja-kuantitatif.xlsx"]
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    build().save(a)
    build().save(b)
    assert dump_workbook(a) == dump_workbook(b)
