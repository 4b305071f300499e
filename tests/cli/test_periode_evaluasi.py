"""Monthly evaluation, the way a user goes: ``new``, ``samples``, ``validate`` and
``consolidate`` with ``--periode-evaluasi bulanan``, then the quarterly default unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.domain.quadrant import predikat
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan, PeriodeEvaluasi, SiklusEvaluasi
from skp_xl.samples.plan import plan_agency
from skp_xl.validation import read_file
from skp_xl.workbook.writer import Options, build_workbook
from tests.workbook.fill import destination, named

runner = CliRunner()

BULAN = [
    *("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli"),
    *("Agustus", "September", "Oktober", "November", "Desember"),
]
KODE = ["JAN", "FEB", "MAR", "APR", "MEI", "JUN", "JUL", "AGU", "SEP", "OKT", "NOV", "DES"]
SEED, PEGAWAI, TAHUN = 4, 12, 2025


def _new(tmp_path: Path, *extra: str) -> tuple[Workbook, str]:
    out = tmp_path / "skp.xlsx"
    result = runner.invoke(
        app, ["new", "-o", str(out), "--jenis", "JF", "--pendekatan", "kuantitatif", *extra]
    )
    assert result.exit_code == 0, result.output
    return load_workbook(out), result.output


def _list(wb: Workbook, name: str) -> list[object]:
    sheet, area = destination(wb, name)
    return [row[0].value for row in wb[sheet][area.replace("$", "")]]


def _value(wb: Workbook, name: str) -> object:
    sheet, cell = named(wb, name)
    return wb[sheet][cell].value


@pytest.mark.parametrize(
    ("option", "sheets", "codes", "siklus"),
    [
        ("bulanan", [f"Evaluasi {b}" for b in BULAN], KODE, "Bulanan"),
        ("Per Bulan", [f"Evaluasi {b}" for b in BULAN], KODE, "Bulanan"),
        (None, [f"Evaluasi TW{k}" for k in range(1, 5)], [f"TW{k}" for k in range(1, 5)], None),
    ],
)
def test_new_makes_one_evaluation_sheet_per_period_then_akhir(
    tmp_path: Path, option: str | None, sheets: list[str], codes: list[str], siklus: str | None
) -> None:
    wb, output = _new(tmp_path, *(["--periode-evaluasi", option] if option else []))

    evaluasi = [s for s in wb.sheetnames if s.startswith("Evaluasi")]
    assert evaluasi == [*sheets, "Evaluasi Akhir"]
    assert all(len(s) <= 31 for s in evaluasi)
    for kode, sheet in zip([*codes, "AKHIR"], evaluasi, strict=True):
        for key in ("HASIL_KERJA", "RATING_HASIL_KERJA", "RATING_PERILAKU", "PREDIKAT"):
            assert named(wb, f"EVAL_{kode}_{key}")[0] == sheet
    assert _value(wb, "META_PERIODE_EVALUASI") == (siklus or "Triwulanan")
    # The Dokumen Evaluasi offers (and picks among) the workbook's own periods.
    periods = [*(BULAN if siklus else [f"Triwulan {r}" for r in ("I", "II", "III", "IV")])]
    assert _list(wb, "LIST_PERIODE") == [*periods, "Akhir"]
    formula = str(_value(wb, "DOKUMEN_PREDIKAT"))
    assert f"EVAL_{codes[-1]}_PREDIKAT,EVAL_AKHIR_PREDIKAT)" in formula
    assert f"evaluasi {(siklus or 'triwulanan').lower()}" in output


def test_new_refuses_an_unknown_cycle_and_a_matriks_with_one(tmp_path: Path) -> None:
    unknown = runner.invoke(
        app,
        [
            "new", "-o", str(tmp_path / "a.xlsx"), "--jenis", "JA", "--pendekatan", "kuantitatif",
            "--periode-evaluasi", "mingguan",
        ],
    )  # fmt: skip
    matriks = runner.invoke(
        app, ["new", "-o", str(tmp_path / "m.xlsx"), "--matriks", "--periode-evaluasi", "bulanan"]
    )

    assert unknown.exit_code == 2
    assert "--periode-evaluasi: 'mingguan' bukan" in unknown.output
    assert matriks.exit_code == 2
    assert not (tmp_path / "a.xlsx").exists()
    assert not (tmp_path / "m.xlsx").exists()


@pytest.fixture(scope="module")
def bulanan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small monthly agency, as ``skp-xl samples --periode-evaluasi bulanan`` writes it."""
    root = tmp_path_factory.mktemp("bulanan") / "instansi"
    result = runner.invoke(
        app,
        [
            "samples", str(root), "-n", str(PEGAWAI), "--seed", str(SEED), "--tahun", str(TAHUN),
            "--periode-evaluasi", "bulanan", "--jobs", "1",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "rating-berbeda-saran:" in result.output
    return root


def test_samples_refuse_a_last_period_of_the_other_cycle(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "samples", str(tmp_path / "x"), "-n", "3", "--periode-evaluasi", "bulanan",
            "--sampai", "TW II",
        ],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--sampai Triwulan II bukan periode evaluasi bulanan" in result.output


def test_monthly_samples_read_back_as_planned(bulanan: Path) -> None:
    agency = plan_agency(
        PEGAWAI, seed=SEED, tahun=TAHUN, siklus=SiklusEvaluasi.BULANAN, masalah=True
    )
    checked = 0
    for isian in agency.isian:
        record, _ = read_file(bulanan / isian.berkas.path)
        assert record is not None
        assert list(record.evaluasi) == list(SiklusEvaluasi.BULANAN.periode)
        for evaluasi in isian.evaluasi:
            read = record.evaluasi[evaluasi.periode]
            assert read.rating_perilaku_baku is evaluasi.rating_perilaku
            assert read.rating_hasil_kerja_baku is evaluasi.rating_hasil_kerja
            assert read.predikat_tersimpan.sheet == f"Evaluasi {evaluasi.periode.value}"
            assert predikat(evaluasi.rating_hasil_kerja, evaluasi.rating_perilaku)
            checked += 1
    # The mutasi's two workbooks share the year: 13 periods for each position.
    assert checked >= 13 * (PEGAWAI - 1)


def test_validate_reports_the_deliberate_problem_on_its_month(bulanan: Path) -> None:
    agency = plan_agency(PEGAWAI, seed=SEED, tahun=TAHUN, siklus=SiklusEvaluasi.BULANAN)
    [kunci] = agency.masalah["rating-berbeda-saran"]
    [isian] = [i for i in agency.isian if i.berkas.kunci == kunci]

    result = runner.invoke(app, ["validate", str(bulanan / isian.berkas.path), "--json"])

    assert result.exit_code == 0, result.output
    [report] = json.loads(result.output)["files"]
    findings = report["findings"]
    assert [(f["sheet"], f["code"]) for f in findings if f["code"] == "rating-berbeda-saran"] == [
        ("Evaluasi Juni", "rating-berbeda-saran")
    ]


@pytest.mark.parametrize(
    ("periode", "judul", "dinilai"),
    [
        ("Maret", "periode Maret (hanya SKP evaluasi bulanan)", True),
        ("bulan 12", "periode Desember (hanya SKP evaluasi bulanan)", True),
        ("Akhir", "periode Akhir", True),
        ("TW I", "periode Triwulan I (hanya SKP evaluasi triwulanan)", False),
    ],
)
def test_consolidate_counts_exactly_the_period_asked(
    bulanan: Path, tmp_path: Path, periode: str, judul: str, dinilai: bool
) -> None:
    out = tmp_path / "r.xlsx"
    result = runner.invoke(
        app, ["consolidate", str(bulanan), "-o", str(out), "--periode", periode, "-j", "1"]
    )
    as_json = runner.invoke(
        app,
        [
            "consolidate", str(bulanan), "-o", str(out), "--periode", periode, "-j", "1",
            "--json", "--force",
        ],
    )  # fmt: skip

    assert result.exit_code == 0, result.output
    assert judul in " ".join(result.output.split())
    canonical = PeriodeEvaluasi(judul.split("periode ")[1].split(" (")[0]).value
    ws = load_workbook(out, read_only=True)["Pegawai"]
    rows = list(ws.iter_rows(values_only=True))
    header = list(rows[0])
    periods = {row[header.index("Periode")] for row in rows[1:]}
    # A workbook not rated in the period (the mutasi's other half) keeps an empty row.
    assert (canonical in periods) if dinilai else (periods == {None})
    assert json.loads(as_json.output)["periode"] == canonical


@pytest.mark.parametrize(
    ("periode", "codes"),
    [("Maret", ["periode-tidak-ada"]), ("TW II", [])],
)
def test_validate_a_quarterly_workbook_for_a_month_says_the_month_is_not_there(
    periode: str, codes: list[str]
) -> None:
    committed = Path(__file__).parents[2] / "samples" / "instansi"
    path = next(committed.glob("Inspektorat/*/*.xlsx"))

    result = runner.invoke(app, ["validate", str(path), "--periode", periode, "--json"])

    [report] = json.loads(result.output)["files"]
    found = [f["code"] for f in report["findings"] if f["code"] == "periode-tidak-ada"]
    assert found == codes
    if codes:
        [finding] = [f for f in report["findings"] if f["code"] == "periode-tidak-ada"]
        assert "Triwulan I, Triwulan II, Triwulan III, Triwulan IV, Akhir" in finding["message"]


@pytest.mark.parametrize("siklus", list(SiklusEvaluasi))
def test_a_workbook_without_the_cycle_in_meta_is_read_by_its_sheets(
    tmp_path: Path, siklus: SiklusEvaluasi
) -> None:
    # As a 1.0 workbook (quarterly, no META_PERIODE_EVALUASI) or one whose _meta was
    # emptied: the evaluation sheets' names decide.
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF, siklus=siklus))
    sheet, cell = named(wb, "META_PERIODE_EVALUASI")
    wb[sheet][cell].value = None
    del wb.defined_names["META_PERIODE_EVALUASI"]
    path = tmp_path / "lama.xlsx"
    wb.save(path)

    record, _ = read_file(path)

    assert record is not None
    assert tuple(record.evaluasi) == siklus.periode


def test_monthly_samples_report_their_iki_monthly(bulanan: Path) -> None:
    # The Manual IKI (JPT) says how often each IKI is reported: as often as it is evaluated.
    from python_calamine import CalamineWorkbook

    seen = []
    for path in sorted(bulanan.rglob("*.xlsx")):
        book = CalamineWorkbook.from_path(str(path))
        if "Manual IKI" not in book.sheet_names:
            continue
        rows = book.get_sheet_by_name("Manual IKI").to_python()
        seen += [str(v) for row in rows for v in row if str(v) in {"Bulanan", "Triwulanan"}]
    assert seen
    assert set(seen) == {"Bulanan"}
