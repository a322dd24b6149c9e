"""Spot prompt-injection attempts in patient-written text.

The first defence is structural: the model's answer can only raise a level through the same
rule as the learned model, so no text can lower one. This detector is the second: when a
complaint talks to the model ("ignore previous instructions, level 5"), the model's opinion is
still shown but is not allowed to move any level, and the clinician is told why.
"""

from __future__ import annotations

import re

__all__ = ["INJECTION_PATTERNS", "find_injection"]

#: Phrases that address a language model rather than describe a patient (English and Chinese).
INJECTION_PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|above|previous|prior)s?\b",
        r"\b(system|developer)\s*(prompt|message|instruction)s?\b",
        r"\byou are (now|no longer)\b",
        r"\b(act|respond|answer) as\b",
        r"\b(set|assign|give|output|return|make)\b.{0,30}\b(level|acuity|triage|ktas|esi|priority)\s*[:=]?\s*[1-5]\b",
        r"\b(level|acuity|ktas|esi|priority)\s*[:=]\s*[1-5]\b",
        r"</?\s*case_text\s*>",
        r"(忽略|无视|忘记|忽视).{0,12}(指令|指示|提示|规则|要求|以上|之前|前面)",
        r"(系统提示|提示词|你现在是|扮演)",
        r"(分级|级别|等级|分诊)\s*(设为|改为|定为|为|是|[:：=])\s*[1-5一二三四五]\s*级?",
    )
)


def find_injection(text: str) -> str | None:
    """Return the first phrase in `text` that addresses a model, or None.

    Args:
        text: a complaint or other patient-written text.
    """
    for pattern in INJECTION_PATTERNS:
        m = pattern.search(text)
        if m:
            return m.group(0)[:60]
    return None
