"""The registry of finding codes is the list: the code uses it, docs/findings.md is made
from it, and every registered code is emitted somewhere."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from skp_xl.domain.angka_kredit import normalize_jenjang
from skp_xl.domain.codes import CLOSED_LISTS, REGISTRY, Code, Section, render_docs
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.pola_distribusi import Aturan, JenisAturan
from skp_xl.domain.vocabulary import VOCABULARIES

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "skp_xl"
LITERAL = re.compile(r'"([a-z]+(?:-[a-z0-9]+)+)"')


def _sources() -> dict[str, str]:
    return {
        path.relative_to(ROOT).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(PACKAGE.rglob("*.py"))
    }


def test_the_committed_docs_are_generated_from_the_registry() -> None:
    committed = (ROOT / "docs" / "findings.md").read_text(encoding="utf-8")
    assert committed == render_docs(), "run: .venv/bin/python scripts/findings_doc.py"


def test_every_code_constant_is_registered_once() -> None:
    assert list(REGISTRY) == [e.code for e in REGISTRY.values()]
    assert set(REGISTRY) == set(Code)


def test_each_constant_is_named_after_its_code() -> None:
    assert [c.name for c in Code] == [c.value.upper().replace("-", "_") for c in Code]


def test_every_code_is_documented_in_its_section() -> None:
    docs = render_docs()
    for code in Code:
        assert f"| `{code}` |" in docs, code


def test_triage_gives_the_file_sections_berkas_codes() -> None:
    source = (PACKAGE / "reader" / "triage.py").read_text(encoding="utf-8")
    named = {Code[name] for name in re.findall(r"\bCode\.([A-Z_]+)\b", source)}
    file_codes = {
        c for c in Code if c.startswith("berkas-") and REGISTRY[c].section is Section.BERKAS
    }
    assert named == file_codes


def test_closed_list_codes_are_those_the_vocabularies_raise() -> None:
    raised = set()
    for kode in CLOSED_LISTS:
        vocabulary = VOCABULARIES[kode]
        for value in ("", "tidak ada di daftar"):
            try:
                vocabulary.normalize(value)
            except InvalidValueError as error:
                raised.add(error.code)
    list_codes = {c for c in Code if REGISTRY[c].meaning == REGISTRY[Code.ASPEK_KOSONG].meaning}
    # The empty-cell codes a check reports itself (rating-kosong...) stand on their own.
    assert list_codes <= raised
    assert {c for c in raised if c.endswith("-tidak-dikenal")} <= list_codes


def test_jenjang_and_guideline_codes_are_registered() -> None:
    for value in ("", "Ahli Sekali"):
        with pytest.raises(InvalidValueError) as refused:
            normalize_jenjang(value)
        assert refused.value.code in REGISTRY
    for jenis in JenisAturan:
        assert Aturan(jenis, (), Decimal(0), "").kode in REGISTRY, jenis


def test_no_registered_code_is_spelled_as_a_literal() -> None:
    spelled = sorted(
        (path, code)
        for path, text in _sources().items()
        if path != "skp_xl/domain/codes.py"
        for code in LITERAL.findall(text)
        if code in REGISTRY
    )
    assert spelled == []


def test_every_registered_code_is_emitted_somewhere() -> None:
    sources = _sources()
    used = " ".join(text for path, text in sources.items() if path != "skp_xl/domain/codes.py")
    derived = {Aturan(jenis, (), Decimal(0), "").kode for jenis in JenisAturan} | {
        c for c in Code if REGISTRY[c].meaning == REGISTRY[Code.ASPEK_KOSONG].meaning
    }
    derived |= {Code.JENJANG_KOSONG, Code.JENJANG_TIDAK_DIKENAL}
    unused = [code for code in Code if f"Code.{code.name}" not in used and code not in derived]
    assert unused == []
