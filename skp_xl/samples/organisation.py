"""The organisation of the fictional agency: units, positions and the people holding them.

Pure and deterministic: the same ``random.Random`` state gives the same agency. The kepala
(JPT madya) leads units headed by JPT pratama; each unit has administrators, pengawas,
pelaksana and jabatan fungsional, nested as folders are.
"""

from __future__ import annotations

import datetime
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from skp_xl.domain.angka_kredit import JenjangJf
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.pangkat import parse_golongan
from skp_xl.domain.vocabulary import JenisJabatan
from skp_xl.samples import data

TMT_TERAKHIR = 2024
"""The latest TMT year of a generated NIP, so that no NIP starts in the future."""
_ROMAWI = ("II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


class Tingkat(StrEnum):
    """Where a position stands in the organisation."""

    KEPALA = "kepala"
    JPT = "jpt"
    ADMINISTRATOR = "administrator"
    PENGAWAS = "pengawas"
    PELAKSANA = "pelaksana"
    FUNGSIONAL = "fungsional"


@dataclass(frozen=True, slots=True)
class Unit:
    """A top unit of the agency (headed by a JPT pratama).

    Attributes:
        nama: Its name, also its folder's name.
        jenis: ``biro``, ``pusat``, ``balai``, ``direktorat`` or ``inspektorat``.
        bidang: What its plans speak of ("riset oseanografi").
        topik: The subject of its research or service, lower case.
    """

    nama: str
    jenis: str
    bidang: str
    topik: str


@dataclass(frozen=True, slots=True)
class Pegawai:
    """One position and the person holding it.

    Attributes:
        indeks: Position in :attr:`Organisasi.pegawai` (superiors come first).
        nip: The 18 digits.
        nama: Full name with academic titles.
        nama_polos: The name without titles (file names use it).
        pangkat: Canonical pangkat/golongan label ("Penata Muda, III/a").
        jabatan: The jabatan as the forms print it.
        jenis: JPT, JA or JF.
        tingkat: Kepala, JPT, administrator, pengawas, pelaksana or fungsional.
        jenjang: The jenjang of a jabatan fungsional, else None.
        folder: Folder names from the agency's root down to the pegawai's own unit.
        unit: The top unit's name ("" for the kepala).
        unit_kerja: Unit kerja as the forms print it.
        sub: What the pegawai's own sub-unit does, lower case ("tata usaha").
        atasan: :attr:`indeks` of the direct superior; None for the kepala.
        fungsional: The jabatan fungsional without its jenjang ("Peneliti"), else None.
    """

    indeks: int
    nip: str
    nama: str
    nama_polos: str
    pangkat: str
    jabatan: str
    jenis: JenisJabatan
    tingkat: Tingkat
    jenjang: JenjangJf | None
    folder: tuple[str, ...]
    unit: str
    unit_kerja: str
    sub: str
    atasan: int | None
    fungsional: str | None = None


@dataclass(frozen=True, slots=True)
class Organisasi:
    """The agency: its units and every position, superiors before subordinates."""

    instansi: str
    units: tuple[Unit, ...]
    pegawai: tuple[Pegawai, ...]

    def bawahan(self, indeks: int) -> tuple[Pegawai, ...]:
        """The direct subordinates of a position."""
        return tuple(p for p in self.pegawai if p.atasan == indeks)


def slug(text: str) -> str:
    """Lower case words joined by hyphens, for file names: "Dewi Lestari" -> "dewi-lestari"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unit_count(pegawai: int) -> int:
    """How many top units an agency of ``pegawai`` positions has: 5 for 50, 71 for 10,000."""
    if pegawai <= 1:
        return 0
    return max(1, round(math.sqrt((pegawai - 1) / 2)))


def _numbered(name: str, taken: set[str]) -> str:
    """``name``, or ``name II``, ``name III``... when taken (then beyond X: ``name 11``)."""
    candidates = [name, *(f"{name} {r}" for r in _ROMAWI)]
    number = len(candidates) + 1
    while True:
        for candidate in candidates:
            if candidate not in taken:
                taken.add(candidate)
                return candidate
        candidates = [f"{name} {number}"]
        number += 1


def units_of(count: int) -> tuple[Unit, ...]:
    """The first ``count`` top units: the default five, then more of each kind in turn."""
    specs: list[tuple[str, str, str, str]] = [
        (nama, jenis, bidang, bidang) for nama, jenis, bidang in data.UNIT_UTAMA
    ]
    extra: list[list[tuple[str, str, str, str]]] = [
        [(nama, "biro", bidang, bidang) for nama, bidang in data.BIRO],
        [(f"Pusat Riset {t}", "pusat", f"riset {t.lower()}", t.lower()) for t in data.TOPIK_RISET],
        [
            (f"Direktorat {t}", "direktorat", f"layanan {t.lower()}", t.lower())
            for t in data.TOPIK_DIREKTORAT
        ],
        [
            (f"Balai Besar Riset {t} {w}", "balai", f"layanan riset {t.lower()}", t.lower())
            for w in data.WILAYAH
            for t in data.TOPIK_RISET
        ],
    ]
    while any(extra):
        for group in extra:
            if group:
                specs.append(group.pop(0))
    taken: set[str] = set()
    units = []
    for index in range(count):
        nama, jenis, bidang, topik = specs[index % len(specs)]
        units.append(Unit(_numbered(nama, taken), jenis, bidang, topik))
    return tuple(units)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """``total`` in ``parts`` positive shares of about equal size (largest remainder)."""
    if parts <= 0:
        return []
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    base = total - parts  # every part gets one first
    raw = [base * w / sum(weights) for w in weights]
    shares = [1 + math.floor(r) for r in raw]
    order = sorted(range(parts), key=lambda i: raw[i] - math.floor(raw[i]), reverse=True)
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


class _Builder:
    """Creates people one position at a time, keeping NIPs unique."""

    def __init__(self, rng: random.Random, tahun: int) -> None:
        self.rng = rng
        self.tahun = tahun
        self.nips: set[str] = set()
        self.pegawai: list[Pegawai] = []

    def _nip(self, lahir: tuple[int, int]) -> tuple[str, int]:
        rng = self.rng
        cap = min(self.tahun - 1, TMT_TERAKHIR)
        year = min(rng.randint(*lahir), cap - 19)
        born = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))
        tmt_year = min(year + rng.randint(21, 30), cap)
        tmt_month = rng.choice((1, 2, 3, 3, 3, 12, rng.randint(1, 12)))
        gender = rng.choice("12")
        while True:
            nip = f"{born:%Y%m%d}{tmt_year:04d}{tmt_month:02d}{gender}{rng.randint(1, 999):03d}"
            if nip not in self.nips:
                self.nips.add(nip)
                parse_nip(nip, today=datetime.date(cap + 1, 1, 1))
                return nip, tmt_year

    def _nama(self, gender: str, gelar: str) -> tuple[str, str]:
        rng = self.rng
        female = gender == "2"
        words = [rng.choice(data.NAMA_PEREMPUAN if female else data.NAMA_LAKI)]
        if rng.random() < 0.35:
            middle = rng.choice(data.NAMA_TENGAH_PEREMPUAN if female else data.NAMA_TENGAH_LAKI)
            if middle != words[0]:
                words.append(middle)
        family = data.NAMA_KELUARGA_PEREMPUAN if female else data.NAMA_KELUARGA_LAKI
        words.append(rng.choice(family if rng.random() < 0.7 else data.MARGA))
        polos = " ".join(words)
        depan = rng.choice(data.GELAR_DEPAN.get(gelar, ("",)))
        belakang = rng.choice(data.GELAR_BELAKANG[gelar])
        return f"{depan}{polos}{belakang}", polos

    def add(
        self,
        *,
        jabatan: str,
        jenis: JenisJabatan,
        tingkat: Tingkat,
        golongan: Sequence[str],
        lahir: tuple[int, int],
        gelar: str,
        folder: tuple[str, ...],
        unit: str,
        unit_kerja: str,
        sub: str,
        atasan: int | None,
        jenjang: JenjangJf | None = None,
        fungsional: str | None = None,
    ) -> int:
        """Create the holder of one position; returns its indeks."""
        nip, tmt_year = self._nip(lahir)
        nama, polos = self._nama(nip[14], gelar)
        service = self.tahun - tmt_year
        kode = golongan[min(len(golongan) - 1, service * len(golongan) // 30)]
        indeks = len(self.pegawai)
        self.pegawai.append(
            Pegawai(
                indeks=indeks,
                nip=nip,
                nama=nama,
                nama_polos=polos,
                pangkat=parse_golongan(kode).label,
                jabatan=jabatan,
                jenis=jenis,
                tingkat=tingkat,
                jenjang=jenjang,
                folder=folder,
                unit=unit,
                unit_kerja=unit_kerja,
                sub=sub,
                atasan=atasan,
                fungsional=fungsional,
            )
        )
        return indeks

    def struktural(
        self,
        tingkat: Tingkat,
        jabatan: str,
        folder: tuple[str, ...],
        unit: str,
        unit_kerja: str,
        sub: str,
        atasan: int | None,
    ) -> int:
        """The holder of a structural position: kepala, JPT, administrator or pengawas."""
        jpt = tingkat in (Tingkat.KEPALA, Tingkat.JPT)
        return self.add(
            jabatan=jabatan,
            jenis=JenisJabatan.JPT if jpt else JenisJabatan.JA,
            tingkat=tingkat,
            golongan=data.GOLONGAN_STRUKTURAL[tingkat.value],
            lahir=data.LAHIR[tingkat.value],
            gelar="jpt" if jpt else tingkat.value,
            folder=folder,
            unit=unit,
            unit_kerja=unit_kerja,
            sub=sub,
            atasan=atasan,
        )

    def staff(
        self,
        unit: Unit,
        folder: tuple[str, ...],
        unit_kerja: str,
        sub: str,
        atasan: int,
        *,
        fungsional_share: float,
    ) -> None:
        """One pelaksana or jabatan fungsional under ``atasan``."""
        rng = self.rng
        common = {
            "folder": folder,
            "unit": unit.nama,
            "unit_kerja": unit_kerja,
            "sub": sub,
            "atasan": atasan,
        }
        if rng.random() < fungsional_share:
            name, jenjangs = rng.choice(data.FUNGSIONAL[unit.jenis])
            jenjang = rng.choice(jenjangs)
            ahli = jenjang.value.startswith("Ahli")
            self.add(
                jabatan=f"{name} {jenjang.value}",
                jenis=JenisJabatan.JF,
                tingkat=Tingkat.FUNGSIONAL,
                golongan=data.GOLONGAN_JENJANG[jenjang],
                lahir=data.LAHIR[jenjang],
                gelar="ahli" if ahli else "terampil",
                jenjang=jenjang,
                fungsional=name,
                **common,  # type: ignore[arg-type]
            )
            return
        name, golongan = rng.choice(data.PELAKSANA)
        self.add(
            jabatan=name,
            jenis=JenisJabatan.JA,
            tingkat=Tingkat.PELAKSANA,
            golongan=golongan,
            lahir=data.LAHIR["pelaksana"],
            gelar="pelaksana",
            **common,  # type: ignore[arg-type]
        )


def _kepala_unit(unit: Unit) -> str:
    if unit.jenis == "direktorat":
        return "Direktur " + unit.nama.removeprefix("Direktorat ")
    if unit.jenis == "inspektorat":
        return unit.nama.replace("Inspektorat", "Inspektur", 1)
    return f"Kepala {unit.nama}"


def _sub_names(prefix: str, names: Sequence[str], count: int, rng: random.Random) -> list[str]:
    pool = list(names)
    rng.shuffle(pool)
    taken: set[str] = set()
    return [_numbered(f"{prefix} {pool[i % len(pool)]}", taken) for i in range(count)]


def build_organisasi(pegawai: int, rng: random.Random, *, tahun: int) -> Organisasi:
    """An agency of ``pegawai`` positions, each held by one person.

    Args:
        pegawai: Number of positions (at least 1: the kepala).
        rng: The source of every choice.
        tahun: The SKP year (NIPs start before it).

    Returns:
        The organisation, superiors before their subordinates.

    Raises:
        ValueError: ``pegawai`` is less than 1.
    """
    if pegawai < 1:
        raise ValueError(f"an agency needs at least 1 pegawai, not {pegawai}")
    builder = _Builder(rng, tahun)
    kepala = builder.struktural(
        Tingkat.KEPALA, data.KEPALA_JABATAN, (), "", data.INSTANSI, "", None
    )
    units = units_of(unit_count(pegawai))
    for unit, size in zip(units, _split(pegawai - 1, len(units), rng), strict=True):
        _unit(builder, unit, size, kepala)
    return Organisasi(data.INSTANSI, units, tuple(builder.pegawai))


def _unit(builder: _Builder, unit: Unit, size: int, kepala: int) -> None:
    rng = builder.rng
    folder = (unit.nama,)
    head = builder.struktural(
        Tingkat.JPT, _kepala_unit(unit), folder, unit.nama, unit.nama, unit.bidang, kepala
    )
    rest = size - 1
    if rest == 0:
        return
    count = 1 if rest <= 5 else max(2, round(rest / 25))
    admin_prefix, pengawas_prefix = data.SUB_UNIT[unit.jenis]
    administrasi = unit.jenis in ("biro", "inspektorat")
    group_names = data.SUB_SUB_UNIT_NAMA["administrasi" if administrasi else "teknis"]
    names = _sub_names(admin_prefix, data.SUB_UNIT_NAMA[unit.jenis], count, rng)
    for name, share in zip(names, _split(rest, count, rng), strict=True):
        sub = name.removeprefix(admin_prefix + " ").lower()
        admin_folder = (*folder, name)
        unit_kerja = f"{name}, {unit.nama}"
        admin = builder.struktural(
            Tingkat.ADMINISTRATOR, f"Kepala {name}", admin_folder, unit.nama, unit_kerja, sub, head
        )
        below = share - 1
        pengawas = 0 if below < 3 else max(1, round(below / 8))
        direct = below if pengawas == 0 else round(below * 0.15)
        for _ in range(direct):
            builder.staff(unit, admin_folder, unit_kerja, sub, admin, fungsional_share=0.8)
        groups = _split(below - direct, pengawas, rng)
        for group_name, group in zip(
            _sub_names(pengawas_prefix, group_names, pengawas, rng), groups, strict=True
        ):
            group_sub = group_name.removeprefix(pengawas_prefix + " ").lower()
            group_folder = (*admin_folder, group_name)
            group_unit_kerja = f"{group_name}, {unit.nama}"  # two lines on the forms
            chief = builder.struktural(
                Tingkat.PENGAWAS,
                f"Kepala {group_name}",
                group_folder,
                unit.nama,
                group_unit_kerja,
                group_sub,
                admin,
            )
            for _ in range(group - 1):
                builder.staff(
                    unit, group_folder, group_unit_kerja, group_sub, chief, fungsional_share=0.5
                )
