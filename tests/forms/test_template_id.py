"""The template id is built and parsed in one place, and every id parses back."""

from __future__ import annotations

import pytest

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.forms.catalog import workbook_spec
from skp_xl.forms.model import TemplateId


@pytest.mark.parametrize("template", TemplateId.all_skp(), ids=str)
def test_every_skp_id_parses_back_to_its_jenis_and_pendekatan(template: TemplateId) -> None:
    parsed = TemplateId.parse(str(template))
    assert parsed == template
    assert parsed is not None
    assert not parsed.is_matriks


def test_ids_read_as_the_committed_template_files_are_named() -> None:
    assert str(TemplateId.skp(JenisJabatan.JPT, Pendekatan.KUANTITATIF)) == "skp-jpt-kuantitatif"
    assert str(TemplateId.matriks()) == "matriks-peran-hasil"
    assert TemplateId.parse("matriks-peran-hasil") == TemplateId.matriks()


@pytest.mark.parametrize("text", ["", "skp-jpt", "skp-xx-kuantitatif", "SKP-JA-KUALITATIF"])
def test_unknown_ids_parse_to_none(text: str) -> None:
    assert TemplateId.parse(text) is None


def test_the_catalog_names_its_workbooks_with_the_id() -> None:
    spec = workbook_spec(JenisJabatan.JF, Pendekatan.KUALITATIF)
    assert TemplateId.parse(spec.template_id) == TemplateId.skp(
        JenisJabatan.JF, Pendekatan.KUALITATIF
    )
