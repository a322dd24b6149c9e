"""Import: round trip, UCUM conversion, refusals that name the element, unknown codes ignored."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.interop.fhir_cases import CASES, make_record, validate_r4

from fenzhen import assess
from fenzhen.interop.fhir_export import export_bundle
from fenzhen.interop.fhir_import import import_fhir
from fenzhen.interop.outcome import FhirInputError, operation_outcome

UCUM = "http://unitsofmeasure.org"


def _obs(code: str, value: dict[str, Any], when: str = "2026-03-02T08:00:00+08:00") -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "effectiveDateTime": when,
        **value,
    }


def _bundle(*resources: dict[str, Any]) -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": r} for r in resources]}


COMPLAINT = _obs("8661-1", {"valueString": "头痛"})


@pytest.mark.parametrize("case", sorted(CASES))
def test_round_trip_gives_same_assessment(case: str) -> None:
    record = make_record(CASES[case])
    bundle = export_bundle(record, include_identifiers=False, pseudonym_key=b"k")
    result = import_fhir(bundle)
    assert result.intake == record.latest.intake
    again = assess(result.intake).model_dump(exclude={"knowledge_versions"})
    assert again == record.latest.assessment.model_dump(exclude={"knowledge_versions"})


def test_fahrenheit_and_kpa_are_converted() -> None:
    bundle = _bundle(
        COMPLAINT,
        _obs("8310-5", {"valueQuantity": {"value": 102.2, "unit": "°F", "system": UCUM, "code": "[degF]"}}),
        _obs(
            "85354-9",
            {
                "component": [
                    {
                        "code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
                        "valueQuantity": {"value": 16, "system": UCUM, "code": "kPa"},
                    },
                    {
                        "code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
                        "valueQuantity": {"value": 10, "system": UCUM, "code": "kPa"},
                    },
                ]
            },
        ),
        _obs("29463-7", {"valueQuantity": {"value": 154, "unit": "lbs"}}),
    )
    result = import_fhir(bundle)
    assert (result.intake.temp_c, result.intake.sbp_mmhg, result.intake.dbp_mmhg) == (39.0, 120.01, 75.006)
    assert result.intake.weight_kg == pytest.approx(69.853, abs=1e-3)
    assert result.sources["temp_c"] == "Bundle.entry[1].resource.valueQuantity.value"
    assert any("converted 102.2 [degF]" in i.diagnostics for i in result.issues)


def test_incommensurable_unit_refused_with_element() -> None:
    bundle = _bundle(
        COMPLAINT, _obs("8867-4", {"valueQuantity": {"value": 80, "system": UCUM, "code": "mm[Hg]"}})
    )
    with pytest.raises(FhirInputError) as err:
        import_fhir(bundle)
    issue = next(i for i in err.value.issues if i.severity == "error")
    assert issue.expression == "Bundle.entry[1].resource.valueQuantity.code"
    assert "mm[Hg]" in issue.diagnostics
    outcome = operation_outcome(err.value.issues)
    validate_r4(outcome)
    assert err.value.http_status == 422


def test_impossible_value_names_its_element() -> None:
    bundle = _bundle(
        COMPLAINT, _obs("59408-5", {"valueQuantity": {"value": 140, "system": UCUM, "code": "%"}})
    )
    with pytest.raises(FhirInputError) as err:
        import_fhir(bundle)
    assert err.value.issues[-1].expression == "Bundle.entry[1].resource.valueQuantity.value"
    assert "spo2_pct" in err.value.issues[-1].diagnostics


def test_missing_complaint_refused() -> None:
    with pytest.raises(FhirInputError, match="no chief complaint"):
        import_fhir(_bundle(_obs("8867-4", {"valueQuantity": {"value": 80, "system": UCUM, "code": "/min"}})))


def test_complaint_from_encounter_and_age_from_birthdate() -> None:
    bundle = _bundle(
        {
            "resourceType": "Patient",
            "gender": "female",
            "birthDate": "2000-03-02",
            "name": [{"text": "never read"}],
        },
        {
            "resourceType": "Encounter",
            "status": "arrived",
            "class": {"code": "EMER"},
            "reasonCode": [{"text": "abdominal pain since morning"}],
        },
        _obs(
            "9279-1",
            {"valueQuantity": {"value": 18, "system": UCUM, "code": "/min"}},
            "2026-03-02T09:00:00+08:00",
        ),
    )
    intake = import_fhir(bundle).intake
    assert intake.complaint == "abdominal pain since morning" and intake.sex.value == "female"
    assert intake.age_years == pytest.approx(26.0, abs=0.01)


def test_unknown_code_ignored_and_newest_wins() -> None:
    bundle = _bundle(
        COMPLAINT,
        _obs(
            "8867-4",
            {"valueQuantity": {"value": 90, "system": UCUM, "code": "/min"}},
            "2026-03-02T08:00:00+08:00",
        ),
        _obs(
            "8867-4",
            {"valueQuantity": {"value": 130, "system": UCUM, "code": "{beats}/min"}},
            "2026-03-02T09:00:00+08:00",
        ),
        _obs("1234-5", {"valueString": "something else"}),
        {
            **_obs("9279-1", {"valueQuantity": {"value": 60, "system": UCUM, "code": "/min"}}),
            "status": "entered-in-error",
        },
    )
    result = import_fhir(bundle)
    assert result.intake.heart_rate_bpm == 130 and result.intake.resp_rate_bpm is None
    assert any("1234-5" in i.diagnostics and i.severity == "information" for i in result.issues)


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"entry": []},
        {"resourceType": "Bundle", "entry": "x"},
        {"resourceType": "Observation", "code": "nonsense"},
    ],
)
def test_malformed_input_is_an_input_error(payload: Any) -> None:
    with pytest.raises(FhirInputError):
        import_fhir(copy.deepcopy(payload))


def test_single_resource_accepted() -> None:
    assert import_fhir(COMPLAINT).intake.complaint == "头痛"
