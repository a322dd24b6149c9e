"""E-mail addresses (RFC 5322 addr-spec, the common dot-atom form)."""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["EmailRecognizer"]

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}\b"
)


class EmailRecognizer(Recognizer):
    """local-part@domain.tld."""

    name = "email"
    phi_type = PhiType.EMAIL

    def find(self, text: str) -> list[PhiSpan]:
        return [
            self.span(m.start(), m.end(), 1.0, "e-mail address (local@domain)") for m in _EMAIL.finditer(text)
        ]
