"""``skp-xl roster --dari-matriks``: the leader's filled Matriks into each staff member's SKP."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from skp_xl.cli import app
from skp_xl.samples.roster import buat_roster, tulis_csv
from skp_xl.validation import read_file
from skp_xl.workbook.bawahan import tempatkan_peran

IKI = "Meningkatnya mutu layanan riset"


def plan(path: Path) -> list[tuple[str, str | None]]:
    """(rencana hasil kerja, pimpinan's) of each filled block, as the reader reads them."""
    record, _ = read_file(path)
    assert record is not None
    return [
        (str(h.rhk.value), None if h.rhk_pimpinan is None else h.rhk_pimpinan.value or None)
        for h in record.hasil_kerja
        if not h.rhk.kosong
    ]


def test_roles_reach_each_staff_workbook_and_typed_text_stays(tmp_path: Path) -> None:
    contoh = buat_roster(25)
    tulis_csv(contoh, tmp_path / "roster.csv")
    out = tmp_path / "out"
    runner = CliRunner()
    made = runner.invoke(
        app, ["roster", str(tmp_path / "roster.csv"), "-o", str(out), "--instansi", "Dinas"]
    )
    assert made.exit_code == 0, made.output
    # A leader of JA/JF staff: their SKP (kuantitatif) has the pimpinan's column.
    staff: dict[str, list[str]] = {}
    for row in contoh.baris:
        staff.setdefault(row[7], []).append(row[5])
    leader = next(n for n, jenis in staff.items() if n and len(jenis) > 1 and "JPT" not in jenis)
    matriks = next(out.rglob(f"Matriks 2026 {leader} *.xlsx"))
    wb = load_workbook(matriks)
    ws = wb["Matriks"]
    ws["D16"] = IKI
    first, second = ws["B17"].value, ws["B18"].value
    ws["D17"] = "Laporan riset pertama"
    ws["D18"] = "Laporan riset kedua"
    wb.save(matriks)
    # The second staff member already typed the role (without the pimpinan's) and more.
    theirs = next(out.rglob(f"SKP 2026 {second} *.xlsx"))
    skp = load_workbook(theirs)
    assert tempatkan_peran(skp, [("", "Laporan riset kedua"), ("", "Rencana sendiri")]) == (2, 0)
    skp.save(theirs)

    result = runner.invoke(
        app, ["roster", "--dari-matriks", str(matriks), "-o", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {(s["nip"], s["status"], s["ditulis"]) for s in document["skp"]} == {
        (first, "diperbarui", 1),
        (second, "diperbarui", 1),
    }
    mine = next(out.rglob(f"SKP 2026 {first} *.xlsx"))
    assert plan(mine) == [("Laporan riset pertama", IKI)]
    assert plan(theirs) == [("Laporan riset kedua", IKI), ("Rencana sendiri", None)]
    # A second run changes nothing.
    again = runner.invoke(app, ["roster", "--dari-matriks", str(matriks), "-o", str(out), "--json"])
    assert {s["sudah_ada"] for s in json.loads(again.stdout)["skp"]} == {1}
    assert plan(theirs) == [("Laporan riset kedua", IKI), ("Rencana sendiri", None)]
