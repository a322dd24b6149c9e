"""Retries with back-off and the circuit breaker, on a controlled clock."""

from __future__ import annotations

import pytest

from fenzhen.errors import ProviderUnavailable
from fenzhen.llm import CircuitBreaker, CircuitOpen, ProviderCallError
from fenzhen.llm.resilience import call_with_retries


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def flaky(failures: int, *, retryable: bool = True) -> tuple[list[int], object]:
    calls: list[int] = []

    def fn() -> str:
        calls.append(1)
        if len(calls) <= failures:
            raise ProviderCallError("boom", retryable=retryable)
        return "ok"

    return calls, fn


def test_transient_failure_is_retried_with_doubling_backoff() -> None:
    calls, fn = flaky(2)
    sleeps: list[float] = []
    result = call_with_retries(
        fn, breaker=CircuitBreaker(failures=5), max_retries=2, backoff_s=0.5, sleep=sleeps.append
    )
    assert result == "ok" and len(calls) == 3 and sleeps == [0.5, 1.0]


def test_gives_up_after_max_retries() -> None:
    calls, fn = flaky(9)
    with pytest.raises(ProviderCallError):
        call_with_retries(
            fn, breaker=CircuitBreaker(failures=9), max_retries=1, backoff_s=0, sleep=lambda s: None
        )
    assert len(calls) == 2


def test_non_retryable_failure_is_not_retried() -> None:
    calls, fn = flaky(1, retryable=False)
    with pytest.raises(ProviderCallError):
        call_with_retries(fn, breaker=CircuitBreaker(), max_retries=3, backoff_s=0, sleep=lambda s: None)
    assert len(calls) == 1


def test_breaker_opens_refuses_then_half_opens_and_closes() -> None:
    clock = Clock()
    breaker = CircuitBreaker(failures=2, reset_s=30, clock=clock)
    calls, fn = flaky(2)
    for _ in range(2):
        with pytest.raises(ProviderUnavailable):
            call_with_retries(fn, breaker=breaker, max_retries=0, backoff_s=0)
    assert breaker.state == "open"
    with pytest.raises(CircuitOpen, match="next trial in 30 s"):
        call_with_retries(fn, breaker=breaker, max_retries=0, backoff_s=0)
    assert len(calls) == 2  # refused without calling the model
    clock.now = 30.0
    assert breaker.state == "half-open"
    assert call_with_retries(fn, breaker=breaker, max_retries=0, backoff_s=0) == "ok"
    assert breaker.state == "closed"


def test_failed_trial_reopens_and_only_one_trial_runs() -> None:
    clock = Clock()
    breaker = CircuitBreaker(failures=1, reset_s=10, clock=clock)
    breaker.record_failure()
    clock.now = 10.0
    breaker.before_call()  # the trial
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # a second caller while the trial runs
    breaker.record_failure()
    assert breaker.state == "open"


def test_open_breaker_stops_retries() -> None:
    calls, fn = flaky(9)
    with pytest.raises(ProviderCallError):
        call_with_retries(
            fn, breaker=CircuitBreaker(failures=1), max_retries=3, backoff_s=0, sleep=lambda s: None
        )
    assert len(calls) == 1
