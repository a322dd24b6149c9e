"""FHIR and CDS Hooks through a real `fenzhen serve` (SQLite) on 127.0.0.1, as an HIS or EHR would call them.

Export a stored encounter's Bundle, post that Bundle back (stored as a new encounter of the same
patient, read back through its Location), call the CDS triage service with prefetch (its card
links to the stored encounter of a posted Patient), and find each call in the hash-chained audit
trail.
"""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from service_kit import add_user, running_server

pytestmark = pytest.mark.integration

ENCOUNTER = {
    "patient": {"name": "钱八", "id_number": "11010519491231002X", "phone": "13700001111"},
    "intake": {
        "complaint": "发热咳嗽三天，气促",
        "age_years": 67,
        "sex": "male",
        "heart_rate_bpm": 118,
        "resp_rate_bpm": 28,
        "sbp_mmhg": 96,
        "temp_c": 39.4,
        "spo2_pct": 89,
    },
}


def _resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def _level_codes(bundle: dict[str, Any]) -> set[str]:
    return {
        c["code"]
        for o in _resources(bundle, "Observation")
        for c in o.get("valueCodeableConcept", {}).get("coding", [])
        if "triage" in c.get("system", "")
    }


def test_fhir_and_cds_hooks_through_fenzhen_serve(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    nurse = add_user(data_dir, "his-nurse", "nurse")
    admin = add_user(data_dir, "his-admin", "admin")
    with running_server(data_dir) as server, server.client(nurse) as api, server.client() as anonymous:
        key_file = data_dir / "pseudonym.key"
        assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
        assert anonymous.get("/cds-services").json()["services"]
        assert anonymous.get("/fhir/metadata").json()["resourceType"] == "CapabilityStatement"
        created = api.post("/api/v1/encounters", json=ENCOUNTER)
        assert created.status_code == 201, created.text
        encounter_id = created.json()["encounter_id"]
        assert anonymous.get(f"/fhir/Encounter/{encounter_id}/$everything").status_code == 401

        exported = api.get(f"/fhir/Encounter/{encounter_id}/$everything")
        assert exported.status_code == 200 and exported.headers["content-type"].startswith(
            "application/fhir+json"
        )
        bundle = exported.json()
        assert _resources(bundle, "Patient")[0]["name"][0]["text"] == "钱八"
        assert _resources(bundle, "ServiceRequest")[0]["performerType"]["text"] == "急诊科"

        with server.client(admin) as admin_api:
            pseudonymised = admin_api.get(f"/api/v1/encounters/{encounter_id}/export?format=fhir")
            assert pseudonymised.status_code == 200
            for secret in ("钱八", "11010519491231002X", "13700001111"):
                assert secret not in pseudonymised.text

        assessed = api.post("/fhir", json=bundle)
        assert assessed.status_code == 201, assessed.text  # a named Patient: stored as an encounter
        assert _level_codes(assessed.json()) == _level_codes(bundle)  # export → import: the same level
        stored_url = assessed.headers["location"]
        new_id = stored_url.split("/Encounter/")[1].split("/")[0]
        assert new_id != encounter_id and stored_url.startswith(server.url)
        round_trip = api.get(stored_url.removeprefix(server.url))  # the HIS reads back what it posted
        assert round_trip.status_code == 200 and _level_codes(round_trip.json()) == _level_codes(bundle)
        assert _resources(round_trip.json(), "Patient")[0]["name"][0]["text"] == "钱八"
        again = api.get(f"/api/v1/encounters/{new_id}").json()
        assert again["patient"]["id"] == created.json()["patient_id"]  # found again by its exported id

        hook = {
            "hook": "patient-view",
            "hookInstance": "0b5c2a3e-33a8-4a1a-b6c9-2f3f2a1c9d01",
            "context": {"userId": "Practitioner/7", "patientId": "ehr-42"},
            "prefetch": {
                "patient": {
                    "resourceType": "Patient",
                    "id": "ehr-42",
                    "gender": "male",
                    "birthDate": "1958-05-01",
                },
                "vitals": {
                    "resourceType": "Bundle",
                    "type": "searchset",
                    "entry": [
                        {"resource": r}
                        for r in _resources(bundle, "Observation")
                        if r.get("category") and r["category"][0]["coding"][0]["code"] == "vital-signs"
                    ],
                },
                "complaint": {"resourceType": "Bundle", "type": "searchset", "entry": []},
            },
        }
        for r in hook["prefetch"]["vitals"]["entry"]:  # type: ignore[index]
            r["resource"]["subject"] = {"reference": "Patient/ehr-42"}
        card = api.post("/cds-services/fenzhen-triage-patient-view", json=hook)
        assert card.status_code == 200, card.text
        assert card.json()["cards"][0]["indicator"] == "critical"
        assert card.json()["cards"][0]["links"][0]["url"].endswith("/intake")  # ehr-42 never posted
        hook["context"]["patientId"] = _resources(bundle, "Patient")[0]["id"]  # the posted Patient.id
        linked = api.post("/cds-services/fenzhen-triage-patient-view", json=hook).json()["cards"][0]
        assert linked["links"][0]["url"].endswith(f"/encounters/{new_id}")
        assert anonymous.post("/cds-services/fenzhen-triage-patient-view", json=hook).status_code == 401

        with server.client(admin) as admin_api:
            events = admin_api.get("/api/v1/audit?limit=1000").json()["events"]
            assert admin_api.get("/api/v1/audit/verify").json()["ok"] is True
        kinds = [
            (e["action"], e["detail"].get("event"))
            for e in events
            if e["actor"] in ("his-nurse", "his-admin")
        ]
        assert ("export", None) in kinds and ("read", "assess") in kinds and ("read", "cds-call") in kinds
    log = server.log.read_text()
    for secret in ("钱八", "11010519491231002X", "13700001111", key_file.read_text().strip()):
        assert secret not in log
    assert "Traceback" not in log
