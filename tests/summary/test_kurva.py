"""The Kurva sheet: each unit's curve against the guideline band of its capaian."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from skp_xl.domain.pola_distribusi import PolaDistribusi
from skp_xl.domain.vocabulary import CapaianOrganisasi, Predikat
from skp_xl.summary.kurva import Pita, pita
from tests.summary.ooxml import CHART, Package
from tests.summary.sample import UMUM, write_sample

BAWAAN = PolaDistribusi.bawaan()


def test_the_band_of_butuh_perbaikan_bounds_two_predikat() -> None:
    bands, others = pita(CapaianOrganisasi.BUTUH_PERBAIKAN, BAWAAN)
    assert bands[Predikat.BUTUH_PERBAIKAN] == Pita(Decimal(60), Decimal(100))
    assert bands[Predikat.SANGAT_BAIK] == Pita(Decimal(0), Decimal(10))
    assert bands[Predikat.BAIK] == Pita()
    assert others == []


def test_rules_that_are_no_band_are_kept_in_words() -> None:
    bands, others = pita(CapaianOrganisasi.SANGAT_KURANG, BAWAAN)
    assert bands[Predikat.SANGAT_BAIK] == Pita(Decimal(0), Decimal(0))  # none allowed
    assert bands[Predikat.SANGAT_KURANG] == Pita(Decimal(60), Decimal(100))
    assert others == ["Predikat Kurang/Misconduct dan/atau Butuh Perbaikan paling sedikit 10%."]
    bands, others = pita(CapaianOrganisasi.BAIK, BAWAAN)
    assert bands[Predikat.BAIK] == Pita(Decimal(0), Decimal(70))
    assert len(others) == 2  # the most common predikat; at least one BP or K


def test_each_unit_has_a_live_table_and_a_line_chart(tmp_path: Path) -> None:
    path = write_sample(tmp_path)
    ws = openpyxl.load_workbook(path)["Kurva"]
    titles = [
        c.value for c in ws["A"] if isinstance(c.value, str) and ": capaian kinerja" in c.value
    ]
    assert len(titles) == 4  # three units and the agency
    assert titles[0] == f"{UMUM}: capaian kinerja organisasi Baik; pola distribusi sesuai panduan"
    header = next(c.row for c in ws["A"] if c.value == "Predikat")
    sb = header + 1
    assert ws.cell(sb, 1).value == Predikat.SANGAT_BAIK.value
    assert ws.cell(sb, 2).value == "='Ringkasan'!$C$5"
    assert ws.cell(sb, 3).value == f"=IF('Ringkasan'!$H$5>0,B{sb}/'Ringkasan'!$H$5,\"\")"
    assert ws.cell(sb + 1, 5).value == 0.7  # Baik at most 70%
    assert ws.cell(sb + 1, 3).number_format == "[$-421]0.0%"
    package = Package(path)
    (drawing,) = package.related(package.sheet_part("Kurva"), "drawing")
    charts = package.related(drawing, "chart")
    assert len(charts) == 4
    plot = package.xml(charts[0]).find(f"{CHART}chart/{CHART}plotArea/{CHART}lineChart")
    assert plot is not None
    assert len(list(plot.iter(f"{CHART}ser"))) == 3  # actual, lower and upper limit


def test_the_kurva_draws_the_guideline_the_consolidation_used(tmp_path: Path) -> None:
    from skp_xl.batch.konsolidasi import Opsi, rangkum

    own = PolaDistribusi(BAWAAN.aturan, "pola instansi sendiri")
    data = rangkum(tmp_path, [], [], Opsi(pola=own)).summary_data()
    assert data.pola is own
