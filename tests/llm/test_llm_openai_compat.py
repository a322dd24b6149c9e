"""The OpenAI-compatible provider against a scripted server on 127.0.0.1: the wire features we use."""

from __future__ import annotations

import json

import pytest
from fake_openai import FakeOpenAI, Reply, completion

from fenzhen.llm import ChatMessage, ChatRequest, OpenAICompatibleProvider, ProviderCallError

REQ = ChatRequest(messages=(ChatMessage(role="user", content="hi"),))
SCHEMA = {"type": "object", "properties": {"acuity": {"type": "integer"}}, "required": ["acuity"]}


def test_chat_returns_content_usage_and_sends_model(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider
) -> None:
    fake.replies = [Reply(body=completion("hello"))]
    out = local_provider.chat(REQ)
    assert (out.content, out.reasoning, out.model) == ("hello", None, "fake-model")
    assert (out.usage.prompt_tokens, out.usage.completion_tokens) == (11, 7)
    assert fake.requests[0]["model"] == "fake-model" and fake.requests[0]["temperature"] == 0.0
    assert fake.requests[0]["messages"] == [{"role": "user", "content": "hi"}]


@pytest.mark.parametrize("key", ["reasoning_content", "reasoning"])
def test_reasoning_field_is_kept_apart(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, key: str
) -> None:
    fake.replies = [
        Reply(body=completion('{"acuity": 2}', reasoning="chest pain + sweating", reasoning_key=key))
    ]
    out = local_provider.chat(REQ)
    assert out.content == '{"acuity": 2}' and out.reasoning == "chest pain + sweating"


def test_think_block_is_split_from_answer(fake: FakeOpenAI, local_provider: OpenAICompatibleProvider) -> None:
    fake.replies = [Reply(body=completion('<think>maybe level 4? no, 2</think>\n{"acuity": 2}'))]
    out = local_provider.chat(REQ)
    assert out.content == '{"acuity": 2}' and out.reasoning == "maybe level 4? no, 2"


def test_json_schema_goes_in_response_format(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider
) -> None:
    fake.replies = [Reply(body=completion('{"acuity": 3}'))]
    local_provider.chat(REQ.model_copy(update={"json_schema": SCHEMA, "schema_name": "ModelAcuity"}))
    fmt = fake.requests[0]["response_format"]
    assert fmt == {
        "type": "json_schema",
        "json_schema": {"name": "ModelAcuity", "schema": SCHEMA, "strict": True},
    }


def test_tool_call_structured_output(fake: FakeOpenAI, local_provider: OpenAICompatibleProvider) -> None:
    fake.replies = [Reply(body=completion(None, tool_args='{"acuity": 1}'))]
    out = local_provider.chat(REQ.model_copy(update={"json_schema": SCHEMA, "structured_via": "tool"}))
    assert out.content == '{"acuity": 1}'
    body = fake.requests[0]
    assert body["tools"][0]["function"]["parameters"] == SCHEMA and "response_format" not in body
    assert body["tool_choice"]["function"]["name"] == "result"


def test_stream_separates_reasoning_field_and_think_tags(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider
) -> None:
    fake.replies = [
        Reply(
            stream_deltas=[
                {"reasoning_content": "first "},
                {"content": "<thi"},
                {"content": "nk>inline</th"},
                {"content": "ink>Ans"},
                {"content": "wer"},
            ]
        )
    ]
    chunks = list(local_provider.stream(REQ))
    assert "".join(c.content for c in chunks) == "Answer"
    assert "".join(c.reasoning for c in chunks) == "first inline"
    assert fake.requests[0]["stream"] is True


@pytest.mark.parametrize(
    ("reply", "retryable"),
    [
        (Reply(status=503, body={"error": "overloaded, complaint: 胸痛"}), True),
        (Reply(status=429, body={}), True),
        (Reply(status=400, body={"error": "bad"}), False),
        (Reply(raw=b"<html>not json"), True),
        (Reply(body={"choices": []}), True),
    ],
)
def test_failures_raise_without_echoing_body(
    fake: FakeOpenAI, local_provider: OpenAICompatibleProvider, reply: Reply, retryable: bool
) -> None:
    fake.replies = [reply]
    with pytest.raises(ProviderCallError) as info:
        local_provider.chat(REQ)
    assert info.value.retryable is retryable and "胸痛" not in info.value.message


def test_timeout(fake: FakeOpenAI) -> None:
    fake.replies = [Reply(body=completion("late"), delay_s=1.0)]
    provider = OpenAICompatibleProvider(fake.base_url, "fake-model", local=True, timeout_s=0.2)
    with pytest.raises(ProviderCallError, match="timed out") as info:
        provider.chat(REQ)
    assert info.value.retryable


def test_unreachable_endpoint() -> None:
    provider = OpenAICompatibleProvider("http://127.0.0.1:9/v1", "m", local=True, timeout_s=0.5)
    with pytest.raises(ProviderCallError, match="unreachable"):
        provider.chat(REQ)
    with pytest.raises(ProviderCallError):
        provider.ping()


def test_api_key_sent_as_bearer(fake: FakeOpenAI) -> None:
    seen: list[str] = []
    fake.replies = [Reply(body=completion("ok"))]
    provider = OpenAICompatibleProvider(fake.base_url, "m", api_key="sk-test", timeout_s=2)
    provider._client.event_hooks["request"] = [lambda r: seen.append(r.headers["authorization"])]
    provider.chat(REQ)
    assert seen == ["Bearer sk-test"] and json.dumps(fake.requests[0]).find("sk-test") < 0


def test_json_object_with_schema_for_llama_cpp_python(fake: FakeOpenAI) -> None:
    fake.replies = [Reply(body=completion('{"acuity": 3}'))]
    provider = OpenAICompatibleProvider(
        fake.base_url, "m", local=True, timeout_s=2, structured_via="json_object"
    )
    provider.chat(REQ.model_copy(update={"json_schema": SCHEMA, "structured_via": provider.structured_via}))
    assert fake.requests[0]["response_format"] == {"type": "json_object", "schema": SCHEMA}
