"""Table-driven test of the zh_id_card recognizer.

GB 11643-1999 check digit (ISO 7064 MOD 11-2); 15-digit legacy format.
"""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.zh_id_card import ZhIdCardRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("身份证号110101199003074514", ["110101199003074514"]),
    ("号码11010119900307451X无效校验位", []),
    ("身份证：110101199003074515", ["110101199003074515"]),
    ("老身份证110101900307451", ["110101900307451"]),
    ("白细胞计数12.5×10^9/L", []),
    ("X110101199003074514 and 1101011990030745140", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_zh_id_card(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(ZhIdCardRecognizer().find(text))]
    assert found == sorted(expected)


def test_zh_id_card_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in ZhIdCardRecognizer().find(text):
            assert span.recognizer == "zh_id_card" and span.explanation and 0 < span.score <= 1
