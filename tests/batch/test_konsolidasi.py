"""Consolidating an agency: nothing lost, totals that add up, inputs untouched."""

from __future__ import annotations

import hashlib
import json
import re
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import skp_xl.validation
from skp_xl.batch.berkas import proses_berkas
from skp_xl.batch.cari import temukan
from skp_xl.batch.konsolidasi import AKAR, INSTANSI, Opsi, konsolidasi, unit_of
from skp_xl.batch.skema import KODE, periksa_pegawai
from skp_xl.cli import app
from skp_xl.domain.findings import Severity
from skp_xl.domain.rekap import AturanGanda
from skp_xl.domain.vocabulary import PeriodeEvaluasi
from skp_xl.reader.triage import is_candidate, triage
from skp_xl.samples import generate_agency
from skp_xl.summary.skema import (
    PEGAWAI_COLUMNS,
    Cascading,
    Pegawai,
    Ringkasan,
    Temuan,
    kolom,
    periksa,
)
from tests.libreoffice import LibreOffice
from tests.reader import hostile

runner = CliRunner()


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small generated agency with its deliberate problems, plus every bad file."""
    root = tmp_path_factory.mktemp("agency") / "instansi"
    generate_agency(root, pegawai=16, seed=5, masalah=True, jobs=1)
    hostile.write_all(root / "Berkas Bermasalah")
    (root / "catatan.txt").write_text("bukan buku kerja", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def result(agency: Path) -> object:
    return konsolidasi(agency, Opsi(jobs=2))


def _digests(root: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def test_every_workbook_found_is_a_pegawai_row_or_a_problem(agency: Path, result: object) -> None:
    found, notes = temukan(agency)
    rows = set(result.pegawai["Berkas"])  # type: ignore[attr-defined]
    problems = {f.path for f in result.masalah}  # type: ignore[attr-defined]
    assert {str(p) for p in found} == rows | problems
    assert not rows & problems
    skipped = {Path(f.path).name for f in notes}
    assert "catatan.txt" in skipped
    assert "~$terkunci.xlsx" in skipped or any(n.startswith("~$") for n in skipped)


def test_bad_files_are_problems_with_their_reason(agency: Path, result: object) -> None:
    temuan: pd.DataFrame = result.temuan  # type: ignore[attr-defined]
    problems = {Path(f.path).name for f in result.masalah}  # type: ignore[attr-defined]
    for sample in hostile.SAMPLES:
        path = agency / "Berkas Bermasalah" / sample.filename
        if path.is_dir():
            continue  # a folder named like a workbook is walked into, not read
        codes = set(temuan[temuan["Berkas"] == str(path)]["Kode"])
        skipped = sample.code in ("berkas-kunci", "berkas-tersembunyi")
        if not skipped and not is_candidate(path):
            assert codes == {"berkas-dilewati"}, sample.filename  # a .doc: not a workbook
            continue
        expected = sample.code or "bukan-skp-xl"
        assert expected in codes, (sample.filename, codes)
        assert (sample.filename in problems) is not skipped


def test_ringkasan_totals_equal_the_counted_pegawai_rows(result: object) -> None:
    pegawai: pd.DataFrame = result.pegawai  # type: ignore[attr-defined]
    ringkasan: pd.DataFrame = result.ringkasan  # type: ignore[attr-defined]
    periode = result.periode  # type: ignore[attr-defined]
    assert periode is not None
    counted = pegawai[
        (pegawai["Periode"] == periode.value)
        & (pegawai["Dihitung"] == "Ya")
        & (pegawai["Predikat"].fillna("") != "")
    ]
    total = ringkasan[ringkasan["Unit Kerja"] == INSTANSI]["Jumlah"].item()
    assert total == len(counted)
    units = ringkasan[ringkasan["Unit Kerja"] != INSTANSI]
    assert units["Jumlah"].sum() == total
    for unit, group in counted.groupby("Unit Kerja"):
        assert units[units["Unit Kerja"] == unit]["Jumlah"].item() == len(group)


def test_default_period_is_the_latest_rated(result: object) -> None:
    assert result.periode is PeriodeEvaluasi.AKHIR  # type: ignore[attr-defined]


def test_mutasi_and_acting_workbooks_are_reported_and_counted_once(result: object) -> None:
    pegawai: pd.DataFrame = result.pegawai  # type: ignore[attr-defined]
    temuan: pd.DataFrame = result.temuan  # type: ignore[attr-defined]
    assert "nip-ganda" in set(temuan["Kode"])
    akhir = pegawai[pegawai["Periode"] == "Akhir"]
    counted = akhir[akhir["Dihitung"] == "Ya"]
    definitif = counted[counted["Penugasan"] == ""]
    assert definitif["NIP"].is_unique
    acting = pegawai[pegawai["Penugasan"].isin(["Plt.", "Plh."])]
    assert len(acting) > 0
    assert set(acting["Dihitung"]) == {"Tidak"}


def test_one_process_and_many_agree(agency: Path, result: object) -> None:
    single = konsolidasi(agency, Opsi(jobs=1))
    pd.testing.assert_frame_equal(single.pegawai, result.pegawai)  # type: ignore[attr-defined]
    pd.testing.assert_frame_equal(single.ringkasan, result.ringkasan)  # type: ignore[attr-defined]


def test_count_every_duplicate_when_asked(agency: Path, result: object) -> None:
    every = konsolidasi(agency, Opsi(jobs=1, nip_ganda=AturanGanda.SEMUA))
    before = (result.pegawai["Dihitung"] == "Ya").sum()  # type: ignore[attr-defined]
    assert (every.pegawai["Dihitung"] == "Ya").sum() > before


def test_a_workbook_is_identified_by_the_sha256_of_its_bytes(agency: Path) -> None:
    path = next(p for p in sorted(agency.rglob("*.xlsx")) if triage(p).readable)

    result = proses_berkas(str(path), str(agency))

    assert result.terbaca
    assert result.isi == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cascading_sheet_checks_plans_against_the_superiors(result: object) -> None:
    cascading: pd.DataFrame = result.cascading  # type: ignore[attr-defined]
    up = cascading[cascading["Arah"] == "ke atas"]
    assert len(up) > 0
    assert (up["Status"] == "cocok").mean() > 0.8
    # Each row's place travels as (sheet, cell): the Sel column is an A1 address alone.
    assert (cascading["Sheet"] == "SKP").all()
    assert cascading["Sel"].str.fullmatch(r"[A-Z]{1,3}[1-9][0-9]*").all()


def test_the_cli_writes_the_summary_and_never_touches_the_inputs(
    agency: Path, tmp_path: Path
) -> None:
    before = _digests(agency)
    out = tmp_path / "ringkasan.xlsx"
    csv_dir, parquet = tmp_path / "csv", tmp_path / "pegawai.parquet"
    args = ["consolidate", str(agency), "-o", str(out), "--json", "-j", "2"]
    result = runner.invoke(app, [*args, "--csv", str(csv_dir), "--parquet", str(parquet)])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert {"pegawai", "files", "problems", "distribusi"} <= set(document)
    assert document["problems"]
    assert {"path", "code", "message"} <= set(document["problems"][0])
    assert out.exists()
    assert (csv_dir / "pegawai.csv").exists()
    assert len(pd.read_parquet(parquet)) == len(pd.read_csv(csv_dir / "pegawai.csv"))
    assert _digests(agency) == before
    again = runner.invoke(app, ["consolidate", str(agency), "-o", str(out)])
    assert again.exit_code == 2
    assert "--force" in again.output


def test_the_cli_prints_the_ringkasan(agency: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["konsolidasi", str(agency), "-o", str(tmp_path / "r.xlsx"), "--periode", "TW I"]
    )
    assert result.exit_code == 0, result.output
    assert "Ringkasan" in result.output
    assert "Triwulan I" in result.output
    assert INSTANSI in result.output
    assert re.search(r"berkas dibaca dalam \d+,\d dtk", " ".join(result.output.split()))


def test_a_folder_that_does_not_exist_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["consolidate", str(tmp_path / "tidak-ada"), "-o", "x.xlsx"])
    assert result.exit_code == 2


def test_a_file_that_takes_too_long_is_stopped(
    agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def slow(path: Path, **options: object) -> object:
        time.sleep(5)
        raise AssertionError("not stopped")

    monkeypatch.setattr(skp_xl.validation, "check_file", slow)  # imported when needed
    path = next(agency.rglob("*.xlsx"))
    start = time.perf_counter()
    result = proses_berkas(str(path), str(agency), batas_detik=0.5)
    assert time.perf_counter() - start < 3
    assert [f.code for f in result.temuan] == ["berkas-waktu-habis"]
    assert not result.terbaca


def _pegawai_row(**changes: object) -> pd.DataFrame:
    """One Pegawai row that conforms to the model, with ``changes`` (field name -> value)."""
    row: dict[str, object] = dict.fromkeys(PEGAWAI_COLUMNS, "")
    row |= {
        Pegawai.nip: "198503122010011001",
        Pegawai.nama: "Dewi",
        Pegawai.unit_kerja: "Unit A",
        Pegawai.jenis_jabatan: "JA",
        Pegawai.pendekatan: "Kuantitatif",
        Pegawai.periode: "Akhir",
        Pegawai.capaian_organisasi: "Baik",
        Pegawai.rating_hasil_kerja: "Sesuai Ekspektasi",
        Pegawai.rating_perilaku: "Sesuai Ekspektasi",
        Pegawai.predikat: "Baik",
        Pegawai.angka_kredit: None,
        Pegawai.dihitung: "Ya",
        Pegawai.galat: 0,
        Pegawai.berkas: "a.xlsx",
    }
    row |= {getattr(Pegawai, name): value for name, value in changes.items()}
    frame = pd.DataFrame([row], columns=list(PEGAWAI_COLUMNS))
    numbers = {Pegawai.angka_kredit: "Float64", Pegawai.galat: "Int64"}
    return frame.astype({c: numbers.get(c, "string") for c in PEGAWAI_COLUMNS})


def test_the_row_of_the_schema_tests_conforms() -> None:
    assert periksa_pegawai(_pegawai_row(), [{}], set()) == []


def test_schema_failures_are_coded_by_column_and_placed_at_the_source_cell() -> None:
    frame = _pegawai_row(nip="12345", jenis_jabatan="JX", angka_kredit=-1.0)
    letak = [{Pegawai.nip: ("Identitas", "C6")}]
    findings = periksa_pegawai(frame, letak, set())
    assert sorted((f.code, f.path, f.sheet, f.cell, f.field) for f in findings) == [
        ("skema-angka-kredit", "a.xlsx", None, None, "Angka Kredit"),
        ("skema-jenis-jabatan", "a.xlsx", None, None, "Jenis Jabatan"),
        ("skema-nip", "a.xlsx", "Identitas", "C6", "NIP"),
    ]
    assert {f.severity for f in findings} == {Severity.ERROR}


def test_a_schema_failure_at_a_cell_already_in_error_is_not_repeated() -> None:
    frame = _pegawai_row(nip="12345")
    known = {("a.xlsx", "Identitas", "C6")}
    assert periksa_pegawai(frame, [{Pegawai.nip: ("Identitas", "C6")}], known) == []


def test_a_files_rows_of_several_periods_report_a_failure_once() -> None:
    frame = pd.concat([_pegawai_row(nip="12345"), _pegawai_row(nip="12345", periode="Triwulan I")])
    letak = [{Pegawai.nip: ("Identitas", "C6")}] * 2
    findings = periksa_pegawai(frame.reset_index(drop=True), letak, set())
    assert [(f.code, f.cell) for f in findings] == [("skema-nip", "C6")]


def test_a_schema_failure_skp_xl_made_itself_is_reported_as_its_fault() -> None:
    wrong = periksa_pegawai(_pegawai_row(dihitung="Mungkin"), [{}], set())
    assert [(f.code, f.path, f.sheet) for f in wrong] == [("skema-tabel", "a.xlsx", None)]
    missing = periksa_pegawai(_pegawai_row().drop(columns=[Pegawai.galat]), [{}], set())
    assert [(f.code, f.path) for f in missing] == [("skema-tabel", None)]
    assert "laporkan" in missing[0].message


def test_every_schema_code_is_a_pegawai_column() -> None:
    assert set(KODE) <= set(PEGAWAI_COLUMNS)
    assert len(set(KODE.values())) == len(KODE)


def test_the_consolidated_tables_conform_to_their_models(result: object) -> None:
    tables = {
        Pegawai: result.pegawai,  # type: ignore[attr-defined]
        Temuan: result.temuan,  # type: ignore[attr-defined]
        Ringkasan: result.ringkasan,  # type: ignore[attr-defined]
        Cascading: result.cascading,  # type: ignore[attr-defined]
    }
    for model, frame in tables.items():
        assert len(frame) > 0, model.__name__
        assert tuple(frame.columns) == kolom(model)
        assert periksa(model, frame).empty, model.__name__
    assert periksa(Pegawai, result.pegawai_periode()).empty  # type: ignore[attr-defined]


@pytest.mark.libreoffice
def test_libreoffice_finds_the_table_the_chart_and_the_pivot(
    recalculate: LibreOffice, agency: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ringkasan.xlsx"
    assert (
        runner.invoke(app, ["consolidate", str(agency), "-o", str(out), "-j", "1"]).exit_code == 0
    )
    [ods] = recalculate.convert([out], "ods").values()
    content = zipfile.ZipFile(ods).read("content.xml").decode()
    assert "table:data-pilot-table" in content
    assert "table:database-range" in content
    assert "draw:object" in content
    done = recalculate([out])[out]
    assert INSTANSI in done.values["Ringkasan"].values()


def test_a_unit_is_a_top_folder_unless_asked_otherwise() -> None:
    assert unit_of("Biro Umum/Bagian Keuangan/Subbagian Gaji", 1) == "Biro Umum"
    assert unit_of("Biro Umum/Bagian Keuangan/Subbagian Gaji", 2) == "Biro Umum/Bagian Keuangan"
    assert unit_of("Biro Umum/Bagian Keuangan", 0) == "Biro Umum/Bagian Keuangan"
    assert unit_of("", 1) == AKAR


def test_the_head_at_the_top_of_the_folder_counts_as_pimpinan_instansi_first(
    result: object,
) -> None:
    ringkasan: pd.DataFrame = result.ringkasan  # type: ignore[attr-defined]
    pegawai: pd.DataFrame = result.pegawai  # type: ignore[attr-defined]
    assert AKAR == "Pimpinan Instansi"
    assert ringkasan[Ringkasan.unit_kerja].iloc[0] == AKAR
    assert ringkasan[Ringkasan.unit_kerja].iloc[-1] == INSTANSI
    assert AKAR in set(pegawai[Pegawai.unit_kerja])
    assert not pegawai[Pegawai.unit_kerja].str.startswith("(").any()


def test_the_summary_sheet_has_one_row_per_workbook_for_the_period(result: object) -> None:
    rows: pd.DataFrame = result.pegawai_periode()  # type: ignore[attr-defined]
    read = [h for h in result.hasil if h.terbaca]  # type: ignore[attr-defined]
    assert sorted(rows["Berkas"]) == sorted(h.path for h in read)
    counted = rows[(rows["Dihitung"] == "Ya") & (rows["Predikat"].fillna("") != "")]
    ringkasan: pd.DataFrame = result.ringkasan  # type: ignore[attr-defined]
    assert ringkasan[ringkasan["Unit Kerja"] == INSTANSI]["Jumlah"].item() == len(counted)
    unrated = rows[rows["Periode"].isna()]
    assert all("belum dinilai" in k for k in unrated["Keterangan"])
    every = result.summary_data(semua_periode=True)  # type: ignore[attr-defined]
    assert len(every.pegawai) > len(rows)


def test_a_unit_too_small_is_not_compared_with_the_guideline(agency: Path) -> None:
    result = konsolidasi(agency, Opsi(jobs=1, pola_minimal=1000))
    rows = result.ringkasan.set_index("Unit Kerja")
    units = rows.drop(index=INSTANSI)
    assert set(units["Pola Distribusi"]) == {"—"}
    assert all("kurang dari 1000" in k for k in units["Keterangan"])
    assert rows.loc[INSTANSI, "Pola Distribusi"] in {"Sesuai", "Tidak sesuai"}


def test_capaian_from_a_file_overrides_the_workbooks(agency: Path, tmp_path: Path) -> None:
    units = sorted({p.relative_to(agency).parts[0] for p in agency.glob("*/") if p.is_dir()})
    unit = next(u for u in units if u != "Berkas Bermasalah")
    config = tmp_path / "capaian.toml"
    config.write_text(f'"{unit}" = "Sangat Kurang"\n"(Instansi)" = "istimewa"\n', "utf-8")
    out, csv_dir = tmp_path / "r.xlsx", tmp_path / "csv"
    args = ["consolidate", str(agency), "-o", str(out), "-j", "1", "--csv", str(csv_dir)]
    result = runner.invoke(app, [*args, "--capaian", str(config)])
    assert result.exit_code == 0, result.output
    rows = pd.read_csv(csv_dir / "ringkasan.csv").set_index("Unit Kerja")
    assert rows.loc[unit, "Capaian Kinerja Organisasi"] == "Sangat Kurang"
    assert rows.loc[INSTANSI, "Capaian Kinerja Organisasi"] == "Istimewa"


@pytest.mark.parametrize(
    ("option", "content", "words"),
    [
        ("--capaian", '"Unit A" = "Luar Biasa"\n', "Unit A"),
        ("--pola", '{"aturan": {"Baik": [{"jenis": "paling_banyak"}]}}', "pola"),
        ("--pola", "bukan json", "tidak dapat dibaca"),
    ],
)
def test_a_bad_override_file_is_a_usage_error(
    agency: Path, tmp_path: Path, option: str, content: str, words: str
) -> None:
    config = tmp_path / ("x.toml" if option == "--capaian" else "x.json")
    config.write_text(content, "utf-8")
    result = runner.invoke(
        app, ["consolidate", str(agency), "-o", str(tmp_path / "r.xlsx"), option, str(config)]
    )
    assert result.exit_code == 2
    assert words in result.output
    assert not (tmp_path / "r.xlsx").exists()


def test_the_temuan_table_made_a_column_at_a_time_is_the_frame_of_its_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Temuan table, each column's Arrow strings made a few at a time, is the frame
    of the findings' rows pandas makes (its default text dtype, blanks as empty texts);
    no finding, no row and the same columns."""
    from skp_xl.batch import konsolidasi as konsolidasi_module
    from skp_xl.domain.codes import Code
    from skp_xl.domain.findings import Finding
    from skp_xl.summary.skema import TEMUAN_COLUMNS

    monkeypatch.setattr(konsolidasi_module, "POTONGAN", 2)
    every = [
        Finding(
            Code.NIP_RUSAK_EXCEL, Severity.ERROR, "NIP rusak & <x>", "SKP", "D7", path="a.xlsx"
        ),
        Finding(Code.CASCADING_TIDAK_DITEMUKAN, Severity.WARNING, "teks ☃", None, None),
        Finding(Code.NIP_RUSAK_EXCEL, Severity.INFO, "", "Sheet 2", "A1:B2", path="b/c.xlsx"),
    ]
    made = konsolidasi_module._tabel_temuan(every)
    rows = [
        (
            f.path or "",
            f.sheet or "",
            f.cell or "",
            f.code,
            konsolidasi_module.TINGKAT[f.severity],
            f.message,
        )
        for f in every
    ]
    pd.testing.assert_frame_equal(made, pd.DataFrame(rows, columns=list(TEMUAN_COLUMNS)))
    empty = konsolidasi_module._tabel_temuan([])
    pd.testing.assert_frame_equal(empty, pd.DataFrame([], columns=list(TEMUAN_COLUMNS)))
