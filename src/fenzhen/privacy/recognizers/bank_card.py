"""Bank card numbers: 16-19 digits passing the Luhn check (ISO/IEC 7812).

References:
    ISO/IEC 7812-1 identification cards: the last digit is a Luhn (mod 10) check digit;
    UnionPay cards start with 62, Visa 4, Mastercard 51-55/2221-2720, Amex 34/37 (15 digits).
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import finditer_not_after
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["BankCardRecognizer", "luhn_valid"]

# Starts with a class (scanned at C speed); the character before is checked in Python.
_CARD = re.compile(r"[3-6]\d{3}(?:[\s\-]?\d{4}){2,3}(?:[\s\-]?\d{1,3})?(?![\d])")
_CUE = re.compile(r"银行卡|卡号|账号|card|account", re.IGNORECASE)


def luhn_valid(digits: str) -> bool:
    """Return True when the digit string passes the Luhn mod-10 check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


class BankCardRecognizer(Recognizer):
    """15-19 digit numbers starting 3-6 that pass Luhn (or sit right after a card cue)."""

    name = "bank_card"
    phi_type = PhiType.BANK_CARD

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in finditer_not_after(_CARD, text, "0123456789-"):
            digits = re.sub(r"\D", "", m.group())
            if not 15 <= len(digits) <= 19:
                continue
            if luhn_valid(digits):
                spans.append(self.span(m.start(), m.end(), 0.9, "card number passing the Luhn check"))
            elif _CUE.search(text, max(0, m.start() - 10), m.start()):
                spans.append(self.span(m.start(), m.end(), 0.9, "card-length number after a card cue"))
        return spans
