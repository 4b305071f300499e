"""``skp-xl new`` (alias ``baru``): a new SKP workbook for one pegawai, or a Matriks Peran Hasil."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from skp_xl.cli.app import EXIT_OK, app, console, fail
from skp_xl.cli.bahasa import sebab_os
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.legacy2021 import REGULASI_2021, TAHUN_2021
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.pangkat import parse_golongan
from skp_xl.domain.vocabulary import (
    JenisJabatan,
    Pendekatan,
    SiklusEvaluasi,
    normalize_jenis_jabatan,
    normalize_pendekatan,
    normalize_siklus,
)
from skp_xl.errors import OutputExistsError
from skp_xl.fileio import atomic_output
from skp_xl.forms.legacy2021 import normalize_model, workbook_spec_2021
from skp_xl.forms.model import identity_name
from skp_xl.settings import TAHUN_MAX, TAHUN_MIN
from skp_xl.workbook.writer import Options, build_workbook

"""Years an SKP under PermenPANRB 6/2022 can be for."""


def _option(name: str) -> str:
    """The option that sets the defined name ``name``: PENILAI_NIP -> --penilai-nip."""
    return "--" + name.lower().replace("_", "-").removeprefix("skp-").removeprefix("pegawai-")


def identity_values(values: dict[str, str | None]) -> dict[str, str | int]:
    """Check and canonicalise identity options keyed by defined name.

    NIPs must be valid (stored as their 18 digits), pangkat must be known (stored as its
    canonical label, e.g. "Penata Muda, III/a").

    Raises:
        InvalidValueError: The first value that is refused, its message naming the option.
    """
    result: dict[str, str | int] = {}
    for name, value in values.items():
        if value is None or not value.strip():
            continue
        option = _option(name)
        try:
            if name.endswith("_NIP"):
                result[name] = parse_nip(value).nip
            elif name.endswith("_PANGKAT"):
                result[name] = parse_golongan(value).label
            else:
                result[name] = " ".join(value.split())
        except InvalidValueError as error:
            raise InvalidValueError(error.code, f"{option}: {error.message}", value) from error
    return result


_PERAN_NIP = (
    ("PEGAWAI_NIP", "pegawai"),
    ("PENILAI_NIP", "pejabat penilai"),
    ("ATASAN_NIP", "atasan pejabat penilai"),
)


def same_nip(identitas: dict[str, str | int]) -> str | None:
    """The refusal when two of pegawai, penilai and atasan share a NIP, else None.

    One person cannot rate themself, nor be their own rater's superior; the NIPs are
    compared after :func:`identity_values` made them 18 digits, so spacing does not hide it.
    """
    for index, (name, peran) in enumerate(_PERAN_NIP):
        for other, lain in _PERAN_NIP[index + 1 :]:
            nip = identitas.get(name)
            if nip is not None and nip == identitas.get(other):
                return (
                    f"{_option(other)} sama dengan {_option(name)} ({nip}): NIP {lain} tidak "
                    f"boleh sama dengan NIP {peran}. Periksa kembali NIP yang diketik."
                )
    return None


@app.command("new")
def new_command(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Berkas .xlsx yang dibuat.", show_default=False)
    ],
    jenis: Annotated[
        str | None,
        typer.Option("--jenis", help="Jenis jabatan: JPT, JA atau JF.", show_default=False),
    ] = None,
    pendekatan: Annotated[
        str | None,
        typer.Option(
            "--pendekatan",
            help="Pendekatan hasil kerja: kuantitatif atau kualitatif.",
            show_default=False,
        ),
    ] = None,
    tahun: Annotated[
        int | None, typer.Option("--tahun", help="Tahun SKP.", show_default=False)
    ] = None,
    instansi: Annotated[
        str | None, typer.Option("--instansi", help="Nama instansi.", show_default=False)
    ] = None,
    tempat: Annotated[
        str | None,
        typer.Option("--tempat", help="Tempat penandatanganan.", show_default=False),
    ] = None,
    nama: Annotated[str | None, typer.Option(help="Nama pegawai.", show_default=False)] = None,
    nip: Annotated[str | None, typer.Option(help="NIP pegawai.", show_default=False)] = None,
    pangkat: Annotated[
        str | None, typer.Option(help="Pangkat/golongan pegawai.", show_default=False)
    ] = None,
    jabatan: Annotated[
        str | None, typer.Option(help="Jabatan pegawai.", show_default=False)
    ] = None,
    unit_kerja: Annotated[
        str | None, typer.Option(help="Unit kerja pegawai.", show_default=False)
    ] = None,
    penilai_nama: Annotated[
        str | None, typer.Option(help="Nama pejabat penilai.", show_default=False)
    ] = None,
    penilai_nip: Annotated[
        str | None, typer.Option(help="NIP pejabat penilai.", show_default=False)
    ] = None,
    penilai_pangkat: Annotated[
        str | None, typer.Option(help="Pangkat pejabat penilai.", show_default=False)
    ] = None,
    penilai_jabatan: Annotated[
        str | None, typer.Option(help="Jabatan pejabat penilai.", show_default=False)
    ] = None,
    penilai_unit_kerja: Annotated[
        str | None, typer.Option(help="Unit kerja pejabat penilai.", show_default=False)
    ] = None,
    atasan_nama: Annotated[
        str | None, typer.Option(help="Nama atasan pejabat penilai.", show_default=False)
    ] = None,
    atasan_nip: Annotated[
        str | None, typer.Option(help="NIP atasan pejabat penilai.", show_default=False)
    ] = None,
    atasan_pangkat: Annotated[
        str | None, typer.Option(help="Pangkat atasan pejabat penilai.", show_default=False)
    ] = None,
    atasan_jabatan: Annotated[
        str | None, typer.Option(help="Jabatan atasan pejabat penilai.", show_default=False)
    ] = None,
    atasan_unit_kerja: Annotated[
        str | None, typer.Option(help="Unit kerja atasan pejabat penilai.", show_default=False)
    ] = None,
    password: Annotated[
        str | None,
        typer.Option(
            "--password",
            help="Kata sandi proteksi sheet (bawaan: terlindung tanpa kata sandi).",
            show_default=False,
        ),
    ] = None,
    matriks: Annotated[
        bool,
        typer.Option(
            "--matriks", help="Buat Matriks Pembagian Peran dan Hasil (A.1.5) untuk pimpinan."
        ),
    ] = False,
    periode_evaluasi: Annotated[
        str,
        typer.Option(
            "--periode-evaluasi",
            help="Evaluasi berkala setiap triwulan (Evaluasi TW1-TW4) atau setiap bulan "
            "(Evaluasi Januari-Desember), lalu Evaluasi Akhir: 'triwulanan' atau 'bulanan'.",
        ),
    ] = SiklusEvaluasi.TRIWULANAN.value.lower(),
    regulasi: Annotated[
        str,
        typer.Option(
            "--regulasi",
            help="PermenPANRB yang formatnya dipakai: 6/2022 (bawaan) atau 8/2021 (arsip SKP "
            "2021-2022, dengan --model).",
        ),
    ] = "6/2022",
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            help="Hanya dengan --regulasi 8/2021: dasar (Model Dasar/Inisiasi) atau "
            "pengembangan (Model Pengembangan).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Timpa berkas yang sudah ada.")] = False,
) -> None:
    """Buat buku kerja SKP baru untuk satu pegawai satu tahun (atau --matriks untuk pimpinan).

    Berisi Petunjuk, Identitas, SKP, Lampiran, Manual IKI (JPT), Umpan Balik, Evaluasi
    Triwulan I-IV (atau Januari-Desember dengan --periode-evaluasi bulanan) dan Akhir, serta
    Dokumen Evaluasi. Identitas diisi sekali dan tampil di
    semua formulir. Tanpa opsi identitas, formulir kosong.
    """
    if output.suffix.lower() != ".xlsx":
        raise fail(f"Berkas keluaran '{output}' harus berakhiran .xlsx.")
    if output.exists() and not force:
        raise fail(OutputExistsError(output).args[0])
    try:
        siklus = normalize_siklus(periode_evaluasi)
    except InvalidValueError as error:
        raise fail(f"--periode-evaluasi: {error.message}") from error
    regulasi = regulasi.strip().replace(" ", "")
    if regulasi not in ("6/2022", REGULASI_2021):
        raise fail(f"--regulasi '{regulasi}' tidak dikenal; pilih 6/2022 atau 8/2021.")
    legacy = regulasi == REGULASI_2021
    if legacy:
        given = [
            o
            for o, v in (
                ("--pendekatan", pendekatan),
                ("--matriks", matriks or None),
                ("--periode-evaluasi", None if siklus is SiklusEvaluasi.TRIWULANAN else siklus),
            )
            if v is not None
        ]
        if given:
            raise fail(
                f"{', '.join(given)} tidak berlaku untuk --regulasi 8/2021: format 8/2021 "
                "memakai --model dasar atau pengembangan, tanpa evaluasi. Hapus "
                f"{', '.join(given)}."
            )
    elif model is not None:
        raise fail(
            "--model hanya berlaku dengan --regulasi 8/2021; untuk 6/2022 pakai --pendekatan."
        )
    low, high = TAHUN_2021 if legacy else (TAHUN_MIN, TAHUN_MAX)
    if tahun is not None and not low <= tahun <= high:
        raise fail(f"--tahun {tahun} di luar rentang {low}-{high}.")
    raw = {
        identity_name("PEGAWAI", "NAMA"): nama,
        identity_name("PEGAWAI", "NIP"): nip,
        identity_name("PEGAWAI", "PANGKAT"): pangkat,
        identity_name("PEGAWAI", "JABATAN"): jabatan,
        identity_name("PEGAWAI", "UNIT_KERJA"): unit_kerja,
        identity_name("PENILAI", "NAMA"): penilai_nama,
        identity_name("PENILAI", "NIP"): penilai_nip,
        identity_name("PENILAI", "PANGKAT"): penilai_pangkat,
        identity_name("PENILAI", "JABATAN"): penilai_jabatan,
        identity_name("PENILAI", "UNIT_KERJA"): penilai_unit_kerja,
        identity_name("ATASAN", "NAMA"): atasan_nama,
        identity_name("ATASAN", "NIP"): atasan_nip,
        identity_name("ATASAN", "PANGKAT"): atasan_pangkat,
        identity_name("ATASAN", "JABATAN"): atasan_jabatan,
        identity_name("ATASAN", "UNIT_KERJA"): atasan_unit_kerja,
        "SKP_INSTANSI": instansi,
        "SKP_TEMPAT": tempat,
    }
    try:
        identitas = identity_values(raw)
    except InvalidValueError as error:
        raise fail(error.message) from error
    refusal = same_nip(identitas)
    if refusal is not None:
        raise fail(refusal)
    if tahun is not None:
        identitas["SKP_TAHUN"] = tahun

    if legacy:
        if jenis is None or model is None:
            raise fail("Sebutkan --jenis (JPT, JA, JF) dan --model (dasar, pengembangan).")
        chosen = normalize_model(model)
        if chosen is None:
            raise fail(f"--model '{model}' tidak dikenal; pilih dasar atau pengembangan.")
        try:
            kind_2021: JenisJabatan = normalize_jenis_jabatan(jenis)
        except InvalidValueError as error:
            raise fail(error.message) from error
        wb = build_workbook(
            Options(kind_2021, Pendekatan.KUANTITATIF, identitas, password),
            spec=workbook_spec_2021(kind_2021, chosen),
        )
        what = f"SKP {kind_2021} Model {chosen.value} (PermenPANRB 8/2021)"
    elif matriks:
        # Refused, not ignored: one Matriks serves a leader's whole unit, every jenis and
        # pendekatan, so --jenis with --matriks most likely meant an SKP.
        given = [o for o, v in (("--jenis", jenis), ("--pendekatan", pendekatan)) if v is not None]
        if given:
            raise fail(
                f"{' dan '.join(given)} tidak berlaku untuk --matriks: satu Matriks Pembagian "
                "Peran dan Hasil memuat semua bawahan, apa pun jenis jabatan dan "
                f"pendekatannya. Hapus {' dan '.join(given)}, atau hapus --matriks untuk "
                "membuat SKP."
            )
        from skp_xl.forms.matriks import IDENTITAS_KEYS
        from skp_xl.workbook.matriks import MatriksOptions, build_matriks_workbook

        if siklus is not SiklusEvaluasi.TRIWULANAN:
            raise fail("Matriks tidak memuat evaluasi; hapus --periode-evaluasi.")
        unused = sorted(set(identitas) - set(IDENTITAS_KEYS))
        if unused:
            options = ", ".join(_option(n) for n in unused)
            raise fail(
                f"Matriks hanya memakai identitas pimpinan, instansi dan tahun; hapus {options}."
            )
        wb = build_matriks_workbook(MatriksOptions(identitas=identitas, password=password))
        what = "Matriks Pembagian Peran dan Hasil"
    else:
        if jenis is None or pendekatan is None:
            raise fail(
                "Sebutkan --jenis (JPT, JA, JF) dan --pendekatan (kuantitatif, kualitatif), "
                "atau --matriks."
            )
        try:
            kind: JenisJabatan = normalize_jenis_jabatan(jenis)
            approach: Pendekatan = normalize_pendekatan(pendekatan)
        except InvalidValueError as error:
            raise fail(error.message) from error
        wb = build_workbook(Options(kind, approach, identitas, password, siklus))
        what = f"SKP {kind} {approach.value.lower()} (evaluasi {siklus.value.lower()})"
    try:
        with atomic_output(output, force=force) as tmp:
            wb.save(tmp)
    except OSError as error:
        reason = sebab_os(error)
        raise fail(
            f"Berkas '{output}' tidak dapat ditulis ({reason}). Pilih folder yang dapat "
            "ditulis, mis. folder Dokumen, atau tutup berkas itu bila sedang terbuka di Excel."
        ) from error
    console.print(f"{what} ditulis ke {output} ({len(wb.sheetnames)} sheet).", highlight=False)
    raise typer.Exit(EXIT_OK)


app.command("baru", hidden=True, help="Alias Indonesia untuk 'new'.")(new_command)
