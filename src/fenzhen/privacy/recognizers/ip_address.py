"""IPv4 and IPv6 addresses (HIPAA Safe Harbor identifier O)."""

from __future__ import annotations

import ipaddress
import re

from fenzhen.privacy.recognizers.base import Recognizer
from fenzhen.privacy.types import PhiSpan, PhiType

__all__ = ["IpAddressRecognizer"]

_V4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.]|\.\d)")
_V6 = re.compile(
    r"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])"
    r"|(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,6}:(?:[0-9A-Fa-f]{1,4}:?){0,6}(?![0-9A-Fa-f:])"
)


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
        for pattern, why in ((_V4, "IPv4 address"), (_V6, "IPv6 address")):
            for m in pattern.finditer(text):
                value = m.group().rstrip(":")
                if _is_ip(value):
                    spans.append(self.span(m.start(), m.start() + len(value), 1.0, why))
        return spans
