"""English (US-style) street addresses, city-state-ZIP lines and PO boxes.

References:
    USPS Publication 28, Postal Addressing Standards: a primary number, a street name, a
    street suffix from Appendix C1, an optional secondary unit (Apt, Suite …), then
    city, two-letter state (Appendix B) and a 5- or 9-digit ZIP code.
"""

from __future__ import annotations

import re

from fenzhen.privacy.knowledge import EnLexicon, en_lexicon
from fenzhen.privacy.recognizers.base import Recognizer, alternation
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["EnAddressRecognizer"]

_WORD = r"[A-Z][A-Za-z'\-]*"


class EnAddressRecognizer(Recognizer):
    """Street address lines with an optional city/state/ZIP tail; bare city, ST ZIP; PO boxes."""

    name = "en_address"
    phi_type = PhiType.ADDRESS

    def __init__(self, lexicon: EnLexicon | None = None) -> None:
        self.lex = lexicon or en_lexicon()
        suffix = alternation(self.lex.street_suffixes)
        unit = alternation(self.lex.address_units)
        states = alternation(self.lex.states)
        self._city = rf"(?:{_WORD}\s){{0,2}}{_WORD},?\s+(?:{states})\.?\s+\d{{5}}(?:-\d{{4}})?\b"
        tail = rf"(?:,?\s+(?:{unit})\.?\s*#?\s*[A-Za-z0-9\-]+)?(?:,?\s+{self._city})?"
        # Each pattern starts with a class that `re` scans for at C speed (`\d\d{0,5}` is
        # `\d{1,6}`); the leading word boundary is a lookbehind placed after that first character.
        self._street = re.compile(
            rf"\d(?<!\w\d)\d{{0,5}}(?:\s+[NSEW]\.?)?(?:\s+{_WORD}){{1,3}}\s+(?:{suffix})\b\.?{tail}"
        )
        self._city_line = re.compile(
            rf"[A-Z](?<!\w[A-Z])[A-Za-z'\-]*(?:\s{_WORD}){{0,2}},?\s+(?:{states})\.?\s+\d{{5}}(?:-\d{{4}})?\b"
        )
        self._po_box = re.compile(r"[Pp](?<!\w[Pp])\.?\s?[Oo]\.?\s+[Bb][Oo][Xx]\s+\d{1,6}\b")

    def find(self, text: str) -> list[PhiSpan]:
        spans = [
            self.span(m.start(), m.end(), 0.9, "number + street name + USPS street suffix")
            for m in self._street.finditer(text)
        ]
        spans += [
            self.span(m.start(), m.end(), 0.9, "city, two-letter state and ZIP code")
            for m in self._city_line.finditer(text)
        ]
        spans += [self.span(m.start(), m.end(), 0.9, "post office box") for m in self._po_box.finditer(text)]
        return spans
