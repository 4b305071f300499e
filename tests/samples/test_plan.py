"""The planned agency: deterministic by seed, valid NIPs and pangkat, plans that cascade,
ratings that follow their suggestion, and the deliberate problems only when asked for."""

from __future__ import annotations

import datetime

import pytest

from skp_xl.domain.angka_kredit import normalize_jenjang
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.pangkat import parse_golongan
from skp_xl.domain.suggestion import saran_rating_hasil_kerja
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodeEvaluasi, Rating
from skp_xl.samples import MASALAH, plan_agency
from skp_xl.samples.data import GOLONGAN_JENJANG, GOLONGAN_STRUKTURAL
from skp_xl.samples.organisation import Tingkat, build_organisasi, unit_count
from skp_xl.samples.plan import PERIODE, Agency, pola_sesuai


@pytest.fixture(scope="module")
def agency() -> Agency:
    return plan_agency(50, seed=1, tahun=2025)


def test_same_seed_gives_the_same_agency() -> None:
    assert plan_agency(30, seed=7, tahun=2025) == plan_agency(30, seed=7, tahun=2025)
    assert plan_agency(30, seed=7, tahun=2025) != plan_agency(30, seed=8, tahun=2025)


@pytest.mark.parametrize(("pegawai", "units"), [(1, 0), (2, 1), (12, 2), (50, 5), (10_000, 71)])
def test_units_grow_with_the_agency(pegawai: int, units: int) -> None:
    assert unit_count(pegawai) == units


def test_default_agency_has_five_units_of_about_ten() -> None:
    import random

    org = build_organisasi(50, random.Random(1), tahun=2025)

    assert len(org.pegawai) == 50
    assert [u.nama for u in org.units][:2] == ["Biro Umum dan Keuangan", "Pusat Riset Oseanografi"]
    sizes = [sum(1 for p in org.pegawai if p.unit == u.nama) for u in org.units]
    assert len(sizes) == 5
    assert all(7 <= size <= 13 for size in sizes), sizes


def test_nips_are_valid_unique_and_agree_with_pangkat() -> None:
    import random

    org = build_organisasi(2000, random.Random(3), tahun=2025)
    nips = [p.nip for p in org.pegawai]

    assert len(set(nips)) == len(nips)
    for p in org.pegawai:
        nip = parse_nip(p.nip, today=datetime.date(2025, 1, 1))
        assert nip.tmt.year < 2025
        golongan = parse_golongan(p.pangkat)
        assert golongan.label == p.pangkat
        if p.tingkat is Tingkat.FUNGSIONAL:
            assert p.jenjang is not None
            assert normalize_jenjang(p.jenjang.value) is p.jenjang
            assert p.jabatan.endswith(p.jenjang.value)
            assert golongan.kode in GOLONGAN_JENJANG[p.jenjang]
        elif p.tingkat.value in GOLONGAN_STRUKTURAL:
            assert golongan.kode in GOLONGAN_STRUKTURAL[p.tingkat.value]


def test_superiors_are_planned_before_and_every_plan_cascades(agency: Agency) -> None:
    plans = {}
    for isian in agency.isian:
        berkas = isian.berkas
        if berkas.sumber is not None:
            assert berkas.sumber in plans
            superior = plans[berkas.sumber]
            if isian.rencana.pendekatan is Pendekatan.KUANTITATIF and berkas.jenis in (
                JenisJabatan.JA,
                JenisJabatan.JF,
            ):
                for hasil in isian.rencana.hasil_kerja:
                    assert hasil.rhk_pimpinan in superior.teks_rhk
        plans[berkas.kunci] = isian.rencana


def test_every_period_is_rated_and_the_rating_is_the_suggestion(agency: Agency) -> None:
    differing = []
    for isian in agency.isian:
        periods = tuple(e.periode for e in isian.evaluasi)
        assert periods == isian.berkas.periode
        for evaluasi in isian.evaluasi:
            kinds = [h.jenis for h in isian.rencana.hasil_kerja]
            saran = saran_rating_hasil_kerja(zip(kinds, evaluasi.penilaian, strict=True))
            assert saran.rating is evaluasi.saran
            if evaluasi.rating_hasil_kerja is not evaluasi.saran:
                differing.append((isian.berkas.kunci, evaluasi.periode))
    assert differing == [(agency.masalah["rating-berbeda-saran"][0], PeriodeEvaluasi.TW2)]


def test_one_capaian_per_unit_and_period(agency: Agency) -> None:
    for isian in agency.isian:
        for evaluasi in isian.evaluasi:
            unit = isian.berkas.unit
            assert evaluasi.capaian_organisasi is agency.capaian[unit, evaluasi.periode]


def test_most_units_follow_the_pola_distribusi_and_the_lenient_do_not(agency: Agency) -> None:
    followed = {}
    for unit in agency.organisasi.units:
        for periode in PERIODE:
            predikat = [
                e.predikat
                for i in agency.isian
                if i.berkas.unit == unit.nama
                for e in i.evaluasi
                if e.periode is periode
            ]
            followed[unit.nama, periode] = pola_sesuai(agency.capaian[unit.nama, periode], predikat)
    assert len(agency.lunak) == 1
    for (unit, _), sesuai in followed.items():
        if unit in agency.lunak:
            assert sesuai is False
    assert sum(1 for s in followed.values() if s) >= 15


def test_problems_only_when_asked_for(agency: Agency) -> None:
    clean = plan_agency(50, seed=1, tahun=2025, masalah=False)

    assert not any(i.berkas.masalah for i in clean.isian)
    assert sorted(i.berkas.kunci for i in clean.isian) == sorted(
        p.nip for p in clean.organisasi.pegawai
    )
    assert set(agency.masalah) == set(MASALAH)
    assert all(agency.masalah.values())
    tagged = {code for i in agency.isian for code in i.berkas.masalah}
    assert tagged == set(MASALAH)


def test_acting_head_rates_the_unit_and_mutasi_splits_the_year(agency: Agency) -> None:
    own, acting = (
        next(i for i in agency.isian if i.berkas.kunci == k) for k in agency.masalah["plt"]
    )
    assert acting.berkas.jabatan.startswith("Plt. ")
    assert acting.berkas.jenis is JenisJabatan.JPT
    assert own.berkas.pegawai.nip == acting.berkas.pegawai.nip
    rated_by_acting = [i for i in agency.isian if i.berkas.sumber == acting.berkas.kunci]
    assert rated_by_acting
    assert all(i.berkas.penilai.jabatan == acting.berkas.jabatan for i in rated_by_acting)
    assert own.berkas.penilai.nip != own.berkas.pegawai.nip

    before, after = (
        next(i for i in agency.isian if i.berkas.kunci == k) for k in agency.masalah["mutasi"]
    )
    assert before.berkas.pegawai.nip == after.berkas.pegawai.nip
    assert before.berkas.unit != after.berkas.unit
    assert (before.berkas.mulai, before.berkas.selesai) == ("1 Januari", "30 Juni")
    assert (after.berkas.mulai, after.berkas.selesai) == ("1 Juli", "31 Desember")
    assert [e.periode.kode for e in before.evaluasi] == ["TW1", "TW2"]
    assert [e.periode.kode for e in after.evaluasi] == ["TW3", "TW4", "AKHIR"]


def test_sampai_stops_the_evaluations() -> None:
    agency = plan_agency(20, seed=2, tahun=2024, sampai=PeriodeEvaluasi.TW2, masalah=False)

    assert {tuple(e.periode.kode for e in i.evaluasi) for i in agency.isian} == {("TW1", "TW2")}
    assert {i.tahun for i in agency.isian} == {2024}


def test_a_fifth_of_the_plans_are_kualitatif_and_every_rating_occurs() -> None:
    agency = plan_agency(1500, seed=4, tahun=2025, masalah=False)
    kualitatif = sum(1 for i in agency.isian if i.rencana.pendekatan is Pendekatan.KUALITATIF)
    kinds = {(i.rencana.jenis, i.rencana.pendekatan) for i in agency.isian}

    assert kualitatif == round(0.2 * len(agency.isian))
    assert len(kinds) == 6
    ratings = {e.rating_hasil_kerja for i in agency.isian for e in i.evaluasi}
    assert ratings == set(Rating)
