"""JSON API of remote dose adjustment (远程精准调药), sites and prescribing rights.

Role rules (two permissions are added to `fenzhen.service.auth.PERMISSIONS` on import):
``propose_dose`` (nurse, doctor) proposes and lists one's own requests and notifications;
``decide_dose`` (doctor) opens the worklist and decides, and the store further requires
prescribing rights at the request's supervising site and refuses the requester. Reading and
exporting a request needs ``read_clinical`` and is limited by the store to the requester, the
requesting site and the supervising site's prescribers. Sites and staff are ``admin``.

Importing this module also registers the CDS Hooks ``order-sign`` dose check, so it is listed by
``GET /cds-services`` wherever the service runs.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from fenzhen.dosing import DoseOrder, DosePatient
from fenzhen.dosing.schema import Frequency
from fenzhen.errors import InputError
from fenzhen.interop import cds_order_sign  # noqa: F401  (registers the order-sign CDS service)
from fenzhen.interop.fhir_medication import MedicationProposal, medication_request
from fenzhen.service.auth import PERMISSIONS, require
from fenzhen.store import dose_requests as repo
from fenzhen.store.accounts import Principal
from fenzhen.store.sites import SITE_LEVELS, add_site, assign_staff, list_sites

__all__ = [
    "DoseDecisionIn",
    "DoseOrderIn",
    "DoseRequestIn",
    "SiteIn",
    "StaffIn",
    "install",
    "parse_patient",
    "router",
]

PERMISSIONS.setdefault("propose_dose", frozenset({"nurse", "doctor"}))
PERMISSIONS.setdefault("decide_dose", frozenset({"doctor"}))

router = APIRouter(prefix="/api/v1", tags=["dose-requests"])
_AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "no or invalid credentials"},
    403: {"description": "the role or site may not do this"},
    422: {"description": "invalid input, field named"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "no such dose request (or not visible)"}}
_ID = r"^[0-9a-f]{32}$"


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class DoseOrderIn(_Body):
    """An order: drug (any formulary name), amount with unit, frequency code."""

    drug: str = Field(min_length=1, max_length=100)
    dose: str = Field(
        min_length=1, max_length=40, description="Amount with unit: '500 mg', '5 mL', '150 µg'."
    )
    frequency: Frequency
    indication: str | None = Field(None, max_length=60)
    form: str | None = Field(None, max_length=60)
    route: str | None = Field(None, max_length=20)

    def to_order(self) -> DoseOrder:
        return DoseOrder(**self.model_dump())


class DoseRequestIn(_Body):
    """A proposed dose change for a registered patient, with the latest weight (and creatinine)."""

    patient_id: str = Field(pattern=_ID)
    encounter_id: str | None = Field(None, pattern=_ID)
    supervising_site: str | None = Field(None, max_length=32, description="Default: your site's supervisor.")
    order: DoseOrderIn
    current_order: DoseOrderIn | None = None
    patient: dict[str, Any] = Field(
        description="Dosing facts (fenzhen.dosing.DosePatient): age_years, sex, weight_kg (required), "
        "creatinine_umol_l, height_cm, pregnant, breastfeeding, allergies, current_medications, conditions."
    )
    measured_at: str | None = Field(None, max_length=40, description="When weight/creatinine were measured.")
    reason: str = Field(max_length=2000)


class DoseDecisionIn(_Body):
    """Approve, modify (with the new order) or reject; modify and reject need a reason."""

    decision: Literal["approve", "modify", "reject"]
    reason: str | None = Field(None, max_length=2000)
    order: DoseOrderIn | None = None
    acknowledge_critical: bool = Field(
        False, description="Required when the dose check has a critical finding."
    )


class SiteIn(_Body):
    code: str = Field(min_length=1, max_length=32)
    name: str = Field(min_length=1, max_length=100)
    level: Literal["village", "township", "county", "other"]
    supervising_site: str | None = Field(None, max_length=32)


class StaffIn(_Body):
    site: str = Field(min_length=1, max_length=32)
    can_prescribe: bool = False


def _json(data: Any, status: int = 200, media_type: str = "application/json") -> Response:
    return Response(json.dumps(data, ensure_ascii=False), status_code=status, media_type=media_type)


def _id() -> Any:
    return Path(min_length=32, max_length=32, pattern=_ID)


def parse_patient(data: dict[str, Any]) -> DosePatient:
    """Parse the dosing facts, naming a bad field as ``patient.<field>``."""
    try:
        return DosePatient.parse(data)
    except InputError as exc:
        fields = [{**f, "field": "patient." + str(f.get("field", ""))} for f in exc.fields]
        raise InputError(exc.message, fields=fields) from None  # type: ignore[arg-type]


@router.post("/dose-requests", status_code=201, responses={**_AUTH, 404: {"description": "no such patient"}})
def propose(
    request: Request, body: DoseRequestIn, principal: Principal = Depends(require("propose_dose"))
) -> Response:
    """Propose a dose change; it is checked now and waits for a prescriber at the supervising site."""
    proposal = repo.DoseProposal(
        patient_id=body.patient_id,
        encounter_id=body.encounter_id,
        supervising_site=body.supervising_site,
        order=body.order.to_order(),
        current_order=body.current_order.to_order() if body.current_order else None,
        patient=parse_patient(body.patient),
        measured_at=body.measured_at,
        reason=body.reason,
    )
    with request.app.state.database.transaction() as session:
        row = repo.propose_dose_change(session, proposal, actor_id=principal.user_id, actor=principal.name)
        out = {
            "id": row.id,
            "status": row.status,
            "supervising_site": row.supervising_site,
            "max_severity": row.max_severity,
            "findings": json.loads(row.findings_json),
        }
    return _json(out, 201)


@router.get("/dose-requests/worklist", responses=_AUTH)
def worklist(request: Request, principal: Principal = Depends(require("decide_dose"))) -> Response:
    """Pending requests at the caller's site, oldest first (prescribers only)."""
    with request.app.state.database.transaction() as session:
        return _json(
            {"requests": repo.list_pending(session, viewer_id=principal.user_id, actor=principal.name)}
        )


@router.get("/dose-requests/mine", responses=_AUTH)
def mine(request: Request, principal: Principal = Depends(require("propose_dose"))) -> Response:
    """The caller's requests, newest first, each with its state and ``unread``."""
    with request.app.state.database.transaction() as session:
        rows = repo.list_my_requests(session, viewer_id=principal.user_id, actor=principal.name)
    return _json({"requests": rows, "unread": sum(r["unread"] for r in rows)})


@router.get("/dose-requests/notifications", responses=_AUTH)
def notifications(request: Request, principal: Principal = Depends(require("propose_dose"))) -> Response:
    """How many of the caller's requests were decided and not yet opened."""
    with request.app.state.database.transaction() as session:
        return _json({"unread": repo.unread_count(session, principal.user_id)})


@router.get("/dose-requests/{request_id}", responses={**_AUTH, **_NOT_FOUND})
def read(
    request: Request, request_id: str = _id(), principal: Principal = Depends(require("read_clinical"))
) -> Response:
    """A request with its dose check and decisions (audited; opening it clears the notification)."""
    with request.app.state.database.transaction() as session:
        return _json(
            repo.get_dose_request(session, request_id, viewer_id=principal.user_id, actor=principal.name)
        )


@router.post(
    "/dose-requests/{request_id}/decisions",
    status_code=201,
    responses={**_AUTH, **_NOT_FOUND, 409: {"description": "already decided"}},
)
def decide(
    request: Request,
    body: DoseDecisionIn,
    request_id: str = _id(),
    principal: Principal = Depends(require("decide_dose")),
) -> Response:
    """Approve, modify or reject a pending request (prescribers at its supervising site)."""
    decision = repo.DoseDecision(
        decision=body.decision,
        reason=body.reason,
        order=body.order.to_order() if body.order else None,
        acknowledge_critical=body.acknowledge_critical,
    )
    with request.app.state.database.transaction() as session:
        made = repo.decide_dose_request(
            session, request_id, decision, actor_id=principal.user_id, actor=principal.name
        )
        out = {
            "id": made.id,
            "request_id": request_id,
            "decision": made.decision,
            "status": repo.DECISIONS[made.decision],
            "max_severity": made.max_severity,
            "findings": json.loads(made.findings_json),
        }
    return _json(out, 201)


@router.get("/dose-requests/{request_id}/fhir", responses={**_AUTH, **_NOT_FOUND})
def export_fhir(
    request: Request, request_id: str = _id(), principal: Principal = Depends(require("read_clinical"))
) -> Response:
    """The request as a FHIR R4 MedicationRequest (intent proposal; draft, active or cancelled); audited."""
    with request.app.state.database.transaction() as session:
        detail = repo.get_dose_request(
            session, request_id, viewer_id=principal.user_id, actor=principal.name, action="export"
        )
    return _json(
        medication_request(MedicationProposal.model_validate(detail)), media_type="application/fhir+json"
    )


@router.get("/sites", responses=_AUTH)
def sites(request: Request, principal: Principal = Depends(require("read_clinical"))) -> Response:
    """Every site with its level and supervising site."""
    with request.app.state.database.transaction() as session:
        return _json({"sites": list_sites(session), "levels": list(SITE_LEVELS)})


@router.post("/sites", status_code=201, responses={**_AUTH, 409: {"description": "code taken"}})
def create_site(request: Request, body: SiteIn, principal: Principal = Depends(require("admin"))) -> Response:
    """Create a site (admin)."""
    with request.app.state.database.transaction() as session:
        site = add_site(
            session,
            code=body.code,
            name=body.name,
            level=body.level,
            supervising_site=body.supervising_site,
            actor=principal.name,
        )
        return _json({"code": site.code, "level": site.level, "supervising_site": site.supervising_site}, 201)


@router.put("/staff/{user_name}", responses={**_AUTH, 404: {"description": "no such user"}})
def set_staff(
    request: Request,
    body: StaffIn,
    user_name: str = Path(min_length=1, max_length=64),
    principal: Principal = Depends(require("admin")),
) -> Response:
    """Place a user at a site and grant or withdraw prescribing rights there (admin)."""
    with request.app.state.database.transaction() as session:
        row = assign_staff(
            session,
            user_name=user_name,
            site_code=body.site,
            can_prescribe=body.can_prescribe,
            actor=principal.name,
        )
        return _json({"user": user_name, "site": row.site_code, "can_prescribe": row.can_prescribe})


def install(app: Any) -> None:
    """Mount the JSON API and the web pages of dose requests on the service `app`."""
    from fenzhen.service import web_dose_requests

    app.include_router(router)
    app.include_router(web_dose_requests.router)
