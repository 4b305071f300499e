"""The workbook a leader divides roles in before subordinates write their SKP.

Formats A.1.5 (Matriks Pembagian Peran dan Hasil, one and two levels) and A.1.4
(Workblock) of PermenPANRB 6/2022, described in :mod:`skp_xl.forms.matriks` (which also
lists the defined names a program reads back) and rendered like the SKP workbook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from openpyxl import Workbook

from skp_xl.forms.matriks import (
    IDENTITAS_KEYS,
    MAKS_KOLOM,
    matriks_spec,
)
from skp_xl.workbook.blocks import render_workbook
from skp_xl.workbook.kit import RenderContext

__all__ = ["MatriksOptions", "build_matriks_workbook"]


@dataclass(frozen=True, slots=True)
class MatriksOptions:
    """What a Matriks Pembagian Peran dan Hasil workbook holds and how it is protected.

    Attributes:
        identitas: Defined name to value, for the leader (``PEGAWAI_NAMA``,
            ``PEGAWAI_NIP``, ``PEGAWAI_PANGKAT``, ``PEGAWAI_JABATAN``,
            ``PEGAWAI_UNIT_KERJA``: the names of the SKP workbook, where the leader is
            the pegawai of his own SKP) and the period (``SKP_INSTANSI``, ``SKP_TAHUN``,
            ``SKP_PERIODE_MULAI``, ``SKP_PERIODE_SELESAI``).
        password: Sheet protection password; None protects without one.
        iki: Columns of every matrix: the leader's IKI on Matriks, a ketua tim's
            rencana hasil kerja on Matriks Tim (his peran hasil, at most one per IKI).
        pegawai: Pegawai rows of the Matriks, below the leader's row.
        tim: Teams on Matriks Tim (second-level matrices); 0 leaves the sheet out.
        anggota: Anggota rows of each team, below the ketua tim's row.

    Raises:
        ValueError: A count is out of range or ``identitas`` has a name this workbook
            does not use.
    """

    identitas: Mapping[str, str | int] = field(default_factory=dict)
    password: str | None = None
    iki: int = 8
    pegawai: int = 30
    tim: int = 5
    anggota: int = 10

    def __post_init__(self) -> None:
        if not 1 <= self.iki <= MAKS_KOLOM:
            raise ValueError(f"iki must be between 1 and {MAKS_KOLOM}, not {self.iki}")
        if not 1 <= self.pegawai <= 500:
            raise ValueError(f"pegawai must be between 1 and 500, not {self.pegawai}")
        if not 0 <= self.tim <= 50:
            raise ValueError(f"tim must be between 0 and 50, not {self.tim}")
        if not 1 <= self.anggota <= 100:
            raise ValueError(f"anggota must be between 1 and 100, not {self.anggota}")
        unknown = sorted(set(self.identitas) - set(IDENTITAS_KEYS))
        if unknown:
            raise ValueError(
                f"identitas names not used by the matriks workbook: {', '.join(unknown)}; "
                f"known: {', '.join(IDENTITAS_KEYS)}"
            )


def build_matriks_workbook(options: MatriksOptions) -> Workbook:
    """The workbook a leader divides roles in (A.1.5) and identifies strategies (A.1.4).

    Args:
        options: The leader's identity, the period, the capacity of each matrix and the
            protection password.

    Returns:
        The openpyxl workbook, ready to save; the Matriks sheet is active.
    """
    spec = matriks_spec(
        iki=options.iki, pegawai=options.pegawai, tim=options.tim, anggota=options.anggota
    )
    wb = Workbook()
    wb.remove(wb.worksheets[0])
    render_workbook(
        spec, RenderContext(wb, spec, options.identitas, options.password), ref_password=None
    )
    wb.active = 1
    return wb
