"""How long a symptom has lasted, as the complaint states it next to the symptom ("发烧5天", "fever for a week").

Some rules depend on duration (NICE NG143: fever for 5 days or more in a child under 5 is an amber
sign), and nurses write it into the complaint. The duration must stand beside the symptom's words,
right after ("发热一周", "fever x 6 days") or right before ("5天发烧", "6 days of fever"), so that in
"咳嗽一周，发热两天" the fever has lasted two days, not a week. Only explicit numbers count.
"""

from __future__ import annotations

import re

from fenzhen.extract.gestation import DAYS_PER_WEEK, cardinal

__all__ = ["DAYS_PER_MONTH", "duration_days_near"]

#: Average days in a calendar month (365.25 / 12).
DAYS_PER_MONTH = 30.4

_NUM = r"(\d{1,3}|[一二两三四五六七八九十]{1,2}|半)"
_UNIT_ZH = r"(天|日|周|星期|个?多?月)"
_UNIT_EN = r"(days?|weeks?|wks?|months?)"
_EN_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10}
_NUM_EN = r"(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"

# Right after the symptom: "发烧5天", "发热了一周", "烧已经三天", "fever for 5 days", "fever x 6 days".
_AFTER = (
    re.compile(r"^\s*(?:了|已|已经|持续|有|不退|反复)*\s*" + _NUM + r"\s*" + _UNIT_ZH),
    re.compile(r"^\s*(?:for|x|×|since|over|of)?\s*(?:the\s+)?(?:past|last)?\s*" + _NUM_EN + r"\s*" + _UNIT_EN + r"\b",
               re.IGNORECASE),
)
# Right before it: "5天发烧", "三天的发热", "6 days of fever", "5-day fever".
_BEFORE = (
    re.compile(_NUM + r"\s*" + _UNIT_ZH + r"\s*(?:的|来|以来|来一直|反复)?\s*$"),
    re.compile(r"\b" + _NUM_EN + r"[\s-]*" + _UNIT_EN + r"\s*(?:of|history of)?\s*$", re.IGNORECASE),
)
# Only this many characters either side are read: a duration further off belongs to another symptom.
_WINDOW = 24


def _days(number: str, unit: str) -> float:
    n = 0.5 if number == "半" else _EN_NUM.get(number.lower()) or cardinal(number)
    unit = unit.lower()
    if unit.startswith(("周", "星期", "week", "wk")):
        return float(n * DAYS_PER_WEEK)
    if "月" in unit or unit.startswith("month"):
        return n * DAYS_PER_MONTH
    return float(n)


def duration_days_near(text: str, start: int, end: int) -> tuple[float, int, int] | None:
    """The symptom at text[start:end] and a duration written right beside it: (days, span start, span end).

    The span covers the symptom's words and the duration ("发烧5天", "6 days of fever"); None when no
    duration stands beside them.
    """
    after = text[end:end + _WINDOW]
    for pattern in _AFTER:
        m = pattern.match(after)
        if m:
            return _days(m.group(1), m.group(2)), start, end + m.end()
    offset = max(0, start - _WINDOW)
    before = text[offset:start]
    for pattern in _BEFORE:
        m = pattern.search(before)
        if m:
            return _days(m.group(1), m.group(2)), offset + m.start(), end
    return None
