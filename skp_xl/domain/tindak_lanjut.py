"""Tindak lanjut across years: who the regulation's consequences of predikat apply to.

PermenPANRB 6/2022 (seed 002, Bagian 4; docs/rules.md, "Tindak lanjut"): Sangat Baik two
years in a row puts a pegawai first for the talent pool, Baik two years in a row first for
competency development; a JPT rated Butuh Perbaikan, Kurang/Misconduct or Sangat Kurang,
and a JA or JF rated Kurang/Misconduct or Sangat Kurang, gets six months to improve. The
rules here take annual predikat already read (:class:`PenilaianTahunan`, one per source and
year) and return the list and the findings; reading the sources is the reader's.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Final

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.rekap import jenjang_jf
from skp_xl.domain.vocabulary import JenisJabatan, Predikat, normalize_jenis_jabatan

__all__ = [
    "JUDUL_ATURAN",
    "Aturan",
    "HasilTindakLanjut",
    "PenilaianTahunan",
    "TindakLanjut",
    "jenis_jabatan_dari",
    "tindak_lanjut",
]


class Aturan(StrEnum):
    """The four tindak lanjut, as ``--json`` names them."""

    TALENTA_PRIORITAS = "talenta-prioritas"
    PENGEMBANGAN_KOMPETENSI = "pengembangan-kompetensi"
    PERBAIKAN_JPT = "perbaikan-jpt"
    PERBAIKAN_ENAM_BULAN = "perbaikan-enam-bulan"


JUDUL_ATURAN: Final[Mapping[Aturan, str]] = {
    Aturan.TALENTA_PRIORITAS: "Prioritas kelompok rencana suksesi (talent pool): predikat "
    "Sangat Baik dua tahun berturut-turut",
    Aturan.PENGEMBANGAN_KOMPETENSI: "Prioritas pengembangan kompetensi: predikat Baik dua "
    "tahun berturut-turut",
    Aturan.PERBAIKAN_JPT: "JPT dengan predikat Butuh Perbaikan, Kurang/Misconduct atau Sangat "
    "Kurang: enam bulan untuk memperbaiki kinerja, bila tidak membaik uji kompetensi kembali",
    Aturan.PERBAIKAN_ENAM_BULAN: "JA/JF dengan predikat Kurang/Misconduct atau Sangat Kurang: "
    "enam bulan untuk memperbaiki kinerja, bila tidak membaik uji kompetensi kembali",
}
"""What each rule means, in the words the output prints."""

_BERTURUT: Final = {
    Predikat.SANGAT_BAIK.value: Aturan.TALENTA_PRIORITAS,
    Predikat.BAIK.value: Aturan.PENGEMBANGAN_KOMPETENSI,
}
_PERBAIKAN_JPT: Final = frozenset(
    p.value for p in (Predikat.BUTUH_PERBAIKAN, Predikat.KURANG, Predikat.SANGAT_KURANG)
)
_PERBAIKAN_JA_JF: Final = frozenset(p.value for p in (Predikat.KURANG, Predikat.SANGAT_KURANG))


_JENIS_SIASN: Final = {
    "fungsional tertentu": JenisJabatan.JF,
    "fungsional umum": JenisJabatan.JA,
}
"""SIASN's older names of jenis jabatan: the fungsional umum are today's pelaksana (JA).
SIASN's "Struktural" is a JPT or a JA, so it tells neither."""


def jenis_jabatan_dari(jenis: str, jabatan: str = "") -> str:
    """The canonical jenis jabatan from a jenis column (any spelling SIASN and e-Kinerja
    use), else JF when the jabatan's name ends in a JF jenjang; "" when neither tells.

    A jabatan's name alone does not tell a JPT from a JA ("Kepala Pusat ..." is either), so
    no more is guessed from it.
    """
    if jenis.strip():
        named = _JENIS_SIASN.get(" ".join(jenis.casefold().split()).removeprefix("jabatan "))
        if named is not None:
            return named.value
        try:
            return normalize_jenis_jabatan(jenis).value
        except InvalidValueError:
            pass
    if jabatan and jenjang_jf(jabatan) is not None:
        return JenisJabatan.JF.value
    return ""


@dataclass(frozen=True, slots=True)
class PenilaianTahunan:
    """One source's annual predikat of one pegawai for one year, as read.

    Attributes:
        nip: The 18-digit NIP.
        tahun: The year rated.
        predikat: The canonical predikat kinerja (the Akhir period's).
        nama: The name, as the source writes it.
        jenis_jabatan: ``JPT``, ``JA``, ``JF``, or "" when the source does not tell.
        jenis_teks: The jenis jabatan as read (for a message), "" when absent.
        jabatan: The jabatan's name.
        unit: The unit kerja.
        berkas: The file it was read from.
        sheet: Where its predikat is: the sheet (or a JSON file's name).
        cell: The cell (``H7``, or ``[3].kuadranKinerja`` for a JSON record).
        sumber: What the source is, as messages name it ("ringkasan skp-xl", an export's kind).
        prioritas: Which source counts when two give one year (lower wins): the summary of
            the agency's own workbooks, then e-Kinerja, then SIASN.
        akhir: Where the SKP ends (``periode_akhir_skp``) when the source says: within one
            source, the latest SKP of the year counts (mutasi, rules.md section 7).
    """

    nip: str
    tahun: int
    predikat: str
    nama: str = ""
    jenis_jabatan: str = ""
    jenis_teks: str = ""
    jabatan: str = ""
    unit: str = ""
    berkas: str = ""
    sheet: str | None = None
    cell: str | None = None
    sumber: str = ""
    prioritas: int = 0
    akhir: str = ""

    @property
    def tempat(self) -> str:
        """Where it was read, as a message names it: ``'a.xlsx' Pegawai!H7``."""
        cell = self.cell or ""
        # A JSON record's place ("[3].nip") is in the file itself, not on a sheet.
        where = f"{self.sheet}!{cell}" if self.sheet and cell and cell[0] != "[" else cell
        return f"'{self.berkas}' {where}".strip() if self.berkas else where


@dataclass(frozen=True, slots=True)
class TindakLanjut:
    """One pegawai a rule applies to, with the years and predikat behind it.

    Attributes:
        nip, nama: Who.
        aturan: Which rule.
        tahun: The years the rule looked at, oldest first.
        predikat: The predikat of those years, in the same order.
        jenis_jabatan: The jenis jabatan of the latest year ("" when unknown).
        jabatan, unit: Of the latest year.
        sumber: Where the latest year's predikat was read (file and cell).
    """

    nip: str
    nama: str
    aturan: Aturan
    tahun: tuple[int, ...]
    predikat: tuple[str, ...]
    jenis_jabatan: str = ""
    jabatan: str = ""
    unit: str = ""
    sumber: str = ""

    def to_dict(self) -> dict[str, object]:
        """The ``--json`` record: ``nip``, ``nama``, ``aturan``, ``tahun``, ``predikat``."""
        return {
            "nip": self.nip,
            "nama": self.nama,
            "aturan": self.aturan.value,
            "tahun": list(self.tahun),
            "predikat": list(self.predikat),
        }


@dataclass(frozen=True, slots=True)
class HasilTindakLanjut:
    """What the rules found for one year.

    Attributes:
        tahun: The year judged (None when the input holds no annual predikat at all).
        tahun_masukan: Every year the input holds, oldest first.
        daftar: The pegawai each rule applies to, by rule then NIP.
        temuan: Findings about the input (gaps, disagreeing sources, changes of unit or
            jabatan, unknown jenis jabatan), each at its file and cell.
        dipakai: The annual predikat that counted, per (NIP, year).
    """

    tahun: int | None
    tahun_masukan: tuple[int, ...]
    daftar: tuple[TindakLanjut, ...]
    temuan: tuple[Finding, ...]
    dipakai: Mapping[tuple[str, int], PenilaianTahunan] = field(default_factory=dict)

    def per_aturan(self, aturan: Aturan) -> list[TindakLanjut]:
        """The pegawai one rule applies to."""
        return [t for t in self.daftar if t.aturan is aturan]

    def to_dict(self) -> dict[str, object]:
        """``{"tahun": Y, "tindak_lanjut": [{"nip", "nama", "aturan", "tahun", "predikat"}]}``."""
        return {"tahun": self.tahun, "tindak_lanjut": [t.to_dict() for t in self.daftar]}


def _finding(
    code: Code, severity: Severity, message: str, at: PenilaianTahunan, field_: str = "predikat"
) -> Finding:
    return Finding(code, severity, message, at.sheet, at.cell, field_, at.berkas or None)


def _pilih(
    items: Sequence[PenilaianTahunan],
) -> tuple[PenilaianTahunan, list[Finding]]:
    """The predikat that counts for one pegawai and year, and a finding for each other
    source that disagrees with it."""
    # Within one source and end date, the later row wins.
    ordered = [
        p
        for _, p in sorted(
            enumerate(items), key=lambda e: (e[1].prioritas, _turun(e[1].akhir), -e[0])
        )
    ]
    chosen = ordered[0]
    findings = []
    for other in ordered[1:]:
        if other.predikat == chosen.predikat:
            continue
        why = (
            "SKP yang berakhir paling akhir dalam tahun itu (mutasi)"
            if other.prioritas == chosen.prioritas
            else f"sumber yang lebih utama ({chosen.sumber})"
        )
        findings.append(
            _finding(
                Code.TINDAK_LANJUT_SUMBER_BERBEDA,
                Severity.WARNING,
                f"NIP {chosen.nip} tahun {chosen.tahun}: predikat '{other.predikat}' di "
                f"{other.tempat} berbeda dengan '{chosen.predikat}' di {chosen.tempat}; yang "
                f"dipakai '{chosen.predikat}' ({why}). Periksa mana yang benar lalu perbaiki "
                "sumber yang salah.",
                other,
            )
        )
    return chosen, findings


def _turun(text: str) -> tuple[int, ...]:
    # Later dates first (ISO dates compare as text; empty sorts last).
    return (*(-ord(c) for c in text), 1) if text else (2,)


def _jenjang(p: PenilaianTahunan) -> str:
    found = jenjang_jf(p.jabatan) if p.jabatan else None
    return found.value if found else ""


def tindak_lanjut(
    penilaian: Iterable[PenilaianTahunan], *, tahun: int | None = None
) -> HasilTindakLanjut:
    """Apply the four tindak lanjut rules to the year ``tahun``.

    Two years in a row means the year judged and the year before, both with an annual
    predikat: a missing year is a gap (a finding at the pegawai's predikat), never bridged.
    When two sources give one pegawai one year, the summary of the agency's own workbooks
    counts, then e-Kinerja, then SIASN; within one source the SKP ending last (mutasi).

    Args:
        penilaian: Annual predikat as read, any number per pegawai and year.
        tahun: The year judged; None for the latest year in ``penilaian``.

    Returns:
        The list per rule, the findings, and the predikat that counted.
    """
    groups: dict[tuple[str, int], list[PenilaianTahunan]] = defaultdict(list)
    for item in penilaian:
        groups[item.nip, item.tahun].append(item)
    findings: list[Finding] = []
    chosen: dict[tuple[str, int], PenilaianTahunan] = {}
    for key in sorted(groups):
        chosen[key], disagree = _pilih(groups[key])
        findings += disagree
    years = tuple(sorted({y for _, y in chosen}))
    if not years:
        return HasilTindakLanjut(tahun, years, (), tuple(findings), chosen)
    target = years[-1] if tahun is None else tahun
    previous = target - 1
    if previous not in years:
        findings.append(
            Finding(
                Code.TINDAK_LANJUT_SATU_TAHUN,
                Severity.WARNING,
                f"Masukan tidak memuat penilaian tahun {previous} (tahun yang ada: "
                f"{', '.join(map(str, years))}), jadi aturan 'dua tahun berturut-turut' "
                f"(Sangat Baik, Baik) tidak dapat diterapkan untuk {target}. Sertakan "
                f"ringkasan atau ekspor tahun {previous}.",
                field="tahun",
            )
        )
    by_nip: dict[str, dict[int, PenilaianTahunan]] = defaultdict(dict)
    for (nip, year), item in chosen.items():
        by_nip[nip][year] = item
    daftar: list[TindakLanjut] = []
    for nip in sorted(by_nip):
        own = by_nip[nip]
        findings += _perubahan(own, target)
        findings += _celah(own, years, target)
        now = own.get(target)
        if now is None:
            continue
        before = own.get(previous)
        rule = _BERTURUT.get(now.predikat)
        if rule is not None and before is not None and before.predikat == now.predikat:
            daftar.append(_hasil(rule, (before, now)))
        if now.predikat in _PERBAIKAN_JPT:
            if now.jenis_jabatan == JenisJabatan.JPT.value:
                daftar.append(_hasil(Aturan.PERBAIKAN_JPT, (now,)))
            elif now.jenis_jabatan in (JenisJabatan.JA.value, JenisJabatan.JF.value):
                if now.predikat in _PERBAIKAN_JA_JF:
                    daftar.append(_hasil(Aturan.PERBAIKAN_ENAM_BULAN, (now,)))
            else:
                findings.append(
                    _finding(
                        Code.TINDAK_LANJUT_JENIS_TIDAK_DIKENAL,
                        Severity.WARNING,
                        f"NIP {nip} ({now.nama or '-'}) berpredikat {now.predikat} pada "
                        f"{target}, tetapi jenis jabatannya "
                        f"{repr(now.jenis_teks) if now.jenis_teks else 'tidak tertulis'} di "
                        f"{now.tempat}: tidak diketahui apakah JPT atau JA/JF, jadi aturan "
                        "perbaikan tidak diterapkan. Isi jenis jabatan (JPT, JA atau JF) di "
                        "sumbernya.",
                        now,
                        "jenis_jabatan",
                    )
                )
    order = list(Aturan)
    daftar.sort(key=lambda t: (order.index(t.aturan), t.nip))
    return HasilTindakLanjut(target, years, tuple(daftar), tuple(findings), chosen)


def _hasil(aturan: Aturan, basis: Sequence[PenilaianTahunan]) -> TindakLanjut:
    last = basis[-1]
    return TindakLanjut(
        last.nip,
        last.nama or next((b.nama for b in basis if b.nama), ""),
        aturan,
        tuple(b.tahun for b in basis),
        tuple(b.predikat for b in basis),
        last.jenis_jabatan,
        last.jabatan,
        last.unit,
        last.tempat,
    )


def _celah(own: Mapping[int, PenilaianTahunan], years: Sequence[int], target: int) -> list[Finding]:
    """A finding for each year the input covers, up to ``target``, with no predikat of
    this pegawai after their first (and for the year before ``target`` when only
    ``target`` is rated): each breaks "two years in a row"."""
    first = min(own)
    missing = [y for y in years if first <= y <= target and y not in own]
    if target in own and target - 1 in years and target - 1 not in own:
        missing = sorted({*missing, target - 1})
    findings = []
    for year in missing:
        # Point at the pegawai's latest predikat up to the year judged (there is one: a
        # missing year lies after their first).
        near = own[max(y for y in own if y <= target)]
        findings.append(
            _finding(
                Code.TINDAK_LANJUT_TAHUN_HILANG,
                Severity.WARNING,
                f"NIP {near.nip} ({near.nama or '-'}) tidak punya predikat tahunan {year} di "
                f"masukan, padahal dinilai pada {', '.join(map(str, sorted(own)))}: celah ini "
                "memutus 'dua tahun berturut-turut'. Sertakan penilaian tahun itu bila ada "
                "(mis. ekspor SIASN), atau biarkan bila pegawai memang belum/tidak dinilai.",
                near,
            )
        )
    return findings


def _perubahan(own: Mapping[int, PenilaianTahunan], target: int) -> list[Finding]:
    """Findings where a NIP's unit, jenis jabatan or jenjang differs from one rated year
    to the next (up to ``target``)."""
    findings = []
    years = sorted(y for y in own if y <= target)
    for a, b in itertools.pairwise(years):
        old, new = own[a], own[b]
        if old.unit and new.unit and old.unit.casefold() != new.unit.casefold():
            findings.append(
                _finding(
                    Code.TINDAK_LANJUT_UNIT_BERUBAH,
                    Severity.INFO,
                    f"NIP {new.nip} ({new.nama or '-'}) pindah unit: {a} '{old.unit}', {b} "
                    f"'{new.unit}' ({new.tempat}). Aturan tindak lanjut mengikuti NIP.",
                    new,
                    "unit_kerja",
                )
            )
        if _berbeda(old.jenis_jabatan, new.jenis_jabatan) or _berbeda(_jenjang(old), _jenjang(new)):
            findings.append(
                _finding(
                    Code.TINDAK_LANJUT_JABATAN_BERUBAH,
                    Severity.WARNING,
                    f"NIP {new.nip} ({new.nama or '-'}) berganti jabatan: {a} "
                    f"{_label(old)}, {b} {_label(new)} ({new.tempat}). Aturan perbaikan "
                    f"mengikuti jenis jabatan tahun {b}; periksa bila perpindahan itu "
                    "memengaruhi tindak lanjutnya.",
                    new,
                    "jabatan",
                )
            )
    return findings


def _berbeda(old: str, new: str) -> bool:
    # Only two known values can differ: a source that does not say is no change.
    return bool(old and new and old != new)


def _label(p: PenilaianTahunan) -> str:
    jenjang = _jenjang(p)
    text = p.jenis_jabatan or "jenis tidak diketahui"
    return f"{text} {jenjang}" if jenjang else text
