"""Role rules of the tool routes and the mounted FHIR / CDS Hooks routes: no credentials → 401.

Today every tool permission (``assess``, ``read_clinical``) is held by all three roles, so the
wrong-role case is checked on the permission table: a route's rule must name a known permission,
and a role outside it is refused (403), shown with a role that no permission lists.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute

from fenzhen.errors import ForbiddenError
from fenzhen.interop.routes import cds_router, fhir_router
from fenzhen.service import api_tools
from fenzhen.service.auth import PERMISSIONS, require
from fenzhen.service.interop_wiring import PUBLIC_PATHS
from fenzhen.store.accounts import Principal

SAMPLE_ID = "0123456789abcdef0123456789abcdef"


def _routes(routers: list[Any]) -> list[tuple[str, str, str | None]]:
    out = []
    for router in routers:
        for route in router.routes:
            if not isinstance(route, APIRoute):
                continue
            permission = None
            for dep in route.dependant.dependencies:
                permission = getattr(dep.call, "permission", permission)
            out += [(m, route.path, permission) for m in sorted(route.methods)]
    return out


TOOL_ROUTES = _routes([api_tools.router])
INTEROP_ROUTES = _routes([fhir_router, cds_router])


def _path(path: str) -> str:
    return (
        path.replace("{encounter_id}", SAMPLE_ID)
        .replace("{service_id}", "fenzhen-triage-patient-view")
        .replace("{cs_id}", "fenzhen-triage-china-4level")
    )


def test_every_tool_route_names_a_permission() -> None:
    paths = {p for _, p, _ in TOOL_ROUTES}
    assert {
        "/api/v1/route",
        "/api/v1/care",
        "/api/v1/interview/start",
        "/api/v1/interview/answer",
        "/api/v1/deid/text",
        "/api/v1/encounters/{encounter_id}/export",
        "/api/v1/dose",
        "/api/v1/dose/check",
    } <= paths
    for method, path, permission in TOOL_ROUTES:
        assert permission in PERMISSIONS, f"{method} {path} declares no permission"
    assert (
        dict((p, perm) for _, p, perm in TOOL_ROUTES)["/api/v1/encounters/{encounter_id}/export"]
        == "read_clinical"
    )


@pytest.mark.parametrize("method,path,permission", TOOL_ROUTES, ids=[f"{m} {p}" for m, p, _ in TOOL_ROUTES])
def test_tool_route_without_credentials_is_401(service: Any, method: str, path: str, permission: str) -> None:
    r = service.client.request(method, _path(path), json={})
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer", r.text
    assert set(r.json()) == {"error"}
    bad = service.client.request(method, _path(path), json={}, headers={"authorization": "Bearer fz_nope"})
    assert bad.status_code == 401


@pytest.mark.parametrize("method,path,permission", TOOL_ROUTES, ids=[f"{m} {p}" for m, p, _ in TOOL_ROUTES])
def test_tool_route_admits_exactly_its_roles(service: Any, method: str, path: str, permission: str) -> None:
    for role in ("nurse", "doctor", "admin"):
        r = service.client.request(method, _path(path), json={}, headers=service.headers(role))
        assert (r.status_code == 403) == (role not in PERMISSIONS[permission]), (role, r.status_code)
    outsider = Principal(user_id="u", name="x", role="visitor", via="api")
    with pytest.raises(ForbiddenError):
        require(permission)(request=_FakeRequest(method), principal=outsider)  # type: ignore[arg-type]


class _FakeRequest:
    def __init__(self, method: str) -> None:
        self.method = method
        self.url = type("U", (), {"path": "/api/v1/x"})()
        self.headers: dict[str, str] = {}


@pytest.mark.parametrize(
    "method,path,permission", INTEROP_ROUTES, ids=[f"{m} {p}" for m, p, _ in INTEROP_ROUTES]
)
def test_interop_routes_need_credentials_except_the_public_ones(
    service: Any, method: str, path: str, permission: str
) -> None:
    full = _path(path)
    r = service.client.request(method, full, json={})
    if path in PUBLIC_PATHS:
        assert r.status_code == 200, r.text
        return
    assert r.status_code == 401, (path, r.status_code, r.text)
    assert (
        service.client.request(method, full, json={}, headers={"authorization": "Bearer fz_nope"}).status_code
        == 401
    )
    signed_in = service.client.request(method, full, json={}, headers=service.headers("nurse"))
    assert signed_in.status_code not in (401, 403, 500, 503), (path, signed_in.status_code)


def test_interop_session_writes_need_csrf(service: Any, web_login: Any) -> None:
    csrf = web_login("nurse")
    bundle = {"resourceType": "Bundle", "type": "collection", "entry": []}
    assert service.client.post("/fhir", json=bundle).status_code == 403
    assert service.client.post("/fhir", json=bundle, headers={"x-csrf-token": csrf}).status_code != 403


def test_interop_routes_stay_out_of_the_openapi_document(service: Any) -> None:
    doc = service.client.get("/api/v1/openapi.json", headers=service.headers("nurse")).json()
    assert not any(p.startswith(("/fhir", "/cds-services")) for p in doc["paths"])
    assert {"/api/v1/route", "/api/v1/dose", "/api/v1/deid/text"} <= set(doc["paths"])
