"""Every layout, in every form it arrives in, is recognised by its header and read whole."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from skp_xl.domain.ekspor import JenisEkspor
from skp_xl.domain.rekap import PeriodeBulanan
from skp_xl.domain.vocabulary import PeriodeEvaluasi
from skp_xl.reader.ekspor import baca_ekspor, looks_like_ekspor
from skp_xl.samples import ekspor as contoh

ORG = contoh.organisasi(8, seed=9)
Maker = Callable[[Path], Path]


def _penilaian(path: Path) -> Path:
    export = contoh.penilaian(ORG, random.Random(1), bulan=PeriodeBulanan.MEI)
    if path.suffix == ".csv":
        return contoh.tulis_csv(path, export, delimiter=",")
    return contoh.tulis_xlsx(path, export, sheet="Laporan")


def _table(make: Callable[[], contoh.Ekspor]) -> Maker:
    def write(path: Path) -> Path:
        if path.suffix == ".csv":
            return contoh.tulis_csv(path, make())
        return contoh.tulis_xlsx(path, make())

    return write


def _json(records: Callable[[], list[dict[str, object]]]) -> Maker:
    return lambda path: contoh.tulis_json(path, records())


CASES = [
    ("penilaian.xlsx", _penilaian, JenisEkspor.PENILAIAN, 9, PeriodeBulanan.MEI),
    ("penilaian.csv", _penilaian, JenisEkspor.PENILAIAN, 9, PeriodeBulanan.MEI),
    ("master.xlsx", _table(lambda: contoh.master(ORG)), JenisEkspor.MASTER, 8, None),
    ("master.csv", _table(lambda: contoh.master(ORG)), JenisEkspor.MASTER, 8, None),
    (
        "periodik.json",
        _json(lambda: contoh.siasn(ORG, random.Random(2))),
        JenisEkspor.SIASN_PERIODIK,
        8,
        None,
    ),
    (
        "periodik.csv",
        _table(lambda: contoh.datar(contoh.siasn(ORG, random.Random(2)))),
        JenisEkspor.SIASN_PERIODIK,
        8,
        None,
    ),
    (
        "rw-skp22.json",
        _json(lambda: contoh.siasn_skp(ORG, random.Random(3))),
        JenisEkspor.SIASN_SKP,
        8,
        None,
    ),
    (
        "rw-skp22.xlsx",
        _table(lambda: contoh.datar(contoh.siasn_skp(ORG, random.Random(3)))),
        JenisEkspor.SIASN_SKP,
        8,
        None,
    ),
    (
        "rekap.xlsx",
        _table(lambda: contoh.rekap(ORG, random.Random(4))),
        JenisEkspor.REKAP,
        8,
        None,
    ),
]


@pytest.mark.parametrize(("name", "make", "jenis", "rows", "periode"), CASES)
def test_each_layout_is_told_by_its_header(
    tmp_path: Path,
    name: str,
    make: Maker,
    jenis: JenisEkspor,
    rows: int,
    periode: PeriodeEvaluasi | None,
) -> None:
    # The name says nothing: the kind comes from the header.
    path = make(tmp_path / f"berkas{Path(name).suffix}")
    ekspor = baca_ekspor(path)
    assert ekspor is not None
    assert (ekspor.jenis, len(ekspor.baris), ekspor.judul.periode) == (jenis, rows, periode)
    if path.suffix != ".xlsx":
        assert looks_like_ekspor(path)


def test_title_rows_give_the_instansi_and_the_master_list_its_year(tmp_path: Path) -> None:
    path = contoh.tulis_xlsx(tmp_path / "a.xlsx", contoh.master(ORG, tahun=2024))
    ekspor = baca_ekspor(path)
    assert ekspor is not None
    assert (ekspor.judul.instansi, ekspor.judul.tahun) == (ORG.instansi, "2024")


def test_an_annual_report_is_akhir_and_cells_are_named_as_excel_shows_them(
    tmp_path: Path,
) -> None:
    export = contoh.penilaian(ORG, random.Random(1), kesalahan=False)
    ekspor = baca_ekspor(contoh.tulis_xlsx(tmp_path / "a.xlsx", export, sheet="Data"))
    assert ekspor is not None
    assert ekspor.judul.periode is PeriodeEvaluasi.AKHIR
    first = ekspor.baris[0]
    assert (first.nomor, first.letak("nip"), first.letak("hasil_akhir")) == (
        9,
        ("Data", "B9"),
        ("Data", "I9"),
    )


def test_a_table_that_is_no_export_is_none(tmp_path: Path) -> None:
    path = tmp_path / "alamat.csv"
    path.write_text("Nama,Alamat\nA,B\n", encoding="utf-8")
    assert baca_ekspor(path) is None
    assert not looks_like_ekspor(path)


def test_the_fast_path_of_the_rules_gives_what_the_whole_way_gives(tmp_path: Path) -> None:
    """Rows taken from the label cache equal the rows the full rules make, faults and
    every label spelling included (samples.ekspor writes one of each fault)."""
    from skp_xl.domain import ekspor as rules

    org = contoh.organisasi(120, seed=11)
    exports = [
        contoh.tulis_xlsx(tmp_path / "a.xlsx", contoh.penilaian(org, random.Random(2))),
        contoh.tulis_csv(tmp_path / "b.csv", contoh.rekap(org, random.Random(3))),
        contoh.tulis_json(tmp_path / "c.json", contoh.siasn(org, random.Random(4))),
    ]
    compared = 0
    for path in exports:
        export = baca_ekspor(path)
        assert export is not None
        for row in export.baris:
            assert rules.nilai_baris(export, row) == rules._nilai_lengkap(export, row, None)
            compared += 1
    assert compared >= 360


def test_the_columns_of_an_export_hold_what_its_row_objects_hold(tmp_path: Path) -> None:
    """``periksa_kolom`` (what the reader process hands to the consolidation) gives, row
    by row, the outcome ``periksa_ekspor`` gives, and the same findings in the same order,
    faults included; only the rows with findings stay objects."""
    from skp_xl.domain import ekspor as rules
    from skp_xl.domain.findings import Severity

    org = contoh.organisasi(120, seed=11)
    exports = [
        contoh.tulis_xlsx(tmp_path / "a.xlsx", contoh.penilaian(org, random.Random(2))),
        contoh.tulis_csv(tmp_path / "b.csv", contoh.rekap(org, random.Random(3))),
        contoh.tulis_json(tmp_path / "c.json", contoh.siasn(org, random.Random(4))),
    ]
    with_findings = 0
    for path in exports:
        export = baca_ekspor(path)
        assert export is not None
        nilai, findings = rules.periksa_ekspor(export)
        kolom, lengkap, temuan = rules.periksa_kolom(export)
        assert temuan == findings
        assert lengkap == tuple(n for n in nilai if n.temuan)
        with_findings += len(lengkap)
        rows = list(
            zip(
                kolom.nomor,
                kolom.nip,
                kolom.nama,
                kolom.unor,
                kolom.jabatan,
                kolom.periode,
                kolom.status,
                kolom.hasil,
                kolom.perilaku,
                kolom.predikat,
                kolom.galat,
                strict=True,
            )
        )
        assert rows == [
            (
                n.baris.nomor,
                n.nip,
                n.baris.teks("nama"),
                n.baris.teks("unor"),
                n.baris.teks("jabatan"),
                n.periode,
                n.status,
                n.rating_hasil_kerja,
                n.rating_perilaku,
                n.predikat,
                sum(1 for f in n.temuan if f.severity is Severity.ERROR),
            )
            for n in nilai
        ]
        assert [kolom.letak(i, "nip") for i in range(len(kolom))] == [
            n.baris.letak("nip") for n in nilai
        ]
    assert with_findings >= 3
