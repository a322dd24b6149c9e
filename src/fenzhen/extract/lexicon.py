"""Match the bilingual complaint lexicon against free text, with negation and implied concepts."""

from __future__ import annotations

import re
from functools import cache

from fenzhen.domain import Finding
from fenzhen.extract.language import is_cjk
from fenzhen.extract.negation import is_negated
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import Lexicon

__all__ = ["LexiconMatcher", "extract_findings"]


class LexiconMatcher:
    """One compiled pattern over every term; longest term wins where terms overlap.

    English terms must stand as whole words ("ha" matches "HA", not "has"); Chinese terms match
    as substrings, since Chinese is written without spaces. A concept's `implies` list adds the
    broader concepts (a "thunderclap headache" is also a "headache").
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self._concepts_of: dict[str, list[str]] = {}
        for name, concept in lexicon.concepts.items():
            for term in (*concept.en, *concept.zh):
                key = term.lower().strip()
                self._concepts_of.setdefault(key, [])
                if name not in self._concepts_of[key]:
                    self._concepts_of[key].append(name)
        self._implies = {name: c.implies for name, c in lexicon.concepts.items() if c.implies}
        self.regions = {name: c.region for name, c in lexicon.concepts.items() if c.region}
        parts = []
        for term in sorted(self._concepts_of, key=len, reverse=True):
            escaped = re.escape(term)
            if any(is_cjk(ch) for ch in term):
                parts.append(escaped)
            else:
                parts.append(rf"(?<![a-z0-9]){escaped}(?![a-z0-9])")
        self._pattern = re.compile("|".join(parts))

    def findings(self, text: str) -> list[Finding]:
        """Return every concept found in `text`, each with its span and negation."""
        lowered = text.lower()
        found: list[Finding] = []
        for m in self._pattern.finditer(lowered):
            negated = is_negated(lowered, m.start())
            for concept in self._concepts_of[m.group(0)]:
                for name in (concept, *self._implies.get(concept, ())):
                    found.append(Finding(concept=name, text=text[m.start():m.end()], start=m.start(),
                                         end=m.end(), negated=negated))
        return found


@cache
def default_matcher() -> LexiconMatcher:
    """The matcher over the packaged lexicon, built once per process."""
    return LexiconMatcher(load("lexicon"))


def extract_findings(text: str) -> list[Finding]:
    """Extract findings from a complaint with the packaged lexicon.

    Args:
        text: complaint in Chinese, English or both.

    Returns:
        Findings in text order; negated ones are kept (marked) so the evidence can show them.
    """
    return default_matcher().findings(text)
