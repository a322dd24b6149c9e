"""Care-level advice: emergencies never below emergency transfer; the facility profile matters."""

from __future__ import annotations

import pytest

from fenzhen import Intake, assess
from fenzhen.domain import Assessment
from fenzhen.routing import advise_care, default_facility, route


def _assessment(acuity: int, china_level: int) -> Assessment:
    base = assess(Intake(complaint="轻微咳嗽", age_years=30))
    return base.model_copy(update={"acuity": acuity, "china_level": china_level, "red_flags": [], "evidence": []})


@pytest.mark.parametrize("facility", ["village", "township", "county"])
@pytest.mark.parametrize(("acuity", "china"), [(1, 1), (2, 2), (3, 2)])
def test_emergency_levels_always_transfer(facility: str, acuity: int, china: int) -> None:
    advice = advise_care(_assessment(acuity, china), None, default_facility(facility))
    assert advice.care == "emergency_transfer" and advice.call_120 and advice.category == "emergency"


def test_level3_without_imaging_goes_to_county() -> None:
    r = route("右下腹疼痛", acuity=3)
    assert advise_care(_assessment(3, 3), r, default_facility("village")).care == "county_hospital"
    assert advise_care(_assessment(3, 3), r, default_facility("county")).care == "county_hospital"


def test_non_urgent_levels() -> None:
    cold = route("流鼻涕", acuity=5)
    assert advise_care(_assessment(5, 4), cold).care == "self_care"
    assert advise_care(_assessment(4, 4), cold).care == "village_clinic"
    assert advise_care(_assessment(4, 4), route("脸上长痘痘", acuity=4)).care == "county_hospital"
    assert advise_care(_assessment(4, 4), route("脚踝扭伤肿了", acuity=4)).care == "township_centre"


def test_reason_in_both_languages() -> None:
    advice = advise_care(_assessment(1, 1))
    assert "120" in advice.reason_en and "120" in advice.reason_zh


def test_self_care_only_for_minor_self_limiting_complaints() -> None:
    from fenzhen import Intake, assess
    from fenzhen.routing import advise_care

    cold = assess(Intake(complaint="流鼻涕打喷嚏两天，不发烧", age_years=25, sex="female"))
    assert advise_care(cold).category == "self_care"
    cut = assess(Intake(complaint="手指被刀割伤，伤口一厘米，出血已止", age_years=25, sex="male"))
    assert advise_care(cut).category == "primary_care"


def test_mild_headache_at_level_4_may_be_self_care_but_not_when_the_model_raised_it() -> None:
    headache = assess(Intake(complaint="昨晚没睡好，今天有点轻微头痛", age_years=28, sex="female", pain_nrs=2),
                      model=None)
    assert headache.acuity == 4 and advise_care(headache).category == "self_care"
    raised = headache.model_copy(update={"rule_floor_acuity": 5})  # 4 came from the model, not a rule
    assert advise_care(raised).category != "self_care"
