"""One pegawai's entries checked and evaluated, with findings at their cells."""

from __future__ import annotations

import datetime

from skp_xl.domain.penilaian import Entri, nilai_pegawai
from skp_xl.domain.vocabulary import Predikat, Rating

TODAY = datetime.date(2026, 11, 23)
CELLS = {
    "nama": "A2",
    "nip": "B2",
    "rating_hasil_kerja": "C2",
    "rating_perilaku": "D2",
    "jenjang": "E2",
    "bulan": "F2",
}


def evaluate(**changes: object) -> tuple[object, list[tuple[str | None, str | None, str]]]:
    values: dict[str, object] = {
        "nama": "Andi Wijaya",
        "nip": "198503122010011003",
        "rating_hasil_kerja": "Diatas Ekspektasi",
        "rating_perilaku": "Diatas Ekspektasi",
        "jenjang": "Ahli Pertama",
        "bulan": "12",
    }
    values.update(changes)
    result, findings = nilai_pegawai(Entri(**values, sel=CELLS), sheet="Tabel", today=TODAY)
    return result, [(f.sheet, f.cell, f.code) for f in findings]


def test_clean_entries_give_predikat_and_angka_kredit() -> None:
    result, findings = evaluate()
    assert findings == []
    assert result.predikat is Predikat.SANGAT_BAIK  # type: ignore[attr-defined]
    assert result.angka_kredit == 18.75  # type: ignore[attr-defined]


def test_each_bad_entry_is_placed_at_its_cell() -> None:
    _, findings = evaluate(
        nama=" ", nip=1.98503e17, rating_hasil_kerja="Hebat", jenjang="Ahli Super", bulan="13"
    )
    assert findings == [
        ("Tabel", "A2", "nama-kosong"),
        ("Tabel", "B2", "nip-rusak-excel"),
        ("Tabel", "C2", "rating-tidak-dikenal"),
        ("Tabel", "F2", "bulan-tidak-valid"),
        ("Tabel", "E2", "jenjang-tidak-dikenal"),
    ]


def test_variant_label_is_a_warning_and_still_counts() -> None:
    result, findings = evaluate(rating_perilaku="di bawah ekspetasi")
    assert findings == [("Tabel", "D2", "label-varian")]
    assert result.rating_perilaku is Rating.DIBAWAH  # type: ignore[attr-defined]
    assert result.predikat is Predikat.KURANG  # type: ignore[attr-defined]


def test_no_predikat_without_both_ratings_and_no_angka_kredit_without_jenjang() -> None:
    result, findings = evaluate(rating_perilaku="", jenjang=None)
    assert findings == [("Tabel", "D2", "rating-kosong")]
    assert result.predikat is None  # type: ignore[attr-defined]
    assert result.angka_kredit is None  # type: ignore[attr-defined]


def test_months_scale_the_angka_kredit() -> None:
    result, _ = evaluate(rating_hasil_kerja="Sesuai", rating_perilaku="Sesuai", bulan="2")
    assert result.angka_kredit == 2.08  # type: ignore[attr-defined]
