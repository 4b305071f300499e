"""Past one machine: the per-file step over a dask.distributed cluster.

The same pure step as the built-in pool (:func:`~skp_xl.batch.berkas.proses_berkas`), sent
to Dask workers in small batches. Inside each task the batch is read by the supervised
pool of :mod:`skp_xl.batch.pengawas` with one process, so a hostile file aborts, hangs or
runs out of memory in a child of the Dask worker and becomes that file's finding; the
worker itself stays up. Should a worker die anyway (the machine's OOM killer, a node
lost), Dask reports ``KilledWorker`` for its batch; each file of that batch is then sent
again on its own, and a file whose own task kills a worker becomes a finding
(``berkas-proses-berhenti``). The run never fails for one file.

The local cluster made here (no ``--scheduler``) runs its workers as threads of the
command (:data:`PROSES_LOKAL`), which start the reader processes. Dask starts a real
cluster's workers as daemonic processes by default, and a daemonic process may not start
children: start them with ``DASK_DISTRIBUTED__WORKER__DAEMON=False``. Where that is not
set, each task reads its files in the worker's own process (with the reader's soft time
limit only), and a file that kills the worker is caught by the resubmission above.
``docs/scale.md`` has the steps.

The files may also be fsspec URLs (``s3://bucket/instansi/...``, ``file://``,
``memory://``): the client lists them (:func:`daftar_url`), and each worker copies its
files' bytes into a private temporary folder, reads the copies as paths, and gives the
results back under the URLs (:func:`sebagai_url`). The inputs are never modified.

dask.distributed is an optional dependency (``pip install 'skp-xl[skala]'``); fsspec
comes with it, and each remote protocol needs its own package (s3fs, gcsfs, adlfs).
"""

from __future__ import annotations

import contextlib
import dataclasses
import multiprocessing
import os
import re
import tempfile
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any, TypeVar

from skp_xl.batch.berkas import HasilBerkas, berkas_gagal, proses_berkas
from skp_xl.batch.pengawas import Batas, JenisKegagalan, Kegagalan, _main_unseen, petakan
from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.errors import SkpError
from skp_xl.settings import EKSPOR_LIMITS, LIMITS

_T = TypeVar("_T")

PROSES_LOKAL = False
"""Whether the local cluster's workers are processes. They are threads of the command:
each task reads its files in a supervised child process all the same (the isolation), so
a worker process would only add its start (importing dask and the reader again: 10-20 s
on a busy 2-core machine, ``benchmarks/bench_dask.py``) and a pickling of every result on
its way back. A real cluster's workers are processes (``dask worker``) on other machines."""

PER_TUGAS = 16
"""Fewest files per Dask task: enough to amortise a task's overhead (a few ms on the
scheduler, one reader process started in the task)."""

TUGAS_PER_PEKERJA = 4
"""Tasks per worker thread when the files are many: a task starts its reader process
afresh, whose first file costs 0.2-1 s more than the next ones (a busy 2-core machine,
64 files read in tasks of 1, 16 and 64), so a few large tasks per worker beat many small
ones; four still balance the load when one worker is slower."""

MAKS_PER_TUGAS = 256
"""Most files per task: a task that kills its worker is sent again file by file, and the
progress bar moves by whole tasks."""


def per_tugas_untuk(files: int, workers: int, paling_sedikit: int = PER_TUGAS) -> int:
    """Files per task for ``files`` over ``workers`` worker threads."""
    spread = -(-files // max(1, workers * TUGAS_PER_PEKERJA))
    return max(paling_sedikit, min(MAKS_PER_TUGAS, spread))


class DaskTidakAda(SkpError):
    """dask.distributed is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Mesin Dask memerlukan paket dask.distributed, yang belum terpasang. Pasang "
            "dengan: pip install 'skp-xl[skala]' (atau jalankan tanpa --engine dask)."
        )


class UrlTidakTerbaca(SkpError):
    """An fsspec URL cannot be listed: its protocol's package is missing, the protocol is
    unknown, or the folder is not there."""


_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+://")

_PALING_BESAR = max(LIMITS.max_file_bytes, EKSPOR_LIMITS.max_file_bytes)
"""Bytes a worker copies of one file at most: every reader refuses a larger file by its
size alone, so a sparse stand-in of the same size gets the same finding (:func:`_salin`)."""


def adalah_url(text: str) -> bool:
    """Whether ``text`` is an fsspec URL (``s3://bucket/x``, ``file:///data/x``), not a
    path (a Windows drive letter is one character, a scheme at least two)."""
    return _URL.match(text) is not None


def _fs(url: str) -> tuple[Any, str]:
    """The fsspec filesystem of ``url`` and the path within it.

    Raises:
        UrlTidakTerbaca: The protocol is unknown or its package is not installed.
        DaskTidakAda: fsspec (which comes with Dask) is not installed.
    """
    try:
        import fsspec.core  # type: ignore[import-untyped]
        from fsspec.registry import known_implementations  # type: ignore[import-untyped]
    except ImportError as error:
        raise DaskTidakAda from error

    protocol = url.split("://", 1)[0]
    try:
        fs, path = fsspec.core.url_to_fs(url)
    except ImportError as error:
        known = known_implementations.get(protocol, {})
        package = known.get("class", "").split(".")[0]
        if package in ("", "fsspec"):  # fsspec's own class, needing other packages
            named = re.findall(r'"([^"]+)"', known.get("err", "")) or [str(error)]
            package = " ".join(named)
        raise UrlTidakTerbaca(
            f"Alamat '{url}' memakai protokol {protocol}://, yang memerlukan paket "
            f"{package}; paket itu belum terpasang. Pasang dengan: pip install {package} "
            "(di komputer ini dan di setiap pekerja Dask), lalu ulangi."
        ) from error
    except ValueError as error:
        raise UrlTidakTerbaca(
            f"Alamat '{url}' memakai protokol {protocol}:// yang tidak dikenal fsspec. "
            "Tulis path folder, atau alamat seperti s3://bucket/folder atau file:///folder."
        ) from error
    return fs, str(path)


def daftar_url(url: str) -> list[str]:
    """Every file under the folder ``url``, as URLs, in the order a walk of a folder
    gives them (each folder's files by name, then its subfolders by name); hidden
    folders are not entered.

    Raises:
        UrlTidakTerbaca: The protocol cannot be used, or ``url`` is no folder.
    """
    fs, root = _fs(url)
    try:
        found = fs.find(root) if fs.isdir(root) else None
    except OSError as error:
        raise UrlTidakTerbaca(f"Folder '{url}' tidak dapat dibaca: {error}.") from error
    if found is None:
        raise UrlTidakTerbaca(f"Folder '{url}' tidak ada atau bukan folder.")
    base = root.rstrip("/")
    relative = [p[len(base) :].lstrip("/") for p in found if p.startswith(base + "/")]
    parts = [r.split("/") for r in relative if r]
    shown = [p for p in parts if not any(d.startswith(".") for d in p[:-1])]
    # A folder's files before its subfolders, as os.walk gives them.
    shown.sort(key=lambda p: [(1, d) for d in p[:-1]] + [(0, p[-1])])
    prefix = url.rstrip("/")
    return [f"{prefix}/{'/'.join(p)}" for p in shown]


def unit_url(url: str, root: str) -> str:
    """The folder of ``url`` relative to the agency folder ``root`` ("" for the root)."""
    prefix = root.rstrip("/") + "/"
    if not url.startswith(prefix):
        return ""
    return url[len(prefix) :].rpartition("/")[0]


@contextlib.contextmanager
def salinan(url: str) -> Iterator[Path]:
    """A private local copy of the file at ``url``, under its own name, removed after.

    Raises:
        OSError: The file cannot be fetched.
        UrlTidakTerbaca: Its protocol cannot be used.
    """
    with tempfile.TemporaryDirectory(prefix="skp-xl-url-") as folder:
        target = Path(folder) / PurePosixPath(url.split("://", 1)[1]).name
        _salin(url, target)
        yield target


def _salin(url: str, target: Path) -> None:
    fs, path = _fs(url)
    with fs.open(path, "rb") as source, target.open("wb") as sink:
        copied = 0
        while copied <= _PALING_BESAR:
            chunk = source.read(1024 * 1024)
            if not chunk:
                return
            sink.write(chunk)
            copied += len(chunk)
    # Larger than any reader takes: a sparse file of the real size gives the same finding
    # (every reader looks at the size first) without fetching gigabytes.
    os.truncate(target, fs.size(path))


def sebagai_url(value: _T, local: str, url: str) -> _T:
    """``value`` with every text that names the local copy ``local`` naming ``url``
    instead: a result's path, its findings' paths and messages, an export's path."""
    if isinstance(value, str):
        return value.replace(local, url) if local in value else value  # type: ignore[return-value]
    if isinstance(value, tuple | list):
        items = [sebagai_url(v, local, url) for v in value]
        if all(a is b for a, b in zip(items, value, strict=True)):
            return value
        if hasattr(value, "_fields"):  # a named tuple
            return type(value)(*items)
        return type(value)(items)
    if isinstance(value, dict):
        return {  # type: ignore[return-value]
            sebagai_url(k, local, url): sebagai_url(v, local, url) for k, v in value.items()
        }
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in dataclasses.fields(value):
            before = getattr(value, f.name)
            after = sebagai_url(before, local, url)
            if after is not before:
                changes[f.name] = after
        return dataclasses.replace(value, **changes) if changes else value
    return value


def _tak_terambil(url: str, root: str, error: Exception) -> HasilBerkas:
    finding = Finding(
        Code.BERKAS_TIDAK_TERBACA,
        Severity.ERROR,
        f"'{url}' tidak dapat diambil oleh pekerja Dask ({type(error).__name__}: {error}). "
        "Periksa alamatnya dan hak akses pekerja ke penyimpanan itu, lalu ulangi.",
        path=url,
    )
    return HasilBerkas(url, unit_url(url, root), False, temuan=(finding,))


def baca_batch(
    paths: Sequence[str], root: str, batas_detik: float | None, batas: Batas
) -> list[HasilBerkas]:
    """Read a batch of files on a Dask worker, each in a supervised child process.

    Runs on the worker. URLs are read from private local copies. In a daemonic worker
    (children forbidden) the files are read in the worker's own process.
    """
    if not any(adalah_url(p) for p in paths):
        return _baca(paths, root, batas_detik, batas)
    with tempfile.TemporaryDirectory(prefix="skp-xl-url-") as folder:
        local: dict[int, str] = {}
        results: dict[int, HasilBerkas] = {}
        for index, url in enumerate(paths):
            target = Path(folder) / str(index) / PurePosixPath(url.split("://", 1)[1]).name
            target.parent.mkdir()
            try:
                _salin(url, target)
            except (OSError, SkpError) as error:
                results[index] = _tak_terambil(url, root, error)
                continue
            local[index] = str(target)
        got = _baca(list(local.values()), "", batas_detik, batas)
        for (index, copy), h in zip(local.items(), got, strict=True):
            url = paths[index]
            # Read as a lone copy; its unit is its folder's under the agency's URL.
            h = sebagai_url(h, copy, url)
            results[index] = dataclasses.replace(h, unit=unit_url(url, root))
    return [results[index] for index in range(len(paths))]


def _baca(
    paths: Sequence[str], root: str, batas_detik: float | None, batas: Batas
) -> list[HasilBerkas]:
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
            LocalCluster of ``jobs`` single-threaded workers on this machine (threads of
            this process: :data:`PROSES_LOKAL`).
        jobs: Workers of the local cluster (None: one per core).
        per_tugas: Fewest files per task (more when the files are many:
            :func:`per_tugas_untuk`).

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
            with _main_unseen():  # a spawned worker would import the whole command again
                cluster = LocalCluster(  # type: ignore[no-untyped-call]
                    n_workers=jobs,
                    threads_per_worker=1,
                    processes=PROSES_LOKAL,
                    dashboard_address=None,
                    # Its HTTP server (health, metrics) on a free local port: 8787 may be
                    # taken, and a warning about it would only puzzle a user.
                    scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                    silence_logs=50,
                )
            client = Client(cluster)  # type: ignore[no-untyped-call]
        try:
            workers = sum(client.nthreads().values())  # type: ignore[no-untyped-call]
            size = per_tugas_untuk(len(names), workers, per_tugas)
            yield from _run(client, as_completed, names, root, batas_detik, batas, size)
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
