"""The hidden ``_ref`` sheet: closed lists, alias tables and the quadrant, for formulas.

Everything on it is generated from :data:`~skp_xl.domain.vocabulary.VOCABULARIES` and
:data:`~skp_xl.domain.quadrant.KUADRAN`; formulas and dropdowns reach it only through
workbook-scope defined names (see :mod:`skp_xl.workbook.formulas`). The sheet is hidden,
not "very hidden", so a user can unhide it to audit the tables.

Layout, left to right, each block with a header row:

- one column per vocabulary with its canonical values (``LIST_<KODE>``); the periods
  (``LIST_PERIODE``) are the workbook's own (its quarters or months, then Akhir), while
  their alias table accepts every period, so a month typed in a quarterly workbook is
  recognised and then not found;
- one alias table of three columns, *daftar* (vocabulary code), *kunci* (compact key)
  and *nilai* (canonical value), holding every vocabulary one block after another;
  ``ALIAS_<KODE>`` names the kunci and nilai columns of one block;
- the quadrant: rating hasil kerja down (``KUADRAN_HASIL``), rating perilaku across
  (``KUADRAN_PERILAKU``), predikat in the 3x3 body (``KUADRAN_PREDIKAT``), in the order
  of the KemenPANRB figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from openpyxl.utils.cell import absolute_coordinate, get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.domain.angka_kredit import JenjangJf
from skp_xl.domain.pangkat import GOLONGAN_PNS, GOLONGAN_PPPK
from skp_xl.domain.pola_distribusi import PolaDistribusi
from skp_xl.domain.quadrant import KUADRAN
from skp_xl.domain.targets import Arah
from skp_xl.domain.vocabulary import PERIODE_EVALUASI, VOCABULARIES, PeriodeEvaluasi, SiklusEvaluasi
from skp_xl.workbook.formulas import (
    KUADRAN_HASIL,
    KUADRAN_PERILAKU,
    KUADRAN_PREDIKAT,
    alias_name,
    list_name,
)

DEFAULT_TITLE = "_ref"

POLA_DISTRIBUSI_TEKS = "POLA_DISTRIBUSI_TEKS"
"""Defined name of the two-column table: capaian organisasi -> the guideline in words."""


def extra_lists() -> dict[str, list[str]]:
    """Closed lists that are not vocabularies: pangkat, jenjang JF, direction of an IKI."""
    return {
        "LIST_PANGKAT": [g.label for g in (*GOLONGAN_PNS, *GOLONGAN_PPPK)],
        "LIST_JENJANG": [j.value for j in JenjangJf],
        "LIST_ARAH": [a.value for a in Arah],
    }


def pola_distribusi_texts(pola: PolaDistribusi | None = None) -> dict[str, str]:
    """The guideline of each capaian organisasi, in words, for the evaluation forms."""
    pola = pola or PolaDistribusi.bawaan()
    return {
        capaian.value: " ".join(rule.keterangan for rule in rules) + " (panduan, bukan keharusan)"
        for capaian, rules in pola.aturan.items()
    }


_HEADER_ROW = 1
_ALIAS_HEADERS = ("daftar", "kunci", "nilai")
_KUADRAN_CORNER = "hasil kerja \\ perilaku"


@dataclass(frozen=True)
class ReferenceSheet:
    """The defined names a :func:`write_reference_sheet` call created.

    Attributes:
        title: Title of the hidden sheet.
        lists: Vocabulary code (``"rating"``) to the name of its canonical values.
        aliases: Vocabulary code to the name of its alias table.
        kuadran_predikat: Name of the quadrant's 3x3 body.
        kuadran_hasil: Name of its row headers (rating hasil kerja).
        kuadran_perilaku: Name of its column headers (rating perilaku kerja).
    """

    title: str
    lists: Mapping[str, str]
    aliases: Mapping[str, str]
    extra: tuple[str, ...] = ("LIST_PANGKAT", "LIST_JENJANG", "LIST_ARAH", POLA_DISTRIBUSI_TEKS)
    kuadran_predikat: str = KUADRAN_PREDIKAT
    kuadran_hasil: str = KUADRAN_HASIL
    kuadran_perilaku: str = KUADRAN_PERILAKU

    @property
    def names(self) -> tuple[str, ...]:
        """Every defined name on the sheet."""
        return (
            *self.lists.values(),
            *self.extra,
            *self.aliases.values(),
            self.kuadran_predikat,
            self.kuadran_hasil,
            self.kuadran_perilaku,
        )


def write_reference_sheet(
    wb: Workbook,
    title: str = DEFAULT_TITLE,
    *,
    periode: Sequence[PeriodeEvaluasi] = SiklusEvaluasi.TRIWULANAN.periode,
) -> ReferenceSheet:
    """Add the hidden reference sheet and its workbook-scope defined names to ``wb``.

    Args:
        wb: The workbook to extend; it keeps at least one other, visible sheet.
        title: Title of the new sheet.
        periode: The workbook's evaluation periods, in the order ``LIST_PERIODE`` lists
            them (the Dokumen Evaluasi picks its period by position in that list).

    Returns:
        The names created, for dropdowns and formulas.

    Raises:
        ValueError: ``wb`` already has a sheet called ``title`` or one of the names.
    """
    if title in wb.sheetnames:
        raise ValueError(f"workbook already has a sheet named {title!r}")
    lists = {kode: list_name(vocabulary) for kode, vocabulary in VOCABULARIES.items()}
    aliases = {kode: alias_name(vocabulary) for kode, vocabulary in VOCABULARIES.items()}
    reference = ReferenceSheet(
        title=title, lists=MappingProxyType(lists), aliases=MappingProxyType(aliases)
    )
    taken = [name for name in reference.names if name in wb.defined_names]
    if taken:
        raise ValueError(f"workbook already defines {', '.join(taken)}")
    ws = wb.create_sheet(title)
    ws.sheet_state = "hidden"

    column = 1
    for kode, vocabulary in VOCABULARIES.items():
        members = periode if vocabulary is PERIODE_EVALUASI else vocabulary.enum
        values = [member.value for member in members]
        _write_column(ws, column, lists[kode], values)
        _define(wb, lists[kode], ws, column, _HEADER_ROW + 1, column, _HEADER_ROW + len(values))
        column += 1

    for name, values in extra_lists().items():
        _write_column(ws, column, name, values)
        _define(wb, name, ws, column, _HEADER_ROW + 1, column, _HEADER_ROW + len(values))
        column += 1

    texts = pola_distribusi_texts()
    _write_text(ws, _HEADER_ROW, column, POLA_DISTRIBUSI_TEKS)
    for row, (capaian, words) in enumerate(texts.items(), start=_HEADER_ROW + 1):
        _write_text(ws, row, column, capaian)
        _write_text(ws, row, column + 1, words)
    _define(
        wb, POLA_DISTRIBUSI_TEKS, ws, column, _HEADER_ROW + 1, column + 1, _HEADER_ROW + len(texts)
    )
    column += 2

    column += 1
    daftar, kunci, nilai = column, column + 1, column + 2
    for offset, header in enumerate(_ALIAS_HEADERS):
        _write_text(ws, _HEADER_ROW, column + offset, header)
    row = _HEADER_ROW + 1
    for kode, vocabulary in VOCABULARIES.items():
        first = row
        for key, member in vocabulary.aliases.items():
            _write_text(ws, row, daftar, kode)
            _write_text(ws, row, kunci, key)
            _write_text(ws, row, nilai, member.value)
            row += 1
        _define(wb, aliases[kode], ws, kunci, first, nilai, row - 1)

    column = nilai + 2
    # The order in which KUADRAN lists its cells is the figure's: hasil kerja from
    # Diatas down to Dibawah, perilaku from Dibawah across to Diatas.
    hasil = list(dict.fromkeys(h for h, _ in KUADRAN))
    perilaku = list(dict.fromkeys(p for _, p in KUADRAN))
    _write_text(ws, _HEADER_ROW, column, _KUADRAN_CORNER)
    for j, p in enumerate(perilaku, start=1):
        _write_text(ws, _HEADER_ROW, column + j, p.value)
    for i, h in enumerate(hasil, start=1):
        _write_text(ws, _HEADER_ROW + i, column, h.value)
        for j, p in enumerate(perilaku, start=1):
            _write_text(ws, _HEADER_ROW + i, column + j, KUADRAN[(h, p)].value)
    top, bottom = _HEADER_ROW + 1, _HEADER_ROW + len(hasil)
    left, right = column + 1, column + len(perilaku)
    _define(wb, KUADRAN_HASIL, ws, column, top, column, bottom)
    _define(wb, KUADRAN_PERILAKU, ws, left, _HEADER_ROW, right, _HEADER_ROW)
    _define(wb, KUADRAN_PREDIKAT, ws, left, top, right, bottom)

    return reference


def _write_text(ws: Worksheet, row: int, column: int, value: str) -> None:
    cell = ws.cell(row=row, column=column, value=value)
    # A label is text even if it starts with "=" or looks like a number.
    cell.data_type = "s"


def _write_column(ws: Worksheet, column: int, header: str, values: list[str]) -> None:
    _write_text(ws, _HEADER_ROW, column, header)
    for row, value in enumerate(values, start=_HEADER_ROW + 1):
        _write_text(ws, row, column, value)
    ws.column_dimensions[get_column_letter(column)].width = max(map(len, [header, *values])) + 2


def _define(
    wb: Workbook, name: str, ws: Worksheet, left: int, top: int, right: int, bottom: int
) -> None:
    first = absolute_coordinate(f"{get_column_letter(left)}{top}")
    last = absolute_coordinate(f"{get_column_letter(right)}{bottom}")
    wb.defined_names[name] = DefinedName(
        name, attr_text=f"{quote_sheetname(ws.title)}!{first}:{last}"
    )
