"""Decide whether a matched term is negated ("无胸痛", "denies chest pain").

A NegEx-style rule: a negation cue before the term, in the same clause, negates it. Clauses end
at sentence or clause punctuation and at contrast words ("but", "但"), so "无胸痛，但有气促"
keeps the shortness of breath. Lists joined by "、", "or", "and" stay in one clause, so
"no fever or cough" negates both.

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
        return False
    # "不" negates only when it stands right before the term ("不发烧"); further back it is too
    # often part of another word ("说不出话", "不舒服").
    if prefix.endswith("不"):
        return True
    zh_prefix = _ZH_FALSE_CUES.sub(" ", prefix[-_ZH_WINDOW_CHARS:])
    if _ZH_CUES.search(zh_prefix):
        return True
    words = prefix.split()[-_EN_WINDOW_WORDS:]
    return bool(_EN_CUES.search(" ".join(words)))
