"""Database engines, transactions and migrations for SQLite and PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL`` and every transaction opened with
``BEGIN IMMEDIATE``: writers from several uvicorn workers queue on the database lock (with a
busy timeout) instead of failing half-way, and an acknowledged write survives a killed process.
PostgreSQL runs at READ COMMITTED; the audit head row is locked with ``SELECT … FOR UPDATE``.
Both run the same Alembic migrations, packaged in `fenzhen.store.migrations`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from fenzhen.errors import ProviderUnavailable

__all__ = ["Database", "normalise_url", "utcnow"]


def utcnow() -> str:
    """Return the current time as an ISO 8601 UTC string with microseconds (sortable, portable)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def normalise_url(url: str) -> str:
    """Make ``postgresql://`` and ``postgres://`` URLs use the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver level: SQLAlchemy's "begin" event below issues BEGIN IMMEDIATE.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


class Database:
    """One engine and session factory for one database URL.

    Args:
        url: SQLAlchemy URL; ``sqlite:///path`` creates the file's directory if needed.
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            path = self.url.split("///", 1)[1] if "///" in self.url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_size=10, max_overflow=10, pool_pre_ping=True)
        self.engine: Engine = create_engine(self.url, **kwargs)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """Yield a session inside one transaction, committed on success and rolled back on error.

        Raises:
            ProviderUnavailable: when the database cannot be reached or stays locked (HTTP 503).
        """
        session = self._sessions()
        try:
            with session.begin():
                yield session
        except OperationalError:
            raise ProviderUnavailable("the database is unavailable or busy; try again") from None
        finally:
            session.close()

    def migrate(self) -> None:
        """Bring the schema to the newest migration (creates every table on an empty database)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        location = resources.files("fenzhen.store").joinpath("migrations")
        config.set_main_option("script_location", str(location))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()
