"""The agency rules: mutasi and duplicates, Plt./Plh., cascading, a unit's capaian."""

from __future__ import annotations

import pytest

from skp_xl.domain.angka_kredit import JenjangJf
from skp_xl.domain.rekap import (
    AturanGanda,
    Kandidat,
    Penugasan,
    Rencana,
    RencanaPegawai,
    capaian_unit,
    jenjang_jf,
    kunci_teks,
    penugasan,
    periksa_cascading,
    periode_terakhir,
    selesaikan_ganda,
)
from skp_xl.domain.vocabulary import PeriodeEvaluasi as P

NIP_A = "198503142010011002"
NIP_B = "199001012015032001"


@pytest.mark.parametrize(
    ("jabatan", "expected"),
    [
        ("Plt. Kepala Bagian Umum", Penugasan.PLT),
        ("PLH Kepala Subbagian Keuangan", Penugasan.PLH),
        ("plt.kepala dinas", Penugasan.PLT),
        ("Kepala Bagian Umum", Penugasan.DEFINITIF),
        ("Pelaksana Pltu", Penugasan.DEFINITIF),
    ],
)
def test_acting_assignments_are_recognised(jabatan: str, expected: Penugasan) -> None:
    assert penugasan(jabatan) is expected


@pytest.mark.parametrize(
    ("jabatan", "expected"),
    [
        ("Analis Kebijakan Ahli Muda", JenjangJf.AHLI_MUDA),
        ("Pranata Komputer Terampil", JenjangJf.TERAMPIL),
        ("Arsiparis  ahli pertama", JenjangJf.AHLI_PERTAMA),
        ("Analis Kebijakan", None),
    ],
)
def test_jenjang_is_read_from_the_end_of_a_jf_jabatan(
    jabatan: str, expected: JenjangJf | None
) -> None:
    assert jenjang_jf(jabatan) is expected


def test_latest_period_follows_the_year() -> None:
    assert periode_terakhir([P.TW2, P.AKHIR, P.TW4]) is P.AKHIR
    assert periode_terakhir([P.TW1, P.TW3]) is P.TW3
    assert periode_terakhir([]) is None


def test_a_mutasi_counts_the_workbook_rated_last() -> None:
    old = Kandidat("lama/a.xlsx", NIP_A, "Unit Lama", P.TW2, "isi-1")
    new = Kandidat("baru/a.xlsx", NIP_A, "Unit Baru", P.AKHIR, "isi-2")
    decisions, findings = selesaikan_ganda([old, new])
    assert decisions["baru/a.xlsx"].dihitung
    assert not decisions["lama/a.xlsx"].dihitung
    assert "Unit Baru" in decisions["lama/a.xlsx"].keterangan
    [finding] = findings
    assert finding.code == "nip-ganda"
    assert "--nip-ganda" in finding.message


def test_the_rule_can_count_every_workbook() -> None:
    old = Kandidat("lama/a.xlsx", NIP_A, "Unit Lama", P.TW2, "isi-1")
    new = Kandidat("baru/a.xlsx", NIP_A, "Unit Baru", P.AKHIR, "isi-2")
    decisions, _ = selesaikan_ganda([old, new], AturanGanda.SEMUA)
    assert all(d.dihitung for d in decisions.values())


def test_the_same_file_twice_counts_once() -> None:
    one = Kandidat("a/x.xlsx", NIP_A, "A", P.TW1, "sama")
    two = Kandidat("b/x.xlsx", NIP_A, "B", P.TW1, "sama")
    decisions, findings = selesaikan_ganda([one, two])
    assert sorted(d.dihitung for d in decisions.values()) == [False, True]
    assert [f.code for f in findings] == ["berkas-ganda"]


def test_acting_workbooks_are_apart_and_never_duplicates() -> None:
    own = Kandidat("a/own.xlsx", NIP_A, "A", P.AKHIR, "1")
    acting = Kandidat("b/plt.xlsx", NIP_A, "B", P.AKHIR, "2", Penugasan.PLT)
    decisions, findings = selesaikan_ganda([own, acting])
    assert decisions["a/own.xlsx"].dihitung
    assert not decisions["b/plt.xlsx"].dihitung
    assert "Plt." in decisions["b/plt.xlsx"].keterangan
    assert findings == []


LEADER = RencanaPegawai(
    "kepala.xlsx",
    NIP_A,
    "Kepala",
    "",
    (
        Rencana("Meningkatnya kualitas layanan data", ("SKP", "C18"), ("Indeks kepuasan",)),
        Rencana("Tersusunnya kebijakan riset", ("SKP", "C22"), ("Jumlah kebijakan",)),
    ),
)


def _staff(pimpinan: str) -> RencanaPegawai:
    return RencanaPegawai(
        "staf.xlsx",
        NIP_B,
        "Staf",
        NIP_A,
        (Rencana("Laporan data", ("SKP", "D18"), ("Jumlah laporan",), pimpinan, ("SKP", "B18")),),
    )


def test_cascading_matches_the_leaders_plan_by_nip_ignoring_case_and_spaces() -> None:
    rows, findings = periksa_cascading([LEADER, _staff("meningkatnya  kualitas layanan data.")])
    up = [r for r in rows if r.arah == "ke atas"]
    assert [(r.status, r.sel, r.keterangan) for r in up] == [
        ("cocok", ("SKP", "B18"), "Kepala: SKP!C18")
    ]
    down = {r.rencana: r.status for r in rows if r.arah == "ke bawah"}
    assert down == {
        "Meningkatnya kualitas layanan data": "diintervensi",
        "Tersusunnya kebijakan riset": "tanpa peran bawahan",
    }
    assert [(f.code, f.path, f.sheet, f.cell) for f in findings] == [
        ("cascading-tanpa-bawahan", "kepala.xlsx", "SKP", "C22")
    ]


def test_a_leaders_iki_may_be_named_too() -> None:
    rows, _ = periksa_cascading([LEADER, _staff("Jumlah kebijakan")])
    assert [r.status for r in rows if r.arah == "ke atas"] == ["cocok"]


def test_a_plan_naming_nothing_of_the_leader_is_found_at_its_cell() -> None:
    _, findings = periksa_cascading([LEADER, _staff("Sesuatu yang lain")])
    assert ("cascading-tidak-ditemukan", "staf.xlsx", "SKP", "B18") in {
        (f.code, f.path, f.sheet, f.cell) for f in findings
    }


def test_a_missing_leader_is_a_status_not_a_warning() -> None:
    rows, findings = periksa_cascading([_staff("Meningkatnya kualitas layanan data")])
    assert [r.status for r in rows] == ["penilai tidak ada"]
    assert findings == []


def test_unit_capaian_is_the_majority_and_dissent_is_listed() -> None:
    value, disagree = capaian_unit({"a": "Baik", "b": "Baik", "c": "Istimewa", "d": ""})
    assert value == "Baik"
    assert disagree == [("c", "Istimewa")]
    assert capaian_unit({"a": ""}) == ("", [])


def test_text_key_ignores_case_spaces_and_end_dots() -> None:
    assert kunci_teks("  Laporan   Data. ") == kunci_teks("laporan data")
