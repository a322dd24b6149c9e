"""MCP tool `assess`: the intake's fields in, the Assessment out (the same engine as every door)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from fenzhen.domain import Assessment, Intake
from fenzhen.mcp.registry import mcp_tool

__all__ = ["assess_tool"]

_Num = Annotated[float | None, Field(description="None = not measured")]


@mcp_tool("assess")
def assess_tool(
    complaint: Annotated[str, Field(description="Free-text chief complaint, Chinese and/or English.")],
    age_years: Annotated[float | None, Field(description="Age in years; fractional for infants.")] = None,
    sex: Literal["female", "male"] | None = None,
    weight_kg: _Num = None,
    pregnant: bool | None = None,
    heart_rate_bpm: _Num = None,
    resp_rate_bpm: _Num = None,
    sbp_mmhg: _Num = None,
    dbp_mmhg: _Num = None,
    temp_c: _Num = None,
    spo2_pct: _Num = None,
    on_oxygen: bool | None = None,
    avpu: Literal["A", "C", "V", "P", "U"] | None = None,
    gcs: Annotated[int | None, Field(description="Glasgow Coma Scale 3–15")] = None,
    pain_nrs: Annotated[int | None, Field(description="Pain, numeric rating 0–10")] = None,
    cap_refill_s: _Num = None,
    glucose_mmol_l: _Num = None,
    arrival_mode: Literal["walk_in", "ambulance", "private_vehicle", "transfer", "other"] | None = None,
    injury: bool | None = None,
    injury_mechanism: str | None = None,
) -> Assessment:
    """Triage one patient: 5-level acuity and China 4-level, with red flags, scores and evidence.

    Decision support only: a clinician decides. Missing vitals are never assumed normal; the
    result says which are missing and marks the level provisional.
    """
    from fenzhen.triage.engine import assess

    given = {k: v for k, v in locals().items() if v is not None and k != "assess"}
    return assess(Intake.parse(given))
