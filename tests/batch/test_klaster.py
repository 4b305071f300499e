"""The Dask engine: the same results as the built-in pool, and one file's death is one
finding."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from skp_xl.batch import klaster
from skp_xl.batch.konsolidasi import Mesin, Opsi, konsolidasi
from skp_xl.batch.pengawas import Batas
from skp_xl.samples import generate_agency

pytest.importorskip("distributed")


class _Future:
    def __init__(self, fn: object, args: tuple[object, ...]) -> None:
        self.fn, self.args = fn, args

    def result(self) -> object:
        paths = self.args[0]
        assert isinstance(paths, list)
        if any("racun" in p for p in paths):
            raise RuntimeError("KilledWorker: the worker running this task died")
        return [klaster.berkas_gagal(p, _ok(), "") for p in paths]


def _ok() -> klaster.Kegagalan:
    return klaster.Kegagalan(klaster.JenisKegagalan.WAKTU, "uji", None, None)


class _Client:
    def __init__(self) -> None:
        self.submitted: list[list[str]] = []

    def submit(self, fn: object, *args: object, pure: bool) -> _Future:
        self.submitted.append(list(args[0]))  # type: ignore[call-overload]
        return _Future(fn, args)


class _AsCompleted:
    def __init__(self, futures: list[_Future]) -> None:
        self.queue = list(futures)

    def add(self, future: _Future) -> None:
        self.queue.append(future)

    def __iter__(self) -> Iterator[_Future]:
        while self.queue:
            yield self.queue.pop(0)


def test_a_batch_that_kills_its_worker_is_sent_again_file_by_file() -> None:
    names = [f"/a/{i}.xlsx" for i in range(7)] + ["/a/racun.xlsx"] + ["/a/z.xlsx"]
    client = _Client()
    got = dict(klaster._run(client, _AsCompleted, names, "", 60.0, Batas(), 4))
    assert sorted(got) == list(range(len(names)))
    assert [f.code for f in got[7].temuan] == ["berkas-proses-berhenti"]
    assert "Dask" in got[7].temuan[0].message
    assert all(got[i].temuan[0].code == "berkas-waktu-habis" for i in got if i != 7)
    # The poisoned batch (files 4-7) went again as four single tasks.
    assert client.submitted[-4:] == [[names[i]] for i in range(4, 8)]


def test_many_files_go_in_a_few_large_tasks_per_worker() -> None:
    assert klaster.per_tugas_untuk(40, 2) == 16  # few files: the smallest task
    assert klaster.per_tugas_untuk(2000, 2) == 250  # four tasks per worker
    assert klaster.per_tugas_untuk(100_000, 2) == 256  # capped
    assert klaster.per_tugas_untuk(0, 0) == 16


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("instansi")
    generate_agency(root, pegawai=6, seed=4, masalah=True, jobs=1)
    return root


def test_dask_gives_what_the_pool_gives(agency: Path) -> None:
    pool = konsolidasi(agency, Opsi(jobs=2, cache=False))
    dask = konsolidasi(agency, Opsi(jobs=2, cache=False, mesin=Mesin.DASK))
    assert [h.path for h in dask.hasil] == [h.path for h in pool.hasil]
    assert dask.pegawai.equals(pool.pegawai)
    assert dask.temuan.equals(pool.temuan)
    assert dask.ringkasan.equals(pool.ringkasan)
