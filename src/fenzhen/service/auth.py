"""Who is calling and what they may do: bearer tokens, web sessions, roles, CSRF.

Every route declares a permission; `PERMISSIONS` says which roles hold it. Roles grow:
a doctor can do what a nurse can plus review; an admin can do everything (in a township centre
the admin is often also a clinician) plus users, settings and audit.

Tokens are checked against the database once and then cached per worker for
`Settings.token_cache_seconds`, so the stateless assess route costs no database round trip.
The token dependencies are coroutines: FastAPI runs a plain function in the thread pool, and those
thread hops (three per request before) cost more than the triage itself. Only a cache miss (once
per token, worker and cache period) goes to the database, in the thread pool, never on the loop.
A logout, a disabled user or revoked tokens clear the cache of the worker that handled them at once;
other workers drop the revoked credential within `token_cache_seconds`.
Session-authenticated writes need the session's CSRF token (header ``X-CSRF-Token`` or form
field ``csrf``); bearer-token calls do not, since browsers never send bearer tokens by themselves.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from fenzhen.errors import AuthError, ForbiddenError
from fenzhen.store.accounts import Principal, hash_token, principal_for_token

__all__ = [
    "PERMISSIONS",
    "SESSION_COOKIE",
    "TokenCache",
    "current_principal",
    "optional_principal",
    "require",
]

SESSION_COOKIE = "fz_session"

#: Permission → roles that hold it. A meta-test checks every API route names one of these.
PERMISSIONS: dict[str, frozenset[str]] = {
    "assess": frozenset({"nurse", "doctor", "admin"}),
    "register": frozenset({"nurse", "doctor", "admin"}),
    "read_clinical": frozenset({"nurse", "doctor", "admin"}),
    "review": frozenset({"doctor", "admin"}),
    "admin": frozenset({"admin"}),
}

_bearer = HTTPBearer(auto_error=False, description="An API token from `fenzhen user add`.")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class TokenCache:
    """A small per-process cache: token hash → (principal, monotonic expiry)."""

    def __init__(self, seconds: int, max_entries: int = 10_000) -> None:
        self.seconds = seconds
        self.max_entries = max_entries
        self._items: dict[str, tuple[Principal, float]] = {}

    def get(self, key: str) -> Principal | None:
        item = self._items.get(key)
        if item is None or item[1] < time.monotonic():
            return None
        return item[0]

    def clear(self) -> None:
        """Forget every cached principal (after a logout or a revocation: the database decides again)."""
        self._items.clear()

    def put(self, key: str, principal: Principal) -> None:
        if self.seconds <= 0:
            return
        if len(self._items) >= self.max_entries:
            self._items.clear()
        self._items[key] = (principal, time.monotonic() + self.seconds)


def _from_database(request: Request, secret: str, kind: str) -> Principal | None:
    with request.app.state.database.transaction() as session:
        return principal_for_token(session, secret, kind=kind)


async def _lookup(request: Request, secret: str, kind: str) -> Principal | None:
    if not secret or len(secret) > 200:
        return None
    cache: TokenCache = request.app.state.token_cache
    key = kind + ":" + hash_token(secret)
    principal = cache.get(key)
    if principal is None:
        principal = await run_in_threadpool(_from_database, request, secret, kind)
        if principal is not None:
            cache.put(key, principal)
    return principal


async def optional_principal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Depends(_bearer),
) -> Principal | None:
    """Return the caller from a bearer token or a session cookie, or `None` for an anonymous call."""
    if credentials is not None:
        principal = await _lookup(request, credentials.credentials, "api")
        if principal is None:
            raise AuthError("invalid or expired API token")
        return principal
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return await _lookup(request, cookie, "session")
    return None


async def current_principal(principal: Principal | None = Depends(optional_principal)) -> Principal:
    """Return the caller or refuse with 401."""
    if principal is None:
        raise AuthError("authentication required: send 'Authorization: Bearer <token>' or sign in")
    return principal


def check_csrf(principal: Principal, supplied: str | None) -> None:
    """Refuse a session-authenticated write without the session's CSRF token."""
    if principal.via != "session":
        return
    if not supplied or not principal.csrf or not hmac.compare_digest(supplied, principal.csrf):
        raise ForbiddenError("missing or wrong CSRF token; reload the page")


def require(permission: str) -> Callable[..., Principal]:
    """Build a dependency that admits only roles holding `permission` (401 anonymous, 403 wrong role)."""
    roles = PERMISSIONS[permission]

    # Sync on purpose: callers (and tests) may call it directly with a principal. The checks are
    # a set lookup and a string compare; the token lookup above it is the async part.
    def dependency(request: Request, principal: Principal = Depends(current_principal)) -> Principal:
        if principal.role not in roles:
            raise ForbiddenError(f"the {principal.role} role may not do this ({permission})")
        if request.method in _UNSAFE and request.url.path.startswith("/api/"):
            check_csrf(principal, request.headers.get("x-csrf-token"))
        return principal

    dependency.__name__ = f"require_{permission}"
    dependency.permission = permission  # type: ignore[attr-defined]
    return dependency


def role_rules() -> dict[str, Any]:
    """Return the permission table as JSON-ready lists (for the settings view and docs)."""
    return {name: sorted(roles) for name, roles in PERMISSIONS.items()}
