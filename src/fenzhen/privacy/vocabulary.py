"""Ordinary Chinese words from the jieba dictionary: what a name found without a cue may not be.

A name found only by its position (the subject of a clause, the speaker before 说) competes with
ordinary words that begin with a surname character: 严重, 许多, 程度, 高烧, 武汉, 黄色. The jieba
dictionary (dict.txt, MIT licence, shipped with the ``jieba`` core dependency) lists 349,046
words with frequencies and part-of-speech tags; every entry that is frequent enough and not
tagged as a person name (nr, nrfg, nrt) is taken as an ordinary word. Its person tags are noisy
(陈旧 and 毛发 are tagged nr), so those known mistakes are listed in ``privacy_zh.yaml`` as
``not_names``.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from fenzhen.errors import KnowledgeError

__all__ = ["ordinary_words"]


@cache
def ordinary_words(first_chars: frozenset[str], min_frequency: int) -> frozenset[str]:
    """Return the dictionary's 2-4 character non-person words that start with one of `first_chars`.

    Args:
        first_chars: the characters a word must start with (the surnames).
        min_frequency: the least jieba corpus frequency of a word kept (≥ 1).

    Returns:
        The words (loaded once per process and arguments, about 0.5 s).

    Raises:
        KnowledgeError: if the jieba dictionary cannot be read.
    """
    try:
        lines = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8").splitlines()
    except (ModuleNotFoundError, OSError) as exc:
        raise KnowledgeError("the jieba dictionary (dict.txt of the jieba package) cannot be read") from exc
    words: set[str] = set()
    for line in lines:
        if not line or line[0] not in first_chars:
            continue
        parts = line.split()
        if len(parts) == 3 and 2 <= len(parts[0]) <= 4 and not parts[2].startswith("nr"):
            if int(parts[1]) >= min_frequency:
                words.add(parts[0])
    return frozenset(words)
