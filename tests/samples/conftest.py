"""Agencies written once per test module, and the helpers the sample tests share."""

from __future__ import annotations

from pathlib import Path

import python_calamine

from skp_xl.domain.records import SkpRecord
from skp_xl.samples import AgencyManifest
from skp_xl.validation import read_file


def dump(path: Path) -> dict[str, list[list[object]]]:
    """Every sheet's values as python-calamine reads them."""
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in wb.sheet_names}


def records(manifest: AgencyManifest) -> dict[Path, SkpRecord]:
    """Every workbook of an agency read back, by path."""
    result = {}
    for berkas in manifest.berkas:
        record, findings = read_file(berkas.path)
        assert record is not None, findings
        result[berkas.path] = record
    return result


def cascading_checked(manifest: AgencyManifest) -> int:
    """Assert that every JA/JF kuantitatif hasil kerja names one rencana hasil kerja of its
    penilai's workbook, found as a consolidation would (NIP and jabatan); how many."""
    read = records(manifest)
    by_person = {(r.pegawai.nip.teks, r.pegawai.jabatan.teks): r for r in read.values()}
    checked = 0
    for record in read.values():
        if record.jenis_jabatan == "JPT" or record.pendekatan != "Kuantitatif":
            continue
        superior = by_person[record.penilai.nip.teks, record.penilai.jabatan.teks]
        texts = {h.rhk.teks for h in superior.hasil_kerja_terisi}
        for hasil in record.hasil_kerja_terisi:
            assert hasil.rhk_pimpinan is not None
            assert hasil.rhk_pimpinan.teks in texts
            checked += 1
    return checked
