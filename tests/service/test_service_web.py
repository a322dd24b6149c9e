"""The web UI in-process: login, language, intake form, CSRF, encounter review, audit page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from fenzhen.service.i18n import STRINGS, choose_language


def test_every_ui_string_exists_in_both_languages() -> None:
    assert all(set(v) == {"zh", "en"} and all(v.values()) for v in STRINGS.values())


@pytest.mark.parametrize(
    "cookie,header,expected",
    [
        (None, "zh-CN,zh;q=0.9,en;q=0.8", "zh"),
        (None, "en-US,en;q=0.9,zh;q=0.5", "en"),
        (None, "fr-FR", "en"),
        (None, None, "en"),
        ("zh", "en-US", "zh"),
        (None, "en;q=0.2,zh-TW;q=0.7", "zh"),
        (None, "zh;q=abc", "zh"),
    ],
)
def test_language_choice(cookie: str | None, header: str | None, expected: str) -> None:
    assert choose_language(cookie, header, "en") == expected


def test_login_page_follows_accept_language(service: Any) -> None:
    assert "登录" in service.client.get("/login", headers={"accept-language": "zh-CN,zh;q=0.9"}).text
    assert "Sign in" in service.client.get("/login", headers={"accept-language": "en-GB"}).text


def test_wrong_password_is_refused_and_audited(service: Any) -> None:
    r = service.client.post("/login", data={"username": "nurse1", "password": "not the password"})
    assert r.status_code == 401 and "fz_session" not in r.cookies
    events = service.client.get("/api/v1/audit", headers=service.headers("admin")).json()["events"]
    assert events[-1]["action"] == "login_failed"


def test_intake_form_creates_an_encounter_and_needs_csrf(
    service: Any, web_login: Callable[[str], str]
) -> None:
    csrf = web_login("nurse")
    form = {
        "name": "赵六",
        "complaint": "胸痛两小时，伴大汗",
        "age_years": "58",
        "heart_rate_bpm": "118",
        "sbp_mmhg": "86",
    }
    assert service.client.post("/intake", data=form, follow_redirects=False).status_code == 403
    r = service.client.post("/intake", data={**form, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/encounters/")
    page = service.client.get(r.headers["location"]).text
    assert "赵六" in page and 'id="history"' in page
    assert 'id="review-form"' not in page  # nurses do not review
    assert "赵六" in service.client.get("/worklist").text
    # The live assessment uses the API with the session cookie and the CSRF header.
    live = service.client.post("/api/v1/assess", json={"complaint": "cough"}, headers={"x-csrf-token": csrf})
    assert live.status_code == 200
    assert service.client.post("/api/v1/assess", json={"complaint": "cough"}).status_code == 403


def test_the_form_takes_every_intake_field_and_retriage_keeps_the_patient_facts(
    service: Any, web_login: Callable[[str], str]
) -> None:
    csrf = web_login("nurse")
    form = {"csrf": csrf, "name": "钱八", "complaint": "口渴多尿，乏力", "age_years": "6", "sex": "female",
            "glucose_mmol_l": "25", "gcs": "15", "cap_refill_s": "2", "on_oxygen": "false", "injury": "false",
            "arrival_mode": "ambulance", "avpu": "A"}
    r = service.client.post("/intake", data=form, follow_redirects=False)
    assert r.status_code == 303
    encounter_id = r.headers["location"].rsplit("/", 1)[1]
    stored = service.client.get(f"/api/v1/encounters/{encounter_id}", headers=service.headers("nurse")).json()
    latest = stored["assessments"][-1]
    expected = {"glucose_mmol_l": 25.0, "gcs": 15, "cap_refill_s": 2.0, "on_oxygen": False, "injury": False,
                "arrival_mode": "ambulance"}
    assert {k: latest["intake"][k] for k in expected} == expected
    assert "hyperglycaemia_symptomatic" in {f["id"] for f in latest["assessment"]["red_flags"]}
    # The re-triage form starts from the patient's age, sex and arrival, not from the old vital signs.
    page = service.client.get(f"/encounters/{encounter_id}").text
    retriage = page[page.index('id="retriage-form"'):]
    assert 'id="f-age_years" type="number" step="0.1" inputmode="decimal" data-intake="number" value="6"' in retriage
    assert '<option value="female" selected>' in retriage and '<option value="ambulance" selected>' in retriage
    assert 'data-intake="number" value="25"' not in retriage
    assert 'id="assumptions"' not in page  # age and sex given, nothing assumed
    provisional = page.split('<p class="warning">', 1)[1].split("</p>", 1)[0]
    assert "Resp. rate (/min)" in provisional and "resp_rate_bpm" not in provisional  # said in the form's words


def test_the_encounter_page_says_what_was_assumed(service: Any, web_login: Callable[[str], str]) -> None:
    csrf = web_login("nurse")
    r = service.client.post("/intake", data={"csrf": csrf, "name": "吴九", "complaint": "中风后遗症，来开药"},
                            follow_redirects=False)
    page = service.client.get(r.headers["location"]).text
    notes = page.split('id="assumptions">', 1)[1].split("</ul>", 1)[0]
    assert "assumed adult" in notes and "history" in notes and "中风" in notes


def test_a_refused_form_keeps_the_choices_made(service: Any, web_login: Callable[[str], str]) -> None:
    csrf = web_login("nurse")
    r = service.client.post("/intake", data={"csrf": csrf, "name": "x", "complaint": "腹痛", "pregnant": "true",
                                             "gcs": "14.5"})
    assert r.status_code == 422 and "gcs" in r.text
    assert '<option value="true" selected>' in r.text


def test_bad_vital_in_the_form_names_the_field(service: Any, web_login: Callable[[str], str]) -> None:
    csrf = web_login("nurse")
    r = service.client.post(
        "/intake", data={"csrf": csrf, "name": "x", "complaint": "fever", "temp_c": "101"}
    )
    assert r.status_code == 422 and "temp_c" in r.text


def test_doctor_overrides_with_a_reason_on_the_encounter_page(
    service: Any, web_login: Callable[[str], str]
) -> None:
    created = service.client.post(
        "/api/v1/encounters",
        headers=service.headers("nurse"),
        json={"patient": {"name": "孙七"}, "intake": {"complaint": "头晕", "age_years": 40}},
    )
    enc = created.json()
    csrf = web_login("doctor")
    page = service.client.get(f"/encounters/{enc['encounter_id']}").text
    assert 'id="review-form"' in page
    form = {"csrf": csrf, "assessment_id": enc["assessment_id"], "decision": "override", "china_level": "2"}
    r = service.client.post(
        f"/encounters/{enc['encounter_id']}/review", data=form, headers={"accept": "text/html"}
    )
    assert r.status_code == 422 and "reason" in r.text
    r = service.client.post(f"/encounters/{enc['encounter_id']}/review", data={**form, "reason": "面色苍白"})
    assert r.status_code == 200 and "面色苍白" in r.text


def test_admin_sees_the_audit_page_and_others_do_not(service: Any, web_login: Callable[[str], str]) -> None:
    web_login("nurse")
    assert service.client.get("/admin/audit").status_code == 403
    web_login("admin")
    page = service.client.get("/admin/audit").text
    assert 'id="chain-state"' in page and "✔" in page
