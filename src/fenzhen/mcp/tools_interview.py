"""MCP tool `interview_next_question`: the follow-up questions of 导诊, with no state on the server.

Mirrors the HTTP interview (``POST /api/v1/interview/start`` and ``/answer``): the server keeps
nothing; each call carries the whole session (the first words of the complaint, what is known,
and every answer so far, each with the id of the question it answers). The tool replays the
answers through `fenzhen.routing.Interview`, which is deterministic, and returns the next question,
or, when nothing useful is left to ask or a red flag appeared, the outcome (triage, department,
care level). An agent calls it first with no answers, asks the patient the returned question,
then calls again with that answer appended. The state is not signed: it only holds what this
same client said, and a client that edits it gets the triage of what it sent.
"""

from __future__ import annotations

from typing import Annotated, Literal

from mcp.server.fastmcp import Context
from pydantic import BaseModel, ConfigDict, Field

from fenzhen.errors import InputError
from fenzhen.mcp.config import config_of
from fenzhen.mcp.registry import mcp_tool
from fenzhen.mcp.tools_routing import FacilityArg
from fenzhen.routing import Interview, InterviewOutcome, default_facility

__all__ = ["AnswerRecord", "InterviewStep", "NextQuestion", "interview_next_question_tool"]


class AnswerRecord(BaseModel):
    """One answer, with the id of the question (as returned) that it answers."""

    model_config = ConfigDict(extra="forbid")

    question_id: str = Field(min_length=1, max_length=64)
    answer: str = Field(max_length=500)


class NextQuestion(BaseModel):
    """The question to ask next; send its answer back with this ``id`` as ``question_id``."""

    id: str
    slot: str = Field(description="What the answer fills: site, onset, age_years, pregnant, …")
    text: str = Field(description="The question in the patient's language.")
    zh: str
    en: str


class InterviewStep(BaseModel):
    """The next question, or (when none is left or a red flag appeared) the outcome."""

    answered: int = Field(description="How many answers were replayed.")
    question: NextQuestion | None
    outcome: InterviewOutcome | None


def _replay(iv: Interview, answers: list[AnswerRecord]) -> None:
    for i, given in enumerate(answers):
        question = iv.next_question()
        if question is None or question.id != given.question_id:
            raise InputError.for_field(
                f"answers.{i}.question_id",
                None,
                "does not match this interview (no such question is pending here)",
                "the question ids as returned, in order",
            )
        try:
            iv.answer(given.answer)
        except InputError as exc:
            first = exc.fields[0] if exc.fields else {}
            raise InputError.for_field(
                f"answers.{i}.answer", None, str(first.get("problem", "cannot be read")), first.get("accepted")
            ) from None


@mcp_tool("interview_next_question")
def interview_next_question_tool(
    ctx: Context,  # type: ignore[type-arg]
    complaint: Annotated[str, Field(min_length=1, max_length=5000, description="The first words of the complaint.")],
    age_years: Annotated[float | None, Field(ge=0, le=125, allow_inf_nan=False)] = None,
    sex: Literal["female", "male"] | None = None,
    pregnant: bool | None = None,
    answers: Annotated[
        list[AnswerRecord] | None, Field(max_length=30, description="Every answer so far, in order.")
    ] = None,
    facility: FacilityArg = None,
) -> InterviewStep:
    """Ask the next follow-up question of 导诊, or give the triage, department and care level.

    Stateless: send the complaint and every answer so far (each with the question id it
    answers); the session ends at once when an answer reveals a red flag.
    """
    profile = default_facility(facility or config_of(ctx).facility)
    iv = Interview(complaint, age_years=age_years, sex=sex, pregnant=pregnant, facility=profile)
    answers = answers or []
    _replay(iv, answers)
    question = iv.next_question()
    if question is None:
        return InterviewStep(answered=len(answers), question=None, outcome=iv.finish())
    shown = NextQuestion(**question.model_dump(include={"id", "slot", "zh", "en"}), text=iv.text_of(question))
    return InterviewStep(answered=len(answers), question=shown, outcome=None)
