"""The gestational age a complaint states ("孕32周", "怀孕七个月", "停经6周", "34 weeks pregnant").

Triage standards grade pregnancy problems by gestation (KTAS: under or over 20 weeks); the intake
has no gestation field, but nurses write it into the complaint. Only an explicit number counts:
"怀孕" alone states no gestational age.
"""

from __future__ import annotations

import re

__all__ = ["DAYS_PER_WEEK", "WEEKS_PER_MONTH", "cardinal", "stated_gestation"]

DAYS_PER_WEEK = 7
#: Average weeks in a calendar month (365.25 / 12 / 7), for "怀孕七个月" and "7 months pregnant".
WEEKS_PER_MONTH = 4.35
#: Beyond this a number is not a gestational age (a misread or a typo): ignored.
_MAX_WEEKS = 45

_ZH_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_NUM = r"(\d{1,3}|[一二两三四五六七八九十]{1,2})"
_PREG_ZH = r"(?:孕|怀孕|妊娠|停经)"

# (pattern, unit): the first group is the number.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(_PREG_ZH + r"\s*" + _NUM + r"(?:\s*\+\s*\d)?\s*(?:周|w\b)", re.IGNORECASE), "week"),
    (re.compile(_PREG_ZH + r"\s*" + _NUM + r"\s*个?多?半?\s*月"), "month"),
    (re.compile(r"停经\s*" + _NUM + r"\s*(?:天|日)"), "day"),
    (re.compile(r"\b(\d{1,2})\s*(?:\+\s*\d\s*)?(?:weeks?|wks?|w)\s*"
                r"(?:pregnant|gestation|of gestation|of pregnancy|ga)\b", re.IGNORECASE), "week"),
    (re.compile(r"\b(?:pregnant|gestation(?:al age)?|ga)\s*(?:of|at|,)?\s*(\d{1,2})\s*(?:weeks?|wks?|w)\b",
                re.IGNORECASE), "week"),
    (re.compile(r"\b(\d{1,2})\s*months?\s*pregnant\b", re.IGNORECASE), "month"),
    # An obstetric record: "G2P1 at 28-1/7 weeks", "gravida 2 … at 28 weeks" (a gravida word must be present).
    (re.compile(r"\b(?:gravida|g\d+\s*p\d+|g\d+)\b.{0,40}?\bat\s+(\d{1,2})(?:\s*[-+]?\s*\d/7)?\s*(?:weeks?|wks?)\b",
                re.IGNORECASE), "week"),
)


def cardinal(token: str) -> int:
    """The number an Arabic or Chinese numeral token writes: "32" → 32, "七" → 7, "十二" → 12."""
    if token.isdigit():
        return int(token)
    if len(token) == 2 and token[0] == "十":  # 十一 … 十九 (rarely written for months, but valid)
        return 10 + _ZH_DIGITS.get(token[1], 0)
    return _ZH_DIGITS.get(token[0], 0) * (10 if token.endswith("十") and len(token) == 2 else 1)


# Every pattern above needs one of these words: most complaints hold none, and are passed over at once.
_ANY_CUE = re.compile(r"孕|妊娠|停经|pregnan|gestation|\bga\b|gravida|\bg\d", re.IGNORECASE)


def stated_gestation(text: str) -> tuple[float, int, int] | None:
    """Return (weeks, start, end) of the most advanced gestational age stated, or None.

    "孕32周" → 32 weeks; "怀孕七个月" → 30.4 weeks; "停经45天" → 6.4 weeks. Numbers beyond 45
    weeks are not read as gestation.
    """
    if _ANY_CUE.search(text) is None:
        return None
    best: tuple[float, int, int] | None = None
    for pattern, unit in _PATTERNS:
        for m in pattern.finditer(text):
            n = cardinal(m.group(1))
            weeks = n * WEEKS_PER_MONTH if unit == "month" else n / DAYS_PER_WEEK if unit == "day" else float(n)
            if 0 < weeks <= _MAX_WEEKS and (best is None or weeks > best[0]):
                best = (round(weeks, 1), m.start(), m.end())
    return best
