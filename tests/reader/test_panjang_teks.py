"""A text pasted past the SKP's caps (Excel's validation does not check pasted text) is a
warning at its cell: the forms that copy it cannot print it whole (docs/print.md)."""

from __future__ import annotations

from pathlib import Path

from skp_xl.domain.checks import MAKS_IKI, MAKS_RHK, MAKS_UKURAN
from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Severity
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.validation import validate_file
from skp_xl.workbook.writer import Options, build_workbook
from tests.workbook.fill import narasi, put, table


def _panjang(path: Path) -> dict[str | None, str]:
    report = validate_file(path)
    found = [f for f in report.findings if f.code == Code.TEKS_TERLALU_PANJANG]
    assert all(f.severity is Severity.WARNING and f.sheet == "SKP" for f in found)
    return {f.cell: f.message for f in found}


def test_kuantitatif_texts_past_their_caps_are_warned_at_their_cells(tmp_path: Path) -> None:
    wb = build_workbook(Options(JenisJabatan.JA, Pendekatan.KUANTITATIF))
    skp = table(wb, "SKP_HASIL_KERJA")
    pimpinan = skp.cell("RENCANA HASIL KERJA PIMPINAN YANG DIINTERVENSI*", 0)
    rhk = skp.cell("RENCANA HASIL KERJA", 0)
    iki = skp.cell("INDIKATOR KINERJA INDIVIDU", 0, 0)
    put(wb, pimpinan, "p" * MAKS_RHK)  # at the cap: accepted
    put(wb, rhk, "r" * (MAKS_RHK + 1))
    put(wb, iki, "  " + "i" * (MAKS_IKI + 9) + "  ")
    put(wb, skp.cell("RENCANA HASIL KERJA", 1), "x" * (MAKS_RHK + 50))
    path = tmp_path / "ja.xlsx"
    wb.save(path)
    found = _panjang(path)
    second = skp.cell("RENCANA HASIL KERJA", 1)[1]
    assert set(found) == {rhk[1], iki[1], second}
    assert f"{MAKS_RHK + 1} karakter, melebihi batas {MAKS_RHK}" in found[rhk[1]]
    assert f"SKP!{iki[1]}" in found[iki[1]]
    assert f"{MAKS_IKI + 9} karakter, melebihi batas {MAKS_IKI}" in found[iki[1]]
    assert "Persingkat" in found[second]


def test_kualitatif_hasil_and_ukuran_have_their_own_caps(tmp_path: Path) -> None:
    wb = build_workbook(Options(JenisJabatan.JF, Pendekatan.KUALITATIF))
    hasil, ukuran = narasi(table(wb, "SKP_HASIL_KERJA"), 0)
    put(wb, hasil, "h" * MAKS_RHK)
    put(wb, ukuran, "u" * (MAKS_UKURAN + 1))
    path = tmp_path / "jf.xlsx"
    wb.save(path)
    found = _panjang(path)
    assert list(found) == [ukuran[1]]
    assert found[ukuran[1]].startswith("Ukuran keberhasilan di ")
