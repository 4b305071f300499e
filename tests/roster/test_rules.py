"""The roster's rules: every fault kind reported at its row, every row accounted for."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Severity
from skp_xl.domain.roster import Roster, periksa_roster
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.reader.roster import baca_roster

TODAY = datetime.date(2026, 1, 1)


def nip(n: int) -> str:
    """A fictional NIP valid by its form: born 1980, TMT 2005, sequence ``n``."""
    return f"19800101200501{1 + n % 2}{n:03d}"


HEAD = "nip;nama;jabatan;golru;unit;jenis_jabatan;pendekatan;nip_penilai"


def read(tmp_path: Path, text: str, name: str = "roster.csv") -> Roster:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    read = baca_roster(path)
    return periksa_roster(read.baris, path=str(path), today=TODAY)


def codes(roster: Roster) -> list[tuple[int, str]]:
    return [(m.baris, m.temuan.code) for m in roster.masalah]


def test_a_clean_roster_gives_every_row_with_its_penilai(tmp_path: Path) -> None:
    roster = read(
        tmp_path,
        "\n".join(
            [
                HEAD,
                f"{nip(1)};Kepala Fiktif;Kepala Dinas;IV/c;;JPT;;",
                f"{nip(2)};Ani Fiktif;Kepala Bidang;IV/a;Bidang A;JA;kualitatif;{nip(1)}",
                f"{nip(3)};Budi Fiktif;Analis Kebijakan Ahli Muda;III/c;Bidang A;;;{nip(2)}",
            ]
        ),
    )
    assert [p.baris for p in roster.pegawai] == [2, 3, 4]
    head, ani, budi = roster.pegawai
    assert (head.jenis, ani.pendekatan, budi.jenis) == (
        JenisJabatan.JPT,
        Pendekatan.KUALITATIF,
        JenisJabatan.JF,
    )
    assert budi.pangkat == "Penata, III/c"
    assert roster.penilai(budi) == ani
    assert roster.atasan(budi) == head
    assert roster.bawahan() == {nip(1): [ani], nip(2): [budi]}
    # The head has no penilai in the roster: a warning, still written.
    assert codes(roster) == [(2, Code.ROSTER_TANPA_PENILAI)]
    assert roster.masalah[0].temuan.severity is Severity.WARNING


def test_every_fault_is_reported_at_its_row_and_cell(tmp_path: Path) -> None:
    roster = read(
        tmp_path,
        "\n".join(
            [
                HEAD,
                f"{nip(1)};Kepala Fiktif;Kepala Dinas;IV/c;;JPT;;",  # 2
                f"12345;Salah NIP;Staf;III/a;Bidang A;;;{nip(1)}",  # 3 bad NIP
                f"{nip(4)};Salah Pangkat;Staf;Z/z;Bidang A;;;{nip(1)}",  # 4 unknown pangkat
                f"{nip(5)};Ganda Satu;Staf;III/a;Bidang A;;;{nip(1)}",  # 5 duplicate
                f"{nip(5)};Ganda Dua;Staf;III/a;Bidang A;;;{nip(1)}",  # 6 duplicate
                f"{nip(7)};Penilai Hilang;Staf;III/a;Bidang A;;;{nip(99)}",  # 7 not in roster
                f"{nip(8)};Putar Satu;Staf;III/a;Bidang B;;;{nip(9)}",  # 8 cycle
                f"{nip(9)};Putar Dua;Staf;III/a;Bidang B;;;{nip(8)}",  # 9 cycle
                f"{nip(10)};Anak Putar;Staf;III/a;Bidang B;;;{nip(8)}",  # 10 penilai refused
                f"{nip(11)};Jenis Salah;Staf;III/a;Bidang B;Menteri;;{nip(1)}",  # 11 jenis
                f"{nip(12)};;Staf;III/a;Bidang B;;;{nip(1)}",  # 12 no name
                f"{nip(13)};Diri Sendiri;Staf;III/a;Bidang B;;;{nip(13)}",  # 13 rates self
                f"{nip(14)};Baik;Staf;III/a;Bidang B;;;{nip(1)}",  # 14 fine
            ]
        ),
    )
    assert codes(roster) == [
        (2, Code.ROSTER_TANPA_PENILAI),
        (3, Code.ROSTER_NIP_TIDAK_VALID),
        (4, Code.ROSTER_PANGKAT_TIDAK_DIKENAL),
        (5, Code.ROSTER_NIP_GANDA),
        (6, Code.ROSTER_NIP_GANDA),
        (7, Code.ROSTER_PENILAI_TIDAK_ADA),
        (8, Code.ROSTER_PENILAI_SIKLUS),
        (9, Code.ROSTER_PENILAI_SIKLUS),
        (10, Code.ROSTER_PENILAI_BERMASALAH),
        (11, Code.ROSTER_JENIS_TIDAK_DIKENAL),
        (12, Code.ROSTER_NAMA_KOSONG),
        (13, Code.ROSTER_PENILAI_SIKLUS),
    ]
    assert [p.baris for p in roster.pegawai] == [2, 14]
    by_row = {m.baris: m.temuan for m in roster.masalah}
    assert (by_row[3].sheet, by_row[3].cell) == ("roster", "A3")
    assert (by_row[4].cell, by_row[7].cell, by_row[12].cell) == ("D4", "H7", "B12")
    assert "baris 6" in by_row[5].message
    assert "baris 5" in by_row[6].message
    assert "8 -> 9 -> 8" in by_row[8].message
    # Every row is a workbook or a problem.
    assert {p.baris for p in roster.pegawai} | roster.ditolak == set(range(2, 15))


def test_headers_below_title_rows_in_any_case(tmp_path: Path) -> None:
    roster = read(
        tmp_path,
        "\n".join(
            [
                "DAFTAR PEGAWAI",
                "Instansi: Dinas Fiktif",
                "",
                "nipBaru,Nama,JABATAN,GolRu,unorNama,nipPenilai",
                f"{nip(1)},Kepala Fiktif,Kepala Dinas,IV/c,,",
                f"{nip(2)},Ani Fiktif,Staf,III/a,Umum,{nip(1)}",
            ]
        ),
    )
    assert [(p.baris, p.unit, p.nip_penilai) for p in roster.pegawai] == [
        (5, "", None),
        (6, "Umum", nip(1)),
    ]


def test_who_leads_which_unit_is_resolved_to_penilai(tmp_path: Path) -> None:
    roster = read(
        tmp_path,
        "\n".join(
            [
                "nip;nama;jabatan;golru;unit;unit_induk;pimpinan",
                f"{nip(1)};Kepala;Kepala Dinas;IV/c;Dinas;;ya",  # 2
                f"{nip(2)};Kabid;Kepala Bidang;IV/a;Bidang A;Dinas;ya",  # 3
                f"{nip(3)};Staf A;Staf;III/a;Bidang A;;",  # 4
                f"{nip(4)};Staf Dinas;Staf;III/a;Dinas;;",  # 5
                f"{nip(5)};Yatim;Staf;III/a;Bidang Z;;",  # 6 no leader
                f"{nip(6)};Kasi 1;Kepala Seksi;III/d;Seksi;Bidang A;ya",  # 7
                f"{nip(7)};Kasi 2;Kepala Seksi;III/d;Seksi;Bidang A;ya",  # 8
            ]
        ),
    )
    penilai = {p.baris: p.nip_penilai for p in roster.pegawai}
    assert penilai == {2: None, 3: nip(1), 4: nip(2), 5: nip(1)}
    assert codes(roster) == [
        (2, Code.ROSTER_TANPA_PENILAI),
        (6, Code.ROSTER_PENILAI_TIDAK_ADA),
        (7, Code.ROSTER_PIMPINAN_GANDA),
        (8, Code.ROSTER_PIMPINAN_GANDA),
    ]


def test_a_table_without_nip_and_nama_is_refused_with_its_code(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(InvalidValueError) as raised:
        baca_roster(path)
    assert raised.value.code == Code.ROSTER_TANPA_JUDUL


def test_a_leader_with_more_staff_than_a_matriks_holds_is_warned(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from skp_xl.batch import roster as batch_roster

    monkeypatch.setattr(batch_roster, "MATRIKS_BARIS_MAKS", 2)
    rows = [HEAD, f"{nip(1)};Kepala Fiktif;Kepala Dinas;IV/c;;JPT;;"]
    rows += [f"{nip(n)};Staf {n} Fiktif;Analis;III/a;Bidang A;JA;;{nip(1)}" for n in (2, 3, 4)]
    roster = read(tmp_path, "\n".join(rows))
    hasil = batch_roster.tulis_roster(
        roster, tmp_path / "out", batch_roster.OpsiRoster(tahun=2026, jobs=1)
    )
    [cut] = [m for m in hasil.masalah if m.temuan.code == Code.ROSTER_MATRIKS_TERPOTONG]
    assert cut.baris == 2
    assert cut.temuan.severity is Severity.WARNING
    assert "menilai 3 pegawai" in cut.temuan.message
    assert "paling banyak 2" in cut.temuan.message
