"""Ages over 89, which HIPAA Safe Harbor requires to be aggregated into "90 or older".

Children's and adults' ages up to 89 are clinical information and are never touched.

References:
    HIPAA 45 CFR §164.514(b)(2)(i)(C): "all ages over 89 and all elements of dates (including
    year) indicative of such age, except that such ages … may be aggregated into a single
    category of age 90 or older".
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import Keywords, finditer_not_after, matches_at
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["AgeOver89Recognizer"]

_AGE = r"(9\d|1[0-2]\d)"
# A number followed by its age word (92岁, 95-year-old, 101 yo). The pattern starts with the
# age's first digit, which `re` scans for at C speed; "not after a digit or point" is checked
# in Python (`finditer_not_after`).
_NUMBER_THEN_WORD = re.compile(
    rf"{_AGE}(?=\s*(?:周岁|岁|歲)"
    r"|(?i:[\s\-](?:year|yr)s?[\s\-]old)"
    r"|(?i:\s*(?:yo|y/o|y\.o\.|yrs? old)\b))"
)
_WORD_THEN_NUMBER: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?:年龄|年齡)[\s:：]{{0,2}}{_AGE}(?![\d.])"),
    re.compile(rf"\b(?:age|aged)[\s:]{{1,2}}{_AGE}(?![\d.])", re.IGNORECASE),
)
_WORD_STARTS = (Keywords(("年龄", "年齡")), Keywords(("age",), ignore_case=True))


class AgeOver89Recognizer(Recognizer):
    """Ages 90-129 written with 岁/year-old/age; the span is the number only."""

    name = "age_over_89"
    phi_type = PhiType.AGE

    def find(self, text: str) -> list[PhiSpan]:
        why = "age over 89 (HIPAA: aggregate to 90+)"
        spans = [
            self.span(m.start(1), m.end(1), 0.95, why)
            for m in finditer_not_after(_NUMBER_THEN_WORD, text, "0123456789.")
        ]
        for pattern, starts in zip(_WORD_THEN_NUMBER, _WORD_STARTS, strict=True):
            spans += [self.span(m.start(1), m.end(1), 0.95, why) for m in matches_at(pattern, text, starts)]
        return spans
