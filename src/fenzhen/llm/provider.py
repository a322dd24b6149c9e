"""The one protocol every LLM provider implements.

A provider is a thin adapter onto one way of running a model. It knows nothing about triage,
caching or privacy: `fenzhen.llm.client.LLMClient` adds those, identically for every provider.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

from fenzhen.llm.types import ChatRequest, ChatResponse, StreamChunk

__all__ = ["Provider"]


@runtime_checkable
class Provider(Protocol):
    """Runs chat requests against one model.

    Attributes:
        name: the provider kind, e.g. "openai-compatible" or "llama-cpp" (recorded with each call).
        model: the model identifier as the provider knows it.
        is_local: True when the model runs inside the clinic (in-process or on a clinic server);
            only local providers may receive text that has not been de-identified.
    """

    name: str
    model: str
    is_local: bool

    def chat(self, request: ChatRequest) -> ChatResponse:
        """Answer one request.

        Raises:
            ProviderUnavailable: the model did not answer in time or answered with an error.
        """
        ...

    def stream(self, request: ChatRequest) -> Iterator[StreamChunk]:
        """Answer one request piece by piece (answer and reasoning kept apart).

        Raises:
            ProviderUnavailable: the model did not answer in time or answered with an error.
        """
        ...

    def ping(self) -> None:
        """Check that the model can be reached, cheaply.

        Raises:
            ProviderUnavailable: it cannot.
        """
        ...
