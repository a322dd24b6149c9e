"""The MCP server through the official client SDK (in memory): every tool, resource and refusal."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from mcp.shared.memory import create_connected_server_and_client_session

from fenzhen.errors import ForbiddenError
from fenzhen.mcp import FenzhenMCP, McpTool, build_server, registered_tools
from mcp import ClientSession

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def session_for(server: FenzhenMCP) -> AsyncIterator[ClientSession]:
    async with create_connected_server_and_client_session(server._mcp_server) as session:
        yield session


@pytest.fixture
async def session() -> AsyncIterator[ClientSession]:
    async for s in session_for(build_server()):
        yield s


async def test_lists_tools_with_output_schemas(session: ClientSession) -> None:
    tools = {t.name: t for t in (await session.list_tools()).tools}
    assert {"assess", "news2", "qsofa", "pews"} <= set(tools)
    for tool in tools.values():
        assert tool.outputSchema is not None and tool.description
    fields = set(tools["assess"].inputSchema["properties"])
    assert {
        "complaint",
        "age_years",
        "sex",
        "weight_kg",
        "pregnant",
        "heart_rate_bpm",
        "resp_rate_bpm",
        "sbp_mmhg",
        "dbp_mmhg",
        "temp_c",
        "spo2_pct",
        "on_oxygen",
        "avpu",
        "gcs",
        "pain_nrs",
        "cap_refill_s",
        "glucose_mmol_l",
        "arrival_mode",
        "injury",
    } <= fields
    assert tools["assess"].inputSchema["required"] == ["complaint"]


async def test_assess_returns_the_engines_assessment(session: ClientSession) -> None:
    from fenzhen import Intake, assess

    args = {
        "complaint": "胸痛两小时，伴大汗",
        "age_years": 58,
        "sex": "male",
        "heart_rate_bpm": 118,
        "sbp_mmhg": 86,
    }
    result = await session.call_tool("assess", args)
    assert not result.isError and result.structuredContent is not None
    expected = assess(Intake.parse(args))
    assert (result.structuredContent["acuity"], result.structuredContent["china_level"]) == (
        expected.acuity,
        expected.china_level,
    )
    assert result.structuredContent["rule_floor_acuity"] == expected.rule_floor_acuity


@pytest.mark.parametrize(
    ("tool", "args", "value", "band"),
    [
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
            8,
            "high",
        ),
        ("qsofa", {"resp_rate_bpm": 24, "sbp_mmhg": 95, "altered_mentation": False}, 2, "high"),
        (
            "pews",
            {"age_years": 2, "heart_rate_bpm": 120, "resp_rate_bpm": 30, "cap_refill_s": 1, "avpu": "A"},
            0,
            "green",
        ),
    ],
)
async def test_scores(session: ClientSession, tool: str, args: dict[str, Any], value: int, band: str) -> None:
    result = await session.call_tool(tool, args)
    assert not result.isError and result.structuredContent is not None
    assert (result.structuredContent["value"], result.structuredContent["band"]) == (value, band)


@pytest.mark.parametrize(
    ("tool", "args", "named"),
    [
        ("assess", {"complaint": "headache", "heart_rate_bpm": 500}, "heart_rate_bpm"),
        ("assess", {"complaint": "headache", "temp_c": 101.3}, "temp_c"),
        ("assess", {"complaint": "headache", "sex": "x"}, "sex"),
        ("assess", {"age_years": 3}, "complaint"),
        ("assess", {"complaint": "headache", "mrn": "12345", "heart_rate": 80}, "heart_rate"),
        ("news2", {"spo2_pct": 150}, "spo2_pct"),
        ("qsofa", {"resp_rate_bpm": "fast"}, "resp_rate_bpm"),
        ("pews", {"age_years": 30}, "age_years"),
        ("pews", {"heart_rate_bpm": 100}, "age_years"),
    ],
)
async def test_bad_input_is_a_tool_error_naming_the_field(
    session: ClientSession, tool: str, args: dict[str, Any], named: str | None
) -> None:
    result = await session.call_tool(tool, args)
    assert result.isError
    text = result.content[0].text  # type: ignore[union-attr]
    assert "Traceback" not in text and len(text) < 400
    if named:
        assert named in text


async def test_unexpected_arguments_do_not_leak_values(session: ClientSession) -> None:
    result = await session.call_tool("qsofa", {"resp_rate_bpm": "患者李明 13800138000"})
    text = result.content[0].text  # type: ignore[union-attr]
    assert result.isError and "13800138000" not in text and "resp_rate_bpm" in text


async def test_resources_levels_and_versions(session: ClientSession) -> None:
    uris = {str(r.uri) for r in (await session.list_resources()).resources}
    assert {"fenzhen://knowledge/triage_levels", "fenzhen://knowledge/versions"} <= uris
    levels = json.loads((await session.read_resource("fenzhen://knowledge/triage_levels")).contents[0].text)  # type: ignore[union-attr]
    assert levels["name"] == "triage_levels" and levels["sources"]
    versions = json.loads((await session.read_resource("fenzhen://knowledge/versions")).contents[0].text)  # type: ignore[union-attr]
    assert {"triage_levels", "lexicon", "red_flags"} <= set(versions)


def encounter_tool(token: str, encounter_id: int) -> dict[str, int]:
    """Read one stored encounter (stand-in for the service-backed tool that comes later)."""
    return {"encounter_id": encounter_id}


def authorizer(seen: list[tuple[str, str, str]]) -> Callable[[str, str, str], None]:
    def check(token: str, role: str, tool: str) -> None:
        seen.append((token, role, tool))
        if token != "good-token":
            raise ForbiddenError(f"role {role} required for {tool}")

    return check


async def test_protected_tool_requires_a_token_with_the_role() -> None:
    seen: list[tuple[str, str, str]] = []
    server = build_server(authorizer=authorizer(seen))
    spec = McpTool(name="encounter", fn=encounter_tool, description="read", role="clinician")
    server.add_tool(spec.bound(authorizer(seen)), name=spec.name, description=spec.description)
    async for s in session_for(server):
        missing = await s.call_tool("encounter", {"encounter_id": 1})
        wrong = await s.call_tool("encounter", {"token": "stolen", "encounter_id": 1})
        right = await s.call_tool("encounter", {"token": "good-token", "encounter_id": 1})
    assert missing.isError and "token" in missing.content[0].text  # type: ignore[union-attr]
    assert wrong.isError and "role clinician" in wrong.content[0].text  # type: ignore[union-attr]
    assert not right.isError and seen[-1] == ("good-token", "clinician", "encounter")


async def test_protected_tool_refused_without_token_store() -> None:
    server = build_server()
    spec = McpTool(name="encounter", fn=encounter_tool, description="read", role="clinician")
    from fenzhen.mcp.registry import refuse_all

    server.add_tool(spec.bound(refuse_all), name=spec.name, description=spec.description)
    async for s in session_for(server):
        result = await s.call_tool("encounter", {"token": "any", "encounter_id": 1})
    assert result.isError and "no token store" in result.content[0].text  # type: ignore[union-attr]


def test_protected_tool_must_take_a_token() -> None:
    spec = McpTool(name="bad", fn=lambda encounter_id: None, description="x", role="clinician")
    with pytest.raises(TypeError, match="token"):
        spec.bound(lambda *a: None)


def test_registry_holds_the_public_tools_unprotected() -> None:
    tools = {t.name: t for t in registered_tools()}
    assert all(tools[n].role is None for n in ("assess", "news2", "qsofa", "pews"))
