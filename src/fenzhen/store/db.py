"""Database engines, transactions and migrations for SQLite and PostgreSQL.

SQLite runs in WAL mode with ``synchronous=FULL`` and every transaction opened with
``BEGIN IMMEDIATE``: writers from several uvicorn workers queue on the database lock (with a
busy timeout) instead of failing half-way, and an acknowledged write survives a killed process.
Writers of one SQLite database also queue on a lock file (`_WriterGate`) before ``BEGIN``: SQLite's
busy handler polls with sleeps of up to 100 ms, so under load a waiting writer slept long after
the lock was free (measured p99 1.7 s for encounter creation); a kernel file lock hands over at
once. PostgreSQL runs at READ COMMITTED; the audit head row is locked with ``SELECT … FOR UPDATE``
just before commit (see `fenzhen.store.audit`).
Both run the same Alembic migrations, packaged in `fenzhen.store.migrations`.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
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


class _WriterGate:
    """Admit one SQLite transaction at a time across threads and processes, first come first served.

    A thread lock queues this process's threads; an exclusive ``flock`` on ``<db>-writer.lock``
    queues the processes (uvicorn workers, the CLI). The kernel drops the lock of a killed process.
    A transaction opened inside another one in the same thread bypasses the gate, as before.
    """

    def __init__(self, db_path: Path) -> None:
        self._path = str(db_path) + "-writer.lock"
        self._thread_lock = threading.Lock()
        self._local = threading.local()
        self._fd: int | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        if getattr(self._local, "inside", False):
            yield
            return
        if not self._thread_lock.acquire(timeout=30):
            raise ProviderUnavailable("the database is busy; try again")
        try:
            if self._fd is None:
                self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            self._local.inside = True
            try:
                yield
            finally:
                self._local.inside = False
                fcntl.flock(self._fd, fcntl.LOCK_UN)
        finally:
            self._thread_lock.release()

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class Database:
    """One engine and session factory for one database URL.

    Args:
        url: SQLAlchemy URL; ``sqlite:///path`` creates the file's directory if needed.
    """

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.is_sqlite = self.url.startswith("sqlite")
        kwargs: dict[str, Any] = {}
        self._gate: _WriterGate | None = None
        if self.is_sqlite:
            path = self.url.split("///", 1)[1] if "///" in self.url else ""
            if path and path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                self._gate = _WriterGate(Path(path))
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
        with self._gate.held() if self._gate is not None else nullcontext():
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
        if self._gate is not None:
            self._gate.close()
