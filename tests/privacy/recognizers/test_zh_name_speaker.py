"""Table-driven test of the zh_name_speaker recognizer (names before 说/称/诉…, clause subjects).

Positives are the forms of Chinese histories (现病史 reported speech); negatives are the words
that stand where a name could (患者说, 医生说, 他说, 孩子说, 高烧说明) and ordinary words that start
with a surname character (严重, 许多, 陈旧, 黄色).
"""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.zh_name_speaker import ZhSpeakerNameRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    # speaker before a reporting verb
    ("胸痛两小时，王小明说电话13800138000", ["王小明"]),
    ("王小明说胸口痛", ["王小明"]),
    ("据李娜称昨晚开始发热", ["李娜"]),
    ("张伟诉头晕三天", ["张伟"]),
    ("，李娜表示夜间咳嗽加重", ["李娜"]),
    ("刘洋告诉护士腹痛", ["刘洋"]),
    ("。陈静反映服药后恶心", ["陈静"]),
    ("赵磊自述胸闷", ["赵磊"]),
    ("听萧婷婷说孩子发热", ["萧婷婷"]),  # any listed surname before a reporting verb
    ("欧阳娜娜说腰痛", ["欧阳娜娜"]),
    # subject at the start of a clause, followed by the predicate
    ("，李娜昨晚开始发热", ["李娜"]),
    ("王小明胸口痛两小时", ["王小明"]),
    ("体温正常。\n周杰今天咳嗽", ["周杰"]),
    # no name: no surname, not a reporting verb, ordinary words, clinical terms, cue words
    ("患者说胸口痛，医生说需要复查", []),
    ("他说昨晚没睡好，孩子说肚子疼", []),
    ("高烧说明有感染", []),
    ("，严重时呼吸困难，许多人说", []),
    ("，陈旧性心梗，黄色痰", []),
    ("，易疲劳乏力，高烧不退", []),
    ("家属称患者食欲差，母亲诉患儿发热", []),
    ("但据说有效，有医生说没事，那护士称", []),
    ("体重称量，说法不一", []),
    ("，萧婷婷今天发热", []),  # the subject rule takes only common surnames
    ("，王伟高血压", []),  # no stop character after the name: the predicate is not clear
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_zh_name_speaker(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(ZhSpeakerNameRecognizer().find(text))]
    assert found == sorted(expected)


def test_zh_name_speaker_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in ZhSpeakerNameRecognizer().find(text):
            assert span.recognizer == "zh_name_speaker" and span.explanation and 0 < span.score <= 1
