"""Fast scanning: keep CPython's regex engine on its C-speed first-character scan.

`re` skips ahead with a tight C loop only when a pattern *starts* with a literal or a
character class. A leading lookbehind (``(?<!\\d)``), word boundary (``\\b``), repeat
(``\\d{3}``, ``0?``) or case-insensitive letter turns that off, and the engine then attempts
a full match at every character: 2-5× slower per pattern on the ``fenzhen bench deid`` corpus.
The helpers here keep a recognizer's exact matches while the regex engine scans fast:

- `finditer_not_after`: a pattern without its leading lookbehind, the lookbehind checked
  in Python on the (rare) candidates; identical to ``(?<![...])pattern``.
- `Keywords` + `matches_at`: for a pattern that starts with one of a set of keywords
  (case-insensitive ones included), find every keyword start with ``str.find`` and run the
  pattern only there; identical to ``pattern.finditer``.
- `windows` + `finditer_in`: for a pattern whose every match contains an anchor character
  (月 in a Chinese date, ``@`` in an e-mail), run the pattern only in windows around the
  anchors. Exact when the pattern's matches are at most `before`/`after` long around the
  anchor, so patterns scanned this way bound their repeats.

`full_scan()` switches the shortcuts off (whole-text ``finditer``): the tests compare both
ways on the benchmark corpus and on random text, so a shortcut can never change a result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = [
    "Keywords",
    "finditer_in",
    "finditer_not_after",
    "full_scan",
    "is_full_scan",
    "is_word_char",
    "matches_at",
    "windows",
]

_FULL_SCAN: ContextVar[bool] = ContextVar("fenzhen_privacy_full_scan", default=False)
# Characters whose case-insensitive regex match differs from str.lower() (re's case fixes:
# long s, dotless i, Kelvin sign); a text holding one is scanned the slow, exact way.
_CASE_QUIRKS = re.compile("[\u017f\u0131\u212a\u0130]")
# The last text lowered and its lower-cased form (None where a fast scan is not exact): several
# recognizers scan the same text in turn, so it is lowered once. Holding the text keeps its
# identity unique; a race between threads costs only a second lower().
_last_lowered: tuple[str, str | None] = ("", "")


def _lowered(text: str) -> str | None:
    global _last_lowered
    last = _last_lowered
    if last[0] is text:
        return last[1]
    low = text.lower()
    exact = len(low) == len(text) and _CASE_QUIRKS.search(text) is None
    _last_lowered = (text, low if exact else None)
    return _last_lowered[1]


@contextmanager
def full_scan() -> Iterator[None]:
    """Scan whole texts with plain ``finditer`` inside this block (the reference behaviour)."""
    token = _FULL_SCAN.set(True)
    try:
        yield
    finally:
        _FULL_SCAN.reset(token)


def is_full_scan() -> bool:
    """Return True inside `full_scan()`, where recognizers must scan whole texts."""
    return _FULL_SCAN.get()


def is_word_char(ch: str) -> bool:
    """Return True for a regex word character (``\\w``), i.e. where ``\\b`` would not hold."""
    return ch.isalnum() or ch == "_"


def finditer_not_after(
    pattern: re.Pattern[str], text: str, excluded: str | Callable[[str], bool]
) -> Iterator[re.Match[str]]:
    """Yield the matches of ``(?<![excluded])pattern`` (non-overlapping, left to right).

    Args:
        pattern: the pattern without its leading lookbehind, starting with a class or literal.
        text: the text to scan.
        excluded: characters that may not precede a match, or a predicate on that character
            (`is_word_char` for a leading ``\\b`` before a word character).
    """
    bad = excluded if callable(excluded) else excluded.__contains__
    pos, n = 0, len(text)
    while pos <= n and (m := pattern.search(text, pos)) is not None:
        start = m.start()
        if start > 0 and bad(text[start - 1]):
            pos = start + 1
            continue
        yield m
        pos = m.end() if m.end() > start else start + 1


class Keywords:
    """Find every position where one of `words` starts, with a fast literal scan.

    Args:
        words: the keywords.
        ignore_case: match like ``(?i:...)`` (the scan runs on the lower-cased text).
    """

    def __init__(self, words: Iterable[str], *, ignore_case: bool = False) -> None:
        self.ignore_case = ignore_case
        unique = {w.lower() for w in words} if ignore_case else set(words)
        # A word that extends another starts where that one does: only the shortest are searched.
        self.words = tuple(sorted(w for w in unique if not any(w != v and w.startswith(v) for v in unique)))

    def starts(self, text: str) -> list[int] | None:
        """Return every start offset of a keyword (overlapping ones included), in order.

        Returns None where a fast scan would not be exact (rare case-folding characters).
        """
        if self.ignore_case:
            low = _lowered(text)
            if low is None:
                return None
            text = low
        found: set[int] = set()
        find = text.find  # str.find is a C substring search, faster than a regex alternation
        for word in self.words:
            i = find(word)
            while i >= 0:
                found.add(i)
                i = find(word, i + 1)
        return sorted(found)


def matches_at(pattern: re.Pattern[str], text: str, keywords: Keywords) -> Iterator[re.Match[str]]:
    """Yield what ``pattern.finditer(text)`` yields, for a pattern that starts with a keyword.

    Every match of `pattern` must begin with one of the keywords (after zero-width
    assertions); the pattern is then tried only where a keyword starts.
    """
    starts = None if _FULL_SCAN.get() else keywords.starts(text)
    if starts is None:
        yield from pattern.finditer(text)
        return
    end, match = 0, pattern.match
    for start in starts:
        if start >= end and (m := match(text, start)) is not None:
            yield m
            end = m.end() if m.end() > start else start + 1


def windows(
    text: str, anchors: re.Pattern[str] | Iterable[re.Pattern[str]], before: int, after: int
) -> list[tuple[int, int]]:
    """Return merged (start, end) windows from `before` characters ahead of each anchor match
    to `after` characters past its start, clipped to the text; the whole text under `full_scan`.
    """
    n = len(text)
    if _FULL_SCAN.get():
        return [(0, n)] if n else []
    found = sorted(
        m.start() for p in ([anchors] if isinstance(anchors, re.Pattern) else anchors) for m in p.finditer(text)
    )
    out: list[tuple[int, int]] = []
    for a in found:
        lo, hi = max(0, a - before), min(n, a + after)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], hi))
        else:
            out.append((lo, hi))
    return out


def finditer_in(pattern: re.Pattern[str], text: str, wins: list[tuple[int, int]]) -> Iterator[re.Match[str]]:
    """Yield the matches of `pattern` inside each window (lookbehinds still see the text before)."""
    for lo, hi in wins:
        yield from pattern.finditer(text, lo, hi)
