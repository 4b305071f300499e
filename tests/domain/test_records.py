"""Records: typed cells stay as read; their canonical reading is a property."""

from __future__ import annotations

from skp_xl.domain.records import Evaluasi, Iki, Sel
from skp_xl.domain.vocabulary import (
    RATING,
    Aspek,
    CapaianOrganisasi,
    KualitasKendali,
    PeriodeEvaluasi,
    Perspektif,
    Rating,
)


def _sel(value: object, cell: str = "A1") -> Sel:
    return Sel(value, "SKP", cell)


def test_a_variant_reads_as_its_canonical_value_and_stays_as_typed() -> None:
    sel = _sel(" Di Atas Ekspektasi ")
    assert sel.baku(RATING) is Rating.DIATAS
    assert sel.value == " Di Atas Ekspektasi "


def test_an_empty_or_unknown_cell_has_no_canonical_value() -> None:
    assert _sel(None).baku(RATING) is None
    assert _sel("   ").baku(RATING) is None
    assert _sel("Luar Biasa").baku(RATING) is None
    assert _sel(3).baku(RATING) is None


def test_iki_reads_aspek_perspektif_and_kendali() -> None:
    iki = Iki(
        _sel("Menyusun laporan"),
        aspek=_sel("aspek waktu"),
        perspektif=_sel("Stakeholder"),
        kendali=_sel("Output (Kendali Tinggi)"),
    )
    assert (iki.aspek_baku, iki.perspektif_baku, iki.kendali_baku) == (
        Aspek.WAKTU,
        Perspektif.PENERIMA_LAYANAN,
        KualitasKendali.OUTPUT_KENDALI_TINGGI,
    )
    assert Iki(_sel("x")).aspek_baku is None


def test_evaluasi_reads_its_ratings_and_capaian() -> None:
    evaluasi = Evaluasi(
        PeriodeEvaluasi.TW1,
        _sel("Sangat Baik", "D5"),
        _sel("Sesuai Ekspektasi", "D6"),
        _sel("Diatas", "D7"),
        _sel(None, "D8"),
        None,
        (),
    )
    assert evaluasi.capaian_organisasi_baku is CapaianOrganisasi.ISTIMEWA
    assert evaluasi.rating_hasil_kerja_baku is Rating.SESUAI
    assert evaluasi.rating_perilaku_baku is Rating.DIATAS
