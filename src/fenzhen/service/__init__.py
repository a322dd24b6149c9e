"""The clinic service: versioned JSON API under /api/v1 and a server-rendered web UI.

`create_app(settings)` builds the FastAPI application; `fenzhen serve` runs it with uvicorn.
The service is a thin door onto `fenzhen.assess` and `fenzhen.store`: no clinical logic lives here.
"""

from __future__ import annotations

from fenzhen.service.app import create_app

__all__ = ["create_app"]
