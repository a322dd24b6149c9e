"""Formulae with published test values and their boundaries: renal function, weight, fluids."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fenzhen.dosing import (
    adjusted_body_weight_kg,
    assess_dehydration,
    crcl_cockcroft_gault,
    egfr_bedside_schwartz,
    estimate_weight_kg,
    ideal_body_weight_kg,
    maintenance_fluids_ml_per_day,
    maintenance_fluids_ml_per_hour,
    normal_vital_ranges,
)
from fenzhen.dosing.measure import round_to_step
from fenzhen.dosing.units import parse_creatinine, parse_quantity
from fenzhen.errors import InputError


@pytest.mark.parametrize(
    ("age", "wt", "sex", "cr", "want"),
    [
        (70, 60, "male", {"creatinine_mg_dl": 2.5}, 23.3),  # (140-70)*60/(72*2.5)
        (80, 50, "female", {"creatinine_mg_dl": 1.0}, 35.4),  # 60*50/72*0.85
        (40, 72, "male", {"creatinine_mg_dl": 1.0}, 100.0),  # 100*72/72
        (40, 72, "male", {"creatinine_umol_l": 88.4}, 100.0),  # same in µmol/L
    ],
)
def test_cockcroft_gault(age: float, wt: float, sex: str, cr: dict[str, float], want: float) -> None:
    assert crcl_cockcroft_gault(age, wt, sex, **cr) == want  # type: ignore[arg-type]


def test_cockcroft_gault_refuses_children_and_unit_slips() -> None:
    with pytest.raises(InputError, match="bedside Schwartz"):
        crcl_cockcroft_gault(10, 30, "male", creatinine_mg_dl=0.5)
    with pytest.raises(InputError, match="looks like mg/dL"):
        crcl_cockcroft_gault(40, 70, "male", creatinine_umol_l=1.1)
    with pytest.raises(InputError, match="looks like umol/L"):
        crcl_cockcroft_gault(40, 70, "male", creatinine_mg_dl=97)


@pytest.mark.parametrize(
    ("height", "cr", "want"),
    [
        (100, {"creatinine_mg_dl": 0.413}, 100.0),
        (120, {"creatinine_mg_dl": 0.5}, 99.1),  # 0.413*120/0.5
        (120, {"creatinine_umol_l": 44.2}, 99.1),  # 0.5 mg/dL
    ],
)
def test_bedside_schwartz(height: float, cr: dict[str, float], want: float) -> None:
    assert egfr_bedside_schwartz(height, **cr) == want


@pytest.mark.parametrize(("age", "kg"), [(0, 4), (0.5, 7), (1, 10), (3, 14), (5.9, 18), (6, 25), (12, 43)])
def test_apls_weight_estimate(age: float, kg: float) -> None:
    est = estimate_weight_kg(age)
    assert est.weight_kg == kg and est.method.startswith("APLS")


def test_best_guess_and_adult_refusal() -> None:
    assert estimate_weight_kg(3, "best_guess").weight_kg == 16
    assert estimate_weight_kg(10, "best_guess").weight_kg == 40
    with pytest.raises(InputError, match="weight_kg"):
        estimate_weight_kg(30)


def test_ideal_and_adjusted_weight() -> None:
    assert ideal_body_weight_kg(180, "male") == 74.8  # 50 + 0.9*27.6
    assert ideal_body_weight_kg(160, "female") == 52.3
    assert adjusted_body_weight_kg(120, 74.8) == 92.9  # 74.8 + 0.4*45.2
    assert adjusted_body_weight_kg(60, 74.8) == 60


@pytest.mark.parametrize(
    ("kg", "day", "hour"),
    [(3, 300, 12), (10, 1000, 40), (14, 1200, 48), (20, 1500, 60), (25, 1600, 65), (70, 2500, 110)],
)
def test_holliday_segar(kg: float, day: float, hour: float) -> None:
    assert maintenance_fluids_ml_per_day(kg) == day and maintenance_fluids_ml_per_hour(kg) == hour


def test_imci_dehydration_rows_and_boundaries() -> None:
    assert assess_dehydration(lethargic_or_unconscious=True, sunken_eyes=True).plan == "C"
    assert assess_dehydration(restless_irritable=True, sunken_eyes=True, weight_kg=14).ors_ml == 1050
    assert assess_dehydration(restless_irritable=True).plan == "A"  # one sign is not enough
    assert assess_dehydration(sunken_eyes=True, skin_pinch_very_slow=True).classification == "severe_dehydration"


def test_normal_vitals_reused_from_triage_knowledge() -> None:
    r = normal_vital_ranges(3)
    assert r is not None and (r.hr_min, r.hr_max) == (95, 140)
    assert normal_vital_ranges(30) is None


def test_rounding_ties_down_and_respects_ceiling() -> None:
    assert round_to_step(8.75, 0.5) == 8.5
    assert round_to_step(8.8, 0.5) == 9.0
    assert round_to_step(8.8, 0.5, ceiling=8.75) == 8.5


@given(st.floats(min_value=0.01, max_value=5000, allow_nan=False), st.sampled_from(["mg", "g", "µg", "mL", "units"]))
def test_parse_quantity_roundtrip(value: float, unit: str) -> None:
    q = parse_quantity(f"{value:.4f} {unit}", "dose")
    assert q.value == pytest.approx(float(f"{value:.4f}"))


@given(st.text(max_size=20))
def test_parse_quantity_never_crashes(text: str) -> None:
    try:
        parse_quantity(text, "dose")
    except InputError:
        pass


def test_creatinine_needs_its_unit() -> None:
    assert parse_creatinine("1 mg/dL") == pytest.approx(88.4)
    with pytest.raises(InputError, match="unit missing"):
        parse_creatinine("96")
