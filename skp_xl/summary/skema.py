"""The consolidated tables (Pegawai, Temuan, Ringkasan, Cascading) as pandera models: the one
place their columns are named, ordered and constrained.

A model's field aliases are the headers as printed (``"NIP"``, ``"Unit Kerja"``); reading a
field on the class gives that header (``Pegawai.nip == "NIP"``), so code names a column
through its model, and :func:`kolom` lists a table's headers in order. Closed lists come
from the domain's vocabularies. Validation is lazy, so one run reports every failure.
"""

from __future__ import annotations

import sys

import pandas as pd
import pandera.pandas as pa
from pandera.typing.pandas import Series

from skp_xl.domain.rekap import Arah, Penugasan, StatusCascading
from skp_xl.domain.vocabulary import (
    CapaianOrganisasi,
    JenisJabatan,
    Pendekatan,
    PeriodeEvaluasi,
    Predikat,
    Rating,
)
from skp_xl.workbook.laporan import TINGKAT


def _pandas_only() -> None:
    """Settle pandera's Dask typing as absent before the models are defined.

    Defining a ``DataFrameModel`` makes pandera list the DataFrame types it knows, which
    imports ``dask.dataframe`` whenever dask is installed (the optional ``skala`` extra):
    1.8 s on every ``skp-xl`` command, for types these pandas-only models never use. The
    import is blocked only while pandera's Dask module loads, then released, so the
    Dask engine (batch/klaster.py) imports dask as usual.
    """
    if "dask.dataframe" in sys.modules or "pandera.typing.dask" in sys.modules:
        return
    sys.modules["dask.dataframe"] = None  # type: ignore[assignment]
    try:
        import pandera.typing.dask  # noqa: F401
    finally:
        del sys.modules["dask.dataframe"]


_pandas_only()

_RATING = ["", *(r.value for r in Rating)]
"""A rating as the Pegawai table holds it: canonical, or "" when empty or unknown."""
YA, TIDAK = "Ya", "Tidak"
"""The values of the Pegawai table's ``Dihitung`` column."""
SESUAI, TIDAK_SESUAI, TANPA_POLA = "Sesuai", "Tidak sesuai", "—"
"""The values of the Ringkasan table's ``Pola Distribusi`` column (``—``: not compared)."""


class Pegawai(pa.DataFrameModel):
    """The Pegawai table: one row per pegawai and rated period (``Periode`` empty for a
    workbook not rated yet), from SKP workbooks and from export rows (which have no Jenis
    Jabatan nor Pendekatan, and whose ``Periode`` may be a month). ``Tahun`` and
    ``Regulasi`` are the workbook's year and PermenPANRB (an 8/2021 plan has no period and
    is never counted). Text columns are pandas ``string``; blanks are ``<NA>``."""

    nip: Series[pd.StringDtype] = pa.Field(alias="NIP", str_matches=r"^\d{18}$", nullable=True)
    nama: Series[pd.StringDtype] = pa.Field(
        alias="Nama", str_length={"min_value": 1}, nullable=True
    )
    unit_kerja: Series[pd.StringDtype] = pa.Field(alias="Unit Kerja")
    sub_unit: Series[pd.StringDtype] = pa.Field(alias="Sub Unit", nullable=True)
    unit_kerja_isian: Series[pd.StringDtype] = pa.Field(alias="Unit Kerja (isian)", nullable=True)
    jabatan: Series[pd.StringDtype] = pa.Field(alias="Jabatan", nullable=True)
    pangkat: Series[pd.StringDtype] = pa.Field(alias="Pangkat", nullable=True)
    jenis_jabatan: Series[pd.StringDtype] = pa.Field(
        alias="Jenis Jabatan", isin=[j.value for j in JenisJabatan], nullable=True
    )
    pendekatan: Series[pd.StringDtype] = pa.Field(
        alias="Pendekatan", isin=[p.value for p in Pendekatan], nullable=True
    )
    tahun: Series[pd.StringDtype] = pa.Field(alias="Tahun", nullable=True)
    regulasi: Series[pd.StringDtype] = pa.Field(
        alias="Regulasi", isin=["", "6/2022", "8/2021"], nullable=True
    )
    penugasan: Series[pd.StringDtype] = pa.Field(
        alias="Penugasan", isin=[p.value for p in Penugasan]
    )
    periode: Series[pd.StringDtype] = pa.Field(
        alias="Periode",
        isin=[p.value for p in PeriodeEvaluasi],
        nullable=True,
    )
    capaian_organisasi: Series[pd.StringDtype] = pa.Field(
        alias="Capaian Organisasi",
        isin=["", *(c.value for c in CapaianOrganisasi)],
        nullable=True,
    )
    rating_hasil_kerja: Series[pd.StringDtype] = pa.Field(
        alias="Rating Hasil Kerja", isin=_RATING, nullable=True
    )
    rating_perilaku: Series[pd.StringDtype] = pa.Field(
        alias="Rating Perilaku", isin=_RATING, nullable=True
    )
    predikat: Series[pd.StringDtype] = pa.Field(
        alias="Predikat", isin=["", *(p.value for p in Predikat)], nullable=True
    )
    angka_kredit: Series[pd.Float64Dtype] = pa.Field(alias="Angka Kredit", ge=0, nullable=True)
    nip_penilai: Series[pd.StringDtype] = pa.Field(alias="NIP Penilai", nullable=True)
    nama_penilai: Series[pd.StringDtype] = pa.Field(alias="Nama Penilai", nullable=True)
    dihitung: Series[pd.StringDtype] = pa.Field(alias="Dihitung", isin=[YA, TIDAK])
    keterangan: Series[pd.StringDtype] = pa.Field(alias="Keterangan", nullable=True)
    galat: Series[pd.Int64Dtype] = pa.Field(alias="Galat", ge=0)
    berkas: Series[pd.StringDtype] = pa.Field(alias="Berkas")

    class Config:
        name = "Pegawai"
        strict = True


class Temuan(pa.DataFrameModel):
    """The Temuan table: every finding of the run, one per row."""

    berkas: Series[str] = pa.Field(alias="Berkas")
    sheet: Series[str] = pa.Field(alias="Sheet")
    sel: Series[str] = pa.Field(alias="Sel")
    kode: Series[str] = pa.Field(alias="Kode", str_matches=r"^[a-z0-9]+(-[a-z0-9]+)+$")
    tingkat: Series[str] = pa.Field(alias="Tingkat", isin=list(TINGKAT.values()))
    pesan: Series[str] = pa.Field(alias="Pesan", str_length={"min_value": 1})

    class Config:
        name = "Temuan"
        strict = True


class Ringkasan(pa.DataFrameModel):
    """The Ringkasan table: one row per unit kerja and, last, the whole agency; one
    head-count column per predikat, best first."""

    unit_kerja: Series[str] = pa.Field(alias="Unit Kerja")
    capaian_organisasi: Series[str] = pa.Field(
        alias="Capaian Kinerja Organisasi", isin=["", *(c.value for c in CapaianOrganisasi)]
    )
    sangat_baik: Series[int] = pa.Field(alias=Predikat.SANGAT_BAIK.value, ge=0)
    baik: Series[int] = pa.Field(alias=Predikat.BAIK.value, ge=0)
    butuh_perbaikan: Series[int] = pa.Field(alias=Predikat.BUTUH_PERBAIKAN.value, ge=0)
    kurang: Series[int] = pa.Field(alias=Predikat.KURANG.value, ge=0)
    sangat_kurang: Series[int] = pa.Field(alias=Predikat.SANGAT_KURANG.value, ge=0)
    jumlah: Series[int] = pa.Field(alias="Jumlah", ge=0)
    pola_distribusi: Series[str] = pa.Field(
        alias="Pola Distribusi", isin=[SESUAI, TIDAK_SESUAI, TANPA_POLA]
    )
    keterangan: Series[str] = pa.Field(alias="Keterangan")

    class Config:
        name = "Ringkasan"
        strict = True


class Cascading(pa.DataFrameModel):
    """The Cascading table: each rencana hasil kerja checked across workbooks, up (the
    leader's plan it names) or down (the staff plans naming a leader's)."""

    berkas: Series[str] = pa.Field(alias="Berkas")
    nip: Series[str] = pa.Field(alias="NIP")
    nama: Series[str] = pa.Field(alias="Nama")
    arah: Series[str] = pa.Field(alias="Arah", isin=[a.value for a in Arah])
    sheet: Series[str] = pa.Field(alias="Sheet")
    sel: Series[str] = pa.Field(alias="Sel")
    rencana_hasil_kerja: Series[str] = pa.Field(alias="Rencana Hasil Kerja")
    status: Series[str] = pa.Field(alias="Status", isin=[s.value for s in StatusCascading])
    keterangan: Series[str] = pa.Field(alias="Keterangan")

    class Config:
        name = "Cascading"
        strict = True


def kolom(model: type[pa.DataFrameModel]) -> tuple[str, ...]:
    """The headers of a table, in order.

    Args:
        model: One of the table models of this module.

    Returns:
        The field aliases as declared, e.g. ``("Berkas", "Sheet", "Sel", ...)`` for
        :class:`Temuan`.
    """
    return tuple(str(name) for name in model.to_schema().columns)


def periksa(model: type[pa.DataFrameModel], frame: pd.DataFrame) -> pd.DataFrame:
    """Every failure of ``frame`` against ``model`` (lazy: all of them, not the first).

    Args:
        model: A table model.
        frame: The table.

    Returns:
        pandera's failure cases (columns ``schema_context``, ``column``, ``check``,
        ``check_number``, ``failure_case``, ``index``); empty when the frame conforms.
    """
    try:
        model.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        failures: pd.DataFrame = errors.failure_cases
        return failures
    return pd.DataFrame(
        columns=["schema_context", "column", "check", "check_number", "failure_case", "index"]
    )


PEGAWAI_COLUMNS: tuple[str, ...] = kolom(Pegawai)
"""Columns of the Pegawai table, in order."""
TEMUAN_COLUMNS: tuple[str, ...] = kolom(Temuan)
"""Columns of the Temuan table, in order."""
CASCADING_COLUMNS: tuple[str, ...] = kolom(Cascading)
"""Columns of the Cascading table, in order."""
PREDIKAT_COLUMNS: tuple[str, ...] = tuple(p.value for p in Predikat)
"""The Ringkasan's head-count columns, best first: the canonical predikat."""
