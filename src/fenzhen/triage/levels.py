"""The two level scales and how they relate (data in knowledge/data/triage_levels.yaml)."""

from __future__ import annotations

from functools import cache

from fenzhen.domain import AcuityLevelInfo, ChinaLevelInfo
from fenzhen.knowledge import load

__all__ = ["acuity_info", "acuity_to_china", "china_info", "china_to_acuity"]


@cache
def acuity_info(level: int) -> AcuityLevelInfo:
    """Name, colour and response time of a 5-level acuity."""
    row = next(r for r in load("triage_levels").acuity if r.level == level)
    return AcuityLevelInfo(**row.model_dump(exclude={"source"}))


@cache
def china_info(level: int) -> ChinaLevelInfo:
    """Name, colour, zone and response time of a China 4-level."""
    row = next(r for r in load("triage_levels").china if r.level == level)
    return ChinaLevelInfo(**row.model_dump(exclude={"source"}))


def acuity_to_china(acuity: int) -> int:
    """China level for a rule or model that states only the 5-level acuity."""
    return int(load("triage_levels").acuity_to_china[acuity])


def china_to_acuity(china_level: int) -> int:
    """5-level acuity for a rule that states only the China level."""
    return int(load("triage_levels").china_to_acuity[china_level])
