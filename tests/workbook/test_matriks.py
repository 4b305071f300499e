"""The Matriks Pembagian Peran dan Hasil workbook: names, inputs, print setup, LibreOffice."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest
from openpyxl.utils.cell import get_column_letter, range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from skp_xl.forms import text as t
from skp_xl.forms.matriks import (
    MATRIKS_IKI,
    MATRIKS_PEGAWAI,
    MATRIKS_PEGAWAI_NAMA,
    MATRIKS_PIMPINAN_JABATAN,
    MATRIKS_PIMPINAN_NAMA,
    MATRIKS_PIMPINAN_NIP,
    MATRIKS_PIMPINAN_PANGKAT,
    MATRIKS_UNIT_KERJA,
    TEMPLATE_ID,
    WORKBLOCK_DAFTAR,
    WORKBLOCK_NAMES,
    tim_ketua_name,
    tim_name,
)
from skp_xl.forms.model import TEMPLATE_VERSION
from skp_xl.workbook.formulas import nip_valid_formula
from skp_xl.workbook.matriks import MatriksOptions, build_matriks_workbook
from tests.libreoffice import LibreOffice, Recalculated, is_ci

# Fictional people and office.
PIMPINAN: dict[str, str | int] = {
    "PEGAWAI_NAMA": "Sekar Ayuningtyas",
    "PEGAWAI_NIP": "197804152003122002",
    "PEGAWAI_PANGKAT": "Pembina Utama Muda, IV/c",
    "PEGAWAI_JABATAN": "Kepala Dinas Kearsipan",
    "PEGAWAI_UNIT_KERJA": "Dinas Kearsipan dan Perpustakaan",
    "SKP_INSTANSI": "Pemerintah Kabupaten Sukamaju",
    "SKP_TAHUN": 2025,
}
PEGAWAI = [
    ("Bagas Prakoso", "198601092010011001", "Sekretaris"),
    ("Nirmala Kusumawardani", "199003212015032004", "Arsiparis Ahli Muda"),
    ("Rangga Aditama", "199207142019031002", "Pengelola Arsip"),
]
ANGGOTA = [("Galih Pramudya", "199511302020121003", "Arsiparis Terampil")]
PRINTED = ("Matriks", "Matriks Tim", "Workblock")


class Area(NamedTuple):
    """Where a defined name points: sheet title and bounds (1-based, inclusive)."""

    sheet: str
    min_col: int
    min_row: int
    max_col: int
    max_row: int

    @property
    def rows(self) -> int:
        return self.max_row - self.min_row + 1

    @property
    def columns(self) -> int:
        return self.max_col - self.min_col + 1

    def cells(self) -> list[str]:
        return [
            f"{get_column_letter(c)}{r}"
            for r in range(self.min_row, self.max_row + 1)
            for c in range(self.min_col, self.max_col + 1)
        ]


def area(wb: Workbook, name: str) -> Area:
    ((sheet, coord),) = list(wb.defined_names[name].destinations)
    bounds = range_boundaries(coord.replace("$", ""))
    min_col, min_row, max_col, max_row = (int(b) for b in bounds)
    return Area(sheet, min_col, min_row, max_col, max_row)


def validations(ws: Worksheet) -> list[DataValidation]:
    return list(ws.data_validations.dataValidation)


def covering(ws: Worksheet, cell: str) -> list[DataValidation]:
    return [dv for dv in validations(ws) if cell in dv.sqref]


def text_of(ws: Worksheet) -> set[str]:
    return {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}


@pytest.fixture(scope="module")
def wb() -> Workbook:
    return build_matriks_workbook(MatriksOptions(identitas=PIMPINAN))


SMALL = MatriksOptions(iki=3, pegawai=4, tim=2, anggota=2)


# -- structure ---------------------------------------------------------------------------


def test_sheets_in_order_with_reference_and_meta_hidden(wb: Workbook) -> None:
    assert wb.sheetnames == ["Petunjuk", "Matriks", "Matriks Tim", "Workblock", "_ref", "_meta"]
    states = {ws.title: ws.sheet_state for ws in wb.worksheets}
    assert states == {
        **dict.fromkeys(wb.sheetnames, "visible"),
        "_ref": "hidden",
        "_meta": "hidden",
    }
    assert wb.active.title == "Matriks"


def test_without_teams_the_team_sheet_is_left_out() -> None:
    wb = build_matriks_workbook(MatriksOptions(tim=0))
    assert "Matriks Tim" not in wb.sheetnames
    assert not [n for n in wb.defined_names if n.startswith("MATRIKS_TIM")]


def test_meta_names_the_template_and_its_version(wb: Workbook) -> None:
    for name, value in (("META_TEMPLATE_ID", TEMPLATE_ID), ("META_TEMPLATE_VERSION", None)):
        where = area(wb, name)
        assert where.sheet == "_meta"
        cell = wb[where.sheet].cell(where.min_row, where.min_col).value
        assert cell == (value or TEMPLATE_VERSION)
    assert TEMPLATE_ID == "matriks-peran-hasil"


@pytest.mark.parametrize("options", [MatriksOptions(), SMALL], ids=["default", "small"])
def test_names_match_the_capacity_asked_for(options: MatriksOptions) -> None:
    wb = build_matriks_workbook(options)
    iki, body = area(wb, MATRIKS_IKI), area(wb, MATRIKS_PEGAWAI)
    assert (iki.sheet, iki.rows, iki.columns) == ("Matriks", 1, options.iki)
    assert (body.sheet, body.rows, body.columns) == ("Matriks", options.pegawai, 3 + options.iki)
    # Peran column j of the body sits under IKI j; the leader's row is right above.
    assert (iki.min_col, iki.max_col, iki.max_row) == (
        body.min_col + 3,
        body.max_col,
        body.min_row - 1,
    )
    leader = [
        area(wb, n) for n in (MATRIKS_PIMPINAN_NAMA, MATRIKS_PIMPINAN_NIP, MATRIKS_PIMPINAN_JABATAN)
    ]
    assert [(a.min_row, a.min_col, a.rows, a.columns) for a in leader] == [
        (iki.min_row, body.min_col + offset, 1, 1) for offset in range(3)
    ]
    nama = area(wb, MATRIKS_PEGAWAI_NAMA)
    assert (nama.min_row, nama.max_row, nama.min_col, nama.columns) == (
        body.min_row,
        body.max_row,
        body.min_col,
        1,
    )
    for nomor in range(1, options.tim + 1):
        ketua, anggota = area(wb, tim_ketua_name(nomor)), area(wb, tim_name(nomor))
        assert (ketua.sheet, ketua.rows, ketua.columns) == ("Matriks Tim", 1, 3 + options.iki)
        assert (anggota.rows, anggota.columns) == (options.anggota, 3 + options.iki)
        assert (ketua.min_col, ketua.max_row) == (anggota.min_col, anggota.min_row - 1)
    assert tim_name(options.tim + 1) not in wb.defined_names
    for pair in (*WORKBLOCK_NAMES, *WORKBLOCK_DAFTAR):
        for name in pair:
            assert area(wb, name).sheet == "Workblock"
    for name in WORKBLOCK_DAFTAR[0] + WORKBLOCK_DAFTAR[1]:
        assert area(wb, name).columns == 1


def test_matrix_header_prints_the_form_words(wb: Workbook) -> None:
    ws = wb["Matriks"]
    iki = area(wb, MATRIKS_IKI)
    top, labels = iki.min_row - 2, iki.min_row - 1
    first = iki.min_col - 3
    assert [ws.cell(top, first + k).value for k in (0, 2, 3)] == [
        t.MATRIKS_PEGAWAI,
        t.MATRIKS_JABATAN,
        t.MATRIKS_PERAN,
    ]
    assert [ws.cell(labels, c).value for c in range(first, iki.max_col + 1)] == [
        "NAMA",
        "NIP",
        None,  # JABATAN is merged over both header rows
        *(f"INDIKATOR KINERJA INDIVIDU {n}" for n in range(1, iki.columns + 1)),
    ]
    merged = {str(r) for r in ws.merged_cells.ranges}
    last = get_column_letter(iki.max_col)
    assert {f"A{top}:B{top}", f"C{top}:C{labels}", f"D{top}:{last}{top}"} <= merged
    titles = [ws.cell(r, 1).value for r in range(1, top)]
    assert t.MATRIKS in titles
    assert '=IF(SKP_INSTANSI="","(NAMA INSTANSI)",UPPER(SKP_INSTANSI))' in titles
    team = wb["Matriks Tim"]
    ketua = area(wb, tim_ketua_name(1))
    assert [team.cell(ketua.min_row - 1, c).value for c in (4, ketua.max_col)] == [
        "RENCANA HASIL KERJA 1",
        f"RENCANA HASIL KERJA {ketua.columns - 3}",
    ]
    assert [team.cell(r, 1).value for r in range(1, ketua.min_row)].count(t.MATRIKS) == 1
    assert sum(str(v) == t.MATRIKS for v in (c.value for c in team["A"])) == 5


def test_workblock_prints_the_guide_fields_beside_their_inputs(wb: Workbook) -> None:
    ws = wb["Workblock"]
    for labels, names in zip(t.WORKBLOCK_FIELDS, WORKBLOCK_NAMES, strict=True):
        for label, name in zip(labels, names, strict=True):
            where = area(wb, name)
            left = ws.cell(where.min_row, where.min_col - 1)
            if left.value is None:  # the first label spans two columns
                left = ws.cell(where.min_row, where.min_col - 2)
            assert left.value == label
    column_a = [c.value for c in ws["A"]]
    assert column_a.count(t.RUTIN) == 2
    assert column_a.count(t.TRANSFORMATIF) == 2
    assert column_a.index(t.STRATEGI) < column_a.index(t.KELUARAN_KUNCI)
    assert t.WORKBLOCK in column_a
    strategi = area(wb, WORKBLOCK_DAFTAR[0][0])
    assert ws.cell(strategi.min_row - 1, 1).value == t.RUTIN
    assert [ws.cell(r, 1).value for r in range(strategi.min_row, strategi.max_row + 1)] == [
        f"{n}." for n in range(1, strategi.rows + 1)
    ]


def test_identitas_fills_the_leader_and_the_period(wb: Workbook) -> None:
    def value(name: str) -> object:
        where = area(wb, name)
        return wb[where.sheet].cell(where.min_row, where.min_col).value

    assert value(MATRIKS_PIMPINAN_NAMA) == PIMPINAN["PEGAWAI_NAMA"]
    assert value(MATRIKS_PIMPINAN_JABATAN) == PIMPINAN["PEGAWAI_JABATAN"]
    assert value(MATRIKS_PIMPINAN_PANGKAT) == PIMPINAN["PEGAWAI_PANGKAT"]
    assert value(MATRIKS_UNIT_KERJA) == PIMPINAN["PEGAWAI_UNIT_KERJA"]
    assert value("SKP_INSTANSI") == PIMPINAN["SKP_INSTANSI"]
    assert value("SKP_TAHUN") == 2025
    assert value("SKP_PERIODE_MULAI") == "1 Januari"
    assert value("SKP_PERIODE_SELESAI") == "31 Desember"
    nip = area(wb, MATRIKS_PIMPINAN_NIP)
    cell = wb["Matriks"].cell(nip.min_row, nip.min_col)
    assert (cell.value, cell.data_type, cell.number_format) == (PIMPINAN["PEGAWAI_NIP"], "s", "@")


def test_identitas_names_the_workbook_does_not_use_are_refused() -> None:
    with pytest.raises(ValueError, match="PENILAI_NAMA"):
        MatriksOptions(identitas={"PENILAI_NAMA": "Bagas Prakoso"})


@pytest.mark.parametrize(
    "counts",
    [{"iki": 0}, {"iki": 21}, {"pegawai": 0}, {"tim": -1}, {"anggota": 0}],
)
def test_counts_out_of_range_are_refused(counts: dict[str, int]) -> None:
    with pytest.raises(ValueError, match=next(iter(counts))):
        MatriksOptions(**counts)  # type: ignore[arg-type]


def _peran_areas(wb: Workbook) -> list[Area]:
    body = area(wb, MATRIKS_PEGAWAI)
    areas = [body]
    nomor = 1
    while tim_name(nomor) in wb.defined_names:
        areas.append(area(wb, tim_name(nomor)))
        nomor += 1
    return [a._replace(min_col=a.min_col + 3) for a in areas]


@pytest.mark.parametrize("options", [MatriksOptions(), SMALL], ids=["default", "small"])
def test_peran_cells_offer_tidak_ada_peran_and_take_free_text(options: MatriksOptions) -> None:
    wb = build_matriks_workbook(options)
    areas = _peran_areas(wb)
    assert len(areas) == 1 + options.tim
    for where in areas:
        ws = wb[where.sheet]
        for cell in where.cells():
            (dv,) = covering(ws, cell)
            assert (dv.type, dv.formula1) == ("list", f'"{t.TIDAK_ADA_PERAN}"')
            # No error alert: typed text is kept as it is.
            assert not dv.showErrorMessage
            assert dv.showInputMessage
            assert t.TIDAK_ADA_PERAN in dv.prompt
            assert len(dv.prompt) <= 255


@pytest.mark.parametrize("options", [MatriksOptions(), SMALL], ids=["default", "small"])
def test_every_nip_cell_is_checked_for_18_digits(options: MatriksOptions) -> None:
    wb = build_matriks_workbook(options)
    heads = [area(wb, MATRIKS_IKI)] + [
        area(wb, tim_ketua_name(n)) for n in range(1, options.tim + 1)
    ]
    bodies = [area(wb, MATRIKS_PEGAWAI)] + [
        area(wb, tim_name(n)) for n in range(1, options.tim + 1)
    ]
    for head, body in zip(heads, bodies, strict=True):
        ws = wb[body.sheet]
        first = f"B{head.min_row}"
        for row in range(head.min_row, body.max_row + 1):
            (dv,) = covering(ws, f"B{row}")
            assert (dv.type, dv.formula1) == ("custom", nip_valid_formula(first))
            assert dv.showErrorMessage
            assert dv.allow_blank
            assert ws[f"B{row}"].number_format == "@"


def test_team_leaders_are_offered_from_the_matrix(wb: Workbook) -> None:
    ws = wb["Matriks Tim"]
    for nomor in range(1, 6):
        ketua = area(wb, tim_ketua_name(nomor))
        (dv,) = covering(ws, f"A{ketua.min_row}")
        assert (dv.type, dv.formula1, bool(dv.showErrorMessage)) == (
            "list",
            MATRIKS_PEGAWAI_NAMA,
            False,
        )


@pytest.mark.parametrize("title", PRINTED)
def test_no_cell_has_two_validations(wb: Workbook, title: str) -> None:
    seen: dict[str, int] = {}
    for index, dv in enumerate(validations(wb[title])):
        for rng in dv.sqref.ranges:
            for row in rng.cells:
                cell = f"{get_column_letter(row[1])}{row[0]}"
                assert cell not in seen, (cell, seen.get(cell), index)
                seen[cell] = index


def _input_names(wb: Workbook) -> list[str]:
    return [
        n
        for n in wb.defined_names
        if n.startswith(("MATRIKS", "WORKBLOCK", "SKP_")) and area(wb, n).sheet in PRINTED
    ]


def test_inputs_are_unlocked_and_the_form_is_locked(wb: Workbook) -> None:
    names = _input_names(wb)
    # ISIAN BANTU 6, leader 3, IKI, body, NAMA column, 5 teams x 2, Workblock 8 + 4.
    assert len(names) == 6 + 3 + 3 + 5 * 2 + 8 + 4
    for name in names:
        where = area(wb, name)
        ws = wb[where.sheet]
        for cell in where.cells():
            assert not ws[cell].protection.locked, (name, cell)
    ws = wb["Matriks"]
    iki = area(wb, MATRIKS_IKI)
    for row in (iki.min_row - 2, iki.min_row - 1):
        assert all(ws.cell(row, c).protection.locked for c in range(1, iki.max_col + 1))
    assert ws["A1"].protection.locked


@pytest.mark.parametrize("password", [None, "rahasia"])
def test_every_sheet_is_protected_without_a_password_by_default(password: str | None) -> None:
    wb = build_matriks_workbook(MatriksOptions(password=password))
    for ws in wb.worksheets:
        assert ws.protection.sheet, ws.title
        if ws.title in PRINTED:
            assert bool(ws.protection.password) is (password is not None), ws.title
        assert not ws.protection.formatRows  # people may resize rows to read long text


@pytest.mark.parametrize(
    ("title", "orientation"),
    [("Matriks", "landscape"), ("Matriks Tim", "landscape"), ("Workblock", "portrait")],
)
def test_forms_print_on_a4_fitted_to_the_page_width(
    wb: Workbook, title: str, orientation: str
) -> None:
    ws = wb[title]
    setup = ws.page_setup
    assert (int(setup.paperSize), setup.orientation) == (9, orientation)  # 9 = A4
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.center.text == "Halaman &P dari &N"
    assert ws.oddFooter.right.text == ("Format A.1.4" if title == "Workblock" else "Format A.1.5")
    assert ws.sheet_view.showGridLines is False


def test_matrix_prints_from_its_title_and_repeats_header_and_leader(wb: Workbook) -> None:
    ws = wb["Matriks"]
    iki, body = area(wb, MATRIKS_IKI), area(wb, MATRIKS_PEGAWAI)
    title_row = next(r for r in range(1, 30) if ws.cell(r, 1).value == t.MATRIKS)
    assert (
        ws.print_area
        == f"'Matriks'!$A${title_row}:${get_column_letter(iki.max_col)}${body.max_row}"
    )
    # The ISIAN BANTU inputs above the form stay off paper.
    assert area(wb, "SKP_INSTANSI").min_row < title_row
    assert ws.print_title_rows == f"${iki.min_row - 2}:${iki.min_row}"


def test_each_team_starts_a_page_of_its_own(wb: Workbook) -> None:
    ws = wb["Matriks Tim"]
    breaks = [b.id for b in ws.row_breaks.brk]
    ends = [area(wb, tim_name(n)).max_row for n in range(1, 5)]
    assert breaks == [end + 1 for end in ends]
    starts = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == t.MATRIKS]
    assert starts == [1] + [b + 1 for b in breaks]


def test_petunjuk_gives_the_filling_steps(wb: Workbook) -> None:
    words = " ".join(text_of(wb["Petunjuk"]))
    for phrase in (t.WORKBLOCK, t.MATRIKS, t.TIDAK_ADA_PERAN, "bahasa pencapaian/hasil"):
        assert phrase in words
    assert wb["Petunjuk"].protection.sheet


def _members(wb: Workbook) -> dict[str, bytes]:
    buffer = io.BytesIO()
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        # docProps/core.xml holds the creation time openpyxl stamps on every save.
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


def test_output_is_the_same_every_time() -> None:
    options = MatriksOptions(identitas=PIMPINAN)
    assert _members(build_matriks_workbook(options)) == _members(build_matriks_workbook(options))


# -- LibreOffice ---------------------------------------------------------------------------


def _fill(wb: Workbook) -> None:
    """IKI codes K01.. that pdftotext can find, three pegawai, one team of one."""
    iki = area(wb, MATRIKS_IKI)
    ws = wb["Matriks"]
    for index, column in enumerate(range(iki.min_col, iki.max_col + 1), start=1):
        ws.cell(iki.min_row, column, f"K{index:02d}")
    body = area(wb, MATRIKS_PEGAWAI)
    for offset, (nama, nip, jabatan) in enumerate(PEGAWAI):
        row = body.min_row + offset
        for column, value in enumerate((nama, nip, jabatan), start=body.min_col):
            ws.cell(row, column, value).data_type = "s"
        ws.cell(row, body.min_col + 3, f"Peran {offset + 1}")
        ws.cell(row, body.min_col + 4, t.TIDAK_ADA_PERAN)
    team = wb["Matriks Tim"]
    ketua, anggota = area(wb, tim_ketua_name(1)), area(wb, tim_name(1))
    for column, value in enumerate(PEGAWAI[1], start=ketua.min_col):
        team.cell(ketua.min_row, column, value).data_type = "s"
    team.cell(ketua.min_row, ketua.min_col + 3, "Rencana T01")
    for column, value in enumerate(ANGGOTA[0], start=anggota.min_col):
        team.cell(anggota.min_row, column, value).data_type = "s"
    team.cell(anggota.min_row, anggota.min_col + 3, "Peran T01")


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workbook, Path]:
    wb = build_matriks_workbook(MatriksOptions(identitas=PIMPINAN))
    _fill(wb)
    path = tmp_path_factory.mktemp("matriks") / "matriks.xlsx"
    wb.save(path)
    return wb, path


@pytest.fixture(scope="module")
def round_trip(recalculate: LibreOffice, saved: tuple[Workbook, Path]) -> Recalculated:
    return recalculate([saved[1]])[saved[1]]


@pytest.fixture(scope="module")
def pages(recalculate: LibreOffice, saved: tuple[Workbook, Path]) -> list[str]:
    pdf = recalculate.pdf([saved[1]])[saved[1]]
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        message = "pdftotext (poppler-utils) is not on PATH"
        if is_ci(os.environ):
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    layout = subprocess.run(
        [pdftotext, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return layout.split("\f")[:-1]


def test_names_validations_and_protection_survive_libreoffice(
    saved: tuple[Workbook, Path], round_trip: Recalculated
) -> None:
    before = saved[0]
    after = openpyxl.load_workbook(round_trip.path)
    ours = [n for n in before.defined_names if not n.startswith(("LIST_", "ALIAS_", "KUADRAN_"))]
    for name in ours:
        assert area(after, name) == area(before, name), name
    assert {ws.title: ws.sheet_state for ws in after.worksheets}["_meta"] == "hidden"
    assert after["_ref"].sheet_state == "hidden"
    for where in _peran_areas(after)[:2]:
        ws = after[where.sheet]
        corner = f"{get_column_letter(where.min_col)}{where.min_row}"
        (dv,) = covering(ws, corner)
        assert (dv.type, dv.formula1) == ("list", f'"{t.TIDAK_ADA_PERAN}"')
        assert not dv.showErrorMessage
        assert ws[corner].protection.locked is False
    head = area(after, MATRIKS_IKI).min_row
    (nip,) = covering(after["Matriks"], f"B{head + 1}")
    assert nip.type == "custom"
    assert "LEN(B" in nip.formula1
    for title in PRINTED:
        assert after[title].protection.sheet
    assert after["Matriks"]["A1"].protection.locked


def test_title_lines_compute_from_the_helper_inputs(round_trip: Recalculated) -> None:
    values = round_trip.values["Matriks"]
    assert "PEMERINTAH KABUPATEN SUKAMAJU" in values.values()
    assert "PERIODE PENILAIAN: 1 JANUARI SD 31 DESEMBER TAHUN 2025" in values.values()
    # Team pages: title, a blank line, then the instansi.
    assert round_trip.values["Matriks Tim"]["A3"] == "PEMERINTAH KABUPATEN SUKAMAJU"


def test_pdf_has_one_page_per_form_and_team(pages: list[str]) -> None:
    # Petunjuk, Matriks (30 pegawai), five teams, Workblock.
    assert len(pages) == 8
    footers = [page.strip().splitlines()[-1].split() for page in pages]
    assert footers == [
        ["Halaman", "1", "dari", "8"],
        *(["Halaman", str(n), "dari", "8", "Format", "A.1.5"] for n in range(2, 8)),
        ["Halaman", "8", "dari", "8", "Format", "A.1.4"],
    ]
    assert "PETUNJUK PENGISIAN" in pages[0]
    assert t.WORKBLOCK in pages[7]


def test_matrix_fits_the_page_width_with_every_column_on_page_one(pages: list[str]) -> None:
    page = pages[1]
    assert t.MATRIKS in page
    assert "PEMERINTAH KABUPATEN SUKAMAJU" in page
    words = set(page.split())
    assert {"PEGAWAI", "JABATAN", "NAMA", "NIP", "OUTCOME", "ANTARA/", "LAYANAN"} <= words
    assert {f"K{n:02d}" for n in range(1, 9)} <= words
    for nama, nip, _ in PEGAWAI:
        assert nama in page
        assert nip in words
    assert t.TIDAK_ADA_PERAN in page
    assert all(not re.search(r"\bK0\d\b", other) for other in pages[2:])


def test_each_team_prints_on_its_own_page(pages: list[str]) -> None:
    assert "Rencana T01" in pages[2]
    assert ANGGOTA[0][0] in pages[2]
    for page in pages[2:7]:
        assert t.MATRIKS in page
        assert "RENCANA HASIL KERJA" in page
