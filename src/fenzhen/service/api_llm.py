"""LLM routes of the JSON API: second opinion, patient explanation and draft note for a stored triage.

Every answer is advisory: the stored assessment is never changed (a clinician changes a level by
reviewing it). Each route reads patient data and is audited as a ``read`` of the assessment with
its purpose. With no model configured, or a model that is down, each route answers 200 with the
rules' result and a note saying why the model was not used; a triage never waits on a model.

Role rules: the second opinion (a model's view on the level) goes to the roles that may act on a
level, i.e. review it (doctor, admin); explanation and draft note to every clinical role; the
model's live status, which names the endpoint, to admins.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Body, Depends, FastAPI, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from fenzhen.llm import DraftNote, Explanation, SecondOpinion
from fenzhen.service.api_clinical import _AUTH_RESPONSES
from fenzhen.service.auth import require
from fenzhen.service.llm_runtime import LlmRuntime, StoredCase, read_case
from fenzhen.store.accounts import Principal

__all__ = [
    "ADVISORY_NOTE",
    "ExplanationOut",
    "LanguageIn",
    "NoteOut",
    "SecondOpinionOut",
    "install",
    "router",
]

router = APIRouter(prefix="/api/v1", tags=["llm"])

ADVISORY_NOTE = "advisory: the stored triage level is unchanged; a clinician decides (review to accept or override)"
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such assessment"}}


class LanguageIn(BaseModel):
    """Which language to write in."""

    model_config = ConfigDict(extra="forbid")

    language: Literal["zh", "en"] = Field("zh", description="zh (简体中文) or en (English).")


class _Stored(BaseModel):
    assessment_id: str
    encounter_id: str
    advisory: bool = True
    advisory_note: str = ADVISORY_NOTE


class SecondOpinionOut(_Stored):
    """The rules' levels (``rules_acuity``, ``rules_china_level``) beside the model's opinion."""

    opinion: SecondOpinion


class ExplanationOut(_Stored):
    """Text to read to the patient and family."""

    explanation: Explanation


class NoteOut(_Stored):
    """A draft for the clinician to edit before it goes into the record (not stored here)."""

    note: DraftNote


def _id() -> Any:
    return Path(min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$")


def _json(model: BaseModel) -> Response:
    return Response(json.dumps(model.model_dump(mode="json"), ensure_ascii=False), media_type="application/json")


def _runtime(request: Request) -> LlmRuntime:
    """The app's `LlmRuntime` (set by `install`)."""
    return request.app.state.llm  # type: ignore[no-any-return]


def _case(request: Request, assessment_id: str, principal: Principal, purpose: str) -> StoredCase:
    return read_case(request.app.state.database, assessment_id, actor=principal.name, purpose=purpose)


@router.post(
    "/assessments/{assessment_id}/second-opinion",
    responses={200: {"model": SecondOpinionOut}, **_NOT_FOUND, **_AUTH_RESPONSES},
)
def llm_second_opinion(
    request: Request, assessment_id: str = _id(), principal: Principal = Depends(require("review"))
) -> Response:
    """The model's acuity and reasoning beside the rules' levels (advisory; audited read).

    ``opinion.acuity`` is the level after the model's opinion by the engine's rule (the most
    urgent of rules and model: it can raise, never lower); the stored level does not change."""
    case = _case(request, assessment_id, principal, "llm_second_opinion")
    out = SecondOpinionOut(
        opinion=_runtime(request).second_opinion(case),
        assessment_id=case.assessment_id,
        encounter_id=case.encounter_id,
    )
    return _json(out)


@router.post(
    "/assessments/{assessment_id}/explanation",
    responses={200: {"model": ExplanationOut}, **_NOT_FOUND, **_AUTH_RESPONSES},
)
def llm_explanation(
    request: Request,
    body: LanguageIn | None = Body(None),
    assessment_id: str = _id(),
    principal: Principal = Depends(require("read_clinical")),
) -> Response:
    """Explain the triage result to the patient and family in Chinese or English (audited read)."""
    case = _case(request, assessment_id, principal, "llm_explanation")
    language = body.language if body is not None else "zh"
    out = ExplanationOut(
        explanation=_runtime(request).explain(case, language),
        assessment_id=case.assessment_id,
        encounter_id=case.encounter_id,
    )
    return _json(out)


@router.post(
    "/assessments/{assessment_id}/note-draft",
    responses={200: {"model": NoteOut}, **_NOT_FOUND, **_AUTH_RESPONSES},
)
def llm_note_draft(
    request: Request,
    body: LanguageIn | None = Body(None),
    assessment_id: str = _id(),
    principal: Principal = Depends(require("read_clinical")),
) -> Response:
    """Draft a structured note (chief complaint, history, vitals, assessment) to edit (audited read)."""
    case = _case(request, assessment_id, principal, "llm_note_draft")
    language = body.language if body is not None else "zh"
    out = NoteOut(
        note=_runtime(request).draft_note(case, language),
        assessment_id=case.assessment_id,
        encounter_id=case.encounter_id,
    )
    return _json(out)


@router.get("/llm/status", responses=_AUTH_RESPONSES)
def llm_status_route(request: Request, principal: Principal = Depends(require("admin"))) -> Response:
    """The model's reachability (no case text sent), this worker's circuit breaker, and the cache."""
    body = json.dumps(_runtime(request).status(), ensure_ascii=False)
    return Response(body, media_type="application/json")


def install(app: FastAPI) -> None:
    """Add the LLM routes, the encounter-page panel and its pages; the model loads on first use."""
    from fenzhen.service import web_llm

    app.state.llm = LlmRuntime(app.state.settings)
    app.include_router(router)
    web_llm.install(app)
