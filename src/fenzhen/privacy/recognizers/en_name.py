"""English personal names: after titles and labels, and first-name + surname pairs.

Without a statistical NER model (none is allowed offline here), names are found three ways:
a title (Mr., Dr. …) followed by capitalised words; a label ("Patient:", "seen by", "wife")
followed by capitalised words; and two or three capitalised words whose first is a US Census
first name and whose last is a US Census surname ("Mary Jones"). Capitalised clinical words
listed in ``privacy_en.yaml`` (section headers, pronouns) never start a name.
"""

from __future__ import annotations

import re

from fenzhen.privacy.knowledge import EnLexicon, en_lexicon
from fenzhen.privacy.recognizers.base import Recognizer, alternation
from fenzhen.privacy.recognizers.scan import Keywords, finditer_not_after, is_word_char, matches_at
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["EnNameRecognizer"]

_TOKEN = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
_NAME = rf"{_TOKEN}(?:\s+(?:[A-Z]\.\s+)?{_TOKEN}){{0,2}}"
# Without its leading \b (checked in Python) the pattern starts with [A-Z], which `re` scans fast.
_PAIR = re.compile(rf"{_TOKEN}(?:\s+[A-Z]\.)?(?:\s+{_TOKEN}){{1,2}}\b")


class EnNameRecognizer(Recognizer):
    """English names in context or from the Census name lists (see module docstring)."""

    name = "en_name"
    phi_type = PhiType.NAME

    def __init__(self, lexicon: EnLexicon | None = None) -> None:
        self.lex = lexicon or en_lexicon()
        self._titled = re.compile(rf"\b(?:{alternation(self.lex.titles)})\.?\s+({_NAME})")
        self._labelled = re.compile(rf"\b(?i:{alternation(self.lex.labels)})\s*[:\-,]?\s+({_NAME})")
        self._titles_at = Keywords(self.lex.titles)
        self._labels_at = Keywords(self.lex.labels, ignore_case=True)

    def _trim(self, words: list[str]) -> list[str]:
        while words and words[-1] in self.lex.not_names:
            words = words[:-1]
        return words

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in matches_at(self._titled, text, self._titles_at):
            spans.extend(self._from_group(m, 0.9, "capitalised words after a title (Mr., Dr. …)"))
        for m in matches_at(self._labelled, text, self._labels_at):
            spans.extend(self._from_group(m, 0.85, "capitalised words after a label (patient, seen by …)"))
        for m in finditer_not_after(_PAIR, text, is_word_char):
            words = m.group().split()
            first, last = words[0], words[-1]
            if (
                first in self.lex.first_names
                and last in self.lex.surnames
                and first not in self.lex.not_names
            ):
                spans.append(
                    self.span(m.start(), m.end(), 0.85, "US Census first name followed by a Census surname")
                )
        return spans

    def _from_group(self, m: re.Match[str], score: float, why: str) -> list[PhiSpan]:
        words = self._trim(m.group(1).split())
        if not words or words[0] in self.lex.not_names or words[0] in self.lex.titles:
            return []
        start = m.start(1)
        end = (
            start + len(" ".join(words))
            if " ".join(words) == m.group(1)[: len(" ".join(words))]
            else m.end(1)
        )
        if end - start < 2:
            return []
        return [self.span(start, end, score, why)]
