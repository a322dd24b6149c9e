"""The recognizer contract: one kind of identifier, found by one module, each hit explained."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable

from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["CUE_GAP", "Recognizer", "alternation", "is_cjk"]

#: What may stand between a cue word and its value: "电话：", "MRN #", "住院号 为".
CUE_GAP = r"[\s:：#＃=是为号码\-]{0,4}"


def is_cjk(ch: str) -> bool:
    """Return True for a CJK unified ideograph."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first so the longest cue wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


class Recognizer(ABC):
    """Find one kind of identifier in text.

    Subclasses set `name` (the module's name, reported in every span) and `phi_type`, and
    implement `find`. A recognizer sees the whole text, Chinese, English or mixed, and must be
    cheap: the whole pipeline has to run at ≥ 1 MB/s on one core.
    """

    name: str = "base"
    phi_type: PhiType = PhiType.NAME
    #: True when every identifier this recognizer finds contains a Chinese character: the engine
    #: then skips it on text without one (an English note).
    needs_cjk: bool = False

    @abstractmethod
    def find(self, text: str) -> list[PhiSpan]:
        """Return every span of `text` this recognizer judges to be an identifier."""

    def span(
        self, start: int, end: int, score: float, explanation: str, phi_type: PhiType | None = None
    ) -> PhiSpan:
        """Build a span attributed to this recognizer."""
        return PhiSpan(phi_type or self.phi_type, start, end, self.name, score, explanation)
