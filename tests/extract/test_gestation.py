"""The gestational age a complaint states, read as KTAS grades pregnancy (under or over 20 weeks)."""

import pytest

from fenzhen.extract import extract_findings
from fenzhen.extract.gestation import stated_gestation


@pytest.mark.parametrize(("text", "weeks"), [
    ("孕32周，头痛", 32.0),
    ("孕38+2周，规律宫缩", 38.0),
    ("孕二十周", 20.0),
    ("怀孕七个月，脚肿", 30.4),      # months × 4.35
    ("停经6周，下腹痛", 6.0),
    ("停经45天", 6.4),
    ("34 weeks pregnant, headache", 34.0),
    ("pregnant at 36 weeks", 36.0),
    ("7 months pregnant", 30.4),
    ("怀孕了，头痛", None),            # pregnant, but no gestational age stated
    ("体温38.5，咳嗽三周", None),      # numbers that are not a gestation
    ("孕99周", None),                  # not a gestational age
    ("gravida 2, para 1-0-0-1, at 28-1/7 weeks", 28.0),   # an obstetric record
    ("G2P1 at 34 weeks with headache", 34.0),
    ("seen at 3 weeks follow-up", None),  # no gravida word: not a gestation
])
def test_stated_gestation(text: str, weeks: float | None) -> None:
    stated = stated_gestation(text)
    assert (stated[0] if stated else None) == weeks


def test_a_stated_gestation_is_a_pregnancy_finding() -> None:
    found = [f for f in extract_findings("孕8周，腹痛") if f.concept == "pregnancy"]
    assert len(found) == 1 and found[0].text == "孕8周" and not found[0].negated
    # A pregnancy word already found is not doubled.
    assert sum(f.concept == "pregnancy" for f in extract_findings("怀孕32周")) == 1
