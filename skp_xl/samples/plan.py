"""The whole synthetic agency as data: which workbooks exist and everything typed in them.

Pure and deterministic by seed. One workbook (:class:`Berkas`) per position, plus, when
problems are asked for, the documented deliberate ones (:data:`MASALAH`): an acting head
(Plt.), a mutasi, a rating that differs from its suggestion, a rated period without
realisasi, a NIP Excel turned into a number. Ratings follow one capaian kinerja organisasi
per unit and period, spread as the pola distribusi guideline asks in most units.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from skp_xl.domain.codes import Code
from skp_xl.domain.pola_distribusi import periksa_pola_distribusi
from skp_xl.domain.rekap import URUTAN_PERIODE
from skp_xl.domain.vocabulary import (
    CapaianOrganisasi,
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
    Predikat,
    Rating,
    SiklusEvaluasi,
)
from skp_xl.samples import data
from skp_xl.samples.content import Evaluasi, Rencana, buat_evaluasi, buat_rencana
from skp_xl.samples.organisation import Organisasi, Pegawai, Tingkat, build_organisasi, slug

MASALAH: Mapping[str, str] = {
    "plt": "Jabatan kepala unit kosong; seorang administrator menjadi pelaksana tugas "
    "(jabatan 'Plt. ...') dengan buku kerja tersendiri, dan menilai bawahan unit itu.",
    "mutasi": "Seorang pegawai pindah unit per 1 Juli: NIP yang sama ada di dua folder unit, "
    "periode 1 Januari-30 Juni (Triwulan I-II atau Januari-Juni) dan 1 Juli-31 Desember "
    "(Triwulan III-Akhir atau Juli-Akhir).",
    Code.RATING_BERBEDA_SARAN: "Rating hasil kerja Triwulan II (evaluasi bulanan: Juni) "
    "berbeda dengan saran dari realisasinya (biasanya: diketik Diatas Ekspektasi, padahal "
    "sarannya Sesuai Ekspektasi).",
    Code.REALISASI_KOSONG: "Triwulan III (evaluasi bulanan: September) sudah diberi rating, "
    "tetapi realisasi IKI-nya kosong.",
    Code.NIP_RUSAK_EXCEL: "NIP pegawai tersimpan sebagai angka (Excel membulatkannya menjadi "
    "1,9...E+17).",
}
"""The deliberate problems, by code (the validator's code where it has one)."""

KUALITATIF = 0.2
"""Share of the workbooks with the kualitatif pendekatan."""
LUNAK = 0.25
"""Share of the units (at least one, when there are two) that rate leniently, against the
pola distribusi guideline."""
PERIODE = SiklusEvaluasi.TRIWULANAN.periode
"""The periods of a quarterly workbook (the default cycle)."""


def semester_1(periode: Sequence[PeriodeEvaluasi]) -> tuple[PeriodeEvaluasi, ...]:
    """The periods among ``periode`` that end by June (before a mid-year mutasi)."""
    return tuple(p for p in periode if not p.is_akhir and p.bulan <= 6)


def setara(periode: PeriodeEvaluasi, siklus: SiklusEvaluasi) -> PeriodeEvaluasi:
    """The period of ``siklus`` ending with ``periode`` (Triwulan II -> Juni in a monthly
    cycle), so a sample planned in quarters lands on the same month-end."""
    key = (periode.bulan, periode.is_akhir)
    return next(p for p in siklus.periode if (p.bulan, p.is_akhir) == key)


_CAPAIAN = (
    (CapaianOrganisasi.ISTIMEWA, 0.2),
    (CapaianOrganisasi.BAIK, 0.68),
    (CapaianOrganisasi.BUTUH_PERBAIKAN, 0.1),
    (CapaianOrganisasi.KURANG, 0.02),
)
"""How often a unit's capaian kinerja organisasi is drawn at each level."""
_CAPAIAN_TETAP = 0.75
"""How often a unit keeps its usual capaian in a period."""
_PASANGAN = {
    Predikat.SANGAT_BAIK: ((Rating.DIATAS, Rating.DIATAS, 1),),
    Predikat.BAIK: (
        (Rating.SESUAI, Rating.SESUAI, 7),
        (Rating.DIATAS, Rating.SESUAI, 2),
        (Rating.SESUAI, Rating.DIATAS, 2),
    ),
    Predikat.BUTUH_PERBAIKAN: (
        (Rating.DIBAWAH, Rating.SESUAI, 4),
        (Rating.DIBAWAH, Rating.DIATAS, 1),
    ),
    Predikat.KURANG: ((Rating.SESUAI, Rating.DIBAWAH, 3), (Rating.DIATAS, Rating.DIBAWAH, 1)),
    Predikat.SANGAT_KURANG: ((Rating.DIBAWAH, Rating.DIBAWAH, 1),),
}
"""The rating pairs (hasil kerja, perilaku) that give each predikat, with weights."""
_SEPADAN = {
    CapaianOrganisasi.ISTIMEWA: Predikat.SANGAT_BAIK,
    CapaianOrganisasi.BAIK: Predikat.BAIK,
    CapaianOrganisasi.BUTUH_PERBAIKAN: Predikat.BUTUH_PERBAIKAN,
    CapaianOrganisasi.KURANG: Predikat.KURANG,
    CapaianOrganisasi.SANGAT_KURANG: Predikat.SANGAT_KURANG,
}
"""The predikat named like each capaian organisasi."""


@dataclass(frozen=True, slots=True)
class Orang:
    """A person as the identity block shows them (penilai and atasan)."""

    nama: str
    nip: str | None
    pangkat: str | None
    jabatan: str
    unit_kerja: str


@dataclass(frozen=True, slots=True)
class Berkas:
    """One workbook: whose, where, rated by whom, for which periods.

    Attributes:
        kunci: Unique key: the NIP, with ``-plt`` or ``-mutasi`` for a second workbook.
        pegawai: The position's holder.
        jabatan: The jabatan printed (``Plt. ...`` for an acting head).
        jenis: Jenis jabatan of the workbook.
        tingkat: Where the workbook's position stands.
        folder: Folder names from the agency's root.
        unit: The top unit ("" for the kepala).
        unit_kerja: Unit kerja printed.
        sub: What the workbook's sub-unit does, lower case ("tata usaha").
        penilai: The pejabat penilai kinerja.
        atasan: The atasan pejabat penilai, if any.
        sumber: :attr:`kunci` of the penilai's workbook, whose plan this one supports.
        mulai, selesai: The SKP period ("1 Januari", "31 Desember").
        periode: The periods evaluated in this workbook.
        masalah: Codes of the deliberate problems in this workbook.
        siklus: Its evaluation sheets: quarterly or monthly.
    """

    kunci: str
    pegawai: Pegawai
    jabatan: str
    jenis: JenisJabatan
    tingkat: Tingkat
    folder: tuple[str, ...]
    unit: str
    unit_kerja: str
    sub: str
    penilai: Orang
    atasan: Orang | None
    sumber: str | None
    mulai: str = "1 Januari"
    selesai: str = "31 Desember"
    periode: tuple[PeriodeEvaluasi, ...] = PERIODE
    masalah: tuple[str, ...] = ()
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN

    @property
    def nama_berkas(self) -> str:
        """``<NIP>_<nama>.xlsx``."""
        return f"{self.pegawai.nip}_{slug(self.pegawai.nama_polos)}.xlsx"

    @property
    def path(self) -> PurePosixPath:
        """The workbook's path relative to the agency's folder."""
        return PurePosixPath(*self.folder, self.nama_berkas)

    def orang(self) -> Orang:
        """This workbook's pegawai as a penilai or atasan of others."""
        p = self.pegawai
        return Orang(p.nama, p.nip, p.pangkat, self.jabatan, self.unit_kerja)


@dataclass(frozen=True, slots=True)
class Isian:
    """Everything typed into one workbook.

    Attributes:
        berkas: Which workbook.
        instansi: The agency.
        tahun: The SKP year.
        rencana: The plan.
        evaluasi: The evaluated periods, in order.
        nip_angka: The NIP is typed as a number (a deliberate problem).
    """

    berkas: Berkas
    instansi: str
    tahun: int
    rencana: Rencana
    evaluasi: tuple[Evaluasi, ...]
    nip_angka: bool = False


@dataclass(frozen=True, slots=True)
class Agency:
    """The planned agency.

    Attributes:
        organisasi: Units and positions.
        isian: Every workbook with its contents, superiors first.
        capaian: Capaian kinerja organisasi by (unit, period); the kepala's unit is "".
        lunak: Units whose ratings were drawn leniently, against the pola distribusi.
        masalah: Code of each deliberate problem -> keys of the workbooks it is in.
    """

    organisasi: Organisasi
    isian: tuple[Isian, ...]
    capaian: Mapping[tuple[str, PeriodeEvaluasi], CapaianOrganisasi]
    lunak: frozenset[str]
    masalah: Mapping[str, tuple[str, ...]] = field(default_factory=dict)


MENTERI = Orang(data.MENTERI_NAMA, None, None, data.MENTERI_JABATAN, data.MENTERI_UNIT_KERJA)


def _berkas(org: Organisasi) -> dict[str, Berkas]:
    """One workbook per position, rated by the superior."""
    result: dict[str, Berkas] = {}
    by_index: dict[int, Berkas] = {}
    for p in org.pegawai:
        superior = by_index.get(p.atasan) if p.atasan is not None else None
        berkas = Berkas(
            kunci=p.nip,
            pegawai=p,
            jabatan=p.jabatan,
            jenis=p.jenis,
            tingkat=p.tingkat,
            folder=p.folder,
            unit=p.unit,
            unit_kerja=p.unit_kerja,
            sub=p.sub,
            penilai=superior.orang() if superior is not None else MENTERI,
            atasan=(superior.penilai if superior is not None else None),
            sumber=superior.kunci if superior is not None else None,
        )
        result[berkas.kunci] = berkas
        by_index[p.indeks] = berkas
    return result


def _plt(files: dict[str, Berkas], org: Organisasi) -> tuple[str, ...]:
    """Vacate the first unit head with an administrator below; that one acts (Plt.)."""
    for head in org.pegawai:
        admins = [p for p in org.bawahan(head.indeks) if p.tingkat is Tingkat.ADMINISTRATOR]
        if head.tingkat is not Tingkat.JPT or not admins:
            continue
        vacant = files.pop(head.nip)
        acting = files[admins[0].nip]
        plt = replace(
            vacant,
            kunci=f"{acting.kunci}-plt",
            pegawai=acting.pegawai,
            jabatan=f"Plt. {vacant.jabatan}",
            masalah=("plt",),
        )
        files[plt.kunci] = plt
        for key, berkas in list(files.items()):
            if berkas.sumber != vacant.kunci:
                continue
            if key == acting.kunci:  # the acting head's own job is rated one level up
                files[key] = replace(
                    berkas,
                    penilai=vacant.penilai,
                    atasan=vacant.atasan,
                    sumber=vacant.sumber,
                    masalah=("plt",),
                )
            else:
                files[key] = replace(
                    berkas, penilai=plt.orang(), atasan=plt.penilai, sumber=plt.kunci
                )
        return (acting.kunci, plt.kunci)
    return ()


def _mutasi(files: dict[str, Berkas], org: Organisasi, rng: random.Random) -> tuple[str, ...]:
    """Move one staff member to another unit on 1 July: two workbooks, one NIP."""
    staff = [
        b
        for b in files.values()
        if b.tingkat in (Tingkat.PELAKSANA, Tingkat.FUNGSIONAL) and not b.masalah
    ]
    # A pelaksana rather than a jabatan fungsional: their work moves with them anywhere.
    order = sorted(
        staff,
        key=lambda b: (b.tingkat is not Tingkat.PELAKSANA, b.unit == org.units[0].nama, b.kunci),
    )
    for moving in order:
        targets = [
            b
            for b in files.values()
            if b.tingkat in (Tingkat.PENGAWAS, Tingkat.ADMINISTRATOR)
            and b.unit not in (moving.unit, org.units[0].nama)
            and not b.masalah
        ]
        if not targets:
            continue
        target = rng.choice(sorted(targets, key=lambda b: b.kunci))
        files[moving.kunci] = replace(
            moving, selesai="30 Juni", periode=semester_1(moving.periode), masalah=("mutasi",)
        )
        second = replace(
            moving,
            kunci=f"{moving.kunci}-mutasi",
            folder=target.folder,
            unit=target.unit,
            unit_kerja=target.unit_kerja,
            sub=target.sub,
            penilai=target.orang(),
            atasan=target.penilai,
            sumber=target.kunci,
            mulai="1 Juli",
            periode=tuple(p for p in moving.periode if p not in semester_1(moving.periode)),
            masalah=("mutasi",),
        )
        files[second.kunci] = second
        return (moving.kunci, second.kunci)
    return ()


def _counts(
    capaian: CapaianOrganisasi, n: int, lenient: bool, rng: random.Random
) -> dict[Predikat, int]:
    """How many of ``n`` pegawai get each predikat, within the guideline unless lenient."""
    counts = dict.fromkeys(Predikat, 0)
    if n == 1:  # no spread to speak of (the kepala): the predikat of the capaian's name
        counts[_SEPADAN[capaian]] = 1
        return counts
    if lenient:
        if capaian is CapaianOrganisasi.ISTIMEWA:
            counts[Predikat.SANGAT_BAIK] = n
        else:  # the usual leniency: nobody below Baik
            counts[Predikat.SANGAT_BAIK] = n - math.ceil(0.6 * n)
            counts[Predikat.BAIK] = math.ceil(0.6 * n)
        return counts
    if capaian is CapaianOrganisasi.ISTIMEWA:
        top = min(math.floor(0.7 * n), round(n * rng.uniform(0.5, 0.65)))
        counts[Predikat.SANGAT_BAIK] = max(math.ceil(n / 2), top)
        counts[Predikat.BUTUH_PERBAIKAN] = 1 if n >= 8 and rng.random() < 0.5 else 0
    elif capaian is CapaianOrganisasi.BAIK:
        counts[Predikat.BUTUH_PERBAIKAN] = max(1, round(n * rng.uniform(0.05, 0.15)))
        counts[Predikat.KURANG] = 1 if n >= 20 and rng.random() < 0.3 else 0
        counts[Predikat.BAIK] = max(math.ceil(n / 2), min(math.floor(0.7 * n), round(n * 0.6)))
        counts[Predikat.SANGAT_BAIK] = max(
            0,
            n - counts[Predikat.BAIK] - counts[Predikat.BUTUH_PERBAIKAN] - counts[Predikat.KURANG],
        )
    elif capaian is CapaianOrganisasi.BUTUH_PERBAIKAN:
        counts[Predikat.BUTUH_PERBAIKAN] = min(n, math.ceil(0.6 * n) + rng.randint(0, 1))
    else:
        low = Predikat.KURANG if capaian is CapaianOrganisasi.KURANG else Predikat.SANGAT_KURANG
        counts[low] = math.ceil(0.6 * n)
        counts[Predikat.BUTUH_PERBAIKAN] = min(n - counts[low], math.ceil(0.1 * n))
    counts[Predikat.BAIK] += n - sum(counts.values())
    return counts


def _capaian(rng: random.Random) -> CapaianOrganisasi:
    pick = rng.random()
    for capaian, share in _CAPAIAN:
        if pick < share:
            return capaian
        pick -= share
    return CapaianOrganisasi.BAIK


def _ratings(
    files: Sequence[Berkas],
    units: Sequence[str],
    lenient: frozenset[str],
    rng: random.Random,
) -> tuple[
    dict[tuple[str, PeriodeEvaluasi], tuple[Rating, Rating]],
    dict[tuple[str, PeriodeEvaluasi], CapaianOrganisasi],
]:
    """Per (workbook key, period) the two ratings; per (unit, period) the capaian."""
    merit = {b.pegawai.nip: rng.gauss(0, 1) for b in files}
    ratings: dict[tuple[str, PeriodeEvaluasi], tuple[Rating, Rating]] = {}
    capaian: dict[tuple[str, PeriodeEvaluasi], CapaianOrganisasi] = {}
    # The kepala's unit ("") last: the kepala leads the whole agency, so its capaian is
    # the agency's, the one most of its units have.
    for unit in sorted(units, key=lambda u: u == ""):
        usual = _capaian(rng)
        for periode in URUTAN_PERIODE:
            rated = [b for b in files if b.unit == unit and periode in b.periode]
            if not rated:
                continue
            level = usual if rng.random() < _CAPAIAN_TETAP else _capaian(rng)
            if unit == "":
                others = Counter(v for (u, p), v in capaian.items() if p is periode)
                level = others.most_common(1)[0][0] if others else level
            capaian[unit, periode] = level
            counts = _counts(level, len(rated), unit in lenient, rng)
            order = sorted(rated, key=lambda b: merit[b.pegawai.nip] + rng.gauss(0, 0.7))
            order.reverse()
            position = 0
            for predikat in Predikat:  # best first
                for berkas in order[position : position + counts[predikat]]:
                    pairs = _PASANGAN[predikat]
                    hasil, perilaku, _ = rng.choices(pairs, [w for *_, w in pairs])[0]
                    ratings[berkas.kunci, periode] = (hasil, perilaku)
                position += counts[predikat]
    return ratings, capaian


def _ordered(files: Mapping[str, Berkas]) -> list[Berkas]:
    """Superiors' workbooks before those that cascade from them."""
    done: set[str | None] = {None}
    ordered: list[Berkas] = []
    pending = list(files.values())
    while pending:
        ready = [b for b in pending if b.sumber in done]
        if not ready:
            raise ValueError("workbooks cascade in a circle")
        ordered += ready
        done.update(b.kunci for b in ready)
        pending = [b for b in pending if b.kunci not in done]
    return ordered


def plan_agency(
    pegawai: int,
    *,
    seed: int,
    tahun: int,
    sampai: PeriodeEvaluasi = PeriodeEvaluasi.AKHIR,
    masalah: bool = True,
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
    seed_penilaian: int | None = None,
    tahun_pegawai: int | None = None,
) -> Agency:
    """Plan an agency of ``pegawai`` positions: who works where, and every workbook's content.

    Args:
        pegawai: Number of positions (at least 1).
        seed: Seed of ``random.Random``: the same seed gives the same agency.
        tahun: The SKP year.
        sampai: The last period evaluated (earlier ones are evaluated too).
        masalah: Add the deliberate problems of :data:`MASALAH`.
        siklus: Every workbook evaluates each quarter or each month; ``sampai`` of the
            other cycle stands for the period of this one ending the same month.
        seed_penilaian: Seed of everything after the people (plans, ratings, problems);
            None for ``seed``. Another value gives the same people, rated otherwise.
        tahun_pegawai: The year the people are drawn for (their NIPs, years of service);
            None for ``tahun``. With ``tahun`` a year earlier and another
            ``seed_penilaian``: the same agency's year before.

    Returns:
        The plan; :func:`skp_xl.samples.generate_agency` writes it.
    """
    rng = random.Random(seed)
    org = build_organisasi(pegawai, rng, tahun=tahun if tahun_pegawai is None else tahun_pegawai)
    if seed_penilaian is not None:
        rng = random.Random(seed_penilaian)
    files = {k: replace(b, periode=siklus.periode, siklus=siklus) for k, b in _berkas(org).items()}
    problems: dict[str, tuple[str, ...]] = {}
    if masalah:
        problems["plt"] = _plt(files, org)
        problems["mutasi"] = _mutasi(files, org, rng)
    sampai = setara(sampai, siklus) if sampai.siklus not in (None, siklus) else sampai
    evaluated = siklus.periode[: siklus.periode.index(sampai) + 1]
    ordered = [
        replace(b, periode=tuple(p for p in b.periode if p in evaluated)) for b in _ordered(files)
    ]
    units = ["", *(u.nama for u in org.units)]
    lenient_count = max(1, round(LUNAK * len(org.units))) if len(org.units) >= 2 else 0
    lenient = frozenset(rng.sample([u.nama for u in org.units], lenient_count))
    ratings, capaian = _ratings(ordered, units, lenient, rng)
    topics = {u.nama: u for u in org.units}
    keys = [b.kunci for b in ordered]
    kualitatif = set(rng.sample(keys, round(KUALITATIF * len(keys))))
    rencana: dict[str, Rencana] = {}
    isian: list[Isian] = []
    for berkas in ordered:
        p = berkas.pegawai
        unit = topics.get(berkas.unit)
        plan = buat_rencana(
            jenis=berkas.jenis,
            tingkat=berkas.tingkat,
            bidang=unit.bidang if unit else "riset kelautan",
            sub=berkas.sub if berkas.tingkat is not Tingkat.JPT else (unit.bidang if unit else ""),
            topik=unit.topik if unit else "kelautan",
            unit=berkas.unit or "Badan",
            fungsional=p.fungsional,
            rhk_atasan=rencana[berkas.sumber].teks_rhk if berkas.sumber else (),
            kualitatif=berkas.kunci in kualitatif,
            rng=rng,
        )
        rencana[berkas.kunci] = plan
        evaluasi = tuple(
            buat_evaluasi(
                plan, periode, capaian[berkas.unit, periode], *ratings[berkas.kunci, periode], rng
            )
            for periode in berkas.periode
        )
        isian.append(Isian(berkas, org.instansi, tahun, plan, evaluasi))
    if masalah:
        isian = _evaluation_problems(isian, problems, rng, siklus)
    return Agency(org, tuple(isian), capaian, lenient, problems)


def _candidates(isian: Sequence[Isian], periode: PeriodeEvaluasi, taken: set[str]) -> list[int]:
    return [
        i
        for i, item in enumerate(isian)
        if item.berkas.tingkat in (Tingkat.PELAKSANA, Tingkat.FUNGSIONAL)
        and item.rencana.pendekatan is Pendekatan.KUANTITATIF
        and not item.berkas.masalah
        and item.berkas.unit not in taken
        and any(e.periode is periode for e in item.evaluasi)
    ]


def _saran(isian: Isian, periode: PeriodeEvaluasi) -> Rating:
    return next(e for e in isian.evaluasi if e.periode is periode).saran


def _evaluation_problems(
    isian: list[Isian],
    problems: dict[str, tuple[str, ...]],
    rng: random.Random,
    siklus: SiklusEvaluasi = SiklusEvaluasi.TRIWULANAN,
) -> list[Isian]:
    """A rating differing from its suggestion, a rated period without realisasi, a NIP
    turned into a number: each in a different unit where the agency is large enough."""
    taken: set[str] = set()

    def pick(code: str, periode: PeriodeEvaluasi) -> int | None:
        # In another unit than the other problems, when the agency has one left.
        found = _candidates(isian, periode, taken) or _candidates(isian, periode, set())
        if code == Code.RATING_BERBEDA_SARAN:  # the usual case: Sesuai typed up to Diatas
            found = [i for i in found if _saran(isian[i], periode) is Rating.SESUAI] or found
        if not found:
            problems[code] = ()
            return None
        index = rng.choice(found)
        taken.add(isian[index].berkas.unit)
        problems[code] = (isian[index].berkas.kunci,)
        return index

    def tag(index: int, code: str, periode: PeriodeEvaluasi, **change: Any) -> None:
        """Mark the workbook with ``code`` and apply ``change`` to its ``periode``."""
        item = isian[index]
        evaluasi = tuple(replace(e, **change) if e.periode is periode else e for e in item.evaluasi)
        berkas = replace(item.berkas, masalah=(*item.berkas.masalah, code))
        isian[index] = replace(item, berkas=berkas, evaluasi=evaluasi)

    # At the quarters' ends: Juni, September and Maret in a monthly cycle.
    tw1, tw2, tw3 = (setara(p, siklus) for p in PERIODE[:3])
    index = pick(Code.RATING_BERBEDA_SARAN, tw2)
    if index is not None:
        saran = _saran(isian[index], tw2)
        typed = Rating.SESUAI if saran is Rating.DIATAS else Rating.DIATAS
        tag(index, Code.RATING_BERBEDA_SARAN, tw2, rating_hasil_kerja=typed)
    index = pick(Code.REALISASI_KOSONG, tw3)
    if index is not None:
        tag(index, Code.REALISASI_KOSONG, tw3, tanpa_realisasi=True)
    index = pick(Code.NIP_RUSAK_EXCEL, tw1)
    if index is not None:
        tag(index, Code.NIP_RUSAK_EXCEL, tw1)
        isian[index] = replace(isian[index], nip_angka=True)
    return isian


def pola_sesuai(capaian: CapaianOrganisasi, predikat: Sequence[Predikat]) -> bool | None:
    """Whether a unit's predikat follow the pola distribusi guideline (None: nobody rated)."""
    counts: dict[object, int] = {}
    for p in predikat:
        counts[p] = counts.get(p, 0) + 1
    results = periksa_pola_distribusi(capaian, counts)
    if not results:
        return None
    return all(r.terpenuhi for r in results)
