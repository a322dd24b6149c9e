"""A real `fenzhen serve` process on 127.0.0.1, on SQLite and on the real PostgreSQL."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from service_kit import FENZHEN, Server, add_user, fresh_pg_database, running_server

pytestmark = pytest.mark.integration

SHOCK = {"complaint": "胸痛两小时，伴大汗", "age_years": 58, "heart_rate_bpm": 118, "sbp_mmhg": 86}
STABLE = {
    "complaint": "咳嗽三天",
    "age_years": 30,
    "heart_rate_bpm": 78,
    "resp_rate_bpm": 16,
    "sbp_mmhg": 122,
    "temp_c": 36.8,
    "spo2_pct": 98,
    "avpu": "A",
}


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Path, str | None]]:
    with ExitStack() as stack:
        url = stack.enter_context(fresh_pg_database()) if request.param == "postgresql" else None
        yield tmp_path / "data", url


def test_contract_user_add_serve_assess(backend: tuple[Path, str | None]) -> None:
    data_dir, url = backend
    token = add_user(data_dir, "contract-admin", "admin", url)
    assert len(token) >= 20 and all(c.isalnum() or c in "._~+/=-" for c in token)
    assert (data_dir / "fenzhen.sqlite3").exists() == (url is None)
    with running_server(data_dir, url) as server:
        assert httpx_get(server, "/").status_code in (200, 303, 307)
        with server.client() as anon:
            assert anon.post("/api/v1/assess", json=SHOCK).status_code == 401
        with server.client(token) as client:
            body = client.post("/api/v1/assess", json=SHOCK).json()
            assert 1 <= body["acuity"] <= 5 and 1 <= body["china_level"] <= 4
            bad = client.post("/api/v1/assess", json={"complaint": "x", "temp_c": 101}).json()
            assert bad["error"]["fields"][0]["field"] == "temp_c"


def httpx_get(server: Server, path: str):  # type: ignore[no-untyped-def]
    with server.client() as c:
        return c.get(path)


def test_workflow_and_audit_verify_cli(backend: tuple[Path, str | None]) -> None:
    data_dir, url = backend
    nurse = add_user(data_dir, "nurse1", "nurse", url)
    doctor = add_user(data_dir, "doctor1", "doctor", url)
    with running_server(data_dir, url, workers=2) as server:
        with server.client(nurse) as n, server.client(doctor) as d:
            first = n.post(
                "/api/v1/encounters", json={"patient": {"name": "测试甲"}, "intake": STABLE}
            ).json()
            second = n.post(
                "/api/v1/encounters", json={"patient": {"name": "测试乙"}, "intake": SHOCK}
            ).json()
            order = [e["encounter_id"] for e in n.get("/api/v1/worklist").json()["entries"]]
            assert order == [second["encounter_id"], first["encounter_id"]]
            r = d.post(
                f"/api/v1/assessments/{first['assessment_id']}/reviews",
                json={"decision": "override", "china_level": 1, "reason": "意识改变"},
            )
            assert r.status_code == 201
            order = [e["encounter_id"] for e in n.get("/api/v1/worklist").json()["entries"]]
            assert order[0] == first["encounter_id"]
    cmd = [FENZHEN, "audit", "verify", "--data-dir", str(data_dir)] + (["--database", url] if url else [])
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "intact" in out.stdout
    log = "".join(p.read_text() for p in data_dir.glob("serve-*.log"))
    assert "测试甲" not in log and "/api/v1/worklist" in log
