"""Store rows → `fenzhen.interop.record.EncounterRecord`, the one shape every export is built from.

Why not `fenzhen.store.clinical.get_encounter`: that is the audited read for the clinical pages
and leaves identifiers out. An export needs the identifiers (the FHIR export drops them for roles
without identifier rights, the de-identified export never uses them) and is audited once, as an
``export``, by the route that makes it. The caller runs this inside one transaction.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import NotFoundError
from fenzhen.interop.record import AssessmentRecord, EncounterRecord, PatientRecord, ReviewRecord
from fenzhen.service.tools_care import Facility, route_and_care, routing_record
from fenzhen.store.models import AssessmentRow, EncounterRow, IntakeRow, PatientIdentity, ReviewRow, User

__all__ = ["RECORD_STATUS", "load_encounter_record"]

#: The store's encounter status → the status vocabulary of `EncounterRecord` (FHIR export).
RECORD_STATUS: dict[str, str] = {"waiting": "waiting", "seen": "in_progress", "closed": "done"}
_ID_LENGTH = 32


def _review(row: ReviewRow | None, roles: dict[str, str]) -> ReviewRecord | None:
    if row is None:
        return None
    return ReviewRecord(
        id=row.id,
        decision=row.decision,  # type: ignore[arg-type]
        acuity=row.acuity,
        china_level=row.china_level,
        department=row.department,
        reason=row.reason,
        created_at=row.created_at,
        reviewer_id=row.created_by,
        reviewer_role=roles.get(row.created_by, "doctor"),
    )


def _latest_reviews(session: Session, assessment_ids: list[str]) -> dict[str, ReviewRow]:
    latest: dict[str, ReviewRow] = {}
    if assessment_ids:
        query = (
            select(ReviewRow)
            .where(ReviewRow.assessment_id.in_(assessment_ids))
            .order_by(ReviewRow.created_at)
        )
        for row in session.execute(query).scalars():
            latest[row.assessment_id] = row  # ordered by time: the last one wins
    return latest


def load_encounter_record(session: Session, encounter_id: str, facility: Facility) -> EncounterRecord:
    """Build the export record of one encounter, with department and care level of its latest triage.

    Args:
        session: an open transaction.
        encounter_id: the encounter's 32-hex-digit id.
        facility: the clinic's facility (for the care level).

    Raises:
        NotFoundError: for an unknown or malformed id.
    """
    if len(encounter_id) != _ID_LENGTH or not encounter_id.isalnum():
        raise NotFoundError("no such encounter")
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
    if not rows:
        raise NotFoundError("the encounter has no assessment")
    reviews = _latest_reviews(session, [a.id for a, _ in rows])
    reviewer_ids = sorted({r.created_by for r in reviews.values()})
    roles: dict[str, str] = {}
    if reviewer_ids:
        roles = {
            uid: role
            for uid, role in session.execute(select(User.id, User.role).where(User.id.in_(reviewer_ids)))
        }
    assessments = [
        AssessmentRecord(
            id=a.id,
            seq=a.seq,
            created_at=a.created_at,
            intake=Intake.model_validate_json(i.intake_json),
            assessment=Assessment.model_validate_json(a.assessment_json),
            review=_review(reviews.get(a.id), roles),
        )
        for a, i in rows
    ]
    latest = assessments[-1]
    return EncounterRecord(
        id=encounter.id,
        patient=PatientRecord(
            id=encounter.patient_id,
            name=identity.name if identity else None,
            id_number=identity.id_number if identity else None,
            phone=identity.phone if identity else None,
            birth_date=identity.birth_date if identity else None,
        ),
        status=RECORD_STATUS.get(encounter.status, encounter.status),
        arrived_at=encounter.arrived_at,
        assessments=assessments,
        routing=routing_record(route_and_care(latest.intake, latest.assessment, facility)),
    )
