"""The audit chain is written at commit: a slow transaction no longer holds up every other writer.

Before, the first audit event of a transaction locked the chain's head row until that transaction
committed, so on PostgreSQL every writer queued behind the slowest one. The events are now queued
and chained just before commit, in the same transaction: still all-or-nothing, still in order.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from fenzhen.store.audit import append_event, verify_chain
from fenzhen.store.db import Database
from fenzhen.store.models import AuditEvent


def _append(db: Database, object_id: str) -> None:
    with db.transaction() as s:
        append_event(s, actor="nurse1", action="create", object_type="encounter", object_id=object_id)


# PostgreSQL only: SQLite admits one writing transaction at a time by design.
@pytest.mark.parametrize("database", ["postgresql"], indirect=True)
def test_an_open_transaction_with_events_does_not_block_another_writer(database: Database) -> None:
    done = threading.Event()
    with database.transaction() as slow:
        append_event(slow, actor="nurse1", action="create", object_type="encounter", object_id="slow")
        writer = threading.Thread(target=lambda: (_append(database, "fast"), done.set()))
        writer.start()
        assert done.wait(10), "the second writer waited for the first transaction's commit"
        writer.join()
    with database.transaction() as s:
        order = [e.object_id for e in s.query(AuditEvent).order_by(AuditEvent.seq)]
        assert order == ["fast", "slow"] and verify_chain(s).ok


def test_events_of_one_transaction_keep_their_order_and_times(database: Database) -> None:
    with database.transaction() as s:
        for i in range(3):
            append_event(s, actor="nurse1", action="read", object_type="encounter", object_id=f"e{i}")
    with database.transaction() as s:
        events = s.query(AuditEvent).order_by(AuditEvent.seq).all()
        assert [e.object_id for e in events] == ["e0", "e1", "e2"]
        assert [e.at for e in events] == sorted(e.at for e in events)
        assert verify_chain(s).ok


def test_concurrent_writers_on_one_sqlite_file_all_commit(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'gate.sqlite3'}"
    first, second = Database(url), Database(url)  # two engines: like two uvicorn workers
    first.migrate()
    started = time.monotonic()
    threads = [
        threading.Thread(target=_append, args=(db, f"{n}-{i}"))
        for n, db in enumerate((first, second))
        for i in range(20)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    with first.transaction() as s:
        report = verify_chain(s)
    assert report.ok and report.events == 40
    assert time.monotonic() - started < 20
    first.dispose()
    second.dispose()
