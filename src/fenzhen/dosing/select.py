"""Choose the regimen that applies to a patient, and the weight to dose by.

A regimen applies when its route, age band and weight band match; the first that applies is
used (the formulary orders them). A child's missing weight is estimated from age only when a
candidate regimen needs weight, and the estimate is labelled; an adult's is never estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

from fenzhen.dosing.schema import Indication, Regimen
from fenzhen.dosing.weight import (
    WeightEstimate,
    adjusted_body_weight_kg,
    estimate_weight_kg,
    ideal_body_weight_kg,
)
from fenzhen.errors import InputError

__all__ = ["DosingWeight", "applies", "dosing_weight", "needs_weight", "route_matches", "select_regimen"]


@dataclass(frozen=True)
class DosingWeight:
    """The weight a regimen is dosed by: value, basis, and whether it was estimated."""

    weight_kg: float | None
    basis: str
    estimate: WeightEstimate | None = None


def route_matches(regimen_route: str, route: str | None) -> bool:
    """Return True when `route` (None = any) can give a regimen written for `regimen_route`."""
    if route is None or route == regimen_route:
        return True
    return {route, regimen_route} in ({"iv", "iv_im"}, {"im", "iv_im"})


def applies(r: Regimen, age_years: float, weight_kg: float | None, route: str | None) -> bool:
    """Return True when `r` applies; a weight band with weight unknown does not apply."""
    if not route_matches(r.route, route) or age_years < r.age_min_years:
        return False
    if r.age_max_years is not None and age_years >= r.age_max_years:
        return False
    if r.weight_min_kg is not None and (weight_kg is None or weight_kg < r.weight_min_kg):
        return False
    return not (r.weight_max_kg is not None and (weight_kg is None or weight_kg > r.weight_max_kg))


def needs_weight(r: Regimen) -> bool:
    """Return True when a regimen's choice or dose depends on body weight."""
    return any(v is not None for v in (r.dose_per_kg, r.max_daily_per_kg, r.weight_min_kg, r.weight_max_kg))


def _age_candidates(ind: Indication, age_years: float, route: str | None) -> list[Regimen]:
    return [
        r
        for r in ind.regimens
        if route_matches(r.route, route)
        and r.age_min_years <= age_years
        and (r.age_max_years is None or age_years < r.age_max_years)
    ]


def select_regimen(
    drug_id: str,
    ind_id: str,
    ind: Indication,
    age_years: float,
    weight_kg: float | None,
    route: str | None,
) -> tuple[Regimen, float | None, WeightEstimate | None]:
    """Return ``(regimen, weight used for selection, weight estimate or None)``.

    Raises:
        InputError: when no regimen covers this age/weight/route, or when an adult's weight
            is needed but missing.
    """
    estimate = None
    candidates = _age_candidates(ind, age_years, route)
    if weight_kg is None and any(needs_weight(r) for r in candidates):
        if age_years >= 13:
            raise InputError.for_field(
                "weight_kg",
                None,
                f"required: {drug_id} for {ind_id} is chosen or dosed by weight",
                "a measured weight in kg",
            )
        estimate = estimate_weight_kg(age_years)
        weight_kg = estimate.weight_kg
    for r in ind.regimens:
        if applies(r, age_years, weight_kg, route):
            return r, weight_kg, estimate
    covered = "; ".join(_describe(r) for r in ind.regimens)
    raise InputError.for_field(
        "age_years",
        age_years,
        f"no {drug_id} regimen for {ind_id} at this age/weight{f'/route {route}' if route else ''}: "
        "refer or seek specialist advice",
        covered,
    )


def _describe(r: Regimen) -> str:
    return f"{r.population} ({r.route})"


def dosing_weight(
    r: Regimen, weight_kg: float | None, height_cm: float | None, sex: str | None, estimate: WeightEstimate | None
) -> DosingWeight:
    """Return the weight to dose by, applying the regimen's weight basis (ideal or adjusted).

    Raises:
        InputError: when ideal/adjusted weight is required but height or sex is missing.
    """
    if r.weight_basis == "actual" or weight_kg is None:
        return DosingWeight(weight_kg, "actual" if estimate is None else "estimated", estimate)
    if height_cm is None or sex not in ("female", "male"):
        raise InputError.for_field(
            "height_cm", height_cm, f"height and sex are required: this regimen doses by {r.weight_basis} body weight"
        )
    ibw = ideal_body_weight_kg(height_cm, sex)  # type: ignore[arg-type]
    if r.weight_basis == "ideal":
        return DosingWeight(min(ibw, weight_kg), "ideal", estimate)
    return DosingWeight(adjusted_body_weight_kg(weight_kg, ibw), "adjusted", estimate)
