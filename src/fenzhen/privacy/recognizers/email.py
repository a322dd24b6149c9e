"""E-mail addresses (RFC 5322 addr-spec, the common dot-atom form).

The address ends at the first character that cannot continue it: an ASCII boundary, not `\b`,
since Chinese text runs on without a space (邮箱a@b.cn和…).
"""

from __future__ import annotations

import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import finditer_in, is_full_scan
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["EmailRecognizer"]

_LOCAL = "A-Za-z0-9._%+\\-"
_EMAIL = re.compile(
    rf"(?<![{_LOCAL}])[{_LOCAL}]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{{2,24}}(?![A-Za-z0-9_])"
)
_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_DOMAIN_RUN = re.compile(r"[A-Za-z0-9.\-]*")


def _around_at(text: str) -> list[tuple[int, int]]:
    """Return the runs of address characters around each @: the only places an e-mail can be."""
    out: list[tuple[int, int]] = []
    at = text.find("@")
    while at >= 0:
        lo = at
        while lo > 0 and text[lo - 1] in _LOCAL_CHARS:
            lo -= 1
        hi = min(len(text), _DOMAIN_RUN.match(text, at + 1).end() + 1)  # type: ignore[union-attr]
        if out and lo < out[-1][1]:
            lo = out.pop()[0]
        out.append((lo, hi))
        at = text.find("@", at + 1)
    return out


class EmailRecognizer(Recognizer):
    """local-part@domain.tld."""

    name = "email"
    phi_type = PhiType.EMAIL

    def find(self, text: str) -> list[PhiSpan]:
        if "@" not in text:  # a C substring test: most notes hold no e-mail at all
            return []
        runs = [(0, len(text))] if is_full_scan() else _around_at(text)
        return [
            self.span(m.start(), m.end(), 1.0, "e-mail address (local@domain)")
            for m in finditer_in(_EMAIL, text, runs)
        ]
