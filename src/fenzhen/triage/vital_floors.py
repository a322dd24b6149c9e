"""Single-threshold vital-sign and consciousness floors (knowledge/data/vital_criteria.yaml)."""

from __future__ import annotations

from fenzhen.domain import Evidence, Intake
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import VitalRule
from fenzhen.triage.ages import is_child

__all__ = ["vital_evidence"]


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return str(getattr(value, "value", value))


def _evidence(rule: VitalRule, value: object, source_text: str) -> Evidence:
    return Evidence(input=rule.field, value=_fmt(value), rule=rule.id, source=source_text,
                    acuity=rule.acuity, china_level=rule.china_level, text_en=rule.text_en, text_zh=rule.text_zh)


def vital_evidence(intake: Intake) -> list[Evidence]:
    """Return one evidence item for every vital-sign rule the intake meets.

    Children (under 14) are judged on the paediatric table by age; adults and unknown ages on
    the adult table. Consciousness rules apply at every age.
    """
    criteria = load("vital_criteria")
    age = intake.age_years
    rules = criteria.paediatric if is_child(age) else criteria.adult
    found: list[Evidence] = []
    for rule in (*rules, *criteria.consciousness):
        value = getattr(intake, rule.field)
        if value is None or not rule.applies_to_age(age):
            continue
        test_value = value.value if hasattr(value, "value") else value
        if rule.matches(test_value, age):
            found.append(_evidence(rule, value, criteria.sources[rule.source]))
    return found
