"""Run the recognizers, merge overlapping hits, protect clinical numbers, propagate names.

Merging takes the union of overlapping spans (typed by the most confident one): when two
recognizers disagree about where an identifier ends, leaking the difference is the worse error.
"""

from __future__ import annotations

import re
from functools import cache

from fenzhen.privacy.knowledge import zh_lexicon
from fenzhen.privacy.recognizers import Recognizer, default_recognizers
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["AnalyzerEngine", "default_engine"]

#: Spans at or above this score came from a check digit or a keyword and are never vetoed.
_CONFIDENT = 0.95
_NUMERIC = re.compile(r"[\d\s\-+().]+")
_CJK = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf]")


class AnalyzerEngine:
    """Find PHI spans in text with a fixed set of recognizers.

    Args:
        recognizers: the recognizers to run; the built-in Chinese and English set by default.
        propagate_names: also tag every other occurrence of a name found in context.
    """

    def __init__(self, recognizers: list[Recognizer] | None = None, *, propagate_names: bool = True) -> None:
        self.recognizers = recognizers if recognizers is not None else default_recognizers()
        self.propagate_names = propagate_names
        units = zh_lexicon().clinical_units
        self._unit_after = re.compile(rf"\s?(?:{'|'.join(re.escape(u) for u in units)})")

    def analyze(self, text: str) -> list[PhiSpan]:
        """Return non-overlapping PHI spans of `text`, sorted by position."""
        has_cjk = _CJK.search(text) is not None
        raw = [s for r in self.recognizers if has_cjk or not r.needs_cjk for s in r.find(text)]
        raw = [s for s in raw if s.score >= _CONFIDENT or not self._is_clinical_number(text, s)]
        if self.propagate_names:
            raw += _propagate(text, raw)
        return _merge(raw)

    def _is_clinical_number(self, text: str, span: PhiSpan) -> bool:
        """Veto a weak, all-numeric span that is directly followed by a clinical unit (120 mg)."""
        if span.score >= _CONFIDENT or not _NUMERIC.fullmatch(text[span.start : span.end]):
            return False
        return self._unit_after.match(text, span.end) is not None


def _occurrences(text: str, word: str) -> list[int]:
    """Start offsets of `word` in `text`; ASCII words only at word boundaries."""
    starts, i, n = [], text.find(word), len(word)
    while i >= 0:
        if not word.isascii() or (
            (i == 0 or not text[i - 1].isalnum()) and (i + n == len(text) or not text[i + n].isalnum())
        ):
            starts.append(i)
        i = text.find(word, i + 1)
    return starts


def _propagate(text: str, spans: list[PhiSpan]) -> list[PhiSpan]:
    names = {text[s.start : s.end] for s in spans if s.type is PhiType.NAME and s.end - s.start >= 2}
    extra: list[PhiSpan] = []
    for name in names:
        extra += [
            PhiSpan(
                PhiType.NAME,
                i,
                i + len(name),
                "name_propagation",
                0.85,
                "same name as one found in context elsewhere in this text",
            )
            for i in _occurrences(text, name)
        ]
        last = name.split()[-1] if name.isascii() and " " in name else ""
        if len(last) >= 3:
            extra += [
                PhiSpan(
                    PhiType.NAME,
                    i,
                    i + len(last),
                    "name_propagation",
                    0.8,
                    "surname of a name found in context elsewhere in this text",
                )
                for i in _occurrences(text, last)
            ]
    return extra


def _merge(spans: list[PhiSpan]) -> list[PhiSpan]:
    out: list[PhiSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1].end:
            prev = out[-1]
            best = prev if (prev.score, prev.length) >= (span.score, span.length) else span
            out[-1] = PhiSpan(
                best.type, prev.start, max(prev.end, span.end), best.recognizer, best.score, best.explanation
            )
        else:
            out.append(span)
    return out


@cache
def default_engine() -> AnalyzerEngine:
    """Return the process-wide engine with the built-in recognizers (built once)."""
    return AnalyzerEngine()
