"""Single-threshold vital-sign and consciousness floors (knowledge/data/vital_criteria.yaml)."""

from __future__ import annotations

from bisect import bisect_right
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
def _age_bounds() -> tuple[float, ...]:
    """Every age at which some rule starts or stops applying: between two of them the rules are the same."""
    criteria = load("vital_criteria")
    rules = (*criteria.adult, *criteria.paediatric, *criteria.all_ages)
    return tuple(sorted({b for r in rules for b in (r.age_min_years, r.age_max_years) if b is not None}))


_TABLES: dict[tuple[bool, int | None], tuple[tuple[str, tuple[VitalRule, ...]], ...]] = {}


def _rules_by_field(age: float | None) -> tuple[tuple[str, tuple[VitalRule, ...]], ...]:
    """The rules that apply at this age, grouped by intake field, so absent fields cost nothing.

    The table is built once per age band (the span between two rule boundaries), not per patient.
    """
    child = is_child(age)
    key = (child, None if age is None else bisect_right(_age_bounds(), age))
    table = _TABLES.get(key)
    if table is None:
        criteria = load("vital_criteria")
        grouped: dict[str, list[VitalRule]] = {}
        for rule in (*(criteria.paediatric if child else criteria.adult), *criteria.all_ages):
            if rule.applies_to_age(age):
                grouped.setdefault(rule.field, []).append(rule)
        table = _TABLES[key] = tuple((field, tuple(rules)) for field, rules in grouped.items())
    return table


def vital_evidence(intake: Intake) -> list[Evidence]:
    """Return one evidence item for every vital-sign rule the intake meets.

    Children (under 14) are judged on the paediatric table by age; adults and unknown ages on
    the adult table. Consciousness and blood-glucose rules apply at every age.
    """
    sources = load("vital_criteria").sources
    age = intake.age_years
    found: list[Evidence] = []
    for field, rules in _rules_by_field(age):
        value = getattr(intake, field)
        if value is None:
            continue
        test_value = value.value if hasattr(value, "value") else value
        for rule in rules:
            if rule.matches(test_value, age):
                found.append(_evidence(rule, value, sources[rule.source]))
    return found
