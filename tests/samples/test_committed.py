"""The committed samples are what scripts/make_samples.py makes today.

``samples/instansi/`` must equal a fresh default generation cell by cell (zip bytes may
differ with another zlib); each file of ``samples/bermasalah/`` must get the finding
tests/reader/hostile.py gives it; every path samples/README.md names must exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from skp_xl.domain.codes import Code
from skp_xl.reader.triage import triage
from skp_xl.samples import generate_agency
from skp_xl.validation import validate_file
from tests.reader.hostile import SAMPLES, Sample
from tests.samples.conftest import dump

SAMPLES_DIR = Path(__file__).parents[2] / "samples"
INSTANSI = SAMPLES_DIR / "instansi"
BERMASALAH = SAMPLES_DIR / "bermasalah"
REGENERATE = "regenerate with: .venv/bin/python scripts/make_samples.py"


def _relative(folder: Path) -> list[Path]:
    return sorted(p.relative_to(folder) for p in folder.rglob("*.xlsx"))


def test_committed_agency_equals_a_fresh_generation(tmp_path: Path) -> None:
    manifest = generate_agency(tmp_path, jobs=1)

    assert _relative(INSTANSI) == _relative(tmp_path), REGENERATE
    for berkas in manifest.berkas:
        committed = INSTANSI / berkas.path.relative_to(tmp_path)
        assert dump(committed) == dump(berkas.path), f"{committed}: {REGENERATE}"


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.filename)
def test_each_bad_file_gets_its_finding(sample: Sample) -> None:
    path = BERMASALAH / sample.filename

    findings = triage(path).findings

    assert path.exists(), REGENERATE
    assert [f.code for f in findings] == ([sample.code] if sample.code else [])
    if sample.code is not None:
        assert sample.code in {f.code for f in validate_file(path).findings}


def test_bad_files_are_all_listed() -> None:
    expected = {s.filename for s in SAMPLES} | {"README.md"}
    assert {p.name for p in BERMASALAH.iterdir()} == expected, REGENERATE
    readme = (BERMASALAH / "README.md").read_text(encoding="utf-8")
    assert all(f"`{s.filename}`" in readme for s in SAMPLES)


def test_paths_named_in_the_samples_readme_exist() -> None:
    readme = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    named = re.findall(r"`(instansi/[^`]+\.xlsx)`", readme)

    assert len(named) >= 7
    missing = [name for name in named if not (SAMPLES_DIR / name).is_file()]
    assert missing == []


def test_each_deliberate_problem_is_in_the_file_the_samples_readme_names() -> None:
    """The README's table of deliberate problems names, per finding code, the file that
    shows it: `validate` on that file must report the code (the table went stale once,
    naming files the generator no longer picked)."""
    readme = (SAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \|.*\| `(instansi/[^`]+\.xlsx)` \|$", readme, re.M)
    codes = {code.value for code in Code}
    checked = [(code, name) for code, name in rows if code in codes]
    assert len(checked) >= 3
    wrong = [
        (code, name)
        for code, name in checked
        if code not in {f.code for f in validate_file(SAMPLES_DIR / name).findings}
    ]
    assert wrong == []
