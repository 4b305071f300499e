"""A clean agency written: files where the manifest says, plans that cascade when read
back, workbooks that validate, the same bytes from the same seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.domain.findings import Severity
from skp_xl.samples import AgencyManifest, generate_agency
from skp_xl.samples.organisation import slug
from skp_xl.validation import validate_file
from tests.samples.conftest import cascading_checked


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> AgencyManifest:
    folder = tmp_path_factory.mktemp("bersih")
    return generate_agency(folder, pegawai=12, seed=3, masalah=False, jobs=1)


def test_each_workbook_sits_in_its_unit_folder(clean: AgencyManifest) -> None:
    files = sorted(clean.folder.rglob("*.xlsx"))

    assert files == sorted(b.path for b in clean.berkas)
    assert len(files) == clean.pegawai == 12
    for berkas in clean.berkas:
        assert berkas.path.relative_to(clean.folder).parts[:-1] == berkas.folder
        assert berkas.path.name.startswith(f"{berkas.nip}_")
        name = berkas.path.stem.split("_", 1)[1]
        assert name == slug(name)
        assert set(name.split("-")) <= set(slug(berkas.nama).split("-"))
        if berkas.unit:
            assert berkas.folder[0] == berkas.unit
    assert [u.nama for u in clean.units] == [
        "",
        "Biro Umum dan Keuangan",
        "Pusat Riset Oseanografi",
    ]
    assert not any(clean.masalah.values())


def test_plans_cascade_when_read_back(clean: AgencyManifest) -> None:
    assert cascading_checked(clean) >= 10


def test_clean_agency_validates_without_errors(clean: AgencyManifest) -> None:
    unexpected = []
    for berkas in clean.berkas:
        for finding in validate_file(berkas.path).findings:
            if finding.severity is not Severity.INFO:
                unexpected.append((berkas.path.name, finding.cell, finding.code))
    assert unexpected == []


def test_same_seed_writes_the_same_bytes_in_one_process_or_several(tmp_path: Path) -> None:
    one = generate_agency(tmp_path / "satu", pegawai=30, seed=9, jobs=1)
    two = generate_agency(tmp_path / "dua", pegawai=30, seed=9, jobs=2)

    assert len(one.berkas) > 25  # more than one batch: the second run used the pool
    for a, b in zip(one.berkas, two.berkas, strict=True):
        assert a.path.relative_to(one.folder) == b.path.relative_to(two.folder)
        assert a.path.read_bytes() == b.path.read_bytes()


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []

    generate_agency(tmp_path, pegawai=3, masalah=False, jobs=1, progress=lambda *a: seen.append(a))

    assert seen == [(3, 3)]
