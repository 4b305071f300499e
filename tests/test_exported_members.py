"""The public Python interface is exactly what design.md promises, and no more."""

from __future__ import annotations

import skp_xl


def test_all_is_pinned() -> None:
    assert sorted(skp_xl.__all__) == [
        "Finding",
        "InvalidValueError",
        "Nip",
        "Report",
        "Severity",
        "SkpError",
        "__version__",
        "angka_kredit",
        "parse_nip",
        "predikat_kinerja",
    ]


def test_every_exported_name_exists() -> None:
    for name in skp_xl.__all__:
        assert hasattr(skp_xl, name), name


def test_design_examples() -> None:
    assert skp_xl.predikat_kinerja("Di Atas Ekspektasi", "sesuai ekspektasi") == "Baik"
    assert skp_xl.angka_kredit("Sangat Baik", "Ahli Pertama") == 18.75
    assert skp_xl.angka_kredit("Baik", "Ahli Pertama", bulan=2) == 2.08
    assert skp_xl.parse_nip("19800101 200501 1 001").jenis_kelamin == "Laki-laki"
