"""Table-driven test of the zh_address recognizer (GB/T 2260 administrative units)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.zh_address import ZhAddressRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("住址：北京市朝阳区建国路88号3单元502室，", ["北京市朝阳区建国路88号3单元502室"]),
    ("家住清河县李家镇王庄村", ["清河县李家镇王庄村"]),
    ("吉林省欣县淄川惠州街B座 674391。", ["吉林省欣县淄川惠州街B座 674391"]),
    ("心前区压痛，门诊3号诊室", []),
    ("阳光花园小区5栋2单元301室", ["阳光花园小区5栋2单元301室"]),
    ("呼吸道感染，心前区不适", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_zh_address(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(ZhAddressRecognizer().find(text))]
    assert found == sorted(expected)


def test_zh_address_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in ZhAddressRecognizer().find(text):
            assert span.recognizer == "zh_address" and span.explanation and 0 < span.score <= 1
