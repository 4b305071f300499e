"""Tindak lanjut across years: each rule at its boundary (docs/rules.md, "Tindak lanjut")."""

from __future__ import annotations

import pytest

from skp_xl.domain.codes import Code
from skp_xl.domain.tindak_lanjut import (
    Aturan,
    PenilaianTahunan,
    jenis_jabatan_dari,
    tindak_lanjut,
)

NIP = "198001012005011001"
NIP2 = "198502022010012002"
SB, B, BP, K, SK = "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"


def p(
    tahun: int,
    predikat: str,
    *,
    nip: str = NIP,
    jenis: str = "JA",
    prioritas: int = 0,
    cell: str = "H2",
    berkas: str = "ringkasan.xlsx",
    unit: str = "Biro Umum",
    jabatan: str = "",
    akhir: str = "",
) -> PenilaianTahunan:
    return PenilaianTahunan(
        nip,
        tahun,
        predikat,
        nama="Pegawai Fiktif",
        jenis_jabatan=jenis,
        jabatan=jabatan,
        unit=unit,
        berkas=berkas,
        sheet="Pegawai",
        cell=cell,
        sumber="uji",
        prioritas=prioritas,
        akhir=akhir,
    )


def rules(result: object) -> list[tuple[str, str, tuple[int, ...], tuple[str, ...]]]:
    return [(t.nip, t.aturan.value, t.tahun, t.predikat) for t in result.daftar]  # type: ignore[attr-defined]


def codes(result: object) -> list[str]:
    return [f.code for f in result.temuan]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("predikat", "aturan"),
    [(SB, Aturan.TALENTA_PRIORITAS), (B, Aturan.PENGEMBANGAN_KOMPETENSI)],
)
def test_the_same_predikat_two_years_in_a_row(predikat: str, aturan: Aturan) -> None:
    result = tindak_lanjut([p(2024, predikat), p(2025, predikat)])
    assert result.tahun == 2025
    assert rules(result) == [(NIP, aturan.value, (2024, 2025), (predikat, predikat))]
    assert codes(result) == []


def test_two_different_good_years_are_no_rule() -> None:
    assert rules(tindak_lanjut([p(2024, SB), p(2025, B)])) == []
    assert rules(tindak_lanjut([p(2024, B), p(2025, SB)])) == []


def test_one_year_only_is_said_and_gives_no_two_year_rule() -> None:
    result = tindak_lanjut([p(2025, SB)])
    assert rules(result) == []
    assert codes(result) == [Code.TINDAK_LANJUT_SATU_TAHUN]


def test_a_gap_year_breaks_two_years_in_a_row_and_is_a_finding_at_its_cell() -> None:
    result = tindak_lanjut(
        [
            p(2023, SB),
            p(2025, SB, cell="H9"),
            p(2024, B, nip=NIP2),  # someone else's 2024: the input covers 2024
            p(2025, B, nip=NIP2),
        ]
    )
    assert rules(result) == [(NIP2, "pengembangan-kompetensi", (2024, 2025), (B, B))]
    gaps = [f for f in result.temuan if f.code == Code.TINDAK_LANJUT_TAHUN_HILANG]
    assert [(f.path, f.sheet, f.cell) for f in gaps] == [("ringkasan.xlsx", "Pegawai", "H9")]
    assert "2024" in gaps[0].message


def test_the_previous_year_missing_for_one_pegawai_is_a_gap() -> None:
    result = tindak_lanjut([p(2025, SB), p(2024, SB, nip=NIP2), p(2025, SB, nip=NIP2)])
    assert rules(result) == [(NIP2, "talenta-prioritas", (2024, 2025), (SB, SB))]
    assert codes(result) == [Code.TINDAK_LANJUT_TAHUN_HILANG]


def test_a_pegawai_missing_in_the_year_judged_is_a_gap_too() -> None:
    result = tindak_lanjut([p(2024, SB), p(2024, B, nip=NIP2), p(2025, B, nip=NIP2)])
    assert codes(result) == [Code.TINDAK_LANJUT_TAHUN_HILANG]
    assert "2025" in result.temuan[0].message


def test_two_sources_agreeing_for_one_year_count_once_without_finding() -> None:
    result = tindak_lanjut(
        [p(2024, SB), p(2025, SB), p(2025, SB, prioritas=2, berkas="siasn.json", cell="[3].k")]
    )
    assert rules(result) == [(NIP, "talenta-prioritas", (2024, 2025), (SB, SB))]
    assert codes(result) == []


def test_two_sources_disagreeing_the_summary_counts_and_the_other_is_a_finding() -> None:
    result = tindak_lanjut(
        [
            p(2024, SB),
            p(2025, SB, prioritas=0),
            # Read after the summary, and still not counted: the summary comes first.
            p(2025, B, prioritas=2, berkas="siasn.json", cell="[3].kuadranKinerja"),
        ]
    )
    assert rules(result) == [(NIP, "talenta-prioritas", (2024, 2025), (SB, SB))]
    [finding] = result.temuan
    assert (finding.code, finding.path, finding.cell) == (
        Code.TINDAK_LANJUT_SUMBER_BERBEDA,
        "siasn.json",
        "[3].kuadranKinerja",
    )


def test_within_one_source_the_skp_ending_last_counts() -> None:
    result = tindak_lanjut(
        [
            p(2024, B),
            p(2025, B, akhir="2025-12-31", cell="I8"),
            p(2025, SB, akhir="2025-06-01", cell="I9"),
        ]
    )
    assert rules(result) == [(NIP, "pengembangan-kompetensi", (2024, 2025), (B, B))]
    assert [(f.code, f.cell) for f in result.temuan] == [(Code.TINDAK_LANJUT_SUMBER_BERBEDA, "I9")]


@pytest.mark.parametrize(
    ("jenis", "predikat", "expected"),
    [
        ("JPT", BP, ["perbaikan-jpt"]),
        ("JPT", K, ["perbaikan-jpt"]),
        ("JPT", SK, ["perbaikan-jpt"]),
        ("JPT", B, []),
        ("JA", BP, []),
        ("JA", K, ["perbaikan-enam-bulan"]),
        ("JF", SK, ["perbaikan-enam-bulan"]),
        ("JF", BP, []),
    ],
)
def test_improvement_rules_by_jenis_jabatan(jenis: str, predikat: str, expected: list[str]) -> None:
    result = tindak_lanjut([p(2024, SB, jenis=jenis), p(2025, predikat, jenis=jenis)])
    assert [t.aturan.value for t in result.daftar] == expected
    if expected:
        assert result.daftar[0].tahun == (2025,)
        assert result.daftar[0].predikat == (predikat,)


def test_the_improvement_rules_need_one_year_only() -> None:
    result = tindak_lanjut([p(2025, K, jenis="JF")])
    assert rules(result) == [(NIP, "perbaikan-enam-bulan", (2025,), (K,))]


def test_an_unknown_jenis_jabatan_is_a_finding_not_a_guess() -> None:
    result = tindak_lanjut([p(2024, B, jenis=""), p(2025, BP, jenis="")])
    assert rules(result) == []
    assert codes(result) == [Code.TINDAK_LANJUT_JENIS_TIDAK_DIKENAL]
    good = tindak_lanjut([p(2024, B, jenis=""), p(2025, B, jenis="")])
    assert codes(good) == []  # it matters only for the improvement rules


def test_a_change_of_unit_and_of_jenjang_are_findings() -> None:
    result = tindak_lanjut(
        [
            p(2024, B, jenis="JF", unit="Biro Umum", jabatan="Analis SDM Aparatur Ahli Pertama"),
            p(2025, B, jenis="JF", unit="Inspektorat", jabatan="Analis SDM Aparatur Ahli Muda"),
        ]
    )
    assert rules(result) == [(NIP, "pengembangan-kompetensi", (2024, 2025), (B, B))]
    assert codes(result) == [
        Code.TINDAK_LANJUT_UNIT_BERUBAH,
        Code.TINDAK_LANJUT_JABATAN_BERUBAH,
    ]


def test_the_year_judged_can_be_chosen() -> None:
    items = [p(2023, SB), p(2024, SB), p(2025, K)]
    assert rules(tindak_lanjut(items, tahun=2024)) == [
        (NIP, "talenta-prioritas", (2023, 2024), (SB, SB))
    ]
    assert rules(tindak_lanjut(items)) == [(NIP, "perbaikan-enam-bulan", (2025,), (K,))]


def test_json_shape() -> None:
    result = tindak_lanjut([p(2024, SB), p(2025, SB)])
    assert result.to_dict() == {
        "tahun": 2025,
        "tindak_lanjut": [
            {
                "nip": NIP,
                "nama": "Pegawai Fiktif",
                "aturan": "talenta-prioritas",
                "tahun": [2024, 2025],
                "predikat": [SB, SB],
            }
        ],
    }


@pytest.mark.parametrize(
    ("jenis", "jabatan", "expected"),
    [
        ("JPT", "", "JPT"),
        ("Jabatan Fungsional", "", "JF"),
        ("Jabatan Fungsional Tertentu", "", "JF"),
        ("Fungsional Umum", "", "JA"),
        ("Struktural", "Kepala Pusat Data", ""),
        ("", "Pranata Komputer Ahli Muda", "JF"),
        ("", "Kepala Bagian Umum", ""),
    ],
)
def test_jenis_jabatan_from_what_sources_write(jenis: str, jabatan: str, expected: str) -> None:
    assert jenis_jabatan_dari(jenis, jabatan) == expected
