"""The request path stays cheap: no app-wide dependency overrides, async token checks, C HTTP stack.

Each was measured on the stateless assess route (see bench/load_service.py): FastAPI rebuilds every
dependency per request while ``app.dependency_overrides`` is not empty; a sync dependency costs a
thread-pool hop; uvicorn's pure-Python h11 parser stalled under load.
"""

from __future__ import annotations

import gc
import inspect
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from fenzhen.service import auth
from fenzhen.service.warmup import warm_up


def test_the_app_has_no_dependency_overrides_and_interop_still_answers(service: Any) -> None:
    assert service.client.app.dependency_overrides == {}
    r = service.client.get(f"/fhir/Encounter/{'0' * 32}/$everything", headers=service.headers("nurse"))
    assert r.status_code == 404 and r.json()["resourceType"] == "OperationOutcome"  # wired, not the stub
    assert service.client.get(f"/fhir/Encounter/{'0' * 32}/$everything").status_code == 401


def test_token_dependencies_run_on_the_event_loop() -> None:
    assert inspect.iscoroutinefunction(auth.optional_principal)
    assert inspect.iscoroutinefunction(auth.current_principal)


def test_serve_names_httptools_and_uvloop(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    from fenzhen.cli import main

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: seen.update(kwargs, app=app))
    # `serve` hands settings to its workers through FENZHEN_* variables: keep them out of this process.
    monkeypatch.setattr(os, "environ", {k: v for k, v in os.environ.items() if not k.startswith("FENZHEN_")})
    result = CliRunner().invoke(main, ["serve", "--data-dir", str(tmp_path), "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["http"], seen["loop"], seen["access_log"]) == ("httptools", "uvloop", False)


def test_warm_up_loads_the_engine_and_freezes_the_heap() -> None:
    try:
        warm_up()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
