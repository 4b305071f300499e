"""The target a periodic evaluation judges against (rules.md section 5), case by case."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from skp_xl.domain.targets import (
    PROGRES,
    Arah,
    AsalTarget,
    SifatTarget,
    TidakTerbaca,
    nilai_iki_periode,
    parse_target,
    porsi_tahun,
    sifat_target,
    target_periode,
)
from skp_xl.domain.vocabulary import Aspek, PeriodeEvaluasi, Rating

A, S, B = Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH
TW1, TW2, TW3, TW4, AKHIR = (
    PeriodeEvaluasi.TW1,
    PeriodeEvaluasi.TW2,
    PeriodeEvaluasi.TW3,
    PeriodeEvaluasi.TW4,
    PeriodeEvaluasi.AKHIR,
)
NAIK, TURUN = Arah.NAIK, Arah.TURUN


def test_a_quarter_closes_its_share_of_the_year_and_the_akhir_none() -> None:
    assert [porsi_tahun(p) for p in (TW1, TW2, TW3, TW4, AKHIR)] == [
        Fraction(1, 4),
        Fraction(1, 2),
        Fraction(3, 4),
        Fraction(1),
        None,
    ]


def test_a_month_closes_its_twelfth_share() -> None:
    months = [p for p in PeriodeEvaluasi if p.lama_bulan == 1]
    assert [porsi_tahun(p) for p in months] == [Fraction(m, 12) for m in range(1, 13)]


@pytest.mark.parametrize(
    ("aspek", "satuan", "sifat"),
    [
        (Aspek.KUANTITAS, "dokumen", SifatTarget.JUMLAH),
        (Aspek.KUALITAS, "nilai", SifatTarget.JUMLAH),
        (None, "perangkat daerah", SifatTarget.JUMLAH),  # JPT: no aspek
        (Aspek.KUANTITAS, "%", SifatTarget.PERSENTASE),
        (Aspek.KUALITAS, " Persen ", SifatTarget.PERSENTASE),
        (Aspek.WAKTU, "%", SifatTarget.PERSENTASE),  # a rate of punctual work
        (None, "%", SifatTarget.PERSENTASE),
        (Aspek.WAKTU, "bulan", SifatTarget.PROGRES),
        (Aspek.WAKTU, "", SifatTarget.PROGRES),
        (Aspek.BIAYA, "juta rupiah", SifatTarget.PROGRES),
    ],
)
def test_the_kind_of_target_follows_the_satuan_then_the_aspek(
    aspek: Aspek | None, satuan: str, sifat: SifatTarget
) -> None:
    assert sifat_target(aspek, satuan) is sifat


def judge(
    target: str,
    aspek: Aspek | None,
    periode: PeriodeEvaluasi,
    realisasi: str,
    *,
    arah: Arah | None = None,
    trajectory: str | None = None,
    pro_rata: bool = False,
) -> object:
    parsed = parse_target(target)
    assert not isinstance(parsed, TidakTerbaca)
    direction = arah or (TURUN if aspek in (Aspek.WAKTU, Aspek.BIAYA) else NAIK)
    periodik = target_periode(
        parsed,
        porsi_tahun(periode),
        sifat=sifat_target(aspek, parsed.satuan),
        trajectory=None if trajectory is None else Decimal(trajectory),
        pro_rata=pro_rata,
    )
    return nilai_iki_periode(periodik, realisasi, direction)


K, KL, W, BI = Aspek.KUANTITAS, Aspek.KUALITAS, Aspek.WAKTU, Aspek.BIAYA

CASES = [
    # The issue's own example: 5 of 20 dokumen at TW I is not below expectation when
    # TW I's target is 5, typed or pro rata.
    ("20 dokumen", K, TW1, "4", {"trajectory": "5"}, B),
    ("20 dokumen", K, TW1, "5", {"trajectory": "5"}, S),
    ("20 dokumen", K, TW1, "6", {"trajectory": "5"}, A),
    ("20 dokumen", K, TW1, "4", {"pro_rata": True}, B),
    ("20 dokumen", K, TW1, "5", {"pro_rata": True}, S),
    ("20 dokumen", K, TW1, "6", {"pro_rata": True}, A),
    ("20 dokumen", K, TW3, "15", {"pro_rata": True}, S),
    ("20 dokumen", K, TW4, "20", {"pro_rata": True}, S),
    ("20 dokumen", K, TW1, "5", {}, PROGRES),  # pro rata off, no trajectory
    ("20 dokumen", K, TW4, "0", {}, PROGRES),
    ("20 dokumen", K, AKHIR, "5", {"pro_rata": True}, B),  # the akhir: annual target
    ("20 dokumen", K, AKHIR, "5", {}, B),
    ("20 dokumen", K, AKHIR, "20", {}, S),
    # A trajectory wins over pro rata.
    ("20 dokumen", K, TW2, "8", {"trajectory": "8", "pro_rata": True}, S),
    # Less is better (explicit arah): 10 keluhan a year, half by TW II.
    ("10 keluhan", K, TW2, "4", {"arah": TURUN, "pro_rata": True}, A),
    ("10 keluhan", K, TW2, "5", {"arah": TURUN, "pro_rata": True}, S),
    ("10 keluhan", K, TW2, "6", {"arah": TURUN, "pro_rata": True}, B),
    ("10 keluhan", K, TW2, "6", {"arah": TURUN, "trajectory": "6"}, S),
    ("10 keluhan", K, TW2, "6", {"arah": TURUN}, PROGRES),
    # A range scales at both ends: 12 - 15 laporan is 3 - 3,75 at TW I.
    ("12 - 15 laporan", K, TW1, "2,99", {"pro_rata": True}, B),
    ("12 - 15 laporan", K, TW1, "3", {"pro_rata": True}, S),
    ("12 - 15 laporan", K, TW1, "3,75", {"pro_rata": True}, S),
    ("12 - 15 laporan", K, TW1, "3,76", {"pro_rata": True}, A),
    # A share that is not a whole number: 7 dokumen at TW I is 1,75.
    ("7 dokumen", KL, TW1, "1,75", {"pro_rata": True}, S),
    ("7 dokumen", KL, TW1, "1,7", {"pro_rata": True}, B),
    ("7 dokumen", None, TW3, "5,25", {"pro_rata": True}, S),
    ("7 dokumen", None, TW3, "5,26", {"pro_rata": True}, A),
    # A percentage keeps the annual target, pro rata or not.
    ("90 - 95%", KL, TW1, "89", {}, B),
    ("90 - 95%", KL, TW1, "90", {"pro_rata": True}, S),
    ("90 - 95%", KL, TW1, "95", {}, S),
    ("90 - 95%", KL, TW1, "96", {"pro_rata": True}, A),
    ("90 - 95%", KL, TW1, "80", {"trajectory": "80"}, S),
    ("90 - 95%", KL, TW1, "79", {"trajectory": "80"}, B),
    ("5%", KL, TW2, "4", {"arah": TURUN}, A),
    ("100 %", W, TW2, "100", {"arah": NAIK}, S),
    # Time and cost are progres without a trajectory target, judged with one.
    ("10 bulan", W, TW1, "3", {}, PROGRES),
    ("10 bulan", W, TW1, "3", {"pro_rata": True}, PROGRES),
    ("10 bulan", W, TW1, "2", {"trajectory": "3"}, A),
    ("10 bulan", W, TW1, "3", {"trajectory": "3"}, S),
    ("10 bulan", W, TW1, "4", {"trajectory": "3"}, B),
    ("10 bulan", W, AKHIR, "10", {}, S),
    ("10 bulan", W, AKHIR, "11", {}, B),
    ("10 bulan", W, TW2, "3", {"arah": NAIK, "trajectory": "3"}, S),
    ("10 bulan", W, TW2, "4", {"arah": NAIK, "trajectory": "3"}, A),
    ("Rp 100 juta", BI, TW3, "80", {"pro_rata": True}, PROGRES),
    ("Rp 100 juta", BI, TW3, "80", {"trajectory": "75"}, B),
    ("Rp 100 juta", BI, TW3, "70", {"trajectory": "75"}, A),
    ("Rp 100 juta", BI, AKHIR, "100", {}, S),
]


@pytest.mark.parametrize(("target", "aspek", "periode", "realisasi", "options", "want"), CASES)
def test_a_period_is_judged_against_its_own_target(
    target: str,
    aspek: Aspek | None,
    periode: PeriodeEvaluasi,
    realisasi: str,
    options: dict[str, object],
    want: object,
) -> None:
    assert judge(target, aspek, periode, realisasi, **options) == want  # type: ignore[arg-type]


def test_the_cases_reach_every_aspek_arah_and_source_of_target() -> None:
    seen = set()
    for target, aspek, periode, _, options, _ in CASES:
        parsed = parse_target(target)
        assert not isinstance(parsed, TidakTerbaca)
        periodik = target_periode(
            parsed,
            porsi_tahun(periode),
            sifat=sifat_target(aspek, parsed.satuan),
            trajectory=Decimal(str(options["trajectory"])) if "trajectory" in options else None,
            pro_rata=bool(options.get("pro_rata")),
        )
        default = TURUN if aspek in (W, BI) else NAIK
        seen.add((aspek, options.get("arah", default), periodik.asal))
    assert {aspek for aspek, *_ in seen} == {K, KL, W, BI, None}
    assert {arah for _, arah, _ in seen} == {NAIK, TURUN}
    assert {asal for *_, asal in seen} == set(AsalTarget)


def test_a_pro_rata_share_is_rounded_to_six_decimals() -> None:
    parsed = parse_target("1 dokumen")
    assert not isinstance(parsed, TidakTerbaca)
    # 1 x 1/4 is exact; 2 x 1/3 would not be: the rounding is on the product.
    share = target_periode(parsed, Fraction(1, 3), sifat=SifatTarget.JUMLAH, pro_rata=True)
    assert share.target is not None
    assert share.target.minimum == Decimal("0.333333")
    assert share.asal is AsalTarget.PRO_RATA


def test_progres_still_refuses_an_unreadable_realisasi() -> None:
    parsed = parse_target("10 bulan")
    assert not isinstance(parsed, TidakTerbaca)
    progres = target_periode(parsed, Fraction(1, 4), sifat=SifatTarget.PROGRES)
    assert progres.target is None
    assert nilai_iki_periode(progres, "3", TURUN) == PROGRES
    result = nilai_iki_periode(progres, "tiga bulan", TURUN)
    assert isinstance(result, TidakTerbaca)
