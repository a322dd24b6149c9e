"""The worklist: waiting patients, most urgent first.

Order: by effective China level (a clinician's override wins over the engine's level), then by
how far past the response-time target the patient is (most overdue first), then by arrival.
The target is the level's response time (`Assessment.china.response_minutes`, the 2018 consensus
table; for an overridden level, the same table in the `triage_levels` knowledge file). A patient
past the target is *escalated*: flagged on the list, and the first time it happens an
``escalate`` audit event is written, so a missed target is on the record and cannot be quietly lost.
The level itself is never changed by waiting: re-triage or a clinician's review changes it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fenzhen.knowledge import load
from fenzhen.store.audit import append_event
from fenzhen.store.db import utcnow
from fenzhen.store.models import AssessmentRow, EncounterRow, IntakeRow, PatientIdentity, ReviewRow

__all__ = ["WorklistEntry", "build_worklist", "minutes_between"]

MAX_ENTRIES = 500


@dataclass
class WorklistEntry:
    """One waiting patient on the worklist."""

    encounter_id: str
    patient_name: str
    arrived_at: str
    waited_minutes: float
    china_level: int
    acuity: int
    target_minutes: int
    minutes_past_target: float
    overdue: bool
    escalated: bool
    overridden: bool
    reviewed: bool
    assessment_id: str
    assessments: int
    complaint: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def minutes_between(start_iso: str, end: datetime) -> float:
    """Return minutes from an ISO 8601 UTC timestamp to `end`."""
    start = datetime.strptime(start_iso, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    return (end - start).total_seconds() / 60.0


def _effective_levels(row: AssessmentRow, review: ReviewRow | None) -> tuple[int, int, bool]:
    china, acuity, overridden = row.china_level, row.acuity, False
    if review is not None and review.decision == "override":
        levels = load("triage_levels")
        if review.acuity is not None:
            acuity, overridden = review.acuity, True
            china = levels.acuity_to_china[review.acuity]
        if review.china_level is not None:
            china, overridden = review.china_level, True
    return china, acuity, overridden


def _target_minutes(row: AssessmentRow, china: int) -> int:
    if china == row.china_level:
        return int(json.loads(row.assessment_json)["china"]["response_minutes"])
    return next(r.response_minutes for r in load("triage_levels").china if r.level == china)


def build_worklist(session: Session, *, actor: str, now: datetime | None = None) -> list[WorklistEntry]:
    """Return waiting encounters in worklist order, escalating any newly overdue one.

    Args:
        session: an open transaction (escalations and the read are audited in it).
        actor: the user reading the list.
        now: the clock, for tests; defaults to the current UTC time.
    """
    now = now or datetime.now(UTC)
    encounters = (
        session.execute(
            select(EncounterRow)
            .where(EncounterRow.status == "waiting")
            .order_by(EncounterRow.arrived_at)
            .limit(MAX_ENTRIES)
        )
        .scalars()
        .all()
    )
    ids = [e.id for e in encounters]
    latest: dict[str, AssessmentRow] = {}
    counts: dict[str, int] = {}
    if ids:
        for a in session.execute(
            select(AssessmentRow).where(AssessmentRow.encounter_id.in_(ids)).order_by(AssessmentRow.seq)
        ).scalars():
            latest[a.encounter_id] = a
            counts[a.encounter_id] = counts.get(a.encounter_id, 0) + 1
    reviews: dict[str, ReviewRow] = {}
    if latest:
        for r in session.execute(
            select(ReviewRow)
            .where(ReviewRow.assessment_id.in_([a.id for a in latest.values()]))
            .order_by(ReviewRow.created_at)
        ).scalars():
            reviews[r.assessment_id] = r
    complaints: dict[str, str] = {}
    if latest:
        for intake_id, text in session.execute(
            select(IntakeRow.id, IntakeRow.intake_json).where(
                IntakeRow.id.in_([a.intake_id for a in latest.values()])
            )
        ).all():
            complaints[intake_id] = str(json.loads(text).get("complaint", ""))[:200]
    names = (
        dict(
            session.execute(
                select(PatientIdentity.patient_id, PatientIdentity.name).where(
                    PatientIdentity.patient_id.in_([e.patient_id for e in encounters])
                )
            ).all()
        )
        if encounters
        else {}
    )
    entries = []
    for enc in encounters:
        row = latest.get(enc.id)
        if row is None:
            continue
        review = reviews.get(row.id)
        china, acuity, overridden = _effective_levels(row, review)
        target = _target_minutes(row, china)
        waited = minutes_between(enc.arrived_at, now)
        past = waited - target
        overdue = past > 0
        if overdue and enc.escalated_at is None:
            enc.escalated_at = utcnow()
            append_event(
                session,
                actor="system",
                action="escalate",
                object_type="encounter",
                object_id=enc.id,
                detail={"china_level": china, "target_minutes": target, "waited_minutes": round(waited)},
            )
        entries.append(
            WorklistEntry(
                encounter_id=enc.id,
                patient_name=names.get(enc.patient_id, ""),
                arrived_at=enc.arrived_at,
                waited_minutes=round(waited, 1),
                china_level=china,
                acuity=acuity,
                target_minutes=target,
                minutes_past_target=round(past, 1),
                overdue=overdue,
                escalated=enc.escalated_at is not None,
                overridden=overridden,
                reviewed=review is not None,
                assessment_id=row.id,
                assessments=counts[enc.id],
                complaint=complaints.get(row.intake_id, ""),
            )
        )
    entries.sort(key=lambda e: (e.china_level, -e.minutes_past_target, e.arrived_at))
    append_event(
        session,
        actor=actor,
        action="read",
        object_type="worklist",
        object_id="waiting",
        detail={"entries": len(entries)},
    )
    return entries
