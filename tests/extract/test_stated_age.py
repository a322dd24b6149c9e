"""The age a complaint states is read when the age field is empty, and nothing else is read as an age."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen import Intake, assess
from fenzhen.domain import MEASURES
from fenzhen.extract.stated_age import stated_age


@pytest.mark.parametrize(("text", "years", "written"), [
    ("baby has a fever, 6 weeks old", 6 * 7 / 365.25, "6 weeks old"),
    ("宝宝发烧 出生20天", 20 / 365.25, "出生20天"),
    ("孩子3天大 黄疸", 3 / 365.25, "3天大"),
    ("3个月大宝宝 发烧", 0.25, "3个月大"),
    ("2个多月大 吐奶", 2 / 12, "2个多月大"),      # "two-odd months": the younger bound
    ("5个月的宝宝 拉肚子", 5 / 12, "5个月的宝宝"),
    ("8月龄 发烧", 8 / 12, "8月龄"),
    ("两岁半 发烧", 2.5, "两岁半"),
    ("孩子十岁", 10.0, "十岁"),
    ("45岁 胸痛", 45.0, "45岁"),
    ("a 45-year-old man with chest pain", 45.0, "45-year-old"),
    ("2 y/o fever", 2.0, "2 y/o"),
    ("10 day old baby not feeding", 10 / 365.25, "10 day old"),
    ("3 month old with fever", 0.25, "3 month old"),
    ("孩子2岁，妈妈30岁", 2.0, "2岁"),             # the first age is the patient's
    ("age 6 weeks, fever", 6 * 7 / 365.25, "age 6 weeks"),   # not six years
    ("aged 3 months", 0.25, "aged 3 months"),
    ("age: 45, chest pain", 45.0, "age: 45"),
    ("宝宝发烧，妈妈30岁", None, None),            # said of someone else: not the patient's age
    ("child with fever, mother 30 years old", None, None),
])
def test_stated_age(text: str, years: float | None, written: str | None) -> None:
    found = stated_age(text)
    if years is None:
        assert found is None
    else:
        assert found is not None and found[0] == pytest.approx(years) and found[1] == written


@pytest.mark.parametrize("text", ["发烧3天", "咳嗽3个月", "孕32周 头痛", "怀孕7个月", "old man, fall", "发烧",
                                  "3 days of fever"])
def test_no_age_is_read_from_a_duration_or_a_gestation(text: str) -> None:
    assert stated_age(text) is None


@pytest.mark.parametrize("complaint", ["baby has a fever, 6 weeks old", "宝宝发烧 出生20天",
                                       "2个多月大宝宝 发烧38.5度"])
def test_a_febrile_young_infant_named_in_the_text_is_graded_as_one(complaint: str) -> None:
    a = assess(Intake(complaint=complaint), model=None)
    assert a.rule_floor_acuity == 2 and "febrile_neonate" in {f.id for f in a.red_flags}
    assert any("(written " in note for note in a.assumptions)
    assert not any("assumed adult" in note for note in a.assumptions)


def test_the_age_field_wins_over_the_words() -> None:
    a = assess(Intake(complaint="宝宝发烧 出生20天", age_years=3), model=None)
    assert "febrile_neonate" not in {f.id for f in a.red_flags}


_ALPHABET = st.sampled_from(list("0123456789一两三十岁半个多月天周大宝孩出生后 old-yearsmonthweekday/yo."))


@given(st.text(_ALPHABET, max_size=40))
def test_any_text_gives_an_age_the_intake_accepts(text: str) -> None:
    found = stated_age(text)
    if found is not None:
        assert MEASURES["age_years"].min < found[0] <= MEASURES["age_years"].max
        Intake(complaint="x", age_years=found[0])
