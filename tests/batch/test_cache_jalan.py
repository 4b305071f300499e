"""A re-run with nothing changed is answered from the cache's whole runs: the summary left
as it is (or written again with the same bytes), the same document; any change of input,
option, version or output place makes a full run."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skp_xl.batch import cache as cache_module
from skp_xl.batch import konsolidasi as konsolidasi_module
from skp_xl.batch import masukan as masukan_module
from skp_xl.cli import app
from skp_xl.samples import generate_agency
from tests.batch.tukar import tukar_isi


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("instansi")
    generate_agency(root, pegawai=8, seed=11, masalah=True, jobs=1)
    return root


@pytest.fixture
def root(agency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the agency to change, with its own cache."""
    monkeypatch.setenv("SKP_XL_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "instansi"
    shutil.copytree(agency, copy)
    return copy


class Reads:
    """Which files went to a reader process during one command."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sent: list[str] = []
        real = konsolidasi_module.petakan

        def spy(fn, items, gagal, **kw):  # type: ignore[no-untyped-def]
            items = list(items)
            self.sent.extend(items)
            return real(fn, items, gagal, **kw)

        monkeypatch.setattr(konsolidasi_module, "petakan", spy)


def _consolidate(root: Path, out: Path, *extra: str) -> dict[str, object]:
    args = ["consolidate", str(root), "-o", str(out), "-j", "2", "--force", "--json", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def _give_new_bytes(path: Path) -> None:
    """The same workbook with other bytes: its zip comment rewritten."""
    with zipfile.ZipFile(path, "a") as archive:
        archive.comment = b"diperbaiki unit"


def _same(document: dict[str, object]) -> dict[str, object]:
    """The document without what says how it was made."""
    return {k: v for k, v in document.items() if k not in ("cache", "pesan")}


def test_nothing_changed_leaves_the_summary_as_it_is(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    first = _consolidate(root, out)
    assert "cache" not in first
    written = out.read_bytes()
    stat = out.stat()
    reads = Reads(monkeypatch)
    again = _consolidate(root, out)
    assert again["cache"] == "tidak-berubah"
    assert "dibiarkan apa adanya" in str(again["pesan"])
    assert reads.sent == []
    assert out.stat().st_mtime_ns == stat.st_mtime_ns
    assert out.read_bytes() == written
    assert _same(again) == first
    fresh = _consolidate(root, tmp_path / "lain.xlsx", "--tanpa-cache")
    assert _same(again) == fresh | {"output": str(out)}


def test_a_changed_or_missing_output_is_written_again_with_the_runs_bytes(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    first = _consolidate(root, out)
    written = out.read_bytes()
    out.write_bytes(written[:-1] + bytes([written[-1] ^ 1]))
    again = _consolidate(root, out)
    assert again["cache"] == "ditulis-ulang"
    assert out.read_bytes() == written
    out.unlink()
    third = _consolidate(root, out)
    assert third["cache"] == "ditulis-ulang"
    assert out.read_bytes() == written
    assert _same(third) == first


def test_the_command_says_so_in_indonesian(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "ringkasan.xlsx"
    _consolidate(root, out)
    result = CliRunner().invoke(app, ["consolidate", str(root), "-o", str(out), "--force"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "tidak ada yang berubah" in text
    assert "Tidak ada berkas yang berubah sejak konsolidasi sebelumnya" in text
    assert "Ringkasan " in text  # the distribution table, as a full run prints it


def test_a_changed_byte_makes_a_full_run_that_reads_only_that_file(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    _consolidate(root, out)
    files = sorted(root.rglob("*.xlsx"))
    _give_new_bytes(files[2])
    reads = Reads(monkeypatch)
    again = _consolidate(root, out)
    assert "cache" not in again
    assert reads.sent == [str(files[2])]
    fresh = _consolidate(root, tmp_path / "lain.xlsx", "--tanpa-cache")
    assert again == fresh | {"output": str(out)}


def test_a_swapped_file_of_the_same_size_and_time_makes_a_full_run(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    _consolidate(root, out)
    a, b = sorted(root.rglob("*.xlsx"))[:2]
    tukar_isi(a, b)
    reads = Reads(monkeypatch)
    again = _consolidate(root, out)
    assert "cache" not in again
    assert sorted(reads.sent) == sorted([str(a), str(b)])


@pytest.mark.parametrize(
    "change",
    [
        ["--pola-minimal", "1"],
        ["--tingkat", "0"],
        ["--semua-periode"],
        ["--nip-ganda", "semua"],
        ["--batas-detik", "30"],
        ["--periode", "TW I"],
        "another output",
        "a file added",
        "a file skipped",
        "another version",
    ],
)
def test_any_other_input_option_place_or_version_makes_a_full_run(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: list[str] | str
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    _consolidate(root, out)
    extra: list[str] = []
    if isinstance(change, list):
        extra = change
    elif change == "another output":
        out = tmp_path / "lain" / "ringkasan.xlsx"
    elif change == "a file added":
        source = sorted(root.rglob("*.xlsx"))[0]
        shutil.copy(source, source.with_name("salinan.xlsx"))
    elif change == "a file skipped":
        (root / "catatan.txt").write_text("bukan buku kerja")
    else:
        monkeypatch.setattr(cache_module, "versi_kode", lambda: "skp-xl lain")
    again = _consolidate(root, out, *extra)
    assert "cache" not in again
    # And that run is kept in its turn.
    assert _consolidate(root, out, *extra)["cache"] == "tidak-berubah"


def test_csv_and_parquet_outputs_always_make_a_full_run(root: Path, tmp_path: Path) -> None:
    out = tmp_path / "ringkasan.xlsx"
    _consolidate(root, out, "--csv", str(tmp_path / "csv"))
    (tmp_path / "csv" / "pegawai.csv").unlink()
    again = _consolidate(root, out, "--csv", str(tmp_path / "csv"))
    assert "cache" not in again
    assert (tmp_path / "csv" / "pegawai.csv").exists()


def test_a_foreign_or_truncated_cache_is_never_trusted(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    first = _consolidate(root, out)
    folder = tmp_path / "cache"
    (folder / "kunci").write_bytes(os.urandom(32))  # another user's, or planted
    reads = Reads(monkeypatch)
    again = _consolidate(root, out)
    assert "cache" not in again
    assert len(reads.sent) == first["files"]
    database = folder / "hasil.sqlite3"
    database.write_bytes(database.read_bytes()[:100])  # truncated
    third = _consolidate(root, out)
    assert "cache" not in third
    assert {"path": None, "code": "cache-diabaikan"} in third["skipped"]  # type: ignore[operator]
    # A run that met a damaged cache is not kept whole: its notes would be replayed.
    assert "cache" not in _consolidate(root, out)


def test_a_run_is_not_kept_when_a_file_changed_while_it_was_read(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    files = sorted(root.rglob("*.xlsx"))
    original = files[0].read_bytes()
    real = konsolidasi_module.kumpulkan
    # A folder the cache holds results of is hashed before it is read (and, here, not
    # the result of files[0]'s bytes hashed below: that file is read).
    _give_new_bytes(files[0])
    _consolidate(root, tmp_path / "sebelumnya.xlsx")
    files[0].write_bytes(original)

    def late(
        folder: Path, opsi: konsolidasi_module.Opsi, cache: cache_module.Cache | None = None
    ) -> konsolidasi_module.Masukan:
        found = real(folder, opsi, cache)
        assert found.sidik is not None
        _give_new_bytes(files[0])  # changed after hashing, before reading
        return found

    monkeypatch.setattr("skp_xl.cli.consolidate.kumpulkan", late)
    _consolidate(root, out)
    monkeypatch.setattr("skp_xl.cli.consolidate.kumpulkan", real)
    # Back to the bytes that were hashed: that run read others, so it must not answer.
    files[0].write_bytes(original)
    assert "cache" not in _consolidate(root, out)
    assert _consolidate(root, out)["cache"] == "tidak-berubah"


class Hashed:
    """How many files the consolidating process hashed before reading them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files = 0
        real = konsolidasi_module.sidik_semua

        def spy(paths, jobs=None):  # type: ignore[no-untyped-def]
            self.files += len(paths)
            return real(paths, jobs)

        # Before reading (kumpulkan, in masukan) and while reading (baca_semua).
        for module in (masukan_module, konsolidasi_module):
            monkeypatch.setattr(module, "sidik_semua", spy)


def test_a_first_run_over_a_folder_reads_each_file_once_and_keeps_the_readers_hashes(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of the folder is in the cache: no file is hashed before it is read (on a
    share, every file would be fetched twice), and the results and the run are kept
    under the hashes the readers took, which are the files' own: the next run, which
    hashes them here, finds the run whole."""
    out = tmp_path / "ringkasan.xlsx"
    hashed, reads = Hashed(monkeypatch), Reads(monkeypatch)
    first = _consolidate(root, out)
    assert hashed.files == 0
    assert len(reads.sent) == first["files"]
    again = _consolidate(root, out)
    assert hashed.files == first["files"]
    assert again["cache"] == "tidak-berubah"
    assert _same(again) == _same(first)
    # Another output place: the run is not kept for it, every result is.
    reads.sent.clear()
    other = _consolidate(root, tmp_path / "lain.xlsx")
    assert "cache" not in other
    assert reads.sent == []


def test_a_folder_is_known_to_the_cache_only_once_results_of_it_are_stored(
    root: Path, tmp_path: Path
) -> None:
    with cache_module.dibuka(tmp_path / "cache") as cache:
        assert not cache.kenal(str(root))
        cache.simpan(str(root), [])  # nothing to store: still noted, harmlessly
        assert cache.kenal(str(root))
        assert not cache.kenal(str(tmp_path / "lain"))
        cache.simpan_jalan("ciri", cache_module.Jalan(b"", {}), str(tmp_path / "lain"))
        assert cache.kenal(str(tmp_path / "lain"))
    # Another skp-xl (its code changed): nothing it stored can be found, nor the folder.
    cache_module.versi_kode.cache_clear()
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cache_module, "TEMPLATE_VERSION", "lain")
            with cache_module.dibuka(tmp_path / "cache") as cache:
                assert not cache.kenal(str(root))
    finally:
        cache_module.versi_kode.cache_clear()


def test_a_cache_that_cannot_answer_has_every_file_hashed(tmp_path: Path) -> None:
    with cache_module.dibuka(tmp_path / "cache") as cache:
        assert cache._db is not None
        cache._db.execute("DROP TABLE akar")
        assert cache.kenal(str(tmp_path))


def test_a_result_without_the_readers_hash_is_hashed_after_reading(tmp_path: Path) -> None:
    """A file whose reader died has no hash of its own: the run's key takes the file's."""
    from skp_xl.batch.berkas import HasilBerkas

    files = [tmp_path / "a.xlsx", tmp_path / "b.xlsx"]
    for n, path in enumerate(files):
        path.write_bytes(bytes([n]) * 10)
    masukan = konsolidasi_module.Masukan(tmp_path, files, [], None, tunda=True)
    hasil = [
        HasilBerkas(str(files[0]), "", True, isi="dari-pembaca"),
        HasilBerkas(str(files[1]), "", False),
    ]
    done = masukan.lengkapi(hasil)
    assert done.sidik == ["dari-pembaca", cache_module.sidik(files[1])]
    assert not done.tunda
    assert done.utuh(hasil)
    assert masukan.lengkapi([]) is not masukan
    assert done.lengkapi([]) is done


def test_a_rerun_answered_from_the_cache_imports_none_of_the_tables_libraries(
    root: Path, tmp_path: Path
) -> None:
    """The re-run HR makes most, nothing changed, as the console script runs it: its
    process hashes the files and answers from the cache without importing pandas,
    pandera, pyarrow or the summary's writers (they were most of its time), and prints
    the run it answers with."""
    out = tmp_path / "ringkasan.xlsx"
    first = _consolidate(root, out)
    heavy = ("pandas", "pandera", "pyarrow", "openpyxl", "xlsxwriter", "skp_xl.batch.konsolidasi")
    probe = (
        "import atexit, sys\n"
        f"heavy = {heavy!r}\n"
        "atexit.register(lambda: sys.stderr.write('LOADED:' + ','.join("
        "m for m in heavy if m in sys.modules) + '\\n'))\n"
        f"sys.argv = ['skp-xl', 'consolidate', {str(root)!r}, '-o', {str(out)!r}, '-j', '2', "
        "'--force', '--json']\n"
        "from skp_xl.cli import main\n"
        "main()\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, env=os.environ
    )
    assert completed.returncode == 0, completed.stderr
    again = json.loads(completed.stdout)
    assert again["cache"] == "tidak-berubah"
    assert _same(again) == _same(first)
    assert "LOADED:\n" in completed.stderr

    # And as a person reads it: the Ringkasan table and the summary line, as a full run's.
    printed = subprocess.run(
        [sys.executable, "-m", "skp_xl", "consolidate", str(root), "-o", str(out), "--force"],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"COLUMNS": "200"},
    )
    assert printed.returncode == 0, printed.stderr
    assert "(Instansi)" in printed.stdout
    assert f"{first['files']} berkas diperiksa dalam" in printed.stdout
    assert "tidak ada yang berubah" in printed.stdout


def test_a_full_run_makes_its_tables_and_summary_with_arrow_on_the_c_library(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command's tables and summary are made with Arrow allocating from the C library
    (:func:`~skp_xl.batch.sampah.arrow_sistem`); the pool before it is back after."""
    import pyarrow as pa

    from skp_xl.summary import workbook

    seen: list[str] = []
    real = workbook.write_summary

    def write_summary(*args: object, **kwargs: object) -> None:
        seen.append(pa.default_memory_pool().backend_name)
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(workbook, "write_summary", write_summary)
    before = pa.default_memory_pool().backend_name
    _consolidate(root, tmp_path / "ringkasan.xlsx", "--tanpa-cache")
    assert seen == ["system"]
    assert pa.default_memory_pool().backend_name == before
