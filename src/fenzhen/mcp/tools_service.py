"""MCP tools that read stored patient data from a running service: `worklist`, `get_encounter`,
`list_dose_requests`.

Design: each tool takes a ``token`` (or uses the server's ``FENZHEN_TOKEN``) and forwards it to
``fenzhen mcp --service-url`` (default http://127.0.0.1:8000) as ``Authorization: Bearer``; the
service enforces the role (``read_clinical`` for the worklist and encounters, ``decide_dose`` for
the prescriber's dose-request worklist) and writes the audit event under the token's user. The
registry (``service=True``) refuses a call without any token before a request leaves; a refusal
by the service (401 no/invalid token, 403 wrong role) comes back as a tool error saying so.

Results are typed; fields the service adds later pass through (``extra="allow"``), so an older
MCP server does not hide what a newer service returns.
"""

from __future__ import annotations

from typing import Annotated, Any

from mcp.server.fastmcp import Context
from pydantic import BaseModel, ConfigDict, Field

from fenzhen.mcp.config import config_of
from fenzhen.mcp.registry import mcp_tool
from fenzhen.mcp.service_client import get_json

__all__ = [
    "DoseRequestList",
    "DoseRequestSummary",
    "EncounterAssessment",
    "EncounterPatient",
    "EncounterView",
    "Worklist",
    "WorklistEntry",
    "get_encounter_tool",
    "list_dose_requests_tool",
    "worklist_tool",
]

TokenArg = Annotated[
    str | None,
    Field(max_length=200, description="API token from `fenzhen user add`; default: the server's FENZHEN_TOKEN."),
]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class WorklistEntry(_Open):
    """One waiting patient, as the service's worklist shows it."""

    encounter_id: str
    patient_name: str
    arrived_at: str
    waited_minutes: float
    china_level: int = Field(ge=1, le=4)
    acuity: int = Field(ge=1, le=5)
    target_minutes: int
    minutes_past_target: float
    overdue: bool
    escalated: bool
    overridden: bool
    reviewed: bool
    assessment_id: str
    assessments: int
    complaint: str


class Worklist(_Open):
    """Waiting patients: by level, then minutes past the response target; overdue ones escalated."""

    entries: list[WorklistEntry]


class EncounterPatient(_Open):
    id: str
    name: str | None


class EncounterAssessment(_Open):
    """One triage of the encounter, with its intake and any reviews (accept or override)."""

    id: str
    seq: int
    created_at: str
    intake: dict[str, Any]
    assessment: dict[str, Any] = Field(description="The stored Assessment (acuity, china_level, evidence …).")
    reviews: list[dict[str, Any]]


class EncounterView(_Open):
    """An encounter with every assessment (history) and review."""

    id: str
    status: str
    arrived_at: str
    escalated_at: str | None
    patient: EncounterPatient
    assessments: list[EncounterAssessment]


class DoseRequestSummary(_Open):
    """A remote dose-adjustment request awaiting the prescriber's decision."""

    id: str
    status: str
    drug: str
    order: dict[str, Any]
    patient_id: str
    requesting_site: str | None
    supervising_site: str | None
    requested_by: str | None
    created_at: str
    max_severity: str | None


class DoseRequestList(_Open):
    """Pending requests at the prescriber's site, oldest first."""

    requests: list[DoseRequestSummary]


@mcp_tool("worklist", role="read_clinical", service=True)
async def worklist_tool(ctx: Context, token: TokenArg = None) -> Worklist:  # type: ignore[type-arg]
    """Read the clinic's worklist of waiting patients from the running service (audited under the token's user).

    Needs a token whose role may read clinical data (nurse, doctor, admin).
    """
    data = await get_json(config_of(ctx), "/api/v1/worklist", token or "", "worklist")
    return Worklist.model_validate(data)


@mcp_tool("get_encounter", role="read_clinical", service=True)
async def get_encounter_tool(
    ctx: Context,  # type: ignore[type-arg]
    encounter_id: Annotated[str, Field(pattern=r"^[0-9a-f]{32}$", description="32 hex digits, from the worklist.")],
    token: TokenArg = None,
) -> EncounterView:
    """Read one encounter with every assessment and review from the running service (audited).

    Needs a token whose role may read clinical data (nurse, doctor, admin).
    """
    data = await get_json(config_of(ctx), f"/api/v1/encounters/{encounter_id}", token or "", "get_encounter")
    return EncounterView.model_validate(data)


@mcp_tool("list_dose_requests", role="decide_dose", service=True)
async def list_dose_requests_tool(ctx: Context, token: TokenArg = None) -> DoseRequestList:  # type: ignore[type-arg]
    """List the remote dose-adjustment requests waiting for this prescriber's decision (audited).

    Needs a doctor's token with prescribing rights at the supervising site.
    """
    data = await get_json(config_of(ctx), "/api/v1/dose-requests/worklist", token or "", "list_dose_requests")
    return DoseRequestList.model_validate(data)
