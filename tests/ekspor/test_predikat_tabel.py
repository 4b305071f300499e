"""``skp-xl predikat --csv`` reads what ``consolidate`` reads, and never shows a traceback."""

from __future__ import annotations

import csv
import io
import json
import random
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.samples import ekspor as contoh

runner = CliRunner()
HEADERS = (
    "nama",
    "NIP",
    "Nama Pegawai",
    "rating_hasil_kerja",
    "hasilKinerja",
    "Rating Perilaku Kerja",
    "perilaku_kerja",
    "unit_kerja",
    "jenjang",
    "bulan",
    "hasil_akhir",
    "skp_unor_induk",
    "",
    "x",
)
CELLS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["198503122010011003", "DIATAS EKSPEKTASI", "-", "Ahli Muda", "13"]),
    st.integers(),
    st.floats(allow_nan=True),
)


RANDOM = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _run(path: Path) -> tuple[int, object]:
    run = runner.invoke(app, ["predikat", "--csv", str(path), "--json"])
    return run.exit_code, run.exception


def _ok(code: int, exception: object) -> None:
    assert code in (0, 2)
    assert exception is None or isinstance(exception, SystemExit), repr(exception)


def test_an_annual_export_as_it_comes_is_read(tmp_path: Path) -> None:
    org = contoh.organisasi(12, seed=1)
    path = contoh.tulis_xlsx(tmp_path / "laporan.xlsx", contoh.penilaian(org, random.Random(1)))
    run = runner.invoke(app, ["predikat", "--csv", str(path), "--json"])
    assert run.exit_code == 0, run.output
    assert json.loads(run.output)["pegawai"] == 13  # 12 and a mutasi's second row


def test_siasn_json_and_title_rows_in_a_csv_are_read(tmp_path: Path) -> None:
    org = contoh.organisasi(6, seed=2)
    siasn = contoh.tulis_json(tmp_path / "siasn.json", contoh.siasn(org, random.Random(2)))
    csv_path = contoh.tulis_csv(
        tmp_path / "maret.csv", contoh.penilaian(org, random.Random(3), kesalahan=False)
    )
    for path in (siasn, csv_path):
        run = runner.invoke(app, ["predikat", "--csv", str(path), "--json"])
        assert run.exit_code == 0, run.output
        assert json.loads(run.output)["pegawai"] == 6


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=2000),
    suffix=st.sampled_from([".csv", ".xlsx", ".json", ".xls", ".txt"]),
)
def test_random_bytes_never_show_a_traceback(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"acak{suffix}"
    path.write_bytes(data)
    _ok(*_run(path))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=9), max_size=6),
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    quoting=st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
    titles=st.integers(min_value=0, max_value=3),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_random_dialects_and_headers_never_show_a_traceback(
    tmp_path: Path,
    header: list[str],
    rows: list[list[object]],
    delimiter: str,
    quoting: int,
    titles: int,
    encoding: str,
) -> None:
    text = io.StringIO()
    writer = csv.writer(text, delimiter=delimiter, quoting=quoting)
    for number in range(titles):
        writer.writerow([f"Laporan Penilaian SKP {number}"])
    writer.writerow(header)
    writer.writerows(rows)
    path = tmp_path / "tabel.csv"
    path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
    _ok(*_run(path))
