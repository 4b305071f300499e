"""A subordinate's SKP workbook from the leader's Matriks Peran Hasil: made, or refreshed.

The add-in's Buat SKP Bawahan writes one per subordinate; generating workbooks for a
whole roster needs the same steps (a file name a person finds, identity typed in, the
roles as rencana hasil kerja), so they live here, beside the writer, not in the add-in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook, load_workbook

from skp_xl.domain.vocabulary import Pendekatan, compact
from skp_xl.fileio import atomic_output
from skp_xl.forms import text as t
from skp_xl.forms.catalog import SKP_TABLE
from skp_xl.reader.matriks import Bawahan, cell_text
from skp_xl.workbook import fill
from skp_xl.workbook.grow import grow_workbook
from skp_xl.workbook.writer import Options, build_workbook

__all__ = [
    "SkpBawahan",
    "berkas_bawahan",
    "nama_berkas",
    "nama_folder",
    "tempatkan_peran",
    "tulis_skp_bawahan",
]

# Characters Windows refuses in a file name (and control characters).
_NOT_IN_NAMES = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


@dataclass(frozen=True, slots=True)
class SkpBawahan:
    """What :func:`tulis_skp_bawahan` did for one subordinate.

    Attributes:
        path: The workbook written.
        dibuat: True when it was made new, False when an existing one was refreshed.
        ditulis: Roles written as rencana hasil kerja.
        sudah_ada: Roles the workbook already had (perhaps reworded by the pegawai).
    """

    path: Path
    dibuat: bool
    ditulis: int
    sudah_ada: int


def nama_berkas(tahun: object, nip: str | None, nama: str) -> str:
    """The file name of a pegawai's SKP, so a person finds theirs: ``SKP 2026 NIP Nama.xlsx``.

    Args:
        tahun: The SKP year (blank when not known).
        nip: The pegawai's NIP, when known.
        nama: The pegawai's name.
    """
    words = " ".join(str(w) for w in ("SKP", tahun or "", nip or "", nama) if w)
    return _NOT_IN_NAMES.sub("", words).strip() + ".xlsx"


def nama_folder(unit: str) -> str:
    """A unit's name as a folder name: without the characters Windows refuses."""
    return _NOT_IN_NAMES.sub("", " ".join(unit.split())).strip(" .")


def berkas_bawahan(folder: Path, tahun: object, nip: str | None, nama: str) -> Path | None:
    """The pegawai's SKP workbook already in ``folder``, if any.

    A workbook is found by its NIP first (the pegawai may have renamed it after the NIP),
    then by the name :func:`nama_berkas` gives.
    """
    if nip:
        found = sorted(folder.glob(f"SKP {tahun} {nip}*.xlsx"))
        if found:
            return found[0]
    path = folder / nama_berkas(tahun, nip, nama)
    return path if path.exists() else None


def tempatkan_peran(wb: Workbook, peran: Sequence[tuple[str, str]]) -> tuple[int, int]:
    """Write each role into the SKP table: skipped when a block already has its rencana hasil
    kerja pimpinan; a block with its text gets the pimpinan's rencana hasil kerja when that
    cell is empty; else it goes into the first empty utama block. Nothing typed is
    overwritten.

    Args:
        wb: An SKP workbook made by skp-xl.
        peran: (rencana hasil kerja pimpinan yang diintervensi, rencana hasil kerja) pairs.

    Returns:
        How many roles were written (or had their pimpinan's rencana hasil kerja written),
        and how many were already there.
    """
    table = fill.table(wb, SKP_TABLE)
    narasi = t.RENCANA_HASIL_KERJA not in table.columns
    pimpinan_header = next(
        (h for h in table.columns if h.startswith(t.RENCANA_HASIL_KERJA_PIMPINAN)), None
    )

    def cells(block: int) -> tuple[fill.Cell, fill.Cell | None]:
        if narasi:
            return fill.narasi(table, block)[0], None
        rhk = table.cell(t.RENCANA_HASIL_KERJA, block)
        return rhk, table.cell(pimpinan_header, block) if pimpinan_header else None

    def value(cell: fill.Cell | None) -> str:
        return "" if cell is None else cell_text(wb[cell[0]][cell[1]].value)

    written = present = 0
    for pimpinan, rhk in peran:
        blocks = [cells(b) for b in range(len(table.blocks))]
        # A matrix gives one role per pegawai and column, so a block already under the
        # same pimpinan's hasil kerja is this role, perhaps reworded by the pegawai.
        same = [r for r, p in blocks if p is not None and pimpinan and value(p) == pimpinan]
        if same:
            present += 1
            continue
        typed = next(((r, p) for r, p in blocks if compact(value(r)) == compact(rhk)), None)
        if typed is not None:
            # The role is there: refresh its pimpinan cell when empty (a workbook made
            # before the matriks was filled), never text someone typed in it.
            if typed[1] is not None and pimpinan and not value(typed[1]):
                fill.put(wb, typed[1], pimpinan)
                written += 1
            else:
                present += 1
            continue
        free = next((b for b in blocks[: table.utama] if not value(b[0]) and not value(b[1])), None)
        if free is None:
            continue
        fill.put(wb, free[0], rhk)
        if free[1] is not None and pimpinan:
            fill.put(wb, free[1], pimpinan)
        written += 1
    return written, present


def tulis_skp_bawahan(
    folder: Path,
    person: Bawahan,
    identitas: Mapping[str, str | int],
    *,
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF,
) -> SkpBawahan:
    """Make or refresh one subordinate's SKP workbook in ``folder``, atomically.

    A new workbook gets the identity typed in (``identitas``, by defined name, with the
    pegawai's own name, NIP and jabatan) and enough hasil kerja utama blocks for every
    role; an existing one (see :func:`berkas_bawahan`) gets its identity updated and new
    roles added to empty blocks, nothing typed overwritten.

    Args:
        folder: Where the workbook is (or goes).
        person: The subordinate, as read from the matriks.
        identitas: Values by defined name: the leader as pejabat penilai, instansi, unit
            kerja, year and period (``SKP_TAHUN`` names the file).
        pendekatan: Pendekatan of a new workbook; its jenis is ``person.jenis``.
    """
    tahun = identitas.get("SKP_TAHUN", "")
    values: dict[str, str | int] = {**identitas, "PEGAWAI_NAMA": person.nama}
    if person.nip:
        values["PEGAWAI_NIP"] = person.nip
    if person.jabatan:
        values["PEGAWAI_JABATAN"] = person.jabatan
    existing = berkas_bawahan(folder, tahun, person.nip, person.nama)
    if existing is None:
        path = folder / nama_berkas(tahun, person.nip, person.nama)
        wb = build_workbook(Options(person.jenis, pendekatan, identitas=values))
        utama = fill.table(wb, SKP_TABLE).utama
        if len(person.peran) > utama:
            wb = grow_workbook(wb, utama=len(person.peran) - utama)
    else:
        path = existing
        wb = load_workbook(existing)
        fill.put_named(wb, {k: v for k, v in values.items() if k in wb.defined_names})
    ditulis, sudah_ada = tempatkan_peran(wb, person.peran)
    with atomic_output(path, force=True) as temporary:
        wb.save(temporary)
    return SkpBawahan(path, existing is None, ditulis, sudah_ada)
