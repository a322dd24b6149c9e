"""Table-driven test of the url recognizer (HIPAA identifier N)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.url import UrlRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("见 https://example.org/p?id=3，", ["https://example.org/p?id=3"]),
    ("see www.example.com.", ["www.example.com"]),
    ("no url here 1.5 mg", []),
    ("HTTP://EXAMPLE.ORG/A and ftp://files.example.org/x.", ["HTTP://EXAMPLE.ORG/A", "ftp://files.example.org/x"]),
    ("httpd is a server, wwwx.example is not, shttp://x no", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_url(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(UrlRecognizer().find(text))]
    assert found == sorted(expected)


def test_url_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in UrlRecognizer().find(text):
            assert span.recognizer == "url" and span.explanation and 0 < span.score <= 1
