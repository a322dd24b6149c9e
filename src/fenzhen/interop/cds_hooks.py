"""CDS Hooks (1.0 / 2.0) plumbing: request model, service registry, prefetch templates.

Why a registry: each CDS service (one hook each, as the spec requires) registers itself here;
discovery lists the registry. The dosing work adds an `order-sign` dose check with
``register(CdsService(id="fenzhen-dose-check", hook="order-sign", ...))`` and nothing else.

References:
    HL7 CDS Hooks 2.0 (https://cds-hooks.hl7.org/2.0/): Discovery, Calling a CDS Service,
    Prefetch template, CDS Service Response, HTTP 412 when required FHIR data cannot be obtained.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

__all__ = [
    "REGISTRY",
    "CdsDataUnavailable",
    "CdsRequest",
    "CdsService",
    "discovery",
    "register",
    "render_prefetch",
]


class FhirAuthorization(BaseModel):
    model_config = ConfigDict(extra="allow")

    access_token: str
    token_type: str = "Bearer"
    expires_in: int | None = None
    scope: str | None = None
    subject: str | None = None


class CdsRequest(BaseModel):
    """A CDS Hooks service request (2.0 field names; 1.0's are the same for these)."""

    model_config = ConfigDict(extra="allow")

    hook: str = Field(min_length=1)
    hookInstance: str = Field(min_length=1)
    context: dict[str, Any]
    fhirServer: str | None = None
    fhirAuthorization: FhirAuthorization | None = None
    prefetch: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _auth_needs_server(self) -> CdsRequest:
        # cds-r-1: if fhirAuthorization is provided, a fhirServer SHALL be specified.
        if self.fhirAuthorization is not None and not self.fhirServer:
            raise ValueError("fhirAuthorization given without fhirServer")
        return self


class CdsDataUnavailable(Exception):
    """The FHIR data a service needs could be neither prefetched nor fetched (HTTP 412)."""


Handler = Callable[[CdsRequest, dict[str, Any], Any], dict[str, Any]]


@dataclass(frozen=True)
class CdsService:
    """One CDS service: discovery fields, prefetch templates and the handler that answers it.

    `handler(request, prefetched, settings)` receives the prefetch data, already completed from
    the EHR's FHIR server where the EHR sent none, and returns ``{"cards": [...]}``.
    """

    id: str
    hook: str
    title: str
    description: str
    prefetch: dict[str, str]
    handler: Handler = field(compare=False)
    usage_requirements: str | None = None

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "hook": self.hook,
            "title": self.title,
            "description": self.description,
            "id": self.id,
            "prefetch": dict(self.prefetch),
        }
        if self.usage_requirements:
            out["usageRequirements"] = self.usage_requirements
        return out


#: Every CDS service Fenzhen offers, by id.
REGISTRY: dict[str, CdsService] = {}


def register(service: CdsService) -> CdsService:
    """Add `service` to the registry (its id must be new)."""
    if service.id in REGISTRY:
        raise ValueError(f"CDS service {service.id!r} is already registered")
    REGISTRY[service.id] = service
    return service


def discovery() -> dict[str, Any]:
    """Return the discovery document: ``{"services": [...]}``."""
    return {"services": [s.describe() for s in REGISTRY.values()]}


_TOKEN = re.compile(r"\{\{\s*context\.([A-Za-z0-9_]+)\s*\}\}")


def render_prefetch(template: str, context: dict[str, Any]) -> str:
    """Fill ``{{context.x}}`` tokens of a prefetch template from the hook context.

    Raises:
        CdsDataUnavailable: when the context lacks a field the template needs.
    """

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if not isinstance(context.get(name), str | int):
            raise CdsDataUnavailable(f"context.{name} is needed by a prefetch template but was not sent")
        return str(context[name])

    return _TOKEN.sub(value, template)
