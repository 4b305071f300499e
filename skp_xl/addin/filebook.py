"""The file engine of the add-in's :class:`~skp_xl.addin.book.Book`: an .xlsx file through
openpyxl, for Python, tests and batch use (``skp-xl addin run``)."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from skp_xl.addin.book import Link
from skp_xl.addin.logs import logger
from skp_xl.domain.findings import Finding, Severity
from skp_xl.errors import AddinError, CetakError, GrowError
from skp_xl.fileio import atomic_output
from skp_xl.libreoffice import find_soffice
from skp_xl.reader.names import DefinedRange, read_defined_names
from skp_xl.reader.snapshot import CalamineEngine
from skp_xl.reader.triage import triage
from skp_xl.settings import SOFFICE_ENV
from skp_xl.workbook import fill
from skp_xl.workbook.cetak import cetak
from skp_xl.workbook.grow import grow_workbook
from skp_xl.workbook.laporan import annotate

__all__ = ["FileBook"]


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
        try:
            self.wb = grow_workbook(self.wb, utama=utama, tambahan=tambahan, iki=iki)
        except GrowError as error:
            raise AddinError(str(error)) from error
        self._dirty = True
        return self.output

    def export_pdf(self, path: Path, sheets: Sequence[str]) -> Path:
        """Print ``sheets`` as ``skp-xl cetak`` does (:func:`skp_xl.workbook.cetak.cetak`):
        empty blocks hidden, rows sized to their text, no helper colours."""
        soffice = find_soffice()
        if soffice is None:
            raise AddinError(
                "LibreOffice (soffice) tidak ditemukan, padahal dibutuhkan untuk mencetak "
                "berkas ke PDF di luar Excel. Pasang LibreOffice (atau sebutkan letaknya di "
                f"{SOFFICE_ENV}), atau buka berkas di Excel dan pakai tombol Ekspor PDF."
            )
        with tempfile.TemporaryDirectory(prefix="skp-xl-pdf-") as folder:
            # What is held in memory prints too: the workbook as it is now, saved aside.
            staged = Path(folder) / f"{self.output.stem or 'skp'}.xlsx"
            self.wb.save(staged)
            try:
                cetak(staged, path, lembar=sheets, executable=soffice)
            except CetakError as error:
                logger.error("skp-xl cetak made no PDF of %s: %s", staged, error)
                raise AddinError(
                    f"LibreOffice tidak menghasilkan PDF dari '{staged.name}'; buka berkas di "
                    "Excel atau LibreOffice dan cetak ke PDF dari sana. Rincian ada di log "
                    "skp-xl."
                ) from error
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
