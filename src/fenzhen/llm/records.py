"""A record of every LLM call, without patient identifiers.

What is kept: which provider and model, which prompt (name, version, hash of the prompt file),
latency, token counts, whether the cache answered, and the outcome. What is never kept: the
messages, the answer, or any hash of them (a hash of a short complaint can be reversed by
guessing). This is enough to audit what a model was asked to do and how it behaved.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

__all__ = ["CallLog", "CallRecord", "Outcome"]

Outcome = Literal["ok", "cache_hit", "unavailable", "circuit_open", "schema_invalid", "privacy_refused"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS llm_calls (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, provider TEXT NOT NULL, model TEXT NOT NULL,
    local INTEGER NOT NULL, prompt_name TEXT NOT NULL, prompt_version TEXT NOT NULL,
    prompt_hash TEXT NOT NULL, latency_ms REAL NOT NULL, prompt_tokens INTEGER, completion_tokens INTEGER,
    attempts INTEGER NOT NULL, outcome TEXT NOT NULL, deidentified INTEGER NOT NULL);
"""


class CallRecord(BaseModel):
    """One call, as recorded."""

    at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    provider: str
    model: str
    local: bool
    prompt_name: str
    prompt_version: str
    prompt_hash: str
    latency_ms: float
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    attempts: int = 1
    outcome: Outcome
    deidentified: bool = False


class CallLog:
    """Append-only call records in SQLite (the same file as the cache may be used).

    Args:
        path: the SQLite file (created if missing), or ":memory:".
    """

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def add(self, record: CallRecord) -> None:
        """Append one record."""
        row = record.model_dump()
        row["at"] = record.at.isoformat()
        cols = ", ".join(row)
        with self._lock:
            self._db.execute(
                f"INSERT INTO llm_calls ({cols}) VALUES ({', '.join('?' * len(row))})", tuple(row.values())
            )

    def recent(self, limit: int = 100) -> list[CallRecord]:
        """Return the newest records first."""
        with self._lock:
            cur = self._db.execute(
                f"SELECT {', '.join(CallRecord.model_fields)} FROM llm_calls ORDER BY id DESC LIMIT ?",
                (limit,),
            )
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
        return [CallRecord.model_validate(dict(zip(names, r, strict=True))) for r in rows]

    def close(self) -> None:
        """Close the database."""
        self._db.close()
