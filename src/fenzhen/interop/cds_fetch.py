"""Complete a CDS request's prefetch: use what the EHR sent, fetch the rest from its FHIR server.

Why: the CDS Hooks spec lets an EHR send prefetch data partly or not at all; the service must
then query `fhirServer` itself with the bearer `fhirAuthorization.access_token`, and answer 412
when it cannot (no server, refused token, server down). The token is never logged or echoed.
"""

from __future__ import annotations

from typing import Any

import httpx

from fenzhen.interop.cds_hooks import CdsDataUnavailable, CdsRequest, CdsService, render_prefetch

__all__ = ["complete_prefetch"]


def _fetch(client: httpx.Client, base: str, query: str, token: str | None) -> Any:
    headers = {"Accept": "application/fhir+json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        response = client.get(f"{base.rstrip('/')}/{query}", headers=headers)
    except httpx.HTTPError as exc:
        raise CdsDataUnavailable(f"the EHR's FHIR server did not answer ({type(exc).__name__})") from None
    if response.status_code in (401, 403):
        raise CdsDataUnavailable(
            f"the EHR's FHIR server refused the access token (HTTP {response.status_code}); "
            "it may have expired"
        )
    if response.status_code == 404:
        return None
    if response.status_code >= 400:
        raise CdsDataUnavailable(f"the EHR's FHIR server answered HTTP {response.status_code}")
    try:
        return response.json()
    except ValueError:
        raise CdsDataUnavailable("the EHR's FHIR server sent a body that is not JSON") from None


def _usable(value: Any) -> bool:
    # CDS Hooks 2.0: a prefetch key may hold null (nothing found) or an OperationOutcome (failed).
    return isinstance(value, dict) and value.get("resourceType") != "OperationOutcome"


def complete_prefetch(service: CdsService, request: CdsRequest, *, timeout_s: float) -> dict[str, Any]:
    """Return ``{prefetch key: resource or Bundle or None}`` for every template of `service`.

    Args:
        service: the service whose templates are needed.
        request: the CDS request (prefetch, fhirServer, fhirAuthorization).
        timeout_s: timeout of each FHIR call, seconds.

    Raises:
        CdsDataUnavailable: a key is missing and cannot be fetched.
    """
    given = request.prefetch or {}
    out: dict[str, Any] = {}
    missing = []
    for key, template in service.prefetch.items():
        if key in given and (given[key] is None or _usable(given[key])):
            out[key] = given[key]
        else:
            missing.append((key, template))
    if not missing:
        return out
    if not request.fhirServer:
        names = ", ".join(k for k, _ in missing)
        raise CdsDataUnavailable(f"prefetch {names} missing and no fhirServer given to fetch it from")
    token = request.fhirAuthorization.access_token if request.fhirAuthorization else None
    with httpx.Client(timeout=timeout_s, follow_redirects=False) as client:
        for key, template in missing:
            out[key] = _fetch(client, request.fhirServer, render_prefetch(template, request.context), token)
    return out
