"""A fictional roster of pegawai, from the sample organisation, with faulty rows on purpose.

What HR hands ``skp-xl roster``: one row per pegawai (NIP, name, jabatan, golongan, unit,
jenis jabatan, the pejabat penilai's NIP), plus a few rows of every fault the roster's
rules report (:data:`KESALAHAN`), each on a pegawai nobody else depends on, so each fault
refuses its own row only. Fictional people only; the same seed gives the same roster.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from skp_xl.domain.codes import Code
from skp_xl.fileio import atomic_output
from skp_xl.samples.organisation import build_organisasi

KOLOM = ("nip", "nama", "jabatan", "golru", "unit", "jenis_jabatan", "pendekatan", "nip_penilai")
"""The roster's header."""

KESALAHAN: Mapping[str, str] = {
    Code.ROSTER_NIP_TIDAK_VALID: "NIP 17 digit",
    Code.ROSTER_PANGKAT_TIDAK_DIKENAL: "golongan 'III/z'",
    Code.ROSTER_NIP_GANDA: "satu NIP di dua baris (keduanya ditolak)",
    Code.ROSTER_PENILAI_TIDAK_ADA: "nip_penilai yang tidak ada di roster",
    Code.ROSTER_PENILAI_SIKLUS: "dua pegawai saling menilai",
    Code.ROSTER_NAMA_KOSONG: "nama kosong",
    Code.ROSTER_JENIS_TIDAK_DIKENAL: "jenis jabatan 'Honorer'",
}
"""The deliberate faults, by the code each row gets."""
PER_KESALAHAN = 2
"""Faulty rows of each kind (a duplicate and a circle are two rows each)."""


@dataclass(frozen=True, slots=True)
class RosterContoh:
    """A fictional roster.

    Attributes:
        instansi: The agency's name.
        tahun: The SKP year.
        baris: The data rows, values in :data:`KOLOM` order.
        kesalahan: Roster row number (the header is row 1) -> the code it must get.
    """

    instansi: str
    tahun: int
    baris: tuple[tuple[str, ...], ...]
    kesalahan: Mapping[int, str]


def buat_roster(pegawai: int = 490, *, seed: int = 1, tahun: int = 2026) -> RosterContoh:
    """A roster of the sample organisation of ``pegawai`` positions, with faulty rows.

    Args:
        pegawai: Positions of the organisation; the roster has a few more rows (the
            duplicates) when there is room for the faults (about 40 positions or more).
        seed: Seed of the organisation and of the faults' places.
        tahun: The SKP year.
    """
    rng = random.Random(seed)
    org = build_organisasi(pegawai, rng, tahun=tahun)
    nips = [p.nip for p in org.pegawai]
    rows = [
        [
            p.nip,
            p.nama,
            p.jabatan,
            p.pangkat,
            p.unit,
            str(p.jenis),
            "",
            "" if p.atasan is None else nips[p.atasan],
        ]
        for p in org.pegawai
    ]
    faults: dict[int, str] = {}
    leaves = [p.indeks for p in org.pegawai if p.atasan is not None and not org.bawahan(p.indeks)]
    rng.shuffle(leaves)
    needed = PER_KESALAHAN * (len(KESALAHAN) + 2)  # a duplicate and a circle: two rows each
    if len(leaves) >= needed:
        pick = iter(leaves)
        for _ in range(PER_KESALAHAN):
            row = rows[next(pick)]
            row[0] = row[0][:-1]
            faults[id(row)] = Code.ROSTER_NIP_TIDAK_VALID
            row = rows[next(pick)]
            row[3] = "III/z"
            faults[id(row)] = Code.ROSTER_PANGKAT_TIDAK_DIKENAL
            row = rows[next(pick)]
            copy = [*row]
            copy[1] = f"{row[1].split(',')[0]} (salinan)"
            rows.append(copy)
            faults[id(row)] = faults[id(copy)] = Code.ROSTER_NIP_GANDA
            row = rows[next(pick)]
            row[7] = f"19700101199003{row[7][14]}999"
            faults[id(row)] = Code.ROSTER_PENILAI_TIDAK_ADA
            one, two = rows[next(pick)], rows[next(pick)]
            one[7], two[7] = two[0], one[0]
            faults[id(one)] = faults[id(two)] = Code.ROSTER_PENILAI_SIKLUS
            row = rows[next(pick)]
            row[1] = ""
            faults[id(row)] = Code.ROSTER_NAMA_KOSONG
            row = rows[next(pick)]
            row[5] = "Honorer"
            faults[id(row)] = Code.ROSTER_JENIS_TIDAK_DIKENAL
    kesalahan = {number: faults[id(row)] for number, row in enumerate(rows, 2) if id(row) in faults}
    return RosterContoh(org.instansi, tahun, tuple(tuple(r) for r in rows), kesalahan)


def judul(contoh: RosterContoh) -> list[list[str]]:
    """The title rows a workbook roster has above its header (as SIASN's reports do)."""
    return [
        ["DAFTAR PEGAWAI (FIKTIF)"],
        [f"Instansi: {contoh.instansi}"],
        [f"Tahun: {contoh.tahun}"],
        [],
    ]


def tulis_csv(contoh: RosterContoh, path: Path) -> None:
    """The roster as CSV (``;``, UTF-8 with BOM, as Excel in an Indonesian locale saves)."""
    lines = [";".join(KOLOM), *(";".join(row) for row in contoh.baris)]
    with atomic_output(path, force=True) as temporary:
        temporary.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8-sig")


def tulis_xlsx(contoh: RosterContoh, path: Path) -> None:
    """The roster as a workbook: title rows, then the header in camelCase as SIASN writes
    (``nipBaru``), NIPs as text."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Pegawai"
    for row in judul(contoh):
        ws.append(row)
    ws.append(["nipBaru", "nama", "jabatan", "golRu", "unorNama", "jenisJabatan", "pendekatan"])
    ws.cell(ws.max_row, 8, "nipPenilai")
    for values in contoh.baris:
        ws.append(list(values))
    for cells in ws.iter_rows(min_row=len(judul(contoh)) + 2, max_col=8):
        for cell in (cells[0], cells[7]):
            cell.number_format = "@"
    with atomic_output(path, force=True) as temporary:
        wb.save(temporary)
