"""Finding extraction (adds, never removes), explanations and draft notes, with fallbacks."""

from __future__ import annotations

import json
import sys

import pytest
from fake_openai import FakeOpenAI, Reply, completion

from fenzhen import Intake, assess
from fenzhen.errors import InputError, ProviderUnavailable
from fenzhen.extract import extract_findings
from fenzhen.llm import LLMConfig, OpenAICompatibleProvider, draft_note, explain_for_patient, extract_with_llm
from fenzhen.llm.deid_gate import default_deidentifier
from fenzhen.llm.extraction import finding_schema, merge_findings

TEXT = "胸痛两小时，无发热，心里扑通扑通乱跳"


def proposals(*items: dict[str, object]) -> list[object]:
    schema = finding_schema()
    return list(schema.model_validate({"findings": list(items)}).findings)  # type: ignore[attr-defined]


def item(concept: str, evidence: str, negated: bool = False, **kw: object) -> dict[str, object]:
    return {"concept": concept, "negated": negated, "evidence": evidence, **kw}


def test_merge_keeps_every_lexicon_finding_and_adds_grounded_ones() -> None:
    lexicon = extract_findings(TEXT)
    assert {("chest_pain", False), ("fever", True)} <= {(f.concept, f.negated) for f in lexicon}
    merged, added, notes = merge_findings(
        TEXT,
        lexicon,
        proposals(
            item("chest_pain", "胸痛", onset="两小时", severity="moderate", body_site="胸部"),
            item("fever", "发热", negated=False),  # contradicts the lexicon's negation
            item("palpitation", "扑通扑通乱跳", onset=None),
            item("syncope", "晕倒"),  # words not in the complaint
        ),
    )
    assert [(f.concept, f.negated) for f in merged[: len(lexicon)]] == [
        (f.concept, f.negated) for f in lexicon
    ]
    chest = next(f for f in merged if f.concept == "chest_pain")
    assert (chest.source, chest.onset, chest.severity) == ("lexicon+llm", "两小时", "moderate")
    assert next(f for f in merged if f.concept == "fever").negated is True
    palp = next(f for f in merged if f.concept == "palpitation")
    assert (palp.source, palp.text, TEXT[palp.start : palp.end]) == ("llm", "扑通扑通乱跳", "扑通扑通乱跳")
    assert added == ["palpitation"] and "syncope" not in {f.concept for f in merged}
    assert any("fever" in n for n in notes) and any("syncope" in n for n in notes)


def test_schema_limits_concepts_to_the_lexicon() -> None:
    with pytest.raises(ValueError):
        finding_schema().model_validate({"findings": [item("made_up_concept", "x")]})


def test_extract_with_llm_end_to_end(fake: FakeOpenAI, local_provider: OpenAICompatibleProvider) -> None:
    fake.replies = [Reply(body=completion(json.dumps({"findings": [item("palpitation", "扑通扑通乱跳")]})))]
    out = extract_with_llm(TEXT, local_provider)
    assert out.llm_used and out.added == ["palpitation"] and out.model == "fake-model"
    assert fake.requests[0]["response_format"]["json_schema"]["name"] == "LLMFindings"


def test_extract_falls_back_to_lexicon(fake: FakeOpenAI, local_provider: OpenAICompatibleProvider) -> None:
    fake.replies = [Reply(status=503, body={})]
    out = extract_with_llm(TEXT, local_provider)
    assert not out.llm_used and "lexicon only" in out.notes[0]
    assert [f.concept for f in out.findings] == [f.concept for f in extract_findings(TEXT)]


CASE = Intake(complaint="胸痛两小时，伴大汗", age_years=58, sex="male", heart_rate_bpm=118, sbp_mmhg=130)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_explanation_template_without_model(language: str) -> None:
    a = assess(CASE)
    out = explain_for_patient(a, None, language=language)  # type: ignore[arg-type]
    assert not out.llm_used and str(a.acuity_info.response_minutes) in out.text
    assert (a.acuity_info.name_zh if language == "zh" else a.acuity_info.name_en) in out.text


def test_explanation_by_model_and_fallback(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider
) -> None:
    fake.replies = [
        Reply(body=completion("您的情况需要尽快处理，请在候诊区等候。")),
        Reply(status=503, body={}),
    ]
    a = assess(CASE)
    first = explain_for_patient(a, local_provider)
    assert first.llm_used and first.text.startswith("您的情况")
    assert a.acuity_info.name_zh in fake.requests[0]["messages"][1]["content"]
    second = explain_for_patient(a, local_provider)
    assert not second.llm_used and "LLM unavailable" in second.note


def test_draft_note_keeps_measured_vitals(fake: FakeOpenAI, local_provider: OpenAICompatibleProvider) -> None:
    note = {"chief_complaint": "胸痛2小时", "history": "伴大汗", "vitals": "HR 80", "assessment": "急"}
    fake.replies = [Reply(body=completion(json.dumps(note, ensure_ascii=False)))]
    out = draft_note(CASE, assess(CASE), local_provider)
    assert out.llm_used and out.history == "伴大汗" and out.vitals == "HR 118 /min, SBP 130 mmHg"
    fallback = draft_note(CASE, assess(CASE), None, language="en")
    assert (
        not fallback.llm_used
        and fallback.chief_complaint == CASE.complaint
        and "not recorded" in fallback.history
    )


def test_default_deidentifier_is_the_privacy_package() -> None:
    deid = default_deidentifier()
    assert deid is not None
    out = deid("患者李明，电话13800138000，胸痛")
    assert "13800138000" not in out and "胸痛" in out


def test_config_validation_names_the_key_and_hides_the_key_value() -> None:
    with pytest.raises(InputError, match="llm.base_url"):
        LLMConfig.parse({"base_url": "ftp://x", "model": "m"})
    with pytest.raises(InputError, match="llm.api_key") as info:
        LLMConfig.parse({"base_url": "http://x/v1", "model": "m", "api_key": 12345})
    assert "12345" not in info.value.message
    assert LLMConfig.parse({"base_url": "http://x/v1", "model": "m"}).local is False


def test_local_provider_without_extra_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    from fenzhen.llm.local import LlamaCppProvider

    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    with pytest.raises(ProviderUnavailable, match=r"install fenzhen\[local-llm\]"):
        LlamaCppProvider(tmp_path / "m.gguf")  # type: ignore[operator]


def test_http_provider_without_extra_says_how_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    from fenzhen.llm import openai_compat

    monkeypatch.setattr(openai_compat, "httpx", None)
    with pytest.raises(ProviderUnavailable, match=r"install fenzhen\[llm\]"):
        openai_compat.OpenAICompatibleProvider("http://127.0.0.1:1/v1", "m")
