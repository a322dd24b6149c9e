"""`LLMClient`: privacy gate, cache, schema retry, records, breaker — against a real HTTP server."""

from __future__ import annotations

from pathlib import Path

import pytest
from fake_openai import FakeOpenAI, Reply, completion
from pydantic import BaseModel

from fenzhen.errors import PrivacyError, ProviderUnavailable
from fenzhen.llm import (
    CallLog,
    CircuitBreaker,
    CircuitOpen,
    LLMClient,
    OpenAICompatibleProvider,
    ResponseCache,
    SchemaViolation,
)
from fenzhen.llm.second_opinion import ModelAcuity

VARS = {
    "age": "58 years",
    "sex": "male",
    "pregnant": "no",
    "arrival": "walk_in",
    "vitals": "HR 118 /min",
    "case_text": "张三 胸痛两小时 电话13800138000",
}


def client(provider: OpenAICompatibleProvider, tmp_path: Path, **kw: object) -> LLMClient:
    db = tmp_path / "llm.sqlite3"
    return LLMClient(provider, cache=ResponseCache(db), log=CallLog(db), backoff_s=0, **kw)  # type: ignore[arg-type]


def test_structured_answer_then_cache_hit(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, tmp_path: Path
) -> None:
    fake.replies = [Reply(body=completion('{"acuity": 2, "reasoning": "ACS risk", "concerns": []}'))]
    c = client(local_provider, tmp_path)
    first = c.structured("second_opinion", VARS, ModelAcuity)
    second = c.structured("second_opinion", VARS, ModelAcuity)
    assert first.value.acuity == second.value.acuity == 2 and not first.cached and second.cached
    assert len(fake.requests) == 1
    assert c.cache is not None and c.cache.stats().hits == 1
    assert c.log is not None and [r.outcome for r in c.log.recent()] == ["cache_hit", "ok"]
    sent = fake.requests[0]["messages"][1]["content"]
    assert "<case_text>\n张三 胸痛两小时" in sent  # local provider: text as written, fenced as data


def test_records_and_cache_file_hold_no_case_text_in_records(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, tmp_path: Path
) -> None:
    fake.replies = [Reply(body=completion('{"acuity": 3, "reasoning": "r", "concerns": []}'))]
    c = client(local_provider, tmp_path)
    c.structured("second_opinion", VARS, ModelAcuity)
    assert c.log is not None
    rows = c.log._db.execute("SELECT * FROM llm_calls").fetchall()
    assert rows and not any("13800138000" in str(v) or "胸痛" in str(v) for row in rows for v in row)
    rec = c.log.recent()[0]
    assert (rec.prompt_name, rec.prompt_version, rec.prompt_tokens, rec.completion_tokens) == (
        "second_opinion",
        "1",
        11,
        7,
    )


def test_schema_failure_retried_once_then_accepted(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, tmp_path: Path
) -> None:
    fake.replies = [
        Reply(body=completion("level two")),
        Reply(body=completion('```json\n{"acuity": 2, "reasoning": "r", "concerns": []}\n```')),
    ]
    done = client(local_provider, tmp_path).structured("second_opinion", VARS, ModelAcuity)
    assert done.value.acuity == 2 and len(fake.requests) == 2
    assert "not valid JSON" in fake.requests[1]["messages"][-1]["content"]


def test_schema_failure_twice_is_discarded_with_note(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, tmp_path: Path
) -> None:
    fake.replies = [Reply(body=completion('{"acuity": 7, "reasoning": "r"}'))]
    c = client(local_provider, tmp_path)
    with pytest.raises(SchemaViolation, match="discarded"):
        c.structured("second_opinion", VARS, ModelAcuity)
    assert len(fake.requests) == 2 and c.log is not None and c.log.recent()[0].outcome == "schema_invalid"


def test_non_local_provider_gets_nothing_without_deidentification(fake: FakeOpenAI, tmp_path: Path) -> None:
    remote = OpenAICompatibleProvider(fake.base_url, "m", local=False, timeout_s=2)
    fake.replies = [Reply(body=completion("{}"))]
    c = client(remote, tmp_path, deidentifier=None)
    with pytest.raises(PrivacyError, match="only local providers"):
        c.structured("second_opinion", VARS, ModelAcuity)
    assert fake.requests == [] and c.log is not None and c.log.recent()[0].outcome == "privacy_refused"


def test_non_local_provider_gets_deidentified_text(fake: FakeOpenAI, tmp_path: Path) -> None:
    remote = OpenAICompatibleProvider(fake.base_url, "m", local=False, timeout_s=2)
    fake.replies = [Reply(body=completion('{"acuity": 2, "reasoning": "r", "concerns": []}'))]
    c = client(
        remote,
        tmp_path,
        deidentifier=lambda t: t.replace("张三", "<PERSON>").replace("13800138000", "<PHONE>"),
    )
    c.structured("second_opinion", VARS, ModelAcuity)
    sent = str(fake.requests[0])
    assert "张三" not in sent and "13800138000" not in sent and "<PERSON> 胸痛两小时 电话<PHONE>" in sent
    assert c.log is not None and c.log.recent()[0].deidentified


def test_failing_deidentifier_sends_nothing(fake: FakeOpenAI, tmp_path: Path) -> None:
    remote = OpenAICompatibleProvider(fake.base_url, "m", local=False, timeout_s=2)

    def broken(text: str) -> str:
        raise RuntimeError("recognizer crashed on " + text)

    with pytest.raises(PrivacyError) as info:
        client(remote, tmp_path, deidentifier=broken).structured("second_opinion", VARS, ModelAcuity)
    assert fake.requests == [] and "胸痛" not in info.value.message


def test_down_model_retries_then_breaker_opens(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, tmp_path: Path
) -> None:
    fake.replies = [Reply(status=503, body={})]
    c = client(local_provider, tmp_path, breaker=CircuitBreaker(failures=2, reset_s=60), max_retries=1)
    with pytest.raises(ProviderUnavailable, match="HTTP 503"):
        c.structured("second_opinion", VARS, ModelAcuity)
    assert len(fake.requests) == 2 and c.breaker.state == "open"
    with pytest.raises(CircuitOpen):
        c.structured("second_opinion", VARS, ModelAcuity)
    assert len(fake.requests) == 2


def test_stream_text(fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, tmp_path: Path) -> None:
    fake.replies = [Reply(stream_deltas=[{"content": "请"}, {"content": "稍候"}])]
    variables = {
        "language": "简体中文",
        "level_name": "紧急",
        "response_minutes": 10,
        "reasons": "胸痛",
        "warning_signs": "加重",
    }
    c = client(local_provider, tmp_path)
    assert "".join(ch.content for ch in c.stream("explain_patient", variables)) == "请稍候"
    assert c.log is not None and c.log.recent()[0].prompt_name == "explain_patient"


class _Anything(BaseModel):
    x: int
