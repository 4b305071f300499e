"""The file engine's snapshot: names come from the triage, which read them already."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from skp_xl.reader.names import DefinedRange
from skp_xl.reader.snapshot import open_snapshot
from skp_xl.reader.triage import triage
from tests.reader import hostile
from tests.reader.hostile import SAMPLES

TEMPLATE = Path(__file__).parents[2] / "workbook_templates" / "skp-ja-kuantitatif.xlsx"


def test_the_snapshot_takes_its_names_from_the_triage() -> None:
    triaged = triage(TEMPLATE)
    assert triaged.index is not None
    only = DefinedRange("PEGAWAI_NIP", "SKP", 7, 4, 7, 4)
    told = replace(triaged, index=replace(triaged.index, names={"PEGAWAI_NIP": only}))

    snapshot = open_snapshot(TEMPLATE, told)

    assert snapshot.names == {"PEGAWAI_NIP": only}
    assert snapshot.named("PEGAWAI_NIP") == ("SKP", 7, 4)


def test_the_snapshot_has_the_names_of_the_workbook() -> None:
    triaged = triage(TEMPLATE)
    assert triaged.index is not None

    snapshot = open_snapshot(TEMPLATE, triaged)

    assert snapshot.names == triaged.index.names
    assert "PEGAWAI_NIP" in snapshot.names


def test_a_file_the_triage_refused_is_not_opened(tmp_path: Path) -> None:
    path = hostile.write(next(s for s in SAMPLES if s.code == "berkas-rusak"), tmp_path)
    triaged = triage(path)
    assert not triaged.readable

    with pytest.raises(ValueError, match="triase"):
        open_snapshot(path, triaged)
