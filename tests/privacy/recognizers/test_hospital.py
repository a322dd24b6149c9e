"""Table-driven test of the hospital recognizer (named facilities only; generic mentions kept)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.hospital import HospitalRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("曾于兰州市人民医院住院", ["兰州市人民医院"]),
    ("阳泉市第一人民医院", ["阳泉市第一人民医院"]),
    ("李家村卫生室", ["李家村卫生室"]),
    ("我前不久在医院检查，到县医院就诊，去癫痫病医院", []),
    ("admitted to Mercy General Hospital", ["Mercy General Hospital"]),
    ("到清河县李家镇中心卫生院就诊", ["清河县李家镇中心卫生院"]),
    ("seen at the Hospital; clinic notes", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_hospital(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(HospitalRecognizer().find(text))]
    assert found == sorted(expected)


def test_hospital_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in HospitalRecognizer().find(text):
            assert span.recognizer == "hospital" and span.explanation and 0 < span.score <= 1
