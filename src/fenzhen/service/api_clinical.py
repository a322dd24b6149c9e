"""Clinical routes of the JSON API: stateless assess, patients, encounters, re-triage, reviews, worklist."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.responses import Response

from fenzhen import Intake, assess
from fenzhen.domain import Assessment
from fenzhen.errors import InputError
from fenzhen.service.api_models import EncounterCreate, PatientIn, Retriage, ReviewIn, StatusIn, intake_schema
from fenzhen.service.auth import require
from fenzhen.store import clinical
from fenzhen.store.accounts import Principal
from fenzhen.store.worklist import build_worklist

__all__ = ["router"]

router = APIRouter(prefix="/api/v1", tags=["clinical"])


def _id() -> Any:
    """A fresh path-parameter spec per route (FastAPI binds a spec to one parameter name)."""
    return Path(min_length=32, max_length=32, pattern=r"^[0-9a-f]{32}$")


_AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "no or invalid credentials"},
    403: {"description": "the role may not do this"},
    422: {"description": "invalid input, field named"},
}


def _json(data: Any, status: int = 200) -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type="application/json")


def _parse_intake(raw: Any) -> tuple[Intake, Assessment]:
    intake = Intake.parse(raw)
    return intake, assess(intake)


async def _body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise InputError.for_field("body", None, "is not valid JSON", "a JSON object") from None


@router.post(
    "/assess",
    responses={200: {"model": Assessment}, **_AUTH_RESPONSES},
    openapi_extra={
        "requestBody": {"required": True, "content": {"application/json": {"schema": intake_schema()}}}
    },
)
async def assess_intake(request: Request, principal: Principal = Depends(require("assess"))) -> Response:
    """Assess one intake without storing anything; returns the Assessment (acuity, china_level, reasons)."""
    _, result = _parse_intake(await _body(request))
    return Response(result.model_dump_json(), media_type="application/json")


@router.post("/patients", status_code=201, responses=_AUTH_RESPONSES)
def create_patient(
    request: Request, body: PatientIn, principal: Principal = Depends(require("register"))
) -> Response:
    """Register a patient; returns its opaque id."""
    with request.app.state.database.transaction() as session:
        row = clinical.create_patient(
            session,
            details=clinical.PatientDetails(**body.model_dump()),
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return _json({"id": row.id}, 201)


@router.get("/patients/{patient_id}", responses={**_AUTH_RESPONSES, 404: {"description": "no such patient"}})
def read_patient(
    request: Request, patient_id: str = _id(), principal: Principal = Depends(require("read_clinical"))
) -> Response:
    """Return a patient's identifiers and encounters (audited)."""
    with request.app.state.database.transaction() as session:
        return _json(clinical.get_patient(session, patient_id, actor=principal.name))


@router.post(
    "/encounters", status_code=201, responses={**_AUTH_RESPONSES, 404: {"description": "no such patient"}}
)
def create_encounter(
    request: Request, body: EncounterCreate, principal: Principal = Depends(require("register"))
) -> Response:
    """Open an encounter with its first triage (for a new or registered patient); returns the assessment."""
    if (body.patient_id is None) == (body.patient is None):
        raise InputError.for_field("patient_id", None, "give exactly one of patient_id and patient")
    intake, result = _parse_intake(body.intake)
    with request.app.state.database.transaction() as session:
        patient_id = body.patient_id
        if body.patient is not None:
            patient_id = clinical.create_patient(
                session,
                details=clinical.PatientDetails(**body.patient.model_dump()),
                actor_id=principal.user_id,
                actor=principal.name,
            ).id
        assert patient_id is not None
        encounter, row = clinical.open_encounter(
            session,
            patient_id=patient_id,
            intake=intake,
            assessment=result,
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return _json(
        {
            "encounter_id": encounter.id,
            "patient_id": patient_id,
            "assessment_id": row.id,
            "assessment": result.model_dump(mode="json"),
        },
        201,
    )


@router.get(
    "/encounters/{encounter_id}", responses={**_AUTH_RESPONSES, 404: {"description": "no such encounter"}}
)
def read_encounter(
    request: Request, encounter_id: str = _id(), principal: Principal = Depends(require("read_clinical"))
) -> Response:
    """Return an encounter with every assessment (history) and review (audited)."""
    with request.app.state.database.transaction() as session:
        return _json(clinical.get_encounter(session, encounter_id, actor=principal.name))


@router.post(
    "/encounters/{encounter_id}/assessments",
    status_code=201,
    responses={
        **_AUTH_RESPONSES,
        404: {"description": "no such encounter"},
        409: {"description": "encounter closed"},
    },
)
def retriage(
    request: Request,
    body: Retriage,
    encounter_id: str = _id(),
    principal: Principal = Depends(require("register")),
) -> Response:
    """Re-triage: a new intake and assessment in the same encounter; earlier ones stay."""
    intake, result = _parse_intake(body.intake)
    with request.app.state.database.transaction() as session:
        row = clinical.add_assessment(
            session,
            encounter_id=encounter_id,
            intake=intake,
            assessment=result,
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return _json({"assessment_id": row.id, "seq": row.seq, "assessment": result.model_dump(mode="json")}, 201)


@router.post(
    "/encounters/{encounter_id}/status", responses={**_AUTH_RESPONSES, 404: {"description": "not found"}}
)
def set_status(
    request: Request,
    body: StatusIn,
    encounter_id: str = _id(),
    principal: Principal = Depends(require("register")),
) -> Response:
    """Mark an encounter waiting, seen (leaves the worklist) or closed."""
    with request.app.state.database.transaction() as session:
        clinical.set_status(session, encounter_id=encounter_id, status=body.status, actor=principal.name)
    return _json({"id": encounter_id, "status": body.status})


@router.post(
    "/assessments/{assessment_id}/reviews",
    status_code=201,
    responses={**_AUTH_RESPONSES, 404: {"description": "no such assessment"}},
)
def review(
    request: Request,
    body: ReviewIn = Body(),
    assessment_id: str = _id(),
    principal: Principal = Depends(require("review")),
) -> Response:
    """Accept or override (level and/or department, with a reason) an assessment; stored beside it."""
    with request.app.state.database.transaction() as session:
        row = clinical.record_review(
            session,
            assessment_id=assessment_id,
            review=clinical.ReviewInput(**body.model_dump()),
            actor_id=principal.user_id,
            actor=principal.name,
        )
    return _json({"id": row.id, "assessment_id": assessment_id, "decision": row.decision}, 201)


@router.get("/worklist", responses=_AUTH_RESPONSES)
def worklist(request: Request, principal: Principal = Depends(require("read_clinical"))) -> Response:
    """Waiting patients: by level, then minutes past the response target; overdue ones escalated."""
    with request.app.state.database.transaction() as session:
        entries = build_worklist(session, actor=principal.name)
    return _json({"entries": [e.as_dict() for e in entries]})
