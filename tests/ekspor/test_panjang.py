"""An export longer than an SKP may be is triaged once, with the export limits, wherever
it is read: validate, predikat --csv, tindak-lanjut and the roster (consolidate too)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from skp_xl.reader import ekspor as reader_ekspor
from skp_xl.reader import triage as triage_module
from skp_xl.samples import ekspor
from skp_xl.settings import EKSPOR_LIMITS, LIMITS
from skp_xl.validation import validate_file


@pytest.fixture(scope="module")
def panjang(tmp_path_factory: pytest.TempPathFactory) -> Path:
    rows = LIMITS.max_rows + 500  # past what an SKP may have
    path = tmp_path_factory.mktemp("panjang") / "Laporan Penilaian SKP Tahunan.xlsx"
    org = ekspor.organisasi(rows, seed=3)
    ekspor.tulis_xlsx(path, ekspor.penilaian(org, random.Random(3)))
    return path


@pytest.fixture
def triages(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The limits of every triage made, wherever it is called from."""
    seen: list[object] = []
    real = triage_module.triage

    def counted(path: Path, *args: object, **kwargs: object) -> triage_module.Triage:
        seen.append(kwargs.get("limits", LIMITS))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    for module in ("skp_xl.validation", "skp_xl.reader.ekspor"):
        monkeypatch.setattr(f"{module}.triage", counted)
    return seen


def test_validate_triages_a_long_export_once(panjang: Path, triages: list[object]) -> None:
    findings = validate_file(panjang).findings
    assert triages == [EKSPOR_LIMITS]
    assert not any(f.code.startswith("berkas-") for f in findings)


def test_the_other_readers_triage_it_once(panjang: Path, triages: list[object]) -> None:
    assert reader_ekspor.triage_ekspor(panjang).blocking is None
    assert triages == [EKSPOR_LIMITS]


def test_a_reader_of_exports_alone_starts_without_the_skp_reader(
    panjang: Path, tmp_path: Path
) -> None:
    """The reader processes' server imports the SKP reader (``PRAMUAT``) unless every file
    is a text table or a workbook declared longer than an SKP; the per-file step imports
    it when a workbook needs it."""
    import subprocess
    import sys

    import openpyxl

    csv = tmp_path / "rekap.csv"
    csv.write_text("nip,nama,rating_hasil_kerja,rating_perilaku\n", encoding="utf-8")
    small = tmp_path / "kecil.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["nip", "nama"])  # type: ignore[union-attr]
    book.save(small)
    assert reader_ekspor.tanpa_pembaca_skp(panjang)
    assert reader_ekspor.tanpa_pembaca_skp(csv)
    assert not reader_ekspor.tanpa_pembaca_skp(small)
    code = "import sys, skp_xl.batch.berkas; print('skp_xl.validation' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
