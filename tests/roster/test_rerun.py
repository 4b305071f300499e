"""Re-running a roster: started workbooks are kept unless --force; writes are atomic."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.codes import Code
from skp_xl.samples.roster import buat_roster, tulis_csv
from skp_xl.workbook.bawahan import tempatkan_peran

TYPED = "Rencana yang sudah diketik pegawai"
ARGS = ["--instansi", "Dinas Fiktif", "-j", "1", "--json"]


def run(*args: str) -> tuple[int, dict[str, object]]:
    result = CliRunner().invoke(app, ["roster", *args])
    return result.exit_code, json.loads(result.stdout)


def statuses(document: dict[str, object]) -> dict[str, str]:
    berkas = document["berkas"]
    assert isinstance(berkas, list)
    return {b["path"]: b["status"] for b in berkas}


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "roster.csv"
    tulis_csv(buat_roster(25), path)  # too small for faulty rows: every row is written
    return path


def test_a_rerun_keeps_a_started_workbook_and_says_so(roster: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, first = run(str(roster), "-o", str(out), *ARGS)
    assert code == 0
    assert set(statuses(first).values()) == {"dibuat"}
    started = sorted(out.rglob("SKP *.xlsx"))[3]
    wb = load_workbook(started)
    assert tempatkan_peran(wb, [("", TYPED)]) == (1, 0)
    wb.save(started)
    typed = started.read_bytes()

    code, second = run(str(roster), "-o", str(out), *ARGS)
    assert code == 0  # kept is information, not an error
    status = statuses(second)
    assert status.pop(str(started)) == "dipertahankan"
    assert set(status.values()) == {"tidak berubah"}
    assert started.read_bytes() == typed
    kept = [m for m in second["masalah"] if m["code"] == Code.ROSTER_DIPERTAHANKAN]  # type: ignore[union-attr]
    assert len(kept) == 1
    assert started.name in kept[0]["message"]

    code, third = run(str(roster), "-o", str(out), "--force", *ARGS)
    assert statuses(third)[str(started)] == "ditimpa"
    assert tempatkan_peran(load_workbook(started), [("", TYPED)]) == (1, 0)  # not there


def test_a_renamed_workbook_is_found_by_its_nip(roster: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(str(roster), "-o", str(out), *ARGS)
    original = sorted(out.rglob("SKP *.xlsx"))[2]
    renamed = original.with_name(original.stem + " (punya saya).xlsx")
    original.rename(renamed)
    _, again = run(str(roster), "-o", str(out), *ARGS)
    assert statuses(again)[str(renamed)] == "tidak berubah"
    assert not original.exists()


def test_a_failed_write_leaves_no_partial_file(
    roster: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    victim = buat_roster(25).baris[4]
    real = Path.write_bytes

    def disk_full(self: Path, data: bytes) -> int:
        if victim[0] in self.name or victim[0] in str(self.parent):
            real(self, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(self, data)

    # The temporary file of atomic_output is named after the target (".SKP 2026 <nip>...").
    monkeypatch.setattr(Path, "write_bytes", disk_full)
    code, document = run(str(roster), "-o", str(out), *ARGS)
    assert code == 1
    failed = [m for m in document["masalah"] if m["code"] == Code.ROSTER_GAGAL_DITULIS]  # type: ignore[union-attr]
    assert {m["baris"] for m in failed} == {6}  # its SKP (and its Matriks, if it leads)
    assert "No space left" in failed[0]["message"]
    assert not [p for p in out.rglob("*") if victim[0] in p.name]
    assert len(list(out.rglob("SKP *.xlsx"))) == 24
