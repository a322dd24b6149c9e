"""A remote dose-adjustment request → a FHIR R4 `MedicationRequest` (intent ``proposal``).

Status follows the decision: ``draft`` while it waits for a prescriber, ``active`` once approved
(or approved with a modified dose, which then is the dose given), ``cancelled`` when rejected (with
the reason in ``statusReason``). The dose check travels with it as contained ``DetectedIssue``
resources (severity critical→high, warning→moderate, info→low) and the weight and creatinine the
request was made with as contained ``Observation`` resources in ``supportingInformation``.

Patient, encounter and staff are referenced by Fenzhen's opaque ids (``Reference.identifier``),
never by name: the export carries no patient identifier.

References:
    HL7 FHIR R4 MedicationRequest, Dosage, Timing, DetectedIssue (https://hl7.org/fhir/R4/);
    WHO ATC (https://www.whocc.no/atc/); LOINC 29463-7 body weight, 14682-9 serum creatinine.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from fenzhen.dosing import formulary
from fenzhen.dosing.result import FREQUENCY_TEXT
from fenzhen.dosing.units import parse_quantity
from fenzhen.interop.terminology import CANONICAL_BASE, LOINC, UCUM

__all__ = [
    "ATC",
    "DOSE_UCUM",
    "FREQUENCY_TIMING",
    "STATUS",
    "MedicationProposal",
    "dosage",
    "medication_request",
]

ATC = "http://www.whocc.no/atc"
#: Request status → MedicationRequest.status.
STATUS: dict[str, str] = {
    "pending": "draft",
    "approved": "active",
    "modified": "active",
    "rejected": "cancelled",
}
#: Fenzhen's dose units (`fenzhen.dosing.units`) → UCUM codes.
DOSE_UCUM: dict[str, str] = {
    "mg": "mg",
    "g": "g",
    "microgram": "ug",
    "mL": "mL",
    "unit": "[IU]",
    "tablet": "{tablet}",
    "puff": "{puff}",
}
#: Formulary frequency codes → FHIR Timing.repeat (empty where the interval is not regular).
FREQUENCY_TIMING: dict[str, dict[str, Any]] = {
    "once": {"count": 1},
    "q20min": {"frequency": 1, "period": 20, "periodUnit": "min"},
    "q4h": {"frequency": 1, "period": 4, "periodUnit": "h"},
    "q6h": {"frequency": 1, "period": 6, "periodUnit": "h"},
    "q8h": {"frequency": 1, "period": 8, "periodUnit": "h"},
    "q12h": {"frequency": 1, "period": 12, "periodUnit": "h"},
    "q24h": {"frequency": 1, "period": 1, "periodUnit": "d"},
    "q48h": {"frequency": 1, "period": 2, "periodUnit": "d"},
    "after_each_loose_stool": {},
}
_AS_NEEDED = {"q20min", "after_each_loose_stool"}
_ISSUE_SEVERITY = {"critical": "high", "warning": "moderate", "info": "low"}
_ROUTES = {  # SNOMED CT route concepts
    "oral": ("26643006", "Oral route"),
    "iv": ("47625008", "Intravenous route"),
    "im": ("78421000", "Intramuscular route"),
    "sc": ("34206005", "Subcutaneous route"),
    "rectal": ("37161004", "Rectal route"),
    "inhaled": ("447694001", "Respiratory tract route"),
    "nebulised": ("447694001", "Respiratory tract route"),
    "buccal": ("54471007", "Buccal route"),
}
SNOMED = "http://snomed.info/sct"


class MedicationProposal(BaseModel):
    """What the export needs of a dose request (the store's detail view has these fields)."""

    model_config = ConfigDict(extra="ignore")

    id: str
    status: str
    drug: str
    order: dict[str, Any]
    final_order: dict[str, Any] | None = None
    patient_id: str
    encounter_id: str | None = None
    created_at: str
    requested_by: str
    requested_by_id: str
    reason: str
    weight_kg: float
    creatinine_umol_l: float | None = None
    measured_at: str | None = None
    findings: list[dict[str, Any]] = Field(default_factory=list)
    decisions: list[dict[str, Any]] = Field(default_factory=list)


def _sid(kind: str, value: str) -> dict[str, Any]:
    return {"identifier": {"system": f"{CANONICAL_BASE}/sid/{kind}", "value": value}}


def dosage(order: dict[str, Any]) -> dict[str, Any]:
    """Return the FHIR Dosage of one order (dose with its UCUM unit, timing, route)."""
    q = parse_quantity(str(order["dose"]), "dose")
    code = order["frequency"]
    text_en, text_zh = FREQUENCY_TEXT.get(code, (code, code))
    timing: dict[str, Any] = {"code": {"text": code}}
    if FREQUENCY_TIMING.get(code):
        timing["repeat"] = dict(FREQUENCY_TIMING[code])
    out: dict[str, Any] = {
        "text": f"{order['dose']} {text_en} / {text_zh}",
        "timing": timing,
        "doseAndRate": [
            {"doseQuantity": {"value": q.value, "unit": q.unit, "system": UCUM, "code": DOSE_UCUM[q.unit]}}
        ],
    }
    if code in _AS_NEEDED:
        out["asNeededBoolean"] = True
    route = order.get("route")
    if route in _ROUTES:
        snomed, display = _ROUTES[route]
        out["route"] = {"coding": [{"system": SNOMED, "code": snomed, "display": display}], "text": route}
    elif route:
        out["route"] = {"text": str(route)}
    return out


def _observation(
    rid: str, loinc: str, display: str, value: float, unit: str, p: MedicationProposal
) -> dict[str, Any]:
    obs: dict[str, Any] = {
        "resourceType": "Observation",
        "id": rid,
        "status": "final",
        "code": {"coding": [{"system": LOINC, "code": loinc, "display": display}], "text": display},
        "subject": _sid("patient", p.patient_id),
        "valueQuantity": {"value": value, "unit": unit, "system": UCUM, "code": unit},
    }
    if p.measured_at:
        obs["effectiveDateTime"] = p.measured_at
    return obs


def _issues(findings: list[dict[str, Any]], p: MedicationProposal) -> list[dict[str, Any]]:
    out = []
    for i, f in enumerate(findings, 1):
        detail = f"{f.get('message_en', '')} / {f.get('message_zh', '')}"
        if f.get("citations"):
            detail += " — " + "; ".join(f["citations"])
        out.append(
            {
                "resourceType": "DetectedIssue",
                "id": f"issue-{i}",
                "status": "final",
                "severity": _ISSUE_SEVERITY.get(f.get("severity", "info"), "low"),
                "code": {"text": str(f.get("code", "dose-check"))},
                "patient": _sid("patient", p.patient_id),
                "detail": detail,
            }
        )
    return out


def _notes(p: MedicationProposal) -> list[dict[str, Any]]:
    notes = [
        {
            "authorReference": _sid("user", p.requested_by_id),
            "time": p.created_at,
            "text": f"Proposed: {p.reason}",
        }
    ]
    for d in p.decisions:
        text = d["decision"] + (f": {d['reason']}" if d.get("reason") else "")
        if d.get("acknowledged_critical"):
            text += " (critical dose-check findings acknowledged)"
        notes.append(
            {"authorReference": _sid("user", d["decided_by_id"]), "time": d["created_at"], "text": text}
        )
    return notes


def medication_request(p: MedicationProposal) -> dict[str, Any]:
    """Build the MedicationRequest of a dose request.

    Args:
        p: the request (`MedicationProposal.model_validate(detail)` of the store's detail view).

    Returns:
        A FHIR R4 MedicationRequest as JSON-ready dict. The dose is the decided one once approved
        or modified, else the proposed one; the dose check is the decision's, else the proposal's.
    """
    drug = formulary().drugs.get(p.drug)
    name = f"{drug.name_zh} {drug.name_en}" if drug else p.drug
    concept: dict[str, Any] = {"text": name}
    if drug:
        concept["coding"] = [{"system": ATC, "code": drug.atc, "display": drug.name_en}]
    decided = p.decisions[-1] if p.decisions else None
    order = p.final_order or p.order
    findings = decided["findings"] if decided and decided.get("order") else p.findings
    contained = [_observation("weight", "29463-7", "Body weight", p.weight_kg, "kg", p)]
    if p.creatinine_umol_l is not None:
        contained.append(
            _observation(
                "creatinine",
                "14682-9",
                "Creatinine [Moles/volume] in Serum or Plasma",
                p.creatinine_umol_l,
                "umol/L",
                p,
            )
        )
    issues = _issues(findings, p)
    resource: dict[str, Any] = {
        "resourceType": "MedicationRequest",
        "id": p.id,
        "contained": contained + issues,
        "identifier": [{"system": f"{CANONICAL_BASE}/sid/dose-request", "value": p.id}],
        "status": STATUS[p.status],
        "intent": "proposal",
        "medicationCodeableConcept": concept,
        "subject": _sid("patient", p.patient_id),
        "authoredOn": p.created_at,
        "requester": _sid("user", p.requested_by_id) | {"display": p.requested_by},
        "supportingInformation": [{"reference": f"#{c['id']}"} for c in contained],
        "note": _notes(p),
        "dosageInstruction": [dosage(order)],
    }
    if p.encounter_id:
        resource["encounter"] = _sid("encounter", p.encounter_id)
    if order.get("indication"):
        resource["reasonCode"] = [{"text": str(order["indication"])}]
    if issues:
        resource["detectedIssue"] = [{"reference": f"#{i['id']}"} for i in issues]
    if p.status == "rejected" and decided:
        resource["statusReason"] = {"text": decided.get("reason") or "rejected"}
    return resource
