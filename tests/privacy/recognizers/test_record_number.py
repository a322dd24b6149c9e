"""Table-driven test of the record_number recognizer (WS 445-2014 record identifiers; HIPAA (C), (D))."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.record_number import RecordNumberRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("住院号：ZY2023001234，", ["ZY2023001234"]),
    ("门诊号 1234567", ["1234567"]),
    ("MRN: 00123456", ["00123456"]),
    ("医保卡号：2572771628YF。", ["2572771628YF"]),
    ("床号12", []),
    ("final dose 500 mg", []),
    ("ACCT #998877; Medical Record Number: A1234567", ["998877", "A1234567"]),
    ("Member ID XYZ123456789", ["XYZ123456789"]),
    ("primrn 12345 is not a keyword", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_record_number(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(RecordNumberRecognizer().find(text))]
    assert found == sorted(expected)


def test_record_number_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in RecordNumberRecognizer().find(text):
            assert span.recognizer == "record_number" and span.explanation and 0 < span.score <= 1
