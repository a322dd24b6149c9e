"""Chinese resident identity card numbers (居民身份证号码), 18-digit and legacy 15-digit.

References:
    GB 11643-1999 公民身份号码: 6-digit area code, 8-digit birth date, 3-digit sequence and an
    ISO 7064 MOD 11-2 check character (0-9 or X). Legacy cards (before 1999) have 15 digits with a
    6-digit birth date (YYMMDD) and no check character.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import finditer_not_after
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["ZhIdCardRecognizer", "id_check_char", "is_valid_id18"]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_DATE = r"(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
# Each pattern starts with a class (scanned at C speed); the character before is checked in Python.
_ID18 = re.compile(rf"[1-9]\d{{5}}(?:18|19|20)\d{{2}}{_DATE}\d{{3}}[0-9Xx](?![0-9A-Za-z])")
_ID15 = re.compile(rf"[1-9]\d{{5}}\d{{2}}{_DATE}\d{{3}}(?![0-9A-Za-z])")
_BEFORE = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CUE = re.compile(r"身份证|身份号|证件号|ID\s*card", re.IGNORECASE)


def id_check_char(first17: str) -> str:
    """Return the ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def is_valid_id18(number: str) -> bool:
    """Return True when `number` is 18 characters whose last is the correct check character."""
    return len(number) == 18 and number[:17].isdigit() and id_check_char(number[:17]) == number[17].upper()


class ZhIdCardRecognizer(Recognizer):
    """18-digit numbers with a valid check character, or with an ID cue; 15-digit legacy numbers."""

    name = "zh_id_card"
    phi_type = PhiType.ID

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in finditer_not_after(_ID18, text, _BEFORE):
            if is_valid_id18(m.group()):
                spans.append(
                    self.span(m.start(), m.end(), 1.0, "18-digit ID number with valid GB 11643 check digit")
                )
            elif _CUE.search(text, max(0, m.start() - 12), m.start()):
                spans.append(
                    self.span(
                        m.start(),
                        m.end(),
                        0.95,
                        "18-digit ID-shaped number after an ID cue (check digit wrong)",
                    )
                )
        for m in finditer_not_after(_ID15, text, _BEFORE):
            cued = _CUE.search(text, max(0, m.start() - 12), m.start()) is not None
            spans.append(
                self.span(
                    m.start(),
                    m.end(),
                    0.95 if cued else 0.8,
                    "15-digit legacy ID number with a valid birth date",
                )
            )
        return spans
