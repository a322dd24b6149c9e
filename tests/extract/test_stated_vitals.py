"""Vital signs typed into the complaint are read as the form fields would be, and never guessed at."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen import Intake, assess
from fenzhen.domain import MEASURES
from fenzhen.extract.duration import duration_days_near
from fenzhen.extract.stated_vitals import stated_vitals


@pytest.mark.parametrize(("text", "expected"), [
    ("血压210/120 头痛", {"sbp_mmhg": 210.0, "dbp_mmhg": 120.0}),
    ("BP 85/50, dizzy", {"sbp_mmhg": 85.0, "dbp_mmhg": 50.0}),
    ("发烧39度", {"temp_c": 39.0}),
    ("发热38.5℃，咳嗽", {"temp_c": 38.5}),
    ("发烧到40度了", {"temp_c": 40.0}),
    ("T 39.2, cough", {"temp_c": 39.2}),
    ("diabetic, sugar 30, vomiting", {"glucose_mmol_l": 30.0}),
    ("blood sugar 2.8, sweaty", {"glucose_mmol_l": 2.8}),
    ("心率130次", {"heart_rate_bpm": 130.0}),
    ("HR 150", {"heart_rate_bpm": 150.0}),
    ("呼吸30次/分", {"resp_rate_bpm": 30.0}),
    ("SpO2 88%", {"spo2_pct": 88.0}),
    ("血氧92", {"spo2_pct": 92.0}),
    ("血糖25", {"glucose_mmol_l": 25.0}),
    ("血糖超过30", {"glucose_mmol_l": 30.0}),          # "over": read as the value, at least that
    ("temp is 39.5", {"temp_c": 39.5}),
    ("BP was 80/50", {"sbp_mmhg": 80.0, "dbp_mmhg": 50.0}),
    # The other common unit, converted: mg/dL and °F, said or implied by a value impossible in mmol/L or °C.
    ("blood sugar 300, vomiting", {"glucose_mmol_l": 16.7}),
    ("glucose 45 mg/dL, sweaty", {"glucose_mmol_l": 2.5}),
    ("fever 102F", {"temp_c": 38.9}),
    ("fever of 104 for 2 days", {"temp_c": 40.0}),
    ("glucose 300 mmol", {}),          # said in mmol/L, and impossible in it: not guessed at
    ("发烧100度", {}),
    # Consciousness and pain scores as triage notes write them.
    ("GCS 8, vomiting", {"gcs": 8.0}), ("意识不清 GCS评分8分", {"gcs": 8.0}), ("昏迷评分 6", {"gcs": 6.0}),
    ("pain 8/10", {"pain_nrs": 8.0}), ("NRS 9", {"pain_nrs": 9.0}), ("腹痛 疼痛评分7分", {"pain_nrs": 7.0}),
    ("头痛10分", {"pain_nrs": 10.0}), ("胸痛 评分8分", {"pain_nrs": 8.0}),
    ("pain 3 days", {}), ("腹痛3分钟", {}), ("pain 8", {}), ("gcs 20", {}), ("pain 12/10", {}),
    # Not readings: no number, a duration, an unlabelled pair, a value the intake would refuse.
    ("血糖高，呼吸困难", {}),
    ("发烧3天", {}),
    ("发烧30天", {}),                  # thirty days, not 30 °C
    ("fever for 40 hours", {}),
    ("120/80", {}),                    # no label: could be anything
    ("心率500", {}),
    ("孕32周", {}),
])
def test_stated_vitals(text: str, expected: dict[str, float]) -> None:
    assert stated_vitals(text, {}) == expected


def test_a_converted_reading_says_what_was_written() -> None:
    a = assess(Intake(complaint="diabetic, blood sugar 600, vomiting", age_years=60), model=None)
    assert "hyperglycaemia_symptomatic" in {f.id for f in a.red_flags}
    assert any("33.3 mmol/L (written 600 mg/dL)" in n for n in a.assumptions)
    assert any("（原文 600 mg/dL）" in n for n in a.assumptions_zh)


def test_a_stated_gcs_and_pain_score_grade() -> None:
    assert assess(Intake(complaint="头外伤 GCS 7", age_years=40), model=None).rule_floor_acuity == 1
    # KTAS/CTAS central pain 8-10 → 2: the same as the form's pain field.
    stated = assess(Intake(complaint="chest wall pain, pain 9/10", age_years=40), model=None)
    form = assess(Intake(complaint="chest wall pain", age_years=40, pain_nrs=9), model=None)
    assert stated.rule_floor_acuity == form.rule_floor_acuity


def test_a_form_value_wins_over_the_words() -> None:
    assert stated_vitals("发烧39度，心率130", {"temp_c": 37.0}) == {"heart_rate_bpm": 130.0}


def test_a_stated_reading_grades_and_is_said() -> None:
    a = assess(Intake(complaint="SpO2 85%, 气短", age_years=70), model=None)
    assert a.rule_floor_acuity == 1 and "spo2_pct" not in a.missing_vitals
    assert any("85 %" in note for note in a.assumptions) and any("血氧饱和度 85 %" in n for n in a.assumptions_zh)
    infant = assess(Intake(complaint="发烧39度", age_years=0.15), model=None)
    assert "paedctas2008.fever_lt3mo" in {e.rule for e in infant.evidence}


_ALPHABET = st.sampled_from(list("血压体温发烧热心率呼吸血氧糖天度℃°%/:： 0123456789.,，bpBPTHRspoO2天次年"
                                 "mgdlFsugarGCSnrvaein痛分评"))


@given(st.text(_ALPHABET, max_size=60))
def test_any_text_gives_only_values_the_intake_accepts(text: str) -> None:
    for field, value in stated_vitals(text, {}).items():
        assert MEASURES[field].min <= value <= MEASURES[field].max
        Intake(complaint=text, **{field: value})  # and the intake takes it


@given(st.text(_ALPHABET, max_size=60), st.integers(0, 60), st.integers(0, 8))
def test_a_duration_is_read_from_any_text_without_error(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    stated = duration_days_near(text, start, min(len(text), start + length))
    assert stated is None or stated[0] >= 0
