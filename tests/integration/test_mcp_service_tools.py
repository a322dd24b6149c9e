"""Every new MCP tool as a real `fenzhen mcp` subprocess through the official client, over stdio
and streamable HTTP, with the service-backed tools reading from a real `fenzhen serve`: the
service enforces the role (refusals without a token, with a bad token, with the wrong role) and
audits each read under the token's user."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client
from service_kit import FENZHEN, Server, add_user, free_port, running_server

from mcp import ClientSession, StdioServerParameters

pytestmark = pytest.mark.integration

KEY = "clinic-pseudonym-key-for-tests-0001"
PATIENT_NAME = "王小五"
PHONE = "13912345678"


@dataclass
class Clinic:
    server: Server
    nurse: str
    doctor: str
    admin: str
    encounter_id: str
    dose_request_id: str


def _cli(data_dir: Path, *args: str) -> str:
    out = subprocess.run([FENZHEN, *args, "--data-dir", str(data_dir)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    data_dir = tmp_path_factory.mktemp("clinic") / "data"
    _cli(data_dir, "site", "add", "county", "--name", "县人民医院", "--level", "county")
    _cli(data_dir, "site", "add", "xc-01", "--name", "村卫生室", "--level", "village", "--supervised-by", "county")
    nurse = _cli(data_dir, "user", "add", "village-nurse", "--role", "nurse", "--site", "xc-01")
    doctor = _cli(data_dir, "user", "add", "county-doctor", "--role", "doctor", "--site", "county", "--prescriber")
    admin = add_user(data_dir, "clinic-admin", "admin")
    with running_server(data_dir) as server, server.client(nurse) as n:
        opened = n.post(
            "/api/v1/encounters",
            json={
                "patient": {"name": PATIENT_NAME, "phone": PHONE},
                "intake": {"complaint": "胸痛两小时，伴大汗", "age_years": 58, "sex": "male", "heart_rate_bpm": 118},
            },
        )
        assert opened.status_code == 201, opened.text
        proposal = {
            "patient_id": opened.json()["patient_id"],
            "order": {"drug": "amoxicillin", "dose": "250 mg", "frequency": "q8h", "indication": "pneumonia"},
            "patient": {"age_years": 3, "sex": "female", "weight_kg": 14},
            "reason": "体重增加后复核剂量",
        }
        proposed = n.post("/api/v1/dose-requests", json=proposal)
        assert proposed.status_code == 201, proposed.text
        yield Clinic(server, nurse, doctor, admin, opened.json()["encounter_id"], proposed.json()["id"])


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FENZHEN_") or k == "FENZHEN_CI"}
    return {**env, **extra}


def _text(result: Any) -> str:
    return str(result.content[0].text)


async def call(session: ClientSession, tool: str, args: dict[str, Any]) -> dict[str, Any]:
    result = await session.call_tool(tool, args)
    assert not result.isError, f"{tool}: {_text(result)}"
    assert result.structuredContent is not None
    return result.structuredContent


async def stateless_tools(session: ClientSession) -> None:
    """Call each stateless new tool once through the real transport and check its headline."""
    routed = await call(
        session, "route_department", {"text": "右下腹疼痛一天，伴发热", "age_years": 25, "sex": "female"}
    )
    assert routed["department"] == "外科" and routed["drivers"]
    care = await call(
        session, "advise_care", {"complaint": "胸痛两小时，伴大汗", "age_years": 58, "heart_rate_bpm": 118}
    )
    assert care["care"]["call_120"] is True and care["assessment"]["acuity"] <= 2
    step = await call(session, "interview_next_question", {"complaint": "不舒服"})
    assert step["question"]["id"] == "red_flags"
    done = await call(
        session,
        "interview_next_question",
        {"complaint": "不舒服", "answers": [{"question_id": "red_flags", "answer": "胸痛，呼吸困难"}]},
    )
    assert done["question"] is None and done["outcome"]["care"]["call_120"] is True
    deid = await call(
        session, "deidentify", {"text": f"患者李明，电话{PHONE}，血压150/95mmHg。", "operator": "pseudonym"}
    )
    assert PHONE not in deid["text"] and "150/95" in deid["text"] and deid["counts"] == {"NAME": 1, "PHONE": 1}
    dose = await call(
        session,
        "dose",
        {"drug": "paracetamol", "indication": "fever", "age_years": 3, "weight_kg": 14, "form": "syrup_120_5"},
    )
    assert (dose["dose_mg"], dose["volume_ml"], dose["frequency"], dose["max_daily_mg"]) == (204.0, 8.5, "q6h", 840.0)
    check = await call(
        session,
        "dose_check",
        {
            "order": {"drug": "paracetamol", "dose": "2000 mg", "frequency": "q6h"},
            "patient": {"age_years": 3, "weight_kg": 14},
        },
    )
    assert check["findings"][0]["severity"] == "critical"
    unknown = await session.call_tool("dose", {"drug": "paracetamoll", "age_years": 3})
    assert unknown.isError and "did you mean 'paracetamol'" in _text(unknown)


async def service_tools(session: ClientSession, clinic: Clinic) -> None:
    """The stored-data tools: allowed reads, then every kind of refusal, as the service decides."""
    entries = (await call(session, "worklist", {"token": clinic.nurse}))["entries"]
    assert [e["encounter_id"] for e in entries] == [clinic.encounter_id]
    assert entries[0]["acuity"] <= 2 and entries[0]["patient_name"] == PATIENT_NAME
    encounter = await call(session, "get_encounter", {"encounter_id": clinic.encounter_id, "token": clinic.nurse})
    assert encounter["id"] == clinic.encounter_id and encounter["assessments"][0]["assessment"]["acuity"] <= 2
    pending = await call(session, "list_dose_requests", {"token": clinic.doctor})
    assert [r["id"] for r in pending["requests"]] == [clinic.dose_request_id]

    missing = await session.call_tool("worklist", {})
    assert missing.isError and "needs a token with role read_clinical" in _text(missing)
    bad = await session.call_tool(
        "get_encounter", {"encounter_id": clinic.encounter_id, "token": "fz_not-a-real-token"}
    )
    assert bad.isError and "(401 unauthorised)" in _text(bad) and "request id" in _text(bad)
    wrong_role = await session.call_tool("list_dose_requests", {"token": clinic.nurse})
    assert wrong_role.isError and "(403 forbidden)" in _text(wrong_role) and "nurse" in _text(wrong_role)
    absent = await session.call_tool("get_encounter", {"encounter_id": "0" * 32, "token": clinic.nurse})
    assert absent.isError and "404" in _text(absent)
    for refused in (missing, bad, wrong_role, absent):
        assert PATIENT_NAME not in _text(refused) and PHONE not in _text(refused)


def _audited_reads(clinic: Clinic) -> list[tuple[str, str, str]]:
    with clinic.server.client(clinic.admin) as admin:
        events = admin.get("/api/v1/audit", params={"limit": 1000}).json()["events"]
    return [(e["actor"], e["action"], e["object_type"]) for e in events if e["action"] == "read"]


def test_stdio_every_new_tool_against_a_running_service(clinic: Clinic) -> None:
    before = _audited_reads(clinic)

    async def main() -> None:
        params = StdioServerParameters(
            command=FENZHEN, args=["mcp", "--service-url", clinic.server.url], env=_env(FENZHEN_DEID_KEY=KEY)
        )
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            await stateless_tools(session)
            await service_tools(session, clinic)

    anyio.run(main)
    new = _audited_reads(clinic)[len(before) :]
    assert new.count(("village-nurse", "read", "encounter")) == 1
    assert new.count(("village-nurse", "read", "worklist")) == 1
    assert new.count(("county-doctor", "read", "dose_worklist")) == 1


def test_stdio_default_token_from_the_environment(clinic: Clinic) -> None:
    async def main() -> tuple[dict[str, Any], str]:
        env = _env(FENZHEN_TOKEN=clinic.nurse)
        params = StdioServerParameters(command=FENZHEN, args=["mcp", "--service-url", clinic.server.url], env=env)
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            listed = await call(session, "worklist", {})
            refused = await session.call_tool("list_dose_requests", {})
            return listed, _text(refused)

    listed, refused = anyio.run(main)
    assert listed["entries"][0]["encounter_id"] == clinic.encounter_id
    assert "(403 forbidden)" in refused


@pytest.fixture
def mcp_http(clinic: Clinic, tmp_path: Path) -> Iterator[str]:
    key_file = tmp_path / "deid.key"
    key_file.write_text(KEY + "\n")
    port = free_port()
    log = (tmp_path / "mcp.log").open("wb")
    cmd = [
        FENZHEN,
        "mcp",
        "--http",
        "--port",
        str(port),
        "--service-url",
        clinic.server.url,
        "--deid-key-file",
        str(key_file),
    ]
    proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=_env())
    url = f"http://127.0.0.1:{port}/mcp"
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                assert proc.poll() is None, (tmp_path / "mcp.log").read_text()
                time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_streamable_http_every_new_tool_against_a_running_service(clinic: Clinic, mcp_http: str) -> None:
    before = _audited_reads(clinic)

    async def main() -> None:
        async with streamable_http_client(mcp_http) as (read, write, _), ClientSession(read, write) as session:
            await session.initialize()
            await stateless_tools(session)
            await service_tools(session, clinic)

    anyio.run(main)
    new = _audited_reads(clinic)[len(before) :]
    assert new.count(("village-nurse", "read", "encounter")) == 1
    assert new.count(("village-nurse", "read", "worklist")) == 1
    assert new.count(("county-doctor", "read", "dose_worklist")) == 1


def test_a_weak_or_unreadable_key_stops_the_server_at_start(tmp_path: Path) -> None:
    weak = subprocess.run(
        [FENZHEN, "mcp", "--service-url", "http://127.0.0.1:1"],
        env=_env(FENZHEN_DEID_KEY="short"),
        capture_output=True,
        text=True,
        timeout=60,
        input="",
    )
    assert weak.returncode == 6 and "16 bytes" in weak.stderr and "short" not in weak.stderr
    missing = subprocess.run(
        [FENZHEN, "mcp", "--deid-key-file", str(tmp_path / "nope.key")],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=60,
        input="",
    )
    assert missing.returncode == 2 and "--deid-key-file" in missing.stderr
