"""Dates: Chinese (2023年5月12日, 二〇二三年五月十二日, 5月12日), ISO and numeric, English month names.

A year alone is kept: HIPAA Safe Harbor removes "all elements of dates (except year)". Numeric
forms need a year or a Chinese 月/日 marker, so ratios such as blood pressure 150/95 and doses
such as 1/2 tablet are never dates.

References:
    HIPAA 45 CFR §164.514(b)(2)(i)(C); GB/T 7408-2005 (ISO 8601) date formats.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["DateRecognizer"]

_M = r"(?:0?[1-9]|1[0-2])"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_Y = r"(?:1[89]\d{2}|20\d{2})"
_TIME = r"(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_CN_NUM = "〇零一二三四五六七八九"
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<!\d){_Y}\s*年\s*{_M}\s*月(?:\s*{_D}\s*[日号])?{_TIME}"), "Chinese date with year"),
    (re.compile(rf"(?<![\d年]){_M}\s*月\s*{_D}\s*[日号]{_TIME}"), "Chinese month and day"),
    (
        re.compile(
            rf"[{_CN_NUM}]{{4}}年[一二三四五六七八九十]{{1,2}}月(?:[一二三四五六七八九十]{{1,3}}[日号])?"
        ),
        "Chinese date written in numerals",
    ),
    (
        re.compile(rf"(?<![\d.\-/]){_Y}[\-/.]{_M}[\-/.]{_D}(?![\d])(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"),
        "year-month-day (ISO 8601 or with slashes/dots)",
    ),
    (re.compile(rf"(?<![\d.\-/]){_M}[/\-.]{_D}[/\-.](?:{_Y}|\d{{2}})(?![\d/])"), "month/day/year"),
    (re.compile(rf"(?<![\d.\-/]){_D}[/\-.]{_MONTHS}[/\-.]{_Y}\b"), "day-month-year with month name"),
    (re.compile(rf"\b{_MONTHS}\.?\s+{_D}(?:st|nd|rd|th)?(?:,?\s+{_Y})?(?![\d:])"), "month name and day"),
    (re.compile(rf"\b{_D}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS}\.?,?\s+{_Y}\b"), "day, month name and year"),
    (re.compile(rf"\b{_MONTHS}\.?,?\s+{_Y}\b"), "month name and year"),
)

_HINTS = ("月", "月", "月", "sep", "sep", "month", "month", "month", "month")
_SEPARATOR = re.compile(r"\d[\-/.]\d")
_MONTH_HINT = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec", re.IGNORECASE)


class DateRecognizer(Recognizer):
    """Dates more specific than a year, in Chinese and English forms."""

    name = "date"
    phi_type = PhiType.DATE

    def find(self, text: str) -> list[PhiSpan]:
        # Cheap literal checks first: scanning a pattern costs far more than `in` (≥ 1 MB/s target).
        has = {
            "月": "月" in text,
            "sep": _SEPARATOR.search(text) is not None,
            "month": _MONTH_HINT.search(text) is not None,
        }
        spans: list[PhiSpan] = []
        for (pattern, why), hint in zip(_PATTERNS, _HINTS, strict=True):
            if has[hint]:
                spans += [self.span(m.start(), m.end(), 0.9, why) for m in pattern.finditer(text)]
        return spans
