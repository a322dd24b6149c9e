"""The tools in real headless Chromium (Debian's, driven by Playwright; never a downloaded browser).

A nurse types a patient at the intake desk and sees, beside the live assessment, the suggested
department with its alternatives and the care level with its reason; the encounter page shows the
same with the export links; the dose calculator gives the dose, volume, caps and sources.
Screenshots go to test-artifacts/service/ (git-ignored).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright
from service_kit import add_user, running_server
from test_service_browser import ARGS, ARTIFACTS, CHROMIUM, PASSWORD, _login, _triage

pytestmark = pytest.mark.integration


def test_intake_shows_department_and_care_level_and_dose_calculator_works(tmp_path: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    data_dir = tmp_path / "data"
    add_user(data_dir, "nurse1", "nurse", password=PASSWORD)
    with running_server(data_dir) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = _login(browser, server.url, "nurse1", "zh-CN")
            _triage(
                page,
                "周九",
                "突发胸痛两小时，大汗淋漓",
                {"age_years": "61", "heart_rate_bpm": "126", "sbp_mmhg": "82", "spo2_pct": "93"},
            )
            expect(page.locator("#live-department")).to_contain_text("急诊科", timeout=10_000)
            expect(page.locator("#live-care")).to_have_text("急诊转运（拨打120）")
            expect(page.locator("#live-care")).to_have_class("badge care-emergency_transfer")
            expect(page.locator("#live-care-reason")).to_contain_text("120")
            page.screenshot(path=str(ARTIFACTS / "tools-01-intake-department-care.png"), full_page=True)

            page.fill("#f-complaint", "右下腹疼痛一天，伴发热")
            page.fill("#f-age_years", "25")
            page.fill("#f-heart_rate_bpm", "92")
            page.fill("#f-sbp_mmhg", "118")
            page.fill("#f-spo2_pct", "98")
            page.select_option("#f-sex", "female")
            expect(page.locator("#live-department")).to_contain_text("外科", timeout=10_000)
            expect(page.locator("#live-alternatives")).not_to_have_text("—")
            page.click("#save-triage")
            page.wait_for_url("**/encounters/*")
            expect(page.locator("#panel-department")).to_contain_text("外科")
            expect(page.locator("#panel-care")).to_be_visible()
            expect(page.locator("#export-deid")).to_be_visible()
            expect(page.locator("#export-fhir")).to_be_visible()
            page.screenshot(path=str(ARTIFACTS / "tools-02-encounter-routing-panel.png"), full_page=True)

            page.click("#nav-dose")
            page.wait_for_url("**/tools/dose")
            page.fill("#d-drug", "paracetamol")
            page.fill("#d-indication", "fever")
            page.fill("#d-weight_kg", "14")
            page.fill("#d-age_years", "3")
            page.fill("#d-form", "syrup_120_5")
            page.click("#dose-submit")
            expect(page.locator("#dose-amount")).to_have_text("204.0 mg")
            expect(page.locator("#dose-volume")).to_contain_text("8.5 mL")
            expect(page.locator("#dose-max-daily")).to_contain_text("840.0")
            expect(page.locator("#dose-sources li").first).not_to_have_text("—")
            page.screenshot(path=str(ARTIFACTS / "tools-03-dose-calculator.png"), full_page=True)

            page.fill("#d-weight_kg", "400")
            page.click("#dose-submit")
            expect(page.locator("#dose-error")).to_contain_text("weight_kg")
        finally:
            browser.close()
