"""The closed lists accept every documented variant and return canonical values."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.vocabulary import (
    ASPEK,
    CAPAIAN_ORGANISASI,
    JENIS_HASIL_KERJA,
    JENIS_JABATAN,
    METODE_PENYELARASAN,
    PERIODE_EVALUASI,
    PERSPEKTIF,
    PREDIKAT,
    RATING,
    SIKLUS_EVALUASI,
    VOCABULARIES,
    CapaianOrganisasi,
    JenisHasilKerja,
    JenisJabatan,
    MetodePenyelarasan,
    PeriodeEvaluasi,
    Perspektif,
    Predikat,
    Rating,
    SiklusEvaluasi,
    compact,
    normalize_predikat,
    normalize_rating,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Diatas Ekspektasi", Rating.DIATAS),
        ("Di Atas Ekspektasi", Rating.DIATAS),
        ("di atas ekspektasi", Rating.DIATAS),
        ("DIATAS EKSPEKTASI", Rating.DIATAS),
        ("Diatas Ekspetasi", Rating.DIATAS),
        ("Diatss ekspektasi", Rating.DIATAS),
        ("  Di  Atas  ", Rating.DIATAS),
        ("sesuai ekspektasi", Rating.SESUAI),
        ("Sesuai", Rating.SESUAI),
        ("Di Bawah Ekspektasi", Rating.DIBAWAH),
        ("dibawah ekspetasi", Rating.DIBAWAH),
    ],
)
def test_rating_variants_map_to_the_canonical_value(text: str, expected: Rating) -> None:
    assert normalize_rating(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sangat Baik", Predikat.SANGAT_BAIK),
        ("BAIK", Predikat.BAIK),
        ("Cukup", Predikat.BUTUH_PERBAIKAN),
        ("Butuh Perbaikan (Cukup)", Predikat.BUTUH_PERBAIKAN),
        ("Kurang", Predikat.KURANG),
        ("Kurang (Misconduct)", Predikat.KURANG),
        ("Kurang/ Misconduct", Predikat.KURANG),
        ("kurang / misconduct", Predikat.KURANG),
        ("Sangat Kurang", Predikat.SANGAT_KURANG),
    ],
)
def test_predikat_variants_map_to_the_canonical_value(text: str, expected: Predikat) -> None:
    assert normalize_predikat(text) is expected


@pytest.mark.parametrize(
    ("vocabulary", "text", "expected"),
    [
        (JENIS_JABATAN, "jpt pratama", JenisJabatan.JPT),
        (JENIS_JABATAN, "Pimpinan Unit Kerja Mandiri", JenisJabatan.JPT),
        (JENIS_JABATAN, "Jabatan Administrasi", JenisJabatan.JA),
        (JENIS_JABATAN, "pelaksana", JenisJabatan.JA),
        (JENIS_JABATAN, "jabatan fungsional", JenisJabatan.JF),
        (JENIS_HASIL_KERJA, "A. UTAMA", JenisHasilKerja.UTAMA),
        (JENIS_HASIL_KERJA, "HASIL KERJA UTAMA", JenisHasilKerja.UTAMA),
        (JENIS_HASIL_KERJA, "B. TAMBAHAN", JenisHasilKerja.TAMBAHAN),
        (PERSPEKTIF, "Stakeholder", Perspektif.PENERIMA_LAYANAN),
        (PERSPEKTIF, "Penguanan Internal", Perspektif.PENGUATAN_INTERNAL),
        (ASPEK, "kuantitas", ASPEK.enum("Kuantitas")),
        (PERIODE_EVALUASI, "TW I", PeriodeEvaluasi.TW1),
        (PERIODE_EVALUASI, "Q3", PeriodeEvaluasi.TW3),
        (PERIODE_EVALUASI, "triwulan iv", PeriodeEvaluasi.TW4),
        (PERIODE_EVALUASI, "Tahunan", PeriodeEvaluasi.AKHIR),
        (PERIODE_EVALUASI, "Jan", PeriodeEvaluasi.JAN),
        (PERIODE_EVALUASI, "januari", PeriodeEvaluasi.JAN),
        (PERIODE_EVALUASI, "bulan 1", PeriodeEvaluasi.JAN),
        (PERIODE_EVALUASI, "01", PeriodeEvaluasi.JAN),
        (PERIODE_EVALUASI, "Bulan ke-3", PeriodeEvaluasi.MAR),
        (PERIODE_EVALUASI, "Agt", PeriodeEvaluasi.AGU),
        (PERIODE_EVALUASI, "Nopember", PeriodeEvaluasi.NOV),
        (PERIODE_EVALUASI, "12", PeriodeEvaluasi.DES),
        (SIKLUS_EVALUASI, "bulanan", SiklusEvaluasi.BULANAN),
        (SIKLUS_EVALUASI, "Per Triwulan", SiklusEvaluasi.TRIWULANAN),
        (CAPAIAN_ORGANISASI, "Cukup", CapaianOrganisasi.BUTUH_PERBAIKAN),
        (CAPAIAN_ORGANISASI, "Sangat Baik", CapaianOrganisasi.ISTIMEWA),
        (METODE_PENYELARASAN, "non direct", MetodePenyelarasan.NON_DIRECT),
    ],
)
def test_other_lists_accept_their_variants(vocabulary: object, text: str, expected: object) -> None:
    assert vocabulary.normalize(text) is expected  # type: ignore[attr-defined]


def test_unknown_label_names_the_value_and_the_allowed_ones() -> None:
    with pytest.raises(InvalidValueError) as caught:
        normalize_rating("Luar Biasa")
    assert caught.value.code == "rating-tidak-dikenal"
    assert "'Luar Biasa'" in str(caught.value)
    for allowed in Rating:
        assert allowed.value in str(caught.value)


@pytest.mark.parametrize("empty", ["", "   ", None])
def test_empty_label_is_reported_as_missing(empty: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        normalize_predikat(empty)
    assert caught.value.code == "predikat-kosong"


def test_unknown_label_is_a_value_error_for_callers_of_the_public_api() -> None:
    with pytest.raises(ValueError, match="bukan rating"):
        normalize_rating(17)


def test_every_vocabulary_maps_each_alias_key_to_one_of_its_own_members() -> None:
    for vocabulary in VOCABULARIES.values():
        for key, member in vocabulary.aliases.items():
            assert key == compact(key)
            assert member in vocabulary.enum
        for member in vocabulary.enum:
            assert vocabulary.normalize(member.value) is member


def test_canonical_output_is_recognised_as_canonical() -> None:
    assert PREDIKAT.is_canonical(" Kurang/Misconduct ")
    assert not PREDIKAT.is_canonical("Kurang")
    assert not RATING.is_canonical("Di Atas Ekspektasi")


def test_period_codes_are_the_defined_name_stems() -> None:
    assert [p.kode for p in SiklusEvaluasi.TRIWULANAN.periode] == [
        "TW1",
        "TW2",
        "TW3",
        "TW4",
        "AKHIR",
    ]
    assert [p.kode for p in SiklusEvaluasi.BULANAN.periode] == [
        *("JAN", "FEB", "MAR", "APR", "MEI", "JUN"),
        *("JUL", "AGU", "SEP", "OKT", "NOV", "DES"),
        "AKHIR",
    ]


def test_each_cycle_has_its_periods_then_akhir() -> None:
    bulanan = SiklusEvaluasi.BULANAN.periode
    assert [p.value for p in bulanan[:3]] == ["Januari", "Februari", "Maret"]
    assert len(bulanan) == 13
    assert set(bulanan) | set(SiklusEvaluasi.TRIWULANAN.periode) == set(PeriodeEvaluasi)
    assert [p.siklus for p in (PeriodeEvaluasi.TW2, PeriodeEvaluasi.MEI)] == [
        SiklusEvaluasi.TRIWULANAN,
        SiklusEvaluasi.BULANAN,
    ]
    assert PeriodeEvaluasi.AKHIR.siklus is None


@pytest.mark.parametrize(
    ("periode", "bulan", "lama", "pecahan"),
    [
        (PeriodeEvaluasi.TW1, 3, 3, Fraction(1, 4)),
        (PeriodeEvaluasi.TW3, 9, 3, Fraction(3, 4)),
        (PeriodeEvaluasi.TW4, 12, 3, Fraction(1)),
        (PeriodeEvaluasi.JAN, 1, 1, Fraction(1, 12)),
        (PeriodeEvaluasi.MEI, 5, 1, Fraction(5, 12)),
        (PeriodeEvaluasi.DES, 12, 1, Fraction(1)),
        (PeriodeEvaluasi.AKHIR, 12, 12, Fraction(1)),
    ],
)
def test_period_knows_its_end_month_length_and_share_of_the_year(
    periode: PeriodeEvaluasi, bulan: int, lama: int, pecahan: Fraction
) -> None:
    assert (periode.bulan, periode.lama_bulan, periode.pecahan) == (bulan, lama, pecahan)
    assert periode.is_akhir is (periode is PeriodeEvaluasi.AKHIR)


@given(st.sampled_from(sorted(RATING.aliases)), st.data())
def test_rating_aliases_survive_case_and_spacing_changes(key: str, data: st.DataObject) -> None:
    # Re-case each letter and sprinkle spaces: the compact key, and so the value, is the same.
    cased = "".join(
        (c.upper() if data.draw(st.booleans()) else c) + data.draw(st.sampled_from(["", " ", "  "]))
        for c in key
    )
    assert normalize_rating(cased) is RATING.aliases[key]
