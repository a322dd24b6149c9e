"""Fixtures for the store tests: a fresh, migrated database on SQLite and on the real PostgreSQL.

PostgreSQL comes from ``FENZHEN_TEST_DATABASE_URL`` (CI sets it), defaulting to the local
server at 127.0.0.1:5432. A missing server fails these tests: it is never a skip. Each test gets
its own new database (created and dropped here) so that runs never see each other's rows.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from fenzhen.store.db import Database, normalise_url

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def pg_base_url() -> str:
    return normalise_url(os.environ.get("FENZHEN_TEST_DATABASE_URL", DEFAULT_PG))


def fresh_pg_database() -> tuple[str, callable]:  # type: ignore[valid-type]
    """Create an empty database beside the test one; return its URL and a function that drops it."""
    base = make_url(pg_base_url())
    name = f"fz_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))

    def drop() -> None:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty database of each kind."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'store.sqlite3'}")
        db.migrate()
        yield db
        db.dispose()
        return
    url, drop = fresh_pg_database()
    db = Database(url)
    try:
        db.migrate()
        yield db
    finally:
        db.dispose()
        drop()
