"""Published CodeSystems and the CapabilityStatement validate; indicators follow the spec's bands."""

from __future__ import annotations

import pytest
from tests.interop.fhir_cases import validate_r4

from fenzhen.errors import NotFoundError
from fenzhen.interop.capability import capability_statement
from fenzhen.interop.cds_triage import indicator
from fenzhen.interop.codesystems import CODESYSTEM_IDS, codesystem, codesystems
from fenzhen.knowledge import load


def test_codesystems_validate_and_match_knowledge() -> None:
    for cs in codesystems():
        validate_r4(cs)
        assert cs["count"] == len(cs["concept"]) > 0
    china = codesystem("fenzhen-triage-china-4level")
    assert [c["code"] for c in china["concept"]] == ["1", "2", "3", "4"]
    assert china["version"] == load("triage_levels").version
    assert len(codesystem("fenzhen-triage-acuity-5level")["concept"]) == 5


def test_unknown_codesystem() -> None:
    with pytest.raises(NotFoundError):
        codesystem("nope")


def test_capability_statement_validates() -> None:
    cap = capability_statement("http://x/fhir")
    validate_r4(cap)
    assert cap["fhirVersion"] == "4.0.1"
    assert set(CODESYSTEM_IDS) <= set(cap["rest"][0]["resource"][1]["documentation"].replace(",", "").split())


@pytest.mark.parametrize(
    ("acuity", "expected"), [(1, "critical"), (2, "critical"), (3, "warning"), (4, "info"), (5, "info")]
)
def test_indicator(acuity: int, expected: str) -> None:
    assert indicator(acuity) == expected
