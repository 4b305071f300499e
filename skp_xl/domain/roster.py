"""A roster of pegawai (SIASN, e-Kinerja's Laporan SKP, HR's own sheet), as pure rules.

The header is recognised below any title rows with the exports' matcher
(:func:`~skp_xl.domain.ekspor.kunci_kolom`), in any case, snake or camelCase. Each data
row becomes a :class:`Pegawai` ready for a workbook, or a :class:`Masalah` (one or more)
naming its row: a bad NIP, an unknown pangkat, two rows with one NIP (both named), a
pejabat penilai NIP not in the roster, a circle in who rates whom. Nothing is dropped
silently: every row is accounted for (:attr:`Roster.baris`).

Who rates whom is given by ``nip_penilai`` (empty for the head of the agency), or by a
roster that says who leads which unit (a ``pimpinan`` column, with ``unit_induk`` for
the unit above): a pegawai is rated by the leader of their unit, a leader by the leader
of the unit above.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from skp_xl.domain.codes import Code
from skp_xl.domain.ekspor import (
    BARIS_JUDUL_MAKS,
    BarisEkspor,
    kolom_dikenal,
    kunci_kolom,
)
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.pangkat import parse_golongan
from skp_xl.domain.vocabulary import (
    JenisJabatan,
    Pendekatan,
    jenis_dari_jabatan,
    normalize_jenis_jabatan,
    normalize_pendekatan,
)

ALIAS: Mapping[str, tuple[str, ...]] = {
    "nip": ("nip", "nip_baru", "nipbaru", "nip_pegawai", "nip_pns"),
    "nama": ("nama", "nama_pegawai", "nama_pns", "nama_lengkap"),
    "jabatan": ("jabatan", "nama_jabatan", "skp_jabatan", "jabatan_akhir"),
    "pangkat": (
        "golru",
        "pangkat",
        "pangkat_golongan",
        "pangkat_gol",
        "golongan",
        "gol_ruang",
        "golongan_ruang",
        "gol_ru",
    ),
    "unit": ("unit", "skp_unor", "unor_nama", "unit_kerja", "skp_unor_nama", "unor", "sub_unit"),
    "unit_induk": ("unit_induk", "unor_induk", "skp_unor_induk", "unit_atasan"),
    "jenis_jabatan": ("jenis_jabatan", "skp_jenis_jabatan"),
    "pendekatan": ("pendekatan", "pendekatan_hasil_kerja"),
    "nip_penilai": ("nip_penilai", "nip_pejabat_penilai", "penilai_nip", "nip_atasan_langsung"),
    "pimpinan": ("pimpinan", "pimpinan_unit", "kepala_unit", "is_pimpinan", "memimpin_unit"),
}
"""Field -> the header keys (:func:`~skp_xl.domain.ekspor.kunci_kolom`) that hold it,
preferred first. ``nipBaru`` is ``nip_baru``, ``golRu`` is ``gol_ru``..."""

_YA = frozenset({"ya", "y", "yes", "1", "true", "benar", "pimpinan", "kepala", "x", "v"})


@dataclass(frozen=True, slots=True)
class KepalaRoster:
    """The roster's header: its row (0-based) and field -> column (0-based)."""

    baris: int
    kolom: Mapping[str, int]


def kenali_roster(rows: Sequence[Sequence[object]]) -> KepalaRoster | None:
    """The first row among :data:`~skp_xl.domain.ekspor.BARIS_JUDUL_MAKS` naming at least a
    NIP and a name column, or None."""
    for number, row in enumerate(rows[:BARIS_JUDUL_MAKS]):
        kolom = kolom_dikenal([kunci_kolom(cell) for cell in row], ALIAS)
        if "nip" in kolom and "nama" in kolom:
            return KepalaRoster(number, kolom)
    return None


@dataclass(frozen=True, slots=True)
class Pegawai:
    """One roster row that becomes a workbook.

    Attributes:
        baris: The roster row (as the user finds it: the header of a plain CSV is row 1).
        nip: 18 digits.
        nama, jabatan, unit: As written (spaces tidied).
        pangkat: Canonical label (``Penata Muda, III/a``).
        jenis: Jenis jabatan (given, or JF by a jenjang in the jabatan, else JA).
        pendekatan: Given, or the run's default.
        nip_penilai: The pejabat penilai's NIP; None for the head of the agency.
    """

    baris: int
    nip: str
    nama: str
    jabatan: str
    pangkat: str
    unit: str
    jenis: JenisJabatan
    pendekatan: Pendekatan
    nip_penilai: str | None


@dataclass(frozen=True, slots=True)
class Masalah:
    """A problem with one roster row: the row and the finding (its cell in the roster)."""

    baris: int
    temuan: Finding

    def to_dict(self) -> dict[str, object]:
        """The JSON form: ``baris`` then the finding's fields."""
        return {"baris": self.baris, **self.temuan.to_dict()}


@dataclass(frozen=True, slots=True)
class Roster:
    """A roster after the rules.

    Attributes:
        pegawai: The rows that become workbooks, in roster order.
        masalah: Every problem, in roster order; a row with an error is not in ``pegawai``.
        baris: How many data rows were read.
    """

    pegawai: tuple[Pegawai, ...]
    masalah: tuple[Masalah, ...]
    baris: int
    _by_nip: dict[str, Pegawai] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_nip.update({p.nip: p for p in self.pegawai})

    def cari(self, nip: str | None) -> Pegawai | None:
        """The accepted pegawai of ``nip``, or None."""
        return None if nip is None else self._by_nip.get(nip)

    def penilai(self, pegawai: Pegawai) -> Pegawai | None:
        """The pejabat penilai of ``pegawai`` (None for the head of the agency)."""
        return self.cari(pegawai.nip_penilai)

    def atasan(self, pegawai: Pegawai) -> Pegawai | None:
        """The atasan pejabat penilai: the penilai's own penilai, when in the roster."""
        penilai = self.penilai(pegawai)
        return None if penilai is None else self.penilai(penilai)

    def bawahan(self) -> dict[str, list[Pegawai]]:
        """Leader's NIP -> the pegawai they rate, in roster order."""
        staff: dict[str, list[Pegawai]] = defaultdict(list)
        for p in self.pegawai:
            if p.nip_penilai is not None:
                staff[p.nip_penilai].append(p)
        return dict(staff)

    @property
    def ditolak(self) -> frozenset[int]:
        """Rows that do not become a workbook (an error against them)."""
        return frozenset(m.baris for m in self.masalah if m.temuan.severity is Severity.ERROR)


@dataclass
class _Baris:
    """One row while the rules run."""

    asal: BarisEkspor
    nip: str | None = None
    nama: str = ""
    pangkat: str = ""
    jenis: JenisJabatan = JenisJabatan.JA
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF
    nip_penilai: str | None = None
    pimpinan: bool = False
    salah: bool = False


class _Temuan:
    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Masalah] = []

    def add(
        self,
        row: _Baris,
        code: Code,
        message: str,
        name: str = "nip",
        severity: Severity = Severity.ERROR,
    ) -> None:
        where = row.asal.letak(name) or row.asal.letak("nip")
        sheet, cell = (where[0] or None, where[1]) if where else (None, None)
        tempat = f"{where[0]}!{where[1]}" if where and where[0] else (where[1] if where else "")
        prefix = f"Baris {row.asal.nomor}" + (f" ({tempat})" if tempat else "")
        self.items.append(
            Masalah(
                row.asal.nomor,
                Finding(code, severity, f"{prefix}: {message}", sheet, cell, name, self.path),
            )
        )
        if severity is Severity.ERROR:
            row.salah = True


def _siapa(row: _Baris) -> str:
    return f"baris {row.asal.nomor} ({row.nama or '-'})"


def periksa_roster(
    rows: Sequence[BarisEkspor],
    *,
    path: str = "",
    pendekatan: Pendekatan = Pendekatan.KUANTITATIF,
    today: datetime.date | None = None,
) -> Roster:
    """Apply the roster's rules to its data rows.

    Args:
        rows: The data rows (:func:`~skp_xl.domain.ekspor.baris_data` with a
            :class:`KepalaRoster`).
        path: The roster file, named in findings.
        pendekatan: Pendekatan of rows that do not give one.
        today: The date NIPs are judged against.

    Returns:
        The accepted pegawai and every problem, each with its row.
    """
    temuan = _Temuan(path)
    baris = [_baca(row, temuan, pendekatan, today) for row in rows]
    by_nip: dict[str, list[_Baris]] = defaultdict(list)
    for row in baris:
        if row.nip is not None:
            by_nip[row.nip].append(row)
    _ganda(
        by_nip.values(),
        temuan,
        Code.ROSTER_NIP_GANDA,
        lambda row, others: (
            f"NIP {row.nip} juga ada di baris {others}; satu NIP satu pegawai. Hapus "
            "baris yang ganda atau perbaiki NIP-nya, lalu jalankan ulang."
        ),
    )
    if "nip_penilai" not in (rows[0].kolom if rows else {}) and any(r.pimpinan for r in baris):
        _dari_pimpinan(baris, temuan)
    _penilai(baris, by_nip, temuan)
    accepted = tuple(
        Pegawai(
            r.asal.nomor,
            r.nip or "",
            r.nama,
            r.asal.teks("jabatan"),
            r.pangkat,
            r.asal.teks("unit"),
            r.jenis,
            r.pendekatan,
            r.nip_penilai,
        )
        for r in baris
        if not r.salah
    )
    masalah = sorted(temuan.items, key=lambda m: m.baris)
    return Roster(accepted, tuple(masalah), len(rows))


def _baca(
    asal: BarisEkspor, temuan: _Temuan, pendekatan: Pendekatan, today: datetime.date | None
) -> _Baris:
    row = _Baris(asal, nama=asal.teks("nama"), pendekatan=pendekatan)
    if not row.nama:
        temuan.add(
            row,
            Code.ROSTER_NAMA_KOSONG,
            "nama pegawai kosong; isi namanya di roster.",
            "nama",
        )
    try:
        row.nip = parse_nip(asal.nilai.get("nip"), today=today).nip
    except InvalidValueError as error:
        temuan.add(
            row,
            Code.ROSTER_NIP_TIDAK_VALID,
            f"NIP '{asal.teks('nip')}' tidak sah: {error.message} Perbaiki NIP di roster "
            "(simpan kolom NIP sebagai teks).",
        )
    pangkat = asal.teks("pangkat")
    try:
        row.pangkat = parse_golongan(pangkat).label
    except InvalidValueError as error:
        temuan.add(
            row,
            Code.ROSTER_PANGKAT_TIDAK_DIKENAL,
            f"pangkat/golongan '{pangkat}' tidak dikenal: {error.message}",
            "pangkat",
        )
    jenis = asal.teks("jenis_jabatan")
    try:
        row.jenis = (
            normalize_jenis_jabatan(jenis) if jenis else jenis_dari_jabatan(asal.teks("jabatan"))
        )
    except InvalidValueError as error:
        temuan.add(row, Code.ROSTER_JENIS_TIDAK_DIKENAL, error.message, "jenis_jabatan")
    given = asal.teks("pendekatan")
    try:
        if given:
            row.pendekatan = normalize_pendekatan(given)
    except InvalidValueError as error:
        temuan.add(row, Code.ROSTER_JENIS_TIDAK_DIKENAL, error.message, "pendekatan")
    penilai = asal.teks("nip_penilai")
    if penilai:
        try:
            row.nip_penilai = parse_nip(asal.nilai.get("nip_penilai"), today=today).nip
        except InvalidValueError as error:
            temuan.add(
                row,
                Code.ROSTER_NIP_TIDAK_VALID,
                f"NIP pejabat penilai '{penilai}' tidak sah: {error.message}",
                "nip_penilai",
            )
    row.pimpinan = asal.teks("pimpinan").casefold() in _YA
    return row


def _ganda(
    groups: Iterable[list[_Baris]],
    temuan: _Temuan,
    code: Code,
    message: Callable[[_Baris, str], str],
    kolom: str = "nip",
) -> None:
    """One finding on every row of each group of two or more, naming the others' rows."""
    for rows in groups:
        if len(rows) > 1:
            for row in rows:
                others = ", ".join(str(o.asal.nomor) for o in rows if o is not row)
                temuan.add(row, code, message(row, others), kolom)


def _dari_pimpinan(baris: list[_Baris], temuan: _Temuan) -> None:
    """Who rates whom from who leads which unit: the leader of one's unit, or for a
    leader, the leader of the unit above (none: the head of the agency)."""
    leaders: dict[str, list[_Baris]] = defaultdict(list)
    for row in baris:
        if row.pimpinan:
            leaders[row.asal.teks("unit").casefold()].append(row)
    _ganda(
        leaders.values(),
        temuan,
        Code.ROSTER_PIMPINAN_GANDA,
        lambda row, others: (
            f"unit '{row.asal.teks('unit')}' juga dipimpin oleh baris {others}; satu "
            "unit satu pimpinan. Tandai satu saja sebagai pimpinan."
        ),
        "pimpinan",
    )
    for row in baris:
        unit = row.asal.teks("unit_induk" if row.pimpinan else "unit")
        if row.pimpinan and not unit:
            continue  # the head of the agency
        found = leaders.get(unit.casefold(), [])
        if not found:
            temuan.add(
                row,
                Code.ROSTER_PENILAI_TIDAK_ADA,
                f"unit '{unit}' tidak punya pimpinan di roster, jadi pejabat penilainya tidak "
                "diketahui. Tandai pimpinan unit itu (kolom pimpinan) atau isi nip_penilai.",
                "unit_induk" if row.pimpinan else "unit",
            )
            continue
        row.nip_penilai = found[0].nip


def _penilai(baris: list[_Baris], by_nip: Mapping[str, list[_Baris]], temuan: _Temuan) -> None:
    """A penilai NIP must be a row of the roster; nobody may rate in a circle; a row whose
    penilai's row is refused is refused too (its identity would be wrong)."""
    target: dict[int, _Baris] = {}
    for index, row in enumerate(baris):
        if row.nip_penilai is None:
            if not row.salah:
                temuan.add(
                    row,
                    Code.ROSTER_TANPA_PENILAI,
                    "tanpa NIP pejabat penilai: dianggap pimpinan instansi; pejabat penilainya "
                    "(mis. menteri, gubernur, bupati/wali kota) diketik sendiri di sheet "
                    "Identitas.",
                    "nip_penilai",
                    Severity.WARNING,
                )
            continue
        found = by_nip.get(row.nip_penilai)
        if not found:
            temuan.add(
                row,
                Code.ROSTER_PENILAI_TIDAK_ADA,
                f"NIP pejabat penilai {row.nip_penilai} tidak ada di roster. Tambahkan "
                "pejabat penilai itu ke roster atau perbaiki NIP-nya.",
                "nip_penilai",
            )
            continue
        target[index] = found[0]
    index_of = {id(row): i for i, row in enumerate(baris)}
    _siklus(baris, target, index_of, temuan)
    changed = True
    while changed:
        changed = False
        for index, row in enumerate(baris):
            penilai = target.get(index)
            if row.salah or penilai is None or not penilai.salah:
                continue
            temuan.add(
                row,
                Code.ROSTER_PENILAI_BERMASALAH,
                f"pejabat penilainya, {_siapa(penilai)}, ditolak (lihat masalah baris itu); "
                "perbaiki baris itu lalu jalankan ulang.",
                "nip_penilai",
            )
            changed = True


def _siklus(
    baris: list[_Baris],
    target: Mapping[int, _Baris],
    index_of: Mapping[int, int],
    temuan: _Temuan,
) -> None:
    state = [0] * len(baris)  # 0 unseen, 1 on the current path, 2 done
    for start in range(len(baris)):
        path: list[int] = []
        node: int | None = start
        while node is not None and state[node] == 0:
            state[node] = 1
            path.append(node)
            nxt = target.get(node)
            node = None if nxt is None else index_of[id(nxt)]
        if node is not None and state[node] == 1:
            circle = path[path.index(node) :]
            chain = " -> ".join(str(baris[i].asal.nomor) for i in [*circle, circle[0]])
            for i in circle:
                temuan.add(
                    baris[i],
                    Code.ROSTER_PENILAI_SIKLUS,
                    f"penilaian berputar (baris {chain}): yang dinilai menilai penilainya "
                    "sendiri. Perbaiki nip_penilai salah satu baris itu.",
                    "nip_penilai",
                )
        for i in path:
            state[i] = 2
