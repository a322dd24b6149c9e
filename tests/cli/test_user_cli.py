"""`fenzhen user disable / enable / revoke-tokens` as an admin runs them, on a real SQLite store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fenzhen.errors import ConflictError
from fenzhen.store.accounts import principal_for_token
from fenzhen.store.db import Database

FENZHEN = str(Path(sys.executable).parent / "fenzhen")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([FENZHEN, *args], capture_output=True, text=True, timeout=120)


def _valid(data_dir: Path, token: str) -> bool:
    database = Database(f"sqlite:///{data_dir / 'fenzhen.sqlite3'}")
    try:
        with database.transaction() as session:
            return principal_for_token(session, token, kind="api") is not None
    finally:
        database.dispose()


def test_disable_enable_and_revoke_from_the_command_line(tmp_path: Path) -> None:
    where = ("--data-dir", str(tmp_path))
    assert run("user", "add", "boss", "--role", "admin", *where).returncode == 0
    token = run("user", "add", "leaver", "--role", "nurse", *where).stdout.strip()
    assert _valid(tmp_path, token)

    r = run("user", "disable", "leaver", *where)
    assert r.returncode == 0 and "1 token(s) or session(s) revoked" in r.stderr
    assert not _valid(tmp_path, token)
    r = run("user", "token", "leaver", *where)  # a disabled user gets no token
    assert r.returncode == ConflictError.exit_code and "disabled" in r.stderr and "Traceback" not in r.stderr

    assert run("user", "enable", "leaver", *where).returncode == 0
    fresh = run("user", "token", "leaver", *where).stdout.strip()
    assert _valid(tmp_path, fresh) and not _valid(tmp_path, token)

    r = run("user", "revoke-tokens", "leaver", *where)
    assert r.returncode == 0 and "1 token(s) or session(s) of 'leaver' revoked" in r.stderr
    assert not _valid(tmp_path, fresh)

    r = run("user", "disable", "boss", *where)  # the last admin
    assert r.returncode == ConflictError.exit_code and "last active admin" in r.stderr
    r = run("user", "disable", "nobody", *where)
    assert r.returncode != 0 and "nobody" in r.stderr and "Traceback" not in r.stderr
