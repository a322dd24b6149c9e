"""Read stored data from a running `fenzhen serve` on behalf of an MCP caller.

Why over HTTP and not from the database directly: the service is where tokens, roles and the
hash-chained audit trail live. Forwarding the caller's token as ``Authorization: Bearer`` means
the service refuses a missing, invalid or under-privileged token (401/403) and records every read
under the caller's name, exactly as for its own clients; the MCP server needs no database
credentials and cannot read more than the token allows.

A refusal or failure becomes a `FenzhenError` with the service's own message (which the service
keeps free of patient data) and its request id, so the clinic can find the request in its log.
"""

from __future__ import annotations

import re
from typing import Any

import httpx

from fenzhen.errors import (
    AuthError,
    ConflictError,
    FenzhenError,
    ForbiddenError,
    InputError,
    NotFoundError,
    ProviderUnavailable,
)
from fenzhen.mcp.config import McpConfig

__all__ = ["get_json"]

#: A bearer token must be one header-safe word (tokens from `fenzhen user add` are ``fz_`` + base64url).
_TOKEN = re.compile(r"^[A-Za-z0-9._~+/=-]{1,200}$")
_BY_STATUS: dict[int, type[FenzhenError]] = {
    401: AuthError,
    403: ForbiddenError,
    404: NotFoundError,
    409: ConflictError,
    422: InputError,
}


def _service_error(response: httpx.Response, tool: str) -> FenzhenError:
    try:
        body = response.json().get("error", {})
        message, request_id = str(body.get("message", ""))[:300], str(body.get("request_id", "-"))[:64]
    except (ValueError, AttributeError):
        message, request_id = "", "-"
    status = response.status_code
    if status == 401:
        what = f"the service refused the token for {tool} (401 unauthorised)"
    elif status == 403:
        what = f"the service refused {tool} for this token's role (403 forbidden)"
    else:
        what = f"the service answered {status} for {tool}"
    cls = _BY_STATUS.get(status, ProviderUnavailable if status >= 500 else FenzhenError)
    return cls(f"{what}: {message or response.reason_phrase} (request id {request_id})")


async def get_json(config: McpConfig, path: str, token: str, tool: str) -> dict[str, Any]:
    """GET ``config.service_url + path`` with the caller's token; return the JSON body.

    Args:
        config: the server's configuration (service URL and timeout).
        path: the API path, e.g. ``/api/v1/worklist``.
        token: the caller's API token, forwarded as ``Authorization: Bearer``.
        tool: the tool's name, for error messages.

    Raises:
        AuthError: the token is malformed, missing or refused (401); ForbiddenError for 403.
        NotFoundError: the object does not exist (404).
        ProviderUnavailable: no service answered at the URL, or it failed (5xx).
    """
    if not _TOKEN.match(token):
        raise AuthError("token: is not a well-formed API token (one word from `fenzhen user add`)")
    headers = {"authorization": f"Bearer {token}", "accept": "application/json"}
    try:
        async with httpx.AsyncClient(timeout=config.service_timeout_s, trust_env=False) as client:
            response = await client.get(config.service_url + path, headers=headers)
    except httpx.HTTPError:
        raise ProviderUnavailable(
            f"no Fenzhen service answered at {config.service_url} for {tool}: start `fenzhen serve` "
            "or give `fenzhen mcp --service-url`"
        ) from None
    if response.status_code != 200:
        raise _service_error(response, tool)
    try:
        data = response.json()
    except ValueError:
        raise ProviderUnavailable(f"the service at {config.service_url} did not answer JSON for {tool}") from None
    if not isinstance(data, dict):
        raise ProviderUnavailable(f"the service at {config.service_url} answered an unexpected shape for {tool}")
    return data
