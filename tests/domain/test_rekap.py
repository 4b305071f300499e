"""The agency rules: mutasi and duplicates, Plt./Plh., cascading, a unit's capaian."""

from __future__ import annotations

from dataclasses import replace

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


def test_a_named_text_finds_the_first_rencana_holding_it_as_text_or_indicator() -> None:
    """The second rencana's own text is the first's indicator too: the first is found,
    as a walk over the leader's rencana in order finds it."""
    leader = replace(
        LEADER,
        rencana=(
            Rencana("Tersusunnya kebijakan", ("SKP", "C18"), ("Laporan Data",)),
            Rencana("Laporan data.", ("SKP", "C22"), ("Jumlah laporan",)),
        ),
    )
    rows, _ = periksa_cascading([leader, _staff("laporan  DATA")])
    assert [(r.status, r.keterangan) for r in rows if r.arah == "ke atas"] == [
        ("cocok", "Kepala: SKP!C18")
    ]
    down = {r.rencana: (r.status, r.keterangan) for r in rows if r.arah == "ke bawah"}
    assert down["Tersusunnya kebijakan"] == ("diintervensi", "Staf")
    assert down["Laporan data."][0] == "tanpa peran bawahan"


def test_many_leaders_are_matched_alike_however_few_indexes_are_kept(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Staff of 40 leaders, their order mixed, with two leaders' indexes kept at once: every
    row and finding is the same as with every index kept."""
    import random

    from skp_xl.domain import rekap

    rng = random.Random(7)
    leaders = [
        RencanaPegawai(
            f"kepala-{n}.xlsx",
            f"19850314201001{n:04d}",
            f"Kepala {n}",
            "",
            tuple(
                Rencana(f"Rencana {n}-{k}", ("SKP", f"C{18 + k}"), (f"Indikator {n}-{k}",))
                for k in range(3)
            ),
        )
        for n in range(40)
    ]
    staff = [
        RencanaPegawai(
            f"staf-{m}.xlsx",
            f"19900101201503{m:04d}",
            f"Staf {m}",
            leaders[m % 40].nip,
            (
                Rencana(
                    "Laporan",
                    ("SKP", "D18"),
                    (),
                    rng.choice([f"rencana {m % 40}-{m % 3}", f"INDIKATOR {m % 40}-1", "lain"]),
                    ("SKP", "B18"),
                ),
            ),
        )
        for m in range(200)
    ]
    plans = [*leaders, *rng.sample(staff, len(staff))]
    every = periksa_cascading(plans)
    monkeypatch.setattr(rekap, "_INDEKS_MAKS", 2)
    assert periksa_cascading(plans) == every
    assert {r.status for r in every[0]} >= {"cocok", "tidak ditemukan", "diintervensi"}


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
