"""Read a filled SKP workbook into an :class:`~skp_xl.domain.records.SkpRecord`.

Through the defined names and the form descriptions, never through fixed addresses: a
table is found by the name of its body, its columns by their headers, its blocks by the
merged number cells (so rows inserted inside a block stay in it), and its sections by the
"B. TAMBAHAN" row. Sheets may be renamed or moved; other sheets are ignored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.records import (
    Evaluasi,
    EvaluasiHasilKerja,
    HasilKerja,
    Iki,
    Orang,
    RealisasiIki,
    Sel,
    SkpRecord,
)
from skp_xl.domain.vocabulary import (
    JenisHasilKerja,
    PeriodeEvaluasi,
    SiklusEvaluasi,
    normalize_jenis_jabatan,
    normalize_pendekatan,
    normalize_siklus,
)
from skp_xl.errors import NotAnSkpWorkbook
from skp_xl.forms.catalog import MANUAL_IKI_TABLE, PRO_RATA, SKP_TABLE, workbook_spec
from skp_xl.forms.model import (
    IDENTITAS_FIELDS,
    TEMPLATE_VERSION,
    TabelHasilKerja,
    TemplateId,
    eval_name,
    identity_name,
)
from skp_xl.reader import asing
from skp_xl.reader.snapshot import Snapshot, a1
from skp_xl.reader.tables import Columns, Table, columns_by_key, locate

KNOWN_TEMPLATES = frozenset(str(template) for template in TemplateId.all_skp())
"""Template ids this version reads."""
MATRIKS_TEMPLATE = str(TemplateId.matriks())
"""The Matriks Peran Hasil workbook's template id: an skp-xl workbook, but not an SKP."""


def _sel(snapshot: Snapshot, sheet: str, row: int, column: int) -> Sel:
    return Sel(snapshot.value(sheet, row, column), sheet, a1(row, column))


def _named(snapshot: Snapshot, name: str) -> Sel:
    found = snapshot.named(name)
    if found is None:
        return Sel(None, "", "")
    sheet, row, column = found
    return _sel(snapshot, sheet, row, column)


def _version_tuple(text: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in text.split("."))
    except ValueError:
        return ()


def versi_terbaca(version: Sel, path: str) -> tuple[int, ...]:
    """The template version of ``_meta`` as numbers, when this skp-xl reads it.

    Raises:
        NotAnSkpWorkbook: Not a version, or another major version (code
            ``templat-versi-tidak-dikenal``, at the version's cell).
    """
    ours, theirs = _version_tuple(TEMPLATE_VERSION), _version_tuple(version.teks)
    if not theirs or theirs[:1] != ours[:1]:
        raise NotAnSkpWorkbook(
            Finding(
                Code.TEMPLAT_VERSI_TIDAK_DIKENAL,
                Severity.ERROR,
                f"Versi templat '{version.teks}' pada '{path}' tidak dapat dibaca skp-xl "
                f"(versi {TEMPLATE_VERSION}); perbarui skp-xl.",
                version.sheet,
                version.cell,
                "META_TEMPLATE_VERSION",
                path,
            )
        )
    return theirs


def _check_template(snapshot: Snapshot, path: str) -> tuple[TemplateId, str, list[Finding]]:
    template = _named(snapshot, "META_TEMPLATE_ID")
    version = _named(snapshot, "META_TEMPLATE_VERSION")
    if template.kosong:
        look = asing.look_at_workbook(snapshot.titles, snapshot.grid)
        raise NotAnSkpWorkbook(
            Finding(Code.BUKAN_SKP_XL, Severity.ERROR, look.message(path), path=path)
        )
    parsed = TemplateId.parse(template.teks)
    if parsed is not None and parsed.is_matriks:
        raise NotAnSkpWorkbook(
            Finding(
                Code.BUKAN_SKP_MATRIKS,
                Severity.INFO,
                f"'{path}' adalah Matriks Peran Hasil, bukan SKP satu pegawai; tidak "
                "diperiksa sebagai SKP. Rencana hasil kerja di dalamnya dipakai untuk "
                "SKP bawahan.",
                template.sheet,
                template.cell,
                "META_TEMPLATE_ID",
                path,
            )
        )
    if parsed is None:
        raise NotAnSkpWorkbook(
            Finding(
                Code.TEMPLAT_TIDAK_DIKENAL,
                Severity.ERROR,
                f"Templat '{template.teks}' pada '{path}' tidak dikenal versi skp-xl ini; "
                "perbarui skp-xl atau pakai templat SKP.",
                template.sheet,
                template.cell,
                "META_TEMPLATE_ID",
                path,
            )
        )
    findings = []
    if versi_terbaca(version, path) > _version_tuple(TEMPLATE_VERSION):
        findings.append(
            Finding(
                Code.TEMPLAT_VERSI_LEBIH_BARU,
                Severity.WARNING,
                f"Templat versi {version.teks} lebih baru dari yang dikenal skp-xl "
                f"({TEMPLATE_VERSION}); isian baru mungkin terlewat. Perbarui skp-xl.",
                version.sheet,
                version.cell,
                "META_TEMPLATE_VERSION",
                path,
            )
        )
    return parsed, version.teks, findings


def siklus_evaluasi(snapshot: Snapshot) -> SiklusEvaluasi:
    """Whether the workbook evaluates every quarter or every month.

    ``_meta`` records it (``META_PERIODE_EVALUASI``, template 1.1); a 1.0 workbook has no
    such name and is quarterly. When the record is unreadable, the evaluation sheets'
    own names decide.
    """
    try:
        return normalize_siklus(_named(snapshot, "META_PERIODE_EVALUASI").value)
    except InvalidValueError:
        januari = eval_name(SiklusEvaluasi.BULANAN.periode[0], "HASIL_KERJA")
        return SiklusEvaluasi.BULANAN if januari in snapshot.names else SiklusEvaluasi.TRIWULANAN


def _optional(snapshot: Snapshot, table: Table, columns: Columns, key: str, row: int) -> Sel | None:
    column = columns.get(key)
    return None if column is None else _sel(snapshot, table.sheet, row, column)


_INPUTS: tuple[str, ...] = ("rhk", "rhk_pimpinan", "iki", "aspek", "perspektif")
_INPUTS += ("target_min", "target_maks", "satuan", "arah")
"""The SKP table's typed columns: a block with none of them filled is empty."""


def _block_empty(snapshot: Snapshot, table: Table, columns: Columns, rows: range) -> bool:
    typed = [columns[key] for key in _INPUTS if key in columns]
    return all(
        value is None for column in typed for value in snapshot.values(table.sheet, rows, column)
    )


def _hasil_kerja(snapshot: Snapshot, table: Table, form: TabelHasilKerja) -> Iterator[HasilKerja]:
    columns = columns_by_key(table, form)

    def optional(key: str, row: int) -> Sel | None:
        return _optional(snapshot, table, columns, key, row)

    for index in range(len(table.blocks)):
        jenis = JenisHasilKerja.UTAMA if index < table.utama else JenisHasilKerja.TAMBAHAN
        rows = table.rows(index)
        first, last = rows[0], rows[-1]
        if form.narasi:
            rhk = _sel(snapshot, table.sheet, first, 2)
            iki: tuple[Iki, ...] = (Iki(_sel(snapshot, table.sheet, min(first + 2, last), 2)),)
            yield HasilKerja(jenis, index, rhk, None, iki)
            continue
        rhk = optional("rhk", first) or Sel(None, table.sheet, a1(first, 2))
        if _block_empty(snapshot, table, columns, rows):
            # Nothing typed: no IKI rows to build (most blocks of a real SKP).
            yield HasilKerja(jenis, index, rhk, optional("rhk_pimpinan", first), ())
            continue
        iki = tuple(
            Iki(
                teks=optional("iki", row) or Sel(None, table.sheet, ""),
                aspek=optional("aspek", row),
                perspektif=optional("perspektif", row),
                target_min=optional("target_min", row),
                target_maks=optional("target_maks", row),
                satuan=optional("satuan", row),
                arah=optional("arah", row),
                target_teks=optional("target", row),
            )
            for row in rows
        )
        yield HasilKerja(jenis, index, rhk, optional("rhk_pimpinan", first), iki)


def _with_kendali(
    snapshot: Snapshot, hasil_kerja: tuple[HasilKerja, ...], form: TabelHasilKerja
) -> tuple[HasilKerja, ...]:
    """The hasil kerja with each IKI's kualitas dan tingkat kendali from the Manual IKI."""
    located = locate(snapshot, MANUAL_IKI_TABLE)
    columns = {} if located is None else columns_by_key(located, form)
    if located is None or "kualitas_kendali" not in columns:
        return hasil_kerja
    merged = []
    for index, hasil in zip(range(len(located.blocks)), hasil_kerja, strict=False):
        rows = located.rows(index)
        iki = (
            tuple(
                replace(i, kendali=_optional(snapshot, located, columns, "kualitas_kendali", row))
                for i, row in zip(hasil.iki, rows, strict=False)
            )
            + hasil.iki[len(rows) :]
        )
        merged.append(replace(hasil, iki=iki))
    return tuple(merged) + hasil_kerja[len(merged) :]


_UNFILLED = EvaluasiHasilKerja((), None, None, None)
"""The evaluation row of a hasil kerja the SKP leaves empty: nothing there can be judged."""


def _evaluasi_rows(
    snapshot: Snapshot, table: Table, form: TabelHasilKerja, filled: frozenset[int] | None
) -> Iterator[EvaluasiHasilKerja]:
    columns = columns_by_key(table, form)

    def optional(key: str, row: int) -> Sel | None:
        return _optional(snapshot, table, columns, key, row)

    typed = "realisasi_angka" not in columns
    for index in range(len(table.blocks)):
        if filled is not None and index not in filled:
            yield _UNFILLED
            continue
        rows = table.rows(index)
        realisasi = tuple(
            RealisasiIki(
                optional("realisasi_angka", row),
                optional("capaian", row),
                optional("target_periode", row),
            )
            for row in rows
        )
        yield EvaluasiHasilKerja(
            realisasi if not typed else (),
            optional("realisasi", rows[0]) if typed else None,
            optional("umpan_balik", rows[0]),
            optional("penilaian", rows[0]),
        )


def _evaluasi(
    snapshot: Snapshot,
    periode: PeriodeEvaluasi,
    table: TabelHasilKerja,
    filled: frozenset[int] | None = None,
) -> Evaluasi | None:
    located = locate(snapshot, eval_name(periode, "HASIL_KERJA"))
    rows = () if located is None else tuple(_evaluasi_rows(snapshot, located, table, filled))
    saran = snapshot.named(eval_name(periode, "SARAN_HASIL_KERJA"))
    return Evaluasi(
        periode,
        _named(snapshot, eval_name(periode, "CAPAIAN_ORGANISASI")),
        _named(snapshot, eval_name(periode, "RATING_HASIL_KERJA")),
        _named(snapshot, eval_name(periode, "RATING_PERILAKU")),
        _named(snapshot, eval_name(periode, "PREDIKAT")),
        None if saran is None else _sel(snapshot, *saran),
        rows,
    )


def _named_or_none(snapshot: Snapshot, name: str) -> Sel | None:
    """The cell of a defined name, or None when the workbook has no such name."""
    return None if snapshot.named(name) is None else _named(snapshot, name)


def _orang(snapshot: Snapshot, peran: str) -> Orang:
    return Orang(*(_named(snapshot, identity_name(peran, key)) for key in IDENTITAS_FIELDS))


def read_record(snapshot: Snapshot) -> tuple[SkpRecord, list[Finding]]:
    """Read one SKP workbook.

    Args:
        snapshot: The workbook's values and names.

    Returns:
        The record, and findings about the workbook itself (a newer template version, a
        table that could not be found).

    Raises:
        NotAnSkpWorkbook: Not an skp-xl SKP workbook, or a template this version cannot
            read; its ``finding`` says why.
    """
    path = snapshot.path
    template, version, findings = _check_template(snapshot, path)
    jenis_sel = _named(snapshot, "SKP_JENIS_JABATAN")
    pendekatan_sel = _named(snapshot, "SKP_PENDEKATAN")
    jenis = normalize_jenis_jabatan(jenis_sel.value or template.jenis)
    pendekatan = normalize_pendekatan(pendekatan_sel.value or template.pendekatan)
    spec = workbook_spec(jenis, pendekatan, siklus_evaluasi(snapshot))
    skp_form = spec.forms[0]
    assert skp_form.tabel is not None
    located = locate(snapshot, SKP_TABLE)
    hasil_kerja: tuple[HasilKerja, ...] = ()
    if located is None:
        findings.append(
            Finding(
                Code.TABEL_TIDAK_DITEMUKAN,
                Severity.ERROR,
                f"Tabel hasil kerja SKP (nama {SKP_TABLE}) tidak ditemukan; jangan hapus baris "
                "judul atau nama tabel, atau salin isian ke templat baru.",
                field=SKP_TABLE,
                path=path,
            )
        )
    else:
        hasil_kerja = tuple(_hasil_kerja(snapshot, located, skp_form.tabel))
        manual = next(
            (f.tabel for f in spec.forms if f.tabel and f.tabel.name == MANUAL_IKI_TABLE), None
        )
        if manual is not None:
            hasil_kerja = _with_kendali(snapshot, hasil_kerja, manual)
    # Evaluation rows of hasil kerja the SKP leaves empty are not read (when the SKP
    # table was found): their realisasi has no target to be judged against.
    filled = frozenset(h.indeks for h in hasil_kerja if h.terisi) if hasil_kerja else None
    evaluasi = {}
    for form in spec.forms:
        table = form.tabel
        if table is None or not table.name.startswith("EVAL_"):
            continue
        periode = PeriodeEvaluasi[table.name.split("_")[1]]
        found = _evaluasi(snapshot, periode, table, filled)
        if found is not None:
            evaluasi[periode] = found
    record = SkpRecord(
        path=path,
        template_id=str(template),
        template_version=version,
        jenis_jabatan=jenis,
        pendekatan=pendekatan,
        pegawai=_orang(snapshot, "PEGAWAI"),
        penilai=_orang(snapshot, "PENILAI"),
        atasan=_orang(snapshot, "ATASAN"),
        instansi=_named(snapshot, "SKP_INSTANSI"),
        tahun=_named(snapshot, "SKP_TAHUN"),
        hasil_kerja=hasil_kerja,
        evaluasi=evaluasi,
        dokumen_periode=_named(snapshot, "DOKUMEN_PERIODE"),
        umpan_balik_periode=_named(snapshot, "UMPAN_BALIK_PERIODE"),
        pro_rata=_named_or_none(snapshot, PRO_RATA.name),
    )
    return record, findings
