"""Features of an intake for the learned acuity model: the same function at training and at triage.

Only what is known at triage goes in: the complaint's findings and words, vital signs, pain,
consciousness, age, sex, arrival and injury, and the rule floor itself (so the model learns what
the rules leave open). Vitals are binned so that a linear model can express the U-shaped risk
of a vital sign.
"""

from __future__ import annotations

import re

from fenzhen.domain import Finding, Intake
from fenzhen.triage.modifiers import pain_region

__all__ = ["features"]

_WORD = re.compile(r"[a-z]{2,}")

# (feature prefix, intake field, upper bounds of the bins); the last bin is open-ended.
_BINS: tuple[tuple[str, str, tuple[float, ...]], ...] = (
    ("hr", "heart_rate_bpm", (50, 60, 100, 120, 150)),
    ("sbp", "sbp_mmhg", (90, 100, 140, 180, 200)),
    ("rr", "resp_rate_bpm", (12, 21, 25)),
    ("temp", "temp_c", (36.0, 38.0, 39.0)),
    ("spo2", "spo2_pct", (92, 95)),
    ("age", "age_years", (30, 50, 65, 80)),
)


def _bin(value: float, bounds: tuple[float, ...]) -> int:
    for i, upper in enumerate(bounds):
        if value < upper:
            return i
    return len(bounds)


_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def _words(text: str) -> set[str]:
    lowered = text.lower()
    words = set(_WORD.findall(lowered))
    chars = _CJK.findall(lowered)
    words.update(a + b for a, b in zip(chars, chars[1:], strict=False))
    return words


def features(intake: Intake, findings: list[Finding], floor_acuity: int) -> dict[str, float]:
    """Return the sparse feature vector {name: value} for one intake."""
    f: dict[str, float] = {"bias": 1.0, f"floor={floor_acuity}": 1.0}
    positive = {x.concept for x in findings if x.present}
    for concept in positive:
        f[f"c:{concept}"] = 1.0
    if not positive:
        f["c:none"] = 1.0
    for word in _words(intake.complaint):
        f[f"w:{word}"] = 1.0
    # A missing vital adds no feature: in the training data missingness tracks one site's
    # workflow, not the patient, and must not move the level (the engine reports it instead).
    for prefix, field, bounds in _BINS:
        value = getattr(intake, field)
        if value is not None:
            f[f"{prefix}={_bin(float(value), bounds)}"] = 1.0
    nrs = intake.pain_nrs
    if nrs is not None:
        band = '0' if nrs == 0 else '1-3' if nrs <= 3 else '4-6' if nrs <= 6 else '7-10'
        f[f"pain={band}"] = 1.0
        # CTAS grades pain by where it is (central vs peripheral): the same NRS weighs differently.
        f[f"pain={pain_region(positive) or 'other'}:{band}"] = 1.0
    f[f"avpu={intake.avpu.value if intake.avpu else 'na'}"] = 1.0
    f[f"sex={intake.sex.value if intake.sex else 'na'}"] = 1.0
    f[f"arrival={intake.arrival_mode.value if intake.arrival_mode else 'na'}"] = 1.0
    f[f"injury={intake.injury}"] = 1.0
    return f
