"""The suggested rating hasil kerja reproduces the three definitions of section 5."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.suggestion import penilaian_hasil_kerja, saran_rating_hasil_kerja
from skp_xl.domain.vocabulary import JenisHasilKerja, Rating

A, S, B = Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH
U, T = JenisHasilKerja.UTAMA, JenisHasilKerja.TAMBAHAN


def saran(*items: tuple[JenisHasilKerja, Rating]) -> Rating:
    return saran_rating_hasil_kerja(items).rating


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # Diatas: most or all above, and no utama below.
        (((U, A),), A),
        (((U, A), (U, A), (U, S)), A),
        (((U, A), (U, A), (T, B)), A),  # a tambahan below does not block Diatas
        (((U, A), (U, S)), S),  # exactly half above is not "most"
        (((U, A), (U, A), (U, A), (U, B)), S),  # one utama below blocks Diatas
        (((U, A), (T, S), (T, S)), S),  # most counts over all hasil kerja
        # Sesuai: most meet expectation, only a small part of utama below.
        (((U, S),), S),
        (((U, S), (U, S), (U, B)), S),  # 1 of 3 utama below: a small part
        (((U, A), (U, A), (U, B)), S),
        (((U, S), (T, B), (T, B), (T, B)), S),  # tambahan do not pull the rating down
        # Dibawah: most or all utama below; exactly half is not a small part.
        (((U, B),), B),
        (((U, S), (U, B)), B),
        (((U, A), (U, B)), B),
        (((U, B), (U, B), (U, S)), B),
        (((U, B), (U, B), (U, A), (U, A)), B),
        (((U, B), (T, A), (T, A), (T, A)), B),
    ],
)
def test_boundary_cases(
    items: tuple[tuple[JenisHasilKerja, Rating], ...], expected: Rating
) -> None:
    assert saran(*items) is expected


def test_labels_are_normalised_and_the_reason_gives_the_counts() -> None:
    result = saran_rating_hasil_kerja([("A. UTAMA", "Di Bawah Ekspektasi"), ("Utama", "sesuai")])
    assert result.rating is B
    assert "1 dari 2 hasil kerja utama" in result.alasan


def test_an_skp_without_utama_gets_no_suggestion() -> None:
    with pytest.raises(InvalidValueError) as caught:
        saran_rating_hasil_kerja([(T, A)])
    assert caught.value.code == "hasil-kerja-utama-kosong"


@pytest.mark.parametrize(
    ("iki", "expected"),
    [
        ((S, S, S), S),
        ((A, A, S), A),
        ((A, S), S),
        ((A, A, B), B),
        ((B,), B),
        ((A,), A),
    ],
)
def test_a_hasil_kerja_meets_expectation_only_when_every_iki_does(
    iki: tuple[Rating, ...], expected: Rating
) -> None:
    assert penilaian_hasil_kerja(iki) is expected


def test_a_hasil_kerja_needs_judged_iki() -> None:
    with pytest.raises(InvalidValueError) as caught:
        penilaian_hasil_kerja([])
    assert caught.value.code == "iki-kosong"


items = st.lists(st.tuples(st.sampled_from([U, T]), st.sampled_from([A, S, B])), max_size=12)


@given(items.filter(lambda xs: any(j is U for j, _ in xs)))
def test_definitions_hold_for_any_skp(xs: list[tuple[JenisHasilKerja, Rating]]) -> None:
    rating = saran_rating_hasil_kerja(xs).rating
    utama = [r for j, r in xs if j is U]
    below = utama.count(B)
    above = sum(r is A for _, r in xs)
    if rating is A:
        assert below == 0
        assert 2 * above > len(xs)
    elif rating is S:
        assert 2 * below < len(utama)  # only a small part of utama below
    else:
        assert 2 * below >= len(utama)


@given(items.filter(lambda xs: any(j is U for j, _ in xs)), st.integers(0, 11))
def test_improving_one_judgement_never_lowers_the_suggestion(
    xs: list[tuple[JenisHasilKerja, Rating]], index: int
) -> None:
    order = [B, S, A]
    i = index % len(xs)
    jenis, rating = xs[i]
    if rating is A:
        return
    better = [*xs[:i], (jenis, order[order.index(rating) + 1]), *xs[i + 1 :]]
    before = order.index(saran_rating_hasil_kerja(xs).rating)
    assert order.index(saran_rating_hasil_kerja(better).rating) >= before


@pytest.mark.parametrize(
    ("items", "penentu"),
    [
        # Dibawah: the utama below, not a tambahan below.
        (((U, S), (U, B), (T, B)), (1,)),
        # Diatas: every hasil kerja above, utama or tambahan.
        (((U, A), (U, S), (T, A)), (0, 2)),
        # Sesuai: those meeting expectation...
        (((U, S), (U, A), (U, B)), (0,)),
        # ... or, when none does, those not above, which kept it from Diatas.
        (((U, A), (U, A), (U, B)), (2,)),
    ],
)
def test_the_suggestion_names_the_hasil_kerja_that_drove_it(
    items: tuple[tuple[JenisHasilKerja, Rating], ...], penentu: tuple[int, ...]
) -> None:
    assert saran_rating_hasil_kerja(items).penentu == penentu
