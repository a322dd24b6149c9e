"""Table-driven test of the us_ssn recognizer (SSA: areas 000, 666, 900-999 are never issued)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.us_ssn import UsSsnRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("SSN 123-45-6789.", ["123-45-6789"]),
    ("SSN: 123456789", ["123456789"]),
    ("666-12-3456 and 900-12-3456 are never issued", []),
    ("BP 120/80, dated 2023-05-12", []),
    ("000-12-3456, 123-00-4567, 123-45-0000 are never issued", []),
    ("1123-45-6789 and 123-45-67890 are other numbers", []),
    ("social security no. 123 45 6789", ["123 45 6789"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_us_ssn(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(UsSsnRecognizer().find(text))]
    assert found == sorted(expected)


def test_us_ssn_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in UsSsnRecognizer().find(text):
            assert span.recognizer == "us_ssn" and span.explanation and 0 < span.score <= 1
