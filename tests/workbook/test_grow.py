"""Growing a workbook starts from its template id, parsed in one place (TemplateId)."""

from __future__ import annotations

import pytest

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import SKP_TABLE
from skp_xl.workbook import fill
from skp_xl.workbook.grow import GrowError, grow_workbook
from skp_xl.workbook.matriks import MatriksOptions, build_matriks_workbook
from skp_xl.workbook.writer import Options, build_workbook


def test_a_workbook_grows_as_the_jenis_and_pendekatan_of_its_template_id() -> None:
    wb = build_workbook(Options(JenisJabatan.JPT, Pendekatan.KUALITATIF))
    before = fill.table(wb, SKP_TABLE)
    grown = fill.table(grow_workbook(wb, utama=1), SKP_TABLE)
    assert (grown.utama, grown.tambahan) == (before.utama + 1, before.tambahan)
    assert grown.rows_per_block == before.rows_per_block == 3  # narasi: JPT kualitatif


@pytest.mark.parametrize("template", ["skp-xx-kuantitatif", "skp-ja-kuantitatif-lama", ""])
def test_an_unknown_template_id_is_not_grown(template: str) -> None:
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    sheet, cell = fill.named(wb, "META_TEMPLATE_ID")
    wb[sheet][cell].value = template
    with pytest.raises(GrowError, match="bukan SKP buatan skp-xl"):
        grow_workbook(wb, utama=1)


def test_the_matriks_workbook_is_not_grown() -> None:
    with pytest.raises(GrowError, match="matriks-peran-hasil"):
        grow_workbook(build_matriks_workbook(MatriksOptions()), utama=1)
