"""The audit chain: appends link up, and any edit, deletion, reorder or truncation is found and located."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update

from fenzhen.store.audit import GENESIS_HASH, append_event, event_hash, verify_chain
from fenzhen.store.db import Database
from fenzhen.store.models import AuditEvent, AuditHead


def _fill(db: Database, n: int = 5) -> None:
    for i in range(n):
        with db.transaction() as s:
            append_event(
                s,
                actor="nurse1",
                action="create",
                object_type="encounter",
                object_id=f"e{i}",
                detail={"china_level": 1 + i % 4},
            )


def _report(db: Database):  # type: ignore[no-untyped-def]
    with db.transaction() as s:
        return verify_chain(s)


def test_empty_chain_is_intact(database: Database) -> None:
    report = _report(database)
    assert report.ok and report.events == 0 and report.head_hash == GENESIS_HASH


def test_appended_events_link_and_verify(database: Database) -> None:
    _fill(database)
    report = _report(database)
    assert report.ok, report.problems
    assert report.events == 5 and report.head_seq == 5
    with database.transaction() as s:
        events = s.query(AuditEvent).order_by(AuditEvent.seq).all()
        assert events[0].prev_hash == GENESIS_HASH
        assert all(b.prev_hash == a.hash for a, b in zip(events, events[1:], strict=False))
        e = events[2]
        assert e.hash == event_hash(
            e.prev_hash, e.seq, e.at, e.actor, e.action, e.object_type, e.object_id, e.detail
        )


def test_rolled_back_transaction_leaves_no_event(database: Database) -> None:
    _fill(database, 2)
    with pytest.raises(RuntimeError), database.transaction() as s:
        append_event(s, actor="x", action="create", object_type="encounter", object_id="lost")
        raise RuntimeError("the change failed")
    report = _report(database)
    assert report.ok and report.events == 2


@pytest.mark.parametrize(
    "column,value",
    [
        ("actor", "someone_else"),
        ("detail", '{"china_level":4}'),
        ("action", "read"),
        ("at", "2020-01-01T00:00:00.000000Z"),
    ],
)
def test_edited_event_is_found(database: Database, column: str, value: str) -> None:
    _fill(database)
    with database.transaction() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values({column: value}))
    report = _report(database)
    assert not report.ok
    assert any("event 3 edited" in p for p in report.problems), report.problems


def test_deleted_event_is_found(database: Database) -> None:
    _fill(database)
    with database.transaction() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
    report = _report(database)
    assert any("event 2 deleted" in p for p in report.problems), report.problems


def test_reordered_events_are_found(database: Database) -> None:
    _fill(database)
    with database.transaction() as s:
        s.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(seq=-2))
        s.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(seq=2))
        s.execute(update(AuditEvent).where(AuditEvent.seq == -2).values(seq=3))
    report = _report(database)
    assert not report.ok
    assert any(p.startswith("event 2 ") for p in report.problems), report.problems


def test_events_deleted_from_the_end_are_found(database: Database) -> None:
    _fill(database)
    with database.transaction() as s:
        s.execute(delete(AuditEvent).where(AuditEvent.seq >= 4))
    report = _report(database)
    assert any("events 4–5 deleted from the end" in p for p in report.problems), report.problems


def test_rewritten_head_without_events_is_found(database: Database) -> None:
    _fill(database, 3)
    with database.transaction() as s:
        s.execute(update(AuditHead).values(seq=2))
    assert not _report(database).ok


def test_unknown_action_is_a_programming_error(database: Database) -> None:
    with pytest.raises(ValueError), database.transaction() as s:
        append_event(s, actor="x", action="delete_everything", object_type="x", object_id="x")
