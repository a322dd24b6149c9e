"""Complaint-specific levels (knowledge/data/complaint_modifiers.yaml).

CTAS and KTAS assign a level from the presenting complaint and its modifiers; a complaint with no
modifier that raises it gets that complaint's own level (breathlessness is at least mild
respiratory distress, CTAS III). Without this floor such complaints fall to the non-urgent default.
"""

from __future__ import annotations

from functools import cache

from fenzhen.domain import Evidence, Finding, Intake
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import ComplaintFloor

__all__ = ["complaint_evidence"]


@cache
def _rules_by_concept() -> dict[str, tuple[ComplaintFloor, ...]]:
    index: dict[str, list[ComplaintFloor]] = {}
    for rule in load("complaint_modifiers").complaints:
        for concept in rule.any:
            index.setdefault(concept, []).append(rule)
    return {k: tuple(v) for k, v in index.items()}


def complaint_evidence(intake: Intake, findings: list[Finding]) -> list[Evidence]:
    """Return one evidence item per complaint row that applies (negated findings never apply).

    Args:
        intake: the intake (its age limits which rows apply).
        findings: the complaint's findings from the lexicon matcher.

    Returns:
        Evidence items, each with the row's acuity floor and source.

    References:
        Bullard MJ et al. CJEM 2017;19(S2):S18-S27 (CTAS 2016); the KTAS adult manual (2016) for
        dizziness; each row's source is in the data file.
    """
    data = load("complaint_modifiers")
    index = _rules_by_concept()
    seen: set[str] = set()
    found: list[Evidence] = []
    for finding in findings:
        if finding.negated:
            continue
        for rule in index.get(finding.concept, ()):
            if rule.id in seen:
                continue
            age = intake.age_years
            if rule.age_min_years is not None and (age is None or age < rule.age_min_years):
                continue
            if rule.when_missing is not None and getattr(intake, rule.when_missing) is not None:
                continue
            seen.add(rule.id)
            found.append(Evidence(input="complaint", value=finding.text, rule=f"complaint.{rule.id}",
                                  source=data.sources[rule.source], acuity=rule.acuity,
                                  china_level=rule.china_level, text_en=rule.text_en, text_zh=rule.text_zh))
    return found
