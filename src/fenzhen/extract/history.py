"""Decide whether a matched term is history rather than this presentation ("中风后遗症", "history of MI").

A village clinic's complaints often carry the patient's past: "脑梗后遗症，来开药", "心梗支架术后复查",
"h/o seizures". Read as current, the past stroke would set a stroke floor of 2 on a prescription visit.
The ConText algorithm's "historical" value, in the NegEx way: a cue before the term in the same clause
("既往", "history of"), or right after it ("病史", "后遗症", "术后"). A clause also ends at the words that
bring the story back to now ("现", "今天", "now", "presenting with"), so "h/o seizure, now seizing" and
"既往癫痫，今又抽搐" keep the new event current. Lasting states and risk factors (chemotherapy, a
transplant, past suicide attempts) are marked in the lexicon and never demoted by this.

A family history ("家族史：父亲心梗，母亲脑梗", "family history: father MI") is not the patient's
presentation either: it runs on through its list, past commas and the colon, to the end of the
sentence or to a word that brings the story back to the patient now. Only those explicit headings
count: "妈妈突然说话不清" is a mother who is the patient, as a relative describes her.

References:
    Harkema H et al. ConText: an algorithm for determining negation, experiencer, and temporal status
    from clinical reports. J Biomed Inform 2009;42(5):839-851.
"""

from __future__ import annotations

import re

from fenzhen.extract.negation import scope_before

__all__ = ["before_a_routine_visit", "is_historical", "may_hold_history"]

# Clause ends (as for negation) and the words that return the story to the present.
_SCOPE_END = re.compile(
    r"[，,。.;；!！?？\n:：]|\bbut\b|\bhowever\b|\bnow\b|\btoday\b|\bcurrently\b|\bpresent(?:s|ing)?\b|\bthis\b"
    r"|但是|但|然而|却|现在|现|今天|今日|今晨|今|此次|本次|目前|刚才|又|突发|突然|骤然"
    # "既往体健" (previously well) closes the history it opens: what follows is this visit.
    r"|体健|健康|无特殊|无殊|\bsudden(?:ly)?\b|\bpreviously (?:well|healthy)\b"
    r"|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")  # a space between Chinese characters, as for negation
_ZH_BEFORE = re.compile(r"(既往|曾患|曾有|曾经|以往|陈旧性|[0-9一二两三四五六七八九十几多]+(?:年|个月)前)")
_EN_BEFORE = re.compile(r"\b(history of|hx of|h/o|past medical history|pmh|previous)\b")
# Right after the term, or after the procedure done for it ("心梗支架术后", "骨折内固定术后").
_ZH_AFTER = re.compile(r"^\s*(?:支架|搭桥|介入|溶栓|取栓|切除|置换|修补|内固定)?"
                       r"(?:病史|史|后遗症|术后|手术后|已治愈|治愈后|已愈)")
# A duration right before "history of" ("3-day history of", "a two-week history of"): the present illness.
_PRESENT_ILLNESS = re.compile(r"(?:\d+|a|one|two|three|four|five|six|seven|several|few|couple)[- ]"
                              r"(?:hours?|days?|weeks?|months?)\s*$")
_EN_AFTER = re.compile(r"^\s*(history\b|in the past\b|\d+ years? ago\b|years ago\b|last year\b)")
# (Matched at the term's end with `match(text, end)`: no "^", which would only match at the text's start.)
# An administrative visit right after a named diagnosis ("脑梗 来开药", "脑梗多年，复查", "CVA, here for refill"):
# the diagnosis is why the medicine is needed, not what happened today.
_ROUTINE_VISIT = re.compile(
    r"[\s，,]*(?:多年了?|[0-9一二两三四五六七八九十几]+年了?|后)?[\s，,]*(?:来|要|想|需要)?\s*"
    r"(?:开药|开点药|配药|拿药|取药|复查|复诊|随访)"
    r"|[\s,]*(?:(?:here|came|comes|presents)\s+)?for\s+(?:a\s+)?(?:medication\s+)?"
    r"(?:refill|prescription|follow[- ]?up|check[- ]?up|review)\b"
    r"|[\s,]*(?:needs?|wants?|here for)\s+(?:an?\s+)?(?:\w+\s+)?(?:refill|prescription|repeat prescription)\b")
# A family-history heading, and what ends its section: a full stop, or the story returning to now.
_FAMILY = re.compile(r"家族史|\bfamily history\b|\bfamily hx\b|\bfhx\b")
_FAMILY_END = re.compile(r"[。.;；!！?？\n]|\bbut\b|\bnow\b|\btoday\b|\bcurrently\b|\bpresent(?:s|ing)?\b"
                         r"|\bthis\b|但|现在|现|今天|今日|今晨|今|此次|本次|目前|刚才|突发|突然|自己|患者本人|本人")
_ZH_WINDOW_CHARS = 12
_EN_WINDOW_WORDS = 6
# Every cue word above, for one look at the whole complaint: most complaints hold none.
_ANY_CUE = re.compile(r"既往|曾患|曾有|曾经|以往|陈旧性|年前|个月前|史|后遗症|术后|治愈|已愈"
                      r"|history|hx of|h/o|pmh|previous|in the past|ago\b|last year|family hx|fhx")


def may_hold_history(text: str) -> bool:
    """False when lower-cased `text` holds no history cue at all, so no term in it needs `is_historical`."""
    return _ANY_CUE.search(text) is not None


def is_historical(text: str, start: int, end: int) -> bool:
    """Return True if the term at text[start:end] of lower-cased `text` is the patient's history.

    Args:
        text: the lower-cased complaint.
        start: index of the term's first character.
        end: index just after the term.
    """
    following = text[end:end + 16]
    if _ZH_AFTER.match(following) or _EN_AFTER.match(following):
        return True
    if _in_family_history(text, start):
        return True
    if _SCOPE_END.match(text, start):  # the term itself brings the story to now ("突发", "suddenly")
        return False
    prefix = scope_before(text, start, _SCOPE_END)
    if not prefix.strip():
        return False
    if _ZH_BEFORE.search(prefix[-_ZH_WINDOW_CHARS:]):
        return True
    window = " ".join(prefix.split()[-_EN_WINDOW_WORDS:])
    cues = list(_EN_BEFORE.finditer(window))
    # "a 3-day history of back pain" is how a record tells this illness, not a past one.
    return bool(cues) and not _PRESENT_ILLNESS.search(window, 0, cues[-1].start())


def _in_family_history(text: str, start: int) -> bool:
    """Whether the term at `start` falls inside a family-history section that nothing has closed."""
    headings = list(_FAMILY.finditer(text, 0, start))
    return bool(headings) and _FAMILY_END.search(text, headings[-1].end(), start) is None


def before_a_routine_visit(text: str, end: int) -> bool:
    """Whether an administrative visit (a refill, a check-up) follows right after the term ending at `end`."""
    return _ROUTINE_VISIT.match(text, end) is not None
