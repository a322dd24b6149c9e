"""Second opinion: the model's acuity and reasoning, shown to the clinician beside the rules.

Safety: the model's level is combined with the rules' result as the most urgent of the two, so it
can raise a level and can never lower one. Unlike the learned acuity model (at most one level above
a floor, never a non-urgent complaint), it is not capped: it reads the whole text and is advisory,
shown beside the rules, and the stored level does not change. When the complaint addresses the model (prompt injection),
or the model is down, slow or off-schema, the rules' levels stand and the result says why.
Nothing here blocks a triage: every failure returns a result with ``available=False``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import FenzhenError
from fenzhen.llm.case_view import case_variables
from fenzhen.llm.client import LLMClient
from fenzhen.llm.injection import find_injection
from fenzhen.llm.provider import Provider
from fenzhen.llm.types import clipped_list, clipped_text
from fenzhen.triage.levels import acuity_to_china

__all__ = ["ModelAcuity", "SecondOpinion", "combine_levels", "second_opinion"]

PROMPT = "second_opinion"


class ModelAcuity(BaseModel):
    """The JSON the model must return."""

    acuity: int = Field(ge=1, le=5)
    reasoning: clipped_text(2000)  # type: ignore[valid-type]
    concerns: clipped_list(str, 10) = Field(default_factory=list)  # type: ignore[valid-type]


class SecondOpinion(BaseModel):
    """The model's view of one case, and what it did (or did not do) to the levels."""

    available: bool = Field(description="Whether the model answered with a valid opinion.")
    rules_acuity: int = Field(ge=1, le=5, description="The level from rules and the learned model.")
    rules_china_level: int = Field(ge=1, le=4)
    acuity: int = Field(ge=1, le=5, description="The level after the model's opinion (never less urgent).")
    china_level: int = Field(ge=1, le=4)
    llm_acuity: int | None = Field(None, ge=1, le=5, description="The model's own estimate.")
    raised: bool = Field(False, description="Whether the model's opinion made the level more urgent.")
    applied: bool = Field(False, description="Whether the model's opinion was allowed to move the level.")
    reasoning: str | None = Field(None, description="The model's stated reasons.")
    thinking: str | None = Field(None, description="A reasoning model's slow thinking, if it returned any.")
    concerns: list[str] = Field(default_factory=list)
    injection: str | None = Field(None, description="Text in the complaint that addressed the model.")
    note: str = Field(description="How the opinion relates to the rules, or why there is none.")
    model: str | None = None
    cached: bool = False
    latency_ms: float = 0.0


def combine_levels(rules_acuity: int, rules_china_level: int, llm_acuity: int) -> tuple[int, int]:
    """Combine the model's estimate with the rules as the engine does for the learned model.

    Args:
        rules_acuity: the assessment's acuity (1–5), floors and learned model included.
        rules_china_level: the assessment's China level (1–4).
        llm_acuity: the model's estimate (1–5).

    Returns:
        ``(acuity, china_level)``: the most urgent of each; never less urgent than the rules.
    """
    acuity = min(rules_acuity, llm_acuity)
    return acuity, min(rules_china_level, acuity_to_china(acuity))


def _as_client(provider: LLMClient | Provider) -> LLMClient:
    return provider if isinstance(provider, LLMClient) else LLMClient(provider)


def second_opinion(
    intake: Intake, assessment: Assessment, provider: LLMClient | Provider | None
) -> SecondOpinion:
    """Ask the model for its acuity and reasoning on one case, safely.

    Args:
        intake: the case (the only thing the model sees).
        assessment: the rules' result for the same intake; it is not modified.
        provider: an `LLMClient` (with cache, records, breaker) or a bare provider; None = no model.

    Returns:
        A `SecondOpinion`; with no model, or on any model failure, ``available`` is False and the
        levels are the assessment's.
    """
    base: dict[str, Any] = {
        "rules_acuity": assessment.acuity,
        "rules_china_level": assessment.china_level,
        "acuity": assessment.acuity,
        "china_level": assessment.china_level,
    }
    if provider is None:
        return SecondOpinion(available=False, note="no LLM configured: rules only", **base)
    injection = find_injection(intake.complaint) or find_injection(intake.injury_mechanism or "")
    client = _as_client(provider)
    try:
        done = client.structured(PROMPT, case_variables(intake), ModelAcuity, max_tokens=400)
    except (FenzhenError, OSError, RuntimeError, ValueError) as exc:
        message = exc.message if isinstance(exc, FenzhenError) else type(exc).__name__
        return SecondOpinion(
            available=False,
            injection=injection,
            note=f"LLM second opinion unavailable ({message}): rules only",
            **base,
        )
    answer = done.value
    common: dict[str, Any] = {
        "available": True,
        "llm_acuity": answer.acuity,
        "reasoning": answer.reasoning,
        "thinking": done.reasoning,
        "concerns": answer.concerns,
        "injection": injection,
        "model": done.model,
        "cached": done.cached,
        "latency_ms": done.latency_ms,
    }
    if injection is not None:
        return SecondOpinion(
            note=f"the complaint addresses the model ({injection!r}): its opinion is shown "
            "but not applied; the rules' levels stand",
            **common,
            **base,
        )
    acuity, china = combine_levels(assessment.acuity, assessment.china_level, answer.acuity)
    return SecondOpinion(
        rules_acuity=assessment.acuity,
        rules_china_level=assessment.china_level,
        acuity=acuity,
        china_level=china,
        raised=acuity < assessment.acuity,
        applied=True,
        note=_relation(assessment.acuity, answer.acuity),
        **common,
    )


def _relation(rules: int, llm: int) -> str:
    if llm == rules:
        return f"model agrees with level {rules}"
    if llm < rules:
        return f"model raised the level from {rules} to {llm}: review the whole picture"
    return f"model suggested level {llm}, less urgent than {rules}; the rules' level stands (never lowered)"
