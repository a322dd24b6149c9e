"""A dose request exported as a FHIR R4 MedicationRequest: proposal, draft → active/cancelled,
validated with fhir.resources' R4B models, dose in UCUM, dose check as contained DetectedIssues."""

from __future__ import annotations

from typing import Any

import pytest
from tests.interop.fhir_cases import validate_r4

from fenzhen.dosing import DoseOrder, DosePatient, check_order
from fenzhen.interop.fhir_medication import FREQUENCY_TIMING, MedicationProposal, dosage, medication_request

PATIENT = {"age_years": 76, "sex": "male", "weight_kg": 61, "creatinine_umol_l": 120}
PROPOSED = {"drug": "metformin", "dose": "500 mg", "frequency": "q12h", "indication": "type2_diabetes"}
MODIFIED = {"drug": "metformin", "dose": "250 mg", "frequency": "q12h", "indication": "type2_diabetes"}


def _findings(order: dict[str, str]) -> list[dict[str, Any]]:
    found = check_order(DoseOrder(**order), DosePatient.parse(PATIENT))  # type: ignore[arg-type]
    return [f.model_dump(mode="json") for f in found]


def _detail(status: str, decision: str | None = None, order: dict[str, str] | None = None) -> dict[str, Any]:
    decisions = []
    if decision:
        decisions.append(
            {
                "decision": decision,
                "order": order,
                "findings": _findings(order) if order else [],
                "acknowledged_critical": False,
                "reason": None if decision == "approve" else "肾功能下降",
                "created_at": "2026-03-02T09:00:00.000000Z",
                "decided_by": "cd",
                "decided_by_id": "b" * 32,
            }
        )
    return {
        "id": "a" * 32,
        "status": status,
        "drug": "metformin",
        "order": PROPOSED,
        "final_order": order if decision != "reject" else None,
        "patient_id": "c" * 32,
        "encounter_id": "d" * 32,
        "created_at": "2026-03-02T08:00:00.000000Z",
        "requested_by": "vn",
        "requested_by_id": "e" * 32,
        "reason": "肌酐升高",
        "weight_kg": 61.0,
        "creatinine_umol_l": 120.0,
        "measured_at": "2026-03-01",
        "findings": _findings(PROPOSED),
        "decisions": decisions,
        "patient_name": "张三",  # ignored: the export never carries the name
    }


@pytest.mark.parametrize(
    "status,decision,order,fhir_status,dose",
    [
        ("pending", None, None, "draft", 500),
        ("approved", "approve", PROPOSED, "active", 500),
        ("modified", "modify", MODIFIED, "active", 250),
        ("rejected", "reject", None, "cancelled", 500),
    ],
)
def test_status_follows_the_decision_and_validates(
    status: str, decision: str | None, order: dict[str, str] | None, fhir_status: str, dose: float
) -> None:
    resource = medication_request(MedicationProposal.model_validate(_detail(status, decision, order)))
    model = validate_r4(resource)
    assert model.intent == "proposal" and model.status == fhir_status
    quantity = resource["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
    assert quantity == {"value": dose, "unit": "mg", "system": "http://unitsofmeasure.org", "code": "mg"}
    assert resource["dosageInstruction"][0]["timing"]["repeat"] == {
        "frequency": 1,
        "period": 12,
        "periodUnit": "h",
    }
    assert resource["medicationCodeableConcept"]["coding"][0] == {
        "system": "http://www.whocc.no/atc",
        "code": "A10BA02",
        "display": "metformin",
    }
    assert "张三" not in str(resource)
    assert (resource.get("statusReason") or {}).get("text") == (
        "肾功能下降" if status == "rejected" else None
    )


def test_contained_evidence_is_referenced() -> None:
    resource = medication_request(MedicationProposal.model_validate(_detail("pending")))
    contained = {c["id"]: c for c in resource["contained"]}
    refs = [r["reference"][1:] for r in resource["supportingInformation"] + resource.get("detectedIssue", [])]
    assert set(refs) == set(contained)
    assert contained["weight"]["valueQuantity"]["value"] == 61.0
    assert contained["creatinine"]["code"]["coding"][0]["code"] == "14682-9"
    issue = next(c for c in contained.values() if c["resourceType"] == "DetectedIssue")
    assert issue["severity"] == "moderate" and "eGFR" in issue["detail"]  # the renal band warning
    for c in contained.values():
        validate_r4(c)


@pytest.mark.parametrize("code", sorted(FREQUENCY_TIMING))
def test_every_formulary_frequency_has_a_valid_timing(code: str) -> None:
    out = dosage({"dose": "5 mL", "frequency": code, "route": "oral"})
    validate_r4(
        {
            "resourceType": "MedicationRequest",
            "status": "draft",
            "intent": "proposal",
            "medicationCodeableConcept": {"text": "x"},
            "subject": {"reference": "Patient/p"},
            "dosageInstruction": [out],
        }
    )
    assert out["route"]["coding"][0]["code"] == "26643006"


@pytest.mark.parametrize(
    "dose,code", [("150 µg", "ug"), ("8 units", "[IU]"), ("1 tablet", "{tablet}"), ("0.5 g", "g")]
)
def test_dose_units_are_ucum(dose: str, code: str) -> None:
    assert dosage({"dose": dose, "frequency": "q24h"})["doseAndRate"][0]["doseQuantity"]["code"] == code
