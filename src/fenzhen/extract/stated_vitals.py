"""Vital signs a complaint states in words ("血压200/120，头痛", "发烧39度", "SpO2 88%").

At a village desk the whole intake is often typed as one line; a blood pressure of 200/120 written into
the complaint must grade the patient as it would from the form. Only an explicit label with a number
counts ("血压高" states no value), a value outside the range the intake accepts is ignored rather than
guessed at, and a field the nurse filled in always wins over the words.
"""

from __future__ import annotations

import re

from fenzhen.domain import MEASURES

__all__ = ["STATABLE", "stated_vitals"]

_SEP = r"\s*[:：=]?\s*(?:是|为|有|到|达|了)?\s*"
# A number followed by a unit of time is a duration ("发烧30天"), never a reading.
_NUM = (r"(\d{1,3}(?:\.\d+)?)"
        r"(?!\d|\.\d|\s*(?:天|日|周|个|月|年|小时|分钟|岁|h\b|hours?|days?|weeks?|months?|years?|min\b))")

# (intake field, pattern whose first group is the value); blood pressure has its own two-value pattern.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("temp_c", re.compile(r"(?:体温|发烧|发热|高烧|高热|烧到|烧了|\btemp(?:erature)?\b|\bfever(?: of)?\b|\bt\b)"
                          + _SEP + _NUM + r"\s*(?:度|℃|°c|°|c\b)?", re.IGNORECASE)),
    ("heart_rate_bpm", re.compile(r"(?:心率|脉搏|心跳|\bhr\b|\bpulse\b|\bheart rate\b)" + _SEP + _NUM
                                  + r"\s*(?:次|bpm|/min|/分)?", re.IGNORECASE)),
    ("resp_rate_bpm", re.compile(r"(?:呼吸频率|呼吸(?=\s*[:：=]?\s*\d)|\brr\b|\bresp(?:iratory)? rate\b)" + _SEP + _NUM,
                                 re.IGNORECASE)),
    ("spo2_pct", re.compile(r"(?:血氧饱和度|血氧|指脉氧|氧饱和度|\bspo2\b|\bsao2\b|\bsats?\b|\bo2 sat\b)" + _SEP + _NUM
                            + r"\s*%?", re.IGNORECASE)),
    ("glucose_mmol_l", re.compile(r"(?:血糖|\bglucose\b|\bbg\b|\bbst\b|\bbgl\b|\b(?:blood )?sugar\b)" + _SEP + _NUM
                                  + r"\s*(?:mmol)?", re.IGNORECASE)),
)
_BP = re.compile(r"(?:血压|\bbp\b|\bblood pressure\b)?" + _SEP + r"(\d{2,3})\s*[/／]\s*(\d{2,3})\s*(?:mmhg)?",
                 re.IGNORECASE)


#: The intake fields a complaint can state.
STATABLE: tuple[str, ...] = ("temp_c", "heart_rate_bpm", "resp_rate_bpm", "spo2_pct", "glucose_mmol_l", "sbp_mmhg",
                             "dbp_mmhg")
# One look first: most complaints hold no digit, and then nothing can be read.
_ANY_DIGIT = re.compile(r"\d")


def _accepted(field: str, value: float) -> bool:
    """Within what the intake accepts; a temperature only within the plausible range, since a bare number
    after 发烧 is more often a count than a reading."""
    measure = MEASURES[field]
    if field == "temp_c":
        return measure.plausible_min <= value <= measure.plausible_max
    return measure.min <= value <= measure.max


def stated_vitals(complaint: str, known: dict[str, object]) -> dict[str, float]:
    """The vital signs the complaint states, for the fields `known` leaves empty (None).

    Args:
        complaint: the complaint as typed.
        known: the intake's own values by field; a field with a value is never overwritten.

    Returns:
        {field: value} for each value read, first mention first.
    """
    found: dict[str, float] = {}
    if _ANY_DIGIT.search(complaint) is None:
        return found
    for field, pattern in _PATTERNS:
        if known.get(field) is not None:
            continue
        for m in pattern.finditer(complaint):
            value = float(m.group(1))
            if _accepted(field, value):
                found[field] = value
                break
    if known.get("sbp_mmhg") is None and known.get("dbp_mmhg") is None:
        for m in _BP.finditer(complaint):
            sbp, dbp = float(m.group(1)), float(m.group(2))
            labelled = bool(re.search(r"血压|bp|blood pressure|mmhg", m.group(0), re.IGNORECASE))
            if labelled and sbp > dbp and _accepted("sbp_mmhg", sbp) and _accepted("dbp_mmhg", dbp):
                found["sbp_mmhg"], found["dbp_mmhg"] = sbp, dbp
                break
    return found
