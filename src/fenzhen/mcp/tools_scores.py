"""MCP tools for the early-warning scores: `news2`, `qsofa`, `pews` (from `fenzhen.scores`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from fenzhen.domain import AVPU, ScoreResult
from fenzhen.errors import InputError
from fenzhen.mcp.registry import mcp_tool
from fenzhen.mcp.validation import check_measures
from fenzhen.scores import news2, pews, qsofa

__all__ = ["news2_tool", "pews_tool", "qsofa_tool"]

_Num = Annotated[float | None, Field(description="None = not measured")]


@mcp_tool("news2")
def news2_tool(
    resp_rate_bpm: _Num = None,
    spo2_pct: _Num = None,
    on_oxygen: bool | None = None,
    sbp_mmhg: _Num = None,
    heart_rate_bpm: _Num = None,
    consciousness_alert: Annotated[
        bool | None, Field(description="True if Alert (not new confusion/V/P/U)")
    ] = None,
    temp_c: _Num = None,
    spo2_scale: Annotated[Literal[1, 2], Field(description="2 only for confirmed hypercapnic failure")] = 1,
) -> ScoreResult:
    """Score NEWS2 (RCP 2017) for an adult (16 years and over), with band and clinical response.

    Missing parameters are listed, never scored as normal.
    """
    check_measures(
        resp_rate_bpm=resp_rate_bpm,
        spo2_pct=spo2_pct,
        sbp_mmhg=sbp_mmhg,
        heart_rate_bpm=heart_rate_bpm,
        temp_c=temp_c,
    )
    return news2(
        resp_rate_bpm=resp_rate_bpm,
        spo2_pct=spo2_pct,
        on_oxygen=on_oxygen,
        sbp_mmhg=sbp_mmhg,
        heart_rate_bpm=heart_rate_bpm,
        consciousness_alert=consciousness_alert,
        temp_c=temp_c,
        spo2_scale=spo2_scale,
    )


@mcp_tool("qsofa")
def qsofa_tool(
    resp_rate_bpm: _Num = None,
    sbp_mmhg: _Num = None,
    altered_mentation: Annotated[bool | None, Field(description="GCS < 15 or AVPU other than Alert")] = None,
) -> ScoreResult:
    """Score qSOFA (Sepsis-3, 0–3): ≥2 with suspected infection means assess for sepsis now."""
    check_measures(resp_rate_bpm=resp_rate_bpm, sbp_mmhg=sbp_mmhg)
    return qsofa(resp_rate_bpm=resp_rate_bpm, sbp_mmhg=sbp_mmhg, altered_mentation=altered_mentation)


@mcp_tool("pews")
def pews_tool(
    age_years: Annotated[float, Field(description="0 to under 16 years; selects the normal ranges")],
    heart_rate_bpm: _Num = None,
    resp_rate_bpm: _Num = None,
    cap_refill_s: _Num = None,
    avpu: Literal["A", "C", "V", "P", "U"] | None = None,
    on_oxygen: bool | None = None,
    quarter_hourly_nebulisers: bool = False,
    persistent_postop_vomiting: bool = False,
) -> ScoreResult:
    """Score the Brighton PEWS for a child under 16, with band and recommended response."""
    check_measures(
        age_years=age_years,
        heart_rate_bpm=heart_rate_bpm,
        resp_rate_bpm=resp_rate_bpm,
        cap_refill_s=cap_refill_s,
    )
    if age_years >= 16:
        raise InputError.for_field(
            "age_years", age_years, "Brighton PEWS is for children; use news2", "0 to under 16 years"
        )
    return pews(
        age_years=age_years,
        heart_rate_bpm=heart_rate_bpm,
        resp_rate_bpm=resp_rate_bpm,
        cap_refill_s=cap_refill_s,
        avpu=AVPU(avpu) if avpu else None,
        on_oxygen=on_oxygen,
        quarter_hourly_nebulisers=quarter_hourly_nebulisers,
        persistent_postop_vomiting=persistent_postop_vomiting,
    )
