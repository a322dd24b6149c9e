"""The dependencies the interop routers need from the service, as overridable FastAPI stubs.

Why stubs: the routers must not import the service or the store (dependencies point inward).
The service wires real implementations in with ``app.dependency_overrides``::

    from fenzhen.interop import deps
    app.dependency_overrides[deps.get_caller] = service_current_user      # -> deps.Caller
    app.dependency_overrides[deps.get_audit] = lambda: service_audit_writer  # -> deps.AuditWriter
    app.dependency_overrides[deps.get_encounter_loader] = lambda: load_encounter_record
    app.dependency_overrides[deps.get_encounter_recorder] = lambda: record_cds_encounter  # optional
    app.dependency_overrides[deps.get_settings] = lambda: deps.InteropSettings(
        ui_base_url="https://clinic.example/", pseudonym_key=key_bytes)

Safe defaults: an unwired `get_caller` refuses every protected route (401); `get_audit` has no
default (an unaudited read of patient data is refused, 503); the encounter loader
says every encounter is unknown (404); the recorder records nothing (``POST /fhir`` then only
assesses, and CDS links point to the intake page).
`GET /cds-services` and `GET /fhir/metadata` are public, as their specs expect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from fastapi import Depends, HTTPException
from pydantic import BaseModel, ConfigDict, Field

from fenzhen.domain import Assessment, Intake
from fenzhen.errors import NotFoundError
from fenzhen.interop.record import EncounterRecord

__all__ = [
    "IDENTIFIER_ROLES",
    "AuditWriter",
    "Caller",
    "EncounterLoader",
    "EncounterRecorder",
    "InteropSettings",
    "get_assessor",
    "get_audit",
    "get_caller",
    "get_cds_caller",
    "get_encounter_loader",
    "get_encounter_recorder",
    "get_settings",
]

#: Roles that may receive patient identifiers in an export; others get a pseudonymised Patient.
IDENTIFIER_ROLES: frozenset[str] = frozenset({"nurse", "doctor"})


class Caller(BaseModel):
    """Who calls: an opaque user id (never a name) and a role (nurse, doctor, admin, ...)."""

    model_config = ConfigDict(frozen=True)

    actor: str
    role: str

    @property
    def may_see_identifiers(self) -> bool:
        return self.role in IDENTIFIER_ROLES


class InteropSettings(BaseModel):
    """Settings of the interop routes (the service fills them from its `Settings`)."""

    model_config = ConfigDict(frozen=True)

    ui_base_url: str = Field("http://127.0.0.1:8000", description="Base URL of Fenzhen's web UI (CDS links).")
    encounter_path: str = Field("/encounters/{encounter_id}", description="UI path of an encounter.")
    intake_path: str = Field("/intake", description="UI path of the intake form (link without an encounter).")
    pseudonym_key: bytes = Field(description="Secret key of patient pseudonyms in exports (HMAC-SHA256).")
    fhir_timeout_s: float = Field(5.0, gt=0, le=60, description="Timeout of calls to an EHR's FHIR server.")
    vitals_max_age_h: float = Field(24.0, gt=0, description="CDS Hooks: ignore vitals older than this.")


class AuditWriter(Protocol):
    def __call__(self, *, actor: str, action: str, object_type: str, object_id: str, detail: str) -> None: ...


EncounterLoader = Callable[[str], EncounterRecord]
#: (intake, assessment, context) → the Fenzhen encounter id for it, or None. The context is the
#: CDS hook's context (``patientId`` …: link to an existing encounter) or, for a Bundle posted to
#: ``/fhir``, ``{"fhirPatient": <the posted Patient resource or None>}`` (store a new encounter).
EncounterRecorder = Callable[[Intake, Assessment, dict[str, object]], str | None]


def get_caller() -> Caller:
    """Return the authenticated caller. Stub: the service overrides it; unwired, it refuses."""
    raise HTTPException(status_code=401, detail="authentication is not configured for the interop routes")


def get_cds_caller(caller: Caller = Depends(get_caller)) -> Caller:  # noqa: B008
    """Return the caller of a CDS service call; by default the same authentication as the API.

    Override it separately when the EHR authenticates with CDS Hooks JWTs instead of API tokens.
    """
    return caller


def get_audit() -> AuditWriter:
    """Return the audit writer. Stub: refuses, because patient data must not be read unaudited."""
    raise HTTPException(status_code=503, detail="audit trail is not configured for the interop routes")


def _unknown(encounter_id: str) -> EncounterRecord:
    raise NotFoundError("encounter not found")


def get_encounter_loader() -> EncounterLoader:
    """Return the function that loads an `EncounterRecord` by id (raises NotFoundError)."""
    return _unknown


def _record_nothing(intake: Intake, assessment: Assessment, context: dict[str, object]) -> str | None:
    return None


def get_encounter_recorder() -> EncounterRecorder:
    """Return the function that stores a posted assessment or finds a CDS patient's encounter (default: none)."""
    return _record_nothing


def get_settings() -> InteropSettings:
    """Return the interop settings. Stub: the service overrides it with its configured key."""
    raise HTTPException(status_code=503, detail="interop settings are not configured (pseudonym key missing)")


def get_assessor() -> Callable[[Intake], Assessment]:
    """Return the assessment function (default `fenzhen.assess`; tests and the service may wrap it)."""
    from fenzhen import assess

    return assess
