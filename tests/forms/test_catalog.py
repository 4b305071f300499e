"""Form descriptions: every block type has a renderer, and rules live in the data once."""

from __future__ import annotations

from typing import get_args

import pytest

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, nip_penilai_wajib
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.matriks import matriks_spec
from skp_xl.forms.model import Blok, Isian, KelompokIsian
from skp_xl.workbook.blocks import RENDERERS


def test_every_block_type_has_a_renderer() -> None:
    assert set(get_args(Blok)) == set(RENDERERS)


@pytest.mark.parametrize("jenis", list(JenisJabatan))
def test_identitas_requires_the_penilai_nip_and_pangkat_as_the_rule_says(
    jenis: JenisJabatan,
) -> None:
    # A JPT's penilai (a minister, governor or regent) has no NIP and so no pangkat.
    spec = workbook_spec(jenis, Pendekatan.KUANTITATIF)
    [identitas] = [f for f in spec.front if f.sheet == "Identitas"]
    isian: dict[str, Isian] = {
        i.name: i for b in identitas.blok if isinstance(b, KelompokIsian) for i in b.isian
    }
    for field in ("NIP", "PANGKAT"):
        assert isian[f"PENILAI_{field}"].wajib is nip_penilai_wajib(jenis)
        assert isian[f"PEGAWAI_{field}"].wajib
        assert not isian[f"ATASAN_{field}"].wajib


def test_every_sheet_of_both_workbooks_is_described() -> None:
    skp = workbook_spec(JenisJabatan.JA, Pendekatan.KUALITATIF)
    matriks = matriks_spec(iki=3, pegawai=4, tim=0, anggota=2)
    assert [f.sheet for f in (*skp.front, *skp.back)] == ["Petunjuk", "Identitas", "_meta"]
    assert [f.sheet for f in (*matriks.front, *matriks.forms, *matriks.back)] == [
        "Petunjuk",
        "Matriks",
        "Workblock",
        "_meta",
    ]
