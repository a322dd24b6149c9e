"""Paediatric support around dosing: normal vital ranges and weight-for-age plausibility.

Normal ranges come from the triage knowledge file ``paediatric_ranges`` (APLS) — read, not
copied, so there is one table in the project.
"""

from __future__ import annotations

from dataclasses import dataclass

from fenzhen.dosing.weight import WeightEstimate, check_age_years, check_weight_kg, estimate_weight_kg
from fenzhen.knowledge import load
from fenzhen.knowledge.schemas import AgeRange

__all__ = ["WeightCheck", "check_weight_for_age", "normal_vital_ranges", "weight_for_age"]


def normal_vital_ranges(age_years: float) -> AgeRange | None:
    """Return the APLS normal HR/RR/SBP ranges for a child's age, or None for adults (≥18)."""
    return load("paediatric_ranges").for_age(check_age_years(age_years))  # type: ignore[no-any-return]


def weight_for_age(age_years: float) -> WeightEstimate:
    """Return the APLS weight-for-age estimate (kg), labelled with its method (see `estimate_weight_kg`)."""
    return estimate_weight_kg(check_age_years(age_years))


@dataclass(frozen=True)
class WeightCheck:
    """Whether a measured weight is plausible for age (a unit slip check, not a growth chart)."""

    plausible: bool
    expected_kg: float
    ratio: float


def check_weight_for_age(weight_kg: float, age_years: float) -> WeightCheck:
    """Compare a child's weight with the APLS estimate; under half or over 2.5× is implausible.

    The bounds are wide on purpose: this catches grams, pounds and swapped fields, not
    malnutrition or obesity, which a growth chart assesses.
    """
    est = estimate_weight_kg(check_age_years(age_years))
    ratio = check_weight_kg(weight_kg) / est.weight_kg
    return WeightCheck(0.5 <= ratio <= 2.5, est.weight_kg, round(ratio, 2))
