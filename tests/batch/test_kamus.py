"""Results held by the consolidating process share their repeated texts, unchanged."""

from __future__ import annotations

import pickle
from pathlib import Path

from skp_xl.batch.berkas import Kamus, proses_berkas

SAMPLES = Path(__file__).parents[2] / "samples" / "instansi"


def test_a_result_is_the_same_made_of_shared_texts() -> None:
    paths = sorted(SAMPLES.rglob("*.xlsx"))[:6]
    # As the parent receives them: each unpickled, with copies of its own.
    results = [pickle.loads(pickle.dumps(proses_berkas(str(p), root=str(SAMPLES)))) for p in paths]
    kamus = Kamus()
    shared = [kamus.ringkas(h) for h in results]
    assert shared == results
    a, b = [i for i, h in enumerate(results) if h.periode][:2]
    key = next(iter(results[a].periode[0].sel))
    # The same sheet name is two objects as received, one object once shared.
    assert results[a].periode[0].sel[key][0] is not results[b].periode[0].sel[key][0]
    assert shared[a].periode[0].sel[key][0] is shared[b].periode[0].sel[key][0]
    assert next(iter(shared[a].identitas)) is next(iter(shared[b].identitas))


def test_the_consolidation_keeps_its_results_shared(tmp_path: Path) -> None:
    from skp_xl.batch.cache import dibuka
    from skp_xl.batch.konsolidasi import baca_semua

    paths = sorted(SAMPLES.rglob("*.xlsx"))[:6]
    with dibuka(tmp_path / "cache") as cache:
        for _ in range(2):  # read, then from the cache
            results = [h for h in baca_semua(paths, SAMPLES, jobs=1, cache=cache) if h.periode]
            a, b = results[:2]
            key = next(iter(a.periode[0].sel))
            assert a.periode[0].sel[key][0] is b.periode[0].sel[key][0]
