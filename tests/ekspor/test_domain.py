"""The pure rules of exports: recognising a header, reading title rows, HR's rules."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import (
    Calon,
    Ekspor,
    JenisEkspor,
    Judul,
    Penunjuk,
    Status,
    baca_judul,
    baris_data,
    hitung_sekali,
    kenali,
    kunci_kolom,
    nilai_baris,
)
from skp_xl.domain.rekap import PeriodeBulanan
from skp_xl.domain.vocabulary import PeriodeEvaluasi

NIP = "198503122010011003"


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("hasilKinerja", "hasil_kinerja"),
        ("PerilakuKerjaNilai", "perilaku_kerja_nilai"),
        ("KuadranKinerjaNilai", "kuadran_kinerja_nilai"),
        ("Rating Hasil Kinerja", "rating_hasil_kinerja"),
        ("NIP", "nip"),
        ("skp_unor_induk", "skp_unor_induk"),
        (" Nama  Pegawai ", "nama_pegawai"),
        (None, ""),
    ],
)
def test_headers_compare_in_any_case_snake_or_camel(header: object, key: str) -> None:
    assert kunci_kolom(header) == key


_alamat = Penunjuk("Sheet1")


PENILAIAN = (
    "No",
    "nip",
    "nama",
    "skp_unor",
    "skp_unor_induk",
    "skp_jabatan",
    "hasil_kerja",
    "perilaku_kerja",
    "hasil_akhir",
    "is_skp_plt_plh_pjb",
)


@pytest.mark.parametrize(
    ("header", "jenis"),
    [
        (PENILAIAN, JenisEkspor.PENILAIAN),
        (tuple(h.upper() for h in PENILAIAN), JenisEkspor.PENILAIAN),
        (("nip", "nama", "jabatan", "unit", "skp_id", "skp_status"), JenisEkspor.MASTER),
        (
            ("id", "tahun", "hasilKinerja", "perilakuKerja", "kuadranKinerja", "namaPenilai"),
            JenisEkspor.SIASN_SKP,
        ),
        (
            ("id", "tahun", "nip", "nama", "hasilKinerja", "perilakuKerja", "periodikNama"),
            JenisEkspor.SIASN_PERIODIK,
        ),
        (
            (
                "NIP",
                "Nama",
                "Jabatan",
                "Rating Hasil Kerja",
                "Rating Perilaku Kerja",
                "Predikat Perilaku Periodik",
            ),
            JenisEkspor.REKAP,
        ),
    ],
)
def test_the_kind_is_told_by_the_header_below_title_rows(
    header: tuple[str, ...], jenis: JenisEkspor
) -> None:
    rows = [["Laporan"], [], ["Instansi X"], list(header), ["x"] * len(header)]
    kepala = kenali(rows)
    assert kepala is not None
    assert (kepala.jenis, kepala.baris) == (jenis, 3)


def test_a_table_that_is_no_export_is_not_recognised() -> None:
    assert kenali([["Nama", "Alamat"], ["A", "B"]]) is None
    assert kenali([]) is None


def test_title_rows_give_period_instansi_and_year() -> None:
    judul = baca_judul(
        [
            ["Laporan Penilaian SKP Periode Bulanan Maret Tahun 2025"],
            ["Instansi Pemerintah Kabupaten Fiktif"],
            ["Periode : Bulanan 3"],
            ["Data ditarik pada : 2025-04-02 10:00:00"],
        ]
    )
    assert judul == Judul("Kabupaten Fiktif", PeriodeBulanan.MARET, "2025", "2025-04-02 10:00:00")
    assert baca_judul([["Laporan Penilaian SKP Periode Tahunan Tahun 2024"]]).periode is (
        PeriodeEvaluasi.AKHIR
    )
    assert baca_judul([[2025.0], ["Instansi Dinas Fiktif"]]) == Judul("Dinas Fiktif", None, "2025")


def _row(**values: object) -> list[object]:
    base: dict[str, object] = {
        "No": 1,
        "nip": NIP,
        "nama": "Andi Fiktif",
        "skp_unor": "SUBBAG UMUM",
        "skp_unor_induk": "DINAS FIKTIF",
        "skp_jabatan": "ANALIS",
        "hasil_kerja": "DIATAS EKSPEKTASI",
        "perilaku_kerja": "SESUAI EKSPEKTASI",
        "hasil_akhir": "BAIK",
        "is_skp_plt_plh_pjb": 0,
    }
    base.update(values)
    return [base[h] for h in PENILAIAN]


def _nilai(**values: object):  # type: ignore[no-untyped-def]
    rows = [list(PENILAIAN), _row(**values)]
    kepala = kenali(rows)
    assert kepala is not None
    [baris] = baris_data(rows, kepala, _alamat)
    ekspor = Ekspor("e.xlsx", kepala.jenis, "Sheet1", Judul(), (baris,))
    return nilai_baris(ekspor, baris)


def test_upper_case_bkn_values_are_normal_spelling() -> None:
    nilai = _nilai()
    assert (nilai.status, nilai.predikat, nilai.temuan) == (Status.DINILAI, "Baik", ())


def test_a_dash_is_not_rated_and_not_an_error() -> None:
    nilai = _nilai(hasil_kerja="-", perilaku_kerja="-", hasil_akhir="-")
    assert (nilai.status, nilai.predikat, nilai.temuan) == (Status.BELUM_DINILAI, "", ())


@pytest.mark.parametrize(
    "values", [{"is_skp_plt_plh_pjb": 1}, {"skp_jabatan": "PLT. KEPALA DINAS FIKTIF"}]
)
def test_plt_rows_are_listed_apart(values: dict[str, object]) -> None:
    assert _nilai(**values).status is Status.PLT


def test_a_numeric_nip_is_a_finding_at_its_cell() -> None:
    nilai = _nilai(nip=float(NIP))
    assert [(f.sheet, f.cell, f.code) for f in nilai.temuan] == [
        ("Sheet1", "B2", Code.NIP_RUSAK_EXCEL)
    ]


def test_hasil_akhir_off_the_quadrant_is_a_finding_at_its_cell_naming_both() -> None:
    nilai = _nilai(perilaku_kerja="DIBAWAH EKSPEKTASI", hasil_akhir="BAIK")
    assert nilai.predikat == "Kurang/Misconduct"
    [finding] = nilai.temuan
    assert (finding.sheet, finding.cell, finding.code) == (
        "Sheet1",
        "I2",
        Code.EKSPOR_HASIL_AKHIR_BERBEDA,
    )
    assert "'BAIK'" in finding.message
    assert "Kurang/Misconduct" in finding.message


@pytest.mark.parametrize(("stored", "ok"), [("KURANG", True), ("CUKUP", False)])
def test_kurang_and_cukup_are_read_as_the_regulation_names_them(stored: str, ok: bool) -> None:
    nilai = _nilai(perilaku_kerja="DIBAWAH EKSPEKTASI", hasil_akhir=stored)
    assert (nilai.temuan == ()) is ok


def test_a_row_without_nip_is_listed_with_a_finding() -> None:
    nilai = _nilai(nip="")
    assert nilai.status is Status.TANPA_NIP
    assert [(f.cell, f.code) for f in nilai.temuan] == [("B2", Code.EKSPOR_TANPA_NIP)]


def _calon(kunci: str, sumber: int, akhir: str, predikat: str = "Baik") -> Calon:
    return Calon(
        kunci,
        NIP,
        PeriodeEvaluasi.AKHIR,
        sumber,
        (akhir, int(kunci[-1])),
        predikat,
        lambda: ("e.xlsx", "Sheet1", f"B{kunci[-1]}"),
        kunci,
    )


def test_a_nip_twice_in_one_period_counts_once_the_latest() -> None:
    apart, findings = hitung_sekali([_calon("r2", 1, "2025-12-31"), _calon("r3", 1, "2025-06-30")])
    assert list(apart) == ["r3"]
    assert [(f.cell, f.code) for f in findings] == [("B3", Code.EKSPOR_NIP_GANDA)]
    assert "dihitung sekali, yaitu r2" in findings[0].message


def test_the_workbook_counts_over_an_export_and_a_difference_is_reported() -> None:
    apart, findings = hitung_sekali(
        [_calon("x4", 1, "", "Sangat Baik"), _calon("w1", 0, "", "Baik")]
    )
    assert list(apart) == ["x4"]
    assert [(f.cell, f.code) for f in findings] == [("B4", Code.EKSPOR_BERBEDA)]
    assert "'Sangat Baik'" in findings[0].message
    assert "'Baik'" in findings[0].message


def test_the_same_rating_in_two_sources_counts_once_quietly() -> None:
    apart, findings = hitung_sekali([_calon("x4", 1, ""), _calon("s5", 2, "")])
    assert (list(apart), findings) == (["s5"], [])


_CELLS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t\n", "\u3000", "\x1c", "\xa0", "x", " x ", "0"]),
    st.text(max_size=3),
    st.integers(-1, 1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.dates(),
)


@given(st.lists(st.lists(_CELLS, max_size=4), max_size=6))
@settings(max_examples=500, deadline=None)
def test_blank_rows_are_left_out_as_a_cell_by_cell_test_does(rows: list[list[object]]) -> None:
    """baris_data tests its cells inline; the reference: a cell holds something unless it
    is None or text that strips to nothing."""
    header = [["nip", "nama", "hasil_kerja", "perilaku_kerja"]]
    kepala = kenali(header)
    assert kepala is not None
    found = baris_data([*header, *rows], kepala, Penunjuk("Data"))

    def isi(cell: object) -> bool:
        return cell is not None and not (isinstance(cell, str) and not cell.strip())

    assert [b.indeks for b in found] == [
        number for number, row in enumerate(rows, 1) if any(isi(cell) for cell in row)
    ]


def test_the_columns_hold_each_nip_spelling_as_the_row_rules_do() -> None:
    """``periksa_kolom`` takes a row's NIP from ``nip_sah`` and leaves to ``parse_nip``
    what that does not take (an apostrophe, spaces, a non-breaking space) and to the
    whole way what has something to say (a number, 17 digits, none, a label unknown);
    row by row the columns hold what ``periksa_ekspor`` gives, for the rows as read
    (a :class:`BarisTabel`) and as a tuple of row objects."""
    from skp_xl.domain.ekspor import BarisTabel, baris_tabel, periksa_ekspor, periksa_kolom

    spellings: list[object] = [
        NIP,
        f"'{NIP}",
        f" {NIP} ",
        f"{NIP}\u00a0",
        float(NIP),
        NIP[:-1],
        NIP[:-3] + "000",
        "",
        None,
        "199912312030011001",
    ]
    rows: list[list[object]] = [list(PENILAIAN)]
    rows += [_row(nip=value, nama=f"Pegawai {i}") for i, value in enumerate(spellings)]
    rows.append(_row(hasil_kerja="LUAR BIASA"))
    rows.append(_row(is_skp_plt_plh_pjb=1))
    kepala = kenali(rows)
    assert kepala is not None
    read = baris_tabel(rows, kepala, _alamat)
    assert isinstance(read, BarisTabel)
    assert read == tuple(baris_data(rows, kepala, _alamat))
    for baris in (read, tuple(read)):
        ekspor = Ekspor("e.xlsx", kepala.jenis, "Sheet1", Judul(), baris)
        nilai, findings = periksa_ekspor(ekspor)
        kolom, lengkap, temuan = periksa_kolom(ekspor)
        assert temuan == findings
        assert lengkap == tuple(n for n in nilai if n.temuan)
        assert list(zip(kolom.nomor, kolom.nip, kolom.status, kolom.predikat, strict=True)) == [
            (n.baris.nomor, n.nip, n.status, n.predikat) for n in nilai
        ]
        assert kolom.nip[:4] == (NIP,) * 4


_SEL = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, min_value=-3, max_value=3),
    st.text(alphabet=" \t\n\u00a0\u200bab-", max_size=6),
)


@given(
    st.lists(
        st.one_of(
            st.lists(_SEL, max_size=40),
            st.lists(_SEL.filter(lambda v: type(v) is str), max_size=300),
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_a_column_is_trimmed_as_each_cell_is(columns: list[list[object]]) -> None:
    """_teks_kolom takes the cheapest way for a column (names trimmed in place, labels
    through the shared dict, numbers through one of their own); each gives teks_sel's
    text, with the dict shared across the columns."""
    from skp_xl.domain.ekspor import _Dipangkas, _teks_kolom, teks_sel

    trimmed = _Dipangkas()
    for values in columns:
        assert _teks_kolom(values, trimmed) == [teks_sel(v) for v in values]
