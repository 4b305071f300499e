"""Render the pictures of the user guides (docs/panduan/) from the bundled sample agency.

    .venv/bin/python scripts/panduan_gambar.py           # writes docs/panduan/img/*.png

Each picture is what the guide shows, made the way a user makes it: the forms with
``skp-xl cetak`` (LibreOffice) and ``pdftoppm``; the rating suggestion as the sheet looks on
screen (LibreOffice PDF of the Evaluasi sheet with its helper column); the Ringkasan of
``skp-xl consolidate samples/instansi`` as LibreOffice prints it. The terminal outputs the
guides quote (``skp-xl validate``, ``skp-xl consolidate``) are printed on stdout, to be
pasted as text. Needs LibreOffice (soffice) and poppler-utils (pdftoppm).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from skp_xl.libreoffice import export_pdf, find_soffice

ROOT = Path(__file__).resolve().parent.parent
INSTANSI = ROOT / "samples" / "instansi"
OSEANOGRAFI = INSTANSI / "Pusat Riset Oseanografi" / "Bidang Sarana Riset" / "Subbidang Dokumentasi"
PEGAWAI = OSEANOGRAFI / "198302112008022093_puspa-tanjung.xlsx"
"""A JF pelaksana of the sample agency, every quarter evaluated."""
DINILAI = OSEANOGRAFI / "200010042024032323_fitri-putri-rahayu.xlsx"
"""A kualitatif JF workbook: its Evaluasi sheets are short enough for one picture."""
RESOLUSI = 60
"""Dots per inch of the pictures: A4 landscape is 702 x 496 pixels, readable and small."""


def skp_xl(*args: str | Path) -> str:
    """Run ``skp-xl`` as a user does and return what it printed."""
    completed = subprocess.run(
        [sys.executable, "-m", "skp_xl", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "COLUMNS": "100", "NO_COLOR": "1"},
    )
    if completed.returncode not in (0, 1):
        raise SystemExit(f"skp-xl {' '.join(map(str, args))} gagal:\n{completed.stderr}")
    return completed.stdout + completed.stderr


def png(pdf: Path, target: Path, *, page: int = 1, height: int | None = None) -> None:
    """Page ``page`` of ``pdf`` as ``target``, cut to ``height`` pixels from the top."""
    crop = ["-x", "0", "-y", "0", "-W", "2000", "-H", str(height)] if height else []
    stem = target.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(RESOLUSI), "-f", str(page), "-l", str(page),
         "-singlefile", *crop, str(pdf), str(stem)],
        check=True,
    )  # fmt: skip
    print(f"ditulis: {target.relative_to(ROOT)} ({target.stat().st_size // 1024} KiB)")


def cetak(source: Path, sheet: str, work: Path) -> Path:
    """``skp-xl cetak SOURCE --lembar SHEET``: the PDF that would be signed."""
    pdf = work / f"{source.stem}-{sheet}.pdf".replace(" ", "-")
    skp_xl("cetak", source, "-o", pdf, "--lembar", sheet, "--force")
    return pdf


def saran_rating(
    source: Path, sheet: str, rating: str, work: Path, soffice: str
) -> tuple[Path, int]:
    """The judged hasil kerja and the rating of ``sheet`` as the screen shows them: with
    the helper columns right of the form (not printed: the judgement of each hasil kerja,
    the Saran rating) and the orange of a rating that differs from the suggestion: the
    rating hasil kerja is set to ``rating`` as a penilai would choose it.

    Returns the PDF of the workbook and the number of the page that shows it.
    """
    book = openpyxl.load_workbook(source)
    prefix = "EVAL_" + sheet.removeprefix("Evaluasi ").upper()
    saran = book.defined_names[f"{prefix}_SARAN_HASIL_KERJA"].attr_text
    column, row = saran.split("!")[1].split("$")[1:3]
    target = book[sheet]
    cell = book.defined_names[f"{prefix}_RATING_HASIL_KERJA"].attr_text.split("!")[1]
    target[cell.replace("$", "")] = rating
    first = next(
        cell.row
        for line in target.iter_rows()
        for cell in line
        if isinstance(cell.value, str) and cell.value.startswith("ISIAN BANTU")
    )
    target.print_area = f"A{first}:{column}{int(row) + 1}"
    target.print_title_rows = None
    target.page_setup.orientation = "landscape"
    target.sheet_properties.pageSetUpPr.fitToPage = True
    target.page_setup.fitToWidth = 1
    target.page_setup.fitToHeight = 1
    copy = work / f"layar-{source.name}"
    book.save(copy)
    pdf = export_pdf(copy, work / f"layar-{source.stem}.pdf", executable=soffice)
    # LibreOffice prints every sheet; the helper column's label is printed on this page only.
    label = str(target[f"{_kolom_sebelum(column)}{row}"].value)
    pages = int(_pdf_text(pdf, "pdfinfo").split("Pages:")[1].split()[0])
    for page in range(1, pages + 1):
        if label in _pdf_text(pdf, "pdftotext", page):
            return pdf, page
    raise SystemExit(f"{label!r} tidak tercetak di {pdf}.")


def _kolom_sebelum(column: str) -> str:
    return chr(ord(column) - 1)  # the form's helper columns are single letters (H, I)


def _pdf_text(pdf: Path, tool: str, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page), "-layout"] if page else []
    out = [] if tool == "pdfinfo" else ["-"]
    completed = subprocess.run(
        [tool, *pages, str(pdf), *out], capture_output=True, text=True, check=True
    )
    return completed.stdout


def ringkasan(work: Path, soffice: str) -> tuple[Path, str]:
    """The summary of the sample agency printed by LibreOffice, and what consolidate said."""
    summary = work / "ringkasan-instansi.xlsx"
    said = skp_xl("consolidate", INSTANSI, "-o", summary, "--force", "--tanpa-cache")
    return export_pdf(summary, work / "ringkasan-instansi.pdf", executable=soffice), said


def baru_lalu_periksa(work: Path) -> str:
    """A new workbook with only some of the identity typed, then ``skp-xl validate``."""
    path = work / "skp-dimas.xlsx"
    skp_xl(
        "new", "-o", path, "--jenis", "JF", "--pendekatan", "kuantitatif", "--tahun", "2026",
        "--nama", "Dimas Aryo Nugroho", "--nip", "199003172015031002",
    )  # fmt: skip
    os.chdir(work)  # the output names the file as typed
    return skp_xl("validate", path.name)


def main() -> None:
    """Render every picture into docs/panduan/img/ and print the terminal outputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--img", type=Path, default=ROOT / "docs" / "panduan" / "img")
    args = parser.parse_args()
    soffice = find_soffice()
    if soffice is None or shutil.which("pdftoppm") is None:
        raise SystemExit("Perlu LibreOffice (soffice) dan pdftoppm (poppler-utils).")
    img: Path = args.img
    img.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="skp-xl-panduan-") as folder:
        work = Path(folder)
        png(cetak(PEGAWAI, "Identitas", work), img / "pegawai-identitas.png", height=330)
        png(cetak(PEGAWAI, "SKP", work), img / "pegawai-skp.png")
        png(cetak(PEGAWAI, "Evaluasi TW1", work), img / "pegawai-realisasi.png")
        pdf, page = saran_rating(DINILAI, "Evaluasi TW2", "Sesuai Ekspektasi", work, soffice)
        png(pdf, img / "penilai-saran.png", page=page)
        png(cetak(PEGAWAI, "Dokumen Evaluasi", work), img / "penilai-dokumen-evaluasi.png")
        pdf, said_consolidate = ringkasan(work, soffice)
        png(pdf, img / "hr-ringkasan.png")
        said_validate = baru_lalu_periksa(work)
    total = sum(p.stat().st_size for p in img.glob("*.png"))
    print(f"\njumlah: {total // 1024} KiB\n")
    print("$ skp-xl validate ...\n" + said_validate)
    print("$ skp-xl consolidate samples/instansi -o ringkasan-instansi.xlsx\n" + said_consolidate)


if __name__ == "__main__":
    main()
