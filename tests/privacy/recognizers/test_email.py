"""Table-driven test of the email recognizer (RFC 5322 dot-atom)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.email import EmailRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("邮箱：li.ming@example.com。", ["li.ming@example.com"]),
    ("contact jane_doe+1@mail.example.org today", ["jane_doe+1@mail.example.org"]),
    ("ratio 3@5 is not mail", []),
    ("两个邮箱a@b.cn和x.y@z.com.cn。", ["a@b.cn", "x.y@z.com.cn"]),
    ("@handle and mail@ and @example.com", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_email(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(EmailRecognizer().find(text))]
    assert found == sorted(expected)


def test_email_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in EmailRecognizer().find(text):
            assert span.recognizer == "email" and span.explanation and 0 < span.score <= 1
