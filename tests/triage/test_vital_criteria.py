"""Every vital-sign threshold at its boundary (just below, at, just above), per the cited tables."""

import pytest

from fenzhen import Intake, assess


def _rules(**vitals: object) -> set[str]:
    a = assess(Intake(complaint="routine check", **vitals), model=None)
    return {e.rule for e in a.evidence}


# China 2018 consensus, 表1 客观评估指标 (adult). "a~b" inclusive, "<a"/">a" exclusive.
CHINA_2018 = [
    ("heart_rate_bpm", 181, "china2018.hr_gt_180", True),
    ("heart_rate_bpm", 180, "china2018.hr_gt_180", False),
    ("heart_rate_bpm", 180, "china2018.hr_150_180", True),
    ("heart_rate_bpm", 150, "china2018.hr_150_180", True),
    ("heart_rate_bpm", 149, "china2018.hr_150_180", False),
    ("heart_rate_bpm", 39, "china2018.hr_lt_40", True),
    ("heart_rate_bpm", 40, "china2018.hr_lt_40", False),
    ("heart_rate_bpm", 40, "china2018.hr_40_50", True),
    ("heart_rate_bpm", 50, "china2018.hr_40_50", True),
    ("heart_rate_bpm", 51, "china2018.hr_40_50", False),
    ("sbp_mmhg", 69, "china2018.sbp_lt_70", True),
    ("sbp_mmhg", 70, "china2018.sbp_lt_70", False),
    ("sbp_mmhg", 70, "china2018.sbp_70_80", True),
    ("sbp_mmhg", 80, "china2018.sbp_70_80", True),
    ("sbp_mmhg", 81, "china2018.sbp_70_80", False),
    ("sbp_mmhg", 200, "china2018.sbp_gt_200", False),
    ("sbp_mmhg", 201, "china2018.sbp_gt_200", True),
    ("avpu", "U", "china2018.avpu_unresponsive", True),
    ("avpu", "P", "china2018.avpu_pain", True),
    ("avpu", "V", "china2018.avpu_pain", False),
    ("spo2_pct", 79, "china2018.spo2_lt_80", True),
    ("spo2_pct", 80, "china2018.spo2_lt_80", False),
    ("spo2_pct", 80, "china2018.spo2_80_90", True),
    ("spo2_pct", 90, "china2018.spo2_80_90", True),
    ("spo2_pct", 91, "china2018.spo2_80_90", False),
    ("temp_c", 41.0, "china2018.temp_gt_41", False),
    ("temp_c", 41.1, "china2018.temp_gt_41", True),
    ("glucose_mmol_l", 3.32, "china2018.glucose_lt_3_33", True),
    ("glucose_mmol_l", 3.33, "china2018.glucose_lt_3_33", False),
]

# CTAS 2016 first-order modifiers (adult) and ESI respiratory rate; KTAS hypothermia and diastolic pressure.
CTAS = [
    ("dbp_mmhg", 129, "ktas.dbp_ge_130", False),
    ("dbp_mmhg", 130, "ktas.dbp_ge_130", True),
    ("dbp_mmhg", 131, "ktas.dbp_ge_130", True),
    ("temp_c", 31.9, "ktas.temp_lt_32", True),
    ("temp_c", 32.0, "ktas.temp_lt_32", False),
    ("temp_c", 34.9, "ktas.temp_lt_35", True),
    ("temp_c", 35.0, "ktas.temp_lt_35", False),
    ("spo2_pct", 89, "ctas2016.spo2_lt_90", True),
    ("spo2_pct", 90, "ctas2016.spo2_lt_90", False),
    ("spo2_pct", 91, "ctas2016.spo2_lt_92", True),
    ("spo2_pct", 92, "ctas2016.spo2_lt_92", False),
    ("spo2_pct", 92, "ctas2016.spo2_92_94", True),
    ("spo2_pct", 94, "ctas2016.spo2_92_94", True),
    ("spo2_pct", 95, "ctas2016.spo2_92_94", False),
    ("sbp_mmhg", 200, "ctas2016.sbp_200_220", False),
    ("sbp_mmhg", 201, "ctas2016.sbp_200_220", True),
    ("sbp_mmhg", 220, "ctas2016.sbp_gt_220", False),
    ("sbp_mmhg", 221, "ctas2016.sbp_gt_220", True),
    ("sbp_mmhg", 89, "ctas2016.sbp_lt_90", True),
    ("sbp_mmhg", 90, "ctas2016.sbp_lt_90", False),
    ("resp_rate_bpm", 31, "esi_v4.rr_gt_30", True),
    ("resp_rate_bpm", 30, "esi_v4.rr_gt_30", False),
    ("resp_rate_bpm", 7, "esi_v4.rr_lt_8", True),
    ("resp_rate_bpm", 8, "esi_v4.rr_lt_8", False),
    ("gcs", 9, "ctas2016.gcs_3_9", True),
    ("gcs", 10, "ctas2016.gcs_3_9", False),
    ("gcs", 10, "ctas2016.gcs_10_13", True),
    ("gcs", 13, "ctas2016.gcs_10_13", True),
    ("gcs", 14, "ctas2016.gcs_10_13", False),
    # CTAS 2016 blood-glucose modifier: above 18 mmol/L without symptoms → III.
    ("glucose_mmol_l", 18.0, "ctas2016.glucose_gt_18", False),
    ("glucose_mmol_l", 18.1, "ctas2016.glucose_gt_18", True),
]


@pytest.mark.parametrize(("field", "value", "rule", "fires"), CHINA_2018 + CTAS)
def test_adult_boundaries(field: str, value: float, rule: str, fires: bool) -> None:
    assert (rule in _rules(age_years=40, **{field: value})) is fires


# ESI v4 danger zone by age and PALS hypotension (70 + 2 × age for 1-10 y).
PAEDIATRIC = [
    (0.1, "heart_rate_bpm", 181, "esi_v4.hr_lt3mo", True),
    (0.1, "heart_rate_bpm", 180, "esi_v4.hr_lt3mo", False),
    (2, "heart_rate_bpm", 161, "esi_v4.hr_3mo_3y", True),
    (2, "heart_rate_bpm", 160, "esi_v4.hr_3mo_3y", False),
    (2, "resp_rate_bpm", 41, "esi_v4.rr_3mo_3y", True),
    (2, "resp_rate_bpm", 40, "esi_v4.rr_3mo_3y", False),
    (5, "heart_rate_bpm", 141, "esi_v4.hr_3_8y", True),
    (5, "heart_rate_bpm", 140, "esi_v4.hr_3_8y", False),
    (10, "resp_rate_bpm", 21, "esi_v4.rr_gt8y", True),
    (10, "resp_rate_bpm", 20, "esi_v4.rr_gt8y", False),
    (5, "sbp_mmhg", 79, "pals2020.hypotension_1_10y", True),   # 70 + 2×5 = 80
    (5, "sbp_mmhg", 80, "pals2020.hypotension_1_10y", False),
    (0.5, "sbp_mmhg", 69, "pals2020.hypotension_infant", True),
    (0.5, "sbp_mmhg", 70, "pals2020.hypotension_infant", False),
    (0.02, "sbp_mmhg", 59, "pals2020.hypotension_neonate", True),
    (0.02, "sbp_mmhg", 60, "pals2020.hypotension_neonate", False),
    (12, "sbp_mmhg", 89, "pals2020.hypotension_ge10y", True),
    (12, "sbp_mmhg", 90, "pals2020.hypotension_ge10y", False),
    (0.2, "temp_c", 38.0, "paedctas2008.fever_lt3mo", True),
    (0.2, "temp_c", 37.9, "paedctas2008.fever_lt3mo", False),
    (0.3, "temp_c", 38.5, "paedctas2008.fever_lt3mo", False),
    # PaedCTAS respiratory distress by SpO2: <90% → I, 92-94% → III (<92% → II is ESI's row).
    (4, "spo2_pct", 89, "paedctas2008.spo2_lt_90", True),
    (4, "spo2_pct", 90, "paedctas2008.spo2_lt_90", False),
    (4, "spo2_pct", 91, "esi_v4.spo2_child", True),
    (4, "spo2_pct", 92, "esi_v4.spo2_child", False),
    (4, "spo2_pct", 92, "paedctas2008.spo2_92_94", True),
    (4, "spo2_pct", 94, "paedctas2008.spo2_92_94", True),
    (4, "spo2_pct", 95, "paedctas2008.spo2_92_94", False),
    # PALS 2020: bradycardia below 60/min → 1; respiratory rate below 10/min → 2 (any paediatric age).
    (2, "heart_rate_bpm", 59, "pals2020.bradycardia_lt_60", True),
    (2, "heart_rate_bpm", 60, "pals2020.bradycardia_lt_60", False),
    (13, "heart_rate_bpm", 59, "pals2020.bradycardia_lt_60", True),
    (8, "resp_rate_bpm", 9, "pals2020.rr_lt_10", True),
    (8, "resp_rate_bpm", 10, "pals2020.rr_lt_10", False),
    # Chengdu paediatric criteria (China): temperature ≤35 or ≥41 °C → 1级; capillary refill ≥3 s → 2级.
    (6, "temp_c", 34.9, "chengdu2023.temp_le_35", True),
    (6, "temp_c", 35.0, "chengdu2023.temp_le_35", True),
    (6, "temp_c", 35.1, "chengdu2023.temp_le_35", False),
    (6, "temp_c", 40.9, "chengdu2023.temp_ge_41", False),
    (6, "temp_c", 41.0, "chengdu2023.temp_ge_41", True),
    (6, "temp_c", 41.1, "chengdu2023.temp_ge_41", True),
    (6, "cap_refill_s", 2.9, "chengdu2023.crt_ge_3", False),
    (6, "cap_refill_s", 3.0, "chengdu2023.crt_ge_3", True),
    (6, "cap_refill_s", 3.5, "chengdu2023.crt_ge_3", True),
    # NICE NG143 amber: 3-6 months with a temperature of 39 °C or more.
    (0.3, "temp_c", 38.9, "nice_ng143.temp_ge_39_3_6mo", False),
    (0.3, "temp_c", 39.0, "nice_ng143.temp_ge_39_3_6mo", True),
    (0.3, "temp_c", 39.1, "nice_ng143.temp_ge_39_3_6mo", True),
    (0.5, "temp_c", 39.5, "nice_ng143.temp_ge_39_3_6mo", False),   # 6 months and older
    (0.2, "temp_c", 39.5, "nice_ng143.temp_ge_39_3_6mo", False),   # under 3 months: the level-2 row applies
    # WHO IMCI 2014, young infant up to 2 months: temperature ≥37.5 or <35.5 °C → very severe disease.
    (0.1, "temp_c", 37.4, "imci.temp_ge_37_5_young_infant", False),
    (0.1, "temp_c", 37.5, "imci.temp_ge_37_5_young_infant", True),
    (0.1, "temp_c", 37.6, "imci.temp_ge_37_5_young_infant", True),
    (0.2, "temp_c", 37.6, "imci.temp_ge_37_5_young_infant", False),  # older than 2 months
    (0.1, "temp_c", 35.4, "imci.temp_lt_35_5_young_infant", True),
    (0.1, "temp_c", 35.5, "imci.temp_lt_35_5_young_infant", False),
    (0.1, "temp_c", 35.6, "imci.temp_lt_35_5_young_infant", False),
]


@pytest.mark.parametrize(("age", "field", "value", "rule", "fires"), PAEDIATRIC)
def test_paediatric_boundaries(age: float, field: str, value: float, rule: str, fires: bool) -> None:
    assert (rule in _rules(age_years=age, **{field: value})) is fires


def test_china_only_rule_moves_only_the_china_level() -> None:
    a = assess(Intake(complaint="routine check", age_years=40, sbp_mmhg=205), model=None)
    assert a.china_level == 2 and a.rule_floor_acuity == 3


def test_adult_table_not_used_for_children() -> None:
    # HR 150 is China 2级 in adults but normal for a 3-month-old.
    assert "china2018.hr_150_180" not in _rules(age_years=0.3, heart_rate_bpm=150)


@pytest.mark.parametrize(("avpu", "acuity", "china"), [("U", 1, 1), ("P", 1, 1), ("V", 2, 2)])
def test_consciousness_levels_on_both_scales(avpu: str, acuity: int, china: int) -> None:
    # AVPU P: median GCS 8 (Kelly 2004) — "unconscious, GCS 3-8" is level 1 in CTAS/KTAS, 1级 in China 2018.
    a = assess(Intake(complaint="routine check", avpu=avpu), model=None)
    assert (a.rule_floor_acuity, a.china_level) == (acuity, china)


@pytest.mark.parametrize(("age", "value", "fires"),
                         [(0.5, 3.32, True), (6, 3.32, True), (6, 3.33, False), (6, 4.0, False)])
def test_low_glucose_rule_holds_at_every_age(age: float, value: float, fires: bool) -> None:
    # The China 2018 glucose row states no age, and a child's hypoglycaemia is no less urgent.
    assert ("china2018.glucose_lt_3_33" in _rules(age_years=age, glucose_mmol_l=value)) is fires


@pytest.mark.parametrize(("age", "vitals", "acuity"), [
    (2, {"heart_rate_bpm": 50}, 1),     # a bradycardic toddler with a cough was level 5
    (0.05, {"heart_rate_bpm": 55}, 1),
    (8, {"resp_rate_bpm": 8}, 2),
    (6, {"temp_c": 34.5}, 1),
    (6, {"temp_c": 41.5}, 1),
    (6, {"spo2_pct": 88}, 1),
])
def test_slow_rates_and_temperature_extremes_in_children_are_never_non_urgent(
        age: float, vitals: dict[str, float], acuity: int) -> None:
    a = assess(Intake(complaint="咳嗽", age_years=age, **vitals), model=None)
    assert a.rule_floor_acuity == acuity


@pytest.mark.parametrize(("vitals", "fires"), [
    # RCP NEWS2 (2017): a single parameter scoring 3 calls for an urgent response ("low-medium" band).
    ({"heart_rate_bpm": 131}, True),
    ({"heart_rate_bpm": 130}, False),   # pulse 111-130 scores 2
    ({"resp_rate_bpm": 25}, True),
    ({"resp_rate_bpm": 24}, False),     # 21-24 scores 2
])
def test_a_single_news2_parameter_scoring_3_is_urgent(vitals: dict[str, float], fires: bool) -> None:
    a = assess(Intake(complaint="咳嗽", age_years=40, **vitals), model=None)
    assert ("news2.single_parameter_3" in {e.rule for e in a.evidence}) is fires
    assert (a.rule_floor_acuity <= 3) is fires
