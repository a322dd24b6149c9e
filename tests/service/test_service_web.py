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
