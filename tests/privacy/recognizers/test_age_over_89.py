"""Table-driven test of the age_over_89 recognizer (HIPAA: ages over 89 aggregated to 90+)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.age_over_89 import AgeOver89Recognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("女，92岁，", ["92"]),
    ("a 95-year-old man", ["95"]),
    ("患儿3岁，体重14kg；老人89岁", []),
    ("age: 101", ["101"]),
    ("年龄：93，", ["93"]),
    ("a 102 y/o man, a 91 year-old, 97 yo woman", ["102", "91", "97"]),
    ("aged 95 and AGE 96", ["95", "96"]),
    ("1.95岁 and 195岁 and page 95 and 95.5岁", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_age_over_89(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(AgeOver89Recognizer().find(text))]
    assert found == sorted(expected)


def test_age_over_89_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in AgeOver89Recognizer().find(text):
            assert span.recognizer == "age_over_89" and span.explanation and 0 < span.score <= 1
