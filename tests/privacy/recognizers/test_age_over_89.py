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
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_age_over_89(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(AgeOver89Recognizer().find(text))]
    assert found == sorted(expected)


def test_age_over_89_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in AgeOver89Recognizer().find(text):
            assert span.recognizer == "age_over_89" and span.explanation and 0 < span.score <= 1
