"""Decide whether a matched term is negated ("无胸痛", "denies chest pain").

A NegEx-style rule: a negation cue before the term, in the same clause, negates it. Clauses end
at sentence or clause punctuation and at contrast words ("but", "但"), so "无胸痛，但有气促"
keeps the shortness of breath. Lists joined by "、", "or", "and" stay in one clause, so
"no fever or cough" negates both.

An English comma is both a list separator and a clause break: "no fever, chest pain since
morning" is a negated fever and a chest pain. A comma list is read as one negated list only when
its grammar closes it as a list — the last item joined by "or"/"nor" ("denies fever, chills, or
chest pain"), or by "and" after a verb of denial ("denies chest pain, dyspnoea and palpitations")
— and every item is a few words long. Anything else keeps the comma as a break (leaning safe: a
symptom wrongly negated would lower the level; one wrongly kept only raises it).

References:
    Chapman WW et al. A simple algorithm for identifying negated findings and diseases in
    discharge summaries. J Biomed Inform 2001;34(5):301-310.
"""

from __future__ import annotations

import re

__all__ = ["is_negated", "may_negate", "scope_before"]

# A space between two Chinese characters also ends a clause: Chinese writes no spaces inside a sentence, so
# in shorthand ("无胸痛 呼吸困难") the space stands where a comma would.
_CLAUSE_END = re.compile(r"[，,。.;；!！?？\n:：]|\bbut\b|\bhowever\b|但是|但|然而|却"
                         r"|(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_ZH_CUES = re.compile(r"(无|没有|没|否认|未见|未|不伴|并无|非)")
_EN_CUES = re.compile(r"\b(no|not|denies|denied|deny|denying|without|negative for|free of|never|absence of|nor)\b")
# Words that contain a cue character but do not negate what follows (无力 = weakness, 未知 = unknown).
_ZH_FALSE_CUES = re.compile(r"(无力|无明显诱因|无诱因|未知|没事|无特殊|无殊)")
_EN_WINDOW_WORDS = 6
_ZH_WINDOW_CHARS = 12
# The same boundaries without the English comma: the extent a closed comma list may span.
_SENTENCE_END = re.compile(r"[，。.;；!！?？\n:：]|\bbut\b|\bhowever\b|但是|但|然而|却")
_LIST_CLOSE_ANY_CUE = re.compile(r"\b(or|nor)\b")
_LIST_CLOSE_DENIAL = re.compile(r"\b(or|nor|and)\b")
_DENIAL_CUES = re.compile(r"\b(denies|denied|deny|denying|negative for)\b")
_LIST_ITEM_MAX_WORDS = 4


def may_negate(text: str) -> bool:
    """False when lower-cased `text` holds no negation cue at all, so no term in it needs `is_negated`."""
    return "不" in text or _ZH_CUES.search(text) is not None or _EN_CUES.search(text) is not None


def scope_before(text: str, start: int, scope_end: re.Pattern[str]) -> str:
    """The text before `start` back to the last `scope_end` match: where a cue can still reach the term."""
    scope_start = 0
    # One character past `start` is searched so that a boundary may look ahead at the term's first
    # character (a space between Chinese characters); boundaries are taken only before the term.
    for m in scope_end.finditer(text, 0, start + 1):
        if m.start() < start:
            scope_start = min(m.end(), start)
    return text[scope_start:start]


def is_negated(text: str, start: int) -> bool:
    """Return True if the term starting at `start` in lower-cased `text` is negated.

    Args:
        text: the lower-cased complaint.
        start: index of the first character of the matched term.
    """
    prefix = scope_before(text, start, _CLAUSE_END)
    if not prefix.strip():
        return "," in text[:start] and _in_negated_comma_list(text, start)
    # "不" negates only when it stands right before the term ("不发烧"); further back it is too
    # often part of another word ("说不出话", "不舒服").
    if prefix.endswith("不"):
        return True
    zh_prefix = _ZH_FALSE_CUES.sub(" ", prefix[-_ZH_WINDOW_CHARS:])
    if _ZH_CUES.search(zh_prefix):
        return True
    words = prefix.split()[-_EN_WINDOW_WORDS:]
    if _EN_CUES.search(" ".join(words)):
        return True
    return _in_negated_comma_list(text, start)


def _in_negated_comma_list(text: str, start: int) -> bool:
    """True when the term is an item of a closed English comma list whose first item a cue negates."""
    before = scope_before(text, start, _SENTENCE_END)
    if "," not in before:
        return False
    end = _SENTENCE_END.search(text, start)
    after = text[start:end.start() if end else len(text)]
    head, *middle = before.split(",")
    own, *later = after.split(",")
    cue_words = " ".join(head.split()[-_EN_WINDOW_WORDS:])
    if _EN_CUES.search(cue_words) is None:
        return False
    closing = _LIST_CLOSE_DENIAL if _DENIAL_CUES.search(cue_words) else _LIST_CLOSE_ANY_CUE
    # The list runs from the cue to the item its conjunction opens ("…, or chest pain"); what
    # follows that item ("…, has SOB") is outside it. The term's own item may be that item.
    tail = [middle[-1] + own, *later]
    close_at = next((k for k, item in enumerate(tail) if closing.search(item)), None)
    if close_at is None:
        return False
    items = [*middle[:-1], *tail[:close_at + 1]]
    return all(len(item.split()) <= _LIST_ITEM_MAX_WORDS + 1 for item in items)
