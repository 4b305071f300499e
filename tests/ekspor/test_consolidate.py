"""Exports in the consolidation, the way HR runs it: ``skp-xl consolidate`` on a folder."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.batch.konsolidasi import INSTANSI, Opsi, konsolidasi
from skp_xl.cli import app
from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import UnitEkspor
from skp_xl.domain.rekap import PeriodeBulanan
from skp_xl.domain.vocabulary import PeriodeEvaluasi, Predikat, Rating
from skp_xl.samples import ekspor as contoh
from skp_xl.samples import generate_agency
from skp_xl.summary.ringkasan import HEADER_ROW, TIDAK_MEMBUAT_SKP
from skp_xl.summary.skema import TIDAK, YA, Pegawai, Ringkasan, Temuan, periksa

runner = CliRunner()
FIRST = 9
"""Excel row of the first data row of a generated e-Kinerja export (7 title rows, header)."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An annual export (xlsx), a monthly one (CSV, ';') and SIASN's JSON, with every fault."""
    root = tmp_path_factory.mktemp("ekspor")
    org = contoh.organisasi(20, seed=3)
    annual = contoh.penilaian(org, random.Random(1))
    monthly = contoh.penilaian(org, random.Random(2), bulan=PeriodeBulanan.MARET)
    contoh.tulis_xlsx(root / "Laporan Penilaian SKP.xlsx", annual)
    (root / "bulanan").mkdir()
    contoh.tulis_csv(root / "bulanan" / "maret.csv", monthly)
    contoh.tulis_json(root / "siasn.json", contoh.siasn(org, random.Random(3)))
    (root / "catatan.txt").write_text("bukan tabel", encoding="utf-8")
    (root / "alamat.csv").write_text("Nama;Alamat\nA;B\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def result(folder: Path) -> object:
    return konsolidasi(folder, Opsi(jobs=1))


def _at(result: object, code: str) -> list[tuple[str, str, str]]:
    temuan = result.temuan  # type: ignore[attr-defined]
    rows = temuan[temuan[Temuan.kode] == code]
    return sorted(
        (Path(b).name, s, c)
        for b, s, c in zip(rows[Temuan.berkas], rows[Temuan.sheet], rows[Temuan.sel], strict=True)
    )


def test_every_export_row_is_a_pegawai_row_and_nothing_is_lost(
    folder: Path, result: object
) -> None:
    pegawai = result.pegawai  # type: ignore[attr-defined]
    by_file = pegawai.groupby(Pegawai.berkas).size().to_dict()
    assert {Path(k).name: v for k, v in by_file.items()} == {
        "Laporan Penilaian SKP.xlsx": 21,  # 20 pegawai and the mutasi's earlier SKP
        "maret.csv": 21,
        "siasn.json": 20,
    }
    skipped = {Path(f.path).name for f in result.catatan}  # type: ignore[attr-defined]
    assert skipped == {"catatan.txt", "alamat.csv"}
    assert result.masalah == []  # type: ignore[attr-defined]
    # The pandera model covers export rows: the one NIP it would refuse (a CSV's
    # "1.98e+17") has its whole NIP from SIASN (same 15 digits, same name), and keeps its
    # nip-rusak-excel finding at that cell; no skema-nip repeats it.
    failures = periksa(Pegawai, pegawai)
    assert list(failures["column"]) == []
    assert _at(result, Code.SKEMA_NIP) == []
    assert [c for _, _, c in _at(result, Code.EKSPOR_NIP_DIPULIHKAN)] == [
        c for _, _, c in _at(result, Code.NIP_RUSAK_EXCEL)
    ]


def test_the_latest_period_is_counted_each_pegawai_once(result: object) -> None:
    assert result.periode is PeriodeEvaluasi.AKHIR  # type: ignore[attr-defined]
    pegawai = result.pegawai  # type: ignore[attr-defined]
    counted = pegawai[(pegawai[Pegawai.periode] == "Akhir") & (pegawai[Pegawai.dihitung] == YA)]
    assert counted[Pegawai.nip].is_unique
    # SIASN rates all 20 (also those e-Kinerja lists as Plt., '-' or without NIP); the
    # one whose NIP Excel turned into a number is matched to SIASN's whole NIP (same 15
    # digits, same name), so counts once: its nip-rusak-excel finding still says to
    # retype it.
    assert len(counted) == 20
    ringkasan = result.ringkasan.set_index(Ringkasan.unit_kerja)  # type: ignore[attr-defined]
    assert ringkasan.at[INSTANSI, Ringkasan.jumlah] == 20
    assert "dihitung dari kedua rating" in ringkasan.at[INSTANSI, Ringkasan.keterangan]


def test_faults_are_findings_at_their_cells(result: object) -> None:
    faults = contoh.Kesalahan
    xlsx = "Laporan Penilaian SKP.xlsx"
    assert _at(result, Code.NIP_RUSAK_EXCEL) == [
        (xlsx, "Sheet1", f"B{FIRST + 3}"),
        ("maret.csv", "maret", "B12"),
    ]
    assert (xlsx, "Sheet1", f"I{FIRST + 4}") in _at(result, Code.EKSPOR_HASIL_AKHIR_BERBEDA)
    assert _at(result, Code.EKSPOR_TANPA_NIP) == [
        (xlsx, "Sheet1", f"B{FIRST + 5}"),
        ("maret.csv", "maret", f"B{FIRST + 5}"),
    ]
    # The mutasi's earlier SKP (the last row) is listed, not counted, with a finding.
    [_, early] = contoh.penilaian(contoh.organisasi(20, seed=3), random.Random(1)).kesalahan[
        faults.GANDA
    ]
    assert (xlsx, "Sheet1", f"B{FIRST + early}") in _at(result, Code.EKSPOR_NIP_GANDA)


def test_plt_and_unrated_rows_are_listed_apart_with_their_reason(result: object) -> None:
    pegawai = result.pegawai  # type: ignore[attr-defined]
    rows = pegawai[pegawai[Pegawai.berkas].str.endswith(".xlsx")]
    notes = rows[rows[Pegawai.dihitung] == TIDAK][Pegawai.keterangan].tolist()
    assert any("Plt./Plh." in n for n in notes)
    assert any("belum dinilai" in n for n in notes)
    assert any("NIP ganda" in n for n in notes)


def test_a_monthly_export_alone_counts_its_month(tmp_path: Path) -> None:
    org = contoh.organisasi(10, seed=4)
    export = contoh.penilaian(org, random.Random(5), bulan=PeriodeBulanan.APRIL, kesalahan=False)
    contoh.tulis_csv(tmp_path / "april.csv", export, delimiter=",")
    result = konsolidasi(tmp_path, Opsi(jobs=1, unit_ekspor=UnitEkspor.UNOR))
    assert result.periode is PeriodeBulanan.APRIL
    assert int(result.ringkasan[Ringkasan.jumlah].iloc[-1]) == 10


def test_a_workbook_and_an_export_of_one_pegawai_are_compared(tmp_path: Path) -> None:
    manifest = generate_agency(tmp_path / "skp", pegawai=3, seed=2, masalah=False, jobs=1)
    berkas = manifest.berkas[1]
    mine = berkas.predikat[PeriodeEvaluasi.AKHIR]
    other = Rating.DIBAWAH if mine is not Predikat.SANGAT_KURANG else Rating.DIATAS
    text = (
        "NIP;Nama;Jabatan;Rating Hasil Kerja;Rating Perilaku Kerja;Predikat Perilaku Periodik\n"
        f"{berkas.nip};Pegawai Fiktif;Analis;{other.value};{other.value};\n"
    )
    (tmp_path / "skp" / "rekap.csv").write_text(text, encoding="utf-8")
    result = konsolidasi(tmp_path / "skp", Opsi(jobs=1))
    assert _at(result, Code.EKSPOR_BERBEDA) == [("rekap.csv", "rekap", "A2")]
    pegawai = result.pegawai
    rows = pegawai[(pegawai[Pegawai.nip] == berkas.nip) & (pegawai[Pegawai.periode] == "Akhir")]
    assert sorted(rows[Pegawai.dihitung]) == [TIDAK, YA]


def test_tidak_membuat_skp_is_counted_per_unit_from_the_master_list(tmp_path: Path) -> None:
    org = contoh.organisasi(12, seed=6)
    annual = contoh.penilaian(org, random.Random(7), kesalahan=False)
    # Two pegawai have no rated SKP: e-Kinerja's report leaves them out.
    missing = [annual.baris[3], annual.baris[8]]
    annual = dataclasses.replace(annual, baris=tuple(r for r in annual.baris if r not in missing))
    contoh.tulis_xlsx(tmp_path / "penilaian.xlsx", annual)
    contoh.tulis_xlsx(tmp_path / "laporan skp.xlsx", contoh.master(org))
    out = tmp_path / "ringkasan.xlsx"
    run = runner.invoke(app, ["consolidate", str(tmp_path), "-o", str(out), "-j", "1", "--json"])
    assert run.exit_code == 0, run.output
    document = json.loads(run.output)
    expected: dict[str, int] = {}
    for row in missing:
        expected[str(row[4])] = expected.get(str(row[4]), 0) + 1
    assert document["tidak_membuat_skp"] == expected
    result = konsolidasi(tmp_path, Opsi(jobs=1))
    pegawai = result.pegawai
    listed = pegawai[pegawai[Pegawai.keterangan].str.startswith("Tidak Membuat SKP", na=False)]
    assert sorted(listed[Pegawai.nip]) == sorted(str(r[1]) for r in missing)
    ringkasan = result.ringkasan.set_index(Ringkasan.unit_kerja)
    assert "Tidak Membuat SKP: 2 pegawai" in ringkasan.at[INSTANSI, Ringkasan.keterangan]
    assert "daftarnya di sheet Pegawai" in ringkasan.at[INSTANSI, Ringkasan.keterangan]
    # Its own column, per unit (0 where everybody made one), as the agencies count it.
    column = ringkasan[TIDAK_MEMBUAT_SKP].to_dict()
    assert column == {unit: expected.get(unit, 0) for unit in ringkasan.index} | {INSTANSI: 2}
    assert (
        list(result.ringkasan.columns).index(TIDAK_MEMBUAT_SKP)
        == list(result.ringkasan.columns).index(Ringkasan.pola_distribusi) - 1
    )
    # The sheet shows it, and each count links to the Pegawai sheet where they are listed.
    sheet = load_workbook(out)["Ringkasan"]
    headers = [c.value for c in sheet[HEADER_ROW]]
    at = headers.index(TIDAK_MEMBUAT_SKP) + 1
    shown = {
        sheet.cell(row, 1).value: (
            sheet.cell(row, at).value,
            sheet.cell(row, at).hyperlink.location if sheet.cell(row, at).hyperlink else None,
        )
        for row in range(HEADER_ROW + 1, sheet.max_row + 1)
        if sheet.cell(row, 1).value in column
    }
    assert shown == {unit: (n, "Pegawai!A1" if n else None) for unit, n in column.items()}


def test_without_a_master_list_tidak_membuat_skp_is_no_column(folder: Path) -> None:
    """Nobody knows who made no SKP without the master list: no column rather than 0s."""
    result = konsolidasi(folder, Opsi(jobs=1, cache=False))
    assert TIDAK_MEMBUAT_SKP not in result.ringkasan.columns
    assert result.tidak_membuat_skp == {}


def test_consolidate_command_writes_the_summary(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "ringkasan.xlsx"
    run = runner.invoke(app, ["consolidate", str(folder), "-o", str(out), "--json", "-j", "1"])
    assert run.exit_code == 0, run.output
    document = json.loads(run.output)
    assert sorted(e["rows"] for e in document["exports"]) == [20, 21, 21]
    assert out.exists()


def test_nothing_found_is_not_success(tmp_path: Path) -> None:
    (tmp_path / "catatan.txt").write_text("halo", encoding="utf-8")
    out = tmp_path / "ringkasan.xlsx"
    run = runner.invoke(app, ["consolidate", str(tmp_path), "-o", str(out)])
    assert run.exit_code == 1
    assert "Tidak ada SKP maupun baris ekspor" in run.output
    assert "belum ada yang dinilai" not in run.output
    assert not out.exists()


def test_an_export_longer_than_an_skp_may_be_is_read_not_refused(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from skp_xl.batch.berkas import proses_berkas
    from skp_xl.settings import LIMITS

    wb = Workbook()
    ws = wb.active
    ws.append(["nip", "nama", "hasil_kerja", "perilaku_kerja", "hasil_akhir", "skp_unor_induk"])
    ws.append(["198503122010011003", "Andi Fiktif", "SESUAI EKSPEKTASI", "SESUAI EKSPEKTASI"])
    far = LIMITS.max_rows + 5
    ws.cell(far, 2, "Baris terakhir")  # beyond the rows an SKP workbook may use
    wb.save(tmp_path / "panjang.xlsx")
    hasil = proses_berkas(str(tmp_path / "panjang.xlsx"))
    assert hasil.ekspor is not None
    assert hasil.kolom is not None
    assert hasil.kolom.nomor == (2, far)
    assert [s.value for s in hasil.kolom.status] == ["dinilai", "tanpa NIP"]
    assert [n.baris.nomor for n in hasil.nilai] == [far]  # the row with a finding


def test_a_long_export_is_triaged_once_with_the_export_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its declared length sends it straight to the export limits: no first triage with
    the default ones that reads 20,000 rows only to refuse it."""
    from openpyxl import Workbook

    from skp_xl import validation
    from skp_xl.batch import berkas
    from skp_xl.reader import ekspor as reader
    from skp_xl.reader.triage import Triage, triage
    from skp_xl.settings import EKSPOR_LIMITS, LIMITS, Limits

    wb = Workbook()
    ws = wb.active
    ws.append(["nip", "nama", "hasil_kerja", "perilaku_kerja", "hasil_akhir", "skp_unor_induk"])
    ws.append(["198503122010011003", "Andi Fiktif", "SESUAI EKSPEKTASI", "SESUAI EKSPEKTASI"])
    ws.cell(LIMITS.max_rows + 5, 2, "Baris terakhir")
    wb.save(tmp_path / "panjang.xlsx")
    seen: list[Limits] = []

    def counted(path: Path, *, limits: Limits = LIMITS) -> Triage:
        seen.append(limits)
        return triage(path, limits=limits)

    # proses_berkas recognises an export through reader.ekspor.kenali_berkas, which makes
    # every triage of the way; the SKP reader's (validation) is not reached by an export.
    monkeypatch.setattr(reader, "triage", counted)
    monkeypatch.setattr(validation, "triage", counted)
    hasil = berkas.proses_berkas(str(tmp_path / "panjang.xlsx"))
    assert hasil.kolom is not None
    assert hasil.kolom.nomor == (2, LIMITS.max_rows + 5)
    assert seen == [EKSPOR_LIMITS]
