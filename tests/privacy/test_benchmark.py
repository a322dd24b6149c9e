"""The benchmark corpus is deterministic and labelled; scoring counts what it says it counts."""

from __future__ import annotations

import pytest

from fenzhen.privacy.benchmark.corpus import Document, build_corpus
from fenzhen.privacy.benchmark.scoring import score_documents
from fenzhen.privacy.types import PhiType
from tests.shared_data import SHARED_DATA as DATA


def test_scoring_recall_precision_damage() -> None:
    doc = Document("zh")
    doc.add("患者")
    doc.add("李明", PhiType.NAME)
    doc.add("，血压150/95mmHg，电话")
    doc.add("13800138000", PhiType.PHONE)
    name = doc.gold[0]
    phone = doc.gold[1]
    bp = doc.text.index("150/95")
    preds = [(name.start, name.end, "NAME"), (phone.start, phone.end - 2, "PHONE"), (bp, bp + 3, "DATE")]
    s = score_documents([doc], [preds]).summary()
    assert s["recall"] == 0.5  # the phone is only partly covered: a leak
    assert s["precision"] == round(2 / 3, 4)
    assert s["clinical_number_damage_rate"] == 1.0


@pytest.mark.integration
def test_corpus_is_deterministic_and_labelled() -> None:
    a, b = build_corpus(DATA, 6, seed=7), build_corpus(DATA, 6, seed=7)
    assert [d.text for d in a] == [d.text for d in b]
    assert {d.language for d in a} == {"zh", "en"}
    for d in a:
        assert d.gold and d.clinical
        assert all(d.text[g.start : g.end].strip() for g in d.gold)
