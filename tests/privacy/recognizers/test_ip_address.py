"""Table-driven test of the ip_address recognizer (HIPAA identifier O)."""

from __future__ import annotations

import pytest

from fenzhen.privacy.recognizers.ip_address import IpAddressRecognizer

from .helpers import union

CASES: list[tuple[str, list[str]]] = [
    ("from 192.168.1.20 at", ["192.168.1.20"]),
    ("addr 2001:db8::1 ok", ["2001:db8::1"]),
    ("999.1.1.1 is not an IP; version 1.2.3", []),
    ("time 14:30:00", []),
    ("gateway 10.0.0.1, next 8.8.8.8", ["10.0.0.1", "8.8.8.8"]),
    ("version 1.10.0.1.5 and 2.192.168.1.1", []),
    ("link fe80::1ff:fe23:4567:890a up", ["fe80::1ff:fe23:4567:890a"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_ip_address(text: str, expected: list[str]) -> None:
    found = [text[a:b] for a, b in union(IpAddressRecognizer().find(text))]
    assert found == sorted(expected)


def test_ip_address_explains_every_hit() -> None:
    for text, _ in CASES:
        for span in IpAddressRecognizer().find(text):
            assert span.recognizer == "ip_address" and span.explanation and 0 < span.score <= 1
