"""An HIS posts a FHIR Bundle to a real `fenzhen serve` (SQLite and PostgreSQL): stored, audited, read back."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import pytest
from service_kit import add_user, fresh_pg_database, running_server

pytestmark = pytest.mark.integration

SECRETS = ("吴桂兰", "HIS-55-0193", "320102195507070048", "13655550101")


def _vital(code: str, value: float, unit: str) -> dict[str, Any]:
    return {
        "resource": {
            "resourceType": "Observation",
            "status": "final",
            "category": [
                {
                    "coding": [
                        {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "vital-signs"}
                    ]
                }
            ],
            "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
            "valueQuantity": {"value": value, "unit": unit, "system": "http://unitsofmeasure.org", "code": unit},
        }
    }


BUNDLE: dict[str, Any] = {
    "resourceType": "Bundle",
    "type": "collection",
    "entry": [
        {
            "resource": {
                "resourceType": "Patient",
                "id": "his-pt-55",
                "identifier": [
                    {"system": "http://his.example/mrn", "value": "HIS-55-0193"},
                    {"system": "urn:oid:2.16.156.10011.1.3", "value": "320102195507070048"},
                ],
                "name": [{"text": "吴桂兰"}],
                "telecom": [{"system": "phone", "value": "13655550101"}],
                "gender": "female",
                "birthDate": "1955-07-07",
            }
        },
        {"resource": {"resourceType": "Condition", "code": {"text": "呼吸困难半天，咳嗽咳痰"}}},
        _vital("8867-4", 124, "/min"),
        _vital("9279-1", 30, "/min"),
        _vital("2708-6", 88, "%"),
        _vital("8310-5", 101.8, "[degF]"),  # converted to °C on import
    ],
}


@contextmanager
def _database(backend: str) -> Iterator[str | None]:
    if backend == "postgresql":
        with fresh_pg_database() as url:
            yield url
    else:
        with nullcontext():
            yield None


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_his_bundle_is_stored_and_read_back(tmp_path: Path, backend: str) -> None:
    data_dir = tmp_path / "data"
    with _database(backend) as database:
        nurse = add_user(data_dir, "his", "nurse", database)
        admin = add_user(data_dir, "root", "admin", database)
        with running_server(data_dir, database, workers=2) as server, server.client(nurse) as api:
            posted = api.post("/fhir", json=BUNDLE)
            assert posted.status_code == 201, posted.text
            encounter_id = posted.headers["location"].split("/Encounter/")[1].split("/")[0]
            bundle = api.get(f"/fhir/Encounter/{encounter_id}/$everything").json()
            patient = next(e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "Patient")
            assert patient["name"][0]["text"] == "吴桂兰"
            assert {"system": "http://fenzhen.org/fhir/sid/cn-resident-id", "value": "320102195507070048"} in patient[
                "identifier"
            ]
            stored = api.get(f"/api/v1/encounters/{encounter_id}").json()
            assert round(stored["assessments"][0]["intake"]["temp_c"], 1) == 38.8
            assert stored["assessments"][0]["assessment"]["china_level"] <= 2
            assert any(e["encounter_id"] == encounter_id for e in api.get("/api/v1/worklist").json()["entries"])
            hook = {
                "hook": "patient-view",
                "hookInstance": "9a0f3c6e-2b1d-4e5f-8a7b-6c5d4e3f2a1b",
                "context": {"userId": "Practitioner/9", "patientId": "his-pt-55"},
                "prefetch": {
                    "patient": BUNDLE["entry"][0]["resource"],
                    "vitals": {"resourceType": "Bundle", "type": "searchset", "entry": []},
                    "complaint": {"resourceType": "Bundle", "type": "searchset", "entry": []},
                },
            }
            card = api.post("/cds-services/fenzhen-triage-patient-view", json=hook).json()["cards"][0]
            assert card["links"][0]["url"].endswith(f"/encounters/{encounter_id}")
            with server.client(admin) as admin_api:
                assert admin_api.get("/api/v1/audit/verify").json()["ok"] is True
                events = admin_api.get("/api/v1/audit?limit=1000").json()["events"]
            created = {(e["action"], e["object_type"]) for e in events if e["actor"] == "his"}
            assert {("create", "patient"), ("create", "encounter"), ("create", "assessment")} <= created
        log = server.log.read_text()
        assert "Traceback" not in log and not any(s in log for s in SECRETS)
