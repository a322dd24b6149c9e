"""Intake fields → FHIR R4 Observations (vital-signs profile, LOINC, UCUM), one per measure.

Why one Observation per measure, and the blood pressure as a panel with two components: that is
what the FHIR R4 vital-signs profiles require, and what any FHIR client expects to find.
"""

from __future__ import annotations

from typing import Any

from fenzhen.domain import Intake
from fenzhen.interop.codesystems import codesystem_url
from fenzhen.interop.terminology import LOINC, UCUM, ObservationBinding, terminology

__all__ = ["CATEGORY_SYSTEM", "PROFILE_BASE", "intake_observations", "observation_code"]

CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category"
PROFILE_BASE = "http://hl7.org/fhir/StructureDefinition"


def observation_code(binding: ObservationBinding) -> dict[str, Any]:
    """Return the CodeableConcept of a field: its LOINC codes, else Fenzhen's intake-field code."""
    coding = [{"system": LOINC, "code": c, "display": binding.display} for c in binding.loinc]
    if not coding:
        coding = [
            {
                "system": codesystem_url("fenzhen-intake-field"),
                "code": binding.field,
                "display": binding.display,
            }
        ]
    return {"coding": coding, "text": binding.display}


def _category(code: str) -> list[dict[str, Any]]:
    return [{"coding": [{"system": CATEGORY_SYSTEM, "code": code}]}]


def _quantity(value: float, ucum: str, unit: str | None) -> dict[str, Any]:
    return {"value": value, "unit": unit or ucum, "system": UCUM, "code": ucum}


def _value(binding: ObservationBinding, value: Any) -> dict[str, Any]:
    if binding.kind == "quantity":
        assert binding.ucum is not None
        return {"valueQuantity": _quantity(value, binding.ucum, binding.unit)}
    if binding.kind == "boolean":
        return {"valueBoolean": bool(value)}
    return {"valueString": str(getattr(value, "value", value))}


def _base(
    obs_id: str,
    code: dict[str, Any],
    category: str,
    profile: str | None,
    subject: str,
    encounter: str,
    effective: str,
) -> dict[str, Any]:
    resource: dict[str, Any] = {"resourceType": "Observation", "id": obs_id}
    profiles = [f"{PROFILE_BASE}/vitalsigns", f"{PROFILE_BASE}/{profile}"] if profile else []
    if profiles:
        resource["meta"] = {"profile": profiles}
    resource.update(
        {
            "status": "final",
            "category": _category(category),
            "code": code,
            "subject": {"reference": subject},
            "encounter": {"reference": encounter},
            "effectiveDateTime": effective,
        }
    )
    return resource


def _blood_pressure(
    intake: Intake, obs_id: str, subject: str, encounter: str, effective: str
) -> dict[str, Any]:
    bp = terminology().blood_pressure
    code = {"coding": [{"system": LOINC, "code": bp.panel, "display": bp.display}], "text": "Blood pressure"}
    resource = _base(obs_id, code, "vital-signs", bp.profile, subject, encounter, effective)
    components = []
    for part in (bp.systolic, bp.diastolic):
        value = getattr(intake, part.field)
        if value is None:
            # The bp profile requires both components; an unmeasured one says why it is absent.
            components.append(
                {
                    "code": {"coding": [{"system": LOINC, "code": part.loinc, "display": part.display}]},
                    "dataAbsentReason": {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                                "code": "not-performed",
                            }
                        ]
                    },
                }
            )
            continue
        components.append(
            {
                "code": {"coding": [{"system": LOINC, "code": part.loinc, "display": part.display}]},
                "valueQuantity": _quantity(value, bp.ucum, "mmHg"),
            }
        )
    resource["component"] = components
    return resource


def intake_observations(
    intake: Intake, *, id_of: Any, subject: str, encounter: str, effective: str
) -> dict[str, dict[str, Any]]:
    """Build one Observation per measured intake field (the blood pressure as one panel).

    Args:
        intake: the intake; fields that are None (not measured) produce nothing.
        id_of: callable turning a local key (the field name) into the resource id.
        subject: reference to the Patient, e.g. ``"urn:uuid:…"``.
        encounter: reference to the Encounter.
        effective: ISO 8601 date-time of the measurement.

    Returns:
        ``{intake field: Observation}``; the blood pressure panel is keyed ``"blood_pressure"``.
    """
    out: dict[str, dict[str, Any]] = {}
    for binding in terminology().observations:
        value = getattr(intake, binding.field)
        if value is None:
            continue
        resource = _base(
            id_of(binding.field),
            observation_code(binding),
            binding.category,
            binding.profile,
            subject,
            encounter,
            effective,
        )
        resource.update(_value(binding, value))
        out[binding.field] = resource
    if intake.sbp_mmhg is not None or intake.dbp_mmhg is not None:
        out["blood_pressure"] = _blood_pressure(
            intake, id_of("blood_pressure"), subject, encounter, effective
        )
    return out
