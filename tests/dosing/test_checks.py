"""Order checks: each finding type fires on a case built for it, with severity and source."""

from __future__ import annotations

import pytest

from fenzhen.dosing import DoseOrder, DosePatient, calculate_dose, check_order
from fenzhen.errors import InputError

CHILD = DosePatient(age_years=3, weight_kg=14)


def codes(order: DoseOrder, patient: DosePatient = CHILD) -> dict[str, str]:
    return {f.code: f.severity for f in check_order(order, patient)}


def test_correct_order_has_no_dose_findings() -> None:
    assert codes(DoseOrder(drug="paracetamol", dose="210 mg", frequency="q6h", indication="fever")) == {}


def test_above_max_single_and_daily() -> None:
    c = codes(
        DoseOrder(drug="paracetamol", dose="1200 mg", frequency="q6h", indication="fever"),
        DosePatient(age_years=30, weight_kg=70),
    )
    assert c["above_max_single"] == "critical" and c["above_max_daily"] == "critical"


def test_below_therapeutic_with_tolerance_boundary() -> None:
    assert "below_therapeutic" not in codes(DoseOrder(drug="paracetamol", dose="126 mg", frequency="q6h"))
    assert codes(DoseOrder(drug="paracetamol", dose="125 mg", frequency="q6h"))["below_therapeutic"] == "warning"


def test_wrong_frequency_and_daily_excess() -> None:
    c = codes(DoseOrder(drug="paracetamol", dose="210 mg", frequency="q4h"))
    assert c["wrong_frequency"] == "warning" and c["above_max_daily"] == "critical"


def test_unit_mixups_are_critical() -> None:
    assert (
        codes(DoseOrder(drug="salbutamol", dose="2500 mg", frequency="q20min", indication="acute_asthma"))["unit_mixup"]
        == "critical"
    )
    assert (
        codes(DoseOrder(drug="paracetamol", dose="210 mL", frequency="q6h", form="syrup_120_5"))["unit_mixup"]
        == "critical"
    )
    with pytest.raises(InputError, match="liquid form"):
        check_order(DoseOrder(drug="paracetamol", dose="5 mL", frequency="q6h"), CHILD)
    with pytest.raises(InputError, match="units"):
        check_order(DoseOrder(drug="insulin", dose="10 mg", frequency="q24h"), DosePatient(age_years=50, weight_kg=70))


def test_ml_order_converted_by_concentration() -> None:
    assert codes(DoseOrder(drug="paracetamol", dose="8.5 mL", frequency="q6h", form="syrup_120_5")) == {}


def test_allergy_cross_sensitivity_duplicate_interaction() -> None:
    p = DosePatient(age_years=60, weight_kg=70, allergies=["青霉素"], current_medications=["ibuprofen", "omeprazole"])
    assert codes(DoseOrder(drug="co-amoxiclav", dose="500 mg", frequency="q8h"), p)["allergy"] == "critical"
    assert (
        codes(DoseOrder(drug="ceftriaxone", dose="2 g", frequency="q24h", indication="sepsis"), p)["cross_sensitivity"]
        == "warning"
    )
    assert (
        codes(DoseOrder(drug="clopidogrel", dose="75 mg", frequency="q24h", indication="cv_prevention"), p)[
            "interaction"
        ]
        == "warning"
    )
    p2 = DosePatient(age_years=60, weight_kg=70, current_medications=["enalapril", "amlodipine"])
    c = codes(DoseOrder(drug="losartan", dose="50 mg", frequency="q24h"), p2)
    assert c["interaction"] == "critical"
    assert codes(DoseOrder(drug="nifedipine", dose="30 mg", frequency="q24h"), p2)["duplicate_therapy"] == "warning"


def test_contraindication_pregnancy_lactation() -> None:
    p = DosePatient(age_years=30, weight_kg=60, sex="female", pregnant=True, conditions=["peptic_ulcer"])
    c = codes(DoseOrder(drug="ibuprofen", dose="400 mg", frequency="q8h"), p)
    assert c["contraindication"] == "critical" and c["pregnancy"] == "critical"
    assert (
        codes(
            DoseOrder(drug="aspirin", dose="100 mg", frequency="q24h", indication="cv_prevention"),
            DosePatient(age_years=30, weight_kg=60, breastfeeding=True),
        )["lactation"]
        == "critical"
    )
    with pytest.raises(InputError, match="unknown condition"):
        DosePatient(age_years=30, conditions=["ulcer"])


def test_renal_avoid_is_critical_and_sourced() -> None:
    p = DosePatient(age_years=70, weight_kg=60, sex="male", creatinine_umol_l=221)
    found = check_order(DoseOrder(drug="metformin", dose="500 mg", frequency="q12h"), p)
    renal = next(f for f in found if f.code == "renal")
    assert renal.severity == "critical" and renal.sources == ["bnf"] and renal.citations


def test_estimated_weight_is_never_silent() -> None:
    r = calculate_dose("paracetamol", "fever", age_years=2)
    assert r.weight_is_estimate and any(f.code == "weight_estimated" for f in r.findings)
    assert "ESTIMATED" in next(f.message_en for f in r.findings if f.code == "weight_estimated")


def test_implausible_weight_for_age_is_flagged() -> None:
    r = calculate_dose("paracetamol", "fever", age_years=3, weight_kg=45)
    assert any(f.code == "weight_implausible" for f in r.findings)


def test_unknown_drug_suggests_but_never_computes() -> None:
    with pytest.raises(InputError, match="did you mean 'paracetamol'"):
        calculate_dose("paracetmol", "fever", age_years=3, weight_kg=14)
