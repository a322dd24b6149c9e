"""Table-driven test of the phone recognizer (MIIT numbering plan; NANP)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.phone import PhoneRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("电话13800138000，", ["13800138000"]),
    ("手机：138-0013-8000", ["138-0013-8000"]),
    ("座机010-62345678转", ["010-62345678"]),
    ("call (555) 123-4567 today", ["(555) 123-4567"]),
    ("Phone: 295.238.8011x188.", ["295.238.8011x188"]),
    ("血压150/95mmHg，心率88次/分", []),
    ("WBC 12.3, glucose 7.8 mmol/L, 2023-05-12", []),
    # each split pattern: international mobile, (area) landline, 400 number, +1 and dotted NANP
    ("电话+86 138 0013 8000。", ["+86 138 0013 8000"]),
    ("电话(0371)62345678", ["(0371)62345678"]),
    ("客服400-810-8888", ["400-810-8888"]),
    ("cell +1 555-123-4567.", ["+1 555-123-4567"]),
    ("phone 555.123.4567 ext 12", ["555.123.4567 ext 12"]),
    ("tel 5551234567", ["5551234567"]),
    # not after a digit, letter, point or slash; not before a digit: ratios and long numbers stay
    ("ID A13800138000, 0.13800138000, 1/13800138000, 138001380001", []),
    ("sample 5551234567 in a series", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_phone(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(PhoneRecognizer().find(text))]
    assert found == sorted(expected)


def test_phone_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in PhoneRecognizer().find(text):
            assert span.recognizer == "phone" and span.explanation and 0 < span.score <= 1
