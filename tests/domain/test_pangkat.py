"""parse_golongan reads pangkat / golongan ruang however written; labels are canonical."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.pangkat import GOLONGAN_PNS, GOLONGAN_PPPK, Golongan, parse_golongan

PENATA_MUDA = GOLONGAN_PNS[8]
IX = GOLONGAN_PPPK[8]


def code_of(value: object) -> str:
    with pytest.raises(InvalidValueError) as caught:
        parse_golongan(value)
    return caught.value.code


def test_pns_golongan_are_the_17_of_the_regulation_in_rank_order() -> None:
    assert [(g.kode, g.pangkat) for g in GOLONGAN_PNS] == [
        ("I/a", "Juru Muda"),
        ("I/b", "Juru Muda Tingkat I"),
        ("I/c", "Juru"),
        ("I/d", "Juru Tingkat I"),
        ("II/a", "Pengatur Muda"),
        ("II/b", "Pengatur Muda Tingkat I"),
        ("II/c", "Pengatur"),
        ("II/d", "Pengatur Tingkat I"),
        ("III/a", "Penata Muda"),
        ("III/b", "Penata Muda Tingkat I"),
        ("III/c", "Penata"),
        ("III/d", "Penata Tingkat I"),
        ("IV/a", "Pembina"),
        ("IV/b", "Pembina Tingkat I"),
        ("IV/c", "Pembina Utama Muda"),
        ("IV/d", "Pembina Utama Madya"),
        ("IV/e", "Pembina Utama"),
    ]
    assert [g.urutan for g in GOLONGAN_PNS] == list(range(1, 18))
    assert not any(g.pppk for g in GOLONGAN_PNS)


def test_pppk_golongan_are_i_to_xvii_without_pangkat() -> None:
    assert [g.kode for g in GOLONGAN_PPPK] == [
        "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
        "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
    ]  # fmt: skip
    assert [g.urutan for g in GOLONGAN_PPPK] == list(range(1, 18))
    assert all(g.pppk and g.pangkat is None for g in GOLONGAN_PPPK)


def test_label_is_pangkat_comma_kode_for_pns_and_kode_for_pppk() -> None:
    assert PENATA_MUDA.label == "Penata Muda, III/a"
    assert GOLONGAN_PNS[-1].label == "Pembina Utama, IV/e"
    assert IX.label == "IX"


def test_golongan_of_the_same_scale_compare_by_rank() -> None:
    assert GOLONGAN_PNS[8] < GOLONGAN_PNS[9] <= GOLONGAN_PNS[12]
    assert GOLONGAN_PNS[16] > GOLONGAN_PNS[15] >= GOLONGAN_PNS[15]
    by_name = sorted(GOLONGAN_PPPK, key=lambda g: g.kode)  # I, II, III, IV, IX, V, ...
    assert sorted(by_name) == list(GOLONGAN_PPPK)
    assert max(GOLONGAN_PNS).kode == "IV/e"


def test_pns_and_pppk_golongan_do_not_order_against_each_other() -> None:
    assert GOLONGAN_PNS[0] != GOLONGAN_PPPK[0]
    with pytest.raises(TypeError):
        _ = GOLONGAN_PNS[0] < GOLONGAN_PPPK[0]
    with pytest.raises(TypeError):
        _ = GOLONGAN_PPPK[0] >= GOLONGAN_PNS[0]


def test_golongan_is_hashable_and_frozen() -> None:
    assert {PENATA_MUDA: 1}[parse_golongan("III/a")] == 1
    with pytest.raises(AttributeError):
        PENATA_MUDA.kode = "IV/a"  # type: ignore[misc]


@pytest.mark.parametrize(
    "text",
    [
        "III/a",
        "III / a",
        "IIIa",
        "3a",
        "3/a",
        "3 a",
        "III-a",
        "III/A",
        "iii/a",
        "(III/a)",
        "'III/a",
        "Penata Muda, III/a",
        "Penata Muda (III/a)",
        "Penata Muda / III/a",
        "Penata Muda III/a",
        "Penata Muda - III/a",
        "Penata Muda, 3a",
        "  penata   MUDA ,  iii / a ",
        "Penata Muda",
        "PENATA MUDA",
        "penata muda",
        "Penata\u00a0Muda",
        "III/a - Penata Muda",
        "III/a (Penata Muda)",
        "Golongan III/a",
        "Golongan ruang III/a",
        "Gol. III/a",
        "Pangkat/Gol. Ruang: Penata Muda, III/a",
    ],
)
def test_tolerant_forms_of_penata_muda_iii_a(text: str) -> None:
    assert parse_golongan(text) == PENATA_MUDA


@pytest.mark.parametrize(
    "text",
    ["Penata Muda Tingkat I", "Penata Muda Tk. I", "Penata Muda Tk I", "Penata Muda Tk.I, III/b"],
)
def test_tingkat_i_may_be_abbreviated_tk(text: str) -> None:
    assert parse_golongan(text).kode == "III/b"


@pytest.mark.parametrize(
    ("text", "kode"),
    [
        ("Pembina Utama", "IV/e"),
        ("Pembina Utama Muda", "IV/c"),
        ("Pembina Utama Madya", "IV/d"),
        ("Pembina", "IV/a"),
        ("Pembina Tingkat I", "IV/b"),
        ("Juru", "I/c"),
        ("Juru Tingkat I", "I/d"),
        ("Juru Tingkat I, I/d", "I/d"),
    ],
)
def test_pangkat_name_alone_matches_only_that_exact_pangkat(text: str, kode: str) -> None:
    assert parse_golongan(text).kode == kode


@pytest.mark.parametrize("text", ["IX", "ix", "Golongan IX", "gol. IX", "Gol IX", "golongan: ix"])
def test_tolerant_forms_of_pppk_ix(text: str) -> None:
    assert parse_golongan(text) == IX


def test_roman_numeral_alone_is_a_pppk_golongan() -> None:
    assert parse_golongan("III") == GOLONGAN_PPPK[2]
    assert parse_golongan("XVII") == GOLONGAN_PPPK[16]


@pytest.mark.parametrize("golongan", GOLONGAN_PNS + GOLONGAN_PPPK)
def test_every_label_and_kode_reads_back_as_itself(golongan: Golongan) -> None:
    assert parse_golongan(golongan.label) == golongan
    assert parse_golongan(golongan.kode) == golongan
    assert parse_golongan(golongan.label.upper()) == golongan
    if golongan.pangkat is not None:
        assert parse_golongan(golongan.pangkat) == golongan
        assert parse_golongan(f"{golongan.pangkat} ({golongan.kode})") == golongan


@pytest.mark.parametrize(
    "text",
    [
        "Penata Muda, IV/a",
        "Pembina Utama, IV/c",
        "Pembina, III/a",
        "IV/a - Penata Muda",
        "Penata Muda, IX",
        "IX Penata Muda",
    ],
)
def test_pangkat_and_golongan_that_disagree_are_pangkat_tidak_cocok(text: str) -> None:
    assert code_of(text) == "pangkat-tidak-cocok"


@pytest.mark.parametrize("value", ["9", "3", "17", "Golongan 9", 9, 9.0])
def test_arabic_number_alone_is_pangkat_ambigu(value: object) -> None:
    assert code_of(value) == "pangkat-ambigu"


@pytest.mark.parametrize("value", [None, "", "   ", "\u00a0"])
def test_empty_is_pangkat_kosong(value: object) -> None:
    assert code_of(value) == "pangkat-kosong"


@pytest.mark.parametrize(
    "value",
    [
        "V/a",
        "IV/f",
        "I/e",
        "III/e",
        "XVIII",
        "0",
        "18",
        "Penata Mud",
        "Pembina Utama Pratama",
        "Ahli Pertama",
        "'",
        True,
        9.5,
        b"III/a",
    ],
)
def test_unknown_values_are_pangkat_tidak_dikenal(value: object) -> None:
    assert code_of(value) == "pangkat-tidak-dikenal"


def test_unknown_message_shows_what_is_allowed() -> None:
    with pytest.raises(InvalidValueError) as caught:
        parse_golongan("V/a")
    assert "'Penata Muda, III/a'" in caught.value.message
    assert "'IX'" in caught.value.message
    assert caught.value.value == "V/a"


_VARIANT_PIECES = st.sampled_from(["", " ", "  ", ",", "(", ")", "/", "-", ".", ":"])


@given(
    st.sampled_from(GOLONGAN_PNS),
    _VARIANT_PIECES,
    st.sampled_from(["", " "]),
    st.booleans(),
)
def test_pangkat_with_any_separator_and_case_reads_as_its_golongan(
    golongan: Golongan, separator: str, inner: str, upper: bool
) -> None:
    assert golongan.pangkat is not None
    gol, ruang = golongan.kode.split("/")
    text = f"{golongan.pangkat} {separator} {gol}{inner}/{inner}{ruang}"
    assert parse_golongan(text.upper() if upper else text) == golongan


@given(st.one_of(st.text(), st.text(alphabet="IVXabcdef/ ,()0123456789"), st.integers()))
def test_random_input_is_read_or_refused_with_a_pangkat_code(value: object) -> None:
    refused: InvalidValueError | None = None
    try:
        golongan = parse_golongan(value)
    except InvalidValueError as error:
        refused = error
    if refused is None:
        assert golongan in GOLONGAN_PNS + GOLONGAN_PPPK
    else:
        assert refused.code.startswith("pangkat-")
        assert refused.message
