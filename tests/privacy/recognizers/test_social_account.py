"""Table-driven test of the social_account recognizer .

WeChat id: 6-20 characters starting with a letter; QQ: 5-12 digits.
"""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.social_account import SocialAccountRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("微信号：wang_li88", ["wang_li88"]),
    ("QQ 123456789", ["123456789"]),
    ("微信 abc", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_social_account(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(SocialAccountRecognizer().find(text))]
    assert found == sorted(expected)


def test_social_account_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in SocialAccountRecognizer().find(text):
            assert span.recognizer == "social_account" and span.explanation and 0 < span.score <= 1
