"""The append-only, hash-chained audit trail.

Each event's hash is SHA-256 over the previous event's hash and a canonical JSON of the event
(sequence number, time, actor, action, object, detail). Editing an event breaks its hash;
deleting one leaves a gap in the sequence and breaks the next event's link; reordering breaks
the links; deleting events from the end disagrees with the head row. `verify_chain` reports
each of these with the sequence number where it happens.

Limitation: someone with write access to the database who recomputes every later hash and the
head row can forge a consistent chain. Record the head hash that `fenzhen audit verify` prints
somewhere outside the database (a paper log, a second system) to detect that too.

Details never hold patient identifiers: only opaque ids, levels and counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from fenzhen.store.db import utcnow
from fenzhen.store.models import AuditEvent, AuditHead

__all__ = ["ACTIONS", "GENESIS_HASH", "ChainReport", "append_event", "event_hash", "verify_chain"]

GENESIS_HASH = "0" * 64
_PENDING = "fenzhen_audit_pending"

#: The actions the service records (a meta-test checks the routes use no other).
ACTIONS: frozenset[str] = frozenset(
    {
        "create",
        "read",
        "review",
        "export",
        "escalate",
        "update",
        "login",
        "login_failed",
        "logout",
        "verify",
    }
)


def event_hash(
    prev_hash: str, seq: int, at: str, actor: str, action: str, object_type: str, object_id: str, detail: str
) -> str:
    """Return the chain hash of one event given the previous event's hash."""
    body = json.dumps(
        [seq, at, actor, action, object_type, object_id, detail], ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append_event(
    session: Session,
    *,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    detail: dict[str, Any] | None = None,
) -> None:
    """Append one event in the caller's transaction, so the event and the change commit together.

    The event is queued on the session and chained (sequence number, time, hashes, head row) by
    `_chain_pending` just before the transaction commits. Why: chaining locks the one audit head
    row until commit; taken at the first event, that lock serialised every writer for the whole
    transaction (measured: 42 encounters/s on PostgreSQL). Taken last, it is held for one insert
    and the commit. Events of one transaction stay in the order they were appended.

    Args:
        session: an open transaction (from `Database.transaction`).
        actor: the user name (or ``system`` / ``cli``).
        action: one of `ACTIONS`.
        object_type: e.g. ``encounter``, ``assessment``, ``user``.
        object_id: the object's opaque id.
        detail: small JSON-ready facts without identifiers (levels, counts, field names).

    Raises:
        ValueError: for an action not in `ACTIONS` (a programming error, never client input).
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    detail_text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    session.info.setdefault(_PENDING, []).append((actor, action, object_type, object_id, detail_text))


def _chain_pending(session: Session) -> None:
    """Chain the session's queued events onto the trail; runs as the transaction commits."""
    pending: list[tuple[str, str, str, str, str]] | None = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.flush()  # the change itself first, so a failing insert never takes the chain's lock
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).with_for_update().execution_options(populate_existing=True)
    ).scalar_one()
    seq, prev_hash = head.seq, head.hash
    for actor, action, object_type, object_id, detail_text in pending:
        seq += 1
        at = utcnow()
        digest = event_hash(prev_hash, seq, at, actor, action, object_type, object_id, detail_text)
        session.add(
            AuditEvent(
                seq=seq,
                at=at,
                actor=actor,
                action=action,
                object_type=object_type,
                object_id=object_id,
                detail=detail_text,
                prev_hash=prev_hash,
                hash=digest,
            )
        )
        prev_hash = digest
    head.seq, head.hash = seq, prev_hash


def _drop_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


# Limitation: a rolled-back SAVEPOINT (begin_nested) keeps the events queued inside it; the
# store does not use savepoints.
event.listen(Session, "before_commit", _chain_pending)
event.listen(Session, "after_rollback", _drop_pending)


@dataclass
class ChainReport:
    """The outcome of `verify_chain`: ``ok`` is true only when no problem was found."""

    events: int = 0
    head_seq: int = 0
    head_hash: str = GENESIS_HASH
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "events": self.events,
            "head_seq": self.head_seq,
            "head_hash": self.head_hash,
            "problems": self.problems,
        }


def _check(events: Iterable[AuditEvent], report: ChainReport) -> tuple[int, str]:
    expected_seq, prev_hash = 1, GENESIS_HASH
    for ev in events:
        report.events += 1
        if ev.seq != expected_seq:
            if ev.seq > expected_seq:
                gap = f"{expected_seq}" if ev.seq == expected_seq + 1 else f"{expected_seq}–{ev.seq - 1}"
                report.problems.append(f"event {gap} deleted (sequence jumps from {expected_seq - 1} to {ev.seq})")
            else:
                report.problems.append(f"event {ev.seq} out of order (after {expected_seq - 1})")
        if ev.prev_hash != prev_hash:
            report.problems.append(
                f"event {ev.seq} does not link to the event before it (deleted, inserted or reordered)"
            )
        recomputed = event_hash(
            ev.prev_hash, ev.seq, ev.at, ev.actor, ev.action, ev.object_type, ev.object_id, ev.detail
        )
        if recomputed != ev.hash:
            report.problems.append(f"event {ev.seq} edited (its content does not match its hash)")
        expected_seq, prev_hash = ev.seq + 1, ev.hash
    return expected_seq - 1, prev_hash


def verify_chain(session: Session) -> ChainReport:
    """Check the whole chain and the head row; return every problem with its sequence number.

    Events are read sorted by ``seq``; a reordering (sequence numbers swapped between events)
    shows up as broken links and hashes, because both are computed over the sequence number.
    """
    report = ChainReport()
    events = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    last_seq, last_hash = _check(events, report)
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one_or_none()
    if head is None:
        report.problems.append("audit head row missing")
        return report
    report.head_seq, report.head_hash = head.seq, head.hash
    if head.seq != last_seq or head.hash != last_hash:
        if head.seq > last_seq:
            report.problems.append(f"events {last_seq + 1}–{head.seq} deleted from the end of the chain")
        else:
            report.problems.append(f"the chain ends at event {last_seq} but the head records {head.seq}")
    return report
