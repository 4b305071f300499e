"""How the results that cross processes are pickled.

A reader process pickles each file's result for the consolidating process, which
unpickles it and pickles it again for the result cache; a re-run unpickles the cache's.
A frozen, slotted dataclass pickles through ``dataclasses``' own state functions, which
look up the class's fields on every object: about half of unpickling a result (57 us of
a result's 2.5 KB, against 27 us with its fields named once; benchmarks/README.md).
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from operator import attrgetter
from typing import TypeVar

_T = TypeVar("_T", bound=type)


def pickle_ringkas(cls: _T) -> _T:
    """Pickle ``cls`` (a frozen, slotted dataclass) as the tuple of its fields' values, its
    fields named once. A state of another length (a pickle of an older class layout)
    raises ``ValueError``, as a stale pickle should."""
    assert is_dataclass(cls), cls
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names)
    single = len(names) == 1

    def __getstate__(self: object) -> tuple[object, ...]:
        state = values(self)
        return (state,) if single else state

    def __setstate__(self: object, state: tuple[object, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    setattr(cls, "__getstate__", __getstate__)  # noqa: B010 - mypy: not a method assignment
    setattr(cls, "__setstate__", __setstate__)  # noqa: B010
    return cls
