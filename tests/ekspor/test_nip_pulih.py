"""A NIP that Excel stored as a number, matched to the whole NIP the rest of the input gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.batch.konsolidasi import Opsi, konsolidasi
from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import nip_dipulihkan
from skp_xl.domain.nip import awalan_angka
from skp_xl.summary.skema import YA, Pegawai

SAMPLES = Path(__file__).parents[2] / "samples" / "ekinerja"
WHOLE = "198807202018031762"


@pytest.mark.parametrize(
    ("value", "prefix"),
    [
        (1.98807202018031e17, "198807202018031"),
        ("198807202018031808", "198807202018031"),
        ("1.988072020180318e+17", "198807202018031"),
        ("'1,98807202018031E+17", "198807202018031"),
        ("19880720201803", None),  # too short to be a NIP
        ("NIP", None),
        (True, None),
        (float("nan"), None),
    ],
)
def test_the_digits_excel_kept(value: object, prefix: str | None) -> None:
    assert awalan_angka(value) == prefix


def test_a_damaged_nip_is_matched_only_when_one_pegawai_fits() -> None:
    known = [
        (WHOLE, "TEGUH FIRMANSYAH, A.Md.", "SIASN baris 4"),
        ("198807202018031901", "Teguh Firmansyah", "SIASN baris 4"),  # same NIP prefix
        ("199001012015011001", "Rina Lestari", "SIASN baris 5"),
        ("199001012015011002", "Rina Wulandari", "SIASN baris 6"),
    ]
    found = nip_dipulihkan(
        [
            ("198807202018031808", "Teguh Firmansyah"),  # two whole NIPs share the digits
            ("199001012015011000", "Rina Lestari"),  # same: never guessed
            ("1.98501012010011E+17", "Dewi"),  # nobody else has them
        ],
        known,
    )
    assert found == [None, None, None]
    found = nip_dipulihkan(
        [("198807202018031808", "Teguh Firmansyah"), ("198807202018031808", "Andi")],
        known[:1],
    )
    # The same 15 digits and the same name (degrees and case aside); another name is not him.
    assert found == [(WHOLE, "SIASN baris 4"), None]


def test_the_pegawai_counts_once_across_the_exports() -> None:
    result = konsolidasi(SAMPLES, Opsi(jobs=1, cache=False))
    rows = result.pegawai[result.pegawai[Pegawai.nama].str.startswith("Teguh Firmansyah")]
    akhir = rows[rows[Pegawai.periode] == "Akhir"]
    # The damaged row of the annual report and the SIASN row are one pegawai, counted once.
    assert set(akhir[Pegawai.nip]) == {WHOLE}
    assert (akhir[Pegawai.dihitung] == YA).sum() == 1
    found = result.temuan[result.temuan["Kode"] == Code.EKSPOR_NIP_DIPULIHKAN.value]
    assert len(found) == 1
    assert found.iloc[0]["Sel"] == "B12"
    assert WHOLE in found.iloc[0]["Pesan"]
    # The damaged cell is still an error to fix.
    assert (result.temuan["Kode"] == Code.NIP_RUSAK_EXCEL.value).sum() == 1
