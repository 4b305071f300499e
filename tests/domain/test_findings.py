"""Findings and reports: problems as data."""

from __future__ import annotations

import json

import pytest

from skp_xl.domain.codes import Code
from skp_xl.domain.errors import InvalidValueError
from skp_xl.domain.findings import Finding, Report, Severity


def test_report_is_valid_unless_an_error_is_found() -> None:
    warning = Finding("label-varian", Severity.WARNING, "Tulis 'Diatas Ekspektasi'.", "SKP", "D7")
    error = Finding("nip-panjang", Severity.ERROR, "NIP harus 18 digit.", "SKP", "D8")
    assert Report.of([warning]).valid
    assert not Report.of([warning, error]).valid
    assert Report.of([]).valid


def test_report_stamps_its_path_and_counts_by_severity() -> None:
    report = Report.of(
        [
            Finding("nip-panjang", Severity.ERROR, "m"),
            Finding("berkas-kunci", Severity.INFO, "m", path="b.xlsx"),
        ],
        path="a.xlsx",
    )
    assert [(f.path, f.code) for f in report.findings] == [
        ("a.xlsx", "nip-panjang"),
        ("b.xlsx", "berkas-kunci"),
    ]
    assert report.counts == {Severity.ERROR: 1, Severity.INFO: 1}
    assert [f.code for f in report.errors()] == ["nip-panjang"]


def test_a_code_outside_the_registry_is_refused() -> None:
    with pytest.raises(ValueError, match="nip-terlalu-panjang"):
        Finding("nip-terlalu-panjang", Severity.ERROR, "m")


def test_a_code_constant_is_kept_as_plain_text() -> None:
    finding = Finding(Code.NIP_PANJANG, Severity.ERROR, "m")
    assert type(finding.code) is str
    assert json.dumps(finding.to_dict()["code"]) == '"nip-panjang"'


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
    report = Report.of([Finding("label-varian", Severity.WARNING, "m", "SKP", "A1")], path="a.xlsx")
    assert report.to_dict() == {
        "path": "a.xlsx",
        "valid": True,
        "findings": [
            {
                "code": "label-varian",
                "severity": "warning",
                "sheet": "SKP",
                "cell": "A1",
                "field": None,
                "message": "m",
            }
        ],
    }
