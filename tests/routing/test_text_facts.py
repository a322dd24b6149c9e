"""Age, sex and pregnancy read from words, as the care benchmark's vignettes state them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen.routing.text_facts import read_facts


@pytest.mark.parametrize(("text", "age", "sex"), [
    ("A 48-year-old woman with cough", 48, "female"),
    ("12岁女孩发烧", 12, "female"),
    ("58岁男性胸痛", 58, "male"),
    ("8个月婴儿发热", 8 / 12, None),
    ("A 4-year-old boy with ear pain", 4, "male"),
    ("牙疼三天", None, None),
])
def test_reads_age_and_sex(text: str, age: float | None, sex: str | None) -> None:
    facts = read_facts(text)
    assert facts.age_years == (pytest.approx(age, abs=0.01) if age is not None else None)
    assert facts.sex == sex


def test_pregnancy() -> None:
    assert read_facts("孕32周孕妇，阴道流血").pregnant is True
    assert read_facts("头痛").pregnant is None


@given(st.text(max_size=200))
def test_never_raises_and_age_in_range(text: str) -> None:
    facts = read_facts(text)
    assert facts.age_years is None or 0 <= facts.age_years <= 125
