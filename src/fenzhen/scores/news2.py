"""National Early Warning Score 2 (NEWS2), adults 16 years and over.

References:
    Royal College of Physicians. National Early Warning Score (NEWS) 2: Standardising the
    assessment of acute-illness severity in the NHS. Updated report of a working party.
    London: RCP, 2017 — Chart 1 (scoring) and Table 2 (clinical response).

Limitations: not validated for children under 16 or in pregnancy (use PEWS / an obstetric
score); SpO2 scale 2 is only for patients with confirmed hypercapnic respiratory failure and a
prescribed target of 88–92%, decided by a clinician.
"""

from __future__ import annotations

from typing import Literal

from fenzhen.domain import ScoreResult

__all__ = ["news2", "news2_band"]

SOURCE = "RCP NEWS2 (2017), Chart 1 and Table 2"


def _resp_rate(rr: float) -> int:
    if rr <= 8:
        return 3
    if rr <= 11:
        return 1
    if rr <= 20:
        return 0
    if rr <= 24:
        return 2
    return 3


def _spo2_scale1(spo2: float) -> int:
    if spo2 <= 91:
        return 3
    if spo2 <= 93:
        return 2
    if spo2 <= 95:
        return 1
    return 0


def _spo2_scale2(spo2: float, on_oxygen: bool) -> int:
    if spo2 <= 83:
        return 3
    if spo2 <= 85:
        return 2
    if spo2 <= 87:
        return 1
    if spo2 <= 92 or not on_oxygen:
        return 0
    if spo2 <= 94:
        return 1
    if spo2 <= 96:
        return 2
    return 3


def _sbp(sbp: float) -> int:
    if sbp <= 90:
        return 3
    if sbp <= 100:
        return 2
    if sbp <= 110:
        return 1
    if sbp <= 219:
        return 0
    return 3


def _pulse(hr: float) -> int:
    if hr <= 40:
        return 3
    if hr <= 50:
        return 1
    if hr <= 90:
        return 0
    if hr <= 110:
        return 1
    if hr <= 130:
        return 2
    return 3


def _temperature(temp_c: float) -> int:
    if temp_c <= 35.0:
        return 3
    if temp_c <= 36.0:
        return 1
    if temp_c <= 38.0:
        return 0
    if temp_c <= 39.0:
        return 1
    return 2


def news2_band(total: int, any_red: bool) -> tuple[str, str, str]:
    """Return (band, response_en, response_zh) for a NEWS2 total per RCP Table 2."""
    if total >= 7:
        return ("high", "Emergency response: immediate assessment by a critical-care competent team",
                "紧急响应：立即由具备重症救治能力的团队评估")
    if total >= 5:
        return ("medium", "Urgent response: urgent review by a clinician, at least hourly observations",
                "紧急评估：尽快由医生评估，至少每小时监测")
    if any_red:
        return ("low-medium", "Urgent ward-based response: a single parameter scored 3",
                "单项3分：需尽快由医生评估")
    if total >= 1:
        return ("low", "Ward-based response: assessment by a registered nurse, 4–6-hourly observations",
                "护士评估，每4~6小时监测")
    return ("low", "Routine monitoring (minimum 12-hourly)", "常规监测（至少每12小时）")


def news2(
    *,
    resp_rate_bpm: float | None,
    spo2_pct: float | None,
    on_oxygen: bool | None,
    sbp_mmhg: float | None,
    heart_rate_bpm: float | None,
    consciousness_alert: bool | None,
    temp_c: float | None,
    spo2_scale: Literal[1, 2] = 1,
) -> ScoreResult:
    """Score NEWS2 from the seven physiological parameters.

    Args:
        resp_rate_bpm: respiratory rate, breaths/min.
        spo2_pct: oxygen saturation, %.
        on_oxygen: True if on supplemental oxygen (scores 2); None is reported as missing.
        sbp_mmhg: systolic blood pressure, mmHg.
        heart_rate_bpm: pulse, beats/min.
        consciousness_alert: True if Alert; False for new Confusion, Voice, Pain or Unresponsive.
        temp_c: temperature, °C.
        spo2_scale: 1 (default) or 2 (hypercapnic respiratory failure, clinician-prescribed).

    Returns:
        The total (over the parameters given), its band and response; `missing` lists the
        parameters not given, in which case the band is prefixed "incomplete".
    """
    parts: dict[str, float | int | None] = {
        "resp_rate": _resp_rate(resp_rate_bpm) if resp_rate_bpm is not None else None,
        "spo2": (None if spo2_pct is None else
                 _spo2_scale2(spo2_pct, bool(on_oxygen)) if spo2_scale == 2 else _spo2_scale1(spo2_pct)),
        "air_or_oxygen": None if on_oxygen is None else (2 if on_oxygen else 0),
        "sbp": _sbp(sbp_mmhg) if sbp_mmhg is not None else None,
        "pulse": _pulse(heart_rate_bpm) if heart_rate_bpm is not None else None,
        "consciousness": None if consciousness_alert is None else (0 if consciousness_alert else 3),
        "temperature": _temperature(temp_c) if temp_c is not None else None,
    }
    missing = [k for k, v in parts.items() if v is None]
    total = int(sum(v for v in parts.values() if v is not None))
    band, en, zh = news2_band(total, any(v == 3 for v in parts.values()))
    if missing:
        band = f"incomplete ({band} on available parameters)"
    return ScoreResult(name=f"news2_scale{spo2_scale}" if spo2_scale == 2 else "news2", value=total, band=band,
                       response_en=en, response_zh=zh, components=parts, missing=missing, source=SOURCE)
