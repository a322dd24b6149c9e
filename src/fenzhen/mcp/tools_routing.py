"""MCP tools for 导诊 and 分级诊疗: `route_department` and `advise_care` (from `fenzhen.routing`).

The same functions as ``POST /api/v1/route`` and ``POST /api/v1/care``: a complaint in, the
department with its probability, alternatives and driving words out; and for a whole intake, the
triage levels, the department and the advised level of care with its reason. Care advice is for
one of the packaged facility profiles (the server's ``--facility`` by default); a clinic's own
profile file is read by the service, not here.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from mcp.server.fastmcp import Context
from pydantic import BaseModel, Field

from fenzhen.domain import Assessment, Intake
from fenzhen.mcp.config import config_of
from fenzhen.mcp.intake_args import intake_fields, takes_intake
from fenzhen.mcp.registry import mcp_tool
from fenzhen.routing import CareAdvice, RouteResult, advise_care, default_facility, route

__all__ = ["CareResult", "advise_care_tool", "route_department_tool"]

_Num = Annotated[float | None, Field(description="None = not measured")]
_Age = Annotated[
    float | None,
    Field(
        ge=0, le=125, allow_inf_nan=False, description="Years (fractional for infants); read from the text if absent."
    ),
]
FacilityArg = Annotated[
    Literal["village", "township", "county"] | None,
    Field(description="Where the patient is now; default: the server's facility (township)."),
]


@mcp_tool("route_department")
def route_department_tool(
    text: Annotated[str, Field(min_length=1, max_length=5000, description="Complaint, Chinese, English or mixed.")],
    age_years: _Age = None,
    sex: Literal["female", "male"] | None = None,
    pregnant: bool | None = None,
) -> RouteResult:
    """Suggest the department (first and second level) for a complaint, with probability, alternatives and drivers.

    Emergency (level 1–2 red flags), children, pregnancy and sex rules come before the model;
    `rules_applied` says which did. A recommendation: staff at the desk decide.
    """
    return route(text, age_years=age_years, sex=sex, pregnant=pregnant)


class CareResult(BaseModel):
    """Triage, department and care level for one intake (recommendations: a clinician decides)."""

    assessment: Assessment
    route: RouteResult
    care: CareAdvice
    facility_name_zh: str
    facility_name_en: str


@mcp_tool("advise_care")
@takes_intake
def advise_care_tool(
    ctx: Context,  # type: ignore[type-arg]
    facility: FacilityArg = None,
    **fields: Any,
) -> CareResult:
    """Triage an intake, route it and advise where it should be seen (village, township, county, 120).

    The intake's fields are those of `assess`. Levels 1–2 always mean emergency transfer (call
    120); self-care only for a minor complaint with no red flag and normal vital signs.
    """
    from fenzhen.triage.engine import assess

    intake = Intake.parse(intake_fields(fields))
    assessment = assess(intake)
    profile = default_facility(facility or config_of(ctx).facility)
    result = route(
        intake.complaint,
        age_years=intake.age_years,
        sex=intake.sex.value if intake.sex else None,
        pregnant=intake.pregnant,
        assessment=assessment,
    )
    return CareResult(
        assessment=assessment,
        route=result,
        care=advise_care(assessment, result, profile),
        facility_name_zh=profile.name_zh,
        facility_name_en=profile.name_en,
    )
