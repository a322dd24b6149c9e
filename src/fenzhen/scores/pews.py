"""Brighton Paediatric Early Warning Score (PEWS), children under 16.

References:
    Monaghan A. Detecting and managing deterioration in children. Paediatr Nurs 2005;17(1):32-35
    — behaviour 0–3, cardiovascular 0–3, respiratory 0–3, +2 for quarter-hourly nebulisers,
    +2 for persistent post-operative vomiting. Escalation as commonly implemented:
    0–2 routine, 3 increase observations and inform the nurse in charge, 4 urgent medical
    review, ≥5 immediate review by the senior/outreach team.
    Normal ranges by age: APLS 6th ed. (knowledge file `paediatric_ranges`).

Limitations: this is the Brighton PEWS; the Bedside PEWS (Parshuram) and national PEWS charts
differ. Colour of skin is not an intake field, so the cardiovascular component uses capillary
refill and heart rate only; the behaviour component is derived from AVPU (A → playing/appropriate,
V → sleeping, C/P/U → confused, lethargic or reduced response to pain), which a nurse should confirm.
"""

from __future__ import annotations

from fenzhen.domain import AVPU, ScoreResult
from fenzhen.knowledge import load

__all__ = ["pews"]

SOURCE = "Monaghan, Paediatr Nurs 2005 (Brighton PEWS); normal ranges APLS 6th ed."

_BEHAVIOUR = {AVPU.A: 0, AVPU.V: 1, AVPU.C: 3, AVPU.P: 3, AVPU.U: 3}


def _cardiovascular(hr: float | None, crt: float | None, hr_min: int, hr_max: int) -> int | None:
    if hr is None and crt is None:
        return None
    points = 0
    if crt is not None:
        points = 3 if crt >= 5 else 2 if crt >= 4 else 1 if crt >= 3 else 0
    if hr is not None:
        if hr >= hr_max + 30 or hr < hr_min:
            points = max(points, 3)
        elif hr >= hr_max + 20:
            points = max(points, 2)
    return points


def _respiratory(rr: float | None, on_oxygen: bool | None, rr_min: int, rr_max: int) -> int | None:
    if rr is None:
        return None
    if rr <= rr_min - 5:
        points = 3
    elif rr > rr_max + 20:
        points = 2
    elif rr > rr_max + 10:
        points = 1
    else:
        points = 0
    # Any supplemental oxygen scores at least 1 (flow rate is not an intake field).
    return max(points, 1) if on_oxygen else points


def pews(
    *,
    age_years: float,
    heart_rate_bpm: float | None,
    resp_rate_bpm: float | None,
    cap_refill_s: float | None,
    avpu: AVPU | None,
    on_oxygen: bool | None = None,
    quarter_hourly_nebulisers: bool = False,
    persistent_postop_vomiting: bool = False,
) -> ScoreResult:
    """Score the Brighton PEWS for a child.

    Args:
        age_years: 0 to <16 (fractional for infants); selects the normal ranges.
        heart_rate_bpm: beats/min.
        resp_rate_bpm: breaths/min.
        cap_refill_s: capillary refill time, seconds.
        avpu: consciousness, mapped to the behaviour component.
        on_oxygen: any supplemental oxygen.
        quarter_hourly_nebulisers: adds 2 points.
        persistent_postop_vomiting: adds 2 points.

    Raises:
        ValueError: if `age_years` is 16 or over (use NEWS2).
    """
    if not 0 <= age_years < 16:
        raise ValueError(f"age_years={age_years}: Brighton PEWS is for children under 16; use NEWS2")
    ranges = load("paediatric_ranges").for_age(age_years)
    parts: dict[str, float | int | None] = {
        "behaviour": _BEHAVIOUR[avpu] if avpu is not None else None,
        "cardiovascular": _cardiovascular(heart_rate_bpm, cap_refill_s, ranges.hr_min, ranges.hr_max),
        "respiratory": _respiratory(resp_rate_bpm, on_oxygen, ranges.rr_min, ranges.rr_max),
        "nebulisers": 2 if quarter_hourly_nebulisers else 0,
        "postop_vomiting": 2 if persistent_postop_vomiting else 0,
    }
    missing = [k for k in ("behaviour", "cardiovascular", "respiratory") if parts[k] is None]
    total = int(sum(v for v in parts.values() if v is not None))
    if total >= 5:
        band, en, zh = ("red", "PEWS ≥5: immediate review by the senior paediatric or outreach team",
                        "PEWS≥5：立即由上级儿科医生/快速反应团队评估")
    elif total == 4:
        band, en, zh = ("amber", "PEWS 4: urgent medical review", "PEWS 4：尽快医生评估")
    elif total == 3:
        band, en, zh = ("yellow", "PEWS 3: increase observations, inform the nurse in charge",
                        "PEWS 3：增加监测频次，报告责任护士")
    else:
        band, en, zh = ("green", "PEWS 0–2: routine observations", "PEWS 0~2：常规监测")
    if missing:
        band = f"incomplete ({band} on available components)"
    parts["hr_normal_max"] = ranges.hr_max
    parts["rr_normal_max"] = ranges.rr_max
    return ScoreResult(name="pews", value=total, band=band, response_en=en, response_zh=zh,
                       components=parts, missing=missing, source=SOURCE)
