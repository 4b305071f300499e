"""The rules of the PermenPANRB 8/2021 forms (SKP archives of 2021-2022), pure.

An 8/2021 workbook is read into the same :class:`~skp_xl.domain.records.SkpRecord` as a
6/2022 one where the concepts match (the people, the rencana kinerja as rencana hasil
kerja, IKI, aspek, perspektif, targets); what only 8/2021 has (Model Pengembangan's
kategori penilaian and sumber data, the Reviu, the Verifikasi Angka Kredit, a JPT's
Manual Indikator Kinerja) is a
:class:`Rencana2021` beside it. 8/2021 plans carry no rating, quadrant or predikat:
:func:`check_record_2021` runs the 6/2022 identity and plan checks that apply to the
same columns, the year range of its time, and its own checks; it skips the evaluation
and Dokumen Evaluasi checks and says so in one ``regulasi-2021`` finding.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from skp_xl.domain.checks import check_identitas, check_rencana
from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.records import Sel, SkpRecord
from skp_xl.domain.vocabulary import JenisJabatan

REGULASI_2021 = "8/2021"
"""The regulation, as ``_meta`` (``SKP_REGULASI``) and the consolidation write it."""
REGULASI_2022 = "6/2022"
"""The regulation of every other SKP workbook."""
TAHUN_2021 = (2021, 2022)
"""Years an 8/2021 SKP is for: from 2021 until 6/2022 replaced it."""

KATEGORI_LEVEL = ("Sangat Baik", "Baik", "Cukup", "Kurang", "Sangat Kurang")
"""The five kategori penilaian, read from the top down (seed 000, Tahap 6)."""
KATEGORI_POLA = (
    frozenset({"Sangat Kurang", "Baik"}),
    frozenset({"Sangat Kurang", "Baik", "Sangat Baik"}),
    frozenset({"Sangat Kurang", "Cukup", "Baik", "Sangat Baik"}),
    frozenset(KATEGORI_LEVEL),
)
"""The levels the 2-, 3-, 4- and 5-level kategori penilaian use (seed 000's table)."""
POLA_KODE = tuple(sorted(sum(2 ** KATEGORI_LEVEL.index(k) for k in pola) for pola in KATEGORI_POLA))
"""Each pattern as a number, one bit per level (Sangat Baik the lowest), for the formula."""
TIDAK_SESUAI = "Tidak sesuai pola"
"""What the level of a kategori penilaian that fits no pattern reads."""


def level_kategori(values: Sequence[object]) -> str:
    """How many levels the kategori cells of one rencana kinerja use: ``"3 level"``;
    :data:`TIDAK_SESUAI` when they fit none of :data:`KATEGORI_POLA` or name one level
    twice; "" when none is filled.

    The same answer as the workbook's formula (``workbook/blocks/level.py``): a level
    matches a whole cell without regard to case (as COUNTIF does), and a cell holding
    anything else counts as filled but names no level.
    """
    filled = [v for v in values if v is not None and str(v) != ""]
    if not filled:
        return ""
    names = {str(v).lower() for v in filled if isinstance(v, str)}
    present = frozenset(k for k in KATEGORI_LEVEL if k.lower() in names)
    if len(filled) == len(present) and present in KATEGORI_POLA:
        return f"{len(present)} level"
    return TIDAK_SESUAI


@dataclass(frozen=True, slots=True)
class ManualIki2021:
    """One indikator kinerja on the Manual IK 2021 sheet (JPT): the indicator as the
    sheet copies it from the SKP, and what the JPT writes about it."""

    iki: Sel
    definisi: Sel
    formula: Sel
    tujuan: Sel

    def kosong(self) -> tuple[tuple[str, Sel], ...]:
        """(name, cell) of the definisi, formula and tujuan left empty, in sheet order."""
        named = (("definisi", self.definisi), ("formula", self.formula), ("tujuan", self.tujuan))
        return tuple((name, sel) for name, sel in named if sel.kosong)


@dataclass(frozen=True, slots=True)
class Rencana2021:
    """What only an 8/2021 form says about one rencana kinerja (one block).

    Attributes:
        indeks: The block, as :attr:`~skp_xl.domain.records.HasilKerja.indeks`.
        kategori: The kategori cells of the block, top down (Model Pengembangan JA/JF).
        standar: The standar beside each kategori.
        level_tersimpan: The workbook's computed level (cached formula result).
        sumber_data: Sumber data untuk pemantauan dan pengukuran (Model Pengembangan
            JA/JF), else None.
        reviu_jenis: The Reviu's jenis kinerja utama (JPT) or jenis penyelarasan (JA/JF).
        reviu_catatan: The Reviu's catatan perbaikan.
        deskripsi: The Manual IK 2021's deskripsi rencana kinerja (JPT); None when the
            workbook has no such sheet (JA/JF, or a JPT workbook older than it).
        manual: The Manual IK 2021's rows of the block, one per IKI row of the SKP.
    """

    indeks: int
    kategori: tuple[Sel, ...] = ()
    standar: tuple[Sel, ...] = ()
    level_tersimpan: Sel | None = None
    sumber_data: Sel | None = None
    reviu_jenis: Sel | None = None
    reviu_catatan: Sel | None = None
    deskripsi: Sel | None = None
    manual: tuple[ManualIki2021, ...] = ()


@dataclass(frozen=True, slots=True)
class VerifikasiAk:
    """One rencana kinerja utama on the Format Verifikasi Keterkaitan SKP dengan Angka
    Kredit JF: its butir kegiatan rows and the Tim Penilai's verdict."""

    indeks: int
    rencana: Sel
    butir: tuple[Sel, ...]
    output: tuple[Sel, ...]
    angka_kredit: tuple[Sel, ...]
    verifikasi: Sel
    rekomendasi: Sel


@dataclass(frozen=True, slots=True)
class Lampiran2021:
    """The 8/2021 part of a record (:attr:`~skp_xl.domain.records.SkpRecord.lampiran_2021`).

    Attributes:
        model: "Dasar" or "Pengembangan".
        regulasi: ``_meta``'s ``SKP_REGULASI``.
        rencana: Per block of the SKP table, in its order.
        verifikasi: The Verifikasi AK's rows (JF); empty when it has none.
        pilihan_reviu: The Reviu's list of jenis (its closed list).
        pilihan_verifikasi: The Verifikasi AK's verdicts.
        nip_penanda_tangan: (who, NIP cell) of the Pengelola Kinerja and the Tim Penilai
            Angka Kredit, typed on Identitas.
    """

    model: str
    regulasi: Sel
    rencana: tuple[Rencana2021, ...]
    verifikasi: tuple[VerifikasiAk, ...] = ()
    pilihan_reviu: tuple[str, ...] = ()
    pilihan_verifikasi: tuple[str, ...] = ("Terkait", "Tidak Terkait")
    nip_penanda_tangan: tuple[tuple[str, Sel], ...] = ()

    @property
    def pengembangan(self) -> bool:
        """Model Pengembangan."""
        return self.model.lower() == "pengembangan"


def _at(sel: Sel, code: str, severity: Severity, message: str, path: str) -> Finding:
    return Finding(code, severity, message, sel.sheet or None, sel.cell or None, None, path)


def _where(sel: Sel) -> str:
    return f"{sel.sheet}!{sel.cell}" if sel.sheet and sel.cell else "SKP 2021"


def _span(cells: Sequence[Sel]) -> Sel:
    """The first cell, its address widened to the range of ``cells``."""
    first, last = cells[0], cells[-1]
    cell = first.cell if first.cell == last.cell else f"{first.cell}:{last.cell}"
    return Sel(first.value, first.sheet, cell)


def _pilihan(sel: Sel | None, allowed: tuple[str, ...], what: str, path: str) -> list[Finding]:
    if sel is None or sel.kosong or not allowed:
        return []
    if sel.teks.lower() in {a.lower() for a in allowed}:
        return []
    return [
        _at(
            sel,
            Code.PILIHAN_2021_TIDAK_DIKENAL,
            Severity.WARNING,
            f"{what} di {_where(sel)} berisi '{sel.teks}'; pilih dari daftar: "
            + " / ".join(allowed)
            + ".",
            path,
        )
    ]


def _kategori(rencana: Rencana2021, path: str) -> list[Finding]:
    if not rencana.kategori:
        return []
    where = _span(rencana.kategori)
    level = level_kategori([k.value for k in rencana.kategori])
    if level == "":
        return [
            _at(
                where,
                Code.KATEGORI_2021_KOSONG,
                Severity.WARNING,
                f"Kategori penilaian di {_where(where)} belum diisi; tulis 2 sampai 5 level "
                "dari atas ke bawah (mis. Baik dan Sangat Kurang) dengan standarnya.",
                path,
            )
        ]
    if level == TIDAK_SESUAI:
        used = ", ".join(k.teks for k in rencana.kategori if not k.kosong)
        return [
            _at(
                where,
                Code.KATEGORI_2021_TIDAK_SESUAI,
                Severity.WARNING,
                f"Kategori penilaian di {_where(where)} ({used}) tidak sesuai pola: 2 level "
                "Baik, Sangat Kurang; 3 level + Sangat Baik; 4 level + Cukup; 5 level + "
                "Kurang, masing-masing sekali.",
                path,
            )
        ]
    return []


def _verifikasi(row: VerifikasiAk, allowed: tuple[str, ...], path: str) -> list[Finding]:
    findings = _pilihan(row.verifikasi, allowed, "Verifikasi tim penilai angka kredit", path)
    for sel in row.angka_kredit:
        if sel.kosong:
            continue
        value = sel.value
        if isinstance(value, str):
            try:
                value = float(value.strip().replace(",", "."))
            except ValueError:
                value = None
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            findings.append(
                _at(
                    sel,
                    Code.ANGKA_KREDIT_BUKAN_ANGKA,
                    Severity.ERROR,
                    f"Angka kredit di {_where(sel)} berisi '{sel.teks}'; tulis angka 0 atau "
                    "lebih, mis. 0,5.",
                    path,
                )
            )
    tidak = row.verifikasi.teks.lower() == "tidak terkait"
    if tidak and row.rekomendasi.kosong:
        findings.append(
            _at(
                row.rekomendasi,
                Code.VERIFIKASI_AK_TANPA_REKOMENDASI,
                Severity.WARNING,
                f"Rencana kinerja di {_where(row.rencana)} 'Tidak Terkait' dengan butir "
                f"kegiatan, tetapi rekomendasi di {_where(row.rekomendasi)} kosong; tulis "
                "perbaikannya (tambah rencana kinerja sesuai butir kegiatan, atau pindahkan "
                "ke kinerja tambahan).",
                path,
            )
        )
    return findings


def _manual(rencana: Rencana2021, iki: Sequence[Sel], path: str) -> list[Finding]:
    """The Manual IK 2021 of one filled rencana kinerja: its deskripsi, and the
    definisi, formula and tujuan of each indikator the SKP fills (``iki``)."""
    findings = []
    if rencana.deskripsi is not None and rencana.deskripsi.kosong:
        findings.append(
            _at(
                rencana.deskripsi,
                Code.DESKRIPSI_RENCANA_2021_KOSONG,
                Severity.WARNING,
                f"Deskripsi rencana kinerja di {_where(rencana.deskripsi)} belum diisi; "
                "jelaskan apa yang ingin dicapai rencana kinerja ini.",
                path,
            )
        )
    for skp, row in zip(iki, rencana.manual, strict=False):
        empty = row.kosong()
        if skp.kosong or not empty:
            continue
        cells = ", ".join(f"{name} ({sel.cell})" for name, sel in empty)
        findings.append(
            _at(
                empty[0][1],
                Code.MANUAL_IK_2021_KOSONG,
                Severity.WARNING,
                f"Indikator '{skp.teks}' ({_where(skp)}) belum lengkap di sheet "
                f"{empty[0][1].sheet}: {cells} kosong; tulis definisi indikator, formula "
                "mengukurnya, dan tujuannya.",
                path,
            )
        )
    return findings


def check_record_2021(record: SkpRecord, *, today: datetime.date | None = None) -> list[Finding]:
    """Every check of an 8/2021 workbook's record (see the module docstring).

    Applies: identity and NIPs; the year within :data:`TAHUN_2021`; the plan checks of
    6/2022 on the same columns (a kinerja utama, rencana kinerja, IKI, aspek, target;
    the four perspektif only in JPT Model Pengembangan, the only 8/2021 form that groups
    by them); Model Pengembangan's kategori and sumber data; the Reviu's and Verifikasi
    AK's choices; a JPT's Manual IK 2021 (the deskripsi, and the definisi, formula and
    tujuan of every filled IKI). Skipped: ratings, predikat, capaian organisasi, Dokumen
    Evaluasi.
    """
    lampiran = record.lampiran_2021
    path = record.path
    findings = check_identitas(record, today=today, tahun_rentang=TAHUN_2021)
    # No block at all: the table was not found, which the reader already reported.
    plan = check_rencana(record) if record.hasil_kerja else []
    jpt_pengembangan = (
        record.jenis_jabatan is JenisJabatan.JPT and lampiran is not None and lampiran.pengembangan
    )
    if not jpt_pengembangan:
        plan = [f for f in plan if f.code != Code.PERSPEKTIF_TIDAK_LENGKAP]
    findings += plan
    findings.append(
        Finding(
            Code.REGULASI_2021,
            Severity.INFO,
            f"SKP tahun {record.tahun.teks or '(kosong)'} berformat PermenPANRB 8/2021: "
            "rencana kinerja tanpa rating dan predikat; pemeriksaan evaluasi dan predikat "
            "PermenPANRB 6/2022 tidak berlaku, dan SKP ini tidak dihitung dalam distribusi "
            "predikat.",
            record.tahun.sheet or None,
            record.tahun.cell or None,
            "SKP_TAHUN",
            path,
        )
    )
    if lampiran is None:
        return findings
    filled = {h.indeks for h in record.hasil_kerja_terisi}
    for rencana in lampiran.rencana:
        if rencana.indeks not in filled:
            continue
        findings += _kategori(rencana, path)
        if rencana.sumber_data is not None and rencana.sumber_data.kosong and lampiran.pengembangan:
            findings.append(
                _at(
                    rencana.sumber_data,
                    Code.SUMBER_DATA_KOSONG,
                    Severity.WARNING,
                    f"Sumber data untuk pemantauan dan pengukuran di "
                    f"{_where(rencana.sumber_data)} belum diisi; tulis data apa yang "
                    "dikumpulkan, dari mana, dan kapan.",
                    path,
                )
            )
        findings += _pilihan(rencana.reviu_jenis, lampiran.pilihan_reviu, "Reviu", path)
        hasil = next(h for h in record.hasil_kerja if h.indeks == rencana.indeks)
        findings += _manual(rencana, [i.teks for i in hasil.iki], path)
    for row in lampiran.verifikasi:
        findings += _verifikasi(row, lampiran.pilihan_verifikasi, path)
    for who, nip in lampiran.nip_penanda_tangan:
        if nip.kosong:
            continue  # signed by hand on paper: the name and NIP are optional here
        try:
            parse_nip(nip.value, today=today)
        except InvalidValueError as error:
            findings.append(
                _at(
                    nip,
                    error.code,
                    Severity.ERROR,
                    f"NIP {who} ({_where(nip)}): {error.message}",
                    path,
                )
            )
    return findings
