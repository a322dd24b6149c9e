"""The provider-neutral shapes of one chat call: messages in, text (+ reasoning) out.

Every provider (OpenAI-compatible HTTP, in-process llama.cpp) speaks these, so the guardrails,
cache and call records above them never depend on a vendor's wire format.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

__all__ = [
    "ChatMessage",
    "ChatRequest",
    "ChatResponse",
    "StreamChunk",
    "Usage",
    "clipped_list",
    "clipped_text",
]


def clipped_text(max_chars: int) -> Any:
    """A string type cut to `max_chars` after parsing.

    Length limits are applied after parsing rather than written into the JSON schema: servers
    compile the schema into a grammar, and a ``maxLength`` of a few thousand characters expands
    into a grammar that llama.cpp refuses (llama-cpp-python's server even crashes on it).
    """
    return Annotated[str, AfterValidator(lambda text: text[:max_chars])]


def clipped_list(item: Any, max_items: int) -> Any:
    """A list type cut to `max_items` after parsing (see `clipped_text` for why)."""
    return Annotated[list[item], AfterValidator(lambda items: items[:max_items])]


class ChatMessage(BaseModel):
    """One message of a conversation."""

    model_config = ConfigDict(frozen=True)

    role: Literal["system", "user", "assistant"]
    content: str


class ChatRequest(BaseModel):
    """What a feature asks a provider for.

    `json_schema`, when given, asks for structured output, held to the schema by the server (a
    grammar), not only by the prompt. `structured_via` picks the wire form the server supports:
    "response_format" (OpenAI ``json_schema``: vLLM, SGLang, llama.cpp's own server, hosted APIs),
    "json_object" (``{"type": "json_object", "schema": …}``: llama-cpp-python's server, llama.cpp)
    or "tool" (a forced function call: servers with tool calling only).
    """

    model_config = ConfigDict(frozen=True)

    messages: tuple[ChatMessage, ...]
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(512, ge=1, le=32768)
    json_schema: dict[str, Any] | None = None
    schema_name: str = "result"
    structured_via: Literal["response_format", "json_object", "tool"] = "response_format"
    seed: int | None = 0

    @property
    def is_deterministic(self) -> bool:
        """Whether the answer may be cached: temperature 0 asks for the most likely tokens."""
        return self.temperature == 0.0


class Usage(BaseModel):
    """Token counts as reported by the provider (None where it reports none)."""

    prompt_tokens: int | None = None
    completion_tokens: int | None = None


class ChatResponse(BaseModel):
    """A provider's answer: the visible text and, for reasoning models, the reasoning apart.

    Reasoning models return their "slow thinking" either in a separate field
    (``reasoning_content`` / ``reasoning``) or inline in ``<think>…</think>`` blocks; providers
    normalise both into `reasoning`, and `content` never contains a think block.
    """

    content: str
    reasoning: str | None = None
    model: str
    usage: Usage = Field(default_factory=Usage)
    finish_reason: str | None = None
    latency_ms: float = 0.0
    cached: bool = False


class StreamChunk(BaseModel):
    """One piece of a streamed answer; exactly one of the two texts is non-empty."""

    content: str = ""
    reasoning: str = ""
