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

__all__ = ["acute_default_evidence", "complaint_evidence"]


@cache
def _rules_by_concept() -> dict[str, tuple[ComplaintFloor, ...]]:
    index: dict[str, list[ComplaintFloor]] = {}
    for rule in load("complaint_modifiers").complaints:
        for concept in rule.any:
            index.setdefault(concept, []).append(rule)
    return {k: tuple(v) for k, v in index.items()}


def complaint_evidence(intake: Intake, findings: list[Finding]) -> list[Evidence]:
    """Return one evidence item per complaint row that applies (negated or past findings never apply).

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
        if not finding.present:
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


def acute_default_evidence(intake: Intake, findings: list[Finding], floor: int) -> Evidence | None:
    """The level-4 default for an acute complaint when nothing else set a level.

    CTAS and KTAS reserve level 5 for complaints that are non-urgent by kind (a cold, a minor
    rash, a medication request); any other complaint that no modifier raised is level 4. Without
    this default an unrecognised or unlisted complaint would fall to 5, the least safe guess.

    Args:
        intake: the intake (its complaint is quoted in the evidence).
        findings: the complaint's findings.
        floor: the most urgent level the other rules set (5 when none did).

    Returns:
        The level-4 evidence item; for a complaint of a non-urgent kind only, a level-5 item that
        says why it stays non-urgent; None when another rule already set a level.
    """
    data = load("complaint_modifiers")
    default = data.acute_default
    if floor <= default.acuity:
        return None
    positive = {f.concept for f in findings if f.present}
    non_urgent = set(default.non_urgent)
    if intake.pain_nrs is not None:  # an unscored pain complaint is not presumed mild
        non_urgent |= set(default.graded_by_pain)
    if positive and positive <= non_urgent:
        return Evidence(input="complaint", value=intake.complaint[:60], rule="complaint.non_urgent_kind",
                        source=data.sources[default.source], acuity=5,
                        text_en=default.non_urgent_text_en, text_zh=default.non_urgent_text_zh)
    return Evidence(input="complaint", value=intake.complaint[:60], rule="complaint.acute_default",
                    source=data.sources[default.source], acuity=default.acuity,
                    text_en=default.text_en, text_zh=default.text_zh)
