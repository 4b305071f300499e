"""A small fictional agency's consolidation, as the summary writer receives it.

Three units (one rated only in an earlier quarter), ten pegawai rated in the period
summarised (Akhir) with every predikat, one blank predikat and blank angka kredit, two rows
of an earlier quarter, and findings pointing into files with awkward names.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd

from skp_xl.domain.vocabulary import Predikat
from skp_xl.summary import SummaryData, write_summary

SB, B, BP, K, SK = (p.value for p in Predikat)
UMUM, KEUANGAN, HUKUM = "Bagian Umum", "Bagian Keuangan", "Bagian Hukum"

AKHIR, TW4 = "Akhir", "Triwulan IV"
PEGAWAI_ROWS = [
    # NIP, Nama, Unit Kerja, Periode, Predikat, Angka Kredit, Berkas
    ("198503122010011001", "Andi Saputra", UMUM, AKHIR, SB, None, "unit umum/SKP Andi.xlsx"),
    ("199001012015032002", "Budi Santoso", UMUM, AKHIR, B, 12.5, "unit umum/SKP Budi #2.xlsx"),
    ("199202022019031003", "Citra Lestari", UMUM, AKHIR, B, 12.5, "unit umum/SKP Citra.xlsx"),
    ("198707072012122004", "Dedi Kurniawan", UMUM, AKHIR, BP, None, "unit umum/SKP Dedi.xlsx"),
    ("199303032020121005", "Euis Rahmawati", KEUANGAN, AKHIR, SB, 18.75, "keuangan/SKP Euis.xlsx"),
    ("198808082014031006", "Fajar Nugroho", KEUANGAN, AKHIR, K, None, "keuangan/SKP Fajar.xlsx"),
    ("199404042021032007", "Gita Permata", KEUANGAN, AKHIR, SK, 3, "keuangan/SKP Gita.xlsx"),
    ("198909092015031008", "Hadi Wibowo", KEUANGAN, AKHIR, B, None, "keuangan/SKP Hadi.xlsx"),
    ("199505052022031009", "Indah Puspita", KEUANGAN, AKHIR, None, None, "keuangan/SKP Indah.xlsx"),
    ("198606062011011010", "Joko Prasetyo", UMUM, AKHIR, B, None, "unit umum/SKP Joko.xlsx"),
    # Earlier quarters: in the Pegawai table, but not counted by the Ringkasan (nor the pivot).
    ("198503122010011001", "Andi Saputra", UMUM, TW4, B, None, "unit umum/SKP Andi.xlsx"),
    ("199707072023032011", "Kiki Amalia", HUKUM, TW4, SB, None, "hukum/SKP Kiki.xlsx"),
]
PEGAWAI_HEADERS = ["NIP", "Nama", "Unit Kerja", "Periode", "Predikat", "Angka Kredit", "Berkas"]
UNITS = (UMUM, KEUANGAN, HUKUM)

EXPECTED_PIVOT = [
    # Unit Kerja, Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat Kurang, (blank), Total
    (UMUM, 1, 3, 1, None, None, None, 5),
    (KEUANGAN, 1, 1, None, 1, 1, 1, 5),
]
"""The Akhir rows of PEGAWAI_ROWS counted per unit and predikat, by hand."""
EXPECTED_TOTALS = (2, 4, 1, 1, 1, 1, 10)


def pegawai_frame(agency: Path) -> pd.DataFrame:
    """PEGAWAI_ROWS with each Berkas under the ``agency`` folder, as an absolute path."""
    rows = [(*row[:-1], str(agency / row[-1])) for row in PEGAWAI_ROWS]
    return pd.DataFrame(rows, columns=PEGAWAI_HEADERS)


def ringkasan_frame() -> pd.DataFrame:
    """Akhir counts per unit from PEGAWAI_ROWS, then the agency; HUKUM has none in Akhir."""
    rows = []
    everyone: Counter[str] = Counter()
    for unit in UNITS:
        counts = Counter(
            r[4] for r in PEGAWAI_ROWS if r[2] == unit and r[3] == AKHIR and r[4] is not None
        )
        everyone.update(counts)
        rows.append(_ringkasan_row(unit, "Baik", counts))
    rows.append(_ringkasan_row("Instansi", "Baik", everyone))
    return pd.DataFrame(rows)


def _ringkasan_row(unit: str, capaian: str, counts: Counter[str]) -> dict[str, object]:
    row: dict[str, object] = {"Unit Kerja": unit, "Capaian Kinerja Organisasi": capaian}
    row |= {p.value: counts[p.value] for p in Predikat}
    total = sum(counts.values())
    row["Jumlah"] = total
    row["Pola Distribusi"] = "—" if total == 0 else "Sesuai"
    row["Keterangan"] = "Belum ada penilaian." if total == 0 else "Sangat Baik 20%, batas 20%."
    return row


TEMUAN_ROWS = [
    ("unit umum/SKP Andi.xlsx", "SKP JA", "D7", "nip-panjang", "error", "NIP salah."),
    ("keuangan/SKP Fajar.xlsx", "Evaluasi 'Akhir'", "", "rating-kosong", "warning", "Kosong."),
    ("keuangan/rusak.xlsx", None, None, "berkas-rusak", "error", "Berkas rusak."),
]


def temuan_frame(agency: Path) -> pd.DataFrame:
    rows = [(str(agency / row[0]), *row[1:]) for row in TEMUAN_ROWS]
    return pd.DataFrame(rows, columns=["Berkas", "Sheet", "Sel", "Kode", "Tingkat", "Pesan"])


def cascading_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Unit Kerja": [UMUM, KEUANGAN],
            "Hasil Kerja Pimpinan": ["Layanan umum prima", "Laporan keuangan WTP"],
            "Jumlah Pegawai Terkait": [5, 5],
        }
    )


def sample_data(agency: Path) -> SummaryData:
    """The sample agency, its files under the ``agency`` folder."""
    return SummaryData(
        judul="Rekapitulasi SKP Dinas Contoh",
        periode=AKHIR,
        ringkasan=ringkasan_frame(),
        pegawai=pegawai_frame(agency),
        temuan=temuan_frame(agency),
        cascading=cascading_frame(),
    )


SUMMARY_NAME = "ringkasan dinas.xlsx"


def write_sample(folder: Path) -> Path:
    """Write the sample summary into ``folder``, beside the agency's (absent) files."""
    path = folder / SUMMARY_NAME
    write_summary(path, sample_data(folder))
    return path
