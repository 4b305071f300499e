"""The export look that decides a workbook's triage limits (reader/ekspor.py
``dinyatakan_panjang``) reads an SKP's directory and worksheet heads without zipfile,
and still sees a long export."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from skp_xl.reader import ekspor as reader_ekspor
from skp_xl.samples import ekspor
from skp_xl.settings import LIMITS

TEMPLATE = Path(__file__).parents[2] / "workbook_templates" / "skp-ja-kuantitatif.xlsx"


def test_the_export_look_reads_an_skp_without_zipfile(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    real = zipfile.ZipFile

    def counted(*args: object, **kwargs: object) -> zipfile.ZipFile:
        opened.append(args[0])
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_ekspor.zipfile, "ZipFile", counted)
    assert not reader_ekspor.dinyatakan_panjang(TEMPLATE)
    assert opened == []


def test_the_export_look_reads_one_head_of_an_skp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every worksheet of an SKP but the first, whose head is read whatever its size, is
    too small to hold an export's rows past the limit."""
    heads: list[int] = []
    real = reader_ekspor._kepala

    def counted(*args: object) -> bytes | None:
        heads.append(1)
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_ekspor, "_kepala", counted)
    filled = Path(__file__).parents[2] / "samples" / "instansi"
    paths = [TEMPLATE, *sorted(filled.rglob("*.xlsx"))[:5]]
    for path in paths:
        assert not reader_ekspor.dinyatakan_panjang(path)
    assert len(heads) == len(paths)


def test_a_long_export_is_still_seen_as_long(tmp_path: Path) -> None:
    path = tmp_path / "Laporan Penilaian SKP Tahunan.xlsx"
    org = ekspor.organisasi(LIMITS.max_rows + 500, seed=3)
    ekspor.tulis_xlsx(path, ekspor.penilaian(org, random.Random(3)))

    assert reader_ekspor.dinyatakan_panjang(path)
