"""The application factory: settings and database in, a FastAPI app out.

`create_app` is what tests and `fenzhen serve` use; `app_from_environment` is the uvicorn worker
entry point (settings arrive as ``FENZHEN_*`` variables set by `fenzhen serve`). The OpenAPI
document is at /api/v1/openapi.json and, like every route except health, login and static files,
needs a token or a session. No interactive docs page: it would load scripts from a CDN.
"""

from __future__ import annotations

import logging

from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse

from fenzhen import __version__
from fenzhen.service import api_admin, api_clinical, api_dose_requests, api_llm, api_tools, interop_wiring, web
from fenzhen.service.auth import TokenCache, current_principal
from fenzhen.service.envelope import RequestContextMiddleware, install_error_handlers
from fenzhen.service.warmup import warm_up
from fenzhen.settings import Settings, settings_from_environment
from fenzhen.store.accounts import Principal
from fenzhen.store.db import Database

__all__ = ["app_from_environment", "create_app"]

OPENAPI_PATH = "/api/v1/openapi.json"


def create_app(settings: Settings, database: Database | None = None, *, migrate: bool = False) -> FastAPI:
    """Build the service.

    Args:
        settings: validated settings (`fenzhen.settings.load_settings`).
        database: an open database; by default one is opened from the settings.
        migrate: run migrations first (tests and single-process use; `fenzhen serve` migrates
            before starting workers).
    """
    if database is None:
        database = Database(settings.effective_database_url)
    if migrate:
        database.migrate()
    app = FastAPI(
        title="Fenzhen clinic service",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        description="Triage decision support for primary care. A clinician decides. "
        "Authenticate with `Authorization: Bearer <token>` from `fenzhen user add`.",
    )
    app.state.settings = settings
    app.state.database = database
    app.state.token_cache = TokenCache(settings.token_cache_seconds)
    install_error_handlers(app)
    app.include_router(api_clinical.router)
    app.include_router(api_admin.router)
    web.mount(app)
    api_tools.install(app)  # routing, care, interview, de-identification, export, dosing
    interop_wiring.wire(app)  # FHIR R4 and CDS Hooks
    api_dose_requests.install(app)  # remote dose adjustment (远程调药)
    api_llm.install(app)  # optional LLM: second opinion, explanations, draft notes

    @app.get(OPENAPI_PATH, include_in_schema=False)
    async def openapi(request: Request, principal: Principal = Depends(current_principal)) -> JSONResponse:
        return JSONResponse(app.openapi())

    app.add_middleware(RequestContextMiddleware)
    return app


def app_from_environment() -> FastAPI:
    """Build the app in a uvicorn worker from ``FENZHEN_*`` (set by `fenzhen serve`)."""
    settings = settings_from_environment()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(name)s %(levelname)s %(message)s"
    )
    app = create_app(settings)
    warm_up()  # engine data loaded and the heap frozen before the first request
    return app
