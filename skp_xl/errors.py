"""Every exception skp-xl raises on purpose, in one documented tree.

Problems in the user's files are findings (:mod:`skp_xl.domain.codes`), not exceptions:
exceptions are for a value a function cannot take, and for what a program (or the
person at the command line) must decide. The tree::

    Exception
    └── SkpError                     base of every error skp-xl raises on purpose
        ├── InvalidValueError        + ValueError: a value outside the rules; has a finding
        │   │                          ``code`` and an Indonesian ``message``
        │   ├── NipError             a NIP that cannot be accepted (domain/nip.py)
        │   └── WorkbookXmlError     a workbook part that cannot be read safely
        │                              (reader/names.py)
        ├── NotAnSkpWorkbook         a workbook that cannot be read as an SKP; carries the
        │                              finding that says why
        ├── NotAMatriks              a workbook that is not a Matriks Peran Hasil
        │                              (reader/matriks.py, for Buat SKP Bawahan)
        ├── GrowError                a workbook that cannot be grown as asked
        │                              (workbook/grow.py; the add-in shows it as AddinError)
        ├── LibreOfficeError         soffice made no output for an input, or ran out of
        │                              time (libreoffice.py)
        ├── CetakError               forms that cannot be printed as asked: no LibreOffice,
        │                              an unknown sheet (workbook/cetak.py)
        ├── OutputExistsError        an output file exists and overwriting was not asked
        ├── SummaryDataError         + ValueError: a table the summary writer cannot take
        ├── DaskTidakAda             consolidate --engine dask without dask.distributed
        │                              installed (batch/klaster.py)
        ├── UrlTidakTerbaca          consolidate of an fsspec URL that cannot be listed
        │                              (protocol package missing, no folder, not Dask)
        ├── ParquetTidakAda          skp-xl nasional found no Parquet (batch/nasional.py)
        ├── GudangGagal              + OSError: a large consolidation's results cannot wait
        │                              in the temporary folder (full, unwritable;
        │                              batch/gudang.py)
        └── AddinError               an add-in action or build that cannot be done

``SkpError`` and ``InvalidValueError`` live in :mod:`skp_xl.domain.errors`, because the
pure domain raises them and imports nothing above itself; the others are defined here.
Not in the tree, on purpose: the VBA encoder's ``CompoundFileError``,
``VbaProjectError`` and ``OvbaError`` (``ValueError``: faults in what skp-xl itself
encodes), reader/biff.py's ``BiffError`` and ``NotBiff8`` (``ValueError``: an .xls stream
the triage turns into a finding at once), cli/bahasa.py's ``GalatPenggunaan`` (typer's
``UsageError``, whose message is already Indonesian: typer prints it as a usage error),
and three private control-flow signals (triage's
``_Stop``; reader/names.py's ``_BadXml``, turned into a ``WorkbookXmlError`` naming the
file; the batch's ``_WaktuHabis``, a ``BaseException`` so no ``except Exception``
takes it for a bug).
"""

from __future__ import annotations

from pathlib import Path

from skp_xl.domain.errors import InvalidValueError, SkpError
from skp_xl.domain.findings import Finding

__all__ = [
    "AddinError",
    "CetakError",
    "GrowError",
    "InvalidValueError",
    "LibreOfficeError",
    "NotAMatriks",
    "NotAnSkpWorkbook",
    "OutputExistsError",
    "SkpError",
    "SummaryDataError",
]


class NotAnSkpWorkbook(SkpError):
    """The workbook cannot be read as an SKP; ``finding`` says why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


class OutputExistsError(SkpError):
    """The output file exists and overwriting was not asked for."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"Berkas keluaran '{path}' sudah ada; pakai --force untuk menimpanya "
            "atau pilih nama lain."
        )
        self.path = path


class SummaryDataError(SkpError, ValueError):
    """A frame handed to the summary writer lacks a column it needs, or has bad headers.

    A program fault of the caller (the consolidation), not a problem in the agency's
    files: those arrive as rows of ``SummaryData.temuan``.
    """


class AddinError(SkpError):
    """An add-in action, build or installation cannot be done; the Indonesian message
    says why and what to do."""


class NotAMatriks(SkpError):
    """The workbook is not a Matriks Peran Hasil of skp-xl; the message says what to do."""


class GrowError(SkpError):
    """A workbook cannot be grown as asked; the Indonesian message says why."""


class CetakError(SkpError):
    """Forms cannot be printed as asked (LibreOffice missing, a sheet that does not exist);
    the Indonesian message says why and what to do."""


class LibreOfficeError(SkpError):
    """soffice made no output for an input (the message names which) or ran out of time."""
