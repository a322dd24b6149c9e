"""Retries with exponential back-off and a circuit breaker around a provider.

A triage must never wait on a sick model: after `failures` consecutive failures the breaker
opens and calls fail at once (the feature falls back to rules) until `reset_s` has passed; then
one trial call is let through ("half-open"), and its outcome closes or re-opens the breaker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Literal, TypeVar

from fenzhen.errors import ProviderUnavailable
from fenzhen.llm.errors import CircuitOpen, ProviderCallError

__all__ = ["CircuitBreaker", "call_with_retries"]

T = TypeVar("T")


class CircuitBreaker:
    """Count consecutive failures; refuse calls while open.

    Args:
        failures: consecutive failures that open the breaker (≥1).
        reset_s: seconds the breaker stays open before a trial call.
        clock: monotonic clock in seconds (injectable for tests).
    """

    def __init__(
        self, failures: int = 3, reset_s: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.failures = failures
        self.reset_s = reset_s
        self._clock = clock
        self._count = 0
        self._opened_at: float | None = None
        self._trial_running = False
        self._lock = threading.Lock()

    @property
    def state(self) -> Literal["closed", "open", "half-open"]:
        """The breaker's state now."""
        with self._lock:
            return self._state()

    def _state(self) -> Literal["closed", "open", "half-open"]:
        if self._opened_at is None:
            return "closed"
        return "half-open" if self._clock() - self._opened_at >= self.reset_s else "open"

    def before_call(self) -> None:
        """Admit a call or refuse it.

        Raises:
            CircuitOpen: the breaker is open, or a half-open trial call is already running.
        """
        with self._lock:
            state = self._state()
            if state == "open" or (state == "half-open" and self._trial_running):
                assert self._opened_at is not None
                wait_s = max(0.0, self.reset_s - (self._clock() - self._opened_at))
                raise CircuitOpen(
                    f"LLM circuit breaker open after {self._count} failures; next trial in {wait_s:.0f} s"
                )
            if state == "half-open":
                self._trial_running = True

    def record_success(self) -> None:
        """Close the breaker."""
        with self._lock:
            self._count, self._opened_at, self._trial_running = 0, None, False

    def record_failure(self) -> None:
        """Count a failure; open (or re-open) the breaker at the threshold."""
        with self._lock:
            self._count += 1
            self._trial_running = False
            if self._count >= self.failures:
                self._opened_at = self._clock()


def call_with_retries(
    fn: Callable[[], T],
    *,
    breaker: CircuitBreaker,
    max_retries: int,
    backoff_s: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call `fn`, retrying transient failures with doubling back-off, guarded by `breaker`.

    Args:
        fn: the call; it raises `ProviderUnavailable` (or `ProviderCallError`) on failure.
        breaker: the provider's circuit breaker.
        max_retries: attempts after the first (0 = one attempt).
        backoff_s: the first delay; the n-th retry waits ``backoff_s * 2**(n-1)`` seconds.
        sleep: injectable for tests.

    Returns:
        What `fn` returned.

    Raises:
        CircuitOpen: the breaker refused the call.
        ProviderUnavailable: the last attempt failed, or a failure was not retryable.
    """
    attempt = 0
    while True:
        breaker.before_call()
        try:
            result = fn()
        except ProviderUnavailable as exc:
            breaker.record_failure()
            retryable = getattr(exc, "retryable", False) if isinstance(exc, ProviderCallError) else False
            if not retryable or attempt >= max_retries or breaker.state != "closed":
                raise
            sleep(backoff_s * (2**attempt))
            attempt += 1
            continue
        breaker.record_success()
        return result
