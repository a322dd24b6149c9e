"""An encounter → a FHIR R4 `Bundle` (collection): patient, encounter, vitals, level, scores, flags.

Privacy: the Patient carries identifiers (name, resident ID, phone, birth date) only when
`include_identifiers` is True, which the route decides from the caller's role. Otherwise its id is
a keyed pseudonym (HMAC-SHA256 of the internal id), and `meta.security` says PSEUDED.
Resource ids are UUIDv5 of the encounter and a local key, so re-exporting gives the same ids.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from typing import Any

from fenzhen.domain import Assessment
from fenzhen.interop.codesystems import codesystem_url
from fenzhen.interop.fhir_observations import CATEGORY_SYSTEM, intake_observations
from fenzhen.interop.record import AssessmentRecord, EncounterRecord, PatientRecord
from fenzhen.interop.terminology import CANONICAL_BASE, LOINC, terminology

__all__ = ["SCORE_INPUTS", "export_bundle", "patient_resource", "triage_observation"]

_NS = uuid.UUID("6f0c1f4e-3b7a-5d0e-9a51-0f3e2c7d8b10")
_ENCOUNTER_STATUS = {
    "waiting": "triaged",
    "in_progress": "in-progress",
    "done": "finished",
    "discharged": "finished",
    "cancelled": "cancelled",
    "left": "finished",
}
_REQUEST_PRIORITY = {1: "stat", 2: "asap", 3: "urgent", 4: "routine", 5: "routine"}
#: Which intake fields each score reads: the Observations its RiskAssessment cites as `basis`.
SCORE_INPUTS: dict[str, tuple[str, ...]] = {
    "news2": (
        "resp_rate_bpm",
        "spo2_pct",
        "on_oxygen",
        "blood_pressure",
        "heart_rate_bpm",
        "avpu",
        "gcs",
        "temp_c",
    ),
    "news2_scale2": (
        "resp_rate_bpm",
        "spo2_pct",
        "on_oxygen",
        "blood_pressure",
        "heart_rate_bpm",
        "avpu",
        "gcs",
        "temp_c",
    ),
    "pews": ("heart_rate_bpm", "cap_refill_s", "resp_rate_bpm", "on_oxygen", "avpu", "gcs"),
    "qsofa": ("resp_rate_bpm", "blood_pressure", "avpu", "gcs"),
    "shock_index": ("heart_rate_bpm", "blood_pressure"),
    "consciousness": ("gcs", "avpu"),
}
SCORE_VALUE_EXTENSION = f"{CANONICAL_BASE}/StructureDefinition/score-value"
PSEUDED = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
    "code": "PSEUDED",
    "display": "pseudonymized",
}


def _uid(*parts: str) -> str:
    return str(uuid.uuid5(_NS, "/".join(parts)))


def _ref(resource: dict[str, Any]) -> dict[str, str]:
    return {"reference": f"urn:uuid:{resource['id']}"}


def patient_resource(
    patient: PatientRecord, sex: str | None, *, include_identifiers: bool, pseudonym_key: bytes
) -> dict[str, Any]:
    """Build the Patient: identifiers only if `include_identifiers`, else a keyed pseudonym."""
    digest = hmac.new(pseudonym_key, patient.id.encode(), hashlib.sha256).hexdigest()
    resource: dict[str, Any] = {"resourceType": "Patient", "id": _uid("patient", digest)}
    if include_identifiers:
        resource["identifier"] = [{"system": f"{CANONICAL_BASE}/sid/patient", "value": patient.id}]
        if patient.id_number:
            resource["identifier"].append(
                {"system": f"{CANONICAL_BASE}/sid/cn-resident-id", "value": patient.id_number}
            )
        if patient.name:
            resource["name"] = [{"text": patient.name}]
        if patient.phone:
            resource["telecom"] = [{"system": "phone", "value": patient.phone}]
        if patient.birth_date:
            resource["birthDate"] = patient.birth_date
    else:
        resource["meta"] = {"security": [PSEUDED]}
        resource["identifier"] = [{"system": f"{CANONICAL_BASE}/sid/pseudonym", "value": digest[:32]}]
    if sex is not None:
        resource["gender"] = sex
    return resource


def _level_value(china_level: int, acuity: int) -> dict[str, Any]:
    levels = {r.level: r for r in _levels().china}, {r.level: r for r in _levels().acuity}
    china, five = levels[0][china_level], levels[1][acuity]
    return {
        "valueCodeableConcept": {
            "coding": [
                {
                    "system": codesystem_url("fenzhen-triage-china-4level"),
                    "code": str(china_level),
                    "display": f"{china.name_en} ({china.name_zh})",
                }
            ],
            "text": f"{china_level}级 {china.name_zh}",
        },
        "component": [
            {
                "code": {
                    "coding": [
                        {
                            "system": codesystem_url("fenzhen-observation"),
                            "code": "acuity-5level",
                            "display": "5-level acuity",
                        }
                    ]
                },
                "valueCodeableConcept": {
                    "coding": [
                        {
                            "system": codesystem_url("fenzhen-triage-acuity-5level"),
                            "code": str(acuity),
                            "display": five.name_en,
                        }
                    ]
                },
            }
        ],
    }


def _levels() -> Any:
    from fenzhen.knowledge import load

    return load("triage_levels")


def triage_observation(
    obs_id: str,
    assessment: Assessment,
    *,
    subject: dict[str, str] | None,
    encounter: dict[str, str] | None,
    effective: str,
    derived_from: list[dict[str, str]],
) -> dict[str, Any]:
    """Build the triage-level Observation (China 4-level value, 5-level acuity component)."""
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": obs_id,
        # A level made with vitals missing is provisional: say so in the status.
        "status": "preliminary" if assessment.provisional else "final",
        "category": [{"coding": [{"system": CATEGORY_SYSTEM, "code": "survey"}]}],
        "code": {
            "coding": [
                {
                    "system": codesystem_url("fenzhen-observation"),
                    "code": "triage-level",
                    "display": "Triage level",
                }
            ],
            "text": "Triage level (分诊级别)",
        },
        "effectiveDateTime": effective,
        "method": {"text": f"Fenzhen engine {assessment.engine_version}"},
        "note": [{"text": assessment.disclaimer}],
    }
    if subject:
        resource["subject"] = subject
    if encounter:
        resource["encounter"] = encounter
    resource.update(_level_value(assessment.china_level, assessment.acuity))
    if derived_from:
        resource["derivedFrom"] = derived_from
    return resource


def _risk_assessments(
    rec: AssessmentRecord, key: str, subj: dict[str, str], enc: dict[str, str], obs: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    out = []
    for name, score in rec.assessment.scores.items():
        inputs = SCORE_INPUTS.get(name, tuple(obs))
        basis = [_ref(obs[f]) for f in inputs if f in obs]
        ra: dict[str, Any] = {
            "resourceType": "RiskAssessment",
            "id": _uid(key, "score", name),
            "status": "preliminary" if score.missing else "final",
            "code": {"coding": [{"system": codesystem_url("fenzhen-score"), "code": name}]},
            "subject": subj,
            "encounter": enc,
            "occurrenceDateTime": rec.created_at,
            "method": {"text": score.source},
            "prediction": [
                {
                    "outcome": {"text": score.response_en},
                    "qualitativeRisk": {"text": score.band},
                    "rationale": f"{name} = {score.value if score.value is not None else 'n/a'} "
                    f"({score.band})",
                }
            ],
            "note": [{"text": score.response_zh}],
        }
        if score.value is not None:
            ra["extension"] = [{"url": SCORE_VALUE_EXTENSION, "valueDecimal": score.value}]
        if basis:
            ra["basis"] = basis
        out.append(ra)
    return out


def _flags(
    rec: AssessmentRecord, key: str, subj: dict[str, str], enc: dict[str, str]
) -> list[dict[str, Any]]:
    return [
        {
            "resourceType": "Flag",
            "id": _uid(key, "flag", flag.id),
            "status": "active",
            "category": [
                {
                    "coding": [
                        {"system": "http://terminology.hl7.org/CodeSystem/flag-category", "code": "clinical"}
                    ]
                }
            ],
            "code": {
                "coding": [
                    {"system": codesystem_url("fenzhen-red-flag"), "code": flag.id, "display": flag.name_en}
                ],
                "text": f"{flag.name_zh} / {flag.name_en}",
            },
            "subject": subj,
            "encounter": enc,
            "period": {"start": rec.created_at},
        }
        for flag in rec.assessment.red_flags
    ]


def _review(
    rec: AssessmentRecord, key: str, subj: dict[str, str], enc: dict[str, str], engine_obs: dict[str, Any]
) -> list[dict[str, Any]]:
    review = rec.review
    if review is None:
        return []
    targets = [_ref(engine_obs)]
    out: list[dict[str, Any]] = []
    if review.decision == "override" and (review.acuity or review.china_level):
        a = rec.assessment
        acuity = review.acuity or a.acuity
        china = review.china_level or _levels().acuity_to_china[acuity]
        final = a.model_copy(update={"acuity": acuity, "china_level": china, "provisional": False})
        clin = triage_observation(
            _uid(key, "triage", "review"),
            final,
            subject=subj,
            encounter=enc,
            effective=review.created_at,
            derived_from=[_ref(engine_obs)],
        )
        clin["method"] = {"text": "Clinician override"}
        clin["performer"] = [
            {
                "identifier": {"system": f"{CANONICAL_BASE}/sid/user", "value": review.reviewer_id},
                "display": review.reviewer_role,
            }
        ]
        out.append(clin)
        targets.append(_ref(clin))
    agent = {
        "type": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                    "code": "verifier",
                }
            ]
        },
        "who": {
            "identifier": {"system": f"{CANONICAL_BASE}/sid/user", "value": review.reviewer_id},
            "display": review.reviewer_role,
        },
    }
    prov: dict[str, Any] = {
        "resourceType": "Provenance",
        "id": _uid(key, "provenance"),
        "target": targets,
        "recorded": review.created_at,
        "agent": [agent],
        "activity": {"text": review.decision},
        "entity": [{"role": "source", "what": _ref(engine_obs)}],
    }
    if review.reason:
        prov["reason"] = [{"text": review.reason}]
    return [*out, prov]


def _final_acuity(rec: AssessmentRecord) -> int:
    if rec.review and rec.review.decision == "override" and rec.review.acuity:
        return rec.review.acuity
    return rec.assessment.acuity


def _service_request(
    record: EncounterRecord, subj: dict[str, str], enc: dict[str, str]
) -> list[dict[str, Any]]:
    latest = record.latest
    department = (latest.review.department if latest.review else None) or (
        record.routing.department if record.routing else None
    )
    care = record.routing.care_level if record.routing else None
    if department is None and care is None:
        return []
    sr: dict[str, Any] = {
        "resourceType": "ServiceRequest",
        "id": _uid(record.id, "service-request"),
        "status": "active",
        "intent": "proposal",
        "priority": _REQUEST_PRIORITY[_final_acuity(latest)],
        "code": {"text": f"Refer to {department}" if department else "Care level"},
        "subject": subj,
        "encounter": enc,
        "authoredOn": latest.created_at,
    }
    if department:
        sr["performerType"] = {"text": department}
    if care:
        sr["locationCode"] = [{"text": f"{care} level care"}]
    return [sr]


def export_bundle(
    record: EncounterRecord, *, include_identifiers: bool, pseudonym_key: bytes
) -> dict[str, Any]:
    """Export one encounter as a FHIR R4 collection Bundle.

    Args:
        record: the encounter, its assessments (each with intake and optional review), routing.
        include_identifiers: write name, resident ID, phone and birth date (role-dependent).
        pseudonym_key: secret key of the patient pseudonym (HMAC-SHA256).

    Returns:
        The Bundle as a JSON-ready dict.
    """
    latest = record.latest
    sex = latest.intake.sex.value if latest.intake.sex else None
    patient = patient_resource(
        record.patient, sex, include_identifiers=include_identifiers, pseudonym_key=pseudonym_key
    )
    subj = _ref(patient)
    prio = terminology().priority_for(_final_acuity(latest))
    encounter: dict[str, Any] = {
        "resourceType": "Encounter",
        "id": _uid(record.id, "encounter"),
        "identifier": [{"system": f"{CANONICAL_BASE}/sid/encounter", "value": record.id}],
        "status": _ENCOUNTER_STATUS.get(record.status, "unknown"),
        "class": {
            "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
            "code": "EMER",
            "display": "emergency",
        },
        "priority": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/v3-ActPriority",
                    "code": prio.code,
                    "display": prio.display,
                }
            ]
        },
        "subject": subj,
        "period": {"start": record.arrived_at},
        "reasonCode": [{"text": latest.intake.complaint}],
    }
    enc = _ref(encounter)
    resources: list[dict[str, Any]] = [patient, encounter]
    for rec in sorted(record.assessments, key=lambda r: r.seq):
        key = f"{record.id}/{rec.seq}"
        obs = intake_observations(
            rec.intake,
            id_of=lambda k, key=key: _uid(key, "obs", k),
            subject=subj["reference"],
            encounter=enc["reference"],
            effective=rec.created_at,
        )
        complaint = {
            "resourceType": "Observation",
            "id": _uid(key, "complaint"),
            "status": "final",
            "code": {
                "coding": [
                    {
                        "system": LOINC,
                        "code": terminology().chief_complaint.loinc[0],
                        "display": terminology().chief_complaint.display,
                    }
                ]
            },
            "subject": subj,
            "encounter": enc,
            "effectiveDateTime": rec.created_at,
            "valueString": rec.intake.complaint,
        }
        engine_obs = triage_observation(
            _uid(key, "triage"),
            rec.assessment,
            subject=subj,
            encounter=enc,
            effective=rec.created_at,
            derived_from=[_ref(o) for o in (complaint, *obs.values())],
        )
        resources += [complaint, *obs.values(), engine_obs]
        resources += _risk_assessments(rec, key, subj, enc, obs)
        resources += _flags(rec, key, subj, enc)
        resources += _review(rec, key, subj, enc, engine_obs)
    resources += _service_request(record, subj, enc)
    return {
        "resourceType": "Bundle",
        "id": _uid(record.id, "bundle"),
        "type": "collection",
        "timestamp": latest.created_at,
        "entry": [{"fullUrl": f"urn:uuid:{r['id']}", "resource": r} for r in resources],
    }
