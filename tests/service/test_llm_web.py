"""The LLM panel on the encounter page and its pages, in Chinese and English, signed in through the form."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_llm_api import CHEST, MINOR, LlmService, llm_service, openai_settings
from tests.llm.fake_openai import FakeOpenAI, Reply, completion

PASSWORD = "correct horse battery"  # the template store's users (tests/service/conftest.py)


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    body = {"acuity": 2, "reasoning": "<script>alert(1)</script> watch the airway", "concerns": []}
    with FakeOpenAI([Reply(body=completion(json.dumps(body), reasoning="slow thoughts"))]) as server:
        yield server


@pytest.fixture
def svc(tmp_path: Path, template_store: tuple[Path, dict[str, str]], fake: FakeOpenAI) -> Iterator[LlmService]:
    with llm_service(tmp_path, template_store, **openai_settings(fake)) as s:
        yield s


def sign_in(svc: LlmService, role: str) -> None:
    r = svc.client.post("/login", data={"username": f"{role}1", "password": PASSWORD}, follow_redirects=False)
    assert r.status_code == 303


@pytest.mark.parametrize(
    ("lang", "title", "button"), [("zh-CN", "大模型辅助", "大模型第二意见"), ("en-US", "Language model", "Draft note")]
)
def test_encounter_page_shows_the_panel_with_its_buttons(svc: LlmService, lang: str, title: str, button: str) -> None:
    enc, aid = svc.encounter(MINOR)
    sign_in(svc, "nurse")
    page = svc.client.get(f"/encounters/{enc}", headers={"accept-language": lang}).text
    assert title in page and button in page and "fake-model" in page
    for element in ("llm-second-opinion", "llm-explain-zh", "llm-explain-en", "llm-note"):
        assert f'id="{element}"' in page
    assert f"/assessments/{aid}/llm/explanation?language=en" in page


def test_second_opinion_page_shows_rules_model_and_reasoning_escaped(svc: LlmService) -> None:
    enc, aid = svc.encounter(MINOR)
    before = svc.stored(enc)
    sign_in(svc, "doctor")
    r = svc.client.get(f"/assessments/{aid}/llm/second-opinion", headers={"accept-language": "en-US"})
    assert r.status_code == 200
    page = r.text
    assert "Advisory only" in page and 'id="llm-rules-level"' in page and 'id="llm-combined-level"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; watch the airway" in page and "<script>alert" not in page
    assert "slow thoughts" in page and "raised the level" in page
    assert svc.stored(enc) == before


def test_a_nurse_may_not_open_the_second_opinion_but_may_explain(svc: LlmService, fake: FakeOpenAI) -> None:
    _, aid = svc.encounter(CHEST)
    sign_in(svc, "nurse")
    refused = svc.client.get(f"/assessments/{aid}/llm/second-opinion", headers={"accept": "text/html"})
    assert refused.status_code == 403
    fake.replies = [Reply(body=completion("请在候诊区等候，如有不适立即告知护士。"))]
    page = svc.client.get(f"/assessments/{aid}/llm/explanation?language=zh", headers={"accept-language": "zh"})
    assert page.status_code == 200 and "请在候诊区等候" in page.text and "仅供参考" in page.text


def test_note_page_gives_editable_fields(svc: LlmService, fake: FakeOpenAI) -> None:
    _, aid = svc.encounter(CHEST)
    note = {"chief_complaint": "chest pain 2 h", "history": "sweating", "vitals": "x", "assessment": "ACS?"}
    fake.replies = [Reply(body=completion(json.dumps(note)))]
    sign_in(svc, "nurse")
    page = svc.client.get(f"/assessments/{aid}/llm/note?language=en", headers={"accept-language": "en"}).text
    assert '<textarea id="note-history" rows="4">sweating</textarea>' in page
    assert "HR 118" in page and "not saved here" in page


def test_pages_need_a_session_and_a_valid_language(svc: LlmService) -> None:
    _, aid = svc.encounter(MINOR)
    r = svc.client.get(f"/assessments/{aid}/llm/note", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    sign_in(svc, "nurse")
    assert svc.client.get(f"/assessments/{aid}/llm/note?language=fr").status_code == 422
    assert svc.client.get("/assessments/" + "0" * 32 + "/llm/note").status_code == 404


def test_model_down_the_pages_still_answer_from_the_rules(svc: LlmService, fake: FakeOpenAI) -> None:
    fake.replies = [Reply(status=500, body={})]
    _, aid = svc.encounter(MINOR)
    sign_in(svc, "doctor")
    r = svc.client.get(f"/assessments/{aid}/llm/second-opinion", headers={"accept-language": "en"})
    assert r.status_code == 200 and "unavailable" in r.text and "rules only" in r.text
    e = svc.client.get(f"/assessments/{aid}/llm/explanation?language=en", headers={"accept-language": "en"})
    assert e.status_code == 200 and "Triage result:" in e.text
