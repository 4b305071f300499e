"""Fictional e-Kinerja and SIASN exports, in the layouts docs/rules.md describes, with every
fault HR meets in real ones (for tests, the bundled samples and the benchmark).

The people come from the fictional agency (:func:`~skp_xl.samples.organisation.build_organisasi`):
invented names and NIPs valid in form only. No real export is copied.
"""

from __future__ import annotations

import csv
import datetime
import json
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from openpyxl import Workbook

from skp_xl.domain.angka_kredit import JenjangJf
from skp_xl.domain.quadrant import KUADRAN
from skp_xl.domain.rekap import PeriodeBulanan
from skp_xl.domain.vocabulary import PeriodeEvaluasi, Rating
from skp_xl.fileio import save_on_date
from skp_xl.samples.organisation import Organisasi, Pegawai, build_organisasi

DIUNDUH = datetime.datetime(2026, 1, 5, 8, 0)
"""When the fictional exports were "downloaded": their document and zip dates."""

KOLOM_PENILAIAN = (
    "No",
    "nip",
    "nama",
    "skp_unor",
    "skp_unor_induk",
    "skp_jabatan",
    "hasil_kerja",
    "perilaku_kerja",
    "hasil_akhir",
    "golru",
    "jenis_pegawai",
    "skp_jenis_jabatan",
    "is_skp_plt_plh_pjb",
    "periode_akhir_skp",
)
"""The columns of e-Kinerja's "Laporan Penilaian SKP" (with the database mirror's
``periode_akhir_skp``, which tells a mutasi's two SKP apart)."""
KOLOM_MASTER = (
    "nip",
    "nama",
    "jabatan",
    "unit",
    "jenis_pegawai",
    "skp_id",
    "skp_status",
    "skp_unor",
    "skp_unor_induk",
    "periode_awal",
    "periode_akhir",
    "is_plt_plh",
)
"""The columns of e-Kinerja's "Laporan SKP" (the master list)."""

_BKN = {
    Rating.DIATAS: "DIATAS EKSPEKTASI",
    Rating.SESUAI: "SESUAI EKSPEKTASI",
    Rating.DIBAWAH: "DIBAWAH EKSPEKTASI",
}
_WEIGHTS = {Rating.DIATAS: 2, Rating.SESUAI: 7, Rating.DIBAWAH: 1}


class Kesalahan:
    """The faults put in on purpose (row indexes into the data rows), for tests."""

    PLT = "plt"
    GANDA = "ganda"
    BELUM = "belum"
    NIP_ANGKA = "nip-angka"
    HASIL_AKHIR = "hasil-akhir"
    TANPA_NIP = "tanpa-nip"


@dataclass(frozen=True)
class Ekspor:
    """A generated export: title rows, header, data rows, and where each fault is.

    Attributes:
        judul: Title rows above the header.
        kolom: The header.
        baris: Data rows (values in header order).
        kesalahan: Fault -> the indexes of its data rows.
    """

    judul: tuple[tuple[object, ...], ...]
    kolom: tuple[str, ...]
    baris: tuple[tuple[object, ...], ...]
    kesalahan: dict[str, tuple[int, ...]]


def _rating(rng: random.Random) -> Rating:
    return rng.choices(list(_WEIGHTS), weights=list(_WEIGHTS.values()))[0]


def _unit(p: Pegawai, instansi: str) -> tuple[str, str]:
    induk = p.unit or instansi
    return (p.unit_kerja or induk).upper(), induk.upper()


def penilaian(
    org: Organisasi,
    rng: random.Random,
    *,
    tahun: int = 2025,
    bulan: PeriodeEvaluasi | None = None,
    kesalahan: bool = True,
    ratings: Mapping[str, tuple[Rating, Rating]] | None = None,
) -> Ekspor:
    """An e-Kinerja "Laporan Penilaian SKP" of every pegawai of ``org``.

    Args:
        org: The fictional agency.
        rng: The source of every choice.
        tahun: The year.
        bulan: The month of a monthly report; None for the annual one ("Tahunan").
        kesalahan: Put in one of each fault (Plt., a mutasi's two rows, ``-``, a NIP as
            a number, a ``hasil_akhir`` off the quadrant, a row without NIP).
        ratings: NIP -> (rating hasil kerja, rating perilaku) to use (e.g. those of the
            agency's SKP workbooks); others are drawn at random.
    """
    jenis = f"Bulanan {bulan.value.removeprefix('Bulan ')}" if bulan else "Tahunan"
    judul: tuple[tuple[object, ...], ...] = (
        (f"Laporan Penilaian SKP Periode {jenis} Tahun {tahun}",),
        (f"Instansi Pemerintah {org.instansi}",),
        (f"Periode : {'Bulanan ' + str(bulan.bulan) if bulan else 'Tahunan'}",),
        ("Unor Induk : ALL",),
        ("Unor : ALL",),
        (f"Data ditarik pada : {tahun + (0 if bulan else 1)}-01-15 08:00:00",),
        (),
    )
    akhir = (
        datetime.date(tahun, bulan.bulan, 28) if bulan else datetime.date(tahun, 12, 31)
    ).isoformat()
    rows: list[list[object]] = []
    for p in org.pegawai:
        hasil, perilaku = _rating(rng), _rating(rng)
        if ratings and p.nip in ratings:
            hasil, perilaku = ratings[p.nip]
        unor, induk = _unit(p, org.instansi)
        rows.append(
            [
                len(rows) + 1,
                p.nip,
                p.nama,
                unor,
                induk,
                p.jabatan.upper(),
                _BKN[hasil],
                _BKN[perilaku],
                KUADRAN[hasil, perilaku].value.upper().replace("/MISCONDUCT", ""),
                p.pangkat.rsplit(", ", 1)[-1] if ", " in p.pangkat else p.pangkat,
                "PNS",
                p.jenis.value,
                0,
                akhir,
            ]
        )
    faults: dict[str, tuple[int, ...]] = {}
    if kesalahan and len(rows) >= 8:
        faults[Kesalahan.PLT] = (1,)
        rows[1][12] = 1
        rows[1][5] = "PLT. " + str(rows[1][5])
        faults[Kesalahan.BELUM] = (2,)
        rows[2][6:9] = ["-", "-", "-"]
        faults[Kesalahan.NIP_ANGKA] = (3,)
        rows[3][1] = float(str(rows[3][1]))  # as Excel turns it into a number
        faults[Kesalahan.HASIL_AKHIR] = (4,)
        rows[4][6:9] = [_BKN[Rating.DIATAS], _BKN[Rating.DIBAWAH], "BAIK"]  # axes swapped
        faults[Kesalahan.TANPA_NIP] = (5,)
        rows[5][1] = ""
        # A mutasi: the pegawai of row 6 also has an earlier SKP in another unit.
        early = list(rows[6])
        early[3] = early[4] = "UNIT LAMA " + str(early[4])
        early[13] = datetime.date(tahun, 6 if not bulan else bulan.bulan, 1).isoformat()
        rows.append(early)
        faults[Kesalahan.GANDA] = (6, len(rows) - 1)
        for number, row in enumerate(rows, start=1):
            row[0] = number
    return Ekspor(judul, KOLOM_PENILAIAN, tuple(tuple(r) for r in rows), faults)


def master(org: Organisasi, *, tahun: int = 2025, tanpa: Sequence[int] = ()) -> Ekspor:
    """An e-Kinerja "Laporan SKP" (one row per SKP) of ``org``'s pegawai.

    Args:
        org: The fictional agency.
        tahun: The year.
        tanpa: Indexes of pegawai left out of the rated exports but kept here (their SKP
            is in draft: they count as Tidak Membuat SKP).
    """
    judul = ((tahun,), (f"Instansi {org.instansi}",), ())
    rows = []
    for i, p in enumerate(org.pegawai):
        unor, induk = _unit(p, org.instansi)
        rows.append(
            (
                p.nip,
                p.nama,
                p.jabatan,
                unor,
                "pns",
                f"skp-{tahun}-{i:05d}",
                "draft" if i in tanpa else "persetujuan",
                unor,
                induk,
                f"{tahun}-01-01",
                f"{tahun}-12-31",
                0,
            )
        )
    return Ekspor(judul, KOLOM_MASTER, tuple(rows), {})


def siasn(
    org: Organisasi,
    rng: random.Random,
    *,
    tahun: int = 2025,
    ratings: Mapping[str, tuple[Rating, Rating]] | None = None,
) -> list[dict[str, object]]:
    """SIASN's riwayat kinerja periodik of ``org`` (as its API answers: camelCase keys,
    capitalisation as it comes), one annual record per pegawai (``ratings`` as in
    :func:`penilaian`)."""
    records = []
    for p in org.pegawai:
        hasil, perilaku = _rating(rng), _rating(rng)
        if ratings and p.nip in ratings:
            hasil, perilaku = ratings[p.nip]
        _, induk = _unit(p, org.instansi)
        records.append(
            {
                "id": f"{rng.getrandbits(64):016x}",
                "tahun": tahun,
                "nip": p.nip,
                "nama": p.nama,
                "hasilKinerja": hasil.value.upper(),
                "hasilKinerjaNilai": 3 - list(Rating).index(hasil),
                "instansiNama": org.instansi,
                "jabatan": p.jabatan,
                "kuadranKinerjaNilai": 0,
                "kuadranKinerja": KUADRAN[hasil, perilaku].value,
                "perilakuKerja": perilaku.value,
                "perilakuKerjaNilai": 3 - list(Rating).index(perilaku),
                "periodikId": "tahunan",
                "periodikNama": "Tahunan",
                "unorNama": induk,
            }
        )
    return records


def siasn_skp(org: Organisasi, rng: random.Random, *, tahun: int = 2025) -> list[dict[str, object]]:
    """SIASN's riwayat SKP (``rw-skp22``) of ``org``: annual, no NIP of the pegawai (only
    SIASN's id), capitalisation as inconsistent as the source's."""
    records = []
    for _ in org.pegawai:
        hasil, perilaku = _rating(rng), _rating(rng)
        records.append(
            {
                "id": f"{rng.getrandbits(64):016x}",
                "tahun": tahun,
                "hasilKinerja": hasil.value.upper(),
                "hasilKinerjaNilai": 3 - list(Rating).index(hasil),
                "perilakuKerja": perilaku.value.upper(),
                "PerilakuKerjaNilai": 3 - list(Rating).index(perilaku),
                "kuadranKinerja": KUADRAN[hasil, perilaku].value.upper(),
                "KuadranKinerjaNilai": 0,
                "namaPenilai": "",
                "nipNrpPenilai": "",
                "pnsDinilaiId": f"{rng.getrandbits(64):016x}",
                "statusPenilai": "ASN",
            }
        )
    return records


def rekap(org: Organisasi, rng: random.Random, *, tanggal: str = "31-12-2025") -> Ekspor:
    """A rekap as Kab. Tulungagung's SKP app gives it ("Rekap Penilaian Bawahan"): NIP,
    Nama, Jabatan, the two ratings and, in "Predikat Perilaku Periodik", the predikat."""
    rows = []
    for p in org.pegawai:
        hasil, perilaku = _rating(rng), _rating(rng)
        rows.append(
            (p.nip, p.nama, p.jabatan, hasil.value, perilaku.value, KUADRAN[hasil, perilaku].value)
        )
    return Ekspor(
        ((f"Rekap Penilaian Bawahan {tanggal}",), ()),
        (
            "NIP",
            "Nama",
            "Jabatan",
            "Rating Hasil Kerja",
            "Rating Perilaku Kerja",
            "Predikat Perilaku Periodik",
        ),
        tuple(rows),
        {},
    )


def datar(records: list[dict[str, object]]) -> Ekspor:
    """SIASN records flattened to a table (as agencies save them to CSV or Excel)."""
    keys = list(dict.fromkeys(k for r in records for k in r))
    return Ekspor((), tuple(keys), tuple(tuple(r.get(k) for k in keys) for r in records), {})


def rows_of(ekspor: Ekspor) -> list[tuple[object, ...]]:
    """Title rows, header and data, as a sheet holds them."""
    return [*ekspor.judul, ekspor.kolom, *ekspor.baris]


def tulis_xlsx(path: Path, ekspor: Ekspor, sheet: str = "Sheet1") -> Path:
    """Write ``ekspor`` as the .xlsx e-Kinerja gives (NIPs as text unless a fault made one
    a number)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet)
    for row in rows_of(ekspor):
        ws.append(list(row))
    # One date, not the clock's: the committed samples are the same bytes on every run.
    save_on_date(wb, path, DIUNDUH)
    return path


def tulis_csv(path: Path, ekspor: Ekspor, delimiter: str = ";", judul: bool = True) -> Path:
    """Write ``ekspor`` as CSV (as Excel in an Indonesian locale saves it: ``;``)."""
    with path.open("w", newline="", encoding="utf-8-sig") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        rows = rows_of(ekspor) if judul else [ekspor.kolom, *ekspor.baris]
        for row in rows:
            writer.writerow(["" if v is None else v for v in row])
    return path


def tulis_json(path: Path, records: list[dict[str, object]]) -> Path:
    """Write SIASN records as its API wraps them (``{"data": [...]}``)."""
    path.write_text(json.dumps({"code": 1, "data": records}, indent=1), encoding="utf-8")
    return path


def organisasi(pegawai: int = 30, seed: int = 7, tahun: int = 2025) -> Organisasi:
    """The fictional agency the exports are made of."""
    return build_organisasi(pegawai, random.Random(seed), tahun=tahun)


CONTOH = {
    "tahunan": "Laporan Penilaian SKP Tahunan 2025.xlsx",
    "bulanan": "Laporan Penilaian SKP Bulanan Desember 2025.csv",
    "siasn": "SIASN riwayat kinerja periodik 2025.json",
    "master": "Laporan SKP 2025.xlsx",
}
"""The bundled exports in ``samples/ekinerja/`` (scripts/make_samples.py)."""


def tulis_contoh(
    folder: Path, ratings: Mapping[str, tuple[Rating, Rating]], *, seed: int = 1
) -> dict[str, Path]:
    """Write the bundled exports of the sample agency (``skp-xl samples`` defaults: 50
    pegawai, seed 1, 2025): an annual e-Kinerja report agreeing with the agency's SKP
    workbooks on ``ratings`` except where a fault is put in, a monthly CSV, SIASN's JSON,
    and the master list (two pegawai's SKP in draft, left out of the annual report and of
    SIASN: Tidak Membuat SKP).

    Returns:
        Kind -> the file written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    org = organisasi(50, seed=seed, tahun=2025)
    annual = penilaian(org, random.Random(seed), ratings=ratings)
    draft = (len(org.pegawai) - 2, len(org.pegawai) - 1)
    left_out = {org.pegawai[i].nip for i in draft}
    annual = Ekspor(
        annual.judul,
        annual.kolom,
        tuple(r for r in annual.baris if r[1] not in left_out),
        annual.kesalahan,
    )
    monthly = penilaian(
        org, random.Random(seed + 1), bulan=PeriodeBulanan.DESEMBER, kesalahan=False
    )
    return {
        "tahunan": tulis_xlsx(folder / CONTOH["tahunan"], annual),
        "bulanan": tulis_csv(folder / CONTOH["bulanan"], monthly),
        "siasn": tulis_json(
            folder / CONTOH["siasn"],
            [
                r
                for r in siasn(org, random.Random(seed + 2), ratings=ratings)
                if r["nip"] not in left_out
            ],
        ),
        "master": tulis_xlsx(folder / CONTOH["master"], master(org, tanpa=draft)),
    }


TAHUN_SEBELUMNYA = "Laporan Penilaian SKP Tahunan 2024.xlsx"
"""The bundled annual e-Kinerja report of the year before, in ``samples/ekinerja-2024/``."""
_SAMA = 0.6
"""Share of pegawai rated in 2024 as in 2025 (so two years in a row happen)."""


def penilaian_tahun_sebelumnya(
    org: Organisasi,
    ratings: Mapping[str, tuple[Rating, Rating]],
    rng: random.Random,
    *,
    tahun: int = 2024,
) -> tuple[Ekspor, dict[str, str]]:
    """The annual e-Kinerja report of the year before ``ratings``' year, of the same people.

    About :data:`_SAMA` of them keep their ratings (Sangat Baik or Baik two years in a
    row), the others are drawn anew; pegawai whose NIP says they started in ``tahun`` or
    later are absent (no annual predikat yet: a gap), one pegawai worked in another unit
    (a mutasi) and one JF held the jenjang below (a promotion since).

    Returns:
        The export, and what was changed on purpose: ``mutasi``, ``jenjang`` -> the NIP,
        ``baru`` -> the NIPs left out, comma-separated.
    """
    people = [p for p in org.pegawai if int(p.nip[8:12]) < tahun]
    changed: dict[str, str] = {"baru": ",".join(p.nip for p in org.pegawai if p not in people)}
    chosen: dict[str, tuple[Rating, Rating]] = {}
    for p in people:
        fresh = (_rating(rng), _rating(rng))
        chosen[p.nip] = ratings[p.nip] if p.nip in ratings and rng.random() < _SAMA else fresh
    base = penilaian(
        replace(org, pegawai=tuple(people)),
        rng,
        tahun=tahun,
        kesalahan=False,
        ratings=chosen,
    )
    rows = [list(r) for r in base.baris]
    staff = [i for i, p in enumerate(people) if p.unit and p.jenis.value != "JPT"]
    if staff:
        moved = staff[len(staff) // 2]
        others = sorted({p.unit for p in people if p.unit and p.unit != people[moved].unit})
        if others:
            rows[moved][3] = rows[moved][4] = others[0].upper()
            changed["mutasi"] = people[moved].nip
    # From the end, before the last two (in draft in 2025, tulis_contoh): the first rows of
    # the 2025 report carry its faults (a NIP as a number...), which would hide it.
    drafts = {p.nip for p in org.pegawai[-2:]}
    promoted = next(
        (
            i
            for i, p in reversed(list(enumerate(people)))
            if p.jenjang in _DI_BAWAH and p.unit and p.nip not in drafts
        ),
        None,
    )
    if promoted is not None:
        p = people[promoted]
        assert p.jenjang is not None
        rows[promoted][5] = p.jabatan.upper().replace(
            p.jenjang.value.upper(), _DI_BAWAH[p.jenjang].value.upper()
        )
        changed["jenjang"] = p.nip
    return Ekspor(base.judul, base.kolom, tuple(tuple(r) for r in rows), {}), changed


_DI_BAWAH = {
    JenjangJf.AHLI_MUDA: JenjangJf.AHLI_PERTAMA,
    JenjangJf.AHLI_MADYA: JenjangJf.AHLI_MUDA,
    JenjangJf.MAHIR: JenjangJf.TERAMPIL,
    JenjangJf.PENYELIA: JenjangJf.MAHIR,
}
"""A jenjang and the one below it, for a promotion between the two years."""


def tulis_tahun_sebelumnya(
    folder: Path, ratings: Mapping[str, tuple[Rating, Rating]], *, seed: int = 1
) -> tuple[Path, dict[str, str]]:
    """Write the bundled 2024 annual report of the sample agency (``ratings``: its 2025
    Akhir ratings), for ``skp-xl tindak-lanjut``; returns the file and what was changed
    on purpose (:func:`penilaian_tahun_sebelumnya`)."""
    folder.mkdir(parents=True, exist_ok=True)
    org = organisasi(50, seed=seed, tahun=2025)
    ekspor, changed = penilaian_tahun_sebelumnya(org, ratings, random.Random(seed + 24))
    return tulis_xlsx(folder / TAHUN_SEBELUMNYA, ekspor), changed
