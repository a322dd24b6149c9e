"""The early-warning scores of an intake, and the floors their bands set (knowledge/data/score_floors.yaml)."""

from __future__ import annotations

from fenzhen.domain import AVPU, Evidence, Intake, ScoreResult
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import ScoreFloor
from fenzhen.scores import consciousness, news2, pews, qsofa, shock_index

__all__ = ["compute_scores", "score_evidence"]

# NEWS2 is validated from 16 years; PEWS (Brighton) below 16.
NEWS2_MIN_AGE_YEARS = 16.0

def _alert(intake: Intake) -> bool | None:
    if intake.avpu is not None:
        return intake.avpu is AVPU.A and (intake.gcs is None or intake.gcs == 15)
    if intake.gcs is not None:
        return intake.gcs == 15
    return None


def compute_scores(intake: Intake) -> dict[str, ScoreResult]:
    """Return every score that applies at this age, keyed by name."""
    age = intake.age_years
    alert = _alert(intake)
    scores: dict[str, ScoreResult] = {}
    if age is None or age >= NEWS2_MIN_AGE_YEARS:
        scores["news2"] = news2(resp_rate_bpm=intake.resp_rate_bpm, spo2_pct=intake.spo2_pct,
                                on_oxygen=intake.on_oxygen, sbp_mmhg=intake.sbp_mmhg,
                                heart_rate_bpm=intake.heart_rate_bpm, consciousness_alert=alert,
                                temp_c=intake.temp_c)
    else:
        scores["pews"] = pews(age_years=age, heart_rate_bpm=intake.heart_rate_bpm,
                              resp_rate_bpm=intake.resp_rate_bpm, cap_refill_s=intake.cap_refill_s,
                              avpu=intake.avpu, on_oxygen=intake.on_oxygen)
    scores["qsofa"] = qsofa(resp_rate_bpm=intake.resp_rate_bpm, sbp_mmhg=intake.sbp_mmhg,
                            altered_mentation=None if alert is None else not alert)
    scores["shock_index"] = shock_index(heart_rate_bpm=intake.heart_rate_bpm, sbp_mmhg=intake.sbp_mmhg,
                                        age_years=age)
    scores["consciousness"] = consciousness(gcs=intake.gcs, avpu=intake.avpu)
    return scores


def _fired(rule: ScoreFloor, score: ScoreResult) -> bool:
    if rule.single_parameter is not None:
        return any(v == rule.single_parameter for v in score.components.values())
    return score.value is not None and rule.min_total is not None and score.value >= rule.min_total


def score_evidence(scores: dict[str, ScoreResult], positive: set[str], intake: Intake) -> list[Evidence]:
    """Floors from the scores' bands, as knowledge/data/score_floors.yaml states them.

    Per score, only the first (most urgent) row that fires counts: NEWS2 7 is an emergency response,
    not also an urgent one. qSOFA counts only with a suspected infection. The shock index is reported
    but sets no floor: no triage standard uses it as a single criterion.
    """
    data = load("score_floors")
    infection = not positive.isdisjoint(data.infection_concepts) or (
        intake.temp_c is not None and intake.temp_c >= data.infection_temp_c)
    found: list[Evidence] = []
    for name, rules in (("news2", data.news2), ("pews", data.pews), ("qsofa", data.qsofa)):
        score = scores.get(name)
        if score is None:
            continue
        rule = next((r for r in rules if _fired(r, score) and (infection or not r.with_infection)), None)
        if rule is None:
            continue
        text_en, text_zh = rule.text_en, rule.text_zh
        if rule.single_parameter is not None:  # name the parameter that scored
            red = ", ".join(k for k, v in score.components.items() if v == rule.single_parameter)
            text_en, text_zh = f"{text_en}: {red}", f"{text_zh}：{red}"
        found.append(Evidence(input=score.name, value=f"{score.value:g}" if score.value is not None else "",
                              rule=rule.id, source=data.sources[rule.source], acuity=rule.acuity,
                              china_level=rule.china_level, text_en=text_en, text_zh=text_zh))
    return found
