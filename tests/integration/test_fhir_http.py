"""FHIR endpoints over real HTTP (uvicorn on 127.0.0.1): metadata, CodeSystems, export, assess."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

# The interop cases (real records assessed by the real engine).
import tests.interop.fhir_cases as conftest_interop
import uvicorn
from fastapi import FastAPI

from fenzhen.errors import NotFoundError
from fenzhen.interop import deps
from fenzhen.interop.record import EncounterRecord
from fenzhen.interop.routes import cds_router, fhir_router

pytestmark = pytest.mark.integration
AUDIT: list[dict[str, str]] = []
ROLE = {"role": "nurse"}


def _load(encounter_id: str) -> EncounterRecord:
    if encounter_id != "enc-0001":
        raise NotFoundError("encounter not found")
    return conftest_interop.make_record(conftest_interop.CASES["septic"])


def _start(app: FastAPI) -> tuple[uvicorn.Server, threading.Thread, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def urls() -> Iterator[tuple[str, str]]:
    wired = FastAPI()
    wired.include_router(fhir_router)
    wired.include_router(cds_router)
    wired.dependency_overrides[deps.get_caller] = lambda: deps.Caller(actor="user-1", role=ROLE["role"])
    wired.dependency_overrides[deps.get_audit] = lambda: lambda **event: AUDIT.append(event)
    wired.dependency_overrides[deps.get_encounter_loader] = lambda: _load
    wired.dependency_overrides[deps.get_settings] = lambda: deps.InteropSettings(pseudonym_key=b"k")
    bare = FastAPI()  # routers mounted, nothing wired: protected routes must refuse
    bare.include_router(fhir_router)
    bare.include_router(cds_router)
    started = [_start(wired), _start(bare)]
    yield started[0][2], started[1][2]
    for server, thread, _ in started:
        server.should_exit = True
        thread.join(5)


def test_metadata_and_codesystems_public(urls: tuple[str, str]) -> None:
    base = urls[1]
    meta = httpx.get(f"{base}/fhir/metadata")
    assert meta.headers["content-type"].startswith("application/fhir+json")
    conftest_interop.validate_r4(meta.json())
    cs = httpx.get(f"{base}/fhir/CodeSystem/fenzhen-triage-china-4level").json()
    assert cs["resourceType"] == "CodeSystem" and cs["count"] == 4
    conftest_interop.validate_r4(httpx.get(f"{base}/fhir/CodeSystem").json())
    missing = httpx.get(f"{base}/fhir/CodeSystem/nope")
    assert missing.status_code == 404 and missing.json()["resourceType"] == "OperationOutcome"
    assert httpx.get(f"{base}/cds-services").json()["services"]


def test_unwired_routes_refuse(urls: tuple[str, str]) -> None:
    base = urls[1]
    assert httpx.get(f"{base}/fhir/Encounter/enc-0001/$everything").status_code == 401
    assert httpx.post(f"{base}/fhir", json={"resourceType": "Bundle"}).status_code == 401


@pytest.mark.parametrize(("role", "named"), [("nurse", True), ("admin", False)])
def test_export_by_role(urls: tuple[str, str], role: str, named: bool) -> None:
    ROLE["role"] = role
    r = httpx.get(f"{urls[0]}/fhir/Encounter/enc-0001/$everything")
    assert r.status_code == 200
    bundle = r.json()
    conftest_interop.validate_r4(bundle)
    assert ("王小明" in r.text) is named
    assert AUDIT[-1]["action"] == "export" and AUDIT[-1]["object_id"] == "enc-0001"
    assert httpx.get(f"{urls[0]}/fhir/Encounter/other/$everything").status_code == 404


def test_post_bundle_assesses_round_trip(urls: tuple[str, str]) -> None:
    ROLE["role"] = "nurse"
    exported = httpx.get(f"{urls[0]}/fhir/Encounter/enc-0001/$everything").json()
    r = httpx.post(f"{urls[0]}/fhir", json=exported)
    assert r.status_code == 200, r.text
    answer: dict[str, Any] = r.json()
    conftest_interop.validate_r4(answer)
    assert answer["entry"][0]["resource"]["resourceType"] == "OperationOutcome"
    triage = next(
        e["resource"]
        for e in answer["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == "triage-level"
    )
    original = _load("enc-0001").latest.assessment
    assert triage["valueCodeableConcept"]["coding"][0]["code"] == str(original.china_level)
    assert triage["component"][0]["valueCodeableConcept"]["coding"][0]["code"] == str(original.acuity)
    assert "王小明" not in r.text
    assert AUDIT[-1]["action"] == "assess"


def test_post_bad_unit_gets_operation_outcome(urls: tuple[str, str]) -> None:
    bundle = {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "resource": {
                    "resourceType": "Encounter",
                    "status": "arrived",
                    "reasonCode": [{"text": "chest pain"}],
                }
            },
            {
                "resource": {
                    "resourceType": "Observation",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": "8310-5"}]},
                    "valueQuantity": {"value": 38, "system": "http://unitsofmeasure.org", "code": "kPa"},
                }
            },
        ],
    }
    r = httpx.post(f"{urls[0]}/fhir/$assess", json=bundle)
    assert r.status_code == 422
    outcome = r.json()
    conftest_interop.validate_r4(outcome)
    assert outcome["issue"][0]["expression"] == ["Bundle.entry[1].resource.valueQuantity.code"]
    assert httpx.post(f"{urls[0]}/fhir", content=b"{not json").status_code == 400
