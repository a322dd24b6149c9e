"""Chinese personal names, found by their context: cue words, titles, 男/女 apposition, 小X/老X.

Chinese names have no capitals or spaces, and most two-character strings that start with a
surname character are ordinary words (平素, 明显, 关节). A name is therefore only taken where the
context says a person is meant: after 患者/家属/医师/姓名, before 先生/女士/医生, before ", 男/女,",
or as 小/老 plus a common surname. Other mentions of the same name are then found by the
engine's document-level propagation. Given names are one or two characters and stop at
characters that rarely end a name (自, 因, 于, 诉 …), except where ", 男/女," fixes the end
(患者赵想，男). Names with no cue word (王小明说…, ，李娜昨晚…) are `zh_name_speaker`'s.
"""

from __future__ import annotations

import re

from fenzhen.privacy.knowledge import ZhLexicon, zh_lexicon
from fenzhen.privacy.recognizers.base import Recognizer, alternation, is_cjk
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["ZhNameRecognizer"]

_STRONG_LABELS = ("姓名", "签名", "签字", "记录者", "记录人", "报告人", "审核人")
_FULL_NAME_TITLES = frozenset({"先生", "女士", "小姐", "同志"})
# Characters after which a name may start inside running Chinese text (的王医生, 找李主任).
_BEFORE_NAME = frozenset("的找请问是和跟给向被让叫位、与及同帮对由把")
_SEX_AFTER = re.compile(r"[，,（(\s]{1,2}(?:男|女)性?[，,、\s）)岁0-9]")
# The sex word itself, scanned for at C speed (a leading class of spaces and commas is not: it
# would be tried at every space of an English note); the separators before it are checked after.
_SEX = re.compile(r"[男女]性?[，,、\s）)岁0-9]")
_SEPARATORS = frozenset("，,（(")


class ZhNameRecognizer(Recognizer):
    """Chinese names in context (see module docstring)."""

    name = "zh_name"
    phi_type = PhiType.NAME
    needs_cjk = True

    def __init__(self, lexicon: ZhLexicon | None = None) -> None:
        self.lex = lexicon or zh_lexicon()
        # Sets for membership tests (the lexicon keeps tuples, ordered for regex alternations).
        self._compound = frozenset(self.lex.compound_surnames)
        self._cues = frozenset(self.lex.cues_before)
        self._before = re.compile(rf"(?:{alternation(self.lex.cues_before)})[\s:：]{{0,2}}")
        self._after = re.compile(alternation(self.lex.cues_after))
        # For each title, the longer cue words that end with it (责任护士 ends with 护士).
        self._longer_cues = {
            t: tuple(c for c in self.lex.cues_before if c.endswith(t) and len(c) > len(t))
            for t in self.lex.cues_after
        }
        self._dimin = re.compile(rf"[小老](?:{'|'.join(sorted(self.lex.common_surnames))})(?![子女])")

    def _surname_len(self, text: str, i: int) -> int:
        if text[i : i + 2] in self._compound:
            return 2
        return 1 if i < len(text) and text[i] in self.lex.surnames else 0

    def _name_at(self, text: str, i: int, *, strong: bool = False, labelled: bool = False) -> int:
        """Return the end of a name starting at `i`, or `i` when there is none.

        `strong` (after 姓名/签名) accepts any first character as the surname; `labelled` (after a
        colon) accepts any given-name characters up to the next non-Chinese character.
        """
        sur = self._surname_len(text, i)
        if sur == 0:
            if not strong or i >= len(text) or not is_cjk(text[i]):
                return i
            sur = 1  # after 姓名： any surname is accepted, even one missing from the lists
        end, given = i + sur, 0
        while (
            end < len(text)
            and given < 2
            and is_cjk(text[end])
            and (labelled or text[end] not in self.lex.stop_chars)
        ):
            end, given = end + 1, given + 1
        if given == 0 and not self._after.match(text, end):
            return i
        if text[i : i + 2] in self.lex.not_names or text[i : i + 2] in self._cues:
            return i
        return end

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in self._before.finditer(text):
            strong = m.group().rstrip(" :：") in _STRONG_LABELS
            # "label：value" (主治医师：潘想): the value is a name even if it ends in an unusual character.
            labelled = ":" in m.group() or "：" in m.group()
            end = self._name_at(text, m.end(), strong=strong, labelled=labelled)
            # "患者赵想，男，": the sex apposition fixes where the name ends, stop character or not.
            whole = self._name_at(text, m.end(), strong=strong, labelled=True)
            if whole > end and _SEX_AFTER.match(text, whole):
                end = whole
            if end > m.end():
                spans.append(
                    self.span(
                        m.end(),
                        end,
                        0.95 if strong else 0.9,
                        f"name after the cue word '{m.group().strip(' :：')}'",
                    )
                )
        for m in self._after.finditer(text):
            spans.extend(self._before_title(text, m.start(), m.group()))
        for m in _SEX.finditer(text):
            at = m.start()
            while at > max(0, m.start() - 2) and (text[at - 1] in _SEPARATORS or text[at - 1].isspace()):
                at -= 1
            if at < m.start():
                spans.extend(self._before_sex(text, at))
        for m in self._dimin.finditer(text):
            if m.group() not in self.lex.diminutive_exclusions:
                spans.append(
                    self.span(m.start(), m.end(), 0.8, "小/老 + common surname (familiar form of a name)")
                )
        return spans

    def _before_title(self, text: str, title_at: int, title: str) -> list[PhiSpan]:
        title_end = title_at + len(title)
        if any(text.endswith(cue, 0, title_end) for cue in self._longer_cues[title]):
            return []  # 责任护士, 主治医师: the title is part of a longer cue word
        # 先生/女士 follow full names (张伟先生); 医生/主任/阿姨 usually follow a bare surname (王医生).
        lengths = (3, 2, 1) if title in _FULL_NAME_TITLES else (1,)
        for length in lengths:
            i = title_at - length
            if i < 0 or not all(is_cjk(c) for c in text[i:title_at]):
                continue
            if i > 0 and is_cjk(text[i - 1]) and text[i - 1] not in _BEFORE_NAME:
                continue
            if not self._surname_len(text, i) or any(
                c in self.lex.stop_chars for c in text[i + 1 : title_at]
            ):
                continue
            if text[i : i + 2] in self.lex.not_names or text[i:title_end] in self.lex.not_names:
                continue
            return [self.span(i, title_at, 0.85, f"name before the title '{title}'")]
        return []

    def _before_sex(self, text: str, at: int) -> list[PhiSpan]:
        for length in (3, 2):
            i = at - length
            if i < 0 or (i > 0 and is_cjk(text[i - 1]) and text[i - 1] not in "是叫名为"):
                continue
            if self._name_at(text, i, labelled=True) == at:
                return [self.span(i, at, 0.85, "name followed by sex (', 男/女,')")]
        return []
