"""Shock index (heart rate / systolic pressure), with the paediatric age-adjusted cut-offs.

References:
    Allgöwer M, Burri C. "Schockindex". Dtsch Med Wochenschr 1967;92(43):1947-1950 — normal
    0.5–0.7; ≥1.0 suggests shock.
    Acker SN et al. Pediatric specific shock index accurately identifies severely injured children.
    J Pediatr Surg 2015;50(2):331-334 — SIPA cut-offs: 4–6 y >1.22, 7–12 y >1.0, 13–16 y >0.9.
"""

from __future__ import annotations

from fenzhen.domain import ScoreResult

__all__ = ["shock_index", "shock_index_cutoff"]

SOURCE = "Allgöwer & Burri 1967 (adults); Acker et al. 2015 SIPA (children 4–16 y)"


def shock_index_cutoff(age_years: float | None) -> float | None:
    """Return the abnormal cut-off for age (exclusive for children, inclusive 1.0 for adults).

    Children under 4 have no validated cut-off: None.
    """
    if age_years is None or age_years >= 17:
        return 1.0
    if age_years >= 13:
        return 0.9
    if age_years >= 7:
        return 1.0
    if age_years >= 4:
        return 1.22
    return None


def shock_index(*, heart_rate_bpm: float | None, sbp_mmhg: float | None,
                age_years: float | None = None) -> ScoreResult:
    """Compute the shock index and band it for age.

    Args:
        heart_rate_bpm: beats/min.
        sbp_mmhg: systolic blood pressure, mmHg (0 is treated as unmeasurable: arrest).
        age_years: for the paediatric (SIPA) cut-off; None = adult.
    """
    missing = [n for n, v in (("heart_rate_bpm", heart_rate_bpm), ("sbp_mmhg", sbp_mmhg)) if v is None]
    if missing or not sbp_mmhg:
        return ScoreResult(name="shock_index", value=None, band="incomplete", missing=missing or ["sbp_mmhg"],
                           response_en="Shock index needs heart rate and a measurable systolic pressure",
                           response_zh="休克指数需要心率和可测得的收缩压", source=SOURCE)
    assert heart_rate_bpm is not None
    value = round(heart_rate_bpm / sbp_mmhg, 2)
    cutoff = shock_index_cutoff(age_years)
    adult = age_years is None or age_years >= 17
    if cutoff is None:
        band, en, zh = ("not validated under 4 years", "Use age-specific vital signs instead",
                        "4岁以下不适用，请参考年龄别生命体征")
    elif (value >= cutoff) if adult else (value > cutoff):
        band, en, zh = ("high", "Shock index suggests shock or major blood loss: assess perfusion now",
                        "休克指数提示休克或大量失血，立即评估循环灌注")
    elif adult and value >= 0.7:
        band, en, zh = ("elevated", "Shock index above normal (0.5–0.7): reassess haemodynamics",
                        "休克指数高于正常（0.5~0.7），复查血流动力学")
    else:
        band, en, zh = ("normal", "Within normal limits", "在正常范围")
    return ScoreResult(name="shock_index", value=value, band=band, response_en=en, response_zh=zh,
                       components={"heart_rate_bpm": heart_rate_bpm, "sbp_mmhg": sbp_mmhg, "cutoff": cutoff},
                       source=SOURCE)
