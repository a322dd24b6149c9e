"""The tool routes of the JSON API in-process: routing, care, interview, de-identification, dosing, export.

Each route answers the domain package's result unchanged, and bad input is a 422 that names the field.
"""

from __future__ import annotations

from typing import Any

import pytest

from fenzhen.routing import FIRST_LEVEL

ENCOUNTER = {
    "patient": {"name": "王小明", "id_number": "11010519491231002X", "phone": "13800138000"},
    "intake": {
        "complaint": "胸痛两小时，王小明说电话13800138000",
        "age_years": 58,
        "sex": "male",
        "heart_rate_bpm": 118,
        "sbp_mmhg": 86,
    },
}


def _post(service: Any, path: str, body: Any, role: str = "nurse") -> Any:
    return service.client.post(f"/api/v1{path}", json=body, headers=service.headers(role))


def _field(response: Any) -> str:
    assert response.status_code == 422, response.text
    return str(response.json()["error"]["fields"][0]["field"])


def test_route_returns_department_alternatives_and_drivers(service: Any) -> None:
    r = _post(service, "/route", {"text": "右下腹疼痛一天，伴发热", "age_years": 25, "sex": "female"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["department"] == "外科" and body["department"] in FIRST_LEVEL
    assert 0 < body["probability"] <= 1 and body["drivers"]
    assert len(body["alternatives"]) == 2 and "subdepartment" in body


def test_route_sends_level_1_2_to_emergency(service: Any) -> None:
    r = _post(service, "/route", {"text": "突发胸痛大汗，呼吸困难", "age_years": 60, "sex": "male"})
    assert r.json()["department"] == "急诊科"


@pytest.mark.parametrize(
    "body,field",
    [
        ({"text": ""}, "text"),
        ({"text": "咳嗽", "age_years": 300}, "age_years"),
        ({"text": "咳嗽", "sex": "x"}, "sex"),
        ({"text": "咳嗽", "extra": 1}, "extra"),
    ],
)
def test_route_bad_input_names_the_field(service: Any, body: dict[str, Any], field: str) -> None:
    assert _field(_post(service, "/route", body)) == field


def test_care_gives_assessment_route_and_care_with_reason(service: Any) -> None:
    r = _post(service, "/care", ENCOUNTER["intake"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["assessment"]["acuity"] <= 2
    assert body["route"]["department"] == "急诊科"
    assert body["care"]["care"] == "emergency_transfer" and body["care"]["call_120"] is True
    assert body["care"]["reason_en"] and body["care"]["reason_zh"]
    assert body["facility_name_en"] == "township health centre"
    mild = _post(
        service,
        "/care",
        {
            "complaint": "轻微咽痛一天",
            "age_years": 30,
            "sex": "male",
            "heart_rate_bpm": 76,
            "resp_rate_bpm": 14,
            "sbp_mmhg": 122,
            "temp_c": 36.8,
            "spo2_pct": 99,
        },
    ).json()
    assert mild["care"]["category"] in ("self_care", "primary_care")


def test_care_uses_the_configured_facility(service: Any, tmp_path: Any) -> None:
    from dataclasses import replace

    from fenzhen.service.tools_care import load_facility

    county = load_facility("county")
    assert county.profile.level == "county_hospital"
    service.client.app.state.settings = replace(service.settings, facility_profile="county")
    body = _post(
        service,
        "/care",
        {
            "complaint": "发热咳嗽两天",
            "age_years": 40,
            "heart_rate_bpm": 100,
            "resp_rate_bpm": 22,
            "sbp_mmhg": 120,
            "temp_c": 38.9,
            "spo2_pct": 95,
        },
    ).json()
    assert body["facility_name_en"] == county.profile.name_en


def test_care_bad_intake_names_the_field(service: Any) -> None:
    assert _field(_post(service, "/care", {"complaint": "cough", "heart_rate_bpm": 500})) == "heart_rate_bpm"


def test_interview_asks_then_ends_with_triage_route_and_care(service: Any) -> None:
    r = _post(service, "/interview/start", {"complaint": "不舒服"})
    assert r.status_code == 200, r.text
    step = r.json()
    assert step["question"]["text"] and step["outcome"] is None
    answers = {"age_years": "45", "sex": "男", "pain_nrs": "3", "site": "肚子疼，右下腹"}
    for _ in range(15):
        if step["question"] is None:
            break
        answer = answers.get(step["question"]["slot"], "没有")
        step = _post(service, "/interview/answer", {"state": step["state"], "answer": answer}).json()
    assert step["question"] is None
    outcome = step["outcome"]
    assert outcome["route"]["department"] in FIRST_LEVEL and outcome["care"]["care"]
    assert 1 <= outcome["assessment"]["acuity"] <= 5 and len(step["state"]["answers"]) >= 2


def test_interview_refuses_a_state_that_does_not_match(service: Any) -> None:
    state = {"complaint": "不舒服", "answers": [{"question_id": "no_such_question", "answer": "x"}]}
    r = _post(service, "/interview/answer", {"state": state, "answer": "3"})
    assert _field(r) == "state.answers.0.question_id"


def test_interview_bad_number_answer_names_answer(service: Any) -> None:
    step = _post(service, "/interview/start", {"complaint": "不舒服"}).json()
    while step["question"] and step["question"]["slot"] not in ("age_years", "pain_nrs"):
        step = _post(service, "/interview/answer", {"state": step["state"], "answer": "没有"}).json()
    assert step["question"], "the interview asks for a number"
    r = _post(service, "/interview/answer", {"state": step["state"], "answer": "很多"})
    assert _field(r) == "answer"


def test_deid_text_removes_identifiers_and_keeps_vitals(service: Any, caplog: Any) -> None:
    text = "患者李明，电话13800138000，血压150/95mmHg。"
    r = _post(service, "/deid/text", {"text": text})
    assert r.status_code == 200, r.text
    body = r.json()
    assert "13800138000" not in body["text"] and "李明" not in body["text"] and "150/95" in body["text"]
    assert {s["type"] for s in body["spans"]} >= {"NAME", "PHONE"}
    assert "13800138000" not in r.text.replace(body["text"], "")
    assert "13800138000" not in caplog.text and "李明" not in caplog.text
    pseudo = _post(service, "/deid/text", {"text": text, "operator": "pseudonym"}).json()
    again = _post(service, "/deid/text", {"text": text, "operator": "pseudonym"}).json()
    assert pseudo["text"] == again["text"] and "13800138000" not in pseudo["text"]


@pytest.mark.parametrize(
    "body,field", [({"text": ""}, "text"), ({"text": "x", "operator": "shred"}, "operator")]
)
def test_deid_bad_input_names_the_field(service: Any, body: dict[str, Any], field: str) -> None:
    r = _post(service, "/deid/text", body)
    assert _field(r) == field


def test_dose_matches_the_dosing_package(service: Any) -> None:
    from fenzhen.dosing import calculate_dose

    body = {
        "drug": "paracetamol",
        "indication": "fever",
        "age_years": 3,
        "weight_kg": 14,
        "form": "syrup_120_5",
    }
    r = _post(service, "/dose", body)
    assert r.status_code == 200, r.text
    expected = calculate_dose("paracetamol", "fever", age_years=3, weight_kg=14, form="syrup_120_5")
    got = r.json()
    assert (got["dose_mg"], got["volume_ml"], got["max_daily_mg"]) == (
        expected.dose_mg,
        expected.volume_ml,
        expected.max_daily_mg,
    )
    assert got["sources"] and got["citations"]


@pytest.mark.parametrize(
    "body,field",
    [
        ({"drug": "paracetamol", "age_years": 3, "weight_kg": 400}, "weight_kg"),
        ({"drug": "paracetamol"}, "age_years"),
        ({"drug": "no-such-drug", "age_years": 3, "weight_kg": 14}, "drug"),
        (
            {"drug": "paracetamol", "age_years": 3, "weight_kg": 14, "hepatic_impairment": "bad"},
            "hepatic_impairment",
        ),
    ],
)
def test_dose_bad_input_names_the_field(service: Any, body: dict[str, Any], field: str) -> None:
    assert _field(_post(service, "/dose", body)) == field


def test_dose_check_finds_an_overdose(service: Any) -> None:
    body = {
        "order": {"drug": "paracetamol", "dose": "1000 mg", "frequency": "q6h", "indication": "fever"},
        "patient": {"age_years": 3, "weight_kg": 14},
    }
    r = _post(service, "/dose/check", body)
    assert r.status_code == 200, r.text
    findings = r.json()["findings"]
    assert findings[0]["severity"] == "critical"
    assert {"above_max_single", "above_max_daily"} & {f["code"] for f in findings}


@pytest.mark.parametrize(
    "order,patient,field",
    [
        (
            {"drug": "paracetamol", "dose": "250 mg", "frequency": "hourly"},
            {"age_years": 3},
            "order.frequency",
        ),
        ({"drug": "paracetamol", "dose": "lots", "frequency": "q6h"}, {"age_years": 3}, "order.dose"),
        (
            {"drug": "paracetamol", "dose": "250 mg", "frequency": "q6h"},
            {"age_years": 3, "weight_kg": 0},
            "patient.weight_kg",
        ),
    ],
)
def test_dose_check_bad_input_names_the_field(service: Any, order: Any, patient: Any, field: str) -> None:
    assert _field(_post(service, "/dose/check", {"order": order, "patient": patient})) == field


def _encounter(service: Any) -> str:
    r = _post(service, "/encounters", ENCOUNTER)
    assert r.status_code == 201, r.text
    return str(r.json()["encounter_id"])


def _audit_actions(service: Any) -> list[tuple[str, str]]:
    events = service.client.get("/api/v1/audit", headers=service.headers("admin")).json()["events"]
    return [(e["action"], e["actor"]) for e in events]


def test_export_json_is_deidentified_and_audited(service: Any) -> None:
    encounter_id = _encounter(service)
    r = service.client.get(f"/api/v1/encounters/{encounter_id}/export", headers=service.headers("doctor"))
    assert r.status_code == 200, r.text
    for secret in ("王小明", "13800138000", "11010519491231002X", encounter_id):
        assert secret not in r.text
    body = r.json()
    assert body["format"] == "fenzhen-deidentified-encounter/1"
    assert "[姓名]" in body["assessments"][0]["intake"]["complaint"]
    assert body["routing"]["department"] == "急诊科" and body["routing"]["care"] == "emergency_transfer"
    again = service.client.get(
        f"/api/v1/encounters/{encounter_id}/export", headers=service.headers("nurse")
    ).json()
    assert again["patient"] == body["patient"]  # the same keyed pseudonym
    assert ("export", "doctor1") in _audit_actions(service)


def test_export_fhir_pseudonymises_for_admin_only(service: Any) -> None:
    encounter_id = _encounter(service)
    url = f"/api/v1/encounters/{encounter_id}/export?format=fhir"
    nurse = service.client.get(url, headers=service.headers("nurse"))
    admin = service.client.get(url, headers=service.headers("admin"))
    assert nurse.headers["content-type"].startswith("application/fhir+json")
    patient = lambda b: next(e["resource"] for e in b["entry"] if e["resource"]["resourceType"] == "Patient")  # noqa: E731
    assert "王小明" in nurse.text and "王小明" not in admin.text
    assert patient(admin.json())["meta"]["security"][0]["code"] == "PSEUDED"
    kinds = {e["resource"]["resourceType"] for e in nurse.json()["entry"]}
    assert {"Encounter", "Observation", "ServiceRequest"} <= kinds


@pytest.mark.parametrize("suffix,status", [("?format=xml", 422), ("", 404)])
def test_export_bad_format_or_unknown_encounter(service: Any, suffix: str, status: int) -> None:
    r = service.client.get(f"/api/v1/encounters/{'0' * 32}/export{suffix}", headers=service.headers("nurse"))
    assert r.status_code == status and set(r.json()) == {"error"}
