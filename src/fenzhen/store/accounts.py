"""Users, roles, API tokens and web sessions.

Passwords are hashed with argon2id (argon2-cffi's defaults). API tokens and session ids are 256
random bits, so a plain SHA-256 of them is enough to store (nothing to brute-force) and lets
every request be checked with one indexed lookup. Tokens are shown once, when created.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from fenzhen.errors import ConflictError, InputError, NotFoundError
from fenzhen.store.audit import append_event
from fenzhen.store.db import utcnow
from fenzhen.store.models import Credential, User

__all__ = [
    "ROLES",
    "Principal",
    "create_user",
    "find_user",
    "hash_token",
    "issue_token",
    "login",
    "logout",
    "principal_for_token",
    "revoke_credentials",
    "set_active",
    "set_password",
]

#: Roles, least to most privileged.
ROLES: tuple[str, ...] = ("nurse", "doctor", "admin")
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")


@dataclass(frozen=True)
class Principal:
    """Who is calling: user id, name and role, plus the CSRF secret for a web session."""

    user_id: str
    name: str
    role: str
    via: str  # "api" or "session"
    csrf: str | None = None


def hash_token(token: str) -> str:
    """Return the stored form (SHA-256 hex) of a token or session id."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


def _check_name(name: str) -> None:
    if not 1 <= len(name) <= 64 or not set(name) <= _NAME_CHARS:
        raise InputError.for_field(
            "name", name, "is not a valid user name", "1–64 characters of letters, digits, '.', '_' or '-'"
        )


def _check_password(password: str) -> None:
    if not 10 <= len(password) <= 256:
        raise InputError.for_field(
            "password", f"{len(password)} characters", "has the wrong length", "10–256 characters"
        )


def create_user(session: Session, *, name: str, role: str, password: str | None, actor: str) -> User:
    """Create a user (no default passwords: without one, the user can only use API tokens).

    Raises:
        InputError: bad name, role or password length.
        ConflictError: the name is taken.
    """
    _check_name(name)
    if role not in ROLES:
        raise InputError.for_field("role", role, "is not a role", ", ".join(ROLES))
    if password is not None:
        _check_password(password)
    if session.execute(select(User.id).where(User.name == name)).first():
        raise ConflictError(f"a user named {name!r} already exists")
    user = User(
        name=name,
        role=role,
        created_at=utcnow(),
        password_hash=_hasher().hash(password) if password is not None else None,
    )
    session.add(user)
    session.flush()
    append_event(
        session,
        actor=actor,
        action="create",
        object_type="user",
        object_id=user.id,
        detail={"role": role, "password": password is not None},
    )
    return user


def set_password(session: Session, *, name: str, password: str, actor: str) -> None:
    """Set or replace a user's web-login password."""
    _check_password(password)
    user = find_user(session, name)
    user.password_hash = _hasher().hash(password)
    append_event(
        session,
        actor=actor,
        action="update",
        object_type="user",
        object_id=user.id,
        detail={"password": True},
    )


def find_user(session: Session, name: str) -> User:
    """The user called `name`.

    Raises:
        NotFoundError: no such user.
    """
    user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"no user named {name!r}")
    return user


def revoke_credentials(session: Session, *, name: str, actor: str) -> int:
    """Revoke every API token and web session of user `name` (a lost or leaked token) and return how
    many were live; the user stays active and can be issued a new token."""
    user = find_user(session, name)
    live = session.execute(
        select(Credential).where(Credential.user_id == user.id, Credential.revoked.is_(False))
    ).scalars().all()
    for cred in live:
        cred.revoked = True
    append_event(session, actor=actor, action="update", object_type="token", object_id=user.id,
                 detail={"user": user.id, "revoked": len(live)})
    return len(live)


def set_active(session: Session, *, name: str, active: bool, actor: str) -> int:
    """Disable or re-enable user `name`; return the number of credentials revoked.

    Disabling revokes every token and web session at once, so a nurse who leaves the clinic loses
    access the moment an admin says so. The last active admin cannot be disabled: nobody would be left
    to manage users.

    Raises:
        NotFoundError: no such user.
        ConflictError: it would disable the last active admin.
    """
    user = find_user(session, name)
    if not active and user.role == "admin" and user.active:
        admins = session.execute(select(User.id).where(User.role == "admin", User.active.is_(True))).all()
        if len(admins) <= 1:
            raise ConflictError(f"{name!r} is the last active admin: add another admin first")
    revoked = revoke_credentials(session, name=name, actor=actor) if not active else 0
    user.active = active
    append_event(session, actor=actor, action="update", object_type="user", object_id=user.id,
                 detail={"active": active, "credentials_revoked": revoked})
    return revoked


def issue_token(
    session: Session, *, user: User, actor: str, kind: str = "api", hours: int | None = None
) -> tuple[str, Credential]:
    """Create a new API token (or web session) for `user`; return the secret (shown once) and its row."""
    if not user.active:
        raise ConflictError(f"user {user.name!r} is disabled: enable the user first")
    secret = "fz_" + secrets.token_urlsafe(32)
    expires = (
        (datetime.now(UTC) + timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if hours else None
    )
    cred = Credential(
        token_sha256=hash_token(secret),
        user_id=user.id,
        kind=kind,
        created_at=utcnow(),
        expires_at=expires,
        csrf=secrets.token_urlsafe(24) if kind == "session" else None,
    )
    session.add(cred)
    if kind == "api":
        append_event(
            session,
            actor=actor,
            action="create",
            object_type="token",
            object_id=cred.token_sha256[:16],
            detail={"user": user.id},
        )
    return secret, cred


def principal_for_token(session: Session, secret: str, *, kind: str) -> Principal | None:
    """Return who a token or session id belongs to, or `None` if it is unknown, revoked or expired."""
    row = session.execute(
        select(Credential, User)
        .join(User, User.id == Credential.user_id)
        .where(Credential.token_sha256 == hash_token(secret), Credential.kind == kind)
    ).first()
    if row is None:
        return None
    cred, user = row
    if cred.revoked or not user.active or (cred.expires_at is not None and cred.expires_at < utcnow()):
        return None
    return Principal(user_id=user.id, name=user.name, role=user.role, via=kind, csrf=cred.csrf)


def login(session: Session, *, name: str, password: str, hours: int) -> tuple[str, Principal] | None:
    """Check a name and password; on success open a web session and return its secret.

    A failure returns `None` rather than raising, so that the ``login_failed`` audit event
    commits; the caller answers with the same message for a wrong name and a wrong password.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    user = session.execute(select(User).where(User.name == name)).scalar_one_or_none()
    ok = False
    if user is not None and user.active and user.password_hash:
        try:
            ok = _hasher().verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            ok = False
    if not ok or user is None:
        append_event(
            session,
            actor="anonymous",
            action="login_failed",
            object_type="user",
            object_id=user.id if user is not None else "-",
        )
        return None
    secret, cred = issue_token(session, user=user, actor=user.name, kind="session", hours=hours)
    append_event(session, actor=user.name, action="login", object_type="user", object_id=user.id)
    return secret, Principal(user_id=user.id, name=user.name, role=user.role, via="session", csrf=cred.csrf)


def logout(session: Session, secret: str) -> None:
    """Revoke a web session."""
    cred = session.get(Credential, hash_token(secret))
    if cred is not None and cred.kind == "session":
        cred.revoked = True
