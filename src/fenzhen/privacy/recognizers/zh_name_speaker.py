"""Chinese names without a cue word: the speaker before a reporting verb, the subject of a clause.

Patients and families are named in histories without 患者/先生: "王小明说胸口痛", "据李娜称昨晚开始
发热", "，张伟今天开始发热". Two rules find them, both for a surname followed by a one- or
two-character given name without stop characters (自, 因, 说, 胸 …, the ``stop_chars`` of
``privacy_zh.yaml``):

- speaker: the name directly before a reporting verb (说, 称, 诉, 表示, 告诉, 反映, 自述, but not
  说明/称重 …), at the start of a clause or after 据/听/和 …; any listed surname, since the verb
  is strong evidence;
- subject: the name at the start of a clause (after ，。；！？ or a line break) and followed by a
  stop character, where the predicate begins (李娜昨晚…, 王小明胸口痛); only a *common* surname
  (the 2020 top 100), since the position alone is weak evidence: with every listed surname the
  rule took 125 ordinary words in 7,644 real patient questions (Toyhom); with common ones, 1.

What the rules must not take: 患者说/医生说/他说/孩子说 (no surname), 高烧说明 (not a reporting
verb, and 高烧 is an ordinary word), 严重时/许多人说 (ordinary words). A candidate is dropped when
its first two characters, or the whole of it, are an ordinary word of the jieba dictionary
(`fenzhen.privacy.vocabulary`) or listed in ``not_names``, or when a complaint term of the
clinical lexicon (`fenzhen.extract`) starts inside it (易疲劳乏力). Names the dictionary tags as a
person (李娜) stay names. Limitation: a name that is itself an ordinary word (王国强 starts with 王国
"kingdom") is left to the cue-word rules.
"""

from __future__ import annotations

import re

from fenzhen.knowledge import loader
from fenzhen.knowledge.schemas import Lexicon
from fenzhen.privacy.knowledge import ZhLexicon, zh_lexicon
from fenzhen.privacy.recognizers.base import Recognizer, alternation, is_cjk
from fenzhen.privacy.recognizers.scan import Keywords
from fenzhen.privacy.types import PhiSpan, PhiType
from fenzhen.privacy.vocabulary import ordinary_words

__all__ = ["ZhSpeakerNameRecognizer"]


class ZhSpeakerNameRecognizer(Recognizer):
    """Cue-less Chinese names of speakers and clause subjects (see module docstring)."""

    name = "zh_name_speaker"
    phi_type = PhiType.NAME
    needs_cjk = True

    def __init__(self, lexicon: ZhLexicon | None = None) -> None:
        self.lex = lexicon or zh_lexicon()
        self._verbs = Keywords(self.lex.speech_verbs)
        # Sets for membership tests (the lexicon keeps tuples, ordered for regex alternations).
        self._compound = frozenset(self.lex.compound_surnames)
        self._cues = frozenset(self.lex.cues_before) | frozenset(self.lex.cues_after)
        self._not_verb = re.compile(alternation(self.lex.not_speech_verbs))
        self._ordinary = ordinary_words(self.lex.surnames, self.lex.ordinary_word_min_frequency)
        # Chinese complaint terms of the clinical lexicon (胸痛, 疲劳, 高烧), by length.
        lexicon_file: Lexicon = loader.as_model("lexicon", Lexicon)
        terms = {t for c in lexicon_file.concepts.values() for t in c.zh if len(t) >= 2}
        self._terms = frozenset(terms)
        self._term_lengths = tuple(sorted({len(t) for t in terms}))
        marks = re.escape("".join(sorted(self.lex.clause_marks)))
        stops = re.escape("".join(sorted(self.lex.stop_chars)))
        # A clause mark, a common surname, 1-2 given characters and a stop character: a cheap
        # filter (`re` scans for the marks at C speed) before the exact checks in `_subject`.
        self._clause = re.compile(
            rf"[{marks}]\s*([{''.join(sorted(self.lex.common_surnames))}])"
            rf"(?:(?![{stops}])[\u4e00-\u9fff]){{1,3}}[{stops}]"
        )
        self._first = re.compile(rf"[{''.join(sorted(self.lex.common_surnames))}]")

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for v in self._verbs.starts(text) or []:
            # A name ends in a given-name character: 患者说, 。说 and 说明 are rejected at once.
            if v == 0 or not self._is_given(text[v - 1]) or self._not_verb.match(text, v):
                continue
            if (span := self._speaker(text, v)) is not None:
                spans.append(span)
        starts = [m.start(1) for m in self._clause.finditer(text)]
        if self._first.match(text):
            starts.insert(0, 0)
        for i in starts:
            if (span := self._subject(text, i)) is not None:
                spans.append(span)
        return spans

    def _speaker(self, text: str, verb_at: int) -> PhiSpan | None:
        """Return the name that ends right before the reporting verb at `verb_at`, if any."""
        for length in (4, 3, 2):
            i = verb_at - length
            if i < 0 or (i > 0 and is_cjk(text[i - 1]) and text[i - 1] not in self.lex.before_speaker):
                continue
            if self._is_name_shape(text, i, verb_at) and self._is_plausible(text, i, verb_at):
                verb = next(w for w in self.lex.speech_verbs if text.startswith(w, verb_at))
                why = f"surname + given name before the reporting verb '{verb}'"
                return self.span(i, verb_at, 0.8, why)
        return None

    def _subject(self, text: str, i: int) -> PhiSpan | None:
        """Return the name that starts the clause at `i` and is followed by a stop character."""
        end = self._given_end(text, i)
        if end == i or end >= len(text) or text[end] not in self.lex.stop_chars:
            return None
        if not self._is_plausible(text, i, end):
            return None
        return self.span(i, end, 0.75, "common surname + given name as the subject at the start of a clause")

    def _surname_len(self, text: str, i: int, surnames: frozenset[str] | None = None) -> int:
        if text[i : i + 2] in self._compound:
            return 2
        if i >= len(text) or text[i] in self.lex.not_cueless_surnames:
            return 0
        return 1 if text[i] in (surnames or self.lex.common_surnames) else 0

    def _is_given(self, chars: str) -> bool:
        return 1 <= len(chars) <= 2 and all(
            is_cjk(c) and c not in self.lex.stop_chars and c not in self.lex.before_speaker for c in chars
        )

    def _is_name_shape(self, text: str, i: int, end: int) -> bool:
        """Return True when text[i:end] is a listed surname + a 1-2 character given name."""
        sur = self._surname_len(text, i, self.lex.surnames)
        if sur == 0 or not self._is_given(text[i + sur : end]):
            return False
        # 刘洋告诉: 诉 ends the verb 告诉, so 刘洋告 is no name.
        return not any(text.startswith(v, j) for j in range(i + sur, end) for v in self.lex.speech_verbs)

    def _given_end(self, text: str, i: int) -> int:
        """Return the end of common surname + 1-2 given characters at `i`, or `i` if there is none."""
        sur = self._surname_len(text, i)
        if sur == 0:
            return i
        end = i + sur
        while (
            end < len(text)
            and end - i - sur < 2
            and self._is_given(text[end])
            and not any(text.startswith(v, end) for v in self.lex.speech_verbs)  # 刘洋告诉
        ):
            end += 1
        return end if end > i + sur else i

    def _is_plausible(self, text: str, i: int, end: int) -> bool:
        """Return False for ordinary words and for candidates that run into a clinical term."""
        candidate = text[i:end]
        compound = text[i : i + 2] in self._compound
        head, given = (candidate, candidate[2:]) if compound else (candidate[:2], candidate[1:])
        if (
            head in self.lex.not_names
            or head in self._cues
            or given in self._cues  # 有医生说, 那护士称
            or head in self._ordinary
            or candidate in self._ordinary
        ):
            return False
        # A complaint term starting inside the candidate (易疲劳乏力, 高烧不退) means it is not a name.
        return not any(text[j : j + n] in self._terms for j in range(i, end) for n in self._term_lengths)
