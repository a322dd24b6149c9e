"""Tell Chinese, English and mixed complaints apart (for output language and negation rules)."""

from __future__ import annotations

import re
from typing import Literal

__all__ = ["detect_language", "fold_variants", "is_cjk"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def is_cjk(ch: str) -> bool:
    """Return True for a CJK unified ideograph (the characters Chinese complaints are written in)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


# 疼/痛 (pain) are synonyms; 蛰 (to hibernate) is the everyday misspelling of 蜇 (to sting: 被蜜蜂蛰了).
_FOLD = str.maketrans({"疼": "痛", "蛰": "蜇"})


def fold_variants(text: str) -> str:
    """Make characters that mean the same to a word list one: 疼 and 痛 both mean pain and people write
    either (膝盖疼, 膝盖痛), so a list need not name every word twice; a misspelling as common as the
    word (蛰 for 蜇) is folded too. One character for one, so spans stay."""
    return text.translate(_FOLD)


def detect_language(text: str) -> Literal["zh", "en", "mixed"]:
    """Classify `text` by its share of Chinese characters versus Latin letters.

    A complaint with at least one Chinese character and at least three Latin letters is
    "mixed"; no Chinese characters means "en" (also for digits-only text).
    """
    cjk = len(_CJK.findall(text))
    latin = len(_LATIN.findall(text))
    if cjk and latin >= 3:
        return "mixed"
    return "zh" if cjk else "en"
