"""Past one machine: the per-file step over a dask.distributed cluster.

The same pure step as the built-in pool (:func:`~skp_xl.batch.berkas.proses_berkas`), sent
to Dask workers in small batches. Inside each task the batch is read by the supervised
pool of :mod:`skp_xl.batch.pengawas` with one process, so a hostile file aborts, hangs or
runs out of memory in a child of the Dask worker and becomes that file's finding; the
worker itself stays up. Should a worker die anyway (the machine's OOM killer, a node
lost), Dask reports ``KilledWorker`` for its batch; each file of that batch is then sent
again on its own, and a file whose own task kills a worker becomes a finding
(``berkas-proses-berhenti``). The run never fails for one file.

Dask starts its workers as daemonic processes by default, and a daemonic process may not
start children; the local cluster made here sets ``distributed.worker.daemon: False``.
On a real cluster, start the workers with that setting (``DASK_DISTRIBUTED__WORKER__DAEMON
=False``); where it is not set, each task reads its files in the worker's own process
(with the reader's soft time limit only), and a file that kills the worker is caught by
the resubmission above. ``docs/scale.md`` has the steps.

dask.distributed is an optional dependency (``pip install 'skp-xl[skala]'``).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from functools import partial

from skp_xl.batch.berkas import HasilBerkas, berkas_gagal, proses_berkas
from skp_xl.batch.pengawas import Batas, JenisKegagalan, Kegagalan, petakan
from skp_xl.errors import SkpError

PER_TUGAS = 16
"""Files per Dask task: enough to amortise a task's overhead (a few ms on the scheduler,
one process start in the task), few enough to balance the load."""


class DaskTidakAda(SkpError):
    """dask.distributed is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Mesin Dask memerlukan paket dask.distributed, yang belum terpasang. Pasang "
            "dengan: pip install 'skp-xl[skala]' (atau jalankan tanpa --engine dask)."
        )


def baca_batch(
    paths: Sequence[str], root: str, batas_detik: float | None, batas: Batas
) -> list[HasilBerkas]:
    """Read a batch of files on a Dask worker, each in a supervised child process.

    Runs on the worker. In a daemonic worker (children forbidden) the files are read in
    the worker's own process.
    """
    step = partial(proses_berkas, root=root, batas_detik=batas_detik)
    if multiprocessing.current_process().daemon:
        return [step(path) for path in paths]
    gagal = partial(berkas_gagal, root=root)
    got = dict(petakan(step, list(paths), gagal, jobs=1, batas=batas))
    return [got[index] for index in range(len(paths))]


def petakan_dask(
    names: Sequence[str],
    root: str,
    *,
    batas_detik: float | None,
    batas: Batas,
    scheduler: str | None = None,
    jobs: int | None = None,
    per_tugas: int = PER_TUGAS,
) -> Iterator[tuple[int, HasilBerkas]]:
    """Read ``names`` on a Dask cluster: ``(index, result)`` for every file, as they finish.

    Args:
        names: The files (paths every worker can reach).
        root: The agency folder they were found under.
        batas_detik: The soft time limit per file.
        batas: The limits of each file's reader process.
        scheduler: A running scheduler's address (``tcp://host:8786``); None starts a
            LocalCluster of ``jobs`` single-threaded worker processes on this machine.
        jobs: Workers of the local cluster (None: one per core).
        per_tugas: Files per task.

    Raises:
        DaskTidakAda: dask.distributed is not installed.
    """
    try:
        import dask
        from distributed import Client, LocalCluster, as_completed
    except ImportError as error:
        raise DaskTidakAda from error
    settings = {
        # A batch that kills a worker is not retried as a whole: its files are sent again
        # one by one below, so one hostile file cannot take its neighbours with it.
        "distributed.scheduler.allowed-failures": 0,
        "distributed.worker.daemon": False,
        "distributed.admin.tick.limit": "1h",
    }
    with dask.config.set(settings):
        if scheduler:
            client = Client(scheduler)  # type: ignore[no-untyped-call]
            cluster = None
        else:
            cluster = LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=jobs,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        try:
            yield from _run(client, as_completed, names, root, batas_detik, batas, per_tugas)
        finally:
            client.close()  # type: ignore[no-untyped-call]
            if cluster is not None:
                cluster.close()


def _run(
    client: object,
    as_completed: Callable[..., Iterator[object]],
    names: Sequence[str],
    root: str,
    batas_detik: float | None,
    batas: Batas,
    per_tugas: int,
) -> Iterator[tuple[int, HasilBerkas]]:
    batches = [
        list(range(i, min(i + per_tugas, len(names)))) for i in range(0, len(names), per_tugas)
    ]
    futures = {}
    for batch in batches:
        future = client.submit(  # type: ignore[attr-defined]
            baca_batch, [names[i] for i in batch], root, batas_detik, batas, pure=False
        )
        futures[future] = batch
    pending = as_completed(list(futures))
    for future in pending:
        batch = futures[future]
        try:
            results = future.result()  # type: ignore[attr-defined]
        except Exception as error:  # KilledWorker, a lost node: isolate the culprit
            if len(batch) > 1:
                for index in batch:
                    single = client.submit(  # type: ignore[attr-defined]
                        baca_batch, [names[index]], root, batas_detik, batas, pure=False
                    )
                    futures[single] = [index]
                    pending.add(single)  # type: ignore[attr-defined]
                continue
            failure = Kegagalan(
                JenisKegagalan.MATI,
                f"pekerja Dask berhenti: {type(error).__name__}",
                batas.keras,
                batas.memori,
            )
            yield batch[0], berkas_gagal(names[batch[0]], failure, root)
            continue
        yield from zip(batch, results, strict=True)
