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


def test_scoring_counts_damaged_clinical_terms() -> None:
    doc = Document("zh")
    doc.add("患者", term=True)
    doc.add("说胸痛两小时，高烧不退。")
    assert [doc.text[t.start : t.end] for t in doc.terms] == ["患者", "胸痛", "高烧"]
    s = score_documents([doc], [[(0, 2, "NAME")]]).summary()
    assert s["clinical_terms"] == 3 and s["clinical_term_damage_rate"] == round(1 / 3, 4)
    assert s["precision"] == 0.0


@pytest.mark.integration
def test_corpus_is_deterministic_and_labelled() -> None:
    a, b = build_corpus(DATA, 6, seed=7), build_corpus(DATA, 6, seed=7)
    assert [d.text for d in a] == [d.text for d in b]
    assert {d.language for d in a} == {"zh", "en"}
    for d in a:
        assert d.gold and d.clinical
        assert all(d.text[g.start : g.end].strip() for g in d.gold)
    # every Chinese note names someone without a cue word and has a name-less reported speech
    for d in (d for d in a if d.language == "zh"):
        names = [d.text[g.start : g.end] for g in d.gold if g.type is PhiType.NAME]
        assert len(names) >= 3
        not_names = {"患者", "医生", "孩子", "高烧", "他", "家属", "母亲", "严重"}
        assert any(d.text[t.start : t.end] in not_names for t in d.terms)
