"""The conversational part of 导诊: ask the next most useful question, then triage and route.

Deterministic: the next question is the first in `interview_questions.yaml` whose slot is still
unknown and that matters for this patient (pregnancy only for a woman of 12–55; site only when
the complaint names no recognised symptom). A session ends when nothing useful is left to ask,
or at once when the answers reveal a red flag (the triage then runs without waiting).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fenzhen.domain import Assessment, Finding
from fenzhen.errors import InputError
from fenzhen.extract import detect_language, extract_findings
from fenzhen.extract.duration import duration_days_near
from fenzhen.extract.gestation import stated_gestation
from fenzhen.knowledge import load
from fenzhen.knowledge.loader import register
from fenzhen.knowledge.schemas import KnowledgeFile
from fenzhen.routing.care import CareAdvice, FacilityProfile, advise_care
from fenzhen.routing.keywords import match_keywords
from fenzhen.routing.result import RouteResult
from fenzhen.routing.router import route
from fenzhen.routing.text_facts import read_facts
from fenzhen.triage.ages import CHILD_NAMED

__all__ = ["Interview", "InterviewOutcome", "Question"]

_NONE = re.compile(r"^\s*(没有|没|无|否|不是|none|no|nope|n)\s*[.。!！]?\s*$", re.I)
_YES = re.compile(r"^\s*(是|有|对|可能|yes|y|maybe)\s*$", re.I)


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    slot: str
    zh: str
    en: str
    source: str
    age_max_years: float | None = None
    when_concept: str | None = None  # asked only when the complaint names this (un-negated)


class InterviewQuestions(KnowledgeFile):
    questions: list[Question]

    def cited_sources(self) -> set[str]:
        return {q.source for q in self.questions}


register("interview_questions", InterviewQuestions)


class InterviewOutcome(BaseModel):
    """The end of a session: the complaint as built, its triage, department and care level."""

    complaint: str
    assessment: Assessment
    route: RouteResult
    care: CareAdvice


class Interview:
    """One question-and-answer session at the desk.

    Example:
        >>> iv = Interview("不舒服")
        >>> while (q := iv.next_question()) is not None:
        ...     iv.answer(input(iv.text_of(q)))
        >>> outcome = iv.finish()
    """

    def __init__(self, complaint: str, age_years: float | None = None, sex: str | None = None,
                 pregnant: bool | None = None, facility: FacilityProfile | None = None) -> None:
        if not complaint or not complaint.strip():
            raise InputError.for_field("complaint", complaint, "must not be empty", "1 to 5000 characters")
        facts = read_facts(complaint)
        self.parts: list[str] = [complaint.strip()]
        self.slots: dict[str, object] = {"age_years": age_years if age_years is not None else facts.age_years,
                                         "sex": sex or facts.sex,
                                         "pregnant": pregnant if pregnant is not None else facts.pregnant,
                                         "pain_nrs": None}
        self.asked: list[str] = []
        self.language: Literal["zh", "en"] = "en" if detect_language(complaint) == "en" else "zh"
        self.facility = facility
        self._pending: Question | None = None

    @property
    def complaint(self) -> str:
        """The complaint as built from the first words and every answer that describes symptoms."""
        return "，".join(self.parts)

    def _is_thin(self) -> bool:
        found = [f for f in extract_findings(self.complaint) if f.present]
        return not found and not match_keywords(self.complaint)

    def _useful(self, q: Question) -> bool:
        if q.id in self.asked:
            return False
        if q.slot in ("site",):
            return self._is_thin()
        if q.age_max_years is not None and not self._younger_than(q.age_max_years):
            return False
        if q.when_concept is not None and not self._mentions(q.when_concept):
            return False
        if q.slot == "fever_days":
            return not any(duration_days_near(self.complaint, f.start, f.end) for f in self._positive("fever"))
        if q.slot == "gestation_weeks":
            return self.slots["pregnant"] is True and stated_gestation(self.complaint) is None
        if q.slot == "pregnant":
            age = self.slots["age_years"]
            return (self.slots["sex"] == "female" and self.slots["pregnant"] is None
                    and (age is None or 12 <= float(age) <= 55))  # type: ignore[arg-type]
        if q.slot in self.slots:
            return self.slots[q.slot] is None
        return True

    def _positive(self, concept: str) -> list[Finding]:
        return [f for f in extract_findings(self.complaint) if f.concept == concept and f.present]

    def _mentions(self, concept: str) -> bool:
        return bool(self._positive(concept))

    def _younger_than(self, years: float) -> bool:
        """True when the age is below `years` or, with no age yet, the complaint names a child."""
        age = self.slots["age_years"]
        if age is not None:
            return float(age) < years  # type: ignore[arg-type]
        return any(f.concept in CHILD_NAMED for f in extract_findings(self.complaint) if f.present)

    def next_question(self) -> Question | None:
        """Return the next question to ask, or None when the session can end."""
        if self._has_red_flag():
            return None
        questions: InterviewQuestions = load("interview_questions")
        self._pending = next((q for q in questions.questions if self._useful(q)), None)
        return self._pending

    def text_of(self, question: Question) -> str:
        """Return the question in the patient's language."""
        return question.zh if self.language == "zh" else question.en

    def answer(self, text: str) -> None:
        """Record the answer to the pending question.

        Raises:
            InputError: when no question is pending or a number/sex answer cannot be read.
        """
        q = self._pending
        if q is None:
            raise InputError.for_field("answer", text, "no question is pending")
        self.asked.append(q.id)
        self._pending = None
        text = text.strip()
        if q.slot in ("age_years", "pain_nrs"):
            self.slots[q.slot] = _number(text, q.slot, 0, 125 if q.slot == "age_years" else 10)
        elif q.slot == "sex":
            self.slots["sex"] = _sex(text)
        elif q.slot == "pregnant":
            self.slots["pregnant"] = bool(_YES.match(text))
        elif q.slot == "gestation_weeks":
            # Written into the complaint the way a nurse would, so the triage rules read it there.
            weeks = _number(text, "gestation_weeks", 1, 45)
            self.parts.append(f"孕{weeks:g}周" if self.language == "zh" else f"{weeks:g} weeks pregnant")
        elif q.slot == "fever_days":
            days = _number(text, "fever_days", 0, 90)
            self.parts.append(f"发热{days:g}天" if self.language == "zh" else f"fever for {days:g} days")
        elif text and not _NONE.match(text):
            self.parts.append(text)

    def _has_red_flag(self) -> bool:
        from fenzhen import Intake
        from fenzhen.triage.red_flags import red_flag_evidence

        intake = Intake(complaint=self.complaint, age_years=self.slots["age_years"])
        flags, _ = red_flag_evidence(intake, extract_findings(self.complaint))
        return bool(flags)

    def finish(self) -> InterviewOutcome:
        """End the session: triage the built complaint (fenzhen.assess), route it, advise care."""
        from fenzhen import Intake, assess

        fields = {k: v for k, v in self.slots.items() if v is not None}
        if fields.get("sex") == "male":
            fields.pop("pregnant", None)
        assessment = assess(Intake(complaint=self.complaint, **fields))
        result = route(self.complaint, age_years=fields.get("age_years"), sex=fields.get("sex"),  # type: ignore[arg-type]
                       pregnant=fields.get("pregnant"), assessment=assessment)  # type: ignore[arg-type]
        return InterviewOutcome(complaint=self.complaint, assessment=assessment, route=result,
                                care=advise_care(assessment, result, self.facility))


def _number(text: str, field: str, lo: float, hi: float) -> float:
    m = re.search(r"\d+(\.\d+)?", text)
    if not m or not lo <= float(m.group(0)) <= hi:
        raise InputError.for_field(field, text, "is not a number in range", f"{lo:g}–{hi:g}")
    return float(m.group(0))


def _sex(text: str) -> str:
    lowered = text.lower()
    if lowered in ("f", "female", "woman", "女", "女性"):
        return "female"
    if lowered in ("m", "male", "man", "男", "男性"):
        return "male"
    raise InputError.for_field("sex", text, "is not a recognised sex", "female/male or 女/男")
