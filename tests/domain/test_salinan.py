"""The results that cross processes pickle as their fields' values, and back whole."""

from __future__ import annotations

import pickle
from dataclasses import FrozenInstanceError, dataclass

import pytest

from skp_xl.batch.berkas import HasilBerkas
from skp_xl.domain.codes import Code
from skp_xl.domain.findings import Finding, Severity
from skp_xl.domain.rekap import BarisPeriode, Rencana
from skp_xl.domain.salinan import pickle_ringkas


@pickle_ringkas
@dataclass(frozen=True, slots=True)
class _Satu:
    nilai: object


@pickle_ringkas
@dataclass(frozen=True, slots=True)
class _Dua:
    a: int
    b: tuple[str, ...] = ()


def _hasil() -> HasilBerkas:
    finding = Finding(Code.NIP_KARAKTER, Severity.ERROR, "NIP tidak sah", "SKP", "C7", "X", "a")
    return HasilBerkas(
        "instansi/unit/a.xlsx",
        "unit",
        True,
        {"nip": "198001012006041001", "nama": "Ani"},
        rencana=(Rencana("Rencana", ("SKP", "B12"), ("IKI 1",), None, None),),
        temuan=(finding,),
        isi="ab" * 32,
        sel={"nip": ("SKP", "C7")},
    )


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_a_result_comes_back_equal_in_every_protocol(protocol: int) -> None:
    hasil = _hasil()
    again = pickle.loads(pickle.dumps(hasil, protocol=protocol))
    assert again == hasil
    assert type(again.temuan[0]) is Finding
    with pytest.raises(FrozenInstanceError):
        again.path = "lain"  # type: ignore[misc]


def test_the_state_is_the_tuple_of_the_fields() -> None:
    assert _Dua(1, ("x",)).__getstate__() == (1, ("x",))  # type: ignore[attr-defined]
    # One field: still a tuple, whatever the value (attrgetter of one name gives it bare).
    assert _Satu((1, 2)).__getstate__() == ((1, 2),)  # type: ignore[attr-defined]
    assert pickle.loads(pickle.dumps(_Satu((1, 2)))) == _Satu((1, 2))
    for cls in (HasilBerkas, Finding, BarisPeriode, Rencana):
        assert cls.__getstate__.__qualname__.startswith("pickle_ringkas")  # type: ignore[attr-defined]


def test_a_state_of_another_layout_is_refused() -> None:
    """A cache's pickle of an older class layout must fail to load, not load shifted."""
    for state in ((1,), (1, ("x",), "lebih")):
        with pytest.raises(ValueError, match="zip"):
            object.__new__(_Dua).__setstate__(state)  # type: ignore[attr-defined]
