"""Target parsing and the per-IKI judgement (rules.md section 5)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skp_xl.domain.targets import (
    Arah,
    Besaran,
    Target,
    TidakTerbaca,
    arah_aspek,
    format_angka,
    nilai_iki,
    parse_angka,
    parse_realisasi,
    parse_target,
)
from skp_xl.domain.vocabulary import Aspek, Rating

D = Decimal


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("20 perangkat daerah", D(20), D(20), "perangkat daerah"),
        ("95%", D(95), D(95), "%"),
        ("95 %", D(95), D(95), "%"),
        ("100 persen", D(100), D(100), "%"),
        ("1 hari", D(1), D(1), "hari"),
        ("1.000 dokumen", D(1000), D(1000), "dokumen"),
        ("1.000.000", D(1000000), D(1000000), ""),
        ("2,5 jam", D("2.5"), D("2.5"), "jam"),
        ("1.250,75 km", D("1250.75"), D("1250.75"), "km"),
        ("1.5 jam", D("1.5"), D("1.5"), "jam"),
        ("90 - 95%", D(90), D(95), "%"),
        ("90-95 %", D(90), D(95), "%"),
        ("90% - 95%", D(90), D(95), "%"),
        ("90 – 95 %", D(90), D(95), "%"),
        ("3 s.d. 5 hari", D(3), D(5), "hari"),
        ("3 s/d 5 hari", D(3), D(5), "hari"),
        ("3 sampai dengan 5 hari", D(3), D(5), "hari"),
        ("2,5 - 3 jam", D("2.5"), D(3), "jam"),
        ("Rp 1.500.000", D(1500000), D(1500000), "rp"),
        ("Rp. 2.000.000,50", D("2000000.50"), D("2000000.50"), "rp"),
        ("  20   Perangkat  Daerah ", D(20), D(20), "perangkat daerah"),
        ("12 laporan.", D(12), D(12), "laporan"),
    ],
)
def test_indonesian_targets_are_read(text: str, low: Decimal, high: Decimal, unit: str) -> None:
    target = parse_target(text)
    assert isinstance(target, Target)
    assert (target.minimum, target.maksimum, target.satuan) == (low, high, unit)
    assert target.is_rentang == (low != high)


@pytest.mark.parametrize(
    ("text", "batas"),
    [
        ("paling lama 3 hari", "maksimal"),
        ("maksimal 3 hari", "maksimal"),
        ("≤ 3 hari", "maksimal"),
        ("minimal 90%", "minimal"),
        (">= 90%", "minimal"),
        ("paling sedikit 10 kegiatan", "minimal"),
        ("20 dokumen", None),
    ],
)
def test_bound_words_are_kept_and_the_figure_read(text: str, batas: str | None) -> None:
    target = parse_target(text)
    assert isinstance(target, Target)
    assert target.batas == batas
    assert not target.is_rentang


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "target-kosong"),
        ("   ", "target-kosong"),
        (None, "target-kosong"),
        (True, "target-kosong"),
        ("Tersusunnya laporan kinerja", "target-tanpa-angka"),
        ("dokumen 20", "target-tanpa-angka"),
        ("31 Desember 2024", "target-tanggal"),
        ("95 - 90%", "target-rentang-terbalik"),
        (float("nan"), "target-tidak-valid"),
        (["20"], "target-tidak-valid"),
    ],
)
def test_unreadable_targets_return_a_reason(value: object, code: str) -> None:
    result = parse_target(value)
    assert isinstance(result, TidakTerbaca)
    assert result.code == code
    assert result.message


def test_numbers_from_cells_are_targets_without_unit() -> None:
    assert parse_target(20) == Target(D(20), D(20), "", "20")
    assert parse_target(0.95) == Target(D("0.95"), D("0.95"), "", "0.95")


def test_realisasi_is_one_figure() -> None:
    assert parse_realisasi("18 perangkat daerah") == Besaran(D(18), "perangkat daerah")
    assert parse_realisasi("97,5%") == Besaran(D("97.5"), "%")
    refused = parse_realisasi("90 - 95%")
    assert isinstance(refused, TidakTerbaca)
    assert refused.code == "realisasi-rentang"
    missing = parse_realisasi("")
    assert isinstance(missing, TidakTerbaca)
    assert missing.code == "realisasi-kosong"
    assert missing.message.startswith("Realisasi")


def test_dot_before_three_digits_is_a_thousands_separator() -> None:
    assert parse_angka("1.500") == D(1500)
    assert parse_angka("1.50") == D("1.50")
    assert parse_angka("1,500") == D("1.5")
    assert parse_angka("abc") is None


@pytest.mark.parametrize(
    ("target", "realisasi", "arah", "expected"),
    [
        ("20 perangkat daerah", "20 perangkat daerah", Arah.NAIK, Rating.SESUAI),
        ("20 perangkat daerah", "21", Arah.NAIK, Rating.DIATAS),
        ("20 perangkat daerah", "19 perangkat daerah", Arah.NAIK, Rating.DIBAWAH),
        ("90 - 95%", "90%", Arah.NAIK, Rating.SESUAI),
        ("90 - 95%", "95%", Arah.NAIK, Rating.SESUAI),
        ("90 - 95%", "95,01%", Arah.NAIK, Rating.DIATAS),
        ("90 - 95%", "89,99%", Arah.NAIK, Rating.DIBAWAH),
        ("1 hari", "1 hari", Arah.TURUN, Rating.SESUAI),
        ("3 hari", "2 hari", Arah.TURUN, Rating.DIATAS),
        ("3 hari", "4 hari", Arah.TURUN, Rating.DIBAWAH),
        ("3 s.d. 5 hari", "6 hari", Arah.TURUN, Rating.DIBAWAH),
        ("3 s.d. 5 hari", "2,5 hari", Arah.TURUN, Rating.DIATAS),
        ("Rp 1.000.000", "Rp 900.000", Arah.TURUN, Rating.DIATAS),
        ("1.000 dokumen", "1.000 dokumen", Arah.NAIK, Rating.SESUAI),
    ],
)
def test_realisasi_is_judged_against_the_target(
    target: str, realisasi: str, arah: Arah, expected: Rating
) -> None:
    assert nilai_iki(target, realisasi, arah) is expected


def test_different_units_are_not_compared() -> None:
    result = nilai_iki("20 dokumen", "20 laporan", Arah.NAIK)
    assert isinstance(result, TidakTerbaca)
    assert result.code == "satuan-berbeda"


def test_unreadable_sides_pass_their_reason_through() -> None:
    t = nilai_iki("Tersusunnya laporan", "1 laporan", Arah.NAIK)
    r = nilai_iki("20 dokumen", "", Arah.NAIK)
    assert isinstance(t, TidakTerbaca)
    assert isinstance(r, TidakTerbaca)
    assert (t.code, r.code) == ("target-tanpa-angka", "realisasi-kosong")


def test_direction_is_explicit_per_aspek() -> None:
    assert [arah_aspek(a) for a in Aspek] == [Arah.NAIK, Arah.NAIK, Arah.TURUN, Arah.TURUN]


def test_format_angka_writes_indonesian_numbers() -> None:
    assert [format_angka(x) for x in (D("80.00"), D("71.43"), D(1500), D("1234567.5"))] == [
        "80",
        "71,43",
        "1.500",
        "1.234.567,5",
    ]


numbers = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)
units = st.sampled_from(["", "dokumen", "perangkat daerah", "%", "hari", "laporan kegiatan"])


@given(numbers, units)
def test_any_formatted_figure_parses_back(value: Decimal, unit: str) -> None:
    text = f"{format_angka(value)} {unit}".strip()
    target = parse_target(text)
    assert isinstance(target, Target)
    assert target.minimum == value
    assert target.satuan == unit


@given(numbers, numbers, units)
def test_ranges_parse_and_judge_consistently(a: Decimal, b: Decimal, unit: str) -> None:
    low, high = sorted((a, b))
    target = parse_target(f"{format_angka(low)} - {format_angka(high)} {unit}")
    assert isinstance(target, Target)
    assert (target.minimum, target.maksimum) == (low, high)
    assert nilai_iki(target, Besaran(low, unit), Arah.NAIK) is Rating.SESUAI
    assert nilai_iki(target, Besaran(high + 1, unit), Arah.NAIK) is Rating.DIATAS
    assert nilai_iki(target, Besaran(high + 1, unit), Arah.TURUN) is Rating.DIBAWAH


@given(st.text(max_size=40))
def test_parser_never_crashes(text: str) -> None:
    assert isinstance(parse_target(text), Target | TidakTerbaca)
    assert isinstance(parse_realisasi(text), Besaran | TidakTerbaca)
