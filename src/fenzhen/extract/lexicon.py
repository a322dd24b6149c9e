"""Match the bilingual complaint lexicon against free text, with negation and implied concepts."""

from __future__ import annotations

from functools import cache

from fenzhen.domain import Finding
from fenzhen.extract.gestation import stated_gestation
from fenzhen.extract.history import before_a_routine_visit, is_historical, may_hold_history
from fenzhen.extract.language import fold_variants, is_cjk
from fenzhen.extract.negation import is_negated, may_negate
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import Lexicon

__all__ = ["LexiconMatcher", "extract_findings"]


class LexiconMatcher:
    """Longest-match scan over every term, indexed by its first characters.

    English terms must stand as whole words ("ha" matches "HA", not "has"); Chinese terms match
    as substrings, since Chinese is written without spaces. Where terms overlap, the longest
    wins, left to right; a `shield` concept's phrases are read that way only to hide a shorter word inside
    them and are never reported. A concept's `implies` list adds the broader concepts (a "thunderclap
    headache" is also a "headache"). Indexing by the first two characters keeps a complaint to tens of
    microseconds, where one large regular-expression alternation took milliseconds.

    疼 and 痛 are read as one character (both mean pain, and people write either: 膝盖疼, 膝盖痛), so
    the lexicon need not list every word twice; the finding keeps the text as written. Likewise an English
    "<site> <symptom>" term is also read in the inverted order that CEDIS/KTAS records use ("wrist pain"
    → "pain, wrist"; "eyelid swelling" → "swelling, eyelid"). Qualifier concepts (severity, sudden onset) are
    read in a second pass of their own: "阴囊突然剧痛" holds a testicular pain, a sudden onset and a severe
    one, though the words overlap.
    """

    def __init__(self, lexicon: Lexicon) -> None:
        self._concepts_of: dict[str, list[str]] = {}
        for name, concept in lexicon.concepts.items():
            for term in (*concept.en, *concept.zh):
                key = fold_variants(term.lower().strip())
                for variant in (key, *_inverted(key)):
                    self._concepts_of.setdefault(variant, [])
                    if name not in self._concepts_of[variant]:
                        self._concepts_of[variant].append(name)
        self._implies = {name: c.implies for name, c in lexicon.concepts.items() if c.implies}
        self.regions = {name: c.region for name, c in lexicon.concepts.items() if c.region}
        self._lasting = frozenset(name for name, c in lexicon.concepts.items() if c.lasting)
        self._shields = frozenset(name for name, c in lexicon.concepts.items() if c.shield)
        self._named = frozenset(name for name, c in lexicon.concepts.items() if c.named)
        self._qualifiers = frozenset(name for name, c in lexicon.concepts.items() if c.qualifier)
        # Candidates are indexed by their first two characters (one for one-character terms): one index for
        # the findings, one for the qualifiers, each scanned in its own pass.
        self._by_prefix: dict[str, list[tuple[str, bool]]] = {}
        self._qualifier_prefix: dict[str, list[tuple[str, bool]]] = {}
        for term in sorted(self._concepts_of, key=len, reverse=True):
            whole_word = not any(is_cjk(ch) for ch in term)
            concepts = self._concepts_of[term]
            if any(c not in self._qualifiers for c in concepts):
                self._by_prefix.setdefault(term[:2], []).append((term, whole_word))
            if any(c in self._qualifiers for c in concepts):
                self._qualifier_prefix.setdefault(term[:2], []).append((term, whole_word))

    def _match_at(self, text: str, i: int, index: dict[str, list[tuple[str, bool]]]) -> str | None:
        at_word_start = i == 0 or not _is_word_char(text[i - 1])
        if not at_word_start and _is_word_char(text[i]):
            return None  # inside an English word: no whole-word term can start here
        candidates = index.get(text[i:i + 2], []) + index.get(text[i], [])
        for term, whole_word in candidates:
            if not text.startswith(term, i):
                continue
            end = i + len(term)
            if whole_word and (not at_word_start or (end < len(text) and _is_word_char(text[end]))):
                continue
            return term
        return None

    def findings(self, text: str) -> list[Finding]:
        """Return every concept found in `text`, each with its span and negation."""
        lowered = fold_variants(text.lower())
        found: list[Finding] = []
        # One look at the whole text first: most complaints hold no negation or history cue at all.
        cues = may_negate(lowered), may_hold_history(lowered)
        self._scan(text, lowered, self._by_prefix, False, cues, found)
        self._scan(text, lowered, self._qualifier_prefix, True, cues, found)
        found.sort(key=lambda f: f.start)  # stable: a term's own concept stays before those it implies
        return found

    def _scan(self, text: str, lowered: str, prefixes: dict[str, list[tuple[str, bool]]], qualifiers: bool,
              cues: tuple[bool, bool], found: list[Finding]) -> None:
        """One longest-match pass over the text with one index, for findings or for qualifiers."""
        negation_cue, history_cue = cues
        i, n = 0, len(lowered)
        while i < n:
            ch = lowered[i]
            # Fast skips: no term starts with this character, or we are inside an English word.
            if ch not in prefixes and lowered[i:i + 2] not in prefixes or (
                    i and ch in _WORD_CHARS and lowered[i - 1] in _WORD_CHARS):
                i += 1
                continue
            term = self._match_at(lowered, i, prefixes)
            if term is None:
                i += 1
                continue
            end = i + len(term)
            negated = negation_cue and is_negated(lowered, i)
            past: bool | None = None if history_cue else False  # read once per term, when a concept can be history
            for concept in self._concepts_of[term]:
                if (concept in self._qualifiers) is not qualifiers:
                    continue  # read in the other pass
                if concept in self._shields:
                    continue  # read so that the shorter word inside does not match; not a finding
                if not negated and past is None and concept not in self._lasting:
                    past = is_historical(lowered, i, end)
                historical = bool(past) and concept not in self._lasting
                if not historical and not negated and concept in self._named:
                    historical = before_a_routine_visit(lowered, end)  # "脑梗 来开药": why the medicine is needed
                for name in (concept, *self._implies.get(concept, ())):
                    found.append(Finding(concept=name, text=text[i:end], start=i, end=end, negated=negated,
                                         historical=historical))
            i = end


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


# Symptom words that CEDIS-style records put first: "pain, wrist", "swelling, face", "laceration, scalp".
_INVERTIBLE = frozenset({"pain", "swelling", "bleeding", "laceration", "injury", "numbness", "weakness",
                         "discomfort", "tenderness", "burn", "fracture", "contusion", "deformity", "abscess"})


def _inverted(term: str) -> tuple[str, ...]:
    """The record-style inversion of an English "<site> <symptom>" term, or nothing."""
    site, _, symptom = term.rpartition(" ")
    if not site or symptom not in _INVERTIBLE or "," in site or any(is_cjk(ch) for ch in term):
        return ()
    return (f"{symptom}, {site}",)


def _is_word_char(ch: str) -> bool:
    return ch in _WORD_CHARS


@cache
def default_matcher() -> LexiconMatcher:
    """The matcher over the packaged lexicon, built once per process."""
    return LexiconMatcher(load("lexicon"))


def extract_findings(text: str) -> list[Finding]:
    """Extract findings from a complaint with the packaged lexicon.

    Args:
        text: complaint in Chinese, English or both.

    Returns:
        Findings in text order; negated ones are kept (marked) so the evidence can show them. A
        stated gestational age ("孕32周") is a pregnancy finding even where no pregnancy word is.
    """
    found = default_matcher().findings(text)
    stated = stated_gestation(text)
    if stated is not None and not any(f.concept == "pregnancy" and not f.negated for f in found):
        _, start, end = stated
        found.append(Finding(concept="pregnancy", text=text[start:end], start=start, end=end))
        found.sort(key=lambda f: f.start)
    return found
