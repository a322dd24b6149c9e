"""Table-driven test of the en_address recognizer (USPS Publication 28)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.en_address import EnAddressRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("lives at 123 Main Street, Springfield, IL 62704.", ["123 Main Street, Springfield, IL 62704"]),
    (
        "8626 Jerome Manor Suite 404, Claytonview, OH 94302",
        ["8626 Jerome Manor Suite 404, Claytonview, OH 94302"],
    ),
    ("PO Box 123", ["PO Box 123"]),
    ("took 2 tablets at 8 pm, 3 Days", []),
    ("P.O. Box 77 and p.o. box 12", ["P.O. Box 77", "p.o. box 12"]),
    ("moved to Austin, TX 78701 last year", ["Austin, TX 78701"]),
    ("A123 Main Street and xPO Box 5", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_en_address(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(EnAddressRecognizer().find(text))]
    assert found == sorted(expected)


def test_en_address_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in EnAddressRecognizer().find(text):
            assert span.recognizer == "en_address" and span.explanation and 0 < span.score <= 1
