"""A provider for any OpenAI-compatible chat endpoint (vLLM, Ollama, llama.cpp, SGLang, LM Studio,
hosted DeepSeek/Qwen), over plain httpx.

We speak the wire format directly rather than through the `openai` SDK: the subset we use
(chat completions, SSE streaming, ``response_format`` JSON schema, forced tool calls, and the
``reasoning_content``/``reasoning`` fields of reasoning models) is small, and httpx gives exact
control of timeouts. Errors never carry the request body (it may contain a complaint).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any, Literal

try:
    import httpx
except ImportError:  # pragma: no cover - exercised only without the extra
    httpx = None  # type: ignore[assignment]

from fenzhen.errors import ProviderUnavailable
from fenzhen.llm.errors import ProviderCallError
from fenzhen.llm.reasoning import ThinkStreamSplitter, split_reasoning
from fenzhen.llm.types import ChatRequest, ChatResponse, StreamChunk, Usage

__all__ = ["INSTALL_HINT", "OpenAICompatibleProvider"]

INSTALL_HINT = "the OpenAI-compatible LLM provider needs httpx: install fenzhen[llm]"

_RETRYABLE_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}


class OpenAICompatibleProvider:
    """Chat with a model behind an OpenAI-compatible ``/v1/chat/completions`` endpoint.

    Args:
        base_url: endpoint root including ``/v1``, e.g. ``http://127.0.0.1:8080/v1``.
        model: model name as the server knows it.
        api_key: bearer token or None.
        local: True if the endpoint runs inside the clinic.
        timeout_s: seconds for connecting and for each read (a stalled stream also times out).
        structured_via: the wire form of structured output this server supports (see `ChatRequest`).
    """

    name = "openai-compatible"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key: str | None = None,
        local: bool = False,
        timeout_s: float = 20.0,
        structured_via: Literal["response_format", "json_object", "tool"] = "response_format",
    ) -> None:
        if httpx is None:
            raise ProviderUnavailable(INSTALL_HINT)
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.is_local = local
        self.structured_via = structured_via
        headers = {"authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(
            base_url=self.base_url, headers=headers, timeout=httpx.Timeout(timeout_s), trust_env=False
        )

    def close(self) -> None:
        """Release the connection pool."""
        self._client.close()

    def __enter__(self) -> OpenAICompatibleProvider:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def chat(self, request: ChatRequest) -> ChatResponse:
        """Answer one request (see `Provider.chat`)."""
        started = time.perf_counter()
        data = self._post(self._body(request, stream=False))
        try:
            choice = data["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise ProviderCallError(
                "LLM endpoint answered without choices[0].message", retryable=True
            ) from None
        raw = message.get("content") or ""
        calls = message.get("tool_calls") or []
        if request.json_schema is not None and request.structured_via == "tool" and calls:
            raw = calls[0].get("function", {}).get("arguments") or raw
        answer, reasoning = split_reasoning(raw, message.get("reasoning_content") or message.get("reasoning"))
        usage = data.get("usage") or {}
        return ChatResponse(
            content=answer,
            reasoning=reasoning,
            model=str(data.get("model") or self.model),
            usage=Usage(
                prompt_tokens=usage.get("prompt_tokens"), completion_tokens=usage.get("completion_tokens")
            ),
            finish_reason=choice.get("finish_reason"),
            latency_ms=(time.perf_counter() - started) * 1000,
        )

    def stream(self, request: ChatRequest) -> Iterator[StreamChunk]:
        """Stream one answer over server-sent events (see `Provider.stream`)."""
        splitter = ThinkStreamSplitter()
        try:
            with self._client.stream(
                "POST", "/chat/completions", json=self._body(request, stream=True)
            ) as resp:
                _check_status(resp)
                for line in resp.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    payload = line[5:].strip()
                    if payload == "[DONE]":
                        break
                    yield from _chunks(json.loads(payload), splitter)
        except httpx.TimeoutException:
            raise ProviderCallError("LLM endpoint timed out while streaming", retryable=True) from None
        except httpx.TransportError as exc:
            raise ProviderCallError(
                f"LLM endpoint unreachable ({type(exc).__name__})", retryable=True
            ) from None
        except json.JSONDecodeError:
            raise ProviderCallError("LLM endpoint sent a malformed stream event", retryable=True) from None
        for kind, text in splitter.flush():
            yield StreamChunk(**{kind: text})

    def ping(self) -> None:
        """List the endpoint's models (cheap, and most servers support it)."""
        try:
            resp = self._client.get("/models")
        except httpx.TimeoutException:
            raise ProviderCallError("LLM endpoint timed out", retryable=True) from None
        except httpx.TransportError as exc:
            raise ProviderCallError(
                f"LLM endpoint unreachable ({type(exc).__name__})", retryable=True
            ) from None
        _check_status(resp)

    def _body(self, request: ChatRequest, *, stream: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [m.model_dump() for m in request.messages],
            "temperature": request.temperature,
            "max_tokens": request.max_tokens,
            "stream": stream,
        }
        if request.seed is not None:
            body["seed"] = request.seed
        schema = request.json_schema
        if schema is not None and request.structured_via == "tool":
            body["tools"] = [
                {
                    "type": "function",
                    "function": {
                        "name": request.schema_name,
                        "description": "Return the result.",
                        "parameters": schema,
                    },
                }
            ]
            body["tool_choice"] = {"type": "function", "function": {"name": request.schema_name}}
        elif schema is not None and request.structured_via == "json_object":
            body["response_format"] = {"type": "json_object", "schema": schema}
        elif schema is not None:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": request.schema_name, "schema": schema, "strict": True},
            }
        return body

    def _post(self, body: dict[str, Any]) -> dict[str, Any]:
        try:
            resp = self._client.post("/chat/completions", json=body)
        except httpx.TimeoutException:
            raise ProviderCallError("LLM endpoint timed out", retryable=True) from None
        except httpx.TransportError as exc:
            raise ProviderCallError(
                f"LLM endpoint unreachable ({type(exc).__name__})", retryable=True
            ) from None
        _check_status(resp)
        try:
            data = resp.json()
        except ValueError:
            raise ProviderCallError(
                "LLM endpoint answered with something other than JSON", retryable=True
            ) from None
        if not isinstance(data, dict):
            raise ProviderCallError("LLM endpoint answered with a non-object", retryable=True)
        return data


def _check_status(resp: httpx.Response) -> None:
    if resp.status_code < 400:
        return
    # The body of an error may echo the request (and so a complaint): report the status only.
    raise ProviderCallError(
        f"LLM endpoint answered HTTP {resp.status_code}", retryable=resp.status_code in _RETRYABLE_STATUS
    )


def _chunks(event: dict[str, Any], splitter: ThinkStreamSplitter) -> Iterator[StreamChunk]:
    for choice in event.get("choices") or []:
        delta = choice.get("delta") or {}
        thought = delta.get("reasoning_content") or delta.get("reasoning")
        if thought:
            yield StreamChunk(reasoning=thought)
        for kind, text in splitter.feed(delta.get("content") or ""):
            yield StreamChunk(**{kind: text})
