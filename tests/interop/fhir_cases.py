"""Interop test cases: real intakes assessed by the real engine, wrapped as encounter records."""

from __future__ import annotations

import importlib
from typing import Any

from fenzhen import Intake, assess
from fenzhen.interop.record import (
    AssessmentRecord,
    EncounterRecord,
    PatientRecord,
    ReviewRecord,
    RoutingRecord,
)

SEPTIC = {
    "complaint": "发热三天，咳嗽，气促",
    "age_years": 67,
    "sex": "female",
    "weight_kg": 58,
    "heart_rate_bpm": 124,
    "resp_rate_bpm": 26,
    "sbp_mmhg": 88,
    "dbp_mmhg": 52,
    "temp_c": 39.4,
    "spo2_pct": 91,
    "on_oxygen": False,
    "avpu": "A",
    "pain_nrs": 3,
    "glucose_mmol_l": 7.2,
}
CHILD = {
    "complaint": "发热一天，咳嗽",
    "age_years": 0.75,
    "sex": "male",
    "weight_kg": 9.1,
    "heart_rate_bpm": 150,
    "resp_rate_bpm": 40,
    "temp_c": 38.6,
    "spo2_pct": 97,
    "avpu": "A",
    "cap_refill_s": 2,
    "arrival_mode": "walk_in",
    "injury": False,
}
ANKLE = {
    "complaint": "right ankle sprain playing football, can walk",
    "age_years": 24,
    "sex": "male",
    "heart_rate_bpm": 78,
    "resp_rate_bpm": 14,
    "sbp_mmhg": 124,
    "dbp_mmhg": 78,
    "temp_c": 36.7,
    "spo2_pct": 99,
    "avpu": "A",
    "gcs": 15,
    "pain_nrs": 4,
    "injury": True,
    "injury_mechanism": "twisted ankle",
    "pregnant": None,
}
CASES = {"septic": SEPTIC, "child": CHILD, "ankle": ANKLE}


def make_record(
    intake_json: dict[str, Any], *, review: ReviewRecord | None = None, routing: RoutingRecord | None = None
) -> EncounterRecord:
    intake = Intake.parse(intake_json)
    return EncounterRecord(
        id="enc-0001",
        status="waiting",
        arrived_at="2026-03-02T08:00:00+08:00",
        routing=routing,
        patient=PatientRecord(
            id="pat-0001",
            name="王小明",
            id_number="110101195901011234",
            phone="13800138000",
            birth_date="1959-01-01",
        ),
        assessments=[
            AssessmentRecord(
                id="asm-1",
                seq=1,
                created_at="2026-03-02T08:05:00+08:00",
                intake=intake,
                assessment=assess(intake),
                review=review,
            )
        ],
    )


def validate_r4(resource: dict[str, Any]) -> Any:
    """Validate one resource with fhir.resources' R4B models (R4-compatible for these types)."""
    kind = resource["resourceType"]
    module = importlib.import_module(f"fhir.resources.R4B.{kind.lower()}")
    return getattr(module, kind).model_validate(resource)


