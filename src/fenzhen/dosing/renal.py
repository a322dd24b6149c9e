"""Renal function for dosing: Cockcroft–Gault (adults) and bedside Schwartz (children).

Formulary renal bands are written against creatinine clearance (mL/min); bedside Schwartz
gives eGFR in mL/min/1.73 m², which paediatric references use in the same bands. Which
estimate was used is always reported with the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from fenzhen.dosing.schema import RenalBand
from fenzhen.dosing.units import CREATININE_UMOL_PER_MG_DL, creatinine_to_umol_l
from fenzhen.errors import InputError

__all__ = [
    "ADULT_AGE_YEARS",
    "RenalFunction",
    "crcl_cockcroft_gault",
    "egfr_bedside_schwartz",
    "estimate_renal_function",
    "renal_band",
]

#: Age from which Cockcroft–Gault is used instead of bedside Schwartz.
ADULT_AGE_YEARS = 18.0


@dataclass(frozen=True)
class RenalFunction:
    """A renal-function estimate: value (mL/min or mL/min/1.73 m²), the method and its unit."""

    value_ml_min: float
    method: Literal["cockcroft_gault", "bedside_schwartz", "given"]
    unit: str


def _creatinine_umol_l(creatinine_umol_l: float | None, creatinine_mg_dl: float | None) -> float:
    if (creatinine_umol_l is None) == (creatinine_mg_dl is None):
        raise InputError.for_field("creatinine", None, "give exactly one of creatinine_umol_l, creatinine_mg_dl")
    if creatinine_umol_l is not None:
        return creatinine_to_umol_l(creatinine_umol_l, "umol/L")
    assert creatinine_mg_dl is not None
    return creatinine_to_umol_l(creatinine_mg_dl, "mg/dL")


def crcl_cockcroft_gault(
    age_years: float,
    weight_kg: float,
    sex: Literal["female", "male"],
    *,
    creatinine_umol_l: float | None = None,
    creatinine_mg_dl: float | None = None,
) -> float:
    """Estimate creatinine clearance (mL/min) by Cockcroft–Gault.

    CrCl = (140 − age) × weight × (0.85 if female) / (72 × SCr in mg/dL), which equals
    (140 − age) × weight × (1.23 men, 1.04 women) / SCr in µmol/L to within rounding.

    Args:
        age_years: adult age, 18–125 years.
        weight_kg: the weight the reference asks for (actual unless stated), kg.
        sex: ``"female"`` or ``"male"``.
        creatinine_umol_l: serum creatinine in µmol/L (or give ``creatinine_mg_dl``).
        creatinine_mg_dl: serum creatinine in mg/dL.

    Returns:
        CrCl in mL/min, rounded to 0.1.

    Raises:
        InputError: for a child's age, or a missing/implausible creatinine.

    References:
        Cockcroft DW, Gault MH. Nephron 1976;16:31-41.
    """
    if age_years < ADULT_AGE_YEARS:
        raise InputError.for_field(
            "age_years", age_years, "Cockcroft–Gault is for adults; use bedside Schwartz", "≥18 years"
        )
    if sex not in ("female", "male"):
        raise InputError.for_field("sex", sex, "required for Cockcroft–Gault", "female or male")
    scr_mg_dl = _creatinine_umol_l(creatinine_umol_l, creatinine_mg_dl) / CREATININE_UMOL_PER_MG_DL
    crcl = (140 - age_years) * weight_kg / (72 * scr_mg_dl)
    return round(crcl * (0.85 if sex == "female" else 1.0), 1)


def egfr_bedside_schwartz(
    height_cm: float,
    *,
    creatinine_umol_l: float | None = None,
    creatinine_mg_dl: float | None = None,
) -> float:
    """Estimate a child's GFR (mL/min/1.73 m²) by the bedside Schwartz formula.

    eGFR = 0.413 × height (cm) / SCr (mg/dL) = 36.5 × height (cm) / SCr (µmol/L).

    Args:
        height_cm: 30–220 cm.
        creatinine_umol_l: serum creatinine in µmol/L (enzymatic), or give ``creatinine_mg_dl``.
        creatinine_mg_dl: serum creatinine in mg/dL.

    Returns:
        eGFR rounded to 0.1 mL/min/1.73 m².

    Raises:
        InputError: for an impossible height or a missing/implausible creatinine.

    References:
        Schwartz GJ et al. New equations to estimate GFR in children with CKD. J Am Soc
        Nephrol 2009;20:629-637.
    """
    if not 30 <= height_cm <= 220:
        raise InputError.for_field("height_cm", height_cm, "impossible height", "30–220 cm")
    scr_mg_dl = _creatinine_umol_l(creatinine_umol_l, creatinine_mg_dl) / CREATININE_UMOL_PER_MG_DL
    return round(0.413 * height_cm / scr_mg_dl, 1)


def estimate_renal_function(
    age_years: float,
    weight_kg: float | None,
    sex: Literal["female", "male"] | None,
    height_cm: float | None,
    creatinine_umol_l: float,
) -> RenalFunction:
    """Choose Cockcroft–Gault for adults and bedside Schwartz for children.

    Raises:
        InputError: when the chosen formula lacks an input (sex and weight for adults,
            height for children), naming the missing field.
    """
    if age_years >= ADULT_AGE_YEARS:
        if weight_kg is None:
            raise InputError.for_field("weight_kg", None, "required for Cockcroft–Gault creatinine clearance")
        if sex is None:
            raise InputError.for_field(
                "sex", None, "required for Cockcroft–Gault creatinine clearance", "female or male"
            )
        value = crcl_cockcroft_gault(age_years, weight_kg, sex, creatinine_umol_l=creatinine_umol_l)
        return RenalFunction(value, "cockcroft_gault", "mL/min")
    if height_cm is None:
        raise InputError.for_field("height_cm", None, "required for the bedside Schwartz eGFR in a child")
    value = egfr_bedside_schwartz(height_cm, creatinine_umol_l=creatinine_umol_l)
    return RenalFunction(value, "bedside_schwartz", "mL/min/1.73 m²")


def renal_band(bands: list[RenalBand], gfr_ml_min: float, age_years: float | None) -> RenalBand | None:
    """Return the band with ``gfr_min <= gfr < gfr_max`` that applies at this age, if any."""
    for band in bands:
        if not band.gfr_min_ml_min <= gfr_ml_min < band.gfr_max_ml_min:
            continue
        if age_years is not None and age_years < band.age_min_years:
            continue
        if age_years is not None and band.age_max_years is not None and age_years >= band.age_max_years:
            continue
        return band
    return None
