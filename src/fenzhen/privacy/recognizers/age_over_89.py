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
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["AgeOver89Recognizer"]

_AGE = r"(9\d|1[0-2]\d)"
_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\d.]){_AGE}(?=\s*(?:周岁|岁|歲))"),
    re.compile(rf"(?:年龄|年齡)[\s:：]{{0,2}}{_AGE}(?![\d.])"),
    re.compile(rf"(?<![\d.]){_AGE}(?=[\s\-](?:year|yr)s?[\s\-]old)", re.IGNORECASE),
    re.compile(rf"(?<![\d.]){_AGE}(?=\s*(?:yo|y/o|y\.o\.|yrs? old)\b)", re.IGNORECASE),
    re.compile(rf"\b(?:age|aged)[\s:]{{1,2}}{_AGE}(?![\d.])", re.IGNORECASE),
)

# Every age form contains a 9, 10x, 11x or 12x followed within a few characters by one of these.
_HINT = re.compile(r"(?:9|1[0-2])\d\s*(?:周?岁|歲)|年[龄齡]|(?i:year|yr|yo|y/o|y\.o\.|\bage)")


class AgeOver89Recognizer(Recognizer):
    """Ages 90-129 written with 岁/year-old/age; the span is the number only."""

    name = "age_over_89"
    phi_type = PhiType.AGE

    def find(self, text: str) -> list[PhiSpan]:
        if _HINT.search(text) is None:
            return []
        spans: list[PhiSpan] = []
        for pattern in _PATTERNS:
            for m in pattern.finditer(text):
                spans.append(self.span(m.start(1), m.end(1), 0.95, "age over 89 (HIPAA: aggregate to 90+)"))
        return spans
