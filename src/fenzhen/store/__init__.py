"""The persistent store: SQLAlchemy models, repositories, the hash-chained audit trail, migrations.

Nothing here imports a web framework: the service and the CLI call these functions inside one
`Database.transaction()` each, so that a change and its audit event commit together or not at all.
"""

from __future__ import annotations

from fenzhen.store.audit import ChainReport, append_event, verify_chain
from fenzhen.store.db import Database, normalise_url, utcnow

__all__ = ["ChainReport", "Database", "append_event", "normalise_url", "utcnow", "verify_chain"]
