"""How one LLM is configured: where it runs, which model, and how long we wait for it.

Until the shared `fenzhen.settings.Settings` carries LLM keys, callers build an `LLMConfig`
explicitly (library code never reads the environment). The `local` flag is a statement by the
clinic's administrator that the endpoint runs inside the clinic; it decides whether text may be
sent without de-identification, so it defaults to False.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from fenzhen.errors import InputError

__all__ = ["LLMConfig"]


class LLMConfig(BaseModel):
    """Settings of one LLM provider.

    Attributes:
        kind: "openai" for any OpenAI-compatible HTTP endpoint (vLLM, Ollama, llama.cpp server,
            SGLang, LM Studio, hosted DeepSeek/Qwen); "llama-cpp" for a GGUF file run in-process.
        base_url: endpoint root including ``/v1`` (kind "openai").
        model: model name sent to the endpoint (kind "openai"); for "llama-cpp" a label.
        api_key: bearer token, if the endpoint needs one; never logged or shown.
        local: True only if the model runs inside the clinic.
        model_path: the GGUF file (kind "llama-cpp").
        timeout_s: seconds to wait for one answer before falling back to rules.
        max_retries: extra attempts after a transient failure (0 = try once).
        backoff_s: first back-off delay; doubled after each failed attempt.
        breaker_failures: consecutive failures that open the circuit breaker.
        breaker_reset_s: seconds the breaker stays open before one trial call.
        structured_via: how structured output is requested: "response_format" (OpenAI json_schema),
            "json_object" (with a schema; llama-cpp-python's server) or "tool" (forced tool call).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["openai", "llama-cpp"] = "openai"
    base_url: str = ""
    model: str = ""
    api_key: SecretStr | None = None
    local: bool = False
    model_path: Path | None = None
    timeout_s: float = Field(20.0, gt=0, le=600)
    max_retries: int = Field(1, ge=0, le=5)
    backoff_s: float = Field(0.5, ge=0, le=30)
    breaker_failures: int = Field(3, ge=1, le=100)
    breaker_reset_s: float = Field(30.0, ge=0, le=3600)
    structured_via: Literal["response_format", "json_object", "tool"] = "response_format"
    context_tokens: int = Field(4096, ge=256, le=131072)

    @model_validator(mode="after")
    def _complete(self) -> LLMConfig:
        if self.kind == "openai":
            if not self.base_url.startswith(("http://", "https://")):
                raise ValueError("base_url: must start with http:// or https://")
            if not self.model:
                raise ValueError("model: is required for an OpenAI-compatible endpoint")
        elif self.model_path is None:
            raise ValueError("model_path: a GGUF file is required for kind llama-cpp")
        return self

    @classmethod
    def parse(cls, data: dict[str, object]) -> LLMConfig:
        """Build a config, turning validation failures into `InputError` naming the key.

        Raises:
            InputError: for an unknown key or an invalid value.
        """
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            key, msg = ".".join(str(p) for p in err["loc"]), err["msg"]
            if not key:  # a cross-field check: its message starts with the field it names
                key, _, msg = msg.removeprefix("Value error, ").partition(": ")
            shown = "***" if key == "api_key" else data.get(key)
            raise InputError.for_field(f"llm.{key}", shown, msg.lower()) from None

    @property
    def label(self) -> str:
        """Name the endpoint for status lines and records, without the key."""
        where = self.base_url if self.kind == "openai" else str(self.model_path)
        return f"{self.kind}:{self.model or Path(where).name} @ {where}"
