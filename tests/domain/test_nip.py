"""parse_nip reads the parts of a NIP, accepts the usual spellings and refuses broken ones."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.nip import (
    NIP_LENGTH,
    USIA_MINIMUM_PENGANGKATAN,
    Nip,
    NipError,
    is_valid_nip,
    nip_sah,
    parse_nip,
)

TODAY = datetime.date(2025, 6, 30)
# Fictional: born 1 January 1980, TMT CPNS January 2005, laki-laki, nomor urut 001.
VALID = "198001012005011001"


def parse(value: object) -> Nip:
    return parse_nip(value, today=TODAY)


def code_of(value: object) -> str:
    with pytest.raises(NipError) as caught:
        parse(value)
    return caught.value.code


def test_valid_nip_is_split_into_its_parts() -> None:
    assert parse(VALID) == Nip(
        nip=VALID,
        tanggal_lahir=datetime.date(1980, 1, 1),
        tmt=datetime.date(2005, 1, 1),
        jenis_kelamin="Laki-laki",
        nomor_urut=1,
    )


def test_gender_digit_2_is_perempuan() -> None:
    nip = parse("199203152019032017")
    assert (nip.jenis_kelamin, nip.nomor_urut) == ("Perempuan", 17)


def test_formatted_is_the_official_spaced_display() -> None:
    assert parse(VALID).formatted == "19800101 200501 1 001"


@pytest.mark.parametrize(
    "text",
    [
        VALID,
        f"  {VALID}  ",
        "19800101 200501 1 001",
        " 19800101  200501 1 001 ",
        f"'{VALID}",
        "'19800101 200501 1 001",
        f"\u2019{VALID}",
        f"\u00a0{VALID}\u00a0",
        f"\ufeff{VALID}\u200b",
        "19800101\u00a0200501\u00a01\u00a0001",
        f"{VALID}\n",
    ],
)
def test_tolerant_forms_give_the_canonical_nip(text: str) -> None:
    assert parse(text).nip == VALID


def test_nip_error_is_an_invalid_value_error_and_a_value_error() -> None:
    with pytest.raises(InvalidValueError) as caught:
        parse("123")
    assert isinstance(caught.value, ValueError)
    assert caught.value.value == "123"


@pytest.mark.parametrize("value", [None, "", "   ", "'", " ' ", "\u00a0"])
def test_empty_is_nip_kosong(value: object) -> None:
    assert code_of(value) == "nip-kosong"


@pytest.mark.parametrize(
    "value",
    [
        198001012005011001,
        198001012005011000,
        1.98001012005011e17,
        Decimal("198001012005011001"),
        0,
        "1.98001E+17",
        "1,98001E+17",
        "1.98001e17",
        "198001012005011000.0",
        "198001012005011000,00",
        "198.001.012.005.011.000",
        "198,001,012,005,011,000",
        "'1.98001E+17",
    ],
)
def test_nip_that_went_through_an_excel_number_is_nip_rusak_excel(value: object) -> None:
    assert code_of(value) == "nip-rusak-excel"


@pytest.mark.parametrize("value", [True, False, b"198001012005011001", ["x"]])
def test_non_text_values_are_nip_bukan_teks(value: object) -> None:
    assert code_of(value) == "nip-bukan-teks"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("19800101-200501-1-001", "'-'"),
        ("19800101.200501.1.001", "'.'"),
        ("1980010120050110O1", "'O'"),
        ("NIP 198001012005011001", "'N', 'I', 'P'"),
        ("19800101200501100\u00ad1", "U+00AD"),
        # Arabic-Indic digits are digits to str.isdigit(), not to a NIP.
        ("١٩٨٠٠١٠١٢٠٠٥٠١١٠٠١", "'١'"),
    ],
)
def test_non_digit_characters_are_nip_karakter_and_named(text: str, named: str) -> None:
    with pytest.raises(NipError) as caught:
        parse(text)
    assert caught.value.code == "nip-karakter"
    assert named in caught.value.message


@pytest.mark.parametrize("text", ["19800101200501100", "1980010120050110011", "1"])
def test_wrong_length_is_nip_panjang_with_the_count(text: str) -> None:
    with pytest.raises(NipError) as caught:
        parse(text)
    assert caught.value.code == "nip-panjang"
    assert f"berisi {len(text)} digit" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        "198013012005011001",  # month 13
        "198000012005011001",  # month 00
        "198002302005011001",  # 30 February
        "198102292005011001",  # 29 February in a year that has none
        "198001002005011001",  # day 00
        "000001012005011001",  # year 0000
    ],
)
def test_impossible_birth_date_is_nip_tanggal_lahir_tidak_valid(text: str) -> None:
    assert code_of(text) == "nip-tanggal-lahir-tidak-valid"


def test_leap_day_birth_is_accepted() -> None:
    assert parse("198002292005011001").tanggal_lahir == datetime.date(1980, 2, 29)


def test_birth_date_after_today_is_nip_tanggal_lahir_masa_depan() -> None:
    assert code_of("202507012005011001") == "nip-tanggal-lahir-masa-depan"


@pytest.mark.parametrize("tmt", ["200500", "200513", "200599"])
def test_impossible_tmt_month_is_nip_tmt_tidak_valid(tmt: str) -> None:
    assert code_of(f"19800101{tmt}1001") == "nip-tmt-tidak-valid"


def test_tmt_before_birth_is_nip_tmt_sebelum_lahir() -> None:
    assert code_of("198001011979121001") == "nip-tmt-sebelum-lahir"


def test_tmt_before_working_age_is_nip_tmt_usia_kerja() -> None:
    assert USIA_MINIMUM_PENGANGKATAN == 18
    # Born March 1980: appointed in February 1998, a month before turning 18.
    assert code_of("198003151998021001") == "nip-tmt-usia-kerja"
    assert code_of("198001011980011001") == "nip-tmt-usia-kerja"


def test_tmt_in_the_month_of_the_18th_birthday_is_accepted() -> None:
    # The NIP gives only the TMT month, so the month of the 18th birthday is given the benefit.
    assert parse("198003151998031001").tmt == datetime.date(1998, 3, 1)


def test_tmt_after_today_is_nip_tmt_masa_depan() -> None:
    assert code_of("198001012025071001") == "nip-tmt-masa-depan"


def test_tmt_in_the_current_month_is_accepted() -> None:
    assert parse("198001012025061001").tmt == datetime.date(2025, 6, 1)


def test_today_decides_what_is_in_the_future() -> None:
    nip = "198001012025071001"
    assert not is_valid_nip(nip, today=datetime.date(2025, 6, 30))
    assert is_valid_nip(nip, today=datetime.date(2025, 7, 1))


@pytest.mark.parametrize("digit", ["0", "3", "9"])
def test_gender_digit_other_than_1_or_2_is_nip_jenis_kelamin(digit: str) -> None:
    assert code_of(f"19800101200501{digit}001") == "nip-jenis-kelamin"


def test_sequence_000_is_nip_nomor_urut() -> None:
    assert code_of("198001012005011000") == "nip-nomor-urut"


def test_nomor_urut_999_is_accepted() -> None:
    assert parse("198001012005012999").nomor_urut == 999


def test_is_valid_nip_says_true_for_valid_and_false_for_invalid() -> None:
    assert is_valid_nip(VALID, today=TODAY)
    assert is_valid_nip("19800101 200501 1 001", today=TODAY)
    assert not is_valid_nip("198001012005011000", today=TODAY)
    assert not is_valid_nip(198001012005011001, today=TODAY)
    assert not is_valid_nip(None, today=TODAY)


def test_today_defaults_to_the_real_date() -> None:
    assert parse_nip(VALID).nip == VALID
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert not is_valid_nip(f"{tomorrow:%Y%m%d}2005011001")


# --- properties --------------------------------------------------------------------------


@st.composite
def valid_nips(draw: st.DrawFn) -> str:
    """A NIP valid on TODAY: birth 1940-2007, TMT from the 18th birthday month to TODAY."""
    lahir = draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2007, 6, 30)))
    first = (lahir.year + USIA_MINIMUM_PENGANGKATAN) * 12 + lahir.month - 1
    last = TODAY.year * 12 + TODAY.month - 1
    tmt = draw(st.integers(first, last))
    gender = draw(st.sampled_from("12"))
    urut = draw(st.integers(1, 999))
    return f"{lahir:%Y%m%d}{tmt // 12:04d}{tmt % 12 + 1:02d}{gender}{urut:03d}"


@given(valid_nips())
def test_every_valid_nip_round_trips_through_parse_and_formatted(text: str) -> None:
    nip = parse(text)
    assert nip.nip == text
    assert nip.formatted.replace(" ", "") == text
    assert parse(nip.formatted) == nip
    assert parse(f"'{nip.formatted}") == nip
    assert nip.tanggal_lahir == datetime.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    assert nip.tmt == datetime.date(int(text[8:12]), int(text[12:14]), 1)
    assert nip.jenis_kelamin == {"1": "Laki-laki", "2": "Perempuan"}[text[14]]
    assert nip.nomor_urut == int(text[15:])


@given(st.text(alphabet="0123456789", min_size=1, max_size=40).filter(lambda s: len(s) != 18))
def test_any_digit_string_not_18_long_is_nip_panjang(text: str) -> None:
    assert NIP_LENGTH == 18
    assert code_of(text) == "nip-panjang"


@given(st.integers(min_value=0))
def test_any_integer_is_nip_rusak_excel(number: int) -> None:
    assert code_of(number) == "nip-rusak-excel"


@given(
    st.one_of(
        st.text(),
        st.text(alphabet="0123456789 '.,eE+-\u00a0"),
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.decimals(),
        st.binary(),
        st.dates(),
    )
)
def test_random_input_is_accepted_or_refused_with_a_nip_code(value: object) -> None:
    refused: InvalidValueError | None = None
    try:
        nip = parse(value)
    except InvalidValueError as error:
        refused = error
    if refused is None:
        assert len(nip.nip) == NIP_LENGTH
    else:
        assert isinstance(refused, NipError)
        assert refused.code.startswith("nip-")
        assert refused.message


_NIP_LIKE = st.builds(
    "{:%Y%m%d}{:04d}{:02d}{}{:03d}".format,
    st.dates(datetime.date(1940, 1, 1), datetime.date(2030, 12, 31)),
    st.integers(1950, 2030),
    st.integers(0, 13),
    st.integers(0, 3),
    st.integers(0, 999),
)


@given(_NIP_LIKE | st.text(alphabet="0123456789 '", min_size=17, max_size=19))
@example("198001012026121001")  # TMT this month: past enough
@example("198001012027011001")  # next month's TMT
@example("200812062026121001")  # appointed the month of the 18th birthday
@example("200812072026111001")  # a month before it
@settings(max_examples=3000, deadline=None)
def test_the_quick_check_agrees_with_parse_nip(text: str) -> None:
    today = datetime.date(2026, 12, 6)
    try:
        expected: str | None = parse_nip(text, today=today).nip
    except NipError:
        expected = None
    quick = nip_sah(text, today=today)
    # The quick check says yes only where parse_nip does, and to every plain NIP it accepts.
    assert quick == (expected if text.isdigit() and len(text) == 18 else None)
