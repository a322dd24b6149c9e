"""Administrative and system routes: health, who-am-I, users, settings, audit trail."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import select

from fenzhen import __version__
from fenzhen.service.api_models import UserIn
from fenzhen.service.auth import current_principal, require, role_rules
from fenzhen.store.accounts import (
    Principal,
    create_user,
    find_user,
    issue_token,
    revoke_credentials,
    set_active,
)
from fenzhen.store.audit import verify_chain
from fenzhen.store.models import AuditEvent, User

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["admin"])
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "no or invalid credentials"},
    403: {"description": "the role may not do this"},
}


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type="application/json")


@router.get("/health", tags=["system"])
async def health() -> dict[str, str]:
    """Liveness: public, says nothing about patients (the trivial endpoint of the load benchmark)."""
    return {"status": "ok", "version": __version__}


@router.get("/me", responses=_AUTH, tags=["system"])
async def me(principal: Principal = Depends(current_principal)) -> dict[str, str]:
    """Return the caller's name and role."""
    return {"name": principal.name, "role": principal.role}


@router.get("/users", responses=_AUTH)
def list_users(request: Request, principal: Principal = Depends(require("admin"))) -> Response:
    """List users and their roles."""
    with request.app.state.database.transaction() as session:
        users = session.execute(select(User).order_by(User.name)).scalars().all()
        return _json(
            {
                "users": [
                    {
                        "id": u.id,
                        "name": u.name,
                        "role": u.role,
                        "active": u.active,
                        "password": u.password_hash is not None,
                    }
                    for u in users
                ]
            }
        )


@router.post("/users", status_code=201, responses={**_AUTH, 409: {"description": "name taken"}})
def add_user(request: Request, body: UserIn, principal: Principal = Depends(require("admin"))) -> Response:
    """Create a user; the response holds its first API token, shown once."""
    with request.app.state.database.transaction() as session:
        user = create_user(
            session, name=body.name, role=body.role, password=body.password, actor=principal.name
        )
        token, _ = issue_token(session, user=user, actor=principal.name)
    return _json({"id": user.id, "name": user.name, "role": user.role, "token": token}, 201)


@router.post("/users/{name}/disable", responses={**_AUTH, 404: {"description": "no such user"},
                                                 409: {"description": "the last active admin"}})
def disable_user(request: Request, name: str, principal: Principal = Depends(require("admin"))) -> Response:
    """Disable a user at once: every API token and web session of theirs stops working."""
    with request.app.state.database.transaction() as session:
        revoked = set_active(session, name=name, active=False, actor=principal.name)
    request.app.state.token_cache.clear()
    return _json({"name": name, "active": False, "credentials_revoked": revoked})


@router.post("/users/{name}/enable", responses={**_AUTH, 404: {"description": "no such user"}})
def enable_user(request: Request, name: str, principal: Principal = Depends(require("admin"))) -> Response:
    """Re-enable a user; revoked tokens stay revoked (issue a new one with POST /users/{name}/tokens)."""
    with request.app.state.database.transaction() as session:
        set_active(session, name=name, active=True, actor=principal.name)
    return _json({"name": name, "active": True})


@router.post("/users/{name}/tokens", status_code=201, responses={**_AUTH, 404: {"description": "no such user"},
                                                                   409: {"description": "the user is disabled"}})
def new_token(request: Request, name: str, principal: Principal = Depends(require("admin"))) -> Response:
    """Issue another API token for a user; the response holds it, shown once."""
    with request.app.state.database.transaction() as session:
        token, _ = issue_token(session, user=find_user(session, name), actor=principal.name)
    return _json({"name": name, "token": token}, 201)


@router.post("/users/{name}/revoke-tokens", responses={**_AUTH, 404: {"description": "no such user"}})
def revoke_user_tokens(request: Request, name: str, principal: Principal = Depends(require("admin"))) -> Response:
    """Revoke every API token and web session of a user (a lost or leaked token); the user stays active."""
    with request.app.state.database.transaction() as session:
        revoked = revoke_credentials(session, name=name, actor=principal.name)
    request.app.state.token_cache.clear()
    return _json({"name": name, "credentials_revoked": revoked})


@router.get("/settings", responses=_AUTH)
def settings(request: Request, principal: Principal = Depends(require("admin"))) -> Response:
    """Return the effective settings (database password hidden) and the role rules."""
    return _json({"settings": request.app.state.settings.public(), "roles": role_rules()})


@router.get("/audit", responses=_AUTH)
def audit_events(
    request: Request,
    after_seq: int = Query(0, ge=0, le=2**31),
    limit: int = Query(100, ge=1, le=1000),
    principal: Principal = Depends(require("admin")),
) -> Response:
    """Page through audit events in order (``after_seq`` = last sequence number already seen)."""
    with request.app.state.database.transaction() as session:
        rows = (
            session.execute(
                select(AuditEvent).where(AuditEvent.seq > after_seq).order_by(AuditEvent.seq).limit(limit)
            )
            .scalars()
            .all()
        )
        return _json(
            {
                "events": [
                    {
                        "seq": e.seq,
                        "at": e.at,
                        "actor": e.actor,
                        "action": e.action,
                        "object_type": e.object_type,
                        "object_id": e.object_id,
                        "detail": json.loads(e.detail),
                        "hash": e.hash,
                    }
                    for e in rows
                ]
            }
        )


@router.get("/audit/verify", responses=_AUTH)
def audit_verify(request: Request, principal: Principal = Depends(require("admin"))) -> Response:
    """Verify the hash chain; ``ok`` false lists each edited, deleted or reordered event."""
    with request.app.state.database.transaction() as session:
        return _json(verify_chain(session).as_dict())
