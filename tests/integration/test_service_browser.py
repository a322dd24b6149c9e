"""The web UI in real headless Chromium (Debian's, driven by Playwright; never a downloaded browser).

A nurse signs in, triages patients with the live assessment showing, watches the worklist
reorder itself when a sicker patient arrives, and a doctor overrides a level with a reason.
Screenshots go to test-artifacts/service/ (git-ignored) for a human to look at.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from service_kit import add_user, running_server

pytestmark = pytest.mark.integration

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "service"
PASSWORD = "triage desk 2026"


def _login(browser: Browser, base: str, name: str, locale: str) -> Page:
    context = browser.new_context(base_url=base, locale=locale, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    page.goto("/")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("#login-submit")
    page.wait_for_url("**/worklist")
    return page


def _triage(page: Page, name: str, complaint: str, vitals: dict[str, str]) -> None:
    page.goto("/intake")
    page.fill("#f-name", name)
    page.fill("#f-complaint", complaint)
    for field, value in vitals.items():
        page.fill(f"#f-{field}", value)
    expect(page.locator("#live-china")).to_be_visible(timeout=10_000)  # the live assessment arrived


def _order(page: Page) -> list[str]:
    return page.locator("#worklist-rows tr.row td.name").all_inner_texts()


def test_nurse_triages_worklist_reorders_doctor_overrides(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    add_user(data_dir, "nurse1", "nurse", password=PASSWORD)
    add_user(data_dir, "doctor1", "doctor", password=PASSWORD)
    token = add_user(data_dir, "desk2", "nurse")
    (data_dir / "fenzhen.toml").write_text("[fenzhen]\nworklist_refresh_seconds = 2\n")
    with running_server(data_dir) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            nurse = _login(browser, server.url, "nurse1", "zh-CN")
            expect(nurse.locator("#nav-worklist")).to_have_text("候诊列表")  # Chinese for a zh browser
            _triage(
                nurse,
                "陈一",
                "咳嗽三天，无发热",
                {
                    "age_years": "30",
                    "heart_rate_bpm": "78",
                    "sbp_mmhg": "122",
                    "spo2_pct": "98",
                    "temp_c": "36.8",
                },
            )
            # What is missing is said in the nurse's words, not as field names.
            expect(nurse.locator("#live-result p.warning")).to_contain_text("呼吸（次/分）、意识（AVPU或GCS）")
            nurse.screenshot(path=str(ARTIFACTS / "01-intake-live-assessment.png"), full_page=True)
            nurse.click("#save-triage")
            nurse.wait_for_url("**/encounters/*")
            # Every intake field reaches the live assessment: a yes/no select and a number beyond the vitals.
            _triage(nurse, "未保存", "下腹痛半天", {"age_years": "28"})
            expect(nurse.locator("#live-result .assumption").first).to_contain_text("未填性别")  # said, in Chinese
            nurse.select_option("#f-pregnant", "true")  # pregnant with abdominal pain: possible ectopic → 2
            expect(nurse.locator("#live-acuity")).to_contain_text("五级急迫度 2", timeout=10_000)
            nurse.select_option("#f-pregnant", "")
            nurse.fill("#f-complaint", "口渴多尿，乏力")
            nurse.fill("#f-glucose_mmol_l", "25")  # glucose above 18 with symptoms → 2
            expect(nurse.locator("#live-acuity")).to_contain_text("五级急迫度 2", timeout=10_000)
            nurse.fill("#f-glucose_mmol_l", "9")
            expect(nurse.locator("#live-acuity")).not_to_contain_text("五级急迫度 2", timeout=10_000)
            nurse.fill("#f-heart_rate_bpm", "240")  # possible but extreme: asked to re-measure, in Chinese
            expect(nurse.locator("#live-result .remeasure")).to_contain_text("心率 240 /min 数值极端", timeout=10_000)
            _triage(
                nurse,
                "林二",
                "喉咙痛一天",
                {
                    "age_years": "25",
                    "heart_rate_bpm": "80",
                    "sbp_mmhg": "118",
                    "spo2_pct": "99",
                    "temp_c": "37.0",
                },
            )
            nurse.click("#save-triage")
            nurse.wait_for_url("**/encounters/*")
            nurse.goto("/worklist")
            assert _order(nurse) == ["陈一", "林二"]
            # A sicker patient is registered at another desk; the open worklist reorders by itself.
            with httpx.Client(base_url=server.url, headers={"authorization": f"Bearer {token}"}) as desk:
                r = desk.post(
                    "/api/v1/encounters",
                    json={
                        "patient": {"name": "周三"},
                        "intake": {
                            "complaint": "胸痛两小时，伴大汗",
                            "age_years": 58,
                            "heart_rate_bpm": 128,
                            "sbp_mmhg": 82,
                            "spo2_pct": 91,
                        },
                    },
                )
                assert r.status_code == 201
            expect(nurse.locator("#worklist-rows tr.row td.name").first).to_have_text("周三", timeout=15_000)
            nurse.screenshot(path=str(ARTIFACTS / "02-worklist-reordered.png"), full_page=True)

            doctor = _login(browser, server.url, "doctor1", "en-US")
            expect(doctor.locator("#nav-worklist")).to_have_text("Worklist")
            doctor.locator("#worklist-rows tr.row", has_text="林二").locator("a.button").click()
            doctor.wait_for_url("**/encounters/*")
            doctor.check("#decision-override")
            doctor.select_option("#f-override-level", "1")
            doctor.fill("#f-reason", "Stridor on arrival: airway at risk")
            doctor.screenshot(path=str(ARTIFACTS / "03-override-form.png"), full_page=True)
            doctor.click("#submit-review")
            expect(doctor.locator("#history")).to_contain_text("Stridor on arrival")
            doctor.goto("/worklist")
            assert _order(doctor)[0] == "林二"
            expect(doctor.locator("#worklist-rows tr.row").first).to_contain_text("Overridden")
            doctor.screenshot(path=str(ARTIFACTS / "04-worklist-after-override.png"), full_page=True)
        finally:
            browser.close()
