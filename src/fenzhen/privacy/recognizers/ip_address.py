"""IPv4 and IPv6 addresses (HIPAA Safe Harbor identifier O)."""

from __future__ import annotations

import ipaddress
import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.recognizers.scan import finditer_in, finditer_not_after, windows
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["IpAddressRecognizer"]

# `\d\d?\d?` is `\d{1,3}` written so that `re` can scan for its first digit at C speed;
# the character before is checked by `finditer_not_after`.
_V4 = re.compile(r"\d\d?\d?\.(?:\d{1,3}\.){2}\d{1,3}(?![\d.]|\.\d)")
_V6 = re.compile(
    r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])"
    r"|(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:?){0,6}(?![0-9A-Fa-f:])"
)
# Every IPv6 match holds ":h:" or "::" and is at most 61 characters long.
_V6_ANCHOR = re.compile(r":[0-9A-Fa-f]{0,4}:")


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


class IpAddressRecognizer(Recognizer):
    """Dotted quads with octets 0-255 and IPv6 addresses that parse."""

    name = "ip_address"
    phi_type = PhiType.IP

    def find(self, text: str) -> list[PhiSpan]:
        spans: list[PhiSpan] = []
        v4 = finditer_not_after(_V4, text, "0123456789.")
        v6 = finditer_in(_V6, text, windows(text, _V6_ANCHOR, 64, 72))
        for matches, why in ((v4, "IPv4 address"), (v6, "IPv6 address")):
            for m in matches:
                value = m.group().rstrip(":")
                if _is_ip(value):
                    spans.append(self.span(m.start(), m.start() + len(value), 1.0, why))
        return spans
