"""FHIR and CDS Hooks mounted in the service: the clinic's key, real audit events, real encounters."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest

from fenzhen.errors import PrivacyError
from fenzhen.service.interop_wiring import KEY_FILE_NAME, load_or_create_key

ENCOUNTER = {
    "patient": {"name": "赵丽", "phone": "13912345678", "birth_date": "1980-02-03"},
    "intake": {
        "complaint": "发热咳嗽三天，赵丽自述气促",
        "age_years": 44,
        "sex": "female",
        "heart_rate_bpm": 112,
        "resp_rate_bpm": 26,
        "sbp_mmhg": 104,
        "temp_c": 39.2,
        "spo2_pct": 91,
    },
}


def test_key_is_random_private_and_stable(tmp_path: Path) -> None:
    first = load_or_create_key(tmp_path / "a")
    assert len(first) == 32 and load_or_create_key(tmp_path / "a") == first
    assert load_or_create_key(tmp_path / "b") != first
    mode = (tmp_path / "a" / KEY_FILE_NAME).stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / KEY_FILE_NAME).write_text("not a key\n")
    with pytest.raises(PrivacyError):
        load_or_create_key(tmp_path)


def test_service_created_its_key_in_the_data_directory(service: Any) -> None:
    path = service.settings.data_dir / KEY_FILE_NAME
    assert (
        path.is_file() and bytes.fromhex(path.read_text().strip()) == service.client.app.state.pseudonym_key
    )


def _encounter(service: Any) -> str:
    r = service.client.post("/api/v1/encounters", json=ENCOUNTER, headers=service.headers("nurse"))
    assert r.status_code == 201, r.text
    return str(r.json()["encounter_id"])


def _events(service: Any) -> list[dict[str, Any]]:
    return list(
        service.client.get("/api/v1/audit?limit=1000", headers=service.headers("admin")).json()["events"]
    )


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def test_everything_exports_the_stored_encounter_by_role(service: Any) -> None:
    encounter_id = _encounter(service)
    url = f"/fhir/Encounter/{encounter_id}/$everything"
    nurse = service.client.get(url, headers=service.headers("nurse"))
    assert nurse.status_code == 200, nurse.text
    bundle = nurse.json()
    assert _resources(bundle, "Patient")[0]["name"][0]["text"] == "赵丽"
    vitals = {c["code"] for o in _resources(bundle, "Observation") for c in o["code"].get("coding", [])}
    assert {"8867-4", "9279-1", "2708-6", "8310-5"} <= vitals
    request = _resources(bundle, "ServiceRequest")[0]
    assert request["performerType"]["text"] and request["locationCode"][0]["text"].endswith("level care")
    admin = service.client.get(url, headers=service.headers("admin"))
    assert admin.status_code == 200 and "赵丽" not in admin.text and "13912345678" not in admin.text
    assert _resources(admin.json(), "Patient")[0]["meta"]["security"][0]["code"] == "PSEUDED"
    exports = [e for e in _events(service) if e["action"] == "export" and e["object_id"] == encounter_id]
    assert [e["actor"] for e in exports] == ["nurse1", "admin1"]
    assert "pseudonymised" in exports[1]["detail"]["detail"]
    assert service.client.get("/api/v1/audit/verify", headers=service.headers("admin")).json()["ok"] is True


def test_unknown_encounter_is_an_operation_outcome(service: Any) -> None:
    r = service.client.get(f"/fhir/Encounter/{'0' * 32}/$everything", headers=service.headers("nurse"))
    assert r.status_code == 404 and r.json()["resourceType"] == "OperationOutcome"


def test_posted_bundle_is_assessed_and_audited(service: Any) -> None:
    encounter_id = _encounter(service)
    bundle = service.client.get(
        f"/fhir/Encounter/{encounter_id}/$everything", headers=service.headers("nurse")
    ).json()
    r = service.client.post("/fhir", json=bundle, headers=service.headers("doctor"))
    assert r.status_code == 201, r.text  # the exported Patient is named: stored as a new encounter
    level = _resources(r.json(), "Observation")
    stored = service.client.get(f"/api/v1/encounters/{encounter_id}", headers=service.headers("nurse")).json()
    acuity = stored["assessments"][0]["assessment"]["acuity"]
    assert any(
        c.get("code") == str(acuity)
        for o in level
        for c in o.get("valueCodeableConcept", {}).get("coding", [])
    )
    assessed = [e for e in _events(service) if e["detail"].get("event") == "assess"]
    assert [(e["action"], e["actor"]) for e in assessed] == [("read", "doctor1")]


def test_cds_call_with_prefetch_returns_a_card_and_is_audited(service: Any) -> None:
    request = {
        "hook": "patient-view",
        "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
        "context": {"userId": "Practitioner/1", "patientId": "p1"},
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": "p1", "gender": "male", "birthDate": "1950-01-01"},
            "vitals": {"resourceType": "Bundle", "type": "searchset", "entry": []},
            "complaint": {"resourceType": "Bundle", "type": "searchset", "entry": []},
        },
    }
    r = service.client.post(
        "/cds-services/fenzhen-triage-patient-view", json=request, headers=service.headers("nurse")
    )
    assert r.status_code == 200, r.text
    card = r.json()["cards"][0]
    assert card["indicator"] in ("critical", "warning", "info")
    assert card["links"][0]["url"].startswith("http://127.0.0.1:8000/")
    last = _events(service)[-1]
    assert (last["action"], last["detail"]["event"]) == ("read", "cds-call")
