"""One JSON error envelope for every failure, and the request-id / request-log middleware.

Every error answers ``{"error": {"message", "fields", "request_id"}}``. The client never sees
exception text from a library, a stack trace or a submitted value that could identify a patient:
field problems carry the field name, the problem and the accepted range, and a value only when it
is a number or a yes/no (a clinical measurement the user needs to see to correct it).
"""

from __future__ import annotations

import html
import json
import logging
import time
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from fenzhen.errors import AuthError, FenzhenError

__all__ = ["RequestContextMiddleware", "error_response", "install_error_handlers"]

log = logging.getLogger("fenzhen.service")

_HTTP_MESSAGES = {
    404: "not found",
    405: "method not allowed",
    413: "request too large",
    415: "unsupported media type",
    400: "bad request",
}


def _request_id(request: Request) -> str:
    return str(getattr(request.state, "request_id", "") or "-")


def _safe_fields(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for f in fields:
        value = f.get("value")
        item = {
            "field": str(f.get("field", "")),
            "problem": str(f.get("problem", "")),
            "accepted": f.get("accepted"),
        }
        if isinstance(value, bool | int | float) and not isinstance(value, str):
            item["value"] = value
        out.append(item)
    return out


def _message_from(fields: list[dict[str, Any]], fallback: str) -> str:
    if not fields:
        return fallback
    first = fields[0]
    text = f"{first['field']}: {first['problem']}"
    if "value" in first:
        text += f" (got {first['value']!r}"
        text += f"; accepted {first['accepted']})" if first.get("accepted") else ")"
    elif first.get("accepted"):
        text += f" (accepted {first['accepted']})"
    return text


def error_response(
    request: Request,
    status: int,
    message: str,
    fields: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """Render the one error envelope (as a small HTML page for a browser on a web page)."""
    if not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", ""):
        text = html.escape(message + "".join(f"; {f['field']}: {f['problem']}" for f in (fields or [])[1:]))
        page = (
            f"<!doctype html><meta charset=utf-8><link rel=stylesheet href=/static/app.css><main>"
            f"<p class=error role=alert>{status}: {text}</p><p><a href=javascript:history.back()>←</a> "
            f"<a href=/worklist>/worklist</a></p><p class=hint>request {_request_id(request)}</p></main>"
        )
        return HTMLResponse(page, status_code=status, headers=headers)  # type: ignore[return-value]
    body = {"error": {"message": message, "fields": fields or [], "request_id": _request_id(request)}}
    return JSONResponse(body, status_code=status, headers=headers)


async def _fenzhen_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, FenzhenError)
    fields = _safe_fields(list(exc.fields))
    # Field-level errors are re-worded from the sanitised fields; others carry our own messages,
    # which never include identifiers (see fenzhen.errors).
    message = _message_from(fields, exc.message)
    if exc.http_status >= 500:
        log.error("request %s failed: %s", _request_id(request), type(exc).__name__)
        message = "the service could not complete the request" if exc.http_status == 500 else exc.message
    headers = (
        {"WWW-Authenticate": "Bearer"} if isinstance(exc, AuthError) and exc.http_status == 401 else None
    )
    return error_response(request, exc.http_status, message, fields, headers)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    fields = []
    for err in exc.errors()[:20]:
        loc = [str(p) for p in err.get("loc", ()) if p != "body"]
        fields.append(
            {
                "field": ".".join(loc) or "body",
                "problem": str(err.get("msg", "is invalid")).lower(),
                "accepted": None,
            }
        )
    return error_response(request, 422, _message_from(fields, "the request is invalid"), fields)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = _HTTP_MESSAGES.get(exc.status_code, "request failed")
    return error_response(request, exc.status_code, message, headers=getattr(exc, "headers", None))


def install_error_handlers(app: FastAPI) -> None:
    """Route every exception to the one envelope."""
    app.add_exception_handler(FenzhenError, _fenzhen_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


class RequestContextMiddleware:
    """Give each request an id (``X-Request-ID``) and log method, route template, status and time.

    A pure ASGI middleware (not `BaseHTTPMiddleware`) to keep the per-request cost small. The
    route template (``/api/v1/encounters/{encounter_id}``) is logged, never the concrete path or
    query string.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = 500
        started_response = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:  # noqa: BLE001 - the last line of defence: never a traceback to anyone
            # Only the type is logged: a library's message or traceback may quote submitted data.
            log.error("request %s: unexpected %s", request_id, type(exc).__name__)
            if not started_response:
                body = json.dumps(
                    {
                        "error": {
                            "message": "internal error; the request id identifies it in the log",
                            "fields": [],
                            "request_id": request_id,
                        }
                    }
                ).encode()
                await send_with_id(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                        ],
                    }
                )
                await send_with_id({"type": "http.response.body", "body": body})
        finally:
            if log.isEnabledFor(logging.INFO):
                route = scope.get("route")
                template = getattr(route, "path", None) or "(unmatched)"
                log.info(
                    "%s %s %s %d %.1fms",
                    request_id,
                    scope.get("method"),
                    template,
                    status,
                    (time.perf_counter() - started) * 1000,
                )
