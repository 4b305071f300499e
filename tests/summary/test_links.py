"""Hyperlink targets and cell locations of the summary's Berkas cells."""

from __future__ import annotations

from pathlib import Path

import pytest

from skp_xl.summary.links import Link, cell_location, file_link, file_links, file_target


def test_a_file_beside_the_summary_is_a_relative_uri(tmp_path: Path) -> None:
    berkas = tmp_path / "unit umum" / "SKP Budi #2.xlsx"
    assert file_target(str(berkas), tmp_path) == "unit%20umum/SKP%20Budi%20%232.xlsx"


def test_a_file_outside_the_summary_folder_climbs_up(tmp_path: Path) -> None:
    berkas = tmp_path / "masuk" / "SKP Ani.xlsx"
    assert file_target(str(berkas), tmp_path / "keluar") == "../masuk/SKP%20Ani.xlsx"


def test_non_ascii_names_are_percent_encoded_as_utf8(tmp_path: Path) -> None:
    assert file_target(str(tmp_path / "Résumé.xlsx"), tmp_path) == "R%C3%A9sum%C3%A9.xlsx"


def test_a_relative_path_is_taken_from_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert file_target("skp/SKP.xlsx", tmp_path / "out") == "../skp/SKP.xlsx"


@pytest.mark.parametrize(
    ("sheet", "cell", "location"),
    [
        ("SKP JA", "D7", "'SKP JA'!D7"),
        ("SKP", "d7", "'SKP'!D7"),
        ("SKP", "$D$7:E9", "'SKP'!$D$7:E9"),
        ("Evaluasi 'Akhir'", "B2", "'Evaluasi ''Akhir'''!B2"),
        ("SKP", "", "'SKP'!A1"),
        ("SKP", None, "'SKP'!A1"),
        ("SKP", "baris 7", "'SKP'!A1"),
        (None, "D7", None),
        ("  ", "D7", None),
        (None, "SKP!B18", None),
        ("", "'Evaluasi ''Akhir'''!C3", None),
        (None, "!B18", None),
        ("SKP", "SKP!B18", "'SKP'!A1"),
    ],
)
def test_cell_location(sheet: object, cell: object, location: str | None) -> None:
    assert cell_location(sheet, cell) == location


def test_file_link_joins_target_and_location(tmp_path: Path) -> None:
    link = file_link(str(tmp_path / "a.xlsx"), tmp_path, sheet="SKP", cell="D7")
    assert link == Link("a.xlsx", "'SKP'!D7")


def test_a_cell_naming_its_sheet_is_not_split_again(tmp_path: Path) -> None:
    link = file_link(str(tmp_path / "a.xlsx"), tmp_path, cell="SKP!B22")
    assert link == Link("a.xlsx", None)


@pytest.mark.parametrize("berkas", [None, "", "   ", 3])
def test_no_path_no_link(berkas: object, tmp_path: Path) -> None:
    assert file_link(berkas, tmp_path) is None


def test_file_links_are_file_link_of_each_row(tmp_path: Path) -> None:
    a, b = str(tmp_path / "unit a" / "SKP A.xlsx"), str(tmp_path.parent / "SKP B.xlsx")
    cells: list[tuple[object, object, object]] = [
        (a, "SKP", "D7"),
        (a, "SKP", "D8"),
        (f" {a} ", None, None),
        (b, "SKP JA", "e9"),
        (None, "SKP", "D7"),
        ("  ", None, None),
        (3, None, None),
        (a, "SKP", "D7"),
    ]
    expected = [file_link(berkas, tmp_path, sheet=s, cell=c) for berkas, s, c in cells]
    assert file_links(cells, tmp_path) == expected
    assert expected[0] == Link("unit%20a/SKP%20A.xlsx", "'SKP'!D7")


@pytest.mark.parametrize(
    "berkas",
    [
        "SKP A.xlsx",
        "./SKP A.xlsx",
        "{out}/SKP #1.xlsx",
        "{out}/sub/Résumé.xlsx",
        "{out}/../lain/SKP.xlsx",
        "{out}/sub/../SKP.xlsx",
        "{out}/sub/./SKP.xlsx",
        "{out}//sub//SKP.xlsx",
        "{out}/sub/",
        "{out}/sub/.",
        "{out}/sub/..",
        "~/SKP.xlsx",
        "/SKP.xlsx",
        "{out}",
        "{out}/../keluar",
        "{out}/../keluar/x.xlsx",
        "{out}/..",
        "{out}/../..",
        "{out}/../../SKP.xlsx",
    ],
)
def test_file_links_targets_from_the_folders_are_file_targets(tmp_path: Path, berkas: str) -> None:
    out = tmp_path / "keluar"
    path = berkas.format(out=out)
    targets: dict[str, str] = {}
    for folder_first in (True, False):  # the folder's target met first, or the file's
        if folder_first:
            file_links([(str(out / "sub" / "x.xlsx"), None, None)], out, targets)
        (link,) = file_links([(path, None, None)], out, targets)
        assert link == Link(file_target(path, out)), path
        targets.clear()
