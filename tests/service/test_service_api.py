"""The JSON API in-process: assess, encounters, re-triage, reviews, worklist, audit, error envelope."""

from __future__ import annotations

from typing import Any

import pytest

SHOCK = {
    "complaint": "胸痛两小时，伴大汗",
    "age_years": 58,
    "heart_rate_bpm": 118,
    "sbp_mmhg": 86,
    "spo2_pct": 93,
}
STABLE = {
    "complaint": "咳嗽三天",
    "age_years": 30,
    "heart_rate_bpm": 78,
    "resp_rate_bpm": 16,
    "sbp_mmhg": 122,
    "temp_c": 36.8,
    "spo2_pct": 98,
    "avpu": "A",
}


def _envelope(body: dict) -> dict:  # type: ignore[type-arg]
    assert set(body) == {"error"}
    assert set(body["error"]) == {"message", "fields", "request_id"}
    assert body["error"]["request_id"]
    return body["error"]


def test_stateless_assess_returns_the_assessment(service: Any) -> None:
    r = service.client.post("/api/v1/assess", json=SHOCK, headers=service.headers("nurse"))
    assert r.status_code == 200
    body = r.json()
    assert 1 <= body["acuity"] <= 5 and 1 <= body["china_level"] <= 4
    assert body["engine_version"] and body["knowledge_versions"]
    assert r.headers["x-request-id"]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"complaint": "headache", "heart_rate_bpm": 500}, "heart_rate_bpm"),
        ({"complaint": "fever", "temp_c": 101.3}, "temp_c"),
        ({"age_years": 3}, "complaint"),
        ({"complaint": "x", "colour": "blue"}, "colour"),
        ({"complaint": "x", "sex": "other"}, "sex"),
        ([1, 2], "intake"),
    ],
)
def test_bad_intake_is_422_naming_the_field(service: Any, body: object, field: str) -> None:
    r = service.client.post("/api/v1/assess", json=body, headers=service.headers("nurse"))
    assert r.status_code == 422
    error = _envelope(r.json())
    assert error["fields"][0]["field"] == field
    assert field in error["message"]


def test_malformed_json_is_422_not_500(service: Any) -> None:
    for raw in (b"{", b"\xff\xfe", b"[" * 100_000, b'{"complaint": "' + b"a" * 6000 + b'"}'):
        r = service.client.post(
            "/api/v1/assess",
            content=raw,
            headers={**service.headers("nurse"), "content-type": "application/json"},
        )
        assert r.status_code == 422, raw[:20]
        _envelope(r.json())


def test_errors_never_echo_identifiers(service: Any) -> None:
    secret_name = "李" * 101
    r = service.client.post(
        "/api/v1/encounters",
        json={"patient": {"name": secret_name}, "intake": STABLE},
        headers=service.headers("nurse"),
    )
    assert r.status_code == 422
    assert "李" not in r.text and _envelope(r.json())["fields"][0]["field"] == "patient.name"
    r = service.client.post(
        "/api/v1/assess",
        json={"complaint": "张三\x00身份证110101199003070011"},
        headers=service.headers("nurse"),
    )
    assert r.status_code == 422 and "张三" not in r.text and "110101" not in r.text


def test_encounter_flow_with_retriage_review_and_audit(service: Any) -> None:
    nurse, doctor, admin = (service.headers(r) for r in ("nurse", "doctor", "admin"))
    r = service.client.post(
        "/api/v1/encounters",
        json={"patient": {"name": "王芳", "phone": "13800138000"}, "intake": STABLE},
        headers=nurse,
    )
    assert r.status_code == 201
    created = r.json()
    enc_id = created["encounter_id"]
    assert created["assessment"]["china_level"] >= 1
    r = service.client.post(f"/api/v1/encounters/{enc_id}/assessments", json={"intake": SHOCK}, headers=nurse)
    assert r.status_code == 201 and r.json()["seq"] == 2
    second = r.json()["assessment_id"]
    r = service.client.post(
        f"/api/v1/assessments/{second}/reviews",
        json={"decision": "override", "china_level": 1},
        headers=doctor,
    )
    assert r.status_code == 422 and _envelope(r.json())["fields"][0]["field"] == "reason"
    r = service.client.post(
        f"/api/v1/assessments/{second}/reviews",
        json={"decision": "override", "china_level": 1, "department": "急诊科", "reason": "大汗、面色苍白"},
        headers=doctor,
    )
    assert r.status_code == 201
    enc = service.client.get(f"/api/v1/encounters/{enc_id}", headers=doctor).json()
    assert [a["seq"] for a in enc["assessments"]] == [1, 2]
    assert enc["assessments"][1]["reviews"][0]["department"] == "急诊科"
    work = service.client.get("/api/v1/worklist", headers=nurse).json()["entries"]
    assert work[0]["encounter_id"] == enc_id and work[0]["china_level"] == 1 and work[0]["overridden"]
    patient = service.client.get(f"/api/v1/patients/{created['patient_id']}", headers=nurse).json()
    assert patient["phone"] == "13800138000" and patient["encounters"] == [enc_id]
    events = service.client.get("/api/v1/audit?limit=1000", headers=admin).json()["events"]
    actions = {(e["action"], e["object_type"]) for e in events}
    assert {
        ("create", "patient"),
        ("create", "encounter"),
        ("create", "assessment"),
        ("review", "assessment"),
        ("read", "encounter"),
        ("read", "worklist"),
        ("read", "patient"),
    } <= actions
    assert "王芳" not in str(events) and "13800138000" not in str(events)
    assert service.client.get("/api/v1/audit/verify", headers=admin).json()["ok"] is True
    r = service.client.post(f"/api/v1/encounters/{enc_id}/status", json={"status": "seen"}, headers=nurse)
    assert r.status_code == 200
    assert service.client.get("/api/v1/worklist", headers=nurse).json()["entries"] == []


def test_unknown_objects_are_404_in_the_envelope(service: Any) -> None:
    r = service.client.get("/api/v1/encounters/" + "a" * 32, headers=service.headers("nurse"))
    assert r.status_code == 404 and _envelope(r.json())["message"] == "no such encounter"
    r = service.client.get("/api/v1/nothing-here", headers=service.headers("nurse"))
    assert r.status_code == 404 and _envelope(r.json())["message"] == "not found"


def test_admin_creates_users_and_reads_settings(service: Any) -> None:
    admin = service.headers("admin")
    r = service.client.post("/api/v1/users", json={"name": "nurse2", "role": "nurse"}, headers=admin)
    assert r.status_code == 201
    token = r.json()["token"]
    assert (
        service.client.get("/api/v1/me", headers={"authorization": f"Bearer {token}"}).json()["role"]
        == "nurse"
    )
    assert (
        service.client.post(
            "/api/v1/users", json={"name": "nurse2", "role": "nurse"}, headers=admin
        ).status_code
        == 409
    )
    settings = service.client.get("/api/v1/settings", headers=admin).json()
    assert settings["settings"]["port"] == 8000 and settings["roles"]["review"] == ["admin", "doctor"]


def test_admin_disables_a_user_and_their_token_stops_at_once(service: Any) -> None:
    admin = service.headers("admin")
    made = service.client.post("/api/v1/users", json={"name": "leaver", "role": "nurse"}, headers=admin)
    token = made.json()["token"]
    leaver = {"authorization": f"Bearer {token}"}
    assert service.client.get("/api/v1/me", headers=leaver).status_code == 200  # now cached
    r = service.client.post("/api/v1/users/leaver/disable", headers=admin)
    assert r.status_code == 200 and r.json() == {"name": "leaver", "active": False, "credentials_revoked": 1}
    assert service.client.get("/api/v1/me", headers=leaver).status_code == 401
    assert service.client.post("/api/v1/users/leaver/tokens", headers=admin).status_code == 409
    assert service.client.post("/api/v1/users/leaver/enable", headers=admin).json()["active"] is True
    assert service.client.get("/api/v1/me", headers=leaver).status_code == 401  # old tokens stay revoked
    fresh = service.client.post("/api/v1/users/leaver/tokens", headers=admin).json()["token"]
    assert service.client.get("/api/v1/me", headers={"authorization": f"Bearer {fresh}"}).json()["name"] == "leaver"
    users = {u["name"]: u for u in service.client.get("/api/v1/users", headers=admin).json()["users"]}
    assert users["leaver"]["active"] is True


def test_revoking_a_users_tokens(service: Any) -> None:
    admin = service.headers("admin")
    made = service.client.post("/api/v1/users", json={"name": "lost", "role": "doctor"}, headers=admin)
    token = made.json()["token"]
    r = service.client.post("/api/v1/users/lost/revoke-tokens", headers=admin)
    assert r.json() == {"name": "lost", "credentials_revoked": 1}
    assert service.client.get("/api/v1/me", headers={"authorization": f"Bearer {token}"}).status_code == 401


def test_user_management_is_for_admins_and_names_real_users(service: Any) -> None:
    for role in ("nurse", "doctor"):
        assert service.client.post("/api/v1/users/admin1/disable", headers=service.headers(role)).status_code == 403
    admin = service.headers("admin")
    r = service.client.post("/api/v1/users/nobody/disable", headers=admin)
    assert r.status_code == 404 and "nobody" in _envelope(r.json())["message"]
    r = service.client.post("/api/v1/users/admin1/disable", headers=admin)  # the only admin
    assert r.status_code == 409 and "last active admin" in _envelope(r.json())["message"]
