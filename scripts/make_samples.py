"""Regenerate the committed samples: ``samples/instansi/``, ``samples/ekinerja/`` (and
``samples/ekinerja-2024/``, the year before) and ``samples/bermasalah/``.

    .venv/bin/python scripts/make_samples.py [--bermasalah]

``samples/instansi/`` is the default synthetic agency (``skp-xl samples`` with its
defaults: 50 pegawai, seed 1, tahun 2025, with the deliberate problems).
``samples/ekinerja/`` holds fictional e-Kinerja and SIASN exports of the same agency
(``skp_xl/samples/ekspor.py``): the annual report agrees with the workbooks' Akhir
ratings except where a fault is put in. ``samples/bermasalah/`` holds one file per kind
of bad input, written by the test suite's ``tests/reader/hostile.py`` (the package
itself never imports the tests), with a README naming each file and the finding it must
give. tests/samples/test_committed.py checks both
against a fresh generation.

The agency is the same bytes every time and is always rewritten. The bad files are not:
they hold the time they were written (zip entries, openpyxl's document dates) and a random
encryption salt, so they are rewritten only with ``--bermasalah`` or when the list of
samples no longer matches the folder, to keep git quiet.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # for tests.reader.hostile

from skp_xl.batch.konsolidasi import Opsi, konsolidasi  # noqa: E402
from skp_xl.domain.vocabulary import normalize_rating  # noqa: E402
from skp_xl.samples import generate_agency  # noqa: E402
from skp_xl.samples.ekspor import tulis_contoh, tulis_tahun_sebelumnya  # noqa: E402
from skp_xl.summary.skema import Pegawai  # noqa: E402
from tests.reader import hostile  # noqa: E402

INSTANSI = ROOT / "samples" / "instansi"
BERMASALAH = ROOT / "samples" / "bermasalah"
EKINERJA = ROOT / "samples" / "ekinerja"
EKINERJA_2024 = ROOT / "samples" / "ekinerja-2024"
KEEP = ".gitkeep"
"""A file inside ``folder.xlsx``: git keeps no empty folder."""


def readme_bermasalah() -> str:
    """The README beside the bad files: each file, its finding and what is wrong."""
    lines = [
        "# samples/bermasalah/",
        "",
        "One file per kind of bad input a consolidation meets, each with the finding",
        "`skp-xl validate` gives it. Regenerate with",
        "`.venv/bin/python scripts/make_samples.py --bermasalah`.",
        "`zip-bomb.xlsx` is about 300 KB on disk and inflates to 300 MB: skp-xl refuses it",
        f"without inflating it. `folder.xlsx/` is a folder (with a `{KEEP}`, as git keeps no",
        "empty folder). The Excel and LibreOffice lock files are ignored by `.gitignore` and",
        "added with `git add -f`.",
        "",
        "| berkas | temuan | isi |",
        "|---|---|---|",
    ]
    for sample in hostile.SAMPLES:
        code = f"`{sample.code}`" if sample.code else "(tidak ada: bukan SKP, tetapi sah)"
        lines.append(f"| `{sample.filename}` | {code} | {sample.about} |")
    return "\n".join(lines) + "\n"


def _bermasalah_current() -> bool:
    """Whether ``samples/bermasalah/`` holds exactly the files hostile.py makes."""
    if not BERMASALAH.is_dir():
        return False
    expected = {s.filename for s in hostile.SAMPLES} | {"README.md"}
    readme = BERMASALAH / "README.md"
    return {p.name for p in BERMASALAH.iterdir()} == expected and readme.read_text(
        encoding="utf-8"
    ) == readme_bermasalah()


def write_ekinerja() -> None:
    """The exports of the sample agency, agreeing with its workbooks' Akhir ratings."""
    pegawai = konsolidasi(INSTANSI, Opsi(jobs=1)).pegawai
    akhir = pegawai[(pegawai[Pegawai.periode] == "Akhir") & pegawai[Pegawai.nip].notna()]
    ratings = {
        str(row[Pegawai.nip]): (
            normalize_rating(row[Pegawai.rating_hasil_kerja]),
            normalize_rating(row[Pegawai.rating_perilaku]),
        )
        for _, row in akhir.iterrows()
        if row[Pegawai.rating_hasil_kerja] and row[Pegawai.rating_perilaku]
    }
    shutil.rmtree(EKINERJA, ignore_errors=True)
    for path in tulis_contoh(EKINERJA, ratings).values():
        print(f"  {path.relative_to(ROOT)}")
    # The year before, the same people (skp-xl tindak-lanjut compares the two years).
    shutil.rmtree(EKINERJA_2024, ignore_errors=True)
    path, changed = tulis_tahun_sebelumnya(EKINERJA_2024, ratings)
    print(f"  {path.relative_to(ROOT)}: {changed}")


def main(argv: list[str]) -> None:
    """Write the agency anew, and the bad files when asked or out of date."""
    shutil.rmtree(INSTANSI, ignore_errors=True)
    manifest = generate_agency(INSTANSI)
    print(f"{INSTANSI.relative_to(ROOT)}: {len(manifest.berkas)} berkas")
    for code, paths in manifest.masalah.items():
        for path in paths:
            print(f"  {code}: {path.relative_to(ROOT)}")
    write_ekinerja()
    if "--bermasalah" not in argv and _bermasalah_current():
        print(f"{BERMASALAH.relative_to(ROOT)}: sudah sesuai (--bermasalah menulis ulang)")
        return
    shutil.rmtree(BERMASALAH, ignore_errors=True)
    written = hostile.write_all(BERMASALAH)
    (written["folder.xlsx"] / KEEP).touch()
    (BERMASALAH / "README.md").write_text(readme_bermasalah(), encoding="utf-8")
    print(f"{BERMASALAH.relative_to(ROOT)}: {len(written)} berkas")


if __name__ == "__main__":
    main(sys.argv[1:])
