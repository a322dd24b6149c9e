"""Web addresses: http(s)/ftp URLs and www. hosts (HIPAA Safe Harbor identifier N)."""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import Keywords, matches_at
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["UrlRecognizer"]

_URL = re.compile(r"\b(?:(?:https?|ftp)://|www\.)[^\s<>\"'，。；、）)]+", re.IGNORECASE)
_TRAILING = ".,;:!?"
# Every URL starts with one of these: the pattern is tried only there.
_STARTS = Keywords(("http", "ftp", "www."), ignore_case=True)


class UrlRecognizer(Recognizer):
    """URLs with a scheme or a www. host; trailing punctuation is left in the text."""

    name = "url"
    phi_type = PhiType.URL

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        for m in matches_at(_URL, text, _STARTS):
            end = m.end()
            while end > m.start() and text[end - 1] in _TRAILING:
                end -= 1
            spans.append(self.span(m.start(), end, 1.0, "URL (scheme:// or www.)"))
        return spans
