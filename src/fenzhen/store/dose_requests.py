"""Remote dose adjustment (远程精准调药): proposals, decisions by a prescriber, notifications.

A nurse or doctor at one site proposes a dose change for a registered patient, with the reason
and the latest weight (and creatinine); the order is checked at once by
`fenzhen.dosing.check_order`. The request waits at the supervising site until a doctor with
prescribing rights there approves it, modifies it (a new dose, checked again) or rejects it, each
with a reason. Nothing is approved automatically, and nobody decides their own request. A
decision whose dose check has a critical finding needs ``acknowledge_critical``. Decisions are
rows of their own, never edited; the requester's notification is the decided request they have
not opened yet. Every write and every read of a request is audited in the same transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fenzhen.dosing import DoseFinding, DoseOrder, DosePatient, check_order, resolve_drug
from fenzhen.errors import ConflictError, ForbiddenError, InputError, NotFoundError
from fenzhen.store.audit import append_event
from fenzhen.store.db import utcnow
from fenzhen.store.dose_views import detail_dict, max_severity, summary_dict
from fenzhen.store.models import DoseDecisionRow, DoseRequestRow, EncounterRow, PatientRow, Site, User
from fenzhen.store.sites import prescribers_at, staff_site

__all__ = [
    "DECISIONS",
    "DoseDecision",
    "DoseProposal",
    "decide_dose_request",
    "get_dose_request",
    "list_my_requests",
    "list_pending",
    "propose_dose_change",
    "unread_count",
]

#: Decision → the request status it leaves.
DECISIONS: dict[str, str] = {"approve": "approved", "modify": "modified", "reject": "rejected"}
#: A FHIR ``date`` or ``dateTime`` (a time needs seconds and a zone), so the export stays valid.
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$")
_PATIENT_FIELDS = frozenset(DosePatient.model_fields)


def _prefixed(exc: InputError) -> InputError:
    """Re-name a dosing error's fields as the request names them (``order.dose``, ``patient.age_years``)."""
    fields = []
    for f in exc.fields:
        name = str(f.get("field", ""))
        root = "patient." if name.split(".")[0] in _PATIENT_FIELDS else "order."
        fields.append({**f, "field": root + name})
    return InputError(exc.message, fields=fields)  # type: ignore[arg-type]


def _check(order: DoseOrder, patient: DosePatient) -> list[DoseFinding]:
    try:
        return check_order(order, patient)
    except InputError as exc:
        raise _prefixed(exc) from None


def _canonical(order: DoseOrder, field: str) -> DoseOrder:
    try:
        drug_id, _ = resolve_drug(order.drug)
    except InputError as exc:
        raise InputError(exc.message, fields=[{**f, "field": f"{field}.drug"} for f in exc.fields]) from None  # type: ignore[misc]
    return order.model_copy(update={"drug": drug_id})


@dataclass(frozen=True)
class DoseProposal:
    """What the proposing clinician sends: the patient's facts, the new order and why."""

    patient_id: str
    order: DoseOrder
    patient: DosePatient
    reason: str
    encounter_id: str | None = None
    supervising_site: str | None = None
    current_order: DoseOrder | None = None
    measured_at: str | None = None

    def validate(self) -> None:
        """Refuse a proposal without a reason or the latest weight (missing is not normal)."""
        if not 1 <= len(self.reason.strip()) <= 2000:
            raise InputError.for_field("reason", None, "is required", "1–2000 characters")
        if self.patient.weight_kg is None:
            raise InputError.for_field("patient.weight_kg", None, "is required: give the latest weight", "kg")
        if self.measured_at is not None and not _DATE.match(self.measured_at):
            raise InputError.for_field(
                "measured_at", None, "is not a date", "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+08:00"
            )


@dataclass(frozen=True)
class DoseDecision:
    """A prescriber's decision: approve as proposed, modify to a new order, or reject."""

    decision: str
    reason: str | None = None
    order: DoseOrder | None = None
    acknowledge_critical: bool = False

    def validate(self, proposed: DoseOrder) -> None:
        """Check the decision's shape against the proposed order.

        Raises:
            InputError: unknown decision; modify or reject without a reason; modify without a new
                order, to another drug, or to the same order; approve with an order.
        """
        if self.decision not in DECISIONS:
            raise InputError.for_field(
                "decision", self.decision, "is not a decision", "approve, modify or reject"
            )
        if self.reason is not None and len(self.reason) > 2000:
            raise InputError.for_field("reason", None, "is too long", "at most 2000 characters")
        if self.decision in ("modify", "reject") and not (self.reason or "").strip():
            raise InputError.for_field("reason", None, f"is required to {self.decision}")
        if self.decision == "approve" and self.order is not None:
            raise InputError.for_field("order", None, "approve takes no order: use modify to change it")
        if self.decision == "modify":
            if self.order is None:
                raise InputError.for_field(
                    "order", None, "is required to modify", "the new dose and frequency"
                )
            if self.order.drug != proposed.drug:
                raise InputError.for_field(
                    "order.drug", self.order.drug, "a modification keeps the drug", proposed.drug
                )
            if self.order == proposed:
                raise InputError.for_field("order", None, "changes nothing: approve instead")


def _supervising(session: Session, proposal: DoseProposal, requesting: str | None) -> str:
    code = proposal.supervising_site
    if code is None and requesting is not None:
        site = session.get(Site, requesting)
        code = site.supervising_site if site else None
    if code is None:
        raise InputError.for_field(
            "supervising_site", None, "is required: your site has no supervising site", "a site code"
        )
    if session.get(Site, code) is None:
        raise InputError.for_field("supervising_site", code, "is not a known site")
    if not prescribers_at(session, code):
        raise InputError.for_field(
            "supervising_site", code, "has no doctor with prescribing rights to decide", "another site"
        )
    return code


def propose_dose_change(
    session: Session, proposal: DoseProposal, *, actor_id: str, actor: str
) -> DoseRequestRow:
    """Store a proposal with its dose check; it waits for a prescriber at the supervising site.

    Raises:
        InputError: a field is missing or wrong (named, e.g. ``order.dose``, ``patient.weight_kg``).
        NotFoundError: no such patient.
    """
    proposal.validate()
    if session.get(PatientRow, proposal.patient_id) is None:
        raise NotFoundError("no such patient")
    if proposal.encounter_id is not None:
        encounter = session.get(EncounterRow, proposal.encounter_id)
        if encounter is None or encounter.patient_id != proposal.patient_id:
            raise InputError.for_field("encounter_id", None, "is not an encounter of this patient")
    order = _canonical(proposal.order, "order")
    current = _canonical(proposal.current_order, "current_order") if proposal.current_order else None
    if current is not None and current.drug != order.drug:
        raise InputError.for_field(
            "current_order.drug", current.drug, "must be the drug of the order", order.drug
        )
    staff = staff_site(session, actor_id)
    requesting = staff.site_code if staff else None
    supervising = _supervising(session, proposal, requesting)
    findings = _check(order, proposal.patient)
    row = DoseRequestRow(
        patient_id=proposal.patient_id,
        encounter_id=proposal.encounter_id,
        requesting_site=requesting,
        supervising_site=supervising,
        drug=order.drug,
        order_json=order.model_dump_json(exclude_none=True),
        current_order_json=current.model_dump_json(exclude_none=True) if current else None,
        patient_json=proposal.patient.model_dump_json(),
        weight_kg=proposal.patient.weight_kg,
        creatinine_umol_l=proposal.patient.creatinine_umol_l,
        measured_at=proposal.measured_at,
        reason=proposal.reason.strip(),
        findings_json=json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False),
        max_severity=max_severity(findings),
        status="pending",
        created_at=utcnow(),
        requested_by=actor_id,
    )
    session.add(row)
    session.flush()
    append_event(
        session,
        actor=actor,
        action="create",
        object_type="dose_request",
        object_id=row.id,
        detail={
            "step": "propose",
            "drug": order.drug,
            "to_site": supervising,
            "max_severity": row.max_severity,
        },
    )
    return row


def _viewer(session: Session, viewer_id: str) -> tuple[User, str | None, bool]:
    user = session.get(User, viewer_id)
    if user is None:
        raise NotFoundError("no such user")
    staff = staff_site(session, viewer_id)
    site = staff.site_code if staff else None
    return user, site, bool(staff and staff.can_prescribe and user.role == "doctor")


def _may_decide(row: DoseRequestRow, user: User, site: str | None, prescriber: bool) -> bool:
    return prescriber and site == row.supervising_site and user.id != row.requested_by


def _may_view(row: DoseRequestRow, user: User, site: str | None, prescriber: bool) -> bool:
    if user.id == row.requested_by:
        return True
    if site is not None and site == row.requesting_site:
        return True
    return prescriber and site == row.supervising_site


def _load(session: Session, request_id: str, *, lock: bool = False) -> DoseRequestRow:
    if len(request_id) != 32 or not request_id.isalnum():
        raise NotFoundError("no such dose request")
    query = select(DoseRequestRow).where(DoseRequestRow.id == request_id)
    row = session.execute(query.with_for_update() if lock else query).scalar_one_or_none()
    if row is None:
        raise NotFoundError("no such dose request")
    return row


def get_dose_request(
    session: Session, request_id: str, *, viewer_id: str, actor: str, action: str = "read"
) -> dict[str, Any]:
    """Return a request with its checks and decisions (an audited read or export).

    Who may see it: the requester, staff of the requesting site, and prescribers at the
    supervising site; anyone else is told it does not exist. Opening a decided request as its
    requester marks the notification seen. Patient names are shown only at the requesting site.
    """
    row = _load(session, request_id)
    user, site, prescriber = _viewer(session, viewer_id)
    if not _may_view(row, user, site, prescriber):
        raise NotFoundError("no such dose request")
    if user.id == row.requested_by and row.status != "pending" and row.requester_seen_at is None:
        row.requester_seen_at = utcnow()
    decisions = session.execute(
        select(DoseDecisionRow).where(DoseDecisionRow.request_id == row.id).order_by(DoseDecisionRow.seq)
    ).scalars()
    local = user.id == row.requested_by or (site is not None and site == row.requesting_site)
    append_event(session, actor=actor, action=action, object_type="dose_request", object_id=row.id)
    return detail_dict(
        session, row, list(decisions), may_decide=_may_decide(row, user, site, prescriber), with_name=local
    )


def decide_dose_request(
    session: Session, request_id: str, decision: DoseDecision, *, actor_id: str, actor: str
) -> DoseDecisionRow:
    """Record a prescriber's decision on a pending request.

    Raises:
        ForbiddenError: the caller is not a doctor with prescribing rights at the supervising
            site, or is the requester.
        ConflictError: the request was already decided.
        InputError: a malformed decision, or critical findings not acknowledged.
    """
    row = _load(session, request_id, lock=True)
    user, site, prescriber = _viewer(session, actor_id)
    if not (prescriber and site == row.supervising_site):
        raise ForbiddenError("only a doctor with prescribing rights at the supervising site may decide")
    if user.id == row.requested_by:
        raise ForbiddenError("a request cannot be decided by the clinician who made it")
    if row.status != "pending":
        raise ConflictError(f"the request is already {row.status}")
    proposed = DoseOrder.model_validate_json(row.order_json)
    decision.validate(proposed)
    order = None if decision.decision == "reject" else decision.order or proposed
    findings: list[DoseFinding] = []
    if order is not None:
        findings = _check(order, DosePatient.model_validate_json(row.patient_json))
    critical = sum(f.severity == "critical" for f in findings)
    if critical and not decision.acknowledge_critical:
        raise InputError.for_field(
            "acknowledge_critical",
            False,
            f"the dose check has {critical} critical finding(s): acknowledge them to {decision.decision}",
            "true",
        )
    seq = (
        session.scalar(select(func.max(DoseDecisionRow.seq)).where(DoseDecisionRow.request_id == row.id)) or 0
    ) + 1
    made = DoseDecisionRow(
        request_id=row.id,
        seq=seq,
        decision=decision.decision,
        order_json=order.model_dump_json(exclude_none=True) if order else None,
        findings_json=json.dumps([f.model_dump(mode="json") for f in findings], ensure_ascii=False),
        max_severity=max_severity(findings),
        acknowledged_critical=bool(critical and decision.acknowledge_critical),
        reason=(decision.reason or "").strip() or None,
        created_at=utcnow(),
        created_by=actor_id,
    )
    session.add(made)
    try:
        session.flush()
    except IntegrityError:
        raise ConflictError("the request was decided by someone else just now") from None
    row.status, row.decided_at = DECISIONS[decision.decision], made.created_at
    append_event(
        session,
        actor=actor,
        action="review",
        object_type="dose_request",
        object_id=row.id,
        detail={
            "decision": decision.decision,
            "decision_id": made.id,
            "max_severity": made.max_severity,
            "acknowledged_critical": made.acknowledged_critical,
        },
    )
    return made


def list_pending(session: Session, *, viewer_id: str, actor: str) -> list[dict[str, Any]]:
    """Return the pending requests a prescriber may decide, oldest first (an audited read).

    Raises:
        ForbiddenError: the caller holds no prescribing rights at any site.
    """
    user, site, prescriber = _viewer(session, viewer_id)
    if not prescriber or site is None:
        raise ForbiddenError("the worklist is for doctors with prescribing rights at a site")
    rows = (
        session.execute(
            select(DoseRequestRow)
            .where(
                DoseRequestRow.supervising_site == site,
                DoseRequestRow.status == "pending",
                DoseRequestRow.requested_by != user.id,
            )
            .order_by(DoseRequestRow.created_at)
        )
        .scalars()
        .all()
    )
    append_event(
        session,
        actor=actor,
        action="read",
        object_type="dose_worklist",
        object_id=site,
        detail={"count": len(rows)},
    )
    return [summary_dict(session, r, viewer_id=viewer_id) for r in rows]


def list_my_requests(
    session: Session, *, viewer_id: str, actor: str, limit: int = 100
) -> list[dict[str, Any]]:
    """Return the caller's own requests, newest first, each with ``unread`` (an audited read)."""
    rows = (
        session.execute(
            select(DoseRequestRow)
            .where(DoseRequestRow.requested_by == viewer_id)
            .order_by(DoseRequestRow.created_at.desc())
            .limit(limit)
        )
        .scalars()
        .all()
    )
    append_event(
        session,
        actor=actor,
        action="read",
        object_type="dose_requests_mine",
        object_id=viewer_id,
        detail={"count": len(rows)},
    )
    return [summary_dict(session, r, viewer_id=viewer_id) for r in rows]


def unread_count(session: Session, viewer_id: str) -> int:
    """Return how many of the caller's requests were decided and not yet opened (the UI badge)."""
    return int(
        session.scalar(
            select(func.count())
            .select_from(DoseRequestRow)
            .where(
                DoseRequestRow.requested_by == viewer_id,
                DoseRequestRow.status != "pending",
                DoseRequestRow.requester_seen_at.is_(None),
            )
        )
        or 0
    )
