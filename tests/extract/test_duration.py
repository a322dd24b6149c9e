"""How long a symptom has lasted, read from a duration written beside its words."""

import pytest

from fenzhen.extract import extract_findings
from fenzhen.extract.duration import duration_days_near


def _fever_days(text: str) -> tuple[float, str] | None:
    fever = next(f for f in extract_findings(text) if f.concept == "fever")
    stated = duration_days_near(text, fever.start, fever.end)
    return (stated[0], text[stated[1]:stated[2]]) if stated else None


@pytest.mark.parametrize(("text", "expected"), [
    ("孩子发烧三天，呼吸急促", (3.0, "发烧三天")),
    ("发烧5天", (5.0, "发烧5天")),
    ("发热一周", (7.0, "发热一周")),
    ("发热半个月", (15.2, "发热半个月")),       # half a month × 30.4 days
    ("反复发热10天", (10.0, "发热10天")),
    ("高烧不退3天", (3.0, "高烧不退3天")),
    ("5天发烧", (5.0, "5天发烧")),
    ("fever for 5 days", (5.0, "fever for 5 days")),
    ("fever x 6 days", (6.0, "fever x 6 days")),
    ("fever for the past 2 weeks", (14.0, "fever for the past 2 weeks")),
    ("fever for a week", (7.0, "fever for a week")),
    ("6 days of fever", (6.0, "6 days of fever")),
    ("5-day fever", (5.0, "5-day fever")),
    # The duration beside another symptom is not the fever's.
    ("咳嗽一周，发热两天", (2.0, "发热两天")),
    ("发烧，咳嗽一周", None),
    ("fever, cough for 2 weeks", None),
    ("fever since last night", None),
])
def test_duration_stated_beside_the_symptom(text: str, expected: tuple[float, str] | None) -> None:
    assert _fever_days(text) == expected
