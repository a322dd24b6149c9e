"""An HIS posts a FHIR Bundle: patient, identifiers, encounter, intake and assessment are stored and audited."""

from __future__ import annotations

import copy
from typing import Any

from fenzhen.service.interop_recorder import EHR_PATIENT_ID_SYSTEM

MRN = "http://his.county-hospital.example/mrn"
HIS_BUNDLE: dict[str, Any] = {
    "resourceType": "Bundle",
    "type": "collection",
    "entry": [
        {
            "resource": {
                "resourceType": "Patient",
                "id": "his-7781",
                "identifier": [
                    {"system": MRN, "value": "MRN-20261126-0042"},
                    {"system": "urn:oid:2.16.156.10011.1.3", "value": "110105194912310021"},
                ],
                "name": [{"family": "孙", "given": ["建国"]}],
                "telecom": [{"system": "phone", "value": "13800002222"}],
                "gender": "male",
                "birthDate": "1949-12-31",
            }
        },
        {
            "resource": {
                "resourceType": "Observation",
                "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": "8661-1"}]},
                "valueString": "胸痛两小时，伴大汗",
            }
        },
        *[
            {
                "resource": {
                    "resourceType": "Observation",
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
                    "valueQuantity": {
                        "value": value,
                        "unit": unit,
                        "system": "http://unitsofmeasure.org",
                        "code": unit,
                    },
                }
            }
            for code, value, unit in (
                ("8867-4", 118, "/min"),
                ("9279-1", 22, "/min"),
                ("2708-6", 93, "%"),
                ("8310-5", 36.9, "Cel"),
            )
        ],
    ],
}
IDENTIFIERS = ("孙建国", "MRN-20261126-0042", "110105194912310021", "13800002222")


def _post(service: Any, bundle: dict[str, Any], role: str = "nurse") -> Any:
    return service.client.post("/fhir", json=bundle, headers=service.headers(role))


def _levels(bundle: dict[str, Any]) -> set[str]:
    return {
        c["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        for c in e["resource"].get("valueCodeableConcept", {}).get("coding", [])
        if "triage" in c.get("system", "")
    }


def _events(service: Any) -> list[dict[str, Any]]:
    r = service.client.get("/api/v1/audit?limit=1000", headers=service.headers("admin"))
    return list(r.json()["events"])


def test_posted_bundle_creates_patient_encounter_and_round_trips(service: Any) -> None:
    r = _post(service, HIS_BUNDLE)
    assert r.status_code == 201, r.text
    everything = r.headers["location"]
    encounter_id = everything.split("/Encounter/")[1].split("/")[0]
    assert everything == f"http://testserver/fhir/Encounter/{encounter_id}/$everything"
    assert {"relation": "alternate", "url": f"http://127.0.0.1:8000/encounters/{encounter_id}"} in r.json()["link"]
    assert all(secret not in r.text for secret in IDENTIFIERS)  # the answer is pseudonymised

    stored = service.client.get(f"/api/v1/encounters/{encounter_id}", headers=service.headers("nurse")).json()
    assert stored["status"] == "waiting" and len(stored["assessments"]) == 1
    assert stored["assessments"][0]["intake"]["heart_rate_bpm"] == 118
    patient = service.client.get(f"/api/v1/patients/{stored['patient']['id']}", headers=service.headers("nurse")).json()
    assert (patient["name"], patient["id_number"], patient["phone"], patient["birth_date"]) == (
        "孙建国",
        "110105194912310021",
        "13800002222",
        "1949-12-31",
    )

    exported = service.client.get(everything.removeprefix("http://testserver"), headers=service.headers("nurse"))
    assert exported.status_code == 200
    assert _levels(exported.json()) == _levels(r.json())
    assert str(stored["assessments"][0]["assessment"]["china_level"]) in _levels(exported.json())

    created = [(e["action"], e["object_type"]) for e in _events(service) if e["actor"] == "nurse1"]
    assert ("create", "patient") in created and ("create", "encounter") in created
    assert ("create", "assessment") in created
    assert service.client.get("/api/v1/audit/verify", headers=service.headers("admin")).json()["ok"] is True


def test_a_second_bundle_of_the_same_patient_reuses_the_patient(service: Any) -> None:
    first = _post(service, HIS_BUNDLE)
    again = copy.deepcopy(HIS_BUNDLE)
    patient = again["entry"][0]["resource"]
    patient["identifier"] = [patient["identifier"][0]]  # the HIS record number only
    patient["id"] = "his-7781-b"
    second = _post(service, again, role="doctor")
    assert first.status_code == second.status_code == 201
    ids = [
        service.client.get(
            f"/api/v1/encounters/{r.headers['location'].split('/Encounter/')[1].split('/')[0]}",
            headers=service.headers("nurse"),
        ).json()
        for r in (first, second)
    ]
    assert ids[0]["id"] != ids[1]["id"] and ids[0]["patient"]["id"] == ids[1]["patient"]["id"]


def test_cds_card_links_to_the_encounter_the_his_posted(service: Any) -> None:
    created = _post(service, HIS_BUNDLE)
    encounter_id = created.headers["location"].split("/Encounter/")[1].split("/")[0]
    hook = {
        "hook": "patient-view",
        "hookInstance": "5d6c7e1a-8f7b-4b8c-9d0e-1f2a3b4c5d6e",
        "context": {"userId": "Practitioner/1", "patientId": "his-7781"},
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": "his-7781", "gender": "male", "birthDate": "1949-12-31"},
            "vitals": {"resourceType": "Bundle", "type": "searchset", "entry": []},
            "complaint": {"resourceType": "Bundle", "type": "searchset", "entry": []},
        },
    }
    url = "/cds-services/fenzhen-triage-patient-view"
    card = service.client.post(url, json=hook, headers=service.headers("nurse")).json()["cards"][0]
    assert card["links"][0]["url"] == f"http://127.0.0.1:8000/encounters/{encounter_id}"
    hook["context"]["patientId"] = "someone-else"
    card = service.client.post(url, json=hook, headers=service.headers("nurse")).json()["cards"][0]
    assert card["links"][0]["url"] == "http://127.0.0.1:8000/intake"
    assert EHR_PATIENT_ID_SYSTEM.endswith("/sid/ehr-patient-id")


def test_a_bundle_without_a_named_patient_is_only_assessed(service: Any) -> None:
    anonymous = copy.deepcopy(HIS_BUNDLE)
    del anonymous["entry"][0]["resource"]["name"]
    r = _post(service, anonymous)
    assert r.status_code == 200 and "location" not in r.headers and "link" not in r.json()
    worklist = service.client.get("/api/v1/worklist", headers=service.headers("nurse")).json()
    assert worklist["entries"] == []


def test_identifiers_of_two_patients_are_refused(service: Any) -> None:
    assert _post(service, HIS_BUNDLE).status_code == 201
    other = copy.deepcopy(HIS_BUNDLE)
    patient = other["entry"][0]["resource"]
    patient["id"] = "his-9999"
    patient["identifier"] = [{"system": MRN, "value": "MRN-OTHER"}]
    patient["name"] = [{"text": "周梅"}]
    assert _post(service, other).status_code == 201
    patient["identifier"].append({"system": MRN, "value": "MRN-20261126-0042"})
    r = _post(service, other)
    assert r.status_code == 409 and r.json()["resourceType"] == "OperationOutcome"
    assert "MRN" not in r.text and "周梅" not in r.text


def test_an_oversized_identifier_is_refused_without_echoing_it(service: Any) -> None:
    bad = copy.deepcopy(HIS_BUNDLE)
    bad["entry"][0]["resource"]["identifier"][0]["value"] = "X" * 101
    r = _post(service, bad)
    assert r.status_code == 422 and r.json()["resourceType"] == "OperationOutcome"
    assert "Patient.identifier[0].value" in r.text and "X" * 101 not in r.text
    worklist = service.client.get("/api/v1/worklist", headers=service.headers("nurse")).json()
    assert worklist["entries"] == []
