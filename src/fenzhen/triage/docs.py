"""Render the triage rules as Markdown (docs/triage_rules.md is generated from the knowledge files).

A clinical reviewer checks thresholds against the published tables; one page with every rule, its
levels and its source is easier to review than seven YAML files, and it cannot drift from them.
"""

from __future__ import annotations

from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import RedFlagRule, VitalRule
from fenzhen.triage.engine import ENGINE_KNOWLEDGE

__all__ = ["triage_rules_markdown"]


def _level(value: int | None) -> str:
    return "—" if value is None else str(value)


def _condition(rule: VitalRule) -> str:
    if rule.lt_70_plus_2x_age:
        cond = "< 70 + 2 × age"
    elif rule.between is not None:
        cond = f"{rule.between[0]:g}–{rule.between[1]:g}"
    elif rule.in_ is not None:
        cond = "in " + "/".join(rule.in_)
    else:
        sym, bound = rule.comparison() or ("?", 0.0)
        cond = f"{sym} {bound:g}"
    ages = []
    if rule.age_min_years is not None:
        ages.append(f"age ≥ {rule.age_min_years:g}")
    if rule.age_max_years is not None:
        ages.append(f"age < {rule.age_max_years:g}")
    return f"`{rule.field}` {cond}" + (f" ({', '.join(ages)})" if ages else "")


def _vital_table(title: str, rules: list[VitalRule]) -> list[str]:
    lines = [f"### {title}", "", "| rule | condition | 5-level | China | source |", "|---|---|---|---|---|"]
    lines += [f"| `{r.id}` | {_condition(r)} | {_level(r.acuity)} | {_level(r.china_level)} | {r.source} |"
              for r in rules]
    return [*lines, ""]


def _levels() -> list[str]:
    data = load("triage_levels")
    lines = ["## Levels", "", "| 5-level | name | response | China level | name | colour | response |",
             "|---|---|---|---|---|---|---|"]
    china = {c.level: c for c in data.china}
    for a in data.acuity:
        c = china[data.acuity_to_china[a.level]]
        lines.append(f"| {a.level} | {a.name_en} {a.name_zh} | {a.response_minutes} min | {c.level} | {c.name_zh} | "
                     f"{c.colour_zh} | {c.response_zh} |")
    return [*lines, ""]


def _modifiers() -> list[str]:
    data = load("modifiers")
    pain = data.pain
    bands = {region: ", ".join(f"{b.min}–{b.max} → {b.acuity}" for b in getattr(pain, region))
             for region in ("central", "peripheral")}
    sirs = data.fever.sirs
    by_count = ", ".join(f"{n} → {level}" for n, level in sorted(data.fever.by_sirs_count.items(), reverse=True))
    return ["## Pain and temperature (`modifiers.yaml`)", "",
            f"- Pain (NRS, {pain.source}): central {bands['central']}; peripheral {bands['peripheral']}. "
            f"Severe-pain words without a score count as NRS {pain.severe_words_nrs}. The region of each "
            "complaint is in `lexicon.yaml`.",
            f"- China 2018: any pain NRS ≥ {data.china_severe_pain.min_nrs} → "
            f"{data.china_severe_pain.china_level}级 (China level only).",
            f"- Temperature ≥ {data.fever.threshold_c:g} °C, SIRS criteria met ({sirs.source}: temperature > "
            f"{sirs.temp_high_c:g} or < {sirs.temp_low_c:g} °C, HR > {sirs.hr_gt:g}, RR > {sirs.rr_gt:g}): "
            f"{by_count}.", ""]


def _limits(r: RedFlagRule) -> str:
    """The ages, gestations and stated quantities (burnt area, blood volume) within which a rule fires."""
    parts = (f"≥ {r.age_min_years:g}" if r.age_min_years is not None else "",
             f"< {r.age_max_years:g}" if r.age_max_years is not None else "",
             f"(or named: {', '.join(r.named_by)})" if r.named_by else "",
             f"gestation ≥ {r.min_gestation_weeks:g} wk" if r.min_gestation_weeks else "",
             f"not at ≥ {r.max_gestation_weeks:g} wk" if r.max_gestation_weeks else "",
             f"not at a stated < {r.not_below_gestation_weeks:g} wk" if r.not_below_gestation_weeks else "",
             f"stated burnt area ≥ {r.min_burn_area_pct:g}%" if r.min_burn_area_pct else "",
             f"stated volume ≥ {r.min_blood_ml:g} mL" if r.min_blood_ml else "")
    return " ".join(x for x in parts if x)


def _red_flags() -> list[str]:
    lines = ["## Red flags (`red_flags.yaml`)", "",
             "A flag fires on any listed complaint concept (never a negated one) or the measured value beside "
             "them and, where given, one of the concepts or the intake field in the next column. *When alert*: "
             "the level when AVPU A or GCS 15 is recorded.", "",
             "| flag | complaint concepts | also needs | ages | 5-level | China | when alert | source |",
             "|---|---|---|---|---|---|---|---|"]
    for r in load("red_flags").red_flags:
        measured = r.with_measured.describe() if r.with_measured else ""
        needs = " or ".join(x for x in (", ".join(r.with_any or []), measured) if x) \
            + (f" `{r.with_intake}`" if r.with_intake else "")
        ages = _limits(r)
        alert = (f"{r.alert_acuity} / {r.alert_china_level or r.china_level} ({r.alert_source})"
                 if r.alert_acuity is not None else "—")
        concepts = ", ".join(r.any)
        if r.measured is not None:
            concepts += f" or {r.measured.describe()}" + (" (once measured, the value alone decides)"
                                                           if r.measured_decides else "")
        if r.unmeasured is not None:
            concepts += f", while `{r.unmeasured}` is unmeasured"
        if r.min_duration_days is not None:
            concepts += f", lasting ≥ {r.min_duration_days:g} days (stated beside the words)"
        lines.append(f"| `{r.id}` {r.name_en} | {concepts} | {needs.strip() or '—'} | {ages or '—'} | "
                     f"{r.acuity} | {r.china_level} | {alert} | {r.source} |")
    return [*lines, ""]


def _complaints() -> list[str]:
    data = load("complaint_modifiers")
    default = data.acute_default
    lines = ["## Complaint levels (`complaint_modifiers.yaml`)", "",
             "| rule | complaint concepts | condition | 5-level | source |", "|---|---|---|---|---|"]
    for c in data.complaints:
        cond = []
        if c.when_missing:
            cond.append(f"`{c.when_missing}` not measured")
        if c.age_min_years is not None:
            cond.append(f"age ≥ {c.age_min_years:g}")
        lines.append(f"| `{c.id}` | {', '.join(c.any)} | {'; '.join(cond) or '—'} | {c.acuity} | {c.source} |")
    lines += ["", f"An acute complaint that no rule raised is level {default.acuity} ({default.source}); it stays "
              f"5 only when every complaint concept is a non-urgent kind ({', '.join(default.non_urgent)}) or, "
              f"with a recorded pain score, graded by pain alone ({', '.join(default.graded_by_pain)}).", ""]
    return lines


def _score_floors() -> list[str]:
    data = load("score_floors")
    lines = ["## Early-warning score bands (`score_floors.yaml`)", "",
             "Per score, the first row that fires counts. qSOFA needs a suspected infection: "
             f"{', '.join(data.infection_concepts)}, or temperature ≥ {data.infection_temp_c:g} °C.", "",
             "| rule | score | fires when | 5-level | China | source |", "|---|---|---|---|---|---|"]
    for score in ("news2", "pews", "qsofa"):
        for r in getattr(data, score):
            when = (f"total ≥ {r.min_total:g}" if r.min_total is not None
                    else f"any one parameter scores {r.single_parameter:g}")
            lines.append(f"| `{r.id}` | {score} | {when}{' with infection' if r.with_infection else ''} | "
                         f"{r.acuity} | {r.china_level} | {r.source} |")
    return [*lines, ""]


def _sources() -> list[str]:
    lines = ["## Sources", ""]
    for name in ENGINE_KNOWLEDGE:
        data = load(name)
        lines += [f"### `{name}.yaml` (version {data.version})", ""]
        lines += [f"- **{key}**: {' '.join(text.split())}" for key, text in data.sources.items()]
        lines.append("")
    return lines


def triage_rules_markdown() -> str:
    """Every triage level, threshold, red flag and complaint level with its source, as Markdown."""
    vitals = load("vital_criteria")
    versions = ", ".join(f"{name} {load(name).version}" for name in ENGINE_KNOWLEDGE)
    lines = ["# Triage rules", "",
             "Generated from `src/fenzhen/knowledge/data/` by `python -m fenzhen.triage.docs > docs/triage_rules.md`;",
             "a test keeps the two in step. The engine takes the most urgent level any rule sets (the floor),",
             "then the learned model may raise it by one level (README, \"How the level is decided\").", "",
             f"Knowledge versions: {versions}.", "", *_levels(),
             "## Vital signs (`vital_criteria.yaml`)", "",
             *_vital_table("Adults (age ≥ 14 or unknown)", vitals.adult),
             *_vital_table("Consciousness and blood glucose (all ages)", vitals.all_ages),
             *_vital_table("Children (age < 14)", vitals.paediatric),
             *_modifiers(), *_red_flags(), *_complaints(), *_score_floors(), *_sources()]
    return "\n".join(lines).rstrip("\n") + "\n"


if __name__ == "__main__":
    print(triage_rules_markdown(), end="")
