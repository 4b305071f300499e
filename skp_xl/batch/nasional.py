"""The national roll-up: many agencies' consolidations, one distribution per instansi.

Each agency runs ``skp-xl consolidate DIR -o OUT.xlsx --parquet PEGAWAI.parquet``; the
Parquet holds every pegawai row of every period with the agency's name (column
``Instansi``). :func:`rangkum_nasional` reads any number of those files (or folders of
them, hive-partitioned or not) with DuckDB and gives, per instansi, the head count per
predikat of the period counted and the pola distribusi check, plus the national row.

Why DuckDB and not Dask here: the roll-up is one grouped count over a few columns of
millions of rows already in Parquet. DuckDB runs it in one process, reading only those
columns, in parallel, in a few seconds and well under a GiB (measured in
``benchmarks/bench_nasional.py``); Dask would need a cluster for what one query does.
The per-file reading, where a cluster helps, is :mod:`skp_xl.batch.klaster`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import NamedTuple

import pandas as pd
import pyarrow as pa

from skp_xl.batch.tabel import Tabel, potongan
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.pola_distribusi import PolaDistribusi, periksa_pola_distribusi
from skp_xl.domain.vocabulary import PeriodeEvaluasi, Predikat
from skp_xl.errors import SkpError
from skp_xl.fileio import atomic_folder, atomic_output
from skp_xl.summary.skema import YA, Pegawai

INSTANSI = "Instansi"
"""The column the Parquet export adds: the agency each row belongs to."""

NASIONAL = "(Nasional)"
"""The name of the row that adds every instansi up."""

_ORDER = {p.value: i for i, p in enumerate(PeriodeEvaluasi)}


class ParquetTidakAda(SkpError):
    """No Parquet file under the paths given."""


@dataclass(frozen=True)
class Nasional:
    """The roll-up.

    Attributes:
        tabel: One row per instansi and the national row: the period counted, the head
            count, the count and share of each predikat, the capaian organisasi and the
            pola check.
        berkas: The Parquet files read.
        baris: Rows read (every pegawai row of every period).
    """

    tabel: pd.DataFrame
    berkas: tuple[Path, ...]
    baris: int


def tulis_parquet(pegawai: pd.DataFrame | Tabel, instansi: str, path: Path, *, force: bool) -> None:
    """Write a consolidation's Pegawai table where :func:`rangkum_nasional` reads it.

    Every row gets the agency's name (column :data:`INSTANSI`). A ``path`` ending in
    ``.parquet`` is one file; any other is a folder partitioned by instansi and unit
    (``Instansi=.../Unit Kerja=.../part-0.parquet``, the hive layout DuckDB, Dask, Spark
    and pandas read as columns), so a national store can take each agency's folder as it
    comes, and a query on one unit reads that unit's file only. Written atomically, a
    slice of rows at a time (:func:`~skp_xl.batch.tabel.potongan`): the data read back is
    the whole frame's ``to_parquet``, without the whole table decoded at once.

    Raises:
        OutputExistsError: ``path`` exists and ``force`` is false.
        OSError: The output cannot be written.
    """
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    def arrow(part: pd.DataFrame) -> pa.Table:
        frame = part.assign(**{INSTANSI: instansi})
        frame[INSTANSI] = frame[INSTANSI].astype("string")
        # As DataFrame.to_parquet(index=False) makes it, the pandas metadata included.
        return pa.Table.from_pandas(frame, preserve_index=False)

    parts = potongan(pegawai)
    first = arrow(next(parts))
    tables = chain([first], (arrow(part).cast(first.schema) for part in parts))
    if path.suffix.lower() == ".parquet":
        with (
            atomic_output(path, force=force) as temporary,
            pq.ParquetWriter(temporary, first.schema, compression="snappy") as writer,
        ):
            for table in tables:
                writer.write_table(table)
        return
    batches = (batch for table in tables for batch in table.to_batches())
    with atomic_folder(path, force=force) as temporary:
        ds.write_dataset(
            batches,
            temporary,
            schema=first.schema,
            format="parquet",
            partitioning=[INSTANSI, Pegawai.unit_kerja],
            partitioning_flavor="hive",
            existing_data_behavior="overwrite_or_ignore",
            # Each unit's rows in the table's order, as one table written whole kept them.
            preserve_order=True,
        )


def cari_parquet(paths: Iterable[Path]) -> list[Path]:
    """Every ``.parquet`` file named or under the folders named, sorted."""
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*.parquet") if p.is_file())
        elif path.suffix.lower() == ".parquet" and path.is_file():
            found.add(path)
    return sorted(found)


def rangkum_nasional(
    paths: Sequence[Path],
    *,
    periode: PeriodeEvaluasi | None = None,
    pola: PolaDistribusi | None = None,
) -> Nasional:
    """Roll up the Parquet exports of many consolidations.

    Args:
        paths: Parquet files, or folders holding them.
        periode: The period to count; None for each instansi's latest rated period.
        pola: The distribution guideline; None for the shipped one.

    Raises:
        ParquetTidakAda: No Parquet file was found.
        SkpError: A file is not a consolidation's Parquet (a column is missing).
    """
    import duckdb

    files = cari_parquet(paths)
    if not files:
        raise ParquetTidakAda(
            "Tidak ada berkas .parquet di " + ", ".join(f"'{p}'" for p in paths) + "; buat "
            "dengan: skp-xl consolidate FOLDER -o RINGKASAN.xlsx --parquet PEGAWAI.parquet."
        )
    columns = {
        "instansi": INSTANSI,
        "periode": Pegawai.periode,
        "predikat": Pegawai.predikat,
        "capaian": Pegawai.capaian_organisasi,
        "dihitung": Pegawai.dihitung,
    }
    select = ", ".join(f'"{name}" AS {key}' for key, name in columns.items())
    query = (
        f"SELECT {select}, count(*) AS n FROM read_parquet(?, union_by_name = true, "
        "hive_partitioning = true) GROUP BY ALL"
    )
    connection = duckdb.connect()
    try:
        counts = [
            _Hitungan(*row)
            for row in connection.execute(query, [[str(f) for f in files]]).fetchall()
        ]
    except duckdb.Error as error:
        raise SkpError(_sebab_parquet(files, tuple(columns.values()), error)) from error
    finally:
        connection.close()
    rows = sum(c.n for c in counts)
    return Nasional(_tabel(counts, periode, pola), tuple(files), rows)


def _sebab_parquet(files: Sequence[Path], columns: Sequence[str], error: Exception) -> str:
    """Which file DuckDB could not count, and why, in Indonesian.

    DuckDB's message quotes its SQL and speaks English; each file's footer (its schema,
    a few bytes) says which one is not Parquet or lacks a column. Hive folders add
    Instansi and Unit Kerja from the path, so a column given by the folder counts.
    """
    import pyarrow.parquet as pq

    for path in files:
        try:
            names = set(pq.read_schema(path).names)
        except (OSError, pa.ArrowException):
            return (
                f"Berkas '{path}' bukan Parquet yang utuh (terpotong atau berkas lain yang "
                "diberi akhiran .parquet); buat ulang dengan: skp-xl consolidate FOLDER -o "
                "RINGKASAN.xlsx --parquet PEGAWAI.parquet."
            )
        names |= {part.split("=", 1)[0] for part in path.parts if "=" in part}
        missing = [c for c in columns if c not in names]
        if missing:
            return (
                f"Berkas '{path}' bukan hasil konsolidasi skp-xl: kolom "
                f"{', '.join(missing)} tidak ada. Setiap berkas harus memuat kolom "
                f"{', '.join(columns)}."
            )
    first = str(error).splitlines()[0] if str(error) else type(error).__name__
    return (
        f"Berkas Parquet tidak dapat dibaca sebagai hasil konsolidasi skp-xl ({first}). "
        f"Setiap berkas harus memuat kolom {', '.join(columns)}."
    )


class _Hitungan(NamedTuple):
    """One group of the query: how many rows share these values."""

    instansi: str | None
    periode: str | None
    predikat: str | None
    capaian: str | None
    dihitung: str | None
    n: int


def _tabel(
    counts: Sequence[_Hitungan], periode: PeriodeEvaluasi | None, pola: PolaDistribusi | None
) -> pd.DataFrame:
    # The query left a few rows per instansi, period and predikat: plain Python from here.
    by_instansi: dict[str, list[_Hitungan]] = defaultdict(list)
    for count in counts:
        if count.dihitung == YA and count.predikat:
            by_instansi[count.instansi or "(tanpa nama)"].append(count)
    records = []
    national: Counter[str] = Counter()
    national_capaian: Counter[str] = Counter()
    for instansi in sorted(by_instansi):
        group = by_instansi[instansi]
        chosen = periode.value if periode else _latest(c.periode for c in group)
        per_predikat: Counter[str] = Counter()
        capaian: Counter[str] = Counter()
        for count in group:
            if count.periode != chosen:
                continue
            per_predikat[str(count.predikat)] += count.n
            if count.capaian:
                capaian[count.capaian] += count.n
        national.update(per_predikat)
        national_capaian.update(capaian)
        records.append(_baris(instansi, chosen, per_predikat, capaian, pola))
    label = periode.value if periode else "terakhir per instansi"
    records.append(_baris(NASIONAL, label, national, national_capaian, pola))
    return pd.DataFrame.from_records(records)


def _latest(periods: Iterable[str | None]) -> str:
    known = {p for p in periods if p in _ORDER}
    return max(known, key=_ORDER.__getitem__) if known else ""


def _baris(
    instansi: str,
    periode: str,
    per_predikat: Counter[str],
    capaian: Counter[str],
    pola: PolaDistribusi | None,
) -> dict[str, object]:
    total = sum(per_predikat.values())
    row: dict[str, object] = {INSTANSI: instansi, "Periode": periode, "Jumlah": total}
    for predikat in Predikat:
        n = per_predikat.get(predikat.value, 0)
        row[predikat.value] = n
        row[f"% {predikat.value}"] = round(100 * n / total, 2) if total else 0.0
    chosen = capaian.most_common(1)[0][0] if capaian else ""
    row["Capaian Organisasi"] = chosen
    row["Pola"], row["Catatan Pola"] = _pola(chosen, per_predikat, pola)
    return row


def _pola(capaian: str, per_predikat: Counter[str], pola: PolaDistribusi | None) -> tuple[str, str]:
    if not capaian or not per_predikat:
        why = "capaian organisasi tidak diketahui" if per_predikat else "tidak ada yang dinilai"
        return "—", why
    try:
        jumlah: dict[object, int] = dict(per_predikat.items())
        rules = periksa_pola_distribusi(capaian, jumlah, pola)
    except InvalidValueError as error:
        return "—", str(error)
    broken = [rule for rule in rules if not rule.terpenuhi]
    if not broken:
        return "Sesuai", ""
    return "Tidak sesuai", "; ".join(
        f"{rule.aturan.keterangan} (angka {rule.angka:g}; batas {rule.batas_teks})"
        for rule in broken
    )
