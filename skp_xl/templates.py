"""The blank official workbooks kept in ``workbook_templates/``: one per jenis x pendekatan,
and the Matriks Peran Hasil. ``skp-xl templates`` rebuilds them; a test proves the committed
files equal a fresh build.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook

from skp_xl.domain.vocabulary import JenisJabatan, Pendekatan
from skp_xl.workbook.writer import Options, build_workbook


def template_builders() -> Iterator[tuple[str, Callable[[], Workbook]]]:
    """Each template's file name with the function that builds it, in a stable order."""
    for jenis in JenisJabatan:
        for pendekatan in Pendekatan:

            def build(jenis: JenisJabatan = jenis, pendekatan: Pendekatan = pendekatan) -> Workbook:
                return build_workbook(Options(jenis, pendekatan))

            yield f"skp-{jenis.value.lower()}-{pendekatan.value.lower()}.xlsx", build
    from skp_xl.workbook.matriks import MatriksOptions, build_matriks_workbook

    yield "matriks-peran-hasil.xlsx", lambda: build_matriks_workbook(MatriksOptions())


def build_templates(directory: Path) -> list[Path]:
    """Write every blank template into ``directory`` (atomically, replacing old ones).

    With ``SOURCE_DATE_EPOCH`` set (the reproducible-builds convention), every file is
    dated then instead of now, and the same code gives the same bytes: an agency can
    check a template it received against its own build by the file's hash.
    """
    from skp_xl.fileio import atomic_output, save_on_date, source_date

    when = source_date()
    written = []
    for file_name, build in template_builders():
        path = directory / file_name
        with atomic_output(path, force=True) as tmp:
            if when is None:
                build().save(tmp)
            else:
                save_on_date(build(), tmp, when)
        written.append(path)
    return written
