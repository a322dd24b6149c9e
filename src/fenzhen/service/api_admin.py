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
from fenzhen.store.accounts import Principal, create_user, issue_token
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
