"""Red flags (knowledge/data/red_flags.yaml): complaint findings, or measured values standing in for them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from fenzhen.domain import MEASURES, Evidence, Finding, Intake, RedFlag
from fenzhen.extract.blood_volume import blood_volume_near
from fenzhen.extract.burn_area import stated_burn_area
from fenzhen.extract.duration import duration_days_near
from fenzhen.extract.gestation import stated_gestation
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import RedFlagRule

__all__ = ["red_flag_evidence"]


def _trigger(rule: RedFlagRule, positive: dict[str, Finding], findings: list[Finding],
             intake: Intake) -> tuple[str, str] | None:
    """What set the rule off: (input, text) for a complaint concept, or for a measured value standing in for it."""
    if rule.unmeasured is not None and getattr(intake, rule.unmeasured) is not None:
        return None
    value = getattr(intake, rule.measured.field) if rule.measured is not None else None
    if rule.measured is not None and rule.measured.met(value):
        # Number and unit only: the same reading serves the Chinese and the English display.
        return rule.measured.field, f"{value:g} {MEASURES[rule.measured.field].unit}"
    if value is not None and rule.measured_decides:
        return None  # measured and not met: "high sugar" with glucose 9 mmol/L is not above 18
    hit = next((positive[c] for c in rule.any if c in positive), None)
    if hit is None:
        return None
    mentions = [f for f in findings if f.concept in rule.any and f.present]
    if rule.min_duration_days is not None:
        return _lasting(rule.min_duration_days, mentions, intake.complaint)
    if rule.min_blood_ml is not None:
        return _large_bleed(rule.min_blood_ml, mentions, intake.complaint)
    return "complaint", hit.text


def _lasting(min_days: float, mentions: list[Finding], complaint: str) -> tuple[str, str] | None:
    """The first mention said to have lasted `min_days` or more ("发烧5天": the words and how long), or None.

    Every mention counts: "宝宝发烧，咳嗽，发热5天" states the fever's duration at its second mention.
    """
    for mention in mentions:
        stated = duration_days_near(complaint, mention.start, mention.end)
        if stated is not None and stated[0] >= min_days:
            return "complaint", complaint[stated[1]:stated[2]]
    return None


def _large_bleed(min_ml: float, mentions: list[Finding], complaint: str) -> tuple[str, str] | None:
    """The first mention with at least `min_ml` millilitres stated beside it ("咯血 200ml"), or None."""
    for mention in mentions:
        stated = blood_volume_near(complaint, mention.start, mention.end)
        if stated is not None and stated[0] >= min_ml:
            return "complaint", f"{mention.text} {stated[1]}"
    return None


def _companion(rule: RedFlagRule, positive: dict[str, Finding], intake: Intake) -> bool:
    """Whether the rule's second condition holds: a `with_any` concept, its measured stand-in, or the intake flag."""
    if rule.with_any is None and rule.with_measured is None and rule.with_intake is None:
        return True
    if rule.with_any and any(c in positive for c in rule.with_any):
        return True
    if rule.with_measured is not None and rule.with_measured.met(getattr(intake, rule.with_measured.field)):
        return True
    return rule.with_intake is not None and bool(getattr(intake, rule.with_intake))


@dataclass(frozen=True)
class _Stated:
    """Quantities the complaint states that some rules read: a gestational age and a burnt area."""

    weeks: float | None = None
    burn_pct: float | None = None


def _fires(rule: RedFlagRule, positive: dict[str, Finding], findings: list[Finding], intake: Intake,
           stated: _Stated) -> tuple[str, str] | None:
    trigger = _trigger(rule, positive, findings, intake)
    if trigger is None:
        return None
    weeks = stated.weeks
    if rule.min_burn_area_pct is not None:
        if stated.burn_pct is None or stated.burn_pct < rule.min_burn_area_pct:
            return None
        trigger = (trigger[0], f"{trigger[1]} {stated.burn_pct:g}%")  # the nurse sees the area that decided
    if rule.min_gestation_weeks is not None and (weeks is None or weeks < rule.min_gestation_weeks):
        return None
    if rule.max_gestation_weeks is not None and weeks is not None and weeks >= rule.max_gestation_weeks:
        return None
    if rule.not_below_gestation_weeks is not None and weeks is not None and weeks < rule.not_below_gestation_weeks:
        return None
    age = intake.age_years
    if rule.age_max_years is not None and (age is None or age >= rule.age_max_years):
        # With no age recorded, a complaint that names a newborn or a child ("宝宝不吃奶") brings the
        # child's danger signs in: leaning safe beats assuming an adult here.
        if not (age is None and any(c in positive for c in rule.named_by)):
            return None
    # A missing age is assumed adult (and the result says so): adult-only rules apply, as leaning safe asks.
    if rule.age_min_years is not None and age is not None and age < rule.age_min_years:
        return None
    return trigger if _companion(rule, positive, intake) else None


@cache
def _rules_by_concept() -> dict[str, tuple[RedFlagRule, ...]]:
    """Index the rules by the concepts in their `any` list, so only candidate rules are tried."""
    index: dict[str, list[RedFlagRule]] = {}
    for rule in load("red_flags").red_flags:
        for concept in rule.any:
            index.setdefault(concept, []).append(rule)
    return {k: tuple(v) for k, v in index.items()}


@cache
def _measured_rules() -> tuple[tuple[str, tuple[RedFlagRule, ...]], ...]:
    """Rules a measured value can set off without any complaint word (a fever read off the thermometer),
    grouped by the intake field they read, so that fields not measured cost nothing."""
    by_field: dict[str, list[RedFlagRule]] = {}
    for rule in load("red_flags").red_flags:
        if rule.measured is not None:
            by_field.setdefault(rule.measured.field, []).append(rule)
    return tuple((field, tuple(rules)) for field, rules in by_field.items())


@cache
def _position() -> dict[str, int]:
    return {rule.id: i for i, rule in enumerate(load("red_flags").red_flags)}


def _order(rule: RedFlagRule) -> int:
    return _position()[rule.id]


def _stated(complaint: str, rules: list[RedFlagRule]) -> _Stated:
    """Read only what a candidate rule depends on (most complaints: nothing)."""
    gestation = (stated_gestation(complaint)
                 if any(r.min_gestation_weeks is not None or r.max_gestation_weeks is not None
                        or r.not_below_gestation_weeks is not None for r in rules) else None)
    area = stated_burn_area(complaint) if any(r.min_burn_area_pct is not None for r in rules) else None
    return _Stated(weeks=gestation[0] if gestation else None, burn_pct=area[0] if area else None)


def red_flag_evidence(intake: Intake, findings: list[Finding]) -> tuple[list[RedFlag], list[Evidence]]:
    """Return the red flags that fire for this intake, and one evidence item for each.

    Negated findings ("无胸痛", "denies chest pain") never fire a flag. A rule with a `measured` bound
    also fires on the measured value alone (temperature 38.5 °C counts as a fever).
    """
    data = load("red_flags")
    positive: dict[str, Finding] = {}
    for f in findings:
        if f.present:
            positive.setdefault(f.concept, f)
    flags: list[RedFlag] = []
    evidence: list[Evidence] = []
    candidates = _rules_by_concept()
    chosen = {id(r): r for c in positive for r in candidates.get(c, ())}
    for field, measured_rules in _measured_rules():
        value = getattr(intake, field)
        if value is not None:
            chosen.update((id(r), r) for r in measured_rules if r.measured is not None and r.measured.met(value))
    rules = sorted(chosen.values(), key=_order)
    stated = _stated(intake.complaint, rules)
    for rule in rules:
        fired = _fires(rule, positive, findings, intake, stated)
        if fired is None:
            continue
        source_input, matched = fired
        acuity, china, source, suffix_en, suffix_zh = rule.acuity, rule.china_level, data.sources[rule.source], "", ""
        if rule.alert_acuity is not None and intake.known_alert:
            # The standard grades this complaint by consciousness: resolved and alert is less urgent.
            acuity, china = rule.alert_acuity, rule.alert_china_level or china
            source = data.sources[rule.alert_source or rule.source]
            suffix_en, suffix_zh = ", now alert", "，目前清醒"
        flags.append(RedFlag(id=rule.id, name_en=rule.name_en, name_zh=rule.name_zh, matched=matched,
                             acuity=acuity, china_level=china, source=source))
        evidence.append(Evidence(input=source_input, value=matched, rule=f"red_flags.{rule.id}", source=source,
                                 acuity=acuity, china_level=china, text_en=f"red flag: {rule.name_en}{suffix_en}",
                                 text_zh=f"危险信号：{rule.name_zh}{suffix_zh}"))
    return flags, evidence
