"""The order-sign dose-check CDS service: discovery, reading draft MedicationRequests, one card per
order whose indicator is the worst `check_order` finding, and a warning card instead of silence."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from fenzhen.interop import cds_order_sign
from fenzhen.interop.cds_hooks import REGISTRY, CdsRequest, discovery
from fenzhen.interop.cds_order_sign import dose_cards, order_from_fhir, patient_from_prefetch

UCUM = "http://unitsofmeasure.org"
PATIENT = {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1950-01-01"}


def _obs(loinc: str, value: float, unit: str) -> dict[str, Any]:
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {
                "resource": {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": loinc}]},
                    "valueQuantity": {"value": value, "system": UCUM, "code": unit},
                }
            }
        ],
    }


def _draft(
    name: str, value: float, unit: str, period_h: float | None = 12, atc: str | None = None
) -> dict[str, Any]:
    concept: dict[str, Any] = {"text": name}
    if atc:
        concept["coding"] = [{"system": "http://www.whocc.no/atc", "code": atc}]
    timing = {"repeat": {"frequency": 1, "period": period_h, "periodUnit": "h"}} if period_h else {}
    return {
        "resourceType": "MedicationRequest",
        "id": name,
        "status": "draft",
        "intent": "order",
        "medicationCodeableConcept": concept,
        "subject": {"reference": "Patient/p1"},
        "dosageInstruction": [
            {
                "timing": timing,
                "route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
                "doseAndRate": [
                    {"doseQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit}}
                ],
            }
        ],
    }


def _request(*drafts: dict[str, Any]) -> CdsRequest:
    return CdsRequest(
        hook="order-sign",
        hookInstance="h1",
        context={
            "userId": "Practitioner/1",
            "patientId": "p1",
            "draftOrders": {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [{"resource": d} for d in drafts],
            },
        },
    )


def _prefetch(creatinine: dict[str, Any] | None = None, **over: Any) -> dict[str, Any]:
    return {
        "patient": PATIENT,
        "weight": _obs("29463-7", 61, "kg"),
        "creatinine": creatinine if creatinine is not None else _obs("2160-0", 1.36, "mg/dL"),
        "allergies": None,
        "medications": None,
        **over,
    }


def test_registered_and_discoverable() -> None:
    service = REGISTRY[cds_order_sign.SERVICE_ID]
    assert service.hook == "order-sign"
    described = {s["id"]: s for s in discovery()["services"]}[cds_order_sign.SERVICE_ID]
    assert described["hook"] == "order-sign" and "patient" in described["prefetch"]


def test_reads_orders_and_patient() -> None:
    order = order_from_fhir(_draft("Metformin", 1000, "mg", atc="A10BA02"))
    assert (order.drug, order.dose, order.frequency, order.route) == ("metformin", "1000 mg", "q12h", "oral")
    assert order_from_fhir(_draft("布洛芬", 200, "mg", period_h=8)).drug == "ibuprofen"
    p = patient_from_prefetch(_prefetch(), today=date(2026, 1, 1))
    assert p.age_years == pytest.approx(76.0, abs=0.01) and p.weight_kg == 61
    assert p.creatinine_umol_l == pytest.approx(120.2, abs=0.1)  # 1.36 mg/dL × 88.4


def test_one_card_per_order_with_the_worst_finding() -> None:
    answer = dose_cards(
        _request(
            _draft("metformin", 500, "mg"),
            _draft("paracetamol", 5000, "mg", period_h=6),
            _draft("paracetamol", 500, "mg", period_h=6),
        ),
        _prefetch(),
    )
    cards = answer["cards"]
    assert [c["indicator"] for c in cards] == ["warning", "critical", "info"]
    assert "eGFR" in cards[0]["detail"] and "max 1 g daily" in cards[0]["detail"]
    assert "above the maximum single dose" in cards[1]["detail"] and "critical" in cards[1]["summary"]
    assert "within the formulary" in cards[2]["summary"]
    for card in cards:
        assert len(card["summary"]) <= 140 and card["source"]["label"] and card["uuid"]


def test_a_microgram_slip_is_critical() -> None:
    cards = dose_cards(_request(_draft("paracetamol", 500, "g", period_h=6)), _prefetch())["cards"]
    assert cards[0]["indicator"] == "critical" and "unit" in cards[0]["detail"]


@pytest.mark.parametrize(
    "draft,prefetch_over,why",
    [
        (_draft("hydroxyzine-typo", 10, "mg"), {}, "medicationCodeableConcept"),
        (_draft("paracetamol", 500, "mg", period_h=None), {}, "timing"),
        (_draft("paracetamol", 500, "mg"), {"patient": {"resourceType": "Patient", "id": "p1"}}, "birthDate"),
    ],
)
def test_unchecked_orders_say_why(draft: dict[str, Any], prefetch_over: dict[str, Any], why: str) -> None:
    cards = dose_cards(_request(draft), _prefetch(**prefetch_over))["cards"]
    assert len(cards) == 1 and cards[0]["indicator"] == "warning" and why in cards[0]["detail"]


def test_interaction_with_active_medication_and_allergy() -> None:
    meds = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [
            {
                "resource": {
                    "resourceType": "MedicationRequest",
                    "status": "active",
                    "intent": "order",
                    "medicationCodeableConcept": {"text": "aspirin"},
                }
            }
        ],
    }
    allergies = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": {"resourceType": "AllergyIntolerance", "code": {"text": "penicillin"}}}],
    }
    cards = dose_cards(
        _request(_draft("clopidogrel", 75, "mg", period_h=24), _draft("amoxicillin", 500, "mg", period_h=8)),
        _prefetch(medications=meds, allergies=allergies),
    )["cards"]
    assert "aspirin" in cards[0]["detail"].lower()
    assert cards[1]["indicator"] == "critical" and "allerg" in cards[1]["detail"].lower()


def test_no_medication_orders_no_cards() -> None:
    assert dose_cards(_request(), _prefetch()) == {"cards": []}
