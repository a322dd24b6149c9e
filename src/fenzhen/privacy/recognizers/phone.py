"""Telephone numbers: Chinese mobile and landline, service numbers, and North American numbers.

References:
    MIIT numbering plan (工业和信息化部 电信网编号计划): mobile numbers are 11 digits starting 13-19;
    landlines are a 3-4 digit area code starting with 0 plus a 7-8 digit local number; 400/800
    service numbers have 10 digits. North American Numbering Plan: NXX-NXX-XXXX.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["PhoneRecognizer"]

_B = r"(?<![0-9A-Za-z.\-/])"  # not inside a longer number, decimal or ratio
_E = r"(?![0-9A-Za-z]|[.\-/]\d)"
_CN_MOBILE = re.compile(rf"{_B}(?:(?:\+|00)?86[\s\-]?)?1[3-9]\d(?:[\s\-]?\d{{4}}){{2}}{_E}")
_CN_LANDLINE = re.compile(rf"{_B}(?:\(0\d{{2,3}}\)|0\d{{2,3}})[\s\-]?[2-9]\d{{6,7}}(?:-\d{{1,4}})?{_E}")
_CN_SERVICE = re.compile(rf"{_B}[48]00[\s\-]?\d{{3}}[\s\-]?\d{{4}}{_E}")
_NANP = re.compile(
    rf"{_B}(?:(?:\+1|001)[\s\-.]?)?(?:\(\d{{3}}\)\s?|\d{{3}}[\s\-.])\d{{3}}[\s\-.]\d{{4}}(?:\s?(?:x|ext\.?)\s?\d{{1,5}})?{_E}"
)
_PLAIN10 = re.compile(rf"{_B}\d{{10}}{_E}")
_CUE = re.compile(r"电话|手机|联系方式|座机|tel|phone|cell|mobile|call|fax|传真|pager", re.IGNORECASE)


class PhoneRecognizer(Recognizer):
    """Phone numbers in their usual written forms; bare 10-digit numbers only after a phone cue."""

    name = "phone"
    phi_type = PhiType.PHONE

    def find(self, text: str) -> list[PhiSpan]:
        spans = [
            self.span(m.start(), m.end(), 0.9, "Chinese mobile number (11 digits, 13x-19x)")
            for m in _CN_MOBILE.finditer(text)
        ]
        spans += [
            self.span(m.start(), m.end(), 0.85, "landline: area code starting 0 plus local number")
            for m in _CN_LANDLINE.finditer(text)
        ]
        spans += [
            self.span(m.start(), m.end(), 0.85, "400/800 service number") for m in _CN_SERVICE.finditer(text)
        ]
        spans += [
            self.span(m.start(), m.end(), 0.85, "North American number (NXX-NXX-XXXX)")
            for m in _NANP.finditer(text)
        ]
        for m in _PLAIN10.finditer(text):
            if _CUE.search(text, max(0, m.start() - 16), m.start()):
                spans.append(self.span(m.start(), m.end(), 0.9, "10-digit number after a phone cue"))
        return spans
