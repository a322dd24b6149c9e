"""Build a provider and its guarded client from an `LLMConfig`, and report their status."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from fenzhen.errors import FenzhenError
from fenzhen.llm.cache import ResponseCache
from fenzhen.llm.client import LLMClient
from fenzhen.llm.config import LLMConfig
from fenzhen.llm.openai_compat import OpenAICompatibleProvider
from fenzhen.llm.provider import Provider
from fenzhen.llm.records import CallLog
from fenzhen.llm.resilience import CircuitBreaker

__all__ = ["LLMStatus", "build_client", "build_provider", "llm_status"]

DB_FILE = "llm.sqlite3"


def build_provider(config: LLMConfig) -> Provider:
    """Build the provider `config` describes.

    Raises:
        ProviderUnavailable: for kind llama-cpp, when llama-cpp-python is missing (install
            fenzhen[local-llm]) or the model file cannot be loaded.
    """
    if config.kind == "llama-cpp":
        from fenzhen.llm.local import LlamaCppProvider

        assert config.model_path is not None
        return LlamaCppProvider(
            config.model_path,
            model=config.model or None,
            timeout_s=config.timeout_s,
            context_tokens=config.context_tokens,
        )
    key = config.api_key.get_secret_value() if config.api_key else None
    return OpenAICompatibleProvider(
        config.base_url,
        config.model,
        api_key=key,
        local=config.local,
        timeout_s=config.timeout_s,
        structured_via=config.structured_via,
    )


def build_client(config: LLMConfig, data_dir: Path | None = None) -> LLMClient:
    """Build a guarded client; with `data_dir`, cache and call records persist in ``llm.sqlite3`` there."""
    cache = log = None
    if data_dir is not None:
        cache, log = ResponseCache(data_dir / DB_FILE), CallLog(data_dir / DB_FILE)
    return LLMClient(
        build_provider(config),
        cache=cache,
        log=log,
        breaker=CircuitBreaker(config.breaker_failures, config.breaker_reset_s),
        max_retries=config.max_retries,
        backoff_s=config.backoff_s,
    )


class LLMStatus(BaseModel):
    """One line for `fenzhen doctor`: is the model reachable, and what happens if not."""

    configured: bool
    state: Literal["not configured", "reachable", "unreachable"]
    endpoint: str | None = None
    local: bool | None = None
    detail: str
    cache: dict[str, Any] | None = None


def llm_status(config: LLMConfig | None, data_dir: Path | None = None) -> LLMStatus:
    """Check the configured model without sending any case text.

    Args:
        config: the LLM settings, or None when no model is configured.
        data_dir: where the cache lives, to report its hit rate and saved time.
    """
    if config is None:
        return LLMStatus(
            configured=False,
            state="not configured",
            detail="no LLM configured: every feature uses the rules path",
        )
    cache = None
    if data_dir is not None and (data_dir / DB_FILE).exists():
        stats = ResponseCache(data_dir / DB_FILE).stats()
        cache = {**stats.model_dump(), "hit_rate": round(stats.hit_rate, 4)}
    try:
        build_provider(config).ping()
    except FenzhenError as exc:
        return LLMStatus(
            configured=True,
            state="unreachable",
            endpoint=config.label,
            local=config.local,
            detail=f"{exc.message}; features fall back to the rules path",
            cache=cache,
        )
    privacy = (
        "local: case text is sent as written"
        if config.local or config.kind == "llama-cpp"
        else "not local: case text is de-identified first, or not sent"
    )
    return LLMStatus(
        configured=True,
        state="reachable",
        endpoint=config.label,
        local=config.local,
        detail=privacy,
        cache=cache,
    )
