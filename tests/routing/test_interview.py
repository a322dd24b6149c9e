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
