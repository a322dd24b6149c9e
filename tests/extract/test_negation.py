"""Negation in Chinese and English (NegEx-style, Chapman 2001)."""

import pytest

from fenzhen.extract import detect_language, extract_findings


def _concepts(text: str) -> dict[str, bool]:
    return {f.concept: f.negated for f in extract_findings(text)}


def _check(text: str, concept: str, negated: bool | None) -> None:
    """`negated` None: the concept must not be found at all."""
    found = _concepts(text)
    if negated is None:
        assert concept not in found
    else:
        assert found[concept] is negated


@pytest.mark.parametrize(("text", "concept", "negated"), [
    ("无胸痛", "chest_pain", True),
    ("流鼻涕两天，不发烧", "fever", True),
    ("不舒服，发烧", "fever", False),
    ("否认胸痛", "chest_pain", True),
    ("没有发烧", "fever", True),
    ("不伴呕吐", "vomiting", True),
    ("无发热、咳嗽", "cough", True),
    ("无胸痛，但有气促", "dyspnea", False),
    ("无胸痛 呼吸困难", "dyspnea", False),    # shorthand: a space between Chinese words ends the clause
    ("无发热 咳嗽", "cough", False),
    ("胸痛无放射", "chest_pain", False),
    ("全身无力", "general_weakness", False),
    ("胸痛两小时", "chest_pain", False),
    ("denies chest pain", "chest_pain", True),
    ("no fever or cough", "cough", True),
    ("chest pain, no sweating", "chest_pain", False),
    ("chest pain, no sweating", "diaphoresis", True),
    ("without vomiting but has diarrhea", "diarrhea", False),
    ("Chest Pain since morning", "chest_pain", False),
    ("HA", "headache", False),
    ("he has a rash", "headache", None),
])
def test_negation(text: str, concept: str, negated: bool | None) -> None:
    _check(text, concept, negated)


@pytest.mark.parametrize(("text", "concept", "negated"), [
    # A comma list that its grammar closes is negated as a whole (review-of-systems sentences) ...
    ("Denies chest pain, shortness of breath, or palpitations.", "dyspnea", True),
    ("denies chest pain, shortness of breath, or palpitations", "palpitation", True),
    ("denies chest pain, shortness of breath and palpitations", "dyspnea", True),
    ("negative for fever, cough, or chest pain. Has headache", "cough", True),
    ("negative for fever, cough, or chest pain. Has headache", "headache", False),
    ("no fever, vomiting, chest pain or sweating, but has a headache", "chest_pain", True),
    ("no fever, vomiting, chest pain or sweating, but has a headache", "headache", False),
    ("denies fever, chills, or chest pain, has SOB", "chest_pain", True),
    ("denies fever, chills, or chest pain, has SOB", "dyspnea", False),   # after the list's last item
    ("no fever, cough or vomiting, chest pain", "cough", True),
    # ... any other comma is a clause break, so a symptom after it is kept (leaning safe).
    ("no fever, cough or vomiting, chest pain", "chest_pain", False),
    ("denies fever, chills, chest pain", "chest_pain", False),           # no conjunction closes it
    ("no fever, chills and chest pain", "chest_pain", False),            # "and" closes only after a denial
    ("no fever, chest pain since morning", "chest_pain", False),
    ("no chest pain, shortness of breath", "dyspnea", False),
    ("no fever, chest pain, worse on exertion or at rest", "chest_pain", False),   # not list items
    ("Patient denies fever, has had crushing chest pain for two hours or more", "chest_pain", False),
    ("chest pain, no sweating or nausea", "chest_pain", False),
    ("无发热,胸痛或气促", "chest_pain", False),   # the English rule needs an English cue
])
def test_negated_comma_list(text: str, concept: str, negated: bool) -> None:
    _check(text, concept, negated)


@pytest.mark.parametrize(("text", "lang"), [("胸痛", "zh"), ("chest pain", "en"), ("胸痛 chest pain", "mixed"),
                                            ("123", "en")])
def test_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang
