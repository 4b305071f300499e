"""An agency's records brought together: one row per pegawai and period, cascading, mutasi.

Pure rules over :class:`~skp_xl.domain.records.SkpRecord` values (no files, no pandas):
what the consolidation counts, how a NIP found in two workbooks is resolved, and whether
plans cascade from leader to staff (rules.md sections 7 and 11).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from skp_xl.domain.angka_kredit import JenjangJf, angka_kredit
from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.quadrant import predikat
from skp_xl.domain.records import Sel, SkpRecord
from skp_xl.domain.salinan import pickle_ringkas
from skp_xl.domain.vocabulary import (
    JenisJabatan,
    PeriodeEvaluasi,
    compact,
    normalize_periode,
)

URUTAN_PERIODE = tuple(sorted(PeriodeEvaluasi, key=lambda p: p.urutan))
"""Periods in the order of the year, months and quarters together (Maret before
Triwulan I, which ends with it), Akhir last."""
BULAN = {p: p.lama_bulan for p in PeriodeEvaluasi}
"""Months each period covers, for angka kredit: 3 a quarter, 1 a month, 12 Akhir."""

Periode = PeriodeEvaluasi
"""A rated period: a quarter, a month or Akhir, from a workbook or an export (e-Kinerja's
monthly "Laporan Penilaian SKP" names the month, which is the monthly workbook's period)."""


class PeriodeBulanan:
    """The months by their full names, for code that speaks of an export's month."""

    JANUARI = PeriodeEvaluasi.JAN
    FEBRUARI = PeriodeEvaluasi.FEB
    MARET = PeriodeEvaluasi.MAR
    APRIL = PeriodeEvaluasi.APR
    MEI = PeriodeEvaluasi.MEI
    JUNI = PeriodeEvaluasi.JUN
    JULI = PeriodeEvaluasi.JUL
    AGUSTUS = PeriodeEvaluasi.AGU
    SEPTEMBER = PeriodeEvaluasi.SEP
    OKTOBER = PeriodeEvaluasi.OKT
    NOVEMBER = PeriodeEvaluasi.NOV
    DESEMBER = PeriodeEvaluasi.DES


BULANAN = tuple(p for p in URUTAN_PERIODE if p.lama_bulan == 1)
"""The twelve months, Januari first."""


def urutan(periode: Periode) -> tuple[int, int]:
    """Where ``periode`` falls in the year: by the month it ends, Akhir last."""
    return periode.urutan


def periode_dari_teks(text: str) -> Periode | None:
    """A period typed by a user or written in an export: "TW III", "Akhir", "Maret",
    "Bulan Maret", "3" (a month number); None when it names none."""
    key = compact(text).removeprefix("bulan")
    if key.isdigit() and 1 <= int(key) <= 12:
        return BULANAN[int(key) - 1]
    for candidate in (text, re.sub(r"(?i)^\s*bulan\s+", "", text)):
        try:
            return normalize_periode(candidate)
        except InvalidValueError:
            continue
    return None


Letak = tuple[str, str]
"""Where a value was read: (sheet, A1 cell), kept as a pair so nobody splits a text again."""


def teks_letak(letak: Letak | None) -> str:
    """A place as messages print it for people: ``SKP!B18`` ("" for none)."""
    return "" if letak is None else f"{letak[0]}!{letak[1]}"


_PENUGASAN = re.compile(r"^\s*(plt|plh)\s*\.?\s*", re.IGNORECASE)


class Penugasan(StrEnum):
    """Whether a workbook is a pegawai's own SKP or one for an acting assignment."""

    DEFINITIF = ""
    PLT = "Plt."
    PLH = "Plh."


def penugasan(jabatan: str) -> Penugasan:
    """``Plt.``/``Plh.`` when the jabatan is an acting one ("Plt. Kepala Bagian Umum")."""
    found = _PENUGASAN.match(jabatan)
    if not found:
        return Penugasan.DEFINITIF
    return Penugasan.PLT if found.group(1).lower() == "plt" else Penugasan.PLH


def jenjang_jf(jabatan: str) -> JenjangJf | None:
    """The jenjang a JF jabatan names at its end ("Analis Kebijakan Ahli Muda")."""
    key = compact(jabatan)
    for jenjang in sorted(JenjangJf, key=lambda j: -len(j.value)):
        if key.endswith(compact(jenjang.value)):
            return jenjang
    return None


def kunci_teks(text: str) -> str:
    """A rencana hasil kerja as compared across workbooks: case, spaces and end dots
    ignored."""
    return " ".join(text.casefold().split()).strip(" .;:")


@pickle_ringkas
@dataclass(frozen=True, slots=True)
class BarisPeriode:
    """One pegawai's evaluation of one period, canonical values computed in Python.

    Attributes:
        periode: The period.
        capaian_organisasi: Canonical capaian kinerja organisasi, "" when empty/unknown.
        rating_hasil_kerja, rating_perilaku: Canonical ratings, "" when empty/unknown.
        predikat: From the two ratings by the quadrant, "" when one is missing.
        angka_kredit: JF with a known jenjang and a predikat; else None.
        sel: Where each value was read: field -> (sheet, cell); a field read from no cell
            is absent.
    """

    periode: Periode
    capaian_organisasi: str
    rating_hasil_kerja: str
    rating_perilaku: str
    predikat: str
    angka_kredit: float | None
    sel: Mapping[str, Letak] = field(default_factory=dict)


def letak(sel: Sel) -> Letak | None:
    """Where ``sel`` was read, or None when it names no cell."""
    return (sel.sheet, sel.cell) if sel.sheet and sel.cell else None


def periode_dinilai(record: SkpRecord) -> list[BarisPeriode]:
    """Every period of ``record`` with a rating, in the order of the year."""
    jenjang = (
        jenjang_jf(record.pegawai.jabatan.teks) if record.jenis_jabatan is JenisJabatan.JF else None
    )
    rows = []
    for periode in URUTAN_PERIODE:
        evaluasi = record.evaluasi.get(periode)
        if evaluasi is None or (
            evaluasi.rating_hasil_kerja.kosong and evaluasi.rating_perilaku.kosong
        ):
            continue
        hasil = evaluasi.rating_hasil_kerja_baku
        perilaku = evaluasi.rating_perilaku_baku
        hasil_predikat = predikat(hasil, perilaku).value if hasil and perilaku else ""
        capaian = evaluasi.capaian_organisasi_baku
        ak = None
        if jenjang is not None and hasil_predikat:
            ak = angka_kredit(hasil_predikat, jenjang.value, BULAN[periode])
        rows.append(
            BarisPeriode(
                periode,
                capaian.value if capaian else "",
                hasil.value if hasil else "",
                perilaku.value if perilaku else "",
                hasil_predikat,
                ak,
                {
                    key: where
                    for key, sel in (
                        ("capaian_organisasi", evaluasi.capaian_organisasi),
                        ("rating_hasil_kerja", evaluasi.rating_hasil_kerja),
                        ("rating_perilaku", evaluasi.rating_perilaku),
                        ("predikat", evaluasi.predikat_tersimpan),
                    )
                    if (where := letak(sel)) is not None
                },
            )
        )
    return rows


def judul_periode(periode: PeriodeEvaluasi) -> str:
    """The period as a consolidation's title names it, with the workbooks it counts.

    A consolidation counts a workbook's evaluation of exactly that period: Maret counts the
    monthly workbooks, Triwulan I the quarterly ones, Akhir both (rules.md, "Period").
    """
    if periode.siklus is None:
        return periode.value
    return f"{periode.value} (hanya SKP evaluasi {periode.siklus.value.lower()})"


def periode_terakhir(periods: Iterable[Periode]) -> Periode | None:
    """The latest of ``periods`` in the order of the year (None when there is none)."""
    return max(set(periods), key=urutan, default=None)


# -- mutasi and duplicates ----------------------------------------------------------------


class AturanGanda(StrEnum):
    """How a NIP with more than one (definitif) SKP workbook is counted.

    ``terakhir`` (rules.md section 7, the default): a mutasi makes a new SKP in the new
    unit and the annual predikat comes from the last unit, so only the workbook rated in
    the latest period counts; ``semua`` counts every workbook (e.g. to audit a period).
    """

    TERAKHIR = "terakhir"
    SEMUA = "semua"


@dataclass(frozen=True, slots=True)
class Kandidat:
    """A workbook of one NIP, as the duplicate rule sees it.

    Attributes:
        kunci: The workbook's key (its path).
        nip: The pegawai's NIP, as text.
        unit: The unit (folder) it was found in.
        terakhir: Its latest rated period, or None.
        isi: A digest of the file's bytes (same digest: the same file copied twice).
        penugasan: Definitif, Plt. or Plh.
    """

    kunci: str
    nip: str
    unit: str
    terakhir: Periode | None
    isi: str
    penugasan: Penugasan = Penugasan.DEFINITIF


@dataclass(frozen=True, slots=True)
class Keputusan:
    """Whether a workbook counts in the distribution, and why not."""

    dihitung: bool
    keterangan: str = ""


def _rank(kandidat: Kandidat) -> int:
    # By the month the period ends (Akhir after December's): a monthly workbook rated in
    # Maret and a quarterly one rated in Triwulan I are equally recent.
    if kandidat.terakhir is None:
        return -1
    return 2 * kandidat.terakhir.bulan + kandidat.terakhir.is_akhir


def selesaikan_ganda(
    kandidat: Sequence[Kandidat], aturan: AturanGanda = AturanGanda.TERAKHIR
) -> tuple[dict[str, Keputusan], list[Finding]]:
    """Decide which workbooks count when a NIP appears more than once.

    Plt./Plh. workbooks never count in the distribution (the pegawai's own SKP does) and
    are shown apart. A file found twice with the same content counts once. Otherwise, by
    ``aturan``: the workbook rated in the latest period (``terakhir``) or all of them.

    Returns:
        A decision per workbook key, and the findings (one per NIP with duplicates).
    """
    decisions: dict[str, Keputusan] = {}
    findings: list[Finding] = []
    by_nip: dict[str, list[Kandidat]] = defaultdict(list)
    for item in kandidat:
        if item.penugasan is not Penugasan.DEFINITIF:
            decisions[item.kunci] = Keputusan(
                False, f"{item.penugasan.value}: ditampilkan terpisah, tidak dihitung"
            )
            continue
        if not item.nip:
            decisions[item.kunci] = Keputusan(True)
            continue
        by_nip[item.nip].append(item)
    for nip, items in by_nip.items():
        if len(items) == 1:
            decisions[items[0].kunci] = Keputusan(True)
            continue
        ordered = sorted(items, key=lambda k: (-_rank(k), k.kunci))
        seen: dict[str, Kandidat] = {}
        for item in ordered:
            if item.isi in seen:
                first = seen[item.isi]
                decisions[item.kunci] = Keputusan(False, f"salinan sama dengan {first.kunci}")
                findings.append(
                    Finding(
                        Code.BERKAS_GANDA,
                        Severity.WARNING,
                        f"'{item.kunci}' sama persis dengan '{first.kunci}' (NIP {nip}); "
                        "dihitung sekali. Hapus salinannya.",
                        path=item.kunci,
                    )
                )
                continue
            seen[item.isi] = item
        distinct = list(seen.values())
        if len(distinct) == 1:
            decisions[distinct[0].kunci] = Keputusan(True)
            continue
        units = ", ".join(f"{k.unit} ({k.kunci})" for k in distinct)
        if aturan is AturanGanda.SEMUA:
            for item in distinct:
                decisions[item.kunci] = Keputusan(True, "NIP ganda: semua dihitung")
            chosen = "semua dihitung (aturan 'semua')"
        else:
            last = distinct[0]
            tie = len(distinct) > 1 and _rank(distinct[1]) == _rank(last)
            decisions[last.kunci] = Keputusan(True, "NIP ganda: unit terakhir")
            for item in distinct[1:]:
                decisions[item.kunci] = Keputusan(
                    False, f"NIP ganda (mutasi): dihitung di {last.unit}"
                )
            chosen = f"yang dihitung: {last.kunci} (dinilai paling akhir)"
            if tie:
                chosen += "; periode terakhirnya sama, jadi dipilih menurut nama berkas"
        findings.append(
            Finding(
                Code.NIP_GANDA,
                Severity.WARNING,
                f"NIP {nip} ada di lebih dari satu SKP: {units}; {chosen}. Bila bukan mutasi, "
                "hapus berkas yang salah; aturan dapat diubah dengan --nip-ganda.",
                field="PEGAWAI_NIP",
                path=distinct[0].kunci,
            )
        )
    return decisions, findings


# -- cascading ----------------------------------------------------------------------------


@pickle_ringkas
@dataclass(frozen=True, slots=True)
class Rencana:
    """One rencana hasil kerja of a workbook, for the cross-workbook cascading check.

    Attributes:
        teks: The rencana hasil kerja.
        sel: Where (sheet, cell).
        iki: Its indicators' texts.
        pimpinan: The rencana hasil kerja pimpinan yang diintervensi (JA/JF kuantitatif),
            None where the format has no such column.
        sel_pimpinan: Where that is.
    """

    teks: str
    sel: Letak | None
    iki: tuple[str, ...] = ()
    pimpinan: str | None = None
    sel_pimpinan: Letak | None = None


@dataclass(frozen=True, slots=True)
class RencanaPegawai:
    """A workbook's plan: who, whose staff, and the rencana hasil kerja."""

    kunci: str
    nip: str
    nama: str
    nip_penilai: str
    rencana: tuple[Rencana, ...]


class Arah(StrEnum):
    """Which way a line of the Cascading sheet looks."""

    KE_ATAS = "ke atas"
    """A staff rencana hasil kerja and the leader's one it names."""
    KE_BAWAH = "ke bawah"
    """A leader's rencana hasil kerja and the staff plans naming it."""


class StatusCascading(StrEnum):
    """The outcome of one line of the Cascading sheet."""

    COCOK = "cocok"
    TIDAK_DITEMUKAN = "tidak ditemukan"
    PENILAI_TIDAK_ADA = "penilai tidak ada"
    DIINTERVENSI = "diintervensi"
    TANPA_PERAN_BAWAHAN = "tanpa peran bawahan"


@dataclass(frozen=True, slots=True)
class BarisCascading:
    """One line of the Cascading sheet (``sel``: where its rencana hasil kerja is, as a
    (sheet, cell) pair, None when it was read from no cell)."""

    kunci: str
    nip: str
    nama: str
    sel: Letak | None
    rencana: str
    arah: Arah
    status: StatusCascading
    keterangan: str


def rencana_dari(record: SkpRecord) -> tuple[Rencana, ...]:
    """The filled rencana hasil kerja of ``record``."""
    found = []
    for hasil in record.hasil_kerja_terisi:
        if hasil.rhk.kosong:
            continue
        iki = tuple(i.teks.teks for i in hasil.iki if not i.teks.kosong)
        pimpinan = hasil.rhk_pimpinan
        found.append(
            Rencana(
                hasil.rhk.teks,
                letak(hasil.rhk),
                iki,
                None if pimpinan is None else pimpinan.teks,
                None if pimpinan is None else letak(pimpinan),
            )
        )
    return tuple(found)


def periksa_cascading(
    plans: Sequence[RencanaPegawai],
) -> tuple[list[BarisCascading], list[Finding]]:
    """Check that plans cascade across the agency's workbooks (rules.md section 11).

    Up: each JA/JF kuantitatif rencana hasil kerja names a *rencana hasil kerja pimpinan
    yang diintervensi* that exists (as a rencana hasil kerja or one of its IKI) in the SKP
    of the pejabat penilai, matched by NIP. Down: each rencana hasil kerja of a leader whose
    staff's workbooks are present is named by at least one of them.
    """
    findings: list[Finding] = []
    rows = list(baris_cascading(plans, findings))
    return rows, findings


def baris_cascading(
    plans: Sequence[RencanaPegawai], findings: list[Finding]
) -> Iterator[BarisCascading]:
    """:func:`periksa_cascading`'s rows, in its order, as they are made (a large agency's
    are hundreds of thousands: its caller may hold them a slice at a time); its findings
    are added to ``findings`` on the way, all of them once the rows end."""
    return baris_cascading_pimpinan({p.nip: p for p in plans if p.nip}, plans, findings)


class _IndeksRencana:
    """Each leader's rencana by the texts a staff rencana may name them by, made once for
    the last :data:`_INDEKS_MAKS` leaders met (a leader's staff come together, folder by
    folder): each staff rencana is looked up, not compared with every rencana of its
    leader and their indicators in turn (which was most of the check's time)."""

    def __init__(self) -> None:
        self._made: dict[str, dict[str, tuple[Rencana, str]]] = {}

    def __call__(self, leader: RencanaPegawai) -> dict[str, tuple[Rencana, str]]:
        """Text key -> (the first rencana with that key as its own text or one of its
        indicators', that rencana's own key): what the first match in order finds."""
        made = self._made.pop(leader.kunci, None)
        if made is None:
            made = {}
            for r in leader.rencana:
                own = kunci_teks(r.teks)
                made.setdefault(own, (r, own))
                for iki in r.iki:
                    made.setdefault(kunci_teks(iki), (r, own))
            if len(self._made) >= _INDEKS_MAKS:
                del self._made[next(iter(self._made))]  # the least recently used
        self._made[leader.kunci] = made
        return made


_INDEKS_MAKS = 256
"""Leaders whose rencana :class:`_IndeksRencana` keeps indexed at once."""


def baris_cascading_pimpinan(
    pimpinan: Mapping[str, RencanaPegawai],
    plans: Iterable[RencanaPegawai],
    findings: list[Finding],
) -> Iterator[BarisCascading]:
    """:func:`baris_cascading` of ``plans``, walked once, their pejabat penilai looked up
    in ``pimpinan``: NIP -> the plan of the last of ``plans`` with that NIP, for (at
    least) every NIP some plan names as its penilai. So a caller holds the leaders'
    plans only, and makes the others as they are walked (a large agency's plans, held
    all at once, were a fifth of its consolidation's memory)."""
    named_by: dict[tuple[str, str], list[str]] = defaultdict(list)
    # Leader -> whether a member of their staff names their rencana, in the order the
    # leaders are first met.
    staff: dict[str, bool] = {}
    indeks = _IndeksRencana()
    for plan in plans:
        leader = pimpinan.get(plan.nip_penilai) if plan.nip_penilai else None
        if leader is not None and leader.kunci != plan.kunci:
            named = staff.get(leader.nip, False)
            staff[leader.nip] = named or any(r.pimpinan is not None for r in plan.rencana)
        for item in plan.rencana:
            if item.pimpinan is None:
                continue
            sheet, cell = item.sel_pimpinan or (None, None)
            if not item.pimpinan.strip():
                continue  # rhk-pimpinan-kosong is the workbook check's finding
            if leader is None:
                status, note = (
                    StatusCascading.PENILAI_TIDAK_ADA,
                    f"SKP pejabat penilai (NIP {plan.nip_penilai or '-'}) tidak ada di "
                    "folder ini; tidak dapat dicocokkan.",
                )
            else:
                found = indeks(leader).get(kunci_teks(item.pimpinan))
                if found is not None:
                    match, key = found
                    named_by[leader.nip, key].append(plan.nama)
                    status = StatusCascading.COCOK
                    note = f"{leader.nama}: {teks_letak(match.sel)}"
                else:
                    status = StatusCascading.TIDAK_DITEMUKAN
                    note = (
                        f"'{item.pimpinan}' tidak ada di SKP {leader.nama} ({leader.kunci}); "
                        "salin teks rencana hasil kerja atasan persis (lihat matriks peran "
                        "hasil)."
                    )
                    findings.append(
                        Finding(
                            Code.CASCADING_TIDAK_DITEMUKAN,
                            Severity.WARNING,
                            f"{teks_letak(item.sel_pimpinan)}: {note}",
                            sheet,
                            cell,
                            "SKP_HASIL_KERJA",
                            plan.kunci,
                        )
                    )
            yield BarisCascading(
                plan.kunci,
                plan.nip,
                plan.nama,
                item.sel_pimpinan,
                item.pimpinan,
                Arah.KE_ATAS,
                status,
                note,
            )
    for leader_nip, named in staff.items():
        if not named:
            continue  # staff formats without the column (kualitatif) say nothing
        leader = pimpinan[leader_nip]
        for item in leader.rencana:
            names = named_by.get((leader_nip, kunci_teks(item.teks)), [])
            sheet, cell = item.sel or (None, None)
            status = StatusCascading.DIINTERVENSI if names else StatusCascading.TANPA_PERAN_BAWAHAN
            note = ", ".join(sorted(set(names))) or (
                "Tidak ada SKP bawahan yang menyebut rencana hasil kerja ini; bagi perannya "
                "lewat matriks peran hasil."
            )
            if not names:
                findings.append(
                    Finding(
                        Code.CASCADING_TANPA_BAWAHAN,
                        Severity.WARNING,
                        f"{teks_letak(item.sel)}: rencana hasil kerja '{item.teks}' belum "
                        "diintervensi oleh SKP bawahan mana pun di folder ini; bagi perannya "
                        "lewat matriks peran hasil.",
                        sheet,
                        cell,
                        "SKP_HASIL_KERJA",
                        leader.kunci,
                    )
                )
            yield BarisCascading(
                leader.kunci,
                leader.nip,
                leader.nama,
                item.sel,
                item.teks,
                Arah.KE_BAWAH,
                status,
                note,
            )


def capaian_unit(
    values: Mapping[str, str],
) -> tuple[str, list[tuple[str, str]]]:
    """The capaian organisasi of a unit from its workbooks' values (workbook -> value).

    Returns:
        The most common non-empty value ("" when none; ties go to the first in
        alphabetical order of the workbook), and the workbooks that disagree with it.
    """
    counts: dict[str, int] = defaultdict(int)
    for value in values.values():
        if value:
            counts[value] += 1
    if not counts:
        return "", []
    top = max(counts.values())
    chosen = next(v for _, v in sorted(values.items()) if v and counts[v] == top)
    return chosen, sorted((k, v) for k, v in values.items() if v and v != chosen)
