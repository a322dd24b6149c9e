"""The triage engine: rule floors, scores and the learned model, combined into one Assessment.

The decision is the most urgent of the rule floors and the model's estimate: the model may
raise a level, never lower a floor (and its estimate is at most one level above the floor).
Both scales are computed together: every rule states its China level and/or its 5-level acuity
(from its own standard); a rule stating only one gets the other from the table in
triage_levels.yaml, and the China level is never less urgent than the China equivalent of the
final acuity.
"""

from __future__ import annotations

from fenzhen import __version__
from fenzhen.domain import MEASURES, VITAL_FIELDS, Assessment, Evidence, Finding, Intake, ModelOpinion
from fenzhen.extract import detect_language, extract_findings
from fenzhen.extract.stated_vitals import STATABLE, stated_readings
from fenzhen.knowledge import load
from fenzhen.triage.ages import CHILD_NAMED, age_band, is_child
from fenzhen.triage.complaint_floors import acute_default_evidence, complaint_evidence
from fenzhen.triage.levels import acuity_info, acuity_to_china, china_info
from fenzhen.triage.model import AcuityModel, default_model, is_model_applicable
from fenzhen.triage.modifiers import fever_evidence, pain_evidence
from fenzhen.triage.red_flags import red_flag_evidence
from fenzhen.triage.score_floors import compute_scores, score_evidence
from fenzhen.triage.vital_floors import vital_evidence

__all__ = ["ENGINE_VERSION", "assess"]

# Units said differently in the Chinese note (the rest, °C, mmHg, /min, %, read the same).
_UNITS_ZH = {"years": "岁", "points": "分", "s": "秒"}

ENGINE_VERSION = __version__

# With no recognised complaint and fewer than this many vitals, there is too little to
# place the patient low: the floor is urgent (3) until a nurse adds information.
_MIN_VITALS_FOR_UNKNOWN_COMPLAINT = 3

_UNSET = object()


def _missing_vitals(intake: Intake) -> list[str]:
    missing = [f for f in VITAL_FIELDS if f != "consciousness" and getattr(intake, f) is None]
    if not intake.consciousness_known:
        missing.append("avpu_or_gcs")
    return missing


def _thin_information(intake: Intake, findings: list[Finding], missing: list[str]) -> Evidence | None:
    known_vitals = len(VITAL_FIELDS) - len(missing)
    if any(f.present for f in findings) or known_vitals >= _MIN_VITALS_FOR_UNKNOWN_COMPLAINT:
        return None
    return Evidence(input="complaint", value=intake.complaint[:60], rule="fenzhen.insufficient_information",
                    source="Fenzhen safety principle: missing information is not normal (lean safe)",
                    acuity=3, china_level=3,
                    text_en="complaint not recognised and few vital signs: provisional urgent level",
                    text_zh="主诉无法识别且生命体征不足：暂按急症处理，请补充信息")


def _levels(evidence: list[Evidence]) -> tuple[int, int]:
    """Most urgent 5-level and China floors. A China-only rule (e.g. severe pain 7–10 → 2级)
    moves only the China level; a 5-level-only rule moves the China level through the table."""
    acuity, china = 5, 4
    for e in evidence:
        if e.acuity is not None:
            acuity = min(acuity, e.acuity)
        c = e.china_level if e.china_level is not None else acuity_to_china(e.acuity or 5)
        china = min(china, c)
    return acuity, china


def _agreement(floor: int, opinion: ModelOpinion | None, final: int, model_loaded: bool) -> str:
    if opinion is None and model_loaded:
        return "rules only: too few vital signs for the learned model (it was trained on measured vitals)"
    if opinion is None:
        return "rules only (no learned model loaded)"
    if opinion.acuity == floor:
        return f"rules and model agree on level {final}"
    if opinion.acuity < floor:
        return (f"model raised the level from the rule floor {floor} to {final}: "
                "no single rule explains it, review the whole picture")
    return (f"model suggested level {opinion.acuity}, less urgent than the rule floor {floor}; "
            f"the floor stands (a model never lowers a rule floor)")


def assess(intake: Intake, *, model: AcuityModel | None | object = _UNSET) -> Assessment:
    """Triage one patient.

    Args:
        intake: what is known at the triage desk; only the complaint is required.
        model: the learned acuity model; default is the packaged one, None for rules only.

    Returns:
        The Assessment: both levels, red flags, scores, evidence for every item that raised the
        level, what was missing, and how the rules and the model relate.
    """
    assumptions: list[tuple[str, str]] = []  # (English, Chinese)
    stated = stated_readings(intake.complaint, {f: getattr(intake, f) for f in STATABLE})
    if stated:  # "血压200/120" typed into the complaint grades as the form field would; said, so it can be checked
        intake = intake.model_copy(update={r.field: r.value for r in stated})
        read = [(MEASURES[r.field], f"{round(r.value, 3):g}", r.written) for r in stated]
        assumptions.append((
            "read from the complaint (no form value): "
            + ", ".join(f"{m.label_en} {v} {m.unit}" + (f" (written {w})" if w else "") for m, v, w in read),
            "从主诉中读取（表单未填）："
            + "，".join(f"{m.label_zh} {v} {_UNITS_ZH.get(m.unit, m.unit)}" + (f"（原文 {w}）" if w else "")
                       for m, v, w in read)))
    findings = extract_findings(intake.complaint)
    positive = {f.concept for f in findings if f.present}
    missing = _missing_vitals(intake)
    if intake.age_years is None and positive & CHILD_NAMED:
        assumptions.append(("age not given: the complaint names a child, so children's danger signs were applied; "
                            "vital-sign criteria assume an adult until the age is entered",
                            "未填年龄：主诉提到儿童，已按儿童危险征象评估；填写年龄前生命体征按成人标准判断"))
    elif intake.age_years is None:
        assumptions.append(("age not given: assumed adult, adult criteria applied", "未填年龄：按成人标准评估"))
    past = list(dict.fromkeys(f.text for f in findings if f.historical))
    if past:  # said, so a nurse who meant it as current can rephrase
        assumptions.append((f"read as past or family history, not this presentation (sets no level): {', '.join(past)}",
                            f"视为既往史或家族史，非本次就诊问题（不参与分级）：{'、'.join(past)}"))
    if intake.sex is None and "pregnancy" not in positive:
        assumptions.append(("sex not given: pregnancy-related rules use the complaint only",
                            "未填性别：妊娠相关规则仅依据主诉"))

    flags, evidence = red_flag_evidence(intake, findings)
    evidence = vital_evidence(intake) + evidence + complaint_evidence(intake, findings)
    pain, pain_assumptions = pain_evidence(intake, positive)
    evidence += pain
    assumptions += pain_assumptions
    if not is_child(intake.age_years):
        evidence += fever_evidence(intake)
    scores = compute_scores(intake)
    evidence += score_evidence(scores, positive, intake)
    thin = _thin_information(intake, findings, missing)
    if thin is not None:
        evidence.append(thin)
    floor, china_floor = _levels(evidence)
    default = acute_default_evidence(intake, findings, floor)
    if default is not None:  # a 5-level-only item at 4 or 5: the China floor (≤ 4) is unchanged
        evidence.append(default)
        floor = min(floor, default.acuity or floor)
    flagged = intake.flagged_values()
    chosen = default_model() if model is _UNSET else model
    opinion = (chosen.predict(intake, findings, floor)
               if isinstance(chosen, AcuityModel) and is_model_applicable(intake) else None)
    acuity = min(floor, opinion.acuity) if opinion else floor
    china = min(china_floor, acuity_to_china(acuity))
    evidence.sort(key=lambda e: (e.acuity or 9, e.china_level or 9))

    return Assessment(
        acuity=acuity, china_level=china, acuity_info=acuity_info(acuity), china=china_info(china),
        rule_floor_acuity=floor, red_flags=flags, scores=scores, evidence=evidence, findings=findings,
        model=opinion, agreement=_agreement(floor, opinion, acuity, isinstance(chosen, AcuityModel)),
        missing_vitals=missing,
        provisional=bool(missing), assumptions=[en for en, _ in assumptions],
        assumptions_zh=[zh for _, zh in assumptions], warnings=[en for en, _ in flagged],
        warnings_zh=[zh for _, zh in flagged],
        age_band=age_band(intake.age_years), language=detect_language(intake.complaint),
        engine_version=ENGINE_VERSION, knowledge_versions=_knowledge_versions(),
    )


#: The knowledge files this engine reads; their versions are recorded with every assessment.
ENGINE_KNOWLEDGE: tuple[str, ...] = (
    "triage_levels", "vital_criteria", "modifiers", "complaint_modifiers", "lexicon", "red_flags",
    "paediatric_ranges", "score_floors",
)


def _knowledge_versions() -> dict[str, str]:
    return {name: load(name).version for name in ENGINE_KNOWLEDGE}
