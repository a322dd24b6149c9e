"""Crash safety: kill -9 the server during a burst of writes; every acknowledged write survives."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import httpx
import pytest
from service_kit import add_user, fresh_pg_database, running_server, start_server, stop

pytestmark = pytest.mark.integration

INTAKE = {"complaint": "腹痛半天", "age_years": 45, "heart_rate_bpm": 96, "sbp_mmhg": 128, "temp_c": 37.4}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str | None]]:
    with ExitStack() as stack:
        url = stack.enter_context(fresh_pg_database()) if request.param == "postgresql" else None
        yield tmp_path / "data", url


def _burst(url: str, token: str, acknowledged: list[tuple[str, str]], stop_flag: threading.Event) -> None:
    with httpx.Client(base_url=url, headers={"authorization": f"Bearer {token}"}, timeout=10) as client:
        while not stop_flag.is_set():
            try:
                r = client.post("/api/v1/encounters", json={"patient": {"name": "crash"}, "intake": INTAKE})
            except httpx.HTTPError:
                return  # the server died mid-request: this write was never acknowledged
            if r.status_code == 201:
                body = r.json()
                acknowledged.append((body["encounter_id"], body["assessment_id"]))


def test_kill_9_during_writes_loses_no_acknowledged_assessment(backend: tuple[Path, str | None]) -> None:
    data_dir, url = backend
    token = add_user(data_dir, "nurse1", "nurse", url)
    admin = add_user(data_dir, "admin1", "admin", url)
    server = start_server(data_dir, url, workers=2)
    acknowledged: list[tuple[str, str]] = []
    stop_flag = threading.Event()
    threads = [
        threading.Thread(target=_burst, args=(server.url, token, acknowledged, stop_flag)) for _ in range(4)
    ]
    try:
        for t in threads:
            t.start()
        deadline = time.monotonic() + 20
        while len(acknowledged) < 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=30)
    finally:
        stop_flag.set()
        for t in threads:
            t.join(timeout=30)
        stop(server)
    assert len(acknowledged) >= 40, "the burst did not get going before the kill"
    with running_server(data_dir, url) as restarted, restarted.client(token) as client:
        for encounter_id, assessment_id in acknowledged:
            r = client.get(f"/api/v1/encounters/{encounter_id}")
            assert r.status_code == 200, encounter_id
            assert r.json()["assessments"][0]["id"] == assessment_id
        with restarted.client(admin) as a:
            report = a.get("/api/v1/audit/verify").json()
        assert report["ok"], report["problems"]
