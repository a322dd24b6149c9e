"""Table-driven test of the licence_plate recognizer (GA 36-2018)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.licence_plate import LicencePlateRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("车牌号京A12345，", ["京A12345"]),
    ("粤B·D12345", ["粤B·D12345"]),
    ("川AB", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_licence_plate(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(LicencePlateRecognizer().find(text))]
    assert found == sorted(expected)


def test_licence_plate_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in LicencePlateRecognizer().find(text):
            assert span.recognizer == "licence_plate" and span.explanation and 0 < span.score <= 1
