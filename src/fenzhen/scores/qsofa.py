"""quick Sequential Organ Failure Assessment (qSOFA).

References:
    Singer M et al. The Third International Consensus Definitions for Sepsis and Septic Shock
    (Sepsis-3). JAMA 2016;315(8):801-810 — qSOFA: respiratory rate ≥22/min, altered mentation
    (GCS <15), systolic blood pressure ≤100 mmHg; ≥2 points identifies higher risk of poor outcome
    in suspected infection.

Limitations: a prognostic prompt, not a diagnosis of sepsis; meaningful only with suspected infection.
"""

from __future__ import annotations

from fenzhen.domain import ScoreResult

__all__ = ["qsofa"]

SOURCE = "Singer et al., JAMA 2016;315(8):801-810 (Sepsis-3, qSOFA)"


def qsofa(
    *,
    resp_rate_bpm: float | None,
    sbp_mmhg: float | None,
    altered_mentation: bool | None,
) -> ScoreResult:
    """Score qSOFA (0–3).

    Args:
        resp_rate_bpm: respiratory rate, breaths/min (≥22 scores 1).
        sbp_mmhg: systolic blood pressure, mmHg (≤100 scores 1).
        altered_mentation: GCS below 15 or AVPU other than Alert (scores 1).
    """
    parts: dict[str, float | int | None] = {
        "resp_rate_ge_22": None if resp_rate_bpm is None else int(resp_rate_bpm >= 22),
        "sbp_le_100": None if sbp_mmhg is None else int(sbp_mmhg <= 100),
        "altered_mentation": None if altered_mentation is None else int(altered_mentation),
    }
    missing = [k for k, v in parts.items() if v is None]
    total = int(sum(v for v in parts.values() if v is not None))
    if total >= 2:
        band, en, zh = ("high", "qSOFA ≥2: if infection is suspected, assess for sepsis and organ dysfunction now",
                        "qSOFA≥2：如怀疑感染，立即评估脓毒症及器官功能")
    else:
        band, en, zh = ("low", "qSOFA <2: does not exclude sepsis; reassess if the patient deteriorates",
                        "qSOFA<2：不能排除脓毒症，病情变化时再评估")
    if missing and total < 2:
        band = "incomplete (low on available criteria)"
    return ScoreResult(name="qsofa", value=total, band=band, response_en=en, response_zh=zh,
                       components=parts, missing=missing, source=SOURCE)
