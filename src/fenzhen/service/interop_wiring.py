"""Mount FHIR R4 (/fhir) and CDS Hooks (/cds-services) in the service, with real auth, audit and data.

`fenzhen.interop.routes` holds the routers; `fenzhen.interop.deps` declares what they need as
stubs. Here each stub is overridden:

- ``get_caller``: the service's `Principal` (API token or web session; a session write needs its
  CSRF token), admitted when its role holds the ``read_clinical`` permission (every clinical role
  today). The interop `Caller.actor` is the opaque user id; audit events name the user as the rest
  of the service does.
- ``get_audit``: appends to the store's hash-chained audit trail in its own transaction. Interop
  actions the store does not list (``assess``, ``cds-call``) are written as ``read`` with the
  original action in the detail, since both read patient data sent by the caller.
- ``get_encounter_loader``: builds an `EncounterRecord` from the store, identifiers included
  (the export drops them for roles outside `deps.IDENTIFIER_ROLES`, and for those roles the
  loader also de-identifies the free text: complaint and review reasons), with department and
  care level from `tools_care`.
- ``get_settings``: the UI base URL (``public_base_url`` or http://host:port) and the pseudonym key.
- ``get_encounter_recorder``: `fenzhen.service.interop_recorder` — a Bundle posted to ``/fhir``
  with a named Patient registers the patient (or finds it again by its identifiers) and stores an
  encounter with the intake and assessment, audited; CDS cards link to the patient's open
  encounter when an HIS posted one before, and to the intake page otherwise.

The pseudonym key (HMAC key of patient pseudonyms in exports) is generated at random on first
start into ``<data_dir>/pseudonym.key`` (mode 0600, created exclusively so that several workers
starting together agree on one key) and never appears in code, settings output or logs. Back it up
with the database: without it, pseudonyms of later exports no longer match earlier ones.

Public by explicit exception, as their specifications expect clients to read them before
authenticating: ``GET /cds-services`` (discovery), ``GET /fhir/metadata`` (CapabilityStatement)
and ``GET /fhir/CodeSystem[/id]`` (terminology, no patient data). Everything else needs a token
or session and is audited. The routers stay out of the OpenAPI document, which describes the
/api/v1 JSON API and its one error envelope; FHIR errors are OperationOutcomes.
"""

from __future__ import annotations

import logging
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.routing import APIRoute

from fenzhen.errors import ForbiddenError, PrivacyError
from fenzhen.interop import deps
from fenzhen.interop.routes import cds_router, fhir_router
from fenzhen.service.auth import PERMISSIONS, check_csrf, current_principal
from fenzhen.service.interop_recorder import recorder as _recorder
from fenzhen.service.tools_care import load_facility
from fenzhen.service.tools_export import redact_free_text
from fenzhen.service.tools_record import load_encounter_record
from fenzhen.settings import Settings
from fenzhen.store.accounts import Principal
from fenzhen.store.audit import ACTIONS, append_event

__all__ = ["KEY_FILE_NAME", "PUBLIC_PATHS", "load_or_create_key", "wire"]

log = logging.getLogger("fenzhen.service")
KEY_FILE_NAME = "pseudonym.key"
KEY_BYTES = 32
#: Interop paths that answer without credentials (by the FHIR and CDS Hooks specifications).
PUBLIC_PATHS: frozenset[str] = frozenset(
    {"/cds-services", "/fhir/metadata", "/fhir/CodeSystem", "/fhir/CodeSystem/{cs_id}"}
)
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def load_or_create_key(data_dir: Path) -> bytes:
    """Return the clinic's pseudonym key, creating a random one (mode 0600) on first start.

    Args:
        data_dir: the service's data directory.

    Returns:
        The 32-byte key.

    Raises:
        PrivacyError: when the key file exists but does not hold a 64-hex-digit key.
    """
    path = data_dir / KEY_FILE_NAME
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(KEY_BYTES) + "\n")
    if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        log.warning("%s is readable by other users; chmod 600 it", KEY_FILE_NAME)
    text = path.read_text("ascii", errors="replace").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise PrivacyError(f"{KEY_FILE_NAME} in the data directory does not hold a {KEY_BYTES}-byte hex key")
    return key


def _caller(request: Request, principal: Principal = Depends(current_principal)) -> deps.Caller:  # noqa: B008
    if principal.role not in PERMISSIONS["read_clinical"]:
        raise ForbiddenError(f"the {principal.role} role may not use the FHIR or CDS Hooks services")
    if request.method in _UNSAFE:
        check_csrf(principal, request.headers.get("x-csrf-token"))
    return deps.Caller(actor=principal.user_id, role=principal.role)


def _audit(request: Request, principal: Principal = Depends(current_principal)) -> deps.AuditWriter:  # noqa: B008
    database = request.app.state.database

    def write(*, actor: str, action: str, object_type: str, object_id: str, detail: str) -> None:
        stored = action if action in ACTIONS else "read"
        facts: dict[str, Any] = {"detail": detail[:200]}
        if stored != action:
            facts["event"] = action
        with database.transaction() as session:
            append_event(
                session,
                actor=principal.name,
                action=stored,
                object_type=object_type,
                object_id=object_id[:64],
                detail=facts,
            )

    return write  # type: ignore[return-value]


def _loader(request: Request, caller: deps.Caller = Depends(deps.get_caller)) -> Callable[[str], Any]:  # noqa: B008
    database = request.app.state.database
    facility = load_facility(request.app.state.settings.facility_profile)

    def load(encounter_id: str) -> Any:
        with database.transaction() as session:
            record = load_encounter_record(session, encounter_id, facility)
        return record if caller.may_see_identifiers else redact_free_text(record)

    return load


def _base_url(settings: Settings) -> str:
    return settings.public_base_url.rstrip("/") or f"http://{settings.host}:{settings.port}"


def wire(app: FastAPI) -> None:
    """Mount the FHIR and CDS Hooks routes on `app` with the service's implementations of `deps`.

    Why not ``app.dependency_overrides``: while that dict is not empty, FastAPI rebuilds every
    dependency of every route of the app from its signature on every request (profiled: a third
    of the event loop's time on ``POST /api/v1/assess``). The interop routes are therefore added
    one by one with their own overrides provider, and the rest of the app keeps none.

    Needs ``app.state.settings`` and ``app.state.database`` (set by `create_app`).
    """
    settings: Settings = app.state.settings
    interop_settings = deps.InteropSettings.model_validate(
        {"ui_base_url": _base_url(settings), "pseudonym_key": load_or_create_key(settings.data_dir)}
    )
    app.state.pseudonym_key = interop_settings.pseudonym_key
    overrides = _Overrides(
        {
            deps.get_caller: _caller,
            deps.get_audit: _audit,
            deps.get_encounter_loader: _loader,
            deps.get_encounter_recorder: _recorder,
            deps.get_settings: lambda: interop_settings,
        }
    )
    for router in (fhir_router, cds_router):
        for route in router.routes:
            assert isinstance(route, APIRoute)
            app.router.routes.append(
                APIRoute(
                    route.path,
                    route.endpoint,
                    methods=route.methods,
                    name=route.name,
                    include_in_schema=False,
                    dependency_overrides_provider=overrides,
                )
            )


class _Overrides:
    """The interop routes' own dependency overrides (see `wire`: never ``app.dependency_overrides``)."""

    def __init__(self, overrides: dict[Callable[..., Any], Callable[..., Any]]) -> None:
        self.dependency_overrides = overrides
