"""The sample agency's year before (samples/ekinerja-2024/): the same people, other ratings,
and what ``skp-xl tindak-lanjut`` shows with it (the README's example)."""

from __future__ import annotations

import json
import random
from pathlib import Path

from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.vocabulary import Rating
from skp_xl.samples.ekspor import (
    CONTOH,
    TAHUN_SEBELUMNYA,
    organisasi,
    penilaian_tahun_sebelumnya,
)
from skp_xl.samples.plan import Agency, plan_agency

SAMPLES = Path(__file__).parents[2] / "samples"
runner = CliRunner()


def test_the_year_before_has_the_same_people_but_the_newcomers() -> None:
    org = organisasi(20, seed=5)
    ratings = {p.nip: (Rating.SESUAI, Rating.SESUAI) for p in org.pegawai}
    ekspor, changed = penilaian_tahun_sebelumnya(org, ratings, random.Random(1))
    nips = [row[1] for row in ekspor.baris]
    newcomers = {p.nip for p in org.pegawai if int(p.nip[8:12]) >= 2024}
    assert set(nips) == {p.nip for p in org.pegawai} - newcomers
    assert set(filter(None, changed["baru"].split(","))) == newcomers
    assert ekspor.judul[0] == ("Laporan Penilaian SKP Periode Tahunan Tahun 2024",)
    assert {"mutasi", "jenjang"} <= set(changed)


def test_the_bundled_two_years_give_the_readme_result() -> None:
    result = runner.invoke(
        app,
        [
            "tindak-lanjut",
            str(SAMPLES / "ekinerja-2024" / TAHUN_SEBELUMNYA),
            str(SAMPLES / "ekinerja" / CONTOH["tahunan"]),
            "--json",
        ],
    )
    # 1: the 2025 report's NIP typed as a number is an error finding, on purpose.
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["tahun"] == 2025
    rules = [t["aturan"] for t in document["tindak_lanjut"]]
    assert {r: rules.count(r) for r in set(rules)} == {
        "talenta-prioritas": 6,
        "pengembangan-kompetensi": 22,
        "perbaikan-enam-bulan": 1,
    }
    for code in (
        "tindak-lanjut-tahun-hilang",
        "tindak-lanjut-unit-berubah",
        "tindak-lanjut-jabatan-berubah",
    ):
        assert code in result.stderr


def _orang_dan_rating(agency: Agency) -> tuple[set[tuple[str, str]], list[object]]:
    people = {(i.berkas.pegawai.nip, i.berkas.pegawai.nama) for i in agency.isian}
    ratings = [
        (i.berkas.pegawai.nip, e.periode, e.rating_hasil_kerja, e.rating_perilaku)
        for i in agency.isian
        for e in i.evaluasi
    ]
    return people, ratings


def test_samples_can_write_the_same_people_a_year_earlier_rated_otherwise() -> None:
    now = plan_agency(20, seed=1, tahun=2025)
    before = plan_agency(20, seed=1, tahun=2024, tahun_pegawai=2025, seed_penilaian=2)
    people_now, ratings_now = _orang_dan_rating(now)
    people_before, ratings_before = _orang_dan_rating(before)
    assert people_before == people_now
    assert ratings_before != ratings_now
    assert {i.tahun for i in before.isian} == {2024}
    # Without the new options nothing changes: the committed agency stays as it is.
    assert _orang_dan_rating(plan_agency(20, seed=1, tahun=2025, seed_penilaian=None)) == (
        people_now,
        ratings_now,
    )
