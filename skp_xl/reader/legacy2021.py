"""Read a PermenPANRB 8/2021 SKP workbook (``skp2021-*``) into an
:class:`~skp_xl.domain.records.SkpRecord` with its
:class:`~skp_xl.domain.legacy2021.Lampiran2021`.

The same path as :mod:`skp_xl.reader.read`: tables by the defined names of their bodies,
columns by their headers (matched to :mod:`skp_xl.forms.legacy2021`), blocks by the
merged column A. A table whose name points at a sheet that is gone, or whose header row
lost a column the form needs, is a finding with its sheet and cell, not an exception.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.legacy2021 import Lampiran2021, ManualIki2021, Rencana2021, VerifikasiAk
from skp_xl.domain.records import HasilKerja, Orang, Sel, SkpRecord
from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.errors import NotAnSkpWorkbook
from skp_xl.forms.legacy2021 import (
    JENIS_KINERJA_UTAMA_PILIHAN,
    MANUAL_IK_2021_TABLE,
    MANUAL_IK_SEJAK,
    PENGELOLA,
    PENYELARASAN_PILIHAN,
    REVIU_2021_TABLE,
    SKP_2021_TABLE,
    TEMPLATE_VERSION_2021,
    TIM_AK,
    VERIFIKASI_AK_TABLE,
    VERIFIKASI_PILIHAN,
    TemplateId2021,
    manual_ik_form_2021,
    reviu_form_2021,
    skp_table_2021,
    verifikasi_form,
)
from skp_xl.forms.model import IDENTITAS_FIELDS, TabelHasilKerja, identity_name
from skp_xl.reader.names import DefinedRange, parse_target
from skp_xl.reader.read import _hasil_kerja, _sel, versi_terbaca
from skp_xl.reader.snapshot import Snapshot, a1
from skp_xl.reader.tables import Columns, Table, columns_by_key, locate

__all__ = ["is_2021", "read_record_2021"]


def _named(snapshot: Snapshot, name: str) -> Sel:
    found = snapshot.named(name)
    if found is None or (snapshot.titles and found[0] not in snapshot.titles):
        return Sel(None, "", "")
    return _sel(snapshot, *found)


def is_2021(snapshot: Snapshot) -> bool:
    """Whether ``_meta`` names an 8/2021 template (``skp2021-...``)."""
    found = snapshot.named("META_TEMPLATE_ID")
    if found is None or (snapshot.titles and found[0] not in snapshot.titles):
        return False
    value = snapshot.value(*found)
    return isinstance(value, str) and value.startswith(TemplateId2021.PREFIX)


def _template(snapshot: Snapshot, path: str) -> tuple[TemplateId2021, str, tuple[int, ...]]:
    template = _named(snapshot, "META_TEMPLATE_ID")
    parsed = TemplateId2021.parse(template.teks)
    if parsed is None:
        raise NotAnSkpWorkbook(
            Finding(
                Code.TEMPLAT_TIDAK_DIKENAL,
                Severity.ERROR,
                f"Templat '{template.teks}' pada '{path}' tidak dikenal versi skp-xl ini; "
                "perbarui skp-xl atau buat ulang dengan skp-xl new --regulasi 8/2021.",
                template.sheet,
                template.cell,
                "META_TEMPLATE_ID",
                path,
            )
        )
    version = _named(snapshot, "META_TEMPLATE_VERSION")
    return parsed, version.teks, versi_terbaca(version, path)


def _lost(snapshot: Snapshot, name: str) -> DefinedRange | None:
    """Where ``name`` pointed when the triage skipped it for naming a sheet that is gone
    (renamed by a tool that leaves the names behind), so the finding can say where."""
    index = getattr(snapshot.engine, "index", None)
    for skipped in getattr(index, "skipped", ()):
        if skipped.name == name and (target := parse_target(skipped.text)) is not None:
            return DefinedRange(name, *target)
    return None


def _table(
    snapshot: Snapshot, name: str, form: TabelHasilKerja, what: str, findings: list[Finding]
) -> tuple[Table, Columns] | None:
    """The table ``name`` and its columns, or None with a finding saying where it broke."""
    path = snapshot.path
    body = snapshot.names.get(name) or _lost(snapshot, name)
    if body is None or body.sheet not in (snapshot.titles or (body.sheet,)):
        gone = "" if body is None else f" (menunjuk ke sheet '{body.sheet}' yang tidak ada)"
        findings.append(
            Finding(
                Code.TABEL_TIDAK_DITEMUKAN,
                Severity.ERROR,
                f"Tabel {what} (nama {name}) tidak ditemukan{gone}; jangan hapus atau ganti "
                "nama sheet dan baris judulnya dengan alat selain Excel/LibreOffice, atau "
                "salin isian ke templat baru (skp-xl new --regulasi 8/2021).",
                None if body is None else body.sheet,
                None if body is None else a1(body.min_row, body.min_col),
                name,
                path,
            )
        )
        return None
    located = locate(snapshot, name)
    if located is None:
        return None
    columns = columns_by_key(located, form)
    missing = [k.judul for k in form.kolom if k.cetak and k.key != "no" and k.key not in columns]
    if missing:
        findings.append(
            Finding(
                Code.TABEL_TIDAK_DITEMUKAN,
                Severity.ERROR,
                f"Tabel {what}: kolom {', '.join(missing)} tidak ditemukan di baris judul "
                f"{located.sheet}!{a1(located.header_row, 1)} (baris tepat di atas "
                f"{a1(located.top, 1)}); kembalikan baris judul yang terhapus atau terpindah.",
                located.sheet,
                a1(located.header_row, 1),
                name,
                path,
            )
        )
    return located, columns


def _rows(snapshot: Snapshot, table: Table, column: int | None, block: int) -> tuple[Sel, ...]:
    if column is None:
        return ()
    return tuple(_sel(snapshot, table.sheet, row, column) for row in table.rows(block))


def _first(snapshot: Snapshot, table: Table, column: int | None, block: int) -> Sel | None:
    if column is None:
        return None
    return _sel(snapshot, table.sheet, table.rows(block)[0], column)


def _manual(
    snapshot: Snapshot, found: tuple[Table, Columns], index: int, rencana: Rencana2021
) -> Rencana2021:
    """``rencana`` with its block of the Manual IK 2021 (JPT)."""
    table, columns = found
    if index >= len(table.blocks):
        return rencana
    rows = [
        _rows(snapshot, table, columns.get(key), index)
        for key in ("iki", "definisi", "formula", "tujuan")
    ]
    return replace(
        rencana,
        deskripsi=_first(snapshot, table, columns.get("deskripsi"), index),
        manual=tuple(ManualIki2021(*cells) for cells in zip(*rows, strict=False)),
    )


def _rencana(
    snapshot: Snapshot,
    skp: tuple[Table, Columns] | None,
    reviu: tuple[Table, Columns] | None,
    manual: tuple[Table, Columns] | None = None,
) -> Iterator[Rencana2021]:
    blocks = 0 if skp is None else len(skp[0].blocks)
    for index in range(blocks):
        assert skp is not None
        table, columns = skp
        rencana = Rencana2021(
            index,
            kategori=_rows(snapshot, table, columns.get("kategori"), index),
            standar=_rows(snapshot, table, columns.get("standar"), index),
            level_tersimpan=_first(snapshot, table, columns.get("level_kategori"), index),
            sumber_data=_first(snapshot, table, columns.get("sumber_data"), index),
        )
        if reviu is not None and index < len(reviu[0].blocks):
            r_table, r_columns = reviu
            rencana = replace(
                rencana,
                reviu_jenis=_first(snapshot, r_table, r_columns.get("jenis_reviu"), index),
                reviu_catatan=_first(snapshot, r_table, r_columns.get("catatan"), index),
            )
        if manual is not None:
            rencana = _manual(snapshot, manual, index, rencana)
        yield rencana


def _verifikasi(snapshot: Snapshot, found: tuple[Table, Columns]) -> Iterator[VerifikasiAk]:
    table, columns = found
    for index in range(len(table.blocks)):
        rencana = _first(snapshot, table, columns.get("rhk"), index)
        verdict = _first(snapshot, table, columns.get("verifikasi"), index)
        rekomendasi = _first(snapshot, table, columns.get("rekomendasi"), index)
        butir = _rows(snapshot, table, columns.get("butir"), index)
        if verdict is None or rekomendasi is None or rencana is None:
            continue
        if verdict.kosong and rekomendasi.kosong and all(b.kosong for b in butir):
            continue  # a rencana kinerja the Tim Penilai has not reached
        yield VerifikasiAk(
            index,
            rencana,
            butir,
            _rows(snapshot, table, columns.get("output"), index),
            _rows(snapshot, table, columns.get("angka_kredit"), index),
            verdict,
            rekomendasi,
        )


def _perspektif_per_rencana(hasil: HasilKerja) -> HasilKerja:
    """8/2021 prints one perspektif per rencana kinerja (merged over its rows): only the
    first IKI row carries it."""
    iki = tuple(i if n == 0 else replace(i, perspektif=None) for n, i in enumerate(hasil.iki))
    return replace(hasil, iki=iki)


def read_record_2021(snapshot: Snapshot) -> tuple[SkpRecord, list[Finding]]:
    """Read one 8/2021 SKP workbook.

    Returns:
        The record (``template_id`` ``skp2021-...``, ``lampiran_2021`` set) and findings
        about the workbook itself (a table or a column that could not be found).

    Raises:
        NotAnSkpWorkbook: An 8/2021 template id or version this skp-xl does not know.
    """
    path = snapshot.path
    template, version, versi = _template(snapshot, path)
    jenis, model = template.jenis, template.model
    findings: list[Finding] = []
    if versi > tuple(int(part) for part in TEMPLATE_VERSION_2021.split(".")):
        where = _named(snapshot, "META_TEMPLATE_VERSION")
        findings.append(
            Finding(
                Code.TEMPLAT_VERSI_LEBIH_BARU,
                Severity.WARNING,
                f"Templat 8/2021 versi {version} lebih baru dari yang dikenal skp-xl "
                f"({TEMPLATE_VERSION_2021}); isian baru mungkin terlewat. Perbarui skp-xl.",
                where.sheet,
                where.cell,
                "META_TEMPLATE_VERSION",
                path,
            )
        )
    skp_form = skp_table_2021(jenis, model)
    skp = _table(snapshot, SKP_2021_TABLE, skp_form, "rencana kinerja SKP", findings)
    hasil_kerja: tuple[HasilKerja, ...] = ()
    if skp is not None:
        hasil_kerja = tuple(
            _perspektif_per_rencana(h) for h in _hasil_kerja(snapshot, skp[0], skp_form)
        )
    reviu_table = reviu_form_2021(jenis, model).tabel
    assert reviu_table is not None
    reviu = _table(snapshot, REVIU_2021_TABLE, reviu_table, "Reviu Rencana SKP", findings)
    manual: tuple[Table, Columns] | None = None
    # A JPT workbook written before the Manual IK 2021 sheet existed lacks it by design:
    # its absence is no finding then; from that version on it is a table gone missing.
    if jenis is JenisJabatan.JPT and (
        versi >= MANUAL_IK_SEJAK or MANUAL_IK_2021_TABLE in snapshot.names
    ):
        manual_table = manual_ik_form_2021(model).tabel
        assert manual_table is not None
        manual = _table(
            snapshot, MANUAL_IK_2021_TABLE, manual_table, "Manual Indikator Kinerja", findings
        )
    verifikasi: tuple[VerifikasiAk, ...] = ()
    if jenis is JenisJabatan.JF:
        ak_table = verifikasi_form(model).tabel
        assert ak_table is not None
        found = _table(snapshot, VERIFIKASI_AK_TABLE, ak_table, "Verifikasi AK", findings)
        if found is not None:
            verifikasi = tuple(_verifikasi(snapshot, found))
    lampiran = Lampiran2021(
        model=model.value,
        regulasi=_named(snapshot, "SKP_REGULASI"),
        rencana=tuple(_rencana(snapshot, skp, reviu, manual)),
        verifikasi=verifikasi,
        pilihan_reviu=(
            JENIS_KINERJA_UTAMA_PILIHAN if jenis is JenisJabatan.JPT else PENYELARASAN_PILIHAN
        ),
        pilihan_verifikasi=VERIFIKASI_PILIHAN,
        nip_penanda_tangan=tuple(
            (who, _named(snapshot, f"{prefix}_NIP"))
            for who, prefix in (
                ("pengelola kinerja", PENGELOLA),
                ("tim penilai angka kredit", TIM_AK),
            )
            if snapshot.named(f"{prefix}_NIP") is not None
        ),
    )

    def orang(peran: str) -> Orang:
        return Orang(*(_named(snapshot, identity_name(peran, key)) for key in IDENTITAS_FIELDS))

    record = SkpRecord(
        path=path,
        template_id=str(template),
        template_version=version,
        jenis_jabatan=jenis,
        pendekatan=Pendekatan.KUANTITATIF,
        pegawai=orang("PEGAWAI"),
        penilai=orang("PENILAI"),
        atasan=orang("ATASAN"),
        instansi=_named(snapshot, "SKP_INSTANSI"),
        tahun=_named(snapshot, "SKP_TAHUN"),
        hasil_kerja=hasil_kerja,
        lampiran_2021=lampiran,
    )
    return record, findings
