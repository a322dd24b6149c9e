"""Users, argon2 passwords, hashed tokens and sessions."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from fenzhen.errors import ConflictError, InputError, NotFoundError
from fenzhen.store.accounts import (
    create_user,
    find_user,
    hash_token,
    issue_token,
    login,
    principal_for_token,
    revoke_credentials,
    set_active,
)
from fenzhen.store.db import Database
from fenzhen.store.models import AuditEvent, Credential, User


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


def test_disabling_a_user_revokes_every_token_and_session_at_once(database: Database) -> None:
    with database.transaction() as s:
        create_user(s, name="boss", role="admin", password=None, actor="t")
        nurse = create_user(s, name="leaver", role="nurse", password="a long password", actor="t")
        token, _ = issue_token(s, user=nurse, actor="t")
    with database.transaction() as s:
        web = login(s, name="leaver", password="a long password", hours=8)
        assert web is not None
        assert set_active(s, name="leaver", active=False, actor="boss") == 2
    with database.transaction() as s:
        assert principal_for_token(s, token, kind="api") is None
        assert principal_for_token(s, web[0], kind="session") is None
        assert login(s, name="leaver", password="a long password", hours=8) is None
        with pytest.raises(ConflictError):  # a disabled user gets no new token
            issue_token(s, user=find_user(s, "leaver"), actor="boss")
    with database.transaction() as s:
        set_active(s, name="leaver", active=True, actor="boss")
    with database.transaction() as s:
        assert principal_for_token(s, token, kind="api") is None  # re-enabling does not revive old tokens
        fresh, _ = issue_token(s, user=find_user(s, "leaver"), actor="boss")
    with database.transaction() as s:
        assert principal_for_token(s, fresh, kind="api") is not None
        changes = s.execute(select(AuditEvent.object_type, AuditEvent.detail)
                            .where(AuditEvent.actor == "boss", AuditEvent.action == "update")).all()
        assert {kind for kind, _ in changes} == {"user", "token"}
        assert [json.loads(detail).get("active") for kind, detail in changes if kind == "user"] == [False, True]


def test_revoking_tokens_keeps_the_user(database: Database) -> None:
    with database.transaction() as s:
        doc = create_user(s, name="doc", role="doctor", password=None, actor="t")
        first, _ = issue_token(s, user=doc, actor="t")
        second, _ = issue_token(s, user=doc, actor="t")
    with database.transaction() as s:
        assert revoke_credentials(s, name="doc", actor="t") == 2
        assert revoke_credentials(s, name="doc", actor="t") == 0
    with database.transaction() as s:
        assert principal_for_token(s, first, kind="api") is None and principal_for_token(s, second, kind="api") is None
        assert find_user(s, "doc").active


def test_the_last_active_admin_cannot_be_disabled(database: Database) -> None:
    with database.transaction() as s:
        create_user(s, name="only", role="admin", password=None, actor="t")
    with pytest.raises(ConflictError), database.transaction() as s:
        set_active(s, name="only", active=False, actor="only")
    with database.transaction() as s:
        create_user(s, name="second", role="admin", password=None, actor="t")
        set_active(s, name="only", active=False, actor="second")
    with pytest.raises(NotFoundError), database.transaction() as s:
        set_active(s, name="nobody", active=False, actor="second")
