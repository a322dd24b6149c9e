"""Table-driven test of the en_name recognizer (US Census 1990 name lists; titles and labels)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.en_name import EnNameRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("Patient: John Smith was seen", ["John Smith"]),
    ("by Dr. Alexandria Santiago.", ["Alexandria Santiago"]),
    ("Mr. Smith denies chest pain", ["Smith"]),
    ("His wife Mary Jones called", ["Mary Jones"]),
    ("She will try Zyrtec instead of Allegra again.", []),
    ("Physical Exam: normal. Dr. X saw the patient.", []),
    ("PATIENT NAME: Mary Jones", ["Mary Jones"]),
    ("Electronically signed by Robert Brown, MD", ["Robert Brown"]),
    ("outpatient Mary Jones", ["Mary Jones"]),
    ("symptoms: Pain Scale high", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_en_name(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(EnNameRecognizer().find(text))]
    assert found == sorted(expected)


def test_en_name_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in EnNameRecognizer().find(text):
            assert span.recognizer == "en_name" and span.explanation and 0 < span.score <= 1
