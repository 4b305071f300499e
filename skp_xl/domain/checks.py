"""Checks of a read SKP record: every problem a finding at its cell, with what to do.

Pure: records in, findings out. Severity follows the regulation: what makes the SKP or a
predikat wrong is an error; what the guides recommend (rules.md section 11), and label
variants that are read but not written canonically, are warnings.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.nip import parse_nip
from skp_xl.domain.pangkat import parse_golongan
from skp_xl.domain.quadrant import predikat
from skp_xl.domain.records import Evaluasi, HasilKerja, Iki, Orang, RealisasiIki, Sel, SkpRecord
from skp_xl.domain.suggestion import SaranRating, penilaian_hasil_kerja, saran_rating_hasil_kerja
from skp_xl.domain.targets import (
    Arah,
    Besaran,
    Target,
    TargetPeriode,
    TidakTerbaca,
    arah_aspek,
    format_angka,
    nilai_iki_periode,
    parse_realisasi,
    porsi_tahun,
    sifat_target,
    target_periode,
)
from skp_xl.domain.vocabulary import (
    ASPEK,
    CAPAIAN_ORGANISASI,
    KUALITAS_KENDALI,
    PERIODE_EVALUASI,
    PERSPEKTIF,
    PREDIKAT,
    RATING,
    JenisHasilKerja,
    JenisJabatan,
    KualitasKendali,
    Pendekatan,
    PeriodeEvaluasi,
    Perspektif,
    Predikat,
    Rating,
    Vocabulary,
    nip_penilai_wajib,
)

PERAN_NAMA = {
    "pegawai": "pegawai yang dinilai",
    "penilai": "pejabat penilai kinerja",
    "atasan": "atasan pejabat penilai kinerja",
}


def _at(
    sel: Sel, code: str, severity: Severity, message: str, field: str | None, path: str
) -> Finding:
    return Finding(code, severity, message, sel.sheet or None, sel.cell or None, field, path)


def _where(sel: Sel) -> str:
    return f"{sel.sheet}!{sel.cell}" if sel.sheet and sel.cell else "Identitas"


def _vocab(
    sel: Sel,
    vocabulary: Vocabulary[Any],
    field: str,
    path: str,
    findings: list[Finding],
    *,
    required: bool = False,
) -> object | None:
    """The canonical value of ``sel`` in ``vocabulary``, with findings for problems."""
    if sel.kosong:
        if required:
            findings.append(
                _at(
                    sel,
                    f"{vocabulary.kode}-kosong",
                    Severity.ERROR,
                    f"{vocabulary.nama.capitalize()} di {_where(sel)} belum diisi; "
                    f"pilih dari daftar.",
                    field,
                    path,
                )
            )
        return None
    try:
        value: object = vocabulary.normalize(sel.teks)
    except InvalidValueError as error:
        findings.append(
            _at(sel, error.code, Severity.ERROR, f"{_where(sel)}: {error.message}", field, path)
        )
        return None
    if not vocabulary.is_canonical(sel.teks):
        findings.append(
            _at(
                sel,
                Code.LABEL_VARIAN,
                Severity.WARNING,
                f"{_where(sel)}: '{sel.teks}' dibaca sebagai '{value}'; pilih "
                f"'{value}' dari daftar.",
                field,
                path,
            )
        )
    return value


def _orang(
    orang: Orang,
    peran: str,
    prefix: str,
    path: str,
    *,
    nip_wajib: bool,
    today: datetime.date | None,
) -> Iterator[Finding]:
    nama = PERAN_NAMA[peran]
    fields = [
        ("nama", orang.nama),
        ("jabatan", orang.jabatan),
        ("unit_kerja", orang.unit_kerja),
    ]
    # Whoever has no NIP (a minister rating a JPT) has no pangkat either.
    if nip_wajib:
        fields.append(("pangkat", orang.pangkat))
    for key, sel in fields:
        if sel.kosong:
            label = key.replace("_", " ")
            yield _at(
                sel,
                Code.IDENTITAS_KOSONG,
                Severity.ERROR,
                f"{label.capitalize()} {nama} ({_where(sel)}) belum diisi; isi di sheet Identitas.",
                f"{prefix}_{key.upper()}",
                path,
            )
    if not orang.pangkat.kosong:
        try:
            parse_golongan(orang.pangkat.value)
        except InvalidValueError as error:
            yield _at(
                orang.pangkat,
                error.code,
                Severity.ERROR,
                f"Pangkat {nama} ({_where(orang.pangkat)}): {error.message}",
                f"{prefix}_PANGKAT",
                path,
            )
    if orang.nip.kosong:
        if nip_wajib:
            yield _at(
                orang.nip,
                Code.NIP_KOSONG,
                Severity.ERROR,
                f"NIP {nama} ({_where(orang.nip)}) belum diisi; tulis 18 digit sebagai teks.",
                f"{prefix}_NIP",
                path,
            )
        return
    try:
        parse_nip(orang.nip.value, today=today)
    except InvalidValueError as error:
        yield _at(
            orang.nip,
            error.code,
            Severity.ERROR,
            f"NIP {nama} ({_where(orang.nip)}): {error.message}",
            f"{prefix}_NIP",
            path,
        )


def _nip_text(sel: Sel) -> str:
    return "".join(sel.teks.split()).lstrip("'")


def check_identitas(
    record: SkpRecord,
    *,
    today: datetime.date | None = None,
    tahun_rentang: tuple[int, int] | None = None,
) -> list[Finding]:
    """Required identity, NIPs (structure, Excel corruption, same person twice), pangkat;
    the year within ``tahun_rentang`` (``settings.TAHUN_MIN``, ``TAHUN_MAX``) when given."""
    path = record.path
    findings = list(_orang(record.pegawai, "pegawai", "PEGAWAI", path, nip_wajib=True, today=today))
    findings += _orang(
        record.penilai,
        "penilai",
        "PENILAI",
        path,
        nip_wajib=nip_penilai_wajib(record.jenis_jabatan),
        today=today,
    )
    if not record.pegawai.nip.kosong and _nip_text(record.pegawai.nip) == _nip_text(
        record.penilai.nip
    ):
        findings.append(
            _at(
                record.penilai.nip,
                Code.NIP_PENILAI_SAMA,
                Severity.ERROR,
                "NIP pejabat penilai sama dengan NIP pegawai yang dinilai; pejabat "
                "penilai adalah atasan langsung (atau pejabat yang ditetapkan).",
                "PENILAI_NIP",
                path,
            )
        )
    findings += _atasan(record, today)
    if tahun_rentang is not None:
        findings += _tahun(record.tahun, tahun_rentang, path)
    for sel, name, label in (
        (record.instansi, "SKP_INSTANSI", "Nama instansi"),
        (record.tahun, "SKP_TAHUN", "Tahun SKP"),
    ):
        if sel.kosong:
            findings.append(
                _at(
                    sel,
                    Code.IDENTITAS_KOSONG,
                    Severity.ERROR,
                    f"{label} ({_where(sel)}) belum diisi; isi di sheet Identitas.",
                    name,
                    path,
                )
            )
    return findings


def _atasan(record: SkpRecord, today: datetime.date | None) -> Iterator[Finding]:
    """The atasan pejabat penilai's NIP and pangkat, checked as the penilai's when filled.

    Never required (the form prints the atasan only on the Dokumen Evaluasi, and a
    bupati or minister has no NIP); a NIP that is the pegawai's or the penilai's is an
    error, like the penilai's.
    """
    for finding in _orang(
        record.atasan, "atasan", "ATASAN", record.path, nip_wajib=False, today=today
    ):
        if finding.code != Code.IDENTITAS_KOSONG:
            yield finding
    nip = _nip_text(record.atasan.nip)
    for orang, peran in ((record.pegawai, "pegawai"), (record.penilai, "penilai")):
        if nip and nip == _nip_text(orang.nip):
            yield _at(
                record.atasan.nip,
                Code.NIP_ATASAN_SAMA,
                Severity.ERROR,
                f"NIP atasan pejabat penilai ({_where(record.atasan.nip)}) sama dengan NIP "
                f"{PERAN_NAMA[peran]} ({_where(orang.nip)}); tulis NIP atasan dari pejabat "
                "penilai, atau kosongkan bila tidak ada.",
                "ATASAN_NIP",
                record.path,
            )
            return


def _tahun(sel: Sel, rentang: tuple[int, int], path: str) -> Iterator[Finding]:
    """The SKP year: a whole number in ``rentang`` (Excel's validation stops only typing)."""
    if sel.kosong:
        return
    low, high = rentang
    value = sel.value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return
    yield _at(
        sel,
        Code.TAHUN_TIDAK_VALID,
        Severity.ERROR,
        f"Tahun SKP di {_where(sel)} berisi '{sel.teks}'; tulis tahun penilaian sebagai "
        f"angka antara {low} dan {high}, mis. {low + 3}.",
        "SKP_TAHUN",
        path,
    )


def check_dokumen(record: SkpRecord) -> list[Finding]:
    """The periods the Dokumen Evaluasi and the Umpan Balik show: one of the workbook's own
    evaluation periods, or the Dokumen's capaian and predikat stay blank on the document
    that decides the tunjangan kinerja (a month in a quarterly workbook is as blank as
    "Semester 1": there is no such evaluation sheet)."""
    findings: list[Finding] = []
    for sel, field, what in (
        (record.dokumen_periode, "DOKUMEN_PERIODE", "Periode Dokumen Evaluasi"),
        (record.umpan_balik_periode, "UMPAN_BALIK_PERIODE", "Periode Umpan Balik Berkala"),
    ):
        findings.extend(_periode_lembar(record, sel, field, what))
    return findings


def _periode_lembar(record: SkpRecord, sel: Sel, field: str, what: str) -> list[Finding]:
    if sel.kosong:
        return []
    own = sorted(record.evaluasi, key=lambda p: p.urutan) or list(PeriodeEvaluasi)
    try:
        periode = PERIODE_EVALUASI.normalize(sel.teks)
    except InvalidValueError:
        periode = None
    if periode is None or periode not in own:
        akibat = (
            "capaian kinerja organisasi dan predikat pada dokumen menjadi kosong"
            if field == "DOKUMEN_PERIODE"
            else "tidak jelas periode mana yang diberi umpan balik"
        )
        bukan = (
            "bukan periode evaluasi" if periode is None else "bukan periode evaluasi buku kerja ini"
        )
        return [
            _at(
                sel,
                Code.PERIODE_TIDAK_DIKENAL,
                Severity.ERROR,
                f"{what} di {_where(sel)} berisi '{sel.teks}', yang {bukan}; {akibat}. "
                f"Pilih dari daftar: {', '.join(p.value for p in own)}.",
                field,
                record.path,
            )
        ]
    findings: list[Finding] = []
    _vocab(sel, PERIODE_EVALUASI, field, record.path, findings)
    return findings


def _realisasi_teks(sel: Sel, target: Target, field: str, path: str) -> Finding:
    """A realisasi typed as text: the workbook's formulas cannot judge it (they show "?")."""
    read = parse_realisasi(sel.value)
    if isinstance(read, Besaran):
        satuan = (
            f"; satuannya ('{target.satuan}') sudah di kolom Satuan SKP" if target.satuan else ""
        )
        what = f"ketik angkanya saja: {format_angka(read.nilai)}{satuan}"
    else:
        what = "ketik angka realisasi saja, mis. 18 atau 2,5; satuannya di kolom Satuan SKP"
    return _at(
        sel,
        Code.REALISASI_BUKAN_ANGKA,
        Severity.ERROR,
        f"Realisasi di {_where(sel)} berisi teks '{sel.teks}', sehingga Capaian IKI tidak "
        f"dapat dihitung (tampil '?'); {what}.",
        field,
        path,
    )


def _number(sel: Sel | None) -> Decimal | None:
    if sel is None or sel.kosong:
        return None
    if isinstance(sel.value, bool):
        return None
    if isinstance(sel.value, int | float):
        return Decimal(str(sel.value))
    try:
        return Decimal(sel.teks.replace(",", "."))
    except ArithmeticError:
        return None


def target_of(iki: Iki) -> Target | None:
    """The target of a kuantitatif IKI from its inputs, or None when not a number."""
    low = _number(iki.target_min)
    if low is None:
        return None
    high = _number(iki.target_maks)
    satuan = iki.satuan.teks.lower() if iki.satuan is not None else ""
    return Target(low, high if high is not None else low, satuan)


def target_periode_of(
    record: SkpRecord, iki: Iki, target: Target, real: RealisasiIki, periode: PeriodeEvaluasi
) -> TargetPeriode | None:
    """The target an IKI's realisasi of ``periode`` is judged against (rules.md section
    5); None when the trajectory target typed is not a number."""
    trajectory = None
    if real.target_periode is not None and not real.target_periode.kosong:
        trajectory = _number(real.target_periode)
        if trajectory is None:
            return None
    satuan = iki.satuan.teks if iki.satuan is not None else ""
    return target_periode(
        target,
        porsi_tahun(periode),
        sifat=sifat_target(iki.aspek_baku, satuan),
        trajectory=trajectory,
        pro_rata=record.pro_rata_aktif,
    )


def arah_of(iki: Iki) -> Arah:
    """The direction of an IKI: the explicit choice, else the aspek's usual one."""
    if iki.arah is not None and not iki.arah.kosong:
        for arah in Arah:
            if arah.value.lower() == iki.arah.teks.lower():
                return arah
    aspek = iki.aspek_baku
    return arah_aspek(aspek) if aspek is not None else Arah.NAIK


def _check_iki(record: SkpRecord, hasil: HasilKerja, iki: Iki, findings: list[Finding]) -> None:
    path = record.path
    kuantitatif = record.pendekatan is Pendekatan.KUANTITATIF
    if iki.teks.kosong:
        findings.append(
            _at(
                iki.teks,
                Code.IKI_KOSONG,
                Severity.ERROR,
                f"Indikator kinerja individu di {_where(iki.teks)} belum diisi.",
                "SKP_HASIL_KERJA",
                path,
            )
        )
    if not kuantitatif:
        return
    if iki.aspek is not None:
        _vocab(iki.aspek, ASPEK, "SKP_HASIL_KERJA", path, findings, required=True)
    if iki.perspektif is not None:
        _vocab(iki.perspektif, PERSPEKTIF, "SKP_HASIL_KERJA", path, findings, required=True)
    if iki.target_min is None:
        return
    target = target_of(iki)
    if target is None:
        code = Code.TARGET_KOSONG if iki.target_min.kosong else Code.TARGET_BUKAN_ANGKA
        findings.append(
            _at(
                iki.target_min,
                code,
                Severity.ERROR,
                f"Target di {_where(iki.target_min)} harus angka (isian bantu "
                "'Target (angka)'); satuan di kolom Satuan.",
                "SKP_HASIL_KERJA",
                path,
            )
        )
        return
    if (
        iki.target_maks is not None
        and not iki.target_maks.kosong
        and (_number(iki.target_maks) is None or target.maksimum < target.minimum)
    ):
        findings.append(
            _at(
                iki.target_maks,
                Code.TARGET_RENTANG_TERBALIK,
                Severity.ERROR,
                f"Batas atas target di {_where(iki.target_maks)} harus angka yang "
                "tidak lebih kecil dari target.",
                "SKP_HASIL_KERJA",
                path,
            )
        )
    if iki.satuan is not None and iki.satuan.kosong:
        findings.append(
            _at(
                iki.satuan,
                Code.SATUAN_KOSONG,
                Severity.WARNING,
                f"Satuan target di {_where(iki.satuan)} belum diisi (mis. dokumen, %, hari).",
                "SKP_HASIL_KERJA",
                path,
            )
        )
    absolute = target.minimum == target.maksimum and (
        (target.satuan == "%" and target.minimum == 100)
        or (arah_of(iki) is Arah.TURUN and target.minimum == 0)
    )
    if absolute:
        findings.append(
            _at(
                iki.target_min,
                Code.TARGET_MUTLAK,
                Severity.WARNING,
                f"Target di {_where(iki.target_min)} mutlak (tanpa toleransi); "
                "panduan meminta ruang kesalahan kecuali menyangkut nyawa, cedera, "
                "keamanan nasional atau kerugian besar, mis. '95 - 100%'.",
                "SKP_HASIL_KERJA",
                path,
            )
        )


KENDALI_JPT = frozenset(
    {
        KualitasKendali.OUTCOME,
        KualitasKendali.OUTCOME_ANTARA,
        KualitasKendali.OUTPUT_KENDALI_RENDAH,
    }
)
"""Kualitas dan tingkat kendali a JPT's rencana hasil kerja may have (rules.md section 11)."""


def _check_kendali(record: SkpRecord, iki: Iki, findings: list[Finding]) -> None:
    """A JPT's IKI: its Manual IKI row names an outcome or an output of low control."""
    sel = iki.kendali
    if record.jenis_jabatan is not JenisJabatan.JPT or sel is None:
        return
    if sel.kosong:
        findings.append(
            _at(
                sel,
                Code.KENDALI_KOSONG,
                Severity.WARNING,
                f"Kualitas dan tingkat kendali di {_where(sel)} (Manual IKI) belum diisi; "
                "pilih Outcome, Outcome Antara atau Output Kendali Rendah.",
                "MANUAL_IKI",
                record.path,
            )
        )
        return
    value = _vocab(sel, KUALITAS_KENDALI, "MANUAL_IKI", record.path, findings)
    if value is not None and value not in KENDALI_JPT:
        findings.append(
            _at(
                sel,
                Code.KENDALI_TIDAK_SESUAI,
                Severity.WARNING,
                f"{_where(sel)}: hasil kerja JPT sebaiknya berupa outcome, outcome antara "
                f"atau output kendali rendah, bukan '{value}'; tinjau kembali rencana hasil "
                "kerjanya.",
                "MANUAL_IKI",
                record.path,
            )
        )


MAKS_RHK = 250
"""Characters a rencana hasil kerja (and the leader's) may have in a kuantitatif SKP, and
a hasil kerja in a kualitatif one."""
MAKS_IKI = 150
"""Characters an IKI may have: the evaluation sheets copy it by formula, and a row never
grows for such text, so its rows are built tall enough for this many (docs/print.md)."""
MAKS_UKURAN = 250
"""Characters the ukuran keberhasilan of a kualitatif hasil kerja may have (indicators and
targets in one text); the hasil kerja itself holds ``MAKS_RHK``."""


def check_panjang(record: SkpRecord) -> list[Finding]:
    """Texts longer than the SKP's caps, which the copying forms' rows cannot show whole.

    The SKP's data validation holds these caps while typing; a pasted text skips Excel's
    validation (and a workbook from elsewhere may have none), so the reader says it.
    """
    kualitatif = record.pendekatan is Pendekatan.KUALITATIF
    cells: list[tuple[Sel, int, str]] = []
    for hasil in record.hasil_kerja_terisi:
        cells.append((hasil.rhk, MAKS_RHK, "Hasil kerja" if kualitatif else "Rencana hasil kerja"))
        if hasil.rhk_pimpinan is not None:
            cells.append((hasil.rhk_pimpinan, MAKS_RHK, "Rencana hasil kerja pimpinan"))
        for iki in hasil.iki:
            if kualitatif:
                cells.append((iki.teks, MAKS_UKURAN, "Ukuran keberhasilan"))
            else:
                cells.append((iki.teks, MAKS_IKI, "IKI"))
    findings: list[Finding] = []
    for sel, maks, nama in cells:
        panjang = len(sel.teks)
        if panjang > maks:
            findings.append(
                _at(
                    sel,
                    Code.TEKS_TERLALU_PANJANG,
                    Severity.WARNING,
                    f"{nama} di {_where(sel)} panjangnya {panjang} karakter, melebihi batas "
                    f"{maks}: lembar evaluasi, Umpan Balik dan Manual IKI yang menyalinnya "
                    f"tidak dapat menampilkannya utuh saat dicetak (teks yang ditempel "
                    f"melewati pemeriksaan isian Excel). Persingkat menjadi paling banyak "
                    f"{maks} karakter.",
                    "SKP_HASIL_KERJA",
                    record.path,
                )
            )
    return findings


def check_rencana(record: SkpRecord) -> list[Finding]:
    """The SKP plan: at least one hasil kerja utama; each with IKI and target; cascading
    and appropriateness (rules.md section 11)."""
    path = record.path
    findings: list[Finding] = []
    filled = record.hasil_kerja_terisi
    if not any(h.jenis is JenisHasilKerja.UTAMA for h in filled):
        first = next((h.rhk for h in record.hasil_kerja), Sel(None, "SKP", ""))
        findings.append(
            _at(
                first,
                Code.HASIL_KERJA_UTAMA_KOSONG,
                Severity.ERROR,
                "SKP belum memuat hasil kerja utama; isi minimal satu pada bagian A. UTAMA.",
                "SKP_HASIL_KERJA",
                path,
            )
        )
    ja_jf_kuantitatif = (
        record.pendekatan is Pendekatan.KUANTITATIF and record.jenis_jabatan is not JenisJabatan.JPT
    )
    perspektif: set[Perspektif] = set()
    for hasil in filled:
        if hasil.rhk.kosong:
            findings.append(
                _at(
                    hasil.rhk,
                    Code.RENCANA_HASIL_KERJA_KOSONG,
                    Severity.ERROR,
                    f"Rencana hasil kerja di {_where(hasil.rhk)} belum diisi, "
                    "padahal indikatornya sudah.",
                    "SKP_HASIL_KERJA",
                    path,
                )
            )
        if ja_jf_kuantitatif and hasil.rhk_pimpinan is not None and hasil.rhk_pimpinan.kosong:
            findings.append(
                _at(
                    hasil.rhk_pimpinan,
                    Code.RHK_PIMPINAN_KOSONG,
                    Severity.WARNING,
                    f"Rencana hasil kerja pimpinan yang diintervensi di "
                    f"{_where(hasil.rhk_pimpinan)} belum diisi; tulis hasil kerja "
                    "atasan yang didukung (lihat matriks peran hasil).",
                    "SKP_HASIL_KERJA",
                    path,
                )
            )
        rows = [i for i in hasil.iki if i.terisi]
        if not rows:
            first_iki = hasil.iki[0].teks if hasil.iki else hasil.rhk
            findings.append(
                _at(
                    first_iki,
                    Code.IKI_KOSONG,
                    Severity.ERROR,
                    f"Rencana hasil kerja di {_where(hasil.rhk)} belum memiliki "
                    "indikator kinerja individu dan target.",
                    "SKP_HASIL_KERJA",
                    path,
                )
            )
        for iki in rows:
            _check_iki(record, hasil, iki, findings)
            _check_kendali(record, iki, findings)
            if iki.perspektif_baku is not None:
                perspektif.add(iki.perspektif_baku)
    jpt_kuantitatif = record.jenis_jabatan is JenisJabatan.JPT and (
        record.pendekatan is Pendekatan.KUANTITATIF
    )
    if jpt_kuantitatif and filled:
        missing = [p.value for p in Perspektif if p not in perspektif]
        if missing:
            findings.append(
                Finding(
                    Code.PERSPEKTIF_TIDAK_LENGKAP,
                    Severity.WARNING,
                    "IKI JPT sebaiknya mencakup keempat perspektif; belum ada: "
                    + ", ".join(missing)
                    + ".",
                    filled[0].rhk.sheet or None,
                    None,
                    "SKP_HASIL_KERJA",
                    path,
                )
            )
    return findings


def penilaian_terhitung(
    record: SkpRecord, evaluasi: Evaluasi
) -> list[tuple[JenisHasilKerja, Rating]]:
    """(jenis, judgement) of each judged hasil kerja of a period, computed in Python:
    from the realisasi (kuantitatif) or as typed (kualitatif)."""
    return _judge(record, evaluasi, rated=False, field="")[0]


Dasar = tuple[HasilKerja, Sel | None, list[tuple[Iki, Sel, Rating]]]
"""What a judged hasil kerja rests on: itself, its penilaian cell, and its judged IKI (each
with its realisasi cell), in the order of the judgements."""


def _judge(
    record: SkpRecord,
    evaluasi: Evaluasi,
    *,
    rated: bool,
    field: str,
    dasar: list[Dasar] | None = None,
) -> tuple[list[tuple[JenisHasilKerja, Rating]], list[Finding]]:
    """The judgements of a period, and the findings met on the way (kuantitatif): per IKI
    a missing realisasi in a rated period, a realisasi typed as text, and cached
    judgements (Capaian IKI, Penilaian hasil kerja) that differ from Python's. ``dasar``,
    when given, receives what each judgement rests on."""
    judged: list[tuple[JenisHasilKerja, Rating]] = []
    findings: list[Finding] = []
    for hasil, row in zip(record.hasil_kerja, evaluasi.hasil_kerja, strict=False):
        if record.pendekatan is not Pendekatan.KUANTITATIF:
            if row.penilaian is not None and not row.penilaian.kosong:
                with contextlib.suppress(InvalidValueError):
                    judged.append((hasil.jenis, RATING.normalize(row.penilaian.teks)))
                    if dasar is not None:
                        dasar.append((hasil, row.penilaian, []))
            continue
        ratings = []
        rated_iki: list[tuple[Iki, Sel, Rating]] = []
        for iki, real in zip(hasil.iki, row.realisasi, strict=False):
            target = target_of(iki)
            if target is None or real.angka is None:
                continue
            if isinstance(real.angka.value, str) and not real.angka.kosong:
                # Even "93" as text: the workbook's formulas judge numbers only.
                findings.append(_realisasi_teks(real.angka, target, field, record.path))
                continue
            angka = _number(real.angka)
            if angka is None:
                if rated and real.angka.kosong and not hasil.rhk.kosong:
                    findings.append(
                        _at(
                            real.angka,
                            Code.REALISASI_IKI_KOSONG,
                            Severity.WARNING,
                            f"Realisasi IKI di {_where(real.angka)} belum diisi, padahal "
                            f"{evaluasi.periode.value} sudah diberi rating; isi realisasi "
                            "berdasarkan bukti dukung.",
                            field,
                            record.path,
                        )
                    )
                continue
            periode = target_periode_of(record, iki, target, real, evaluasi.periode)
            if periode is None:
                if real.target_periode is not None:
                    findings.append(
                        _at(
                            real.target_periode,
                            Code.TARGET_PERIODE_BUKAN_ANGKA,
                            Severity.ERROR,
                            f"Target periode di {_where(real.target_periode)} harus angka "
                            f"(mis. 5 untuk '5 {target.satuan or 'dokumen'}'), atau "
                            "dikosongkan.",
                            field,
                            record.path,
                        )
                    )
                continue
            result = nilai_iki_periode(periode, Besaran(angka, target.satuan), arah_of(iki))
            if isinstance(result, TidakTerbaca):
                continue
            if not isinstance(result, Rating):  # progres: shown, not judged
                findings.extend(
                    _check_cached(
                        real.capaian_tersimpan,
                        result,
                        Code.CAPAIAN_IKI_TIDAK_SESUAI,
                        "Capaian IKI",
                        field,
                        record.path,
                    )
                )
                continue
            ratings.append(result)
            rated_iki.append((iki, real.angka, result))
            pecahan = _persen_pecahan(real.angka, angka, periode.target, field, record.path)
            if pecahan is not None:
                findings.append(pecahan)
            findings.extend(
                _check_cached(
                    real.capaian_tersimpan,
                    result.value,
                    Code.CAPAIAN_IKI_TIDAK_SESUAI,
                    "Capaian IKI",
                    field,
                    record.path,
                )
            )
        if ratings:
            judgement = penilaian_hasil_kerja(ratings)
            judged.append((hasil.jenis, judgement))
            if dasar is not None:
                dasar.append((hasil, row.penilaian, rated_iki))
            findings.extend(
                _check_cached(
                    row.penilaian,
                    judgement.value,
                    Code.PENILAIAN_TIDAK_SESUAI,
                    "Penilaian hasil kerja",
                    field,
                    record.path,
                )
            )
    return judged, findings


def _persen_pecahan(
    sel: Sel, angka: Decimal, target: Target | None, field: str, path: str
) -> Finding | None:
    """A percentage realisasi typed with its % sign into a number cell.

    Excel and LibreOffice store "93%" typed into a cell as 0.93. Against a target written
    in whole percent (90 %), that reads as far below it. The judgement stays as the
    workbook's formulas make it (they see 0.93 too); the warning says what happened.
    """
    if target is None or target.satuan != "%" or target.minimum < 2 or not 0 < angka <= 1:
        return None
    persen = format_angka(angka * 100)
    return _at(
        sel,
        Code.REALISASI_PERSEN_PECAHAN,
        Severity.WARNING,
        f"Realisasi di {_where(sel)} bernilai {format_angka(angka)} padahal targetnya "
        f"{format_angka(target.minimum)} %: bila maksudnya {persen} %, Excel menyimpannya "
        f"sebagai {format_angka(angka)} karena diketik dengan tanda %. Ketik {persen} saja "
        "(tanpa tanda %).",
        field,
        path,
    )


def _check_cached(
    sel: Sel | None, expected: str, code: str, what: str, field: str, path: str
) -> Iterator[Finding]:
    """A formula's stored result that differs from Python's: overwritten or edited."""
    if sel is None or not sel.sheet:
        return
    stored = sel.teks
    if stored and stored != expected:
        yield _at(
            sel,
            code,
            Severity.ERROR,
            f"{what} di {_where(sel)} berisi '{stored}', padahal menurut aturan "
            f"'{expected or '(kosong)'}'; rumusnya tertimpa atau diubah. Salin ulang "
            "rumus dari templat.",
            field,
            path,
        )


def check_evaluasi(record: SkpRecord, periode: PeriodeEvaluasi | None = None) -> list[Finding]:
    """Each evaluated period: ratings, capaian, realisasi, predikat and suggestion."""
    path = record.path
    findings: list[Finding] = []
    if periode is not None and record.evaluasi and periode not in record.evaluasi:
        # The reader lists every period of the workbook's cycle, rated or not.
        ada = ", ".join(p.value for p in record.evaluasi)
        findings.append(
            Finding(
                Code.PERIODE_TIDAK_ADA,
                Severity.WARNING,
                f"Periode {periode.value} tidak ada di buku kerja ini (periode evaluasinya: "
                f"{ada}); tidak ada evaluasi yang diperiksa. Pilih salah satu periode itu.",
                path=path,
            )
        )
    for current, evaluasi in record.evaluasi.items():
        if periode is not None and current is not periode:
            continue
        if not evaluasi.dinilai:
            continue
        kode = current.kode
        _vocab(
            evaluasi.capaian_organisasi,
            CAPAIAN_ORGANISASI,
            f"EVAL_{kode}_CAPAIAN_ORGANISASI",
            path,
            findings,
        )
        hasil = _vocab(
            evaluasi.rating_hasil_kerja, RATING, f"EVAL_{kode}_RATING_HASIL_KERJA", path, findings
        )
        perilaku = _vocab(
            evaluasi.rating_perilaku, RATING, f"EVAL_{kode}_RATING_PERILAKU", path, findings
        )
        rated = not (evaluasi.rating_hasil_kerja.kosong and evaluasi.rating_perilaku.kosong)
        if rated:
            for sel, name, label in (
                (evaluasi.rating_hasil_kerja, "RATING_HASIL_KERJA", "Rating hasil kerja"),
                (evaluasi.rating_perilaku, "RATING_PERILAKU", "Rating perilaku kerja"),
            ):
                if sel.kosong:
                    findings.append(
                        _at(
                            sel,
                            Code.RATING_KOSONG,
                            Severity.ERROR,
                            f"{label} {current.value} ({_where(sel)}) belum diisi; "
                            "predikat tidak dapat ditetapkan.",
                            f"EVAL_{kode}_{name}",
                            path,
                        )
                    )
            if evaluasi.capaian_organisasi.kosong:
                findings.append(
                    _at(
                        evaluasi.capaian_organisasi,
                        Code.CAPAIAN_ORGANISASI_KOSONG,
                        Severity.WARNING,
                        f"Capaian kinerja organisasi {current.value} "
                        f"({_where(evaluasi.capaian_organisasi)}) belum diisi; pola "
                        "distribusi tidak dapat dibandingkan.",
                        f"EVAL_{kode}_CAPAIAN_ORGANISASI",
                        path,
                    )
                )
        dasar: list[Dasar] = []
        judged, judging = _judge(
            record, evaluasi, rated=rated, field=f"EVAL_{kode}_HASIL_KERJA", dasar=dasar
        )
        findings.extend(judging)
        if rated and not judged and record.hasil_kerja_terisi:
            findings.append(
                Finding(
                    Code.REALISASI_KOSONG,
                    Severity.WARNING,
                    f"{current.value} sudah diberi rating tetapi belum ada "
                    "realisasi/penilaian hasil kerja yang terisi; isi realisasi "
                    "berdasarkan bukti dukung.",
                    evaluasi.rating_hasil_kerja.sheet,
                    None,
                    f"EVAL_{kode}_HASIL_KERJA",
                    path,
                )
            )
        expected = ""
        if isinstance(hasil, Rating) and isinstance(perilaku, Rating):
            expected = predikat(hasil, perilaku).value
        stored = evaluasi.predikat_tersimpan
        if stored.teks and expected and stored.teks != expected:
            try:
                same = PREDIKAT.normalize(stored.teks) is Predikat(expected)
            except InvalidValueError:
                same = False
            if not same:
                findings.extend(
                    _check_cached(
                        stored,
                        expected,
                        Code.PREDIKAT_TIDAK_SESUAI,
                        "Predikat kinerja",
                        f"EVAL_{kode}_PREDIKAT",
                        path,
                    )
                )
        saran = None
        penentu = ""
        if any(j is JenisHasilKerja.UTAMA for j, _ in judged):
            suggested = saran_rating_hasil_kerja(judged)
            saran = suggested.rating
            penentu = _penentu(suggested, judged, dasar)
        findings.extend(
            _check_cached(
                evaluasi.saran_tersimpan,
                saran.value if saran is not None else "",
                Code.SARAN_TIDAK_SESUAI,
                "Saran rating hasil kerja",
                f"EVAL_{kode}_SARAN_HASIL_KERJA",
                path,
            )
        )
        if saran is not None and isinstance(hasil, Rating) and hasil is not saran:
            findings.append(
                _at(
                    evaluasi.rating_hasil_kerja,
                    Code.RATING_BERBEDA_SARAN,
                    Severity.WARNING,
                    f"Rating hasil kerja {current.value} '{hasil}' berbeda dengan "
                    f"saran '{saran}' dari penilaian tiap hasil kerja{penentu}; pastikan "
                    "alasannya tercatat (keputusan tetap pada pejabat penilai).",
                    f"EVAL_{kode}_RATING_HASIL_KERJA",
                    path,
                )
            )
    return findings


def _pendek(sel: Sel, batas: int = 60) -> str:
    text = " ".join(sel.teks.split())
    return text if len(text) <= batas else text[: batas - 1].rstrip() + "…"


def _penentu(
    saran: SaranRating, judged: list[tuple[JenisHasilKerja, Rating]], dasar: list[Dasar]
) -> str:
    """The hasil kerja (and, kuantitatif, their IKI) that drove ``saran``, for a message:
    ": 2 dari 3 hasil kerja utama dibawah ekspektasi ..., yaitu 'X' (SKP!C18) dengan IKI
    'Y' (realisasi di Evaluasi TW1!J23); ..."."""
    if len(dasar) != len(judged):  # pragma: no cover - _judge fills both together
        return ""
    parts = []
    for index in saran.penentu[:3]:
        hasil, penilaian, iki = dasar[index]
        rating = judged[index][1]
        text = f"'{_pendek(hasil.rhk)}' ({_where(hasil.rhk)}"
        if penilaian is not None and penilaian.sheet and not iki:
            text += f", penilaian di {_where(penilaian)}"
        text += ")"
        driving = [(i, sel) for i, sel, r in iki if r is rating and rating is not Rating.SESUAI]
        if driving:
            text += " dengan IKI " + ", ".join(
                f"'{_pendek(i.teks)}' (realisasi di {_where(sel)})" for i, sel in driving[:3]
            )
        parts.append(text)
    more = len(saran.penentu) - len(parts)
    if more > 0:
        parts.append(f"dan {more} hasil kerja lainnya")
    if not parts:  # pragma: no cover - every suggestion has its drivers
        return ""
    return f": {saran.alasan.rstrip('.')}, yaitu " + "; ".join(parts)


def check_record(
    record: SkpRecord,
    *,
    periode: PeriodeEvaluasi | None = None,
    today: datetime.date | None = None,
    tahun_rentang: tuple[int, int] | None = None,
) -> list[Finding]:
    """Every check of one SKP workbook's record; ``tahun_rentang`` as in
    :func:`check_identitas`."""
    return [
        *check_identitas(record, today=today, tahun_rentang=tahun_rentang),
        *check_rencana(record),
        *check_panjang(record),
        *check_evaluasi(record, periode),
        *check_dokumen(record),
    ]
