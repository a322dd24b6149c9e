"""CDS Hooks over real HTTP: an EHR-like client, Fenzhen on uvicorn, and a small FHIR server.

Shapes are checked against the CDS Hooks 2.0 specification (discovery, request, card, 412).
"""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from fenzhen.interop import deps
from fenzhen.interop.routes import cds_router, fhir_router

pytestmark = pytest.mark.integration
UCUM = "http://unitsofmeasure.org"
AUDIT: list[dict[str, str]] = []
RECORDED: list[str] = []


def _now(minutes_ago: int = 10) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes_ago)).isoformat(timespec="seconds")


def _vital(code: str, value: float, unit: str, minutes_ago: int = 10) -> dict[str, Any]:
    return {
        "resourceType": "Observation",
        "id": str(uuid.uuid4()),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "vital-signs",
                    }
                ]
            }
        ],
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "subject": {"reference": "Patient/p1"},
        "effectiveDateTime": _now(minutes_ago),
        "valueQuantity": {"value": value, "system": UCUM, "code": unit},
    }


PATIENT = {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1960-05-01"}
VITALS = {
    "resourceType": "Bundle",
    "type": "searchset",
    "entry": [
        {"resource": r}
        for r in (
            _vital("8867-4", 132, "/min"),
            _vital("9279-1", 28, "/min"),
            _vital("8310-5", 102.9, "[degF]"),
            _vital("59408-5", 89, "%"),
            _vital("8480-6", 11.5, "kPa"),
            _vital("8867-4", 70, "/min", 60 * 48),
        )
    ],
}
COMPLAINT = {
    "resourceType": "Bundle",
    "type": "searchset",
    "entry": [
        {
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "effectiveDateTime": _now(),
                "code": {"coding": [{"system": "http://loinc.org", "code": "8661-1"}]},
                "valueString": "发热咳嗽三天，气促",
            }
        }
    ],
}
CALM_VITALS = {
    "resourceType": "Bundle",
    "type": "searchset",
    "entry": [
        {"resource": r}
        for r in (
            _vital("8867-4", 76, "/min"),
            _vital("9279-1", 14, "/min"),
            _vital("8310-5", 36.8, "Cel"),
            _vital("59408-5", 99, "%"),
            _vital("8480-6", 122, "mm[Hg]"),
            _vital("9269-2", 15, "{score}"),
        )
    ],
}


class _FhirHandler(BaseHTTPRequestHandler):
    """A tiny FHIR server: stored resources, bearer token checked, searches by path and code."""

    calls: list[str] = []

    def do_GET(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        _FhirHandler.calls.append(url.path)
        auth = self.headers.get("Authorization", "")
        if auth != "Bearer good-token":
            return self._send(
                401,
                {
                    "resourceType": "OperationOutcome",
                    "issue": [{"severity": "error", "code": "login", "diagnostics": "token expired"}],
                },
            )
        query = parse_qs(url.query)
        if url.path.endswith("/Patient/p1"):
            return self._send(200, PATIENT)
        if url.path.endswith("/Observation") and "8661-1" in query.get("code", [""])[0]:
            return self._send(200, COMPLAINT)
        if url.path.endswith("/Observation") and query.get("category") == ["vital-signs"]:
            return self._send(200, VITALS)
        return self._send(404, {"resourceType": "OperationOutcome", "issue": []})

    def _send(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/fhir+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _app() -> FastAPI:
    app = FastAPI()
    app.include_router(fhir_router)
    app.include_router(cds_router)
    app.dependency_overrides[deps.get_caller] = lambda: deps.Caller(actor="ehr-1", role="integration")
    app.dependency_overrides[deps.get_audit] = lambda: lambda **event: AUDIT.append(event)
    app.dependency_overrides[deps.get_settings] = lambda: deps.InteropSettings(
        ui_base_url="https://fenzhen.clinic.test", pseudonym_key=b"k", fhir_timeout_s=3
    )

    def recorder(intake: Any, assessment: Any, context: dict[str, Any]) -> str:
        RECORDED.append(str(context.get("patientId")))
        return f"enc-{len(RECORDED)}"

    app.dependency_overrides[deps.get_encounter_recorder] = lambda: recorder
    return app


@pytest.fixture(scope="module")
def fenzhen_url() -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def ehr_fhir() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _FhirHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/fhir"
    httpd.shutdown()
    httpd.server_close()


def _request(hook: str = "patient-view", **extra: Any) -> dict[str, Any]:
    context = {"userId": "Practitioner/dr-1", "patientId": "p1"}
    if hook == "encounter-start":
        context["encounterId"] = "e1"
    return {"hook": hook, "hookInstance": str(uuid.uuid4()), "context": context, **extra}


def _check_card(card: dict[str, Any]) -> None:
    """CDS Hooks 2.0 Card: required uuid?/summary/indicator/source; suggestions need selectionBehavior."""
    assert set(card) >= {"summary", "indicator", "source"}
    assert len(card["summary"]) <= 140 and card["indicator"] in ("info", "warning", "critical")
    assert isinstance(card["source"]["label"], str)
    if card.get("suggestions"):
        assert card["selectionBehavior"] in ("at-most-one", "any")
        for s in card["suggestions"]:
            assert s["label"] and all(a["type"] in ("create", "update", "delete") for a in s["actions"])
    for link in card.get("links", []):
        assert link["type"] in ("absolute", "smart") and link["url"].startswith("https://")


def test_discovery(fenzhen_url: str) -> None:
    body = httpx.get(f"{fenzhen_url}/cds-services").json()
    hooks = {s["hook"]: s for s in body["services"]}
    assert set(hooks) >= {"patient-view", "encounter-start"}
    for service in body["services"]:
        assert {"hook", "description", "id"} <= set(service) and service["prefetch"][
            "patient"
        ] == "Patient/{{context.patientId}}"
    assert hooks["encounter-start"]["prefetch"]["encounter"] == "Encounter/{{context.encounterId}}"


def test_prefetch_gives_critical_card(fenzhen_url: str) -> None:
    req = _request(prefetch={"patient": PATIENT, "vitals": VITALS, "complaint": COMPLAINT})
    r = httpx.post(f"{fenzhen_url}/cds-services/fenzhen-triage-patient-view", json=req)
    assert r.status_code == 200, r.text
    cards = r.json()["cards"]
    assert len(cards) == 1
    card = cards[0]
    _check_card(card)
    assert card["indicator"] == "critical" and "news2" in card["detail"]
    assert "converted 102.9 [degF]" in card["detail"] and "converted 11.5 kPa" in card["detail"]
    obs = card["suggestions"][0]["actions"][0]["resource"]
    assert obs["resourceType"] == "Observation" and obs["subject"] == {"reference": "Patient/p1"}
    assert card["links"][0]["url"].startswith("https://fenzhen.clinic.test/encounters/enc-")
    assert AUDIT[-1]["action"] == "cds-call" and "p1" not in AUDIT[-1]["detail"]


def test_indicator_follows_acuity(fenzhen_url: str) -> None:
    req = _request(
        prefetch={
            "patient": PATIENT,
            "vitals": CALM_VITALS,
            "complaint": {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "Observation",
                            "status": "final",
                            "effectiveDateTime": _now(),
                            "code": {"coding": [{"system": "http://loinc.org", "code": "8661-1"}]},
                            "valueString": "needs a repeat prescription for hypertension tablets",
                        }
                    }
                ],
            },
        }
    )
    card = httpx.post(f"{fenzhen_url}/cds-services/fenzhen-triage-patient-view", json=req).json()["cards"][0]
    _check_card(card)
    acuity = int(card["summary"].split("acuity ")[1][0])
    assert card["indicator"] == {1: "critical", 2: "critical", 3: "warning", 4: "info", 5: "info"}[acuity]


def test_without_prefetch_fetches_from_ehr(fenzhen_url: str, ehr_fhir: str) -> None:
    _FhirHandler.calls.clear()
    req = _request(
        "encounter-start",
        fhirServer=ehr_fhir,
        fhirAuthorization={
            "access_token": "good-token",
            "token_type": "Bearer",
            "expires_in": 300,
            "scope": "patient/*.read",
            "subject": "fenzhen",
        },
        prefetch={"encounter": None},
    )
    r = httpx.post(f"{fenzhen_url}/cds-services/fenzhen-triage-encounter-start", json=req)
    assert r.status_code == 200, r.text
    assert r.json()["cards"][0]["indicator"] == "critical"
    assert "/fhir/Patient/p1" in _FhirHandler.calls and "/fhir/Observation" in _FhirHandler.calls


def test_expired_token_is_412_not_crash(fenzhen_url: str, ehr_fhir: str) -> None:
    req = _request(
        fhirServer=ehr_fhir,
        fhirAuthorization={
            "access_token": "expired",
            "token_type": "Bearer",
            "expires_in": 0,
            "scope": "patient/*.read",
            "subject": "fenzhen",
        },
    )
    r = httpx.post(f"{fenzhen_url}/cds-services/fenzhen-triage-patient-view", json=req)
    assert r.status_code == 412 and "refused the access token (HTTP 401)" in r.json()["message"]
    assert "expired" not in r.text.replace("may have expired", "")


def test_missing_prefetch_without_server_is_412(fenzhen_url: str) -> None:
    r = httpx.post(
        f"{fenzhen_url}/cds-services/fenzhen-triage-patient-view",
        json=_request(prefetch={"patient": PATIENT}),
    )
    assert r.status_code == 412 and "no fhirServer" in r.json()["message"]


def test_unreachable_fhir_server_is_412(fenzhen_url: str) -> None:
    r = httpx.post(
        f"{fenzhen_url}/cds-services/fenzhen-triage-patient-view",
        json=_request(fhirServer=f"http://127.0.0.1:{_free_port()}/fhir"),
    )
    assert r.status_code == 412


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("fenzhen-triage-patient-view", {"hook": "patient-view"}, 400),
        ("fenzhen-triage-patient-view", {**_request(), "fhirAuthorization": {"access_token": "t"}}, 400),
        ("fenzhen-triage-patient-view", _request("encounter-start"), 400),
        ("no-such-service", _request(), 404),
    ],
)
def test_bad_requests(fenzhen_url: str, path: str, body: dict[str, Any], status: int) -> None:
    r = httpx.post(f"{fenzhen_url}/cds-services/{path}", json=body)
    assert r.status_code == status and set(r.json()) == {"error", "message"}


def test_bad_unit_gives_warning_card(fenzhen_url: str) -> None:
    vitals = {
        "resourceType": "Bundle",
        "type": "searchset",
        "entry": [{"resource": _vital("8867-4", 80, "kg")}],
    }
    req = _request(prefetch={"patient": PATIENT, "vitals": vitals, "complaint": COMPLAINT})
    card = httpx.post(f"{fenzhen_url}/cds-services/fenzhen-triage-patient-view", json=req).json()["cards"][0]
    assert card["indicator"] == "warning" and "valueQuantity.code" in card["detail"]
