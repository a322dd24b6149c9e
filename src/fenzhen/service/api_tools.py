"""Tool routes of the JSON API: routing (导诊), care level, follow-up questions, de-identification,
the de-identified or FHIR export of an encounter, dose calculation and order checks.

Each route is a thin door onto the domain package that does the work (`fenzhen.routing`,
`fenzhen.privacy`, `fenzhen.dosing`, `fenzhen.interop`), so the API, CLI and MCP never disagree.
Stateless tools need the ``assess`` permission; the export reads patient data and needs
``read_clinical`` and is audited as ``export``.

The interview keeps no state on the server: each response carries the whole session (the
complaint, what is known and every answer so far) and the client sends it back with the next
answer. The server replays the answers through `fenzhen.routing.Interview`, which is
deterministic, so any worker behind a load balancer can answer, and nothing outlives the
request. The state is not signed: it only holds what this same client told us, and a client that
edits it gets the triage of what it sent, as it would from ``POST /care``.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.responses import Response

from fenzhen import Intake, assess
from fenzhen.dosing import DoseOrder, DosePatient, calculate_dose, check_order
from fenzhen.dosing.result import DoseResult
from fenzhen.errors import InputError
from fenzhen.interop import export_bundle
from fenzhen.interop.deps import IDENTIFIER_ROLES
from fenzhen.privacy import deidentify
from fenzhen.routing import Interview, RouteResult, route
from fenzhen.service.api_clinical import _AUTH_RESPONSES, _body
from fenzhen.service.api_models import intake_schema
from fenzhen.service.auth import require
from fenzhen.service.tools_care import Facility, load_facility, route_and_care
from fenzhen.service.tools_export import deidentified_export, redact_free_text
from fenzhen.service.tools_models import (
    AnswerRecord,
    CareOut,
    DeidIn,
    DeidOut,
    DoseCheckIn,
    DoseCheckOut,
    DoseIn,
    DosePatientIn,
    InterviewAnswerIn,
    InterviewOut,
    InterviewStartIn,
    InterviewState,
    QuestionOut,
    RouteIn,
)
from fenzhen.service.tools_record import load_encounter_record
from fenzhen.store.accounts import Principal
from fenzhen.store.audit import append_event

__all__ = ["install", "router"]

router = APIRouter(prefix="/api/v1", tags=["tools"])
FHIR_JSON = "application/fhir+json"


def _json(data: Any, media_type: str = "application/json") -> Response:
    return Response(json.dumps(data, ensure_ascii=False), media_type=media_type)


def _facility(request: Request) -> Facility:
    return load_facility(request.app.state.settings.facility_profile)


@router.post("/route", responses={200: {"model": RouteResult}, **_AUTH_RESPONSES})
def route_complaint(body: RouteIn, principal: Principal = Depends(require("assess"))) -> Response:
    """Suggest a department (first and second level) with probability, alternatives and the words
    that drove it; level 1–2 triage, children, pregnancy and sex rules come first."""
    result = route(body.text, age_years=body.age_years, sex=body.sex, pregnant=body.pregnant)
    return Response(result.model_dump_json(), media_type="application/json")


@router.post(
    "/care",
    responses={200: {"model": CareOut}, **_AUTH_RESPONSES},
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": intake_schema()}}}
    },
)
async def care(request: Request, principal: Principal = Depends(require("assess"))) -> Response:
    """Assess an intake, route it, and advise the level of care for this clinic's facility, with reasons."""
    intake = Intake.parse(await _body(request))
    assessment = assess(intake)
    advice = route_and_care(intake, assessment, _facility(request))
    out = CareOut(assessment=assessment, **advice.model_dump())
    return Response(out.model_dump_json(), media_type="application/json")


def _replay(state: InterviewState, facility: Facility) -> Interview:
    iv = Interview(
        state.complaint,
        age_years=state.age_years,
        sex=state.sex,
        pregnant=state.pregnant,
        facility=facility.profile,
    )
    for i, given in enumerate(state.answers):
        question = iv.next_question()
        if question is None or question.id != given.question_id:
            raise InputError.for_field(
                f"state.answers.{i}.question_id",
                None,
                "does not match this interview",
                "the state as last returned",
            )
        iv.answer(given.answer)
    return iv


def _step(iv: Interview, state: InterviewState) -> Response:
    question = iv.next_question()
    out = InterviewOut(
        state=state,
        question=None
        if question is None
        else QuestionOut(
            **question.model_dump(include={"id", "slot", "zh", "en"}), text=iv.text_of(question)
        ),
        outcome=iv.finish() if question is None else None,
    )
    return Response(out.model_dump_json(), media_type="application/json")


@router.post("/interview/start", responses={200: {"model": InterviewOut}, **_AUTH_RESPONSES})
def interview_start(
    request: Request, body: InterviewStartIn, principal: Principal = Depends(require("assess"))
) -> Response:
    """Start a session of follow-up questions; returns the first question (or the outcome at once)."""
    state = InterviewState(**body.model_dump())
    return _step(_replay(state, _facility(request)), state)


@router.post("/interview/answer", responses={200: {"model": InterviewOut}, **_AUTH_RESPONSES})
def interview_answer(
    request: Request, body: InterviewAnswerIn, principal: Principal = Depends(require("assess"))
) -> Response:
    """Answer the pending question (send back the state as returned).

    Returns the next question, or the outcome when none is left."""
    iv = _replay(body.state, _facility(request))
    question = iv.next_question()
    if question is None:
        raise InputError.for_field("answer", None, "no question is pending: the interview has ended")
    try:
        iv.answer(body.answer)
    except InputError as exc:
        first = exc.fields[0] if exc.fields else {}
        raise InputError.for_field(
            "answer", None, str(first.get("problem", "cannot be read")), first.get("accepted")
        ) from None
    answers = [*body.state.answers, AnswerRecord(question_id=question.id, answer=body.answer)]
    return _step(iv, body.state.model_copy(update={"answers": answers}))


@router.post("/deid/text", responses={200: {"model": DeidOut}, **_AUTH_RESPONSES})
def deid_text(request: Request, body: DeidIn, principal: Principal = Depends(require("assess"))) -> Response:
    """De-identify clinical text (tag, mask, or the clinic's keyed pseudonyms); clinical numbers are kept.

    The text is never logged; spans give offsets and the kind of identifier, never its value."""
    result = deidentify(body.text, body.operator, request.app.state.pseudonym_key, language=body.language)
    return _json(result.to_dict())


@router.get(
    "/encounters/{encounter_id}/export",
    responses={
        200: {"description": "de-identified JSON, or a FHIR R4 Bundle with format=fhir"},
        404: {"description": "no such encounter"},
        **_AUTH_RESPONSES,
    },
)
def export_encounter(
    request: Request,
    encounter_id: str = Path(min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$"),
    format: Literal["json", "fhir"] = Query("json", description="json: de-identified; fhir: FHIR R4 Bundle"),  # noqa: A002
    principal: Principal = Depends(require("read_clinical")),
) -> Response:
    """Export an encounter: de-identified JSON, or a FHIR Bundle whose Patient carries identifiers
    only for roles with identifier rights (pseudonymised otherwise). Audited as ``export``."""
    key: bytes = request.app.state.pseudonym_key
    facility = _facility(request)
    identifiers = format == "fhir" and principal.role in IDENTIFIER_ROLES
    with request.app.state.database.transaction() as session:
        record = load_encounter_record(session, encounter_id, facility)
        append_event(
            session,
            actor=principal.name,
            action="export",
            object_type="encounter",
            object_id=encounter_id,
            detail={"format": format, "identifiers": "yes" if identifiers else "no"},
        )
    if format == "fhir":
        shared = record if identifiers else redact_free_text(record)
        return _json(export_bundle(shared, include_identifiers=identifiers, pseudonym_key=key), FHIR_JSON)
    latest = record.latest
    advice = route_and_care(latest.intake, latest.assessment, facility)
    care_json = {
        "department": advice.route.department_display,
        "subdepartment": advice.route.subdepartment,
        "care": advice.care.care,
        "reason_en": advice.care.reason_en,
        "reason_zh": advice.care.reason_zh,
    }
    return _json(deidentified_export(record, key, care_json))


@router.post("/dose", responses={200: {"model": DoseResult}, **_AUTH_RESPONSES})
def dose(body: DoseIn, principal: Principal = Depends(require("assess"))) -> Response:
    """Calculate a dose from the formulary: dose, volume or tablets, frequency, caps, findings and sources."""
    result = calculate_dose(body.drug, body.indication, **body.model_dump(exclude={"drug", "indication"}))
    return Response(result.model_dump_json(), media_type="application/json")


def _prefixed(prefix: str, exc: InputError) -> InputError:
    first = exc.fields[0] if exc.fields else {"field": "", "problem": exc.message}
    value = first.get("value")
    return InputError.for_field(
        f"{prefix}.{first.get('field')}".rstrip("."),
        value if isinstance(value, int | float) else None,
        str(first.get("problem", "is invalid")),
        first.get("accepted"),
    )


@router.post("/dose/check", responses={200: {"model": DoseCheckOut}, **_AUTH_RESPONSES})
def dose_check(body: DoseCheckIn, principal: Principal = Depends(require("assess"))) -> Response:
    """Check a proposed order for a patient: caps, range, frequency, renal/hepatic, unit slips,
    interactions, allergy, contraindications, pregnancy. Findings, most urgent first; nothing is blocked."""
    try:
        patient = DosePatient.parse(body.patient.model_dump())
    except InputError as exc:
        raise _prefixed("patient", exc) from None
    try:
        findings = check_order(DoseOrder(**body.order.model_dump()), patient)
    except InputError as exc:
        field = exc.fields[0].get("field") if exc.fields else ""
        raise _prefixed("patient" if field in DosePatientIn.model_fields else "order", exc) from None
    return _json(DoseCheckOut(findings=findings).model_dump(mode="json"))


def install(app: FastAPI) -> None:
    """Add the tool API, the dose calculator page and the encounter-page panels to `app`."""
    from fenzhen.service import tools_web

    app.include_router(router)
    tools_web.install(app)
