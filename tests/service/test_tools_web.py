"""Web UI of the tools: intake page hooks, encounter-page panels, the dose calculator, i18n."""

from __future__ import annotations

import html
import json
from typing import Any

from fenzhen.service.i18n import STRINGS
from fenzhen.service.tools_web import TOOLS_STRINGS

PATIENT = {
    "name": "孙七",
    "complaint": "突发胸痛两小时，大汗",
    "age_years": "62",
    "sex": "male",
    "heart_rate_bpm": "124",
    "sbp_mmhg": "84",
}


def test_tool_strings_exist_in_both_languages() -> None:
    for key, value in TOOLS_STRINGS.items():
        assert set(value) == {"zh", "en"} and all(value.values()) and STRINGS[key] == value


def test_intake_page_has_the_department_and_care_box(service: Any, web_login: Any) -> None:
    web_login("nurse")
    page = service.client.get("/intake", headers={"accept-language": "zh-CN"}).text
    assert 'id="live-route"' in page and "建议科室" in page
    names = json.loads(html.unescape(page.split("data-care-names='", 1)[1].split("'", 1)[0]))
    assert names["emergency_transfer"] == "急诊转运（拨打120）" and len(names) == 5
    assert 'href="/tools/dose"' in page


def test_encounter_page_shows_routing_care_and_export_links(service: Any, web_login: Any) -> None:
    csrf = web_login("nurse")
    r = service.client.post("/intake", data={**PATIENT, "csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    url = r.headers["location"]
    page = service.client.get(url, headers={"accept-language": "en"}).text
    assert 'id="panel-department"' in page and "急诊科" in page
    assert 'class="badge care-emergency_transfer"' in page and "Emergency transfer (call 120)" in page
    encounter_id = url.rsplit("/", 1)[1]
    assert f'href="/api/v1/encounters/{encounter_id}/export"' in page
    assert f'href="/api/v1/encounters/{encounter_id}/export?format=fhir"' in page
    export = service.client.get(f"/api/v1/encounters/{encounter_id}/export")  # the session follows the link
    assert export.status_code == 200 and "孙七" not in export.text


def test_dose_calculator_page(service: Any, web_login: Any) -> None:
    csrf = web_login("nurse")
    assert 'id="dose-form"' in service.client.get("/tools/dose").text
    form = {
        "csrf": csrf,
        "drug": "paracetamol",
        "indication": "fever",
        "weight_kg": "14",
        "age_years": "3",
        "form": "syrup_120_5",
    }
    page = service.client.post("/tools/dose", data=form, headers={"accept-language": "en"}).text
    assert 'id="dose-amount">204.0 mg' in page and 'id="dose-volume">8.5 mL' in page
    assert 'id="dose-max-daily">840.0 mg' in page and 'id="dose-sources"' in page
    bad = service.client.post("/tools/dose", data={**form, "weight_kg": "400"})
    assert bad.status_code == 422 and "weight_kg" in bad.text
    nan = service.client.post("/tools/dose", data={**form, "age_years": "abc"})
    assert nan.status_code == 422 and "age_years" in nan.text
    assert service.client.post("/tools/dose", data={**form, "csrf": "wrong"}).status_code == 403


def test_dose_page_needs_a_session(service: Any) -> None:
    r = service.client.get("/tools/dose", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
