"""The supervised pool: every task answered once, whatever its worker does."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from skp_xl.batch.pengawas import Batas, Fungsi, JenisKegagalan, Kegagalan, petakan, siapkan
from tests.batch import pekerja

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and limits")


def _gagal(item: str, failure: Kegagalan) -> str:
    return f"GAGAL:{failure.jenis}:{item}"


def _run(items: list[str], *, jobs: int = 2, batas: Batas | None = None) -> list[str]:
    got = dict(petakan(pekerja.tugas, items, _gagal, jobs=jobs, batas=batas or Batas()))
    assert sorted(got) == list(range(len(items))), "every task answered exactly once"
    return [got[i] for i in range(len(items))]


def test_answers_every_item_in_any_order() -> None:
    items = list(range(50))
    got = dict(petakan(pekerja.dua_kali, items, lambda i, f: -1, jobs=2))
    assert got == {i: 2 * i for i in items}


def test_nothing_to_do_starts_nothing() -> None:
    assert list(petakan(pekerja.dua_kali, [], lambda i, f: -1, jobs=2)) == []


def test_an_aborting_worker_is_one_failure_and_is_replaced() -> None:
    items = ["a", "abort", "b", "keluar", "c", "d"]
    assert _run(items) == ["a", "GAGAL:mati:abort", "b", "GAGAL:mati:keluar", "c", "d"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_a_worker_is_sent_its_next_task_while_it_reads_one() -> None:
    """So it never waits for the parent between two files; the last task is sent to
    whichever worker is free, not ahead."""
    got = dict(petakan(pekerja.antrean, [0, 1, 2], lambda i, f: f, jobs=1))
    assert got == {0: True, 1: True, 2: False}


def test_tasks_sent_ahead_to_a_dying_worker_are_read_by_its_replacement() -> None:
    assert _run(["abort", "a", "keluar", "b", "c"], jobs=1) == [
        "GAGAL:mati:abort",
        "a",
        "GAGAL:mati:keluar",
        "b",
        "c",
    ]


def test_an_exception_is_a_failure_and_the_worker_goes_on() -> None:
    assert _run(["galat", "x"], jobs=1) == ["GAGAL:mati:galat", "x"]


def test_a_hang_sigalrm_cannot_stop_is_killed_from_outside() -> None:
    # Limits a trivial task meets even on a loaded 2-core CI machine (0.5 s + 0.5 s
    # failed there once: the good task "a" was counted as hung).
    batas = Batas(detik=2.0, tenggang=1.0)
    assert _run(["a", "macet", "b"], jobs=1, batas=batas) == ["a", "GAGAL:waktu:macet", "b"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="mallopt is glibc's")
def test_a_worker_keeps_the_memory_it_frees_and_reads_stored_packages() -> None:
    """Its allocator is tuned (skp_xl/alokasi.py), so its triage hands the reader the
    members inflated once, stored; the parent's is left as it was."""
    from skp_xl import alokasi

    template = Path(__file__).parents[2] / "workbook_templates" / "skp-ja-kuantitatif.xlsx"
    assert dict(petakan(pekerja.alokasi_tetap, [0, 1], lambda i, f: f, jobs=2)) == {
        0: True,
        1: True,
    }
    got = dict(petakan(pekerja.paket_tersimpan, [str(template)], lambda i, f: f, jobs=1))
    assert got == {0: True}
    assert not alokasi.tetap()


def test_a_worker_collects_garbage_as_a_batch_run_does() -> None:
    from skp_xl.batch.sampah import AMBANG

    assert dict(petakan(pekerja.ambang_gc, [0], lambda i, f: f, jobs=1)) == {0: AMBANG}


def test_the_callers_work_runs_while_the_workers_read() -> None:
    """``sambil``'s steps run while no answer is ready (not necessarily all of them), and
    every answer still comes."""
    steps = 0

    def work() -> Iterator[None]:
        nonlocal steps
        for _ in range(10**9):
            steps += 1
            yield

    items = ["tidur:0.5", "x", "tidur:0.5"]
    got = dict(petakan(pekerja.tugas, items, _gagal, jobs=2, sambil=work()))
    assert got == dict(enumerate(items))
    assert 0 < steps < 10**9


def test_a_hang_is_stopped_while_the_callers_work_goes_on() -> None:
    """The time limit holds while ``sambil`` has steps left: the hang is stopped at its
    limit, long before the steps run out (they would end the wait after 30 s)."""
    batas = Batas(detik=2.0, tenggang=1.0)  # as the test above: met on a loaded machine
    start = time.monotonic()

    def work() -> Iterator[None]:
        while time.monotonic() - start < 30:
            yield

    got = dict(petakan(pekerja.tugas, ["macet", "b"], _gagal, jobs=1, batas=batas, sambil=work()))
    assert got == {0: "GAGAL:waktu:macet", 1: "b"}
    assert time.monotonic() - start < 15


def test_python_allocation_past_the_cap_is_a_memory_failure() -> None:
    batas = Batas(memori=1024**3)
    assert _run(["memori", "z"], jobs=1, batas=batas) == ["GAGAL:memori:memori", "z"]


def test_calamine_on_a_far_cell_is_a_memory_failure_not_a_dead_run(tmp_path: Path) -> None:
    """The file that killed the whole run: one cell at XFD1048576 makes calamine allocate
    the rectangle from A1 (hundreds of GB) and abort the process."""
    book = Workbook()
    book.active["A1"] = "isi"
    book.active["XFD1048576"] = "jauh"
    far = tmp_path / "jauh.xlsx"
    book.save(far)
    good = tmp_path / "baik.xlsx"
    Workbook().save(good)
    items = [f"calamine:{good}", f"calamine:{far}", f"calamine:{good}"]
    got = _run(items, jobs=2, batas=Batas(memori=2 * 1024**3))
    assert got[0] == got[2] != got[1]
    assert got[1] == f"GAGAL:{JenisKegagalan.MEMORI}:calamine:{far}"


def test_a_function_named_by_module_runs_in_the_workers_with_its_options() -> None:
    """``Fungsi`` names a task function the parent never imports; ``siapkan`` starts the
    forkserver early, and the pool then uses it."""
    import pickle

    fn = Fungsi("tests.batch.pekerja", "pangkat", (("eksponen", 3),))
    assert pickle.loads(pickle.dumps(fn)) == fn
    siapkan(fn)
    got = dict(petakan(fn, [1, 2, 3], lambda i, f: -1, jobs=2))
    assert got == {0: 1, 1: 8, 2: 27}
