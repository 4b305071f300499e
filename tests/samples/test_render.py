"""The fast writer: the same cell values as building each workbook with openpyxl, and
formulas LibreOffice computes as the generator meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.domain.findings import Severity
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.samples import TemplateWriter, plan_agency, render_workbook
from skp_xl.samples.agency import timestamp
from skp_xl.samples.plan import Isian
from skp_xl.samples.render import patch_sheet
from skp_xl.validation import validate_file
from tests.libreoffice import LibreOffice
from tests.samples.conftest import dump


@pytest.fixture(scope="module")
def chosen() -> list[Isian]:
    """One workbook of each jenis x pendekatan, and the one whose NIP is a number."""
    agency = plan_agency(40, seed=1, tahun=2025)
    kinds: dict[tuple[JenisJabatan, Pendekatan], Isian] = {}
    for isian in agency.isian:
        kinds.setdefault((isian.rencana.jenis, isian.rencana.pendekatan), isian)
    assert len(kinds) == 6
    return [*kinds.values(), next(i for i in agency.isian if i.nip_angka)]


@pytest.fixture(scope="module")
def written(chosen: list[Isian], tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("cepat")
    paths = []
    for number, isian in enumerate(chosen):
        path = folder / f"{number}-{isian.berkas.nama_berkas}"
        kind = (isian.rencana.jenis, isian.rencana.pendekatan)
        TemplateWriter(*kind, timestamp=timestamp(2025)).write(isian, path)
        paths.append(path)
    return paths


def test_template_writer_matches_building_with_openpyxl(
    chosen: list[Isian], written: list[Path], tmp_path: Path
) -> None:
    for isian, fast in zip(chosen, written, strict=True):
        slow = tmp_path / fast.name
        render_workbook(isian).save(slow)
        assert dump(fast) == dump(slow), isian.berkas.kunci


def test_patching_keeps_styles_and_refuses_a_cell_the_template_lacks() -> None:
    xml = '<row r="1"><c r="A1" s="2" t="n" /><c r="B1" s="3"><v>1</v></c></row>'

    patched = patch_sheet(xml, {"A1": "a & b", "B1": 2.5})

    assert patched == (
        '<row r="1"><c r="A1" s="2" t="inlineStr"><is><t xml:space="preserve">a &amp; b</t>'
        '</is></c><c r="B1" s="3"><v>2.5</v></c></row>'
    )
    with pytest.raises(KeyError, match="C1"):
        patch_sheet(xml, {"C1": 1})


def test_libreoffice_computes_what_the_generator_meant(
    written: list[Path], recalculate: LibreOffice
) -> None:
    # Saved again by LibreOffice, the workbooks hold computed capaian IKI, penilaian,
    # saran and predikat; the validator compares each with Python's.
    done = recalculate(written)
    *kinds, number = written
    for source in kinds:
        report = validate_file(done[source].path)
        codes = {f.code for f in report.findings if f.severity is not Severity.INFO}
        assert codes == set(), (source.name, codes)
    report = validate_file(done[number].path)
    assert {f.code for f in report.findings if f.severity is not Severity.INFO} == {
        "nip-rusak-excel"
    }
