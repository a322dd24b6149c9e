"""Remote dose adjustment in the web UI: the nurse proposes from a form, the prescriber decides on
the request page, the nurse sees the badge and the outcome; CSRF and roles are enforced."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dose_world import build

from fenzhen.service.web_dose_requests import STRINGS

FORM = {
    "drug": "metformin",
    "dose": "500 mg",
    "frequency": "q12h",
    "indication": "type2_diabetes",
    "current_dose": "1000 mg",
    "age_years": "76",
    "sex": "male",
    "weight_kg": "61",
    "creatinine": "1.36",
    "creatinine_unit": "mg/dL",
    "measured_at": "2026-03-01",
    "reason": "肌酐升高",
}


def test_every_string_exists_in_both_languages() -> None:
    for key, entry in STRINGS.items():
        assert set(entry) == {"zh", "en"} and all(entry.values()), key


def test_propose_decide_and_notify_through_the_pages(service: Any, web_login: Callable[[str], str]) -> None:
    world = build(service)
    c = service.client
    csrf = web_login("nurse")
    page = c.get(f"/dose-requests/new?patient_id={world.patient_id}").text
    assert 'id="dose-request-form"' in page and "county" in page
    r = c.post("/dose-requests/new", data={**FORM, "patient_id": world.patient_id}, follow_redirects=False)
    assert r.status_code == 403  # no CSRF token
    r = c.post(
        "/dose-requests/new",
        data={**FORM, "patient_id": world.patient_id, "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    detail_url = r.headers["location"]
    detail = c.get(detail_url).text
    assert "eGFR" in detail and "120.2" in detail and 'id="dose-decide-form"' not in detail
    bad = c.post(
        "/dose-requests/new", data={**FORM, "weight_kg": "", "patient_id": world.patient_id, "csrf": csrf}
    )
    assert bad.status_code == 422 and "patient.weight_kg" in bad.text

    csrf = web_login("doctor")
    listing = c.get("/dose-requests").text
    assert 'id="dose-worklist"' in listing and detail_url in listing
    page = c.get(detail_url).text
    assert 'id="dose-decide-form"' in page and "张三" not in page  # the remote site sees no name
    r = c.post(detail_url + "/decide", data={"decision": "modify", "dose": "250 mg", "csrf": csrf})
    assert r.status_code == 422 and "reason" in r.text
    r = c.post(
        detail_url + "/decide",
        data={"decision": "modify", "dose": "250 mg", "reason": "先小剂量", "csrf": csrf},
        follow_redirects=False,
    )
    assert r.status_code == 303

    web_login("nurse")
    listing = c.get("/dose-requests").text
    assert 'id="dose-unread">1<' in listing and 'class="dose-mine unread"' in listing
    page = c.get(detail_url).text
    assert 'id="dose-final"' in page and "250 mg" in page and "先小剂量" in page and "张三" in page
    assert 'id="dose-unread"' not in c.get("/dose-requests").text


def test_encounter_page_offers_a_dose_request(service: Any, web_login: Callable[[str], str]) -> None:
    build(service)
    intake = {
        "complaint": "头晕",
        "age_years": 70,
        "sex": "female",
        "weight_kg": 55,
        "heart_rate_bpm": 80,
        "resp_rate_bpm": 16,
        "sbp_mmhg": 130,
        "temp_c": 36.8,
        "spo2_pct": 98,
        "avpu": "A",
    }
    made = service.client.post(
        "/api/v1/encounters",
        json={"patient": {"name": "李四"}, "intake": intake},
        headers=service.headers("nurse"),
    ).json()
    web_login("nurse")
    page = service.client.get(f"/encounters/{made['encounter_id']}").text
    assert 'id="propose-dose"' in page and made["patient_id"] in page
    # Score bands in the screen's language: the English code, or its Chinese name.
    assert "<td>normal</td>" in page
    zh = service.client.get(f"/encounters/{made['encounter_id']}", headers={"Accept-Language": "zh-CN"}).text
    assert "<td>正常</td>" in zh and "<td>normal</td>" not in zh
    form = service.client.get(
        f"/dose-requests/new?patient_id={made['patient_id']}&encounter_id={made['encounter_id']}"
    ).text
    assert 'name="weight_kg" required inputmode="decimal" value="55.0"' in form


def test_admin_may_not_propose_or_decide(service: Any, web_login: Callable[[str], str]) -> None:
    world = build(service)
    rid = world.propose().json()["id"]
    csrf = web_login("admin")
    r = service.client.post("/dose-requests/new", data={**FORM, "patient_id": world.patient_id, "csrf": csrf})
    assert r.status_code == 403
    r = service.client.post(f"/dose-requests/{rid}/decide", data={"decision": "approve", "csrf": csrf})
    assert r.status_code == 403
    assert service.client.get("/dose-requests", follow_redirects=False).status_code == 200
    service.client.cookies.clear()
    assert service.client.get("/dose-requests", follow_redirects=False).headers["location"] == "/login"
