"""angka_kredit follows PermenPANRB 1/2023: (bulan / 12) x persentase x koefisien tahunan."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest

from skp_xl.domain.angka_kredit import (
    KOEFISIEN_TAHUNAN,
    PERSENTASE_PREDIKAT,
    AturanJenjang,
    AturanTahunan,
    JenjangJf,
    PeriodeAk,
    angka_kredit,
    angka_kredit_tahunan,
    koefisien,
    normalize_jenjang,
)
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import Predikat

# Written out from the regulation, independently of the module's tables.
KOEFISIEN = {
    "Pemula": "3.75",
    "Terampil": "5",
    "Mahir": "12.5",
    "Penyelia": "25",
    "Ahli Pertama": "12.5",
    "Ahli Muda": "25",
    "Ahli Madya": "37.5",
    "Ahli Utama": "50",
}
PERSEN = {
    "Sangat Baik": 150,
    "Baik": 100,
    "Butuh Perbaikan": 75,
    "Kurang/Misconduct": 50,
    "Sangat Kurang": 25,
}


def expected(predikat: str, jenjang: str, bulan: int) -> float:
    """The formula by hand, with exact fractions, rounded half up to 2 decimals."""
    exact = Fraction(bulan, 12) * Fraction(PERSEN[predikat], 100) * Fraction(KOEFISIEN[jenjang])
    cents = Decimal(exact.numerator) / Decimal(exact.denominator)
    return float(cents.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def test_worked_example_ahli_pertama_sangat_baik_12_months_is_18_75() -> None:
    assert angka_kredit("Sangat Baik", "Ahli Pertama", 12) == 18.75


def test_worked_example_ahli_pertama_baik_2_months_is_2_08() -> None:
    assert angka_kredit("Baik", "Ahli Pertama", 2) == 2.08


def test_bulan_defaults_to_a_full_year() -> None:
    assert angka_kredit("Baik", "Ahli Muda") == 25.0


@pytest.mark.parametrize("jenjang", list(KOEFISIEN))
@pytest.mark.parametrize("predikat", list(PERSEN))
def test_every_jenjang_and_predikat_for_a_full_year(predikat: str, jenjang: str) -> None:
    assert angka_kredit(predikat, jenjang, 12) == expected(predikat, jenjang, 12)


@pytest.mark.parametrize("jenjang", list(KOEFISIEN))
@pytest.mark.parametrize("predikat", list(PERSEN))
def test_every_jenjang_and_predikat_for_every_month_count(predikat: str, jenjang: str) -> None:
    for bulan in range(1, 13):
        assert angka_kredit(predikat, jenjang, bulan) == expected(predikat, jenjang, bulan)


@pytest.mark.parametrize(
    ("predikat", "jenjang", "bulan", "ak"),
    [
        # Exact ties are rounded up, as Excel's ROUND does (round-half-even would go down).
        ("Baik", "Pemula", 2, 0.63),  # 0.625
        ("Sangat Baik", "Pemula", 12, 5.63),  # 5.625
        ("Baik", "Pemula", 10, 3.13),  # 3.125
        ("Sangat Baik", "Terampil", 7, 4.38),  # 4.375
        # Values that are not ties.
        ("Sangat Kurang", "Pemula", 1, 0.08),  # 0.078125
        ("Sangat Kurang", "Mahir", 1, 0.26),  # 0.2604166...
        ("Sangat Kurang", "Pemula", 12, 0.94),  # 0.9375
        ("Sangat Baik", "Ahli Utama", 12, 75.0),
    ],
)
def test_results_are_rounded_half_up_to_two_decimals(
    predikat: str, jenjang: str, bulan: int, ak: float
) -> None:
    assert angka_kredit(predikat, jenjang, bulan) == ak


def test_predikat_variants_are_read_by_the_vocabulary() -> None:
    assert angka_kredit("Cukup", "Ahli Pertama") == angka_kredit("Butuh Perbaikan", "Ahli Pertama")
    assert angka_kredit("Kurang", "Ahli Pertama") == 6.25
    assert angka_kredit(Predikat.SANGAT_BAIK, JenjangJf.AHLI_PERTAMA) == 18.75


def test_tables_hold_the_regulation_values() -> None:
    assert {j.value: str(k) for j, k in KOEFISIEN_TAHUNAN.items()} == KOEFISIEN
    assert {p.value: int(v) for p, v in PERSENTASE_PREDIKAT.items()} == PERSEN
    assert set(KOEFISIEN_TAHUNAN) == set(JenjangJf)
    assert set(PERSENTASE_PREDIKAT) == set(Predikat)


def test_tables_are_read_only() -> None:
    with pytest.raises(TypeError):
        KOEFISIEN_TAHUNAN[JenjangJf.PEMULA] = Decimal(4)  # type: ignore[index]


def test_koefisien_gives_the_annual_coefficient() -> None:
    assert koefisien("Ahli Pertama") == 12.5
    assert koefisien("pemula") == 3.75
    assert koefisien(JenjangJf.AHLI_UTAMA) == 50.0


@pytest.mark.parametrize(
    "text",
    [
        "Ahli Pertama",
        "ahli pertama",
        "AHLI PERTAMA",
        "ahli-pertama",
        "AHLI_PERTAMA",
        "  Ahli   Pertama ",
        "AhliPertama",
        "Ahli\u00a0Pertama",
        JenjangJf.AHLI_PERTAMA,
    ],
)
def test_normalize_jenjang_tolerates_case_spacing_and_hyphens(text: str) -> None:
    assert normalize_jenjang(text) is JenjangJf.AHLI_PERTAMA


def test_every_canonical_jenjang_reads_back_as_itself() -> None:
    assert [normalize_jenjang(j.value) for j in JenjangJf] == list(JenjangJf)
    assert [j.value for j in JenjangJf] == list(KOEFISIEN)


@pytest.mark.parametrize("text", ["Ahli", "Pertama", "Utama", "Ahli Pratama", "Madya", 3])
def test_unknown_jenjang_is_jenjang_tidak_dikenal(text: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        normalize_jenjang(text)
    assert caught.value.code == "jenjang-tidak-dikenal"


def test_unknown_jenjang_message_lists_the_allowed_ones() -> None:
    with pytest.raises(InvalidValueError) as caught:
        angka_kredit("Baik", "Ahli Pratama")
    assert caught.value.code == "jenjang-tidak-dikenal"
    assert all(j.value in caught.value.message for j in JenjangJf)


@pytest.mark.parametrize("text", [None, "", "  "])
def test_empty_jenjang_is_jenjang_kosong(text: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        normalize_jenjang(text)
    assert caught.value.code == "jenjang-kosong"


def test_unknown_predikat_is_refused_by_the_vocabulary() -> None:
    with pytest.raises(InvalidValueError) as caught:
        angka_kredit("Luar Biasa", "Ahli Pertama")
    assert caught.value.code == "predikat-tidak-dikenal"


@pytest.mark.parametrize("bulan", [0, 13, -1, 24, True, False, 2.0, 12.0, "2", None, Decimal(2)])
def test_bulan_outside_whole_1_to_12_is_bulan_tidak_valid(bulan: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        angka_kredit("Baik", "Ahli Pertama", bulan)  # type: ignore[arg-type]
    assert caught.value.code == "bulan-tidak-valid"
    assert caught.value.value is bulan


def test_result_is_a_float() -> None:
    assert type(angka_kredit("Baik", "Ahli Pertama", 2)) is float
    assert type(koefisien("Mahir")) is float


# -- The annual total (research note 4: where the sources leave a choice, an option) ------

_URUTAN = {"Triwulan I": (3, 0), "Triwulan II": (6, 0), "Triwulan III": (9, 0)}


def _tw(periode: str, predikat: str, jenjang: JenjangJf = JenjangJf.AHLI_PERTAMA) -> PeriodeAk:
    urutan = _URUTAN.get(periode, (12, 0))
    return PeriodeAk(periode, 3, urutan, predikat, jenjang)


def _akhir(predikat: str, jenjang: JenjangJf = JenjangJf.AHLI_PERTAMA) -> PeriodeAk:
    return PeriodeAk("Akhir", 12, (13, 0), predikat, jenjang)


def test_annual_from_the_akhir_predikat_is_the_worked_example() -> None:
    result = angka_kredit_tahunan([_tw("Triwulan I", "Baik"), _akhir("Sangat Baik")])
    assert result.angka_kredit == 18.75
    assert not result.jenjang_berubah
    assert result.dasar == "Sangat Baik 12/12 x 12,5 (Ahli Pertama)"


def test_annual_from_the_periods_sums_them_and_rounds_once() -> None:
    periods = [
        _tw("Triwulan I", "Baik"),  # 3.125
        _tw("Triwulan II", "Sangat Baik"),  # 4.6875
        _tw("Triwulan III", "Baik"),  # 3.125
        _tw("Triwulan IV", "Butuh Perbaikan"),  # 2.34375
        _akhir("Sangat Baik"),
    ]
    result = angka_kredit_tahunan(periods, tahunan=AturanTahunan.PERIODIK)
    assert result.angka_kredit == 13.28  # 13.28125, not 3.13 + 4.69 + 3.13 + 2.34 = 13.29


def test_nothing_to_count_is_none_with_the_reason() -> None:
    assert angka_kredit_tahunan([_tw("Triwulan I", "Baik")]).angka_kredit is None
    only_akhir = angka_kredit_tahunan([_akhir("Baik")], tahunan=AturanTahunan.PERIODIK)
    assert only_akhir.angka_kredit is None


def test_a_jenjang_change_mid_year_follows_the_chosen_rule() -> None:
    muda = JenjangJf.AHLI_MUDA
    periods = [
        _tw("Triwulan I", "Baik"),
        _tw("Triwulan II", "Baik"),
        _tw("Triwulan III", "Baik", muda),
        _tw("Triwulan IV", "Baik", muda),
        _akhir("Sangat Baik", muda),
    ]
    # Six months at 12.5 and six at 25, Sangat Baik: 9.375 + 18.75.
    proportional = angka_kredit_tahunan(periods)
    assert (proportional.angka_kredit, proportional.jenjang_berubah) == (28.13, True)
    last = angka_kredit_tahunan(periods, jenjang_berubah=AturanJenjang.TERAKHIR)
    assert last.angka_kredit == 37.5
    periodic = angka_kredit_tahunan(periods, tahunan=AturanTahunan.PERIODIK)
    assert periodic.angka_kredit == 18.75  # 3.125 + 3.125 + 6.25 + 6.25
