"""Explanations for patients and families, and a draft structured note for the clinician.

Both restate an assessment that the rules already made; the model only words it. With no model
(or a failing one) the same content comes from a plain template, and the result says so, so the
triage desk always has something to hand over.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import FenzhenError
from fenzhen.llm.case_view import vitals_line
from fenzhen.llm.client import LLMClient
from fenzhen.llm.provider import Provider
from fenzhen.llm.types import clipped_text

__all__ = ["DraftNote", "Explanation", "NoteFields", "draft_note", "explain_for_patient"]

Language = Literal["zh", "en"]
_MAX_REASONS = 3


class Explanation(BaseModel):
    """Plain-language text for the patient and family."""

    text: str
    language: Language
    llm_used: bool
    note: str
    model: str | None = None


class NoteFields(BaseModel):
    """The JSON the model must return for a note (also the template's output)."""

    chief_complaint: clipped_text(1000)  # type: ignore[valid-type]
    history: clipped_text(3000)  # type: ignore[valid-type]
    vitals: clipped_text(1000)  # type: ignore[valid-type]
    assessment: clipped_text(2000)  # type: ignore[valid-type]


class DraftNote(NoteFields):
    """A draft triage note: the clinician edits and signs it."""

    llm_used: bool
    note: str
    model: str | None = None


def _reasons(assessment: Assessment, language: Language) -> str:
    picked = [e.text_zh if language == "zh" else e.text_en for e in assessment.evidence[:_MAX_REASONS]]
    if not picked:
        return "无特殊危险征象" if language == "zh" else "no danger signs found"
    return ("；" if language == "zh" else "; ").join(picked)


def _level_name(assessment: Assessment, language: Language) -> str:
    info = assessment.acuity_info
    return info.name_zh if language == "zh" else info.name_en


def _template_explanation(assessment: Assessment, language: Language) -> str:
    minutes = assessment.acuity_info.response_minutes
    if language == "zh":
        return (
            f"分诊结果：{_level_name(assessment, 'zh')}，预计{minutes}分钟内接诊。"
            f"主要原因：{_reasons(assessment, 'zh')}。"
            "等待期间如感觉加重或出现新的不适，请立即告诉医护人员。具体诊治由医生和护士决定。"
        )
    return (
        f"Triage result: {_level_name(assessment, 'en')}; you should be seen within {minutes} minutes. "
        f"Main reasons: {_reasons(assessment, 'en')}. If you feel worse or notice anything new while "
        "waiting, tell the staff at once. The doctor or nurse will decide your care."
    )


def _client(provider: LLMClient | Provider) -> LLMClient:
    return provider if isinstance(provider, LLMClient) else LLMClient(provider)


def _failure(exc: Exception) -> str:
    return exc.message if isinstance(exc, FenzhenError) else type(exc).__name__


def explain_for_patient(
    assessment: Assessment, provider: LLMClient | Provider | None, *, language: Language = "zh"
) -> Explanation:
    """Explain the triage result to the patient and family.

    Args:
        assessment: the result to explain (only its levels and reasons are sent to the model).
        provider: an `LLMClient` or provider; None = template.
        language: "zh" or "en".

    Returns:
        The explanation; from the template when there is no model or it fails (``llm_used`` False).
    """
    template = _template_explanation(assessment, language)
    if provider is None:
        return Explanation(
            text=template, language=language, llm_used=False, note="no LLM configured: template"
        )
    red = ", ".join(f.name_zh if language == "zh" else f.name_en for f in assessment.red_flags)
    variables = {
        "language": "简体中文" if language == "zh" else "English",
        "level_name": _level_name(assessment, language),
        "response_minutes": assessment.acuity_info.response_minutes,
        "reasons": _reasons(assessment, language),
        "warning_signs": red or ("任何加重或新的不适" if language == "zh" else "feeling worse in any way"),
    }
    try:
        response = _client(provider).text("explain_patient", variables, max_tokens=300)
    except (FenzhenError, OSError, RuntimeError, ValueError) as exc:
        return Explanation(
            text=template,
            language=language,
            llm_used=False,
            note=f"LLM unavailable ({_failure(exc)}): template",
        )
    if not response.content.strip():
        return Explanation(
            text=template, language=language, llm_used=False, note="LLM gave no text: template"
        )
    return Explanation(
        text=response.content.strip(),
        language=language,
        llm_used=True,
        model=response.model,
        note="worded by the LLM from the rules' result; the levels are the rules'",
    )


def draft_note(
    intake: Intake,
    assessment: Assessment,
    provider: LLMClient | Provider | None,
    *,
    language: Language = "zh",
) -> DraftNote:
    """Draft a structured triage note (chief complaint, history, vitals, assessment) to edit.

    Args:
        intake: the case.
        assessment: the rules' result.
        provider: an `LLMClient` or provider; None = template.
        language: language of the note.

    Returns:
        The draft; the vitals line is always the measured values, whatever the model wrote.
    """
    vitals = vitals_line(intake)
    level = _level_name(assessment, language)
    level += f" (acuity {assessment.acuity}, China level {assessment.china_level})"
    template = NoteFields(
        chief_complaint=intake.complaint[:1000],
        history="未记录（由临床医生补充）" if language == "zh" else "not recorded (to be completed)",
        vitals=vitals,
        assessment=f"{level}: {_reasons(assessment, language)}",
    )
    if provider is None:
        return DraftNote(**template.model_dump(), llm_used=False, note="no LLM configured: template")
    variables = {
        "language": "简体中文" if language == "zh" else "English",
        "age": f"{intake.age_years:g}" if intake.age_years is not None else "not recorded",
        "sex": intake.sex.value if intake.sex else "not recorded",
        "vitals": vitals,
        "level_name": level,
        "reasons": _reasons(assessment, language),
        "case_text": intake.complaint,
    }
    try:
        done = _client(provider).structured("draft_note", variables, NoteFields, max_tokens=600)
    except (FenzhenError, OSError, RuntimeError, ValueError) as exc:
        return DraftNote(
            **template.model_dump(), llm_used=False, note=f"LLM unavailable ({_failure(exc)}): template"
        )
    # Measured values are facts: never let a model's rewording of them into the record.
    fields = done.value.model_dump() | {"vitals": vitals}
    return DraftNote(
        **fields, llm_used=True, model=done.model, note="drafted by the LLM: check every line before signing"
    )
