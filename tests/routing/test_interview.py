"""The follow-up interview: deterministic questions, answers parsed, ends in triage and route."""

from __future__ import annotations

import pytest

from fenzhen.errors import InputError
from fenzhen.routing import Interview


def test_thin_complaint_asks_red_flags_then_site() -> None:
    iv = Interview("不舒服")
    first = iv.next_question()
    assert first is not None and first.id == "red_flags"
    iv.answer("没有")
    second = iv.next_question()
    assert second is not None and second.id == "site"


def test_full_session_ends_with_route_and_care() -> None:
    iv = Interview("pain")
    answers = iter(["none", "my right lower belly", "since yesterday", "6", "25", "female", "no"])
    asked = []
    while (q := iv.next_question()) is not None:
        asked.append(q.id)
        iv.answer(next(answers))
    assert asked == ["red_flags", "site", "onset", "severity", "age", "sex", "pregnancy"]
    out = iv.finish()
    assert "right lower belly" in out.complaint
    assert out.route.department in ("外科", "急诊科")
    assert out.care.care


def test_known_facts_are_not_asked_and_man_not_asked_pregnancy() -> None:
    iv = Interview("牙疼三天", age_years=40, sex="male")
    ids = []
    while (q := iv.next_question()) is not None:
        ids.append(q.id)
        iv.answer("没有" if q.id == "red_flags" else "3")
    assert "age" not in ids and "sex" not in ids and "pregnancy" not in ids and "site" not in ids


def test_red_flag_ends_the_questions() -> None:
    iv = Interview("不舒服")
    iv.next_question()
    iv.answer("胸痛，出大汗")
    assert iv.next_question() is None


def test_bad_answer_names_the_field() -> None:
    iv = Interview("不舒服", sex="female", pregnant=False)
    for answer in ("没有", "肚子", "今天"):
        iv.next_question()
        iv.answer(answer)
    assert iv.next_question().id == "severity"  # type: ignore[union-attr]
    with pytest.raises(InputError, match="pain_nrs"):
        iv.answer("很痛")


@pytest.mark.parametrize(("complaint", "age", "asked"), [
    ("宝宝发烧", None, True),     # no age yet, but the complaint names a child
    ("发烧两天", 2, True),        # under 5
    ("发烧两天", 8, False),       # IMCI's danger signs are for children under 5
    ("发烧两天", 40, False),
])
def test_child_danger_signs_are_asked_of_young_children(complaint: str, age: float | None, asked: bool) -> None:
    iv = Interview(complaint, age_years=age, sex="male")
    ids = []
    while (q := iv.next_question()) is not None:
        ids.append(q.id)
        iv.answer({"severity": "3", "age": "3", "fever_days": "2"}.get(q.id, "没有"))
    assert ("child_danger_signs" in ids) is asked


@pytest.mark.parametrize(("complaint", "age", "asked"), [
    ("宝宝发烧", 1, True),
    ("宝宝发烧两天", 1, False),     # the complaint says how long
    ("宝宝咳嗽", 1, False),         # no fever
    ("宝宝不发烧，咳嗽", 1, False),  # fever negated
    ("发烧", 30, False),            # NICE NG143 is for under 5s
])
def test_fever_days_are_asked_of_a_febrile_young_child(complaint: str, age: float, asked: bool) -> None:
    iv = Interview(complaint, age_years=age, sex="male")
    ids = []
    while (q := iv.next_question()) is not None:
        ids.append(q.id)
        iv.answer({"severity": "3", "fever_days": "2"}.get(q.id, "没有"))
    assert ("fever_days" in ids) is asked


@pytest.mark.parametrize("signs", ["尿少，嘴唇干", "嘴唇发白"])  # NICE NG143 amber signs, pallor among them
def test_a_febrile_child_is_asked_the_nice_signs_and_an_amber_answer_counts(signs: str) -> None:
    iv = Interview("宝宝发烧两天", age_years=1, sex="male")
    asked = []
    while (q := iv.next_question()) is not None:
        asked.append(q.id)
        iv.answer({"severity": "3", "febrile_child_signs": signs}.get(q.id, "没有"))
    assert "febrile_child_signs" in asked
    out = iv.finish()
    assert "nice_fever_amber_sign" in {f.id for f in out.assessment.red_flags} and out.assessment.acuity <= 3
    assert "febrile_child_signs" not in _asked_of("咳嗽", 1) and "febrile_child_signs" not in _asked_of("发烧", 8)


def _asked_of(complaint: str, age: float) -> list[str]:
    iv = Interview(complaint, age_years=age, sex="male")
    asked = []
    while (q := iv.next_question()) is not None:
        asked.append(q.id)
        iv.answer({"severity": "3", "fever_days": "2"}.get(q.id, "没有"))
    return asked


def test_five_days_of_fever_are_written_into_the_complaint_and_graded_amber() -> None:
    iv = Interview("宝宝发烧，咳嗽", age_years=1, sex="female")
    while (q := iv.next_question()) is not None:
        iv.answer({"severity": "3", "fever_days": "5"}.get(q.id, "没有"))
    out = iv.finish()
    assert "发热5天" in out.complaint
    assert "nice_fever_5_days" in {f.id for f in out.assessment.red_flags} and out.assessment.acuity <= 3


def test_an_unreadable_fever_duration_names_the_field() -> None:
    iv = Interview("fever and cough", age_years=2, sex="male")
    while (q := iv.next_question()) is not None and q.id != "fever_days":
        iv.answer("3" if q.id == "severity" else "none")
    with pytest.raises(InputError, match="fever_days"):
        iv.answer("a while")


def test_a_danger_sign_answer_ends_the_session_at_level_2() -> None:
    iv = Interview("宝宝发烧")
    while (q := iv.next_question()) is not None:
        iv.answer({"child_danger_signs": "不吃奶", "severity": "3"}.get(q.id, "没有"))
    out = iv.finish()
    assert "imci_unable_to_feed" in {f.id for f in out.assessment.red_flags} and out.assessment.acuity <= 2


def test_gestation_is_asked_when_pregnant_and_written_into_the_complaint() -> None:
    iv = Interview("肚子痛", age_years=28, sex="female")
    asked = []
    while (q := iv.next_question()) is not None:
        asked.append(q.id)
        iv.answer({"severity": "5", "pregnancy": "是", "gestation": "32"}.get(q.id, "没有"))
    assert asked[-2:] == ["pregnancy", "gestation"]
    out = iv.finish()
    assert "孕32周" in out.complaint
    assert "preeclampsia_pattern" in {f.id for f in out.assessment.red_flags}


def test_gestation_is_not_asked_when_the_complaint_states_it() -> None:
    iv = Interview("孕32周，肚子痛", age_years=28, sex="female", pregnant=True)
    ids = []
    while (q := iv.next_question()) is not None:
        ids.append(q.id)
        iv.answer("没有")
    assert "gestation" not in ids


def test_an_unreadable_gestation_names_the_field() -> None:
    iv = Interview("肚子痛", age_years=28, sex="female", pregnant=True)
    while (q := iv.next_question()) is not None and q.id != "gestation":
        iv.answer("5" if q.id == "severity" else "没有")
    with pytest.raises(InputError, match="gestation_weeks"):
        iv.answer("七十")
