"""Read a Matriks Peran Hasil: the leader's identity and each subordinate's roles.

The matrix is found through its defined names (the leader's cells, the body of the
pegawai rows and of each team), never through fixed addresses, like an SKP in
:mod:`skp_xl.reader.read`; the add-in's Buat SKP Bawahan writes each subordinate's SKP
from what is read here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from skp_xl.domain.nip import NipError, parse_nip
from skp_xl.domain.vocabulary import JenisJabatan, compact, jenis_dari_jabatan
from skp_xl.errors import NotAMatriks
from skp_xl.forms import text as t
from skp_xl.forms.matriks import (
    MATRIKS_IKI,
    MATRIKS_PEGAWAI,
    MATRIKS_PIMPINAN_JABATAN,
    MATRIKS_PIMPINAN_NAMA,
    MATRIKS_PIMPINAN_NIP,
    MATRIKS_PIMPINAN_PANGKAT,
    MATRIKS_UNIT_KERJA,
    tim_ketua_name,
    tim_name,
)
from skp_xl.reader.read import MATRIKS_TEMPLATE
from skp_xl.reader.snapshot import Snapshot, a1

__all__ = ["Bawahan", "NotAMatriks", "baca_matriks", "cell_text"]

_TIDAK_ADA_PERAN = {compact(t.TIDAK_ADA_PERAN), "n/a", "-"}


@dataclass
class Bawahan:
    """One subordinate read from a Matriks Peran Hasil.

    Attributes:
        nama, nip, jabatan: As typed in the matrix (NIP None when not text).
        peran: (rencana hasil kerja pimpinan yang diintervensi, rencana hasil kerja), in
            matrix order: the leader's matrix first, then the teams.
        catatan: Problems found while reading this person's rows.
    """

    nama: str
    nip: str | None
    jabatan: str
    peran: list[tuple[str, str]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)

    @property
    def jenis(self) -> JenisJabatan:
        """JF when the jabatan names a JF jenjang ("... Ahli Muda", "... Terampil"), else JA."""
        return jenis_dari_jabatan(self.jabatan)


def cell_text(value: object) -> str:
    """A cell's value as typed text: whole numbers without ``.0``, blanks as ``""``."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def baca_matriks(snapshot: Snapshot) -> tuple[dict[str, str | int], list[Bawahan]]:
    """The leader's identity and every subordinate with a role, from a Matriks Peran Hasil.

    Returns:
        The identity values of the subordinates' SKP (the leader as pejabat penilai, the
        instansi and period), and the subordinates in matrix order, one per NIP (or name).

    Raises:
        NotAMatriks: The workbook is not a Matriks Peran Hasil of skp-xl.
    """
    template = snapshot.named("META_TEMPLATE_ID")
    if template is None or snapshot.value(*template) != MATRIKS_TEMPLATE:
        raise NotAMatriks(
            "Buat SKP Bawahan bekerja pada buku kerja Matriks Peran Hasil (dibuat dengan "
            "'skp-xl new --matriks'); buka matriksnya lalu tekan tombol ini lagi."
        )

    def named(name: str) -> str:
        where = snapshot.named(name)
        return "" if where is None else cell_text(snapshot.value(*where))

    identitas: dict[str, str | int] = {
        "PENILAI_NAMA": named(MATRIKS_PIMPINAN_NAMA),
        "PENILAI_NIP": named(MATRIKS_PIMPINAN_NIP),
        "PENILAI_JABATAN": named(MATRIKS_PIMPINAN_JABATAN),
        "PENILAI_PANGKAT": named(MATRIKS_PIMPINAN_PANGKAT),
        "PENILAI_UNIT_KERJA": named(MATRIKS_UNIT_KERJA),
        "PEGAWAI_UNIT_KERJA": named(MATRIKS_UNIT_KERJA),
        "SKP_INSTANSI": named("SKP_INSTANSI"),
        "SKP_PERIODE_MULAI": named("SKP_PERIODE_MULAI"),
        "SKP_PERIODE_SELESAI": named("SKP_PERIODE_SELESAI"),
    }
    tahun = named("SKP_TAHUN")
    if tahun.isdigit():
        identitas["SKP_TAHUN"] = int(tahun)
    identitas = {k: v for k, v in identitas.items() if v != ""}
    people: dict[str, Bawahan] = {}
    groups = [(MATRIKS_IKI, MATRIKS_PEGAWAI)]
    nomor = 1
    while tim_name(nomor) in snapshot.names:
        groups.append((tim_ketua_name(nomor), tim_name(nomor)))
        nomor += 1
    for head_name, body_name in groups:
        head, body = snapshot.names.get(head_name), snapshot.names.get(body_name)
        if head is None or body is None:
            continue
        # MATRIKS_IKI starts at the first role column; a ketua row at the NAMA column.
        first_role = body.min_col + 3
        for row in range(body.min_row, body.max_row + 1):
            nama = cell_text(snapshot.value(body.sheet, row, body.min_col))
            if not nama:
                continue
            nip_value = snapshot.value(body.sheet, row, body.min_col + 1)
            person = _person(people, nama, nip_value, body.sheet, row, body.min_col + 1)
            person.jabatan = person.jabatan or cell_text(
                snapshot.value(body.sheet, row, body.min_col + 2)
            )
            for column in range(first_role, body.max_col + 1):
                rhk = cell_text(snapshot.value(body.sheet, row, column))
                if not rhk or compact(rhk) in _TIDAK_ADA_PERAN:
                    continue
                pimpinan = cell_text(snapshot.value(head.sheet, head.min_row, column))
                if (pimpinan, rhk) not in person.peran:
                    person.peran.append((pimpinan, rhk))
    return identitas, [p for p in people.values() if p.peran]


def _person(
    people: dict[str, Bawahan], nama: str, nip: object, sheet: str, row: int, column: int
) -> Bawahan:
    """The subordinate of a matrix row, merged by NIP (or by name when the NIP is bad)."""
    notes = []
    text: str | None = None
    try:
        text = parse_nip(nip).nip
    except NipError as error:
        if nip is not None:
            notes.append(f"NIP di {sheet}!{a1(row, column)}: {error.message}")
    key = text or compact(nama)
    if key not in people:
        people[key] = Bawahan(nama, text, "", catatan=notes)
    return people[key]
