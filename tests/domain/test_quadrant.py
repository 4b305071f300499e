"""The performance quadrant of rules.md section 3."""

from __future__ import annotations

import pytest

import skp_xl
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.quadrant import KUADRAN, predikat_kinerja
from skp_xl.domain.vocabulary import Predikat, Rating

EXPECTED = {
    ("Diatas Ekspektasi", "Dibawah Ekspektasi"): "Kurang/Misconduct",
    ("Diatas Ekspektasi", "Sesuai Ekspektasi"): "Baik",
    ("Diatas Ekspektasi", "Diatas Ekspektasi"): "Sangat Baik",
    ("Sesuai Ekspektasi", "Dibawah Ekspektasi"): "Kurang/Misconduct",
    ("Sesuai Ekspektasi", "Sesuai Ekspektasi"): "Baik",
    ("Sesuai Ekspektasi", "Diatas Ekspektasi"): "Baik",
    ("Dibawah Ekspektasi", "Dibawah Ekspektasi"): "Sangat Kurang",
    ("Dibawah Ekspektasi", "Sesuai Ekspektasi"): "Butuh Perbaikan",
    ("Dibawah Ekspektasi", "Diatas Ekspektasi"): "Butuh Perbaikan",
}


@pytest.mark.parametrize(("ratings", "expected"), EXPECTED.items())
def test_each_of_the_nine_cells(ratings: tuple[str, str], expected: str) -> None:
    assert predikat_kinerja(*ratings) == expected


def test_table_covers_every_pair_once() -> None:
    assert set(KUADRAN) == {(h, p) for h in Rating for p in Rating}
    assert {(h.value, p.value): v.value for (h, p), v in KUADRAN.items()} == EXPECTED


def test_public_api_accepts_variants_and_returns_a_plain_string() -> None:
    result = skp_xl.predikat_kinerja("Di Atas Ekspektasi", "sesuai ekspektasi")
    assert result == "Baik"
    assert type(result) is str


def test_enum_members_are_accepted() -> None:
    assert predikat_kinerja(Rating.DIATAS, Rating.DIATAS) == Predikat.SANGAT_BAIK.value


def test_unknown_rating_raises_value_error_with_code() -> None:
    with pytest.raises(InvalidValueError) as caught:
        predikat_kinerja("Baik", "Sesuai Ekspektasi")
    assert caught.value.code == "rating-tidak-dikenal"
    assert isinstance(caught.value, ValueError)
