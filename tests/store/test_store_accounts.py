"""Users, argon2 passwords, hashed tokens and sessions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from fenzhen.errors import ConflictError, InputError
from fenzhen.store.accounts import create_user, hash_token, issue_token, login, principal_for_token
from fenzhen.store.db import Database
from fenzhen.store.models import Credential, User


def test_tokens_are_stored_hashed_and_resolve_to_the_user(database: Database) -> None:
    with database.transaction() as s:
        user = create_user(s, name="doc", role="doctor", password="a long password", actor="t")
        token, _ = issue_token(s, user=user, actor="t")
    with database.transaction() as s:
        stored = s.execute(select(Credential.token_sha256)).scalars().all()
        assert token not in stored and hash_token(token) in stored
        principal = principal_for_token(s, token, kind="api")
        assert principal is not None and principal.role == "doctor"
        assert principal_for_token(s, token + "x", kind="api") is None
        assert principal_for_token(s, token, kind="session") is None
        assert s.execute(select(User.password_hash)).scalar_one().startswith("$argon2id$")


def test_login_checks_the_argon2_hash(database: Database) -> None:
    with database.transaction() as s:
        create_user(s, name="nurse1", role="nurse", password="a long password", actor="t")
    with database.transaction() as s:
        assert login(s, name="nurse1", password="wrong password", hours=1) is None
        assert login(s, name="nobody", password="a long password", hours=1) is None
        ok = login(s, name="nurse1", password="a long password", hours=1)
        assert ok is not None
        assert principal_for_token(s, ok[0], kind="session") is not None


@pytest.mark.parametrize(
    "name,role,password,error",
    [
        ("ok", "janitor", None, InputError),
        ("bad name!", "nurse", None, InputError),
        ("ok", "nurse", "short", InputError),
    ],
)
def test_bad_users_are_refused(
    database: Database, name: str, role: str, password: str | None, error: type[Exception]
) -> None:
    with pytest.raises(error), database.transaction() as s:
        create_user(s, name=name, role=role, password=password, actor="t")


def test_duplicate_names_conflict(database: Database) -> None:
    with database.transaction() as s:
        create_user(s, name="same", role="nurse", password=None, actor="t")
    with pytest.raises(ConflictError), database.transaction() as s:
        create_user(s, name="same", role="doctor", password=None, actor="t")
