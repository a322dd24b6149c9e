"""Single-threshold vital-sign and consciousness floors (knowledge/data/vital_criteria.yaml)."""

from __future__ import annotations

from functools import cache

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


@cache
def _rules_by_field(child: bool) -> tuple[tuple[str, tuple[VitalRule, ...]], ...]:
    """The applicable rule table grouped by intake field, so absent fields cost nothing."""
    criteria = load("vital_criteria")
    grouped: dict[str, list[VitalRule]] = {}
    for rule in (*(criteria.paediatric if child else criteria.adult), *criteria.all_ages):
        grouped.setdefault(rule.field, []).append(rule)
    return tuple((field, tuple(rules)) for field, rules in grouped.items())


def vital_evidence(intake: Intake) -> list[Evidence]:
    """Return one evidence item for every vital-sign rule the intake meets.

    Children (under 14) are judged on the paediatric table by age; adults and unknown ages on
    the adult table. Consciousness and blood-glucose rules apply at every age.
    """
    sources = load("vital_criteria").sources
    age = intake.age_years
    found: list[Evidence] = []
    for field, rules in _rules_by_field(is_child(age)):
        value = getattr(intake, field)
        if value is None:
            continue
        test_value = value.value if hasattr(value, "value") else value
        for rule in rules:
            if rule.applies_to_age(age) and rule.matches(test_value, age):
                found.append(_evidence(rule, value, sources[rule.source]))
    return found
