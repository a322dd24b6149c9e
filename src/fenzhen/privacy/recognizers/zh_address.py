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
from fenzhen.privacy.recognizers.scan import finditer_in, windows
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["ZhAddressRecognizer"]

_STOP = "，。；;,、！？!?\n（）()：:“”\"'"


class ZhAddressRecognizer(Recognizer):
    """Runs of address segments in context (see module docstring)."""

    name = "zh_address"
    phi_type = PhiType.ADDRESS
    needs_cjk = True

    def __init__(self, lexicon: ZhLexicon | None = None) -> None:
        self.lex = lexicon or zh_lexicon()
        seg = rf"[\u4e00-\u9fffA-Za-z0-9\-]{{1,8}}?(?:{alternation(self.lex.address_units)})"
        self._run = re.compile(rf"(?:{seg}){{2,}}(?:\s?\d{{6}}(?!\d))?")
        self._cue = re.compile(rf"(?:{alternation(self.lex.address_cues)})[\s:：]{{0,2}}")
        self._top = re.compile(
            rf"(?:{alternation(self.lex.provinces)})|[\u4e00-\u9fff]{{2,6}}?(?:省|自治区|市)"
        )
        self._segment = re.compile(seg)
        # A run has two segments, so two unit endings at most 8 + 5 characters apart: runs are
        # matched only in windows around such pairs (clinical text has lone units: 心前区, 2层).
        ends = re.escape("".join(sorted({u[-1] for u in self.lex.address_units})))
        self._pair = re.compile(rf"[{ends}][\u4e00-\u9fffA-Za-z0-9\-]{{0,12}}?[{ends}]")

    def _runs(self, text: str) -> list[re.Match[str]]:
        """Match address runs only in windows around pairs of unit endings (a large speed-up)."""
        return list(finditer_in(self._run, text, windows(text, self._pair, 40, 60)))

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
