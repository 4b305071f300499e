"""A supervised process pool: each worker reads one task at a time, limits enforced from
outside.

Reading a hostile workbook can end a process in ways Python cannot catch: python-calamine
allocates the rectangle from A1 to the farthest cell before it reads a value, so one cell
at XFD1048576 asks for hundreds of gigabytes and the Rust allocator aborts the process; a
loop inside native code ignores ``SIGALRM``. In a :class:`concurrent.futures.ProcessPoolExecutor`
either kills the whole run (``BrokenProcessPool``). Here each worker reads one file at a
time, in the order it was sent them, so the parent always knows which file a dead or stuck
worker was on: the first it has not answered. It turns that file into a :class:`Kegagalan`
for the caller, replaces the worker, hands the tasks sent ahead to it to another, and goes
on.

A worker is sent its next task before it answers the one it reads (:data:`_ANTRE`), so it
never waits for the parent between two files: that round trip (the answer received and
unpickled, the next task sent, both processes woken) cost 0.7-0.8 ms a file, 6% of a
worker's time on an SKP, measured on a 2-core machine with one worker and with two.

The limits:

- **memory**: each worker sets ``RLIMIT_AS`` (its address space) at start, so a runaway
  allocation fails inside that worker instead of exhausting the machine (POSIX only;
  Windows has no ``resource`` module, so there the cap is not set and only the OS's own
  limits apply);
- **time**: the parent kills (``SIGKILL``/``TerminateProcess``) a worker whose file has run
  past its hard limit. The worker's own soft limit (``SIGALRM`` in
  :mod:`skp_xl.batch.berkas`) fires first for Python code and yields a tidy finding; the
  hard limit is for native code that never returns to the interpreter.

Workers start from a clean ``forkserver`` on Linux (not ``fork``: a fork of a parent that
imported pandas would inherit its address space, against the memory cap, and its threads)
and by ``spawn`` elsewhere. A worker's standard error goes to a private file, read back
after a death to tell a memory failure ("memory allocation of N bytes failed",
``MemoryError``) from any other.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, Generic, TypeVar

from skp_xl import alokasi
from skp_xl.batch.sampah import gc_batch

T = TypeVar("T")
R = TypeVar("R")

_TAIL_BYTES = 256 * 1024  # a Rust backtrace after the message runs to tens of KB
_MEMORY_SIGNS = (
    "memory allocation of",  # Rust's default allocation-failure handler
    "MemoryError",
    "Cannot allocate memory",
    "std::bad_alloc",
    "out of memory",
)


class JenisKegagalan(StrEnum):
    """How a worker failed on one task."""

    WAKTU = "waktu"
    """Still running at the hard time limit: killed."""
    MEMORI = "memori"
    """Ran out of its address space (the memory cap) or of the machine's memory."""
    MATI = "mati"
    """Ended without an answer for another reason (a crash in native code, a signal)."""


@dataclass(frozen=True, slots=True)
class Kegagalan:
    """A task that got no answer from its worker.

    Attributes:
        jenis: What happened.
        detail: The exit code or signal and the end of the worker's standard error, for a
            message; never shown alone.
        batas_detik: The hard time limit in force.
        batas_memori: The memory cap in force, in bytes (``None``: none set).
    """

    jenis: JenisKegagalan
    detail: str
    batas_detik: float | None
    batas_memori: int | None


@dataclass(frozen=True, slots=True)
class Batas:
    """The limits of one worker task.

    Attributes:
        detik: The soft limit the task sets itself (``None``: none); the parent kills the
            worker at ``detik + tenggang``.
        tenggang: Seconds past the soft limit before the parent kills the worker.
        memori: Address-space cap per worker in bytes (``None``: none).
    """

    detik: float | None = None
    tenggang: float = 5.0
    memori: int | None = None

    @property
    def keras(self) -> float | None:
        """The hard limit: when the parent kills a worker still on one task."""
        return None if self.detik is None else self.detik + self.tenggang


@dataclass(frozen=True, slots=True)
class Fungsi:
    """A module-level function named by its module and name, with keyword arguments: a
    task function the parent can hand to :func:`petakan` without importing its module.

    ``skp-xl validate`` runs ``validate_file`` only in its workers; importing the reader
    in the parent as well, only to pickle a reference to it, cost the command 0.5 s of
    CPU before the first file.

    Attributes:
        modul: The function's module (the forkserver imports it once for every worker).
        nama: The function's name in ``modul``.
        kwargs: Keyword arguments passed on each call, as ``(name, value)`` pairs.
    """

    modul: str
    nama: str
    kwargs: tuple[tuple[str, object], ...] = ()

    def __call__(self, item: object) -> Any:
        return getattr(importlib.import_module(self.modul), self.nama)(item, **dict(self.kwargs))


def _module(fn: Callable[..., object]) -> str | None:
    if isinstance(fn, Fungsi):
        return fn.modul
    module = getattr(getattr(fn, "func", fn), "__module__", None)
    return module if isinstance(module, str) else None


def _context(fn: Callable[..., object], pramuat: Sequence[str] = ()) -> BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    # The server imports the task's module once (and ``pramuat``, what the task imports
    # only when it needs it), so a worker starts in milliseconds instead of importing
    # the reader again. Once running, the server keeps what it imported.
    module = _module(fn)
    if module and module != "__main__":
        ctx.set_forkserver_preload([module, *pramuat])
    return ctx


def siapkan(fn: Callable[..., object], pramuat: Sequence[str] = ()) -> None:
    """Start the server that forks the workers of ``fn`` now, without waiting for it.

    The server imports ``fn``'s module (the reader: 0.5 s of CPU) in its own process, so
    calling this before the caller's own work (walking a folder, its own imports) runs
    the two side by side instead of one after the other. :func:`petakan` starts it anyway
    when it was not started here; where workers are spawned, this does nothing.
    ``pramuat``: modules the server imports too (:func:`petakan`).
    """
    ctx = _context(fn, pramuat)
    if ctx.get_start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    with _main_unseen():
        forkserver.ensure_running()


@contextlib.contextmanager
def _main_unseen() -> Iterator[None]:
    """Start a worker without it running the parent's main script again.

    A forkserver or spawn child runs the parent's ``__main__`` file again when it is a
    script (CPython's forkserver never preloads it: the server is sent a ``main_path``
    key that the preparation data does not have). For ``skp-xl`` that script imports the
    command line and everything under it (1-2 s per worker on a busy machine, measured);
    a pool that replaces a worker, or a Dask task that starts one, pays it each time.
    The worker needs nothing from ``__main__``: its function lives in a module and is
    imported by name. So ``__main__`` hides its file while the child is prepared.
    """
    main = sys.modules.get("__main__")
    saved = main.__dict__.pop("__file__", None) if main is not None else None
    try:
        yield
    finally:
        if main is not None and saved is not None:
            main.__dict__["__file__"] = saved


def _worker(
    conn: Connection,
    fn: Callable[[object], object],
    memori: int | None,
    stderr_path: str,
) -> None:  # pragma: no cover - runs in the child; its behaviour is tested through petakan
    """The loop of one worker: receive a task, answer it, until told to stop."""
    with contextlib.suppress(OSError):
        fd = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        os.dup2(fd, 2)
        os.close(fd)
    # The parent handles Ctrl+C and stops the workers; a worker interrupted mid-read
    # would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Files one after another: the allocator keeps what one frees for the next, and the
    # collector leaves alone what the server imported and what one file's reading makes
    # and frees by reference counts (as in the parent's batch run): its collections were
    # 0.34 ms of an SKP's 11 (a generation-2 walk of the reader's modules every 100 files).
    alokasi.tetapkan()
    if memori is not None:
        with contextlib.suppress(ImportError, ValueError, OSError):
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memori, memori))
    with gc_batch():
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            index, item = task
            # Only this task's messages count when the parent reads them after a death.
            with contextlib.suppress(OSError):
                os.ftruncate(2, 0)
            try:
                answer: tuple[str, object] = ("ok", fn(item))
            except MemoryError:
                answer = ("memori", "MemoryError")
            except BaseException as error:  # reported to the parent as a death
                answer = ("mati", f"{type(error).__name__}: {error}")
            try:
                conn.send((index, answer))
            except MemoryError:
                conn.send((index, ("memori", "MemoryError")))


_ANTRE = 2
"""Tasks a worker holds at most: the one it reads and the next, sent ahead."""


@dataclass(slots=True)
class _Slot:
    process: BaseProcess
    conn: Connection
    stderr: Path
    # Sent and not answered yet, in the order sent (items of the pool's type): the
    # worker reads the first, since ``started``.
    tasks: deque[tuple[int, Any]] = field(default_factory=deque)
    started: float = 0.0


class _Pool(Generic[T, R]):
    def __init__(self, fn: Callable[[T], R], batas: Batas, workdir: Path, ctx: BaseContext) -> None:
        self.fn = fn
        self.batas = batas
        self.workdir = workdir
        self.ctx = ctx
        self.slots: list[_Slot] = []
        self.started = 0

    def start(self) -> _Slot:
        parent, child = self.ctx.Pipe(duplex=True)
        self.started += 1
        stderr = self.workdir / f"pekerja-{self.started}.stderr"
        process = self.ctx.Process(  # type: ignore[attr-defined]
            target=_worker,
            args=(child, self.fn, self.batas.memori, str(stderr)),
            daemon=True,
        )
        with _main_unseen():
            process.start()
        child.close()
        return _Slot(process, parent, stderr)

    def stop(self, slot: _Slot, *, kill: bool) -> None:
        if kill:
            slot.process.kill()
        else:
            with contextlib.suppress(OSError, BrokenPipeError):
                slot.conn.send(None)
        slot.process.join(timeout=None if kill else 5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()

    def tail(self, slot: _Slot) -> str:
        try:
            with slot.stderr.open("rb") as handle:
                handle.seek(0, os.SEEK_END)
                size = handle.tell()
                handle.seek(max(0, size - _TAIL_BYTES))
                return handle.read().decode("utf-8", "replace").strip()
        except OSError:
            return ""

    def death(self, slot: _Slot) -> Kegagalan:
        slot.process.join(timeout=5)
        code = slot.process.exitcode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                how = f"dihentikan sinyal {signal.Signals(-code).name}"
        else:
            how = f"keluar dengan kode {code}"
        lines = self.tail(slot).splitlines()
        memory = [line for line in lines if any(sign in line for sign in _MEMORY_SIGNS)]
        jenis = JenisKegagalan.MEMORI if memory else JenisKegagalan.MATI
        said = (memory or lines or [""])[0 if memory else -1].strip()[:300]
        detail = f"{how}; {said}" if said else how
        return Kegagalan(jenis, detail, self.batas.keras, self.batas.memori)


def petakan(
    fn: Callable[[T], R],
    items: Iterable[T],
    gagal: Callable[[T, Kegagalan], R],
    *,
    jobs: int,
    batas: Batas = Batas(),
    pramuat: Sequence[str] = (),
    sambil: Iterator[object] | None = None,
) -> Iterator[tuple[int, R]]:
    """``fn`` over ``items`` in ``jobs`` supervised workers, answers as they come.

    Args:
        fn: A picklable function of one item (a module-level function); it should not
            raise (an exception it raises is reported through ``gagal`` as a death).
        items: The tasks; each must pickle.
        gagal: Makes the answer for an item whose worker died, hung or ran out of memory.
        jobs: Workers to run at once (at least 1).
        batas: The limits of each task.
        pramuat: Modules the task imports only when it needs them, to be imported once
            with ``fn``'s module where workers fork from a server (a task that needs
            none of them starts sooner without).
        sambil: Other work, a step at a time, for the caller's process to do while no
            worker has an answer (the workers starting, then reading) instead of
            waiting: one step whenever a look at the workers finds nothing to take.
            Not every step need be run: the caller runs what is left after the last
            answer (all of it when there are no items).

    Yields:
        ``(index, answer)`` for every item, in the order they finish; every index once.
    """
    queue: deque[tuple[int, T]] = deque(enumerate(items))
    if not queue:
        return
    jobs = max(1, min(jobs, len(queue)))
    with tempfile.TemporaryDirectory(prefix="skp-xl-pekerja-") as tmp:
        pool: _Pool[T, R] = _Pool(fn, batas, Path(tmp), _context(fn, pramuat))
        try:
            pool.slots = [pool.start() for _ in range(jobs)]
            yield from _run(pool, queue, gagal, sambil)
        finally:
            for slot in pool.slots:
                pool.stop(slot, kill=bool(slot.tasks))


def _run(
    pool: _Pool[T, R],
    queue: deque[tuple[int, T]],
    gagal: Callable[[T, Kegagalan], R],
    sambil: Iterator[object] | None = None,
) -> Iterator[tuple[int, R]]:
    def give(slot: _Slot) -> None:
        """Top ``slot`` up to :data:`_ANTRE` tasks; a task is sent ahead only while the
        queue has one for every worker, so the last few go to whichever is free."""
        while queue and (
            not slot.tasks or (len(slot.tasks) < _ANTRE and len(queue) >= len(pool.slots))
        ):
            task = queue.popleft()
            if not slot.tasks:
                slot.started = time.monotonic()
            slot.tasks.append(task)
            # A worker that died between tasks shows as a death on the next wait.
            with contextlib.suppress(BrokenPipeError, OSError):
                slot.conn.send(task)

    def fail(slot: _Slot, failure: Kegagalan, *, keep: bool = False) -> tuple[int, R]:
        """The answer for the task ``slot`` reads, which got none. Unless the worker is
        kept, it is replaced and the tasks sent ahead to it go back to the queue."""
        index, item = slot.tasks.popleft()
        if keep:
            slot.started = time.monotonic()
        else:
            queue.extendleft(reversed(slot.tasks))
            slot.tasks.clear()
            pool.stop(slot, kill=True)
            at = pool.slots.index(slot)
            slot = pool.slots[at] = pool.start()
        give(slot)
        return index, gagal(item, failure)

    for slot in pool.slots:
        give(slot)
    hard = pool.batas.keras
    while any(slot.tasks for slot in pool.slots):
        busy = [slot for slot in pool.slots if slot.tasks]
        timeout = None
        if sambil is not None:
            timeout = 0.0  # a look only: the caller's work waits otherwise
        elif hard is not None:
            now = time.monotonic()
            timeout = max(0.0, min(slot.started + hard - now for slot in busy))
        ready = wait(
            [slot.conn for slot in busy] + [slot.process.sentinel for slot in busy],
            timeout=timeout,
        )
        if not ready and sambil is not None and next(sambil, _HABIS) is _HABIS:
            sambil = None
        # With nothing ready, the loop below only checks each task's time.
        for slot in busy:
            if slot.conn in ready:
                try:
                    got_index, (kind, value) = slot.conn.recv()
                except (EOFError, OSError):
                    yield fail(slot, pool.death(slot))
                    continue
                if kind == "ok":
                    slot.tasks.popleft()
                    # The worker reads the task sent ahead already; the next is sent
                    # before the caller stores this answer.
                    slot.started = time.monotonic()
                    give(slot)
                    yield got_index, value
                    continue
                jenis = JenisKegagalan.MEMORI if kind == "memori" else JenisKegagalan.MATI
                failure = Kegagalan(jenis, str(value), hard, pool.batas.memori)
                # A worker that answered MemoryError may hold a broken heap: start afresh.
                keep = failure.jenis is JenisKegagalan.MATI and slot.process.is_alive()
                yield fail(slot, failure, keep=keep)
            elif slot.process.sentinel in ready:
                yield fail(slot, pool.death(slot))
            elif hard is not None and time.monotonic() - slot.started >= hard:
                failure = Kegagalan(
                    JenisKegagalan.WAKTU, "dihentikan dari luar", hard, pool.batas.memori
                )
                yield fail(slot, failure)


_HABIS = object()
"""What ``next`` gives for a ``sambil`` with no step left."""


def pekerja_bawaan() -> int:
    """Workers to run when the user does not say: one per core."""
    return os.cpu_count() or 1


__all__ = ["Batas", "Fungsi", "JenisKegagalan", "Kegagalan", "pekerja_bawaan", "petakan", "siapkan"]
