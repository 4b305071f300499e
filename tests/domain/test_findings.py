"""Findings and reports: problems as data."""

from __future__ import annotations

from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Report, Severity


def test_report_is_valid_unless_an_error_is_found() -> None:
    warning = Finding("rating-varian", Severity.WARNING, "Tulis 'Diatas Ekspektasi'.", "SKP", "D7")
    error = Finding("nip-panjang", Severity.ERROR, "NIP harus 18 digit.", "SKP", "D8")
    assert Report.of([warning]).valid
    assert not Report.of([warning, error]).valid
    assert Report.of([]).valid


def test_merge_keeps_each_findings_file() -> None:
    a = Report.of([Finding("x", Severity.ERROR, "m")], path="a.xlsx")
    b = Report.of([Finding("y", Severity.INFO, "m")], path="b.xlsx")
    merged = a.merge(b)
    assert [(f.path, f.code) for f in merged.findings] == [("a.xlsx", "x"), ("b.xlsx", "y")]
    assert merged.counts == {Severity.ERROR: 1, Severity.INFO: 1}
    assert [f.code for f in merged.errors()] == ["x"]


def test_finding_from_a_refused_value_keeps_code_message_and_place() -> None:
    error = InvalidValueError("nip-panjang", "NIP berisi 17 digit; NIP harus 18 digit.", "1" * 17)
    finding = Finding.from_error(error, sheet="SKP", cell="D7", field="PEGAWAI_NIP")
    assert (finding.code, finding.sheet, finding.cell, finding.location) == (
        "nip-panjang",
        "SKP",
        "D7",
        "SKP!D7",
    )
    assert finding.to_dict() == {
        "code": "nip-panjang",
        "severity": "error",
        "sheet": "SKP",
        "cell": "D7",
        "field": "PEGAWAI_NIP",
        "message": "NIP berisi 17 digit; NIP harus 18 digit.",
    }


def test_report_json_shape_is_that_of_validate() -> None:
    report = Report.of([Finding("x", Severity.WARNING, "m", "SKP", "A1")], path="a.xlsx")
    assert report.to_dict() == {
        "path": "a.xlsx",
        "valid": True,
        "findings": [
            {
                "code": "x",
                "severity": "warning",
                "sheet": "SKP",
                "cell": "A1",
                "field": None,
                "message": "m",
            }
        ],
    }
