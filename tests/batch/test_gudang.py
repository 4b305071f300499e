"""Results that wait on disk (a large consolidation's) give the same tables as results held
in memory, and the command gives the same outputs either way."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from skp_xl.batch import gudang as gudang_module
from skp_xl.batch.gudang import Gudang
from skp_xl.batch.konsolidasi import Opsi, rangkum
from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding
from skp_xl.domain.rekap import AturanGanda
from skp_xl.samples import generate_agency
from tests.batch.hasil import baca, di_disk, sama

SAMPLES = Path(__file__).parents[2] / "samples"


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("instansi")
    generate_agency(root, pegawai=12, seed=5, masalah=True, jobs=1)
    return root


def test_results_wait_on_disk_and_come_back_in_the_files_order(agency: Path) -> None:
    hasil, _ = baca(agency)
    gudang = Gudang(len(hasil) + 2, di_disk=True)
    for index in (3, 0, 2, 1):
        gudang.taruh(index, hasil[index])
    # Indexes never given a result (a file no reader answered for) are left out.
    assert len(gudang) == 4
    assert list(gudang) == hasil[:4]
    assert gudang[2] == hasil[2]
    with pytest.raises(ValueError, match="disk"):
        gudang.dengan({0: hasil[0]})  # only a result held in memory is replaced
    assert gudang[1:3] == hasil[1:3]
    # Fresh objects a pass: nothing is held but in the file.
    assert gudang[0] is not gudang[0]
    assert list(gudang.di_memori()) == []
    assert pickle.loads(pickle.dumps(gudang)) == hasil[:4]
    in_memory = Gudang(2)
    in_memory.taruh(1, hasil[1])
    assert not in_memory.di_disk
    assert list(in_memory.di_memori()) == [(0, hasil[1])]


def test_an_export_stays_in_memory_and_a_replaced_one_changes_only_the_copy() -> None:
    hasil, _ = baca(SAMPLES / "ekinerja")
    gudang = di_disk(hasil)
    held = dict(gudang.di_memori())
    assert held
    assert all(h.ekspor is not None for h in held.values())
    at, export = next(iter(held.items()))
    changed = gudang.dengan({at: replace(export, path="lain.xlsx")})
    assert changed[at].path == "lain.xlsx"
    assert gudang[at].path == export.path


@pytest.mark.parametrize("folder", ["instansi", "ekinerja", "bermasalah"])
def test_the_tables_are_the_same_from_disk(folder: str) -> None:
    root = SAMPLES / folder
    hasil, notes = baca(root)
    held = rangkum(root, hasil, list(notes), Opsi(cache=False))  # type: ignore[arg-type]
    disk = rangkum(root, di_disk(hasil), list(notes), Opsi(cache=False))  # type: ignore[arg-type]
    assert isinstance(disk.hasil, Gudang)
    assert disk.hasil.di_disk
    sama(held, disk)


@pytest.mark.parametrize("aturan", list(AturanGanda))
def test_the_rules_across_files_are_the_same_from_disk(agency: Path, aturan: AturanGanda) -> None:
    hasil, notes = baca(agency)
    rated = [i for i, h in enumerate(hasil) if h.periode]
    first, second = rated[:2]
    # A value the Pegawai schema refuses, found again at its cell on disk ...
    bad = hasil[first]
    periode = (replace(bad.periode[0], predikat="Luar Biasa Sekali"), *bad.periode[1:])
    hasil[first] = replace(bad, periode=periode)
    # ... and one pegawai's workbook found twice (the duplicate and count-once rules).
    twin = hasil[second]
    hasil.append(replace(twin, path=twin.path.replace(".xlsx", "-salinan.xlsx"), isi="lain"))
    opsi = Opsi(cache=False, nip_ganda=aturan)
    held = rangkum(agency, hasil, list(notes), opsi)  # type: ignore[arg-type]
    disk = rangkum(agency, di_disk(hasil), list(notes), opsi)  # type: ignore[arg-type]
    sama(held, disk)
    codes = set(disk.temuan.iloc[:, 3])
    assert {Code.SKEMA_PREDIKAT.value, Code.NIP_GANDA.value} <= codes
    schema = disk.temuan[disk.temuan.iloc[:, 3] == Code.SKEMA_PREDIKAT.value].iloc[0]
    assert schema.iloc[1]
    assert schema.iloc[2]


def test_the_command_gives_the_same_outputs_with_resultsdi_disk(
    agency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skp_xl.cli import app

    monkeypatch.setenv("SKP_XL_CACHE", str(tmp_path / "cache"))
    runner = CliRunner()

    def run(name: str, *extra: str) -> dict[str, object]:
        out = tmp_path / name
        args = ["consolidate", str(agency), "-o", str(out / "r.xlsx"), "-j", "2", "--json"]
        done = runner.invoke(app, [*args, "--csv", str(out / "csv"), *extra])
        assert done.exit_code == 0, done.output
        document: dict[str, object] = json.loads(done.stdout)
        document.pop("output")
        return document

    memory = run("memori", "--tanpa-cache")
    monkeypatch.setattr(gudang_module, "DI_DISK_SEJAK", 0)
    cold = run("disk")  # read, and stored in the cache a part at a time
    warm = run("disk-lagi")  # every result from the cache, straight to disk
    assert memory == cold == warm
    for table in ("pegawai", "ringkasan", "temuan", "cascading"):
        expected = (tmp_path / "memori" / "csv" / f"{table}.csv").read_bytes()
        assert (tmp_path / "disk" / "csv" / f"{table}.csv").read_bytes() == expected
        assert (tmp_path / "disk-lagi" / "csv" / f"{table}.csv").read_bytes() == expected


@pytest.mark.parametrize("kept_on", ["memori", "disk"])
@pytest.mark.parametrize("where", ["instansi", "agency"])
def test_the_cascading_check_reads_the_same_from_the_plans_kept(
    where: str, kept_on: str, agency: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skp_xl.batch.gudang import Saring, Simpanan
    from skp_xl.batch.konsolidasi import _definitif, _pimpinan, _rencana
    from skp_xl.domain.rekap import (
        RencanaPegawai,
        StatusCascading,
        baris_cascading_pimpinan,
        periksa_cascading,
    )

    hasil, _ = baca(SAMPLES / "instansi" if where == "instansi" else agency)
    read = [h for h in hasil if h.terbaca]
    whole = [
        RencanaPegawai(
            h.path,
            h.identitas.get("nip", ""),
            h.identitas.get("nama", ""),
            h.identitas.get("penilai_nip", ""),
            h.rencana,
        )
        for h in read
        if _definitif(h)
    ]
    leaders = {h.identitas.get("penilai_nip", "") for h in read if _definitif(h)}
    kept = list(_rencana(read, leaders))
    assert periksa_cascading(kept) == periksa_cascading(whole)
    rows, findings = periksa_cascading(whole)
    # As the consolidation checks them: the leaders' plans, then every plan as it is made;
    # on disk (the results there too), the plans read back with one decoded at a time.
    if kept_on == "disk":
        read = Saring(di_disk(read), lambda h: True)  # type: ignore[assignment]
        monkeypatch.setattr(gudang_module, "SIMPANAN_TERAKHIR", 1)
    pimpinan = _pimpinan(read, leaders)
    assert isinstance(pimpinan, Simpanan)
    assert (pimpinan._acar.berkas is not None) is (kept_on == "disk")
    assert len(pimpinan) < len(whole)
    walked: list[Finding] = []
    made = list(baris_cascading_pimpinan(pimpinan, _rencana(read, leaders, pimpinan), walked))
    assert (made, walked) == (rows, findings)
    assert {StatusCascading.COCOK, StatusCascading.DIINTERVENSI} <= {r.status for r in rows}
    # The staff's own texts are left out: less is kept than read.
    assert sum(len(p.rencana) for p in kept) < sum(len(p.rencana) for p in whole)


def test_a_full_temporary_folder_is_said_so_naming_it_and_what_to_do(
    agency: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import io
    import tempfile

    from skp_xl.cli import app

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(gudang_module, "DI_DISK_SEJAK", 0)
    monkeypatch.setattr(gudang_module.tempfile, "TemporaryFile", lambda **_: Full())
    out = tmp_path / "r.xlsx"
    done = CliRunner().invoke(
        app, ["consolidate", str(agency), "-o", str(out), "-j", "1", "--tanpa-cache"]
    )
    assert done.exit_code == 2
    message = " ".join(done.stderr.split())
    where = tempfile.gettempdir()
    assert f"Hasil pembacaan tidak dapat disimpan sementara di '{where}' (disk penuh)" in message
    assert "TMPDIR" in message
    assert not out.exists()  # nothing half-written
    # The add-in's Konsolidasi Folder says the same, not "a fault of skp-xl".
    from skp_xl.addin import actions
    from skp_xl.addin.filebook import FileBook
    from skp_xl.errors import AddinError

    workbook = next(agency.rglob("*.xlsx"))
    with pytest.raises(AddinError, match="disimpan sementara"):
        actions.konsolidasi_folder(FileBook.open(workbook), folder=agency, opsi=Opsi(jobs=1))


def test_a_view_of_results_is_indexed_as_the_list_of_them(agency: Path) -> None:
    from skp_xl.batch.gudang import Saring

    hasil, _ = baca(agency)
    view = Saring(di_disk(hasil), lambda h: h.terbaca)
    chosen = [h for h in hasil if h.terbaca]
    assert len(view) == len(chosen) > 2
    assert view[0] == chosen[0]
    assert view[-1] == chosen[-1]
    assert view[1:3] == chosen[1:3]
    assert view[::-2] == chosen[::-2]
    with pytest.raises(IndexError):
        view[len(chosen)]


@pytest.mark.parametrize("di_disk", [False, True])
def test_a_store_keeps_the_last_value_of_each_key_and_reads_it_back(
    di_disk: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skp_xl.batch.gudang import Simpanan

    monkeypatch.setattr(gudang_module, "SIMPANAN_TERAKHIR", 2)
    given = [("a", ("satu", 1)), ("b", ("dua", 2)), ("a", ("tiga", 3)), ("c", ("empat", 4))]
    store = Simpanan(iter(given), di_disk=di_disk)
    assert len(store) == 3
    assert list(store) == ["a", "b", "c"]
    assert "b" in store
    assert "z" not in store
    assert store.get("z") is None
    # Asked for in turn, past what is kept decoded: each read back as it was last given.
    for _ in range(2):
        assert [store[k] for k in ("a", "b", "c", "a")] == [
            ("tiga", 3),
            ("dua", 2),
            ("empat", 4),
            ("tiga", 3),
        ]
    assert dict(store) == {"a": ("tiga", 3), "b": ("dua", 2), "c": ("empat", 4)}
    assert len(store._terakhir) <= 2
    store.tutup()
    assert len(store) == 0
    assert store._acar.berkas is None
