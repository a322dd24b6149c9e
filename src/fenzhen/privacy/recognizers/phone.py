"""Telephone numbers: Chinese mobile and landline, service numbers, and North American numbers.

References:
    MIIT numbering plan (工业和信息化部 电信网编号计划): mobile numbers are 11 digits starting 13-19;
    landlines are a 3-4 digit area code starting with 0 plus a 7-8 digit local number; 400/800
    service numbers have 10 digits. North American Numbering Plan: NXX-NXX-XXXX.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import finditer_not_after
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["PhoneRecognizer"]

# A phone number is not inside a longer number, decimal or ratio: the character before it is
# checked in Python (`finditer_not_after`) so that each pattern starts with a literal or a class,
# which `re` scans for at C speed; the character after it is checked by the pattern.
_BEFORE = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-/"
_E = r"(?![0-9A-Za-z]|[.\-/]\d)"
_MOBILE = r"1[3-9]\d(?:[\s\-]?\d{4}){2}"
_NANP_LOCAL = r"\d{3}[\s\-.]\d{4}(?:\s?(?:x|ext\.?)\s?\d{1,5})?"
_PATTERNS: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (re.compile(rf"{_MOBILE}{_E}"), 0.9, "Chinese mobile number (11 digits, 13x-19x)"),
    (re.compile(rf"(?:\+86|0086|86)[\s\-]?{_MOBILE}{_E}"), 0.9, "Chinese mobile number (11 digits, 13x-19x)"),
    (
        re.compile(rf"(?:\(0\d{{2,3}}\)|0\d{{2,3}})[\s\-]?[2-9]\d{{6,7}}(?:-\d{{1,4}})?{_E}"),
        0.85,
        "landline: area code starting 0 plus local number",
    ),
    (re.compile(rf"[48]00[\s\-]?\d{{3}}[\s\-]?\d{{4}}{_E}"), 0.85, "400/800 service number"),
    (re.compile(rf"\(\d{{3}}\)\s?{_NANP_LOCAL}{_E}"), 0.85, "North American number (NXX-NXX-XXXX)"),
    (
        re.compile(rf"(?:\+1|001)[\s\-.]?(?:\(\d{{3}}\)\s?|\d{{3}}[\s\-.]){_NANP_LOCAL}{_E}"),
        0.85,
        "North American number (NXX-NXX-XXXX)",
    ),
)
# NXX-NXX-XXXX and a bare 10-digit number share one scan for their first three digits.
_DIGITS_FIRST = re.compile(rf"\d\d\d(?:(?P<nanp>[\s\-.]{_NANP_LOCAL})|\d{{7}}){_E}")
_CUE = re.compile(r"电话|手机|联系方式|座机|tel|phone|cell|mobile|call|fax|传真|pager", re.IGNORECASE)


class PhoneRecognizer(Recognizer):
    """Phone numbers in their usual written forms; bare 10-digit numbers only after a phone cue."""

    name = "phone"
    phi_type = PhiType.PHONE

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for pattern, score, why in _PATTERNS:
            spans += [
                self.span(m.start(), m.end(), score, why) for m in finditer_not_after(pattern, text, _BEFORE)
            ]
        for m in finditer_not_after(_DIGITS_FIRST, text, _BEFORE):
            if m.group("nanp"):
                spans.append(self.span(m.start(), m.end(), 0.85, "North American number (NXX-NXX-XXXX)"))
            elif _CUE.search(text, max(0, m.start() - 16), m.start()):
                spans.append(self.span(m.start(), m.end(), 0.9, "10-digit number after a phone cue"))
        return spans
