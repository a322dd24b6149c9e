"""Intake validation: impossible values are refused naming field, value, range and unit."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen import InputError, Intake, assess
from fenzhen.domain import MEASURES


@pytest.mark.parametrize(("field", "value", "needle"), [
    ("heart_rate_bpm", 500, "0–300 /min"),
    ("spo2_pct", 130, "0–100 %"),
    ("temp_c", 60, "25–45 °C"),
    ("temp_c", 101.3, "°F"),
    ("age_years", -1, "0–125 years"),
    ("glucose_mmol_l", 120, "mg/dL"),
    ("weight_kg", 400, "pounds"),
])
def test_impossible_values_name_field_and_range(field: str, value: float, needle: str) -> None:
    with pytest.raises(InputError) as err:
        Intake(complaint="x", **{field: value})
    assert field in err.value.message and needle in err.value.message
    assert err.value.fields[0]["field"] == field


@pytest.mark.parametrize(("data", "field"), [
    ({"complaint": ""}, "complaint"),
    ({"complaint": "   "}, "complaint"),
    ({"complaint": "x" * 5001}, "complaint"),
    ({}, "complaint"),
    ({"complaint": "x", "hr": 80}, "hr"),
    ({"complaint": "x", "sex": "unknown"}, "sex"),
    ({"complaint": "x", "heart_rate_bpm": "fast"}, "heart_rate_bpm"),
    ({"complaint": "x", "sbp_mmhg": 80, "dbp_mmhg": 90}, "dbp_mmhg"),
    ({"complaint": "x", "sex": "male", "pregnant": True}, "pregnant"),
    ({"complaint": "a\x00b"}, "complaint"),
])
def test_malformed_intakes(data: dict, field: str) -> None:
    with pytest.raises(InputError) as err:
        Intake.parse(data)
    assert err.value.fields[0]["field"] == field


def test_extreme_but_possible_values_are_accepted_and_flagged() -> None:
    intake = Intake(complaint="x", heart_rate_bpm=240)
    assert intake.flagged_values() == [("heart_rate_bpm=240 /min is extreme (usual limits 25–230); please re-measure",
                                        "心率 240 /min 数值极端（常见范围 25–230），请复测")]
    a = assess(intake, model=None)
    assert a.warnings == [intake.flagged_values()[0][0]] and a.warnings_zh == [intake.flagged_values()[0][1]]


def test_mixed_language_and_unicode() -> None:
    assert Intake(complaint="胸痛 chest pain 😣 since 2h").complaint.startswith("胸痛")


@given(field=st.sampled_from(sorted(MEASURES)), value=st.floats(allow_nan=True, allow_infinity=True))
def test_every_number_is_accepted_in_range_or_refused_with_the_field(field: str, value: float) -> None:
    m = MEASURES[field]
    integral = field in ("gcs", "pain_nrs")
    try:
        intake = Intake(complaint="x", **{field: value})
    except InputError as err:
        assert err.fields[0]["field"] == field
        in_range = math.isfinite(value) and m.min <= value <= m.max
        assert not in_range or (integral and value != int(value))
    else:
        assert m.min <= getattr(intake, field) <= m.max


@given(text=st.text(min_size=1, max_size=300))
def test_any_text_complaint_is_handled(text: str) -> None:
    from fenzhen import assess

    try:
        intake = Intake(complaint=text)
    except InputError as err:
        assert err.fields[0]["field"] == "complaint"
    else:
        assert 1 <= assess(intake).acuity <= 5
