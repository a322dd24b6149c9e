"""Remote dose adjustment over the JSON API: propose → worklist → decide → notification → FHIR,
the role and site rules of every route (401 without credentials, 403/404 for the wrong caller),
errors in the one envelope naming the field, and the audit trail of each step."""

from __future__ import annotations

from typing import Any

import pytest
from dose_world import DoseWorld, build
from fastapi.routing import APIRoute
from fhir.resources.R4B.medicationrequest import MedicationRequest

from fenzhen.service import api_dose_requests

SAMPLE_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def world(service: Any) -> DoseWorld:
    return build(service)


def test_propose_approve_notify_export_with_audit(world: DoseWorld) -> None:
    c = world.service.client
    r = world.propose()
    assert r.status_code == 201, r.text
    body = r.json()
    rid = body["id"]
    assert body["status"] == "pending" and body["supervising_site"] == "county"
    assert body["max_severity"] == "warning" and "eGFR" in body["findings"][0]["message_en"]
    queue = c.get("/api/v1/dose-requests/worklist", headers=world.h("doctor")).json()["requests"]
    assert [q["id"] for q in queue] == [rid] and queue[0]["drug"] == "metformin"
    seen = c.get(f"/api/v1/dose-requests/{rid}", headers=world.h("doctor")).json()
    assert seen["may_decide"] is True and seen["patient_name"] is None and seen["weight_kg"] == 61
    draft = c.get(f"/api/v1/dose-requests/{rid}/fhir", headers=world.h("nurse"))
    assert draft.headers["content-type"].startswith("application/fhir+json")
    assert MedicationRequest.model_validate(draft.json()).status == "draft"
    d = c.post(
        f"/api/v1/dose-requests/{rid}/decisions", json={"decision": "approve"}, headers=world.h("doctor")
    )
    assert d.status_code == 201 and d.json()["status"] == "approved"
    assert c.get("/api/v1/dose-requests/notifications", headers=world.h("nurse")).json() == {"unread": 1}
    mine = c.get("/api/v1/dose-requests/mine", headers=world.h("nurse")).json()
    assert mine["unread"] == 1 and mine["requests"][0]["status"] == "approved"
    detail = c.get(f"/api/v1/dose-requests/{rid}", headers=world.h("nurse")).json()
    assert detail["patient_name"] == "张三" and detail["decisions"][0]["decided_by"] == "doctor1"
    assert c.get("/api/v1/dose-requests/notifications", headers=world.h("nurse")).json() == {"unread": 0}
    fhir = c.get(f"/api/v1/dose-requests/{rid}/fhir", headers=world.h("nurse")).json()
    model = MedicationRequest.model_validate(fhir)
    assert (model.status, model.intent) == ("active", "proposal") and "张三" not in str(fhir)
    events = c.get("/api/v1/audit", params={"limit": 1000}, headers=world.h("admin")).json()["events"]
    steps = [(e["actor"], e["action"], e["detail"].get("decision")) for e in events if e["object_id"] == rid]
    assert steps == [
        ("nurse1", "create", None),
        ("doctor1", "read", None),
        ("nurse1", "export", None),
        ("doctor1", "review", "approve"),
        ("nurse1", "read", None),
        ("nurse1", "export", None),
    ]
    assert c.get("/api/v1/audit/verify", headers=world.h("admin")).json()["ok"] is True


def test_modify_and_reject(world: DoseWorld) -> None:
    c = world.service.client
    rid = world.propose().json()["id"]
    over = {
        "decision": "modify",
        "reason": "减至每日一次",
        "order": {"drug": "metformin", "dose": "3 g", "frequency": "q24h"},
    }
    r = c.post(f"/api/v1/dose-requests/{rid}/decisions", json=over, headers=world.h("doctor"))
    assert r.status_code == 422 and r.json()["error"]["fields"][0]["field"] == "acknowledge_critical"
    over["order"]["dose"] = "500 mg"
    r = c.post(f"/api/v1/dose-requests/{rid}/decisions", json=over, headers=world.h("doctor"))
    assert r.status_code == 201 and r.json()["status"] == "modified"
    again = c.post(
        f"/api/v1/dose-requests/{rid}/decisions", json={"decision": "approve"}, headers=world.h("doctor")
    )
    assert again.status_code == 409 and again.json()["error"]["request_id"]
    fhir = c.get(f"/api/v1/dose-requests/{rid}/fhir", headers=world.h("doctor")).json()
    assert fhir["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["value"] == 500
    assert fhir["dosageInstruction"][0]["timing"]["repeat"]["periodUnit"] == "d"
    second = world.propose().json()["id"]
    r = c.post(
        f"/api/v1/dose-requests/{second}/decisions",
        json={"decision": "reject", "reason": "请先复查肌酐"},
        headers=world.h("doctor"),
    )
    assert r.status_code == 201
    assert (
        MedicationRequest.model_validate(
            c.get(f"/api/v1/dose-requests/{second}/fhir", headers=world.h("nurse")).json()
        ).status
        == "cancelled"
    )


@pytest.mark.parametrize(
    "over,field",
    [
        ({"patient": {"age_years": 76}}, "patient.weight_kg"),
        ({"patient": {"age_years": 760, "weight_kg": 60}}, "patient.age_years"),
        ({"patient": {"age_years": 70, "weight_kg": 600}}, "patient.weight_kg"),
        ({"order": {"drug": "metformine", "dose": "500 mg", "frequency": "q12h"}}, "order.drug"),
        ({"order": {"drug": "metformin", "dose": "500", "frequency": "q12h"}}, "order.dose"),
        ({"order": {"drug": "metformin", "dose": "500 mg", "frequency": "bd"}}, "order.frequency"),
        ({"supervising_site": "nowhere"}, "supervising_site"),
        ({"reason": ""}, "reason"),
        ({"patient_id": "xyz"}, "patient_id"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_proposals_name_the_field(world: DoseWorld, over: dict[str, Any], field: str) -> None:
    r = world.propose(**over)
    assert r.status_code == 422, r.text
    error = r.json()["error"]
    assert error["fields"][0]["field"] == field and error["request_id"]
    assert "张三" not in r.text


@pytest.mark.parametrize(
    "decision,field",
    [
        ({"decision": "reject"}, "reason"),
        ({"decision": "modify", "reason": "x"}, "order"),
        (
            {"decision": "approve", "order": {"drug": "metformin", "dose": "1 g", "frequency": "q12h"}},
            "order",
        ),
        ({"decision": "sign"}, "decision"),
    ],
)
def test_bad_decisions_name_the_field(world: DoseWorld, decision: dict[str, Any], field: str) -> None:
    rid = world.propose().json()["id"]
    r = world.service.client.post(
        f"/api/v1/dose-requests/{rid}/decisions", json=decision, headers=world.h("doctor")
    )
    assert r.status_code == 422 and r.json()["error"]["fields"][0]["field"] == field


ROUTES = [(m, r.path) for r in api_dose_requests.router.routes if isinstance(r, APIRoute) for m in r.methods]


def _path(path: str) -> str:
    return path.replace("{request_id}", SAMPLE_ID).replace("{user_name}", "nurse1")


@pytest.mark.parametrize("method,path", ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_no_credentials_is_401(service: Any, method: str, path: str) -> None:
    r = service.client.request(method, _path(path), json={})
    assert r.status_code == 401 and r.json()["error"]["message"] and r.headers["www-authenticate"] == "Bearer"


def test_every_route_declares_a_permission() -> None:
    for route in api_dose_requests.router.routes:
        assert any(getattr(d.call, "permission", None) for d in route.dependant.dependencies), route.path  # type: ignore[union-attr]


def test_wrong_role_or_site_is_refused(world: DoseWorld) -> None:
    c = world.service.client
    rid = world.propose().json()["id"]
    decide = f"/api/v1/dose-requests/{rid}/decisions"
    refusals = [
        ("admin", "POST", "/api/v1/dose-requests", {**world_body(world)}, 403),
        ("admin", "GET", "/api/v1/dose-requests/mine", None, 403),
        ("admin", "GET", "/api/v1/dose-requests/notifications", None, 403),
        ("nurse", "GET", "/api/v1/dose-requests/worklist", None, 403),
        ("vdoc", "GET", "/api/v1/dose-requests/worklist", None, 403),  # a doctor without prescribing rights
        ("admin", "GET", "/api/v1/dose-requests/worklist", None, 403),
        ("nurse", "POST", decide, {"decision": "approve"}, 403),
        ("admin", "POST", decide, {"decision": "approve"}, 403),
        ("vdoc", "POST", decide, {"decision": "approve"}, 403),
        ("tdoc", "POST", decide, {"decision": "approve"}, 403),  # prescriber at another site
        ("tdoc", "GET", f"/api/v1/dose-requests/{rid}", None, 404),
        ("tdoc", "GET", f"/api/v1/dose-requests/{rid}/fhir", None, 404),
        ("admin", "GET", f"/api/v1/dose-requests/{rid}", None, 404),
        ("nurse", "POST", "/api/v1/sites", {"code": "x", "name": "x", "level": "village"}, 403),
        ("doctor", "PUT", "/api/v1/staff/nurse1", {"site": "county", "can_prescribe": True}, 403),
    ]
    for who, method, path, body, status in refusals:
        r = c.request(method, path, json=body, headers=world.h(who))
        assert r.status_code == status, (who, method, path, r.text)
        assert r.json()["error"]["message"]
    assert (
        c.get(f"/api/v1/dose-requests/{rid}", headers=world.h("vdoc")).status_code == 200
    )  # same village clinic
    assert c.get("/api/v1/dose-requests/worklist", headers=world.h("tdoc")).json() == {"requests": []}
    assert c.get("/api/v1/dose-requests/worklist", headers=world.h("doctor")).status_code == 200


def world_body(world: DoseWorld) -> dict[str, Any]:
    from dose_world import PROPOSAL

    return {**PROPOSAL, "patient_id": world.patient_id}


def test_prescriber_for_a_nurse_is_refused(world: DoseWorld) -> None:
    r = world.service.client.put(
        "/api/v1/staff/nurse1", json={"site": "county", "can_prescribe": True}, headers=world.h("admin")
    )
    assert r.status_code == 422 and r.json()["error"]["fields"][0]["field"] == "prescriber"


def test_permissions_are_listed_in_settings(world: DoseWorld) -> None:
    roles = world.service.client.get("/api/v1/settings", headers=world.h("admin")).json()["roles"]
    assert roles["propose_dose"] == ["doctor", "nurse"] and roles["decide_dose"] == ["doctor"]


def test_order_sign_service_is_discoverable_and_answers(world: DoseWorld) -> None:
    c = world.service.client
    services = {s["id"]: s for s in c.get("/cds-services").json()["services"]}
    assert services["fenzhen-dose-check"]["hook"] == "order-sign"
    draft = {
        "resourceType": "MedicationRequest",
        "status": "draft",
        "intent": "order",
        "medicationCodeableConcept": {"text": "paracetamol"},
        "subject": {"reference": "Patient/p1"},
        "dosageInstruction": [
            {
                "timing": {"repeat": {"frequency": 1, "period": 6, "periodUnit": "h"}},
                "doseAndRate": [{"doseQuantity": {"value": 2, "unit": "g", "code": "g"}}],
            }
        ],
    }
    call = {
        "hook": "order-sign",
        "hookInstance": "h-1",
        "context": {
            "userId": "Practitioner/1",
            "patientId": "p1",
            "draftOrders": {"resourceType": "Bundle", "type": "collection", "entry": [{"resource": draft}]},
        },
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": "p1", "birthDate": "1980-01-01"},
            "weight": {
                "resourceType": "Observation",
                "status": "final",
                "code": {"text": "weight"},
                "valueQuantity": {"value": 70, "unit": "kg", "code": "kg"},
            },
            "creatinine": None,
            "allergies": None,
            "medications": None,
        },
    }
    r = c.post("/cds-services/fenzhen-dose-check", json=call, headers=world.h("doctor"))
    assert r.status_code == 200, r.text
    card = r.json()["cards"][0]
    assert card["indicator"] == "critical" and "maximum single dose" in card["detail"], card
