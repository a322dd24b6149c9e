"""Chinese addresses: administrative units down to street, building and room numbers.

An address is a run of segments each ending in an administrative or street-level unit
(省/市/区/县/乡/镇/村/路/街/号/栋/单元/室 …, GB/T 2260 and common usage), optionally followed by a
6-digit postcode. Because clinical text also has unit-like words (心前区, 门诊楼2层), a run is only
taken when an address cue precedes it (家住, 住址), when it starts with a province or a
province/city-level segment, or when it has at least three segments.
"""

from __future__ import annotations

import re

from fenzhen.privacy.knowledge import ZhLexicon, zh_lexicon
from fenzhen.privacy.recognizers.base import Recognizer, alternation
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["ZhAddressRecognizer"]

_STOP = "，。；;,、！？!?\n（）()：:“”\"'"


class ZhAddressRecognizer(Recognizer):
    """Runs of address segments in context (see module docstring)."""

    name = "zh_address"
    phi_type = PhiType.ADDRESS

    def __init__(self, lexicon: ZhLexicon | None = None) -> None:
        self.lex = lexicon or zh_lexicon()
        seg = rf"[\u4e00-\u9fffA-Za-z0-9\-]{{1,8}}?(?:{alternation(self.lex.address_units)})"
        self._run = re.compile(rf"(?:{seg}){{2,}}(?:\s?\d{{6}}(?!\d))?")
        self._cue = re.compile(rf"(?:{alternation(self.lex.address_cues)})[\s:：]{{0,2}}")
        self._top = re.compile(
            rf"(?:{alternation(self.lex.provinces)})|[\u4e00-\u9fff]{{2,6}}?(?:省|自治区|市)"
        )
        self._segment = re.compile(seg)
        self._anchor = re.compile(r"[省市区县旗州乡镇村路街巷弄号室栋幢座层]")

    def _runs(self, text: str) -> list[re.Match[str]]:
        """Match address runs only in windows around unit characters (a large speed-up)."""
        matches: list[re.Match[str]] = []
        windows: list[list[int]] = []
        for a in self._anchor.finditer(text):
            lo, hi = max(0, a.start() - 40), min(len(text), a.end() + 60)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            matches += self._run.finditer(text, lo, hi)
        return matches

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in self._cue.finditer(text):
            end = m.end()
            while end < len(text) and end - m.end() < 40 and text[end] not in _STOP:
                end += 1
            if end - m.end() >= 2:
                spans.append(
                    self.span(m.end(), end, 0.9, f"text after the address cue '{m.group().strip(' :：')}'")
                )
        for m in self._runs(text):
            start = m.start()
            cue = self._cue.match(text, start)
            if cue is not None:  # 家住清河县…: the cue word itself is not part of the address
                start = cue.end()
            run = text[start : m.end()]
            if len(run) < 2:
                continue
            if self._top.match(run):
                spans.append(self.span(start, m.end(), 0.85, "address starting at province or city level"))
            elif len(self._segment.findall(run)) >= 3:
                spans.append(
                    self.span(start, m.end(), 0.8, "three or more address segments (area, street, number)")
                )
        return spans
