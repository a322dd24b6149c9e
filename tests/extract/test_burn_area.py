"""The burnt body-surface area a complaint states, read against the ABLS resuscitation thresholds."""

import pytest

from fenzhen.extract.burn_area import stated_burn_area


@pytest.mark.parametrize(("text", "pct"), [
    ("烫伤 面积约20%", 20.0),
    ("烧伤面积30%", 30.0),
    ("烧伤面积约 II度 25%", 25.0),        # a depth may stand between the area and its number
    ("孩子烫伤面积约10%", 10.0),
    ("burns 15% TBSA", 15.0),
    ("burns of about 40%", 40.0),
    ("20% BSA partial thickness burns", 20.0),
    ("burns to 30% of the body", 30.0),
    ("烫伤 体温38%", None),               # a percentage that is not the burn's
    ("烧伤 150%", None),                  # not an area
    ("面积百分之三十", None),             # written numbers are not read
    ("SpO2 95%", None),
])
def test_stated_burn_area(text: str, pct: float | None) -> None:
    stated = stated_burn_area(text)
    assert (stated[0] if stated else None) == pct
