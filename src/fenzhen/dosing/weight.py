"""Body weight for dosing: validate it, estimate it from age, and derive ideal/adjusted weight.

An estimated weight is always returned with its method so every result that used one says so;
a weight is never silently invented for an adult, where age predicts weight poorly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fenzhen.domain import MEASURES
from fenzhen.errors import InputError

__all__ = [
    "WeightEstimate",
    "adjusted_body_weight_kg",
    "check_age_years",
    "check_weight_kg",
    "estimate_weight_kg",
    "ideal_body_weight_kg",
]


@dataclass(frozen=True)
class WeightEstimate:
    """A weight estimated from age: the value, the formula used, and its reference."""

    weight_kg: float
    method: str
    reference: str


def check_weight_kg(weight_kg: float) -> float:
    """Refuse a body weight outside what a living patient can weigh (kg).

    Raises:
        InputError: naming ``weight_kg`` with the accepted range; a value in the pound or
            gram range is called out as a probable unit slip.
    """
    m = MEASURES["weight_kg"]
    if not m.min <= weight_kg <= m.max:
        hint = ""
        if weight_kg > m.max:
            hint = "; looks like grams or pounds" if weight_kg < 800 else "; looks like grams"
        raise InputError.for_field("weight_kg", weight_kg, f"impossible body weight{hint}", f"{m.min}–{m.max} kg")
    return weight_kg


def check_age_years(age_years: float) -> float:
    """Refuse an impossible age (years; fractional for infants).

    Raises:
        InputError: naming ``age_years`` with the accepted range.
    """
    m = MEASURES["age_years"]
    if not m.min <= age_years <= m.max:
        raise InputError.for_field("age_years", age_years, "impossible age", f"{m.min}–{m.max} years")
    return age_years


def estimate_weight_kg(age_years: float, method: Literal["apls", "best_guess"] = "apls") -> WeightEstimate:
    """Estimate a child's weight from age when it cannot be measured.

    APLS (5th/6th edition): 0–12 months (0.5 × age in months) + 4; 1–5 years (2 × age) + 8;
    6–12 years (3 × age) + 7. Best Guess: <12 months (months + 9)/2; 1–4 years 2 × (age + 5);
    5–14 years 4 × age. Ages between 5 and 6 years use the 1–5 year APLS line.

    Args:
        age_years: 0 to <13 (APLS) or <15 (Best Guess) years.
        method: ``"apls"`` or ``"best_guess"``.

    Returns:
        The estimate, labelled with its method and reference.

    Raises:
        InputError: outside the formula's age range (adults must be weighed).

    References:
        Advanced Life Support Group. APLS, 6th ed. 2016, ch. 1. Tinning K, Acworth J. Emerg Med
        Australas 2007;19:528-534 (Best Guess).
    """
    limit = 13 if method == "apls" else 15
    if not 0 <= age_years < limit:
        raise InputError.for_field(
            "weight_kg",
            None,
            f"missing; age-based estimate ({method}) only for ages 0–{limit - 1} years",
            "a measured weight in kg",
        )
    months = age_years * 12
    if method == "apls":
        if age_years < 1:
            kg, line = 0.5 * months + 4, "(0.5 × age in months) + 4"
        elif age_years < 6:
            kg, line = 2 * int(age_years) + 8, "(2 × age in years) + 8"
        else:
            kg, line = 3 * int(age_years) + 7, "(3 × age in years) + 7"
        return WeightEstimate(round(kg, 1), f"APLS {line}", "apls6")
    if age_years < 1:
        kg, line = (int(months) + 9) / 2, "(age in months + 9) / 2"
    elif age_years < 5:
        kg, line = 2 * (int(age_years) + 5), "2 × (age in years + 5)"
    else:
        kg, line = 4 * int(age_years), "4 × age in years"
    return WeightEstimate(round(kg, 1), f"Best Guess {line}", "tinning_2007")


def ideal_body_weight_kg(height_cm: float, sex: Literal["female", "male"]) -> float:
    """Return ideal body weight (Devine): 50 kg (men) or 45.5 kg (women) + 0.9 kg per cm over 152.4 cm.

    Args:
        height_cm: 100–250 cm (the formula is for adults).
        sex: ``"female"`` or ``"male"``.

    Raises:
        InputError: for a height outside 100–250 cm.

    References:
        Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-655.
    """
    if not 100 <= height_cm <= 250:
        raise InputError.for_field("height_cm", height_cm, "outside the range of the Devine formula", "100–250 cm")
    base = 50.0 if sex == "male" else 45.5
    return round(base + 0.9 * (height_cm - 152.4), 1)


def adjusted_body_weight_kg(weight_kg: float, ideal_kg: float) -> float:
    """Return adjusted body weight: IBW + 0.4 × (actual − IBW); actual weight if below IBW.

    References:
        Bauer LA. Applied Clinical Pharmacokinetics, 2nd ed. McGraw-Hill 2008 (0.4 factor).
    """
    if weight_kg <= ideal_kg:
        return weight_kg
    return round(ideal_kg + 0.4 * (weight_kg - ideal_kg), 1)
