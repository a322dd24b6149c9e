"""Vital signs and the age a complaint states in words ("血压200/120，头痛", "发烧39度", "SpO2 88%", "出生20天").

At a village desk the whole intake is often typed as one line; a blood pressure of 200/120 written into
the complaint must grade the patient as it would from the form. Only an explicit label with a number
counts ("血压高" states no value), a value outside the range the intake accepts is ignored rather than
guessed at, and a field the nurse filled in always wins over the words. A reading in the other common
unit ("sugar 300 mg/dL", "fever 102F": what a US-trained hand writes) is converted, and the result says
what was written, since dropping it would lose a glucose of 16.7 mmol/L.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from fenzhen.domain import MEASURES, UNIT_SLIPS
from fenzhen.extract.stated_age import stated_age

__all__ = ["STATABLE", "Reading", "stated_readings", "stated_vitals"]

# Between a label and its number: punctuation, a copula, or "over"/"超过" (read as the value: at least that).
_SEP = r"\s*[:：=>＞]?\s*(?:是|为|有|到|达|了|超过|高达|大于|(?:is|was|over|above)(?=\s))?\s*"
# A number followed by a unit of time is a duration ("发烧30天"), never a reading.
_NUM = (r"(\d{1,3}(?:\.\d+)?)"
        r"(?!\d|\.\d|\s*(?:天|日|周|个|月|年|小时|分钟|岁|h\b|hours?|days?|weeks?|months?|years?|min\b))")

# (intake field, pattern whose first group is the value); blood pressure has its own two-value pattern.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("temp_c", re.compile(r"(?:体温|发烧|发热|高烧|高热|烧到|烧了|\btemp(?:erature)?\b|\bfever(?: of)?\b|\bt\b)"
                          + _SEP + _NUM + r"\s*(度|℃|°c|°f|°|c\b|f\b)?", re.IGNORECASE)),
    ("heart_rate_bpm", re.compile(r"(?:心率|脉搏|心跳|\bhr\b|\bpulse\b|\bheart rate\b)" + _SEP + _NUM
                                  + r"\s*(?:次|bpm|/min|/分)?", re.IGNORECASE)),
    ("resp_rate_bpm", re.compile(r"(?:呼吸频率|呼吸(?=\s*[:：=]?\s*\d)|\brr\b|\bresp(?:iratory)? rate\b)" + _SEP + _NUM,
                                 re.IGNORECASE)),
    ("spo2_pct", re.compile(r"(?:血氧饱和度|血氧|指脉氧|氧饱和度|\bspo2\b|\bsao2\b|\bsats?\b|\bo2 sat\b)" + _SEP + _NUM
                            + r"\s*%?", re.IGNORECASE)),
    ("glucose_mmol_l", re.compile(r"(?:血糖|\bglucose\b|\bbg\b|\bbst\b|\bbgl\b|\b(?:blood )?sugar\b)" + _SEP + _NUM
                                  + r"\s*(mmol(?:/l)?|mg/dl|mg)?", re.IGNORECASE)),
    ("gcs", re.compile(r"(?:\bgcs(?![a-z])(?:\s*评分)?|格拉斯哥(?:昏迷)?评分|昏迷评分)" + _SEP + _NUM + r"\s*分?",
                       re.IGNORECASE)),
    # A pain score is read after its own label ("NRS 7", "疼痛评分7分"); after a bare "pain" or "腹痛" only with
    # "/10" or "分": "pain 3 days" is a duration and "pain 8" could be anything.
    ("pain_nrs", re.compile(r"(?:疼痛评分|\bpain score\b|\bnrs\b|\bvas\b|(?:痛|\bpain\b)(?:\s*评分)?(?=" + _SEP
                            + r"\d{1,2}\s*(?:/\s*10\b|分(?!钟))))" + _SEP + r"(\d{1,2})(?![\d.])", re.IGNORECASE)),
)
_BP = re.compile(r"(?:血压|\bbp\b|\bblood pressure\b)?" + _SEP + r"(\d{2,3})\s*[/／]\s*(\d{2,3})\s*(?:mmhg)?",
                 re.IGNORECASE)


#: The intake fields a complaint can state.
STATABLE: tuple[str, ...] = ("age_years", "temp_c", "heart_rate_bpm", "resp_rate_bpm", "spo2_pct", "glucose_mmol_l",
                             "gcs", "pain_nrs", "sbp_mmhg", "dbp_mmhg")
# One look first: most complaints hold no digit, and then nothing can be read.
_ANY_DIGIT = re.compile(r"\d")


# The other unit a reading is written in: (its name, conversion to the intake's unit, the unit words that
# say it). A bare number in the range UNIT_SLIPS gives for the field is read in this unit too, since in
# the intake's unit it would be impossible.
_OTHER_UNIT: dict[str, tuple[str, Callable[[float], float], tuple[str, ...]]] = {
    "glucose_mmol_l": ("mg/dL", lambda mg_dl: round(mg_dl / 18.0, 1), ("mg/dl", "mg")),
    "temp_c": ("°F", lambda f: round((f - 32) * 5 / 9, 1), ("°f", "f")),
}
_SLIP_RANGE = {field: (lo, hi) for field, lo, hi, _ in UNIT_SLIPS}


class Reading(NamedTuple):
    """One value read from the complaint; `written` is the text as typed when it was converted."""

    field: str
    value: float
    written: str | None = None


def _reading(field: str, number: float, unit: str | None) -> Reading | None:
    unit = (unit or "").lower()
    other = _OTHER_UNIT.get(field)
    if other is not None:
        name, convert, words = other
        lo, hi = _SLIP_RANGE[field]
        if unit in words or (not unit and lo <= number <= hi):
            value = convert(number)
            return Reading(field, value, f"{number:g} {name}") if _accepted(field, value) else None
    return Reading(field, number) if _accepted(field, number) else None


def _accepted(field: str, value: float) -> bool:
    """Within what the intake accepts; a temperature only within the plausible range, since a bare number
    after 发烧 is more often a count than a reading."""
    measure = MEASURES[field]
    if field == "temp_c":
        return measure.plausible_min <= value <= measure.plausible_max
    return measure.min <= value <= measure.max


def stated_readings(complaint: str, known: dict[str, object]) -> list[Reading]:
    """The vital signs the complaint states, for the fields `known` leaves empty (None).

    Args:
        complaint: the complaint as typed.
        known: the intake's own values by field; a field with a value is never overwritten.

    Returns:
        One Reading per field read, in the intake's units, first mention first.
    """
    found: list[Reading] = []
    if known.get("age_years") is None:
        age = stated_age(complaint)
        if age is not None:
            found.append(Reading("age_years", age[0], age[1]))
    if _ANY_DIGIT.search(complaint) is None:
        return found
    for field, pattern in _PATTERNS:
        if known.get(field) is not None:
            continue
        for m in pattern.finditer(complaint):
            reading = _reading(field, float(m.group(1)), m.group(2) if m.lastindex and m.lastindex > 1 else None)
            if reading is not None:
                found.append(reading)
                break
    if known.get("sbp_mmhg") is None and known.get("dbp_mmhg") is None:
        for m in _BP.finditer(complaint):
            sbp, dbp = float(m.group(1)), float(m.group(2))
            labelled = bool(re.search(r"血压|bp|blood pressure|mmhg", m.group(0), re.IGNORECASE))
            if labelled and sbp > dbp and _accepted("sbp_mmhg", sbp) and _accepted("dbp_mmhg", dbp):
                found += [Reading("sbp_mmhg", sbp), Reading("dbp_mmhg", dbp)]
                break
    return found


def stated_vitals(complaint: str, known: dict[str, object]) -> dict[str, float]:
    """{field: value} of `stated_readings`, for callers that need only the values."""
    return {r.field: r.value for r in stated_readings(complaint, known)}
