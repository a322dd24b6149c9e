"""The patient's history is told apart from this presentation, and never at the cost of a current event."""

import pytest

from fenzhen import Intake, assess
from fenzhen.extract import extract_findings
from fenzhen.extract.history import is_historical, may_hold_history
from fenzhen.extract.negation import is_negated, may_negate


def _readings(text: str, concept: str) -> list[str]:
    """'past', 'absent' or 'present' for each mention of `concept`, in order."""
    return ["past" if f.historical else "absent" if f.negated else "present"
            for f in extract_findings(text) if f.concept == concept]


@pytest.mark.parametrize(("text", "concept", "readings"), [
    # History: a cue before the term in its clause, or right after it.
    ("中风后遗症，来开药", "focal_weakness", ["past"]),
    ("有中风病史", "focal_weakness", ["past"]),
    ("既往高血压、糖尿病", "hypertension", ["past"]),
    ("两年前中风", "focal_weakness", ["past"]),
    ("history of stroke", "focal_weakness", ["past"]),
    ("3-day history of back pain", "back_pain", ["present"]),      # a record's way of telling this illness
    ("a two-week history of chest pain", "chest_pain", ["present"]),
    ("past history of back pain", "back_pain", ["past"]),
    ("h/o seizures", "seizure", ["past"]),
    ("stroke 2 years ago, here for refill", "focal_weakness", ["past"]),
    # The story returns to now: the new event is current.
    ("既往癫痫，今又抽搐", "seizure", ["present"]),     # epilepsy is a lasting condition, a fit an event
    ("既往癫痫，今又抽搐", "epilepsy", ["present"]),
    ("有癫痫病史今天又抽搐", "seizure", ["present"]),
    ("h/o seizure, now seizing", "seizure", ["past", "present"]),
    ("history of stroke now slurred speech", "speech_disturbance", ["present"]),
    ("有中风病史，今晨突发右侧肢体无力", "focal_weakness", ["past", "present"]),
    # "Previously well" closes the history; a sudden event is this visit, punctuation or not.
    ("既往体健 突发胸痛", "chest_pain", ["present"]),
    ("既往体健突发胸痛", "chest_pain", ["present"]),
    ("既往健康 胸痛", "chest_pain", ["present"]),
    ("既往史无特殊 腹痛", "abdominal_pain", ["present"]),
    ("既往胃溃疡 黑便2次", "melena", ["present"]),     # shorthand: the space ends the history
    ("既往哮喘 喘憋加重", "dyspnea", ["past", "present"]),
    ("previously healthy, chest pain", "chest_pain", ["present"]),
    ("history of asthma suddenly short of breath", "dyspnea", ["past", "present"]),
    ("history of asthma suddenly short of breath", "sudden_onset", ["present"]),
    # Words that look like cues but are not: the event is current.
    ("突然晕过去后抽搐", "seizure", ["present"]),
    ("摔倒后头痛", "headache", ["present"]),
    ("阑尾炎术后腹痛", "abdominal_pain", ["present"]),
    ("3 year old with fever", "fever", ["present"]),
    ("fever for the past 3 days", "fever", ["present"]),
    ("无胸痛病史", "chest_pain", ["absent"]),
    ("陈旧性心梗，胸闷", "chest_pain", ["present"]),
    ("陈旧性心梗，胸闷", "named_critical_diagnosis", ["past"]),
    ("胸痛伴呕吐术后", "chest_pain", ["present"]),
    # A family history runs through its list to the end of the sentence or back to the patient now.
    ("家族史：父亲心梗，母亲脑梗。胸痛2小时", "named_critical_diagnosis", ["past"]),
    ("家族史：父亲心梗，母亲脑梗。胸痛2小时", "focal_weakness", ["past"]),
    ("家族史：父亲心梗，母亲脑梗。胸痛2小时", "chest_pain", ["present"]),
    ("家族史：父亲心梗 现胸闷", "chest_pain", ["present"]),
    ("family history: father MI, mother stroke. chest pain now", "focal_weakness", ["past"]),
    ("family history: father MI, mother stroke. chest pain now", "chest_pain", ["present"]),
    ("妈妈突然说话不清", "speech_disturbance", ["present"]),   # a relative describing the patient
    # Lasting states and risk factors count whatever the tense.
    ("肺癌化疗后，发热", "immunocompromised", ["present"]),
    ("肾移植术后，发烧", "immunocompromised", ["present"]),
    ("有自杀史，情绪低落", "suicidal", ["present"]),
])
def test_history_or_present(text: str, concept: str, readings: list[str]) -> None:
    assert _readings(text, concept) == readings


@pytest.mark.parametrize(("complaint", "flag", "floor", "past"), [
    ("中风后遗症，来开药", None, 5, ["中风"]),            # a prescription visit, not a stroke
    ("心梗支架术后复查", None, 5, ["心梗"]),
    ("骨折内固定术后复查", None, 5, ["骨折"]),
    ("既往癫痫，今又抽搐", "seizure", 2, []),
    ("有中风病史，今晨突发右侧肢体无力", "stroke_signs", 2, ["中风"]),
    ("肺癌化疗后，发热", "febrile_immunocompromised", 2, []),  # chemotherapy is a lasting risk
    # A diagnosis named right before an administrative visit is why the medicine is needed.
    ("脑梗 来开药", None, 5, ["脑梗"]), ("脑梗多年，复查", None, 5, ["脑梗"]), ("心梗 开药", None, 5, ["心梗"]),
    ("stroke, here for refill", None, 5, ["stroke"]), ("哮喘 来开药", None, 5, ["哮喘"]),
    ("asthma, needs inhaler refill", None, 5, ["asthma"]), ("高血压 来开药", None, 5, ["高血压"]),
    ("脑梗 今天又说话不清", "stroke_signs", 2, []),              # a named stroke with no visit words is today's
    ("胸痛 来复查", "cardiac_chest_pain", 2, []),                # a symptom is never demoted by visit words
    ("脑梗 开药 今天一侧手脚没力", "stroke_signs", 2, ["脑梗"]),  # the old stroke is history, the new weakness is not
])
def test_only_the_present_sets_a_level(complaint: str, flag: str | None, floor: int, past: list[str]) -> None:
    a = assess(Intake(complaint=complaint, age_years=60), model=None)
    assert [f.id for f in a.red_flags] == ([flag] if flag else [])
    assert a.rule_floor_acuity == floor
    # The history is kept in the findings and said, so a nurse who meant it as current can rephrase.
    assert list(dict.fromkeys(f.text for f in a.findings if f.historical)) == past
    assert any(", ".join(past) in note for note in a.assumptions if "history" in note) is bool(past)



_CUES = ["既往", "曾有", "曾患", "曾经", "以往", "陈旧性", "两年前", "3个月前", "病史", "史", "后遗症", "支架术后",
         "术后", "已治愈", "已愈", "history of ", "hx of ", "h/o ", "previous ", "pmh ", " history", " 2 years ago",
         " in the past", " last year", "不", "无", "没有", "否认", "no ", "denies ", "without "]
_TERMS = ["中风", "癫痫", "胸痛", "stroke", "seizure", "fever"]


@pytest.mark.parametrize("cue", _CUES)
def test_the_whole_text_cue_checks_never_skip_a_cue(cue: str) -> None:
    # extract_findings reads each term's context only when the whole text holds a cue: that look must
    # know every cue the term-level checks know.
    for term in _TERMS:
        for text in (cue + term, term + cue):
            start = text.index(term)
            if is_historical(text, start, start + len(term)):
                assert may_hold_history(text), text
            if is_negated(text, start):
                assert may_negate(text), text
