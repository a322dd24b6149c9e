"""JSON-ready views of dose requests and their decisions, for the API, the web pages and FHIR export.

Kept apart from the workflow rules in `fenzhen.store.dose_requests` so that the rules read on
their own. Users appear by name (staff, not patients); the patient appears by opaque id, and by
name only when the caller asks for it (the requesting site, who treats the patient).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from fenzhen.dosing import DoseFinding, formulary
from fenzhen.dosing.findings import SEVERITY_ORDER
from fenzhen.store.models import DoseDecisionRow, DoseRequestRow, PatientIdentity, User

__all__ = ["decision_dict", "detail_dict", "max_severity", "summary_dict"]


def max_severity(findings: Sequence[DoseFinding]) -> str | None:
    """Return the most urgent severity among findings (critical, warning, info), or `None`."""
    if not findings:
        return None
    return min((f.severity for f in findings), key=lambda s: SEVERITY_ORDER[s])


def _name(session: Session, user_id: str) -> str:
    user = session.get(User, user_id)
    return user.name if user else "-"


def _drug_names(drug_id: str) -> dict[str, str]:
    drug = formulary().drugs.get(drug_id)
    return {"en": drug.name_en, "zh": drug.name_zh} if drug else {"en": drug_id, "zh": drug_id}


def decision_dict(session: Session, d: DoseDecisionRow) -> dict[str, Any]:
    """Return one decision with the order it settled on and the dose check it saw."""
    return {
        "id": d.id,
        "seq": d.seq,
        "decision": d.decision,
        "order": json.loads(d.order_json) if d.order_json else None,
        "findings": json.loads(d.findings_json),
        "max_severity": d.max_severity,
        "acknowledged_critical": d.acknowledged_critical,
        "reason": d.reason,
        "created_at": d.created_at,
        "decided_by": _name(session, d.created_by),
        "decided_by_id": d.created_by,
    }


def _latest_decision(session: Session, row: DoseRequestRow) -> DoseDecisionRow | None:
    if row.status == "pending":
        return None
    return session.execute(
        select(DoseDecisionRow)
        .where(DoseDecisionRow.request_id == row.id)
        .order_by(DoseDecisionRow.seq.desc())
        .limit(1)
    ).scalar_one_or_none()


def summary_dict(session: Session, row: DoseRequestRow, *, viewer_id: str) -> dict[str, Any]:
    """Return a list entry: state, drug, proposed order, sites, and the outcome once decided."""
    latest = _latest_decision(session, row)
    return {
        "id": row.id,
        "status": row.status,
        "drug": row.drug,
        "drug_name": _drug_names(row.drug),
        "order": json.loads(row.order_json),
        "patient_id": row.patient_id,
        "encounter_id": row.encounter_id,
        "requesting_site": row.requesting_site,
        "supervising_site": row.supervising_site,
        "requested_by": _name(session, row.requested_by),
        "created_at": row.created_at,
        "max_severity": row.max_severity,
        "decided_at": row.decided_at,
        "decision": decision_dict(session, latest) if latest else None,
        "unread": row.requested_by == viewer_id and row.status != "pending" and row.requester_seen_at is None,
    }


def detail_dict(
    session: Session,
    row: DoseRequestRow,
    decisions: list[DoseDecisionRow],
    *,
    may_decide: bool,
    with_name: bool,
) -> dict[str, Any]:
    """Return everything about one request: proposal, patient facts, dose check, decision history."""
    identity = session.get(PatientIdentity, row.patient_id) if with_name else None
    history = [decision_dict(session, d) for d in decisions]
    return {
        "id": row.id,
        "status": row.status,
        "drug": row.drug,
        "drug_name": _drug_names(row.drug),
        "order": json.loads(row.order_json),
        "current_order": json.loads(row.current_order_json) if row.current_order_json else None,
        "final_order": history[-1]["order"] if history else None,
        "patient_id": row.patient_id,
        "patient_name": identity.name if identity else None,
        "encounter_id": row.encounter_id,
        "patient": json.loads(row.patient_json),
        "weight_kg": row.weight_kg,
        "creatinine_umol_l": row.creatinine_umol_l,
        "measured_at": row.measured_at,
        "reason": row.reason,
        "findings": json.loads(row.findings_json),
        "max_severity": row.max_severity,
        "requesting_site": row.requesting_site,
        "supervising_site": row.supervising_site,
        "requested_by": _name(session, row.requested_by),
        "requested_by_id": row.requested_by,
        "created_at": row.created_at,
        "decided_at": row.decided_at,
        "decisions": history,
        "may_decide": may_decide and row.status == "pending",
    }
