"""The worksheet functions of the add-in (Excel on Windows), one line each over the rules.

Excel shows each docstring, and each argument's ``doc``, in its function wizard (xlwings
cuts both at 255 characters). Every argument arrives as a list of rows (``ndim=2``), one
cell or a whole range; the answer has the shape of the largest. The work is done in
:mod:`skp_xl.addin.udf_core`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import xlwings as xw

from skp_xl.addin import udf_core as core

CATEGORY = "SKP"
"""The category Excel's function wizard lists these functions under."""

F = TypeVar("F", bound=Callable[..., Any])

ARGUMENTS: dict[str, dict[str, str]] = {}
"""Function name -> argument name -> its description, for the reference page
(xlwings keeps them only where it registers functions, on Windows)."""


def arg(name: str, doc: str, **options: Any) -> Callable[[F], F]:
    """``@xw.arg(name, doc=doc, **options)``, with ``doc`` kept in :data:`ARGUMENTS`."""
    decorate = xw.arg(name, doc=doc, **options)

    def inner(function: F) -> F:
        ARGUMENTS.setdefault(function.__name__, {})[name] = doc
        return decorate(function)

    return inner


_RANGE = " Satu sel atau satu kolom/rentang."


@xw.func(category=CATEGORY)
@arg("hasil", "Rating hasil kerja, mis. Diatas Ekspektasi." + _RANGE, ndim=2)
@arg("perilaku", "Rating perilaku kerja, mis. Sesuai Ekspektasi." + _RANGE, ndim=2)
@core.guard
def SKP_PREDIKAT(hasil: Any, perilaku: Any) -> Any:
    """Predikat kinerja pegawai dari rating hasil kerja dan rating perilaku kerja (kuadran PermenPANRB 6/2022). Kosong bila salah satu rating kosong."""  # noqa: E501
    return core.elementwise(core.predikat, hasil, perilaku)


@xw.func(category=CATEGORY)
@arg("nip", "NIP 18 digit, diketik sebagai teks." + _RANGE, ndim=2)
@core.guard
def SKP_NIP_CEK(nip: Any) -> Any:
    """Teks kosong bila NIP benar (atau sel kosong); bila salah, alasannya, mis. NIP yang tersimpan sebagai angka oleh Excel."""  # noqa: E501
    return core.elementwise(core.nip_cek, nip)


@xw.func(category=CATEGORY)
@arg("nip", "NIP 18 digit, diketik sebagai teks." + _RANGE, ndim=2)
@arg("bagian", "lahir, tmt, jenis_kelamin, urut, format (tampilan berspasi) atau nip.", ndim=2)
@core.guard
def SKP_NIP_INFO(nip: Any, bagian: Any) -> Any:
    """Satu bagian NIP: tanggal lahir, TMT (format sel sebagai tanggal), jenis kelamin, nomor urut, atau NIP berspasi."""  # noqa: E501
    return core.elementwise(core.nip_info, nip, bagian)


@xw.func(category=CATEGORY)
@arg("target", 'Target seperti tertulis, mis. "1.000 dokumen" atau "90 - 95%".' + _RANGE, ndim=2)
@arg("bagian", "min (bawaan), maks (ujung atas rentang), satuan, atau batas.", ndim=2)
@core.guard
def SKP_TARGET_ANGKA(target: Any, bagian: Any = None) -> Any:
    """Angka sebuah target yang ditulis cara Indonesia ("1.000 dokumen" menjadi 1000; "90 - 95%" menjadi 90, maks 95), atau satuannya."""  # noqa: E501
    return core.elementwise(core.target_angka, target, bagian)


@xw.func(category=CATEGORY)
@arg("target", 'Target IKI, mis. "20 dokumen" atau "90 - 95%".' + _RANGE, ndim=2)
@arg("realisasi", "Realisasi IKI, satu angka (satuan boleh ditulis)." + _RANGE, ndim=2)
@arg(
    "aspek",
    "Aspek IKI (Waktu dan Biaya: makin kecil makin baik) atau arah; kosong = naik." + _RANGE,
    ndim=2,
)
@arg("periode", "Periode evaluasi, mis. TW I; kosong = akhir (target tahunan)." + _RANGE, ndim=2)
@arg("target_periode", "Target periode (trajectory), satu angka; boleh kosong." + _RANGE, ndim=2)
@arg("pro_rata", 'Opsi pro rata buku kerja: "Ya" atau kosong (Tidak).', ndim=2)
@arg("arah", "Arah bila bukan menurut aspek, mis. Semakin kecil semakin baik." + _RANGE, ndim=2)
@core.guard
def SKP_CAPAIAN_IKI(
    target: Any,
    realisasi: Any,
    aspek: Any = None,
    periode: Any = None,
    target_periode: Any = None,
    pro_rata: Any = None,
    arah: Any = None,
) -> Any:
    """Capaian satu IKI: Diatas, Sesuai, Dibawah Ekspektasi, atau Progres (periode TW tanpa target periode). Kosong sampai target dan realisasi terisi."""  # noqa: E501
    return core.elementwise(
        core.capaian_iki, target, realisasi, aspek, periode, target_periode, pro_rata, arah
    )


@xw.func(category=CATEGORY)
@arg(
    "capaian", "Penilaian tiap hasil kerja (Diatas/Sesuai/Dibawah Ekspektasi), satu kolom.", ndim=2
)
@arg(
    "jenis",
    "Jenis tiap hasil kerja (Utama/Tambahan), kolom yang sama panjang, atau satu sel.",
    ndim=2,
)
@core.guard
def SKP_SARAN_RATING(capaian: Any, jenis: Any) -> Any:
    """Saran rating hasil kerja dari penilaian tiap hasil kerja (PermenPANRB 6/2022). Keputusan tetap pada pejabat penilai. Kosong bila belum ada hasil kerja utama yang dinilai."""  # noqa: E501
    return core.saran_rating(capaian, jenis)


@xw.func(category=CATEGORY)
@arg("predikat", "Predikat kinerja, mis. Baik." + _RANGE, ndim=2)
@arg("jenjang", "Jenjang jabatan fungsional, mis. Ahli Pertama." + _RANGE, ndim=2)
@arg("bulan", "Jumlah bulan 1 sampai 12 (bawaan 12)." + _RANGE, ndim=2)
@core.guard
def SKP_ANGKA_KREDIT(predikat: Any, jenjang: Any, bulan: Any = None) -> Any:
    """Angka kredit jabatan fungsional: bulan/12 x persentase predikat x koefisien jenjang (PermenPANRB 1/2023), dibulatkan 2 desimal."""  # noqa: E501
    return core.elementwise(core.angka_kredit, predikat, jenjang, bulan)


@xw.func(category=CATEGORY)
@arg("capaian_organisasi", "Capaian kinerja organisasi unit, mis. Baik (satu sel).", ndim=2)
@arg("predikat_range", "Predikat para pegawai unit itu; sel kosong dilewati.", ndim=2)
@core.guard
def SKP_CEK_DISTRIBUSI(capaian_organisasi: Any, predikat_range: Any) -> Any:
    """Sesuai, atau Tidak sesuai dengan aturan yang dilanggar, menurut panduan pola distribusi predikat SE MenPANRB 3/2023. Panduan, bukan keharusan."""  # noqa: E501
    return core.cek_distribusi(capaian_organisasi, predikat_range)


@xw.func(category=CATEGORY)
@arg("nilai", 'Nilai seperti diketik, mis. "di atas".' + _RANGE, ndim=2)
@arg(
    "konsep",
    "Daftar: rating, predikat, capaian-organisasi, aspek, periode, jenjang, pangkat...",
    ndim=2,
)
@core.guard
def SKP_KANONIK(nilai: Any, konsep: Any) -> Any:
    """Ejaan baku sebuah nilai daftar tertutup SKP ("di atas" menjadi Diatas Ekspektasi; "Cukup" menjadi Butuh Perbaikan)."""  # noqa: E501
    return core.elementwise(core.kanonik, nilai, konsep)


UDFS: tuple[Callable[..., Any], ...] = (
    SKP_PREDIKAT,
    SKP_NIP_CEK,
    SKP_NIP_INFO,
    SKP_TARGET_ANGKA,
    SKP_CAPAIAN_IKI,
    SKP_SARAN_RATING,
    SKP_ANGKA_KREDIT,
    SKP_CEK_DISTRIBUSI,
    SKP_KANONIK,
)
"""Every worksheet function, in the order the reference lists them."""

INTRO = (
    "The add-in gives Excel on Windows these worksheet functions (xlwings UDFs). Each one "
    "applies a rule of `skp_xl.domain`, the same rules the workbooks' formulas and "
    "`skp-xl validate` use. Descriptions are in Indonesian, as Excel's function wizard "
    "shows them.",
    'Arguments that take a range ("Satu sel atau satu kolom/rentang") answer with a '
    "range of the same shape (a spilled array in Excel 365). An empty cell gives an empty "
    "text. A value a rule refuses gives `#SKP: <pesan>` in its cell, never a traceback. "
    "Separate arguments with `;` or `,` as your Excel's list separator says.",
    "This page is generated from `skp_xl/addin/udf.py` "
    "(`SKP_XL_UPDATE_GOLDEN=1 .venv/bin/pytest tests/addin/test_udf.py` rewrites it).",
)


def reference() -> str:
    """The Markdown reference of every worksheet function (docs/addin-udf.md)."""
    return core.render_reference(UDFS, ARGUMENTS, intro=INTRO)
