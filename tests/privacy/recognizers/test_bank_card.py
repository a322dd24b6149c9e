"""Table-driven test of the bank_card recognizer (ISO/IEC 7812 Luhn check)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.bank_card import BankCardRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("卡号6222 0212 3456 7890 128", ["6222 0212 3456 7890 128"]),
    ("card 4111 1111 1111 1111", ["4111 1111 1111 1111"]),
    ("4111111111111112", []),
    ("15 digits 411111111111111 plain, glucose 5.6", []),
    ("-4111111111111111 and 94111111111111111", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_bank_card(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(BankCardRecognizer().find(text))]
    assert found == sorted(expected)


def test_bank_card_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in BankCardRecognizer().find(text):
            assert span.recognizer == "bank_card" and span.explanation and 0 < span.score <= 1
