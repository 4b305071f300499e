"""The formulas of generated SKP workbooks, recalculated by LibreOffice, against the Python rules.

Workbooks are built by :func:`skp_xl.workbook.writer.build_workbook`, filled with openpyxl
the way a user types (tests/workbook/fill.py), recalculated in one soffice run, and every
computed cell is compared with what :mod:`skp_xl.domain` says it must show. All data is
fictional.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

import skp_xl
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.suggestion import penilaian_hasil_kerja, saran_rating_hasil_kerja
from skp_xl.domain.targets import (
    PROGRES,
    Arah,
    AsalTarget,
    Besaran,
    Target,
    TargetPeriode,
    arah_aspek,
    format_angka,
    nilai_iki_periode,
    normalize_satuan,
    parse_realisasi,
    parse_target,
    porsi_tahun,
    sifat_target,
    target_periode,
)
from skp_xl.domain.vocabulary import (
    ASPEK,
    CAPAIAN_ORGANISASI,
    PERIODE_EVALUASI,
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
    Perspektif,
    Rating,
    SiklusEvaluasi,
)
from skp_xl.forms import text as t
from skp_xl.workbook.formulas import nip_valid_formula
from skp_xl.workbook.reference import pola_distribusi_texts
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice, Values
from tests.workbook.fill import Cell, Table, named, narasi, put, put_named, table, value

PERIODS = SiklusEvaluasi.TRIWULANAN.periode
JA, JF, JPT = JenisJabatan.JA, JenisJabatan.JF, JenisJabatan.JPT
KUALITATIF, KUANTITATIF = Pendekatan.KUALITATIF, Pendekatan.KUANTITATIF
A, S, B = Rating.DIATAS, Rating.SESUAI, Rating.DIBAWAH

# Column headers of the helper inputs and results right of the printed forms.
TARGET_MIN = "Target (angka)"
TARGET_MAKS = "s.d. (angka, bila rentang)"
SATUAN = "Satuan"
ARAH = "Arah"
REALISASI_ANGKA = "Realisasi (angka)"
TARGET_PERIODE = "Target periode (angka)"
TARGET_DIPAKAI = "Target periode dipakai"
TARGET_DIPAKAI_MAKS = "s.d. (dipakai)"
BUKTI = "Bukti dukung"
CAPAIAN_IKI = "Capaian IKI"
PENILAIAN = "Penilaian hasil kerja"
PENILAIAN_KUALITATIF = "Penilaian hasil kerja (untuk saran rating)"

CANONICAL = [(h.value, p.value) for h in Rating for p in Rating]
TYPED = [
    ("Di Atas Ekspektasi", "sesuai ekspektasi"),
    ("sesuai ekspektasi", "DIBAWAH EKSPETASI"),
    ("DIBAWAH EKSPETASI", "Di Atas Ekspektasi"),
]
BLANK: list[tuple[object, object]] = [
    (None, S.value),
    (A.value, None),
    (None, None),
    ("   ", B.value),
    (S.value, "  "),
]
CAPAIAN_TYPED = ["Baik", "Cukup", "Istimewa", None, "sangat kurang", "Kurang", "bukan capaian"]

IDENTITAS: dict[str, object] = {
    "PEGAWAI_NAMA": "Sri Lestari Contoh, S.Kom.",
    "PEGAWAI_NIP": "199001012015032001",
    "PEGAWAI_PANGKAT": "Penata Muda, III/a",
    "PEGAWAI_JABATAN": "Pranata Komputer Ahli Pertama",
    "PEGAWAI_UNIT_KERJA": "Bidang Data Fiktif",
    "PENILAI_NAMA": "Budi Santoso Contoh, M.T.",
    "PENILAI_NIP": "198203152006041002",
    "PENILAI_PANGKAT": "Pembina, IV/a",
    "PENILAI_JABATAN": "Kepala Bidang Data Fiktif",
    "PENILAI_UNIT_KERJA": "Dinas Contoh",
    "ATASAN_NAMA": "Dr. Ayu Wulandari Contoh",
    "ATASAN_NIP": "197507212000032003",
    "ATASAN_PANGKAT": "Pembina Utama Muda, IV/c",
    "ATASAN_JABATAN": "Kepala Dinas Contoh",
    "ATASAN_UNIT_KERJA": "Pemerintah Kabupaten Fiktif",
    "SKP_INSTANSI": "Dinas Contoh Kabupaten Fiktif",
    "SKP_TAHUN": 2024,
    "SKP_TEMPAT": "Kota Fiktif",
}
IDENTITY_NAME = re.compile(
    r"\b(?:PEGAWAI|PENILAI|ATASAN)_(?:NAMA|NIP|PANGKAT|JABATAN|UNIT_KERJA)\b"
)


def eval_name(periode: PeriodeEvaluasi, key: str) -> str:
    return f"EVAL_{periode.name}_{key}"


def is_blank(text: object) -> bool:
    return text is None or (isinstance(text, str) and not text.strip())


def expected_predikat(hasil: object, perilaku: object) -> str:
    """The predikat cell: Python's quadrant, or "" while a rating is empty."""
    if is_blank(hasil) or is_blank(perilaku):
        return ""
    return skp_xl.predikat_kinerja(hasil, perilaku)


def expected_pola(capaian: object) -> str:
    if is_blank(capaian):
        return ""
    try:
        canonical = CAPAIAN_ORGANISASI.normalize(capaian)
    except InvalidValueError:
        return ""
    return pola_distribusi_texts()[canonical.value]


# -- kuantitatif scenarios -------------------------------------------------------------

Number = int | float


@dataclass(frozen=True)
class Iki:
    """One IKI row of the SKP table and how it is typed in."""

    block: int
    offset: int
    teks: str
    minimum: Number
    maksimum: Number | None
    satuan: str
    aspek: str | None  # None on JPT forms, which have no ASPEK column
    arah: Arah | None  # None: left blank, the aspek decides
    perspektif: str | None = None

    @property
    def target(self) -> Target:
        top = self.minimum if self.maksimum is None else self.maksimum
        return Target(_decimal(self.minimum), _decimal(top), normalize_satuan(self.satuan))

    @property
    def direction(self) -> Arah:
        if self.arah is not None:
            return self.arah
        if self.aspek is None:
            return Arah.NAIK  # no aspek (JPT): more is better unless said otherwise
        return arah_aspek(ASPEK.normalize(self.aspek))

    def of(
        self, periode: PeriodeEvaluasi, trajectory: Number | None, pro_rata: bool
    ) -> TargetPeriode:
        """The target the realisasi of ``periode`` is judged against (rules.md 5)."""
        aspek = None if self.aspek is None else ASPEK.normalize(self.aspek)
        return target_periode(
            self.target,
            porsi_tahun(periode),
            sifat=sifat_target(aspek, self.satuan),
            trajectory=None if trajectory is None else _decimal(trajectory),
            pro_rata=pro_rata,
        )


def _decimal(number: Number) -> Decimal:
    return Decimal(str(number))


@dataclass(frozen=True)
class Kuantitatif:
    """What a kuantitatif workbook is filled with: the SKP rows and each period's realisasi."""

    rhk: Mapping[int, str]
    ikis: tuple[Iki, ...]
    realisasi: Mapping[PeriodeEvaluasi, Mapping[tuple[int, int], Number]]
    bukti: Mapping[PeriodeEvaluasi, Mapping[tuple[int, int], str]]
    trajectory: Mapping[PeriodeEvaluasi, Mapping[tuple[int, int], Number]]
    pro_rata: bool

    def iki(self, block: int, offset: int) -> Iki | None:
        return next((i for i in self.ikis if (i.block, i.offset) == (block, offset)), None)

    def target_of(self, iki: Iki, periode: PeriodeEvaluasi) -> TargetPeriode:
        trajectory = self.trajectory[periode].get((iki.block, iki.offset))
        return iki.of(periode, trajectory, self.pro_rata)


# IKI rows filled per block: blocks of 1 to 4 IKI, the last utama (9) and the last
# tambahan (14) block filled to test the ends of the ranges the suggestion counts.
BLOCK_IKI = {0: 4, 1: 1, 2: 2, 3: 3, 4: 4, 5: 2, 9: 1, 10: 2, 12: 1, 14: 4}
UTAMA = 10
# (block, offset): minimum, maksimum, satuan, aspek, arah.
FIXED: dict[tuple[int, int], tuple[Number, Number | None, str, str, Arah | None]] = {
    (0, 0): (20, None, "perangkat daerah", "Kuantitas", None),
    (0, 1): (90, 95, "%", "Kualitas", None),
    (0, 2): (3, None, "hari", "Waktu", None),  # fewer days is better, from the aspek
    (0, 3): (100, 100, "juta rupiah", "Biaya", Arah.NAIK),  # explicit arah overrides aspek
    (1, 0): (12, 15, "laporan", "Kuantitas", Arah.TURUN),  # explicit: fewer is better
    (2, 1): (2.5, 3.5, "jam", "Waktu", None),
    (3, 0): (10, 12, "hari", "waktu", None),  # aspek typed in lower case
    (5, 1): (1.125, None, "jam", "Kuantitas", None),  # three decimals
}
PRINTED_TARGET = {
    (0, 0): "20 perangkat daerah",
    (0, 1): "90 - 95%",
    (0, 2): "3 hari",
    (0, 3): "100 juta rupiah",
    (1, 0): "12 - 15 laporan",
}
THREE_DECIMALS = (5, 1)
SATUAN_ACAK = ["dokumen", "%", "kegiatan", "hari", "laporan", ""]
PERSPEKTIF = [p.value for p in Perspektif]


def _planned(periode: PeriodeEvaluasi, iki: Iki, rng: random.Random) -> Rating | None:
    """The judgement a period's realisasi aims at; None leaves the realisasi empty."""
    utama = iki.block < UTAMA
    if periode is PeriodeEvaluasi.TW1:  # a mixture
        return rng.choice([A, S, S, B, None])
    if periode is PeriodeEvaluasi.TW2:  # most above: Diatas suggested
        return S if iki.offset == 1 else A
    if periode is PeriodeEvaluasi.TW3:  # exactly half of the judged utama below
        if not utama:
            return A
        if iki.block not in (0, 1, 2, 3):
            return None
        return B if iki.block in (0, 2) and iki.offset == 0 else S
    if periode is PeriodeEvaluasi.TW4:  # only tambahan judged: no suggestion
        return None if utama else rng.choice([A, S, B])
    # Akhir: everything on the ends of its range, one IKI of block 4 below.
    return B if (iki.block, iki.offset) == (4, 3) else S


def _realisasi(iki: Iki, target: Target | None, want: Rating, rng: random.Random) -> Number:
    if target is None:  # progres: any figure is shown, none judged
        return iki.minimum
    low, high = _number(target.minimum), _number(target.maksimum)
    if want is S:
        return rng.choice([low, high])  # the ends of the range are still Sesuai
    step: Number = 0.5 if low <= 5 else rng.choice([1, 2, 5])
    more_is_better = iki.direction is Arah.NAIK
    return high + step if (want is A) == more_is_better else low - step


def _number(value: Decimal) -> Number:
    return int(value) if value == value.to_integral_value() else float(value)


def _trajectory(iki: Iki, periode: PeriodeEvaluasi, rng: random.Random) -> Number | None:
    """A trajectory target for some IKI of the periodic evaluations: always for time and
    cost in TW II (else they are progres), by chance elsewhere."""
    porsi = porsi_tahun(periode)
    if porsi is None:
        return None
    waktu_biaya = (iki.aspek or "").lower() in ("waktu", "biaya")
    if (waktu_biaya and periode is PeriodeEvaluasi.TW2) or rng.random() < 0.3:
        return max(1, round(float(iki.minimum) * float(porsi)))
    return None


def kuantitatif(jenis: JenisJabatan, seed: int, pro_rata: bool) -> Kuantitatif:
    rng = random.Random(seed)
    ikis = []
    for block, count in BLOCK_IKI.items():
        for offset in range(count):
            fixed = FIXED.get((block, offset))
            if fixed is not None:
                minimum, maksimum, satuan, aspek, arah = fixed
            else:
                minimum = rng.randint(6, 200)
                maksimum = rng.choice([None, minimum, minimum + rng.randint(1, 30)])
                satuan = rng.choice(SATUAN_ACAK)
                aspek = rng.choice(["Kuantitas", "Kualitas", "Waktu", "Biaya"])
                arah = rng.choice([None, None, Arah.NAIK, Arah.TURUN])
            ikis.append(
                Iki(
                    block,
                    offset,
                    f"Persentase keluaran fiktif {block + 1}.{offset + 1}",
                    minimum,
                    maksimum,
                    satuan,
                    None if jenis is JPT else aspek,
                    arah,
                    rng.choice(PERSPEKTIF) if jenis is JPT else None,
                )
            )
    realisasi: dict[PeriodeEvaluasi, dict[tuple[int, int], Number]] = {}
    bukti: dict[PeriodeEvaluasi, dict[tuple[int, int], str]] = {}
    trajectory: dict[PeriodeEvaluasi, dict[tuple[int, int], Number]] = {}
    for periode in PERIODS:
        realisasi[periode], bukti[periode], trajectory[periode] = {}, {}, {}
        for iki in ikis:
            given = _trajectory(iki, periode, rng)
            if given is not None:
                trajectory[periode][iki.block, iki.offset] = given
            want = _planned(periode, iki, rng)
            if want is not None:
                target = iki.of(periode, given, pro_rata).target
                realisasi[periode][iki.block, iki.offset] = _realisasi(iki, target, want, rng)
                if rng.random() < 0.3:
                    bukti[periode][iki.block, iki.offset] = (
                        f"Laporan fiktif {iki.block}.{iki.offset}"
                    )
    rhk = {block: f"Rencana hasil kerja fiktif nomor {block + 1}" for block in BLOCK_IKI}
    return Kuantitatif(rhk, tuple(ikis), realisasi, bukti, trajectory, pro_rata)


# -- kualitatif scenarios --------------------------------------------------------------


@dataclass(frozen=True)
class Kualitatif:
    """The SKP narratives (hasil kerja, ukuran) and each period's penilaian per block."""

    hasil: Mapping[int, tuple[str, str | None]]
    penilaian: Mapping[PeriodeEvaluasi, Mapping[int, str]]


KUALITATIF_HASIL: dict[int, tuple[str, str | None]] = {
    block: (f"Hasil kerja fiktif {block + 1}", f"Ukuran keberhasilan fiktif {block + 1}")
    for block in (0, 1, 2, 3, 9, 10, 14)
} | {5: ("Hasil kerja fiktif tanpa ukuran", None)}
KUALITATIF_PENILAIAN: dict[PeriodeEvaluasi, dict[int, str]] = {
    # utama S A A, all 4 with one tambahan A: 3 of 4 above -> Diatas
    PeriodeEvaluasi.TW1: {0: S, 5: A, 9: A, 14: A},
    # exactly half of the utama below -> Dibawah
    PeriodeEvaluasi.TW2: {0: B, 1: S, 2: B, 3: A, 10: A},
    # one of three utama below; tambahan below do not count -> Sesuai
    PeriodeEvaluasi.TW3: {0: B, 1: S, 9: S, 10: B, 14: B},
    # only tambahan -> no suggestion
    PeriodeEvaluasi.TW4: {10: A, 14: S},
    PeriodeEvaluasi.AKHIR: {},
}
# Labels typed instead of picked (the dropdown only warns): Python reads them all.
KUALITATIF_TYPED: dict[PeriodeEvaluasi, dict[int, str]] = {
    PeriodeEvaluasi.TW1: {0: "Di Atas Ekspektasi", 1: "diatas ekspektasi", 2: "Sesuai Ekspektasi"},
    PeriodeEvaluasi.TW2: {0: "DIBAWAH EKSPETASI", 1: "Sesuai Ekspektasi"},
}


# -- the workbooks ---------------------------------------------------------------------


@dataclass(frozen=True)
class Book:
    """One workbook of the batch: its kind and everything typed into it."""

    name: str
    jenis: JenisJabatan
    pendekatan: Pendekatan
    ratings: Mapping[PeriodeEvaluasi, tuple[object, object]]
    capaian: Mapping[PeriodeEvaluasi, object]
    identitas: Mapping[str, object] = field(default_factory=dict)
    dokumen_periode: str | None = None
    kuantitatif: Kuantitatif | None = None
    kualitatif: Kualitatif | None = None
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN


MAIN = (JA, KUALITATIF)
"""The kind whose five periods take each of the nine canonical rating pairs."""
OTHERS = [(j, p) for j in JenisJabatan for p in Pendekatan if (j, p) != MAIN]
DOKUMEN = {1: "Triwulan II", 2: "TW II", 3: "Akhir", 4: None}
BLANK_IDENTITY = "quadrant-8"


def _books() -> list[Book]:
    books = []
    for k in range(len(CANONICAL)):
        books.append(
            Book(
                f"quadrant-{k}",
                *MAIN,
                ratings={p: CANONICAL[(k + i) % 9] for i, p in enumerate(PERIODS)},
                capaian={p: CAPAIAN_TYPED[(k + i) % 7] for i, p in enumerate(PERIODS)},
                identitas={} if k == 8 else IDENTITAS,
                dokumen_periode=DOKUMEN.get(k),
                kualitatif=Kualitatif(KUALITATIF_HASIL, KUALITATIF_PENILAIAN) if k == 0 else None,
            )
        )
    for c, (jenis, pendekatan) in enumerate(OTHERS, start=1):
        pairs = [CANONICAL[(2 * c + i) % 9] for i in range(3)] + [TYPED[c % 3], BLANK[c - 1]]
        kualitatif = None
        if pendekatan is KUALITATIF:
            penilaian = KUALITATIF_TYPED if jenis is JF else KUALITATIF_PENILAIAN
            kualitatif = Kualitatif(KUALITATIF_HASIL, penilaian)
        books.append(
            Book(
                f"{jenis.value}-{pendekatan.value}".lower(),
                jenis,
                pendekatan,
                ratings=dict(zip(PERIODS, pairs, strict=True)),
                capaian={p: CAPAIAN_TYPED[(c + i) % 7] for i, p in enumerate(PERIODS)},
                identitas=IDENTITAS,
                kuantitatif=(
                    kuantitatif(jenis, seed=c, pro_rata=jenis is not JF)
                    if pendekatan is KUANTITATIF
                    else None
                ),
                kualitatif=kualitatif,
            )
        )
    # Monthly evaluation: thirteen periods walk through every rating pair; the Dokumen
    # Evaluasi picks a month by a variant of its name.
    bulanan = SiklusEvaluasi.BULANAN.periode
    books.append(
        Book(
            "bulanan-ja-kualitatif",
            JA,
            KUALITATIF,
            ratings={p: CANONICAL[i % 9] for i, p in enumerate(bulanan)},
            capaian={p: CAPAIAN_TYPED[i % 7] for i, p in enumerate(bulanan)},
            identitas=IDENTITAS,
            dokumen_periode="Mar",
            siklus=SiklusEvaluasi.BULANAN,
        )
    )
    return books


BOOKS = _books()


def fill(book: Book) -> Workbook:
    wb = build_workbook(Options(book.jenis, book.pendekatan, siklus=book.siklus))
    put_named(wb, book.identitas)
    for periode, (hasil, perilaku) in book.ratings.items():
        put_named(
            wb,
            {
                eval_name(periode, "RATING_HASIL_KERJA"): hasil,
                eval_name(periode, "RATING_PERILAKU"): perilaku,
                eval_name(periode, "CAPAIAN_ORGANISASI"): book.capaian[periode],
            },
        )
    if book.dokumen_periode is not None:
        put_named(wb, {"DOKUMEN_PERIODE": book.dokumen_periode})
    if book.kuantitatif is not None:
        _fill_kuantitatif(wb, book.jenis, book.kuantitatif)
    if book.kualitatif is not None:
        _fill_kualitatif(wb, book.kualitatif)
    return wb


def _fill_kuantitatif(wb: Workbook, jenis: JenisJabatan, scenario: Kuantitatif) -> None:
    put_named(wb, {"SKP_TARGET_PRO_RATA": "Ya" if scenario.pro_rata else "Tidak"})
    skp = table(wb, "SKP_HASIL_KERJA")
    for block, rhk in scenario.rhk.items():
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA, block), rhk)
        if jenis is not JPT:
            pimpinan = f"Rencana hasil kerja pimpinan fiktif {block + 1}"
            put(wb, skp.cell(t.RENCANA_HASIL_KERJA_PIMPINAN + "*", block), pimpinan)
    for iki in scenario.ikis:
        at = (iki.block, iki.offset)
        put(wb, skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, *at), iki.teks)
        put(wb, skp.cell(TARGET_MIN, *at), iki.minimum)
        if iki.maksimum is not None:
            put(wb, skp.cell(TARGET_MAKS, *at), iki.maksimum)
        if iki.satuan:
            put(wb, skp.cell(SATUAN, *at), iki.satuan)
        if iki.arah is not None:
            put(wb, skp.cell(ARAH, *at), iki.arah.value)
        if iki.aspek is not None:
            put(wb, skp.cell(t.ASPEK, *at), iki.aspek)
        if iki.perspektif is not None:
            put(wb, skp.cell(t.PERSPEKTIF, *at), iki.perspektif)
    for periode in PERIODS:
        evaluation = table(wb, eval_name(periode, "HASIL_KERJA"))
        for at, number in scenario.realisasi[periode].items():
            put(wb, evaluation.cell(REALISASI_ANGKA, *at), number)
        for at, text in scenario.bukti[periode].items():
            put(wb, evaluation.cell(BUKTI, *at), text)
        for at, number in scenario.trajectory[periode].items():
            put(wb, evaluation.cell(TARGET_PERIODE, *at), number)


def _fill_kualitatif(wb: Workbook, scenario: Kualitatif) -> None:
    skp = table(wb, "SKP_HASIL_KERJA")
    for block, (hasil, ukuran) in scenario.hasil.items():
        hasil_cell, ukuran_cell = narasi(skp, block)
        put(wb, hasil_cell, hasil)
        put(wb, ukuran_cell, ukuran)
    for periode, penilaian in scenario.penilaian.items():
        evaluation = table(wb, eval_name(periode, "HASIL_KERJA"))
        for block, text in penilaian.items():
            put(wb, evaluation.cell(PENILAIAN_KUALITATIF, block), str(text))


# NIP samples: only the first is 18 digits typed as text.
NIP_SAMPLES: list[tuple[object, bool]] = [
    ("198001012005011001", True),
    ("19800101200501100", False),  # 17 digits
    ("1980010120050110011", False),  # 19 digits
    ("1.98001E+17", False),  # what Excel shows for a number, retyped
    (198001012005011000, False),  # typed as a number: the last digits are gone
    ("1980010120050 1100", False),  # a space
    ("19800101200501100A", False),  # a letter
    ("-98001012005011001", False),
    ("1980010120050110.1", False),
    ("1980010120050110,1", False),
    ("1980010120050110e1", False),
    ("198001012005011001 ", False),  # a trailing space
]


def nip_workbook() -> Workbook:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "NIP"
    for row, (sample, _) in enumerate(NIP_SAMPLES, start=1):
        put(wb, ("NIP", f"A{row}"), sample)
        ws[f"B{row}"] = "=" + nip_valid_formula(f"A{row}")
    return wb


@dataclass(frozen=True)
class Run:
    """A filled workbook (to locate cells) and LibreOffice's values of it."""

    book: Book
    wb: Workbook
    values: Values

    def at(self, cell: Cell) -> object:
        return value(self.values, cell)

    def named(self, name: str) -> object:
        return self.at(named(self.wb, name))


@dataclass(frozen=True)
class Engine:
    runs: Mapping[str, Run]
    nip: Values


@pytest.fixture(scope="module")
def engine(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """Every workbook of this module through one soffice run (it is slow to start)."""
    folder = tmp_path_factory.mktemp("skp-formulas")
    filled: dict[str, tuple[Book, Workbook, Path]] = {}
    for book in BOOKS:
        wb = fill(book)
        path = folder / f"{book.name}.xlsx"
        wb.save(path)
        filled[book.name] = (book, wb, path)
    nip_path = folder / "nip.xlsx"
    nip_workbook().save(nip_path)
    results = recalculate([*(path for _, _, path in filled.values()), nip_path])
    runs = {name: Run(book, wb, results[path].values) for name, (book, wb, path) in filled.items()}
    return Engine(runs, results[nip_path].values)


def runs_of(engine: Engine, pendekatan: Pendekatan | None = None) -> Iterator[Run]:
    for run in engine.runs.values():
        if pendekatan is None or run.book.pendekatan is pendekatan:
            yield run


# -- the scenarios themselves (no engine) ----------------------------------------------


def test_the_rating_pairs_cover_nine_by_five_and_every_kind() -> None:
    main = [b for b in BOOKS if (b.jenis, b.pendekatan) == MAIN and b.siklus.periode == PERIODS]
    covered = {(p, b.ratings[p]) for b in main for p in PERIODS}
    assert covered == {(p, pair) for p in PERIODS for pair in CANONICAL}
    for kind in OTHERS:
        [book] = [b for b in BOOKS if (b.jenis, b.pendekatan) == kind]
        assert any(pair in CANONICAL for pair in book.ratings.values())
    typed = {pair for b in BOOKS for pair in b.ratings.values()}
    assert set(TYPED) <= typed
    assert set(BLANK) <= typed


def test_the_kuantitatif_scenarios_reach_every_case() -> None:
    sarans, directions, ends, sources = set(), set(), set(), set()
    for book in BOOKS:
        scenario = book.kuantitatif
        if scenario is None:
            continue
        for periode in PERIODS:
            sarans.add(expected_saran_kuantitatif(scenario, periode))
            for (block, offset), number in scenario.realisasi[periode].items():
                iki = scenario.iki(block, offset)
                assert iki is not None
                periodik = scenario.target_of(iki, periode)
                judged = nilai_iki_periode(periodik, Besaran(_decimal(number)), iki.direction)
                directions.add((iki.direction, judged))
                sources.add((iki.direction, periodik.asal))
                target = periodik.target
                if (
                    target is not None
                    and target.is_rentang
                    and _decimal(number) in (target.minimum, target.maksimum)
                ):
                    ends.add(_decimal(number) == target.minimum)
    assert sarans == {"", A.value, S.value, B.value}
    assert directions == {(arah, r) for arah in Arah for r in (*Rating, PROGRES)}
    assert sources == {(arah, asal) for arah in Arah for asal in AsalTarget}
    assert ends == {True, False}


# -- predikat, pola distribusi, dokumen evaluasi ---------------------------------------


@pytest.mark.libreoffice
def test_predikat_of_every_period_is_the_python_quadrant(engine: Engine) -> None:
    checked, wrong = 0, []
    for run in engine.runs.values():
        for periode, (hasil, perilaku) in run.book.ratings.items():
            got = run.named(eval_name(periode, "PREDIKAT"))
            want = expected_predikat(hasil, perilaku)
            checked += 1
            if got != want:
                wrong.append((run.book.name, periode.name, hasil, perilaku, got, want))
    assert wrong == []
    assert checked == sum(len(b.ratings) for b in BOOKS) == (len(BOOKS) - 1) * 5 + 13


@pytest.mark.libreoffice
def test_pola_distribusi_follows_the_capaian_organisasi(engine: Engine) -> None:
    seen, wrong = set(), []
    for run in engine.runs.values():
        for periode, capaian in run.book.capaian.items():
            got = run.named(eval_name(periode, "POLA_DISTRIBUSI"))
            want = expected_pola(capaian)
            seen.add(want)
            if got != want:
                wrong.append((run.book.name, periode.name, capaian, got, want))
    assert wrong == []
    texts = pola_distribusi_texts()
    assert {"", texts["Baik"], texts["Butuh Perbaikan"]} <= seen
    assert texts["Baik"] != texts["Butuh Perbaikan"]


@pytest.mark.libreoffice
def test_dokumen_evaluasi_shows_the_chosen_period(engine: Engine) -> None:
    got: dict[str, tuple[object, object]] = {}
    want: dict[str, tuple[object, object]] = {}
    for run in engine.runs.values():
        chosen = run.book.dokumen_periode
        got[run.book.name] = (
            run.named("DOKUMEN_PREDIKAT"),
            run.named("DOKUMEN_CAPAIAN_ORGANISASI"),
        )
        if chosen is None:
            want[run.book.name] = ("", "")
            continue
        periode = PERIODE_EVALUASI.normalize(chosen)
        predikat = expected_predikat(*run.book.ratings[periode])
        capaian = run.book.capaian[periode]
        want[run.book.name] = (predikat, "" if capaian is None else capaian)
        # The chosen period must differ from another, or the check proves nothing.
        others = [expected_predikat(*r) for p, r in run.book.ratings.items() if p is not periode]
        assert predikat
        assert any(other != predikat for other in others)
    assert got == want
    assert {b.dokumen_periode for b in BOOKS} >= {"Triwulan II", "TW II", "Akhir", "Mar", None}


def test_dokumen_evaluasi_prints_the_period_in_the_form_words(engine: Engine) -> None:
    # Seed 002 prints "PERIODE: TRIWULAN I/ II/III/IV/AKHIR": the form's words, whatever
    # variant was typed ("TW II", "Mar"); the input itself is beside the form.
    got, want = {}, {}
    for run in engine.runs.values():
        sheet, coordinate = named(run.wb, "DOKUMEN_PERIODE")
        row = run.wb[sheet][coordinate].row
        got[run.book.name] = run.at((sheet, f"A{row}"))
        chosen = run.book.dokumen_periode
        words = "...." if chosen is None else PERIODE_EVALUASI.normalize(chosen).value.upper()
        want[run.book.name] = f"PERIODE: {words}"
    assert got == want
    assert {"PERIODE: TRIWULAN II", "PERIODE: MARET", "PERIODE: AKHIR"} <= set(got.values())


# -- identity on the forms ---------------------------------------------------------------


def _identity_expected(formula: str, name: str, identitas: Mapping[str, object]) -> object:
    typed = identitas.get(name)
    if '"(Nama)"' in formula:
        return "(Nama)" if typed is None else typed
    if '"(NIP)"' in formula:
        return "(NIP)" if typed is None else f"NIP. {typed}"
    return "" if typed is None else typed


FORM_SHEETS_WITH_HEADER = {"SKP", "Umpan Balik", "Dokumen Evaluasi"} | {
    f"Evaluasi {p.name}" if p is not PeriodeEvaluasi.AKHIR else "Evaluasi Akhir" for p in PERIODS
}
FORM_SHEETS_WITH_SIGNATURE = FORM_SHEETS_WITH_HEADER | {"Lampiran"}


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["quadrant-0", BLANK_IDENTITY, "jpt-kuantitatif"])
def test_identity_typed_once_shows_on_every_form(engine: Engine, name: str) -> None:
    run = engine.runs[name]
    identitas = run.book.identitas
    wrong: list[tuple[object, ...]] = []
    shown = set()
    for ws in run.wb.worksheets:
        if ws.sheet_state != "visible" or ws.title in ("Identitas", "Petunjuk"):
            continue
        for row in ws.iter_rows():
            for cell in row:
                formula = cell.value
                if not (isinstance(formula, str) and formula.startswith("=")):
                    continue
                names = set(IDENTITY_NAME.findall(formula))
                if not names:
                    continue
                [identity] = names
                got = run.at((ws.title, cell.coordinate))
                want = _identity_expected(formula, identity, identitas)
                kind = "ttd" if "(Nama)" in formula or "(NIP)" in formula else "header"
                shown.add((ws.title, kind, identity.split("_", 1)[0]))
                if got != want:
                    wrong.append((ws.title, cell.coordinate, got, want))
    assert wrong == []
    assert {(s, "header", "PEGAWAI") for s in FORM_SHEETS_WITH_HEADER} <= shown
    # Only the pejabat penilai signs an evaluation (seed 002); the pegawai signs the rest.
    evaluations = {s for s in FORM_SHEETS_WITH_SIGNATURE if s.startswith("Evaluasi ")}
    assert {(s, "ttd", "PEGAWAI") for s in FORM_SHEETS_WITH_SIGNATURE - evaluations} <= shown
    assert not {(s, "ttd", "PEGAWAI") for s in evaluations} & shown
    assert {(s, "ttd", "PENILAI") for s in FORM_SHEETS_WITH_SIGNATURE} <= shown
    assert ("Dokumen Evaluasi", "header", "ATASAN") in shown


TITLE_LINES = {
    "=IF(SKP_INSTANSI=": "instansi",
    '="PERIODE PENILAIAN: "': "periode",
    "=IF(SKP_TEMPAT=": "tempat",
}


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("name", "instansi", "periode", "tempat"),
    [
        (
            "quadrant-0",
            "DINAS CONTOH KABUPATEN FIKTIF",
            "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2024",
            "Kota Fiktif, (tanggal, bulan, tahun)",
        ),
        (
            BLANK_IDENTITY,
            "(NAMA INSTANSI)",
            "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN ....",
            "(tempat), (tanggal, bulan, tahun)",
        ),
    ],
    ids=["filled", "blank"],
)
def test_instansi_period_and_place_show_on_every_form(
    engine: Engine, name: str, instansi: str, periode: str, tempat: str
) -> None:
    run = engine.runs[name]
    got: dict[str, set[object]] = {"instansi": set(), "periode": set(), "tempat": set()}
    sheets = set()
    for ws in run.wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                for start, kind in TITLE_LINES.items():
                    if str(cell.value).startswith(start):
                        got[kind].add(run.at((ws.title, cell.coordinate)))
                        sheets.add(ws.title)
    assert got == {"instansi": {instansi}, "periode": {periode}, "tempat": {tempat}}
    assert sheets >= FORM_SHEETS_WITH_SIGNATURE


# -- NIP validation ------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_nip_validation_accepts_only_18_digits_typed_as_text(engine: Engine) -> None:
    got = [engine.nip["NIP"].get(f"B{row}") for row in range(1, len(NIP_SAMPLES) + 1)]
    assert got == [valid for _, valid in NIP_SAMPLES]


# -- evaluation rows from the SKP ----------------------------------------------------------


def expected_printed_target(
    scenario: Kuantitatif, iki: Iki, periode: PeriodeEvaluasi, annual: str
) -> str:
    """The evaluation's TARGET: the annual text, or the period's with the annual below."""
    target = scenario.target_of(iki, periode).target
    if target is None or (target.minimum, target.maksimum) == (
        iki.target.minimum,
        iki.target.maksimum,
    ):
        return annual
    unit = "" if not iki.satuan else "%" if iki.satuan == "%" else f" {iki.satuan}"
    upper = "" if target.maksimum == target.minimum else f" - {format_angka(target.maksimum)}"
    return f"{format_angka(target.minimum)}{upper}{unit}\n(target tahunan: {annual})"


def _formula_cells(wb: Workbook, tbl: Table) -> Iterator[tuple[int, str]]:
    """(row, coordinate) of every formula cell in the table's body."""
    ws = wb[tbl.sheet]
    for row in ws.iter_rows(min_row=tbl.top, max_row=tbl.bottom):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                yield cell.row, cell.coordinate


def _line_of(tbl: Table, row: int) -> tuple[int, int] | None:
    for block, first in enumerate(tbl.blocks):
        if first <= row < first + tbl.rows_per_block:
            return block, row - first
    return None


@pytest.mark.libreoffice
def test_kuantitatif_evaluation_rows_show_the_skp_rows(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    checked = 0
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        skp = table(run.wb, "SKP_HASIL_KERJA")
        for periode in run.book.siklus.periode:
            evaluation = table(run.wb, eval_name(periode, "HASIL_KERJA"))
            for block in range(len(evaluation.blocks)):
                shown = run.at(evaluation.cell(t.RENCANA_HASIL_KERJA, block))
                want: object = scenario.rhk.get(block, "")
                if shown != want:
                    wrong.append((run.book.name, periode.name, block, "rhk", shown, want))
                for offset in range(evaluation.rows_per_block):
                    iki = scenario.iki(block, offset)
                    annual = run.at(skp.cell(t.TARGET, block, offset))
                    expected = {
                        t.INDIKATOR_KINERJA_INDIVIDU: iki.teks if iki else "",
                        t.TARGET: (
                            annual
                            if iki is None
                            else expected_printed_target(scenario, iki, periode, str(annual))
                        ),
                    }
                    if run.book.jenis is JPT:
                        expected[t.PERSPEKTIF] = iki.perspektif if iki else ""
                    else:
                        expected[t.ASPEK] = iki.aspek if iki else ""
                        if offset == 0:
                            pimpinan = f"Rencana hasil kerja pimpinan fiktif {block + 1}"
                            expected[t.RENCANA_HASIL_KERJA_PIMPINAN] = (
                                pimpinan if block in scenario.rhk else ""
                            )
                    for header, want in expected.items():
                        checked += 1
                        shown = run.at(evaluation.cell(header, block, offset))
                        if shown != want:
                            wrong.append(
                                (run.book.name, periode.name, block, offset, header, shown, want)
                            )
    assert wrong == []
    assert checked > 1000


@pytest.mark.libreoffice
def test_kualitatif_evaluation_rows_show_the_skp_narratives(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    filled = 0
    for run in runs_of(engine, KUALITATIF):
        scenario = run.book.kualitatif
        label = t.UKURAN_KEBERHASILAN_JPT if run.book.jenis is JPT else t.UKURAN_KEBERHASILAN_JA_JF
        # The Umpan Balik prints its own wording of the line (seed 002).
        shown_on = [
            (eval_name(p, "HASIL_KERJA"), t.HASIL_KERJA, label) for p in run.book.siklus.periode
        ] + [("UMPAN_BALIK_HASIL_KERJA", t.HASIL_KERJA_RESULT, t.UKURAN_KEBERHASILAN_UMPAN_BALIK)]
        for name, header, line in shown_on:
            evaluation = table(run.wb, name)
            for block in range(len(evaluation.blocks)):
                want = ""
                if scenario is not None and block in scenario.hasil:
                    hasil, ukuran = scenario.hasil[block]
                    want = f"{hasil}\n{line}\n{ukuran or ''}"
                    filled += 1
                shown = run.at(evaluation.cell(header, block))
                if shown != want:
                    wrong.append((run.book.name, name, block, shown, want))
    assert wrong == []
    assert filled > 0


@pytest.mark.libreoffice
def test_numbering_counts_the_filled_hasil_kerja(engine: Engine) -> None:
    run = engine.runs["ja-kuantitatif"]
    for name in ("SKP_HASIL_KERJA", "EVAL_TW1_HASIL_KERJA", "UMPAN_BALIK_HASIL_KERJA"):
        tbl = table(run.wb, name)
        # The number column is A, headed "NO", "NO." or "No." as each seed prints it.
        numbers = [run.at((tbl.sheet, f"A{tbl.row(block)}")) for block in range(len(tbl.blocks))]
        assert [n == "" for n in numbers] == [b not in BLOCK_IKI for b in range(15)], name
        utama = [n for n in numbers[: tbl.utama] if n != ""]
        assert utama == list(range(1, len(utama) + 1)), name
        tambahan = [n for n in numbers[tbl.utama :] if n != ""]
        increasing = [n for n in tambahan if isinstance(n, int)]
        assert increasing == sorted(set(increasing)), name
        assert len(increasing) == len(tambahan), name


@pytest.mark.libreoffice
def test_other_sheets_show_the_skp_rows(engine: Engine) -> None:
    run = engine.runs["jpt-kuantitatif"]
    scenario = run.book.kuantitatif
    assert scenario is not None
    umpan_balik = table(run.wb, "UMPAN_BALIK_HASIL_KERJA")
    manual = table(run.wb, "MANUAL_IKI")
    rencana_kerja, indikator, satuan = (
        header
        for header in manual.columns
        if header.startswith(("RENCANA KERJA", "UKURAN KEBERHASILAN", "SATUAN"))
    )
    got, want = [], []
    for block in range(15):
        got.append(run.at(umpan_balik.cell(t.HASIL_KERJA_RESULT, block)))
        want.append(scenario.rhk.get(block, ""))
        got.append(run.at(manual.cell(rencana_kerja, block)))
        want.append(scenario.rhk.get(block, ""))
        for offset in range(manual.rows_per_block):
            iki = scenario.iki(block, offset)
            got += [run.at(manual.cell(h, block, offset)) for h in (indikator, satuan)]
            want += [iki.teks, iki.satuan] if iki else ["", ""]
    assert got == want


ERROR_VALUE = re.compile(r"^(#[A-Z0-9/!?]+|Err:\d+)$")


@pytest.mark.libreoffice
def test_no_formula_shows_zero_or_an_error(engine: Engine) -> None:
    """An empty source shows "" (never 0), and no formula fails in LibreOffice."""
    wrong: list[tuple[object, ...]] = []
    for run in engine.runs.values():
        for ws in run.wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if not (isinstance(cell.value, str) and cell.value.startswith("=")):
                        continue
                    got = run.at((ws.title, cell.coordinate))
                    zero = type(got) in (int, float) and got == 0
                    if got is None or zero or ERROR_VALUE.match(str(got)):
                        wrong.append((run.book.name, ws.title, cell.coordinate, got))
    assert wrong == []


@pytest.mark.libreoffice
def test_rows_of_empty_hasil_kerja_show_nothing(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    checked = 0
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        for periode in run.book.siklus.periode:
            evaluation = table(run.wb, eval_name(periode, "HASIL_KERJA"))
            for row, coordinate in _formula_cells(run.wb, evaluation):
                line = _line_of(evaluation, row)
                if line is None or scenario.iki(*line) is not None:
                    continue
                checked += 1
                got = run.at((evaluation.sheet, coordinate))
                if got != "":
                    wrong.append((run.book.name, evaluation.sheet, coordinate, got))
    assert wrong == []
    assert checked > 1000


# -- kuantitatif: targets, per-IKI judgement, penilaian, saran ---------------------------


def expected_capaian(
    scenario: Kuantitatif, iki: Iki | None, periode: PeriodeEvaluasi, realisasi: Number | None
) -> str:
    if iki is None or realisasi is None:
        return ""
    judged = nilai_iki_periode(
        scenario.target_of(iki, periode),
        Besaran(_decimal(realisasi), iki.target.satuan),
        iki.direction,
    )
    assert isinstance(judged, str)
    return str(judged)


def expected_penilaian(scenario: Kuantitatif, periode: PeriodeEvaluasi) -> dict[int, str]:
    result = {}
    for block in range(UTAMA + 5):
        judged = [
            expected_capaian(
                scenario, iki, periode, scenario.realisasi[periode].get((block, iki.offset))
            )
            for iki in scenario.ikis
            if iki.block == block
        ]
        judged = [j for j in judged if j and j != PROGRES]
        result[block] = penilaian_hasil_kerja(judged).value if judged else ""
    return result


def expected_saran_kuantitatif(scenario: Kuantitatif, periode: PeriodeEvaluasi) -> str:
    penilaian = expected_penilaian(scenario, periode)
    return expected_saran(penilaian)


def expected_saran(penilaian: Mapping[int, object]) -> str:
    pairs = [
        ("Utama" if block < UTAMA else "Tambahan", judged)
        for block, judged in penilaian.items()
        if not is_blank(judged)
    ]
    if not any(jenis == "Utama" for jenis, _ in pairs):
        return ""
    return saran_rating_hasil_kerja(pairs).rating.value


@pytest.mark.libreoffice
def test_printed_target_is_built_from_the_target_inputs(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    literal = {}
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        skp = table(run.wb, "SKP_HASIL_KERJA")
        for block in range(len(skp.blocks)):
            for offset in range(skp.rows_per_block):
                iki = scenario.iki(block, offset)
                printed = run.at(skp.cell(t.TARGET, block, offset))
                if (block, offset) in PRINTED_TARGET:
                    literal[run.book.name, block, offset] = printed
                if iki is None:
                    if printed != "":
                        wrong.append((run.book.name, block, offset, printed, ""))
                    continue
                if (block, offset) == THREE_DECIMALS:
                    continue  # test_target_with_three_decimals_is_not_read_as_thousands
                parsed = parse_target(printed)
                if parsed != Target(*_fields(iki.target), teks=str(printed)):
                    wrong.append((run.book.name, block, offset, printed, iki.target))
    assert wrong == []
    assert literal == {
        (name, *at): text
        for name in ("ja-kuantitatif", "jf-kuantitatif", "jpt-kuantitatif")
        for at, text in PRINTED_TARGET.items()
    }


def _fields(target: Target) -> tuple[Decimal, Decimal, str]:
    return target.minimum, target.maksimum, target.satuan


@pytest.mark.libreoffice
def test_target_with_three_decimals_is_not_read_as_thousands(engine: Engine) -> None:
    """1,125 jam must not print as "1.125 jam", which Indonesian readers read as 1125."""
    run = engine.runs["ja-kuantitatif"]
    skp = table(run.wb, "SKP_HASIL_KERJA")
    printed = run.at(skp.cell(t.TARGET, *THREE_DECIMALS))
    parsed = parse_target(printed)
    assert isinstance(parsed, Target), printed
    assert (parsed.minimum, parsed.maksimum, parsed.satuan) == (
        Decimal("1.125"),
        Decimal("1.125"),
        "jam",
    ), printed


@pytest.mark.libreoffice
def test_capaian_iki_is_nilai_iki_of_target_and_realisasi(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    judged = 0
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        for periode in run.book.siklus.periode:
            evaluation = table(run.wb, eval_name(periode, "HASIL_KERJA"))
            for block in range(len(evaluation.blocks)):
                for offset in range(evaluation.rows_per_block):
                    iki = scenario.iki(block, offset)
                    realisasi = scenario.realisasi[periode].get((block, offset))
                    want = expected_capaian(scenario, iki, periode, realisasi)
                    judged += want not in ("", PROGRES)
                    got = run.at(evaluation.cell(CAPAIAN_IKI, block, offset))
                    if got != want:
                        wrong.append((run.book.name, periode.name, block, offset, got, want))
    assert wrong == []
    assert judged > 100


@pytest.mark.libreoffice
def test_printed_realisasi_reads_back_with_the_target_unit_and_evidence(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    checked = 0
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        for periode in run.book.siklus.periode:
            evaluation = table(run.wb, eval_name(periode, "HASIL_KERJA"))
            for (block, offset), number in scenario.realisasi[periode].items():
                if (block, offset) == THREE_DECIMALS:
                    continue
                iki = scenario.iki(block, offset)
                assert iki is not None
                # "REALISASI BERDASARKAN BUKTI DUKUNG", or "REALISASI" (Evaluasi JPT).
                header = next(h for h in evaluation.columns if h.startswith(t.REALISASI_JPT))
                printed = run.at(evaluation.cell(header, block, offset))
                figure, *evidence = str(printed).split("\n")
                bukti = scenario.bukti[periode].get((block, offset))
                checked += 1
                want = Besaran(_decimal(number), iki.target.satuan)
                if parse_realisasi(figure) != want or evidence != ([bukti] if bukti else []):
                    wrong.append((run.book.name, periode.name, block, offset, printed, want, bukti))
    assert wrong == []
    assert checked > 100


@pytest.mark.libreoffice
def test_penilaian_hasil_kerja_judges_each_block_from_its_iki(engine: Engine) -> None:
    wrong: list[tuple[object, ...]] = []
    seen = set()
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        for periode in run.book.siklus.periode:
            evaluation = table(run.wb, eval_name(periode, "HASIL_KERJA"))
            want = expected_penilaian(scenario, periode)
            got = {
                block: run.at(evaluation.cell(PENILAIAN, block))
                for block in range(len(evaluation.blocks))
            }
            seen |= set(want.values())
            if got != want:
                wrong.append((run.book.name, periode.name, got, want))
    assert wrong == []
    assert seen == {"", A.value, S.value, B.value}


@pytest.mark.libreoffice
def test_saran_kuantitatif_is_the_python_suggestion(engine: Engine) -> None:
    got, want = {}, {}
    for run in runs_of(engine, KUANTITATIF):
        scenario = run.book.kuantitatif
        assert scenario is not None
        for periode in run.book.siklus.periode:
            key = (run.book.name, periode.name)
            got[key] = run.named(eval_name(periode, "SARAN_HASIL_KERJA"))
            want[key] = expected_saran_kuantitatif(scenario, periode)
    assert got == want


# -- kualitatif: saran from the penilaian dropdowns -----------------------------------------


def _kualitatif_saran(
    engine: Engine, typed: bool
) -> tuple[dict[object, object], dict[object, str]]:
    got: dict[object, object] = {}
    want: dict[object, str] = {}
    for run in runs_of(engine, KUALITATIF):
        scenario = run.book.kualitatif
        if scenario is None or (scenario.penilaian is KUALITATIF_TYPED) != typed:
            continue
        for periode in run.book.siklus.periode:
            key = (run.book.name, periode.name)
            got[key] = run.named(eval_name(periode, "SARAN_HASIL_KERJA"))
            want[key] = expected_saran(scenario.penilaian.get(periode, {}))
    return got, want


@pytest.mark.libreoffice
def test_saran_kualitatif_is_the_python_suggestion(engine: Engine) -> None:
    got, want = _kualitatif_saran(engine, typed=False)
    assert got == want
    assert set(want.values()) == {"", A.value, S.value, B.value}
    assert want["quadrant-0", "TW2"] == B.value  # exactly half of the utama below


@pytest.mark.libreoffice
def test_saran_kualitatif_counts_typed_label_variants(engine: Engine) -> None:
    """The penilaian dropdown only warns, so typed variants reach the suggestion."""
    got, want = _kualitatif_saran(engine, typed=True)
    assert want == {
        ("jf-kualitatif", "TW1"): A.value,
        ("jf-kualitatif", "TW2"): B.value,
        ("jf-kualitatif", "TW3"): "",
        ("jf-kualitatif", "TW4"): "",
        ("jf-kualitatif", "AKHIR"): "",
    }
    assert got == want
