"""Table-driven test of the zh_name recognizer (context cues (WS 445 header fields), 百家姓 surnames)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.zh_name import ZhNameRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("患者李明，电话", ["李明"]),
    ("患者张伟自述胸痛三天", ["张伟"]),
    ("主治医师：刘洋", ["刘洋"]),
    ("王先生诉头痛", ["王"]),
    ("张伟，男，45岁，因发热", ["张伟"]),
    ("姓名：欧阳娜娜", ["欧阳娜娜"]),
    ("小王陪同来诊", ["小王"]),
    ("患者平素体健，患者于3天前，小于10，2小时", []),
    ("责任护士：马博", ["马博"]),
    ("互相配合医生治疗，患者家属诉", []),
    # the sex apposition fixes the end of a name even through a stop character (想)
    ("患者赵想，男，10岁", ["赵想"]),
    ("陈想，男，3岁，", ["陈想"]),
    ("患者平素体健，男，患者想吐", []),
    # no cue word: left to zh_name_speaker
    ("王小明说胸口痛", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_zh_name(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(ZhNameRecognizer().find(text))]
    assert found == sorted(expected)


def test_zh_name_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in ZhNameRecognizer().find(text):
            assert span.recognizer == "zh_name" and span.explanation and 0 < span.score <= 1
