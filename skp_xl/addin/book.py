"""The workbook a ribbon action works on: one small interface, a file engine and a live one.

:class:`Book` is everything the actions of :mod:`skp_xl.addin.actions` need: it reads as a
reader engine (:class:`~skp_xl.reader.snapshot.Engine`, so the one reading path applies),
writes cells, marks findings, lists a result on a sheet, makes room for another hasil
kerja or IKI, exports PDF, and talks to the person who pressed the button.

:class:`FileBook` is an .xlsx file through openpyxl, for Python, tests and batch use.
:class:`LiveBook` is the workbook open in Excel, through xlwings' documented ``Book`` API
(Windows and macOS). Both mark findings the same way and record what they changed in the
same hidden sheet (:mod:`skp_xl.workbook.laporan`), so either can take off what the other
marked.
"""

from __future__ import annotations

import contextlib
import copy
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Final, Protocol
from xml.etree.ElementTree import ParseError, fromstring, tostring

from openpyxl import Workbook, load_workbook
from openpyxl.styles import PatternFill
from openpyxl.styles.fills import Fill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from skp_xl.addin.logs import logger
from skp_xl.domain.errors import SkpError
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.vocabulary import normalize_jenis_jabatan, normalize_pendekatan
from skp_xl.fileio import atomic_output
from skp_xl.forms.catalog import SKP_TABLE, workbook_spec
from skp_xl.forms.model import TabelHasilKerja, WorkbookSpec
from skp_xl.reader.names import DefinedRange, parse_target, read_defined_names
from skp_xl.reader.read import KNOWN_TEMPLATES
from skp_xl.reader.snapshot import CalamineEngine, Engine
from skp_xl.reader.triage import triage
from skp_xl.settings import MAX_ROWS, SOFFICE_ENV, SOFFICE_TIMEOUT
from skp_xl.workbook import fill
from skp_xl.workbook.laporan import (
    AUTHOR,
    CELL_FILL,
    HEADERS,
    RECORD_HEADERS,
    RECORD_SHEET,
    ROW_FILL,
    TINGKAT,
    WIDTHS,
    annotate,
    free_title,
    heading,
    location,
    sort_findings,
    worst_cells,
)
from skp_xl.workbook.writer import Options, build_workbook

RGB = tuple[int, int, int]

_SOFFICE_PLACES: Final = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)


class AddinError(SkpError):
    """An action cannot be done; the Indonesian message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Link:
    """Where a cell of a listed sheet leads: another file, a place in this workbook, or both.

    Attributes:
        file: A file path, relative to the workbook's folder or absolute.
        location: A place in that file (or this workbook), ``'Sheet'!A1``.
    """

    file: str | None = None
    location: str | None = None


class Book(Engine, Protocol):
    """What the ribbon actions need of a workbook; see the module docstring.

    Cells are addressed ``(sheet, "A1")``. Reading goes through the :class:`Engine`
    methods (``names``, ``rows``, ``merged``), into a :class:`~skp_xl.reader.snapshot.Snapshot`.
    """

    @property
    def interactive(self) -> bool:
        """True when a person watches in Excel: results and errors go to a message box."""
        ...

    @property
    def label(self) -> str:
        """The workbook as findings and messages name it (its path, or Excel's name)."""
        ...

    @property
    def path(self) -> Path | None:
        """The workbook's file; None for a workbook never saved."""
        ...

    def sheets(self) -> list[tuple[str, bool]]:
        """Every sheet in order, with whether it is visible."""
        ...

    def read(self, sheet: str, cell: str) -> object:
        """The value of one cell (a formula's result when live)."""
        ...

    def write(self, sheet: str, cell: str, value: object) -> None:
        """Type ``value`` into one cell, through the sheet's protection."""
        ...

    def annotate(self, findings: Sequence[Finding], *, title: str = "") -> tuple[str, int]:
        """List ``findings`` on a Temuan sheet with links, colour their cells, note them.

        The previous run's sheet, colours and notes are taken off first.

        Returns:
            The Temuan sheet's title and how many cells were coloured.
        """
        ...

    def replace_sheet(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        links: Mapping[tuple[int, int], Link] | None = None,
    ) -> None:
        """Write ``rows`` from A1 on the sheet ``title``, made anew (first sheet if new).

        ``links`` maps 1-based (row, column) to where that cell leads.
        """
        ...

    def selection(self) -> tuple[str, str] | None:
        """The active cell as (sheet, A1), if known."""
        ...

    def grow(self, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Path:
        """Make room in the SKP: hasil kerja blocks at the end of a section, or IKI rows in
        every block, formulas, validations, names and protection kept.

        Returns:
            The file that holds the grown workbook.

        Raises:
            AddinError: The workbook is not an SKP, or cannot be grown as asked.
        """
        ...

    def export_pdf(self, path: Path, sheets: Sequence[str]) -> Path:
        """Print ``sheets`` (in workbook order) to one PDF at ``path``.

        Raises:
            AddinError: No engine can print here (the message says what to do).
        """
        ...

    def commit(self) -> None:
        """Make an action's changes last: a file is saved; Excel already shows them."""
        ...

    def open_other(self, path: Path) -> None:
        """Show another workbook to the person (Excel opens it; a file does nothing)."""
        ...

    def tell(self, message: str, *, error: bool = False) -> None:
        """Show a message to the person (a message box in Excel; the log for a file)."""
        ...

    def status(self, text: str) -> None:
        """Show progress (Excel's status bar; the log for a file)."""
        ...


# What both engines share ------------------------------------------------------------------


def fill_record(rgb: RGB | None) -> str:
    """A cell's background as the hidden record of :mod:`skp_xl.workbook.laporan` keeps it."""
    pattern = PatternFill() if rgb is None else PatternFill("solid", fgColor=_hex(rgb))
    return tostring(pattern.to_tree(), encoding="unicode")


def rgb_of_record(text: object) -> RGB | None:
    """The solid colour a recorded background had; None for none, or one not of RGB.

    Theme and indexed colours come back as no colour: xlwings sets colours by RGB only.
    """
    if not isinstance(text, str) or not text:
        return None
    try:
        pattern = Fill.from_tree(fromstring(text))
    except (ParseError, TypeError, ValueError):
        return None
    if not isinstance(pattern, PatternFill) or pattern.fill_type != "solid":
        return None
    color = pattern.fgColor
    if color is None or color.type != "rgb" or not isinstance(color.rgb, str):
        return None
    value = color.rgb[-6:]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: RGB) -> str:
    return "FF{:02X}{:02X}{:02X}".format(*rgb)


def _rgb(fill: PatternFill) -> RGB:
    value = str(fill.fgColor.rgb)[-6:]
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def free_path(path: Path) -> Path:
    """``path``, or ``name (2).ext``... when a file of that name exists."""
    candidate, number = path, 1
    while candidate.exists():
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


# Growing an SKP workbook ------------------------------------------------------------------


def _grown_spec(wb: Workbook, *, utama: int, tambahan: int, iki: int) -> WorkbookSpec:
    """The workbook's form descriptions with its current room plus what is asked."""
    try:
        sheet, cell = fill.named(wb, "META_TEMPLATE_ID")
        template = str(wb[sheet][cell].value)
        if template not in KNOWN_TEMPLATES:
            raise ValueError(f"templat '{template}'")
        _, jenis_text, pendekatan_text = template.split("-")
        jenis = normalize_jenis_jabatan(jenis_text.upper())
        pendekatan = normalize_pendekatan(pendekatan_text)
        skp = fill.table(wb, SKP_TABLE)
    except (KeyError, ValueError) as error:
        raise AddinError(
            f"Buku kerja ini bukan SKP buatan skp-xl ({error}); baris hanya dapat ditambahkan "
            "pada SKP yang dibuat dengan 'skp-xl new' atau templatnya."
        ) from error
    spec = workbook_spec(jenis, pendekatan)
    form = spec.forms[0]
    assert form.tabel is not None
    if iki and form.tabel.narasi:
        raise AddinError(
            "SKP pendekatan kualitatif tidak memakai baris IKI: ukuran keberhasilan ditulis "
            "sebagai narasi di bawah setiap hasil kerja."
        )
    iki_rows = form.tabel.baris_per_rhk

    def grown(table: TabelHasilKerja) -> TabelHasilKerja:
        rows = table.baris_per_rhk
        if table.baris_per_rhk == iki_rows and not table.narasi:
            rows = skp.rows_per_block + iki
        return replace(
            table,
            utama=skp.utama + utama,
            tambahan=skp.tambahan + tambahan,
            baris_per_rhk=rows,
        )

    forms = tuple(
        replace(
            f,
            blok=tuple(grown(b) if isinstance(b, TabelHasilKerja) else b for b in f.blok),
        )
        for f in spec.forms
    )
    return replace(spec, forms=forms)


def _render(spec: WorkbookSpec) -> Workbook:
    """A blank SKP workbook of the given (grown) form descriptions; its protection is
    replaced by :func:`grow_workbook` with that of the workbook being grown."""
    assert spec.jenis is not None
    assert spec.pendekatan is not None
    return build_workbook(Options(spec.jenis, spec.pendekatan), spec=spec)


def _target_row(row: int, old: fill.Table | None, new: fill.Table | None) -> int | None:
    """Where an input of row ``row`` goes: blocks keep their number within their section,
    lines their offset; rows below the table move down with it. None: not an input row."""
    if old is None or new is None or row < old.top:
        return row
    if row > old.bottom:
        return row + new.bottom - old.bottom
    starts = [b for b in old.blocks if b <= row]
    if not starts:
        return None
    block = len(starts) - 1
    offset = row - old.blocks[block]
    if offset >= old.rows_per_block:
        return None
    target = block if block < old.utama else block - old.utama + new.utama
    return new.blocks[target] + offset


def grow_workbook(wb: Workbook, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Workbook:
    """A new SKP workbook like ``wb``, with more room, every input carried to its place.

    Hasil kerja blocks are added at the end of their section (``utama``, ``tambahan``);
    ``iki`` adds IKI rows to every block of every table that has one row per IKI. The new
    workbook is rendered from the form descriptions, so formulas, validations, defined
    names, print setup and protection are those of a fresh workbook; what was typed in
    the input (unlocked) cells is copied, and so are each sheet's protection (its
    password hash too), visibility, and the workbook's structure lock. Colours, notes and
    sheets added by hand are not copied.

    Raises:
        AddinError: ``wb`` is not an skp-xl SKP workbook, or IKI rows are asked of a
            kualitatif SKP.
    """
    spec = _grown_spec(wb, utama=utama, tambahan=tambahan, iki=iki)
    new = _render(spec)
    tables = {
        f.sheet: f.tabel.name
        for f in spec.forms
        if f.tabel is not None and f.sheet in wb.sheetnames
    }
    for ws in wb.worksheets:
        if ws.title not in new.sheetnames:
            continue
        target = new[ws.title]
        name = tables.get(ws.title)
        old_table = fill.table(wb, name) if name else None
        new_table = fill.table(new, name) if name else None
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None or cell.protection.locked:
                    continue
                to = _target_row(cell.row, old_table, new_table)
                if to is None:
                    continue
                # Value and type as they were: text stays text (a NIP), a formula a formula.
                copied = target.cell(row=to, column=cell.column, value=cell.value)
                copied.data_type = cell.data_type
                if cell.is_date:
                    copied.number_format = cell.number_format
        target.protection = copy.copy(ws.protection)
        target.sheet_state = ws.sheet_state
    new.security = copy.copy(wb.security)
    return new


# The file engine ---------------------------------------------------------------------------


def find_soffice(env: Mapping[str, str] | None = None) -> str | None:
    """LibreOffice's ``soffice``: ``SKP_XL_SOFFICE``, the PATH, or its usual install place."""
    env = os.environ if env is None else env
    if env.get(SOFFICE_ENV):
        return env[SOFFICE_ENV]
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((p for p in _SOFFICE_PLACES if Path(p).is_file()), None)


def _soffice_pdf(soffice: str, source: Path, folder: Path) -> Path:
    """Convert ``source`` to PDF in ``folder`` with a private LibreOffice profile."""
    profile = folder / "profil"
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--calc",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder),
        str(source),
    ]
    # A session of its own, so a timeout stops soffice.bin with its wrapper script.
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )
    try:
        output, _ = process.communicate(timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        if hasattr(os, "killpg"):
            os.killpg(process.pid, signal.SIGKILL)
        else:  # Windows: no process groups; stop the process itself
            process.kill()
        output, _ = process.communicate()
    pdf = folder / f"{source.stem}.pdf"
    if not pdf.is_file():
        logger.error("soffice made no PDF of %s: %s", source, output)
        raise AddinError(
            f"LibreOffice tidak menghasilkan PDF dari '{source.name}'; buka berkas di Excel "
            "atau LibreOffice dan cetak ke PDF dari sana. Rincian ada di log skp-xl."
        )
    return pdf


class FileBook:
    """An .xlsx/.xlsm workbook file through openpyxl.

    Reading goes through the file engine (python-calamine), so it sees what is saved: the
    values Excel or LibreOffice last computed (a workbook openpyxl wrote has no formula
    results until one of them opens it). A change is held in memory; :meth:`commit` writes
    it, atomically, to ``output`` (the file itself by default), and a read after a change
    commits it first so the reader sees it.

    Args:
        path: The workbook.
        output: Where :meth:`commit` writes; ``path`` when omitted.
    """

    interactive = False

    def __init__(self, path: Path, *, output: Path | None = None) -> None:
        self.source = Path(path)
        self.output = Path(output) if output is not None else self.source
        self.wb = load_workbook(
            self.source, keep_vba=self.source.suffix.lower() == ".xlsm", keep_links=True
        )
        self._dirty = False
        self._engine: CalamineEngine | None = None
        self._saved = self.source

    @classmethod
    def open(cls, path: Path, *, output: Path | None = None) -> FileBook:
        """Triage ``path`` first, then open it.

        Raises:
            AddinError: The file is not a workbook that can be read safely (the message is
                the triage finding's).
        """
        problem = triage(Path(path)).blocking
        if problem is not None and problem.severity is Severity.ERROR:
            raise AddinError(problem.message)
        return cls(path, output=output)

    # Engine ---------------------------------------------------------------------------------

    def _reader(self) -> CalamineEngine:
        if self._dirty:
            self.commit()
        if self._engine is None:
            self._engine = CalamineEngine(self._saved)
        return self._engine

    def names(self) -> Mapping[str, DefinedRange]:
        self._reader()
        return read_defined_names(self._saved)

    def rows(self, sheet: str) -> Sequence[Sequence[object]]:
        return self._reader().rows(sheet)

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        return self._reader().merged(sheet)

    # Book -----------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return str(self.source)

    @property
    def path(self) -> Path:
        return self.output

    def sheets(self) -> list[tuple[str, bool]]:
        return [(ws.title, ws.sheet_state == "visible") for ws in self.wb.worksheets]

    def read(self, sheet: str, cell: str) -> object:
        return self.wb[sheet][cell].value

    def write(self, sheet: str, cell: str, value: object) -> None:
        fill.put(self.wb, (sheet, cell), value)
        self._dirty = True

    def annotate(self, findings: Sequence[Finding], *, title: str = "") -> tuple[str, int]:
        self._dirty = True
        return annotate(self.wb, findings, title=title)

    def replace_sheet(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        links: Mapping[tuple[int, int], Link] | None = None,
    ) -> None:
        if title in self.wb.sheetnames:
            index = self.wb.sheetnames.index(title)
            del self.wb[title]
        else:
            index = 0
        ws = self.wb.create_sheet(title, index)
        for line in rows:
            ws.append(list(line))
        for (row, column), link in (links or {}).items():
            ref = f"{get_column_letter(column)}{row}"
            ws[ref].hyperlink = Hyperlink(ref=ref, target=link.file, location=link.location)
        self.wb.active = index
        self._dirty = True

    def selection(self) -> tuple[str, str] | None:
        ws = self.wb.active
        if ws is None or not ws.sheet_view.selection:
            return None
        active = ws.sheet_view.selection[0].activeCell
        return (ws.title, str(active)) if active else None

    def grow(self, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Path:
        if self.output.suffix.lower() != ".xlsx":
            raise AddinError(
                f"Baris hanya dapat ditambahkan pada berkas .xlsx, bukan '{self.output.name}'; "
                "simpan sebagai .xlsx dulu."
            )
        self.wb = grow_workbook(self.wb, utama=utama, tambahan=tambahan, iki=iki)
        self._dirty = True
        return self.output

    def export_pdf(self, path: Path, sheets: Sequence[str]) -> Path:
        soffice = find_soffice()
        if soffice is None:
            raise AddinError(
                "LibreOffice (soffice) tidak ditemukan, padahal dibutuhkan untuk mencetak "
                "berkas ke PDF di luar Excel. Pasang LibreOffice (atau sebutkan letaknya di "
                f"{SOFFICE_ENV}), atau buka berkas di Excel dan pakai tombol Ekspor PDF."
            )
        buffer = io.BytesIO()
        self.wb.save(buffer)
        copy_wb = load_workbook(io.BytesIO(buffer.getvalue()))
        wanted = set(sheets)
        first = next((i for i, ws in enumerate(copy_wb.worksheets) if ws.title in wanted), None)
        if first is None:
            raise AddinError("Tidak ada sheet yang dipilih untuk dicetak.")
        copy_wb.active = first
        for ws in copy_wb.worksheets:
            if ws.title not in wanted:
                # LibreOffice prints a hidden sheet that has a print area: take it off too.
                ws.sheet_state = "hidden"
                ws.print_area = None
                ws.sheet_view.tabSelected = False
        with tempfile.TemporaryDirectory(prefix="skp-xl-pdf-") as folder:
            staged = Path(folder) / f"{self.output.stem or 'skp'}.xlsx"
            copy_wb.save(staged)
            pdf = _soffice_pdf(soffice, staged, Path(folder))
            with atomic_output(path, force=True) as temporary:
                shutil.copyfile(pdf, temporary)
        return path

    def commit(self) -> None:
        if not self._dirty and self.output == self._saved:
            return
        with atomic_output(self.output, force=True) as temporary:
            self.wb.save(temporary)
        self._dirty = False
        self._saved = self.output
        if self._engine is not None:
            self._engine.close()
        self._engine = None

    def open_other(self, path: Path) -> None:
        logger.info("not opening %s: a file book has no Excel to show it", path)

    def tell(self, message: str, *, error: bool = False) -> None:
        logger.log(40 if error else 20, "%s: %s", self.label, message)

    def status(self, text: str) -> None:
        logger.debug("%s: %s", self.label, text)


# The live engine ---------------------------------------------------------------------------


class _Protection:
    """Lifts a sheet's, or the workbook structure's, protection while the add-in writes, and
    puts the same protection back. Through ``.api``: pywin32 names on Windows, the
    AppleScript terms xlwings ships (``mac_dict.py``) on macOS. A password stops it, with a
    message saying which sheet to unprotect by hand.
    """

    _SHEET_ALLOWS: Final = (
        "AllowFormattingCells",
        "AllowFormattingColumns",
        "AllowFormattingRows",
        "AllowInsertingColumns",
        "AllowInsertingRows",
        "AllowInsertingHyperlinks",
        "AllowDeletingColumns",
        "AllowDeletingRows",
        "AllowSorting",
        "AllowFiltering",
        "AllowUsingPivotTables",
    )
    _MAC_ALLOWS: Final = (
        "allow_formatting_cells",
        "allow_formatting_columns",
        "allow_formatting_rows",
    )

    def __init__(self, platform: str) -> None:
        self.windows = platform.startswith("win")

    @contextlib.contextmanager
    def sheet(self, sheet: Any) -> Iterator[None]:
        api = sheet.api
        if self.windows:
            if not api.ProtectContents:
                yield
                return
            settings = {
                "DrawingObjects": bool(api.ProtectDrawingObjects),
                "Contents": True,
                "Scenarios": bool(api.ProtectScenarios),
                **{name: bool(getattr(api.Protection, name)) for name in self._SHEET_ALLOWS},
            }
            self._lift(lambda: api.Unprotect(), f"sheet '{sheet.name}'")
            try:
                yield
            finally:
                api.Protect(**settings)
            return
        if not api.protect_contents.get():
            yield
            return
        mac = {
            "drawing_objects": bool(api.protect_drawing_objects.get()),
            "worksheet_contents": True,
            "scenarios": bool(api.protect_scenarios.get()),
            **{name: bool(getattr(api.protection, name).get()) for name in self._MAC_ALLOWS},
        }
        self._lift(lambda: api.unprotect(), f"sheet '{sheet.name}'")
        try:
            yield
        finally:
            api.protect_worksheet(**mac)

    @contextlib.contextmanager
    def structure(self, book: Any) -> Iterator[None]:
        api = book.api
        if self.windows:
            if not api.ProtectStructure:
                yield
                return
            windows = bool(api.ProtectWindows)
            self._lift(lambda: api.Unprotect(), "struktur buku kerja")
            try:
                yield
            finally:
                api.Protect(Structure=True, Windows=windows)
            return
        if not api.protect_structure.get():
            yield
            return
        self._lift(lambda: api.unprotect(), "struktur buku kerja")
        try:
            yield
        finally:
            api.protect_workbook(structure=True)

    @staticmethod
    def _lift(unprotect: Any, what: str) -> None:
        try:
            unprotect()
        except Exception as error:
            logger.info("cannot unprotect %s: %s", what, error)
            raise AddinError(
                f"Proteksi {what} memakai kata sandi, sehingga skp-xl tidak dapat menulis di "
                "sana. Buka proteksinya dulu (Tinjau > Buka Proteksi), lalu ulangi; pasang "
                "lagi sesudahnya."
            ) from error


class LiveBook:
    """The workbook open in Excel, through xlwings' ``Book`` (Windows and macOS).

    Only xlwings' documented, BSD-licensed API is used: ``sheets``, ``names``,
    ``range(...).value``/``.formula``/``.color``/``.note``/``.add_note``, ``merge_area``,
    ``used_range``, ``to_pdf``, ``save``, ``app.alert``, ``app.status_bar``,
    ``app.books.open``; protection through ``.api`` (see :class:`_Protection`).

    Args:
        book: An ``xlwings.Book`` (or a stand-in with the same API, in tests).
        platform: ``sys.platform`` of the Excel; decides how protection is lifted.
    """

    interactive = True

    def __init__(self, book: Any, *, platform: str = sys.platform) -> None:
        self.wb = book
        self.protection = _Protection(platform)
        self._names: dict[str, DefinedRange] | None = None
        self._merged: dict[str, list[tuple[int, int, int, int]]] = {}

    @classmethod
    def caller(cls) -> LiveBook:
        """The workbook whose ribbon button ran this (``xw.Book.caller()``)."""
        import xlwings as xw

        return cls(xw.Book.caller())

    # Engine ---------------------------------------------------------------------------------

    def names(self) -> Mapping[str, DefinedRange]:
        if self._names is None:
            titles = {title.casefold(): title for title, _ in self.sheets()}
            found: dict[str, DefinedRange] = {}
            for name in self.wb.names:
                # Sheet-scope names read "Sheet!Name"; formulas and constants do not parse.
                text = name.refers_to or ""
                target = parse_target(text.removeprefix("="))
                if "!" in name.name or target is None:
                    continue
                sheet = titles.get(target[0].casefold())
                if sheet is not None and name.name not in found:
                    found[name.name] = DefinedRange(name.name, sheet, *target[1:])
            self._names = found
        return self._names

    def rows(self, sheet: str) -> Sequence[Sequence[object]]:
        ws = self.wb.sheets[sheet]
        last = ws.used_range.last_cell
        bottom = min(last.row, MAX_ROWS)
        values = ws.range((1, 1), (bottom, last.column)).options(ndim=2).value
        return values if isinstance(values, list) else [[values]]

    def merged(self, sheet: str) -> Sequence[tuple[int, int, int, int]]:
        """Merged areas starting in column A of the tables on ``sheet``: what the reader
        uses to find blocks (scanning a whole sheet cell by cell would be slow live).
        Read once per sheet: the add-in never merges or unmerges cells."""
        if sheet not in self._merged:
            self._merged[sheet] = self._scan_merged(sheet)
        return self._merged[sheet]

    def _scan_merged(self, sheet: str) -> list[tuple[int, int, int, int]]:
        ws = self.wb.sheets[sheet]
        found: set[tuple[int, int, int, int]] = set()
        for defined in self.names().values():
            if defined.sheet != sheet or defined.is_cell or defined.min_col != 1:
                continue
            row = defined.min_row
            while row <= defined.max_row:
                cell = ws.range((row, 1))
                if cell.merge_cells:
                    area = cell.merge_area
                    last = area.last_cell
                    found.add((area.row, area.column, last.row, last.column))
                    row = max(last.row, row) + 1
                else:
                    row += 1
        return sorted(found)

    # Book -----------------------------------------------------------------------------------

    @property
    def label(self) -> str:
        return str(self.wb.fullname)

    @property
    def path(self) -> Path | None:
        path = Path(str(self.wb.fullname))
        return path if path.parent != Path() and "://" not in str(self.wb.fullname) else None

    def sheets(self) -> list[tuple[str, bool]]:
        return [(s.name, bool(s.visible)) for s in self.wb.sheets]

    def read(self, sheet: str, cell: str) -> object:
        return self.wb.sheets[sheet].range(cell).value

    def write(self, sheet: str, cell: str, value: object) -> None:
        ws = self.wb.sheets[sheet]
        with self.protection.sheet(ws):
            ws.range(cell).value = value

    def _rows_of(self, sheet: Any) -> list[list[object]]:
        last = sheet.used_range.last_cell
        values = sheet.range((1, 1), (last.row, last.column)).options(ndim=2).value
        return values if isinstance(values, list) else [[values]]

    def clear_annotations(self) -> int:
        """Take off what the previous :meth:`annotate` (live or from a file) added.

        Returns:
            How many cells were restored.
        """
        titles = [title for title, _ in self.sheets()]
        if RECORD_SHEET not in titles:
            return 0
        record = self.wb.sheets[RECORD_SHEET]
        rows = self._rows_of(record)
        listing = rows[0][4] if rows and len(rows[0]) > 4 else None
        by_sheet: dict[str, list[list[object]]] = {}
        for row in rows[1:]:
            if len(row) >= 4 and isinstance(row[0], str) and row[0] in titles:
                by_sheet.setdefault(row[0], []).append(row)
        restored = 0
        for title, entries in by_sheet.items():
            ws = self.wb.sheets[title]
            with self.protection.sheet(ws):
                for _, cell, recorded, commented, *_ in entries:
                    target = ws.range(str(cell))
                    target.color = rgb_of_record(recorded)
                    note = target.note
                    if commented and note is not None and _is_ours(note.text):
                        note.delete()
                    restored += 1
        with self.protection.structure(self.wb):
            record.delete()
            if isinstance(listing, str) and listing in titles:
                self.wb.sheets[listing].delete()
        return restored

    def annotate(self, findings: Sequence[Finding], *, title: str = "") -> tuple[str, int]:
        self.clear_annotations()
        titles = [t for t, _ in self.sheets()]
        listing = free_title(titles)
        ordered = sort_findings(findings)
        rows: list[list[object]] = [[line] for line in heading(findings, title)]
        rows += [[], list(HEADERS)]
        links: dict[tuple[int, int], Link] = {}
        for number, finding in enumerate(ordered, start=1):
            rows.append(
                [
                    number,
                    finding.sheet,
                    finding.cell,
                    TINGKAT[finding.severity],
                    finding.code,
                    finding.message,
                ]
            )
            if finding.sheet in titles and finding.cell:
                first = finding.cell.split(":")[0].replace("$", "")
                links[4 + number, 3] = Link(location=location(finding.sheet, first))
        worst = worst_cells(findings, titles)
        record_rows: list[list[object]] = [[*RECORD_HEADERS, listing]]
        marks: dict[str, list[tuple[str, Finding, bool]]] = {}
        for (sheet, coordinate), finding in worst.items():
            target = self.wb.sheets[sheet].range(coordinate)
            fresh = target.note is None
            record_rows.append([sheet, coordinate, fill_record(target.color), fresh, None])
            marks.setdefault(sheet, []).append((coordinate, finding, fresh))
        with self.protection.structure(self.wb):
            record = self.wb.sheets.add(RECORD_SHEET, after=self.wb.sheets[len(titles) - 1])
            self._write_rows(record, record_rows, text_columns=2)
            record.visible = False
        self.replace_sheet(listing, rows, links=links, widths=WIDTHS)
        ws = self.wb.sheets[listing]
        ws.range((4, 1), (4, len(HEADERS))).color = (31, 78, 120)
        for number, finding in enumerate(ordered, start=1):
            ws.range((4 + number, 4)).color = _rgb(ROW_FILL[finding.severity])
        for sheet, cells in marks.items():
            target_sheet = self.wb.sheets[sheet]
            with self.protection.sheet(target_sheet):
                for coordinate, finding, fresh in cells:
                    cell = target_sheet.range(coordinate)
                    cell.color = _rgb(CELL_FILL[finding.severity])
                    if fresh:
                        cell.add_note(f"{TINGKAT[finding.severity]}: {finding.message}")
        ws.activate()
        return listing, len(worst)

    @staticmethod
    def _write_rows(sheet: Any, rows: Sequence[Sequence[object]], *, text_columns: int) -> None:
        """Write ``rows`` from A1 in one call (padded: xlwings refuses ragged lists);
        the first ``text_columns`` columns as text, so a sheet named "2025" stays text."""
        width = max((len(r) for r in rows), default=0)
        if not rows or not width:
            return
        if text_columns:
            sheet.range((1, 1), (len(rows), text_columns)).number_format = "@"
        sheet.range("A1").value = [[*r, *([None] * (width - len(r)))] for r in rows]

    def replace_sheet(
        self,
        title: str,
        rows: Sequence[Sequence[object]],
        *,
        links: Mapping[tuple[int, int], Link] | None = None,
        widths: Sequence[float] = (),
    ) -> None:
        titles = [t for t, _ in self.sheets()]
        with self.protection.structure(self.wb):
            if title in titles:
                position = titles.index(title)
                self.wb.sheets[title].delete()
                after = self.wb.sheets[position - 1] if position else None
                before = None if position else self.wb.sheets[0]
            else:
                after, before = None, self.wb.sheets[0]
            ws = self.wb.sheets.add(title, before=before, after=after)
        cells = [list(r) for r in rows]
        for (row, column), link in (links or {}).items():
            # A HYPERLINK formula: the same on Windows and macOS, and it survives a copy.
            address = (link.file or "") + (f"#{link.location}" if link.location else "")
            shown = cells[row - 1][column - 1]
            text = address if shown is None else str(shown)
            cells[row - 1][column - 1] = f'=HYPERLINK("{_quoted(address)}","{_quoted(text)}")'
        self._write_rows(ws, cells, text_columns=0)
        for column, width in enumerate(widths, start=1):
            ws.range((1, column)).column_width = width
        ws.activate()

    def selection(self) -> tuple[str, str] | None:
        chosen = self.wb.selection
        if chosen is None:
            return None
        return chosen.sheet.name, str(chosen.address).replace("$", "").split(":")[0]

    def grow(self, *, utama: int = 0, tambahan: int = 0, iki: int = 0) -> Path:
        """Save the workbook, then write the grown copy beside it and open that.

        Excel keeps a file it has open locked, and inserting rows live would leave the
        evaluation sheets pointing at the wrong SKP rows; so the grown workbook is a new
        file, made from the saved one as :meth:`FileBook.grow` makes it.
        """
        path = self.path
        if path is None:
            raise AddinError("Simpan buku kerja ini dulu (File > Simpan), lalu ulangi.")
        self.wb.save()
        grown = free_path(path.with_name(f"{path.stem} (baris baru).xlsx"))
        book = FileBook.open(path, output=grown)
        book.grow(utama=utama, tambahan=tambahan, iki=iki)
        book.commit()
        self.open_other(grown)
        return grown

    def export_pdf(self, path: Path, sheets: Sequence[str]) -> Path:
        # to_pdf hides the sheets left out while it prints: that needs the structure open.
        with self.protection.structure(self.wb):
            self.wb.to_pdf(path=str(path), include=list(sheets))
        return path

    def commit(self) -> None:
        """Nothing: Excel shows the changes; the person saves when ready."""

    def open_other(self, path: Path) -> None:
        self.wb.app.books.open(str(path))

    def tell(self, message: str, *, error: bool = False) -> None:
        shown = message if len(message) <= 900 else message[:900] + " ... (selengkapnya di log)"
        self.wb.app.alert(shown, title="skp-xl", mode="critical" if error else "info")

    def status(self, text: str) -> None:
        # False hands the status bar back to Excel.
        self.wb.app.status_bar = text or False


def _quoted(text: str) -> str:
    """Text inside an Excel string literal: double quotes doubled."""
    return text.replace('"', '""')


def _is_ours(text: object) -> bool:
    """Whether a note's text is one :meth:`LiveBook.annotate` wrote."""
    return isinstance(text, str) and any(text.startswith(f"{t}: ") for t in TINGKAT.values())


__all__ = [
    "AUTHOR",
    "AddinError",
    "Book",
    "FileBook",
    "Link",
    "LiveBook",
    "find_soffice",
    "grow_workbook",
]
