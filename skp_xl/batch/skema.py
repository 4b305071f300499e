"""pandera schemas of the consolidated tables, run lazily; failures become findings at
the source file and cell.

The workbook checks already report most problems at their cells; the schemas guard what
the summary and the exports promise (a NIP of 18 digits, canonical labels, a period of
the year, angka kredit not negative). A failure where a workbook check already put an
error is not repeated.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import pandera.pandas as pa

from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.vocabulary import CapaianOrganisasi, PeriodeEvaluasi, Predikat, Rating

_RATING = [r.value for r in Rating]

PEGAWAI = pa.DataFrameSchema(
    {
        "NIP": pa.Column("string", pa.Check.str_matches(r"^\d{18}$"), nullable=True),
        "Nama": pa.Column("string", pa.Check.str_length(min_value=1), nullable=True),
        "Unit Kerja": pa.Column("string", nullable=False),
        "Jenis Jabatan": pa.Column("string", pa.Check.isin(["JPT", "JA", "JF"])),
        "Pendekatan": pa.Column("string", pa.Check.isin(["Kuantitatif", "Kualitatif"])),
        "Periode": pa.Column(
            "string", pa.Check.isin([p.value for p in PeriodeEvaluasi]), nullable=True
        ),
        "Capaian Organisasi": pa.Column(
            "string", pa.Check.isin(["", *(c.value for c in CapaianOrganisasi)]), nullable=True
        ),
        "Rating Hasil Kerja": pa.Column("string", pa.Check.isin(["", *_RATING]), nullable=True),
        "Rating Perilaku": pa.Column("string", pa.Check.isin(["", *_RATING]), nullable=True),
        "Predikat": pa.Column(
            "string", pa.Check.isin(["", *(p.value for p in Predikat)]), nullable=True
        ),
        "Angka Kredit": pa.Column("Float64", pa.Check.ge(0), nullable=True),
        "Dihitung": pa.Column("string", pa.Check.isin(["Ya", "Tidak"])),
        "Berkas": pa.Column("string", nullable=False),
    },
    strict=False,
    name="Pegawai",
)
"""The Pegawai table: one row per pegawai and rated period."""

_SEL = {
    "NIP": "nip",
    "Nama": "nama",
    "Capaian Organisasi": "capaian_organisasi",
    "Rating Hasil Kerja": "rating_hasil_kerja",
    "Rating Perilaku": "rating_perilaku",
    "Predikat": "predikat",
}
"""Pegawai column -> the key of its source cell in a row's cell map."""


def periksa_pegawai(
    frame: pd.DataFrame,
    cells: Sequence[Mapping[str, str]],
    known: set[tuple[str, str | None, str | None]],
) -> list[Finding]:
    """Validate ``frame`` with :data:`PEGAWAI`; each failure as a finding at its cell.

    Args:
        frame: The Pegawai table (default integer index, aligned with ``cells``).
        cells: Per row, field key -> "Sheet!A1" where the value was read.
        known: (file, sheet, cell) already holding an error finding: not repeated.
    """
    try:
        PEGAWAI.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        failures = errors.failure_cases
    else:
        return []
    findings = []
    for case in failures.to_dict("records"):
        index, column = case.get("index"), case.get("column")
        if not isinstance(index, int) or not isinstance(column, str):
            findings.append(
                Finding(
                    Code.SKEMA_PEGAWAI,
                    Severity.ERROR,
                    f"Tabel Pegawai tidak sesuai skema ({case.get('check')}: "
                    f"{case.get('failure_case')}); ini kesalahan skp-xl, laporkan.",
                )
            )
            continue
        path = str(frame.at[index, "Berkas"])
        where = cells[index].get(_SEL.get(column, ""), "")
        sheet, cell = where.rsplit("!", 1) if "!" in where else (None, None)
        if (path, sheet, cell) in known:
            continue
        known.add((path, sheet, cell))
        findings.append(
            Finding(
                Code.SKEMA_PEGAWAI,
                Severity.ERROR,
                f"Kolom '{column}' bernilai '{case.get('failure_case')}', tidak sesuai aturan "
                f"tabel Pegawai ({case.get('check')}); perbaiki isian di berkasnya.",
                sheet,
                cell,
                column,
                path,
            )
        )
    return findings
