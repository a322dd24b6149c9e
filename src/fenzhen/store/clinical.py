"""Patients, encounters, triage assessments and clinician reviews.

The flow: a nurse registers a patient (identifiers go to `PatientIdentity`) and opens an
encounter with an intake; the engine's `Assessment` is stored whole, with its versions. A
re-triage adds a new intake and assessment to the same encounter, so the history stays visible.
A doctor's review (accept or override, with a required reason for an override) is stored beside
the assessment and never replaces it. Every create and every read of patient data appends an
audit event in the same transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import ConflictError, InputError, NotFoundError
from fenzhen.store.audit import append_event
from fenzhen.store.db import utcnow
from fenzhen.store.models import (
    AssessmentRow,
    EncounterRow,
    IntakeRow,
    PatientIdentity,
    PatientRow,
    ReviewRow,
)

__all__ = [
    "ENCOUNTER_STATUSES",
    "PatientDetails",
    "ReviewInput",
    "add_assessment",
    "create_patient",
    "get_encounter",
    "get_patient",
    "open_encounter",
    "record_review",
    "set_status",
]

ENCOUNTER_STATUSES: tuple[str, ...] = ("waiting", "seen", "closed")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID_LENGTH = 32


@dataclass(frozen=True)
class PatientDetails:
    """Identifiers of a patient as entered at registration (never logged, never in errors)."""

    name: str
    id_number: str | None = None
    phone: str | None = None
    birth_date: str | None = None

    def validate(self) -> None:
        """Check lengths and formats; errors name the field but never echo the value."""
        if not 1 <= len(self.name.strip()) <= 100:
            raise InputError.for_field("patient.name", None, "must be 1–100 characters")
        for field, value, limit in (
            ("patient.id_number", self.id_number, 40),
            ("patient.phone", self.phone, 30),
        ):
            if value is not None and len(value) > limit:
                raise InputError.for_field(field, None, f"must be at most {limit} characters")
        if self.birth_date is not None and not _DATE.match(self.birth_date):
            raise InputError.for_field("patient.birth_date", None, "must be a date", "YYYY-MM-DD")


@dataclass(frozen=True)
class ReviewInput:
    """A clinician's decision on one assessment."""

    decision: str
    acuity: int | None = None
    china_level: int | None = None
    department: str | None = None
    reason: str | None = None

    def validate(self) -> None:
        """Refuse an override without a reason or without anything overridden."""
        if self.decision not in ("accept", "override"):
            raise InputError.for_field("decision", self.decision, "is not a decision", "accept or override")
        if self.acuity is not None and not 1 <= self.acuity <= 5:
            raise InputError.for_field("acuity", self.acuity, "is out of range", "1–5")
        if self.china_level is not None and not 1 <= self.china_level <= 4:
            raise InputError.for_field("china_level", self.china_level, "is out of range", "1–4")
        if self.department is not None and not 1 <= len(self.department) <= 100:
            raise InputError.for_field("department", None, "must be 1–100 characters")
        if self.reason is not None and len(self.reason) > 2000:
            raise InputError.for_field("reason", None, "is too long", "at most 2000 characters")
        if self.decision == "override":
            if not (self.reason or "").strip():
                raise InputError.for_field("reason", None, "is required for an override")
            if self.acuity is None and self.china_level is None and not self.department:
                raise InputError.for_field(
                    "decision", "override", "overrides nothing", "an acuity, china_level or department"
                )


def _check_id(field: str, value: str) -> None:
    if len(value) != _ID_LENGTH or not value.isalnum():
        raise NotFoundError(f"no such {field}")


def create_patient(session: Session, *, details: PatientDetails, actor_id: str, actor: str) -> PatientRow:
    """Register a patient; identifiers go to their own table."""
    details.validate()
    patient = PatientRow(created_at=utcnow(), created_by=actor_id)
    session.add(patient)
    session.flush()
    session.add(
        PatientIdentity(
            patient_id=patient.id,
            name=details.name.strip(),
            id_number=details.id_number,
            phone=details.phone,
            birth_date=details.birth_date,
        )
    )
    append_event(session, actor=actor, action="create", object_type="patient", object_id=patient.id)
    return patient


def get_patient(session: Session, patient_id: str, *, actor: str) -> dict[str, Any]:
    """Return a patient's identifiers and encounter ids (an audited read of patient data)."""
    _check_id("patient", patient_id)
    identity = session.get(PatientIdentity, patient_id)
    if identity is None:
        raise NotFoundError("no such patient")
    encounters = (
        session.execute(
            select(EncounterRow.id)
            .where(EncounterRow.patient_id == patient_id)
            .order_by(EncounterRow.arrived_at)
        )
        .scalars()
        .all()
    )
    append_event(session, actor=actor, action="read", object_type="patient", object_id=patient_id)
    return {
        "id": patient_id,
        "name": identity.name,
        "id_number": identity.id_number,
        "phone": identity.phone,
        "birth_date": identity.birth_date,
        "encounters": list(encounters),
    }


def open_encounter(
    session: Session, *, patient_id: str, intake: Intake, assessment: Assessment, actor_id: str, actor: str
) -> tuple[EncounterRow, AssessmentRow]:
    """Open a waiting encounter for a registered patient with its first triage."""
    _check_id("patient", patient_id)
    if session.get(PatientRow, patient_id) is None:
        raise NotFoundError("no such patient")
    encounter = EncounterRow(
        patient_id=patient_id, status="waiting", arrived_at=utcnow(), created_by=actor_id
    )
    session.add(encounter)
    session.flush()
    append_event(session, actor=actor, action="create", object_type="encounter", object_id=encounter.id)
    row = add_assessment(
        session,
        encounter_id=encounter.id,
        intake=intake,
        assessment=assessment,
        actor_id=actor_id,
        actor=actor,
        _new=True,
    )
    return encounter, row


def add_assessment(
    session: Session,
    *,
    encounter_id: str,
    intake: Intake,
    assessment: Assessment,
    actor_id: str,
    actor: str,
    _new: bool = False,
) -> AssessmentRow:
    """Store an intake and its assessment in an encounter (first triage or re-triage)."""
    if not _new:
        _check_id("encounter", encounter_id)
        encounter = session.get(EncounterRow, encounter_id)
        if encounter is None:
            raise NotFoundError("no such encounter")
        if encounter.status == "closed":
            raise ConflictError("the encounter is closed; open a new one")
    seq = (
        session.execute(
            select(func.max(AssessmentRow.seq)).where(AssessmentRow.encounter_id == encounter_id)
        ).scalar_one_or_none()
        or 0
    ) + 1
    now = utcnow()
    intake_row = IntakeRow(
        encounter_id=encounter_id,
        intake_json=intake.model_dump_json(exclude_none=True),
        created_at=now,
        created_by=actor_id,
    )
    session.add(intake_row)
    session.flush()
    row = AssessmentRow(
        encounter_id=encounter_id,
        intake_id=intake_row.id,
        seq=seq,
        acuity=assessment.acuity,
        china_level=assessment.china_level,
        assessment_json=assessment.model_dump_json(),
        engine_version=assessment.engine_version,
        knowledge_versions=json.dumps(assessment.knowledge_versions, sort_keys=True),
        created_at=now,
        created_by=actor_id,
    )
    session.add(row)
    session.flush()
    append_event(
        session,
        actor=actor,
        action="create",
        object_type="assessment",
        object_id=row.id,
        detail={
            "encounter": encounter_id,
            "seq": seq,
            "acuity": assessment.acuity,
            "china_level": assessment.china_level,
        },
    )
    return row


def record_review(
    session: Session, *, assessment_id: str, review: ReviewInput, actor_id: str, actor: str
) -> ReviewRow:
    """Store a clinician's accept or override beside the assessment."""
    review.validate()
    _check_id("assessment", assessment_id)
    if session.get(AssessmentRow, assessment_id) is None:
        raise NotFoundError("no such assessment")
    row = ReviewRow(
        assessment_id=assessment_id,
        decision=review.decision,
        acuity=review.acuity,
        china_level=review.china_level,
        department=review.department,
        reason=(review.reason or "").strip() or None,
        created_at=utcnow(),
        created_by=actor_id,
    )
    session.add(row)
    session.flush()
    append_event(
        session,
        actor=actor,
        action="review",
        object_type="assessment",
        object_id=assessment_id,
        detail={
            "review": row.id,
            "decision": review.decision,
            "acuity": review.acuity,
            "china_level": review.china_level,
        },
    )
    return row


def set_status(session: Session, *, encounter_id: str, status: str, actor: str) -> None:
    """Move an encounter between waiting, seen and closed."""
    if status not in ENCOUNTER_STATUSES:
        raise InputError.for_field("status", status, "is not a status", ", ".join(ENCOUNTER_STATUSES))
    _check_id("encounter", encounter_id)
    encounter = session.get(EncounterRow, encounter_id)
    if encounter is None:
        raise NotFoundError("no such encounter")
    encounter.status = status
    append_event(
        session,
        actor=actor,
        action="update",
        object_type="encounter",
        object_id=encounter_id,
        detail={"status": status},
    )


def get_encounter(session: Session, encounter_id: str, *, actor: str) -> dict[str, Any]:
    """Return an encounter with the patient, every intake, assessment and review (an audited read)."""
    _check_id("encounter", encounter_id)
    encounter = session.get(EncounterRow, encounter_id)
    if encounter is None:
        raise NotFoundError("no such encounter")
    identity = session.get(PatientIdentity, encounter.patient_id)
    rows = session.execute(
        select(AssessmentRow, IntakeRow)
        .join(IntakeRow, IntakeRow.id == AssessmentRow.intake_id)
        .where(AssessmentRow.encounter_id == encounter_id)
        .order_by(AssessmentRow.seq)
    ).all()
    ids = [a.id for a, _ in rows]
    reviews: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
    if ids:
        for r in session.execute(
            select(ReviewRow).where(ReviewRow.assessment_id.in_(ids)).order_by(ReviewRow.created_at)
        ).scalars():
            reviews[r.assessment_id].append(_review_dict(r))
    append_event(session, actor=actor, action="read", object_type="encounter", object_id=encounter_id)
    return {
        "id": encounter.id,
        "status": encounter.status,
        "arrived_at": encounter.arrived_at,
        "escalated_at": encounter.escalated_at,
        "patient": {"id": encounter.patient_id, "name": identity.name if identity else None},
        "assessments": [
            {
                "id": a.id,
                "seq": a.seq,
                "created_at": a.created_at,
                "intake": json.loads(i.intake_json),
                "assessment": json.loads(a.assessment_json),
                "reviews": reviews[a.id],
            }
            for a, i in rows
        ],
    }


def _review_dict(r: ReviewRow) -> dict[str, Any]:
    return {
        "id": r.id,
        "decision": r.decision,
        "acuity": r.acuity,
        "china_level": r.china_level,
        "department": r.department,
        "reason": r.reason,
        "created_at": r.created_at,
        "created_by": r.created_by,
    }
