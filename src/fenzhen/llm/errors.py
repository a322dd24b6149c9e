"""LLM-specific refinements of `ProviderUnavailable`, so retry logic can tell them apart."""

from __future__ import annotations

from fenzhen.errors import ProviderUnavailable

__all__ = ["CircuitOpen", "ProviderCallError", "SchemaViolation"]


class ProviderCallError(ProviderUnavailable):
    """One call failed; `retryable` says whether trying again can help (timeouts, 5xx, 429)."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class CircuitOpen(ProviderUnavailable):
    """The circuit breaker is open: recent calls failed, so we do not wait on the model now."""


class SchemaViolation(ProviderUnavailable):
    """The model's output did not match the required schema, even after one retry."""
