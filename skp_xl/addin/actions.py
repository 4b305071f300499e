"""What each button of the SKP ribbon tab does, over the :class:`~skp_xl.addin.book.Book`
interface, so the same function runs on the workbook open in Excel and on a file.

Every action reads through the one reading path (a snapshot of the book), changes the book
through its interface, calls :meth:`~skp_xl.addin.book.Book.commit`, and returns a
:class:`Hasil` whose message is what the person sees. A request that cannot be met raises
:class:`~skp_xl.errors.AddinError` with an Indonesian message; :mod:`skp_xl.addin.ribbon`
shows it.

    >>> from skp_xl.addin.filebook import FileBook
    >>> hasil = periksa(FileBook.open(Path("skp.xlsx")))  # doctest: +SKIP
"""

from __future__ import annotations

import datetime
import os
import platform
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from skp_xl import __version__
from skp_xl.addin import logs
from skp_xl.addin.book import Book, Link, free_path
from skp_xl.domain.checks import penilaian_terhitung
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.records import SkpRecord
from skp_xl.domain.rekap import judul_periode
from skp_xl.domain.suggestion import saran_rating_hasil_kerja
from skp_xl.domain.vocabulary import (
    JenisHasilKerja,
    Pendekatan,
    PeriodeEvaluasi,
    Rating,
    compact,
    normalize_rating,
)
from skp_xl.errors import AddinError, NotAMatriks, NotAnSkpWorkbook
from skp_xl.forms.catalog import SKP_TABLE
from skp_xl.forms.model import TEMPLATE_VERSION, eval_name
from skp_xl.reader.matriks import baca_matriks, cell_text
from skp_xl.reader.read import read_record
from skp_xl.reader.snapshot import Snapshot, a1
from skp_xl.reader.tables import locate
from skp_xl.validation import check_snapshot
from skp_xl.workbook.bawahan import tulis_skp_bawahan
from skp_xl.workbook.laporan import TEMUAN_SHEET

if TYPE_CHECKING:
    from skp_xl.batch.masukan import Opsi

KONSOLIDASI_FOLDER = "KONSOLIDASI_FOLDER"
"""Optional defined name of a cell holding the folder Konsolidasi Folder reads."""
BAWAHAN_SHEET = "SKP Bawahan"
"""The sheet Buat SKP Bawahan lists the subordinates' workbooks on, in the matriks."""
BAWAHAN_FOLDER = "SKP Bawahan"
"""The folder, beside the matriks, the subordinates' workbooks are written to."""
NOT_PRINTED = ("Petunjuk", "Identitas", BAWAHAN_SHEET)
"""Visible sheets Ekspor PDF leaves out by default: they are not forms."""


@dataclass(frozen=True)
class Hasil:
    """What an action did, for the person who pressed the button.

    Attributes:
        judul: The action's name, the message box title.
        pesan: What happened and what to do next, in Indonesian.
        berkas: Files the action wrote.
        temuan: The findings, for Periksa.
    """

    judul: str
    pesan: str
    berkas: tuple[Path, ...] = ()
    temuan: tuple[Finding, ...] = field(default=(), repr=False)


def _snapshot(book: Book) -> Snapshot:
    return Snapshot(book.label, book)


def _record(snapshot: Snapshot) -> SkpRecord:
    """The SKP record of a book, or an :class:`AddinError` saying why it is not one."""
    try:
        record, _ = read_record(snapshot)
    except NotAnSkpWorkbook as error:
        raise AddinError(error.finding.message) from error
    return record


# Periksa ---------------------------------------------------------------------------------------


def periksa(
    book: Book, *, periode: PeriodeEvaluasi | None = None, today: datetime.date | None = None
) -> Hasil:
    """Check the workbook and mark what is wrong in it (the add-in's ``skp-xl validate``).

    The findings are listed on a Temuan sheet whose Sel column links to each cell; the
    cells are coloured and carry a note. The marks of the previous run are taken off
    first, so pressing again after a fix shows what is left.

    Args:
        book: The SKP workbook.
        periode: Check only this period's evaluation.
        today: The date NIPs are judged against (today by default).

    Raises:
        AddinError: The workbook is not an skp-xl SKP (a Matriks Peran Hasil says so).
    """
    record, findings = check_snapshot(_snapshot(book), periode=periode, today=today)
    if record is None:
        # Not an SKP (a Matriks Peran Hasil says so): nothing to mark.
        raise AddinError(findings[0].message)
    sheet, cells = book.annotate(findings, title=Path(book.label).name)
    book.commit()
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    if not findings:
        pesan = "Tidak ada temuan: isian SKP lengkap dan sesuai aturan."
    else:
        verdict = "Ada galat yang harus diperbaiki" if errors else "Tidak ada galat"
        pesan = (
            f"{verdict}: {errors} galat, {len(findings) - errors} catatan; {cells} sel "
            f"diwarnai. Daftarnya di sheet '{sheet}', klik kolom Sel untuk menuju selnya, "
            "lalu tekan Periksa lagi setelah memperbaiki."
        )
    return Hasil("Periksa", pesan, temuan=tuple(findings))


# Saran Rating ----------------------------------------------------------------------------------


def saran_rating(book: Book) -> Hasil:
    """Put skp-xl's suggested rating hasil kerja beside the workbook's, for each period.

    The workbook's own suggestion is a formula (``EVAL_<P>_SARAN_HASIL_KERJA``); this
    computes it again from the per-hasil-kerja judgements with the rules of
    :mod:`skp_xl.domain.suggestion`, writes it in the helper cell right of that formula
    (and the counts behind it in the next cell), and reports where the chosen rating, or
    the formula's cached result, differs. A period with nothing to judge gets its helper
    cells emptied.

    Raises:
        AddinError: The workbook is not an skp-xl SKP.
    """
    snapshot = _snapshot(book)
    record = _record(snapshot)
    lines = []
    for periode, evaluasi in record.evaluasi.items():
        where = snapshot.named(eval_name(periode, "SARAN_HASIL_KERJA"))
        if where is None:
            continue
        sheet, row, column = where
        saran_cell, alasan_cell = a1(row, column + 1), a1(row, column + 2)
        judged = penilaian_terhitung(record, evaluasi)
        if not any(jenis is JenisHasilKerja.UTAMA for jenis, _ in judged):
            for offset in (1, 2):
                if snapshot.value(sheet, row, column + offset) is not None:
                    book.write(sheet, a1(row, column + offset), None)
            if not evaluasi.rating_hasil_kerja.kosong:
                lines.append(
                    f"{periode.value}: saran belum dapat dihitung; isi dulu realisasi atau "
                    "penilaian hasil kerja utama."
                )
            continue
        saran = saran_rating_hasil_kerja(judged)
        book.write(sheet, saran_cell, saran.rating.value)
        book.write(sheet, alasan_cell, saran.alasan)
        line = f"{periode.value}: saran {saran.rating.value} ({saran.alasan})"
        chosen = _rating(evaluasi.rating_hasil_kerja.value)
        if chosen is None:
            line += " Rating hasil kerja belum dipilih."
        elif chosen is saran.rating:
            line += f" Rating dipilih {chosen.value}: sama."
        else:
            line += (
                f" Rating dipilih {chosen.value}: BERBEDA; pastikan alasannya tercatat "
                "(keputusan tetap pada pejabat penilai)."
            )
        stored = evaluasi.saran_tersimpan
        if stored is not None and stored.teks and stored.teks != saran.rating.value:
            line += (
                f" Sel saran {stored.sheet}!{stored.cell} berisi '{stored.teks}': rumusnya "
                "tertimpa atau belum dihitung ulang."
            )
        lines.append(line)
    book.commit()
    if not lines:
        return Hasil("Saran Rating", "Belum ada periode yang dinilai: tidak ada saran rating.")
    return Hasil("Saran Rating", "\n".join(lines))


def _rating(value: object) -> Rating | None:
    try:
        return normalize_rating(value)
    except InvalidValueError:
        return None


# Tambah Hasil Kerja / Tambah IKI ---------------------------------------------------------------


def _section_of_selection(book: Book, snapshot: Snapshot) -> str:
    """Tambahan when the active cell is in the SKP table's B. TAMBAHAN part, else Utama."""
    chosen = book.selection()
    table = locate(snapshot, SKP_TABLE)
    if chosen is None or table is None or chosen[0] != table.sheet:
        return "Utama"
    row = int(re.sub(r"[^0-9]", "", chosen[1]) or 0)
    if table.tambahan_row is not None and row >= table.tambahan_row:
        return "Tambahan"
    return "Utama"


_GROWN_NOTE = (
    "Rumus, daftar pilihan, nama sel dan proteksi dibuat baru seperti templat; semua isian "
    "ikut disalin. Warna, catatan sel dan sheet buatan sendiri tidak ikut."
)


def tambah_hasil_kerja(book: Book, *, jenis: str | None = None) -> Hasil:
    """Add one hasil kerja block at the end of the Utama (or Tambahan) section.

    The evaluation, umpan balik and manual IKI sheets get the matching rows. The workbook
    is rebuilt from its form descriptions with one block more and every input copied over
    (openpyxl cannot insert rows keeping names, validations and formulas, and live
    insertion would leave the evaluation rows pointing at the wrong SKP rows). On a file
    the file is rewritten; in Excel the workbook is saved and the grown copy opened.

    Args:
        book: The SKP workbook.
        jenis: "Utama" or "Tambahan"; by default, the section of the active cell.
    """
    snapshot = _snapshot(book)
    _record(snapshot)
    section = jenis or _section_of_selection(book, snapshot)
    tambahan = compact(section).endswith("tambahan")
    path = book.grow(utama=0 if tambahan else 1, tambahan=1 if tambahan else 0)
    book.commit()
    label = "tambahan" if tambahan else "utama"
    return Hasil(
        "Tambah Hasil Kerja",
        f"Satu baris hasil kerja {label} ditambahkan di akhir bagian hasil kerja {label}, "
        f"juga pada sheet evaluasi dan umpan balik: {path}. {_GROWN_NOTE}",
        berkas=(path,),
    )


def tambah_iki(book: Book) -> Hasil:
    """Add one IKI row to every hasil kerja (kuantitatif SKP), the same way as
    :func:`tambah_hasil_kerja` adds a block."""
    snapshot = _snapshot(book)
    _record(snapshot)
    path = book.grow(iki=1)
    book.commit()
    return Hasil(
        "Tambah IKI",
        f"Setiap hasil kerja kini punya satu baris IKI lagi (juga pada sheet evaluasi): "
        f"{path}. {_GROWN_NOTE}",
        berkas=(path,),
    )


# Ekspor PDF --------------------------------------------------------------------------------------


def forms_to_print(book: Book, snapshot: Snapshot) -> list[str]:
    """The visible form sheets, without evaluation sheets of periods nothing is filled in.

    Hide a sheet to leave it out.
    """
    skipped = set(NOT_PRINTED)
    try:
        record, _ = read_record(snapshot)
    except NotAnSkpWorkbook:
        record = None
    if record is not None:
        for periode, evaluasi in record.evaluasi.items():
            table = snapshot.names.get(eval_name(periode, "HASIL_KERJA"))
            if table is not None and not evaluasi.dinilai:
                skipped.add(table.sheet)
    return [
        title
        for title, visible in book.sheets()
        if visible and title not in skipped and not title.startswith(TEMUAN_SHEET)
    ]


def ekspor_pdf(
    book: Book, *, sheets: Sequence[str] | None = None, path: Path | None = None
) -> Hasil:
    """Print the workbook's forms to one PDF beside it (A4, as each form is set up).

    Args:
        book: The workbook.
        sheets: The sheets to print; by default :func:`forms_to_print`.
        path: The PDF; by default the workbook's name with ``.pdf``.

    Raises:
        AddinError: The workbook was never saved (no folder to write to), no sheet is left
            to print, or nothing can print here.
    """
    snapshot = _snapshot(book)
    chosen = list(sheets) if sheets is not None else forms_to_print(book, snapshot)
    if not chosen:
        raise AddinError("Tidak ada sheet formulir yang terlihat untuk dicetak.")
    if path is None:
        if book.path is None:
            raise AddinError("Simpan buku kerja ini dulu (File > Simpan), lalu ulangi.")
        path = book.path.with_suffix(".pdf")
    book.status(f"Mencetak {len(chosen)} sheet ke PDF...")
    written = book.export_pdf(path, chosen)
    book.status("")
    return Hasil(
        "Ekspor PDF",
        f"{len(chosen)} formulir dicetak ke {written}: {', '.join(chosen)}. Sembunyikan "
        "sheet yang tidak ingin dicetak, lalu ulangi.",
        berkas=(written,),
    )


# Buat SKP Bawahan --------------------------------------------------------------------------------


def buat_skp_bawahan(
    book: Book, *, folder: Path | None = None, pendekatan: Pendekatan = Pendekatan.KUANTITATIF
) -> Hasil:
    """Create or refresh each subordinate's SKP workbook from a filled Matriks Peran Hasil.

    Each subordinate (a row with a NAMA and at least one peran) gets a workbook with the
    identity filled (the leader as pejabat penilai, the instansi, unit kerja, year and
    period) and each peran as a rencana hasil kerja utama, with the leader's IKI (or the
    ketua tim's rencana hasil kerja) above that column as the "rencana hasil kerja
    pimpinan yang diintervensi". A workbook that exists already is refreshed: identity
    updated, new roles added to empty blocks, nothing typed overwritten. The workbooks are
    listed, with links, on a sheet of the matriks.

    Args:
        book: The matriks workbook.
        folder: Where the workbooks go; ``SKP Bawahan`` beside the matriks by default.
        pendekatan: Pendekatan of new workbooks (kuantitatif by default); jenis is JF when
            the jabatan names a JF jenjang, else JA.

    Raises:
        AddinError: Not a matriks, never saved (no folder), or no subordinate has a role.
    """
    snapshot = _snapshot(book)
    try:
        identitas, people = baca_matriks(snapshot)
    except NotAMatriks as error:
        raise AddinError(str(error)) from error
    if not people:
        raise AddinError(
            "Belum ada pegawai yang diberi peran hasil pada matriks: isi NAMA dan peran hasil "
            "setiap pegawai, lalu ulangi."
        )
    if folder is None:
        if book.path is None:
            raise AddinError("Simpan matriks ini dulu (File > Simpan), lalu ulangi.")
        folder = book.path.parent / BAWAHAN_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[list[object]] = [
        ["No", "Nama", "NIP", "Jabatan", "Jenis", "Rencana hasil kerja", "Berkas", "Keterangan"]
    ]
    links: dict[tuple[int, int], Link] = {}
    written: list[Path] = []
    for number, person in enumerate(people, start=1):
        book.status(f"SKP bawahan {number} dari {len(people)}: {person.nama}")
        made = tulis_skp_bawahan(folder, person, identitas, pendekatan=pendekatan)
        path, added, present = made.path, made.ditulis, made.sudah_ada
        status = "dibuat" if made.dibuat else "diperbarui"
        written.append(path)
        left = len(person.peran) - added - present
        notes = [f"{added} rencana hasil kerja ditulis, {present} sudah ada"]
        if left:
            notes.append(f"{left} tidak muat: tambah baris hasil kerja lalu ulangi")
        rows.append(
            [
                number,
                person.nama,
                person.nip,
                person.jabatan,
                f"{person.jenis.value} {pendekatan.value.lower()}",
                len(person.peran),
                path.name,
                f"{status}; " + "; ".join(notes + person.catatan),
            ]
        )
        shown = os.path.relpath(path, book.path.parent) if book.path else str(path)
        links[number + 1, 7] = Link(file=Path(shown).as_posix())
    book.replace_sheet(BAWAHAN_SHEET, rows, links=links)
    book.commit()
    book.status("")
    return Hasil(
        "Buat SKP Bawahan",
        f"{len(written)} SKP bawahan ditulis di {folder}; daftarnya, dengan tautan, di sheet "
        f"'{BAWAHAN_SHEET}'. Bagikan setiap berkas kepada pegawainya untuk dilengkapi (IKI "
        "dan target).",
        berkas=tuple(written),
    )


# Konsolidasi Folder ------------------------------------------------------------------------------


def konsolidasi_folder(
    book: Book,
    *,
    folder: Path | None = None,
    output: Path | None = None,
    opsi: Opsi | None = None,
) -> Hasil:
    """Consolidate every SKP workbook under a folder into a summary workbook, and open it.

    The folder is, in this order: ``folder``; the path in the cell named
    ``KONSOLIDASI_FOLDER`` of this workbook; this workbook's folder. The summary (as
    ``skp-xl consolidate`` writes it) goes beside that folder, not into it, so the next
    run does not read it as an SKP.

    Raises:
        AddinError: No folder can be found, or it does not exist.
    """
    # Imported here, not at the top: without the UDF server every click is a new Python,
    # and these pull pandas' schemas (pandera, pydantic) and the summary writer, about
    # half a second no other button needs (benchmarks/bench_addin_start.py).
    from skp_xl.batch.gudang import GudangGagal
    from skp_xl.batch.konsolidasi import Opsi, konsolidasi
    from skp_xl.batch.sampah import arrow_sistem, bekukan, gc_batch
    from skp_xl.summary.workbook import write_summary

    snapshot = _snapshot(book)
    if folder is None:
        where = snapshot.named(KONSOLIDASI_FOLDER)
        named = cell_text(snapshot.value(*where)) if where is not None else ""
        if named:
            folder = Path(named)
        elif book.path is not None:
            folder = book.path.parent
        else:
            raise AddinError(
                "Folder instansi tidak diketahui: simpan buku kerja ini di folder instansi, "
                f"atau tulis letak foldernya di sel bernama {KONSOLIDASI_FOLDER}."
            )
    if not folder.is_dir():
        raise AddinError(f"Folder '{folder}' tidak ada atau bukan folder.")
    book.status(f"Membaca SKP di {folder}...")
    # As the command runs (both undone after: Excel's Python lives on).
    with gc_batch(), arrow_sistem():
        try:
            result = konsolidasi(folder, opsi or Opsi())
        except GudangGagal as error:  # the user's disk, not skp-xl's fault
            raise AddinError(error.pesan) from error
        bekukan()
        periode = judul_periode(result.periode) if result.periode else "-"
        data = result.summary_data()
        if output is None:
            home = folder.parent if folder.parent != folder else folder
            stamp = datetime.datetime.now().strftime("%Y-%m-%d %H%M")
            output = free_path(home / f"Rekap SKP {folder.name} {stamp}.xlsx")
        write_summary(output, data, force=True)
    book.status("")
    book.open_other(output)
    read = result.jumlah_skp
    return Hasil(
        "Konsolidasi Folder",
        f"{len(result.hasil)} berkas dibaca: {read} SKP, {len(result.masalah)} bermasalah, "
        f"{len(result.catatan)} dilewati; periode {periode}. Ringkasan ditulis ke {output}.",
        berkas=(output,),
    )


# Tentang ----------------------------------------------------------------------------------------


def tentang(book: Book) -> Hasil:
    """Versions (skp-xl, the workbook's template, xlwings, Python) and where the log is."""
    import xlwings

    snapshot = _snapshot(book)
    lines = [
        f"skp-xl {__version__}: SKP PermenPANRB 6/2022 di Excel.",
        f"Templat yang dikenal: versi {TEMPLATE_VERSION}.",
    ]
    template, version = snapshot.named("META_TEMPLATE_ID"), snapshot.named("META_TEMPLATE_VERSION")
    if template is not None and version is not None:
        lines.append(
            f"Buku kerja ini: templat {cell_text(snapshot.value(*template))} versi "
            f"{cell_text(snapshot.value(*version))}."
        )
    else:
        lines.append("Buku kerja ini bukan buku kerja skp-xl.")
    lines += [
        f"xlwings {xlwings.__version__}, Python {platform.python_version()}.",
        f"Log: {logs.log_path()}",
    ]
    return Hasil("Tentang skp-xl", "\n".join(lines))


__all__ = [
    "BAWAHAN_SHEET",
    "KONSOLIDASI_FOLDER",
    "Hasil",
    "buat_skp_bawahan",
    "ekspor_pdf",
    "forms_to_print",
    "konsolidasi_folder",
    "periksa",
    "saran_rating",
    "tambah_hasil_kerja",
    "tambah_iki",
    "tentang",
]
