"""Optional language models, behind guardrails: Fenzhen works fully without any.

Providers (one protocol): `OpenAICompatibleProvider` for any OpenAI-compatible endpoint (vLLM,
Ollama, llama.cpp server, SGLang, LM Studio, hosted DeepSeek/Qwen) and `LlamaCppProvider` for a
GGUF file run in-process (extra ``fenzhen[local-llm]``). `LLMClient` adds, for every provider:
the privacy gate (only local providers see text that is not de-identified), versioned prompts,
a persistent cache for deterministic calls, retries with back-off, a circuit breaker, schema
validation with one retry, and call records without patient identifiers.

Uses: `extract_with_llm` (findings; adds, never removes), `second_opinion` (acuity and reasoning
beside the rules; may raise, never lowers the rules' level),
`explain_for_patient` and `draft_note`. Each falls back to the rules path and says so.
"""

from fenzhen.llm.cache import CacheStats, ResponseCache
from fenzhen.llm.client import Completion, LLMClient
from fenzhen.llm.config import LLMConfig
from fenzhen.llm.errors import CircuitOpen, ProviderCallError, SchemaViolation
from fenzhen.llm.explain import DraftNote, Explanation, draft_note, explain_for_patient
from fenzhen.llm.extraction import ExtractedFinding, FindingExtraction, extract_with_llm
from fenzhen.llm.factory import LLMStatus, build_client, build_provider, llm_status
from fenzhen.llm.openai_compat import OpenAICompatibleProvider
from fenzhen.llm.provider import Provider
from fenzhen.llm.records import CallLog, CallRecord
from fenzhen.llm.resilience import CircuitBreaker
from fenzhen.llm.second_opinion import SecondOpinion, combine_levels, second_opinion
from fenzhen.llm.types import ChatMessage, ChatRequest, ChatResponse, StreamChunk

__all__ = [
    "CacheStats",
    "CallLog",
    "CallRecord",
    "ChatMessage",
    "ChatRequest",
    "ChatResponse",
    "CircuitBreaker",
    "CircuitOpen",
    "Completion",
    "DraftNote",
    "Explanation",
    "ExtractedFinding",
    "FindingExtraction",
    "LLMClient",
    "LLMConfig",
    "LLMStatus",
    "OpenAICompatibleProvider",
    "Provider",
    "ProviderCallError",
    "ResponseCache",
    "SchemaViolation",
    "SecondOpinion",
    "StreamChunk",
    "build_client",
    "build_provider",
    "combine_levels",
    "draft_note",
    "explain_for_patient",
    "extract_with_llm",
    "llm_status",
    "second_opinion",
]
