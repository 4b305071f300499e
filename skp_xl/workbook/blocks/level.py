"""The formula of an 8/2021 Model Pengembangan's kategori penilaian: how many levels a
rencana kinerja uses, or that they fit none of the 2- to 5-level patterns (seed 000).

Its Python twin is :func:`skp_xl.domain.legacy2021.level_kategori`; the LibreOffice
tests hold the two to the same answers.
"""

from __future__ import annotations

from skp_xl.domain.legacy2021 import KATEGORI_LEVEL, POLA_KODE, TIDAK_SESUAI


def level_kategori_formula(cells: str) -> str:
    """``"n level"`` when the filled cells of ``cells`` name a 2-5 level pattern once
    each, :data:`~skp_xl.domain.legacy2021.TIDAK_SESUAI` otherwise, "" when none is
    filled. COUNTIF matches a whole cell without case, as the Python twin does."""
    filled = f"SUMPRODUCT(--(LEN({cells})>0))"
    flags = [f'(COUNTIF({cells},"{level}")>0)' for level in KATEGORI_LEVEL]
    count = "+".join(flags)
    # Each level a bit, Sangat Baik the lowest: a pattern is one number.
    code = "+".join(f"{2**i}*{flag}" for i, flag in enumerate(flags))
    allowed = ",".join(f"({code})={value}" for value in POLA_KODE)
    return (
        f'=IF({filled}=0,"",IF(AND({filled}=({count}),OR({allowed})),'
        f'({count})&" level","{TIDAK_SESUAI}"))'
    )
