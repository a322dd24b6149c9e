"""Pseudonymizer surrogates keep the shape of what they replace; date shifting keeps format."""

from __future__ import annotations

import pytest

from fenzhen.errors import PrivacyError
from fenzhen.privacy import PhiType, Pseudonymizer, shift_date
from fenzhen.privacy.recognizers.zh_id_card import is_valid_id18

KEY = b"0123456789abcdef-clinic"


def test_surrogate_id_number_is_valid_and_keeps_birth_year() -> None:
    sur = Pseudonymizer(KEY).surrogate(PhiType.ID, "110101199003074514", "zh")
    assert is_valid_id18(sur) and sur[6:10] == "1990" and sur != "110101199003074514"


def test_surrogate_mobile_is_a_mobile_and_stable() -> None:
    p = Pseudonymizer(KEY)
    a, b = p.surrogate(PhiType.PHONE, "13800138000", "zh"), p.surrogate(PhiType.PHONE, "138 0013 8000", "zh")
    assert (
        a.startswith("1")
        and len(a) == 11
        and a == Pseudonymizer(KEY).surrogate(PhiType.PHONE, "13800138000", "zh")
    )
    assert b.startswith("1") and len(b) == 11


def test_english_names_share_surname_surrogate() -> None:
    p = Pseudonymizer(KEY)
    full, last = p.surrogate(PhiType.NAME, "John Smith", "en"), p.surrogate(PhiType.NAME, "Smith", "en")
    assert full.split()[-1] == last and "Smith" not in full


def test_default_date_shift_is_negative_and_nonzero() -> None:
    assert -395 <= Pseudonymizer(KEY).date_shift_days <= -30


def test_short_key_is_refused() -> None:
    with pytest.raises(PrivacyError):
        Pseudonymizer(b"short")


@pytest.mark.parametrize(
    ("value", "days", "expected"),
    [
        ("2023年5月12日", -40, "2023年4月2日"),
        ("5月12日", 1, "5月13日"),
        ("2023-05-12", -12, "2023-04-30"),
        ("2024/2/28", 1, "2024/02/29"),
        ("05/12/2023", 30, "06/11/2023"),
        ("May 12, 2023", -40, "April 2, 2023"),
        ("12 May 2023", 1, "13 May 2023"),
        ("二〇二三年五月", 1, None),
    ],
)
def test_shift_date(value: str, days: int, expected: str | None) -> None:
    assert shift_date(value, days) == expected
