"""MCP tool `assess`: the intake's fields in, the Assessment out (the same engine as every door)."""

from __future__ import annotations

from typing import Any

from fenzhen.domain import Assessment, Intake
from fenzhen.mcp.intake_args import intake_fields, takes_intake
from fenzhen.mcp.registry import mcp_tool

__all__ = ["assess_tool"]


@mcp_tool("assess")
@takes_intake
def assess_tool(**fields: Any) -> Assessment:
    """Triage one patient: 5-level acuity and China 4-level, with red flags, scores and evidence.

    Decision support only: a clinician decides. Missing vitals are never assumed normal; the
    result says which are missing and marks the level provisional.
    """
    from fenzhen.triage.engine import assess

    return assess(Intake.parse(intake_fields(fields)))
