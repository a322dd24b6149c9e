"""`fenzhen mcp` as a real subprocess, through the official client: stdio and streamable HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from mcp.client.stdio import stdio_client
from mcp.client.streamable_http import streamable_http_client

from mcp import ClientSession, StdioServerParameters

pytestmark = pytest.mark.integration

FENZHEN = str(Path(sys.executable).parent / "fenzhen")
CALLS: list[tuple[str, dict[str, Any]]] = [
    (
        "assess",
        {
            "complaint": "胸痛两小时，伴大汗",
            "age_years": 58,
            "sex": "male",
            "heart_rate_bpm": 118,
            "sbp_mmhg": 86,
        },
    ),
    (
        "news2",
        {
            "resp_rate_bpm": 24,
            "spo2_pct": 93,
            "on_oxygen": False,
            "sbp_mmhg": 105,
            "heart_rate_bpm": 112,
            "consciousness_alert": True,
            "temp_c": 38.6,
        },
    ),
    ("qsofa", {"resp_rate_bpm": 24, "sbp_mmhg": 95, "altered_mentation": True}),
    ("pews", {"age_years": 4, "heart_rate_bpm": 150, "resp_rate_bpm": 40, "cap_refill_s": 3, "avpu": "V"}),
]


async def exercise(session: ClientSession) -> dict[str, Any]:
    """Call every tool once with good input and once with bad; return what came back."""
    await session.initialize()
    names = {t.name for t in (await session.list_tools()).tools}
    assert {"assess", "news2", "qsofa", "pews"} <= names
    out: dict[str, Any] = {}
    for tool, args in CALLS:
        result = await session.call_tool(tool, args)
        assert not result.isError, result.content
        out[tool] = result.structuredContent
    bad = await session.call_tool("assess", {"complaint": "fever", "heart_rate_bpm": -3})
    assert bad.isError and "heart_rate_bpm" in bad.content[0].text  # type: ignore[union-attr]
    return out


def check(out: dict[str, Any]) -> None:
    assert out["assess"]["acuity"] <= 2 and out["assess"]["china_level"] <= 2
    assert out["news2"]["band"] == "high" and out["qsofa"]["value"] == 3
    from fenzhen.domain import AVPU
    from fenzhen.scores import pews

    direct = pews(**{**CALLS[3][1], "avpu": AVPU.V})  # type: ignore[arg-type]
    assert (out["pews"]["value"], out["pews"]["band"]) == (direct.value, direct.band)


def test_stdio() -> None:
    async def main() -> dict[str, Any]:
        params = StdioServerParameters(command=FENZHEN, args=["mcp"], env=dict(os.environ))
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            return await exercise(session)

    check(anyio.run(main))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    log = (tmp_path / "mcp.log").open("wb")
    proc = subprocess.Popen([FENZHEN, "mcp", "--http", "--port", str(port)], stdout=log, stderr=log)
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


def test_streamable_http_on_loopback(http_server: str) -> None:
    async def main() -> dict[str, Any]:
        async with (
            streamable_http_client(http_server) as (read, write, _),
            ClientSession(read, write) as session,
        ):
            return await exercise(session)

    check(anyio.run(main))
    host = http_server.split("//")[1].split(":")[0]
    assert host == "127.0.0.1"
