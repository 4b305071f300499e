"""The result cache: unchanged files are not read again, changed bytes always are, and a
cache that is not ours is never trusted."""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from skp_xl.batch import konsolidasi as konsolidasi_module
from skp_xl.batch.cache import Cache, sidik_semua
from skp_xl.batch.konsolidasi import Opsi, konsolidasi
from skp_xl.samples import generate_agency
from tests.batch.tukar import tukar_isi


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("instansi")
    generate_agency(root, pegawai=8, seed=11, masalah=True, jobs=1)
    return root


def _run(
    root: Path, folder: Path, **opsi: object
) -> tuple[konsolidasi_module.Konsolidasi, list[str]]:
    """Consolidate, recording which files went to a reader process."""
    with _kirim() as rounds:
        result = konsolidasi(root, Opsi(jobs=2, folder_cache=folder, **opsi))  # type: ignore[arg-type]
    return result, [path for sent in rounds for path in sent]


@contextlib.contextmanager
def _kirim() -> Iterator[list[list[str]]]:
    """The files sent to the reader processes while the block runs, one list a round."""
    rounds: list[list[str]] = []
    real = konsolidasi_module.petakan

    def spy(fn, items, gagal, **kw):  # type: ignore[no-untyped-def]
        items = list(items)
        rounds.append(items)
        return real(fn, items, gagal, **kw)

    konsolidasi_module.petakan = spy  # type: ignore[assignment]
    try:
        yield rounds
    finally:
        konsolidasi_module.petakan = real


def _comparable(result: konsolidasi_module.Konsolidasi) -> tuple[object, ...]:
    return (
        result.pegawai.to_dict("records"),
        result.temuan.to_dict("records"),
        result.ringkasan.to_dict("records"),
        result.cascading.to_dict("records"),
    )


def test_a_rerun_reads_nothing_and_gives_the_same_result(agency: Path, tmp_path: Path) -> None:
    first, sent_first = _run(agency, tmp_path)
    assert len(sent_first) == len(first.hasil) > 5
    again, sent_again = _run(agency, tmp_path)
    assert sent_again == []
    assert _comparable(again) == _comparable(first)
    uncached, _ = _run(agency, tmp_path / "lain", cache=False)
    assert _comparable(uncached) == _comparable(first)


def test_a_changed_byte_and_a_swapped_file_are_read_again(agency: Path, tmp_path: Path) -> None:
    root = tmp_path / "instansi"
    shutil.copytree(agency, root)
    _run(root, tmp_path / "cache")
    files = sorted(root.rglob("*.xlsx"))
    a, b = files[0], files[1]
    # Swap two files' contents, then give both the other's size and time: only the bytes
    # tell them apart.
    tukar_isi(a, b)
    result, sent = _run(root, tmp_path / "cache")
    assert sorted(sent) == sorted([str(a), str(b)])
    fresh, _ = _run(root, tmp_path / "baru", cache=False)
    assert _comparable(result) == _comparable(fresh)


def test_a_damaged_cache_is_set_aside_with_a_note(agency: Path, tmp_path: Path) -> None:
    _run(agency, tmp_path)
    database = tmp_path / "hasil.sqlite3"
    database.write_bytes(database.read_bytes()[:100] + b"rusak" * 100)
    result, sent = _run(agency, tmp_path)
    assert len(sent) == len(result.hasil)
    notes = [f for f in result.catatan if f.code == "cache-diabaikan"]
    assert notes
    assert "disisihkan" in notes[0].message
    assert list(tmp_path.glob("hasil.sqlite3.rusak-*"))


def test_a_cache_signed_by_another_key_is_not_trusted(agency: Path, tmp_path: Path) -> None:
    first, _ = _run(agency, tmp_path)
    (tmp_path / "kunci").write_bytes(os.urandom(32))  # another user's or a planted cache
    again, sent = _run(agency, tmp_path)
    assert len(sent) == len(first.hasil)
    assert _comparable(again) == _comparable(first)


def test_an_unusable_folder_is_a_note_not_a_failure(tmp_path: Path) -> None:
    blocker = tmp_path / "berkas"
    blocker.write_text("bukan folder")
    cache = Cache.buka(blocker / "cache")
    assert cache.catatan
    assert cache.ambil("x", "", "abc") is None
    cache.simpan("", [])


def test_the_command_uses_the_cache_unless_told_not_to(
    agency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from skp_xl.cli import app

    monkeypatch.setenv("SKP_XL_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()
    args = ["consolidate", str(agency), "-o", str(tmp_path / "r.xlsx"), "-j", "1"]
    assert runner.invoke(app, [*args, "--tanpa-cache"]).exit_code == 0
    assert not (tmp_path / "cache" / "hasil.sqlite3").exists()
    assert runner.invoke(app, [*args, "--force", "--batas-memori", "1024"]).exit_code == 0
    assert (tmp_path / "cache" / "hasil.sqlite3").stat().st_size > 0


def test_a_result_read_under_other_limits_is_read_again(agency: Path, tmp_path: Path) -> None:
    # A file stopped by a time or memory limit must get its chance under a larger one.
    first, _ = _run(agency, tmp_path, batas_detik=30)
    _, sent = _run(agency, tmp_path, batas_detik=31)
    assert len(sent) == len(first.hasil)
    _, sent = _run(agency, tmp_path, batas_detik=31, batas_memori=3 * 2**30)
    assert len(sent) == len(first.hasil)
    _, sent = _run(agency, tmp_path, batas_detik=31, batas_memori=3 * 2**30)
    assert sent == []


@pytest.mark.parametrize("jobs", [1, 2, 3])
@pytest.mark.parametrize("count", [1, 5, 17, 50])
def test_files_are_hashed_in_order_on_any_number_of_threads(
    tmp_path: Path, jobs: int, count: int
) -> None:
    """Each path's hash at its place, however the paths are cut into runs for the
    threads; a file that cannot be read has none."""
    paths = []
    for n in range(count):
        path = tmp_path / f"b{n:02}.xlsx"
        path.write_bytes(bytes([n % 256]) * (n * 997 + 1))
        paths.append(path)
    paths.insert(count // 2, tmp_path / "tidak-ada.xlsx")
    expected = [
        None if not p.exists() else hashlib.sha256(p.read_bytes()).hexdigest() for p in paths
    ]
    assert sidik_semua(paths, jobs) == expected


def test_a_stored_result_that_does_not_check_is_read_after_all(
    agency: Path, tmp_path: Path
) -> None:
    """A file with a stored row is not sent to the readers at first (its result is loaded
    while they read the others); when that row turns out not to check (one byte of its
    blob changed), the file is read in a second round, and the result is whole."""
    root = tmp_path / "instansi"
    shutil.copytree(agency, root)
    first, _ = _run(root, tmp_path / "cache")
    files = sorted(root.rglob("*.xlsx"))
    files[0].write_bytes(files[0].read_bytes() + b"\0")  # one file changed: read at first
    with sqlite3.connect(tmp_path / "cache" / "hasil.sqlite3") as db:
        rows = db.execute("SELECT kunci, data FROM hasil ORDER BY kunci").fetchall()
        # Another file's row (the changed file's is not looked up: it has a new hash).
        kunci, data = next(
            (k, d)
            for k, d in rows[len(rows) // 2 :] + rows
            if pickle.loads(d).path != str(files[0])
        )
        db.execute(
            "UPDATE hasil SET data = ? WHERE kunci = ?", (data[:-1] + bytes([data[-1] ^ 1]), kunci)
        )
    spoiled = pickle.loads(data).path
    with _kirim() as rounds:
        result = konsolidasi(root, Opsi(jobs=2, folder_cache=tmp_path / "cache"))
    assert len(rows) >= len(files)
    assert rounds == [[str(files[0])], [spoiled]]
    fresh, _ = _run(root, tmp_path / "baru", cache=False)
    assert _comparable(result) == _comparable(fresh)
    assert len(result.hasil) == len(first.hasil)
