"""The worksheet functions' glue: Excel's values in, the pure rules' answers out, as cells.

Excel hands a function a scalar (text, a float for every number, a bool, a datetime, or
None for an empty cell) or, for a range, a list of rows. Each function here takes those,
applies a rule of :mod:`skp_xl.domain` to every element, and returns what a cell can show:
the same shape back (one value for one value, a list of rows for a range), an empty text
for an empty input, and ``#SKP: <pesan>`` instead of a value the rule refuses. Nothing
raises: a fault of skp-xl itself becomes ``#SKP: galat internal ...`` and goes to the log.
:mod:`skp_xl.addin.udf` exposes them to Excel, one line each.
"""

from __future__ import annotations

import functools
import inspect
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any, Final, TypeVar

from skp_xl.addin.logs import logger, setup
from skp_xl.domain.angka_kredit import angka_kredit as _angka_kredit
from skp_xl.domain.angka_kredit import normalize_jenjang
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.nip import Nip, NipError, parse_nip
from skp_xl.domain.pangkat import parse_golongan
from skp_xl.domain.pola_distribusi import periksa_pola_distribusi
from skp_xl.domain.quadrant import predikat_kinerja
from skp_xl.domain.suggestion import saran_rating_hasil_kerja
from skp_xl.domain.targets import (
    Arah,
    TidakTerbaca,
    arah_aspek,
    format_angka,
    nilai_iki_periode,
    parse_realisasi,
    parse_target,
    porsi_tahun,
    sifat_target,
    target_periode,
)
from skp_xl.domain.vocabulary import (
    VOCABULARIES,
    JenisHasilKerja,
    Vocabulary,
    compact,
    normalize_aspek,
    normalize_jenis_hasil_kerja,
    normalize_periode,
    normalize_predikat,
)

ERROR_PREFIX: Final = "#SKP: "
"""How a cell shows a refused value: ``#SKP: <pesan>``."""

F = TypeVar("F", bound=Callable[..., Any])


class _Shape:
    """How a value arrived: a scalar, a row (1-D list) or a range (list of rows)."""

    def __init__(self, value: object) -> None:
        self.kind = "scalar"
        self.rows, self.columns = 1, 1
        if isinstance(value, list | tuple):
            if value and all(isinstance(row, list | tuple) for row in value):
                self.kind = "grid"
                self.rows, self.columns = len(value), len(value[0])
            else:
                self.kind = "row"
                self.columns = len(value)

    @property
    def size(self) -> tuple[int, int]:
        return self.rows, self.columns

    def __str__(self) -> str:
        return f"{self.rows}x{self.columns}"


def error_text(message: str) -> str:
    """A refusal as a cell shows it: ``#SKP: <pesan>``."""
    return ERROR_PREFIX + message


def is_empty(value: object) -> bool:
    """True for an empty cell: None, or text with nothing but spaces."""
    return value is None or (isinstance(value, str) and not value.strip())


def _cells(value: object) -> list[list[object]]:
    """Any argument as a list of rows (a scalar is one row of one cell)."""
    shape = _Shape(value)
    if shape.kind == "grid":
        return [list(row) for row in value]  # type: ignore[attr-defined]
    if shape.kind == "row":
        return [list(value)]  # type: ignore[call-overload]
    return [[value]]


def flatten(value: object) -> list[object]:
    """Every cell of an argument, row by row."""
    return [cell for row in _cells(value) for cell in row]


def _element(function: Callable[..., object], *values: object) -> object:
    """One cell's answer: the rule's, or ``#SKP: <pesan>`` when it refuses the values."""
    try:
        return function(*values)
    except InvalidValueError as error:
        return error_text(error.message)


def elementwise(function: Callable[..., object], *args: object) -> object:
    """Apply ``function`` to each cell of its arguments, keeping their shape.

    Scalars and single cells go with every cell of the other arguments (``SKP_KANONIK(A2:A9;
    "rating")``); ranges must all have one shape. The result has the shape of the largest
    argument: a scalar for scalars, a row for a row, a list of rows for a range.

    Returns:
        The answers; ``#SKP: ...`` for each refused cell, or one ``#SKP: ...`` when the
        ranges differ in shape.
    """
    shapes = [_Shape(arg) for arg in args]
    sizes = {shape.size for shape in shapes if shape.size != (1, 1)}
    if len(sizes) > 1:
        shown = " dan ".join(str(s) for s in shapes if s.size != (1, 1))
        return error_text(
            f"rentang yang diberikan berbeda ukuran ({shown}); pakai rentang yang sama "
            "banyak baris dan kolomnya, atau satu sel."
        )
    rows, columns = sizes.pop() if sizes else (1, 1)
    grids = [_cells(arg) for arg in args]
    result = [
        [
            _element(function, *(g[0][0] if len(g) * len(g[0]) == 1 else g[r][c] for g in grids))
            for c in range(columns)
        ]
        for r in range(rows)
    ]
    kinds = {shape.kind for shape in shapes}
    if "grid" in kinds:
        return result
    if "row" in kinds:
        return result[0]
    return result[0][0]


def guard(function: F) -> F:
    """Turn any fault of skp-xl in ``function`` into ``#SKP: galat internal ...`` and a log entry.

    Refused values are each cell's business (:func:`elementwise`); this catches what is
    left, so Excel never shows a traceback.
    """

    @functools.wraps(function)
    def guarded(*args: object, **kwargs: object) -> object:
        try:
            return function(*args, **kwargs)
        except InvalidValueError as error:
            return error_text(error.message)
        except Exception as error:
            setup()  # Excel's UDF server runs no ribbon action that would have set it up.
            logger.exception("worksheet function %s failed", function.__name__)
            return error_text(
                f"galat internal skp-xl ({type(error).__name__}: {error}); ini bukan kesalahan "
                "isian Anda. Laporkan beserta berkas log skp-xl (tombol Tentang menunjukkan "
                "letaknya)."
            )

    return guarded  # type: ignore[return-value]


# Per-cell rules ---------------------------------------------------------------------------


def _key(text: object) -> str:
    """A name's comparison key: lower case, no spaces, hyphens or underscores."""
    return compact(str(text)).replace("-", "").replace("_", "")


def _unknown(code: str, what: str, value: object, allowed: Iterable[str]) -> InvalidValueError:
    """The refusal of an argument that names one of a few choices."""
    shown = "" if value is None else value
    return InvalidValueError(
        code, f"{what} '{shown}' tidak dikenal; pilih salah satu: {', '.join(allowed)}.", value
    )


def _whole(value: object) -> object:
    """A float that Excel passed for a whole number, as an int; anything else as given."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def predikat(hasil: object, perilaku: object) -> str:
    """Predikat kinerja of one pair of ratings; empty while either rating is empty."""
    if is_empty(hasil) or is_empty(perilaku):
        return ""
    return predikat_kinerja(hasil, perilaku)


def _nip_input(nip: object) -> object:
    """The NIP for the rule. A number arrives as Excel keeps it, 15 significant digits,
    so the message shows it as the cell does ("198503122010011000"), not as a float."""
    if isinstance(nip, float) and nip == nip and abs(nip) != float("inf"):
        return Decimal(format(Decimal(f"{nip:.15g}"), "f"))
    return nip


def _nip(nip: object) -> Nip:
    return parse_nip(_nip_input(nip))


def nip_cek(nip: object) -> str:
    """Empty text for a valid (or empty) NIP, else why it is not valid."""
    if is_empty(nip):
        return ""
    try:
        _nip(nip)
    except NipError as error:
        return error.message
    return ""


_NIP_BAGIAN: Final[Mapping[str, Callable[[Nip], object]]] = {
    "lahir": lambda n: n.tanggal_lahir,
    "tanggallahir": lambda n: n.tanggal_lahir,
    "tmt": lambda n: n.tmt,
    "jeniskelamin": lambda n: n.jenis_kelamin,
    "kelamin": lambda n: n.jenis_kelamin,
    "jk": lambda n: n.jenis_kelamin,
    "urut": lambda n: n.nomor_urut,
    "nomorurut": lambda n: n.nomor_urut,
    "format": lambda n: n.formatted,
    "tampilan": lambda n: n.formatted,
    "nip": lambda n: n.nip,
}
NIP_BAGIAN: Final = ("lahir", "tmt", "jenis_kelamin", "urut", "format", "nip")
"""The parts :func:`nip_info` gives, as documented (other spellings are accepted)."""


def nip_info(nip: object, bagian: object) -> object:
    """One part of a NIP: its birth date, TMT, gender, nomor urut or spaced display."""
    part = _NIP_BAGIAN.get(_key(bagian)) if isinstance(bagian, str) else None
    if part is None:
        raise _unknown("bagian-nip-tidak-dikenal", "Bagian NIP", bagian, NIP_BAGIAN)
    if is_empty(nip):
        return ""
    return part(_nip(nip))


def _refuse(problem: TidakTerbaca) -> InvalidValueError:
    return InvalidValueError(problem.code, problem.message, problem.value)


TARGET_BAGIAN: Final = ("min", "maks", "satuan", "batas")
"""The parts :func:`target_angka` gives."""


def target_angka(target: object, bagian: object = None) -> object:
    """The figure of a target as a number ("1.000 dokumen" -> 1000), or its unit."""
    key = "min" if is_empty(bagian) else _key(bagian)
    key = {"minimum": "min", "maksimum": "maks", "max": "maks", "maksimal": "maks"}.get(key, key)
    if key not in TARGET_BAGIAN:
        raise _unknown("bagian-target-tidak-dikenal", "Bagian target", bagian, TARGET_BAGIAN)
    if is_empty(target):
        return ""
    parsed = parse_target(target)
    if isinstance(parsed, TidakTerbaca):
        raise _refuse(parsed)
    if key == "satuan":
        return parsed.satuan
    if key == "batas":
        return parsed.batas or ""
    return float(parsed.minimum if key == "min" else parsed.maksimum)


def _arah_kata(aspek: object) -> Arah | None:
    """The direction when ``aspek`` holds an arah's words ("turun", "Semakin kecil...")."""
    key = _key(aspek)
    for arah in Arah:
        if key in (_key(arah.value), _key(arah.name)):
            return arah
    return None


def _arah(aspek: object) -> Arah:
    """The direction from an aspek (Waktu, Biaya: less is better) or an arah's words."""
    if is_empty(aspek):
        return Arah.NAIK
    return _arah_kata(aspek) or arah_aspek(normalize_aspek(aspek))


def capaian_iki(
    target: object,
    realisasi: object,
    aspek: object = None,
    periode: object = None,
    target_periode_: object = None,
    pro_rata: object = None,
    arah: object = None,
) -> str:
    """Diatas / Sesuai / Dibawah Ekspektasi of one IKI; empty until both sides are filled.

    With a periodic ``periode`` (TW I-IV), judged against that period's target as the
    workbook does (rules.md section 5): ``target_periode_`` when given, else by the kind of
    target the annual one, ``pro_rata`` ("Ya") of it, or Progres. ``arah``, when given,
    overrides the aspek's usual direction.
    """
    if is_empty(target) or is_empty(realisasi):
        return ""
    parsed = parse_target(target)
    if isinstance(parsed, TidakTerbaca):
        raise _refuse(parsed)
    porsi = None if is_empty(periode) else porsi_tahun(normalize_periode(periode))
    trajectory = None
    if not is_empty(target_periode_):
        given = parse_realisasi(target_periode_)
        if isinstance(given, TidakTerbaca):
            raise _refuse(given)
        trajectory = given.nilai
    direction = _arah(aspek)
    if not is_empty(arah):
        chosen = _arah_kata(arah)
        if chosen is None:
            raise _unknown("arah-tidak-dikenal", "Arah", arah, [a.value for a in Arah])
        direction = chosen
    jenis = None if is_empty(aspek) or _arah_kata(aspek) else normalize_aspek(aspek)
    periodik = target_periode(
        parsed,
        porsi,
        sifat=sifat_target(jenis, parsed.satuan),
        trajectory=trajectory,
        pro_rata=not is_empty(pro_rata) and _key(pro_rata) in ("ya", "true", "1"),
    )
    result = nilai_iki_periode(periodik, realisasi, direction)
    if isinstance(result, TidakTerbaca):
        raise _refuse(result)
    return str(result)


def angka_kredit(predikat: object, jenjang: object, bulan: object = None) -> object:
    """Angka kredit of one pegawai; empty while the predikat or the jenjang is empty."""
    if is_empty(predikat) or is_empty(jenjang):
        return ""
    months = 12 if is_empty(bulan) else _whole(bulan)
    return _angka_kredit(predikat, jenjang, months)  # type: ignore[arg-type]


def _canonical(vocabulary: Vocabulary[StrEnum]) -> Callable[[object], str]:
    return lambda value: vocabulary.normalize(value).value


def _konsep() -> dict[str, Callable[[object], str]]:
    known: dict[str, Callable[[object], str]] = {}
    for kode, vocabulary in VOCABULARIES.items():
        known[_key(kode)] = known[_key(vocabulary.nama)] = _canonical(vocabulary)
    known["jenjang"] = lambda v: normalize_jenjang(v).value
    known["pangkat"] = known["golongan"] = lambda v: parse_golongan(v).label
    return known


_KONSEP: Final = _konsep()
KONSEP: Final = (*VOCABULARIES, "jenjang", "pangkat")
"""The closed lists :func:`kanonik` knows, by the names the documentation gives."""


def kanonik(nilai: object, konsep: object) -> str:
    """The canonical spelling of a value of one closed list ("di atas" -> "Diatas Ekspektasi")."""
    normalize = _KONSEP.get(_key(konsep)) if isinstance(konsep, str) else None
    if normalize is None:
        raise _unknown("konsep-tidak-dikenal", "Daftar", konsep, KONSEP)
    if is_empty(nilai):
        return ""
    return normalize(nilai)


# Functions over whole ranges ----------------------------------------------------------------


def saran_rating(capaian: object, jenis: object) -> str:
    """The suggested rating hasil kerja from each hasil kerja's judgement and jenis.

    Rows without a judgement are left out; empty while no hasil kerja utama is judged
    (as the workbook's own suggestion cell).
    """
    judgements = flatten(capaian)
    kinds = flatten(jenis)
    if len(kinds) == 1:
        kinds = kinds * len(judgements)
    if len(kinds) != len(judgements):
        raise InvalidValueError(
            "rentang-berbeda",
            f"Rentang capaian ({len(judgements)} sel) dan jenis ({len(kinds)} sel) harus sama "
            "banyak; pilih kolom yang sama panjang.",
        )
    pairs = [(k, j) for k, j in zip(kinds, judgements, strict=True) if not is_empty(j)]
    if not any(normalize_jenis_hasil_kerja(k) is JenisHasilKerja.UTAMA for k, _ in pairs):
        return ""
    return saran_rating_hasil_kerja(pairs).rating.value


def cek_distribusi(capaian_organisasi: object, predikat_range: object) -> str:
    """Whether a unit's predikat follow the pola distribusi of its capaian organisasi."""
    capaian = flatten(capaian_organisasi)
    if len(capaian) != 1:
        raise InvalidValueError(
            "capaian-organisasi-satu-sel",
            'Capaian organisasi harus satu sel atau satu nilai, mis. "Baik".',
        )
    labels = [p for p in flatten(predikat_range) if not is_empty(p)]
    if is_empty(capaian[0]) or not labels:
        return ""
    counts: Counter[object] = Counter(normalize_predikat(p) for p in labels)
    results = periksa_pola_distribusi(capaian[0], counts)
    missed = [r for r in results if not r.terpenuhi]
    if not missed:
        return "Sesuai"
    parts = []
    for r in missed:
        unit = " pegawai" if r.aturan.jenis.value.endswith("jumlah") else "%"
        parts.append(
            f"{r.aturan.keterangan} Angka: {format_angka(r.angka)}{unit}; batas: {r.batas_teks}."
        )
    return "Tidak sesuai: " + " ".join(parts)


# The reference of the worksheet functions -----------------------------------------------------


def signature(function: Callable[..., object]) -> str:
    """A function as Excel's wizard writes it: ``SKP_NIP_INFO(nip; bagian)``, optional
    arguments in brackets."""
    parts = [
        f"[{p.name}]" if p.default is not inspect.Parameter.empty else p.name
        for p in inspect.signature(function).parameters.values()
    ]
    return f"{function.__name__}({'; '.join(parts)})"


def render_reference(
    functions: Sequence[Callable[..., object]],
    arguments: Mapping[str, Mapping[str, str]],
    *,
    intro: Iterable[str] = (),
) -> str:
    """The Markdown reference of the worksheet functions, from their docstrings.

    Args:
        functions: The worksheet functions, in the order to list them.
        arguments: Function name -> argument name -> its description (``@xw.arg(doc=...)``).
        intro: Paragraphs before the list.

    Returns:
        The page, ending with one newline.
    """
    lines = ["# skp-xl worksheet functions (UDF)", ""]
    for paragraph in intro:
        lines += [paragraph, ""]
    lines += ["| function | what it gives |", "|---|---|"]
    for function in functions:
        summary = inspect.getdoc(function) or ""
        lines.append(f"| [`{function.__name__}`](#{function.__name__.lower()}) | {summary} |")
    lines.append("")
    for function in functions:
        lines += [f"## {function.__name__}", "", f"`={signature(function)}`", ""]
        lines += [inspect.getdoc(function) or "", ""]
        documented = arguments.get(function.__name__, {})
        for name in inspect.signature(function).parameters:
            lines.append(f"- `{name}`: {documented.get(name, '')}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
