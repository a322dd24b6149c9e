"""Routing, care, interview, de-identification and dosing tools through the official MCP client
(in memory): each agrees with the domain function it adapts, and refuses bad input by field."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from mcp.shared.memory import create_connected_server_and_client_session

from fenzhen.dosing import DoseOrder, DosePatient, calculate_dose, check_order
from fenzhen.errors import PrivacyError
from fenzhen.mcp import build_server
from fenzhen.mcp.config import McpConfig
from fenzhen.privacy import deidentify
from fenzhen.routing import route
from mcp import ClientSession

pytestmark = pytest.mark.anyio

KEY = b"clinic-secret-key-0123456789"
NEW_TOOLS = {
    "route_department",
    "advise_care",
    "interview_next_question",
    "deidentify",
    "dose",
    "dose_check",
    "worklist",
    "get_encounter",
    "list_dose_requests",
}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def _session(config: McpConfig | None = None) -> AsyncIterator[ClientSession]:
    server = build_server(config=config)
    async with create_connected_server_and_client_session(server._mcp_server) as session:
        yield session


@pytest.fixture
async def session() -> AsyncIterator[ClientSession]:
    async for s in _session():
        yield s


def _text(result: Any) -> str:
    return str(result.content[0].text)


async def test_every_new_tool_is_listed_typed_and_described(session: ClientSession) -> None:
    tools = {t.name: t for t in (await session.list_tools()).tools}
    assert NEW_TOOLS <= set(tools)
    for name in NEW_TOOLS:
        assert tools[name].outputSchema is not None and tools[name].description, name
        assert "ctx" not in tools[name].inputSchema["properties"], name
    assert set(tools["advise_care"].inputSchema["properties"]) == {
        *tools["assess"].inputSchema["properties"],
        "facility",
    }
    assert {"dose_mg", "frequency", "max_daily_mg", "volume_ml", "findings", "sources"} <= set(
        tools["dose"].outputSchema["properties"]  # type: ignore[index]
    )


async def test_route_department_is_the_router(session: ClientSession) -> None:
    args = {"text": "右下腹疼痛一天，伴发热", "age_years": 25, "sex": "female"}
    result = await session.call_tool("route_department", args)
    assert not result.isError and result.structuredContent is not None
    expected = route(args["text"], age_years=25, sex="female")  # type: ignore[arg-type]
    got = result.structuredContent
    assert (got["department"], got["subdepartment"], got["probability"]) == (
        expected.department,
        expected.subdepartment,
        expected.probability,
    )
    assert got["department"] == "外科" and got["drivers"] and len(got["alternatives"]) <= 2


@pytest.mark.parametrize(
    ("args", "care", "call_120"),
    [
        ({"complaint": "A mild sore throat for one day.", "age_years": 30, "sex": "male"}, "self_care", False),
        (
            {"complaint": "胸痛两小时，伴大汗", "age_years": 58, "sex": "male", "heart_rate_bpm": 118, "sbp_mmhg": 86},
            "emergency_transfer",
            True,
        ),
    ],
)
async def test_advise_care_gives_levels_route_and_care(
    session: ClientSession, args: dict[str, Any], care: str, call_120: bool
) -> None:
    result = await session.call_tool("advise_care", args)
    assert not result.isError, _text(result)
    got = result.structuredContent
    assert got is not None
    assert got["care"]["care"] == care and got["care"]["call_120"] is call_120
    assert got["care"]["reason_en"] and got["care"]["reason_zh"]
    assert 1 <= got["assessment"]["acuity"] <= 5 and got["route"]["department"]
    if call_120:
        assert got["assessment"]["acuity"] <= 2 and got["route"]["department"] == "急诊科"


async def test_advise_care_uses_the_servers_facility_unless_named() -> None:
    args = {"complaint": "咳嗽三天", "age_years": 40, "sex": "female"}
    async for s in _session(McpConfig(facility="village")):
        default = (await s.call_tool("advise_care", args)).structuredContent
        county = (await s.call_tool("advise_care", {**args, "facility": "county"})).structuredContent
    assert default is not None and county is not None
    assert default["care"]["facility"] == "village_clinic" and county["care"]["facility"] == "county_hospital"


async def test_interview_runs_to_an_outcome_statelessly(session: ClientSession) -> None:
    answers: list[dict[str, str]] = []
    scripted = {
        "red_flags": "没有",
        "site": "肚子疼",
        "pain_nrs": "4",
        "age_years": "34",
        "sex": "女",
        "pregnant": "不是",
    }
    for _ in range(12):
        step = await session.call_tool("interview_next_question", {"complaint": "不舒服", "answers": answers})
        assert not step.isError, _text(step)
        got = step.structuredContent
        assert got is not None and got["answered"] == len(answers)
        if got["question"] is None:
            break
        q = got["question"]
        answers.append({"question_id": q["id"], "answer": scripted.get(q["slot"], "两天")})
    assert got["outcome"] is not None and got["question"] is None
    outcome = got["outcome"]
    assert outcome["route"]["department"] and outcome["care"]["care"] and outcome["assessment"]["acuity"] >= 3
    assert "肚子疼" in outcome["complaint"]


async def test_interview_stops_at_once_on_a_red_flag(session: ClientSession) -> None:
    first = (await session.call_tool("interview_next_question", {"complaint": "不舒服"})).structuredContent
    assert first is not None and first["question"]["id"] == "red_flags"
    answers = [{"question_id": "red_flags", "answer": "胸痛，呼吸困难"}]
    step = (
        await session.call_tool("interview_next_question", {"complaint": "不舒服", "answers": answers})
    ).structuredContent
    assert step is not None and step["question"] is None
    assert step["outcome"]["assessment"]["acuity"] <= 2 and step["outcome"]["care"]["call_120"] is True


async def test_deidentify_tag_and_mask_give_spans_not_values(session: ClientSession) -> None:
    text = "患者李明，电话13800138000，血压150/95mmHg。"
    for operator in ("tag", "mask"):
        result = await session.call_tool("deidentify", {"text": text, "operator": operator})
        assert not result.isError, _text(result)
        got = result.structuredContent
        assert got is not None and got == json.loads(json.dumps(deidentify(text, operator).to_dict()))
        assert "13800138000" not in json.dumps(got, ensure_ascii=False) and "150/95" in got["text"]
        assert {s["type"] for s in got["spans"]} == {"NAME", "PHONE"}
        assert all(
            set(s) == {"type", "start", "end", "recognizer", "score", "explanation", "replacement"}
            for s in got["spans"]
        )


async def test_pseudonym_uses_the_configured_key_never_an_argument(session: ClientSession) -> None:
    text = "患者李明，电话13800138000。"
    refused = await session.call_tool("deidentify", {"text": text, "operator": "pseudonym"})
    assert refused.isError and "FENZHEN_DEID_KEY" in _text(refused) and "李明" not in _text(refused)
    as_arg = await session.call_tool("deidentify", {"text": text, "operator": "pseudonym", "key": KEY.decode()})
    assert as_arg.isError and _text(as_arg).startswith("key: is not an argument")
    assert KEY.decode() not in _text(as_arg)
    async for s in _session(McpConfig(deid_key=KEY)):
        result = await s.call_tool("deidentify", {"text": text, "operator": "pseudonym"})
    assert not result.isError and result.structuredContent is not None
    assert result.structuredContent["text"] == deidentify(text, "pseudonym", KEY).text
    assert "李明" not in result.structuredContent["text"]


def test_a_short_key_is_refused_at_start() -> None:
    with pytest.raises(PrivacyError, match="16 bytes"):
        McpConfig(deid_key=b"short")


async def test_dose_is_the_formulary_calculation(session: ClientSession) -> None:
    args = {"drug": "paracetamol", "indication": "fever", "age_years": 3, "weight_kg": 14, "form": "syrup_120_5"}
    result = await session.call_tool("dose", args)
    assert not result.isError, _text(result)
    got = result.structuredContent
    expected = calculate_dose("paracetamol", "fever", age_years=3, weight_kg=14, form="syrup_120_5")
    assert got is not None and got == json.loads(expected.model_dump_json())
    assert (got["dose_mg"], got["volume_ml"], got["frequency"], got["max_daily_mg"]) == (204.0, 8.5, "q6h", 840.0)
    assert got["sources"]


async def test_dose_renal_adjustment_reaches_the_result(session: ClientSession) -> None:
    args = {
        "drug": "amoxicillin",
        "indication": "pneumonia",
        "age_years": 70,
        "weight_kg": 60,
        "sex": "male",
        "creatinine_umol_l": 400,
    }
    result = await session.call_tool("dose", args)
    assert not result.isError, _text(result)
    got = result.structuredContent
    assert got is not None and got["renal"] is not None and got["adjustments"]


async def test_dose_check_returns_the_checkers_findings(session: ClientSession) -> None:
    order = {"drug": "paracetamol", "dose": "2000 mg", "frequency": "q6h", "indication": "fever"}
    patient = {"age_years": 3, "weight_kg": 14}
    result = await session.call_tool("dose_check", {"order": order, "patient": patient})
    assert not result.isError, _text(result)
    got = result.structuredContent
    expected = check_order(DoseOrder(**order), DosePatient.parse(patient))  # type: ignore[arg-type]
    assert got is not None and [f["code"] for f in got["findings"]] == [f.code for f in expected]
    assert got["findings"][0]["severity"] == "critical"


@pytest.mark.parametrize(
    ("tool", "args", "named", "secret"),
    [
        ("route_department", {"text": ""}, "text", None),
        ("route_department", {"text": "腹痛", "age_years": 300}, "age_years", None),
        ("route_department", {"text": "腹痛", "mrn": "A123"}, "mrn", "A123"),
        ("advise_care", {"complaint": "头痛", "heart_rate_bpm": 500}, "heart_rate_bpm", None),
        ("advise_care", {"complaint": "头痛", "facility": "moon"}, "facility", "moon"),
        (
            "interview_next_question",
            {"complaint": "不舒服", "answers": [{"question_id": "age_years", "answer": "x"}]},
            "answers.0.question_id",
            None,
        ),
        (
            "interview_next_question",
            {
                "complaint": "不舒服",
                "answers": [
                    {"question_id": "red_flags", "answer": "没有"},
                    {"question_id": "site", "answer": "头"},
                    {"question_id": "onset", "answer": "昨天"},
                    {"question_id": "severity", "answer": "张三13800138000"},
                ],
            },
            "answers.3.answer",
            "13800138000",
        ),
        (
            "interview_next_question",
            {"complaint": "x", "answers": [{"question_id": "a", "answer": "b", "x": 1}]},
            "answers.0.x",
            None,
        ),
        ("deidentify", {"text": "患者李明", "operator": "shred"}, "operator", None),
        (
            "dose",
            {"drug": "paracetamoll", "age_years": 3, "weight_kg": 14},
            "did you mean 'paracetamol'",
            "paracetamoll",
        ),
        ("dose", {"drug": "患者王五的药 13800138000", "age_years": 3}, "drug", "13800138000"),
        ("dose", {"drug": "paracetamol", "indication": "fever", "age_years": 3, "weight_kg": 400}, "weight_kg", None),
        ("dose", {"drug": "paracetamol", "age_years": 3, "weight": 14}, "weight", None),
        (
            "dose_check",
            {"order": {"drug": "amoxycilin", "dose": "250 mg", "frequency": "q8h"}, "patient": {"age_years": 3}},
            "order.drug",
            "amoxycilin",
        ),
        (
            "dose_check",
            {
                "order": {"drug": "amoxicillin", "dose": "250 mg", "frequency": "q8h"},
                "patient": {"age_years": 3, "weight_kg": -1},
            },
            "patient.weight_kg",
            None,
        ),
        (
            "dose_check",
            {"order": {"drug": "amoxicillin", "dose": "250 mg", "frequency": "q7h"}, "patient": {"age_years": 3}},
            "order.frequency",
            None,
        ),
        (
            "dose_check",
            {
                "order": {"drug": "amoxicillin", "dose": "250 mg", "frequency": "q8h"},
                "patient": {"age_years": 3, "name": "李明"},
            },
            "patient.name",
            "李明",
        ),
        ("get_encounter", {"encounter_id": "13800138000", "token": "fz_x"}, "encounter_id", "13800138000"),
    ],
)
async def test_bad_input_names_the_field_and_never_echoes_text(
    session: ClientSession, tool: str, args: dict[str, Any], named: str, secret: str | None
) -> None:
    result = await session.call_tool(tool, args)
    assert result.isError
    text = _text(result)
    assert named in text and "Traceback" not in text and len(text) <= 400
    if secret:
        assert secret not in text


async def test_service_tools_refuse_without_a_token_before_any_request(session: ClientSession) -> None:
    for tool, args in (("worklist", {}), ("get_encounter", {"encounter_id": "a" * 32}), ("list_dose_requests", {})):
        result = await session.call_tool(tool, args)
        assert result.isError and "needs a token" in _text(result) and "FENZHEN_TOKEN" in _text(result)


async def test_service_tools_say_when_no_service_answers() -> None:
    config = McpConfig(service_url="http://127.0.0.1:9", default_token="fz_default")
    async for s in _session(config):
        result = await s.call_tool("worklist", {})
        malformed = await s.call_tool("worklist", {"token": "bad token\nwith: header"})
    assert result.isError and "no Fenzhen service answered at http://127.0.0.1:9" in _text(result)
    assert malformed.isError and "well-formed" in _text(malformed) and "header" not in _text(malformed)


async def test_new_resources_list_departments_and_drugs(session: ClientSession) -> None:
    uris = {str(r.uri) for r in (await session.list_resources()).resources}
    assert {"fenzhen://knowledge/departments", "fenzhen://knowledge/formulary/drugs"} <= uris
    depts = json.loads((await session.read_resource("fenzhen://knowledge/departments")).contents[0].text)  # type: ignore[union-attr]
    drugs = json.loads((await session.read_resource("fenzhen://knowledge/formulary/drugs")).contents[0].text)  # type: ignore[union-attr]
    assert len(depts["departments"]) == 14 and all(d["subdepartments"] for d in depts["departments"])
    assert "phrases" not in json.dumps(depts)
    ids = {d["id"] for d in drugs["drugs"]}
    assert {"paracetamol", "amoxicillin"} <= ids and len(ids) >= 40
