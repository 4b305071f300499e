"""A real PivotTable (count per row item and column item) over an Excel Table.

The parts are made with openpyxl's pivot classes: a cache definition whose shared items
list every distinct value of every column (in display order for the two axis fields),
cache records that index into them, and a table definition with its row and column items
and its report filters (page fields, each with the one item counted).
Everything is consistent with the source rows, and the output cells are written too, so a
viewer that never refreshes still shows the right counts. ``refreshOnLoad`` makes Excel
rebuild the table from the source when the file opens.

What each application does with it (LibreOffice 7.4 measured; Excel by the schema):
LibreOffice imports it as a DataPilot over the source range and computes its own output at
the same place; Excel refreshes on load. The layout is tabular (field names in the header
cells, as LibreOffice shows it too).
"""

from __future__ import annotations

import io
import zlib
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol
from xml.etree import ElementTree

import numpy as np
from openpyxl.compat.strings import safe_string
from openpyxl.pivot.cache import (
    CacheDefinition,
    CacheField,
    CacheSource,
    SharedItems,
    WorksheetSource,
)
from openpyxl.pivot.fields import Index
from openpyxl.pivot.record import RecordList
from openpyxl.pivot.table import (
    DataField,
    FieldItem,
    Location,
    PageField,
    PivotField,
    PivotTableStyle,
    RowColField,
    RowColItem,
    TableDefinition,
)
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import SubElement, tostring

from skp_xl.summary.data import Cell
from skp_xl.summary.tables import font, literal

CACHE_ID = 1
CHUNK_ROWS = 10_000
"""Cache records made and written at a time."""
KOSONG = "(kosong)"
"""Label of the blank item in the output cells (Excel's Indonesian "(blank)")."""
SEMUA = "(Semua)"
"""Label of a report filter that lets every item through (Excel's Indonesian "(All)")."""

# Versions Excel 2016+ writes; minRefreshableVersion 3 is Excel 2007.
_CREATED_VERSION = 6
_MIN_REFRESHABLE_VERSION = 3

_Key = tuple[int, str | float]


class _TableDefinition(TableDefinition):  # type: ignore[misc]
    """openpyxl's pivot table definition without the ``r:id`` its writer puts on it.

    ``pivotTableDefinition`` has no such attribute in the schema (ECMA-376 Part 1,
    18.10.1.73); the table reaches its cache through ``cacheId`` and its relationship
    part. openpyxl serialises what ``__attrs__`` lists, so ``id`` is left out of it.
    """

    __attrs__ = tuple(name for name in TableDefinition.__attrs__ if name != "id")
    __elements__ = TableDefinition.__elements__
    __nested__ = TableDefinition.__nested__


def _key(value: Cell) -> _Key:
    """Equal keys for equal cell values: 1 and 1.0 are one number, "1" is text."""
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (2, value)
    return (1, float(value))


@dataclass(frozen=True, slots=True)
class CacheColumn:
    """One source column as the pivot cache stores it.

    Attributes:
        name: The column header.
        items: Distinct values, in display order; ``None`` (blank) last.
        indexes: For each source row, the index of its value in ``items``, in the
            narrowest machine integers that hold them (a column of 100,000 rows and a few
            items is 0.1 MB, not 3 MB of a tuple and its int objects).
    """

    name: str
    items: tuple[Cell, ...]
    indexes: Sequence[int]


def cache_column(name: str, values: Sequence[Cell], order: Sequence[str] = ()) -> CacheColumn:
    """The shared items of a column and each row's index into them.

    Args:
        name: The header.
        values: The column's cells, one per source row.
        order: Values to put first, in this order, when present (e.g. the predikat from
            best to worst); the others follow in order of first appearance, blank last.
    """
    present = {_key(v): v for v in values}
    items = _items(present, order)
    position = {_key(v): i for i, v in enumerate(items)}
    return CacheColumn(name, items, _indexes(len(items), [position[_key(v)] for v in values]))


def cache_column_kode(
    name: str, codes: np.ndarray, cells: Sequence[Cell], order: Sequence[str] = ()
) -> CacheColumn:
    """:func:`cache_column` of the column whose row ``r`` holds ``cells[codes[r]]`` (a
    code of -1: the last cell), made from the codes: no cell a row.

    Each key keeps its first row's place and its last row's cell, as :func:`cache_column`'s
    dict does."""
    count = len(codes)
    at = np.where(codes < 0, len(cells) - 1, codes)
    rows = np.arange(count)
    first = np.full(len(cells), count)
    np.minimum.at(first, at, rows)
    last = np.full(len(cells), -1)
    np.maximum.at(last, at, rows)
    # Each cell's key made once (a large summary's file column: 100,000 of them, made
    # three times over, were a tenth of the PivotTable's step, bench_memori.py's "Wave 17").
    keys = [_key(cell) for cell in cells]
    present: dict[_Key, Cell] = {}
    kept: dict[_Key, int] = {}  # the last row of each key's cell
    for code in np.argsort(first, kind="stable").tolist():
        if first[code] == count:
            break  # no row has this code (nor the ones after it)
        key = keys[code]
        if key not in present or last[code] > kept[key]:
            present[key], kept[key] = cells[code], int(last[code])
    del kept
    shown = _item_keys(present, order)
    items = tuple(present[key] for key in shown)
    position = {key: i for i, key in enumerate(shown)}
    del shown, present
    of_code = np.array([position.get(key, 0) for key in keys], dtype=np.int64)
    return CacheColumn(name, items, _indexes(len(items), of_code[at]))


def _items(present: dict[_Key, Cell], order: Sequence[str]) -> tuple[Cell, ...]:
    """The items of the distinct values ``present`` (key -> value, in order of first
    appearance): ``order``'s first, the others after, blank last."""
    return tuple(present[key] for key in _item_keys(present, order))


def _item_keys(present: dict[_Key, Cell], order: Sequence[str]) -> list[_Key]:
    """The keys of :func:`_items`, in its order."""
    first = [key for key in map(_key, order) if key in present]
    placed = set(first)
    rest = [k for k, v in present.items() if k not in placed and v is not None]
    blank = _key(None)
    return [*first, *rest, *([blank] if blank in present else [])]


_KINDS = (("B", np.uint8, 0xFF), ("H", np.uint16, 0xFFFF), ("I", np.uint32, 0xFFFFFFFF))


def _indexes(count: int, positions: Sequence[int] | np.ndarray) -> array[int]:
    """Each row's item index, in the narrowest machine integers that hold ``count``
    items."""
    kind, dtype, _ = next(k for k in _KINDS if count <= k[2] + 1)
    if isinstance(positions, np.ndarray):
        made = array(kind)
        made.frombytes(positions.astype(dtype).tobytes())
        return made
    return array(kind, positions)


def shared_items(column: CacheColumn) -> SharedItems:
    """The ``<sharedItems>`` of a column, with the type flags Excel checks against them.

    Flags as Excel writes them: none for text only; ``containsBlank`` with a blank;
    ``containsNumber`` (``containsInteger``), ``minValue``/``maxValue`` with numbers, plus
    ``containsString="0"`` (and ``containsSemiMixedTypes="0"`` without blanks) when there
    is no text, or ``containsMixedTypes`` when there is; ``longText`` for a text over 255
    characters.
    """
    texts = any(isinstance(v, str) for v in column.items)
    numbers = [float(v) for v in column.items if isinstance(v, int | float)]
    blank = None in column.items
    flags: dict[str, object] = {}
    if numbers:
        flags.update(containsNumber=True, minValue=min(numbers), maxValue=max(numbers))
        if all(n.is_integer() for n in numbers):
            flags["containsInteger"] = True
        if texts:
            flags["containsMixedTypes"] = True
        else:
            flags["containsString"] = False
            if not blank:
                flags["containsSemiMixedTypes"] = False
    elif not texts:
        flags.update(containsNonDate=False, containsString=False)
    if blank:
        flags["containsBlank"] = True
    if any(isinstance(v, str) and len(v) > 255 for v in column.items):
        flags["longText"] = True
    return Items(column.items, **flags)


class Items(SharedItems):  # type: ignore[misc]
    """``<sharedItems>`` whose items become elements only when written.

    openpyxl's :class:`SharedItems` holds an object per item (``Text``, ``Number``,
    ``Missing``), one per distinct value: 50,000 for the NIP column of a large summary,
    with its descriptors and serialisation a large share of the summary's time
    (benchmarks/README.md). These are the same elements (``tests/summary/test_pivot.py``
    compares them with openpyxl's).
    """

    # openpyxl's metaclass lists a subclass's own descriptors only (none): keep the parent's.
    __attrs__ = SharedItems.__attrs__
    __elements__ = SharedItems.__elements__
    __nested__ = SharedItems.__nested__

    def __init__(self, items: Sequence[Cell], **flags: Any) -> None:
        super().__init__(**flags)
        self._count = len(items)
        # Made once and kept deflated until the workbook is saved: a large summary's
        # NIP, name and file columns are each 100,000 distinct texts, 60 MiB of the
        # PivotTable's memory at 100,000 files kept as values (bench_memori.py).
        deflate = zlib.compressobj(1)
        self._xml = b"".join([*map(deflate.compress, _xml_of(items)), deflate.flush()])

    @property
    def count(self) -> int:
        """Items, as the ``count`` attribute says."""
        return self._count

    marker: str | None = None
    """Set by :class:`_Definition` while it writes: the element is then made with one
    child of this tag in place of its items, which are put in as one text after
    serialising (a tag: no text or attribute value can hold ``<``, ElementTree escapes
    it, so the marker is found only where it was put)."""

    def to_tree(self, tagname: str | None = None, idx: Any = None, namespace: Any = None) -> Any:
        """The element, its items made as ``<s v>``, ``<n v>`` and ``<m/>``."""
        tree = super().to_tree(tagname, idx, namespace)
        if self.marker is not None and self._count:
            SubElement(tree, self.marker)
            return tree
        if self._count:
            tree.extend(ElementTree.fromstring(b"<i>" + self.xml() + b"</i>"))
        return tree

    def xml(self) -> bytes:
        """The items as :meth:`to_tree` and ElementTree's ``tostring`` write them (the
        same attribute escapes, the same ``" />"``), made as one text."""
        return b"".join(self.xml_potongan())

    def xml_potongan(self) -> Iterator[bytes]:
        """:meth:`xml` in pieces of about a MiB, inflated as they are asked for: a large
        summary's file column is 16 MB of items at 100,000 files."""
        inflate = zlib.decompressobj()
        data = memoryview(self._xml)
        for start in range(0, len(data), _POTONGAN_XML):
            if piece := inflate.decompress(data[start : start + _POTONGAN_XML]):
                yield piece
        if rest := inflate.flush():
            yield rest


_POTONGAN_XML = 256 * 1024
"""Deflated bytes of shared items inflated at a time (about a MiB of items)."""


def _xml_of(items: Sequence[Cell], size: int = CHUNK_ROWS) -> Iterator[bytes]:
    """``<sharedItems>``'s children as ElementTree's ``tostring`` writes them, ``size``
    items at a time (a large summary's NIP, name and file columns have 100,000 each: made
    whole, their texts were the PivotTable's peak, bench_memori.py's "Wave 17")."""
    for start in range(0, len(items), size):
        parts = []
        for value in items[start : start + size]:
            if value is None:
                parts.append("<m />")
            elif isinstance(value, str):
                parts.append(f'<s v="{_escape_attrib(value)}" />')
            else:  # a number as openpyxl's Number writes it
                parts.append(f'<n v="{_escape_attrib(safe_string(float(value)))}" />')
        yield "".join(parts).encode()


_escape_attrib: Callable[[str], str] = ElementTree._escape_attrib  # type: ignore[attr-defined]
"""ElementTree's own escape of an attribute's value (private, the one ``tostring`` uses),
so that :meth:`Items.xml` writes the bytes ``tostring`` would."""


class _Definition(CacheDefinition):  # type: ignore[misc]
    """The cache definition, its shared items (tens of thousands for a large summary's
    NIP and name columns) written as text rather than an element each: the same bytes
    (``tests/summary/test_pivot.py``)."""

    # As for Items: openpyxl's metaclass would list none of the parent's descriptors.
    __attrs__ = CacheDefinition.__attrs__
    __elements__ = CacheDefinition.__elements__
    __nested__ = CacheDefinition.__nested__

    def _write(self, archive: Any, manifest: Any) -> None:
        # What CacheDefinition._write does (openpyxl 3.1), the items put in afterwards.
        self._write_rels(archive, manifest)
        fields = [f.sharedItems for f in self.cacheFields or ()]
        items = [i for i in fields if isinstance(i, Items) and i.count]
        for n, shared in enumerate(items):
            shared.marker = f"skp-xl-items-{n}"
        try:
            xml = tostring(self.to_tree())
        finally:
            for shared in items:
                shared.marker = None
        # Written as the items are inflated, in pieces of _TULIS_DEFINISI: every
        # column's items inflated at once, then joined, were two copies of them at the
        # save (bench_memori.py's "Wave 17"), and one buffer of them all (30 MB at
        # 100,000 files) was the save's peak ("Wave 18"). A small summary's part is
        # one piece, deflated as one piece is (tests/summary/test_workbook.py).
        entry = archive.open(self.path[1:], "w", force_zip64=True)
        with io.BufferedWriter(entry, buffer_size=_TULIS_DEFINISI) as out:  # closes entry
            at = 0
            for n, shared in enumerate(items):  # in document order: the fields' order
                marker = f"<skp-xl-items-{n} />".encode()
                found = xml.index(marker, at)
                out.write(memoryview(xml)[at:found])
                for piece in shared.xml_potongan():
                    out.write(piece)
                at = found + len(marker)
            out.write(memoryview(xml)[at:])
        manifest.append(self)


_TAG_DIBUAT = 4096
"""Items of a column up to which :meth:`Records.chunks` makes each item's tag once."""

_TULIS_DEFINISI = 1024 * 1024
"""Bytes of the cache definition handed to the zip at a time (see :class:`_Definition`)."""


class Records(RecordList):  # type: ignore[misc]
    """The cache records (``pivotCacheRecords``), written straight as XML.

    openpyxl's own :class:`RecordList` holds an object per source cell (a ``Record`` a
    row, an ``Index`` a cell) and serialises them one by one: a summary's largest cost
    after its tables (benchmarks/README.md). These are the same bytes, made by joining
    strings (``tests/summary/test_pivot.py`` compares them).
    """

    def __init__(self, columns: Sequence[CacheColumn]) -> None:
        super().__init__()
        # Each column's item count and row indexes: not its items, kept by the fields.
        self.columns = tuple((len(c.items), c.indexes) for c in columns)

    @classmethod
    def dari(cls, columns: Sequence[tuple[int, Sequence[int]]]) -> Records:
        """The records of columns given as each one's item count and row indexes."""
        made = cls(())
        made.columns = tuple(columns)
        return made

    @property
    def count(self) -> int:
        """Source rows: one record each."""
        return len(self.columns[0][1]) if self.columns else 0

    def to_xml(self) -> bytes:
        """The part: one ``<r>`` a source row, one ``<x v="k"/>`` a cell (its item)."""
        return b"".join(self.chunks())

    def chunks(self, rows: int = CHUNK_ROWS) -> Iterator[bytes]:
        """The part in pieces of ``rows`` records, made from the columns' indexes as they
        are written (the part, tens of MB for a large summary, is never whole)."""
        # Each item's tag made once, for a column of few items; a column of many (a
        # large summary's NIP and file columns: 100,000 each, nearly one row an item) has
        # its tags made as its rows are written: made beforehand, every column's were the
        # save's peak at 100,000 files (bench_memori.py's "Wave 18").
        tags: list[list[str] | tuple[str, str]] = []
        for n, (size, _) in enumerate(self.columns):
            before = "<r>" if n == 0 else ""
            after = "</r>" if n == len(self.columns) - 1 else ""
            if size > _TAG_DIBUAT:
                tags.append((before, after))
            else:
                tags.append([f'{before}<x v="{k}" />{after}' for k in range(size)])
        yield f'<pivotCacheRecords count="{self.count}" xmlns="{SHEET_MAIN_NS}">'.encode()
        for start in range(0, self.count, rows):
            cells = []
            for tag, (_, indexes) in zip(tags, self.columns, strict=True):
                part = indexes[start : start + rows]
                if isinstance(tag, list):
                    cells.append([tag[k] for k in part])
                else:
                    before, after = tag
                    cells.append([f'{before}<x v="{k}" />{after}' for k in part])
            yield "".join(map("".join, zip(*cells, strict=True))).encode()
        yield b"</pivotCacheRecords>"

    def _write(self, archive: Any, manifest: Any) -> None:
        # What RecordList._write does (openpyxl 3.1), the part written as it is made.
        with archive.open(self.path[1:], "w", force_zip64=True) as part:
            for chunk in self.chunks():
                part.write(chunk)
        manifest.append(self)


@dataclass(frozen=True, slots=True, kw_only=True)
class PivotSpec:
    """What the PivotTable counts and where it goes.

    Attributes:
        name: The PivotTable's name, unique in the workbook.
        source_table: displayName of the Excel Table holding the source rows. Excel and
            LibreOffice resolve it to the Table's range, and Excel follows the Table when
            rows are added to it.
        row_field: Header of the field whose items are the rows.
        col_field: Header of the field whose items are the columns.
        count_field: Header of the field counted (non-blank values, Excel's "Count").
        data_caption: Name of the count shown in the corner cell.
        filters: Report filters (page fields), each a header and the one value counted;
            a value absent from the data leaves that filter at "all".
        grand_total_caption: Label of the totals row and column.
        top_left: Row and column of the output's top-left cell (report filters first,
            then a blank row, then the table).
        row_order: Row items to show first, in this order.
        col_order: Column items to show first, in this order.
    """

    name: str
    source_table: str
    row_field: str
    col_field: str
    count_field: str
    data_caption: str
    filters: Sequence[tuple[str, Cell]] = ()
    grand_total_caption: str = "Total"
    top_left: tuple[int, int] = (3, 1)
    row_order: Sequence[str] = ()
    col_order: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Crosstab:
    """The pivot's output: counts per row item and column item.

    Attributes:
        rows: Row items shown, in display order (``None`` is the blank item).
        cols: Column items shown, in display order.
        row_x: Index of each shown row item among the field's items.
        col_x: Index of each shown column item among the field's items.
        counts: ``counts[i][j]``: source rows with row item ``i`` and column item ``j``
            whose counted field is not blank; ``None`` where no source row has both
            items (Excel leaves such a cell empty).
    """

    rows: tuple[Cell, ...]
    cols: tuple[Cell, ...]
    row_x: tuple[int, ...]
    col_x: tuple[int, ...]
    counts: tuple[tuple[int | None, ...], ...]

    @property
    def row_totals(self) -> tuple[int, ...]:
        """The totals column."""
        return tuple(sum(c or 0 for c in row) for row in self.counts)

    @property
    def col_totals(self) -> tuple[int, ...]:
        """The totals row."""
        return tuple(sum(row[j] or 0 for row in self.counts) for j in range(len(self.cols)))


def crosstab(
    rows: CacheColumn,
    cols: CacheColumn,
    counted: Sequence[Cell],
    selected: Sequence[int] | None = None,
) -> Crosstab:
    """Count source rows per (row item, column item), as the PivotTable shows them.

    Args:
        rows: The row field.
        cols: The column field.
        counted: The counted field's value in each source row.
        selected: The source rows the report filters let through; ``None`` for all.
            Items without a selected row are not shown.
    """
    chosen = range(len(counted)) if selected is None else selected
    row_x = tuple(sorted({rows.indexes[n] for n in chosen}))
    col_x = tuple(sorted({cols.indexes[n] for n in chosen}))
    at_row = {x: i for i, x in enumerate(row_x)}
    at_col = {x: j for j, x in enumerate(col_x)}
    counts: list[list[int | None]] = [[None] * len(col_x) for _ in row_x]
    for n in chosen:
        i, j = at_row[rows.indexes[n]], at_col[cols.indexes[n]]
        counts[i][j] = (counts[i][j] or 0) + (counted[n] is not None)
    return Crosstab(
        tuple(rows.items[x] for x in row_x),
        tuple(cols.items[x] for x in col_x),
        row_x,
        col_x,
        tuple(tuple(row) for row in counts),
    )


@dataclass(frozen=True, slots=True)
class _Filter:
    field: int
    item: int | None  # index of the selected item; None: all


def _filters(
    spec: PivotSpec, headers: Sequence[str], columns: Mapping[int, CacheColumn]
) -> tuple[list[_Filter], list[int]]:
    """The report filters with their selected items, and the source rows they let through."""
    filters = []
    for header, value in spec.filters:
        field = headers.index(header)
        items = [_key(v) for v in columns[field].items]
        item = items.index(_key(value)) if _key(value) in items else None
        filters.append(_Filter(field, item))
    count = len(next(iter(columns.values())).indexes) if columns else 0
    selected = [
        n
        for n in range(count)
        if all(f.item is None or columns[f.field].indexes[n] == f.item for f in filters)
    ]
    if not selected:  # the selections exclude each other: show everything rather than nothing
        filters = [_Filter(f.field, None) for f in filters]
        selected = list(range(count))
    return filters, selected


class Kolom(Protocol):
    """Source rows given a column at a time (:class:`.data.KolomTabel`)."""

    def __len__(self) -> int:
        """The number of rows."""
        ...

    def column(self, index: int) -> list[Cell]:
        """Column ``index``'s cells, every row."""
        ...

    def kode(self, index: int) -> tuple[np.ndarray, list[Cell]] | None:
        """Column ``index`` as each row's code and each code's cell (the last: a blank's,
        code -1), or None when only :meth:`column` gives its cells."""
        ...


def _cache_column(
    source: Sequence[Sequence[Cell]] | Kolom, index: int, header: str, order: Sequence[str]
) -> CacheColumn:
    if isinstance(source, Sequence):
        return cache_column(header, [row[index] for row in source], order)
    coded = source.kode(index)
    if coded is None:
        return cache_column(header, source.column(index), order)
    return cache_column_kode(header, *coded, order)


def add_pivot(
    ws: Worksheet,
    spec: PivotSpec,
    headers: Sequence[str],
    rows: Sequence[Sequence[Cell]] | Kolom,
) -> Crosstab:
    """Add a count PivotTable over ``rows`` to ``ws`` and write its output cells.

    Args:
        ws: The sheet that shows the PivotTable; nothing may lie right of or below
            ``spec.top_left`` (Excel grows the table there when it refreshes).
        spec: What to count and where.
        headers: The source's headers (the cache fields, in order).
        rows: The source rows (at least one), as written under the headers; or those
            rows' cells a column at a time (a large table's, never all made at once).

    Returns:
        The output, as written into the cells.
    """
    row_x, col_x, count_x = (
        headers.index(spec.row_field),
        headers.index(spec.col_field),
        headers.index(spec.count_field),
    )
    page_x = [headers.index(header) for header, _ in spec.filters]
    axes = {row_x: "axisRow", col_x: "axisCol"} | dict.fromkeys(page_x, "axisPage")
    # A column at a time: its shared items (kept deflated), its field and its records'
    # indexes made, and its distinct values let go unless the table below needs them.
    # A large summary's NIP, name and file columns are 100,000 distinct texts each:
    # made all at once, they were the PivotTable's peak (benchmarks/README.md,
    # bench_memori.py's "Wave 16").
    columns: dict[int, CacheColumn] = {}
    fields: list[CacheField] = []
    pivot_fields: list[PivotField] = []
    records: list[tuple[int, Sequence[int]]] = []
    for index, header in enumerate(headers):
        order: Sequence[str] = ()
        if header == spec.row_field:
            order = spec.row_order
        elif header == spec.col_field:
            order = spec.col_order
        column = _cache_column(rows, index, header, order)
        fields.append(CacheField(name=column.name, numFmtId=0, sharedItems=shared_items(column)))
        pivot_fields.append(_pivot_field(column, axes.get(index), data_field=index == count_x))
        records.append((len(column.items), column.indexes))
        if index in (row_x, col_x, count_x, *page_x):
            columns[index] = column
        del column
    filters, selected = _filters(spec, headers, columns)
    counted = columns[count_x]
    values = [counted.items[k] for k in counted.indexes]  # equal, as a key, to each cell
    table = crosstab(columns[row_x], columns[col_x], values, selected)

    cache = _Definition(
        refreshOnLoad=True,
        createdVersion=_CREATED_VERSION,
        refreshedVersion=_CREATED_VERSION,
        minRefreshableVersion=_MIN_REFRESHABLE_VERSION,
        recordCount=len(rows),
        cacheSource=CacheSource(
            type="worksheet",
            worksheetSource=WorksheetSource(name=spec.source_table),
        ),
        cacheFields=fields,
    )
    cache.records = Records.dari(records)

    top, left = _table_top_left(spec)
    bottom = top + 1 + len(table.rows) + 1
    right = left + len(table.cols) + 1
    ref = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
    pivot = _TableDefinition(
        name=spec.name,
        cacheId=CACHE_ID,
        dataCaption=spec.data_caption,
        grandTotalCaption=spec.grand_total_caption,
        updatedVersion=_CREATED_VERSION,
        minRefreshableVersion=_MIN_REFRESHABLE_VERSION,
        createdVersion=_CREATED_VERSION,
        useAutoFormatting=True,
        itemPrintTitles=True,
        indent=0,
        compact=False,
        compactData=False,
        outline=True,
        outlineData=True,
        multipleFieldFilters=False,
        location=Location(
            ref=ref,
            firstHeaderRow=1,
            firstDataRow=2,
            firstDataCol=1,
            rowPageCount=len(filters) or None,
            colPageCount=1 if filters else None,
        ),
        pivotFields=pivot_fields,
        rowFields=[RowColField(x=row_x)],
        rowItems=_axis_items(table.row_x),
        colFields=[RowColField(x=col_x)],
        colItems=_axis_items(table.col_x),
        pageFields=[PageField(fld=f.field, item=f.item, hier=-1) for f in filters],
        dataFields=[
            DataField(
                name=spec.data_caption, fld=count_x, subtotal="count", baseField=0, baseItem=0
            )
        ],
        pivotTableStyleInfo=PivotTableStyle(
            name="PivotStyleMedium9",
            showRowHeaders=True,
            showColHeaders=True,
            showRowStripes=False,
            showColStripes=False,
            showLastColumn=True,
        ),
    )
    pivot.cache = cache
    ws.add_pivot(pivot)
    _write_output(ws, spec, table, [(f, columns[f.field]) for f in filters])
    return table


def _table_top_left(spec: PivotSpec) -> tuple[int, int]:
    """Where the table (its ``location``) starts: below the filters and a blank row."""
    top, left = spec.top_left
    return (top + len(spec.filters) + 1 if spec.filters else top), left


def _pivot_field(column: CacheColumn, axis: str | None, *, data_field: bool) -> PivotField:
    common = {"compact": False, "outline": False, "showAll": False, "dataField": data_field or None}
    if axis is None:
        return PivotField(**common)
    # Shared items are already in display order, so item k shows shared item k.
    items = [FieldItem(x=k) for k in range(len(column.items))] + [FieldItem(t="default")]
    return PivotField(axis=axis, items=items, **common)


def _axis_items(shown: Sequence[int]) -> list[RowColItem]:
    """Row or column items: each shown field item in order, then the grand total."""
    return [RowColItem(t="data", x=[Index(v=k)]) for k in shown] + [
        RowColItem(t="grand", x=[Index(v=0)])
    ]


def _label(value: Cell) -> Cell:
    return KOSONG if value is None else value


def _write_output(
    ws: Worksheet, spec: PivotSpec, table: Crosstab, filters: Sequence[tuple[_Filter, CacheColumn]]
) -> None:
    """The cells Excel shows for the tabular layout before its first refresh."""
    bold = font(bold=True)
    page_top, left = spec.top_left
    for offset, (selection, column) in enumerate(filters):
        literal(ws.cell(page_top + offset, left, column.name)).font = bold
        shown = SEMUA if selection.item is None else _label(column.items[selection.item])
        literal(ws.cell(page_top + offset, left + 1, shown))
    top, left = _table_top_left(spec)
    ws.cell(top, left, spec.data_caption).font = bold
    ws.cell(top, left + 1, spec.col_field).font = bold
    ws.cell(top + 1, left, spec.row_field).font = bold
    for j, item in enumerate(table.cols):
        literal(ws.cell(top + 1, left + 1 + j, _label(item))).font = bold
    ws.cell(top + 1, left + 1 + len(table.cols), spec.grand_total_caption).font = bold
    for i, (item, counts, total) in enumerate(
        zip(table.rows, table.counts, table.row_totals, strict=True)
    ):
        row = top + 2 + i
        literal(ws.cell(row, left, _label(item)))
        for j, count in enumerate(counts):
            ws.cell(row, left + 1 + j, count)
        ws.cell(row, left + 1 + len(table.cols), total).font = bold
    last = top + 2 + len(table.rows)
    ws.cell(last, left, spec.grand_total_caption).font = bold
    for j, total in enumerate((*table.col_totals, sum(table.row_totals))):
        ws.cell(last, left + 1 + j, total).font = bold
