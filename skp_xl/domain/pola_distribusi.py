"""Pola distribusi: the guideline for how predikat spread, given the capaian organisasi.

rules.md section 6 and research note 2. The only numbers are those of SE MenPANRB
Nomor 3 Tahun 2023, shipped as data (``data/pola_distribusi.json``) and replaceable by the
agency's own (:meth:`PolaDistribusi.from_dict`). The guideline is not a forced
distribution: the checker reports each rule with its figure and limit, and a deviation is
a warning, never a block.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from importlib import resources
from typing import Any

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.targets import format_angka
from skp_xl.domain.vocabulary import (
    CapaianOrganisasi,
    Predikat,
    normalize_capaian_organisasi,
    normalize_predikat,
)


class JenisAturan(StrEnum):
    """What a rule limits: a share, a head count, or which predikat is most common."""

    MINIMAL_PERSEN = "minimal_persen"
    MAKSIMAL_PERSEN = "maksimal_persen"
    MINIMAL_JUMLAH = "minimal_jumlah"
    MAKSIMAL_JUMLAH = "maksimal_jumlah"
    TERBANYAK = "terbanyak"


@dataclass(frozen=True, slots=True)
class Aturan:
    """One rule of the guideline.

    Attributes:
        jenis: The kind of limit.
        predikat: The predikat counted together ("Butuh Perbaikan dan/atau Kurang").
        batas: The limit: percent for ``*_persen``, head count for ``*_jumlah``; unused
            for ``terbanyak`` (the counted predikat must be the most common one).
        keterangan: The rule in Indonesian, as the agency would read it.
    """

    jenis: JenisAturan
    predikat: tuple[Predikat, ...]
    batas: Decimal
    keterangan: str

    @property
    def kode(self) -> Code:
        """Stable finding code: ``pola-distribusi-minimal-persen`` etc."""
        return Code("pola-distribusi-" + self.jenis.value.replace("_", "-"))


@dataclass(frozen=True, slots=True)
class HasilAturan:
    """A rule applied to one unit: the figure found and whether it is within the limit.

    Attributes:
        aturan: The rule.
        angka: The figure: percent (2 decimals) or head count; for ``terbanyak`` the
            percent of the counted predikat.
        terpenuhi: Whether the figure is within the limit.
        capaian: The capaian organisasi the rule belongs to.
    """

    aturan: Aturan
    angka: Decimal
    terpenuhi: bool
    capaian: CapaianOrganisasi

    @property
    def batas_teks(self) -> str:
        """The limit in words: "<= 70%", ">= 1 pegawai", "terbanyak"."""
        a = self.aturan
        if a.jenis is JenisAturan.TERBANYAK:
            return "terbanyak"
        sign = "≥" if a.jenis.value.startswith("minimal") else "≤"
        unit = "%" if a.jenis.value.endswith("persen") else " pegawai"
        return f"{sign} {format_angka(a.batas)}{unit}"

    def finding(self, *, unit_kerja: str | None = None) -> Finding:
        """The rule as a warning finding (or info when it is met)."""
        where = f" di {unit_kerja}" if unit_kerja else ""
        unit = " pegawai" if self.aturan.jenis.value.endswith("jumlah") else "%"
        state = "sesuai" if self.terpenuhi else "tidak sesuai"
        message = (
            f"Pola distribusi{where} {state} panduan untuk capaian organisasi "
            f"{self.capaian.value}: {self.aturan.keterangan} "
            f"Angka: {format_angka(self.angka)}{unit}; batas: {self.batas_teks}."
        )
        if not self.terpenuhi:
            message += (
                " Ini panduan, bukan keharusan: tinjau kembali rating bila perlu dan catat "
                "alasannya."
            )
        severity = Severity.INFO if self.terpenuhi else Severity.WARNING
        return Finding(self.aturan.kode, severity, message, field="POLA_DISTRIBUSI")


@dataclass(frozen=True, slots=True)
class PolaDistribusi:
    """The guideline: rules per capaian organisasi, and where they come from."""

    aturan: Mapping[CapaianOrganisasi, tuple[Aturan, ...]]
    sumber: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PolaDistribusi:
        """Build from the JSON shape of ``data/pola_distribusi.json``.

        Raises:
            InvalidValueError: An unknown capaian, predikat or rule kind, or a bad limit
                (code ``pola-distribusi-tidak-valid``).
        """
        try:
            rules: dict[CapaianOrganisasi, tuple[Aturan, ...]] = {}
            for capaian, items in data["aturan"].items():
                rules[normalize_capaian_organisasi(capaian)] = tuple(
                    Aturan(
                        JenisAturan(item["jenis"]),
                        tuple(normalize_predikat(p) for p in item["predikat"]),
                        Decimal(str(item.get("batas", 0))),
                        str(item.get("keterangan", "")),
                    )
                    for item in items
                )
            return cls(rules, str(data.get("sumber", "")))
        except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as error:
            raise InvalidValueError(
                "pola-distribusi-tidak-valid",
                f"Aturan pola distribusi tidak dapat dibaca ({error}); ikuti bentuk "
                "berkas bawaan pola_distribusi.json.",
            ) from error

    @classmethod
    def bawaan(cls) -> PolaDistribusi:
        """The shipped guideline of SE MenPANRB 3/2023."""
        text = resources.files("skp_xl.domain").joinpath("data/pola_distribusi.json")
        return cls.from_dict(json.loads(text.read_text(encoding="utf-8")))


def persen(part: int, total: int) -> Decimal:
    """``part`` as a percent of ``total``, rounded half up to 2 decimals."""
    return (Decimal(100) * part / total).quantize(Decimal("0.01"), ROUND_HALF_UP)


def periksa_pola_distribusi(
    capaian_organisasi: object,
    jumlah_per_predikat: Mapping[object, int],
    pola: PolaDistribusi | None = None,
) -> tuple[HasilAturan, ...]:
    """Apply the guideline of a capaian organisasi to a unit's count per predikat.

    Args:
        capaian_organisasi: The unit's capaian kinerja organisasi (variants accepted).
        jumlah_per_predikat: Head count per predikat (variants accepted; absent = 0).
        pola: The guideline; the shipped SE MenPANRB 3/2023 one when omitted.

    Returns:
        Every rule of that capaian with its figure and whether it is met; empty when no
        pegawai has a predikat (nothing to compare).

    Raises:
        InvalidValueError: Unknown capaian or predikat label, or a negative count.
    """
    pola = pola or PolaDistribusi.bawaan()
    capaian = normalize_capaian_organisasi(capaian_organisasi)
    counts = dict.fromkeys(Predikat, 0)
    for label, n in jumlah_per_predikat.items():
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise InvalidValueError(
                "jumlah-tidak-valid", f"Jumlah pegawai untuk '{label}' harus bilangan bulat ≥ 0."
            )
        counts[normalize_predikat(label)] += n
    total = sum(counts.values())
    if total == 0:
        return ()
    results = []
    for rule in pola.aturan.get(capaian, ()):
        n = sum(counts[p] for p in rule.predikat)
        share = persen(n, total)
        match rule.jenis:
            case JenisAturan.MINIMAL_PERSEN:
                results.append(HasilAturan(rule, share, share >= rule.batas, capaian))
            case JenisAturan.MAKSIMAL_PERSEN:
                results.append(HasilAturan(rule, share, share <= rule.batas, capaian))
            case JenisAturan.MINIMAL_JUMLAH:
                results.append(HasilAturan(rule, Decimal(n), n >= rule.batas, capaian))
            case JenisAturan.MAKSIMAL_JUMLAH:
                results.append(HasilAturan(rule, Decimal(n), n <= rule.batas, capaian))
            case JenisAturan.TERBANYAK:
                others = max(c for p, c in counts.items() if p not in rule.predikat)
                results.append(HasilAturan(rule, share, n >= others and n > 0, capaian))
    return tuple(results)
