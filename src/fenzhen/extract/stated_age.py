"""The patient's age a complaint states ("6 weeks old", "出生20天", "3个月大宝宝", "孩子2岁", "45 y/o").

A village desk often types the whole intake as one line and leaves the age field empty. Read as an
adult, "宝宝发烧 出生20天" — a febrile neonate, level 2 by every standard — was graded 4. Only a number
with a word that makes it an age counts: "3天" after a symptom is how long it has lasted, "3天大" is
how old the baby is; "孕32周" is a gestation, never an age. An age said of someone else ("宝宝发烧，妈妈30岁")
is passed over: read as the patient's, it would turn a child into an adult.
"""

from __future__ import annotations

import re

from fenzhen.extract.gestation import DAYS_PER_WEEK, cardinal

__all__ = ["stated_age"]

_DAYS_PER_YEAR = 365.25
_NUM = r"(\d{1,3}(?:\.\d+)?|[一二两三四五六七八九十]{1,2})"
_CHILD = r"(?:大|的宝宝|的孩子|的婴儿|的小孩|宝宝|婴儿|小孩|男婴|女婴|龄)"

# (pattern, years per unit); the first group is the number. The earliest match in the text wins (on a tie,
# the pattern listed first).
_PATTERNS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"(?:出生|生后|生下来)\s*" + _NUM + r"\s*(?:天|日)"), 1 / _DAYS_PER_YEAR),
    (re.compile(r"(?:出生|生后|生下来)\s*" + _NUM + r"\s*(?:周|星期)"), DAYS_PER_WEEK / _DAYS_PER_YEAR),
    (re.compile(_NUM + r"\s*(?:天|日)\s*" + _CHILD), 1 / _DAYS_PER_YEAR),
    (re.compile(_NUM + r"\s*(?:周|星期)\s*" + _CHILD), DAYS_PER_WEEK / _DAYS_PER_YEAR),
    (re.compile(_NUM + r"\s*个?多?半?\s*月\s*" + _CHILD), 1 / 12),
    (re.compile(r"月龄\s*" + _NUM + r"|" + r"(\d{1,2})\s*月龄"), 1 / 12),
    (re.compile(_NUM + r"\s*(?:周岁|岁)半?"), 1.0),
    (re.compile(r"\b(\d{1,3}(?:\.\d+)?)\s*-?\s*(?:years?|yrs?)[\s-]*old\b|\b(\d{1,3})\s*(?:yo|y/o|y\.o\.)(?![a-z])",
                re.IGNORECASE), 1.0),
    (re.compile(r"\b(?:aged?|age)[:\s]*(\d{1,2})\s*(?:months?|mos?)\b", re.IGNORECASE), 1 / 12),
    (re.compile(r"\b(?:aged?|age)[:\s]*(\d{1,2})\s*(?:weeks?|wks?)\b", re.IGNORECASE), DAYS_PER_WEEK / _DAYS_PER_YEAR),
    (re.compile(r"\b(?:aged?|age)[:\s]*(\d{1,3})\s*days?\b", re.IGNORECASE), 1 / _DAYS_PER_YEAR),
    (re.compile(r"\b(?:aged?|age)[:\s]*(\d{1,3})(?:\s*(?:years?|yrs?|y)\b|(?![\d.]|\s*(?:months?|mos?|weeks?|wks?|days?"
                r"|个月|天|周)))", re.IGNORECASE), 1.0),
    (re.compile(r"\b(\d{1,2}(?:\.\d+)?)\s*-?\s*(?:months?|mos?)[\s-]*old\b", re.IGNORECASE), 1 / 12),
    (re.compile(r"\b(\d{1,2})\s*-?\s*(?:weeks?|wks?)[\s-]*old\b", re.IGNORECASE), DAYS_PER_WEEK / _DAYS_PER_YEAR),
    (re.compile(r"\b(\d{1,3})\s*-?\s*days?[\s-]*old\b", re.IGNORECASE), 1 / _DAYS_PER_YEAR),
)
# Every pattern needs one of these: most complaints hold none and are passed over at once.
_ANY_CUE = re.compile(r"岁|大|宝宝|婴|小孩|孩子|龄|出生|生后|生下来|\bold\b|\byo\b|y/o|y\.o\.|\bage", re.IGNORECASE)
_MAX_YEARS = 120
# Someone other than the patient, named just before the age ("妈妈30岁", "mother 30 years old").
_OTHER_PERSON = re.compile(
    r"(妈妈|爸爸|母亲|父亲|奶奶|爷爷|外婆|外公|姥姥|姥爷|妻子|丈夫|老公|老婆|家属|陪同)\s*[:：,，]?\s*$"
    r"|\b(mother|father|mom|mum|dad|grandmother|grandfather|grandma|grandpa|wife|husband)\b\W*$", re.IGNORECASE)


def stated_age(text: str) -> tuple[float, str] | None:
    """Return (age in years, the words as written) for the first age the text states, or None."""
    if _ANY_CUE.search(text) is None:
        return None
    best: tuple[int, float, str] | None = None
    for pattern, years_per_unit in _PATTERNS:
        m = next((m for m in pattern.finditer(text) if not _said_of_someone_else(text, m.start())), None)
        if m is None or (best is not None and m.start() >= best[0]):
            continue
        token = next(g for g in m.groups() if g is not None)
        number = float(token) if token[0].isdigit() else float(cardinal(token))
        if "半" in m.group(0) and years_per_unit == 1.0:
            number += 0.5
        years = number * years_per_unit
        if 0 < years <= _MAX_YEARS:
            best = (m.start(), years, m.group(0).strip())
    return (best[1], best[2]) if best else None


def _said_of_someone_else(text: str, start: int) -> bool:
    return _OTHER_PERSON.search(text[max(0, start - 12):start]) is not None
