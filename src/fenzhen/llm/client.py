"""`LLMClient`: one provider plus every guardrail, identical for every feature.

Order of a call: render the versioned prompt from variables that passed the privacy gate (the
variable ``case_text``, the patient's own words, is then fenced as data, see `fence_case_text`) →
answer from the cache if the call is deterministic → otherwise call the provider through the
circuit breaker with retries → validate structured output against its schema (one corrective
retry, then give up with a note) → record the call without patient identifiers.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from fenzhen.errors import PrivacyError
from fenzhen.llm.cache import ResponseCache, cache_key
from fenzhen.llm.deid_gate import Deidentifier, default_deidentifier, gate_text
from fenzhen.llm.errors import CircuitOpen, SchemaViolation
from fenzhen.llm.prompt_files import Prompt, fence_case_text, load_prompt
from fenzhen.llm.provider import Provider
from fenzhen.llm.records import CallLog, CallRecord, Outcome
from fenzhen.llm.resilience import CircuitBreaker, call_with_retries
from fenzhen.llm.types import ChatMessage, ChatRequest, ChatResponse, StreamChunk

__all__ = ["Completion", "LLMClient"]

T = TypeVar("T", bound=BaseModel)

_DEFAULT: Any = object()

_FIX_SCHEMA = (
    "Your previous answer was not valid JSON for the required schema. Answer again with "
    "one JSON object that matches the schema exactly, and nothing else."
)


class Completion(BaseModel, Generic[T]):
    """A validated structured answer with the model's reasoning and how it was obtained."""

    value: T
    reasoning: str | None = None
    model: str
    cached: bool
    latency_ms: float


class LLMClient:
    """Guarded access to one provider.

    Args:
        provider: the model adapter.
        cache: persistent cache for deterministic calls, or None.
        log: call records, or None.
        breaker: circuit breaker (a fresh one if None).
        max_retries: retries after transient failures.
        backoff_s: first back-off delay in seconds.
        deidentifier: de-identification for non-local providers; by default
            `fenzhen.privacy.deidentify` when it exists; None = none (non-local gets no text).
    """

    def __init__(
        self,
        provider: Provider,
        *,
        cache: ResponseCache | None = None,
        log: CallLog | None = None,
        breaker: CircuitBreaker | None = None,
        max_retries: int = 1,
        backoff_s: float = 0.5,
        deidentifier: Deidentifier | None = _DEFAULT,
    ) -> None:
        self.provider = provider
        self.cache = cache
        self.log = log
        self.breaker = breaker or CircuitBreaker()
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.deidentifier = default_deidentifier() if deidentifier is _DEFAULT else deidentifier

    def structured(
        self,
        prompt_name: str,
        variables: dict[str, Any],
        schema: type[T],
        *,
        temperature: float = 0.0,
        max_tokens: int = 512,
    ) -> Completion[T]:
        """Ask for one JSON object matching `schema`.

        Raises:
            PrivacyError: case text may not be sent to this provider.
            ProviderUnavailable: the model is down, slow, or the breaker is open.
            SchemaViolation: the answer failed the schema twice.
        """
        prompt = load_prompt(prompt_name)
        messages, deidentified = self._messages(prompt, variables)
        request = ChatRequest(
            messages=messages,
            temperature=temperature,
            max_tokens=max_tokens,
            json_schema=schema.model_json_schema(),
            schema_name=schema.__name__,
            structured_via=getattr(self.provider, "structured_via", "response_format"),
        )
        response = self._chat(prompt, request, deidentified)
        try:
            return _validated(response, schema)
        except ValueError:
            retry = request.model_copy(
                update={
                    "messages": (
                        *messages,
                        ChatMessage(role="assistant", content=response.content[:2000]),
                        ChatMessage(role="user", content=_FIX_SCHEMA),
                    )
                }
            )
            response = self._chat(prompt, retry, deidentified)
            try:
                return _validated(response, schema)
            except ValueError:
                self._record(prompt, response, "schema_invalid", deidentified)
                raise SchemaViolation(
                    "the model's answer did not match the schema after one retry; it was discarded"
                ) from None

    def text(
        self, prompt_name: str, variables: dict[str, Any], *, temperature: float = 0.0, max_tokens: int = 512
    ) -> ChatResponse:
        """Ask for free text (an explanation, a note).

        Raises:
            PrivacyError, ProviderUnavailable: as for `structured`.
        """
        prompt = load_prompt(prompt_name)
        messages, deidentified = self._messages(prompt, variables)
        request = ChatRequest(messages=messages, temperature=temperature, max_tokens=max_tokens)
        return self._chat(prompt, request, deidentified)

    def stream(
        self, prompt_name: str, variables: dict[str, Any], *, temperature: float = 0.0, max_tokens: int = 512
    ) -> Iterator[StreamChunk]:
        """Stream free text; not cached (a stream is for a person watching it appear)."""
        prompt = load_prompt(prompt_name)
        messages, deidentified = self._messages(prompt, variables)
        request = ChatRequest(messages=messages, temperature=temperature, max_tokens=max_tokens)
        started = time.perf_counter()
        self.breaker.before_call()
        try:
            yield from self.provider.stream(request)
        except Exception:
            self.breaker.record_failure()
            self._record(prompt, None, "unavailable", deidentified, started=started)
            raise
        self.breaker.record_success()
        self._record(prompt, None, "ok", deidentified, started=started)

    def _messages(self, prompt: Prompt, variables: dict[str, Any]) -> tuple[tuple[ChatMessage, ...], bool]:
        gated: dict[str, Any] = {}
        deidentified = False
        for key, value in variables.items():
            if isinstance(value, str):
                try:
                    value, did = gate_text(
                        value, provider_is_local=self.provider.is_local, deidentifier=self.deidentifier
                    )
                except PrivacyError:
                    self._record(prompt, None, "privacy_refused", False)
                    raise
                deidentified = deidentified or did
                if key == "case_text":
                    value = fence_case_text(value)
            gated[key] = value
        return prompt.render(gated), deidentified

    def _chat(self, prompt: Prompt, request: ChatRequest, deidentified: bool) -> ChatResponse:
        key = None
        if self.cache is not None and request.is_deterministic:
            key = cache_key(
                provider=self.provider.name,
                model=self.provider.model,
                prompt_id=prompt.prompt_id,
                request=request,
            )
            hit = self.cache.get(key)
            if hit is not None:
                self._record(prompt, hit, "cache_hit", deidentified)
                return hit
        attempts = 0

        def once() -> ChatResponse:
            nonlocal attempts
            attempts += 1
            return self.provider.chat(request)

        started = time.perf_counter()
        try:
            response = call_with_retries(
                once, breaker=self.breaker, max_retries=self.max_retries, backoff_s=self.backoff_s
            )
        except CircuitOpen:
            self._record(prompt, None, "circuit_open", deidentified, started=started, attempts=attempts)
            raise
        except Exception:
            self._record(prompt, None, "unavailable", deidentified, started=started, attempts=attempts)
            raise
        if key is not None and self.cache is not None:
            self.cache.put(key, response)
        self._record(prompt, response, "ok", deidentified, attempts=attempts)
        return response

    def _record(
        self,
        prompt: Prompt,
        response: ChatResponse | None,
        outcome: Outcome,
        deidentified: bool,
        *,
        started: float | None = None,
        attempts: int = 1,
    ) -> None:
        if self.log is None:
            return
        latency = (
            response.latency_ms
            if response is not None
            else ((time.perf_counter() - started) * 1000 if started is not None else 0.0)
        )
        self.log.add(
            CallRecord(
                provider=self.provider.name,
                model=response.model if response else self.provider.model,
                local=self.provider.is_local,
                prompt_name=prompt.name,
                prompt_version=prompt.version,
                prompt_hash=prompt.sha256,
                latency_ms=latency,
                prompt_tokens=response.usage.prompt_tokens if response else None,
                completion_tokens=response.usage.completion_tokens if response else None,
                attempts=attempts,
                outcome=outcome,
                deidentified=deidentified,
            )
        )


def _validated(response: ChatResponse, schema: type[T]) -> Completion[T]:
    text = _json_text(response.content)
    try:
        value = schema.model_validate_json(text)
    except ValidationError as exc:
        raise ValueError("schema") from exc
    return Completion[schema](  # type: ignore[valid-type]
        value=value,
        reasoning=response.reasoning,
        model=response.model,
        cached=response.cached,
        latency_ms=response.latency_ms,
    )


def _json_text(content: str) -> str:
    """Take the JSON object out of an answer that may wrap it in a code fence or prose."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    start, end = text.find("{"), text.rfind("}")
    if start < 0 or end < start:
        return text
    candidate = text[start : end + 1]
    try:
        json.loads(candidate)
    except ValueError:
        return text
    return candidate
