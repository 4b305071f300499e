"""One pegawai's evaluation from its raw entries: NIP, ratings, predikat, angka kredit.

This is the rule chain every reader shares (a CSV row today, a workbook's evaluation
sheet later): check each entry, keep the canonical value, and turn every problem into a
finding placed at the entry's cell.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from skp_xl.domain.angka_kredit import angka_kredit, normalize_jenjang
from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.quadrant import predikat
from skp_xl.domain.vocabulary import RATING, Predikat, Rating


@dataclass(frozen=True, slots=True)
class Entri:
    """The raw entries for one pegawai, as read (any type, possibly empty).

    Attributes:
        nama: Nama pegawai.
        nip: NIP, as read.
        rating_hasil_kerja: Rating hasil kerja, as read.
        rating_perilaku: Rating perilaku kerja, as read.
        jenjang: Jenjang jabatan fungsional, for angka kredit; empty when not JF.
        bulan: Months in the period, for angka kredit (12 when empty).
        sel: Where each entry was read, by field name (``"nip"`` -> ``"B3"``).
    """

    nama: object
    nip: object
    rating_hasil_kerja: object
    rating_perilaku: object
    jenjang: object = None
    bulan: object = None
    sel: Mapping[str, str] | None = None


@dataclass(frozen=True, slots=True)
class Penilaian:
    """The canonical result for one pegawai; ``None`` where an entry could not be used.

    Attributes:
        nama: Nama pegawai (trimmed).
        nip: The 18-digit NIP, or None when invalid.
        rating_hasil_kerja: Canonical rating, or None.
        rating_perilaku: Canonical rating, or None.
        predikat: The quadrant's predikat, or None when a rating is missing or unknown.
        angka_kredit: Angka kredit for a JF with a known jenjang, else None.
        bulan: Months counted for the angka kredit.
    """

    nama: str
    nip: str | None
    rating_hasil_kerja: Rating | None
    rating_perilaku: Rating | None
    predikat: Predikat | None
    angka_kredit: float | None
    bulan: int


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def nilai_pegawai(
    entri: Entri, *, sheet: str | None = None, today: datetime.date | None = None
) -> tuple[Penilaian, tuple[Finding, ...]]:
    """Check one pegawai's entries and compute what follows from them.

    Args:
        entri: The raw entries and where each was read.
        sheet: Sheet (or file) name to put on the findings.
        today: Reference date for the NIP's "not in the future" checks.

    Returns:
        The canonical result and the findings: errors for entries that cannot be used,
        warnings for label variants (with the canonical value to write instead).
    """
    cells = entri.sel or {}
    findings: list[Finding] = []

    def place(error: InvalidValueError, field: str, severity: Severity = Severity.ERROR) -> None:
        findings.append(
            Finding.from_error(
                error, severity=severity, sheet=sheet, cell=cells.get(field), field=field
            )
        )

    nama = "" if _empty(entri.nama) else str(entri.nama).strip()
    if not nama:
        place(InvalidValueError(Code.NAMA_KOSONG, "Nama pegawai belum diisi."), "nama")

    nip: str | None = None
    try:
        nip = parse_nip(entri.nip, today=today).nip
    except InvalidValueError as error:
        place(error, "nip")

    ratings: dict[str, Rating | None] = {}
    for field, value in (
        ("rating_hasil_kerja", entri.rating_hasil_kerja),
        ("rating_perilaku", entri.rating_perilaku),
    ):
        try:
            ratings[field] = RATING.normalize(value)
        except InvalidValueError as error:
            ratings[field] = None
            place(error, field)
            continue
        if isinstance(value, str) and not RATING.is_canonical(value):
            place(
                InvalidValueError(
                    Code.LABEL_VARIAN,
                    f"'{value.strip()}' dibaca sebagai '{ratings[field]}'; tulis nilai baku "
                    f"'{ratings[field]}'.",
                    value,
                ),
                field,
                Severity.WARNING,
            )
    hasil, perilaku = ratings["rating_hasil_kerja"], ratings["rating_perilaku"]
    result_predikat = predikat(hasil, perilaku) if hasil and perilaku else None

    bulan = 12
    if not _empty(entri.bulan):
        try:
            bulan = int(str(entri.bulan).strip())
        except ValueError:
            bulan = 0
        if not 1 <= bulan <= 12:
            place(
                InvalidValueError(
                    Code.BULAN_TIDAK_VALID,
                    f"Jumlah bulan '{entri.bulan}' harus bilangan bulat 1 sampai 12.",
                    entri.bulan,
                ),
                "bulan",
            )
            bulan = 12

    ak: float | None = None
    if not _empty(entri.jenjang):
        try:
            jenjang = normalize_jenjang(entri.jenjang)
        except InvalidValueError as error:
            place(error, "jenjang")
        else:
            if result_predikat is not None:
                ak = angka_kredit(result_predikat.value, jenjang.value, bulan)

    return (
        Penilaian(nama, nip, hasil, perilaku, result_predikat, ak, bulan),
        tuple(findings),
    )
