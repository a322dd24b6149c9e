"""US Social Security numbers (AAA-GG-SSSS).

References:
    SSA: area 000, 666 and 900-999, group 00 and serial 0000 are never issued.
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import Keywords, finditer_not_after, matches_at
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["UsSsnRecognizer"]

# The area number (not 000, 666 or 9xx) starts with a class, which `re` scans for at C speed;
# the character before is checked in Python (`finditer_not_after`).
_SSN = re.compile(r"[0-8]\d\d(?<!000)(?<!666)-(?!00)\d{2}-(?!0000)\d{4}(?![\d\-])")
_SSN_CUED = re.compile(
    r"\b(?:SSN|social security(?: number| no\.?)?)[\s:#]{0,3}"
    r"((?!000|666|9\d\d)\d{3}\s?(?!00)\d{2}\s?(?!0000)\d{4})(?!\d)",
    re.IGNORECASE,
)
_SSN_CUES = Keywords(("ssn", "social security"), ignore_case=True)


class UsSsnRecognizer(Recognizer):
    """Dashed SSNs in the issued ranges, or undashed ones after 'SSN'."""

    name = "us_ssn"
    phi_type = PhiType.ID

    def find(self, text: str) -> list[PhiSpan]:
        spans = [
            self.span(m.start(), m.end(), 0.9, "SSN pattern AAA-GG-SSSS in issued ranges")
            for m in finditer_not_after(_SSN, text, "0123456789-")
        ]
        spans += [
            self.span(m.start(1), m.end(1), 0.95, "number after 'SSN'") for m in matches_at(_SSN_CUED, text, _SSN_CUES)
        ]
        return spans
