"""An agency with its deliberate problems: each found where the manifest lists it, and
nowhere else; the acting head and the mutasi as a consolidation would see them."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.domain.vocabulary import PeriodeEvaluasi
from skp_xl.samples import MASALAH, AgencyManifest, generate_agency
from skp_xl.validation import read_file, validate_file
from tests.samples.conftest import cascading_checked, records


@pytest.fixture(scope="module")
def troubled(tmp_path_factory: pytest.TempPathFactory) -> AgencyManifest:
    folder = tmp_path_factory.mktemp("bermasalah")
    return generate_agency(folder, pegawai=12, seed=1, jobs=1)


def test_every_problem_is_in_the_small_agency(troubled: AgencyManifest) -> None:
    assert set(troubled.masalah) == set(MASALAH)
    assert all(troubled.masalah.values())
    assert len(troubled.berkas) == troubled.pegawai + 2  # the Plt. and the second unit


def test_each_checked_problem_is_found_where_listed(troubled: AgencyManifest) -> None:
    found: dict[Path, set[str]] = {}
    for berkas in troubled.berkas:
        found[berkas.path] = {f.code for f in validate_file(berkas.path).findings}
    for code in ("rating-berbeda-saran", "realisasi-kosong", "nip-rusak-excel"):
        [path] = troubled.masalah[code]
        assert code in found[path]
        assert [p for p, codes in found.items() if code in codes] == [path]


def test_acting_head_and_mutasi(troubled: AgencyManifest) -> None:
    own, acting = troubled.masalah["plt"]
    [plt] = [b for b in troubled.berkas if b.jabatan.startswith("Plt. ")]
    assert plt.path == acting
    assert own.name == acting.name  # one NIP, two workbooks
    assert any(b.penilai_nip == plt.nip and b.path != own for b in troubled.berkas)

    before, after = troubled.masalah["mutasi"]
    assert before.name == after.name
    assert before.parts[len(troubled.folder.parts)] != after.parts[len(troubled.folder.parts)]
    first, _ = read_file(before)
    second, _ = read_file(after)
    assert first is not None
    assert second is not None
    assert (first.pegawai.nip.value, second.pegawai.nip.value) == (
        before.name[:18],
        before.name[:18],
    )
    assert [p for p, e in first.evaluasi.items() if e.dinilai] == [
        PeriodeEvaluasi.TW1,
        PeriodeEvaluasi.TW2,
    ]
    assert [p for p, e in second.evaluasi.items() if e.dinilai] == [
        PeriodeEvaluasi.TW3,
        PeriodeEvaluasi.TW4,
        PeriodeEvaluasi.AKHIR,
    ]


def test_manifest_names_each_workbooks_penilai(troubled: AgencyManifest) -> None:
    read = records(troubled)
    for berkas in troubled.berkas:
        record = read[berkas.path]
        assert record.penilai.nip.value == berkas.penilai_nip
        assert (record.atasan.nip.value or None) == berkas.atasan_nip
        assert record.pegawai.jabatan.teks == berkas.jabatan
    assert [b.penilai_nip for b in troubled.berkas if b.unit == ""] == [None]


def test_plans_cascade_through_the_acting_head(troubled: AgencyManifest) -> None:
    assert cascading_checked(troubled) >= 10


def test_units_record_capaian_and_pola_distribusi(troubled: AgencyManifest) -> None:
    read = records(troubled)
    for unit in troubled.units:
        assert list(unit.capaian) == [p for p in PeriodeEvaluasi if p in unit.capaian]
        for berkas in troubled.berkas:
            if berkas.unit != unit.nama:
                continue
            for periode in berkas.predikat:
                capaian = read[berkas.path].evaluasi[periode].capaian_organisasi
                assert capaian.teks == unit.capaian[periode].value
    [lenient] = [u for u in troubled.units if u.lunak]
    assert not any(lenient.pola_sesuai.values())
