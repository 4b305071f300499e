"""The pola distribusi guideline of SE MenPANRB 3/2023, as data and as warnings."""

from __future__ import annotations

from decimal import Decimal

import pytest

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Severity
from skp_xl.domain.pola_distribusi import (
    JenisAturan,
    PolaDistribusi,
    periksa_pola_distribusi,
)
from skp_xl.domain.vocabulary import CapaianOrganisasi, Predikat


def failed(capaian: str, counts: dict[str, int]) -> list[tuple[str, str, Decimal]]:
    return [
        (r.aturan.kode, "+".join(p.value for p in r.aturan.predikat), r.angka)
        for r in periksa_pola_distribusi(capaian, counts)
        if not r.terpenuhi
    ]


def test_shipped_rules_cover_every_capaian_and_cite_their_source() -> None:
    pola = PolaDistribusi.bawaan()
    assert set(pola.aturan) == set(CapaianOrganisasi)
    assert "SE MenPANRB Nomor 3 Tahun 2023" in pola.sumber


def test_baik_unit_within_the_guideline_has_no_warning() -> None:
    assert failed("Baik", {"Baik": 6, "Sangat Baik": 2, "Butuh Perbaikan": 1, "Kurang": 1}) == []


def test_baik_unit_needs_someone_below_baik_and_at_most_70_percent_baik() -> None:
    assert failed("Baik", {"Baik": 8, "Sangat Baik": 2}) == [
        ("pola-distribusi-maksimal-persen", "Baik", Decimal("80.00")),
        ("pola-distribusi-minimal-jumlah", "Butuh Perbaikan+Kurang/Misconduct", Decimal(0)),
    ]


def test_istimewa_unit_expects_sangat_baik_to_be_the_most_common() -> None:
    assert failed("Istimewa", {"Sangat Baik": 2, "Baik": 3}) == [
        ("pola-distribusi-terbanyak", "Sangat Baik", Decimal("40.00")),
    ]
    assert failed("Istimewa", {"Sangat Baik": 7, "Baik": 3}) == []
    assert failed("Istimewa", {"Sangat Baik": 8, "Baik": 2})[0][0] == (
        "pola-distribusi-maksimal-persen"
    )


def test_butuh_perbaikan_unit_limits() -> None:
    counts = {"Butuh Perbaikan": 5, "Sangat Baik": 2, "Baik": 3}
    assert failed("Cukup", counts) == [
        ("pola-distribusi-minimal-persen", "Butuh Perbaikan", Decimal("50.00")),
        ("pola-distribusi-maksimal-persen", "Sangat Baik", Decimal("20.00")),
    ]


def test_kurang_unit_limits_at_their_exact_boundaries_are_met() -> None:
    assert (
        failed(
            "Kurang", {"Kurang/Misconduct": 6, "Butuh Perbaikan": 1, "Sangat Baik": 1, "Baik": 2}
        )
        == []
    )


def test_sangat_kurang_unit_allows_no_sangat_baik() -> None:
    assert failed(
        "Sangat Kurang", {"Sangat Kurang": 7, "Kurang": 1, "Cukup": 1, "Sangat Baik": 1}
    ) == [
        ("pola-distribusi-maksimal-jumlah", "Sangat Baik", Decimal(1)),
    ]


def test_empty_unit_has_nothing_to_compare() -> None:
    assert periksa_pola_distribusi("Baik", {}) == ()


def test_deviation_is_a_warning_with_figure_and_limit() -> None:
    result = next(
        r for r in periksa_pola_distribusi("Baik", {"Baik": 8, "Sangat Baik": 2}) if not r.terpenuhi
    )
    finding = result.finding(unit_kerja="Bagian Umum")
    assert finding.severity is Severity.WARNING
    assert finding.code == "pola-distribusi-maksimal-persen"
    assert "80%" in finding.message
    assert "≤ 70%" in finding.message
    assert "Bagian Umum" in finding.message


def test_agency_can_override_the_rules() -> None:
    pola = PolaDistribusi.from_dict(
        {
            "sumber": "Peraturan Kepala Dinas Contoh",
            "aturan": {
                "Baik": [{"jenis": "maksimal_persen", "predikat": ["Baik"], "batas": 90}],
            },
        }
    )
    results = periksa_pola_distribusi("Baik", {"Baik": 8, "Sangat Baik": 2}, pola)
    assert [(r.aturan.jenis, r.terpenuhi) for r in results] == [(JenisAturan.MAKSIMAL_PERSEN, True)]
    assert periksa_pola_distribusi("Istimewa", {"Baik": 8}, pola) == ()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"aturan": {"Luar Biasa": []}},
        {"aturan": {"Baik": [{"jenis": "rata_rata", "predikat": ["Baik"]}]}},
        {"aturan": {"Baik": [{"jenis": "minimal_persen", "predikat": ["Hebat"], "batas": 1}]}},
        {"aturan": {"Baik": [{"jenis": "minimal_persen", "predikat": ["Baik"], "batas": "x"}]}},
    ],
)
def test_bad_override_is_refused_with_a_code(data: dict[str, object]) -> None:
    with pytest.raises(InvalidValueError) as caught:
        PolaDistribusi.from_dict(data)
    assert caught.value.code == "pola-distribusi-tidak-valid"


@pytest.mark.parametrize("count", [-1, 1.5, True])
def test_counts_must_be_whole_numbers(count: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        periksa_pola_distribusi("Baik", {Predikat.BAIK: count})  # type: ignore[dict-item]
    assert caught.value.code == "jumlah-tidak-valid"
