"""FastAPI routers: `fhir_router` (/fhir) and `cds_router` (/cds-services).

Mount them in the service with two lines (and wire `fenzhen.interop.deps`, see its docstring)::

    from fenzhen.interop.routes import cds_router, fhir_router
    app.include_router(fhir_router); app.include_router(cds_router)

FHIR errors are answered as OperationOutcome with the error class's HTTP status; CDS errors as
``{"error", "message"}`` with 400, 404 or 412. Neither ever includes patient data or tokens.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from fenzhen.errors import FenzhenError
from fenzhen.interop import (
    cds_triage,  # noqa: F401  (registers the triage services)
    deps,
)
from fenzhen.interop.capability import capability_statement
from fenzhen.interop.cds_fetch import complete_prefetch
from fenzhen.interop.cds_hooks import REGISTRY, CdsDataUnavailable, CdsRequest, discovery
from fenzhen.interop.codesystems import codesystem, codesystems
from fenzhen.interop.fhir_export import export_bundle
from fenzhen.interop.fhir_import import import_fhir
from fenzhen.interop.outcome import FhirInputError, FhirIssue, operation_outcome
from fenzhen.interop.record import AssessmentRecord, EncounterRecord, PatientRecord

__all__ = ["FHIR_JSON", "cds_router", "fhir_router"]

FHIR_JSON = "application/fhir+json"
fhir_router = APIRouter(prefix="/fhir", tags=["fhir"])
cds_router = APIRouter(prefix="/cds-services", tags=["cds-hooks"])


def _fhir(body: dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=FHIR_JSON)


def _outcome(exc: FenzhenError) -> JSONResponse:
    issues = (
        exc.issues
        if isinstance(exc, FhirInputError)
        else [
            FhirIssue(
                severity="error",
                code="processing" if exc.http_status >= 500 else "invalid",
                expression="$this",
                diagnostics=exc.message,
            )
        ]
    )
    return _fhir(operation_outcome(issues), exc.http_status)


@fhir_router.get("/metadata")
def fhir_metadata(request: Request) -> JSONResponse:
    """Return the CapabilityStatement (public, as FHIR clients read it before authenticating)."""
    return _fhir(capability_statement(str(request.url_for("fhir_metadata")).removesuffix("/metadata")))


@fhir_router.get("/CodeSystem")
def fhir_codesystems() -> JSONResponse:
    """Return every published CodeSystem as a searchset Bundle (terminology, no patient data)."""
    found = codesystems()
    return _fhir(
        {
            "resourceType": "Bundle",
            "type": "searchset",
            "total": len(found),
            "entry": [{"fullUrl": c["url"], "resource": c, "search": {"mode": "match"}} for c in found],
        }
    )


@fhir_router.get("/CodeSystem/{cs_id}")
def fhir_codesystem(cs_id: str) -> JSONResponse:
    """Return one published CodeSystem."""
    try:
        return _fhir(codesystem(cs_id))
    except FenzhenError as exc:
        return _outcome(exc)


@fhir_router.get("/Encounter/{encounter_id}/$everything")
def fhir_encounter_everything(
    encounter_id: str,
    caller: deps.Caller = Depends(deps.get_caller),  # noqa: B008
    audit: deps.AuditWriter = Depends(deps.get_audit),  # noqa: B008
    load: deps.EncounterLoader = Depends(deps.get_encounter_loader),  # noqa: B008
    settings: deps.InteropSettings = Depends(deps.get_settings),  # noqa: B008
) -> JSONResponse:
    """Export an encounter as a Bundle; identifiers only for roles in `deps.IDENTIFIER_ROLES`."""
    try:
        record = load(encounter_id)
        bundle = export_bundle(
            record, include_identifiers=caller.may_see_identifiers, pseudonym_key=settings.pseudonym_key
        )
    except FenzhenError as exc:
        return _outcome(exc)
    audit(
        actor=caller.actor,
        action="export",
        object_type="encounter",
        object_id=encounter_id,
        detail=f"fhir bundle; identifiers={'yes' if caller.may_see_identifiers else 'pseudonymised'}",
    )
    return _fhir(bundle)


def _patient_resource(payload: Any) -> dict[str, Any] | None:
    """Return the posted Patient (the payload itself or the Bundle's first Patient entry)."""
    if not isinstance(payload, dict):
        return None
    if payload.get("resourceType") == "Patient":
        return payload
    entries = payload.get("entry") if payload.get("resourceType") == "Bundle" else None
    for entry in entries if isinstance(entries, list) else []:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and resource.get("resourceType") == "Patient":
            return resource
    return None


def _assess(
    payload: Any,
    caller: deps.Caller,
    audit: deps.AuditWriter,
    settings: deps.InteropSettings,
    assess: Any,
    record: deps.EncounterRecorder,
    everything_url: Any,
) -> JSONResponse:
    try:
        result = import_fhir(payload)
        assessment = assess(result.intake)
        encounter_id = record(result.intake, assessment, {"fhirPatient": _patient_resource(payload)})
        now = datetime.now(UTC).isoformat(timespec="seconds")
        local_id = encounter_id or str(uuid.uuid4())
        record_ = EncounterRecord(
            id=local_id,
            patient=PatientRecord(id=result.patient_id or local_id),
            arrived_at=now,
            assessments=[
                AssessmentRecord(id=local_id, created_at=now, intake=result.intake, assessment=assessment)
            ],
        )
        bundle = export_bundle(record_, include_identifiers=False, pseudonym_key=settings.pseudonym_key)
    except FenzhenError as exc:
        return _outcome(exc)
    issues = list(result.issues)
    headers: dict[str, str] = {}
    if encounter_id:
        url = str(everything_url(encounter_id))
        page = settings.ui_base_url.rstrip("/") + settings.encounter_path.format(encounter_id=encounter_id)
        bundle["link"] = [{"relation": "related", "url": url}, {"relation": "alternate", "url": page}]
        headers["Location"] = url
        issues.append(
            FhirIssue(
                severity="information",
                code="informational",
                expression="Encounter",
                diagnostics=f"stored as encounter {encounter_id}; read it at {url}, open it at {page}",
            )
        )
    bundle["entry"].insert(0, {"fullUrl": f"urn:uuid:{uuid.uuid4()}", "resource": operation_outcome(issues)})
    audit(
        actor=caller.actor,
        action="assess",
        object_type="encounter" if encounter_id else "fhir-bundle",
        object_id=local_id,
        detail=f"{'stored' if encounter_id else 'stateless'} FHIR assess; "
        f"acuity={assessment.acuity} china_level={assessment.china_level}",
    )
    return JSONResponse(bundle, status_code=201 if encounter_id else 200, media_type=FHIR_JSON, headers=headers)


@fhir_router.post("")
@fhir_router.post("/$assess")
async def fhir_assess(
    request: Request,
    caller: deps.Caller = Depends(deps.get_caller),  # noqa: B008
    audit: deps.AuditWriter = Depends(deps.get_audit),  # noqa: B008
    settings: deps.InteropSettings = Depends(deps.get_settings),  # noqa: B008
    assess: Any = Depends(deps.get_assessor),  # noqa: B008
    record: deps.EncounterRecorder = Depends(deps.get_encounter_recorder),  # noqa: B008
) -> JSONResponse:
    """Assess a posted Bundle (or single resource); answer a Bundle with the triage resources.

    When the host stores it (a wired recorder and a named Patient), the answer is 201 with the
    new encounter's ``$everything`` URL in ``Location`` and ``Bundle.link``, and the Encounter in
    the Bundle carries the stored id; otherwise 200 and nothing is stored.
    """
    try:
        payload = await request.json()
    except ValueError:
        return _fhir(
            operation_outcome(
                [
                    FhirIssue(
                        severity="error",
                        code="structure",
                        expression="$this",
                        diagnostics="body is not valid JSON",
                    )
                ]
            ),
            400,
        )

    def everything_url(encounter_id: str) -> Any:
        return request.url_for("fhir_encounter_everything", encounter_id=encounter_id)

    # In the thread pool: storing an encounter (and a slow store) must not stall the event loop.
    return await run_in_threadpool(_assess, payload, caller, audit, settings, assess, record, everything_url)


def _cds_error(status: int, error: str, message: str) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status_code=status)


@cds_router.get("")
def cds_discovery() -> dict[str, Any]:
    """List Fenzhen's CDS services with their prefetch templates (public, per the spec)."""
    return discovery()


@cds_router.post("/{service_id}")
async def cds_call(
    service_id: str,
    request: Request,
    caller: deps.Caller = Depends(deps.get_cds_caller),  # noqa: B008
    audit: deps.AuditWriter = Depends(deps.get_audit),  # noqa: B008
    settings: deps.InteropSettings = Depends(deps.get_settings),  # noqa: B008
    assess: Any = Depends(deps.get_assessor),  # noqa: B008
    record: deps.EncounterRecorder = Depends(deps.get_encounter_recorder),  # noqa: B008
) -> JSONResponse:
    """Call a CDS service: 200 with cards, 400 bad request, 404 unknown service, 412 data unavailable."""
    service = REGISTRY.get(service_id)
    if service is None:
        return _cds_error(404, "unknown_service", f"no CDS service {service_id[:60]!r}")
    try:
        req = CdsRequest.model_validate(await request.json())
    except ValueError as exc:
        first = getattr(exc, "errors", lambda: [{"loc": (), "msg": "body is not valid JSON"}])()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "body"
        return _cds_error(400, "invalid_request", f"{where}: {first.get('msg', 'invalid')}")
    if req.hook != service.hook:
        return _cds_error(
            400, "invalid_request", f"hook {req.hook[:40]!r} does not match service hook {service.hook!r}"
        )
    if not isinstance(req.context.get("patientId"), str):
        return _cds_error(400, "invalid_request", "context.patientId is required")
    try:
        # Fetching from the EHR's FHIR server blocks for up to the timeout: off the event loop.
        prefetched = await run_in_threadpool(complete_prefetch, service, req, timeout_s=settings.fhir_timeout_s)
    except CdsDataUnavailable as exc:
        return _cds_error(412, "data_unavailable", str(exc))
    from fenzhen.interop.cds_triage import TriageEnv

    answer = await run_in_threadpool(service.handler, req, prefetched, TriageEnv(settings, assess, record))
    audit(
        actor=caller.actor,
        action="cds-call",
        object_type="cds-hook",
        object_id=req.hookInstance[:64],
        detail=f"service={service.id} fhirServer={'given' if req.fhirServer else 'none'}",
    )
    return JSONResponse(answer)
