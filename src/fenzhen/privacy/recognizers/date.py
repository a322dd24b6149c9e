"""Dates: Chinese (2023年5月12日, 二〇二三年五月十二日, 5月12日), ISO and numeric, English month names.

A year alone is kept: HIPAA Safe Harbor removes "all elements of dates (except year)". Numeric
forms need a year or a Chinese 月/日 marker, so ratios such as blood pressure 150/95 and doses
such as 1/2 tablet are never dates.

Speed: every pattern is run only in windows around its anchor (月; two date separators between
digits; a capitalised month abbreviation), so whitespace runs inside a date are bounded (≤ 3
characters, ≤ 4 in English forms) to keep every match inside its window.

References:
    HIPAA 45 CFR §164.514(b)(2)(i)(C); GB/T 7408-2005 (ISO 8601) date formats.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import finditer_in, windows
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["DateRecognizer"]

_M = r"(?:0?[1-9]|1[0-2])"
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_Y = r"(?:1[89]\d{2}|20\d{2})"
_S = r"\s{0,3}"  # spaces inside a Chinese date (2023 年 5 月)
_W = r"\s{1,4}"  # spaces between English date words
_TIME = r"(?:\s{0,3}\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?"
_CN_NUM = "〇零一二三四五六七八九"
_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)

_CHINESE: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(rf"(?<!\d){_Y}{_S}年{_S}{_M}{_S}月(?:{_S}{_D}{_S}[日号])?{_TIME}"),
        "Chinese date with year",
    ),
    (re.compile(rf"(?<![\d年]){_M}{_S}月{_S}{_D}{_S}[日号]{_TIME}"), "Chinese month and day"),
    (
        re.compile(
            rf"[{_CN_NUM}]{{4}}年[一二三四五六七八九十]{{1,2}}月(?:[一二三四五六七八九十]{{1,3}}[日号])?"
        ),
        "Chinese date written in numerals",
    ),
)
_NUMERIC: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(rf"(?<![\d.\-/]){_Y}[\-/.]{_M}[\-/.]{_D}(?![\d])(?:[T\s]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?"),
        "year-month-day (ISO 8601 or with slashes/dots)",
    ),
    (re.compile(rf"(?<![\d.\-/]){_M}[/\-.]{_D}[/\-.](?:{_Y}|\d{{2}})(?![\d/])"), "month/day/year"),
)
_ENGLISH: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"(?<![\d.\-/]){_D}[/\-.]{_MONTHS}[/\-.]{_Y}\b"), "day-month-year with month name"),
    (
        re.compile(rf"\b{_MONTHS}\.?{_W}{_D}(?:st|nd|rd|th)?(?:,?{_W}{_Y})?(?![\d:])"),
        "month name and day",
    ),
    (
        re.compile(rf"\b{_D}(?:st|nd|rd|th)?{_W}(?:of{_W})?{_MONTHS}\.?,?{_W}{_Y}\b"),
        "day, month name and year",
    ),
    (re.compile(rf"\b{_MONTHS}\.?,?{_W}{_Y}\b"), "month name and year"),
)
# Anchors every match of a group contains, with how far a match reaches before and after one.
_YUE = re.compile("月")
_TWO_SEPARATORS = re.compile(r"[\-/.]\d\d?[\-/.]\d")
_MONTH_WORD = re.compile("Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_GROUPS = (
    (_CHINESE, _YUE, 24, 40),
    (_NUMERIC, _TWO_SEPARATORS, 14, 32),
    (_ENGLISH, _MONTH_WORD, 20, 40),
)


class DateRecognizer(Recognizer):
    """Dates more specific than a year, in Chinese and English forms."""

    name = "date"
    phi_type = PhiType.DATE

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for patterns, anchor, before, after in _GROUPS:
            wins = windows(text, anchor, before, after)
            if not wins:
                continue
            for pattern, why in patterns:
                spans += [self.span(m.start(), m.end(), 0.9, why) for m in finditer_in(pattern, text, wins)]
        return spans
