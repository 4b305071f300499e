"""Helpers for the tests that compare consolidations made different ways (results in
memory or on disk, tables whole or in slices)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from skp_xl.batch.berkas import HasilBerkas
from skp_xl.batch.cari import temukan
from skp_xl.batch.gudang import Gudang
from skp_xl.batch.konsolidasi import Konsolidasi, baca_semua


def baca(root: Path) -> tuple[list[HasilBerkas], list[object]]:
    """Every file under ``root`` read, and the notes of the walk."""
    paths, notes = temukan(root)
    return list(baca_semua(paths, root, jobs=2)), list(notes)


def di_disk(hasil: list[HasilBerkas]) -> Gudang:
    """``hasil`` stored on disk, in reverse order (as readers answer: in any order)."""
    gudang = Gudang(len(hasil), di_disk=True)
    for index in reversed(range(len(hasil))):
        gudang.taruh(index, hasil[index])
    return gudang


def sama(a: Konsolidasi, b: Konsolidasi) -> None:
    """Assert two consolidations give the same tables, counts and problems."""
    for table in ("pegawai", "temuan", "ringkasan", "cascading"):
        pd.testing.assert_frame_equal(getattr(a, table), getattr(b, table))
    pd.testing.assert_frame_equal(a.pegawai_periode(), b.pegawai_periode())
    assert a.distribusi == b.distribusi
    assert a.to_dict() == b.to_dict()
    assert [f.message for f in a.masalah] == [f.message for f in b.masalah]
