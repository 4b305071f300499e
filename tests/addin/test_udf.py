"""The worksheet functions, called with what Excel passes them.

Excel gives a function a float for every number, None for an empty cell, and a list of
rows for a range (the arguments marked ``ndim=2`` always arrive as a list of rows, even a
single cell). On Linux the xlwings decorators leave the functions as they are, so these
tests call them directly.
"""

from __future__ import annotations

import datetime
import inspect
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skp_xl.addin import logs, udf, udf_core
from skp_xl.domain.angka_kredit import JenjangJf, angka_kredit
from skp_xl.domain.nip import NipError, parse_nip
from skp_xl.domain.quadrant import predikat_kinerja
from skp_xl.domain.suggestion import saran_rating_hasil_kerja
from skp_xl.domain.targets import PROGRES, Arah, nilai_iki
from skp_xl.domain.vocabulary import VOCABULARIES, Predikat, Rating
from tests.workbook import test_trajectory_formula as trajectory

ROOT = Path(__file__).parents[2]
REFERENCE = ROOT / "docs" / "addin-udf.md"

NIP = "198503122010011003"
NIP_AS_EXCEL_NUMBER = 1.98503122010011e17
DIATAS, SESUAI, DIBAWAH = (r.value for r in (Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH))


def is_error(value: object) -> bool:
    return isinstance(value, str) and value.startswith("#SKP: ")


# SKP_PREDIKAT ---------------------------------------------------------------------------------


@pytest.mark.parametrize("hasil", list(Rating))
@pytest.mark.parametrize("perilaku", list(Rating))
def test_predikat_agrees_with_the_quadrant(hasil: Rating, perilaku: Rating) -> None:
    assert udf.SKP_PREDIKAT(hasil.value, perilaku.value) == predikat_kinerja(hasil, perilaku)
    assert udf.SKP_PREDIKAT([[hasil.value]], [[perilaku.value]]) == [
        [predikat_kinerja(hasil, perilaku)]
    ]


def test_predikat_of_a_column_keeps_its_shape_and_leaves_empty_rows_empty() -> None:
    hasil = [["Di Atas Ekspektasi"], ["dibawah ekspektasi"], [None], ["Sesuai"]]
    perilaku = [["sesuai ekspektasi"], ["DIBAWAH EKSPETASI"], ["Sesuai Ekspektasi"], [None]]
    assert udf.SKP_PREDIKAT(hasil, perilaku) == [["Baik"], ["Sangat Kurang"], [""], [""]]


def test_one_cell_goes_with_every_row_of_a_range() -> None:
    hasil = [[DIATAS, SESUAI], [DIBAWAH, "  "]]
    assert udf.SKP_PREDIKAT(hasil, [[DIATAS]]) == [
        ["Sangat Baik", "Baik"],
        ["Butuh Perbaikan", ""],
    ]


def test_a_row_gives_a_row() -> None:
    assert udf.SKP_PREDIKAT([DIATAS, SESUAI], SESUAI) == ["Baik", "Baik"]


def test_ranges_of_different_shapes_give_one_message() -> None:
    result = udf.SKP_PREDIKAT([[DIATAS], [SESUAI]], [[SESUAI], [SESUAI], [SESUAI]])
    assert is_error(result)
    assert "2x1 dan 3x1" in str(result)


@pytest.mark.parametrize("junk", ["Cukup", True, 3.0, datetime.datetime(2025, 1, 1)])
def test_a_refused_rating_is_a_message_in_its_own_cell(junk: object) -> None:
    result = udf.SKP_PREDIKAT([[junk], [DIATAS]], [[SESUAI], [SESUAI]])
    assert isinstance(result, list)
    assert is_error(result[0][0])
    assert "bukan rating" in result[0][0]
    assert result[1] == ["Baik"]


def test_a_fault_of_skp_xl_is_a_message_and_a_log_entry(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path))

    def broken(hasil: object, perilaku: object) -> str:
        raise ZeroDivisionError("bagi nol")

    monkeypatch.setattr(udf_core, "predikat", broken)
    result = udf.SKP_PREDIKAT(DIATAS, SESUAI)
    assert is_error(result)
    assert "galat internal" in str(result)
    assert "Traceback" not in str(result)
    log = (tmp_path / logs.LOG_FILE).read_text(encoding="utf-8")
    assert "SKP_PREDIKAT" in log
    assert "ZeroDivisionError: bagi nol" in log


# SKP_NIP_CEK and SKP_NIP_INFO -------------------------------------------------------------------


def test_a_valid_nip_checks_empty_and_so_does_an_empty_cell() -> None:
    assert udf.SKP_NIP_CEK(NIP) == ""
    assert udf.SKP_NIP_CEK("19850312 201001 1 003") == ""
    assert udf.SKP_NIP_CEK([[NIP], [None], ["123"]]) == [
        [""],
        [""],
        ["NIP '123' berisi 3 digit; NIP harus 18 digit."],
    ]


def test_a_nip_excel_turned_into_a_number_says_so_with_the_digits_excel_kept() -> None:
    message = udf.SKP_NIP_CEK(NIP_AS_EXCEL_NUMBER)
    assert isinstance(message, str)
    assert message.startswith("NIP 198503122010011000 tersimpan sebagai angka")
    assert "Ketik ulang NIP lengkap di sel berformat Teks" in message
    with pytest.raises(NipError) as raised:
        parse_nip(NIP_AS_EXCEL_NUMBER)
    assert raised.value.code == "nip-rusak-excel"


@pytest.mark.parametrize(
    "text", ["1.98503E+17", "abc", "198503122010011000", "19850312201001100", ""]
)
def test_nip_messages_are_the_domains(text: str) -> None:
    try:
        parse_nip(text)
    except NipError as error:
        expected = "" if error.code == "nip-kosong" else error.message
    else:
        expected = ""
    assert udf.SKP_NIP_CEK(text) == expected


@pytest.mark.parametrize(
    ("bagian", "expected"),
    [
        ("lahir", datetime.date(1985, 3, 12)),
        ("Tanggal Lahir", datetime.date(1985, 3, 12)),
        ("tmt", datetime.date(2010, 1, 1)),
        ("jenis_kelamin", "Laki-laki"),
        ("jenis kelamin", "Laki-laki"),
        ("urut", 3),
        ("format", "19850312 201001 1 003"),
        ("nip", NIP),
    ],
)
def test_nip_info_gives_each_part(bagian: str, expected: object) -> None:
    assert udf.SKP_NIP_INFO(NIP, bagian) == expected


def test_nip_info_of_a_column_and_its_refusals() -> None:
    result = udf.SKP_NIP_INFO([[NIP], [None], [NIP_AS_EXCEL_NUMBER]], "lahir")
    assert isinstance(result, list)
    assert result[:2] == [[datetime.date(1985, 3, 12)], [""]]
    assert is_error(result[2][0])
    assert "tersimpan sebagai angka" in result[2][0]
    unknown = udf.SKP_NIP_INFO(NIP, "umur")
    assert is_error(unknown)
    assert "lahir, tmt, jenis_kelamin, urut, format, nip" in str(unknown)
    assert is_error(udf.SKP_NIP_INFO(NIP, None))


# SKP_TARGET_ANGKA and SKP_CAPAIAN_IKI ----------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "bagian", "expected"),
    [
        ("1.000 dokumen", None, 1000.0),
        ("2,5 jam", "min", 2.5),
        ("90 - 95%", None, 90.0),
        ("90 - 95%", "maks", 95.0),
        ("90 - 95%", "Maksimum", 95.0),
        ("90 - 95%", "satuan", "%"),
        ("20 perangkat daerah", "satuan", "perangkat daerah"),
        ("paling lama 3 hari", "batas", "maksimal"),
        ("3 hari", "batas", ""),
        (20.0, None, 20.0),
        (None, None, ""),
    ],
)
def test_target_angka_reads_indonesian_numbers(
    target: object, bagian: object, expected: object
) -> None:
    assert udf.SKP_TARGET_ANGKA(target, bagian) == expected


def test_target_angka_refusals_are_the_domains_messages() -> None:
    assert udf.SKP_TARGET_ANGKA([["banyak"], ["31 Desember 2025"]]) == [
        [
            "#SKP: Target 'banyak' tidak diawali angka, sehingga capaiannya tidak dapat "
            "dihitung; tulis angka dan satuannya, mis. '20 dokumen', '95%' atau '90 - 95%'."
        ],
        [
            "#SKP: Target '31 Desember 2025' berupa tanggal, yang tidak dapat dinilai "
            "otomatis; tulis sebagai lama waktu, mis. '12 bulan' atau '5 hari kerja'."
        ],
    ]
    assert is_error(udf.SKP_TARGET_ANGKA("20 dokumen", "rata-rata"))


@pytest.mark.parametrize(
    ("target", "realisasi", "aspek", "arah"),
    [
        ("20 dokumen", 25.0, "Kuantitas", Arah.NAIK),
        ("20 dokumen", 20.0, "Kualitas", Arah.NAIK),
        ("20 dokumen", "18 dokumen", None, Arah.NAIK),
        ("90 - 95%", 93.0, "Kualitas", Arah.NAIK),
        ("3 hari", 2.0, "Waktu", Arah.TURUN),
        ("3 hari", 4.0, "Waktu", Arah.TURUN),
        ("Rp 1.500.000", 1_600_000.0, "Biaya", Arah.TURUN),
        ("3 hari", 2.0, "Semakin kecil semakin baik", Arah.TURUN),
        ("3 hari", 2.0, "turun", Arah.TURUN),
    ],
)
def test_capaian_iki_agrees_with_the_domain(
    target: str, realisasi: object, aspek: str | None, arah: Arah
) -> None:
    expected = nilai_iki(target, realisasi, arah)
    assert isinstance(expected, Rating)
    assert udf.SKP_CAPAIAN_IKI(target, realisasi, aspek) == expected.value


def test_capaian_iki_takes_a_column_of_aspek() -> None:
    target = [["3 hari"], ["20 dokumen"]]
    assert udf.SKP_CAPAIAN_IKI(target, [[2.0], [18.0]], [["Waktu"], ["Kuantitas"]]) == [
        [DIATAS],
        [DIBAWAH],
    ]


def test_capaian_iki_of_columns_waits_for_both_sides() -> None:
    target = [["20 dokumen"], ["20 dokumen"], [None], ["5 hari"]]
    realisasi = [[25.0], [None], [3.0], ["5 jam"]]
    assert udf.SKP_CAPAIAN_IKI(target, realisasi, [["Kuantitas"]]) == [
        [DIATAS],
        [""],
        [""],
        [
            "#SKP: Satuan realisasi 'jam' berbeda dengan satuan target 'hari'; tulis "
            "realisasi dengan satuan target."
        ],
    ]
    assert is_error(udf.SKP_CAPAIAN_IKI("20 dokumen", 20.0, "Kecepatan"))


# SKP_SARAN_RATING --------------------------------------------------------------------------------


def test_saran_rating_of_a_table_agrees_with_the_domain() -> None:
    capaian = [[DIATAS], [DIATAS], [SESUAI], [None], [DIATAS]]
    jenis = [["Utama"], ["Utama"], ["Utama"], ["Utama"], ["Tambahan"]]
    pairs = [(j[0], c[0]) for j, c in zip(jenis, capaian, strict=True) if c[0] is not None]
    expected = saran_rating_hasil_kerja(pairs).rating.value
    assert udf.SKP_SARAN_RATING(capaian, jenis) == expected == DIATAS


def test_saran_rating_takes_one_jenis_for_every_row() -> None:
    assert udf.SKP_SARAN_RATING([[DIBAWAH], [SESUAI]], "Utama") == DIBAWAH
    assert udf.SKP_SARAN_RATING([[DIATAS], [DIATAS], [SESUAI]], [["A. UTAMA"]]) == DIATAS


def test_saran_rating_is_empty_until_a_hasil_kerja_utama_is_judged() -> None:
    assert udf.SKP_SARAN_RATING([[None], [None]], [["Utama"], ["Utama"]]) == ""
    assert udf.SKP_SARAN_RATING([[DIATAS]], [["Tambahan"]]) == ""


def test_saran_rating_refusals() -> None:
    assert is_error(udf.SKP_SARAN_RATING([[DIATAS], [SESUAI]], [["Utama"], [None]]))
    assert is_error(udf.SKP_SARAN_RATING([[DIATAS], [SESUAI]], [["Utama"], ["U"], ["U"]]))
    assert is_error(udf.SKP_SARAN_RATING([["Cukup"]], [["Utama"]]))


# SKP_ANGKA_KREDIT ------------------------------------------------------------------------------


@pytest.mark.parametrize("predikat", list(Predikat))
@pytest.mark.parametrize("jenjang", list(JenjangJf))
def test_angka_kredit_agrees_with_the_domain(predikat: Predikat, jenjang: JenjangJf) -> None:
    expected = angka_kredit(predikat.value, jenjang.value, 7)
    assert udf.SKP_ANGKA_KREDIT(predikat.value, jenjang.value, 7.0) == expected


def test_angka_kredit_of_a_column_with_twelve_months_by_default() -> None:
    predikat = [["Sangat Baik"], ["Baik"], [None], ["Cukup"]]
    assert udf.SKP_ANGKA_KREDIT(predikat, [["Ahli Pertama"]], [[None], [2.0], [12.0], [6.0]]) == [
        [18.75],
        [2.08],
        [""],
        [4.69],
    ]
    assert udf.SKP_ANGKA_KREDIT("Baik", "Ahli Muda") == 25.0


def test_angka_kredit_refuses_part_months_and_unknown_jenjang() -> None:
    assert udf.SKP_ANGKA_KREDIT("Baik", "Ahli Muda", 6.5) == (
        "#SKP: Jumlah bulan 6.5 tidak valid; isi bilangan bulat 1 sampai 12."
    )
    assert is_error(udf.SKP_ANGKA_KREDIT("Baik", "Ahli Sekali", 12.0))


# SKP_CEK_DISTRIBUSI ----------------------------------------------------------------------------


def test_a_distribution_within_the_guideline() -> None:
    predikat = [["Baik"], ["Baik"], ["Butuh Perbaikan"], [None], ["Sangat Baik"]]
    assert udf.SKP_CEK_DISTRIBUSI("Baik", predikat) == "Sesuai"
    assert udf.SKP_CEK_DISTRIBUSI([["Baik"]], predikat) == "Sesuai"


def test_a_distribution_outside_the_guideline_names_each_rule_with_its_figure() -> None:
    result = udf.SKP_CEK_DISTRIBUSI("Baik", [["Baik"]] * 4)
    assert result == (
        "Tidak sesuai: Predikat Baik paling banyak 70%. Angka: 100%; batas: ≤ 70%. "
        "Harus ada paling sedikit satu pegawai berpredikat Butuh Perbaikan dan/atau "
        "Kurang/Misconduct. Angka: 0 pegawai; batas: ≥ 1 pegawai."
    )


def test_distribution_refusals_and_empty_input() -> None:
    assert udf.SKP_CEK_DISTRIBUSI("Baik", [[None]]) == ""
    assert udf.SKP_CEK_DISTRIBUSI(None, [["Baik"]]) == ""
    assert is_error(udf.SKP_CEK_DISTRIBUSI("Luar Biasa", [["Baik"]]))
    assert is_error(udf.SKP_CEK_DISTRIBUSI("Baik", [["Hebat"]]))
    assert is_error(udf.SKP_CEK_DISTRIBUSI([["Baik"], ["Baik"]], [["Baik"]]))


# SKP_KANONIK -------------------------------------------------------------------------------------


@pytest.mark.parametrize("konsep", list(VOCABULARIES))
def test_every_canonical_value_of_every_list_is_itself(konsep: str) -> None:
    values = [[member.value] for member in VOCABULARIES[konsep].enum]
    assert udf.SKP_KANONIK(values, konsep) == values


@pytest.mark.parametrize(
    ("nilai", "konsep", "expected"),
    [
        ("di atas", "rating", DIATAS),
        ("Cukup", "predikat", "Butuh Perbaikan"),
        ("Sangat Baik", "capaian_organisasi", "Istimewa"),
        ("Sangat Baik", "Capaian Kinerja Organisasi", "Istimewa"),
        ("TW I", "periode", "Triwulan I"),
        ("aspek waktu", "aspek", "Waktu"),
        ("ahli-pertama", "jenjang", "Ahli Pertama"),
        ("3a", "pangkat", "Penata Muda, III/a"),
        (None, "rating", ""),
    ],
)
def test_kanonik_gives_the_canonical_spelling(nilai: object, konsep: str, expected: str) -> None:
    assert udf.SKP_KANONIK(nilai, konsep) == expected


def test_kanonik_refusals_name_the_allowed_values() -> None:
    assert udf.SKP_KANONIK("Luar biasa", "predikat") == (
        "#SKP: 'Luar biasa' bukan predikat kinerja yang dikenal; pilih salah satu: "
        "Sangat Baik, Baik, Butuh Perbaikan, Kurang/Misconduct, Sangat Kurang."
    )
    unknown = udf.SKP_KANONIK("Baik", "warna")
    assert is_error(unknown)
    assert "rating" in str(unknown)
    assert "pangkat" in str(unknown)


@given(st.text(max_size=30))
def test_kanonik_never_raises_on_any_text(text: str) -> None:
    result = udf.SKP_KANONIK(text, "rating")
    assert isinstance(result, str)
    if result and not is_error(result):
        assert result in {r.value for r in Rating}


# What Excel shows as help, and the reference page --------------------------------------------


def test_every_function_is_listed_and_documented_within_excels_limits() -> None:
    names = {name for name in dir(udf) if name.startswith("SKP_")}
    assert {f.__name__ for f in udf.UDFS} == names
    for function in udf.UDFS:
        doc = function.__doc__ or ""
        assert 40 < len(doc) <= 255, function.__name__
        assert "\n" not in doc, function.__name__
        documented = udf.ARGUMENTS[function.__name__]
        assert list(documented) == [*reversed(inspect.signature(function).parameters)]
        assert all(0 < len(text) <= 255 for text in documented.values())


def test_signatures_as_excel_writes_them() -> None:
    assert udf_core.signature(udf.SKP_NIP_INFO) == "SKP_NIP_INFO(nip; bagian)"
    assert udf_core.signature(udf.SKP_ANGKA_KREDIT) == (
        "SKP_ANGKA_KREDIT(predikat; jenjang; [bulan])"
    )


def test_the_reference_page_is_current() -> None:
    fresh = udf.reference()
    if os.environ.get("SKP_XL_UPDATE_GOLDEN") == "1":
        REFERENCE.write_text(fresh, encoding="utf-8")
    assert REFERENCE.read_text(encoding="utf-8") == fresh, (
        "docs/addin-udf.md is stale (if intended: SKP_XL_UPDATE_GOLDEN=1)"
    )
    for function in udf.UDFS:
        assert f"`={udf_core.signature(function)}`" in fresh
        for text in udf.ARGUMENTS[function.__name__].values():
            assert text in fresh


# SKP_CAPAIAN_IKI of a periodic evaluation ---------------------------------------------------


def test_capaian_iki_of_a_period_is_the_workbook_s_on_every_boundary_case() -> None:
    """The cases tests/workbook/test_trajectory_formula.py proves the workbook's formulas
    give (LibreOffice), through the worksheet function with the same inputs."""
    wrong: list[tuple[object, ...]] = []
    checked = 0
    for book in trajectory.BOOKS:
        for periode in trajectory.PERIODS:
            for iki in book.ikis:
                at = (iki.block, iki.offset)
                top = "" if iki.maksimum is None else f" - {iki.maksimum}"
                target = f"{iki.minimum}{top} {iki.satuan}"
                given = book.trajectory[periode].get(at)
                got = udf.SKP_CAPAIAN_IKI(
                    target,
                    book.realisasi[periode][at],
                    None if iki.aspek is None else iki.aspek.value,
                    periode.value,
                    given,
                    "Ya" if book.pro_rata else "Tidak",
                    None if iki.arah is None else iki.arah.value,
                )
                want = trajectory.expected_capaian(book, iki, periode)
                checked += 1
                if want == "?":  # a trajectory target that is not a number is refused
                    if not is_error(got):
                        wrong.append((book.name, periode.name, iki, got, want))
                elif got != want:
                    wrong.append((book.name, periode.name, iki, got, want))
    assert wrong == []
    assert checked > 500


def test_capaian_iki_without_a_period_keeps_the_annual_target() -> None:
    assert udf.SKP_CAPAIAN_IKI("20 dokumen", 5.0, "Kuantitas") == DIBAWAH
    assert udf.SKP_CAPAIAN_IKI("20 dokumen", 5.0, "Kuantitas", "Akhir", None, "Ya") == DIBAWAH
    assert udf.SKP_CAPAIAN_IKI("20 dokumen", 5.0, "Kuantitas", "TW I") == PROGRES
    assert udf.SKP_CAPAIAN_IKI("20 dokumen", 5.0, "Kuantitas", "TW I", None, "Ya") == SESUAI
    assert udf.SKP_CAPAIAN_IKI("10 bulan", 3.0, "Waktu", "TW I", 3.0) == SESUAI
    assert is_error(udf.SKP_CAPAIAN_IKI("10 bulan", 3.0, "Waktu", "TW I", None, None, "miring"))
