"""Table-driven test of the date recognizer (HIPAA 164.514(b)(2)(i)(C): dates except year)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.date import DateRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("2023年5月12日入院", ["2023年5月12日"]),
    ("5月20日出院", ["5月20日"]),
    ("seen 05/12/2023 and May 3, 2021", ["05/12/2023", "May 3, 2021"]),
    ("2023-05-12T14:30", ["2023-05-12T14:30"]),
    ("血压150/95mmHg，半片1/2，2019年患病", []),
    ("BP 120/80, for 3 months", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_date(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(DateRecognizer().find(text))]
    assert found == sorted(expected)


def test_date_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in DateRecognizer().find(text):
            assert span.recognizer == "date" and span.explanation and 0 < span.score <= 1
