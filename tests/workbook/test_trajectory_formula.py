"""Periodic evaluations judged against the period's target: the workbook's formulas,
recalculated by LibreOffice, against :mod:`skp_xl.domain` and ``skp-xl validate``.

Every aspek and arah, with a trajectory target typed, pro rata on, pro rata off, progres
and the akhir, on the ends of each target and just past them. All data is fictional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from skp_xl.domain.findings import Severity
from skp_xl.domain.suggestion import penilaian_hasil_kerja, saran_rating_hasil_kerja
from skp_xl.domain.targets import (
    PROGRES,
    Arah,
    AsalTarget,
    Target,
    TargetPeriode,
    TidakTerbaca,
    arah_aspek,
    format_angka,
    nilai_iki_periode,
    porsi_tahun,
    sifat_target,
    target_periode,
)
from skp_xl.domain.vocabulary import (
    Aspek,
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
    Rating,
    SiklusEvaluasi,
)
from skp_xl.forms import text as t
from skp_xl.validation import validate_file
from skp_xl.workbook.writer import Options, build_workbook
from tests.libreoffice import LibreOffice, Values
from tests.workbook.fill import named, put, put_named, table, value

PERIODS = SiklusEvaluasi.TRIWULANAN.periode
JA, JPT = JenisJabatan.JA, JenisJabatan.JPT
UTAMA = 10

TARGET_MIN = "Target (angka)"
TARGET_MAKS = "s.d. (angka, bila rentang)"
SATUAN = "Satuan"
ARAH = "Arah"
TARGET_PERIODE = "Target periode (angka)"
TARGET_DIPAKAI = "Target periode dipakai"
TARGET_DIPAKAI_MAKS = "s.d. (dipakai)"
REALISASI_ANGKA = "Realisasi (angka)"
CAPAIAN_IKI = "Capaian IKI"
PENILAIAN = "Penilaian hasil kerja"

# (minimum, maksimum, satuan, trajectory typed for a period): a count, a count range, a
# percentage range, a count whose share is not whole (7 x 1/4 = 1,75).
TARGETS: tuple[tuple[int, int | None, str, int], ...] = (
    (20, None, "dokumen", 5),
    (12, 15, "laporan", 4),
    (90, 95, "%", 80),
    (7, None, "kegiatan", 2),
)
ARAHS: tuple[Arah | None, ...] = (None, Arah.NAIK, Arah.TURUN)
NOT_A_NUMBER = "lima"


@dataclass(frozen=True)
class Iki:
    block: int
    offset: int
    minimum: int
    maksimum: int | None
    satuan: str
    aspek: Aspek | None
    arah: Arah | None
    trajectory: int

    @property
    def target(self) -> Target:
        top = self.minimum if self.maksimum is None else self.maksimum
        return Target(Decimal(self.minimum), Decimal(top), self.satuan)

    @property
    def direction(self) -> Arah:
        if self.arah is not None:
            return self.arah
        return arah_aspek(self.aspek) if self.aspek is not None else Arah.NAIK


@dataclass(frozen=True)
class Book:
    name: str
    jenis: JenisJabatan
    pro_rata: bool
    ikis: tuple[Iki, ...]
    trajectory: Mapping[PeriodeEvaluasi, Mapping[tuple[int, int], object]]
    realisasi: Mapping[PeriodeEvaluasi, Mapping[tuple[int, int], float]]

    def target_of(self, iki: Iki, periode: PeriodeEvaluasi) -> TargetPeriode | None:
        """None where the trajectory typed is not a number."""
        given = self.trajectory[periode].get((iki.block, iki.offset))
        if given is not None and not isinstance(given, int | float):
            return None
        return target_periode(
            iki.target,
            porsi_tahun(periode),
            sifat=sifat_target(iki.aspek, iki.satuan),
            trajectory=None if given is None else Decimal(str(given)),
            pro_rata=self.pro_rata,
        )


def _points(target: Target | None) -> tuple[float, ...]:
    """The ends of a target and just past them; any figure for progres."""
    if target is None:
        return (3.0,)
    low, high = float(target.minimum), float(target.maksimum)
    return (low - 0.01, low, high, high + 0.01)


def _book(name: str, jenis: JenisJabatan, pro_rata: bool) -> Book:
    aspeks: tuple[Aspek | None, ...] = tuple(Aspek) if jenis is JA else (None,)
    ikis = []
    slot = 0
    for aspek in aspeks:
        for arah in ARAHS:
            for minimum, maksimum, satuan, trajectory in TARGETS:
                block, offset = divmod(slot, 4)
                ikis.append(Iki(block, offset, minimum, maksimum, satuan, aspek, arah, trajectory))
                slot += 1
    book = Book(name, jenis, pro_rata, tuple(ikis), {}, {})
    for p, periode in enumerate(PERIODS):
        typed: dict[tuple[int, int], object] = {}
        realisasi: dict[tuple[int, int], float] = {}
        for i, iki in enumerate(ikis):
            at = (iki.block, iki.offset)
            if porsi_tahun(periode) is not None and (i + p) % 3 == 0:
                typed[at] = iki.trajectory
            if (jenis, i, periode) == (JA, 5, PeriodeEvaluasi.TW3) and not pro_rata:
                typed[at] = NOT_A_NUMBER
        book.trajectory[periode] = typed  # type: ignore[index]
        for i, iki in enumerate(ikis):
            at = (iki.block, iki.offset)
            periodik = book.target_of(iki, periode)
            points = _points(None if periodik is None else periodik.target)
            realisasi[at] = points[(i + 2 * p) % len(points)]
        book.realisasi[periode] = realisasi  # type: ignore[index]
    return book


BOOKS = (
    _book("ja-pro-rata", JA, pro_rata=True),
    _book("ja-tanpa-pro-rata", JA, pro_rata=False),
    _book("jpt-pro-rata", JPT, pro_rata=True),
    _book("jpt-tanpa-pro-rata", JPT, pro_rata=False),
)


def fill(book: Book) -> Workbook:
    wb = build_workbook(Options(book.jenis, Pendekatan.KUANTITATIF))
    put_named(wb, {"SKP_TARGET_PRO_RATA": "Ya" if book.pro_rata else "Tidak"})
    skp = table(wb, "SKP_HASIL_KERJA")
    for block in {iki.block for iki in book.ikis}:
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA, block), f"Rencana hasil kerja fiktif {block}")
        if book.jenis is JA:
            put(wb, skp.cell(t.RENCANA_HASIL_KERJA_PIMPINAN + "*", block), f"Pimpinan {block}")
    for iki in book.ikis:
        at = (iki.block, iki.offset)
        put(wb, skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, *at), f"IKI fiktif {at}")
        put(wb, skp.cell(TARGET_MIN, *at), iki.minimum)
        if iki.maksimum is not None:
            put(wb, skp.cell(TARGET_MAKS, *at), iki.maksimum)
        put(wb, skp.cell(SATUAN, *at), iki.satuan)
        if iki.arah is not None:
            put(wb, skp.cell(ARAH, *at), iki.arah.value)
        if iki.aspek is not None:
            put(wb, skp.cell(t.ASPEK, *at), iki.aspek.value)
        else:
            put(wb, skp.cell(t.PERSPEKTIF, *at), "Penerima Layanan")
    for periode in PERIODS:
        evaluation = table(wb, f"EVAL_{periode.name}_HASIL_KERJA")
        for at, number in book.realisasi[periode].items():
            put(wb, evaluation.cell(REALISASI_ANGKA, *at), number)
        for at, given in book.trajectory[periode].items():
            put(wb, evaluation.cell(TARGET_PERIODE, *at), given)
    return wb


@dataclass(frozen=True)
class Run:
    book: Book
    wb: Workbook
    values: Values
    path: Path


@pytest.fixture(scope="module")
def runs(recalculate: LibreOffice, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    folder = tmp_path_factory.mktemp("trajectory")
    filled = {}
    for book in BOOKS:
        wb = fill(book)
        path = folder / f"{book.name}.xlsx"
        wb.save(path)
        filled[book.name] = (book, wb, path)
    done = recalculate([path for *_, path in filled.values()])
    return {
        name: Run(book, wb, done[path].values, done[path].path)
        for name, (book, wb, path) in filled.items()
    }


def expected_capaian(book: Book, iki: Iki, periode: PeriodeEvaluasi) -> str:
    periodik = book.target_of(iki, periode)
    if periodik is None:
        return "?"
    judged = nilai_iki_periode(
        periodik, book.realisasi[periode][iki.block, iki.offset], iki.direction
    )
    assert not isinstance(judged, TidakTerbaca)
    return str(judged)


def test_the_cases_reach_every_aspek_arah_and_source_of_target() -> None:
    seen = set()
    for book in BOOKS:
        for periode in PERIODS:
            for iki in book.ikis:
                periodik = book.target_of(iki, periode)
                if periodik is None:
                    continue
                seen.add(
                    (iki.aspek, iki.direction, periodik.asal, expected_capaian(book, iki, periode))
                )
    judged = {(aspek, arah, asal) for aspek, arah, asal, _ in seen}
    for aspek in (*Aspek, None):
        for arah in Arah:
            # Time and cost never take a pro-rata share.
            sources = set(AsalTarget) - (
                {AsalTarget.PRO_RATA} if aspek in (Aspek.WAKTU, Aspek.BIAYA) else set()
            )
            assert {(aspek, arah, s) for s in sources} <= judged, (aspek, arah)
    results = {r for *_, r in seen}
    assert results == {*Rating, PROGRES}


@pytest.mark.libreoffice
def test_capaian_and_the_period_target_are_the_python_rule(runs: dict[str, Run]) -> None:
    wrong: list[tuple[object, ...]] = []
    checked = 0
    for run in runs.values():
        book = run.book
        for periode in PERIODS:
            evaluation = table(run.wb, f"EVAL_{periode.name}_HASIL_KERJA")
            for iki in book.ikis:
                at = (iki.block, iki.offset)
                got = value(run.values, evaluation.cell(CAPAIAN_IKI, *at))
                want = expected_capaian(book, iki, periode)
                checked += 1
                if got != want:
                    wrong.append((book.name, periode.name, iki, "capaian", got, want))
                if porsi_tahun(periode) is None:
                    assert TARGET_DIPAKAI not in evaluation.columns
                    continue
                periodik = book.target_of(iki, periode)
                ends: tuple[object, object]
                if periodik is None:
                    ends = ("?", "?")
                elif periodik.target is None:
                    ends = ("", "")
                else:
                    ends = (float(periodik.target.minimum), float(periodik.target.maksimum))
                shown = tuple(
                    value(run.values, evaluation.cell(header, *at))
                    for header in (TARGET_DIPAKAI, TARGET_DIPAKAI_MAKS)
                )
                if shown != ends:
                    wrong.append((book.name, periode.name, iki, "target", shown, ends))
    assert wrong == []
    assert checked == sum(len(b.ikis) for b in BOOKS) * len(PERIODS)


def expected_printed(iki: Iki, periodik: TargetPeriode | None) -> str:
    upper = "" if iki.maksimum is None else f" - {iki.maksimum}"
    unit = "%" if iki.satuan == "%" else f" {iki.satuan}"
    annual = f"{iki.minimum}{upper}{unit}"
    if periodik is None or periodik.target is None or periodik.asal is AsalTarget.TAHUNAN:
        return annual
    target = periodik.target
    if (target.minimum, target.maksimum) == (iki.target.minimum, iki.target.maksimum):
        return annual  # TW IV's share is the whole year's target
    top = "" if target.maksimum == target.minimum else f" - {format_angka(target.maksimum)}"
    return f"{format_angka(target.minimum)}{top}{unit}\n(target tahunan: {annual})"


@pytest.mark.libreoffice
def test_the_printed_target_is_the_period_s_beside_the_annual_one(runs: dict[str, Run]) -> None:
    wrong: list[tuple[object, ...]] = []
    shares = set()
    for run in runs.values():
        for periode in PERIODS:
            evaluation = table(run.wb, f"EVAL_{periode.name}_HASIL_KERJA")
            for iki in run.book.ikis:
                periodik = run.book.target_of(iki, periode)
                got = value(run.values, evaluation.cell(t.TARGET, iki.block, iki.offset))
                want = expected_printed(iki, periodik)
                shares.add(want.split("\n")[0])
                if got != want:
                    wrong.append((run.book.name, periode.name, iki, got, want))
    assert wrong == []
    assert {"5 dokumen", "1,75 kegiatan", "3 - 3,75 laporan", "80%"} <= shares


@pytest.mark.libreoffice
def test_penilaian_and_saran_count_only_what_is_judged(runs: dict[str, Run]) -> None:
    wrong: list[tuple[object, ...]] = []
    for run in runs.values():
        book = run.book
        for periode in PERIODS:
            evaluation = table(run.wb, f"EVAL_{periode.name}_HASIL_KERJA")
            penilaian: dict[int, str] = {}
            for block in sorted({iki.block for iki in book.ikis}):
                judged = [
                    expected_capaian(book, iki, periode) for iki in book.ikis if iki.block == block
                ]
                ratings = [j for j in judged if j in set(Rating)]
                penilaian[block] = penilaian_hasil_kerja(ratings).value if ratings else ""
                got = value(run.values, evaluation.cell(PENILAIAN, block))
                if got != penilaian[block]:
                    wrong.append((book.name, periode.name, block, got, penilaian[block]))
            pairs = [("Utama" if b < UTAMA else "Tambahan", p) for b, p in penilaian.items() if p]
            saran = saran_rating_hasil_kerja(pairs).rating.value if pairs else ""
            name = f"EVAL_{periode.name}_SARAN_HASIL_KERJA"
            got = value(run.values, named(run.wb, name))
            if got != saran:
                wrong.append((book.name, periode.name, "saran", got, saran))
    assert wrong == []


@pytest.mark.libreoffice
def test_validate_agrees_with_the_recalculated_cells(runs: dict[str, Run]) -> None:
    """The checks read the same judgements (no cached value differs from Python's), and
    name the trajectory target that is not a number at its cell."""
    cached = {"capaian-iki-tidak-sesuai", "penilaian-tidak-sesuai", "saran-tidak-sesuai"}
    for run in runs.values():
        findings = validate_file(run.path).findings
        assert [f for f in findings if f.code in cached] == []
        bad = [
            (f.sheet, f.cell, f.severity)
            for f in findings
            if f.code == "target-periode-bukan-angka"
        ]
        if run.book.pro_rata or run.book.jenis is JPT:
            assert bad == []
        else:
            evaluation = table(run.wb, "EVAL_TW3_HASIL_KERJA")
            iki = run.book.ikis[5]
            assert bad == [
                (*evaluation.cell(TARGET_PERIODE, iki.block, iki.offset), Severity.ERROR)
            ]


# -- a holdout: a year filled quarterly the natural way ------------------------------------

# (aspek, indikator, target, s.d., satuan, realisasi TW I, II, III, IV, Akhir): cumulative
# figures that grow each quarter, a percentage that holds, months and money spent so far.
NATURAL: tuple[tuple[tuple[str, str, int, int | None, str, tuple[float, ...]], ...], ...] = (
    (
        ("Kuantitas", "Jumlah dokumen kajian fiktif", 20, None, "dokumen", (4, 9, 15, 20, 20)),
        ("Kualitas", "Persentase kajian tanpa revisi", 90, 95, "%", (92, 93, 94, 95, 95)),
        ("Waktu", "Waktu penyelesaian kajian", 10, None, "bulan", (3, 6, 9, 10, 10)),
    ),
    (
        (
            "Kuantitas",
            "Jumlah layanan konsultasi fiktif",
            48,
            None,
            "layanan",
            (10, 25, 37, 48, 48),
        ),
        ("Biaya", "Biaya layanan konsultasi", 100, None, "juta rupiah", (20, 45, 70, 98, 98)),
    ),
)
TAMBAHAN_NATURAL = (
    ("Kuantitas", "Jumlah kegiatan narasumber", 4, None, "kegiatan", (1, 2, 3, 4, 4)),
)
SESUAI = Rating.SESUAI.value


def natural_year() -> Workbook:
    wb = build_workbook(Options(JA, Pendekatan.KUANTITATIF))
    put_named(
        wb,
        {
            "PEGAWAI_NAMA": "Rina Contoh Fiktif, S.Si.",
            "PEGAWAI_NIP": "199001012015032001",
            "PEGAWAI_PANGKAT": "Penata Muda, III/a",
            "PEGAWAI_JABATAN": "Analis Kebijakan Ahli Pertama",
            "PEGAWAI_UNIT_KERJA": "Bidang Kajian Fiktif",
            "PENILAI_NAMA": "Bayu Contoh Fiktif, M.Si.",
            "PENILAI_NIP": "198203152006041002",
            "PENILAI_PANGKAT": "Pembina, IV/a",
            "PENILAI_JABATAN": "Kepala Bidang Kajian Fiktif",
            "PENILAI_UNIT_KERJA": "Badan Contoh",
            "SKP_INSTANSI": "Badan Contoh Kabupaten Fiktif",
            "SKP_TAHUN": 2025,
        },
    )
    skp = table(wb, "SKP_HASIL_KERJA")
    blocks = [*enumerate(NATURAL), (skp.utama, TAMBAHAN_NATURAL)]
    for block, ikis in blocks:
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA_PIMPINAN + "*", block), f"Pimpinan fiktif {block}")
        put(wb, skp.cell(t.RENCANA_HASIL_KERJA, block), f"Hasil kerja fiktif {block}")
        for offset, (aspek, teks, minimum, maksimum, satuan, _) in enumerate(ikis):
            put(wb, skp.cell(t.ASPEK, block, offset), aspek)
            put(wb, skp.cell(t.INDIKATOR_KINERJA_INDIVIDU, block, offset), teks)
            put(wb, skp.cell(TARGET_MIN, block, offset), minimum)
            if maksimum is not None:
                put(wb, skp.cell(TARGET_MAKS, block, offset), maksimum)
            put(wb, skp.cell(SATUAN, block, offset), satuan)
    for p, periode in enumerate(PERIODS):
        evaluation = table(wb, f"EVAL_{periode.name}_HASIL_KERJA")
        for block, ikis in blocks:
            for offset, (*_, realisasi) in enumerate(ikis):
                put(wb, evaluation.cell(REALISASI_ANGKA, block, offset), realisasi[p])
        put_named(
            wb,
            {
                f"EVAL_{periode.name}_CAPAIAN_ORGANISASI": "Baik",
                f"EVAL_{periode.name}_RATING_HASIL_KERJA": SESUAI,
                f"EVAL_{periode.name}_RATING_PERILAKU": SESUAI,
            },
        )
    return wb


@pytest.mark.libreoffice
def test_a_year_filled_the_natural_way_shows_no_false_difference(
    recalculate: LibreOffice, tmp_path: Path
) -> None:
    """Cumulative realisasi, no trajectory target, the default option: each quarter's
    suggestion is the Sesuai the penilai chose (no orange cell), validate warns nothing
    about the evaluations, and the counts, months and money show Progres."""
    wb = natural_year()
    path = tmp_path / "tahun-wajar.xlsx"
    wb.save(path)
    done = recalculate([path])[path]
    sarans = {p: value(done.values, named(wb, f"EVAL_{p.name}_SARAN_HASIL_KERJA")) for p in PERIODS}
    assert sarans == dict.fromkeys(PERIODS, SESUAI)
    tw1 = table(wb, "EVAL_TW1_HASIL_KERJA")
    capaian = [value(done.values, tw1.cell(CAPAIAN_IKI, 0, offset)) for offset in range(3)]
    assert capaian == [PROGRES, SESUAI, PROGRES]
    findings = [
        (f.code, f.sheet, f.cell)
        for f in validate_file(done.path).findings
        if f.severity is not Severity.INFO and (f.field or "").startswith("EVAL_")
    ]
    assert findings == []
