"""The consolidation's large tables held compactly: the same DataFrames back, only the
rows asked for decoded, and the CSV and Parquet written a slice at a time as the whole
frame's."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner

from skp_xl.batch import konsolidasi as konsolidasi_module
from skp_xl.batch import tabel as tabel_module
from skp_xl.batch.konsolidasi import Konsolidasi, Opsi, konsolidasi
from skp_xl.batch.nasional import INSTANSI, tulis_parquet
from skp_xl.batch.tabel import Tabel, tulis_csv
from skp_xl.cli import app
from skp_xl.domain.vocabulary import PeriodeEvaluasi
from skp_xl.summary import angka_kredit as angka_kredit_module
from skp_xl.summary.angka_kredit import tabel_angka_kredit
from skp_xl.summary.skema import CASCADING_COLUMNS, Pegawai
from skp_xl.summary.workbook import write_summary
from tests.reader.test_tindak_lanjut import pegawai_frame
from tests.summary.test_angka_kredit import ROWS as ROWS_AK

SAMPLES = Path(__file__).parents[2] / "samples" / "instansi"
TEKS = pd.StringDtype("pyarrow")
"""The Pegawai table's text (blank: ``pd.NA``)."""
STR = pd.StringDtype("pyarrow", na_value=np.nan)
"""pandas' default text, the Cascading and Temuan tables' (blank: NaN)."""


def _campuran(n: int = 23) -> pd.DataFrame:
    """Every kind of column the consolidation's tables hold, and one Arrow cannot."""
    units = ["Biro Umum", 'Dinas, "Pusat"', "Baris\nbaru", "Ünit ☃", None]
    return pd.DataFrame(
        {
            "Unit": pd.array([units[i % 5] for i in range(n)], dtype=TEKS),
            "Sendiri": pd.array([f"catatan {i}" if i % 4 else None for i in range(n)], dtype=TEKS),
            "Status": pd.array([("cocok", None, "tidak")[i % 3] for i in range(n)], dtype=STR),
            "AK": pd.array(
                [(0.1, None, 1 / 3, 1e20, -0.0, 12.5)[i % 6] for i in range(n)], "Float64"
            ),
            "Galat": pd.array([i if i % 7 else None for i in range(n)], dtype="Int64"),
            "Campur": pd.Series([(1, "a", None, 2.5)[i % 4] for i in range(n)], dtype=object),
            "Angka": np.arange(n, dtype=np.float64) / 7,
        }
    )


def _tahan(frame: pd.DataFrame, di_disk: bool) -> Tabel:
    """``frame`` held, in memory or (``di_disk``) read mapped from a temporary file."""
    held = Tabel.dari(frame)
    return held.ke_disk() if di_disk else held


@pytest.mark.parametrize("di_disk", [False, True], ids=["memori", "disk"])
@pytest.mark.parametrize("n", [0, 1, 23])
def test_a_table_comes_back_as_it_was_given(n: int, di_disk: bool) -> None:
    frame = _campuran(n)
    held = _tahan(frame, di_disk)
    assert held.di_disk is di_disk
    assert len(held) == n
    assert held.columns == list(frame.columns)
    pd.testing.assert_frame_equal(held.frame(), frame)
    pd.testing.assert_frame_equal(held.kolom(["Galat", "Unit"]), frame[["Galat", "Unit"]])
    rows = np.arange(n)[::-3]
    expected = frame.iloc[rows].reset_index(drop=True)
    pd.testing.assert_frame_equal(held.baris(rows), expected)
    mask = np.arange(n) % 2 == 0
    pd.testing.assert_frame_equal(
        held.baris(mask, ["AK", "Status"]), frame.loc[mask, ["AK", "Status"]].reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(pd.concat(list(held.potongan(5)), ignore_index=True), frame)
    assert len(list(held.potongan(5))) == max(1, -(-n // 5))


def test_an_index_of_its_own_comes_back_too() -> None:
    frame = _campuran(9).set_axis(list("abcdefghi"))
    held = Tabel.dari(frame)
    pd.testing.assert_frame_equal(held.frame(), frame)
    pd.testing.assert_frame_equal(held.baris([4, 1]), frame.iloc[[4, 1]])


def test_a_repeated_label_is_refused() -> None:
    with pytest.raises(ValueError, match="repeated column labels"):
        Tabel.dari(pd.DataFrame([[1, 2]], columns=["a", "a"]))


def test_repeated_texts_are_held_once() -> None:
    # A per-file text on each of its five period rows: the Pegawai table's shape.
    paths = [
        f"Dinas/Bidang {i // 5 % 9}/pegawai {i // 5:06d} nama panjang.xlsx" for i in range(5000)
    ]
    frame = pd.DataFrame({"Berkas": pd.array(paths, dtype=TEKS)})
    held = Tabel.dari(frame)
    assert held.nbytes < frame.memory_usage(deep=True).sum() / 3
    pd.testing.assert_frame_equal(held.frame(), frame)


@pytest.mark.parametrize("n", [0, 1, 23])
def test_the_csv_in_slices_is_the_whole_frames_bytes(
    n: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabel_module, "POTONGAN", 4)
    frame = _campuran(n)
    frame["Sendiri"] = frame["Sendiri"].str.replace("1", '1 "kutip", koma\r\nbaris')
    whole = tmp_path / "utuh.csv"
    frame.to_csv(whole, index=False, encoding="utf-8")
    for table in (frame, Tabel.dari(frame)):
        sliced = tmp_path / "potongan.csv"
        tulis_csv(table, sliced)
        assert sliced.read_bytes() == whole.read_bytes()


def _parquet_lama(frame: pd.DataFrame, instansi: str, path: Path) -> None:
    """What tulis_parquet wrote before, from the whole frame at once."""
    whole = frame.assign(**{INSTANSI: instansi})
    whole[INSTANSI] = whole[INSTANSI].astype("string")
    if path.suffix == ".parquet":
        whole.to_parquet(path, index=False)
        return
    ds.write_dataset(
        pa.Table.from_pandas(whole, preserve_index=False),
        path,
        format="parquet",
        partitioning=[INSTANSI, Pegawai.unit_kerja],
        partitioning_flavor="hive",
        preserve_order=True,
    )


def _pegawai(n: int) -> pd.DataFrame:
    units = ["Biro Umum", "Dinas Pendidikan", "Pimpinan Instansi"]
    rows = [
        {
            Pegawai.nip: f"1990010120200410{i % 100:02d}",
            Pegawai.nama: None if i % 11 == 0 else f'Pegawai "{i}"\nbaris',
            Pegawai.unit_kerja: units[i % 3],
            Pegawai.periode: ("Triwulan I", "Akhir", None)[i % 3],
            Pegawai.angka_kredit: (None, 0.1, 12.5)[i % 3],
            Pegawai.galat: i % 4,
            Pegawai.berkas: f"{units[i % 3]}/{i // 3}.xlsx",
        }
        for i in range(n)
    ]
    return pegawai_frame(rows)


@pytest.mark.parametrize("nama", ["pegawai.parquet", "partisi"])
@pytest.mark.parametrize("n", [0, 1, 40])
def test_the_parquet_in_slices_reads_back_as_the_whole_frames(
    nama: str, n: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tabel_module, "POTONGAN", 7)
    frame = _pegawai(n)
    lama, baru = tmp_path / "lama" / nama, tmp_path / "baru" / nama
    lama.parent.mkdir()
    _parquet_lama(frame, "Dinas X", lama)
    tulis_parquet(Tabel.dari(frame), "Dinas X", baru, force=False)
    if not n and nama == "partisi":
        # No rows, no partition (nor a file before): the folder asked for, empty.
        assert sorted(lama.rglob("*")) == []
        assert baru.is_dir()
        assert sorted(baru.rglob("*")) == []
        return
    expected, got = pd.read_parquet(lama), pd.read_parquet(baru)
    pd.testing.assert_frame_equal(got, expected)
    assert len(got) == n


def _periode_lama(frame: pd.DataFrame, periode: str, exported: set[str]) -> pd.DataFrame:
    """pegawai_periode as it was, on the whole frame."""
    berkas = Pegawai.berkas
    rows = frame[frame[Pegawai.periode] == periode]
    skipped = set(rows[berkas]) | exported
    missing = frame[~frame[berkas].isin(skipped)].drop_duplicates(berkas)
    if len(missing):
        missing = missing.copy()
        for column in (
            Pegawai.periode,
            Pegawai.capaian_organisasi,
            Pegawai.rating_hasil_kerja,
            Pegawai.rating_perilaku,
            Pegawai.predikat,
            Pegawai.angka_kredit,
        ):
            missing[column] = pd.NA
        missing[Pegawai.keterangan] = f"belum dinilai pada periode {periode}"
        rows = pd.concat([rows, missing.astype(rows.dtypes.to_dict())])
    order = [Pegawai.unit_kerja, Pegawai.sub_unit, berkas]
    return rows.sort_values(order, kind="stable").reset_index(drop=True)


def _hasil(frame: pd.DataFrame, periode: PeriodeEvaluasi | None) -> Konsolidasi:
    cascading = pd.DataFrame(
        [(f"{i}.xlsx", "1", "A", "atas", "SKP", f"B{i}", "r", "cocok", "") for i in range(5)],
        columns=list(CASCADING_COLUMNS),
    )
    return Konsolidasi(
        Path("instansi"),
        periode,
        (),
        [],
        frame,
        pd.DataFrame(),
        pd.DataFrame(),
        cascading,
        {},
    )


@pytest.mark.parametrize("di_disk", [False, True], ids=["memori", "disk"])
@pytest.mark.parametrize("potongan", [50_000, 7], ids=["whole", "slices-of-7"])
def test_the_tables_are_the_frames_given_and_the_period_rows_as_before(
    potongan: int, di_disk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The period's rows, chosen and ordered from the key columns and decoded a slice at
    a time (unrated files' rows among them, in slices of their own or shared), are the
    rows one frame of them gave; from a table on disk, they are kept on disk too."""
    monkeypatch.setattr(konsolidasi_module, "POTONGAN", potongan)
    if di_disk:
        dari = Tabel.dari
        monkeypatch.setattr(
            Tabel, "dari", classmethod(lambda cls, f, ke_disk=False: dari(f, ke_disk=True))
        )
    frame = _pegawai(40)
    # Rows of no period and of no file: every way a row can be left out or let in.
    frame.loc[5, Pegawai.berkas] = pd.NA
    frame.loc[[6, 7], Pegawai.sub_unit] = "Sub B"
    # Keys sorted from their codes as pandas sorts the texts: blanks last, by code point.
    frame.loc[8, Pegawai.unit_kerja] = pd.NA
    frame.loc[9, Pegawai.unit_kerja] = "Émbung"
    frame.loc[10, Pegawai.unit_kerja] = "a kecil"
    frame.loc[11, Pegawai.sub_unit] = pd.NA
    result = _hasil(frame, PeriodeEvaluasi.AKHIR)
    pd.testing.assert_frame_equal(result.pegawai, frame)
    assert result.cascading[Pegawai.berkas].tolist() == [f"{i}.xlsx" for i in range(5)]
    expected = _periode_lama(frame, "Akhir", set())
    assert (expected[Pegawai.keterangan] == "belum dinilai pada periode Akhir").any()
    pd.testing.assert_frame_equal(result.pegawai_periode(), expected)
    held = result.summary_data().pegawai
    assert isinstance(held, Tabel)
    assert held.di_disk is di_disk
    pd.testing.assert_frame_equal(held.frame(), expected)
    pd.testing.assert_frame_equal(_hasil(frame, None).pegawai_periode(), frame)


def test_the_angka_kredit_table_decodes_only_the_jf_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    frame = pegawai_frame(ROWS_AK)
    frame.loc[1, Pegawai.jenis_jabatan] = pd.NA  # a JF known by its jabatan's jenjang only
    held = Tabel.dari(frame)
    decoded: list[int] = []
    baris = Tabel.baris

    def counted(self: Tabel, rows: np.ndarray, labels: object = None) -> pd.DataFrame:
        part = baris(self, rows, labels)  # type: ignore[arg-type]
        decoded.append(len(part))
        return part

    monkeypatch.setattr(Tabel, "baris", counted)
    monkeypatch.setattr(Tabel, "frame", lambda self: pytest.fail("the whole table decoded"))
    whole = tabel_angka_kredit(frame)
    assert tabel_angka_kredit(held) == whole
    assert decoded == [len(ROWS_AK) - 1]  # the JA row left out before decoding
    # Decoded two rows at a time, the rows of one pegawai in different slices.
    decoded.clear()
    monkeypatch.setattr(angka_kredit_module, "POTONGAN_BARIS", 2)
    assert tabel_angka_kredit(held) == whole
    assert tabel_angka_kredit(frame) == whole
    assert decoded == [2] * ((len(ROWS_AK) - 1) // 2) + [1] * ((len(ROWS_AK) - 1) % 2)


def test_consolidate_writes_the_csv_and_parquet_of_the_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command as the user runs it, in slices of 17 rows: each CSV is its table's
    ``to_csv``, the Parquet reads back as the Pegawai table with its Instansi."""
    monkeypatch.setattr(tabel_module, "POTONGAN", 17)
    out, csv_dir, parquet = tmp_path / "r.xlsx", tmp_path / "csv", tmp_path / "p.parquet"
    args = ["consolidate", str(SAMPLES), "-o", str(out), "-j", "1", "--tanpa-cache"]
    run = CliRunner().invoke(app, [*args, "--csv", str(csv_dir), "--parquet", str(parquet)])
    assert run.exit_code == 0, run.output
    result = konsolidasi(SAMPLES, Opsi(jobs=1, cache=False))
    assert len(result.pegawai) > 17 * 3
    for name in ("pegawai", "ringkasan", "temuan", "cascading"):
        whole = tmp_path / f"{name}.csv"
        getattr(result, name).to_csv(whole, index=False, encoding="utf-8")
        assert (csv_dir / f"{name}.csv").read_bytes() == whole.read_bytes(), name
    expected = result.pegawai.assign(**{INSTANSI: result.instansi or result.nama})
    expected[INSTANSI] = expected[INSTANSI].astype("string")
    pd.testing.assert_frame_equal(pd.read_parquet(parquet), expected)


def test_the_summary_from_the_tables_held_is_the_summary_from_the_frames(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cascading taken a slice at a time, Angka Kredit from the JF rows decoded alone: the
    same workbook, part for part, as from the whole DataFrames."""
    monkeypatch.setattr(tabel_module, "POTONGAN", 17)
    result = konsolidasi(SAMPLES, Opsi(jobs=1, cache=False))
    held = result.summary_data()
    assert isinstance(held.cascading, Tabel)
    assert isinstance(held.semua_periode, Tabel)
    assert len(held.cascading) > 17 * 3
    frames = replace(held, cascading=result.cascading, semua_periode=result.pegawai)
    parts = []
    for name, data in (("held", held), ("frames", frames)):
        path = tmp_path / name / "ringkasan.xlsx"
        path.parent.mkdir()
        write_summary(path, data)
        with zipfile.ZipFile(path) as package:
            parts.append({n: package.read(n) for n in package.namelist()})
    assert "xl/worksheets/sheet6.xml" in parts[0]
    for name in parts[1]:
        if name != "docProps/core.xml":  # its creation time
            assert parts[0][name] == parts[1][name], name
    assert parts[0].keys() == parts[1].keys()


def test_a_table_already_held_is_kept_as_it_is() -> None:
    frame = _pegawai(12)
    held = Tabel.dari(frame)
    result = _hasil(frame, PeriodeEvaluasi.AKHIR)
    again = Konsolidasi(Path("i"), None, (), [], held, frame, frame, result.tabel_cascading, {})
    assert again.tabel_pegawai is held
    pd.testing.assert_frame_equal(again.pegawai, frame)


def test_a_columns_codes_and_values_give_back_its_cells() -> None:
    """faktor: each row's value is its code's (a blank's code -1), for a text column held
    dictionary-encoded, one held as its own texts, one kept as objects, and a table
    joined from parts with dictionaries of their own; no row is decoded."""
    frame = pd.DataFrame(
        {
            "ulang": pd.array(["JF", None, "JA", "JF", ""] * 20, dtype="string"),
            "unik": pd.array([f"catatan {i}" if i % 7 else None for i in range(100)], "string"),
            "objek": [1, "a", None, 2.5, "a"] * 20,
        }
    )
    parts = [Tabel.dari(frame.iloc[:30].reset_index(drop=True))]
    parts.append(Tabel.dari(frame.iloc[30:].reset_index(drop=True).replace("JA", "JPT")))
    expected = pd.concat([frame.iloc[:30], frame.iloc[30:].replace("JA", "JPT")])
    for held, whole in (
        (Tabel.dari(frame), frame),
        (Tabel.sambung(parts), expected),
        (Tabel.dari(frame).ke_disk(), frame),
        (Tabel.sambung(parts, ke_disk=True), expected),
    ):
        for label in whole.columns:
            codes, values = held.faktor(label)
            cells = [None if code < 0 else values[code] for code in codes]
            assert cells == [None if pd.isna(v) else v for v in whole[label]], label
            assert len(values) == whole[label].nunique()


def test_codes_of_a_column_joined_on_disk_a_chunk_at_a_time_give_back_its_cells() -> None:
    """faktor of a table joined on disk (a chunk a part): a column of texts each its own,
    held plain (a large summary's file column), one repeated, held dictionary-encoded, a
    part each with its own dictionary; blanks -1; values in the order Arrow's unified
    dictionary gives them."""
    n = 240
    frame = pd.DataFrame(
        {
            "Berkas": pd.array(
                [None if i in (7, 100) else f"unit-{i % 3}/pegawai-{i:04d}.xlsx" for i in range(n)],
                dtype=TEKS,
            ),
            "Jabatan": pd.array([("JF", "JA", None, "JPT")[i % 4] for i in range(n)], dtype=TEKS),
        }
    )
    cuts = [frame.iloc[:90], frame.iloc[90:91], frame.iloc[91:]]
    joined = Tabel.sambung([Tabel.dari(c.reset_index(drop=True)) for c in cuts], ke_disk=True)
    kinds = [column.type for column in joined._arrow.columns]
    assert not pa.types.is_dictionary(kinds[0])
    assert pa.types.is_dictionary(kinds[1])
    for label in frame.columns:
        codes, values = joined.faktor(label)
        cells = [None if code < 0 else values[code] for code in codes]
        assert cells == [None if pd.isna(v) else v for v in frame[label]], label
        unified = joined._arrow.column(list(frame.columns).index(label)).unify_dictionaries()
        if pa.types.is_dictionary(unified.type):
            assert values == unified.chunk(0).dictionary.to_pylist()
        else:
            assert values == [v for v in frame[label] if not pd.isna(v)]


def test_a_table_on_disk_lets_go_of_the_pages_it_read(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each answer of a table on disk drops the pages of the file read so far: the rows
    come back the same the next time, read from the file again."""
    from skp_xl.batch import gudang

    dropped: list[object] = []
    drop = gudang.lepas_halaman
    monkeypatch.setattr(gudang, "lepas_halaman", lambda peta: (dropped.append(peta), drop(peta)))
    frame = _campuran(23)
    held = Tabel.dari(frame).ke_disk()
    for _ in range(2):
        for answer in (
            lambda: pd.testing.assert_frame_equal(held.frame(), frame),
            lambda: pd.testing.assert_frame_equal(
                held.baris([3, 1]), frame.iloc[[3, 1]].reset_index(drop=True)
            ),
            lambda: held.faktor("Unit"),
        ):
            before = len(dropped)
            answer()
            assert len(dropped) > before
    # Rows and frames drop them after each column too (rows taken from all over a large
    # table read most of its pages).
    before = len(dropped)
    held.baris([3, 1])
    assert len(dropped) - before == len(held._arrow.columns) + 1
    assert Tabel.dari(frame).ke_disk() is not held
    assert held.ke_disk() is held  # already there


@pytest.mark.parametrize("parts_on_disk", [False, True], ids=["parts-memori", "parts-disk"])
def test_tables_joined_on_disk_are_the_tables_joined(parts_on_disk: bool) -> None:
    """Joined straight into a table on disk, a column written as soon as it is joined,
    from parts in memory or on disk themselves: the frames concatenated, as in memory."""
    frame = _campuran(23)
    cuts = [frame.iloc[:5], frame.iloc[5:6], frame.iloc[6:]]
    parts = [_tahan(cut.reset_index(drop=True), parts_on_disk) for cut in cuts]
    joined = Tabel.sambung(parts, ke_disk=True)
    assert joined.di_disk
    pd.testing.assert_frame_equal(joined.frame(), frame)
    pd.testing.assert_frame_equal(joined.frame(), Tabel.sambung(parts).frame())
    pd.testing.assert_frame_equal(
        joined.baris([22, 0, 5]), frame.iloc[[22, 0, 5]].reset_index(drop=True)
    )
    # Each part's chunk kept as it is (joined in memory, a column is one chunk): rows
    # taken across them, in any order, repeated, or none, or a slice inside one part.
    assert {column.num_chunks for column in joined._arrow.columns} == {3}
    rows = np.random.default_rng(7).integers(0, len(frame), 40)
    for chosen in (rows, [5, 5, 4, 6, 0], [], list(range(6, 23))):
        pd.testing.assert_frame_equal(
            joined.baris(chosen), frame.iloc[list(chosen)].reset_index(drop=True)
        )
    for at, part in enumerate(joined.potongan(4)):
        pd.testing.assert_frame_equal(part, frame.iloc[at * 4 : at * 4 + 4].reset_index(drop=True))
    with pytest.raises(IndexError):
        joined.baris([23])


def test_a_table_that_cannot_go_to_disk_says_which_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import errno
    import io
    import tempfile

    from skp_xl.batch import gudang
    from skp_xl.batch.gudang import GudangGagal

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gudang.tempfile, "TemporaryFile", lambda **_: Full())
    with pytest.raises(GudangGagal) as raised:
        Tabel.dari(_campuran(5)).ke_disk()
    assert raised.value.filename == tempfile.gettempdir()
    assert "disk penuh" in raised.value.pesan
