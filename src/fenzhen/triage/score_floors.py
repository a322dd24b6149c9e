"""Compute the early-warning scores for an intake, and the floors their high bands set."""

from __future__ import annotations

from fenzhen.domain import AVPU, Evidence, Intake, ScoreResult
from fenzhen.scores import consciousness, news2, pews, qsofa, shock_index

__all__ = ["compute_scores", "score_evidence"]

# NEWS2 is validated from 16 years; PEWS (Brighton) below 16.
NEWS2_MIN_AGE_YEARS = 16.0

_INFECTION_CONCEPTS = frozenset({"fever", "sepsis", "cough", "urinary"})


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


def _ev(score: ScoreResult, rule: str, acuity: int, china: int, en: str, zh: str) -> Evidence:
    return Evidence(input=score.name, value=f"{score.value:g}" if score.value is not None else "",
                    rule=rule, source=score.source, acuity=acuity, china_level=china, text_en=en, text_zh=zh)


def score_evidence(scores: dict[str, ScoreResult], positive: set[str], intake: Intake) -> list[Evidence]:
    """Floors from the scores' high bands.

    NEWS2 ≥7 calls for an emergency response (acuity 2), 5–6 or a single parameter scored 3 for an
    urgent one (acuity 3: RCP 2017, "low-medium" band);
    qSOFA ≥2 with a suspected infection is treated as suspected sepsis (China 2018: 2级);
    PEWS red/amber → 2/3. The shock index is reported but sets no floor: no triage standard
    uses it as a single criterion, and the model sees it through heart rate and pressure.
    """
    found: list[Evidence] = []
    n = scores.get("news2")
    if n is not None and n.value is not None:
        if n.value >= 7:
            found.append(_ev(n, "news2.high_ge_7", 2, 2, "NEWS2 ≥7 (emergency response)", "NEWS2≥7（紧急响应）"))
        elif n.value >= 5:
            found.append(_ev(n, "news2.medium_5_6", 3, 3, "NEWS2 5-6 (urgent response)", "NEWS2 5~6（紧急评估）"))
        elif any(v == 3 for v in n.components.values()):
            red = ", ".join(k for k, v in n.components.items() if v == 3)
            found.append(_ev(n, "news2.single_parameter_3", 3, 3, f"NEWS2: a single parameter scored 3 ({red}): "
                             "urgent response", f"NEWS2单项3分（{red}）：需尽快由医生评估"))
    p = scores.get("pews")
    if p is not None and p.value is not None:
        if p.value >= 5:
            found.append(_ev(p, "pews.red_ge_5", 2, 2, "PEWS ≥5 (immediate review)", "PEWS≥5（立即评估）"))
        elif p.value == 4:
            found.append(_ev(p, "pews.amber_4", 3, 3, "PEWS 4 (urgent review)", "PEWS 4（尽快评估）"))
    q = scores["qsofa"]
    infection = bool(positive & _INFECTION_CONCEPTS) or (intake.temp_c is not None and intake.temp_c >= 38.0)
    if q.value is not None and q.value >= 2 and infection:
        found.append(_ev(q, "qsofa.ge_2_with_infection", 2, 2, "qSOFA ≥2 with suspected infection (possible sepsis)",
                         "qSOFA≥2且怀疑感染（警惕脓毒症）"))
    return found
