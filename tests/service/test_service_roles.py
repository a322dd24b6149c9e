"""Every API route has a role rule: no credentials → 401, a role without the permission → 403."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute

from fenzhen.service import api_admin, api_clinical
from fenzhen.service.auth import PERMISSIONS

PUBLIC = {"/api/v1/health"}
SAMPLE_ID = "0123456789abcdef0123456789abcdef"


def _api_routes() -> list[tuple[str, str, str | None]]:
    """(method, path, permission or None for "any signed-in user") of each JSON API route."""
    out = []
    for route in [*api_clinical.router.routes, *api_admin.router.routes]:
        if not isinstance(route, APIRoute) or not route.path.startswith("/api/"):
            continue
        permission = None
        for dep in route.dependant.dependencies:
            permission = getattr(dep.call, "permission", permission)
        for method in route.methods:
            out.append((method, route.path, permission))
    return out


ROUTES = _api_routes()


def _path(path: str) -> str:
    for name in ("patient_id", "encounter_id", "assessment_id"):
        path = path.replace("{" + name + "}", SAMPLE_ID)
    return path


def test_every_route_is_listed_and_guarded() -> None:
    paths = {p for _, p, _ in ROUTES}
    assert {
        "/api/v1/assess",
        "/api/v1/encounters",
        "/api/v1/worklist",
        "/api/v1/audit",
        "/api/v1/assessments/{assessment_id}/reviews",
        "/api/v1/users",
    } <= paths
    for method, path, permission in ROUTES:
        if path in PUBLIC or path == "/api/v1/me":
            continue
        assert permission in PERMISSIONS, f"{method} {path} declares no permission"


@pytest.mark.parametrize("method,path,permission", ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_no_credentials_is_401(service: Any, method: str, path: str, permission: str | None) -> None:
    r = service.client.request(method, _path(path), json={})
    if path in PUBLIC:
        assert r.status_code == 200
        return
    assert r.status_code == 401, r.text
    assert r.json()["error"]["message"]
    assert r.headers["www-authenticate"] == "Bearer"
    bad = service.client.request(
        method, _path(path), json={}, headers={"authorization": "Bearer fz_not_a_token"}
    )
    assert bad.status_code == 401


@pytest.mark.parametrize(
    "method,path,permission",
    [r for r in ROUTES if r[2] and len(PERMISSIONS[r[2]]) < 3],
    ids=[f"{m} {p}" for m, p, perm in ROUTES if perm and len(PERMISSIONS[perm]) < 3],
)
def test_wrong_role_is_403(service: Any, method: str, path: str, permission: str) -> None:
    for role in ("nurse", "doctor", "admin"):
        r = service.client.request(method, _path(path), json={}, headers=service.headers(role))
        if role in PERMISSIONS[permission]:
            assert r.status_code != 403, (role, r.text)
        else:
            assert r.status_code == 403, (role, r.text)


def test_openapi_needs_credentials_and_lists_the_api(service: Any) -> None:
    assert service.client.get("/api/v1/openapi.json").status_code == 401
    doc = service.client.get("/api/v1/openapi.json", headers=service.headers("nurse")).json()
    assert "/api/v1/assess" in doc["paths"] and "/worklist" not in doc["paths"]
    assert doc["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


@pytest.mark.parametrize("path", ["/worklist", "/intake", "/admin/audit", f"/encounters/{SAMPLE_ID}"])
def test_web_pages_need_a_session(service: Any, path: str) -> None:
    r = service.client.get(path, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
