"""以存代算 (store instead of recompute): a persistent cache for deterministic LLM calls.

Only deterministic calls are cached (temperature 0); the key is a hash of the model, the prompt
name, version and file hash, the schema, and the exact (already de-identified) messages, so a
new prompt version or a different model never gets an old answer. The store is a SQLite file
that survives restarts; hits, misses and the model time saved are kept with it.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from fenzhen.llm.types import ChatRequest, ChatResponse

__all__ = ["CacheStats", "ResponseCache", "cache_key"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS llm_cache (
    key TEXT PRIMARY KEY, response TEXT NOT NULL, latency_ms REAL NOT NULL, created_at TEXT NOT NULL
        DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now')));
CREATE TABLE IF NOT EXISTS llm_cache_stats (
    id INTEGER PRIMARY KEY CHECK (id = 1), hits INTEGER NOT NULL, misses INTEGER NOT NULL,
    saved_ms REAL NOT NULL);
INSERT OR IGNORE INTO llm_cache_stats (id, hits, misses, saved_ms) VALUES (1, 0, 0, 0);
"""


class CacheStats(BaseModel):
    """How much the cache saved: hit rate and model time not spent."""

    entries: int
    hits: int
    misses: int
    saved_ms: float

    @property
    def hit_rate(self) -> float:
        """Hits over lookups (0.0 before any lookup)."""
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


def cache_key(*, provider: str, model: str, prompt_id: str, request: ChatRequest) -> str:
    """Hash everything that decides a deterministic answer.

    Args:
        provider: the provider kind.
        model: the model name.
        prompt_id: ``name@version#hash`` of the prompt file.
        request: the request, whose messages are already de-identified.
    """
    material: dict[str, Any] = {
        "provider": provider,
        "model": model,
        "prompt": prompt_id,
        "messages": [m.model_dump() for m in request.messages],
        "schema": request.json_schema,
        "via": request.structured_via,
        "max_tokens": request.max_tokens,
        "seed": request.seed,
    }
    return hashlib.sha256(json.dumps(material, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


class ResponseCache:
    """A SQLite-backed map from `cache_key` to the answer, with persistent statistics.

    Args:
        path: the SQLite file (created if missing), or ":memory:".
    """

    def __init__(self, path: Path | str) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL") if str(path) != ":memory:" else None
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()

    def get(self, key: str) -> ChatResponse | None:
        """Return the cached answer (marked `cached`, latency 0) and count a hit or a miss."""
        with self._lock:
            row = self._db.execute(
                "SELECT response, latency_ms FROM llm_cache WHERE key = ?", (key,)
            ).fetchone()
            if row is None:
                self._db.execute("UPDATE llm_cache_stats SET misses = misses + 1 WHERE id = 1")
                return None
            self._db.execute(
                "UPDATE llm_cache_stats SET hits = hits + 1, saved_ms = saved_ms + ? WHERE id = 1", (row[1],)
            )
        response = ChatResponse.model_validate_json(row[0])
        return response.model_copy(update={"cached": True, "latency_ms": 0.0})

    def put(self, key: str, response: ChatResponse) -> None:
        """Store an answer with the time it took to compute."""
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO llm_cache (key, response, latency_ms) VALUES (?, ?, ?)",
                (key, response.model_dump_json(), response.latency_ms),
            )

    def stats(self) -> CacheStats:
        """Return entries, hits, misses and saved model time since the file was created."""
        with self._lock:
            hits, misses, saved = self._db.execute(
                "SELECT hits, misses, saved_ms FROM llm_cache_stats WHERE id = 1"
            ).fetchone()
            (entries,) = self._db.execute("SELECT COUNT(*) FROM llm_cache").fetchone()
        return CacheStats(entries=entries, hits=hits, misses=misses, saved_ms=saved)

    def close(self) -> None:
        """Close the database."""
        self._db.close()
