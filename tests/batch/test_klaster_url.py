"""The Dask engine over fsspec URLs: the same files, results and findings as over the
folder's path, with the URL where the path was."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from skp_xl.batch import klaster
from skp_xl.batch.cari import temukan
from skp_xl.batch.konsolidasi import Konsolidasi, Mesin, Opsi, konsolidasi
from skp_xl.cli import app
from skp_xl.samples import generate_agency
from tests.reader import hostile

pytest.importorskip("distributed")
fsspec = pytest.importorskip("fsspec")

runner = CliRunner()
FAR = '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small agency with a file that kills its reader, a stray note, a lock file and a
    hidden folder among its workbooks."""
    root = tmp_path_factory.mktemp("url") / "instansi"
    generate_agency(root, pegawai=6, seed=4, masalah=True, jobs=1)
    unit = sorted(p for p in root.iterdir() if p.is_dir())[0]
    far = hostile.minimal_parts(sheet=hostile.sheet_xml(hostile.SHEET_DATA + FAR))
    hostile.write_zip(unit / "jauh.xlsx", far)
    (unit / "catatan.txt").write_text("bukan SKP\n", encoding="utf-8")
    shutil.copy(next(unit.glob("*.xlsx")), unit / "~$kunci.xlsx")
    # Sorts after the unit folders by name, yet a walk gives it first (a folder's files
    # before its subfolders).
    shutil.copy(next(unit.glob("*.xlsx")), root / "zz-salinan.xlsx")
    (root / ".tersembunyi").mkdir()
    shutil.copy(next(unit.glob("*.xlsx")), root / ".tersembunyi" / "x.xlsx")
    return root


@pytest.fixture(scope="module")
def memory(agency: Path) -> str:
    fs = fsspec.filesystem("memory")
    for path in sorted(p for p in agency.rglob("*") if p.is_file()):
        fs.pipe(f"/instansi-uji/{path.relative_to(agency).as_posix()}", path.read_bytes())
    yield "memory://instansi-uji"
    fs.rm("/instansi-uji", recursive=True)


@pytest.fixture(scope="module")
def by_path(agency: Path) -> Konsolidasi:
    return konsolidasi(agency, Opsi(jobs=2, cache=False, mesin=Mesin.DASK))


def _as_url(frame: pd.DataFrame, path: Path | None = None, url: str = "") -> pd.DataFrame:
    """``frame`` as plain objects, the folder's path written as ``url``."""
    old = str(path) if path else None
    return frame.astype(object).map(
        lambda v: v.replace(old, url) if old and isinstance(v, str) else v
    )


def _assert_same(by_path: Konsolidasi, by_url: Konsolidasi, agency: Path, url: str) -> None:
    def moved(text: str | None) -> str | None:
        return text.replace(str(agency), url) if text else text

    assert [h.path for h in by_url.hasil] == [moved(h.path) for h in by_path.hasil]
    assert [h.unit for h in by_url.hasil] == [h.unit for h in by_path.hasil]
    assert [(f.code, f.path, f.message) for f in by_url.catatan] == [
        (f.code, moved(f.path), moved(f.message)) for f in by_path.catatan
    ]
    for table in ("pegawai", "temuan", "ringkasan", "cascading"):
        got = _as_url(getattr(by_url, table))
        pd.testing.assert_frame_equal(got, _as_url(getattr(by_path, table), agency, url))
    assert json.dumps(by_url.to_dict()) == moved(json.dumps(by_path.to_dict()))


def test_a_memory_url_gives_what_the_folder_gives(
    agency: Path, memory: str, by_path: Konsolidasi
) -> None:
    by_url = konsolidasi(memory, Opsi(jobs=2, cache=False, mesin=Mesin.DASK))
    _assert_same(by_path, by_url, agency, memory)
    far = [f for f in by_url.masalah if f.path and f.path.endswith("/jauh.xlsx")]
    assert [(f.code, f.path) for f in far] == [
        ("berkas-memori-habis", f"{memory}/{next(agency.rglob('jauh.xlsx')).parent.name}/jauh.xlsx")
    ]
    assert memory in far[0].message
    assert "skp-xl-url-" not in far[0].message
    assert {f.code for f in by_url.catatan} >= {"berkas-dilewati"}


def test_a_file_url_gives_what_the_folder_gives(agency: Path, by_path: Konsolidasi) -> None:
    url = f"file://{agency}"
    by_url = konsolidasi(url, Opsi(jobs=2, cache=False, mesin=Mesin.DASK))
    _assert_same(by_path, by_url, agency, url)


def test_a_url_lists_files_in_the_order_of_a_folder_walk(agency: Path) -> None:
    paths, _ = temukan(agency)
    listed = klaster.daftar_url(f"file://{agency}/")
    workbooks = [u for u in listed if u.endswith(".xlsx") and "/~$" not in u]
    assert workbooks == [f"file://{p}" for p in paths]
    assert not any("/.tersembunyi/" in u for u in listed)


def test_an_unreachable_url_is_that_files_finding(tmp_path: Path) -> None:
    url = "memory://hilang/Unit A/tidak-ada.xlsx"
    [got] = klaster.baca_batch([url], "memory://hilang", 60.0, klaster.Batas())
    assert (got.path, got.unit, got.terbaca) == (url, "Unit A", False)
    assert [(f.code, f.path) for f in got.temuan] == [("berkas-tidak-terbaca", url)]


def test_a_file_past_every_limit_is_not_fetched_but_keeps_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(klaster, "_PALING_BESAR", 2 * 1024 * 1024)
    fs = fsspec.filesystem("memory")
    fs.pipe("/besar/a.xlsx", b"x" * (6 * 1024 * 1024))
    try:
        target = tmp_path / "a.xlsx"
        klaster._salin("memory://besar/a.xlsx", target)
    finally:
        fs.rm("/besar", recursive=True)
    stat = target.stat()
    assert stat.st_size == 6 * 1024 * 1024
    assert stat.st_blocks * 512 < 4 * 1024 * 1024  # the rest is a hole, never fetched


def test_the_command_reads_a_url_with_dask(agency: Path, memory: str, tmp_path: Path) -> None:
    out = tmp_path / "ringkasan.xlsx"
    args = ["consolidate", memory, "-o", str(out), "--engine", "dask", "-j", "2", "--json"]
    result = runner.invoke(app, [*args, "--tanpa-cache"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert document["root"] == memory
    assert document["workbooks"] > 0
    assert all(p["path"].startswith(f"{memory}/") for p in document["problems"])
    assert out.exists()


def test_the_builtin_engine_refuses_a_url_and_names_dask(memory: str, tmp_path: Path) -> None:
    out = tmp_path / "ringkasan.xlsx"
    result = runner.invoke(app, ["consolidate", memory, "-o", str(out)])
    assert result.exit_code != 0
    assert "--engine dask" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("s3://bucket/instansi", "pip install s3fs"),
        ("gcs://bucket/instansi", "pip install gcsfs"),
        ("zzz://bucket/instansi", "tidak dikenal"),
        ("memory://tidak-ada", "tidak ada atau bukan folder"),
    ],
)
def test_a_url_that_cannot_be_listed_says_why(url: str, said: str, tmp_path: Path) -> None:
    if said.startswith("pip") and _installed(said.split()[-1]):
        pytest.skip(f"{said.split()[-1]} is installed here")
    out = tmp_path / "ringkasan.xlsx"
    result = runner.invoke(app, ["consolidate", url, "-o", str(out), "--engine", "dask"])
    assert result.exit_code != 0
    assert said in result.output
    assert "Traceback" not in result.output


def test_without_fsspec_a_url_asks_for_the_skala_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fsspec.core", None)  # import fsspec.core fails
    with pytest.raises(klaster.DaskTidakAda, match=r"skp-xl\[skala\]"):
        klaster.daftar_url("memory://instansi")


def _installed(package: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(package) is not None
